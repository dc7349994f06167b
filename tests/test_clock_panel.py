"""kind: clock: the time and the date, large, in the round's language; it changes on the minute."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize

from kiosk.core.content import load_content
from kiosk.core.playlist import playlist_at
from kiosk.screen.slide import Slide
from kiosk.screen.style import style_for
from tests.helpers.clock import FakeClock
from tests.helpers.screen import shown_texts

CLOCK = """\
settings: {title: Lobby, languages: [en, es]}
panels:
  - {id: time, kind: clock, title: {en: Welcome, es: Bienvenidos}}
  - {id: today, kind: clock, format: date}
"""
AFTERNOON = datetime(2026, 12, 7, 14, 35, 40)


def slides(qtbot, write_content, clock, size=None):
    loaded = load_content(write_content(CLOCK))
    built = []
    for entry in playlist_at(loaded.content, clock()):
        style = style_for(loaded.content.settings, size or QSize(1920, 1080), loaded.folder, lang=entry.lang,
                          clock=clock)
        slide = Slide(entry.panel, style)
        qtbot.addWidget(slide)
        built.append(slide)
    return built


def test_the_clock_shows_the_time_and_the_long_date_in_each_language(qtbot, kiosk_app, write_content):
    english, _, spanish, spanish_date = slides(qtbot, write_content, FakeClock(AFTERNOON))
    assert {"Welcome", "2:35\u00a0PM", "Monday, December 7, 2026"} <= set(shown_texts(english.body))
    assert {"Bienvenidos", "14:35", "lunes, 7 de diciembre de 2026"} <= set(shown_texts(spanish.body))
    assert shown_texts(spanish_date.body) == ["lunes, 7 de diciembre de 2026"]  # format: date has no time


def test_the_clock_moves_on_at_the_minute(qtbot, kiosk_app, write_content):
    clock = FakeClock(AFTERNOON)
    english = slides(qtbot, write_content, clock)[0]
    clock.now = datetime(2026, 12, 7, 14, 36, 0)
    english.body.refresh()  # what its minute timer calls
    assert "2:36\u00a0PM" in shown_texts(english.body)
    assert english.body._tick.interval() == 60_050


def test_in_a_narrow_column_the_time_shrinks_to_fit_instead_of_wrapping(qtbot, kiosk_app, write_content):
    english = slides(qtbot, write_content, FakeClock(AFTERNOON), QSize(300, 900))[0]
    assert not english.body.fit_notes
    time = english.body._time
    assert time is not None and time.fontMetrics().horizontalAdvance(time.text()) <= english.body.area.width()


def test_a_date_too_long_for_the_column_breaks_after_the_weekday(qtbot, kiosk_app, write_content):
    loaded = load_content(write_content(CLOCK))
    entry = playlist_at(loaded.content, AFTERNOON)[0]
    built = []
    for size, bare in ((QSize(538, 988), True), (QSize(1920, 1080), False)):  # a 28 % column of 1080p; a screen
        style = style_for(loaded.content.settings, size, loaded.folder, lang="en", clock=FakeClock(AFTERNOON),
                          screen=QSize(1920, 1080), bare=bare)
        slide = Slide(entry.panel, style)
        qtbot.addWidget(slide)
        built.append(slide.body._date.text())
    assert built == ["Monday,\nDecember 7, 2026", "Monday, December 7, 2026"]
