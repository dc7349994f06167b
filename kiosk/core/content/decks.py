"""Slide decks: a PDF the content names, opened with pypdfium2 within the kiosk's limits. No Qt here.

The PDF library: the PySide6-Essentials wheels the kiosk installs do not ship QtPdf (it is
in PySide6-Addons, a 300 MB download), so decks are read by pypdfium2: PDFium, the PDF
engine of Chromium, kept up to date and shipped as a self-contained wheel. It needs no Qt,
so ``kiosk check`` opens decks with the same code and the same limits as the screen.

The file is read through read_confined (inside the content folder, never a FIFO or a
device, size capped) and PDFium only ever parses those bytes in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.content.images import ImageRefusedError, read_confined
from kiosk.core.content.model import MAX_DECK_PAGES

if TYPE_CHECKING:  # imported for real with the first deck: most content has none
    from pypdfium2 import PdfDocument

MAX_DECK_BYTES = 50 * 1024 * 1024
MAX_PAGE_POINTS = 14_400  # 200 inches, the largest page side the PDF format itself allows
_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


@dataclass
class Deck:
    """An open PDF and the pages of it the panel shows (0-based, in order)."""

    document: PdfDocument
    pages: list[int]
    page_count: int
    problems: list[str]  # pages picked that the deck lacks, or that are too large


def open_deck(folder: Path, name: str, picked: tuple[int, ...] | None = None) -> Deck:
    """Open deck ``name`` (relative to ``folder``); raise ImageRefusedError saying why it can't show."""
    import pypdfium2 as pdfium  # imported with the first deck: most content has none

    data = read_confined(folder, name, MAX_DECK_BYTES, "slide deck")
    if not data.lstrip()[:5] == b"%PDF-":
        raise ImageRefusedError(f"{Path(name).name!r} is not a PDF; export the deck as PDF")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PASSWORD_ERROR:
            raise ImageRefusedError(f"slide deck {name!r} is protected by a password; "
                                    "export it again without one") from None
        raise ImageRefusedError(f"slide deck {name!r} cannot be read (the PDF is damaged); "
                                "export it again") from None
    count = len(document)
    if count == 0:
        raise ImageRefusedError(f"slide deck {name!r} has no pages")
    if count > MAX_DECK_PAGES and picked is None:
        raise ImageRefusedError(f"slide deck {name!r} has {count:,} pages; at most {MAX_DECK_PAGES} show; "
                                'pick some with `pages: "1-20"`')
    return _shown(document, count, name, picked)


def _shown(document: PdfDocument, count: int, name: str, picked: tuple[int, ...] | None) -> Deck:
    problems: list[str] = []
    wanted = list(picked) if picked is not None else list(range(1, count + 1))
    missing = [number for number in wanted if number > count]
    if missing:
        problems.append(f"slide deck {name!r} has {count} pages; page {missing[0]} is not in it")
    pages = []
    for number in (n for n in wanted if n <= count):
        width, height = document[number - 1].get_size()
        if max(width, height) > MAX_PAGE_POINTS or min(width, height) <= 0:
            problems.append(f"page {number} of {name!r} is {width / 72:.0f} x {height / 72:.0f} inches; "
                            "it is left out")
            continue
        pages.append(number - 1)
    if not pages:
        raise ImageRefusedError("; ".join([*problems, "no page is left to show"]))
    return Deck(document, pages, count, problems)
