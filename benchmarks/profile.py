"""Profile the real kiosk with py-spy, for a target ``make bench`` says was missed.

    python -m benchmarks.profile [--rotation S] [--size WxH] [--seconds N] [--keys] [--native]
                                 [--format flamegraph|speedscope|raw] [--out FILE] [CONTENT]

Starts the kiosk (``python main.py run CONTENT``, the seed by default) under a private Xvfb,
then samples it with ``py-spy record --pid`` for ``--seconds``: ``--rotation 3`` plays the seed
with every panel 3 s (the side by side's stress rotation), ``--keys`` presses Right at a clicker's pace
throughout (the key-to-first-frame benchmark), ``--native`` adds Qt's C++ frames. Writes a
flame graph (SVG) or a speedscope JSON under benchmarks/out/. py-spy comes with the ``bench``
extra (``make`` installs it into .venv); attaching needs ptrace rights (root, CAP_SYS_PTRACE
or kernel.yama.ptrace_scope=0). For a kiosk already running, ``py-spy dump --pid PID`` prints
what each thread is doing now.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.latency import SETTLE_S, TRACE_ENV, XKeyboard
from harness.contentfiles import SEED, long_durations
from harness.displays import launch
from harness.process import KioskProcess

OUT = Path(__file__).resolve().parent / "out"
SUFFIX = {"flamegraph": "svg", "speedscope": "json", "raw": "txt"}


def py_spy() -> str:
    found = shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit("py-spy is not installed: pip install -e '.[bench]' (make does)")
    return found


def record(content: Path, size: tuple[int, int], seconds: float, out: Path, *, fmt: str = "flamegraph",
           keys: bool = False, native: bool = False) -> Path:
    """Sample the kiosk playing ``content`` for ``seconds``; the profile is written to ``out``."""
    command = [py_spy(), "record", "--duration", str(round(seconds)), "--rate", "200", "--format", fmt,
               "--output", str(out), "--threads", *(["--native"] if native else [])]
    out.parent.mkdir(parents=True, exist_ok=True)
    with launch("xvfb", *size) as server, KioskProcess([str(content)], display=server, env=TRACE_ENV) as kiosk:
        if kiosk.wait_painted(60) is None:
            raise RuntimeError(f"the kiosk did not paint:\n{kiosk.log}")
        sampler = subprocess.Popen([*command, "--pid", str(kiosk.pid)])
        keyboard = XKeyboard(server.name) if keys else None
        try:
            while sampler.poll() is None:
                if keyboard is not None:
                    keyboard.tap("Right")
                time.sleep(SETTLE_S)
        finally:
            if keyboard is not None:
                keyboard.close()
        if sampler.returncode != 0:
            raise RuntimeError(f"py-spy failed ({sampler.returncode}); it needs ptrace rights")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__.split("\n")[0])
    parser.add_argument("content", nargs="?", type=Path, default=SEED)
    parser.add_argument("--rotation", type=int, metavar="S", help="the seed with every panel S seconds")
    parser.add_argument("--size", default="1920x1080", help="the screen, WxH (3840x2160 for 4K)")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--keys", action="store_true", help="press Right every couple of seconds, as a clicker")
    parser.add_argument("--native", action="store_true", help="show C++ (Qt) frames too")
    parser.add_argument("--format", choices=list(SUFFIX), default="flamegraph")
    parser.add_argument("--out", type=Path, help="default: benchmarks/out/profile-SIZE.svg (or .json)")
    args = parser.parse_args(argv)
    size = tuple(int(part) for part in args.size.split("x"))
    out = args.out or OUT / f"profile-{args.size}.{SUFFIX[args.format]}"
    with tempfile.TemporaryDirectory(prefix="kiosk-profile-") as folder:
        content = long_durations(Path(folder), seconds=args.rotation) if args.rotation else args.content
        print(record(content, size, args.seconds, out, fmt=args.format, keys=args.keys, native=args.native))
    return 0


if __name__ == "__main__":
    sys.exit(main())
