"""Slide decks (`kind: slides`): a PDF page by page, rendered when shown with a small cache,
stepped by the clicker; a broken or protected deck warns and shows a placeholder."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor

from kiosk.core.content import load_content
from kiosk.core.content.decks import MAX_DECK_PAGES
from kiosk.core.playlist import playlist_at
from kiosk.screen.panels import slides
from tests.helpers.documents import make_deck, make_protected_deck, page_color
from tests.helpers.screen import shown_texts

NOW = datetime(2026, 12, 1, 12, 0)
DECK = """\
settings: {{title: Booth, languages: [en, es], transition: none}}
panels:
  - id: deck
    kind: slides
    file: deck.pdf
{extra}    caption: {{en: Our programme, es: Nuestro programa}}
  - {{id: after, kind: text, title: After, body: Words.}}
"""


def deck_content(write_content, extra=""):
    return load_content(write_content(DECK.format(extra=extra)))


def slide_of(loaded, size, make_slide, lang="en"):
    entry = next(e for e in playlist_at(loaded.content, NOW) if e.lang == lang and e.id == "deck")
    return make_slide(loaded, entry, size)


def shown_page_color(slide) -> str:
    view = slide.body.view
    image = slide.grab().toImage()
    centre = view.mapTo(slide, view.image_rect().center())
    return image.pixelColor(centre.x(), centre.y() + view.image_rect().height() // 3).name()


def close(a: str, b: str) -> bool:
    return all(abs(x - y) < 12 for x, y in zip(QColor(a).getRgb()[:3], QColor(b).getRgb()[:3]))


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["landscape", "portrait"])
def test_each_picked_page_is_a_page_of_the_panel(tmp_path, write_content, make_slide, size):
    make_deck(tmp_path / "deck.pdf", 6)
    loaded = deck_content(write_content, '    pages: "2-3, 5"\n')
    assert loaded.warnings == []
    slide = slide_of(loaded, size, make_slide)
    assert slide.body.page_count() == 3
    for page, number in enumerate((2, 3, 5)):
        slide.body.set_page(page)
        assert close(shown_page_color(slide), page_color(number))
        assert f"{page + 1} / 3" in shown_texts(slide)
    assert "Our programme" in shown_texts(slide)
    view = slide.body.view
    assert view.image.width() == view.width() or view.image.height() == view.height()  # rendered at the size shown


def test_pages_are_rendered_only_when_shown_and_few_are_kept(tmp_path, write_content, make_slide, monkeypatch):
    make_deck(tmp_path / "deck.pdf", 40)
    rendered = []
    real = slides.render_page
    monkeypatch.setattr(slides, "render_page",
                        lambda deck, index, box: rendered.append(index) or real(deck, index, box))
    slide = slide_of(deck_content(write_content), QSize(1280, 720), make_slide)
    assert slide.body.page_count() == 40 and rendered == [0]  # the deck opened; only page 1 was drawn
    for page in range(40):
        slide.body.set_page(page)
    slide.body.set_page(39)  # still cached
    assert rendered == list(range(40))
    assert len(slides._pages) <= slides.PAGE_CACHE


def test_the_panel_lasts_its_pages_times_the_page_duration(tmp_path, write_content, make_player):
    make_deck(tmp_path / "deck.pdf", 3)
    player = make_player(deck_content(write_content, "    page_duration: 5\n"), clock=lambda: NOW)
    assert player.current_id == "deck" and player.timers.interval_ms == 5000  # per page
    player.next()
    player.next()
    assert player.page == 2 and player.timers.interval_ms == 5000
    player.next()
    assert player.current_id == "after"


def test_the_clicker_steps_through_the_pages(tmp_path, write_content, qtbot, make_player):
    from kiosk.run.operation import RunOptions

    make_deck(tmp_path / "deck.pdf", 3)
    player = make_player(deck_content(write_content), size=(960, 540), clock=lambda: NOW,
                         options=RunOptions(presentation=True))
    window = player.window()
    for page in (1, 2):
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
        qtbot.waitUntil(lambda page=page: player.page == page and not player._transition.running, timeout=3000)
        assert close(shown_page_color(player.slide), page_color(page + 1))
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: player.page == 1, timeout=3000)


@pytest.mark.expect_log("slides: ")
@pytest.mark.parametrize("make, message", [
    (lambda path: make_protected_deck(path), "slide deck 'deck.pdf' is protected by a password; export it again "
                                             "without one; a placeholder shows instead"),
    (lambda path: path.write_bytes(make_deck(path, 2).read_bytes()[:300]),
     "slide deck 'deck.pdf' cannot be read (the PDF is damaged); export it again; a placeholder shows instead"),
    (lambda path: path.write_text("a letter, not a deck"), "'deck.pdf' is not a PDF; export the deck as PDF"),
    (lambda path: None, "slide deck 'deck.pdf' not found; a placeholder shows instead"),
])
def test_a_deck_that_cannot_open_warns_and_shows_a_placeholder(tmp_path, write_content, make_player,
                                                               make, message, make_slide):
    make(tmp_path / "deck.pdf")
    loaded = deck_content(write_content)
    assert [(w.line, w.field) for w in loaded.warnings] == [(5, "panels[0].file")]
    assert message in loaded.warnings[0].message
    slide = slide_of(loaded, QSize(1280, 720), make_slide)
    assert slide.body.page_count() == 1 and "deck" in shown_texts(slide)  # the calm placeholder
    player = make_player(loaded, clock=lambda: NOW)
    player.next()
    assert player.current_id == "after"  # the rest keeps playing


def test_pages_the_deck_lacks_are_named_by_check(tmp_path, write_content):
    make_deck(tmp_path / "deck.pdf", 4)
    loaded = deck_content(write_content, '    pages: "3-6"\n')
    assert [(w.line, w.field, w.message) for w in loaded.warnings] == [
        (6, "panels[0].pages", "slide deck 'deck.pdf' has 4 pages; page 5 is not in it")]


def test_a_deck_over_the_page_limit_must_pick_its_pages(tmp_path, write_content):
    make_deck(tmp_path / "deck.pdf", MAX_DECK_PAGES + 1, points=(72, 40))
    loaded = deck_content(write_content)
    assert f"has {MAX_DECK_PAGES + 1} pages; at most {MAX_DECK_PAGES} show" in loaded.warnings[0].message
    assert deck_content(write_content, '    pages: "1-20"\n').warnings == []


def test_an_absurd_page_size_is_left_out(tmp_path, write_content):
    make_deck(tmp_path / "deck.pdf", 1, points=(14_400, 14_400 * 1.2))
    loaded = deck_content(write_content)
    assert "page 1 of 'deck.pdf' is 200 x 240 inches" in loaded.warnings[0].message


@pytest.mark.parametrize("pages, message", [
    ('"1-x"', "cannot read '1-x' as pages"),
    ('"5-2"', "pages count from 1, and a range goes up"),
    ('"0"', "pages count from 1"),
    ('"1-9999"', f"picks more than {MAX_DECK_PAGES} pages"),
])
def test_unreadable_pages_are_an_error_at_the_line(write_content, pages, message):
    from kiosk.core.content import ContentError

    with pytest.raises(ContentError) as caught:
        deck_content(write_content, f"    pages: {pages}\n")
    problem = caught.value.problems[0]
    assert (problem.line, problem.field) == (6, "panels[0].pages") and message in problem.message


def test_a_deck_outside_the_content_folder_is_never_read(tmp_path, write_content):
    (tmp_path / "inside").mkdir()
    make_deck(tmp_path / "deck.pdf", 1)
    path = write_content(DECK.format(extra="").replace("deck.pdf", "../deck.pdf"), name="inside/content.yaml")
    assert "is outside the content file's folder" in load_content(path).warnings[0].message
