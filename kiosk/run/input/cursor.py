"""The pointer out of sight: hidden on a kiosk, and after 2 s of rest in a preview window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QWidget

CURSOR_IDLE_MS = 2000


class CursorHider(QObject):
    """No pointer on a kiosk; in a preview window, only after the mouse rests for 2 s."""

    def __init__(self, window: QWidget, windowed: bool, idle_ms: int = CURSOR_IDLE_MS) -> None:
        super().__init__(window)
        self.window, self.windowed = window, windowed
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self.hide)
        window.setMouseTracking(True)
        window.installEventFilter(self)
        if windowed:
            self._idle.start()
        else:
            self.hide()

    @property
    def hidden(self) -> bool:
        """The window's cursor is hidden now."""
        return self.window.cursor().shape() == Qt.CursorShape.BlankCursor

    def hide(self) -> None:
        """Hide the mouse cursor over the window."""
        self.window.setCursor(QCursor(Qt.CursorShape.BlankCursor))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """In a preview window a moving mouse shows the cursor again until it rests."""
        if self.windowed and event.type() in (QEvent.Type.MouseMove, QEvent.Type.Enter):
            if self.hidden:
                self.window.unsetCursor()
            self._idle.start()
        return False
