"""Panel fault isolation: one broken panel is skipped, never a frozen or black screen.

A panel that raises while it is built or painted is logged with its id and skipped;
the rotation carries on with the others. When no panel can be shown at all, the
calm fallback screen (title and clock) takes their place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kiosk.core.playlist import Entry
from kiosk.screen.fallback import AnySlide
from kiosk.screen.faults import report
from kiosk.screen.panels import PanelUnavailable
from kiosk.screen.slide import Slide
from kiosk.screen.style import Style

log = logging.getLogger(__name__)


def build_slide(entry: Entry, style: Style, position: tuple[int, int], parent: QWidget | None = None,
                page: int = 0) -> Slide | None:
    """Build ``entry``'s slide and paint it once, off screen; None (logged) if either raises.

    The test paint is what catches a panel whose painting raises (the slide records it, see
    kiosk/screen/faults.py): on screen that would leave a half-drawn frame, here it only
    costs the panel its turn.
    """
    try:
        slide = Slide(entry.panel, style, position)
        slide.body.set_page(page)
        slide.grab()
    except PanelUnavailable as gone:  # nothing to show (an unreadable poster): no traceback
        _report_unavailable(entry.id, gone.message)
        return None
    except Exception as exc:
        report(entry.id, exc)
        return None
    if slide.paint_failed:
        slide.deleteLater()
        return None  # reported where it was painted
    slide.setParent(parent)
    return slide


_unavailable: set[tuple[str, str]] = set()


def _report_unavailable(panel_id: str, reason: str) -> None:
    """One warning per panel and reason; ``check`` already told staff, the log need not repeat it."""
    if (panel_id, reason) not in _unavailable:
        _unavailable.add((panel_id, reason))
        log.warning("panel %r is left out: %s", panel_id, reason)


def first_working_slide(count: int, start: int, direction: int, slide_for: Callable[[int, int], Slide | None],
                        page: int = 0) -> tuple[int, int, Slide] | None:
    """(index, page, slide) of entry ``start`` or the next one (in ``direction``) that works.

    ``slide_for(index, page)`` builds (or finds ready) one entry's slide, None when it fails.
    None when there are no entries or none of them works; the caller shows the fallback.
    """
    for step in range(count):
        index = (start + step * direction) % count
        slide = slide_for(index, page if step == 0 else 0)
        if slide is not None:
            return index, page if step == 0 else 0, slide
    if count:
        log.error("no panel could be shown; showing the fallback screen")
    return None


def start_panel(slide: AnySlide) -> None:
    """Begin the panel's entry animation; if that raises, it shows its end state instead."""
    try:
        slide.body.start()
    except Exception:
        log.exception("panel %r failed to start its animation; showing it without one", slide.panel_id)
        try:
            slide.body.finish()
        except Exception:
            log.exception("panel %r failed to finish its animation too", slide.panel_id)
