"""Spotlight: one person, their photo (or initials), their words, and a link."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout

from kiosk.core import theme
from kiosk.core.content.localize import resolved
from kiosk.core.content.model import SpotlightPanel
from kiosk.screen.faults import PaintedWidget
from kiosk.screen.panels import register
from kiosk.screen.panels.base import PanelWidget, link_block, link_width

Weight = QFont.Weight


def initials(name: str) -> str:
    """First and last initials: "Juan Oscar Leal" -> "JL"."""
    words = [w for w in name.split() if w[:1].isalpha()]
    if not words:
        return "?"
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


class Avatar(PaintedWidget):
    """A circle holding the photo, or the person's initials when there is none."""

    def __init__(self, side: int, photo: QImage | None, letters: str, style) -> None:
        super().__init__()
        self.setFixedSize(side, side)
        self._photo, self._letters, self._style = photo, letters, style

    def paint(self, event: object) -> None:
        """Draw the photo clipped to a circle, or the initials on the card colour, inside an accent ring."""
        s = self._style
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = max(2, self.width() // 40)
        circle = QRectF(self.rect()).adjusted(ring, ring, -ring, -ring)
        path = QPainterPath()
        path.addEllipse(circle)
        if self._photo is not None:
            painter.setClipPath(path)
            source = QRectF(self._photo.rect())
            offset_x, offset_y = (source.width() - circle.width()) / 2, (source.height() - circle.height()) / 2
            painter.drawImage(circle, self._photo, QRectF(offset_x, offset_y,
                                                          circle.width(), circle.height()))
            painter.setClipping(False)
        else:
            painter.fillPath(path, QColor(s.palette.surface))
            font = s.font(theme.AVATAR, Weight.Bold)
            font.setPixelSize(max(6, round(circle.height() * 0.38)))  # letters follow the circle
            painter.setFont(font)
            painter.setPen(s.color("accent"))
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, self._letters)
        painter.setPen(QPen(s.color("accent"), ring))
        painter.drawEllipse(circle)


@register("spotlight")
class SpotlightWidget(PanelWidget):
    """The spotlight panel: one person's photo or initials, their words and their link."""

    panel: SpotlightPanel

    def build(self) -> None:
        """Lay the avatar beside the words, or above them on portrait screens."""
        s, p = self.style_, self.panel
        portrait = s.portrait
        side = s.px(theme.AVATAR * s.scale * (0.8 if portrait else 1.0))
        avatar = Avatar(side, self._photo(side), initials(resolved(p.name)), s)
        spacing = s.px(theme.GAP) * 2
        if portrait:  # stacked: the face on top, the words under it, the link at the foot
            layout: QBoxLayout = QVBoxLayout(self)
            layout.setSpacing(s.px(theme.GAP))
            layout.addWidget(avatar, 0, Qt.AlignmentFlag.AlignHCenter)
            width = self.area.width()
            self._words(layout, width)
            layout.addStretch(1)
            if p.link:
                layout.addWidget(link_block(self, p.link, ("link",), width=width, beside=True))
        else:  # the face and the link in a column beside the words
            layout = QHBoxLayout(self)
            layout.setSpacing(spacing)
            aside = QVBoxLayout()
            aside.setSpacing(s.px(theme.GAP))
            aside.addWidget(avatar, 0, Qt.AlignmentFlag.AlignHCenter)
            if p.link:
                aside.addWidget(link_block(self, p.link, ("link",)), 0, Qt.AlignmentFlag.AlignHCenter)
            aside.addStretch(1)
            layout.addLayout(aside)
            width = self.area.width() - max(side, link_width(self, p.link) if p.link else 0) - spacing
            main = QVBoxLayout()
            self._words(main, width)
            main.addStretch(1)
            layout.addLayout(main, 1)
        layout.setContentsMargins(0, 0, 0, 0)

    def _photo(self, side: int) -> QImage | None:
        if not self.panel.photo:
            return None
        photo = self.image(self.panel.photo, QSize(side, side), ("photo",), "showing the initials instead", "cover")
        return photo.image if photo is not None else None

    def _words(self, column: QBoxLayout, width: int) -> None:
        s, p = self.style_, self.panel
        column.setSpacing(round(s.px(theme.GAP) * 0.6))
        column.addWidget(self.label(p.heading, theme.SUBTITLE, color="accent", weight=Weight.DemiBold,
                                    width=width, field=("heading",)))
        name = f"{p.name} ({p.detail})" if p.detail else p.name
        column.addWidget(self.label(name, theme.NAME, weight=Weight.Bold, width=width, field=("name",)))
        if p.quote:
            column.addSpacing(s.px(theme.GAP))
            column.addWidget(self.label(f"\u201c{p.quote}\u201d", theme.QUOTE, italic=True, width=width,
                                        field=("quote",)))
        if p.body:
            column.addSpacing(s.px(theme.GAP))
            column.addWidget(self.label(p.body, theme.BODY, color="muted", width=width, field=("body",)))
