"""CPU and memory of a process and its children, read with psutil."""

from __future__ import annotations

import time

import psutil

MB = 1024 * 1024


def tree(pid: int) -> list[psutil.Process]:
    """The process and all its descendants that are alive now."""
    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def _cpu_seconds(processes: list[psutil.Process]) -> dict[int, float]:
    seconds = {}
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        seconds[process.pid] = times.user + times.system
    return seconds


def cpu_share(pid: int, window_s: float, include_children: bool = True) -> float:
    """Percent of one core used by the process (and its children) over ``window_s`` wall seconds.

    A child started during the window counts in full; one that ended in it is lost (rare here).
    """
    pick = tree if include_children else (lambda p: [psutil.Process(p)])
    before = _cpu_seconds(pick(pid))
    start = time.monotonic()
    time.sleep(window_s)
    after = _cpu_seconds(pick(pid))
    elapsed = time.monotonic() - start
    used = sum(seconds - before.get(child, 0.0) for child, seconds in after.items())
    return 100.0 * used / elapsed


def memory_mb(pid: int, include_children: bool = True) -> dict[str, float]:
    """RSS and PSS in MB, summed over the process tree (PSS shares pages fairly between them)."""
    processes = tree(pid) if include_children else [psutil.Process(pid)]
    rss = pss = 0
    for process in processes:
        try:
            info = process.memory_full_info()
        except psutil.NoSuchProcess:
            continue
        rss += info.rss
        pss += info.pss
    return {"rss": rss / MB, "pss": pss / MB, "processes": len(processes)}
