"""The agenda and countdown kinds in the content file: their fields, `kiosk check`, the playlist and
`kiosk playlist`, all on the moment asked about. No Qt here."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import pytest

from kiosk.cli import main
from kiosk.core.content import ContentError, load_content
from kiosk.core.playlist import next_change, playlist_at
from kiosk.core.timeline import timeline_lines

CSV = ("start,end,title,location\n"
       "2026-12-08 09:00,2026-12-08 10:00,Opening keynote,Hall A\n"
       "2026-12-08 10:30,2026-12-08 11:15,Workshop,Room 2\n"
       "2026-12-09 14:00,2026-12-09 15:00,Panel on Wednesday,Room 5\n")


def content(panels: str) -> str:
    return f"settings:\n  title: Booth\npanels:\n  - {{id: hello, kind: text, title: Hi, body: There}}\n{panels}"


AGENDA = "  - {id: sessions, kind: agenda, title: Today, file: sessions.csv, days: 2}\n"
ONLY_WITH_EVENTS = ("  - {id: sessions, kind: agenda, title: Today, file: sessions.csv,"
                    " show: {when: agenda-has-events}}\n")


@pytest.fixture
def booth(write_content):
    """Write the calendar and a content file naming it; returns the content file's path."""
    def write(panels: str = AGENDA, calendar: str = CSV, name: str = "sessions.csv"):
        write_content(calendar, name)
        return write_content(content(panels))
    return write


def rows(loaded, when: datetime) -> tuple[list[str], list[str]]:
    entry = next(e for e in playlist_at(loaded.content, when) if e.id == "sessions")
    view = entry.panel.view
    return [e.title for e in view.now], [e.title for e in view.next]


def errors(path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_content(path)
    return [str(problem) for problem in raised.value.problems]


def test_the_playlist_gives_the_agenda_as_it_is_at_the_moment_asked(booth):
    loaded = load_content(booth())
    assert rows(loaded, datetime(2026, 12, 8, 8, 0)) == ([], ["Opening keynote", "Workshop"])
    assert rows(loaded, datetime(2026, 12, 8, 9, 30)) == (["Opening keynote"], ["Workshop"])
    assert rows(loaded, datetime(2026, 12, 8, 12, 0)) == ([], ["Panel on Wednesday"])  # tomorrow's, days: 2


def test_the_agenda_changes_at_each_event_start_and_end(booth):
    loaded = load_content(booth())
    assert next_change(loaded.content, datetime(2026, 12, 8, 8, 0)) == datetime(2026, 12, 8, 9, 0)
    assert next_change(loaded.content, datetime(2026, 12, 8, 9, 0)) == datetime(2026, 12, 8, 10, 0)
    assert next_change(loaded.content, datetime(2026, 12, 8, 10, 0)) == datetime(2026, 12, 8, 10, 30)


def test_agenda_has_events_takes_an_empty_agenda_out_of_the_rotation(booth):
    loaded = load_content(booth(ONLY_WITH_EVENTS))
    ids = [e.id for e in playlist_at(loaded.content, datetime(2026, 12, 8, 10, 0))]
    assert ids == ["hello", "sessions"]
    assert [e.id for e in playlist_at(loaded.content, datetime(2026, 12, 8, 11, 15))] == ["hello"]


def test_kiosk_playlist_shows_the_agenda_leave_when_its_last_event_ends(booth):
    loaded = load_content(booth(ONLY_WITH_EVENTS))
    lines = [" ".join(line.split()) for line in timeline_lines(loaded.content, datetime(2026, 12, 8, 8, 0), 6)]
    assert lines[1:] == [
        "Tue 2026-12-08 08:00 – 09:00 hello, sessions (next: Opening keynote)",
        "Tue 2026-12-08 09:00 – 10:00 hello, sessions (now: Opening keynote)",
        "Tue 2026-12-08 10:00 – 10:30 hello, sessions (next: Workshop)",
        "Tue 2026-12-08 10:30 – 11:15 hello, sessions (now: Workshop)",
        "Tue 2026-12-08 11:15 – 14:00 hello",
    ]


def test_kiosk_playlist_command_on_a_calendar(booth, capsys):
    assert main(["playlist", str(booth(ONLY_WITH_EVENTS)), "--at", "2026-12-08T11:00", "--hours", "1"]) == 0
    out = capsys.readouterr().out
    out = " ".join(out.split())
    assert "11:00 – 11:15 hello, sessions (now: Workshop) Tue 2026-12-08 11:15 – 12:00 hello" in out


@pytest.mark.parametrize(("file", "message"), [
    ("../sessions.ics", "panels[1].file: '../sessions.ics' is outside the content file's folder"),
    ("/etc/sessions.ics", "panels[1].file: '/etc/sessions.ics' is outside the content file's folder"),
    ("sessions.xlsx", "panels[1].file: 'sessions.xlsx' is not a calendar file; give an .ics file"),
])
def test_a_calendar_path_the_kiosk_will_not_read_is_an_error_on_its_line(booth, file, message):
    path = booth(f"  - {{id: sessions, kind: agenda, title: Today, file: {file}}}\n")
    assert [problem for problem in errors(path) if message in problem] == [problem for problem in errors(path)]
    assert errors(path)[0].startswith(f"{path}:5:")


@pytest.mark.parametrize(("field", "message"), [
    ("count: 13", "panels[1].count: must be at most 12"),
    ("days: 0", "panels[1].days: must be at least 1"),
    ("days: 15", "panels[1].days: must be at most 14"),
])
def test_count_and_days_have_their_ranges(booth, field, message):
    path = booth(f"  - {{id: sessions, kind: agenda, title: Today, file: sessions.csv, {field}}}\n")
    assert any(message in problem for problem in errors(path)), errors(path)


def test_a_bad_calendar_line_is_a_warning_naming_the_calendar_file_and_line(booth):
    bad = CSV + "tomorrow at nine,,Breakfast,\n"
    loaded = load_content(booth(calendar=bad))
    warnings = [str(warning) for warning in loaded.warnings]
    assert any("panels[1].file: sessions.csv:5: start: cannot read 'tomorrow at nine' as a date" in w
               and "left out of the rotation until it reads" in w for w in warnings), warnings


def test_a_bad_save_keeps_the_last_good_calendar(booth, tmp_path):
    path = booth()
    good = load_content(path)
    assert rows(good, datetime(2026, 12, 8, 9, 30)) == (["Opening keynote"], ["Workshop"])
    (tmp_path / "sessions.csv").write_text(CSV.replace("2026-12-08 10:30", "half past ten"), encoding="utf-8")
    again = load_content(path)
    assert any("sessions.csv:3:" in str(w) and "keeps showing the last good version" in str(w)
               for w in again.warnings)
    assert rows(again, datetime(2026, 12, 8, 9, 30)) == (["Opening keynote"], ["Workshop"])


def test_a_good_save_is_read_again(booth, tmp_path):
    path = booth()
    load_content(path)
    (tmp_path / "sessions.csv").write_text(CSV.replace("Workshop", "Workshop on calendars"), encoding="utf-8")
    assert rows(load_content(path), datetime(2026, 12, 8, 9, 30)) == (["Opening keynote"], ["Workshop on calendars"])


def test_a_missing_calendar_leaves_the_agenda_out_with_a_warning(write_content):
    loaded = load_content(write_content(content(AGENDA)))
    assert [e.id for e in playlist_at(loaded.content, datetime(2026, 12, 8, 9, 30))] == ["hello"]
    assert any("panels[1].file: sessions.csv: cannot read sessions.csv" in str(w) for w in loaded.warnings)


def test_kiosk_check_reports_the_calendar_error_with_its_line(booth, capsys):
    path = booth(calendar=CSV + "2026-12-10 09:00,2026-12-10 08:00,Backwards,\n")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr()
    assert "sessions.csv:5: the end '2026-12-10 08:00' is before the start" in out.out + out.err


COUNTDOWN = "  - {id: closes, kind: countdown, title: Closes in, to: 2026-12-11 17:00}\n"


def test_a_countdown_without_then_leaves_the_rotation_at_its_moment(write_content):
    loaded = load_content(write_content(content(COUNTDOWN)))
    moment = datetime(2026, 12, 11, 17, 0)
    assert [e.id for e in playlist_at(loaded.content, moment - timedelta(microseconds=1))] == ["hello", "closes"]
    assert [e.id for e in playlist_at(loaded.content, moment)] == ["hello"]
    assert next_change(loaded.content, datetime(2026, 12, 11, 16, 59, 59)) == moment


def test_a_countdown_with_then_stays(write_content):
    yaml = content(COUNTDOWN.replace("}", ", then: Closed}"))
    loaded = load_content(write_content(yaml))
    assert [e.id for e in playlist_at(loaded.content, datetime(2026, 12, 12))] == ["hello", "closes"]


def test_check_warns_when_a_countdown_is_already_past(write_content):
    loaded = load_content(write_content(content(COUNTDOWN.replace("2026-12-11", "2020-01-01"))))
    assert any(":5:" in str(w) and "panels[1].to: 2020-01-01 17:00 is past, so the countdown never plays" in str(w)
               for w in loaded.warnings), [str(w) for w in loaded.warnings]


@pytest.mark.parametrize(("field", "message"), [
    ("units: [weeks]", "must be one of: days, hours, minutes, seconds"),
    ("units: [days, days]", "list each unit once"),
    ("units: []", "needs at least 1 item"),
    ("to: next friday", "write 2026-12-01 or 2026-12-01T09:00"),
])
def test_countdown_fields_in_staff_words(write_content, field, message):
    yaml = content("  - {id: closes, kind: countdown, title: Closes in, to: 2026-12-11, " + field + "}\n")
    if field.startswith("to:"):
        yaml = content(f"  - {{id: closes, kind: countdown, title: Closes in, {field}}}\n")
    assert any(message in problem for problem in errors(write_content(yaml))), errors(write_content(yaml))


def test_show_when_on_another_kind_is_a_warning(write_content):
    yaml = content("  - {id: other, kind: text, title: T, body: B, show: {when: agenda-has-events}}\n")
    loaded = load_content(write_content(yaml))
    assert any("panels[1].show.when: `agenda-has-events` is for an agenda panel" in str(w) for w in loaded.warnings)


def test_the_example_booth_agenda_loads_without_warnings():
    root = os.path.join(os.path.dirname(__file__), "..", "examples", "booth-agenda.yaml")
    loaded = load_content(root)
    assert [str(w) for w in loaded.warnings if "past" not in str(w)] == []


@pytest.mark.expect_log("repeats too often to work out")
def test_a_moment_the_calendar_cannot_be_worked_out_for_shows_an_empty_agenda_and_says_so_once(write_content,
                                                                                                caplog):
    today = datetime.now().date()  # the load works out the days from now: the series starts today
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:u@test\r\n"
           f"DTSTAMP:20261201T000000Z\r\nDTSTART:{today:%Y%m%d}T090000\r\nDTEND:{today:%Y%m%d}T090200\r\n"
           "RRULE:FREQ=MINUTELY;INTERVAL=5\r\nSUMMARY:Tick\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    write_content(ics, "sessions.ics")
    agenda = AGENDA.replace("sessions.csv", "sessions.ics").replace(", days: 2", "")
    loaded = load_content(write_content(content(agenda)))
    assert [str(w) for w in loaded.warnings] == []  # the coming days work out
    # three years of every five minutes: refused, not worked through
    far = datetime.combine(today.replace(year=today.year + 3, day=min(today.day, 28)), datetime.min.time())
    for _ in range(3):
        assert rows(loaded, far) == ([], [])
    assert sum("repeats too often" in record.getMessage() for record in caplog.records) == 1
