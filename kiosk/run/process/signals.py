"""Stop cleanly on SIGTERM, SIGHUP and Ctrl+C, even while Qt waits in C++; then hand them back."""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer

log = logging.getLogger(__name__)
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
Handler = Callable[[int, Any], Any] | int | None


class WakeupSocket(QObject):
    """The socket pair Python writes a signal's number to, read by Qt's loop; lives as long as the app."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.reader, self.writer = socket.socketpair()
        self.reader.setblocking(False)
        self.writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self.writer.fileno())
        self._previous: dict[int, Handler] = {}  # the handlers replaced, put back by restore()
        self.notifier = QSocketNotifier(self.reader.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._drain)

    def replace(self, signum: int, handler: Callable[[int, Any], None]) -> None:
        """Handle ``signum`` with ``handler``, keeping the handler it replaces for ``restore``."""
        self._previous.setdefault(signum, signal.getsignal(signum))
        signal.signal(signum, handler)

    def restore(self) -> None:
        """Once the kiosk has stopped: the handlers and the wakeup fd it replaced are back, the socket closed.

        An in-process caller (the tests, an embedding program) gets its Ctrl+C back."""
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()
        if signal.set_wakeup_fd(self._previous_fd) == self.writer.fileno():
            self.notifier.setEnabled(False)
            self.reader.close()
            self.writer.close()

    def _drain(self, *_: object) -> None:
        self.reader.recv(64)


def quit_on_terminate(app: QCoreApplication) -> WakeupSocket:
    """SIGTERM (``systemctl stop``), SIGHUP and Ctrl+C end the event loop cleanly, so the play log's
    last line is written.

    Python runs signal handlers only between bytecodes, which never come while Qt waits in C++;
    a wakeup socket wakes Qt's loop so the handler gets to run. Call ``restore()`` on what this
    returns once the loop has ended, to put back the handlers it replaced.
    """
    wakeup = WakeupSocket(app)  # a child of the app: kept alive as long as it

    def exit_loop(signum: int) -> None:
        log.info("stopping on %s", signal.Signals(signum).name)
        QCoreApplication.exit(0)

    def stop(signum: int, frame: object) -> None:
        # Only queue the exit here: the handler may interrupt a write to the log (logging from
        # it would re-enter stderr), and a signal that lands before app.exec() must still end it.
        QTimer.singleShot(0, app, lambda: exit_loop(signum))

    # SIGHUP too: a closed terminal or session, which would otherwise end the kiosk with 129
    # and no last play-log line.
    for signum in STOP_SIGNALS:
        wakeup.replace(signum, stop)
    return wakeup
