"""The real program under Xvfb: start it, press keys with xdotool, read the screen with ImageMagick.

Every wait polls for a condition until a deadline, paced by the kiosk's own log output.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from tests.conftest import ROOT

WIDTH, HEIGHT = 1280, 720
POLL = 0.1  # longest pause between two looks at a condition


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """An X server on a free display (Xvfb picks it, -displayfd tells us), with a white root window."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{WIDTH}x{HEIGHT}x24",
                               "-nolisten", "tcp", "-wr", "-noreset"],
                              pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        ready, _, _ = select.select([pipe], [], [], 20)
        number = pipe.readline().strip() if ready else ""
    if not number:
        server.kill()
        raise RuntimeError("Xvfb did not start")
    return server, f":{number}"


@dataclass
class Shot:
    """A screenshot of the whole X display, as RGB bytes."""

    width: int
    height: int
    pixels: bytes

    def rgb(self, x: int, y: int) -> tuple[int, int, int]:
        i = (y * self.width + x) * 3
        return self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]

    def edge(self) -> list[tuple[int, int, int]]:
        """The outermost ring of pixels."""
        w, h = self.width - 1, self.height - 1
        ring = [(x, 0) for x in range(0, w + 1, 4)] + [(x, h) for x in range(0, w + 1, 4)]
        ring += [(0, y) for y in range(0, h + 1, 4)] + [(w, y) for y in range(0, h + 1, 4)]
        return [self.rgb(x, y) for x, y in ring]

    def colors(self, step: int = 16) -> set[tuple[int, int, int]]:
        return {self.rgb(x, y) for x in range(0, self.width, step) for y in range(0, self.height, step)}


class Kiosk:
    """``python main.py run ARGS`` on ``display``, its log collected as it comes."""

    def __init__(self, display: str, args: list[str], time_scale: float = 0.02,
                 env: dict[str, str] | None = None) -> None:
        self.display = display
        self.env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                    "KIOSK_TIME_SCALE": str(time_scale), **(env or {})}
        self.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        self.log = ""
        self.process = subprocess.Popen([sys.executable, "main.py", "run", *args], cwd=ROOT, env=self.env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.set_blocking(self.process.stderr.fileno(), False)

    # -- waiting ------------------------------------------------------------------------

    def read_log(self, wait: float) -> None:
        """Collect new log output, waiting up to ``wait`` seconds for some to arrive."""
        ready, _, _ = select.select([self.process.stderr], [], [], wait)
        if ready:
            chunk = self.process.stderr.read()
            self.log += chunk.decode(errors="replace") if chunk else ""

    def wait_until(self, condition: Callable[[], object], timeout: float, what: str) -> object:
        deadline = time.monotonic() + timeout
        while True:
            result = condition()
            if result:
                return result
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}; kiosk log:\n{self.log}")
            self.read_log(POLL)

    def wait_for_log(self, text: str, timeout: float = 20) -> None:
        self.wait_until(lambda: text in self.log, timeout, f"{text!r} in the log")

    def holds_for(self, condition: Callable[[], bool], seconds: float) -> bool:
        """True when ``condition`` stays true for the whole of ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not condition():
                return False
            self.read_log(POLL)
        return True

    def exit_code(self, timeout: float) -> int | None:
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        self.read_log(0)  # what it said last
        return code

    # -- the X display ------------------------------------------------------------------

    def x(self, *args: str) -> str:
        return subprocess.run(args, env=self.env, capture_output=True, text=True, check=True, timeout=20).stdout

    def key(self, *keys: str, action: str = "key") -> None:
        """Press keys (xdotool names) on the focused window, as a keyboard would."""
        self.x("xdotool", action, *keys)

    def shot(self) -> Shot:
        """The whole display, through ImageMagick's ``import`` as raw 8-bit RGB."""
        data = subprocess.run(["import", "-silent", "-window", "root", "-depth", "8", "rgb:-"], env=self.env,
                              capture_output=True, check=True, timeout=20).stdout
        assert len(data) == WIDTH * HEIGHT * 3, f"unexpected screenshot of {len(data)} bytes"
        return Shot(WIDTH, HEIGHT, data)

    def focused_window(self) -> int:
        return int(self.x("xdotool", "getwindowfocus").strip())

    def focus_root(self) -> None:
        """Move the keyboard focus off the kiosk, as another program popping up would."""
        root = next(word for line in self.x("xwininfo", "-root").splitlines() if "Window id:" in line
                    for word in line.split() if word.startswith("0x"))
        self.x("xdotool", "windowfocus", root)

    def window_geometry(self) -> dict[str, int]:
        ids = self.x("xdotool", "search", "--onlyvisible", "--name", "^kiosk$").split()
        lines = self.x("xdotool", "getwindowgeometry", "--shell", ids[-1]).split()
        return {k: int(v) for k, v in (line.split("=") for line in lines) if k != "SCREEN"}

    def stable_shot(self, timeout: float = 15, quiet: float = 0.5) -> Shot:
        """A screenshot once the screen has stayed the same for ``quiet`` seconds (transitions over)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shot = self.shot()
            if self.holds_for(lambda shot=shot: self.shot().pixels == shot.pixels, quiet):
                return shot
        raise AssertionError(f"the screen never settled within {timeout} s; kiosk log:\n{self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process.stderr.close()
