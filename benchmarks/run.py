"""``make bench``: run the benchmarks, print a table, write benchmarks/results.json.

    python -m benchmarks.run [--quick] [--only NAME ...] [--note TEXT] [--out PATH]

Every figure is min / median / max over repeated runs. Targets are judged on the median
(on the max for "no frame over 33 ms") and never fail the run: only a benchmark that
breaks does (exit 1).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.stats import spread
from benchmarks.suite import BENCHMARKS, DETAIL, Plan, UnavailableError

HERE = Path(__file__).resolve().parent
FULL_RESULTS = HERE / "results.json"
QUICK_RESULTS = HERE / "out" / "results-quick.json"
# These measure the kiosk's PSS, which splits a library's pages between every process that maps
# it: beside a runner that has loaded Qt (the frames and soak benchmarks run in process), the
# kiosk's Qt pages would count half. So they run in a child process that never imports PySide6.
MEASURES_PSS = ("steady memory", "browser side by side", "ticker")

# figure key: (label, unit, target as (statistic, limit) or None). Lower is better for all.
FIGURES: dict[str, tuple[str, str, tuple[str, float] | None]] = {
    "start_ms": ("cold start to first paint", "ms", ("median", 500)),
    "frame_1080p_p50_ms": ("crossfade frame p50, 1920x1080", "ms", None),
    "frame_1080p_p95_ms": ("crossfade frame p95, 1920x1080", "ms", ("median", 8)),
    "frame_1080p_max_ms": ("crossfade frame max, 1920x1080", "ms", ("max", 33)),
    "frame_1080p_cpu_p95_ms": ("crossfade frame CPU time p95, 1080p", "ms", None),
    "frame_1080p_cpu_max_ms": ("crossfade frame CPU time max, 1080p", "ms", None),
    "frame_1080p_switch_p50_ms": ("next slide built + grabbed, 1080p", "ms", None),
    "frame_4k_p50_ms": ("crossfade frame p50, 3840x2160", "ms", None),
    "frame_4k_p95_ms": ("crossfade frame p95, 3840x2160", "ms", ("median", 16)),
    "frame_4k_max_ms": ("crossfade frame max, 3840x2160", "ms", ("max", 33)),
    "frame_4k_cpu_p95_ms": ("crossfade frame CPU time p95, 4K", "ms", None),
    "frame_4k_cpu_max_ms": ("crossfade frame CPU time max, 4K", "ms", None),
    "frame_4k_switch_p50_ms": ("next slide built + grabbed, 4K", "ms", None),
    "idle_cpu_pct": ("idle CPU between transitions", "% core", ("median", 0.5)),
    "steady_rss_mb": ("memory RSS, every panel and page shown twice", "MB", None),
    "steady_pss_mb": ("memory PSS, every panel and page shown twice", "MB", None),
    "steady_4k_rss_mb": ("memory RSS, every panel and page shown twice, 4K", "MB", None),
    "steady_4k_pss_mb": ("memory PSS, every panel and page shown twice, 4K", "MB", None),
    "hour_rss_mb": ("memory RSS after 300 changes (an hour at 12 s)", "MB", None),
    "hour_pss_mb": ("memory PSS after 300 changes (an hour at 12 s)", "MB", None),
    "key_1080p_p50_ms": ("key to first frame p50, 1080p", "ms", None),
    "key_1080p_p95_ms": ("key to first frame p95, 1080p", "ms", ("median", 20)),
    "key_1080p_missed": ("keys without a fade, 1080p", "keys", ("max", 0)),
    "timer_1080p_p50_ms": ("timer to first frame p50, 1080p", "ms", None),
    "timer_1080p_p95_ms": ("timer to first frame p95, 1080p", "ms", ("median", 20)),
    "key_4k_p50_ms": ("key to first frame p50, 4K", "ms", None),
    "key_4k_p95_ms": ("key to first frame p95, 4K", "ms", ("median", 50)),
    "key_4k_missed": ("keys without a fade, 4K", "keys", ("max", 0)),
    "timer_4k_p50_ms": ("timer to first frame p50, 4K", "ms", None),
    "timer_4k_p95_ms": ("timer to first frame p95, 4K", "ms", ("median", 50)),
    "soak_rss_growth_mb": ("soak RSS growth, end - start", "MB", ("max", 5)),
    "soak_rss_trend_mb": ("soak RSS trend, per 5000 changes", "MB", None),
    "soak_qobject_growth": ("soak live QObject growth", "objects", ("max", 0)),
    "soak_seconds": ("soak duration", "s", None),
    "week_changes": ("week soak: panel changes of the real process", "changes", None),
    "week_seconds": ("week soak duration", "s", None),
    "week_rss_growth_mb": ("week soak RSS growth, last - first sample", "MB", ("max", 5)),
    "week_pss_growth_mb": ("week soak PSS growth", "MB", ("max", 5)),
    "week_rss_trend_mb": ("week soak RSS trend, per 10,000 changes", "MB", None),
    "week_rss_second_half_mb": ("week soak RSS growth over the second half (a leak keeps growing)", "MB", None),
    "week_heap_used_growth_mb": ("week soak C heap in use growth (a leak)", "MB", ("max", 5)),
    "week_heap_free_growth_mb": ("week soak C heap free growth (fragmentation)", "MB", None),
    "week_qobject_growth": ("week soak live QObject growth", "objects", ("max", 0)),
    "week_fd_growth": ("week soak open descriptor growth, outside Qt's thread pool", "fds", ("max", 0)),
    "week_thread_growth": ("week soak thread growth, outside Qt's thread pool", "threads", ("max", 0)),
    "week_pool_threads_max": ("week soak Qt pool threads, most at one sample (come and go with fades)", "threads",
                              None),
    "week_reloads_shown": ("week soak content versions saved that reached the screen", "versions", None),
    "week_reloads_skipped": ("week soak stretches of changes left without their save", "versions", ("max", 0)),
    "week_reload_lag_max": ("week soak save to first showing, most", "changes", None),
    "week_x_bytes_growth": ("week soak X server resource growth", "bytes", ("max", 0)),
    "week_errors": ("week soak errors logged", "lines", ("max", 0)),
    "reload_inplace_p50_ms": ("reload, save in place (nano, VS Code) to painted, p50", "ms", None),
    "reload_inplace_p95_ms": ("reload, save in place (nano, VS Code) to painted, p95", "ms", ("median", 300)),
    "reload_inplace_missed": ("reload, saves in place (nano, VS Code) never painted", "saves", ("max", 0)),
    "reload_rename_p50_ms": ("reload, save rename over (gedit, sync tools) to painted, p50", "ms", None),
    "reload_rename_p95_ms": ("reload, save rename over (gedit, sync tools) to painted, p95", "ms", ("median", 300)),
    "reload_rename_missed": ("reload, saves rename over (gedit, sync tools) never painted", "saves", ("max", 0)),
    "reload_vim_p50_ms": ("reload, save vim's backup and write to painted, p50", "ms", None),
    "reload_vim_p95_ms": ("reload, save vim's backup and write to painted, p95", "ms", ("median", 300)),
    "reload_vim_missed": ("reload, saves vim's backup and write never painted", "saves", ("max", 0)),
    "render_s": ("kiosk render, whole deck at 1080p", "s", None),
    "chromium_pss_mb": ("Chromium kiosk PSS (all processes), own durations", "MB", None),
    "kiosk_pss_mb": ("kiosk PSS, same run, own durations", "MB", None),
    "pss_ratio_pct": ("kiosk PSS / Chromium PSS, own durations", "%", ("median", 22)),
    "chromium_cpu_pct": ("Chromium kiosk CPU (all processes), own durations", "% core", None),
    "kiosk_cpu_pct": ("kiosk CPU, same window, own durations", "% core", None),
    "cpu_ratio_pct": ("kiosk CPU / Chromium CPU, own durations", "%", ("median", 15)),
    "chromium_xserver_cpu_pct": ("X server CPU under Chromium, own durations", "% core", None),
    "kiosk_xserver_cpu_pct": ("X server CPU under the kiosk, own durations", "% core", None),
    "chromium_processes": ("Chromium processes, own durations", "", None),
    "kiosk_processes": ("kiosk processes, own durations", "", None),
    "chromium_pss_mb_3s": ("Chromium kiosk PSS (all processes), 3 s rotation", "MB", None),
    "kiosk_pss_mb_3s": ("kiosk PSS, same run, 3 s rotation", "MB", None),
    "pss_ratio_pct_3s": ("kiosk PSS / Chromium PSS, 3 s rotation", "%", ("median", 22)),
    "chromium_cpu_pct_3s": ("Chromium kiosk CPU (all processes), 3 s rotation", "% core", None),
    "kiosk_cpu_pct_3s": ("kiosk CPU, same window, 3 s rotation", "% core", None),
    "cpu_ratio_pct_3s": ("kiosk CPU / Chromium CPU, 3 s rotation", "%", ("median", 25)),
    "chromium_xserver_cpu_pct_3s": ("X server CPU under Chromium, 3 s rotation", "% core", None),
    "kiosk_xserver_cpu_pct_3s": ("X server CPU under the kiosk, 3 s rotation", "% core", None),
    "chromium_processes_3s": ("Chromium processes, 3 s rotation", "", None),
    "kiosk_processes_3s": ("kiosk processes, 3 s rotation", "", None),
    "ticker_1080p_p50_ms": ("ticker frame p50, 1920x1080", "ms", None),
    "ticker_1080p_p95_ms": ("ticker frame p95, 1920x1080", "ms", ("median", 16.7)),
    "ticker_1080p_max_ms": ("ticker frame max, 1920x1080", "ms", None),
    "ticker_1080p_dropped_per_min": ("ticker dropped frames a minute, 1080p", "frames", None),
    "ticker_1080p_cpu_pct": ("kiosk CPU with only the ticker moving, 1080p", "% core", None),
    "ticker_4k_p50_ms": ("ticker frame p50, 3840x2160", "ms", None),
    "ticker_4k_p95_ms": ("ticker frame p95, 3840x2160", "ms", None),
    "ticker_4k_max_ms": ("ticker frame max, 3840x2160", "ms", None),
    "ticker_4k_dropped_per_min": ("ticker dropped frames a minute, 4K", "frames", None),
    "ticker_4k_cpu_pct": ("kiosk CPU with only the ticker moving, 4K", "% core", None),
    "ticker_chromium_pss_mb": ("Chromium PSS, the same ticker as a CSS animation", "MB", None),
    "ticker_kiosk_pss_mb": ("kiosk PSS, same run, ticker", "MB", None),
    "ticker_pss_ratio_pct": ("kiosk PSS / Chromium PSS, ticker", "%", None),
    "ticker_chromium_cpu_pct": ("Chromium CPU, the same ticker as a CSS animation", "% core", None),
    "ticker_kiosk_cpu_pct": ("kiosk CPU, same window, ticker", "% core", None),
    "ticker_cpu_ratio_pct": ("kiosk CPU / Chromium CPU, ticker", "%", ("median", 50)),
}


def machine() -> dict:
    """What ran the benchmarks: CPU, cores, memory, and the versions that matter."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3
    return {"cpu": model, "cores": os.cpu_count(), "memory_gb": round(memory_gb, 1),
            "arch": platform.machine(), "kernel": platform.release(), "python": platform.python_version(),
            "qt": qVersion(), "pyside6": pyside_version, "chromium": _chromium_version(),
            "display": "Xvfb (software rendering, no GPU)"}


def _chromium_version() -> str | None:
    from benchmarks.browser import chromium_binary

    binary = chromium_binary()
    if binary is None:
        return None
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30)
    return done.stdout.strip() or None


def verdict(key: str, figure: dict) -> str:
    target = FIGURES.get(key, ("", "", None))[2]
    if target is None:
        return ""
    statistic, limit = target
    return "ok" if figure[statistic] <= limit else "MISSED"


def target_text(key: str) -> str:
    target = FIGURES.get(key, ("", "", None))[2]
    return f"<= {target[1]:g}" if target else ""


def table(figures: dict[str, dict], notes: dict[str, str]) -> str:
    """The figures as an aligned text table, then one line per skipped or broken benchmark."""
    rows = [("figure", "unit", "min", "median", "max", "n", "target", "")]
    for key, figure in figures.items():
        label, unit, _ = FIGURES.get(key, (key, "", None))
        rows.append((label, unit, _num(figure["min"]), _num(figure["median"]), _num(figure["max"]),
                     str(figure["n"]), target_text(key), verdict(key, figure)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             for row in rows]
    lines.insert(1, "-" * len(lines[0]))
    lines += [f"{name}: {note}" for name, note in notes.items()]
    return "\n".join(lines)


def markdown(results: dict) -> str:
    """docs/performance.md's table: each target next to the figures of ``results``."""
    machine, note = results["machine"], results.get("note", "").rstrip(". ")
    about = (f"Latest {results['mode']} run: {results['when'][:10]}, {machine['cpu']}, {machine['cores']} cores, "
             f"{machine['memory_gb']:g} GB, Python {machine['python']}, Qt {machine['qt']}"
             + (f", {machine['chromium']}" if machine.get("chromium") else "") + ". "
             + (f"{note}. " if note else "")
             + f"Load average before/after: {results['load_average_before'][0]} / {results['load_average_after'][0]}.")
    lines = [about, "",
             "| figure | target | min | median | max | n | |", "|---|---|---|---|---|---|---|"]
    for key, figure in results["figures"].items():
        label, unit, _ = FIGURES.get(key, (key, "", None))
        unit = f" {unit}" if unit else ""
        lines.append(f"| {label.strip()} | {figure['target'] and figure['target'] + unit} | {_num(figure['min'])} | "
                     f"{_num(figure['median'])}{unit} | {_num(figure['max'])} | {figure['n']} | "
                     f"{'**MISSED**' if figure['verdict'] == 'MISSED' else figure['verdict']} |")
    lines += [f"\n{name}: {note}" for name, note in results.get("notes", {}).items()]
    return "\n".join(lines)


def _num(value: float) -> str:
    if value == int(value) and abs(value) < 1000:
        return str(int(value))
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"


def run(plan: Plan, only: list[str] | None) -> tuple[dict, dict, dict, bool]:
    figures, details, notes, broken = {}, {}, {}, False
    for name, benchmark in BENCHMARKS.items():
        if only and name not in only:
            continue
        started = time.monotonic()
        print(f"-- {name} ...", file=sys.stderr, flush=True)
        try:
            for key, runs in (in_child(name, plan) if name in MEASURES_PSS else benchmark(plan)).items():
                if key.startswith(DETAIL):
                    details[key.removeprefix(DETAIL)] = runs
                else:
                    figures[key] = spread(runs)
        except UnavailableError as reason:
            notes[name] = str(reason)
        except Exception:  # noqa: BLE001 - a broken benchmark is reported, the others still run
            broken = True
            notes[name] = "BROKEN: " + traceback.format_exc().strip().splitlines()[-1]
            traceback.print_exc()
        print(f"   {name}: {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    return figures, details, notes, broken


def in_child(name: str, plan: Plan) -> dict:
    """Run benchmark ``name`` in a fresh interpreter (``--child``): its figures, as ``run`` wants them."""
    done = subprocess.run([sys.executable, "-m", "benchmarks.run", "--child", name, "--plan", json.dumps(vars(plan))],
                          cwd=HERE.parent, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{name} broke in its own process (exit {done.returncode})")
    answer = json.loads(done.stdout)
    if "unavailable" in answer:
        raise UnavailableError(answer["unavailable"])
    return answer["figures"]


def child(name: str, plan_json: str) -> int:
    """The child's side of ``in_child``: the figures as JSON on stdout, progress on stderr."""
    try:
        figures = BENCHMARKS[name](Plan(**json.loads(plan_json)))
    except UnavailableError as reason:
        figures = None
        print(json.dumps({"unavailable": str(reason)}))
    if "PySide6" in sys.modules:
        raise RuntimeError(f"{name} loaded PySide6 into the measuring process: its PSS figures would be low")
    if figures is not None:
        print(json.dumps({"figures": figures}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a reduced run for CI (under about a minute)")
    parser.add_argument("--only", nargs="*", choices=list(BENCHMARKS), metavar="NAME",
                        help=f"run only these: {', '.join(BENCHMARKS)}")
    parser.add_argument("--runs", type=int, metavar="N",
                        help="repeat each benchmark at most N times (a shorter full-length run; n says how many)")
    parser.add_argument("--note", default="", help="about the machine or the run, stored in the results")
    parser.add_argument("--markdown", type=Path, metavar="RESULTS",
                        help="print docs/performance.md's table from a results.json, run nothing")
    parser.add_argument("--out", type=Path, help="where to write the JSON (default: results.json, "
                                                 "or out/results-quick.json with --quick)")
    parser.add_argument("--child", choices=MEASURES_PSS, help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child, args.plan)
    if args.markdown:
        print(markdown(json.loads(args.markdown.read_text(encoding="utf-8"))))
        return 0
    plan = Plan.quick_plan() if args.quick else Plan(quick=False)
    if args.runs:
        plan = plan.at_most(args.runs)
    load_before = os.getloadavg()
    started = time.monotonic()
    figures, details, notes, broken = run(plan, args.only)
    if args.quick:
        notes["QUICK"] = "one short run of each, to check that the suite works: not figures to quote"
    results = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "mode": "quick" if args.quick else "full", "note": args.note, "machine": machine(),
               "load_average_before": [round(x, 2) for x in load_before],
               "load_average_after": [round(x, 2) for x in os.getloadavg()],
               "seconds": round(time.monotonic() - started), "plan": vars(plan),
               "figures": {key: {**figure, "unit": FIGURES.get(key, ("", "", None))[1],
                                 "target": target_text(key), "verdict": verdict(key, figure)}
                           for key, figure in figures.items()},
               "details": details, "notes": notes}
    out = args.out or (QUICK_RESULTS if args.quick else FULL_RESULTS)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(figures, notes))
    print(f"\n{results['machine']['cpu']}, {results['machine']['cores']} cores, Python "
          f"{results['machine']['python']}, Qt {results['machine']['qt']}; {results['seconds']} s; "
          f"written to {out}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
