"""Soak: 2,000 accelerated rotations and 200 reloads leave nothing behind.

The real rotation timer drives the player (durations shrunk 10,000-fold, so each
panel waits 1 ms) over a copy of the seed with `transition: none`; every tenth panel
the content is loaded afresh from disk and handed to the player, as live reload does.
Afterwards the live QObject and QWidget counts are back at their baseline and the
process grew by less than 20 MB. The week-long soak belongs to the benchmark suite.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
import time
from collections import Counter

import psutil
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QApplication

from kiosk.core.content import load_content
from kiosk.playback.player import Player
from tests.conftest import SEED

ROTATIONS = 2000
RELOAD_EVERY = 10  # 200 reloads
MAX_RSS_GROWTH = 20 * 2**20
GIVE_UP_AFTER = 120.0  # seconds: a stalled rotation fails the test instead of hanging it


def settle() -> None:
    """Run deferred deletes and Python's cycle collector until nothing more goes away."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        gc.collect()


def rss() -> int:
    """Resident memory in use: what a leak grows.

    Two things that are not leaks are taken out first: Qt's pixmap cache, which fills
    to its 10 MB limit by design, and freed heap that glibc keeps for reuse instead
    of returning it (malloc_trim), which varies with fragmentation, not with leaks.
    """
    settle()
    QPixmapCache.clear()
    libc = ctypes.util.find_library("c")
    if libc and sys.platform.startswith("linux"):
        ctypes.CDLL(libc).malloc_trim(0)
    return psutil.Process().memory_info().rss


def live_objects(player: Player) -> dict[str, Counter[str]]:
    """What a leak would grow, by class: the player's QObject tree, every QWidget, Python-held QObjects.

    The player is paused first, so the slide on screen can't change while it is counted.
    """
    if not player.paused:
        player.toggle_pause()
    settle()
    return {
        "player QObjects": Counter(type(obj).__name__ for obj in player.findChildren(QObject)),
        "QWidgets": Counter(type(widget).__name__ for widget in QApplication.allWidgets()),
        "Python-held QObjects": Counter(type(obj).__name__ for obj in gc.get_objects() if isinstance(obj, QObject)),
    }


def test_two_thousand_rotations_and_two_hundred_reloads(qtbot, make_player, tmp_path):
    path = tmp_path / "content.yaml"
    path.write_text(SEED.read_text(encoding="utf-8").replace("transition: fade", "transition: none"),
                    encoding="utf-8")
    player = make_player(time_scale=0.0001, show=False)
    shown: list[str] = []
    player.shown.connect(lambda showing: shown.append(showing.id))
    first = load_content(path)
    ids = [panel.id for panel in first.content.panels]

    reloads: list[int] = []

    def run(rotations: int) -> None:
        """Let the timer rotate ``rotations`` times, reloading after every tenth rotation."""
        start, next_reload = len(shown) - len(reloads), RELOAD_EVERY
        give_up = time.monotonic() + GIVE_UP_AFTER
        while True:
            done = len(shown) - len(reloads) - start
            if done >= next_reload:
                player.set_content(load_content(path))  # shows a panel too, which isn't a rotation
                reloads.append(done)
                next_reload += RELOAD_EVERY
            if done >= rotations:
                return
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            assert time.monotonic() < give_up, f"stalled after {done} rotations"

    player.set_content(first)
    run(3 * len(ids))  # warm up: fonts, icons, QR codes and caches fill once
    player.set_content(load_content(path), start_id=ids[0])
    baseline, start_rss = live_objects(player), rss()
    player.toggle_pause()
    shown.clear()
    reloads.clear()

    run(ROTATIONS)
    player.set_content(load_content(path), start_id=ids[0])

    assert len(reloads) == ROTATIONS // RELOAD_EVERY
    assert len(shown) >= ROTATIONS + len(reloads)
    assert set(shown) == set(ids)
    assert live_objects(player) == baseline
    growth = rss() - start_rss
    assert growth < MAX_RSS_GROWTH, f"RSS grew {growth / 2**20:.1f} MB"
