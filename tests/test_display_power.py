"""Switching the screen: the DPMS, wlopm, wlr-randr and CEC calls, against fake commands on PATH."""

from __future__ import annotations

import logging
import os
import shutil

import pytest

from kiosk.run.power import display_power
from kiosk.run.power.display_power import DisplayPower, methods_for
from tests.helpers.fake_commands import CEC_PLAYBACK, FakeCommands


@pytest.fixture
def fakes(tmp_path, monkeypatch):
    fake = FakeCommands(tmp_path / "bin")
    monkeypatch.setenv("PATH", fake.path_with(str(tmp_path / "nothing-else")))
    return fake


def switched(platform, *states, cec=False, outputs=("HDMI-A-1",), devices=("/dev/cec0",)):
    power = DisplayPower(methods_for(platform, list(outputs), cec=cec, cec_devices=lambda: list(devices)))
    for on in states:
        power.switch(on).result(timeout=30)
    power.close()


def test_x11_uses_dpms(fakes):
    fakes.add("xset")
    switched("xcb", False, True)
    assert fakes.calls() == ["xset dpms force off", "xset dpms force on", "xset -dpms"]


def test_wlroots_uses_wlopm_and_else_wlr_randr_per_output(fakes):
    fakes.add("wlopm")
    fakes.add("wlr-randr")
    switched("wayland", False, True)
    assert fakes.calls() == ["wlopm --off *", "wlopm --on *"]
    os.remove(fakes.folder / "wlopm")
    fakes.log.write_text("")
    switched("wayland", False, True, outputs=("HDMI-A-1", "DP-1"))
    assert fakes.calls() == ["wlr-randr --output HDMI-A-1 --off", "wlr-randr --output DP-1 --off",
                             "wlr-randr --output HDMI-A-1 --on", "wlr-randr --output DP-1 --on"]


def test_cec_standby_then_image_view_on_and_active_source(fakes):
    fakes.add("xset")
    fakes.add("cec-ctl", CEC_PLAYBACK)
    switched("xcb", False, True, cec=True)
    assert fakes.calls() == [
        "xset dpms force off", "cec-ctl -d /dev/cec0 --playback", "cec-ctl -d /dev/cec0 --to 0 --standby",
        "xset dpms force on", "xset -dpms",
        "cec-ctl -d /dev/cec0 --playback", "cec-ctl -d /dev/cec0 --to 0 --image-view-on",
        "cec-ctl -d /dev/cec0 --to 0 --active-source phys-addr=1.0.0.0"]


def test_cec_without_a_device_or_eglfs_runs_nothing_but_says_why(fakes, caplog):
    fakes.add("cec-ctl", CEC_PLAYBACK)
    with caplog.at_level(logging.WARNING):
        switched("eglfs", False, True, cec=True, devices=())
    assert fakes.calls() == []
    assert "there is no /dev/cec* device" in caplog.text


def test_a_tv_that_misses_the_first_message_gets_a_second(fakes):
    fail_once = 'case "$*" in *--standby*) [ -e "$0.once" ] || { : > "$0.once"; exit 1; };; esac'
    fakes.add("cec-ctl", f"{CEC_PLAYBACK}\n{fail_once}")
    switched("eglfs", False, cec=True)
    assert fakes.calls()[-2:] == ["cec-ctl -d /dev/cec0 --to 0 --standby"] * 2


def test_each_failure_is_logged_once_per_cause(fakes, caplog):
    fakes.add("cec-ctl", 'echo "CEC_ADAP_S_LOG_ADDRS: Device or resource busy" >&2; exit 1')
    with caplog.at_level(logging.WARNING):
        switched("xcb", False, True, False, True, cec=True)  # xset is not installed either
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 2, warnings  # xset missing, cec-ctl busy: one line per cause, not per call
    assert any("xset is not installed (apt-get install x11-xserver-utils)" in w for w in warnings)
    assert any("Device or resource busy" in w and "CEC on /dev/cec0" in w for w in warnings)


def test_a_command_that_hangs_is_cut_off_by_its_timeout(fakes, caplog, monkeypatch):
    monkeypatch.setattr(display_power, "TIMEOUT", 0.3)
    fakes.add("xset", f"exec {shutil.which('sleep', path='/usr/bin:/bin')} 30")
    with caplog.at_level(logging.WARNING):
        switched("xcb", False)
    assert "did not answer within 0.3 s" in caplog.text


def test_the_caller_never_waits_for_a_command(fakes, tmp_path):
    gate = tmp_path / "gate"
    os.mkfifo(gate)
    fakes.add("xset", f'read line < "{gate}"')
    power = DisplayPower(methods_for("xcb", [], cec=False))
    pending = power.switch(False)
    assert not pending.done()  # the command is still waiting for the gate
    with open(gate, "w") as opened:
        opened.write("go\n")
    pending.result(timeout=30)
    power.close()
    assert fakes.calls() == ["xset dpms force off"]
