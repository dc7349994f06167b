"""The playlist over a fixed clock: which panels play at a moment, and when that changes. No Qt."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.core.content.model import Content
from kiosk.core.playlist import index_after, next_change, playlist_at, timeline


def text_panel(panel_id: str, **extra: object) -> dict:
    return {"id": panel_id, "kind": "text", "title": panel_id, "body": "b", **extra}


def content(*panels: dict, fallback: str | None = None) -> Content:
    settings: dict = {"title": "Lobby"}
    if fallback:
        settings["fallback"] = fallback
    return Content.model_validate({"settings": settings, "panels": list(panels)})


# 2026-12-04 is a Friday.
WEEK = content(
    text_panel("always"),
    text_panel("office", show={"days": ["mon", "tue", "wed", "thu", "fri"], "hours": "08:00-17:30"}),
    text_panel("friday-night", show={"days": ["fri"], "hours": "22:00-02:00"}),
    text_panel("conference", show={"from": "2026-12-07", "until": "2026-12-10"}),
    text_panel("morning-of", show={"until": "2026-12-09T12:00"}),
    text_panel("switched-off", enabled=False),
    {"id": "news", "kind": "updates", "title": "News", "items": [
        {"title": "Meeting", "date": "2026-12-01 to 2026-12-02", "until": "2026-12-02"},
        {"title": "Webinar", "until": "2026-12-09T12:00"},
    ]},
)


@pytest.mark.parametrize(("when", "expected"), [
    ("2026-12-04 07:59", ["always", "morning-of", "news"]),
    ("2026-12-04 08:00", ["always", "office", "morning-of", "news"]),
    ("2026-12-04 17:29", ["always", "office", "morning-of", "news"]),
    ("2026-12-04 17:30", ["always", "morning-of", "news"]),
    ("2026-12-05 10:00", ["always", "morning-of", "news"]),  # Saturday: no office hours
    ("2026-12-04 21:59", ["always", "morning-of", "news"]),
    ("2026-12-04 22:00", ["always", "friday-night", "morning-of", "news"]),
    ("2026-12-05 01:59", ["always", "friday-night", "morning-of", "news"]),  # Friday's night, after midnight
    ("2026-12-05 02:00", ["always", "morning-of", "news"]),
    ("2026-12-03 23:00", ["always", "morning-of", "news"]),  # Thursday night is not Friday's
    ("2026-12-06 23:59", ["always", "morning-of", "news"]),
    ("2026-12-07 00:00", ["always", "conference", "morning-of", "news"]),  # `from` a date: midnight
    ("2026-12-09 11:59", ["always", "office", "conference", "morning-of", "news"]),
    ("2026-12-09 12:00", ["always", "office", "conference"]),  # `until` a time; every item expired
    ("2026-12-10 23:59", ["always", "conference"]),  # `until` a date: through its end
    ("2026-12-11 00:00", ["always"]),
])
def test_panels_play_inside_their_windows_in_file_order(when, expected):
    assert [entry.id for entry in playlist_at(WEEK, datetime.fromisoformat(when))] == expected


@pytest.mark.parametrize(("when", "titles"), [
    ("2026-12-02 23:59", ["Meeting", "Webinar"]),
    ("2026-12-03 00:00", ["Webinar"]),
    ("2026-12-09 11:59", ["Webinar"]),
])
def test_expired_update_items_leave_the_panel(when, titles):
    (news,) = [e for e in playlist_at(WEEK, datetime.fromisoformat(when)) if e.id == "news"]
    assert [item.title for item in news.panel.items] == titles
    assert news.seconds == WEEK.settings.duration


def test_hours_without_days_cross_midnight_every_day():
    night = content(text_panel("night", show={"hours": "22:00-06:00"}))
    playing = {when: bool(playlist_at(night, datetime.fromisoformat(when)))
               for when in ("2026-12-01 05:59", "2026-12-01 06:00", "2026-12-01 21:59", "2026-12-01 22:00")}
    assert playing == {"2026-12-01 05:59": True, "2026-12-01 06:00": False,
                       "2026-12-01 21:59": False, "2026-12-01 22:00": True}


def test_several_ranges_of_hours():
    split = content(text_panel("desk", show={"hours": "08:00-12:00, 13:00-17:00"}))
    ids = [bool(playlist_at(split, datetime(2026, 12, 1, hour, 30))) for hour in (7, 8, 11, 12, 13, 16, 17)]
    assert ids == [False, True, True, False, True, True, False]


@pytest.mark.parametrize(("fallback", "when", "expected"), [
    ("closed", "2026-12-05 10:00", [("closed", True)]),  # weekend: the fallback, though disabled
    ("closed", "2026-12-04 10:00", [("office", False)]),  # office hours: the fallback stays out
    (None, "2026-12-05 10:00", []),  # no fallback: the player shows the title and a clock
    ("old-news", "2026-12-05 10:00", []),  # a fallback with nothing left to show is no fallback
])
def test_fallback_plays_only_when_nothing_is_scheduled(fallback, when, expected):
    weekdays = content(
        text_panel("office", show={"days": ["mon", "tue", "wed", "thu", "fri"]}),
        text_panel("closed", enabled=False),
        {"id": "old-news", "kind": "updates", "title": "News", "enabled": False,
         "items": [{"title": "Gone", "until": "2026-11-01"}]},
        fallback=fallback,
    )
    entries = playlist_at(weekdays, datetime.fromisoformat(when))
    assert [(entry.id, entry.fallback) for entry in entries] == expected


@pytest.mark.parametrize(("when", "change"), [
    ("2026-12-04 07:00", "2026-12-04 08:00"),  # office opens
    ("2026-12-04 08:00", "2026-12-04 17:30"),
    ("2026-12-04 17:30", "2026-12-04 22:00"),  # Friday night starts
    ("2026-12-04 22:00", "2026-12-05 00:00"),  # a new day may change `days` (here it changes nothing)
    ("2026-12-05 00:00", "2026-12-05 02:00"),
    ("2026-12-09 11:00", "2026-12-09 12:00"),  # `until` a time, and an item expiring
    ("2026-12-10 22:30", "2026-12-11 00:00"),  # the conference ends with its last day
])
def test_next_change_is_the_next_boundary(when, change):
    assert next_change(WEEK, datetime.fromisoformat(when)) == datetime.fromisoformat(change)


def test_no_change_ahead_without_schedules(seed):
    assert next_change(seed.content, datetime(2026, 12, 1, 9)) is None


def test_timeline_merges_boundaries_that_change_nothing():
    office = content(text_panel("always"),
                     text_panel("office", show={"days": ["mon", "tue", "wed", "thu", "fri"], "hours": "08:00-17:30"}))
    segments = timeline(office, datetime(2026, 12, 4, 12), datetime(2026, 12, 7, 12))
    assert [(s.start.isoformat(" ", "minutes"), [e.id for e in s.entries]) for s in segments] == [
        ("2026-12-04 12:00", ["always", "office"]),
        ("2026-12-04 17:30", ["always"]),  # through the whole weekend, in one piece
        ("2026-12-07 08:00", ["always", "office"]),
    ]
    assert segments[-1].end == datetime(2026, 12, 7, 12)


@pytest.mark.parametrize(("available", "current", "expected"), [
    (["always", "office", "news"], "office", 2),
    (["always", "office", "news"], "news", 0),  # wraps
    (["always", "news"], "office", 1),  # office closed while on screen: what came after it in the file
    (["always", "news"], "friday-night", 1),
    (["always"], "news", 0),
    (["always", "news"], None, 0),
])
def test_rotation_continues_in_file_order_when_a_panel_leaves(available, current, expected):
    entries = [e for e in playlist_at(WEEK, datetime(2026, 12, 9, 9)) if e.id in available]
    assert [e.id for e in entries] == available
    assert index_after(WEEK, entries, current) == expected
