"""Slides: a PDF deck shown page by page, each page rendered at the screen's size when it is shown.

Pages are rendered lazily (when a page comes on screen, not when the deck opens) and the
last few are kept in a small cache, so a 200-page deck costs a few screens of memory,
not 200. A deck that can't be opened shows a calm placeholder; `check` says why.
"""

from __future__ import annotations

import logging
import os
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core import theme
from kiosk.core.content.decks import Deck, open_deck
from kiosk.core.content.images import MAX_IMAGE_PIXELS, ImageRefusedError
from kiosk.core.content.model import SlidesPanel
from kiosk.screen.icons import icon_label
from kiosk.screen.images import Poster
from kiosk.screen.panels import register
from kiosk.screen.panels.base import PanelWidget

log = logging.getLogger(__name__)
PAGE_CACHE = 4  # rendered pages kept: the one on screen, the one fading out, and the next
DECK_CACHE = 2  # open decks kept, so a deck is not parsed again at every turn of the rotation
PAPER = QColor("#ffffff")  # a page's own colour where the PDF leaves it transparent

_pages: OrderedDict[tuple, QImage] = OrderedDict()
_decks: OrderedDict[tuple, Deck] = OrderedDict()


def _remember(cache: OrderedDict, key: tuple, value: object, size: int) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > size:
        cache.popitem(last=False)


def _file_key(folder: Path, name: str) -> tuple:
    """What changes when the file is replaced: a new deck is opened and rendered afresh."""
    path = folder / name
    try:
        info = os.stat(path)
    except OSError:
        return (str(path), None)
    return (str(path), info.st_ino, info.st_size, info.st_mtime_ns)


def cached_deck(folder: Path, panel: SlidesPanel, key: tuple) -> Deck:
    """The panel's open deck; raises ImageRefusedError as open_deck does."""
    deck = _decks.get(key)
    if deck is None:
        deck = open_deck(folder, panel.file, panel.pages)
        _remember(_decks, key, deck, DECK_CACHE)
    return deck


def render_page(deck: Deck, index: int, box: QSize) -> QImage:
    """Page ``index`` of the PDF aspect-fit into ``box``, rendered by PDFium at exactly that size."""
    page = deck.document[index]
    width, height = page.get_size()
    scale = min(box.width() / width, box.height() / height)
    if width * height * scale * scale > MAX_IMAGE_PIXELS:  # a screen bigger than the image cap
        scale = (MAX_IMAGE_PIXELS / (width * height)) ** 0.5
    bitmap = page.render(scale=scale, may_draw_forms=False, fill_color=PAPER.getRgb(), prefer_bgrx=True)
    image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32)
    return image.copy()  # own the pixels: PDFium's buffer goes with the bitmap


@register("slides")
class SlidesWidget(PanelWidget):
    """The slides panel: a PDF deck, one page at a time, with its page number."""

    panel: SlidesPanel

    def build(self) -> None:
        """Open the deck (a placeholder if it can't be) and size the page to the room left by the foot."""
        s, p = self.style_, self.panel
        layout = self.column(0)  # the stretches around the page take no spacing of their own
        gap = s.px(theme.GAP) // 2
        self.deck: Deck | None = None
        self._page = 0
        self._number: QLabel | None = None
        self._deck_key = (*_file_key(s.folder, p.file), p.pages)
        try:
            self.deck = cached_deck(s.folder, p, self._deck_key)
        except ImageRefusedError as refused:
            log.warning("slides: %s", refused)
            self.fit_notes.append((("file",), "the deck cannot be opened; a placeholder shows instead"))
        foot = self._foot()
        room = self.area.height() - (foot.sizeHint().height() + gap if foot else 0)
        self._box = QSize(self.area.width(), room)
        if self.deck is None:
            layout.addWidget(self._placeholder(), 1)
        else:
            self._box = self._fitted(self.deck, self._box)
            self.view = Poster(QImage(), self._box, s.color("background"))
            layout.addStretch(1)
            layout.addWidget(self.view)
        if foot is not None:
            layout.addSpacing(gap)
            layout.addWidget(foot)
        layout.addStretch(1)  # the page and its caption together in the middle (portrait screens)
        self.set_page(0)

    @staticmethod
    def _fitted(deck: Deck, box: QSize) -> QSize:
        """The box no taller than the first page needs at this width, so the caption sits under it."""
        width, height = deck.document[deck.pages[0]].get_size()
        return QSize(box.width(), min(box.height(), round(box.width() * height / width)))

    def _foot(self) -> QWidget | None:
        """The caption, and the page number on the right ("3 / 12") once there is more than one."""
        s, p = self.style_, self.panel
        if not p.caption and self.page_count() < 2:
            return None
        foot = QWidget()
        row = QHBoxLayout(foot)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self._number = self.label("", theme.FINE_PRINT, color="muted", wrap=False, align=Qt.AlignmentFlag.AlignRight)
        number_room = s.px(theme.FINE_PRINT) * 5
        row.addSpacing(number_room)  # balances the number, so the caption sits in the middle
        caption = self.label(p.caption, theme.SUBTITLE, weight=QFont.Weight.DemiBold,
                             align=Qt.AlignmentFlag.AlignHCenter, width=self.area.width() - 2 * number_room,
                             field=("caption",))
        row.addWidget(caption, 1)
        self._number.setFixedWidth(number_room)
        row.addWidget(self._number, 0, Qt.AlignmentFlag.AlignBottom)
        return foot

    def _placeholder(self) -> QWidget:
        """A calm stand-in for a deck that can't be opened: an icon and the deck's name."""
        s = self.style_
        box = QWidget()
        column = QVBoxLayout(box)
        column.addStretch(1)
        column.addWidget(icon_label("fa5s.file-pdf", QColor(s.palette.muted), s.px(theme.ICON * 2)),
                         0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.label(Path(self.panel.file).stem, theme.BODY, color="muted",
                                    align=Qt.AlignmentFlag.AlignHCenter, wrap=False), 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        return box

    def page_count(self) -> int:
        """The deck's pages; one when it couldn't be opened."""
        return len(self.deck.pages) if self.deck is not None else 1

    def set_page(self, page: int) -> None:
        """Show page ``page`` (kept within the deck) and its number."""
        self._page = max(0, min(page, self.page_count() - 1))
        if self._number is not None:
            count = self.page_count()
            self._number.setText(f"{self._page + 1} / {count}" if count > 1 else "")
        if self.deck is not None:
            self.view.set_image(self._rendered(self.deck, self.deck.pages[self._page]))

    def _rendered(self, deck: Deck, index: int) -> QImage:
        key = (*self._deck_key, index, self._box.width(), self._box.height())
        image = _pages.get(key)
        if image is None:
            try:
                image = render_page(deck, index, self._box)
            except Exception:  # PDFium gave up on this page: the rest of the deck still shows
                log.exception("slides %r: page %d cannot be drawn", self.panel.file, index + 1)
                image = QImage()
            _remember(_pages, key, image, PAGE_CACHE)
        return image
