"""Steady state: the moment every panel, and so every page of it, has been on screen at least twice.

Memory measured a few seconds after the start misses what the first showing of each panel builds
once and keeps (QR codes, fonts, date formats, caches). The kiosk's play log (``--play-log``)
says when a panel's showing ends, one JSON line each, pages of one panel being one showing;
a showing that ended by itself went through all its pages. The browser page logs the same
(``kiosk-bench left N`` on its console, see benchmarks/webpage.py), per slide.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from pathlib import Path

from harness.process import KioskProcess

TIMES = 2  # showings of each panel before it counts as steady
CHANGE = re.compile(r"INFO: change at monotonic=([0-9.]+)")  # KIOSK_TRACE_TRANSITIONS=1


def play_log_showings(lines: Iterable[str]) -> Counter[str]:
    """Completed showings per panel id in play-log lines (screen-off and urgent lines are not panels)."""
    counts: Counter[str] = Counter()
    for line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line being written as we read
        if "panel" in record:
            counts[record["panel"]] += 1
    return counts


def read_showings(play_log: Path) -> Counter[str]:
    try:
        return play_log_showings(play_log.read_text(encoding="utf-8").splitlines())
    except FileNotFoundError:
        return Counter()


def is_steady(showings: Counter[str], expected: Iterable[str], times: int = TIMES) -> bool:
    """True when every expected panel (or slide) has ended ``times`` showings."""
    wanted = list(expected)
    return bool(wanted) and all(showings[name] >= times for name in wanted)


def panels_in_play(content: Path) -> set[str]:
    """The ids of the panels the kiosk rotates through now (those whose ``show:`` window is open)."""
    from kiosk.core.content import load_content
    from kiosk.core.playlist import playlist_at

    return {entry.panel.id for entry in playlist_at(load_content(content).content, datetime.now())}


def changes_logged(log: str) -> int:
    """How many changes the player started, from its ``change at monotonic=…`` lines."""
    return len(CHANGE.findall(log))


def wait_for(condition: Callable[[], bool], timeout: float, what: str, poll_s: float = 0.2) -> None:
    """Poll ``condition`` (a file or a counter another thread fills) until true; TimeoutError after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(poll_s)


def wait_shown(kiosk: KioskProcess, play_log: Path, panels: Collection[str], times: int, timeout: float) -> None:
    """Until the kiosk's play log has ``times`` showings of every one of ``panels``."""
    kiosk.wait_until(lambda: is_steady(read_showings(play_log), panels, times), timeout,
                     f"every panel shown {times} times")
