"""A panel's faults stay inside it: paint errors are caught where they happen and charged to its slide.

PySide6 crashes (a segfault on a later render) when an exception leaves a paintEvent while
Qt goes on painting the siblings, so every widget that paints itself does so through
``PaintedWidget.paint``, and the exception stops in ``paintEvent``. The slide around it
(a ``FaultBoundary``) records that it failed, so the player can skip it.
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


class FaultBoundary(QWidget):
    """The widget a paint error inside it is charged to: one panel's slide."""

    def __init__(self, panel_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel_id = panel_id
        self.paint_failed = False  # set (by charge_paint_error) when any widget in it raised while painting

    def charge_paint_error(self) -> None:
        """A widget inside raised while painting: the slide is marked as failed."""
        self.paint_failed = True


class PaintedWidget(QWidget):
    """A widget that paints itself. Subclasses implement ``paint``, never ``paintEvent``."""

    def paint(self, event: QPaintEvent) -> None:
        """Draw the widget (Qt's paintEvent, with exceptions kept in)."""
        raise NotImplementedError

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        """Qt's paint call: ``paint``, with an exception charged to the slide instead of reaching Qt."""
        try:
            self.paint(event)
        except Exception as exc:
            boundary = boundary_of(self)
            if boundary is not None:
                boundary.charge_paint_error()
            report(boundary.panel_id if boundary is not None else type(self).__name__, exc)


def boundary_of(widget: QWidget | None) -> FaultBoundary | None:
    """The FaultBoundary ``widget`` is in (or is), or None outside any slide."""
    while widget is not None and not isinstance(widget, FaultBoundary):
        widget = widget.parentWidget()
    return widget


_reported: set[str] = set()


def report(panel_id: str, exc: BaseException) -> None:
    """The full traceback once per panel id, then one line per failure: logs stay readable for months.

    The traceback goes to the log as text: a log record holding the exception would keep
    the half-built widgets alive through its frames.
    """
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    if panel_id in _reported:
        log.error("panel %r failed again (%s); skipping it", panel_id, trace.strip().splitlines()[-1])
        return
    _reported.add(panel_id)
    log.error("panel %r failed to build or paint; skipping it and showing the next\n%s", panel_id, trace)
