"""The urgent message screen: black on signal yellow over the whole window, nothing like a panel.

Each language of the message is one block (title and text) under the other; a link shows as a
QR code beside them. Text that does not fit shrinks step by step, as panels do.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core import theme
from kiosk.core.content.localize import resolved
from kiosk.core.content.model import Link, Urgent
from kiosk.screen.icons import icon_label
from kiosk.screen.qr import QrCode
from kiosk.screen.slide import paint_background
from kiosk.screen.style import Style
from kiosk.screen.text import text_height_for, text_label

INK, PAPER = QColor(theme.URGENT.text), QColor(theme.URGENT.background)


class UrgentScreen(QWidget):
    """One urgent message (already resolved per language, see ``in_languages``) covering ``size``."""

    def __init__(self, messages: list[Urgent], style: Style, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messages = messages
        self.setFixedSize(QSize(style.size))
        paint_background(self, PAPER)
        margin = style.px(theme.MARGIN)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, margin)
        outer.setSpacing(margin)
        outer.addWidget(_rule(style))
        side_margin = margin if style.portrait else margin * 16 // 10
        # The link goes beside the message on a landscape screen and under it on a portrait one.
        row = QVBoxLayout() if style.portrait else QHBoxLayout()
        row.setContentsMargins(side_margin, 0, side_margin, 0)
        row.setSpacing(margin)
        link = messages[0].link
        side = style.px(theme.QR * 1.4) if link is not None and link.qr else 0
        link_width = max(side, style.px(theme.QR * 1.6)) if link is not None else 0
        link_height = side + style.px(theme.SUBTITLE) * 3 + margin if link is not None else 0
        room = QSize(style.size.width() - 2 * side_margin - (0 if style.portrait else link_width + margin),
                     style.size.height() - 2 * margin - style.px(theme.URGENT_RULE)
                     - (link_height if style.portrait else 0))
        self.blocks = _fitted_blocks(messages, style, room)
        row.addStretch(1)
        row.addWidget(self.blocks, 0, Qt.AlignmentFlag.AlignVCenter)
        if link is not None:
            row.addWidget(_link(link, style, side, link_width), 0, Qt.AlignmentFlag.AlignCenter)
        row.addStretch(1)
        outer.addLayout(row, 1)

    @property
    def texts(self) -> list[str]:
        """Every text on the screen, for logs and tests."""
        labels: Iterable[QLabel] = self.findChildren(QLabel)
        return [label.text() for label in labels if label.text()]


def _fitted_blocks(messages: list[Urgent], style: Style, room: QSize) -> QWidget:
    """The language blocks at the largest text that fits ``room``."""
    for scale in theme.SCALE_STEPS:
        if scale > 1.0:
            continue  # the sizes are already large; a short message needs no more
        blocks = _blocks(messages, style.with_scale(scale), room.width())
        if blocks.sizeHint().height() <= room.height() or scale == theme.SCALE_STEPS[-1]:
            return blocks
        blocks.deleteLater()
    raise AssertionError("unreachable")


def _blocks(messages: list[Urgent], style: Style, width: int) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(style.px(theme.GAP) * 2)
    for number, message in enumerate(messages):
        if number:
            column.addWidget(_rule(style, thin=True))
        column.addWidget(_block(message, style, width))
    return box


def _block(message: Urgent, style: Style, width: int) -> QWidget:
    block = QWidget()
    column = QVBoxLayout(block)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(style.px(theme.GAP))
    if message.title:
        icon_side = style.text_px(theme.URGENT_TITLE)
        head = QHBoxLayout()
        head.setSpacing(style.px(theme.GAP))
        head.addWidget(icon_label(theme.URGENT_ICON, INK, icon_side), 0, Qt.AlignmentFlag.AlignTop)
        title = _label(resolved(message.title), style.font(theme.URGENT_TITLE, QFont.Weight.Black), width - icon_side)
        head.addWidget(title, 1)
        column.addLayout(head)
    column.addWidget(_label(resolved(message.text), style.font(theme.URGENT_TEXT, QFont.Weight.DemiBold), width))
    return block


def _label(text: str, font: QFont, width: int) -> QLabel:
    label = text_label(text, font, INK)
    label.setFixedWidth(max(1, width))
    label.setFixedHeight(text_height_for(label, width))
    return label


def _rule(style: Style, thin: bool = False) -> QFrame:
    rule = QFrame()
    rule.setFixedHeight(max(2, style.px(theme.URGENT_RULE) // (3 if thin else 1)))
    paint_background(rule, INK)
    return rule


def _link(link: Link, style: Style, side: int, width: int) -> QWidget:
    block = QWidget()
    column = QVBoxLayout(block)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(style.px(0.01))
    if link.qr:
        column.addWidget(QrCode(link.url, side, QColor(theme.QR_DARK), QColor(theme.QR_LIGHT)), 0,
                         Qt.AlignmentFlag.AlignHCenter)
    label = text_label(resolved(link.label), style.font(theme.SUBTITLE, QFont.Weight.DemiBold), INK,
                       align=Qt.AlignmentFlag.AlignHCenter)
    label.setFixedWidth(width)
    column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
    return block
