"""The benchmark suite's own logic: its statistics, verdicts and the browser kiosk's page.

The figures themselves are measured by `make bench`, never asserted here.
"""

from __future__ import annotations

import re

import pytest

from benchmarks.run import table, verdict
from benchmarks.stats import percentile, spread
from benchmarks.webpage import page_html


def test_percentiles_interpolate_like_numpy():
    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert percentile(values, 0.5) == 3.0
    assert percentile(values, 0.95) == pytest.approx(4.8)
    assert percentile(values, 1.0) == 5.0
    assert percentile([7.0], 0.95) == 7.0


def test_a_figure_keeps_min_median_max_and_its_runs():
    figure = spread([3.0, 1.0, 2.0, 10.0])
    assert (figure["min"], figure["median"], figure["max"], figure["n"]) == (1.0, 2.5, 10.0, 4)
    assert figure["runs"] == [3.0, 1.0, 2.0, 10.0]


def test_targets_are_judged_on_the_median_except_the_worst_frame():
    assert verdict("start_ms", spread([400, 450, 900])) == "ok"  # one slow run of three
    assert verdict("start_ms", spread([600, 450, 900])) == "MISSED"
    assert verdict("frame_1080p_max_ms", spread([10, 12, 40])) == "MISSED"  # any frame over 33 ms
    assert verdict("rss_mb", spread([90])) == ""  # no target


def test_the_table_says_which_benchmarks_were_skipped():
    text = table({"start_ms": spread([412.0, 430.0])}, {"browser side by side": "skipped: chromium is not installed"})
    assert "cold start to first paint" in text and "ok" in text
    assert text.splitlines()[-1] == "browser side by side: skipped: chromium is not installed"


def test_the_browser_page_shows_the_same_deck(seed):
    page = page_html(seed)
    for panel in seed.content.panels:
        title = getattr(panel, "title", None) or panel.heading
        assert title.replace("'", "&#x27;") in page
    assert "Juan Oscar Leal" in page and "213569" in page  # the spotlight, the counters' total
    durations = re.search(r"seconds = (\[[^\]]*\])", page).group(1)
    assert durations == "[15.0, 12.0, 15.0, 18.0, 10.0, 10.0]"  # updates: 20 s over two pages
    assert "transition:opacity 700ms ease-in-out" in page


def test_the_browser_page_loads_nothing_from_the_network(seed):
    page = page_html(seed)
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert not re.search(r"url\((?!data:)", page)  # fonts are embedded
