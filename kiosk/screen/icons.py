"""Icons drawn from the icon fonts qtawesome ships, exactly as qtawesome draws them.

Importing qtawesome (and qtpy with it) took about 120 ms of the kiosk's 450 ms start, and
its first icon registered all twelve fonts it bundles (another 40 ms). The kiosk only
needs a glyph of one or two fonts, so it registers those and draws the glyph itself.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPaintEvent, QPixmap

from kiosk.core.content.icons import icon_glyph
from kiosk.screen.faults import PaintedWidget

GLYPH_SHARE = 0.875  # qtawesome's glyph size over icon size, which leaves room for the bearing
_families: dict[str, str] = {}


def _family(font_file: str) -> str:
    if font_file not in _families:
        font_id = QFontDatabase.addApplicationFont(font_file)
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _families[font_file] = families[0] if families else ""
    return _families[font_file]


def draw_icon(name: str, color: QColor, size: int, ratio: float = 1.0) -> QPixmap:
    """Icon ``name`` (``fa5s.baby``) in ``color``, ``size`` device-independent pixels square.

    An unknown name gives a transparent pixmap: content checks reject such names before.
    """
    side = round(size * ratio)
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    glyph = icon_glyph(name)
    if glyph is not None:
        font_file, character = glyph
        font = QFont()
        font.setFamily(_family(str(font_file)))
        font.setPixelSize(round(GLYPH_SHARE * side))
        if name.partition(".")[0].endswith("s"):  # solid faces share a family with regular ones
            font.setStyleName("Solid")
        painter = QPainter(pixmap)
        painter.setPen(color)
        painter.setFont(font)
        painter.drawText(QRect(0, 0, side, side), Qt.AlignmentFlag.AlignCenter, character)
        painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class IconLabel(PaintedWidget):
    """An icon, painted as drawn.

    Not a QLabel: Qt 6 keeps a label's pixmap as a QIcon, whose every paint files a copy in Qt's
    shared pixmap cache under that label's own key. A slide rebuilt for each content version left
    its old icons there, alive, until the cache was full (the week soak's heap grew ~1 MB over
    the first twenty versions, and Qt's default limit is 10 MB)."""

    def __init__(self, pixmap: QPixmap | None = None) -> None:
        super().__init__()
        self._pixmap = QPixmap()
        if pixmap is not None:
            self.set_pixmap(pixmap)

    def pixmap(self) -> QPixmap:
        """The icon as drawn."""
        return self._pixmap

    def set_pixmap(self, pixmap: QPixmap) -> None:
        """Show another icon, taking its size."""
        side = pixmap.deviceIndependentSize().toSize()
        self._pixmap = pixmap
        self.setFixedSize(side)
        self.update()

    def paint(self, event: QPaintEvent) -> None:
        """Draw the icon unscaled: it was drawn at the size it is shown."""
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._pixmap)
        painter.end()


def icon_label(name: str, color: QColor, size: int) -> IconLabel:
    """A label showing icon ``name`` in ``color``, ``size`` pixels square."""
    return IconLabel(draw_icon(name, color, size))

