"""The benchmark suite's own logic: its statistics, verdicts and the browser kiosk's page.

The figures themselves are measured by `make bench`, never asserted here.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from benchmarks.run import markdown, table, verdict
from benchmarks.stats import percentile, spread
from benchmarks.webpage import page_html
from harness.contentfiles import ROOT


def test_percentiles_interpolate_like_numpy():
    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert percentile(values, 0.5) == 3.0
    assert percentile(values, 0.95) == pytest.approx(4.8)
    assert percentile(values, 1.0) == 5.0
    assert percentile(values, 0.0) == 1.0
    assert percentile([1.0, 2.0], 0.25) == 1.25


def test_a_percentile_of_one_value_is_that_value():
    """statistics.quantiles refuses a single value before Python 3.13; a one-run figure still has one."""
    assert percentile([7.0], 0.95) == 7.0
    assert percentile([7], 0.5) == 7.0
    with pytest.raises(ValueError, match="no values"):
        percentile([], 0.5)


@pytest.mark.parametrize("share", [0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999])
def test_percentiles_are_numpys_linear_interpolation_at_any_share(share):
    values = [float((7 * n) % 23) for n in range(40)]  # 40 values in no order, with repeats
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    expected = ordered[low] + (ordered[min(low + 1, 39)] - ordered[low]) * (position - low)
    assert percentile(values, share) == pytest.approx(expected)


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


def test_the_readme_table_names_the_machine_and_each_target():
    results = {"when": "2026-11-28T09:00:00+00:00", "mode": "full", "note": "2-core VM, Xvfb.",
               "machine": {"cpu": "Intel Xeon", "cores": 2, "memory_gb": 24.0, "python": "3.11.7", "qt": "6.11.3",
                           "chromium": None},
               "load_average_before": [0.5, 0.4, 0.3], "load_average_after": [0.9, 0.5, 0.3],
               "figures": {"start_ms": {**spread([300.0, 320.0]), "target": "<= 500", "verdict": "ok"},
                           "idle_cpu_pct": {**spread([0.7]), "target": "<= 0.5", "verdict": "MISSED"}},
               "notes": {"browser side by side": "skipped: chromium is not installed (apt-get install chromium)"}}
    text = markdown(results)
    assert text.startswith("Latest full run: 2026-11-28, Intel Xeon, 2 cores")
    assert "| cold start to first paint | <= 500 ms | 300 | 310 ms | 320 | 2 | ok |" in text
    assert "| <= 0.5 % core | 0.70 | 0.70 % core | 0.70 | 1 | **MISSED** |" in text
    assert text.endswith("browser side by side: skipped: chromium is not installed (apt-get install chromium)")


def test_the_week_soak_reads_what_the_x_server_says_the_kiosk_holds(monkeypatch):
    """xrestop's batch output, where Xvfb can't name the PID: the kiosk is the client with the most bytes."""
    import subprocess

    from benchmarks import week

    out = ("0 - <unknown> ( PID:  ?   ):\n\twindows       : 1\n\ttotal bytes   : ~2936\n"
           "1 - Lobby ( PID:  ?   ):\n\twindows       : 3\n\tpixmaps       : 3\n\ttotal bytes   : ~3688880\n"
           "2 - xrestop ( PID:  ?   ):\n\twindows       : 1\n\ttotal bytes   : ~100\n")
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=out))
    assert week.x_resources(":1", 4242) == {"windows": 3, "pixmaps": 3, "total bytes": 3688880}


def test_the_week_soak_content_opens_a_window_after_each_save_and_fades_one_version_in_forty():
    from datetime import datetime
    from pathlib import Path

    from benchmarks.week import WEEK, content_version, fades
    from kiosk.core.content.loader import load_bytes

    saved = datetime(2026, 12, 1, 9, 0, 0, 400_000)
    for number, fade in ((21, "fade"), (22, "none")):
        content = load_bytes(content_version(number, saved), Path("content.yaml")).content
        assert content.settings.transition == fade and content.settings.title.endswith(f"v{number}")
        window = content.panels[-1].show
        assert (window.from_, window.until) == (datetime(2026, 12, 1, 9, 0, 1), datetime(2026, 12, 1, 9, 0, 2))
    versions = range(WEEK // 100 + 1)
    assert sum(fades(number, 40) for number in versions) == 13  # 1,300 fades in the week
    assert not any(fades(number, 40) for number in versions if number % 10 in (9, 0))  # never where a census falls


def test_the_week_soak_fades_every_version_for_one_and_every_other_for_two():
    from benchmarks.week import fades

    # a census every tenth version: it and the one before never fade (the next may reach the screen late)
    assert [number for number in range(1, 13) if fades(number, 1)] == [1, 2, 3, 4, 5, 6, 7, 8, 11, 12]
    assert [number for number in range(1, 13) if fades(number, 2)] == [2, 4, 6, 8, 12]
    assert [number for number in range(25) if fades(number, 3)] == [2, 5, 8, 11, 14, 17, 23]
    assert [number for number in range(1, 11) if fades(number, 10, census_versions=5)] == [6]  # make bench QUICK=1
    assert not fades(0, 1) and not any(fades(number, 0) for number in range(25))


def week_samples(**series: list[float]) -> list[dict[str, float]]:
    """Week-soak samples every 1,000 changes: the given series, every other figure 1."""
    from benchmarks.week import GROWTH_KEYS

    count = len(next(iter(series.values())))
    flat = dict.fromkeys((*GROWTH_KEYS, "pool_threads"), 1)
    return [{"changes": 1000 * (i + 1), **flat, **{key: values[i] for key, values in series.items()}}
            for i in range(count)]


def test_the_week_soak_counts_threads_and_descriptors_outside_qts_pool_so_a_leak_still_shows():
    from benchmarks.week import summary

    pool = [0, 2, 0, 2, 2, 0, 2]  # Qt's workers, up after a fade, gone 30 s later
    come_and_go = summary(week_samples(pool_threads=pool, threads_outside_pool=[3] * 7,
                                       fds_outside_pool=[10] * 7), 7, 1.0, [])
    assert (come_and_go["growth"]["threads_outside_pool"], come_and_go["growth"]["fds_outside_pool"]) == (0, 0)
    assert come_and_go["pool_threads_max"] == 2
    leak = summary(week_samples(pool_threads=pool, threads_outside_pool=[3, 3, 4, 5, 6, 7, 8],
                                fds_outside_pool=[10, 10, 10, 11, 11, 11, 12]), 7, 1.0, [])["growth"]
    assert (leak["threads_outside_pool"], leak["fds_outside_pool"]) == (5, 2)


def test_the_week_soak_tells_qts_pool_workers_from_other_threads(monkeypatch):
    from benchmarks import week

    class Process:
        pid = 4242

        def num_fds(self) -> int:
            return 13

    names = ["python", "QXcbEventQueue", "QDBusConnection", "Thread (pooled)", "Thread (pooled)", "kiosk-decode"]
    monkeypatch.setattr(week, "thread_names", lambda pid: names)
    assert week.threads_and_fds(Process()) == {"fds": 13, "threads": 6, "pool_threads": 2,
                                               "fds_outside_pool": 11, "threads_outside_pool": 4}


def test_the_week_soak_splits_resident_memory_into_heap_pages_and_library_pages():
    """A leak grows the anonymous pages; a code path run the first time pages in library code."""
    import os

    import psutil

    from benchmarks.week import resident_kinds

    before = resident_kinds(os.getpid())
    held = bytearray(64 * 2**20)  # touched: 64 MB of anonymous pages
    after = resident_kinds(os.getpid())
    assert after["rss_anon_mb"] - before["rss_anon_mb"] >= 60
    assert abs(after["rss_file_mb"] - before["rss_file_mb"]) < 8
    rss = psutil.Process().memory_info().rss / 2**20
    assert after["rss_anon_mb"] + after["rss_file_mb"] <= rss + 1
    del held


def test_the_week_soak_saves_each_stretch_its_version_and_counts_those_it_missed(tmp_path):
    from benchmarks.week import Saver

    saver = Saver(tmp_path / "content.yaml", every=100, fade_every=40, census_versions=10)
    for changes in (0, 49, 50, 60, 149, 150, 460):  # looked late once: 250 and 350 had no save
        saver.look(changes)
    assert (saver.number, saver.skipped) == (5, 2)
    assert [(number, changes) for number, changes in saver.saved.values()] == [(0, 0), (1, 50), (2, 150), (5, 460)]
    assert "v5" in (tmp_path / "content.yaml").read_text(encoding="utf-8")


def test_the_week_soak_finds_where_each_version_first_showed_in_a_growing_play_log(tmp_path):
    from benchmarks.week import PlayLog

    path = tmp_path / "play.jsonl"
    log = PlayLog(path)
    assert log.count() == 0  # not written yet
    line = '{{"start": "2026-12-04T12:00:00+00:00", "panel": "{panel}", "seconds": 0.1, "content": "{digest}"}}\n'
    path.write_text(line.format(panel="impact", digest="aaa") + line.format(panel="window-1", digest="aaa")
                    + line.format(panel="updates", digest="bbb")[:30], encoding="utf-8")  # the last still being written
    assert log.count() == 2 and "bbb" not in log.first_shown
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line.format(panel="updates", digest="bbb")[30:] + line.format(panel="impact", digest="bbb"))
    assert log.count() == 4
    assert (log.first_shown, log.windows) == ({"aaa": 0, "bbb": 2}, 1)


def test_steady_state_waits_for_every_panel_to_end_two_showings():
    """Play-log lines are written as a panel leaves; pages of one panel are one showing."""
    from benchmarks.steady import is_steady, play_log_showings

    lines = ['{"start": "2026-12-04T12:00:00+00:00", "panel": "impact", "seconds": 0.9, "content": "ab"}',
             '{"start": "2026-12-04T12:00:01+00:00", "panel": "updates", "seconds": 1.2, "content": "ab"}',
             '{"start": "2026-12-04T12:00:02+00:00", "screen": "off", "seconds": 5.0}',
             '{"start": "2026-12-04T12:00:07+00:00", "panel": "impact", "seconds": 0.9, "content": "ab"}',
             '{"start": "2026-12-04T12:00:08+00:00", "panel": "upd']  # being written as it is read
    showings = play_log_showings(lines)
    assert showings == {"impact": 2, "updates": 1}
    assert not is_steady(showings, {"impact", "updates"})  # updates has shown once
    assert is_steady(showings, {"impact", "updates"}, times=1)
    assert is_steady(showings, {"impact"})
    assert not is_steady(showings, {"impact", "goal"}, times=1)  # a panel never shown
    assert not is_steady(showings, set())  # nothing to wait for is not a steady state


def test_the_seed_panels_in_play_are_its_five_panels():
    from benchmarks.steady import panels_in_play
    from harness.contentfiles import SEED

    assert panels_in_play(SEED) == {"impact", "goal", "student-of-the-year", "pass", "updates"}


def test_changes_are_counted_from_the_trace_lines():
    from benchmarks.steady import changes_logged

    log = ("kiosk: INFO: change at monotonic=10.000000\nkiosk: INFO: first frame at monotonic=10.040000\n"
           "kiosk: INFO: content ab painted at monotonic=10.1\nkiosk: INFO: change at monotonic=12.000000\n")
    assert changes_logged(log) == 2


TRACE_LOG = """kiosk: INFO: content 0123abcd painted at monotonic=99.000000
kiosk: INFO: change at monotonic=100.000000
kiosk: INFO: change at monotonic=101.000000
kiosk: INFO: first frame at monotonic=101.040000
kiosk: WARNING: something unrelated
kiosk: INFO: change at monotonic=103.000000
kiosk: INFO: first frame at monotonic=103.250000
kiosk: INFO: change at monotonic=105.000000"""


def test_a_timed_change_is_paired_with_the_first_frame_that_follows_it():
    """The start's change and a cut have no frame of their own: they are not paired with the next one's."""
    from benchmarks.latency import timer_latencies_ms, trace_events

    events = trace_events(TRACE_LOG.splitlines())
    assert events[0] == ("change", 100.0) and len(events) == 6
    assert timer_latencies_ms(events) == pytest.approx([40.0, 250.0])


def test_a_key_press_is_timed_to_the_first_frame_of_the_change_it_caused():
    from benchmarks.latency import key_latencies_ms, trace_events

    events = trace_events(TRACE_LOG.splitlines())
    # pressed 2 ms before the change at 101; 1 ms before 103; the last press's change shows no fade
    latencies = key_latencies_ms(events, [100.998, 102.999, 104.990])
    assert latencies == pytest.approx([42.0, 251.0])
    assert key_latencies_ms(events, [103.5]) == []  # no change after the press


def test_the_side_by_side_measures_whole_rotations_of_at_least_the_window(seed):
    from benchmarks.browser import measuring_window
    from benchmarks.webpage import rotation_seconds

    seconds = rotation_seconds(seed)
    assert seconds == pytest.approx([15.7, 12.7, 15.7, 18.7, 10.7, 10.7])  # durations + the 700 ms fade
    assert measuring_window(sum(seconds), 30) == pytest.approx(84.2)  # one rotation is already longer
    assert measuring_window(19.2, 30) == pytest.approx(38.4)  # every panel 3 s: two rotations


def test_the_browser_page_logs_each_slide_that_leaves_and_holds_it_after_its_fade(seed):
    page = page_html(seed)
    assert "console.log('kiosk-bench left ' + index)" in page
    assert "seconds[index] * 1000 + 700" in page


def test_the_browser_page_cuts_when_the_content_does(seed):
    import dataclasses

    settings = seed.content.settings.model_copy(update={"transition": "none"})
    cut = dataclasses.replace(seed, content=seed.content.model_copy(update={"settings": settings}))
    page = page_html(cut)
    assert "transition:none" in page and "seconds[index] * 1000 + 0" in page


def test_chromium_console_lines_name_the_slide_that_left():
    from benchmarks.browser import slide_that_left

    line = ('[13651:13651:1204/122740.511420:INFO:CONSOLE:1] "kiosk-bench left 4", '
            'source: file:///tmp/kiosk-bench-page-x/deck.html (1)')
    assert slide_that_left(line) == "4"
    assert slide_that_left('[1:1:1204/1.0:INFO:CONSOLE:1] "something else 4", source: x (1)') is None


def test_a_capped_plan_repeats_each_benchmark_at_most_n_times_at_full_length():
    from benchmarks.suite import Plan

    full = Plan(quick=False)
    capped = full.at_most(1)
    assert (capped.browser_runs, capped.start_runs, capped.steady_4k_runs) == (1, 1, 1)
    assert (capped.week_changes, capped.presses, capped.browser_window_s) == \
        (full.week_changes, full.presses, full.browser_window_s)


def test_the_week_soak_tells_a_heap_that_fragments_up_to_a_plateau_from_a_leak():
    """RSS that grows early and then holds, with the heap's bytes in use flat, is glibc's free holes
    reaching their high-water mark; RSS that keeps growing with what is in use is a leak."""
    from benchmarks.week import summary

    plateau = summary(week_samples(rss_mb=[110, 114, 120, 124, 124, 124, 124], heap_used_mb=[14] * 7), 7, 1.0,
                      [])["growth"]
    assert (plateau["rss_mb"], plateau["rss_second_half_mb"], plateau["heap_used_mb"]) == (14, 0, 0)
    leak = summary(week_samples(rss_mb=[110, 112, 114, 116, 118, 120, 122],
                                heap_used_mb=[14, 16, 18, 20, 22, 24, 26]), 7, 1.0, [])
    assert (leak["growth"]["rss_second_half_mb"], leak["growth"]["heap_used_mb"]) == (6, 12)


def test_the_week_soak_reads_the_census_with_and_without_the_heap():
    from benchmarks.week import CENSUS

    with_heap = CENSUS.search("kiosk: INFO: census: changes=1000 qobjects=240 widgets=125 heap_used_kb=14336 "
                              "heap_free_kb=2048 heap_mapped_kb=1024")
    assert with_heap is not None and with_heap.groups() == ("1000", "240", "125", "14336", "2048", "1024")
    without = CENSUS.search("kiosk: INFO: census: changes=1000 qobjects=240 widgets=125")
    assert without is not None and without.group(4) is None


def test_the_memory_benchmarks_run_where_qt_is_not_loaded():
    """The kiosk's PSS splits Qt's pages with any other process that maps them: the benchmarks that
    measure it run in a child of the runner, and nothing that child imports may load PySide6."""
    from benchmarks.run import MEASURES_PSS

    probe = ("import sys, tempfile, pathlib, benchmarks.run, benchmarks.suite, benchmarks.browser, benchmarks.steady,"
             " benchmarks.ticker_browser;"
             "from benchmarks.webpage import write_page_apart;"
             "page = pathlib.Path(tempfile.mkdtemp()) / 'deck.html';"
             "print(len(write_page_apart(pathlib.Path('content.yaml'), page)), page.stat().st_size > 0,"
             " 'PySide6' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    slides, written, qt_loaded = done.stdout.split()
    assert int(slides) > 0 and written == "True" and qt_loaded == "False"  # the page drew its icons apart
    assert set(MEASURES_PSS) == {"steady memory", "browser side by side", "ticker"}
