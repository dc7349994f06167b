"""For soak runs only: every N panel changes, log how many Qt objects the process holds.

Memory, descriptors and threads can be read from outside the process; live QObjects can't.
With ``KIOSK_CENSUS_EVERY=N`` in the environment (the week soak in ``make bench`` sets it),
the kiosk logs ``census: changes=… qobjects=… widgets=… heap_used_kb=… heap_free_kb=… heap_mapped_kb=…``
after every N changes (on the first panel's next showing): the C heap's bytes in use (of them in
their own mappings) and free, which tell a leak (in use grows) from fragmentation (only free grows;
see kiosk/run/process/memory.py).
Unset, it does nothing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

HeapUsage = Callable[[], "tuple[int, int, int] | None"]


class ShowsSlides(Protocol):
    """What the census reads of the player (diagnostics sits below playback, so no import of it)."""

    @property
    def shown(self) -> SignalInstance: ...  # noqa: D102
    @property
    def loaded(self) -> Any: ...  # noqa: D102
    @property
    def current_id(self) -> str | None: ...  # noqa: D102
    @property
    def page(self) -> int: ...  # noqa: D102


def live_qobjects() -> tuple[int, int]:
    """QObjects under the application and every top-level widget, each counted once; and widgets."""
    app = QApplication.instance()
    seen: set[int] = set()
    roots = [*QApplication.topLevelWidgets(), *([app] if app is not None else [])]
    for root in roots:
        for obj in (root, *root.findChildren(QObject)):
            seen.add(shiboken6.getCppPointer(obj)[0])
    return len(seen), len(QApplication.allWidgets())


def count_on_request(player: ShowsSlides, heap_usage: HeapUsage, environ: dict[str, str] | None = None) -> None:
    """Log a census every ``KIOSK_CENSUS_EVERY`` changes of ``player``, if that is set.

    ``heap_usage`` reads the C heap (kiosk.run.process.memory's, handed in from above)."""
    try:
        every = int((environ if environ is not None else os.environ).get("KIOSK_CENSUS_EVERY", "0"))
    except ValueError:
        every = 0
    if every <= 0:
        return
    changes, due = [0], [every]

    def changed(*_: object) -> None:
        changes[0] += 1
        # Like with like: counted on the first page of the first panel, the first time it shows
        # after each N changes (other slides hold more or fewer widgets).
        first = player.loaded.content.panels[0].id if player.loaded else None
        if changes[0] >= due[0] and player.current_id == first and player.page == 0:
            due[0] += every
            # Counted once back in the event loop, with the slide that just left deleted: which
            # panel that was (a scheduled one or not) must not change the count.
            QTimer.singleShot(0, lambda count=changes[0]: _log_census(count, heap_usage))

    player.shown.connect(changed)


def _log_census(changes: int, heap_usage: HeapUsage) -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qobjects, widgets = live_qobjects()
    heap = heap_usage()
    used_kb, mapped_kb, free_kb = (part // 1024 for part in heap) if heap is not None else (-1, -1, -1)
    log.info("census: changes=%d qobjects=%d widgets=%d heap_used_kb=%d heap_free_kb=%d heap_mapped_kb=%d", changes,
             qobjects, widgets, used_kb, free_kb, mapped_kb)
