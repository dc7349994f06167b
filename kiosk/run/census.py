"""For soak runs only: every N panel changes, log how many Qt objects the process holds.

Memory, descriptors and threads can be read from outside the process; live QObjects can't.
With ``KIOSK_CENSUS_EVERY=N`` in the environment (the week soak in ``make bench`` sets it),
the kiosk logs ``census: changes=… qobjects=… widgets=…`` after every N changes (on the
first panel's next showing). Unset, it
does nothing.
"""

from __future__ import annotations

import logging
import os

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.playback.player import Player

log = logging.getLogger(__name__)


def live_qobjects() -> tuple[int, int]:
    """QObjects under the application and every top-level widget, each counted once; and widgets."""
    app = QApplication.instance()
    seen: set[int] = set()
    roots = [*QApplication.topLevelWidgets(), *([app] if app is not None else [])]
    for root in roots:
        for obj in (root, *root.findChildren(QObject)):
            seen.add(shiboken6.getCppPointer(obj)[0])
    return len(seen), len(QApplication.allWidgets())


def count_on_request(player: Player, environ: dict[str, str] | None = None) -> None:
    """Log a census every ``KIOSK_CENSUS_EVERY`` changes of ``player``, if that is set."""
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
            QTimer.singleShot(0, lambda count=changes[0]: _log_census(count))

    player.shown.connect(changed)


def _log_census(changes: int) -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qobjects, widgets = live_qobjects()
    log.info("census: changes=%d qobjects=%d widgets=%d", changes, qobjects, widgets)
