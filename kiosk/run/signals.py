"""Stop cleanly on SIGTERM, SIGHUP and Ctrl+C, even while Qt waits in C++."""

from __future__ import annotations

import logging
import signal
import socket

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

log = logging.getLogger(__name__)


def quit_on_terminate(app: QCoreApplication) -> None:
    """SIGTERM (``systemctl stop``), SIGHUP and Ctrl+C end the event loop cleanly, so the play log's
    last line is written.

    Python runs signal handlers only between bytecodes, which never come while Qt waits in C++;
    a wakeup socket wakes Qt's loop so the handler gets to run.
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda *_: reader.recv(64))
    app._wakeup = (reader, writer, notifier)  # keep them alive as long as the app

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
