"""Soak, in-process: RSS and live QObject growth over thousands of rotations and reloads.

Run as ``python -m benchmarks.soak --rotations N --reloads M``; prints one JSON line.
Durations don't matter here: the soak calls Player.next() and Player.update_content() (the
live reload's entry point) directly, which is what the rotation timer and a save do, only
back to back.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import tempfile
import time
from pathlib import Path

import psutil

from benchmarks.contentfiles import SEED, version

MB = 1024 * 1024
SAMPLE_EVERY = 250  # changes between RSS samples


def live_qobjects() -> int:
    """QObjects alive now: every widget, the object trees under them and the application,
    and any QObject a Python reference still holds."""
    import shiboken6
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    roots = [QApplication.instance(), *QApplication.allWidgets()]
    roots += [obj for obj in gc.get_objects() if isinstance(obj, QObject) and shiboken6.isValid(obj)]
    seen = set()
    for root in roots:
        for obj in (root, *root.findChildren(QObject)):
            seen.add(shiboken6.getCppPointer(obj)[0])
    return len(seen)


def settle() -> None:
    """Run pending deletes and events, then collect, so only what is really kept remains."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()


def trend_mb(samples: list[float], every: int, span: int) -> float:
    """Least-squares slope of the RSS samples, as MB per ``span`` changes: a leak climbs
    steadily, while the allocator keeping one freed pixmap is a single step."""
    if len(samples) < 2:
        return 0.0
    xs = [i * every for i in range(len(samples))]
    mean_x, mean_y = sum(xs) / len(xs), sum(samples) / len(samples)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, samples)) / sum((x - mean_x) ** 2 for x in xs)
    return slope * span


def variants(folder: Path) -> list[Path]:
    """Two versions of the seed that differ in the title, so every reload is a new digest."""
    paths, text = [], SEED.read_text(encoding="utf-8")
    for number in (1, 2):
        path = folder / f"content-{number}.yaml"
        path.write_bytes(version(text, number))
        paths.append(path)
    return paths


def soak(rotations: int, reloads: int, size: tuple[int, int], warmup: int) -> dict:
    from PySide6.QtCore import QSize

    from kiosk.app import make_app
    from kiosk.core.content import load_content
    from kiosk.playback.player import Player

    make_app()
    me = psutil.Process()
    with tempfile.TemporaryDirectory() as folder:
        paths = variants(Path(folder))
        player = Player()
        player.resize(QSize(*size))
        player.show()
        player.set_content(load_content(paths[0]))

        trace: list[float] = []
        # What a live reload calls (it rebuilds the slide: each version has a new title).
        reload = getattr(player, "update_content", player.set_content)

        def cycle(turns: int, reload_every: int) -> None:
            for turn in range(turns):
                player.next()
                if reload_every and turn % reload_every == reload_every - 1:
                    reload(load_content(paths[(turn // reload_every) % 2]))
                if turn % 50 == 49:
                    settle()
                if turn % SAMPLE_EVERY == SAMPLE_EVERY - 1:
                    trace.append(round(me.memory_info().rss / MB, 1))

        reload_every = max(1, rotations // max(1, reloads)) if reloads else 0
        cycle(warmup, reload_every)
        settle()
        trace.clear()
        where = (player.current_id, player.page)
        before_rss, before_objects = me.memory_info().rss, live_qobjects()
        started = time.monotonic()
        cycle(rotations, reload_every)
        for _ in range(20):  # compare like with like: the same slide on screen as at the start
            if (player.current_id, player.page) == where:
                break
            player.next()
        settle()
        elapsed = time.monotonic() - started
        after_rss, after_objects = me.memory_info().rss, live_qobjects()
        player.close()
        player.deleteLater()
    done_reloads = rotations // reload_every if reload_every else 0
    return {"rotations": rotations, "reloads": done_reloads, "seconds": elapsed,
            "rss_before_mb": before_rss / MB, "rss_growth_mb": (after_rss - before_rss) / MB,
            "rss_trend_mb_per_5000": trend_mb(trace, SAMPLE_EVERY, 5000),
            "qobjects_before": before_objects, "qobject_growth": after_objects - before_objects,
            f"rss_every_{SAMPLE_EVERY}_mb": trace}


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
