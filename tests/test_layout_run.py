"""A layout in the running kiosk: play log, keys, urgent, power, status, reload and fallback, region by region."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage

from kiosk.core import theme
from kiosk.core.content import load_content
from kiosk.core.layout import regions
from kiosk.playback.player import Player
from kiosk.playback.stage import Stage
from kiosk.run.live.live_reload import LiveContent
from kiosk.run.operation import Operation, RunOptions
from kiosk.run.window.window import KioskWindow
from kiosk.screen.fallback import FallbackSlide
from kiosk.screen.ticker import COVERED_POLL_MS
from tests.helpers.clock import FakeClock
from tests.helpers.lobby import SCALE, FakeDisplay

SIZE = QSize(960, 540)
FRIDAY_NOON = datetime(2026, 12, 4, 12, 0)
BOOTH = """\
settings:
  title: Booth
  transition: none
  languages: [en, es]
  power: {days: [mon, tue, wed, thu, fri], hours: "07:30-18:30"}
  ticker: {items: [Registration is open, {en: Coffee in hall B, es: Café en la sala B}]}
  side: {panels: [clock, scan], width: 30}
panels:
  - {id: welcome, kind: text, title: Welcome, body: Hello., duration: MAIN}
  - {id: second, kind: text, title: Second, body: Two., duration: MAIN}
  - {id: clock, kind: clock, duration: SIDE}
  - {id: scan, kind: text, title: Scan, body: Scan me., duration: SIDE}
"""


def booth(main: float = 3600, side: float = 3600) -> str:
    return BOOTH.replace("MAIN", str(main)).replace("SIDE", str(side))


class Booth:
    """A windowed kiosk with a layout, wired the way run_kiosk wires it, on a clock the test sets."""

    def __init__(self, qtbot, path: Path, **options) -> None:
        self.clock = FakeClock(options.pop("start", FRIDAY_NOON))
        self.player = Player(time_scale=SCALE, clock=self.clock)
        self.stage = Stage(self.player)
        self.window = KioskWindow(self.player, windowed=True, size=SIZE, view=self.stage)
        qtbot.addWidget(self.window)
        self.operation = Operation(self.window, self.player, RunOptions(clock=self.clock, time_scale=SCALE, **options),
                                   self.stage)
        self.operation.power._display = FakeDisplay()
        self.window.present()
        qtbot.waitExposed(self.window)
        self.live = LiveContent(path, self.player, self.window, debounce_ms=20, quiet_ms=100)
        self.live.start(load_content(path))
        self.operation.start_day()
        self.path = path

    @property
    def side(self) -> Player:
        assert self.stage.side_player is not None
        return self.stage.side_player

    def regions(self, **layout):
        size = self.stage.size()
        return regions(size.width(), size.height(), **({"band": "bottom", "column": "right"} | layout))


@pytest.fixture
def make_booth(qtbot, kiosk_app, write_content):
    def make(text: str = booth(), **options) -> Booth:
        return Booth(qtbot, write_content(text), **options)
    return make


def rect(r) -> QRect:
    return QRect(r.x, r.y, r.width, r.height)


def save(path: Path, text: str) -> None:
    temporary = path.with_name(".content.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_side_panels_have_play_log_lines_of_their_own(make_booth, qtbot, tmp_path):
    log = tmp_path / "play.jsonl"
    shown = make_booth(booth(main=3600, side=12), play_log=log)
    qtbot.waitUntil(lambda: log.exists() and sum(line.get("region") == "side" for line in lines_of(log)) >= 3,
                    timeout=5000)
    shown.operation.stop()
    lines = lines_of(log)
    side = [line for line in lines if line.get("region") == "side"]
    main = [line for line in lines if "region" not in line]
    assert [line["panel"] for line in side[:3]] == ["clock", "scan", "clock"]
    assert [line["panel"] for line in main] == ["welcome"]  # the rotation waited: one line, at the stop
    assert {line["content"] for line in lines} == {shown.player.loaded.digest}
    assert all(line["lang"] == "en" for line in side)  # the column plays in the rotation's language


def test_presenter_keys_drive_the_main_rotation_only(make_booth, qtbot):
    shown = make_booth(presentation=True)
    assert (shown.player.current_id, shown.side.current_id) == ("welcome", "clock")
    for key, main in ((Qt.Key.Key_PageDown, "second"), (Qt.Key.Key_End, "second"), (Qt.Key.Key_Home, "welcome"),
                      (Qt.Key.Key_Right, "second")):
        qtbot.keyClick(shown.window, key)
        qtbot.waitUntil(lambda main=main: shown.player.current_id == main, timeout=2000)
        # the column stays on its panel, in the language the rotation is in (End: the last, in Spanish)
        assert shown.side.current_id == "clock"
        assert shown.side.rotation.showing().lang == shown.player.rotation.showing().lang
    assert not shown.side.paused  # presenter mode holds the rotation, not the column
    qtbot.keyClick(shown.window, Qt.Key.Key_B)  # a blank screen covers the column too
    assert shown.stage.covered and shown.side.paused
    qtbot.keyClick(shown.window, Qt.Key.Key_B)
    assert not shown.stage.covered and not shown.side.paused


def test_an_urgent_message_covers_band_and_column_and_gives_them_back(make_booth, qtbot, tmp_path):
    log = tmp_path / "play.jsonl"
    shown = make_booth(urgent=tmp_path / "urgent.yaml", play_log=log)
    urgent = shown.operation.urgent
    assert urgent is not None
    (tmp_path / "urgent.yaml").write_text("title: Building closed\ntext: Use the east entrance.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: urgent.screen is not None, timeout=2000)
    assert urgent.screen.geometry() == shown.window.rect()  # the whole window: band and column under it
    assert shown.stage.covered and shown.side.paused
    ticker = shown.stage.ticker
    assert ticker is not None
    ticker.tick()
    assert ticker._timer.interval() == COVERED_POLL_MS  # covered whole: it paints nothing
    os.remove(tmp_path / "urgent.yaml")
    qtbot.waitUntil(lambda: urgent.showing is None, timeout=2000)
    assert not shown.stage.covered and not shown.side.paused and shown.side.current_id == "clock"
    ticker.tick()
    assert ticker._timer.interval() < COVERED_POLL_MS
    shown.operation.stop()
    side = [line for line in lines_of(log) if line.get("region") == "side"]
    assert [line["panel"] for line in side] == ["clock", "clock"]  # before the message, and after it


def test_the_night_blanks_the_whole_layout_and_the_morning_starts_every_region_afresh(make_booth, qtbot):
    shown = make_booth(booth(side=12))
    qtbot.waitUntil(lambda: shown.side.current_id == "scan", timeout=3000)
    shown.clock.now = datetime(2026, 12, 4, 19, 0)
    power = shown.operation.power
    power.evaluate()
    assert not power.on and power.black.geometry() == shown.window.rect() and power.black.isVisible()
    assert shown.stage.covered and shown.side.paused
    shown.clock.now = datetime(2026, 12, 7, 7, 30)  # Monday's on-time
    power.evaluate()
    assert power.on and not shown.stage.covered
    assert shown.side.current_id == "clock"  # the column starts its day at its first panel, as the rotation does


def test_the_status_screenshot_shows_the_layout(make_booth, qtbot, tmp_path):
    folder = tmp_path / "status"
    shown = make_booth(status_dir=folder)
    qtbot.waitUntil(lambda: (folder / "screen.png").exists(), timeout=3000)
    image = QImage(str(folder / "screen.png"))
    found = shown.regions()
    palette = theme.palette_for(shown.player.loaded.content.settings.theme)
    assert image.size() == SIZE
    assert image.pixelColor(2, found.band.y + found.band.height // 2) == QColor(palette.band)
    assert image.pixelColor(found.column.x + 3, found.column.y + 3) == QColor(palette.surface)
    assert image.pixelColor(found.main.x + 3, found.main.height - 3) == QColor(palette.background)


@pytest.mark.expect_log("must be at most 45 percent")
def test_a_layout_change_applies_live_and_a_bad_one_keeps_the_last_good_layout(make_booth, qtbot, caplog):
    shown = make_booth()
    assert shown.side.geometry() == rect(shown.regions().column)
    save(shown.path, booth().replace("width: 30", "width: 40, position: left"))
    wider = shown.regions(column="left", column_percent=40)
    qtbot.waitUntil(lambda: shown.side.geometry() == rect(wider.column), timeout=3000)
    assert shown.player.geometry() == rect(wider.main)
    save(shown.path, booth().replace("width: 30", "width: 60"))
    qtbot.waitUntil(lambda: not shown.live.marker.isHidden(), timeout=3000)
    assert f"{shown.path}:7:40: error: settings.side.width: must be at most 45 percent" in caplog.text
    assert "line 7: settings.side.width" in shown.live.marker.text  # the screen's corner says where, too
    assert shown.side.geometry() == rect(wider.column) and shown.player.geometry() == rect(wider.main)
    save(shown.path, booth().replace("  ticker: {items", "  ticker: {position: top, items"))
    top = shown.regions(band="top")
    qtbot.waitUntil(lambda: shown.stage.ticker is not None and shown.stage.ticker.geometry() == rect(top.band),
                    timeout=3000)
    assert shown.player.geometry() == rect(top.main) and shown.live.marker.isHidden()


def test_the_fallback_screen_fills_the_main_area_beside_the_column_and_over_the_band(make_booth, qtbot):
    later = booth().replace("duration: 3600}", "duration: 3600, show: {from: 2027-01-01}}", 2)
    shown = make_booth(later)
    assert isinstance(shown.player.slide, FallbackSlide)
    found = shown.regions()
    assert shown.player.geometry() == rect(found.main) and shown.player.slide.size() == shown.player.size()
    assert shown.side.current_id == "clock"
    assert shown.stage.ticker is not None and shown.stage.ticker.geometry() == rect(found.band)


def test_the_ticker_scrolls_on_through_slide_changes_and_reloads_and_restarts_on_new_items(make_booth, qtbot):
    fading = booth(main=30).replace("transition: none", "transition: fade")  # a crossfade every 0.3 s
    shown = make_booth(fading)
    ticker = shown.stage.ticker
    assert ticker is not None
    qtbot.waitUntil(lambda: ticker.offset() > 0, timeout=3000)
    before = ticker.offset()
    qtbot.waitUntil(shown.player.transition_running, timeout=3000)
    during = ticker.offset()
    assert during >= before
    qtbot.waitUntil(lambda: ticker.offset() > during and shown.player.transition_running(), timeout=1000)
    with qtbot.waitSignal(shown.player.shown, timeout=3000):
        pass  # the crossfade ends: the next panel is on screen
    moved = ticker.offset()
    save(shown.path, fading.replace("body: Two.", "body: Two and edited."))  # the ticker's lines unchanged
    qtbot.waitUntil(lambda: "edited" in str(shown.player.loaded.content.panels[1]), timeout=3000)
    assert ticker.offset() >= moved and shown.stage.ticker is ticker
    save(shown.path, fading.replace("Registration is open", "Registration closes at 5"))
    qtbot.waitUntil(lambda: ticker.items[0].text == "Registration closes at 5", timeout=3000)
    assert ticker.offset() < moved  # from the start again, not from the middle of the old lines
