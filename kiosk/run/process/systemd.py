"""The systemd notify protocol, with the standard library: READY=1 and WATCHDOG=1.

Under a unit with ``Type=notify`` and ``WatchdogSec=``, systemd passes NOTIFY_SOCKET and
WATCHDOG_USEC. The watchdog ping comes from a QTimer, so it stops when the event loop hangs,
and systemd then restarts the kiosk.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def notify_address(environ: Mapping[str, str] = os.environ) -> str | None:
    """The notify socket path; a leading ``@`` means Linux's abstract namespace."""
    address = environ.get("NOTIFY_SOCKET", "")
    if not address.startswith(("/", "@")):
        return None
    return "\0" + address[1:] if address.startswith("@") else address


def watchdog_interval_ms(environ: Mapping[str, str] = os.environ) -> int | None:
    """Half the watchdog period systemd asks for, as it recommends; None when there is no watchdog."""
    pid = environ.get("WATCHDOG_PID")
    # Under cage the unit's main process is cage, our parent (NotifyAccess=all lets us ping).
    if pid and pid not in (str(os.getpid()), str(os.getppid())):
        return None
    try:
        usec = int(environ.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    return max(1, usec // 2000) if usec > 0 else None


class SystemdNotifier(QObject):
    """Says READY=1 once and WATCHDOG=1 every half watchdog period; silent without NOTIFY_SOCKET."""

    def __init__(self, parent: QObject | None = None,
                 environ: Mapping[str, str] = os.environ) -> None:
        super().__init__(parent)
        self.address = notify_address(environ)
        self.ready_sent = False
        self._failed = False
        self._watchdog = QTimer(self)
        self._watchdog.timeout.connect(lambda: self.send("WATCHDOG=1"))
        interval = watchdog_interval_ms(environ)
        if self.address and interval:
            self._watchdog.start(interval)

    @property
    def watchdog_ms(self) -> int:
        """The watchdog ping interval in milliseconds, or -1 without a watchdog."""
        return self._watchdog.interval() if self._watchdog.isActive() else -1

    def ready(self, *_: object) -> None:
        """READY=1, the first time only."""
        if not self.ready_sent:
            self.ready_sent = True
            self.send("READY=1\nSTATUS=showing panels")

    def ready_when_painted(self, window: QWidget) -> None:
        """READY=1 once ``window`` is on screen and painted (call it when its content is set).

        The paint follows the window's expose event within the same turn of the event loop,
        so a zero timer queued after the expose fires once the pixels are out.
        """
        handle = window.windowHandle()
        if self.ready_sent:
            return
        if handle is None:  # not shown yet: come back when it is
            window.installEventFilter(self)
        elif handle.isExposed():
            QTimer.singleShot(0, self, self.ready)
        else:
            handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """READY=1 once the window is first exposed (painted) on screen."""
        if event.type() == QEvent.Type.Expose and isinstance(watched, QWindow) and watched.isExposed():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.ready)
        elif event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            self.ready_when_painted(watched)
        return False

    def send(self, message: str) -> None:
        """Send one message to systemd's notify socket, if there is one."""
        if not self.address:
            return
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.sendto(message.encode(), self.address)
        except OSError as exc:
            if not self._failed:  # once: a lost watchdog ping every few seconds would flood the log
                self._failed = True
                log.warning("cannot reach systemd at NOTIFY_SOCKET: %s", exc)
