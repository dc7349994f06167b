"""Small building blocks shared by the panels: plain-text labels, icons, QR codes."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPixmap, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from kiosk.iconfont import draw_icon

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


def line_starts(text: str, font: QFont, width: int) -> list[int]:
    """Where each line of ``text`` starts when word-wrapped at ``width`` (as QLabel wraps it)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(max(1, width))
        starts.append(line.textStart())
    layout.endLayout()
    return starts


def elide_to_lines(text: str, font: QFont, width: int, lines: int) -> str:
    """``text`` cut to ``lines`` wrapped lines, the last one ending in "…" when anything was cut."""
    starts = line_starts(text, font, width)
    if len(starts) <= lines:
        return text
    start = starts[max(1, lines) - 1]
    rest = " ".join(text[start:].split())
    last = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return text[:start] + last


def icon_pixmap(name: str, color: QColor, size: int, ratio: float = 1.0) -> QPixmap:
    """A qtawesome icon drawn at ``size`` device-independent pixels (kiosk.iconfont, same pixels)."""
    return draw_icon(name, color, size, ratio)


def icon_label(name: str, color: QColor, size: int) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setPixmap(icon_pixmap(name, color, size))
    label.setFixedSize(size, size)
    return label


def qr_image(url: str, module_px: int, dark: QColor, light: QColor) -> QImage:
    """The URL as a QR code (error correction M, with its quiet zone), crisp at any size.

    Built as one byte per module and scaled up without smoothing: whole-pixel modules, and
    no Python call per module (PySide 6.12 leaks a reference per fillRect call).
    """
    rows = qr_rows(url)
    side = len(rows)
    small = QImage(b"".join(rows), side, side, side, QImage.Format.Format_Indexed8)
    small.setColorTable([dark.rgb(), light.rgb()])
    return small.scaled(side * module_px, side * module_px, Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.FastTransformation).convertToFormat(QImage.Format.Format_RGB32)


@lru_cache(maxsize=256)
def qr_rows(url: str) -> tuple[bytes, ...]:
    """The code's rows, one byte per module (0 dark, 1 light), quiet zone included.

    Cached: encoding was most of a slide's build time, and the same links come back every rotation.
    segno is imported here, with the first code: its import (urllib, xml; ~30 ms) is not on the
    way to the first slide unless that slide has a link.
    """
    import segno

    code = segno.make(url, error="m", boost_error=False)
    return tuple(bytes(0 if dark_module else 1 for dark_module in row)
                 for row in code.matrix_iter(scale=1, border=QR_QUIET_ZONE))


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
