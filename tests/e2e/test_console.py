"""The console, with no window system: Qt's vnc platform takes the path of linuxfb and eglfs, and
each way the console can't work ends in one line and exit 1, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from harness.displays import launch
from kiosk.platform.display import Machine
from tests.conftest import ROOT
from tests.e2e.test_real_window import THREE_PANELS
from tests.helpers.vnc import VncClient

WIDTH, HEIGHT = 640, 360
BACKGROUND = (0x20, 0x40, 0x60)
UNCOVERED = (0, 0, 0)
CONTENT = THREE_PANELS.replace("settings: {title: Booth, transition: none}",
                               "settings: {title: Booth, transition: none, theme: {background: '#204060'}}")


def console_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "KIOSK_TIME_SCALE": "0.02", **extra}
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS"):
        if name not in extra:
            env.pop(name, None)
    return env


def test_without_a_window_system_the_kiosk_fills_the_framebuffer_and_takes_keys(kiosk_process, tmp_path):
    content = tmp_path / "content.yaml"
    content.write_text(CONTENT, encoding="utf-8")
    with launch("vnc", WIDTH, HEIGHT) as display:
        kiosk = kiosk_process(str(content), "--presentation", display=display, time_scale=0.02)
        client = VncClient(int(display.name.split(":")[1]))
        try:
            first = client.shot()
            assert (client.width, client.height) == (WIDTH, HEIGHT)
            # Qt's framebuffer is black where no window covers it; the kiosk paints none of its edge black.
            assert UNCOVERED not in first.edge(), "the window does not reach the framebuffer's edges"
            assert BACKGROUND in first.colors(step=4) and len(first.colors(step=4)) > 4, "the panel is not shown"
            client.key("Right")
            kiosk.wait_until(lambda: client.shot().pixels != first.pixels, 10, "Right to change the panel")
            client.key("Escape")
            assert kiosk.exit_code(timeout=20) == 0
        finally:
            client.close()
    assert "display: vnc" in kiosk.log
    assert "Traceback" not in kiosk.log


def run_console(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", "run", *args], cwd=ROOT, env=console_env(**env),
                          capture_output=True, text=True, timeout=60)


# A Pi or a PC with a GPU has the devices these tests need missing: there the kiosk uses them.
HAS_KMS = bool(Machine().cards())  # the kiosk's own rule: /dev/dri/card*
HAS_FRAMEBUFFER = os.path.exists("/dev/fb0")


@pytest.mark.skipif(HAS_KMS, reason="this machine has a KMS device (/dev/dri/card*), so none is missing")
def test_no_kms_device_is_one_line_and_exit_1():
    result = run_console("--display", "kms")
    assert (result.returncode, result.stderr) == (1, (
        "kiosk: --display kms: no KMS display device (/dev/dri/card* does not exist); load the GPU's driver "
        "(Raspberry Pi: dtoverlay=vc4-kms-v3d in /boot/firmware/config.txt), or use --display fb\n"))


@pytest.mark.skipif(HAS_FRAMEBUFFER, reason="this machine has a framebuffer (/dev/fb0), so none is missing")
def test_no_framebuffer_device_is_one_line_and_exit_1():
    result = run_console("--display", "fb")
    assert (result.returncode, result.stderr) == (1, (
        "kiosk: --display fb: no framebuffer device (/dev/fb0 does not exist); use --display kms, "
        "or enable the framebuffer console in the kernel\n"))


@pytest.mark.skipif(HAS_FRAMEBUFFER, reason="this machine has a framebuffer (/dev/fb0): linuxfb finds a screen")
def test_qt_without_a_screen_is_one_line_and_exit_1():
    # linuxfb with no framebuffer: Qt starts, but with no screen at all (primaryScreen() is None).
    result = run_console(QT_QPA_PLATFORM="linuxfb")
    assert (result.returncode, result.stderr) == (1, (
        "kiosk: no screen to show on: Qt's linuxfb platform found none (linuxfb: Failed to initialize screen); "
        "connect the screen and turn it on, or choose another --display\n"))
