"""Ticker frame times, in-process, on the real window under the X server in DISPLAY.

Run as ``python -m benchmarks.ticker --seconds N``; prints one JSON line. The layout example plays
with panels that never change (time scale 1000), so only the ticker band moves. A frame is one
UpdateRequest of the kiosk window in which the band painted (its blits plus the flush to the X
server), in wall time; dropped frames are the display frames the band's clock passed without a
paint; the CPU share is the whole process's, of one core, over the measuring window.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from benchmarks.frames import wait
from benchmarks.stats import percentile

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "booth-ticker.yaml"


class TickerTimingApp(QApplication):
    """Times each UpdateRequest in which the ticker band painted."""

    def __init__(self) -> None:
        super().__init__([])
        from kiosk.screen.ticker import TickerBand

        self._band = TickerBand
        self.frames_ms: list[float] = []
        self.band_painted = False

    def notify(self, receiver: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Paint and isinstance(receiver, self._band):
            self.band_painted = True
        if kind != QEvent.Type.UpdateRequest:
            return super().notify(receiver, event)
        self.band_painted = False
        started = time.perf_counter()
        handled = super().notify(receiver, event)
        if self.band_painted:
            self.frames_ms.append((time.perf_counter() - started) * 1000)
        return handled


def measure(seconds: float, content: Path = EXAMPLE) -> dict:
    """Play ``content`` full screen for ``seconds`` with only the ticker moving; its frame figures."""
    app = TickerTimingApp()
    from kiosk.app import make_app
    from kiosk.core.content import load_content
    from kiosk.playback.player import Player
    from kiosk.playback.stage import Stage
    from kiosk.run.window.window import KioskWindow

    make_app()
    player = Player(time_scale=1000.0)  # the panels stay put: only the band moves
    stage = Stage(player)
    window = KioskWindow(player, view=stage)
    window.present()
    player.set_content(load_content(content))
    wait(ms=2000)  # the first paint and the counters' count-up
    band = stage.ticker
    if band is None:
        raise RuntimeError(f"{content} has no ticker to measure")
    app.frames_ms.clear()
    frames, dropped = band.frames, band.dropped
    started, started_cpu = time.perf_counter(), time.process_time()
    wait(ms=round(seconds * 1000))
    wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    painted, missed = band.frames - frames, band.dropped - dropped
    size = window.size()
    window.close()
    times = app.frames_ms
    return {"size": f"{size.width()}x{size.height()}", "seconds": round(wall, 1), "frames": painted,
            "fps": round(painted / wall, 1), "p50_ms": percentile(times, 0.5), "p95_ms": percentile(times, 0.95),
            "max_ms": max(times), "dropped": missed, "dropped_per_min": round(missed / wall * 60, 1),
            "cpu_pct": round(cpu / wall * 100, 1), "step_px": band.pace.step, "refresh_hz": round(1 / band.pace.period)}


def main() -> None:
    """Print one JSON line of ticker figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--content", type=Path, default=EXAMPLE)
    args = parser.parse_args()
    print(json.dumps(measure(args.seconds, args.content)))


if __name__ == "__main__":
    main()
