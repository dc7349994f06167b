"""Spotlight: one person, their photo (or initials), their words, and a link."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageReader, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.content.images import MAX_IMAGE_PIXELS, ImageRefusedError, read_image
from kiosk.content.model import SpotlightPanel
from kiosk.panels import register
from kiosk.panels.base import PanelWidget, link_block, link_width

log = logging.getLogger(__name__)
Weight = QFont.Weight


def initials(name: str) -> str:
    """First and last initials: "Juan Oscar Leal" -> "JL"."""
    words = [w for w in name.split() if w[:1].isalpha()]
    if not words:
        return "?"
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


def load_photo(folder: Path, name: str, side: int) -> QImage | None:
    """Decode image ``name`` scaled to ``side`` pixels (aspect-fill), or None if refused.

    The bytes come from read_image (inside the content folder, never a FIFO, size
    capped), so Qt only ever decodes memory; Qt re-checks the pixel count for formats
    whose header the content core does not read.
    """
    try:
        data = read_image(folder, name)
    except ImageRefusedError as refused:
        log.warning("photo: %s; showing the initials", refused)
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    reader = QImageReader(buffer)
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_IMAGE_PIXELS:
        log.warning("photo %r: cannot decode it, or it is over %d pixels", name, MAX_IMAGE_PIXELS)
        return None
    reader.setScaledSize(size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatioByExpanding))
    image = reader.read()
    return None if image.isNull() else image


class Avatar(QWidget):
    """A circle holding the photo, or the person's initials when there is none."""

    def __init__(self, side: int, photo: QImage | None, letters: str, style) -> None:
        super().__init__()
        self.setFixedSize(side, side)
        self._photo, self._letters, self._style = photo, letters, style

    def paintEvent(self, event: object) -> None:  # noqa: N802
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
            offset = (source.size() - circle.size()) / 2
            painter.drawImage(circle, self._photo, QRectF(offset.width(), offset.height(),
                                                          circle.width(), circle.height()))
            painter.setClipping(False)
        else:
            painter.fillPath(path, QColor(s.palette.surface))
            painter.setFont(s.font(theme.AVATAR * 0.38, Weight.Bold))
            painter.setPen(s.color("accent"))
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, self._letters)
        painter.setPen(QPen(s.color("accent"), ring))
        painter.drawEllipse(circle)


@register("spotlight")
class SpotlightWidget(PanelWidget):
    panel: SpotlightPanel

    def build(self) -> None:
        s, p = self.style_, self.panel
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(s.px(theme.GAP) * 2)  # the same spacing reserved below
        side = s.px(theme.AVATAR * s.scale)
        photo = load_photo(s.folder, p.photo, side) if p.photo else None
        aside = QVBoxLayout()
        aside.setSpacing(s.px(theme.GAP))
        aside.addWidget(Avatar(side, photo, initials(p.name), s), 0, Qt.AlignmentFlag.AlignHCenter)
        if p.link:
            aside.addWidget(link_block(self, p.link), 0, Qt.AlignmentFlag.AlignHCenter)
        aside.addStretch(1)
        row.addLayout(aside)
        spacing = s.px(theme.GAP) * 2
        width = self.area.width() - max(side, link_width(self) if p.link else 0) - spacing
        main = QVBoxLayout()
        main.setSpacing(s.px(theme.GAP) * 0.6)
        main.addWidget(self.label(p.heading, theme.SUBTITLE, color="accent", weight=Weight.DemiBold,
                                  width=width))
        name = f"{p.name} ({p.detail})" if p.detail else p.name
        main.addWidget(self.label(name, theme.NAME, weight=Weight.Bold, width=width))
        if p.quote:
            main.addSpacing(s.px(theme.GAP))
            main.addWidget(self.label(f"\u201c{p.quote}\u201d", theme.QUOTE, italic=True, width=width))
        if p.body:
            main.addSpacing(s.px(theme.GAP))
            main.addWidget(self.label(p.body, theme.BODY, color="muted", width=width))
        main.addStretch(1)
        row.addLayout(main, 1)
