"""Soak: 2,000 accelerated rotations and 200 reloads leave nothing behind.

The real rotation timer drives the player (durations shrunk 10,000-fold, so each
panel waits 1 ms) over a copy of the seed with `transition: none`; every tenth panel
a new version of the content is loaded from disk and handed to the player, as live
reload does. Afterwards the live QObjects and QWidgets, by class, are back at their
baseline and the process grew by less than 20 MB. The soak harness is the benchmark's
(harness/soak.py); the long soak belongs to the benchmark suite.
"""

from __future__ import annotations

from harness.contentfiles import SEED
from harness.soak import Soak, by_timer, versions

ROTATIONS = 2000
RELOAD_EVERY = 10  # 200 reloads
MAX_RSS_GROWTH = 20 * 2**20


def test_two_thousand_rotations_and_two_hundred_reloads_leave_nothing_behind(make_player, tmp_path):
    text = SEED.read_text(encoding="utf-8").replace("transition: fade", "transition: none")
    player = make_player(time_scale=0.0001, show=False)
    soak = Soak(player, versions(text, tmp_path), by_timer(player), RELOAD_EVERY, sample_every=0, settle_every=0)
    first = soak.load(0)
    ids = [panel.id for panel in first.content.panels]

    player.set_content(first)
    soak.run(3 * len(ids))  # warm up: fonts, icons, QR codes and caches fill once
    baseline = soak.census(ids[0])
    soak.reset_counts()

    soak.run(ROTATIONS)
    after = soak.census(ids[0])

    assert soak.reloads == ROTATIONS // RELOAD_EVERY
    assert len(soak.shown) >= ROTATIONS + soak.reloads  # a reload shows the rebuilt slide too
    assert {panel_id for panel_id, *_ in soak.shown} == set(ids)
    assert after.qobjects == baseline.qobjects
    assert after.widgets == baseline.widgets
    growth = after.rss - baseline.rss
    assert growth < MAX_RSS_GROWTH, f"RSS grew {growth / 2**20:.1f} MB"
