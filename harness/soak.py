"""The soak: a player driven through thousands of rotations and reloads, and a count of what a
leak would grow, before and after. The soak test and the soak benchmark both run this.

How the player moves on is the caller's choice: `by_timer` lets the player's own rotation
timer do it (the test, with durations shrunk), `Player.next` does it back to back (the
benchmark). Every reload hands the player a new version of the content through
`update_content`, as a live reload does; each version has a new title, so the slide is rebuilt.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QApplication

from harness.contentfiles import version
from kiosk.core.content import Loaded, load_content
from kiosk.playback.player import Player

MB = 2**20


def settle() -> None:
    """Run deferred deletes, pending events and Python's cycle collector until nothing more goes away."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        gc.collect()


def rss_bytes() -> int:
    """Resident memory in use: what a leak grows.

    Two things that are not leaks are taken out first: Qt's pixmap cache, which fills to its
    10 MB limit by design, and freed heap that glibc keeps for reuse instead of returning it
    (malloc_trim), which varies with fragmentation, not with leaks.
    """
    settle()
    QPixmapCache.clear()
    libc = ctypes.util.find_library("c")
    if libc and sys.platform.startswith("linux"):
        ctypes.CDLL(libc).malloc_trim(0)
    return psutil.Process().memory_info().rss


def live_qobjects() -> Counter[str]:
    """Every QObject alive, by class, each counted once: the application, every widget and the
    object trees under them, and any QObject that a Python reference still holds."""
    roots = [QApplication.instance(), *QApplication.allWidgets()]
    roots += [obj for obj in gc.get_objects() if isinstance(obj, QObject) and shiboken6.isValid(obj)]
    seen: dict[int, str] = {}
    for root in roots:
        for obj in (root, *root.findChildren(QObject)):
            seen[shiboken6.getCppPointer(obj)[0]] = type(obj).__name__
    return Counter(seen.values())


@dataclass(frozen=True)
class Census:
    """What a leak would grow, counted with the player paused on the same slide each time."""

    qobjects: Counter[str]
    widgets: Counter[str]
    rss: int

    @property
    def qobject_total(self) -> int:
        return sum(self.qobjects.values())


def by_timer(player: Player, give_up_s: float = 120.0) -> Callable[[], None]:
    """An ``advance`` that lets the player's own rotation timer show the next slide; a stalled
    rotation fails with an AssertionError instead of hanging."""
    shown = [0]
    player.shown.connect(lambda *_: shown.__setitem__(0, shown[0] + 1))

    def advance() -> None:
        target, give_up = shown[0] + 1, time.monotonic() + give_up_s
        while shown[0] < target:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            assert time.monotonic() < give_up, f"the rotation stalled for {give_up_s} s"

    return advance


def wait_prefetched(player: Player, give_up_s: float = 60.0) -> None:
    """Run the event loop until the player's idle work (building the next slides) is done."""
    done: list[bool] = []
    mark = lambda: done.append(True)  # noqa: E731
    player.prefetched.connect(mark)
    give_up = time.monotonic() + give_up_s
    while not done:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        assert time.monotonic() < give_up, f"the player's idle work did not end in {give_up_s} s"
    player.prefetched.disconnect(mark)


@dataclass
class Soak:
    """A player, the versions of the content it is reloaded with, and how it moves on."""

    player: Player
    versions: list[Path]
    advance: Callable[[], None]
    reload_every: int  # turns between two reloads; 0 for none
    sample_every: int = 250  # turns between two RSS samples in ``trace_mb``; 0 for none
    # Turns between two settles: Player.next() back to back never returns to an event loop,
    # so deferred deletes would pile up; the timer's own loop runs them (0: never).
    settle_every: int = 50
    turns: int = 0
    reloads: int = 0
    shown: list[tuple] = field(default_factory=list)  # (panel id, page) of each `shown`, in order
    trace_mb: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.player.shown.connect(lambda showing: self.shown.append((showing.id, showing.page)))
        self._me = psutil.Process()

    def load(self, number: int) -> Loaded:
        return load_content(self.versions[number % len(self.versions)])

    def run(self, turns: int) -> None:
        """Move on ``turns`` times, reloading every ``reload_every`` turns."""
        for _ in range(turns):
            self.advance()
            self.turns += 1
            if self.reload_every and self.turns % self.reload_every == 0:
                self.reloads += 1
                self.player.update_content(self.load(self.reloads))
            if self.settle_every and self.turns % self.settle_every == 0:
                settle()
            if self.sample_every and self.turns % self.sample_every == 0:
                self.trace_mb.append(round(self._me.memory_info().rss / MB, 1))

    def census(self, first_id: str) -> Census:
        """Back to the first version on its first panel, paused there, and counted: like with like."""
        self.player.set_content(self.load(0), start_id=first_id)
        was_paused = self.player.paused
        if not was_paused:
            self.player.toggle_pause()
        wait_prefetched(self.player)  # the next and previous slides made ready: the same each time
        settle()
        widgets = Counter(type(widget).__name__ for widget in QApplication.allWidgets())
        counted = Census(live_qobjects(), widgets, rss_bytes())
        if not was_paused:
            self.player.toggle_pause()
        return counted

    def reset_counts(self) -> None:
        """Forget the warm-up: count turns, reloads and what was shown from here on."""
        self.turns = self.reloads = 0
        self.shown.clear()
        self.trace_mb.clear()


def versions(text: str, folder: Path) -> list[Path]:
    """Two versions of content ``text`` that differ in the title, so every reload is a new digest."""
    paths = []
    for number in (1, 2):
        path = folder / f"content-{number}.yaml"
        path.write_bytes(version(text, number))
        paths.append(path)
    return paths
