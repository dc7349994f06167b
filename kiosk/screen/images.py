"""Images the content names, decoded at exactly the size they are shown.

The kiosk's one image loader: photos, text-panel images and posters all come through
here. The bytes come from read_image (inside the content folder, never a FIFO, size
capped, a format check knows, an SVG without references out), decoded on the worker
thread of kiosk/screen/decode.py, so Qt only ever decodes memory; Qt re-checks the pixel count for formats whose
header the content core does not read. Scaling happens while decoding, so a 4K screen
gets every pixel the source has and a small screen holds no more than it shows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QBuffer, QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageIOHandler, QImageReader, QPainter

from kiosk.core.content.images import MAX_IMAGE_PIXELS, ImageRefusedError, image_format, image_identity, read_image
from kiosk.screen.decode import decode
from kiosk.screen.faults import PaintedWidget

log = logging.getLogger(__name__)
Fit = Literal["contain", "cover"]


@dataclass(frozen=True)
class Decoded:
    """An image at the size it is shown, and how much that stretched or cropped the file."""

    image: QImage  # contain: fits the box; cover: fills it exactly (the middle of the source)
    source: QSize  # the file's size, upright (an SVG's is only its nominal size)
    vector: bool  # an SVG: sharp at any size
    scale: float  # shown pixels per source pixel
    cropped: float  # share of the scaled image cut off to cover the box (0 for contain)

    @property
    def blurry(self) -> bool:
        """A raster image stretched beyond its pixels (a little rounding is not blur)."""
        return not self.vector and self.scale > 1.05


def load_image(folder: Path, name: str, box: QSize, fit: Fit = "contain") -> Decoded | None:
    """Image ``name`` aspect-fit into ``box`` (contain) or filling it (cover); None, logged, when it
    cannot be read (and, in the running kiosk, while it is still decoding: see kiosk/screen/decode.py)."""
    return image_result(folder, name, box, fit)[0]


def image_result(folder: Path, name: str, box: QSize, fit: Fit = "contain") -> tuple[Decoded | None, str]:
    """load_image's image, and why there is none ("" while a live decode still runs)."""
    try:
        identity = image_identity(folder, name)
    except ImageRefusedError as refused:
        log.warning("image: %s", refused)
        return None, str(refused)
    key = (*identity, box.width(), box.height(), fit)
    result = decode(key, lambda: _decode_file(folder, name, box, fit))
    if result is None:
        return None, ""
    decoded, why = result  # the cache holds any kind of result: this one's are Decoded or None
    return decoded if isinstance(decoded, Decoded) else None, why


def _decode_file(folder: Path, name: str, box: QSize, fit: Fit) -> tuple[Decoded | None, str]:
    """On the decode worker: read, check and decode one image."""
    try:
        data = read_image(folder, name)
    except ImageRefusedError as refused:
        log.warning("image: %s", refused)
        return None, str(refused)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    reader = QImageReader(buffer, (image_format(data) or "").encode())  # that format only, as check said
    reader.setAutoTransform(True)  # phone photos carry their rotation in EXIF
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_IMAGE_PIXELS:
        log.warning("image %r: cannot decode it, or it is over %d pixels", name, MAX_IMAGE_PIXELS)
        return None, "cannot decode it"
    turned = bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
    shown = size.transposed() if turned else size
    vector = bytes(reader.format().data()).decode() in ("svg", "svgz")
    if fit == "cover":
        target = shown.scaled(box, Qt.AspectRatioMode.KeepAspectRatioByExpanding)
        clip = QRect(QPoint((target.width() - box.width()) // 2, (target.height() - box.height()) // 2), box)
    else:
        target, clip = shown.scaled(box, Qt.AspectRatioMode.KeepAspectRatio), None
    reader.setScaledSize(target.transposed() if turned else target)
    image = reader.read()
    if image.isNull():
        log.warning("image %r: %s", name, reader.errorString())
        return None, reader.errorString()
    cropped = 0.0
    if clip is not None:
        image = image.copy(clip)  # after the EXIF turn, which the reader applies last
        cropped = 1 - (clip.width() * clip.height()) / max(1, target.width() * target.height())
    return Decoded(image, shown, vector, target.width() / max(1, shown.width()), cropped), ""


class Picture(PaintedWidget):
    """An image drawn at exactly the size it was decoded."""

    def __init__(self, image: QImage) -> None:
        super().__init__()
        self.image = image
        self.setFixedSize(image.size())

    def paint(self, event: object) -> None:
        """Draw the image over the whole widget (it was decoded at that size)."""
        QPainter(self).drawImage(QRectF(self.rect()), self.image)


class Poster(PaintedWidget):
    """The decoded image centred in its box, over the bar colour (``contain`` leaves bars)."""

    def __init__(self, image: QImage, box: QSize, bars: QColor) -> None:
        super().__init__()
        self.image, self.bars = image, bars
        self.setFixedSize(box)

    def set_image(self, image: QImage) -> None:
        """Show another image in the same box (a slide deck's next page)."""
        self.image = image
        self.update()

    def image_rect(self) -> QRect:
        """Where the image sits: at its own size, centred in the box."""
        rect = QRect(0, 0, self.image.width(), self.image.height())
        rect.moveCenter(self.rect().center())
        return rect

    def paint(self, event: object) -> None:
        """Fill the box with the bar colour and draw the image centred on it."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.bars)
        painter.drawImage(self.image_rect(), self.image)
