"""Transition frame times, in-process, on the real window under the X server in DISPLAY.

Run as ``python -m benchmarks.frames --fades N``; prints one JSON line. A frame is one
UpdateRequest of the kiosk window while the crossfade overlay paints: the overlay's paint
(two blits) plus the flush of the window to the X server, in wall time (what a viewer
sees) and in the process's CPU time, all threads (the frame's own work, without time lost to other
processes on a shared machine). The time ``Player.next()`` takes
before the fade starts (build the next slide off-screen, grab both) is reported apart.
"""

from __future__ import annotations

import argparse
import json
import time

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from benchmarks.stats import percentile
from harness.contentfiles import SEED


class FrameTimingApp(QApplication):
    """Times each UpdateRequest in which the transition overlay painted."""

    def __init__(self) -> None:
        super().__init__([])
        from kiosk.playback.transition import Transition

        self._overlay = Transition
        self.frames_ms: list[float] = []
        self.frames_cpu_ms: list[float] = []  # the process's CPU time (all threads: Qt blends big images in parallel)
        self.overlay_painted = False

    def notify(self, receiver: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Paint and isinstance(receiver, self._overlay):
            self.overlay_painted = True  # within the UpdateRequest being timed
        if kind != QEvent.Type.UpdateRequest:
            return super().notify(receiver, event)
        self.overlay_painted = False
        started, started_cpu = time.perf_counter(), time.process_time()
        handled = super().notify(receiver, event)
        if self.overlay_painted:
            self.frames_ms.append((time.perf_counter() - started) * 1000)
            self.frames_cpu_ms.append((time.process_time() - started_cpu) * 1000)
        return handled


def wait(signal: object | None = None, ms: int = 5000) -> None:
    loop = QEventLoop()
    if signal is not None:
        signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    if signal is not None:
        signal.disconnect(loop.quit)


def measure(fades: int) -> dict:
    app = FrameTimingApp()
    from kiosk.app import make_app
    from kiosk.core.content import load_content
    from kiosk.playback.player import Player
    from kiosk.run.window.window import KioskWindow

    make_app()
    player = Player(time_scale=1000.0)  # panels stay put; the benchmark moves them on
    window = KioskWindow(player)
    window.present()
    player.set_content(load_content(SEED))
    wait(ms=1500)  # first paint and the counters' count-up
    switch_ms: list[float] = []
    for _ in range(fades):
        started = time.perf_counter()
        player.next()
        switch_ms.append((time.perf_counter() - started) * 1000)
        wait(player.shown)
        wait(ms=200)
    frames, cpu = app.frames_ms, app.frames_cpu_ms
    size = window.size()
    window.close()
    return {"size": f"{size.width()}x{size.height()}", "fades": fades, "frames": len(frames),
            "p50_ms": percentile(frames, 0.5), "p95_ms": percentile(frames, 0.95), "max_ms": max(frames),
            "cpu_p95_ms": percentile(cpu, 0.95), "cpu_max_ms": max(cpu),
            "switch_p50_ms": percentile(switch_ms, 0.5), "switch_max_ms": max(switch_ms)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fades", type=int, default=10)
    print(json.dumps(measure(parser.parse_args().fades)))


if __name__ == "__main__":
    main()
