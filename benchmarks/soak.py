"""Soak, in-process: RSS and live QObject growth over thousands of rotations and reloads.

Run as ``python -m benchmarks.soak --rotations N --reloads M``; prints one JSON line.
Durations don't matter here: the soak calls Player.next() back to back, with a live reload
(Player.update_content) every so often, through the soak harness the soak test also uses
(harness/soak.py).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from harness.contentfiles import SEED

MB = 2**20
SAMPLE_EVERY = 250  # changes between RSS samples


def trend_mb(samples: list[float], every: int, span: int) -> float:
    """Least-squares slope of the RSS samples, as MB per ``span`` changes: a leak climbs
    steadily, while the allocator keeping one freed pixmap is a single step."""
    if len(samples) < 2:
        return 0.0
    xs = [i * every for i in range(len(samples))]
    mean_x, mean_y = sum(xs) / len(xs), sum(samples) / len(samples)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, samples)) / sum((x - mean_x) ** 2 for x in xs)
    return slope * span


def soak(rotations: int, reloads: int, size: tuple[int, int], warmup: int) -> dict:
    from PySide6.QtCore import QSize

    from harness.soak import Soak, versions
    from kiosk.app import make_app
    from kiosk.playback.player import Player

    make_app()
    with tempfile.TemporaryDirectory() as folder:
        player = Player()
        player.resize(QSize(*size))
        player.show()
        reload_every = max(1, rotations // max(1, reloads)) if reloads else 0
        run = Soak(player, versions(SEED.read_text(encoding="utf-8"), Path(folder)), player.next, reload_every,
                   sample_every=SAMPLE_EVERY)
        loaded = run.load(0)
        player.set_content(loaded)
        first_id = loaded.content.panels[0].id
        run.run(warmup)
        before = run.census(first_id)
        run.reset_counts()
        started = time.monotonic()
        run.run(rotations)
        elapsed = time.monotonic() - started
        after = run.census(first_id)
        player.close()
        player.deleteLater()
    return {"rotations": run.turns, "reloads": run.reloads, "seconds": elapsed,
            "rss_before_mb": before.rss / MB, "rss_growth_mb": (after.rss - before.rss) / MB,
            "rss_trend_mb_per_5000": trend_mb(run.trace_mb, SAMPLE_EVERY, 5000),
            "qobjects_before": before.qobject_total, "qobject_growth": after.qobject_total - before.qobject_total,
            f"rss_every_{SAMPLE_EVERY}_mb": run.trace_mb}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rotations", type=int, default=5000)
    parser.add_argument("--reloads", type=int, default=500)
    # The allocator keeps one more screen-sized pixmap after the first few hundred changes
    # (a one-time step, flat afterwards), so the baseline is taken well after that.
    parser.add_argument("--warmup", type=int, default=1000)
    parser.add_argument("--size", default="1920x1080")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    size = tuple(int(part) for part in args.size.split("x"))
    print(json.dumps(soak(args.rotations, args.reloads, size, args.warmup)))


if __name__ == "__main__":
    main()
