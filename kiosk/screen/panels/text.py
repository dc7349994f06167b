"""Text: a title with an optional icon, paragraphs, an optional image, and a link as a QR code."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core import theme
from kiosk.core.content.localize import resolved
from kiosk.core.content.model import TextPanel, paragraphs
from kiosk.screen.icons import icon_label
from kiosk.screen.images import Picture
from kiosk.screen.panels import register
from kiosk.screen.panels.base import PanelWidget, link_block, link_width

ASIDE = 0.36  # share of the width an image takes beside the paragraphs
IMAGE_HEIGHT = 0.34  # share of the area's height an image may take above portrait paragraphs


@register("text")
class TextWidget(PanelWidget):
    """The text panel: a heading, paragraphs, and an image and the link's QR code beside them."""

    panel: TextPanel
    max_scale = 1.3  # a short paragraph reads better larger than lost in empty space

    def build(self) -> None:
        """Lay out the heading, then the paragraphs with the picture and link aside (below on portrait)."""
        s = self.style_
        layout = self.column(s.px(theme.GAP))
        layout.addLayout(self._heading())
        gap = s.px(theme.GAP) * 2
        if s.portrait:
            self._portrait(layout)
        else:
            link = link_block(self, self.panel.link, ("link",)) if self.panel.link else None
            picture = self._picture(QSize(round(self.area.width() * ASIDE), self._picture_height(link)))
            # Without a picture (none, or none readable) only the link needs a column.
            aside = round(self.area.width() * ASIDE) if picture else link_width(self, self.panel.link) if link else 0
            row = QHBoxLayout()
            row.setSpacing(gap)
            row.addLayout(self._paragraphs(self.area.width() - (aside + gap if aside else 0)), 1)
            if aside:
                row.addLayout(self._aside(picture, link))
            layout.addLayout(row)
        layout.addStretch(1)

    def _heading(self) -> QHBoxLayout:
        s, p = self.style_, self.panel
        heading = QHBoxLayout()
        heading.setSpacing(s.px(theme.GAP))
        if p.icon:
            heading.addWidget(icon_label(p.icon, s.color("accent"), s.text_px(theme.TITLE)),
                              0, Qt.AlignmentFlag.AlignVCenter)
        icon_room = s.text_px(theme.TITLE) + s.px(theme.GAP) if p.icon else 0
        heading.addWidget(self.label(p.title, theme.TITLE, weight=QFont.Weight.Bold,
                                     width=self.area.width() - icon_room, field=("title",)), 1)
        return heading

    def _paragraphs(self, width: int) -> QVBoxLayout:
        text = QVBoxLayout()
        text.setSpacing(self.style_.px(theme.GAP))
        for paragraph in paragraphs(resolved(self.panel.body)):
            text.addWidget(self.label(paragraph, theme.BODY, width=width, field=("body",)))
        return text

    def _picture_height(self, link: QWidget | None) -> int:
        """The room for a picture beside the paragraphs: two thirds of the area, less the link under it."""
        link_height = link.sizeHint().height() + self.style_.px(theme.GAP) if link else 0
        return self.area.height() * 2 // 3 - link_height

    def _aside(self, picture: Picture | None, link: QWidget | None) -> QVBoxLayout:
        """The image, and the link under it, in a column beside the paragraphs."""
        aside = QVBoxLayout()
        aside.setSpacing(self.style_.px(theme.GAP))
        for widget in (picture, link):
            if widget is not None:
                aside.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        aside.addStretch(1)
        return aside

    def _portrait(self, layout: QVBoxLayout) -> None:
        """Portrait: the image under the title, the paragraphs full width, the link at the foot."""
        width = self.area.width()
        picture = self._picture(QSize(width, round(self.area.height() * IMAGE_HEIGHT)))
        if picture is not None:
            layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(self._paragraphs(width))
        if self.panel.link:
            layout.addSpacing(self.style_.px(theme.GAP))
            layout.addWidget(link_block(self, self.panel.link, ("link",), width=width, beside=True))

    def _picture(self, box: QSize) -> Picture | None:
        """The first of the panel's images that can be read, aspect-fit into ``box``."""
        if box.width() <= 0 or box.height() <= 0:
            return None
        for number, path in enumerate(self.panel.images):
            decoded = self.image(path, box, ("images", number), "not shown")
            if decoded is not None:
                return Picture(decoded.image)
        return None
