"""Hostile calendar files: each is an error naming its line, in well under the time limit; never a hang.

dateutil, under recurring-ical-events, expands a rule step by step from its first date and, when no
day matches, searches on to the year 9999: every minute since 1990 took 84 s here, February 30th
6 s. Those rules are refused before they run; rules without an end are fine.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest

from kiosk.core.calendar import CalendarError, read_calendar
from kiosk.core.calendar.events import MAX_FILE_BYTES

NOW = datetime(2026, 12, 7, 8, 0)
TIME_LIMIT = 2.0  # seconds; the failure is a hang or a runaway expansion, not a slow machine


def calendar_text(*events: str) -> str:
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + "".join(events) + "END:VCALENDAR\r\n"


def event(*lines: str, start: str = "20261207T100000") -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    return (f"BEGIN:VEVENT\r\nUID:x@test\r\nDTSTAMP:20261201T000000Z\r\nDTSTART:{start}\r\n"
            f"DTEND:{start[:9]}110000\r\nSUMMARY:Session\r\n{body}END:VEVENT\r\n")


def read_timed(tmp_path, text: str | bytes):
    path = tmp_path / "sessions.ics"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    began = time.perf_counter()
    try:
        return read_calendar(path, NOW)
    finally:
        assert time.perf_counter() - began < TIME_LIMIT


def test_rule_without_end_is_fine(tmp_path):
    calendar = read_timed(tmp_path, calendar_text(event("RRULE:FREQ=DAILY")))
    found = calendar.events_between(NOW, NOW + timedelta(days=14))
    assert len(found) == 14
    far = NOW + timedelta(days=3650)  # ten years on, the kiosk still works the days out
    assert [e.start for e in calendar.events_between(far, far + timedelta(days=1))] == [far.replace(hour=10)]


@pytest.mark.parametrize(("rule", "line", "message"), [
    ("RRULE:FREQ=SECONDLY", 10, "RRULE FREQ=SECONDLY from 2026-12-07 repeats too often"),
    ("RRULE:FREQ=MINUTELY;INTERVAL=1", 4, "more than 5,000 events"),  # two weeks of minutes
    ("RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", 10, "never happens: no date is in its BYMONTH"),
    ("RRULE:FREQ=DAILY;COUNT=1000000;BYMONTH=4;BYMONTHDAY=31", 10, "never happens"),
    ("RRULE:FREQ=YEARLY;BYYEARDAY=367", 10, "never happens"),
    ("RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=40", 10, "BYSETPOS is past the end of every period"),
    ("RRULE:FREQ=FORTNIGHTLY", 10, "FORTNIGHTLY"),
    ("RRULE:FREQ=DAILY;BYDAY=XX", 10, "RRULE"),
])
def test_costly_or_impossible_rules_are_refused_on_their_line(tmp_path, rule, line, message):
    with pytest.raises(CalendarError) as caught:
        read_timed(tmp_path, calendar_text(event(rule)))
    assert (caught.value.line, message in caught.value.message) == (line, True), caught.value


def test_every_minute_since_1990_is_refused_not_worked_through(tmp_path):
    with pytest.raises(CalendarError, match="from 1990-01-01 repeats too often"):
        read_timed(tmp_path, calendar_text(event("RRULE:FREQ=MINUTELY", start="19900101T100000")))


def test_many_occurrences_in_the_window_are_refused(tmp_path):
    text = calendar_text(event("RRULE:FREQ=MINUTELY;INTERVAL=3"))  # 480 a day, 7,000 in two weeks
    with pytest.raises(CalendarError, match="more than 5,000 events in the days the agenda shows"):
        read_timed(tmp_path, text)


def test_huge_file_is_refused_before_it_is_read(tmp_path):
    filler = event("DESCRIPTION:" + "x" * 60)
    text = calendar_text(*[filler] * (MAX_FILE_BYTES // len(filler) + 10))
    with pytest.raises(CalendarError, match=r"sessions.ics is 25\d KB; the kiosk reads calendar files up to 256 KB"):
        read_timed(tmp_path, text)


def test_biggest_allowed_file_reads_in_time(tmp_path):
    one = event("LOCATION:Hall 4")
    count = MAX_FILE_BYTES // (len(one) + 5) - 10  # UIDs grow to 5 digits
    days = [datetime(2026, 6, 1) + timedelta(days=n % 365) for n in range(count)]  # a year's history and plans
    text = calendar_text(*[one.replace("UID:x@test", f"UID:{n}@test").replace("20261207", f"{day:%Y%m%d}")
                           for n, day in enumerate(days)])
    assert len(text) <= MAX_FILE_BYTES
    began = time.perf_counter()
    (tmp_path / "big.ics").write_text(text)
    calendar = read_calendar(tmp_path / "big.ics", NOW)
    assert len(calendar.events_between(NOW, NOW + timedelta(days=1))) == days.count(datetime(2026, 12, 7))
    assert time.perf_counter() - began < 2 * TIME_LIMIT  # icalendar's parse is most of it


@pytest.mark.parametrize(("text", "line", "message"), [
    (calendar_text(event()).replace("SUMMARY:Session", "this line is broken"), 9, "cannot read 'this line is broken'"),
    (calendar_text(event()).replace("END:VEVENT\r\n", ""), 4, "BEGIN:VEVENT has no END:VEVENT"),
    (calendar_text(event()).replace("END:VCALENDAR\r\n", ""), 1, "BEGIN:VCALENDAR has no END:VCALENDAR"),
    (calendar_text(event()).replace("END:VEVENT", "END:VTODO"), 10, "END:VTODO where END:VEVENT was expected"),
    (calendar_text(event(start="20261232T100000")), 7, "DTSTART: Wrong datetime format: 20261232T100000"),
    (calendar_text(event()).replace("DTSTART:20261207T100000\r\n", ""), 4, "an event without DTSTART"),
    ("hello\r\n", 1, "an ICS file starts with BEGIN:VCALENDAR"),
    ("", 0, "an ICS file starts with BEGIN:VCALENDAR"),
    (b"BEGIN:VCALENDAR\r\nSUMMARY:\xff\xfe\r\n", 2, "not UTF-8"),
    ("BEGIN:VCALENDAR\r\n" + "BEGIN:VEVENT\r\n" * 20, 9, "nested 8 blocks deep"),
])
def test_broken_lines_are_errors_on_their_line(tmp_path, text, line, message):
    with pytest.raises(CalendarError) as caught:
        read_timed(tmp_path, text)
    assert (caught.value.line, message in caught.value.message) == (line, True), caught.value


def test_one_long_line_of_garbage(tmp_path):
    text = "BEGIN:VCALENDAR\r\n" + "X" * 200_000 + "\r\nEND:VCALENDAR\r\n"
    with pytest.raises(CalendarError, match="cannot read 'XXXX"):
        read_timed(tmp_path, text)
