"""Windows opening and closing while the kiosk runs, on a clock the test moves by hand; dated items."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

from kiosk.core.content import load_content
from kiosk.playback.player import Player
from kiosk.playback.timers import RECHECK_SECONDS
from kiosk.screen.fallback import FALLBACK_ID
from tests.helpers.clock import FakeClock
from tests.helpers.screen import distinct_colors, shown_texts

SCALE = 0.01  # 12 s panels last 120 ms; the schedule is looked at again within 600 ms


def yaml_for(panels: str, transition: str = "none", fallback: str = "") -> str:
    extra = f"\n  fallback: {fallback}" if fallback else ""
    return f"settings:\n  title: Front Office\n  transition: {transition}{extra}\npanels:\n{panels}"


ALWAYS = "  - {id: always, kind: text, title: Always, body: Here}\n"
MORNING = "  - {id: morning, kind: text, title: Morning, body: Coffee, show: {hours: \"09:00-10:00\"}}\n"
CLOSED = "  - {id: closed, kind: text, title: We are closed, body: Back at nine, enabled: false}\n"


@pytest.fixture
def kiosk(make_player, write_content):
    """Start a windowed kiosk on ``yaml`` with the clock at ``now``; returns (player, clock)."""
    def start(yaml: str, now: datetime) -> tuple[Player, FakeClock]:
        clock = FakeClock(now)
        player = make_player(load_content(write_content(yaml)), time_scale=SCALE, clock=clock, window=True)
        return player, clock
    return start


def record(player: Player) -> list[str]:
    seen: list[str] = []
    player.shown.connect(lambda shown: seen.append(shown.id))
    return seen


def test_a_window_that_opens_joins_the_rotation(qtbot, kiosk):
    player, clock = kiosk(yaml_for(ALWAYS + MORNING), datetime(2026, 12, 1, 8, 59, 50))
    seen = record(player)
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=5000)
    assert set(seen) == {"always"}  # before nine, the morning panel waits
    clock.now = datetime(2026, 12, 1, 9, 0)
    qtbot.waitUntil(lambda: "morning" in seen, timeout=5000)
    joined = seen.index("morning")
    qtbot.waitUntil(lambda: len(seen) >= joined + 4, timeout=5000)
    assert seen[joined:joined + 4] == ["morning", "always", "morning", "always"]
    clock.now = datetime(2026, 12, 1, 10, 0)  # and at ten it leaves again
    left = len(seen)
    qtbot.waitUntil(lambda: len(seen) >= left + 4, timeout=5000)
    assert set(seen[left + 1:]) == {"always"}


def test_nothing_scheduled_shows_the_title_and_a_clock_then_the_panel(qtbot, kiosk):
    player, clock = kiosk(yaml_for(MORNING, transition="fade"), datetime(2026, 12, 1, 8, 59))
    assert player.current_id == FALLBACK_ID
    assert {"Front Office", "08:59"} <= set(shown_texts(player.slide))
    assert player.timers.interval_ms == -1  # no rotation to run, only the schedule to watch
    seen = record(player)
    clock.now = datetime(2026, 12, 1, 9, 0)
    # No panel change triggers this: the player's own look at the schedule does.
    frames = []

    def arrived() -> bool:  # polled every few milliseconds: look at each frame on the way
        frames.append(distinct_colors(player.grab().toImage()))
        return "morning" in seen

    qtbot.waitUntil(arrived, timeout=RECHECK_SECONDS * 1000 * SCALE * 3)
    assert seen[0] == "morning"
    assert min(frames) > 5, "a frame went blank during the change"


def test_the_fallback_panel_shows_when_a_window_closes(qtbot, kiosk):
    player, clock = kiosk(yaml_for(MORNING + CLOSED, fallback="closed"), datetime(2026, 12, 1, 9, 59, 30))
    seen = record(player)
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=5000)
    assert set(seen) == {"morning"}  # disabled, the fallback stays out while something plays
    clock.now += timedelta(seconds=30)
    qtbot.waitUntil(lambda: player.current_id == "closed", timeout=5000)
    assert "We are closed" in shown_texts(player.slide)


def test_an_expired_item_leaves_the_panel_on_screen(qtbot, kiosk):
    news = ("  - id: news\n    kind: updates\n    title: News\n    items:\n"
            "      - {title: Webinar today, until: \"2026-12-01T12:00\"}\n"
            "      - {title: Policy letters}\n")
    player, clock = kiosk(yaml_for(news), datetime(2026, 12, 1, 11, 59))
    assert "Webinar today" in shown_texts(player.slide)
    clock.now = datetime(2026, 12, 1, 12, 0)
    qtbot.waitUntil(lambda: "Webinar today" not in shown_texts(player.slide), timeout=5000)
    assert "Policy letters" in shown_texts(player.slide)


def test_the_schedule_is_looked_at_again_when_a_window_next_changes(make_player, write_content):
    clock = FakeClock(datetime(2026, 12, 1, 8, 59, 50))
    # real time: the look comes at nine, ten seconds away
    player = make_player(load_content(write_content(yaml_for(ALWAYS + MORNING))), size=(320, 180),
                         clock=clock, show=False)
    assert 9_000 < player.timers.recheck_ms <= 10_000
    clock.now = datetime(2026, 12, 1, 10, 30)
    player.set_content(player.loaded)
    # No window ahead today until tomorrow's nine: never wait more than a minute (the clock may jump).
    assert 59_000 < player.timers.recheck_ms <= RECHECK_SECONDS * 1000


def test_an_update_date_sits_beside_its_title(make_slide, seed):
    slide = make_slide(seed, "updates", (1920, 1080), finish=False)
    labels = {label.text(): label for label in slide.findChildren(QLabel)}
    title, when = labels["2023 Annual Directors' Meeting"], labels["Mar 1\u2009–\u20092, 2023"]
    title_box, when_box = (QRect(w.mapTo(slide, QPoint(0, 0)), w.size()) for w in (title, when))
    assert when_box.left() > title_box.right()  # beside, not under
    first_line = QFontMetrics(title.font()).height()
    assert title_box.top() <= when_box.center().y() <= title_box.top() + first_line
    card = title.parentWidget()
    assert when_box.right() <= QRect(card.mapTo(slide, QPoint(0, 0)), card.size()).right()


def test_never_expires_written_as_the_last_date_keeps_rotating(qtbot, kiosk):
    news = ("  - id: news\n    kind: updates\n    title: News\n    items:\n"
            "      - {title: Forever, until: 9999-12-31}\n")
    forever = "  - {id: forever, kind: text, title: Forever, body: Here, show: {until: 9999-12-31}}\n"
    player, clock = kiosk(yaml_for(forever + news), datetime(2026, 12, 1, 9, 0))
    seen = record(player)
    qtbot.waitUntil(lambda: len(seen) >= 4, timeout=5000)
    assert set(seen) == {"forever", "news"}
    clock.now = datetime(9999, 12, 31, 23, 59, 59)  # still on, at the very last second
    start = len(seen)
    qtbot.waitUntil(lambda: len(seen) >= start + 2, timeout=5000)
    assert set(seen[start:]) == {"forever", "news"}


def test_an_ended_panel_stays_off_through_the_repeated_hour_in_autumn(qtbot, kiosk, new_york):
    """New York, 2026-11-01: 01:00-02:00 comes twice; the player's clock says so with fold=1."""
    early = '  - {id: early, kind: text, title: Early, body: Soon gone, show: {until: "2026-11-01 01:45"}}\n'
    player, clock = kiosk(yaml_for(ALWAYS + early), datetime(2026, 11, 1, 1, 44, 30))
    seen = record(player)
    qtbot.waitUntil(lambda: "early" in seen, timeout=5000)
    clock.now = datetime(2026, 11, 1, 1, 50)  # over
    gone = len(seen)
    qtbot.waitUntil(lambda: len(seen) >= gone + 3, timeout=5000)
    clock.now = datetime(2026, 11, 1, 1, 10, fold=1)  # the clocks went back: 01:10 again
    back = len(seen)
    qtbot.waitUntil(lambda: len(seen) >= back + 4, timeout=5000)
    assert set(seen[gone + 1:]) == {"always"}


def test_the_spring_night_skips_the_missing_hour_and_opens_what_starts_after_it(qtbot, kiosk, new_york):
    """New York, 2026-03-08: 01:59:59 is followed by 03:00; a 02:00-03:00 window never plays, one from 03:00 does."""
    night = '  - {id: night, kind: text, title: Night, body: Two to three, show: {hours: "02:00-03:00"}}\n'
    dawn = '  - {id: dawn, kind: text, title: Dawn, body: From three, show: {from: "2026-03-08 03:00"}}\n'
    player, clock = kiosk(yaml_for(ALWAYS + night + dawn), datetime(2026, 3, 8, 1, 59, 50))
    seen = record(player)
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=5000)
    assert set(seen) == {"always"}
    clock.now = datetime(2026, 3, 8, 3, 0)  # ten seconds later, an hour on by the wall clock
    jumped = len(seen)
    qtbot.waitUntil(lambda: "dawn" in seen[jumped:], timeout=5000)
    qtbot.waitUntil(lambda: len(seen) >= jumped + 6, timeout=5000)
    assert set(seen[jumped + 1:]) == {"always", "dawn"}


def test_the_schedule_follows_the_clock_jumping_back_and_forward(qtbot, kiosk):
    """NTP correcting a wrong clock: a window closes and opens again as the clock says."""
    player, clock = kiosk(yaml_for(ALWAYS + MORNING), datetime(2026, 12, 1, 9, 30))
    seen = record(player)
    qtbot.waitUntil(lambda: "morning" in seen, timeout=5000)
    clock.now = datetime(2026, 12, 1, 7, 0)  # back two and a half hours: before the window
    start = len(seen)
    qtbot.waitUntil(lambda: len(seen) >= start + 4, timeout=5000)
    assert set(seen[start + 1:]) == {"always"}
    clock.now = datetime(2026, 12, 2, 9, 15)  # forward a day: inside it again
    qtbot.waitUntil(lambda: seen[-1] == "morning", timeout=5000)
