"""Text: a title with an optional icon, paragraphs, and an optional link as a QR code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk import theme
from kiosk.content.model import TextPanel, paragraphs
from kiosk.panels import register
from kiosk.panels.base import PanelWidget, link_block, link_width
from kiosk.widgets import icon_label


@register("text")
class TextWidget(PanelWidget):
    panel: TextPanel
    max_scale = 1.3  # a short paragraph reads better larger than lost in empty space

    def build(self) -> None:
        s, p = self.style_, self.panel
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(s.px(theme.GAP))
        heading = QHBoxLayout()
        heading.setSpacing(s.px(theme.GAP))
        if p.icon:
            heading.addWidget(icon_label(p.icon, s.color("accent"), s.px(theme.TITLE)),
                              0, Qt.AlignmentFlag.AlignVCenter)
        icon_room = s.px(theme.TITLE) + s.px(theme.GAP) if p.icon else 0
        heading.addWidget(self.label(p.title, theme.TITLE, weight=QFont.Weight.Bold,
                                     width=self.area.width() - icon_room), 1)
        layout.addLayout(heading)
        row = QHBoxLayout()
        row.setSpacing(s.px(theme.GAP) * 2)
        text_width = self.area.width() - (link_width(self) + s.px(theme.GAP) * 2 if p.link else 0)
        text = QVBoxLayout()
        text.setSpacing(s.px(theme.GAP))
        for paragraph in paragraphs(p.body):
            text.addWidget(self.label(paragraph, theme.BODY, width=text_width))
        row.addLayout(text, 1)
        if p.link:
            row.addWidget(link_block(self, p.link), 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        layout.addStretch(1)
