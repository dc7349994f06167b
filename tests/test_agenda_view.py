"""The agenda at a moment (now, next, the next day with events) and the moments it changes; countdown sums."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from kiosk.core.calendar import Event, agenda_at, default_units, next_change, next_tick, remaining_parts, seconds_left


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute)


EXPO = Event(at(8, 0), at(9, 0), "Expo day 2", all_day=True)
OPENING = Event(at(8, 9), at(8, 10), "Opening", "Hall 1")
DEMO = Event(at(8, 9, 30), at(8, 9, 50), "Demo", "Stand B12")
PANEL = Event(at(8, 14), at(8, 15), "Panel")
WORKSHOP = Event(at(10, 13), at(10, 14, 30), "Workshop")
EVENTS = [EXPO, OPENING, DEMO, PANEL, WORKSHOP]


def titles(view) -> tuple[list[str], list[str], date | None]:
    return [e.title for e in view.now], [e.title for e in view.next], view.day


def test_now_and_next():
    assert titles(agenda_at(EVENTS, at(8, 9, 40))) == (["Expo day 2", "Opening", "Demo"], ["Panel"], None)


def test_an_event_is_now_from_its_first_instant_and_gone_at_its_end():
    assert titles(agenda_at(EVENTS, at(8, 9, 30)))[0] == ["Expo day 2", "Opening", "Demo"]
    assert titles(agenda_at(EVENTS, at(8, 9, 50)))[0] == ["Expo day 2", "Opening"]


def test_count_caps_the_rows_and_leaves_one_to_what_comes_next():
    assert titles(agenda_at(EVENTS, at(8, 9, 40), count=2)) == (["Expo day 2"], ["Panel"], None)
    assert titles(agenda_at(EVENTS, at(8, 9, 40), count=1)) == (["Expo day 2"], [], None)


def test_when_today_is_over_the_next_day_with_events_within_days():
    timed = EVENTS[1:]
    assert titles(agenda_at(timed, at(8, 16), days=1)) == ([], [], None)
    assert titles(agenda_at(timed, at(8, 16), days=2)) == ([], [], None)  # tomorrow (9th) has none
    assert titles(agenda_at(timed, at(8, 16), days=3)) == ([], ["Workshop"], date(2026, 12, 10))
    assert not agenda_at(timed, at(8, 16)).has_events
    assert agenda_at(timed, at(8, 16), days=3).has_events


def test_an_all_day_event_is_now_all_day_and_keeps_the_agenda_on_today():
    assert titles(agenda_at(EVENTS, at(8, 16), days=3)) == (["Expo day 2"], [], None)


def test_next_change_is_each_start_and_end_then_midnight():
    moment, seen = at(8, 0), []
    while moment < at(9, 0):
        moment = next_change(EVENTS, moment)
        seen.append(f"{moment:%d %H:%M}")
    assert seen == ["08 09:00", "08 09:30", "08 09:50", "08 10:00", "08 14:00", "08 15:00", "09 00:00"]


def test_seconds_left_is_real_time_across_daylight_saving(new_york):
    # clocks go back at 02:00 on Nov 1: midnight to 03:00 is four hours
    assert seconds_left(datetime(2026, 11, 1, 3), datetime(2026, 11, 1)) == 4 * 3600
    assert seconds_left(date(2026, 12, 11), at(10, 23)) == 3600  # a date counts to its first instant


@pytest.mark.parametrize(("left", "units", "parts"), [
    (3 * 86400 + 4 * 3600 + 30 * 60, ("days", "hours"), (("days", 3), ("hours", 5))),  # smallest rounded up
    (3 * 86400 + 4 * 3600, ("days", "hours"), (("days", 3), ("hours", 4))),
    (90 * 60, ("minutes",), (("minutes", 90),)),  # the largest unit takes everything above
    (0.2, ("minutes", "seconds"), (("minutes", 0), ("seconds", 1))),
    (0, ("days",), (("days", 0),)),
    (-5, ("days",), (("days", 0),)),
    (3661, ["seconds", "hours"], (("hours", 1), ("seconds", 61))),  # any order, any subset
])
def test_remaining_parts(left, units, parts):
    assert remaining_parts(left, units) == parts


def test_default_units_by_distance():
    assert default_units(3 * 86400) == ("days", "hours")
    assert default_units(5 * 3600) == ("hours", "minutes")
    assert default_units(59 * 60) == ("minutes", "seconds")


def test_next_tick_lands_on_each_change_and_on_zero():
    assert next_tick(10.25, ("minutes", "seconds")) == pytest.approx(0.25)
    assert next_tick(10.0, ("minutes", "seconds")) == 1.0
    assert next_tick(3 * 3600 + 5, ("hours", "minutes")) == 5
    assert next_tick(0.4, ("seconds",)) == pytest.approx(0.4)  # the last tick is the moment itself
    assert next_tick(0, ("seconds",)) is None


def test_counting_down_second_by_second_reaches_zero_exactly():
    to, moment, shown = at(11, 17), at(11, 17) - timedelta(seconds=3.5), []
    while (left := seconds_left(to, moment)) > 0:
        shown.append(remaining_parts(left, ("seconds",))[0][1])
        moment += timedelta(seconds=next_tick(left, ("seconds",)) or 0)
    assert (shown, moment) == ([4, 3, 2, 1], to)
