"""Random schedules and times against a second, deliberately plain reading of the same window.

The reference below expands a window into explicit intervals per day; the playlist
compares minutes. Every boundary in these schedules lies on a quarter hour, so the
answer is constant within each quarter hour and a quarter-hour scan finds the first
moment a window opens.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.content.model import Content
from kiosk.core.playlist import playlist_at, timeline

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FIRST, LAST = datetime(2026, 11, 20), datetime(2026, 12, 20)
HORIZON = datetime(2026, 12, 24)
QUARTER = timedelta(minutes=15)
SECOND = timedelta(seconds=1)

quarters = st.integers(0, 95).map(lambda q: q * 15)
days_in_range = st.integers(0, (LAST - FIRST).days).map(lambda n: (FIRST + timedelta(days=n)).date())
moments = st.one_of(days_in_range,
                    st.builds(lambda d, m: datetime.combine(d, datetime.min.time()) + timedelta(minutes=m),
                              days_in_range, quarters))


@st.composite
def hour_ranges(draw) -> list[tuple[int, int]]:
    ranges = []
    for _ in range(draw(st.integers(1, 2))):
        start = draw(quarters)
        end = draw(quarters.map(lambda m: m + 15).filter(lambda m, s=start: m % 1440 != s or m == 1440))
        ranges.append((start, end))
    return ranges


@st.composite
def windows(draw) -> dict:
    window: dict = {}
    if draw(st.booleans()):
        window["from"] = draw(moments)
    if draw(st.booleans()):
        window["until"] = draw(moments)
    if draw(st.booleans()):
        window["days"] = draw(st.lists(st.sampled_from(DAY_NAMES), min_size=1, max_size=7, unique=True))
    if draw(st.booleans()):
        window["hours"] = draw(hour_ranges())
    return window


def as_yaml_values(window: dict) -> dict:
    """The window as content.yaml would hold it: hours as text, moments as YAML gives them."""
    values = dict(window)
    if "hours" in values:
        values["hours"] = ", ".join(f"{_clock(s)}-{_clock(e)}" for s, e in values["hours"])
    return values


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def one_panel(window: dict) -> Content:
    panel = {"id": "p", "kind": "text", "title": "t", "body": "b", "show": as_yaml_values(window)}
    return Content.model_validate({"settings": {"title": "T"}, "panels": [panel]})


def reference(window: dict, when: datetime) -> bool:
    """Is ``when`` inside ``window``? Intervals laid out day by day, then a plain lookup."""
    def start(m):
        return m if isinstance(m, datetime) else datetime.combine(m, datetime.min.time())

    def end(m):
        return m if isinstance(m, datetime) else datetime.combine(m + timedelta(days=1), datetime.min.time())

    if "from" in window and when < start(window["from"]):
        return False
    if "until" in window and when >= end(window["until"]):
        return False
    intervals = []
    for day in (when.date() - timedelta(days=1), when.date()):
        if "days" in window and DAY_NAMES[date.weekday(day)] not in window["days"]:
            continue
        midnight = datetime.combine(day, datetime.min.time())
        for s, e in window.get("hours", [(0, 1440)]):
            stop = e if e > s else e + 1440  # a range that ends at or before its start crosses midnight
            intervals.append((midnight + timedelta(minutes=s), midnight + timedelta(minutes=stop)))
    return any(a <= when < b for a, b in intervals)


def first_open(window: dict, when: datetime) -> datetime | None:
    """The first moment from ``when`` on that the reference says is inside, scanning quarter hours."""
    if reference(window, when):
        return when
    moment = datetime.combine(when.date(), datetime.min.time())
    moment += QUARTER * ((when - moment) // QUARTER + 1)
    while moment < HORIZON:
        if reference(window, moment):
            return moment
        moment += QUARTER
    return None


times = st.builds(lambda d, s: datetime.combine(d, datetime.min.time()) + timedelta(seconds=s),
                  days_in_range, st.integers(0, 86_399))


@settings(max_examples=300, deadline=None)
@given(windows(), times)
def test_a_panel_plays_exactly_inside_its_window(window, when):
    playing = [entry.id for entry in playlist_at(one_panel(window), when)]
    assert playing == (["p"] if reference(window, when) else [])


@settings(max_examples=80, deadline=None)
@given(windows(), times)
def test_a_window_that_opens_is_served_and_the_timeline_never_strays(window, when):
    content = one_panel(window)
    segments = timeline(content, when, HORIZON)
    served = [s.start for s in segments if s.entries]
    assert (served[0] if served else None) == first_open(window, when)
    for segment in segments:
        inside = bool(segment.entries)
        for moment in (segment.start, *quarters_within(segment.start, segment.end), segment.end - SECOND):
            assert reference(window, moment) == inside, f"{moment} disagrees with {segment}"


def quarters_within(start: datetime, end: datetime) -> list[datetime]:
    moment = datetime.combine(start.date(), datetime.min.time())
    moment += QUARTER * ((start - moment) // QUARTER + 1)
    return [moment + QUARTER * n for n in range(max(0, (end - moment) // QUARTER))]
