"""The kiosk window: which screen, full screen or a preview window, keys and cursor."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from kiosk.player import Player

log = logging.getLogger(__name__)
Key = Qt.Key


class KioskWindow(QWidget):
    """Hosts the player. Full screen and cursor-free unless previewing in a window."""

    def __init__(self, player: Player, *, windowed: bool = False, size: QSize | None = None,
                 screen: QScreen | None = None) -> None:
        super().__init__()
        self.player = player
        self.windowed = windowed
        self.setWindowTitle("kiosk")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(player)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._screen = screen or QGuiApplication.primaryScreen()
        self._size = size or QSize(1280, 720)
        if not windowed:
            self.setCursor(QCursor(Qt.CursorShape.BlankCursor))

    def present(self) -> None:
        """Show the window: a preview window, or covering the whole screen."""
        if self.windowed:
            self.resize(self._size)
            self.show()
            return
        geometry = self._screen.geometry()
        self.setScreen(self._screen)
        # Without a window manager (xinit kiosks) showFullScreen alone leaves a small
        # window, so also place it over the screen explicitly.
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        self.setGeometry(geometry)
        self.showFullScreen()
        self.setGeometry(geometry)
        self.activateWindow()
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Key.Key_Right, Key.Key_PageDown, Key.Key_Space):
            self.player.next()
        elif key in (Key.Key_Left, Key.Key_PageUp):
            self.player.previous()
        elif key == Key.Key_P:
            self.player.toggle_pause()
        elif Key.Key_1 <= key <= Key.Key_9:
            self.player.jump(key - Key.Key_1)
        elif key in (Key.Key_Escape, Key.Key_Q):
            log.info("quit by key")
            QApplication.quit()
        else:
            super().keyPressEvent(event)
