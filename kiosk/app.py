"""Create the Qt application and run the kiosk window."""

from __future__ import annotations

import argparse
import enum
import linecache
import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from types import TracebackType
from typing import cast

from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtWidgets import QApplication

from kiosk.core.content import Loaded
from kiosk.platform.display import Backend, DisplayError
from kiosk.run.process.memory import bound_pixmap_cache
from kiosk.screen.fonts import load_fonts

log = logging.getLogger(__name__)


def make_app() -> QApplication:
    """The one QApplication, with the bundled fonts loaded."""
    # instance() is typed as the core application; the kiosk only ever makes a QApplication.
    app = cast(QApplication, QApplication.instance()) or QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    bound_pixmap_cache()
    load_fonts()
    return app


def make_screen_app(backend: Backend | None = None) -> QApplication:
    """The QApplication for a real window, with at least one screen, or DisplayError saying why not.

    Qt's own complaints while it looks for a screen are held back: when it finds none, the
    last of them is the cause, inside our one line; otherwise they go to the log as usual.
    """
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtGui import QGuiApplication

    from kiosk.platform.display import log_backend
    from kiosk.run.process.logsetup import qt_message

    said: list[tuple[enum.Enum | int, object, str]] = []
    previous = qInstallMessageHandler(lambda kind, context, message: said.append((kind, context, message)))
    try:
        app = make_app()
    finally:
        qInstallMessageHandler(previous)
    if QGuiApplication.primaryScreen() is None or not QGuiApplication.screens():
        cause = f" ({_cause(said)})" if said else ""
        raise DisplayError(f"no screen to show on: Qt's {QGuiApplication.platformName()} platform found none{cause}; "
                       "connect the screen and turn it on, or choose another --display")
    for kind, context, message in said:
        qt_message(kind, context, message)
    if backend is not None:
        log_backend(backend)
    return app


def _cause(said: list[tuple[enum.Enum | int, object, str]]) -> str:
    """Of Qt's messages, the one that says what failed (later ones, such as Qt 6.8's "no screens
    available, assuming 24-bit color", only follow from it)."""
    failures = [m for _, _, m in said if any(w in m.lower() for w in ("fail", "unable", "cannot", "could not"))]
    return (failures or [said[-1][2]])[-1].strip()


def time_scale() -> float:
    """KIOSK_TIME_SCALE shrinks every duration; for tests and soak runs only."""
    try:
        return max(0.0001, float(os.environ.get("KIOSK_TIME_SCALE", "1")))
    except ValueError:
        return 1.0


def kiosk_clock(scale: float, at: datetime | None = None) -> Callable[[], datetime]:
    """The wall clock the kiosk follows. ``at`` (``kiosk run --at``, a preview of that moment) or
    KIOSK_CLOCK_START (tests) starts it at that local moment, running 1/KIOSK_TIME_SCALE times as
    fast, so a test sees a night pass in seconds."""
    start = os.environ.get("KIOSK_CLOCK_START")
    if at is None and not start:
        return datetime.now
    origin, began = at or datetime.fromisoformat(str(start)), time.monotonic()
    return lambda: origin + timedelta(seconds=(time.monotonic() - began) / scale)


def log_uncaught(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook for the running kiosk: log the error and keep playing, never a dialog."""
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    log.critical("unexpected error; the kiosk keeps running", exc_info=(kind, value, tb))


def run_kiosk(loaded: Loaded | None, args: argparse.Namespace, backend: Backend | None = None) -> int:
    """Show the kiosk and follow edits of the content file. ``loaded`` None waits for good content.

    Raises DisplayError when Qt comes up without a screen to show on."""
    from kiosk.diagnostics.census import count_on_request
    from kiosk.playback.player import Player
    from kiosk.playback.render_choice import choose_render
    from kiosk.playback.stage import Stage
    from kiosk.run.live.live_reload import LiveContent
    from kiosk.run.operation import Operation, run_options
    from kiosk.run.process.logsetup import route_qt_messages
    from kiosk.run.process.memory import give_back_after_each_change, heap_usage, return_big_blocks
    from kiosk.run.process.signals import quit_on_terminate
    from kiosk.run.window.screens import choose_screen
    from kiosk.run.window.window import KioskWindow
    from kiosk.screen.decode import live_decoding

    return_big_blocks()  # before the first screen-sized image (kiosk/run/process/memory.py)
    route_qt_messages()
    app = make_screen_app(backend)
    sys.excepthook = log_uncaught
    signals = quit_on_terminate(app)  # restored once the run has stopped
    scale = time_scale()
    clock = kiosk_clock(scale, getattr(args, "at", None))
    options = run_options(args, loaded, clock=clock, time_scale=scale)
    render, why = choose_render(args.render)
    log.info("transitions: %s (%s)", "GL" if render == "gl" else "software", why)
    player = Player(time_scale=scale, clock=clock, render=render)
    stage = Stage(player)  # the ticker band and the side column around the player, when the content has them
    window = KioskWindow(player, windowed=args.windowed, size=QSize(*args.size), screen=choose_screen(options.screen),
                         view=stage)
    operation = Operation(window, player, options, stage)
    window.present()
    give_back_after_each_change(player.shown)
    count_on_request(player, heap_usage)  # soak runs only (KIOSK_CENSUS_EVERY)
    live = LiveContent(args.content, player, window, windowed=args.windowed, start_id=args.panel)
    operation.watch_content(live.watcher.loaded, live.watcher.failed)
    live_decoding()  # images decode beside the UI thread; the screen never waits more than a frame
    try:
        live.start(loaded)
        operation.start(waiting=loaded is None)  # after the content is in the player: it may be night
        # PySide's import hook read the source of every module imported after it into
        # linecache (~5 MB, a twentieth of the kiosk's memory); tracebacks refill it on demand.
        linecache.clearcache()
        code = app.exec()
    finally:
        live_decoding(False)  # an in-process caller (the tests) gets whole decodes again
    operation.stop()
    # Take the window down while every Python object around it still lives: their event
    # filters see the teardown, and nothing keeps the window alive past the run.
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    signals.restore()  # after the play log's last line: a stop signal until here still stops cleanly
    return code
