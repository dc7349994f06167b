"""Updates: news items as cards in two columns, split into pages that share the panel's time."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core import theme
from kiosk.core.content.model import UpdateItem, UpdatesPanel
from kiosk.core.dates import date_span_text
from kiosk.screen.panels import register
from kiosk.screen.panels.base import PanelWidget, link_block, qr_side

Weight = QFont.Weight
COLUMNS = 2


@register("updates")
class UpdatesWidget(PanelWidget):
    """The updates panel: news items as cards in two columns, paged when they don't fit one screen."""

    panel: UpdatesPanel

    def build(self) -> None:
        """Lay out the heading with its page number, and the cards split into pages that fit the room."""
        s, p = self.style_, self.panel
        gap = s.px(theme.GAP)
        layout = self.column(gap)
        heading = QHBoxLayout()
        page_room = s.px(theme.SUBTITLE) * 4
        heading.addWidget(self.label(p.title, theme.TITLE, weight=Weight.Bold,
                                     width=self.area.width() - page_room, field=("title",)), 1)
        self._page_label = self.label("", theme.SUBTITLE, color="muted", wrap=False,
                                      align=Qt.AlignmentFlag.AlignRight)
        heading.addWidget(self._page_label, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(heading)
        link = self._panel_link()
        columns = 1 if s.portrait else COLUMNS
        cards_width = self.area.width() - (link.width() + gap * 2 if link and not s.portrait else 0)
        column_width = (cards_width - gap * (columns - 1)) // columns
        room = self.area.height() - heading.totalSizeHint().height() - gap
        if link and s.portrait:
            room -= link.sizeHint().height() + gap
        cards = [self._card(index, item, column_width, room) for index, item in enumerate(p.items)]
        self._pages: list[QWidget] = []
        self._first_items: list[int] = []
        body = QHBoxLayout()
        body.setSpacing(gap * 2)
        stack = QVBoxLayout()
        stack.setSpacing(0)
        for page_columns in paginate([c.minimumSizeHint().height() for c in cards], room, gap, columns):
            page = self._page([[cards[i] for i in column] for column in page_columns], gap, columns)
            stack.addWidget(page, 1)
            self._pages.append(page)
            self._first_items.append(page_columns[0][0])
        body.addLayout(stack, 1)
        if link and not s.portrait:
            body.addWidget(link, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(body, 1)
        if link and s.portrait:
            layout.addWidget(link)
        self.set_page(0)

    def _panel_link(self) -> QWidget | None:
        link = self.panel.link
        if link is None:
            return None
        if self.style_.portrait:
            return link_block(self, link, ("link",), width=self.area.width(), beside=True)
        return link_block(self, link, ("link",))

    def _card(self, index: int, item: UpdateItem, width: int, room: int) -> QWidget:
        s = self.style_
        card = QWidget()
        card.setObjectName("card")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        edge = max(3, s.px(0.005))
        card.setStyleSheet(f"#card {{ background: {s.palette.surface}; "
                           f"border-left: {edge}px solid {s.palette.accent}; }}")
        row = QHBoxLayout(card)
        pad = s.px(0.018)
        row.setContentsMargins(pad + edge, pad, pad, pad)
        row.setSpacing(pad)
        inner = width - 2 * pad - edge
        link = None
        if item.link:
            link = link_block(self, item.link, ("items", index, "link"), width=qr_side(s))
            inner -= link.width() + pad
        box = QVBoxLayout()
        box.setSpacing(s.px(0.008))
        if item.date is None:
            box.addWidget(self.label(item.title, theme.SUBTITLE, weight=Weight.DemiBold, width=inner,
                                     field=("items", index, "title")))
        else:
            box.addLayout(self._dated_title(item, item.date, inner, ("items", index, "title")))
        if item.text:
            text = self.label(item.text, theme.BODY * 0.9, color="muted", width=inner,
                              field=("items", index, "text"))
            box.addWidget(text)
        box.addStretch(1)
        row.addLayout(box, 1)
        if link is not None:
            row.addWidget(link, 0, Qt.AlignmentFlag.AlignTop)
        excess = card.minimumSizeHint().height() - room
        if item.text and excess > 0 and self.style_.scale <= theme.SCALE_STEPS[-1]:
            self.elide(self.texts[-1], excess)  # one item taller than a page even at the floor: cut it
        return card

    def overflows(self) -> bool:
        """More than one page still counts as not fitting, until text reaches the floor."""
        return self.page_count() > 1 or super().overflows()

    def settle(self) -> None:
        """At the floor, pages are the way to fit: tell staff where each new page starts."""
        for number, first in enumerate(self._first_items[1:], start=2):
            self.fit_notes.append((("items", first), f"starts page {number} of {len(self._pages)}: "
                                                     "the items do not fit one screen"))

    def _dated_title(self, item: UpdateItem, span: tuple[date, date], width: int, field: tuple) -> QHBoxLayout:
        """The title with its date (``span``, first and last day) beside it, on the title's first baseline."""
        s = self.style_
        text = date_span_text(*span, locale=s.locale.name())
        when = self.label(text, theme.BODY * 0.9, color="accent", weight=Weight.DemiBold, wrap=False,
                          align=Qt.AlignmentFlag.AlignRight)
        gap = s.px(theme.GAP) // 2
        title = self.label(item.title, theme.SUBTITLE, weight=Weight.DemiBold,
                           width=width - when.sizeHint().width() - gap, field=field)
        when.setContentsMargins(0, _ascent(title) - _ascent(when), 0, 0)
        row = QHBoxLayout()
        row.setSpacing(gap)
        row.addWidget(title, 1)
        row.addWidget(when, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _page(self, columns: list[list[QWidget]], gap: int, count: int) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(gap)
        for cards in columns + [[]] * (count - len(columns)):
            column = QVBoxLayout()
            column.setSpacing(gap)
            for card in cards:
                column.addWidget(card)
            column.addStretch(1)
            row.addLayout(column, 1)
        return page

    def page_count(self) -> int:
        """How many pages the cards take."""
        return len(self._pages)

    def set_page(self, page: int) -> None:
        """Show the cards of page ``page`` and its number."""
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
