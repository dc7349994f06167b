"""Create the Qt application and run the kiosk window."""

from __future__ import annotations

import argparse
import linecache
import logging
import os
import sys
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtWidgets import QApplication

from kiosk.core.content import Loaded
from kiosk.screen.fonts import load_fonts

log = logging.getLogger(__name__)


def make_app() -> QApplication:
    """The one QApplication, with the bundled fonts loaded."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    load_fonts()
    return app


def time_scale() -> float:
    """KIOSK_TIME_SCALE shrinks every duration; for tests and soak runs only."""
    try:
        return max(0.0001, float(os.environ.get("KIOSK_TIME_SCALE", "1")))
    except ValueError:
        return 1.0


def log_uncaught(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook for the running kiosk: log the error and keep playing, never a dialog."""
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    log.critical("unexpected error; the kiosk keeps running", exc_info=(kind, value, tb))


def run_kiosk(loaded: Loaded | None, args: argparse.Namespace) -> int:
    """Show the kiosk and follow edits of the content file. ``loaded`` None waits for good content."""
    from kiosk.playback.player import Player
    from kiosk.run.census import count_on_request
    from kiosk.run.live_reload import LiveContent
    from kiosk.run.logsetup import route_qt_messages
    from kiosk.run.operation import Operation, run_options
    from kiosk.run.screens import choose_screen
    from kiosk.run.signals import quit_on_terminate
    from kiosk.run.window import KioskWindow
    from kiosk.screen.decode import live_decoding

    route_qt_messages()
    app = make_app()
    sys.excepthook = log_uncaught
    quit_on_terminate(app)
    options = run_options(args, loaded)
    player = Player(time_scale=time_scale())
    window = KioskWindow(player, windowed=args.windowed, size=QSize(*args.size), screen=choose_screen(options.screen))
    operation = Operation(window, player, options)
    window.present()
    operation.start(waiting=loaded is None)
    count_on_request(player)  # soak runs only (KIOSK_CENSUS_EVERY)
    live = LiveContent(args.content, player, window, windowed=args.windowed, start_id=args.panel)
    live_decoding()  # images decode beside the UI thread; the screen never waits more than a frame
    try:
        live.start(loaded)
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
    return code
