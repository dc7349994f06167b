"""Where a layout's regions sit (kiosk.core.layout): plain arithmetic, no Qt."""

from __future__ import annotations

import pytest

from kiosk.core import theme
from kiosk.core.layout import Rect, band_height, regions, ticker_speed


def test_without_a_band_or_column_the_main_area_is_the_whole_screen():
    assert regions(1920, 1080).main == Rect(0, 0, 1920, 1080)


def test_a_bottom_band_spans_the_width_under_the_main_area():
    found = regions(1920, 1080, band="bottom")
    assert found.band == Rect(0, 1080 - band_height(1920, 1080), 1920, band_height(1920, 1080))
    assert found.main == Rect(0, 0, 1920, found.band.y)


def test_a_top_band_pushes_the_main_area_down():
    found = regions(1920, 1080, band="top")
    assert found.band is not None and found.band.y == 0
    assert found.main.y == found.band.height and found.main.height == 1080 - found.band.height


def test_the_band_is_a_share_of_the_screen_and_taller_on_a_portrait_screen():
    assert band_height(1920, 1080) == round(1080 * theme.TICKER_BAND)
    assert band_height(3840, 2160) == 2 * band_height(1920, 1080)
    assert band_height(1080, 1920) > band_height(1920, 1080)


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_column_sits_beside_the_main_area_above_the_band(side):
    found = regions(1920, 1080, band="bottom", column=side, column_percent=30)
    column, main, band = found.column, found.main, found.band
    assert column is not None and band is not None
    assert column.width == 576 and main.width == 1920 - 576
    assert column.height == main.height == band.y
    assert (column.x == main.width) if side == "right" else (main.x == column.width)
    covered = column.width * column.height + main.width * main.height + band.width * band.height
    assert covered == 1920 * 1080  # the regions tile the screen: nothing overlaps, nothing is left bare


def test_speed_is_given_at_1080p_and_scaled_with_the_screen():
    assert ticker_speed(90, 1080) == 90
    assert ticker_speed(90, 2160) == 180
