"""Small building blocks shared by the panels: plain-text labels, icons, QR codes."""

from __future__ import annotations

from functools import lru_cache

import qtawesome as qta
import segno
from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

QR_QUIET_ZONE = 4  # modules of light border the QR standard asks for


def text_label(text: str, font: QFont, color: QColor, *, wrap: bool = True,
               align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
    """A label that always shows its text literally (never as rich text)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setFont(font)
    label.setWordWrap(wrap)
    label.setAlignment(align | Qt.AlignmentFlag.AlignTop)
    palette = label.palette()  # a palette, not a style sheet: style sheets re-polish fonts
    palette.setColor(label.foregroundRole(), color)
    label.setPalette(palette)
    policy = QSizePolicy.Policy
    label.setSizePolicy(policy.Preferred, policy.Minimum if wrap else policy.Fixed)
    return label


def text_height_for(label: QLabel, width: int) -> int:
    """The height a word-wrapped label's text needs at ``width``, straight from font metrics."""
    bounds = QRect(0, 0, max(1, width), 1_000_000)
    flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
    return QFontMetrics(label.font()).boundingRect(bounds, flags, label.text()).height()


def icon_pixmap(name: str, color: QColor, size: int, ratio: float = 1.0) -> QPixmap:
    """A qtawesome icon drawn at ``size`` device-independent pixels."""
    pixmap = qta.icon(name, color=color).pixmap(QSize(size, size), ratio)
    return pixmap


def icon_label(name: str, color: QColor, size: int) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setPixmap(icon_pixmap(name, color, size))
    label.setFixedSize(size, size)
    return label


def qr_image(url: str, module_px: int, dark: QColor, light: QColor) -> QImage:
    """The URL as a QR code (error correction M, with its quiet zone), crisp at any size."""
    rows = qr_rows(url)
    side = len(rows) * module_px
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(light)
    painter = QPainter(image)
    for y, row in enumerate(rows):
        for x, dark_module in enumerate(row):
            if dark_module:
                painter.fillRect(x * module_px, y * module_px, module_px, module_px, dark)
    painter.end()
    return image


@lru_cache(maxsize=256)
def qr_rows(url: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules, quiet zone included. Cached: encoding is most of a slide's build time."""
    code = segno.make(url, error="m", boost_error=False)
    return tuple(tuple(bool(module) for module in row) for row in code.matrix_iter(scale=1, border=QR_QUIET_ZONE))


def qr_modules(url: str) -> int:
    """How many modules wide the code for ``url`` is, quiet zone included."""
    return len(qr_rows(url))


class QrCode(QWidget):
    """A QR code at least ``min_side`` pixels wide, drawn with whole-pixel modules."""

    def __init__(self, url: str, min_side: int, dark: QColor, light: QColor) -> None:
        super().__init__()
        self.url = url
        module = max(2, -(-min_side // qr_modules(url)))  # round up: never below min_side
        self._image = qr_image(url, module, dark, light)
        self.setFixedSize(self._image.size())

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt naming)
        painter = QPainter(self)
        painter.drawImage(QRectF(self.rect()), self._image)
