"""A layout in render, --pdf and check --size: the whole screen as it shows, each panel fitted to its region."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from kiosk.core import theme
from kiosk.core.content import load_content
from kiosk.core.layout import regions
from kiosk.export.fitcheck import fit_notes
from kiosk.export.handout import write_pdf
from kiosk.export.render import render_deck
from tests.test_layout_content import LAYOUT, MONDAY


def test_render_draws_the_band_the_column_and_the_panel_in_its_area(kiosk_app, write_content, tmp_path):
    loaded = load_content(write_content(LAYOUT))
    paths = render_deck(loaded, tmp_path / "shots", QSize(1920, 1080), when=MONDAY)
    assert [path.name for path in paths] == ["01-welcome-en.png", "02-welcome-es.png"]
    image = QImage(str(paths[0]))
    assert image.size() == QSize(1920, 1080)
    found = regions(1920, 1080, band="bottom", column="right", column_percent=30)
    palette = theme.palette_for(loaded.content.settings.theme)
    assert found.band is not None and found.column is not None
    assert image.pixelColor(2, found.band.y + 2) == QColor(palette.band)  # the band, its start: a margin
    assert image.pixelColor(found.column.x + 4, found.column.y + found.column.height // 2 + 300) \
        == QColor(palette.surface)  # the column, below its clock
    assert image.pixelColor(found.main.width // 2, found.main.height - 3) == QColor(palette.background)


def test_the_pdf_page_holds_the_whole_layout(kiosk_app, write_content, tmp_path):
    loaded = load_content(write_content(LAYOUT))
    assert write_pdf(loaded, tmp_path / "show.pdf", QSize(1920, 1080), when=MONDAY) == 2  # one page a language
    assert (tmp_path / "show.pdf").stat().st_size > 1000


def test_check_fits_each_panel_to_its_region_and_says_which(kiosk_app, write_content):
    long_body = "Many words here. " * 120
    text = LAYOUT.replace("body: Hello.}", f"body: {long_body}}}")
    notes = fit_notes(load_content(write_content(text)), QSize(1920, 1080))
    said = [message for loc, message in notes if loc[:2] == ("panels", 0)]
    assert said and all(message.startswith("at 1920x1080, in the 1344x988 main area") for message in said)


def test_a_theme_that_passes_on_the_background_but_not_on_the_band_is_warned_about(write_content):
    # grey #777777: 4.7:1 on black, 3.7:1 on the band's lighter black
    text = LAYOUT.replace("  title: Booth\n", '  title: Booth\n  theme: {background: "#000000", accent: "#777777"}\n')
    said = [str(problem) for problem in load_content(write_content(text)).warnings]
    assert any("settings.theme.accent: contrast against the ticker's band (#1f1f1f) is 3.7:1" in line
               for line in said), said
