"""Updates: news items as cards in two columns, split into pages that share the panel's time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.content.model import UpdateItem, UpdatesPanel
from kiosk.dates import date_span_text
from kiosk.panels import register
from kiosk.panels.base import PanelWidget

Weight = QFont.Weight
COLUMNS = 2


@register("updates")
class UpdatesWidget(PanelWidget):
    panel: UpdatesPanel

    def build(self) -> None:
        s, p = self.style_, self.panel
        gap = s.px(theme.GAP)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(gap)
        heading = QHBoxLayout()
        page_room = s.px(theme.SUBTITLE) * 4
        heading.addWidget(self.label(p.title, theme.TITLE, weight=Weight.Bold,
                                     width=self.area.width() - page_room), 1)
        self._page_label = self.label("", theme.SUBTITLE, color="muted", wrap=False,
                                      align=Qt.AlignmentFlag.AlignRight)
        heading.addWidget(self._page_label, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(heading)
        title_height = heading.totalSizeHint().height()
        column_width = (self.area.width() - gap * (COLUMNS - 1)) // COLUMNS
        room = self.area.height() - title_height - gap
        cards = [self._card(item, column_width) for item in p.items]
        self._pages: list[QWidget] = []
        for columns in paginate([c.minimumSizeHint().height() for c in cards], room, gap):
            page = self._page([[cards[i] for i in column] for column in columns], gap)
            layout.addWidget(page, 1)
            self._pages.append(page)
        self.set_page(0)

    def _card(self, item: UpdateItem, width: int) -> QWidget:
        s = self.style_
        card = QWidget()
        card.setObjectName("card")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        edge = max(3, s.px(0.005))
        card.setStyleSheet(f"#card {{ background: {s.palette.surface}; "
                           f"border-left: {edge}px solid {s.palette.accent}; }}")
        box = QVBoxLayout(card)
        pad = s.px(0.018)
        box.setContentsMargins(pad + edge, pad, pad, pad)
        box.setSpacing(s.px(0.008))
        inner = width - 2 * pad - edge
        if item.date is None:
            box.addWidget(self.label(item.title, theme.SUBTITLE, weight=Weight.DemiBold, width=inner))
        else:
            box.addLayout(self._dated_title(item, inner))
        if item.text:
            box.addWidget(self.label(item.text, theme.BODY * 0.9, color="muted", width=inner))
        return card

    def _dated_title(self, item: UpdateItem, width: int) -> QHBoxLayout:
        """The title with its date beside it, on the title's first baseline."""
        s = self.style_
        text = date_span_text(*item.date, locale=s.locale.name())
        when = self.label(text, theme.BODY * 0.9, color="accent", weight=Weight.DemiBold, wrap=False,
                          align=Qt.AlignmentFlag.AlignRight)
        gap = s.px(theme.GAP) // 2
        title = self.label(item.title, theme.SUBTITLE, weight=Weight.DemiBold,
                           width=width - when.sizeHint().width() - gap)
        when.setContentsMargins(0, _ascent(title) - _ascent(when), 0, 0)
        row = QHBoxLayout()
        row.setSpacing(gap)
        row.addWidget(title, 1)
        row.addWidget(when, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _page(self, columns: list[list[QWidget]], gap: int) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(gap)
        for cards in columns + [[]] * (COLUMNS - len(columns)):
            column = QVBoxLayout()
            column.setSpacing(gap)
            for card in cards:
                column.addWidget(card)
            column.addStretch(1)
            row.addLayout(column, 1)
        return page

    def page_count(self) -> int:
        return len(self._pages)

    def set_page(self, page: int) -> None:
        for index, widget in enumerate(self._pages):
            widget.setVisible(index == page)
        count = len(self._pages)
        self._page_label.setText(f"{page + 1} / {count}" if count > 1 else "")


def _ascent(label: QLabel) -> int:
    return QFontMetrics(label.font()).ascent()


def paginate(heights: list[int], room: int, gap: int, columns: int = COLUMNS) -> list[list[list[int]]]:
    """Fill columns top to bottom, then pages, in order; never split an item."""
    pages: list[list[list[int]]] = [[[]]]
    used = 0
    for index, height in enumerate(heights):
        column = pages[-1][-1]
        if column and used + gap + height > room:
            if len(pages[-1]) < columns:
                pages[-1].append([])
            else:
                pages.append([[]])
            used = 0
            column = pages[-1][-1]
        used += height + (gap if column else 0)
        column.append(index)
    return pages
