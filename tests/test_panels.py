"""Every fact of the seed reaches the screen, as plain text, readable from across a lobby."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel

from kiosk.core import theme
from kiosk.core.content.model import paragraphs
from kiosk.screen.panels import widget_class
from tests.helpers.screen import all_texts

SIZE = QSize(1920, 1080)


def test_counters_show_every_number_and_label(seed, make_slide):
    slide = make_slide(seed, "impact", SIZE, position=(0, 5))
    text = all_texts(slide)
    for number in ("2,923", "16,029", "172,192", "19,011", "3,414", "213,569"):
        assert number in text
    for words in ("Birth to 2 Years Old", "Age 3-5*", "K-12 and Ungraded", "Out of School",
                  "Grade Not Specified", "Total Students", "* Not in Kindergarten", "Our Impact",
                  "Migrant youth participating in the Migrant Education Program in 2021-22:"):
        assert words in text


def test_counters_count_up_from_zero_to_their_values(seed, qtbot, make_slide):
    slide = make_slide(seed, "impact", SIZE, position=(0, 5))
    counters = slide.body
    counters.start()
    assert counters.shown_numbers == ["0"] * 6
    qtbot.waitUntil(lambda: counters.shown_numbers[-1] == "213,569", timeout=4000)
    assert counters.shown_numbers == ["2,923", "16,029", "172,192", "19,011", "3,414", "213,569"]


def test_count_up_restarts_each_time_the_panel_appears(seed, make_slide):
    slide = make_slide(seed, "impact", SIZE, position=(0, 5))
    counters = slide.body
    counters.finish()
    counters.start()
    assert counters.shown_numbers[0] == "0"


@pytest.mark.parametrize("panel_id", ["goal", "pass", "student-of-the-year"])
def test_text_and_spotlight_show_every_paragraph(seed, make_slide, panel_id):
    panel = next(p for p in seed.content.panels if p.id == panel_id)
    slide = make_slide(seed, panel_id, SIZE, position=(0, 5))
    text = all_texts(slide)
    for field in ("title", "heading", "name", "body", "quote"):
        value = getattr(panel, field, None)
        for paragraph in paragraphs(value or ""):
            assert paragraph in text
    if panel_id == "student-of-the-year":
        assert "\u201cAfter graduating" in text and "Juan Oscar Leal (ND)" in text
        assert "Continue Reading" in text


def test_updates_pages_hold_every_item_once(seed, make_slide):
    slide = make_slide(seed, "updates", SIZE, position=(0, 5))
    updates = slide.body
    panel = next(p for p in seed.content.panels if p.id == "updates")
    seen = []
    for page in range(updates.page_count()):
        updates.set_page(page)
        seen += [label.text() for label in updates.findChildren(QLabel) if label.isVisibleTo(updates)]
    for item in panel.items:
        assert seen.count(item.title) == 1
        assert seen.count(item.text) == 1


def test_header_and_footer_on_every_panel(seed, make_slide):
    for panel in seed.content.panels:
        slide = make_slide(seed, panel.id, SIZE, position=(0, 5))
        text = all_texts(slide)
        assert "Migrant Education Program" in text
        assert seed.content.settings.footer in text


def test_sizes_are_fractions_of_screen_height(seed, make_slide):
    for height in (720, 2160):
        slide = make_slide(seed, "impact", QSize(height * 16 // 9, height), position=(0, 5))
        sizes = {label.text(): label.font().pixelSize() for label in slide.findChildren(QLabel)}
        assert sizes["Our Impact"] >= 0.06 * height
        assert sizes["213,569"] >= 0.08 * height
        assert sizes["2,923"] >= 0.08 * height
        assert sizes["Migrant youth participating in the Migrant Education Program in 2021-22:"] >= 0.03 * height


def test_text_is_never_rich_text(seed, make_slide):
    slide = make_slide(seed, "goal", SIZE, position=(0, 5))
    assert all(label.textFormat().name == "PlainText" for label in slide.findChildren(QLabel))


def test_every_kind_has_a_widget():
    from kiosk.core.content.model import PANEL_KINDS

    for kind in PANEL_KINDS:
        assert widget_class(kind).__name__.lower().startswith(kind)


def test_default_theme_reaches_aa_contrast():
    from kiosk.core.content.checks import contrast_ratio
    from kiosk.core.content.model import Theme

    palette = theme.Palette(Theme().background, Theme().text, Theme().accent)
    for color in (palette.text, palette.accent, palette.muted):
        assert contrast_ratio(color, palette.background) >= 4.5
        assert contrast_ratio(color, palette.surface) >= 4.5


def test_importing_one_panel_module_first_still_finds_every_kind():
    import subprocess
    import sys

    code = ("import kiosk.screen.panels.spotlight; from kiosk.screen.panels import widget_class; "
            "print(sorted(widget_class(k).__name__ for k in ('counters', 'text', 'spotlight', 'updates')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert "TextWidget" in result.stdout
