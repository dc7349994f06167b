"""Spotlight: one person, their photo (or initials), their words, and a link."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageIOHandler, QImageReader, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core import theme
from kiosk.core.content.images import MAX_IMAGE_PIXELS, ImageRefusedError, image_format, read_image
from kiosk.core.content.model import SpotlightPanel
from kiosk.screen.panels import register
from kiosk.screen.panels.base import PanelWidget, link_block, link_width

log = logging.getLogger(__name__)
Weight = QFont.Weight


def initials(name: str) -> str:
    """First and last initials: "Juan Oscar Leal" -> "JL"."""
    words = [w for w in name.split() if w[:1].isalpha()]
    if not words:
        return "?"
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


def load_photo(folder: Path, name: str, side: int, *, fit: QSize | None = None) -> QImage | None:
    """Decode image ``name`` (a PNG, JPEG or SVG beside the content) scaled from the source, or None.

    Aspect-filled to ``side`` x ``side`` (for the circle), or aspect-fit into ``fit``.
    Scaling happens while decoding, so a 4K screen gets every pixel the source has.
    The kiosk's one image loader: every panel image goes through here. The bytes come
    from read_image (inside the content folder, never a FIFO, size capped), so Qt only
    ever decodes memory; Qt re-checks the pixel count for formats whose header the
    content core does not read.
    """
    try:
        data = read_image(folder, name)
    except ImageRefusedError as refused:
        log.warning("image: %s", refused)
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    reader = QImageReader(buffer, (image_format(data) or "").encode())  # that format only, as check said
    reader.setAutoTransform(True)  # phone photos carry their rotation in EXIF
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_IMAGE_PIXELS:
        log.warning("image %r: cannot decode it, or it is over %d pixels", name, MAX_IMAGE_PIXELS)
        return None
    turned = bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
    shown = size.transposed() if turned else size
    if fit is not None:
        target = shown.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio)
    else:
        target = shown.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatioByExpanding)
    reader.setScaledSize(target.transposed() if turned else target)
    image = reader.read()
    if image.isNull():
        log.warning("image %r: %s", name, reader.errorString())
        return None
    return image


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
            font = s.font(theme.AVATAR, Weight.Bold)
            font.setPixelSize(max(6, round(circle.height() * 0.38)))  # letters follow the circle
            painter.setFont(font)
            painter.setPen(s.color("accent"))
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, self._letters)
        painter.setPen(QPen(s.color("accent"), ring))
        painter.drawEllipse(circle)


@register("spotlight")
class SpotlightWidget(PanelWidget):
    panel: SpotlightPanel

    def build(self) -> None:
        s, p = self.style_, self.panel
        portrait = s.portrait
        side = s.px(theme.AVATAR * s.scale * (0.8 if portrait else 1.0))
        avatar = Avatar(side, self._photo(side), initials(p.name), s)
        spacing = s.px(theme.GAP) * 2
        if portrait:  # stacked: the face on top, the words under it, the link at the foot
            layout = QVBoxLayout(self)
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
            width = self.area.width() - max(side, link_width(self) if p.link else 0) - spacing
            main = QVBoxLayout()
            self._words(main, width)
            main.addStretch(1)
            layout.addLayout(main, 1)
        layout.setContentsMargins(0, 0, 0, 0)

    def _photo(self, side: int) -> QImage | None:
        if not self.panel.photo:
            return None
        photo = load_photo(self.style_.folder, self.panel.photo, side)
        if photo is None:
            self.fit_notes.append((("photo",), "image cannot be read; showing the initials instead"))
        return photo

    def _words(self, column: QVBoxLayout, width: int) -> None:
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
