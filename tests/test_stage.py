"""The stage: the main player with the side column and the ticker band, following its content and round."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRect, QSize

from kiosk.core.content import load_content
from kiosk.core.layout import regions
from kiosk.playback.player import Player
from kiosk.playback.stage import Stage
from tests.helpers.clock import FakeClock
from tests.helpers.screen import shown_texts
from tests.test_layout_content import LAYOUT, MONDAY

SCALE = 0.01


SIZE = QSize(1280, 720)


def stage(qtbot, write_content, text=LAYOUT, size=SIZE) -> Stage:
    clock = FakeClock(MONDAY)
    player = Player(time_scale=SCALE, clock=clock)
    shown = Stage(player)
    qtbot.addWidget(shown)
    shown.resize(size)
    shown.show()
    qtbot.waitExposed(shown)
    player.set_content(load_content(write_content(text)))
    return shown


def rect(r) -> QRect:
    return QRect(r.x, r.y, r.width, r.height)


def test_the_regions_hold_the_rotation_the_column_and_the_band(qtbot, kiosk_app, write_content):
    shown = stage(qtbot, write_content)
    expected = regions(1280, 720, band="bottom", column="right", column_percent=30)
    assert shown.player.geometry() == rect(expected.main)
    assert shown.side_player is not None and shown.side_player.geometry() == rect(expected.column)
    assert shown.ticker is not None and shown.ticker.geometry() == rect(expected.band)
    assert shown.player.current_id == "welcome"
    assert shown.side_player.current_id == "clock"
    assert [item.text for item in shown.ticker.items] == ["Grants open", "Old news"]
    # the main slide is built for its area, not the screen: nothing of it lies under the band
    assert shown.player.slide is not None and shown.player.slide.height() == expected.main.height


def test_the_column_and_the_band_follow_the_language_round(qtbot, kiosk_app, write_content):
    shown = stage(qtbot, write_content)
    qtbot.waitUntil(lambda: shown.player.rotation.showing().lang == "es", timeout=5000)
    assert shown.ticker is not None
    qtbot.waitUntil(lambda: shown.ticker.items[0].text == "Becas abiertas", timeout=5000)
    assert shown.side_player is not None and shown.side_player.rotation.showing().lang == "es"


def test_the_side_column_rotates_each_panel_on_its_own_duration(qtbot, kiosk_app, write_content):
    shown = stage(qtbot, write_content)
    assert shown.side_player is not None
    qtbot.waitUntil(lambda: shown.side_player.current_id == "scan", timeout=5000)
    assert "Scan me." in shown_texts(shown.side_player)


def test_a_reload_without_the_layout_gives_the_panels_the_whole_screen(qtbot, kiosk_app, write_content):
    shown = stage(qtbot, write_content)
    plain = LAYOUT.replace("  ticker: {panel: news}\n", "").replace("  side: {panels: [clock, scan], width: 30}\n", "")
    shown.player.update_content(load_content(write_content(plain)))
    assert shown.side_player is None
    assert shown.ticker is not None and shown.ticker.isHidden()
    assert shown.player.geometry() == QRect(0, 0, 1280, 720)


def test_when_every_ticker_item_has_expired_the_band_goes(qtbot, kiosk_app, write_content):
    shown = stage(qtbot, write_content)
    clock = shown.player.clock
    assert isinstance(clock, FakeClock)
    clock.now = datetime(2027, 1, 1, 10, 0)  # both items expired? only one has an until: make both go
    text = LAYOUT.replace("date: 2026-12-01}", "date: 2026-12-01, until: 2026-12-03}")
    shown.player.update_content(load_content(write_content(text)))
    assert shown.ticker is not None and shown.ticker.isHidden()
    expected = regions(1280, 720, column="right", column_percent=30)
    assert shown.player.geometry() == rect(expected.main)
