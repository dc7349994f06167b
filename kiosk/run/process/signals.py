"""Stop cleanly on SIGTERM, SIGHUP and Ctrl+C, even while Qt waits in C++."""

from __future__ import annotations

import logging
import signal
import socket

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer

log = logging.getLogger(__name__)


class WakeupSocket(QObject):
    """The socket pair Python writes a signal's number to, read by Qt's loop; lives as long as the app."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.reader, self.writer = socket.socketpair()
        self.reader.setblocking(False)
        self.writer.setblocking(False)
        signal.set_wakeup_fd(self.writer.fileno())
        self.notifier = QSocketNotifier(self.reader.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._drain)

    def _drain(self, *_: object) -> None:
        self.reader.recv(64)


def quit_on_terminate(app: QCoreApplication) -> WakeupSocket:
    """SIGTERM (``systemctl stop``), SIGHUP and Ctrl+C end the event loop cleanly, so the play log's
    last line is written.

    Python runs signal handlers only between bytecodes, which never come while Qt waits in C++;
    a wakeup socket wakes Qt's loop so the handler gets to run.
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
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop)
    return wakeup
