"""The small corner marker that says content.yaml has errors (the screen keeps the last good).

On a lobby screen it is one muted line with a warning icon, in the header's empty right
corner. In the ``--windowed`` preview it also lists every error with its line number, so
staff can fix the file while they watch.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core import theme
from kiosk.core.content import ContentError, Problem
from kiosk.core.content.model import Settings
from kiosk.screen.icons import IconLabel, draw_icon
from kiosk.screen.style import Style, style_for
from kiosk.screen.text import text_label

WARNING_ICON = "fa5s.exclamation-triangle"
MAX_LISTED = 12  # errors listed in the preview; the rest are counted


def listed_line(problem: Problem) -> str:
    """A problem as ``kiosk check`` prints it, with the file's name instead of its full path."""
    return str(replace(problem, path=Path(problem.path).name))


def detail_text(error: ContentError) -> str:
    """The lines of the marker's detail: the first errors, and how many more."""
    errors = [p for p in error.problems if p.is_error]
    lines = [listed_line(p) for p in errors[:MAX_LISTED]]
    if len(errors) > MAX_LISTED:
        lines.append(f"… and {len(errors) - MAX_LISTED} more (run `kiosk check` for all)")
    return "\n".join(lines)


def headline(error: ContentError) -> str:
    """``content.yaml has 3 errors``: the top line of the full list."""
    count = sum(p.is_error for p in error.problems)
    return f"{Path(error.problems[0].path).name} has {count} error{'s' if count != 1 else ''}"


def elided(label: QLabel, text: str, width: int) -> str:
    """``text`` cut with an ellipsis to ``width`` pixels, keeping a trailing ``(+N more)``."""
    body, mark, more = text.rpartition(" (+")
    if not mark:
        body, more = text, ""
    suffix = f"{mark}{more}"
    metrics = label.fontMetrics()
    room = max(0, width - metrics.horizontalAdvance(suffix))
    return metrics.elidedText(body, Qt.TextElideMode.ElideRight, room) + suffix


class ProblemMarker(QWidget):
    """Sits over the top-right corner of ``parent`` while the content has errors."""

    def __init__(self, parent: QWidget, *, detailed: bool = False) -> None:
        super().__init__(parent)
        self._host = parent  # the marker sits over its corner and follows its size
        self.detailed = detailed
        self._style: Style | None = None
        self._summary = ""  # in full; the label shows it elided to the marker's width
        self.icon = IconLabel()
        self.summary = text_label("", QFont(), QColor(), wrap=False)
        self.details = text_label("", QFont(), QColor())
        self.details.setVisible(detailed)
        self._row = QHBoxLayout()
        self._row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        self._row.addWidget(self.summary, 1, Qt.AlignmentFlag.AlignVCenter)
        self._column = QVBoxLayout(self)
        self._column.addLayout(self._row)
        self._column.addWidget(self.details)
        self.hide()
        parent.installEventFilter(self)

    def show_problems(self, error: ContentError, settings: Settings) -> None:
        """Show (or update) the marker for ``error``, in the colours of ``settings``."""
        self._style = style_for(settings, self._host.size(), Path("."))
        self._summary = f"Not updated: {headline(error) if self.detailed else error.summary}"
        self.details.setText(detail_text(error))
        self._restyle()
        self.show()
        self.raise_()

    def clear(self) -> None:
        """Hide the marker: the content is good again."""
        self.hide()
        self._summary = ""
        self.summary.setText("")
        self.details.setText("")

    @property
    def text(self) -> str:
        """Everything the marker says, for logs and tests."""
        if self.isHidden():
            return ""
        return "\n".join(t for t in (self._summary, self.details.text() if self.detailed else "") if t)

    def _restyle(self) -> None:
        s = self._style
        if s is None:
            return
        pad = s.px(theme.MARKER_TEXT) // 2
        self._column.setContentsMargins(pad * 2, pad, pad * 2, pad)
        self._row.setSpacing(pad)
        side = s.px(theme.MARKER_ICON)
        self.icon.set_pixmap(draw_icon(WARNING_ICON, s.color("accent"), side, self.devicePixelRatioF()))
        self._set_look(self.summary, s.font(theme.MARKER_TEXT), QColor(s.palette.muted))
        self._set_look(self.details, s.font(theme.MARKER_DETAIL_TEXT), s.color("text"))
        width = round(s.size.width() * (theme.MARKER_DETAIL_WIDTH if self.detailed else theme.MARKER_WIDTH))
        self.summary.setText(elided(self.summary, self._summary, width - side - pad * 5))
        self.details.setFixedWidth(width - pad * 4)
        self.setMaximumWidth(width)
        self.adjustSize()
        self._place(s)

    @staticmethod
    def _set_look(label: QLabel, font: QFont, color: QColor) -> None:
        label.setFont(font)
        palette = label.palette()
        palette.setColor(label.foregroundRole(), color)
        label.setPalette(palette)

    def _place(self, s: Style) -> None:
        header = s.px(theme.HEADER_HEIGHT)
        pad = s.px(theme.MARKER_TEXT) // 2
        first_row = max(self.icon.height(), self.summary.sizeHint().height()) + 2 * pad
        top = max(0, (header - first_row) // 2)  # the first row sits centred in the slide's header
        self.move(self._host.width() - self.width() - s.px(theme.MARGIN) * 16 // 10, top)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Restyle the marker when the host changes size."""
        if event.type() == QEvent.Type.Resize and self._style is not None:
            self._style = replace(self._style, size=self._host.size())
            self._restyle()
        return False

    def paintEvent(self, event: object) -> None:  # noqa: N802
        """Paint the marker's rounded background."""
        if self._style is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setOpacity(theme.MARKER_OPACITY)
        painter.setBrush(QColor(self._style.palette.surface))
        if self.detailed:  # a list over the slide reads as a box; the lobby line melts into the header
            painter.setPen(QPen(self._style.color("accent"), 1))
            radius = self._style.px(theme.MARKER_TEXT) / 2
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            radius = self.height() / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
