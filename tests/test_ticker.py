"""The ticker band: pre-rendered once, moved the same step each frame, counted on a fake clock."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from kiosk.core.content import Loaded
from kiosk.core.layout import TickerItem, band_height
from kiosk.screen.style import style_for
from kiosk.screen.ticker import TickerBand, pace_for

ITEMS = [TickerItem("Data Reporting Webinars for School Year 2022-23"),
         TickerItem("2023 Annual Directors' Meeting", "Mar 1 – 2, 2023")]

FULL_HD = QSize(1920, 1080)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def band(qtbot, seed: Loaded, clock: FakeClock, size: QSize = FULL_HD, items=ITEMS) -> TickerBand:
    style = style_for(seed.content.settings, size, seed.folder)
    ticker = TickerBand(style, now=clock)
    qtbot.addWidget(ticker)
    ticker.resize(size.width(), band_height(size.width(), size.height()))
    ticker.set_items(items, style, 90)
    return ticker


def picture(ticker: TickerBand) -> QImage:
    return ticker.grab().toImage()


def test_a_step_of_a_pixel_and_a_half_is_kept_exact_with_two_phases():
    assert pace_for(90, 60) == pace_for(90, 60.0)
    assert (pace_for(90, 60).step, pace_for(90, 60).phases) == (1.5, 2)
    assert (pace_for(180, 60).step, pace_for(180, 60).phases) == (3.0, 1)  # 4K: whole pixels, one phase
    assert pace_for(90, 0).period == 1 / 60  # a screen that reports no rate


def test_each_frame_moves_the_strip_left_by_the_same_step(qtbot, kiosk_app, seed):
    clock = FakeClock()
    ticker = band(qtbot, seed, clock)
    before = picture(ticker)
    for _ in range(4):  # four frames at 60 Hz, 1.5 px each: six pixels
        clock.now += 1 / 60
        ticker.tick()
    assert ticker.offset() == 6.0
    after = picture(ticker)
    row = before.height() // 2
    shifted = [after.pixel(x, row) == before.pixel(x + 6, row) for x in range(200, 1800)]
    assert all(shifted)
    assert before != after


def test_a_late_timer_skips_to_the_frame_the_clock_says_and_counts_the_drop(qtbot, kiosk_app, seed):
    clock = FakeClock()
    ticker = band(qtbot, seed, clock)
    ticker.grab()
    clock.now += 3 / 60  # the machine was busy for three frames
    ticker.tick()
    ticker.grab()
    assert ticker.offset() == 4.5
    assert ticker.dropped == 2 and ticker.frames == 2


def test_the_same_items_again_keep_scrolling_and_new_ones_start_over(qtbot, kiosk_app, seed):
    clock = FakeClock()
    ticker = band(qtbot, seed, clock)
    clock.now += 1
    ticker.tick()
    moved = ticker.offset()
    style = style_for(seed.content.settings, QSize(1920, 1080), seed.folder)
    ticker.set_items(list(ITEMS), style, 90)  # a reload that left the ticker as it was
    assert ticker.offset() == moved > 0
    ticker.set_items([*ITEMS, TickerItem("A new item")], style, 90)
    assert ticker.offset() == 0


def test_the_strip_loops_without_a_seam(qtbot, kiosk_app, seed):
    clock = FakeClock()
    ticker = band(qtbot, seed, clock, items=[TickerItem("Short")])  # one item, far narrower than the band
    ticker.grab()
    tiles = ticker._tiles
    assert tiles is not None
    start = picture(ticker)
    frames = 2 * tiles.cycle  # 1.5 px a frame: three whole cycles later it looks as it started
    clock.now += frames / 60
    ticker.tick()
    assert picture(ticker) == start


def test_the_band_uses_the_theme_band_colour_and_readable_text(qtbot, kiosk_app, seed):
    clock = FakeClock()
    ticker = band(qtbot, seed, clock)
    image = picture(ticker)
    style = style_for(seed.content.settings, QSize(1920, 1080), seed.folder)
    assert image.pixelColor(2, 2) == QColor(style.palette.band)
    text_rows = [y for y in range(image.height())
                 if any(image.pixelColor(x, y) == QColor("#ffffff") for x in range(0, 900, 2))]
    assert max(text_rows) - min(text_rows) >= 0.4 * image.height()  # letters take a good part of the band


def test_a_long_item_is_cut_with_an_ellipsis_instead_of_outgrowing_a_pixmap(qtbot, kiosk_app, seed):
    clock = FakeClock()
    ticker = band(qtbot, seed, clock, items=[TickerItem("word " * 4000)])
    ticker.grab()
    assert ticker._tiles is not None and ticker._tiles.cycle < 4 * 1920


def test_on_screen_the_band_paints_frames_on_its_own_and_stops_when_hidden(qtbot, kiosk_app, seed):
    style = style_for(seed.content.settings, QSize(1280, 720), seed.folder)
    ticker = TickerBand(style)
    qtbot.addWidget(ticker)
    ticker.resize(1280, band_height(1280, 720))
    ticker.set_items(ITEMS, style, 90)
    ticker.show()
    qtbot.waitUntil(lambda: ticker.frames >= 5, timeout=5000)
    assert ticker.offset() > 0
    ticker.hide()
    assert not ticker._timer.isActive()


def test_covered_whole_the_band_only_looks_now_and_then(qtbot, kiosk_app, seed):
    from PySide6.QtWidgets import QWidget

    from kiosk.screen.slide import paint_background
    from kiosk.screen.ticker import COVERED_POLL_MS

    screen = QWidget()
    qtbot.addWidget(screen)
    screen.resize(1280, 720)
    style = style_for(seed.content.settings, QSize(1280, 720), seed.folder)
    ticker = TickerBand(style, screen)
    ticker.setGeometry(0, 600, 1280, band_height(1280, 720))
    ticker.set_items(ITEMS, style, 90)
    black = QWidget(screen)  # as the sleeping screen's black cover is
    paint_background(black, QColor("#000000"))
    black.setGeometry(screen.rect())
    screen.show()
    qtbot.waitExposed(screen)
    ticker.tick()
    assert ticker._timer.interval() == COVERED_POLL_MS
    black.hide()
    ticker.tick()
    assert ticker._timer.interval() < 20
