"""Fit, never cut: every text whole at every screen size, for the seed and for long content."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QSize

from kiosk.cli import main
from kiosk.core import theme
from kiosk.core.content import load_content
from kiosk.core.playlist import playlist_at
from tests.conftest import ROOT, SEED
from tests.helpers.long_content import long_content_yaml
from tests.helpers.measure import layout_faults

SIZES = [QSize(1280, 720), QSize(1920, 1080), QSize(3840, 2160), QSize(1080, 1920)]
IDS = ["720p", "1080p", "4k", "portrait"]


@pytest.fixture
def long_content(write_content):
    return load_content(write_content(long_content_yaml()))


def slides(loaded, size, make_slide):
    """Every slide of the rotation at ``size``, every page of each, shown offscreen."""
    for entry in playlist_at(loaded.content, datetime(2026, 1, 1)):
        slide = make_slide(loaded, entry, size)
        for page in range(slide.body.page_count()):
            slide.body.set_page(page)
            yield entry, page, slide


def assert_fits(loaded, size, make_slide):
    faults = []
    for entry, page, slide in slides(loaded, size, make_slide):
        faults += [f"{entry.id} p{page + 1}: {fault}" for fault in layout_faults(slide)]
        for field in slide.body.texts:  # body text never below the floor
            nominal = slide.body.style_.unit * field.size
            if nominal >= theme.BODY_FLOOR * size.height():
                assert field.label.font().pixelSize() >= round(theme.BODY_FLOOR * size.height()), field.loc
    assert faults == []


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_seed_fits_every_size(seed, size, make_slide):
    assert_fits(seed, size, make_slide)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_long_content_fits_every_size(long_content, size, make_slide):
    assert_fits(long_content, size, make_slide)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_bilingual_example_fits_every_size(size, make_slide):
    assert_fits(load_content(ROOT / "examples" / "bilingual.yaml"), size, make_slide)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_largest_font_scale_fits_every_size(write_content, size, make_slide):
    text = SEED.read_text(encoding="utf-8").replace("settings:\n", "settings:\n  font_scale: 1.6\n", 1)
    assert_fits(load_content(write_content(text)), size, make_slide)


def test_one_huge_update_is_cut_only_at_the_floor(write_content, make_slide):
    text = ('settings: {title: T}\npanels:\n  - {id: news, kind: updates, title: News, items: '
            f'[{{title: Long, text: "{"word " * 900}"}}, {{title: Short, text: Two.}}]}}\n')
    _, _, slide = next(slides(load_content(write_content(text)), QSize(1920, 1080), make_slide))
    news = slide.body
    assert news.style_.scale == theme.SCALE_STEPS[-1]
    assert news.texts[2].label.text().endswith("…")
    assert any(loc == ("items", 0, "text") and "cut to" in message for loc, message in news.fit_notes)


def test_a_long_footer_is_capped_and_reported(write_content, make_slide):
    text = (f'settings: {{title: T, footer: "{"small print " * 400}"}}\n'
            'panels:\n  - {id: a, kind: text, title: A, body: B}\n')
    loaded = load_content(write_content(text))
    _, _, slide = next(slides(loaded, QSize(1280, 720), make_slide))
    assert slide.footer_label.text().endswith("…")
    assert slide.footer_label.height() <= theme.FOOTER_MAX * 720
    assert any(loc == ("settings", "footer") for loc, _ in slide.fit_notes)
    assert layout_faults(slide) == []


def test_long_story_is_cut_with_an_ellipsis_and_named(long_content, make_slide):
    size = QSize(1080, 1920)  # portrait: the body text floor is 42 px, so 1,500 characters cannot fit
    by_id = {entry.id: slide for entry, _, slide in slides(long_content, size, make_slide)}
    story = by_id["story"].body
    shown = " ".join(f.label.text() for f in story.texts if f.loc == ("body",))
    assert shown.endswith("…") and len(shown) < 1500
    assert any(loc == ("body",) and "cut to" in message for loc, message in story.fit_notes)


def test_twelve_updates_split_into_pages_at_the_floor(long_content, qtbot, make_slide):
    size = QSize(1920, 1080)
    news = next(slide for entry, _, slide in slides(long_content, size, make_slide) if entry.id == "news").body
    assert news.page_count() > 1
    # Not even the smallest text needs fewer pages; the pages keep the largest text that needs as few.
    smallest = type(news)(news.panel, news.style_.with_scale(theme.SCALE_STEPS[-1]), news.area)
    qtbot.addWidget(smallest)
    assert smallest.page_count() == news.page_count()
    larger = [s for s in theme.SCALE_STEPS if s > news.style_.scale]
    if larger:
        bigger = type(news)(news.panel, news.style_.with_scale(larger[-1]), news.area)
        qtbot.addWidget(bigger)
        assert bigger.page_count() > news.page_count()
    assert any("starts page 2" in message for _, message in news.fit_notes)


def test_check_size_names_field_and_line_of_every_change(long_content, capsys, kiosk_app):
    assert main(["check", str(long_content.path), "--size", "1280x720", "--size", "1080x1920"]) == 0
    err = capsys.readouterr().err.splitlines()
    path = str(long_content.path)
    assert all(line.startswith(path + ":") and ": warning: " in line for line in err)
    assert any("panels[1].body: at 1080x1920: cut to" in line for line in err)
    assert any("panels[3].items[" in line and "starts page 2" in line for line in err)
    assert any("text shrunk to" in line for line in err)
    assert any("settings.title: at 1080x1920: cut to one line" in line for line in err)
    # Lines point at the field: JSON puts every key of this fixture on its own line.
    text = long_content.path.read_text().splitlines()
    body_line = next(line for line in err if "panels[1].body: at 1080x1920: cut" in line)
    number = int(body_line.split(":")[1])
    assert text[number - 1].strip().startswith('"body"')


def test_check_without_size_measures_nothing(seed, capsys):
    assert main(["check", str(seed.path)]) == 0
    assert capsys.readouterr().err == ""


def test_portrait_has_its_own_layouts(seed, make_slide):
    size = QSize(1080, 1920)
    by_id = {entry.id: slide for entry, page, slide in slides(seed, size, make_slide) if page == 0}
    counters = by_id["impact"].body
    lefts = {label.mapTo(counters, label.rect().topLeft()).x() for label in counters._numbers[:-1]}
    assert len(lefts) == 3  # two columns, and the odd last tile centred between them
    spotlight = by_id["student-of-the-year"].body
    from kiosk.screen.panels.spotlight import Avatar

    avatar = spotlight.findChild(Avatar)
    heading = spotlight.texts[0].label
    assert avatar.geometry().bottom() < heading.mapTo(spotlight, heading.rect().topLeft()).y()
    updates = by_id["updates"].body
    cards = [f.label for f in updates.texts if f.loc[0] == "items" and f.label.isVisibleTo(updates)]
    assert len({label.mapTo(updates, label.rect().topLeft()).x() for label in cards}) == 1  # one column


COMPOUND = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"  # 81 letters
LONG_WORDS = f"""\
settings: {{title: Lobby}}
panels:
  - {{id: story, kind: text, title: {COMPOUND}, body: "Die {COMPOUND} ist heute geschlossen."}}
  - id: news
    kind: updates
    title: News
    items: [{{title: {COMPOUND}, text: "Seit heute: {COMPOUND}."}}]
  - {{id: person, kind: spotlight, heading: {COMPOUND}, name: {COMPOUND}, quote: {COMPOUND}}}
  - id: counts
    kind: counters
    title: {COMPOUND}
    counters: [{{value: 12, label: {COMPOUND}}}]
"""


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_a_word_too_long_for_a_line_is_cut_with_an_ellipsis(write_content, size, make_slide):
    """A long compound word never runs past its label's edge: it ends in "…" and fits."""
    loaded = load_content(write_content(LONG_WORDS))
    assert_fits(loaded, size, make_slide)
    cut = [(field.label.text(), field.loc) for _, _, slide in slides(loaded, size, make_slide)
           for field in slide.body.texts if field.label.text() != field.text]
    assert cut, "the long compound word fits everywhere: the test no longer tests a cut"
    for shown, loc in cut:
        assert "…" in shown, loc


def test_check_size_warns_about_a_word_cut_with_an_ellipsis(write_content, capsys, kiosk_app):
    path = write_content(LONG_WORDS)
    assert main(["check", str(path), "--size", "1080x1920"]) == 0
    cut = [line for line in capsys.readouterr().err.splitlines() if "a word is too long for one line" in line]
    assert f"{path}:3:36: warning: panels[0].title: at 1080x1920: a word is too long" in cut[0]
    assert {line.split(": warning: ")[1].split(":")[0] for line in cut} >= {
        "panels[0].title", "panels[0].body", "panels[1].items[0].title", "panels[1].items[0].text",
        "panels[2].heading", "panels[2].name", "panels[2].quote"}
