"""Display servers the real kiosk can show on, one private server per use.

Each launcher is a context manager that yields a `Display` and stops the server afterwards.
Only Xvfb exists today; a compositor (sway, a VNC server) is one more launcher function
registered in `LAUNCHERS`, yielding the environment its clients need (WAYLAND_DISPLAY and
QT_QPA_PLATFORM=wayland, say) and naming the programs it needs on PATH.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field

START_TIMEOUT_S = 20
STOP_TIMEOUT_S = 5


@dataclass(frozen=True)
class Display:
    """A running display server: what a client puts in its environment, and the server's pid."""

    name: str  # ":3" for X, "wayland-1" for a compositor
    width: int
    height: int
    pid: int
    env: dict[str, str] = field(default_factory=dict)  # DISPLAY or WAYLAND_DISPLAY, QT_QPA_PLATFORM


@dataclass(frozen=True)
class Launcher:
    """How to start one kind of display server, and what it needs installed."""

    start: Callable[[int, int], AbstractContextManager[Display]]
    tools: tuple[str, ...]  # programs that must be on PATH
    install: str  # the line that installs them, for the message when one is missing


def missing_tools(tools: tuple[str, ...]) -> list[str]:
    return [tool for tool in tools if shutil.which(tool) is None]


@contextmanager
def xvfb(width: int = 1920, height: int = 1080) -> Iterator[Display]:
    """Xvfb at ``width``x``height``x24 on a display number it picks itself (-displayfd), so it
    never takes one in use. The root window is white (-wr): the kiosk never paints white edges,
    so a white pixel at the edge means the window does not cover the screen."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
         "-wr", "-noreset"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        name = ":" + _display_number(read_fd, server)
        yield Display(name, width, height, server.pid, {"DISPLAY": name, "QT_QPA_PLATFORM": "xcb"})
    finally:
        os.close(read_fd)
        _stop(server)


def _display_number(read_fd: int, server: subprocess.Popen) -> str:
    """Xvfb writes the display number and a newline to the fd once it accepts clients."""
    text = b""
    while not text.endswith(b"\n"):
        ready, _, _ = select.select([read_fd], [], [], START_TIMEOUT_S)
        chunk = os.read(read_fd, 64) if ready else b""
        if not chunk:
            raise RuntimeError(f"Xvfb did not start (exit code {server.poll()})")
        text += chunk
    return text.decode().strip()


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


LAUNCHERS: dict[str, Launcher] = {
    "xvfb": Launcher(xvfb, ("Xvfb",), "apt-get install xvfb"),
}


def launch(kind: str = "xvfb", width: int = 1920, height: int = 1080) -> AbstractContextManager[Display]:
    """Start a display server of ``kind`` (a key of LAUNCHERS); stop it when the block ends."""
    launcher = LAUNCHERS[kind]
    missing = missing_tools(launcher.tools)
    if missing:
        raise RuntimeError(f"{', '.join(missing)} not installed ({launcher.install})")
    return launcher.start(width, height)
