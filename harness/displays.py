"""Display servers the real kiosk can show on, one private server per use.

Each launcher is a context manager that yields a `Display` and stops the server afterwards:
- ``xvfb``: an X server;
- ``sway``, ``sway-2``: headless sway (wlroots, the family of labwc and cage) with one or two
  outputs, run as the user nobody, as compositors must be; kiosks on it run as nobody too;
- ``vnc``: no server at all. Qt's vnc platform is the kiosk's own screen, with no window system,
  the path linuxfb and eglfs take on the console; a VNC client reads its frames and sends keys.
"""

from __future__ import annotations

import os
import select
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from harness.unprivileged import AS_NOBODY, as_nobody, private_runtime, public_folder, readable_python

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
    # How a kiosk starts on it, before `run ARGS` (empty: this Python and main.py), and what it
    # must not inherit from the test's environment.
    program: tuple[str, ...] = ()
    unset: tuple[str, ...] = ()


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


@contextmanager
def sway(width: int = 1920, height: int = 1080, outputs: int = 1) -> Iterator[Display]:
    """Headless sway with ``outputs`` outputs (HEADLESS-1, …) of ``width``x``height`` and white
    backgrounds. No window rule helps a client: the kiosk must make itself full screen."""
    work = public_folder("kiosk-sway-")
    python, path = readable_python()
    runtime = private_runtime(work)
    config = work / "sway.conf"
    config.write_text("".join(f"output HEADLESS-{n} mode --custom {width}x{height} bg #ffffff solid_color\n"
                              for n in range(1, outputs + 1)) + "default_border none\n", encoding="utf-8")
    config.chmod(0o644)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "XDG_RUNTIME_DIR": str(runtime)}
    headless = {"WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
                "WLR_HEADLESS_OUTPUTS": str(outputs)}
    log = work / "sway.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(as_nobody("sway", "-c", str(config), env={**env, **headless}), cwd="/",
                                  stdout=out, stderr=subprocess.STDOUT)
    try:
        name = wayland_socket(runtime, server, log)
        ipc = next(runtime.glob("sway-ipc.*.sock"))  # made before the Wayland socket
        env |= {"WAYLAND_DISPLAY": name, "SWAYSOCK": str(ipc), "XDG_CURRENT_DESKTOP": "sway", "PYTHONPATH": path}
        # No QT_QPA_PLATFORM: the kiosk finds the Wayland session by itself, as on a desktop.
        yield Display(name, width, height, server.pid, env, program=(*AS_NOBODY, python, "-m", "kiosk"),
                      unset=("DISPLAY", "QT_QPA_PLATFORM"))
    finally:
        _stop(server)
        shutil.rmtree(work, ignore_errors=True)


def wayland_socket(runtime: Path, server: subprocess.Popen, log: Path) -> str:
    """The compositor's socket's name, once it is there (within a second or two of the start)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline and server.poll() is None:
        sockets = sorted(p.name for p in runtime.glob("wayland-*") if not p.name.endswith(".lock"))
        if sockets:
            return sockets[0]
        time.sleep(0.1)  # nothing to wait on but the folder; poll it
    raise RuntimeError(f"the compositor did not start: {log.read_text(errors='replace')[-2000:]}")


@contextmanager
def vnc(width: int = 1920, height: int = 1080) -> Iterator[Display]:
    """Qt's vnc platform on a free port: the kiosk serves its own screen, with no window system."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    yield Display(f"vnc:{port}", width, height, 0, {"QT_QPA_PLATFORM": f"vnc:size={width}x{height}:port={port}"},
                  unset=("DISPLAY", "WAYLAND_DISPLAY"))


LAUNCHERS: dict[str, Launcher] = {
    "xvfb": Launcher(xvfb, ("Xvfb",), "apt-get install xvfb"),
    "sway": Launcher(sway, ("sway", "setpriv"), "apt-get install sway"),
    "sway-2": Launcher(partial(sway, outputs=2), ("sway", "setpriv"), "apt-get install sway"),
    "vnc": Launcher(vnc, (), "nothing: Qt's vnc platform is in PySide6"),
}


def launch(kind: str = "xvfb", width: int = 1920, height: int = 1080) -> AbstractContextManager[Display]:
    """Start a display server of ``kind`` (a key of LAUNCHERS); stop it when the block ends."""
    launcher = LAUNCHERS[kind]
    missing = missing_tools(launcher.tools)
    if missing:
        raise RuntimeError(f"{', '.join(missing)} not installed ({launcher.install})")
    return launcher.start(width, height)
