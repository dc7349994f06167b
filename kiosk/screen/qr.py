"""QR codes for links: the module matrix, cached by URL, drawn crisp at any size."""

from __future__ import annotations

import sys
from functools import lru_cache
from types import ModuleType

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPaintEngine, QPainter, QPainterPath

from kiosk.screen.faults import PaintedWidget

QR_QUIET_ZONE = 4  # modules of light border the QR standard asks for


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
    segno = _import_segno()

    code = segno.make(url, error="m", boost_error=False)
    return tuple(bytes(0 if dark_module else 1 for dark_module in row)
                 for row in code.matrix_iter(scale=1, border=QR_QUIET_ZONE))


def _import_segno() -> ModuleType:
    """segno, without running urllib.request.

    segno's SVG writer imports xml.sax.saxutils, which imports urllib.request only to read XML
    from a URL (prepare_input_source), and that pulls in http.client, email and ssl: ~4 MB of
    PSS in a process that never opens a URL. While segno loads, a placeholder stands in for
    urllib.request; it is taken out again, so a later ``import urllib.request`` loads the real one.
    """
    if "segno" in sys.modules or "urllib.request" in sys.modules:
        import segno

        return segno
    placeholder = ModuleType("urllib.request", "stands in while segno is imported (kiosk/screen/qr.py)")
    sys.modules["urllib.request"] = placeholder
    try:
        import segno
    finally:
        if sys.modules.get("urllib.request") is placeholder:
            del sys.modules["urllib.request"]
        urllib = sys.modules.get("urllib")
        if urllib is not None and getattr(urllib, "request", None) is placeholder:
            del urllib.request
    return segno


def qr_modules(url: str) -> int:
    """How many modules wide the code for ``url`` is, quiet zone included."""
    return len(qr_rows(url))


class QrCode(PaintedWidget):
    """A QR code at least ``min_side`` pixels wide, drawn with whole-pixel modules."""

    def __init__(self, url: str, min_side: int, dark: QColor, light: QColor) -> None:
        super().__init__()
        self.url = url
        self._dark, self._light = QColor(dark), QColor(light)
        module = max(2, -(-min_side // qr_modules(url)))  # round up: never below min_side
        self._image = qr_image(url, module, dark, light)
        self.setFixedSize(self._image.size())

    def paint(self, event: object) -> None:
        """Draw the code: a picture on screen, vector shapes in a PDF."""
        painter = QPainter(self)
        if painter.paintEngine().type() == QPaintEngine.Type.Pdf:
            self._paint_vector(painter)  # print: modules as shapes, sharp at any zoom
            return
        painter.drawImage(QRectF(self.rect()), self._image)

    def _paint_vector(self, painter: QPainter) -> None:
        rows = qr_rows(self.url)
        module = self.width() / len(rows)
        painter.fillRect(QRectF(self.rect()), self._light)
        path = QPainterPath()
        for y, row in enumerate(rows):
            for x, light in enumerate(row):
                if not light:
                    path.addRect(QRectF(x * module, y * module, module, module))
        painter.fillPath(path.simplified(), self._dark)
