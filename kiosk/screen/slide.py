"""A slide: the slim header, one panel's body, and the footer with position dots."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core import theme
from kiosk.core.content.localize import resolved
from kiosk.core.content.model import PanelBase
from kiosk.screen.clock import HeaderClock
from kiosk.screen.faults import FaultBoundary, PaintedWidget
from kiosk.screen.panels import PanelWidget, widget_class
from kiosk.screen.style import Style
from kiosk.screen.text import elide_to_lines, line_starts, text_height_for, text_label

MAX_DOTS = 20  # beyond this a row of dots says nothing


class Dots(PaintedWidget):
    """A row of dots; the larger accent one is the panel on screen."""

    def __init__(self, style: Style, index: int, count: int) -> None:
        super().__init__()
        self._style = style
        self.index, self.count = index, min(count, MAX_DOTS)
        dot = style.px(theme.DOT)
        self.setFixedSize(max(1, self.count * dot * 2), dot * 2)

    def paint(self, event: object) -> None:
        """Draw the dots, the current one larger and in the accent colour."""
        dot = self._style.px(theme.DOT)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for i in range(self.count):
            current = i == self.index
            painter.setBrush(self._style.color("accent") if current else QColor(self._style.palette.muted))
            radius = dot / 2 if current else dot / 3
            painter.drawEllipse(QPointF(dot * (2 * i + 1), self.height() / 2), radius, radius)


class Slide(FaultBoundary):
    """Everything one screen shows for a panel, sized to the whole screen."""

    def __init__(self, panel: PanelBase, style: Style, position: tuple[int, int] = (0, 1),
                 parent: QWidget | None = None) -> None:
        super().__init__(panel.id, parent)
        self.lang = style.lang
        self.clock: HeaderClock | None = None
        self.dots: Dots | None = None
        self.footer: QWidget | None = None
        self.fit_notes: list[tuple[tuple[str | int, ...], str]] = []  # header/footer; the body has its own
        self.setFixedSize(style.size)
        self.setAutoFillBackground(True)
        paint_background(self, style.color("background"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        if panel.fills_screen():  # a full-bleed poster: no header, footer or margins
            self.body = fit_panel(panel, style, style.size)
            self.body.setFixedSize(style.size)
            outer.addWidget(self.body)
            return
        margin_y = style.px(theme.MARGIN)
        margin_x = margin_y if style.portrait else margin_y * 16 // 10  # portrait: keep the width
        if style.bare:  # a side column's slide: on the header's colour, so header and column read as one frame
            paint_background(self, QColor(style.palette.surface))
            self._body(outer, panel, style, QSize(style.size.width() - 2 * margin_x,
                                                  style.size.height() - 2 * margin_y), margin_x, margin_y)
            return
        outer.addWidget(self._header(style, margin_x))
        footer = self.footer = self._footer(style, margin_x, position)
        area = QSize(style.size.width() - 2 * margin_x,
                     style.size.height() - style.px(theme.HEADER_HEIGHT) - footer.height() - 2 * margin_y)
        self._body(outer, panel, style, area, margin_x, margin_y)
        outer.addWidget(footer)

    def _body(self, outer: QVBoxLayout, panel: PanelBase, style: Style, area: QSize, margin_x: int,
              margin_y: int) -> None:
        """The panel, fitted to ``area``, inside the margins."""
        self.body = fit_panel(panel, style, area)
        self.body.setFixedSize(area)
        body = QVBoxLayout()
        body.setContentsMargins(margin_x, margin_y, margin_x, margin_y)
        body.addWidget(self.body)
        outer.addLayout(body, 1)

    def _header(self, style: Style, margin: int) -> QWidget:
        header = QWidget()
        header.setFixedHeight(style.px(theme.HEADER_HEIGHT))
        paint_background(header, QColor(style.palette.surface))
        row = QHBoxLayout(header)
        row.setContentsMargins(margin, 0, margin, 0)
        font = style.font(theme.HEADER_TEXT, QFont.Weight.DemiBold)
        room = style.size.width() - 2 * margin
        title_text = resolved(style.settings.title)
        if style.settings.clock:  # the clock takes the right corner, the date too when the title leaves room
            gap = style.px(theme.GAP)
            self.clock = HeaderClock(style, room - QFontMetrics(font).horizontalAdvance(title_text) - gap)
            room -= self.clock.width() + gap
        text = QFontMetrics(font).elidedText(title_text, Qt.TextElideMode.ElideRight, room)
        if text != title_text:
            self.fit_notes.append((("settings", "title"), 'cut to one line ending in "…"; shorten it'))
        title = text_label(text, font, style.color("text"), wrap=False)
        title.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(title, 1)
        if self.clock is not None:
            row.addWidget(self.clock)
        return header

    def _footer(self, style: Style, margin: int, position: tuple[int, int]) -> QWidget:
        footer = QWidget()
        row = QHBoxLayout(footer)
        pad, gap = style.px(0.018), style.px(theme.GAP) * 2
        row.setContentsMargins(margin, pad, margin, pad)
        row.setSpacing(gap)
        self.footer_label = text_label(resolved(style.settings.footer), style.font(theme.FOOTER_TEXT),
                                       QColor(style.palette.muted))
        dots = self.dots = Dots(style, *position)
        text_width = style.size.width() - 2 * margin - gap - dots.width()
        self.footer_label.setFixedWidth(text_width)
        self._cap_footer(style, text_width)
        row.addWidget(self.footer_label, 1)
        row.addWidget(dots, 0, Qt.AlignmentFlag.AlignBottom)
        text_height = text_height_for(self.footer_label, text_width) if style.settings.footer else 0
        footer.setFixedSize(style.size.width(), max(text_height, dots.height()) + 2 * pad)
        return footer


    def _cap_footer(self, style: Style, width: int) -> None:
        """A long footer keeps at most FOOTER_MAX of the screen, ending in "…" when cut."""
        label = self.footer_label
        lines = len(line_starts(label.text(), label.font(), width)) if label.text() else 0
        keep = max(1, int(style.size.height() * theme.FOOTER_MAX / label.fontMetrics().lineSpacing()))
        if lines > keep:
            label.setText(elide_to_lines(label.text(), label.font(), width, keep))
            self.fit_notes.append((("settings", "footer"), f"cut to {keep} lines ending in \"…\" "
                                                           f"({lines - keep} of {lines} lines do not fit)"))


def paint_background(widget: QWidget, color: QColor) -> None:
    """Give ``widget`` a solid background of ``color``, painted by Qt itself."""
    widget.setAutoFillBackground(True)
    palette = widget.palette()
    palette.setColor(widget.backgroundRole(), color)
    widget.setPalette(palette)


def fit_panel(panel: PanelBase, style: Style, area: QSize) -> PanelWidget:
    """Build the panel's widget, shrinking its text step by step until it fits the area.

    Body text stops at the legibility floor (2.2 % of the screen height); a panel that
    still does not fit at the last step then settles: updates split into pages, other
    panels cut the last lines of their latest fields with "…". Each step is noted in
    ``widget.fit_notes``.
    """
    cls = widget_class(panel.kind)
    steps = [scale for scale in theme.SCALE_STEPS if scale <= cls.max_scale]
    for scale in steps:
        widget = cls(panel, style.with_scale(scale), area)
        if not widget.overflows():
            break
        if scale != steps[-1]:
            widget.deleteLater()
    else:
        widget = _largest_with_as_many_pages(widget, steps)
        widget.settle()
    widget.note_shrink()
    return widget


def _largest_with_as_many_pages(smallest: PanelWidget, steps: list[float]) -> PanelWidget:
    """Once pages are unavoidable, shrinking further only costs size: take the largest text
    that needs no more pages than the smallest text does."""
    pages = smallest.page_count()
    if pages == 1:
        return smallest
    for scale in steps[:-1]:
        widget = type(smallest)(smallest.panel, smallest.style_.with_scale(scale), smallest.area)
        if widget.page_count() <= pages and not PanelWidget.overflows(widget):
            smallest.deleteLater()
            return widget
        widget.deleteLater()
    return smallest
