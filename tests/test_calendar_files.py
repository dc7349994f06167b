"""Calendar files as Google Calendar, Outlook, Thunderbird and a script write them, read in New York time.

The exports differ where readers trip: Google writes UTC times beside TZID ones, X-WR-TIMEZONE and
a moved instance (RECURRENCE-ID); Outlook folds lines with a tab and names its zones the Windows way
("W. Europe Standard Time", with VTIMEZONE blocks dated 1601); Thunderbird adds RDATE and cancels
one instance; the script writes LF line ends, an IANA TZID without a VTIMEZONE, a floating time and
a DURATION. Berlin leaves summer time on Oct 25, New York on Nov 1: the week between is the test.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.core.calendar import CalendarError, read_calendar

CALENDARS = Path(__file__).parent / "fixtures" / "calendars"
NOW = datetime(2026, 12, 7, 8, 0)


def events(name: str, start: datetime, end: datetime) -> list[tuple[str, str, str]]:
    calendar = read_calendar(CALENDARS / name, NOW)
    return [(f"{event.start:%m-%d %H:%M}", f"{event.end:%m-%d %H:%M}", event.title)
            for event in calendar.events_between(start, end)]


def test_google_export(new_york):
    found = events("google.ics", datetime(2026, 12, 7), datetime(2026, 12, 12))
    demo = "Morning demo: offline signage in ten minutes"
    assert found == [
        ("12-07 09:30", "12-07 09:50", demo),
        ("12-08 00:00", "12-09 00:00", "Expo day 2"),  # VALUE=DATE: all day
        ("12-08 09:30", "12-08 09:50", demo),
        ("12-08 14:00", "12-08 15:00",  # 19:00Z; the title was folded in three lines, with an escaped comma
         "Panel: running a lobby screen for a whole year without touching it once, and what we learned"),
        ("12-09 11:00", "12-09 11:20", demo),  # moved by RECURRENCE-ID; 12-10 is an EXDATE
        ("12-11 09:30", "12-11 09:50", demo),  # the last before UNTIL
    ]  # the sponsor breakfast is STATUS:CANCELLED


def test_google_all_day_and_location(new_york):
    calendar = read_calendar(CALENDARS / "google.ics", NOW)
    expo, demo = calendar.events_between(datetime(2026, 12, 8), datetime(2026, 12, 8, 10))
    assert (expo.all_day, expo.day, demo.all_day) == (True, date(2026, 12, 8), False)
    assert demo.location == "Hall 4, Stand B12"


def test_outlook_export_across_both_summer_time_ends(new_york):
    found = events("outlook.ics", datetime(2026, 10, 26), datetime(2026, 12, 12))
    standup = "Weekly stand-up with the Berlin team"
    assert [start for start, _, title in found if title == standup] == [
        "10-27 05:30",  # 10:30 in Berlin (winter time already) is 05:30 in New York (still summer time)
        "11-03 04:30", "11-10 04:30", "11-17 04:30",  # 11-24 is an EXDATE
        "12-01 04:30", "12-08 04:30",
    ]
    assert ("12-08 10:30", "12-08 11:00", "Partner call with the Berlin office") in found
    assert ("12-11 00:00", "12-12 00:00", "Company holiday") in found
    assert not [title for _, _, title in found if "Vendor review" in title]  # STATUS:CANCELLED


def test_thunderbird_export(new_york):
    found = events("thunderbird.ics", datetime(2026, 12, 7), datetime(2026, 12, 16))
    workshop = "Hands-on workshop: build your first content.yaml"
    assert [start for start, _, title in found if title == workshop] == [
        "12-07 13:00", "12-09 13:00", "12-14 13:00"]  # COUNT=2 Mondays and one RDATE
    assert [start for start, _, title in found if title == "Office hours"] == ["12-08 09:00"]  # 12-15 cancelled
    assert ("12-10 00:00", "12-13 00:00", "Winter fair") in found  # three days, VALUE=DATE


def test_thunderbird_weekly_series_keeps_its_wall_clock_time_across_dst(new_york):
    found = events("thunderbird.ics", datetime(2026, 10, 26), datetime(2026, 11, 11))
    assert [start for start, _, title in found if title == "Office hours"] == [
        "10-27 09:00", "11-03 09:00", "11-10 09:00"]


def test_scripted_file_with_lf_and_no_vtimezone(new_york):
    assert events("scripted.ics", datetime(2026, 12, 8), datetime(2026, 12, 9)) == [
        ("12-08 12:00", "12-08 12:30", "Call with the Lisbon booth"),  # 17:00 in Lisbon
        ("12-08 16:00", "12-08 16:45", "Prize draw"),  # floating: the kiosk's own time; DURATION:PT45M
    ]


def test_other_local_zone_moves_zoned_events_but_not_floating_ones(monkeypatch):
    import time
    monkeypatch.setenv("TZ", "Europe/Lisbon")
    time.tzset()
    try:
        assert events("scripted.ics", datetime(2026, 12, 8), datetime(2026, 12, 9)) == [
            ("12-08 16:00", "12-08 16:45", "Prize draw"),
            ("12-08 17:00", "12-08 17:30", "Call with the Lisbon booth"),
        ]
    finally:
        monkeypatch.undo()
        time.tzset()


def test_csv_file(tmp_path, new_york):
    path = tmp_path / "sessions.csv"
    path.write_text('start,end,title,location\n'
                    '2026-12-08 09:30,2026-12-08 10:00,Opening,Hall 1\n'
                    '2026-12-08T11:00,,"Demo, with questions",Stand B12\n'
                    '2026-12-08,,Expo day 2,\n'
                    '\n'
                    '2026-12-09,2026-12-10,Build-down,\n', encoding="utf-8")
    calendar = read_calendar(path, NOW)
    found = [(f"{e.start:%d %H:%M}", f"{e.end:%d %H:%M}", e.title, e.location, e.all_day)
             for e in calendar.events_between(datetime(2026, 12, 8), datetime(2026, 12, 11))]
    assert found == [
        ("08 00:00", "09 00:00", "Expo day 2", "", True),
        ("08 09:30", "08 10:00", "Opening", "Hall 1", False),
        ("08 11:00", "08 11:00", "Demo, with questions", "Stand B12", False),  # no end: a moment
        ("09 00:00", "11 00:00", "Build-down", "", True),  # an all-day end is the last day, as people write it
    ]


def test_csv_columns_may_come_in_any_order_and_end_and_location_may_be_left_out(tmp_path):
    path = tmp_path / "sessions.csv"
    path.write_text("Title,Start\nOpening,2026-12-08 09:30\n", encoding="utf-8")
    [event] = read_calendar(path, NOW).events_between(datetime(2026, 12, 8), datetime(2026, 12, 9))
    assert (event.title, event.start, event.location) == ("Opening", datetime(2026, 12, 8, 9, 30), "")


@pytest.mark.parametrize(("text", "line", "message"), [
    ("", 1, "the file is empty"),
    ("start,title,room\n", 1, "unknown column 'room'"),
    ("end,title\n", 1, "no 'start' column"),
    ("start,end,title,location\n2026-12-08 09:00,,Opening,\n2026-13-01,,Bad month,\n", 3,
     "start: cannot read '2026-13-01' as a date"),
    ("start,end,title\n2026-12-08 10:00,2026-12-08 09:00,Backwards\n", 2, "before the start"),
    ("start,end,title\n2026-12-08 10:00,,\n", 2, "the title is empty"),
    ("start,end,title\n2026-12-08 10:00,,Coffee, tea and cake\n", 2, "4 cells where the header names 3"),
    ('start,end,title\n2026-12-08 10:00,,"Never closed\n', 2, "cannot read this line"),
])
def test_csv_errors_name_the_line(tmp_path, text, line, message):
    path = tmp_path / "sessions.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarError) as caught:
        read_calendar(path, NOW)
    assert (caught.value.line, message in caught.value.message) == (line, True), caught.value.message


def test_not_a_calendar_file(tmp_path):
    path = tmp_path / "sessions.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(CalendarError, match="give an .ics or a .csv file"):
        read_calendar(path, NOW)


def test_missing_file(tmp_path):
    with pytest.raises(CalendarError, match="cannot read sessions.ics"):
        read_calendar(tmp_path / "sessions.ics", NOW)
