"""The kiosk window: which screen, full screen or a preview window (kiosk.run.input.keys filters its keys)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.playback.player import Player

log = logging.getLogger(__name__)


class KioskWindow(QWidget):
    """Hosts the player, full screen unless previewing in a window (kiosk.run.input.cursor hides the cursor)."""

    def __init__(self, player: Player, *, windowed: bool = False, size: QSize | None = None,
                 screen: QScreen | None = None, view: QWidget | None = None) -> None:
        super().__init__()
        self.player = player
        self.windowed = windowed
        self.setWindowTitle("kiosk")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view or player)  # the view: the player, or the layout frame around it
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._screen = screen or QGuiApplication.primaryScreen()
        self._size = size or QSize(1280, 720)

    def present(self) -> None:
        """Show the window: a preview window, or covering the whole screen."""
        if self.windowed:
            self.setScreen(self._screen)
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

    def move_to(self, screen: QScreen) -> None:
        """Show on ``screen``, covering its real geometry (a TV that came back, or another one)."""
        if screen is self._screen and self.geometry() == screen.geometry():
            return
        log.info("showing on screen %s (%dx%d)", screen.name(), screen.geometry().width(),
                 screen.geometry().height())
        self._screen = screen
        if self.isVisible():
            if QGuiApplication.platformName().startswith("wayland") and self.isFullScreen():
                # A Wayland compositor puts a full-screen window on the output named when it
                # is mapped (first shown); showing it again is how it moves to another output.
                self.hide()
            self.present()
