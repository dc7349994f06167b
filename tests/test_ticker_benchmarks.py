"""The ticker benchmarks compare like with like: the same lines, speed and band in both programs."""

from __future__ import annotations

from datetime import datetime

from benchmarks.ticker_browser import LINES, SPEED, content_yaml, page_html
from kiosk.core.content import load_content
from kiosk.core.layout import ticker_items


def test_the_kiosk_side_scrolls_the_same_lines_at_the_same_speed(write_content):
    content = load_content(write_content(content_yaml())).content
    assert [item.text for item in ticker_items(content, datetime.now(), "en")] == LINES
    assert content.settings.ticker is not None and content.settings.ticker.speed == SPEED


def test_the_page_moves_its_band_by_a_css_animation_and_loads_nothing():
    page = page_html()
    assert "animation:scroll linear infinite" in page and "translateX(-50%)" in page
    assert all(line.replace("'", "&#x27;") in page for line in LINES)
    assert "http" not in page
