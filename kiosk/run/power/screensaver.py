"""Keep the screen awake: the freedesktop ScreenSaver inhibit over D-Bus, and advice where there is none.

The screen saver and power blanking are held off through the freedesktop
``org.freedesktop.ScreenSaver`` D-Bus interface, which GNOME, KDE, Xfce and LXQt implement.
The inhibition belongs to our D-Bus connection: the desktop drops it when that connection
closes, so a crash never leaves a machine that can't blank. Without the service, the log
gives the session's own way to stop blanking, once (kiosk.platform.session).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage
from PySide6.QtGui import QGuiApplication

from kiosk.platform.session import Session, current_session

log = logging.getLogger(__name__)
SERVICE = PATH_INTERFACE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"
CONNECTION_NAME = "kiosk-screensaver-inhibit"
ADVICE = "cannot keep the screen awake through D-Bus (%s) in %s; %s (see docs/deployment.md)"


class ScreenAwake(QObject):
    """Inhibits screen blanking from start() until stop(); logs advice once where it can't."""

    def __init__(self, parent: QObject | None = None, address: str | None = None,
                 session: Session | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.address = address  # a bus address for tests; None means the session bus
        self.cookie: int | None = None
        self.advised = False

    def start(self) -> bool:
        """Ask the desktop not to blank the screen; True when it agreed."""
        bus = (QDBusConnection.connectToBus(self.address, CONNECTION_NAME) if self.address
               else QDBusConnection.connectToBus(QDBusConnection.BusType.SessionBus, CONNECTION_NAME))
        if not bus.isConnected():
            return self._advise("no D-Bus session bus")
        screensaver = QDBusInterface(SERVICE, PATH, PATH_INTERFACE, bus)
        if not screensaver.isValid():
            return self._advise(f"no {SERVICE} service")
        reply = screensaver.call("Inhibit", "kiosk", "showing the information display")
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            return self._advise(reply.errorMessage() or "Inhibit failed")
        self.cookie = int(reply.arguments()[0])
        log.info("screen blanking inhibited through %s (cookie %d)", SERVICE, self.cookie)
        return True

    def stop(self) -> None:
        """Let the screen blank again.

        Closing our own connection is the UnInhibit every implementation honours; calling
        UnInhibit itself needs a D-Bus uint32, which PySide6 can't marshal from a Python int.
        """
        if self.cookie is not None:
            QDBusConnection.disconnectFromBus(CONNECTION_NAME)
            log.info("screen blanking allowed again")
            self.cookie = None

    def _advise(self, why: str) -> bool:
        QDBusConnection.disconnectFromBus(CONNECTION_NAME)
        if not self.advised:
            self.advised = True
            session = self.session or current_session(QGuiApplication.platformName())
            advice = session.blanking_advice()
            if advice:
                log.warning(ADVICE, why, session.name, advice)
            else:
                log.info("no D-Bus screen saver (%s); nothing blanks the screen in %s", why, session.name)
        return False
