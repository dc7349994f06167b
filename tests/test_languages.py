"""Two languages: text maps, a rotation per language, locale numbers, and fonts that cover them."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontDatabase, QRawFont, QTextLayout

from kiosk.core.content import ContentError, load_content
from kiosk.core.content.localize import localized
from kiosk.core.playlist import playlist_at
from kiosk.screen.style import style_for
from tests.conftest import ROOT
from tests.helpers.screen import all_texts

BILINGUAL = ROOT / "examples" / "bilingual.yaml"

PARTIAL = """\
settings:
  title: {en: Migrant Education Program, es: Programa de Educación Migrante}
  languages: [en, es]
panels:
  - id: a
    kind: text
    title: {en: Our Goal, es: Nuestra meta}
    body: {en: Only in English.}
  - id: b
    kind: counters
    title: Numbers
    counters: [{value: 213569, label: {en: Students, es: Estudiantes}}]
"""


@pytest.fixture(scope="module")
def bilingual():
    return load_content(BILINGUAL)


def test_bilingual_example_is_complete_and_matches_the_seed(bilingual, seed):
    assert bilingual.warnings == []  # every map has both languages
    english = localized(bilingual.content, "en")
    assert english.model_dump() == seed.content.model_dump() | {"settings": english.settings.model_dump()}
    spanish = localized(bilingual.content, "es")
    assert spanish.settings.title == "Programa de Educación Migrante"
    assert spanish.panels[4].title == "Últimas noticias"
    assert spanish.panels[2].name == "Juan Oscar Leal"  # a plain string is the same in every language


def test_missing_translation_falls_back_to_the_first_language_and_warns(write_content):
    loaded = load_content(write_content(PARTIAL))
    spanish = localized(loaded.content, "es")
    assert spanish.panels[0].body == "Only in English."
    assert spanish.panels[0].title == "Nuestra meta"
    assert [(w.field, w.line) for w in loaded.warnings] == [("panels[0].body", 8)]
    assert "no `es` translation" in loaded.warnings[0].message


def test_a_map_without_the_first_language_says_which_text_shows_instead(write_content):
    loaded = load_content(write_content(PARTIAL.replace("{en: Only in English.}", "{es: Solo en español.}")))
    assert localized(loaded.content, "en").panels[0].body == "Solo en español."  # shown, in both rounds
    assert [w.message for w in loaded.warnings] == [
        "no `en` text (the first language); the `es` text shows in the en rotation instead"]


def test_the_rotation_plays_once_per_language(bilingual):
    entries = playlist_at(bilingual.content, datetime(2026, 1, 1))
    assert [(e.id, e.lang) for e in entries] == [
        (p.id, lang) for lang in ("en", "es") for p in bilingual.content.panels]
    assert entries[5].panel.title == "Nuestro impacto"


def test_playlist_timeline_names_each_panel_once_with_its_languages(bilingual):
    from kiosk.core.timeline import timeline_lines

    lines = timeline_lines(bilingual.content, datetime(2026, 1, 1, 9), 1)
    assert lines[1].endswith("impact, goal, student-of-the-year, pass, updates (in en, es in turn)")


@pytest.mark.parametrize("text, message", [
    ("title: {en: A, english: B}", "`english` is not a language code"),
    ("title: {}", "must be text, or a map of translations"),
    ("title: 12", "must be text, or a map of translations"),
])
def test_bad_text_maps_are_clear_errors(write_content, text, message):
    path = write_content(f"settings: {{title: T}}\npanels:\n  - {{id: a, kind: text, body: B, {text}}}\n")
    with pytest.raises(ContentError) as caught:
        load_content(path)
    assert message in str(caught.value.problems[0])


def test_languages_listed_twice_is_an_error(write_content):
    path = write_content("settings: {title: T, languages: [en, es, en]}\npanels: [{id: a, kind: text, "
                         "title: A, body: B}]\n")
    with pytest.raises(ContentError) as caught:
        load_content(path)
    assert "en listed twice" in str(caught.value.problems[0])


def shown_text(bilingual, index, make_slide) -> str:
    """Every text on the slide of playlist entry ``index``, built as the player builds it."""
    entry = playlist_at(bilingual.content, datetime(2026, 1, 1))[index]
    return all_texts(make_slide(bilingual, entry, (1920, 1080), show=False))


def test_spanish_slides_show_spanish_text_and_numbers(bilingual, make_slide):
    text = shown_text(bilingual, 5, make_slide)
    assert "Programa de Educación Migrante" in text and "Aviso legal:" in text
    assert "213.569" in text and "172.192" in text  # Spanish grouping, from QLocale
    assert "Total de estudiantes" in text


def test_english_numbers_use_commas(bilingual, make_slide):
    assert "213,569" in shown_text(bilingual, 0, make_slide)


@pytest.mark.parametrize("lang, date", [("en", "Saturday, November 28, 2026"),
                                        ("es", "sábado, 28 de noviembre de 2026")])
def test_dates_follow_the_language(bilingual, qtbot, kiosk_app, lang, date):
    from kiosk.screen.fallback import FallbackSlide

    style = style_for(bilingual.content.settings, QSize(1280, 720), bilingual.folder, lang=lang)
    slide = FallbackSlide(style, clock=lambda: datetime(2026, 11, 28, 9, 5))
    qtbot.addWidget(slide)
    assert slide.date_label.text() == date


def test_player_shows_the_spanish_round_after_the_english_one(bilingual, qtbot, make_player):
    player = make_player(size=(960, 540), time_scale=0.001, show=False)
    seen, texts = [], []
    # What the slide says is read as it arrives: at this time scale the next one follows within milliseconds.
    player.shown.connect(lambda shown: (seen.append((shown.id, shown.lang)), texts.append(all_texts(player.slide))))
    player.set_content(bilingual)
    qtbot.waitUntil(lambda: len(seen) >= 7, timeout=10000)
    assert seen[:7] == [("impact", "en"), ("goal", "en"), ("student-of-the-year", "en"), ("pass", "en"),
                        ("updates", "en"), ("impact", "es"), ("goal", "es")]
    assert "Our Goal" in texts[1] and "Nuestra meta" in texts[6]


def test_a_save_during_the_spanish_round_stays_in_spanish(bilingual, make_player):
    player = make_player(bilingual, size=(960, 540), time_scale=0.01, start_id="pass", show=False)
    player.toggle_pause()
    player.jump(8)  # pass, in Spanish
    assert (player.current_id, player.slide.lang) == ("pass", "es")
    player.update_content(load_content(BILINGUAL))
    assert (player.current_id, player.slide.lang) == ("pass", "es")
    assert "El Programa Nacional PASS" in all_texts(player.slide)


def test_font_covers_latin_extended(kiosk_app):
    raw = QRawFont.fromFont(style_for(load_content(BILINGUAL).content.settings, QSize(1920, 1080),
                                      ROOT).font(0.03))
    assert raw.familyName() == "Source Sans Pro"
    for char in "áéíñóúüÁÉÍÑÓÚÜ¿¡“”‘’«»—":
        assert raw.supportsCharacter(ord(char)), char


def test_cjk_falls_back_to_a_system_font(kiosk_app):
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert families, "no CJK font installed: `make sysdeps` installs fonts-droid-fallback"
    style = style_for(load_content(BILINGUAL).content.settings, QSize(1920, 1080), ROOT)
    layout = QTextLayout("移民教育计划", style.font(0.03, QFont.Weight.Normal))
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    assert runs and all(0 not in run.glyphIndexes() for run in runs)  # glyph 0 is the empty box
    assert {run.rawFont().familyName() for run in runs} <= set(families)
