"""The real program under Xvfb, as a person at the screen meets it: keys pressed with xdotool,
the screen read with ImageMagick.

Starting the process and waiting on its log is harness/process.py's; every wait polls
for a condition until a deadline, paced by the kiosk's own log output.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass

from harness.process import KioskProcess

WIDTH, HEIGHT = 1280, 720
TOOLS = ("xdotool", "xwininfo", "import")  # beside the display server's own
INSTALL = "apt-get install xdotool x11-utils imagemagick"


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


class XKiosk(KioskProcess):
    """The kiosk process on an X display, with the X tools a test drives it through."""

    def __init__(self, args: list[str], *, time_scale: float = 0.02, **options: object) -> None:
        super().__init__(args, time_scale=time_scale, **options)

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
