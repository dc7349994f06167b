"""A real Wayland compositor for the tests: headless sway (wlroots, the family of labwc and cage).

Compositors refuse to run as root (cage) or shouldn't, so the compositor, the kiosk and the
tools (grim for screenshots, wtype for keys) all run as the unprivileged user ``nobody``, in a
runtime folder of its own. That user must be able to run this Python and read the kiosk, its
packages and the content: `readable_python()` finds a way or says why there is none.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import site
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.conftest import ROOT
from tests.e2e.xdisplay import Kiosk, Shot

NOBODY = 65534
AS_NOBODY = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
TOOLS = ("sway", "cage", "grim", "wtype", "setpriv")


def as_nobody(*argv: str, env: dict[str, str]) -> list[str]:
    """``argv`` as the user nobody, with exactly ``env`` (nothing of root's leaks in)."""
    return [*AS_NOBODY, "env", "-i", *(f"{k}={v}" for k, v in env.items()), *argv]


def readable_python(work: Path) -> tuple[str, str]:
    """A Python and a PYTHONPATH with the kiosk and its packages that nobody can use.

    This venv's own Python may live under a private home (pyenv in /root); a system Python
    of the same version loads the same packages. Where the packages themselves can't be read,
    they are linked (or copied) into ``work``.
    """
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    packages = [p for p in site.getsitepackages() if Path(p).is_dir()]
    candidates = [sys.executable, str(Path(sys.base_prefix) / "bin" / version), f"/usr/bin/{version}"]
    for python in dict.fromkeys(candidates):
        for path in (os.pathsep.join([str(ROOT), *packages]), None):
            if path is None:
                path = _staged(work, packages)
            if _probe(python, path):
                return python, path
    raise RuntimeError(f"no {version} that the user nobody can run with the kiosk's packages; install "
                       f"Debian's {version} (apt-get install {version}) or put the venv in a world-readable folder")


def _probe(python: str, path: str) -> bool:
    probe = as_nobody(python, "-c", "import kiosk.cli, PySide6.QtWidgets", env={"PYTHONPATH": path})
    return subprocess.run(probe, cwd="/", capture_output=True, timeout=60).returncode == 0


def _staged(work: Path, packages: list[str]) -> str:
    stage = work / "stage"
    if not stage.exists():
        for source, name in [(ROOT / "kiosk", "src/kiosk"), *((Path(p), f"site{i}") for i, p in enumerate(packages))]:
            try:
                shutil.copytree(source, stage / name, copy_function=os.link, symlinks=True)
            except OSError:  # another file system: copy instead
                shutil.rmtree(stage / name, ignore_errors=True)
                shutil.copytree(source, stage / name, symlinks=True)
        subprocess.run(["chmod", "-R", "a+rX", str(stage)], check=True)
    return os.pathsep.join([str(stage / "src"), *(str(stage / f"site{i}") for i in range(len(packages)))])


def public_folder() -> Path:
    """A folder nobody can read and write (pytest's tmp_path is private to root)."""
    work = Path(tempfile.mkdtemp(prefix="kiosk-wayland-"))
    work.chmod(0o777)
    return work


class Compositor:
    """A headless wlroots compositor running ``command`` as nobody; screenshots and keys as nobody too."""

    name = "compositor"

    def __init__(self, work: Path, command: list[str], outputs: int = 1, env: dict[str, str] | None = None) -> None:
        self.runtime = Path(tempfile.mkdtemp(prefix="runtime-", dir=work))  # mode 0700, as Wayland wants
        os.chown(self.runtime, NOBODY, NOBODY)
        self.env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "XDG_RUNTIME_DIR": str(self.runtime)}
        headless = {"WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
                    "WLR_HEADLESS_OUTPUTS": str(outputs)}
        self.log = self.runtime.with_suffix(".log")
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(as_nobody(*command, env={**self.env, **headless, **(env or {})}),
                                            cwd="/", stdout=log, stderr=subprocess.STDOUT)
        self.socket = self._wait_for_socket()
        self.env["WAYLAND_DISPLAY"] = self.socket

    def _wait_for_socket(self, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            sockets = sorted(p.name for p in self.runtime.glob("wayland-*") if not p.name.endswith(".lock"))
            if sockets:
                return sockets[0]
            if self.process.poll() is not None:
                break
            time.sleep(0.1)  # sway is starting; it makes the socket within a second or two
        raise RuntimeError(f"{self.name} did not start: {self.log.read_text(errors='replace')[-2000:]}")

    def run(self, *argv: str) -> subprocess.CompletedProcess:
        return subprocess.run(as_nobody(*argv, env=self.env), cwd="/", capture_output=True, timeout=30)

    def shot(self, output: str | None = None) -> Shot:
        """One output (or all of them side by side), through grim as PPM."""
        data = self.run("grim", "-t", "ppm", *(["-o", output] if output else []), "-").stdout
        header, pixels = _ppm(data)
        return Shot(header[0], header[1], pixels)

    def key(self, name: str) -> None:
        # Without the pauses the key is lost, apparently to a keymap race in the virtual keyboard.
        self.run("wtype", "-s", "300", "-k", name, "-s", "300")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


class Sway(Compositor):
    """Headless sway with ``outputs`` outputs of 1280x720, and its IPC socket for swaymsg."""

    name = "sway"

    def __init__(self, work: Path, outputs: int = 1, width: int = 1280, height: int = 720) -> None:
        config = Path(tempfile.mkstemp(prefix="sway-", suffix=".conf", dir=work)[1])
        # No for_window rule: the kiosk must make itself full screen, as on any compositor.
        config.write_text("".join(f"output HEADLESS-{n} mode --custom {width}x{height} bg #ffffff solid_color\n"
                                  for n in range(1, outputs + 1)) + "default_border none\n", encoding="utf-8")
        config.chmod(0o644)
        super().__init__(work, ["sway", "-c", str(config)], outputs)
        ipc = next(self.runtime.glob("sway-ipc.*.sock"), None)  # made before the Wayland socket
        self.env |= {"XDG_CURRENT_DESKTOP": "sway", "SWAYSOCK": str(ipc)}

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


def _ppm(data: bytes) -> tuple[tuple[int, int], bytes]:
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)  # one whitespace byte, then the pixels
    assert header, f"grim did not return a PPM image ({data[:40]!r})"
    width, height = int(header[1]), int(header[2])
    return (width, height), data[header.end():header.end() + width * height * 3]


class WaylandKiosk(Kiosk):
    """``main.py run ARGS`` inside ``sway``, as nobody, its log collected as it comes."""

    def __init__(self, sway: Sway, python: tuple[str, str], args: list[str], time_scale: float = 0.02) -> None:
        self.env = {**sway.env, "PYTHONPATH": python[1], "KIOSK_TIME_SCALE": str(time_scale)}
        self.log = ""
        self.process = subprocess.Popen(as_nobody(python[0], "-m", "kiosk", "run", *args, env=self.env),
                                        cwd="/", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.set_blocking(self.process.stderr.fileno(), False)
