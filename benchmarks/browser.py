"""Side by side: the same deck in `chromium --kiosk` and in the kiosk, each under its own Xvfb.

Both run one after the other on the same content (the content's own durations, or every panel
3 s for the stress rotation; both with the 700 ms fade). Each is measured in steady state
(benchmarks/steady.py): once every slide has been on screen once, CPU (share of one core,
summed over every process of the program) over a window of whole rotations, so every panel
and its count-up are in it once per rotation whatever the phase; then, with every slide shown
at least twice, PSS (summed; PSS splits shared pages fairly, so the sum over Chromium's
processes is what it really costs). The X server's CPU is shown too, since both push their
frames through it.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from benchmarks.steady import TIMES, is_steady, panels_in_play, wait_for, wait_shown
from benchmarks.usage import cpu_share, memory_mb
from benchmarks.webpage import write_page_apart
from harness.displays import launch
from harness.process import KioskProcess

# How a locked-down signage machine has to start it (no sandbox, no GPU, nothing from the
# network), plus kiosk mode and the size.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_binary() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


# Chromium prints the page's console on stderr with this; the page logs each slide that leaves.
CONSOLE_FLAGS = ["--enable-logging=stderr", "--v=0"]
LEFT = re.compile(r'"kiosk-bench left (\d+)"')
START_S = 60  # the longest either may take to show its first slide


def _measure(pid: int, xserver_pid: int, window_s: float, steady: Callable[[], None]) -> dict:
    """CPU over ``window_s`` (the program's and the X server's), then PSS once ``steady`` returns."""
    shares: dict[str, float] = {}
    x_thread = threading.Thread(target=lambda: shares.update(x=cpu_share(xserver_pid, window_s, False)))
    x_thread.start()
    cpu = cpu_share(pid, window_s)
    x_thread.join()
    steady()
    memory = memory_mb(pid)
    return {"cpu_pct": cpu, "xserver_cpu_pct": shares["x"], "pss_mb": memory["pss"], "rss_mb": memory["rss"],
            "processes": memory["processes"]}


def slide_that_left(console_line: str) -> str | None:
    """The slide number in a ``kiosk-bench left N`` line of Chromium's console log."""
    match = LEFT.search(console_line)
    return match.group(1) if match else None


class ConsoleWatch:
    """Counts the slides Chromium's page says have left the screen, reading its stderr as it comes."""

    def __init__(self, process: subprocess.Popen) -> None:
        self._left: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen) -> None:
        for line in process.stderr:
            slide = slide_that_left(line)
            if slide is not None:
                with self._lock:
                    self._left[slide] += 1

    def showings(self) -> Counter[str]:
        with self._lock:
            return Counter(self._left)


def run_chromium(page: Path, slides: int, window_s: float) -> dict:
    binary = chromium_binary()
    expected = [str(n) for n in range(slides)]
    with launch("xvfb", 1920, 1080) as server, tempfile.TemporaryDirectory(prefix="kiosk-bench-chromium-") as profile:
        command = [binary, *CHROMIUM_FLAGS, *CONSOLE_FLAGS, "--kiosk", f"--user-data-dir={profile}",
                   "--window-position=0,0", "--window-size=1920,1080", page.as_uri()]
        env = {"DISPLAY": server.name, "HOME": profile, "PATH": "/usr/bin:/bin"}
        browser = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                   errors="replace", start_new_session=True)
        try:
            console = ConsoleWatch(browser)
            rotation = window_s + START_S

            def shown(times: int) -> None:
                wait_for(lambda: is_steady(console.showings(), expected, times) or browser.poll() is not None,
                         rotation, f"every slide of the page shown {times} times")
                if browser.poll() is not None:
                    raise RuntimeError(f"chromium exited early with code {browser.returncode}")

            shown(1)
            return _measure(browser.pid, server.pid, window_s, lambda: shown(TIMES))
        finally:
            _stop_group(browser)


def _stop_group(process: subprocess.Popen) -> None:
    """Chromium forks a zygote and renderers; end its whole process group (its own session)."""
    with contextlib.suppress(ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # renderers that outlived the browser process
    process.wait()


def run_kiosk(content: Path, window_s: float) -> dict:
    expected = panels_in_play(content)
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder, launch("xvfb", 1920, 1080) as server:
        play_log = Path(folder) / "play.jsonl"
        with KioskProcess([str(content), "--play-log", str(play_log)], display=server) as kiosk:
            wait_shown(kiosk, play_log, expected, 1, window_s + START_S)
            return _measure(kiosk.pid, server.pid, window_s,
                            lambda: wait_shown(kiosk, play_log, expected, TIMES, window_s + START_S))


def measuring_window(rotation_s: float, at_least_s: float) -> float:
    """Whole rotations, at least ``at_least_s`` seconds of them."""
    return rotation_s * max(1, math.ceil(at_least_s / rotation_s))


def side_by_side(content: Path, at_least_s: float) -> dict:
    """One Chromium run and one kiosk run, one after the other, and the kiosk/Chromium ratios."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-page-") as folder:
        page = Path(folder) / "deck.html"
        seconds = write_page_apart(content, page)
        window_s = measuring_window(sum(seconds), at_least_s)
        chromium = run_chromium(page, len(seconds), window_s)
    kiosk = run_kiosk(content, window_s)
    return {"chromium": chromium, "kiosk": kiosk, "window_s": window_s,
            "pss_ratio_pct": 100 * kiosk["pss_mb"] / chromium["pss_mb"],
            "cpu_ratio_pct": 100 * kiosk["cpu_pct"] / chromium["cpu_pct"] if chromium["cpu_pct"] else float("nan")}
