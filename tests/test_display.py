"""Choosing the display system before Qt starts: every way it can't work is one line, cause and fix."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.platform.display import Backend, DisplayError, Machine, auto_display, choose_backend, input_problem

GROUPS = "add the user to the video, render and input groups (sudo usermod -aG video,render,input lobby) " \
         "and log in again"


def machine(tmp_path: Path, environ: dict[str, str] | None = None, cards: dict[str, dict[str, str]] | None = None,
            fb: bool = False, **calls) -> Machine:
    """A fake /dev and /sys/class/drm: ``cards={"card1": {"HDMI-A-1": "connected"}}``."""
    dev, sys_drm = tmp_path / "dev", tmp_path / "sys"
    (dev / "dri").mkdir(parents=True)
    sys_drm.mkdir()
    for card, ports in (cards or {}).items():
        (dev / "dri" / card).touch()
        for port, state in ports.items():
            (sys_drm / f"{card}-{port}").mkdir()
            (sys_drm / f"{card}-{port}" / "status").write_text(state + "\n")
    if fb:
        (dev / "fb0").touch()
    defaults = {"open_device": lambda path: 7, "set_master": lambda fd: None, "close": lambda fd: None,
                "find_library": lambda name: name}
    return Machine(environ={"USER": "lobby", **(environ or {})}, dev=dev, sys_drm=sys_drm, **{**defaults, **calls})


def problem(requested: str, m: Machine) -> str:
    with pytest.raises(DisplayError) as caught:
        choose_backend(requested, m)
    return str(caught.value)


def test_auto_takes_wayland_then_x11_then_kms_then_fb(tmp_path):
    both = machine(tmp_path / "a", {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, fb=True)
    assert auto_display(both) == "wayland"
    assert auto_display(machine(tmp_path / "b", {"DISPLAY": ":0"}, fb=True)) == "x11"
    console = machine(tmp_path / "c", cards={"card0": {}, "card1": {"HDMI-A-1": "connected"}}, fb=True)
    assert auto_display(console) == "kms"
    assert auto_display(machine(tmp_path / "d", fb=True)) == "fb"


def test_each_display_sets_qt_up_for_it(tmp_path):
    wayland = choose_backend("wayland", machine(tmp_path / "w", {"WAYLAND_DISPLAY": "wayland-1"}))
    assert (wayland.display, wayland.platform) == ("wayland", "wayland")
    assert choose_backend("x11", machine(tmp_path / "x", {"DISPLAY": ":0"})) == Backend("x11", "xcb")
    fb = choose_backend("fb", machine(tmp_path / "f", fb=True))
    assert fb.platform == f"linuxfb:fb={tmp_path / 'f' / 'dev' / 'fb0'}"
    # A Raspberry Pi 5: card0 renders only, the screen ports are on card1, and Qt is told so.
    (tmp_path / "run").mkdir()
    kms = choose_backend("kms", machine(tmp_path / "k", {"XDG_RUNTIME_DIR": str(tmp_path / "run")},
                                        cards={"card0": {}, "card1": {"HDMI-A-1": "connected"}}))
    assert (kms.platform, kms.environ["QT_QPA_EGLFS_INTEGRATION"]) == ("eglfs", "eglfs_kms")
    config = Path(kms.environ["QT_QPA_EGLFS_KMS_CONFIG"])
    assert config == tmp_path / "run" / "kiosk-eglfs.json"  # rewritten at each start, never piling up
    assert f'"device": "{tmp_path / "k" / "dev" / "dri" / "card1"}"' in config.read_text()


def test_a_platform_set_by_hand_wins_over_auto(tmp_path):
    assert choose_backend("auto", machine(tmp_path, {"QT_QPA_PLATFORM": "vnc:size=640x360"})) == \
        Backend("vnc", "vnc:size=640x360")


def test_no_kms_device(tmp_path):
    assert problem("kms", machine(tmp_path)) == (
        f"--display kms: no KMS display device ({tmp_path}/dev/dri/card* does not exist); load the GPU's driver "
        "(Raspberry Pi: dtoverlay=vc4-kms-v3d in /boot/firmware/config.txt), or use --display fb")


def test_no_screen_connected_names_the_ports(tmp_path):
    m = machine(tmp_path, cards={"card0": {}, "card1": {"HDMI-A-1": "disconnected", "HDMI-A-2": "disconnected"}})
    assert problem("kms", m) == (
        f"--display kms: no screen connected to {tmp_path}/dev/dri/card1 (HDMI-A-1: disconnected, "
        "HDMI-A-2: disconnected); plug the TV in and turn it on, then start again")


def test_permission_denied_names_the_groups(tmp_path):
    def refuse(path):
        raise PermissionError(errno.EACCES, "Permission denied")

    m = machine(tmp_path, cards={"card0": {"HDMI-A-1": "connected"}}, fb=True, open_device=refuse)
    assert problem("kms", m) == f"--display kms: permission denied on {tmp_path}/dev/dri/card0; {GROUPS}"
    assert problem("fb", m) == f"--display fb: permission denied on {tmp_path}/dev/fb0; {GROUPS}"


def test_a_display_held_by_another_program_is_busy(tmp_path):
    def held(fd):
        raise OSError(errno.EBUSY, "Device or resource busy")

    m = machine(tmp_path, cards={"card0": {"HDMI-A-1": "connected"}}, set_master=held)
    assert problem("kms", m) == (
        f"--display kms: {tmp_path}/dev/dri/card0 is busy: another program holds the display (a desktop session "
        "or another kiosk); stop it (for example sudo systemctl stop display-manager) or run the kiosk inside "
        "that session")


def test_missing_libraries_get_the_exact_apt_line(tmp_path):
    present = {"xcb-icccm", "xkbcommon-x11", "drm"}
    x11 = machine(tmp_path / "x", {"DISPLAY": ":0"}, find_library=lambda name: name if name in present else None)
    assert problem("x11", x11) == ("--display x11: Qt needs system libraries this machine lacks; install them with: "
                                   "sudo apt-get install libxcb-cursor0 libxcb-keysyms1")
    kms = machine(tmp_path / "k", cards={"card0": {"HDMI-A-1": "connected"}},
                  find_library=lambda name: name if name in present else None)
    assert problem("kms", kms).endswith("install them with: sudo apt-get install libegl1 libgbm1")


def test_no_session_and_no_device(tmp_path):
    m = machine(tmp_path)
    assert problem("wayland", m) == (
        "--display wayland: no Wayland session (WAYLAND_DISPLAY is not set); start the kiosk from the desktop "
        "session or inside cage (`kiosk setup --mode cage`)")
    assert problem("auto", m).startswith("no display to show the kiosk on: not in a desktop session")


def test_keys_on_the_console_need_a_readable_input_device(tmp_path):
    m = machine(tmp_path)
    assert input_problem(m).startswith("no keyboard or clicker found")
    (tmp_path / "dev" / "input").mkdir()
    event = tmp_path / "dev" / "input" / "event0"
    event.touch(mode=0o000)
    if os.access(event, os.R_OK):  # root reads anything: the check is about the user the kiosk runs as
        assert input_problem(m) is None
    else:
        assert input_problem(m) == f"cannot read keys: permission denied on {event}; {GROUPS}"


def test_run_says_one_line_and_exits_1_without_a_traceback(monkeypatch, capsys):
    def fail(requested):
        raise DisplayError(f"--display {requested}: no framebuffer device")

    monkeypatch.setattr("kiosk.platform.display.prepare_display", fail)
    assert main(["run", "--display", "fb"]) == 1
    assert capsys.readouterr().err == "kiosk: --display fb: no framebuffer device\n"
