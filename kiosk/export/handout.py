"""The whole show as one PDF: a page per screen, or a handout of two or four screens per sheet.

Slides are painted through QPdfWriter with the same widgets the screen uses, so text stays
text (selectable, searchable), QR codes are vectors and counters show their final values.
Each slide is built at twice the screen size: its images are decoded for print (about
290 dpi across a 10-inch page) while the layout stays the screen's, every size being a
fraction of the screen height.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QMarginsF, QPoint, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QRegion

from kiosk.core.content import Loaded
from kiosk.core.content.localize import localized_model, resolved
from kiosk.core.content.model import Settings
from kiosk.export.render import screens
from kiosk.screen.fallback import AnySlide
from kiosk.screen.style import without_ligatures

DPI = 300
PRINT_SCALE = 2  # slides are built at twice the screen size, for print-resolution images
SLIDE_SIDE_PT = 720  # 10 inches along the longer side, as presentation software exports a deck
PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 12
FOOTER_PT = 7.5  # the disclaimer on a sheet: fine print, as on the screen
Paper = Literal["a4", "letter"]


def write_pdf(loaded: Loaded, path: Path, size: QSize, when: datetime | None = None, *,
              per_sheet: int | None = None, paper: Paper = "a4") -> int:
    """Write the rotation at ``when`` to ``path``; return the number of PDF pages.

    ``per_sheet`` (2 or 4) lays the screens out as a handout on ``paper``, the disclaimer
    footer once at the foot of each sheet instead of on every screen.
    """
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setCreator("kiosk")
    writer.setTitle(resolved(_first_language(loaded).title))
    if per_sheet:
        writer.setPageLayout(QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait,
                                         QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                         QPageLayout.Unit.Millimeter))
    else:
        writer.setPageLayout(_slide_page(size))
    painter = QPainter(writer)
    printed = QSize(size.width() * PRINT_SCALE, size.height() * PRINT_SCALE)
    pages = 0
    try:
        for index, (_, slide) in enumerate(screens(loaded, printed, when, for_print=True)):
            slot = index % per_sheet if per_sheet else 0
            if index and slot == 0:
                if per_sheet:
                    _sheet_footer(writer, painter, loaded)
                writer.newPage()
            if slot == 0:
                pages += 1
            if per_sheet:
                _place_on_sheet(writer, painter, slide, slot, per_sheet)
            else:
                _paint(painter, slide, QRect(0, 0, writer.width(), writer.height()))
        if per_sheet and pages:
            _sheet_footer(writer, painter, loaded)
    finally:
        painter.end()
    return pages


def _slide_page(size: QSize) -> QPageLayout:
    """A page shaped like the screen, 10 inches along its longer side (Qt keeps sizes portrait, then turns them)."""
    long_side, short_side = max(size.width(), size.height()), min(size.width(), size.height())
    portrait_size = QSizeF(SLIDE_SIDE_PT * short_side / long_side, SLIDE_SIDE_PT)
    landscape = size.width() > size.height()
    return QPageLayout(QPageSize(portrait_size, QPageSize.Unit.Point, "screen"),
                       QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
                       QMarginsF(0, 0, 0, 0))


def _paint(painter: QPainter, slide: AnySlide, target: QRect, *, without_footer: bool = False) -> None:
    """Paint ``slide`` scaled into ``target``; ``without_footer`` leaves its footer strip out."""
    screen = slide.window()
    if screen is not slide:  # a layout: the whole screen, band and column with the slide
        scale = min(target.width() / screen.width(), target.height() / screen.height())
        painter.save()
        painter.translate(target.x() + (target.width() - screen.width() * scale) / 2, target.y())
        painter.scale(scale, scale)
        screen.render(painter, QPoint(), QRegion(screen.rect()))
        painter.restore()
        return
    footer = slide.footer
    height = slide.height() - (footer.height() if without_footer and footer is not None else 0)
    scale = min(target.width() / slide.width(), target.height() / height)
    painter.save()
    painter.translate(target.x() + (target.width() - slide.width() * scale) / 2, target.y())
    painter.scale(scale, scale)
    painter.setClipRect(QRect(0, 0, slide.width(), height))
    slide.render(painter, QPoint(), QRegion(0, 0, slide.width(), height))
    painter.restore()


def _place_on_sheet(writer: QPdfWriter, painter: QPainter, slide: AnySlide, slot: int, per_sheet: int) -> None:
    """Put ``slide`` in its slot on the sheet: two stacked, or four in a 2 x 2 grid."""
    columns = 1 if per_sheet == 2 else 2
    rows = per_sheet // columns
    gap = round(writer.resolution() * 0.25)  # a quarter inch between screens
    room = QRect(0, 0, writer.width(), writer.height() - _footer_height(writer))
    cell = QSize((room.width() - gap * (columns - 1)) // columns, (room.height() - gap * (rows - 1)) // rows)
    # Every slot is shaped like the whole screen, so the grid sits the same on every sheet;
    # a slide fills its slot but for the footer strip it leaves out.
    slot_height = min(cell.height(), round(cell.width() * slide.height() / slide.width()))
    footer = slide.footer
    shown = slide.height() - (footer.height() if footer is not None else 0)
    column, row = slot % columns, slot // columns
    top = (room.height() - rows * slot_height - (rows - 1) * gap) // 2  # the grid in the middle of the sheet
    target = QRect(column * (cell.width() + gap), top + row * (slot_height + gap), cell.width(), slot_height)
    _paint(painter, slide, target, without_footer=True)
    scale = min(target.width() / slide.width(), target.height() / shown)
    painter.setPen(QColor("#b0b0b0"))
    painter.drawRect(QRectF(target.x() + (target.width() - slide.width() * scale) / 2, target.y(),
                            slide.width() * scale, shown * scale))


def _footer_height(writer: QPdfWriter) -> int:
    return round(writer.resolution() * 0.9)


def _sheet_footer(writer: QPdfWriter, painter: QPainter, loaded: Loaded) -> None:
    """The disclaimer once, at the foot of the sheet, in the first language."""
    settings = loaded.content.settings
    text = resolved(_first_language(loaded).footer)
    if not text:
        return
    font = QFont(settings.theme.font)
    font.setPointSizeF(FOOTER_PT)
    without_ligatures(font)
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("#333333"))
    height = _footer_height(writer)
    painter.drawText(QRect(0, writer.height() - height, writer.width(), height),
                     int(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), text)
    painter.restore()


def _first_language(loaded: Loaded) -> Settings:
    first = loaded.content.settings.languages[0]
    return localized_model(loaded.content.settings, first, first)
