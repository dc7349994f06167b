"""The benchmarks. Each takes a Plan and returns {figure key: [one value per run]} plus notes."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import browser, saves
from benchmarks.latency import SETTLE_S, TRACE_ENV, XKeyboard, key_presses, timer_changes
from benchmarks.stats import percentile
from benchmarks.steady import TIMES, changes_logged, panels_in_play, wait_shown
from benchmarks.usage import cpu_share, memory_mb
from harness.contentfiles import ROOT, SEED, long_durations
from harness.displays import launch
from harness.process import KioskProcess

PAINT_TIMEOUT_S = 60
SIZES = {"1080p": (1920, 1080), "4k": (3840, 2160)}
STEADY_TIMEOUT_S = 300  # two rotations, sped up, on a busy machine


@dataclass(frozen=True)
class Plan:
    """How much of each benchmark to run: the full suite, or QUICK for CI."""

    quick: bool
    start_runs: int = 10
    frame_runs: int = 3
    fades: int = 10
    idle_runs: int = 3
    idle_window_s: float = 30
    warmup_s: float = 5
    rotations: int = 5000
    reloads: int = 500
    week_changes: int = 50_400  # the week soak: a week at 12 s a panel
    week_fade_every: int = 40  # the week soak: one content version in this many crossfades
    week_sample_every: int = 1000  # the week soak: changes between two censuses
    week_reload_every: int = 100  # the week soak: changes between two saves of the content
    reload_runs: int = 3
    saves: int = 50
    render_runs: int = 3
    browser_runs: int = 3
    browser_window_s: float = 30  # at least this long, in whole rotations
    steady_runs: int = 3
    steady_4k_runs: int = 1
    steady_time_scale: float = 0.02  # a 12 s panel in 0.24 s; the fade keeps its real 700 ms
    hour_changes: int = 300  # an hour at 12 s a panel
    latency_runs: int = 3
    latency_sizes: tuple[str, ...] = ("1080p", "4k")
    presses: int = 12
    timed_changes: int = 12

    def at_most(self, runs: int) -> Plan:
        """The same plan with every repeated run (``…_runs``) capped at ``runs``; lengths unchanged."""
        capped = {name: min(value, runs) for name, value in vars(self).items() if name.endswith("_runs")}
        return dataclasses.replace(self, **capped)

    @classmethod
    def quick_plan(cls) -> Plan:
        return cls(quick=True, start_runs=2, frame_runs=1, fades=2, idle_runs=1, idle_window_s=5, warmup_s=2,
                   rotations=150, reloads=15, week_changes=1000, reload_runs=1, saves=5, render_runs=1, browser_runs=0,
                   week_fade_every=10, week_sample_every=500, steady_runs=1, steady_4k_runs=0, hour_changes=14,
                   latency_runs=1,
                   latency_sizes=("1080p",), presses=3, timed_changes=3)


Figures = dict[str, list[float]]


# Keys starting with this are kept as they are in results.json ("details"), not as figures.
DETAIL = "detail_"


class UnavailableError(Exception):
    """A benchmark that cannot run here (no chromium, no live reload yet): reported, not a failure."""


def cold_start(plan: Plan) -> Figures:
    """Popen of the real kiosk to its first-paint log line. The first run only warms the disk cache."""
    runs = []
    with launch("xvfb", 1920, 1080) as server:
        for run in range(plan.start_runs + 1):
            with KioskProcess([str(SEED)], display=server) as kiosk:
                painted = kiosk.wait_painted(PAINT_TIMEOUT_S)
                if painted is None:
                    raise RuntimeError("the kiosk did not log its first paint")
                if run:
                    runs.append((painted[1] - kiosk.started_at) * 1000)
    return {"start_ms": runs}


def frames(plan: Plan) -> Figures:
    """Crossfade frame times at 1080p and 4K, each run a fresh kiosk under a fresh Xvfb."""
    figures: Figures = {}
    for label, (width, height) in (("1080p", (1920, 1080)), ("4k", (3840, 2160))):
        for _ in range(plan.frame_runs):
            with launch("xvfb", width, height) as server:
                env = dict(os.environ, **server.env)
                result = _json_of([sys.executable, "-m", "benchmarks.frames", "--fades", str(plan.fades)], env)
            for key in ("p50_ms", "p95_ms", "max_ms", "cpu_p95_ms", "cpu_max_ms", "switch_p50_ms"):
                figures.setdefault(f"frame_{label}_{key}", []).append(result[key])
    return figures


def idle(plan: Plan) -> Figures:
    """CPU between transitions: every panel lasts an hour."""
    figures: Figures = {"idle_cpu_pct": []}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        content = long_durations(Path(folder))
        for _ in range(plan.idle_runs):
            with launch("xvfb", 1920, 1080) as server, KioskProcess([str(content)], display=server) as kiosk:
                if kiosk.wait_painted(PAINT_TIMEOUT_S) is None:
                    raise RuntimeError("the kiosk did not log its first paint")
                time.sleep(plan.warmup_s)
                figures["idle_cpu_pct"].append(cpu_share(kiosk.pid, plan.idle_window_s, include_children=False))
    return figures


def steady_memory(plan: Plan) -> Figures:
    """RSS and PSS of the real process once every panel and page has shown twice (rotation sped
    up by KIOSK_TIME_SCALE), and in the first run again after an hour's worth of changes."""
    figures: Figures = {"steady_rss_mb": [], "steady_pss_mb": []}
    for run in range(plan.steady_runs):
        _steady_run(plan, figures, "steady", plan.hour_changes if run == 0 else 0)
    for _ in range(plan.steady_4k_runs):  # what a slide cache costs grows with the screen
        _steady_run(plan, figures, "steady_4k", 0, SIZES["4k"])
    return figures


def _steady_run(plan: Plan, figures: Figures, label: str, changes: int,
                size: tuple[int, int] = SIZES["1080p"]) -> None:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder, launch("xvfb", *size) as server:
        play_log = Path(folder) / "play.jsonl"
        with KioskProcess([str(SEED), "--play-log", str(play_log)], display=server,
                          time_scale=plan.steady_time_scale, env=TRACE_ENV) as kiosk:
            keyboard = XKeyboard(server.name)
            try:
                wait_shown(kiosk, play_log, panels_in_play(SEED), TIMES, STEADY_TIMEOUT_S)
                _add_memory(figures, label, kiosk.pid, keyboard)
                if changes:
                    kiosk.wait_until(lambda: changes_logged(kiosk.log) >= changes, changes * 5, f"{changes} changes")
                    _add_memory(figures, "hour", kiosk.pid, keyboard)
            finally:
                keyboard.close()


def _add_memory(figures: Figures, when: str, pid: int, keyboard: XKeyboard) -> None:
    """RSS and PSS with the rotation paused (P) and the fade in progress over, as between two
    changes at real speed (sped up, a fade is most of each change); then P again to play on."""
    keyboard.tap("p")
    time.sleep(SETTLE_S)
    memory = memory_mb(pid, include_children=False)
    keyboard.tap("p")
    for kind in ("rss", "pss"):
        figures.setdefault(f"{when}_{kind}_mb", []).append(memory[kind])


def latency(plan: Plan) -> Figures:
    """Key press (Right, through XTEST) and rotation timer to the fade's first frame, 1080p and 4K."""
    figures: Figures = {}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        (Path(folder) / "keys").mkdir()
        (Path(folder) / "timer").mkdir()
        still = long_durations(Path(folder) / "keys", seconds=3600)  # only the keys move it
        rotating = long_durations(Path(folder) / "timer", seconds=2)  # a fade, then ~2 s idle, each change
        for label in plan.latency_sizes:
            width, height = SIZES[label]
            for _ in range(plan.latency_runs):
                with launch("xvfb", width, height) as server:
                    keys, missed = key_presses(server, still, plan.presses)
                    timed = timer_changes(server, rotating, plan.timed_changes)
                for source, values in (("key", keys), ("timer", timed)):
                    if not values:
                        raise RuntimeError(f"no {source} change at {label} showed a fade")
                    figures.setdefault(f"{source}_{label}_p50_ms", []).append(percentile(values, 0.5))
                    figures.setdefault(f"{source}_{label}_p95_ms", []).append(percentile(values, 0.95))
                figures.setdefault(f"key_{label}_missed", []).append(missed)
    return figures


def soak(plan: Plan) -> Figures:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    warmup = "1000" if not plan.quick else "150"
    result = _json_of([sys.executable, "-m", "benchmarks.soak", "--rotations", str(plan.rotations),
                       "--reloads", str(plan.reloads), "--warmup", warmup], env)
    return {"soak_rss_growth_mb": [result["rss_growth_mb"]], "soak_rss_trend_mb": [result["rss_trend_mb_per_5000"]],
            "soak_qobject_growth": [result["qobject_growth"]], "soak_seconds": [result["seconds"]],
            DETAIL + "soak_rss_every_250_mb": result["rss_every_250_mb"]}


def week_soak(plan: Plan) -> Figures:
    """The real program under Xvfb for a week of panel changes (benchmarks/week.py)."""
    result = _json_of([sys.executable, "-m", "benchmarks.week", "--changes", str(plan.week_changes),
                       "--sample-every", str(plan.week_sample_every), "--reload-every", str(plan.week_reload_every),
                       "--fade-every", str(plan.week_fade_every)], dict(os.environ))
    growth, trend = result["growth"], result["trend_per_10000"]
    return {"week_changes": [result["changes"]], "week_seconds": [result["seconds"]],
            "week_rss_growth_mb": [growth["rss_mb"]], "week_pss_growth_mb": [growth["pss_mb"]],
            "week_rss_trend_mb": [trend["rss_mb"]], "week_rss_second_half_mb": [growth["rss_second_half_mb"]],
            "week_heap_used_growth_mb": [growth["heap_used_mb"]], "week_heap_free_growth_mb": [growth["heap_free_mb"]],
            "week_qobject_growth": [growth["qobjects"]],
            "week_fd_growth": [growth["fds_outside_pool"]], "week_thread_growth": [growth["threads_outside_pool"]],
            "week_pool_threads_max": [result["pool_threads_max"]],
            "week_reloads_shown": [result["reloads"]["shown"]], "week_reloads_skipped": [result["reloads"]["skipped"]],
            "week_reload_lag_max": [result["reloads"]["lag_max_changes"]],
            "week_x_bytes_growth": [growth["x_bytes"]], "week_errors": [len(result["errors"])],
            DETAIL + "week_samples": result["samples"]}


def reload_latency(plan: Plan) -> Figures:
    """Each kind of save (benchmarks/saves.py: in place, rename over, vim's) -> the new digest painted."""
    try:
        return saves.reload_figures(plan.reload_runs, plan.saves)
    except saves.ReloadUnavailableError as reason:
        raise UnavailableError(f"reload not available: {reason}") from None


def render(plan: Plan) -> Figures:
    runs = []
    for _ in range(plan.render_runs):
        with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
            started = time.monotonic()
            subprocess.run([sys.executable, "main.py", "render", str(SEED), "--out", folder, "--size", "1920x1080"],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300)
            runs.append(time.monotonic() - started)
    return {"render_s": runs}


# The side by side's two rotations: the content's own durations, and every panel 3 s (a busy
# lobby, a clicker), both with the seed's fade. Figure keys of the second end in _3s.
ROTATIONS = {"": None, "_3s": 3}


def side_by_side(plan: Plan) -> Figures:
    if plan.browser_runs == 0:
        raise UnavailableError("skipped in QUICK mode")
    if browser.chromium_binary() is None:
        raise UnavailableError("skipped: chromium is not installed (apt-get install chromium)")
    figures: Figures = {}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        for suffix, seconds in ROTATIONS.items():
            content = SEED if seconds is None else long_durations(Path(folder), seconds=seconds)
            for _ in range(plan.browser_runs):
                result = browser.side_by_side(content, at_least_s=plan.browser_window_s)
                for side in ("chromium", "kiosk"):
                    for key in ("pss_mb", "cpu_pct", "xserver_cpu_pct", "processes"):
                        figures.setdefault(f"{side}_{key}{suffix}", []).append(result[side][key])
                for ratio in ("pss_ratio_pct", "cpu_ratio_pct"):
                    figures.setdefault(f"{ratio}{suffix}", []).append(result[ratio])
    return figures


def ticker(plan: Plan) -> Figures:
    """The ticker band alone moving: frame times at 1080p and 4K, then side by side with Chromium."""
    figures: Figures = {}
    seconds = plan.idle_window_s
    for label, (width, height) in SIZES.items():
        for _ in range(plan.frame_runs):
            with launch("xvfb", width, height) as server:
                result = _json_of([sys.executable, "-m", "benchmarks.ticker", "--seconds", str(seconds)],
                                  dict(os.environ, **server.env))
            for key in ("p50_ms", "p95_ms", "max_ms", "dropped_per_min", "cpu_pct"):
                figures.setdefault(f"ticker_{label}_{key}", []).append(result[key])
    if browser.chromium_binary() is None:
        return figures
    from benchmarks.ticker_browser import side_by_side as ticker_side_by_side

    for _ in range(plan.browser_runs):
        result = ticker_side_by_side(plan.browser_window_s)
        for side in ("chromium", "kiosk"):
            for key in ("pss_mb", "cpu_pct"):
                figures.setdefault(f"ticker_{side}_{key}", []).append(result[side][key])
        for ratio in ("pss_ratio_pct", "cpu_ratio_pct"):
            figures.setdefault(f"ticker_{ratio}", []).append(result[ratio])
    return figures


def _json_of(command: list[str], env: dict[str, str]) -> dict:
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[1:])} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


BENCHMARKS = {"cold start": cold_start, "transition frames": frames, "idle": idle,
              "steady memory": steady_memory, "key to first frame": latency, "soak": soak,
              "week soak": week_soak, "reload latency": reload_latency, "render": render,
              "browser side by side": side_by_side, "ticker": ticker}
