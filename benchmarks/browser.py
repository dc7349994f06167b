"""Side by side: the same deck in `chromium --kiosk` and in the kiosk, each under its own Xvfb.

Both run one after the other with the content's own durations and a 700 ms fade. After a
warm-up, each is measured over the same length of window: CPU (share of one core, summed
over every process of the program) and PSS (summed; PSS splits shared pages fairly, so the
sum over Chromium's processes is what it really costs). The X server's CPU is shown too,
since both push their frames through it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.usage import cpu_share, memory_mb
from benchmarks.webpage import write_page
from tests.harness.displays import launch
from tests.harness.process import KioskProcess

# How a locked-down signage machine has to start it (no sandbox, no GPU, nothing from the
# network), plus kiosk mode and the size.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_binary() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _measure(pid: int, xserver_pid: int, window_s: float) -> dict:
    shares: dict[str, float] = {}
    x_thread = threading.Thread(target=lambda: shares.update(x=cpu_share(xserver_pid, window_s, False)))
    x_thread.start()
    cpu = cpu_share(pid, window_s)
    x_thread.join()
    memory = memory_mb(pid)
    return {"cpu_pct": cpu, "xserver_cpu_pct": shares["x"], "pss_mb": memory["pss"], "rss_mb": memory["rss"],
            "processes": memory["processes"]}


def run_chromium(page: Path, warmup_s: float, window_s: float) -> dict:
    binary = chromium_binary()
    with launch("xvfb", 1920, 1080) as server, tempfile.TemporaryDirectory(prefix="kiosk-bench-chromium-") as profile:
        command = [binary, *CHROMIUM_FLAGS, "--kiosk", f"--user-data-dir={profile}", "--window-position=0,0",
                   "--window-size=1920,1080", page.as_uri()]
        env = {"DISPLAY": server.name, "HOME": profile, "PATH": "/usr/bin:/bin"}
        browser = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        try:
            time.sleep(warmup_s)
            if browser.poll() is not None:
                raise RuntimeError(f"chromium exited early with code {browser.returncode}")
            return _measure(browser.pid, server.pid, window_s)
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


def run_kiosk(content: Path, warmup_s: float, window_s: float) -> dict:
    with launch("xvfb", 1920, 1080) as server, KioskProcess([str(content)], display=server) as kiosk:
        if kiosk.wait_painted(timeout=60) is None:
            raise RuntimeError("the kiosk did not paint within 60 s")
        time.sleep(warmup_s)
        return _measure(kiosk.pid, server.pid, window_s)


def side_by_side(content: Path, warmup_s: float, window_s: float) -> dict:
    """One Chromium run and one kiosk run, one after the other, and the kiosk/Chromium ratios."""
    from kiosk.core.content import load_content

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-page-") as folder:
        page = write_page(load_content(content), Path(folder) / "deck.html")
        chromium = run_chromium(page, warmup_s, window_s)
    kiosk = run_kiosk(content, warmup_s, window_s)
    return {"chromium": chromium, "kiosk": kiosk,
            "pss_ratio_pct": 100 * kiosk["pss_mb"] / chromium["pss_mb"],
            "cpu_ratio_pct": 100 * kiosk["cpu_pct"] / chromium["cpu_pct"] if chromium["cpu_pct"] else float("nan")}
