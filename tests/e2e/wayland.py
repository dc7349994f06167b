"""The kiosk under a Wayland compositor, as a person at the screen meets it: screenshots with grim,
keys with wtype, the window tree from swaymsg. The tools run as nobody, as the compositor does
(harness/displays.py starts it; harness/unprivileged.py has the why).
"""

from __future__ import annotations

import json
import re
import subprocess

from harness.process import KioskProcess
from harness.unprivileged import as_nobody
from tests.e2e.xdisplay import Shot

TOOLS = ("grim", "wtype", "swaymsg", "cage")
INSTALL = "apt-get install grim wtype sway cage"


def as_display_user(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(as_nobody(*argv, env=env), cwd="/", capture_output=True, timeout=30)


def grim_shot(env: dict[str, str], output: str | None = None) -> Shot:
    """One output (or all of them side by side), through grim as PPM."""
    data = as_display_user(env, "grim", "-t", "ppm", *(["-o", output] if output else []), "-").stdout
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)  # one whitespace byte, then the pixels
    assert header, f"grim did not return a PPM image ({data[:40]!r})"
    width, height = int(header[1]), int(header[2])
    return Shot(width, height, data[header.end():header.end() + width * height * 3])


class WaylandKiosk(KioskProcess):
    """The kiosk process in headless sway, with the Wayland tools a test drives it through."""

    def __init__(self, args: list[str], *, time_scale: float = 0.02, **options: object) -> None:
        super().__init__(args, time_scale=time_scale, **options)

    def run(self, *argv: str) -> subprocess.CompletedProcess:
        return as_display_user(self.display.env, *argv)

    def shot(self, output: str | None = None) -> Shot:
        return grim_shot(self.display.env, output)

    def key(self, name: str) -> None:
        # Without the pauses the key is lost, apparently to a keymap race in the virtual keyboard.
        self.run("wtype", "-s", "300", "-k", name, "-s", "300")

    def windows(self) -> list[dict]:
        """Every client window: its output, whether sway shows it full screen, its size."""
        tree = json.loads(self.run("swaymsg", "-t", "get_tree").stdout)
        found: list[dict] = []

        def walk(node: dict, output: str) -> None:
            output = node["name"] if node.get("type") == "output" else output
            if node.get("pid"):
                found.append({"output": output, "fullscreen": node.get("fullscreen_mode") == 1,
                              "size": (node["rect"]["width"], node["rect"]["height"])})
            for child in node.get("nodes", []) + node.get("floating_nodes", []):
                walk(child, output)

        walk(tree, "")
        return found
