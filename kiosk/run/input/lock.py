"""The locked kiosk: Esc and Q don't quit, the window stays full screen, on top and focused.

Only a deliberate chord quits: hold Ctrl+Shift+Q for two seconds. A visitor who finds the
keyboard behind the TV and presses Esc gets nothing, and the log says it happened. The lock
is the gate in front of the key map's handler (kiosk.run.input.keys): every action but quitting
passes; the chord's binding is live only while locked.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

from kiosk.run.input.keys import Action, Binding
from kiosk.run.window.window import KioskWindow

log = logging.getLogger(__name__)
Key = Qt.Key
QUIT_HOLD_MS = 2000
REFOCUS_MS = 500  # after losing focus, try again this soon (not in a tight loop)
REFOCUS_TRIES = 4


class KioskLock(QObject):
    """The gate in front of the window's keys, and an event filter that keeps the window in front."""

    unlocked = Signal()  # the quit chord was held long enough: the key handler quits

    def __init__(self, window: KioskWindow, hold_ms: int = QUIT_HOLD_MS) -> None:
        super().__init__(window)
        self.window = window
        self.refused = 0
        self.unlocking = False
        self._tries = 0
        self._q_down = False
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(hold_ms)
        self._hold.timeout.connect(self._held_long_enough)
        self._refocus = QTimer(self)
        self._refocus.setSingleShot(True)
        self._refocus.setInterval(REFOCUS_MS)
        self._refocus.timeout.connect(self._take_front)
        window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        window.installEventFilter(self)  # closing and losing the front; keys come through the gate

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Refuse closing the window, and take the front again when the window loses it."""
        kind = event.type()
        if kind == QEvent.Type.Close and not self.unlocking:
            self._refuse("the window was asked to close")
            event.ignore()
            return True
        left_front = kind in (QEvent.Type.WindowDeactivate, QEvent.Type.Hide) or (
            kind in (QEvent.Type.WindowStateChange, QEvent.Type.Resize) and not self._covers_screen())
        if left_front:
            self._hold.stop()  # the keys' release would go to another window; start the hold again
            self._tries = REFOCUS_TRIES
            self._refocus.start()
        return False

    def admits(self, binding: Binding, event: QKeyEvent) -> bool:
        """Every action but quitting runs. A quit key is refused; the chord starts the hold."""
        if binding.action is Action.UNLOCK:
            self._q_down = True
            if not self._hold.isActive():
                log.info("Ctrl+Shift+Q pressed: keep holding for %.0f s to quit", self._hold.interval() / 1000)
                self._hold.start()
            return False
        if binding.action is Action.QUIT:
            if not event.isAutoRepeat():
                self._refuse(f"{binding.label(event.key())} pressed")
            return False
        return True

    def released(self, event: QKeyEvent) -> None:
        """The hold ends when Ctrl or Shift is let go; Q counts where it is at the end."""
        if event.isAutoRepeat():
            return
        if event.key() == Key.Key_Q:
            # Not the end of the hold yet: X key repeat may send release+press pairs that Qt
            # can't always tell from real ones. Whether Q is still down counts at the end.
            self._q_down = False
        elif event.key() in (Key.Key_Control, Key.Key_Shift):
            self._hold.stop()  # let go too soon: no quit

    def _refuse(self, why: str) -> None:
        self.refused += 1
        log.warning("quit refused: the kiosk is locked (%s); hold Ctrl+Shift+Q for 2 s to quit", why)

    def _held_long_enough(self) -> None:
        if not self._q_down:
            log.info("Ctrl+Shift+Q let go before %.0f s: not quitting", self._hold.interval() / 1000)
            return
        log.info("quit: Ctrl+Shift+Q held for %.0f s", self._hold.interval() / 1000)
        self.unlocking = True
        self.unlocked.emit()  # the key handler runs the unlock (it was handed this gate)

    def _covers_screen(self) -> bool:
        screen = self.window.screen()
        return self.window.isFullScreen() and (screen is None or self.window.geometry() == screen.geometry())

    def _take_front(self) -> None:
        """Back to full screen, on top and focused, as far as the window manager allows."""
        if self.unlocking or self.window.windowed:
            return  # a windowed preview may be moved and covered; it is not the lobby screen
        if not self._covers_screen():
            self.window.present()  # full screen again, over the whole of its screen
        self.window.raise_()
        self.window.activateWindow()
        # Without a window manager X ignores a focus request stamped before the last focus
        # change; the request itself refreshes Qt's X timestamp, so a second one gets through.
        self._tries -= 1
        if self._tries > 0 and not self.window.isActiveWindow():
            self._refocus.start()
