"""settings.power: when the screen is on, in the grammar of `show:`, and what `playlist` and `check` say."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.cli import main
from kiosk.core.content import ContentError, load_content
from kiosk.core.content.model import Power
from kiosk.core.power import next_power_change, scheduled_on, screen_on, wake_end

OFFICE = Power.model_validate({"days": ["mon", "tue", "wed", "thu", "fri"], "hours": "07:30-18:30"})
NIGHT_SHIFT = Power.model_validate({"days": ["fri"], "hours": "22:00-02:00"})
FRIDAY = datetime(2026, 12, 4)

LOBBY = """\
settings:
  title: Lobby
  power: {days: [mon, tue, wed, thu, fri], hours: "07:30-18:30"}
panels:
  - {id: welcome, kind: text, title: Welcome, body: Hello.}
"""


@pytest.mark.parametrize(("when", "on"), [
    (FRIDAY.replace(hour=7, minute=29), False), (FRIDAY.replace(hour=7, minute=30), True),
    (FRIDAY.replace(hour=18, minute=29), True), (FRIDAY.replace(hour=18, minute=30), False),
    (datetime(2026, 12, 5, 12), False),  # Saturday
])
def test_the_screen_is_on_in_office_hours_only(when, on):
    assert scheduled_on(OFFICE, when) is on


def test_a_window_crossing_midnight_belongs_to_the_day_it_starts():
    assert scheduled_on(NIGHT_SHIFT, datetime(2026, 12, 5, 1, 0))  # Saturday 01:00, Friday's night
    assert not scheduled_on(NIGHT_SHIFT, datetime(2026, 12, 5, 2, 0))
    assert not scheduled_on(NIGHT_SHIFT, datetime(2026, 12, 3, 23, 0))  # Thursday night


def test_without_power_the_screen_is_always_on():
    assert scheduled_on(None, datetime(2026, 12, 5, 3)) and next_power_change(None, FRIDAY) is None


def test_next_change_is_the_next_on_or_off_time():
    assert next_power_change(OFFICE, FRIDAY.replace(hour=6)) == FRIDAY.replace(hour=7, minute=30)
    assert next_power_change(OFFICE, FRIDAY.replace(hour=12)) == FRIDAY.replace(hour=18, minute=30)


def test_a_key_wakes_the_screen_for_wake_minutes_and_an_urgent_message_while_it_lasts():
    night = FRIDAY.replace(hour=21)
    until = wake_end(OFFICE, night)
    assert until == night.replace(minute=10)  # the default: 10 minutes
    assert screen_on(OFFICE, night.replace(minute=9), woken_until=until)
    assert not screen_on(OFFICE, night.replace(minute=10), woken_until=until)
    assert screen_on(OFFICE, night, urgent_wake=True)


def test_the_power_schedule_answers_on_the_last_day_there_is():
    """9999-12-31 (a Friday), the last date a clock or a "never expires" reaches: no overflow into year 10000."""
    last = datetime(9999, 12, 31)
    assert next_power_change(OFFICE, last.replace(hour=17)) == last.replace(hour=18, minute=30)
    assert next_power_change(OFFICE, last.replace(hour=20)) is None  # the next morning doesn't exist
    night = last.replace(hour=23, minute=55)
    assert screen_on(OFFICE, night, woken_until=wake_end(OFFICE, night))  # a key still wakes it
    assert wake_end(OFFICE, night) == datetime.max


def test_power_errors_are_located_like_content_errors(write_content):
    path = write_content(LOBBY.replace('"07:30-18:30"}', '"07:30-25:00", wake_minutes: 0, cec: maybe}'))
    with pytest.raises(ContentError) as caught:
        load_content(path)
    lines = [str(problem) for problem in caught.value.problems]
    assert any(line.startswith(f"{path}:3:") and "settings.power.hours" in line and "25:00" in line for line in lines)
    assert any("settings.power.wake_minutes: must be at least 1" in line for line in lines)
    assert any("settings.power.cec" in line for line in lines)


def test_playlist_shows_the_screen_off_periods(write_content, capsys):
    assert main(["playlist", str(write_content(LOBBY)), "--at", "2026-12-04T06:00", "--hours", "60"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "From Fri 2026-12-04 06:00 to Sun 2026-12-06 18:00 (60 h):",
        "  Fri 2026-12-04 06:00 – 07:30                 screen off (settings.power): the screen sleeps, nothing plays",
        "  Fri 2026-12-04 07:30 – 18:30                 welcome",
        "  Fri 2026-12-04 18:30 – Sun 2026-12-06 18:00  screen off (settings.power): the screen sleeps, nothing plays",
    ]


def test_check_warns_when_nothing_plays_while_the_screen_is_on(write_content, capsys):
    evening_only = LOBBY.replace("body: Hello.}", 'body: Hello., show: {hours: "19:00-22:00"}}')
    path = write_content(evening_only)
    assert main(["check", str(path)]) == 0  # a warning, not an error
    err = capsys.readouterr().err
    assert f"{path}:3:10: warning: settings.power: no panel is scheduled while the screen is on" in err
    assert main(["check", str(write_content(LOBBY))]) == 0
    assert "settings.power" not in capsys.readouterr().err


def test_a_render_at_a_screen_off_time_says_so_and_still_renders(write_content, tmp_path, capsys, kiosk_app):
    path = write_content(LOBBY)
    assert main(["render", str(path), "--out", str(tmp_path / "night"), "--at", "2026-12-04T22:00"]) == 0
    captured = capsys.readouterr()
    assert "at 2026-12-04 22:00 the screen is off (settings.power)" in captured.err
    assert captured.out.strip().endswith("01-welcome.png")
    assert main(["render", str(path), "--out", str(tmp_path / "day"), "--at", "2026-12-04T10:00"]) == 0
    assert "screen is off" not in capsys.readouterr().err
