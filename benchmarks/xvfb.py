"""A private X server per measurement: Xvfb picks its own display number (-displayfd)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

START_TIMEOUT_S = 15


@dataclass(frozen=True)
class XServer:
    display: str  # ":N", for DISPLAY
    pid: int


@contextmanager
def xvfb(width: int = 1920, height: int = 1080) -> Iterator[XServer]:
    """Run Xvfb at ``width``x``height``x24 and yield its display and pid; stop it afterwards."""
    if shutil.which("Xvfb") is None:
        raise RuntimeError("Xvfb is not installed (apt-get install xvfb)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
         "-noreset"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        yield XServer(":" + _read_display(read_fd, server), server.pid)
    finally:
        os.close(read_fd)
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _read_display(read_fd: int, server: subprocess.Popen) -> str:
    """Xvfb writes the display number and a newline to the fd once it accepts clients."""
    import select

    text = b""
    while not text.endswith(b"\n"):
        ready, _, _ = select.select([read_fd], [], [], START_TIMEOUT_S)
        chunk = os.read(read_fd, 64) if ready else b""
        if not chunk:
            raise RuntimeError(f"Xvfb did not start (exit code {server.poll()})")
        text += chunk
    return text.decode().strip()
