"""The PDF of the show (`kiosk render --pdf`), read back with poppler's pdfinfo and pdftotext:
a page per screen or a handout of 2 or 4 per sheet, every seed fact present as real text."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pydantic import BaseModel

from kiosk.cli import main
from kiosk.core.content import load_content
from tests.conftest import SEED


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)[1])


def page_size(path: Path) -> str:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60).stdout
    return re.search(r"^Page size:\s+(.*)$", info, re.MULTILINE)[1]


def pdf_text(path: Path, page: int | None = None) -> str:
    """The PDF's text with ligatures undone and whitespace collapsed, as a search would see it."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    raw = subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    return " ".join(unicodedata.normalize("NFKC", raw).split())


def facts(value: object) -> list[str]:
    """Every text and number the seed content puts on screen."""
    if isinstance(value, str):
        return [" ".join(value.split())] if value.strip() else []
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, int):
        return [f"{value:,}"]
    if isinstance(value, BaseModel):
        skip = {"id", "kind", "icon", "url", "duration", "qr", "enabled"}
        return [fact for name in type(value).model_fields if name not in skip
                for fact in facts(getattr(value, name))]
    if isinstance(value, list):
        return [fact for item in value for fact in facts(item)]
    return []


@pytest.fixture
def seed_pdf(tmp_path, kiosk_app):
    def render(*options: str) -> Path:
        out = tmp_path / "show.pdf"
        assert main(["render", str(SEED), "--pdf", str(out), "--at", "2026-12-01T09:00", *options]) == 0
        return out
    return render


def test_every_screen_is_a_page_and_every_fact_is_text(seed_pdf):
    path = seed_pdf()
    assert pdf_pages(path) == 5  # a page per panel
    assert page_size(path) == "720 x 405 pts"  # shaped like the screen
    text = pdf_text(path)
    content = load_content(SEED).content
    expected = [*facts(content.panels), content.settings.title, " ".join(content.settings.footer.split())]
    # pdftotext joins a word broken after a hyphen ("15-" / "C" reads "15C"), so hyphens are left out.
    missing = [fact for fact in expected if fact.replace("-", "") not in text.replace("-", "")]
    assert missing == []


def test_counters_show_their_final_values(seed_pdf):
    assert "213,569" in pdf_text(seed_pdf(), page=1)


def test_portrait_screens_make_portrait_pages(seed_pdf):
    assert page_size(seed_pdf("--size", "1080x1920")) == "405 x 720 pts"


@pytest.mark.parametrize("per_sheet, paper, sheets, size", [
    ("2", "a4", 3, "595 x 842 pts (A4)"), ("4", "letter", 2, "612 x 792 pts (letter)")])
def test_handout_puts_screens_on_sheets_with_the_disclaimer_once_each(seed_pdf, per_sheet, paper, sheets, size):
    path = seed_pdf("--handout", per_sheet, "--paper", paper)
    assert pdf_pages(path) == sheets and page_size(path) == size
    for sheet in range(1, sheets + 1):
        assert pdf_text(path, sheet).count("Disclaimer: This website was developed") == 1
    assert "Juan Oscar Leal" in pdf_text(path)


def test_qr_codes_are_vectors_that_still_scan(tmp_path, write_content, kiosk_app):
    import zxingcpp
    from PySide6.QtGui import QImage

    content = write_content("settings: {title: T}\npanels:\n  - {id: a, kind: text, title: Scan me, body: B, "
                            "link: {label: Our site, url: 'https://example.org/booth'}}\n")
    out = tmp_path / "show.pdf"
    assert main(["render", str(content), "--pdf", str(out)]) == 0
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True,
                            timeout=60).stdout
    assert len(images.strip().splitlines()) == 2  # the header lines only: no raster image in the file
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(out), str(tmp_path / "page")],
                   check=True, timeout=60)
    page = QImage(str(tmp_path / "page.png")).convertToFormat(QImage.Format.Format_Grayscale8)
    found = zxingcpp.read_barcodes(page)
    assert [code.text for code in found] == ["https://example.org/booth"]


def test_render_needs_a_png_folder_or_a_pdf(capsys):
    assert main(["render", str(SEED)]) == 2
    assert "render needs --out DIR or --pdf FILE" in capsys.readouterr().err
    assert main(["render", str(SEED), "--out", "x", "--handout", "2"]) == 2


def test_images_are_embedded_at_print_resolution(tmp_path, write_content, kiosk_app):
    from PySide6.QtGui import QColor, QImage

    poster = QImage(3000, 1688, QImage.Format.Format_RGB32)
    poster.fill(QColor("#20c040"))
    assert poster.save(str(tmp_path / "poster.png"))
    content = write_content("settings: {title: T}\npanels:\n"
                            "  - {id: poster, kind: image, file: poster.png, fit: cover, bleed: true}\n")
    out = tmp_path / "show.pdf"
    assert main(["render", str(content), "--pdf", str(out), "--size", "1280x720"]) == 0
    listing = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True,
                             timeout=60).stdout.splitlines()[2:]
    widths = [int(line.split()[3]) for line in listing]
    assert widths == [2560]  # twice the screen's pixels: about 256 dpi across the 10-inch page
