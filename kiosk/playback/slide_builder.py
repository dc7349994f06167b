"""Panel fault isolation: one broken panel is skipped, never a frozen or black screen.

A panel that raises while it is built or painted is logged with its id and skipped;
the rotation carries on with the others. When no panel can be shown at all, the
calm fallback screen (title and clock) takes their place.
"""

from __future__ import annotations

import functools
import inspect
import logging
import traceback
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kiosk.core.playlist import Entry
from kiosk.screen.panels import PanelUnavailable
from kiosk.screen.slide import Slide
from kiosk.screen.style import Style

log = logging.getLogger(__name__)


def build_slide(entry: Entry, style: Style, position: tuple[int, int], parent: QWidget | None = None,
                page: int = 0) -> Slide | None:
    """Build ``entry``'s slide and paint it once, off screen; None (logged) if either raises.

    The test paint is what catches a panel whose paintEvent raises: on screen that would
    leave a half-drawn frame, here it only costs the panel its turn.
    """
    try:
        slide = Slide(entry.panel, style, position)
        _catch_paint_errors(slide)
        slide.body.set_page(page)
        slide.grab()
    except PanelUnavailable as gone:  # nothing to show (an unreadable poster): no traceback
        _report_unavailable(entry.id, gone.message)
        return None
    except Exception as exc:
        _report(entry.id, "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        return None
    if getattr(slide, "paint_failed", False):
        slide.deleteLater()
        return None  # reported by the paint guard
    slide.setParent(parent)
    return slide


def _catch_paint_errors(slide: Slide) -> None:
    """Make every Python paintEvent in the slide catch its own exceptions.

    PySide6 crashes (a segfault on a later render) when an exception leaves one
    paintEvent while Qt goes on painting the siblings, so it is caught right there.
    The class is wrapped, once: a wrapper stored on each instance would keep every
    slide's wrappers alive in a reference cycle, 30 KB a slide.
    """
    for widget in (slide, *slide.findChildren(QWidget)):
        cls = type(widget)
        paint = getattr(cls, "paintEvent", None)
        if inspect.isfunction(paint) and not getattr(paint, "guarded", False):
            cls.paintEvent = _guarded(paint)


def _guarded(paint: Callable[[QWidget, object], None]) -> Callable[[QWidget, object], None]:
    @functools.wraps(paint)
    def paint_event(widget: QWidget, event: object) -> None:
        try:
            paint(widget, event)
        except Exception as exc:
            slide = _slide_of(widget)
            if slide is not None:
                slide.paint_failed = True
            trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
            _report(slide.panel_id if slide is not None else type(widget).__name__, trace)
    paint_event.guarded = True
    return paint_event


def _slide_of(widget: QWidget | None) -> Slide | None:
    while widget is not None and not isinstance(widget, Slide):
        widget = widget.parentWidget()
    return widget


_reported: set[str] = set()
_unavailable: set[tuple[str, str]] = set()


def _report_unavailable(panel_id: str, reason: str) -> None:
    """One warning per panel and reason; ``check`` already told staff, the log need not repeat it."""
    if (panel_id, reason) not in _unavailable:
        _unavailable.add((panel_id, reason))
        log.warning("panel %r is left out: %s", panel_id, reason)


def _report(panel_id: str, trace: str) -> None:
    """The full traceback once per panel id, then one line per failure: logs stay readable for months.

    The traceback goes to the log as text: a log record holding the exception would keep
    the half-built widgets alive through its frames.
    """
    if panel_id in _reported:
        log.error("panel %r failed again (%s); skipping it", panel_id, trace.strip().splitlines()[-1])
        return
    _reported.add(panel_id)
    log.error("panel %r failed to build or paint; skipping it and showing the next\n%s", panel_id, trace)


def first_working_slide(entries: list[Entry], start: int, direction: int, style_for: Callable[[Entry], Style],
                        parent: QWidget, page: int = 0) -> tuple[int, int, Slide] | None:
    """(index, page, slide) of ``entries[start]`` or the next one (in ``direction``) that works.

    None when there are no entries or none of them works; the caller shows the fallback.
    """
    count = len(entries)
    for step in range(count):
        index = (start + step * direction) % count
        slide = build_slide(entries[index], style_for(entries[index]), (index, count), parent,
                            page if step == 0 else 0)
        if slide is not None:
            return index, page if step == 0 else 0, slide
    if count:
        log.error("no panel could be shown; showing the fallback screen")
    return None


def start_panel(slide: QWidget) -> None:
    """Begin the panel's entry animation; if that raises, it shows its end state instead."""
    try:
        slide.body.start()
    except Exception:
        log.exception("panel %r failed to start its animation; showing it without one", slide.panel_id)
        try:
            slide.body.finish()
        except Exception:
            log.exception("panel %r failed to finish its animation too", slide.panel_id)
