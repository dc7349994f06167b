"""The console, with no window system: Qt's vnc platform takes the path of linuxfb and eglfs, and
each way the console can't work ends in one line and exit 1, never a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

from tests.conftest import ROOT
from tests.e2e.test_real_window import THREE_PANELS
from tests.helpers.vnc import VncClient

WIDTH, HEIGHT = 640, 360
BACKGROUND = (0x20, 0x40, 0x60)
UNCOVERED = (0, 0, 0)
CONTENT = THREE_PANELS.replace("settings: {title: Booth, transition: none}",
                               "settings: {title: Booth, transition: none, theme: {background: '#204060'}}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def console_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "KIOSK_TIME_SCALE": "0.02", **extra}
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS"):
        if name not in extra:
            env.pop(name, None)
    return env


def test_without_a_window_system_the_kiosk_fills_the_framebuffer_and_takes_keys(tmp_path):
    content = tmp_path / "content.yaml"
    content.write_text(CONTENT, encoding="utf-8")
    port = free_port()
    env = console_env(QT_QPA_PLATFORM=f"vnc:size={WIDTH}x{HEIGHT}:port={port}")
    kiosk = subprocess.Popen([sys.executable, "main.py", "run", str(content), "--presentation"], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    client = None
    try:
        client = VncClient(port)
        first = client.shot()
        assert (client.width, client.height) == (WIDTH, HEIGHT)
        # Qt's framebuffer is black where no window covers it; the kiosk paints none of its edge black.
        assert UNCOVERED not in first.edge(), "the window does not reach the framebuffer's edges"
        assert BACKGROUND in first.colors(step=4) and len(first.colors(step=4)) > 4, "the panel is not shown"
        client.key("Right")
        changed = wait_for(lambda: client.shot().pixels != first.pixels)
        assert changed, "Right did not change the panel"
        client.key("Escape")
        assert kiosk.wait(timeout=20) == 0
    finally:
        if client:
            client.close()
        kiosk.kill()
        log = kiosk.communicate(timeout=10)[1].decode()
    assert "display: vnc" in log
    assert "Traceback" not in log


def wait_for(condition, timeout: float = 10.0) -> bool:
    """Poll ``condition`` (each VNC frame takes a round trip, which paces the loop)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
    return False


def run_console(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", "run", *args], cwd=ROOT, env=console_env(**env),
                          capture_output=True, text=True, timeout=60)


def test_no_kms_device_is_one_line_and_exit_1():
    assert not os.path.exists("/dev/dri"), "this test needs a machine without a GPU"
    result = run_console("--display", "kms")
    assert (result.returncode, result.stderr) == (1, (
        "kiosk: --display kms: no KMS display device (/dev/dri/card* does not exist); load the GPU's driver "
        "(Raspberry Pi: dtoverlay=vc4-kms-v3d in /boot/firmware/config.txt), or use --display fb\n"))


def test_no_framebuffer_device_is_one_line_and_exit_1():
    assert not os.path.exists("/dev/fb0"), "this test needs a machine without a framebuffer"
    result = run_console("--display", "fb")
    assert (result.returncode, result.stderr) == (1, (
        "kiosk: --display fb: no framebuffer device (/dev/fb0 does not exist); use --display kms, "
        "or enable the framebuffer console in the kernel\n"))


def test_qt_without_a_screen_is_one_line_and_exit_1():
    # linuxfb with no framebuffer: Qt starts, but with no screen at all (primaryScreen() is None).
    result = run_console(QT_QPA_PLATFORM="linuxfb")
    assert (result.returncode, result.stderr) == (1, (
        "kiosk: no screen to show on: Qt's linuxfb platform found none (linuxfb: Failed to initialize screen); "
        "connect the screen and turn it on, or choose another --display\n"))
