"""The agenda and countdown on screen: what they show, in two languages and two orientations, and how
they follow the clock while on screen (fake clocks and qtbot.waitUntil, never a sleep)."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from kiosk.core.content import load_content
from kiosk.core.playlist import playlist_at
from kiosk.export.render import screens
from kiosk.run.live.live_reload import LiveContent
from kiosk.screen.slide import Slide
from kiosk.screen.style import style_for
from tests.helpers.clock import FakeClock
from tests.helpers.screen import shown_texts

EXAMPLES = Path(__file__).parent.parent / "examples"
CSV = ("start,end,title,location\n"
       "2026-12-08 09:00,2026-12-08 10:00,Opening keynote,Hall A\n"
       "2026-12-08 10:30,2026-12-08 11:15,Workshop,Room 2\n"
       "2026-12-09 14:00,2026-12-09 15:00,Panel on Wednesday,Room 5\n")


def yaml(panels: str, languages: str = "[en]") -> str:
    return (f"settings:\n  title: Booth\n  transition: none\n  languages: {languages}\npanels:\n"
            "  - {id: hello, kind: text, title: Hello, body: There, duration: 3600}\n" + panels)


AGENDA = "  - {id: sessions, kind: agenda, title: Today at the booth, file: sessions.csv, days: 2, duration: 3600}\n"


@pytest.fixture
def booth(write_content):
    def write(panels: str = AGENDA, calendar: str = CSV, languages: str = "[en]"):
        write_content(calendar, "sessions.csv")
        return load_content(write_content(yaml(panels, languages)))
    return write


@pytest.fixture
def slide_at(qtbot, kiosk_app):
    """Factory: the slide of panel ``panel_id`` as the playlist gives it at ``when`` (a clock or a moment)."""
    def make(loaded, panel_id: str, when, size=(1920, 1080), lang: str = "en") -> Slide:
        clock = when if callable(when) else (lambda: when)
        entry = next(e for e in playlist_at(loaded.content, clock()) if e.id == panel_id and e.lang == lang)
        style = style_for(loaded.content.settings, QSize(*size), loaded.folder, lang=lang, clock=clock)
        slide = Slide(entry.panel, style)
        qtbot.addWidget(slide)
        slide.show()
        return slide
    return make


def test_now_shows_the_end_time_and_place_next_the_start_time(booth, slide_at):
    texts = shown_texts(slide_at(booth(), "sessions", datetime(2026, 12, 8, 9, 30)))
    assert texts == ["Booth", "Today at the booth", "NOW", "9:00\u2009–\u200910:00\u00a0AM", "Opening keynote",
                     "Hall A", "NEXT", "10:30\u00a0AM", "Workshop", "Room 2"]


def test_when_today_is_over_the_next_day_shows_with_its_date(booth, slide_at):
    texts = shown_texts(slide_at(booth(), "sessions", datetime(2026, 12, 8, 12, 0)))
    assert "TOMORROW · WEDNESDAY, DECEMBER 9" in texts and "Panel on Wednesday" in texts and "2:00\u00a0PM" in texts


def test_the_agenda_in_spanish_writes_its_words_and_times_in_spanish(booth, slide_at):
    loaded = booth(AGENDA.replace("title: Today at the booth", "title: {en: Today, es: Hoy en el stand}"),
                   languages="[en, es]")
    texts = shown_texts(slide_at(loaded, "sessions", datetime(2026, 12, 8, 9, 30), lang="es"))
    assert {"Hoy en el stand", "AHORA", "A CONTINUACIÓN", "10:30", "Opening keynote"} <= set(texts), texts
    later = shown_texts(slide_at(loaded, "sessions", datetime(2026, 12, 8, 12, 0), lang="es"))
    assert "MAÑANA · MIÉRCOLES, 9 DE DICIEMBRE" in later and "14:00" in later, later


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_long_titles_fit_by_the_fit_rules(booth, slide_at, size):
    long = "A very long session title that goes on about offline signage, calendars and time zones " * 3
    rows = "".join(f'2026-12-08 {9 + i:02d}:00,2026-12-08 {10 + i:02d}:00,"{long.strip()} {i}",'
                   f"Room {i} on the far side\n" for i in range(4))
    loaded = booth(AGENDA.replace("days: 2", "count: 6"), calendar="start,end,title,location\n" + rows)
    slide = slide_at(loaded, "sessions", datetime(2026, 12, 8, 9, 30), size)
    body = slide.body
    assert body.needed_height() <= body.area.height()
    assert all(label.geometry().right() <= body.width() for label in body.findChildren(type(body.texts[0].label)))
    assert any(loc == ("file",) for loc, _ in body.fit_notes), body.fit_notes


def test_an_empty_agenda_says_so_in_its_language(booth, slide_at):
    texts = shown_texts(slide_at(booth(AGENDA.replace("days: 2", "days: 1")), "sessions", datetime(2026, 12, 9, 18)))
    assert texts[-1] == "Nothing more on the calendar"


def running_clock(start: datetime):
    """A wall clock set to ``start`` that runs at real speed from now on."""
    began = time.monotonic()
    return lambda: start + timedelta(seconds=time.monotonic() - began)


def test_a_countdown_ticks_each_second_stops_at_zero_and_switches_to_then_at_that_moment(booth, slide_at, qtbot):
    moment = datetime(2026, 12, 11, 17, 0)
    loaded = booth("  - {id: closes, kind: countdown, title: Closes in, to: 2026-12-11 17:00, then: Closed now,"
                   " units: [minutes, seconds]}\n")
    clock = running_clock(moment - timedelta(seconds=1.5))
    slide = slide_at(loaded, "closes", clock)  # held: pytest-qt keeps widgets only weakly
    body = slide.body
    body.start()
    seen: list[tuple[datetime, str, bool]] = []

    def look() -> bool:
        seen.append((clock(), body.figures_text, body.then.isVisible()))
        return seen[-1][2]

    qtbot.waitUntil(look, timeout=4000)
    texts = [text for _, text, then in seen if not then]
    assert texts[0] == "00 minutes 02 seconds" and "00 minutes 01 second" in texts  # CLDR: one second
    assert "00 minutes 00 seconds" not in texts  # the figures never read zero before the moment
    switched = next(when for when, _, then in seen if then)
    assert moment <= switched < moment + timedelta(milliseconds=150)
    assert not body.title.isVisible() and body.then.text() == "Closed now"


def test_a_countdown_far_away_shows_days_and_hours_in_the_language(booth, slide_at):
    loaded = booth("  - {id: closes, kind: countdown, title: {en: Closes in, es: Cierra en}, to: 2026-12-11 17:00}\n",
                   languages="[en, es]")
    slide = slide_at(loaded, "closes", datetime(2026, 12, 8, 10, 15), lang="es")
    body = slide.body
    assert body.figures_text == "03 días 07 horas"  # 3 d 6 h 45 min, the hours rounded up
    assert "Viernes, 11 de diciembre · 17:00" in shown_texts(body)


def test_a_countdown_without_then_leaves_the_rotation_while_on_screen(booth, make_player, qtbot):
    loaded = booth("  - {id: closes, kind: countdown, title: Closes in, to: 2026-12-11 17:00, duration: 3600}\n")
    clock = FakeClock(datetime(2026, 12, 11, 16, 59, 59, 700_000))
    player = make_player(loaded, clock=clock, start_id="closes")
    assert player.current_id == "closes"
    clock.now = datetime(2026, 12, 11, 17, 0)  # the recheck armed for 0.3 s finds the moment come
    qtbot.waitUntil(lambda: player.current_id == "hello", timeout=2000)


def test_the_agenda_on_screen_changes_when_an_event_starts(booth, make_player, qtbot):
    clock = FakeClock(datetime(2026, 12, 8, 10, 29, 59, 700_000))
    player = make_player(booth(), clock=clock, start_id="sessions", size=(1280, 720))
    assert "NOW" not in shown_texts(player.slide) and "Workshop" in shown_texts(player.slide)
    clock.now = datetime(2026, 12, 8, 10, 30)
    qtbot.waitUntil(lambda: "NOW" in shown_texts(player.slide), timeout=2000)
    assert player.current_id == "sessions"  # redrawn where it is: the rotation did not move on
    texts = shown_texts(player.slide)
    assert texts.index("NOW") < texts.index("Workshop")


def test_render_at_a_moment_gives_the_panels_as_at_that_moment(booth):
    loaded = booth(AGENDA + "  - {id: closes, kind: countdown, title: Closes in, to: 2026-12-08 11:00}\n")
    found = {name: shown_texts(slide) for name, slide in screens(loaded, QSize(1280, 720),
                                                                  datetime(2026, 12, 8, 10, 45))}
    assert "Workshop" in found["02-sessions"] and "NOW" in found["02-sessions"]
    assert "15" in found["03-closes"] and "minutes" in found["03-closes"]
    later = [name for name, _ in screens(loaded, QSize(1280, 720), datetime(2026, 12, 8, 11, 0))]
    assert later == ["01-hello", "02-sessions"]  # the countdown is over and has no `then`


def test_the_example_sessions_calendar_in_new_york(new_york, slide_at):
    loaded = load_content(EXAMPLES / "booth-agenda.yaml")
    texts = shown_texts(slide_at(loaded, "sessions", datetime(2026, 12, 8, 10, 15)))
    assert "Workshop: your first content file" in texts and "NASDME 2026 expo: Hall 4 is open" in texts
    assert "11:00\u00a0AM" in texts and "Live from Madrid: one display, two languages" in texts  # 17:00 in Madrid
    assert "Panel: signage without the cloud" not in texts  # cancelled
    morning = shown_texts(slide_at(loaded, "sessions", datetime(2026, 12, 9, 9, 0)))
    assert "Morning demo: the display running with the network unplugged" in morning  # the daily series


def save_by_rename(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


@pytest.fixture
def live_agenda(write_content, make_player, qtbot):
    """A kiosk following its content file and calendar (an event on now) as a run does, the agenda on screen."""
    def start():
        now = datetime.now().replace(microsecond=0)
        good = f"start,end,title,location\n{now - timedelta(hours=1)},{now + timedelta(hours=1)},Keynote,Hall A\n"
        calendar = write_content(good, "sessions.csv")
        path = write_content(yaml(AGENDA.replace("days: 2", "days: 1")))
        player = make_player(window=True)
        live = LiveContent(path, player, player.window(), debounce_ms=5, quiet_ms=200)
        live.start(load_content(path))
        player.jump(1)
        qtbot.waitUntil(lambda: "Keynote" in shown_texts(player.slide), timeout=3000)
        return player, live, calendar, good, now
    return start


@pytest.mark.expect_log("sessions.csv:2: start: cannot read 'soon' as a date")
def test_saving_the_calendar_reaches_the_screen_and_a_bad_save_keeps_the_last_good(live_agenda, qtbot):
    player, live, calendar, good, now = live_agenda()
    save_by_rename(calendar, good.replace("Keynote", "Keynote in Hall B"))
    qtbot.waitUntil(lambda: "Keynote in Hall B" in shown_texts(player.slide), timeout=3000)
    with qtbot.waitSignal(live.watcher.loaded, timeout=3000) as loaded:
        save_by_rename(calendar, good.replace(str(now - timedelta(hours=1)), "soon"))
    assert any("sessions.csv:2:" in str(w) for w in loaded.args[0].warnings)
    assert "Keynote in Hall B" in shown_texts(player.slide)


@pytest.mark.parametrize("kind", ["agenda", "countdown"])
def test_a_side_column_gets_the_narrow_layout_and_fits(booth, qtbot, kind):
    from kiosk.screen.slide import fit_panel

    loaded = booth(AGENDA + "  - {id: closes, kind: countdown, title: Enrollment closes in, to: 2026-12-11 17:00,"
                            " units: [days, hours, minutes, seconds], link: {label: Enroll, url: 'https://e.org'}}\n")
    when = datetime(2026, 12, 8, 9, 30)
    entry = next(e for e in playlist_at(loaded.content, when) if e.panel.kind == kind)
    style = style_for(loaded.content.settings, QSize(1920, 1080), loaded.folder, clock=lambda: when)
    body = fit_panel(entry.panel, style, QSize(560, 830))  # a side column of 30 % beside the rotation
    qtbot.addWidget(body)
    body.setFixedSize(560, 830)
    body.grab()  # laid out and painted as in its slide, without a window of its own
    assert body.needed_height() <= 830 and body.layout().totalMinimumSize().width() <= 560
    if kind == "agenda":
        labels = {label.text(): label for label in body.findChildren(type(body.texts[0].label))}
        time, title = labels["9:00\u2009–\u200910:00\u00a0AM"], labels["Opening keynote"]
        assert time.mapTo(body, time.rect().topLeft()).y() < title.mapTo(body, title.rect().topLeft()).y()


def test_a_saved_calendar_is_read_off_the_ui_thread(live_agenda, qtbot, monkeypatch):
    import threading

    from kiosk.core.calendar import store

    player, _, calendar, good, _ = live_agenda()
    threads: list[str] = []
    original = store.read_calendar

    def spy(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(store, "read_calendar", spy)
    save_by_rename(calendar, good.replace("Keynote", "Keynote in Hall B"))
    qtbot.waitUntil(lambda: "Keynote in Hall B" in shown_texts(player.slide), timeout=3000)
    assert threads == ["calendar-reads"]  # read once, on the worker; the load found it read


def test_kiosk_run_at_starts_the_clock_at_that_moment_and_runs_on(monkeypatch):
    from kiosk.app import kiosk_clock
    from kiosk.cli import build_parser

    monkeypatch.delenv("KIOSK_CLOCK_START", raising=False)
    args = build_parser("content.yaml").parse_args(["run", "--at", "2026-12-08T09:59:59"])
    clock = kiosk_clock(0.001, args.at)  # a thousand times as fast, as KIOSK_TIME_SCALE makes it
    first = clock()
    assert datetime(2026, 12, 8, 9, 59, 59) <= first < datetime(2026, 12, 8, 10, 0, 30)
    deadline = time.monotonic() + 2
    while clock() <= first and time.monotonic() < deadline:
        pass  # the clock runs on by itself: no sleep, it only has to move
    assert clock() > first
    assert kiosk_clock(1.0) == datetime.now  # without --at, the machine's clock
