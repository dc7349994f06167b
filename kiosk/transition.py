"""Crossfade and slide between two pre-rendered pixmaps: two blits a frame, nothing else."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPointF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from kiosk import theme


class Transition(QWidget):
    """An overlay that paints the outgoing and incoming pixmaps while it animates."""

    finished = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.hide()
        self._from = self._to = QPixmap()
        self._kind, self._direction, self._t = "fade", 1, 0.0
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(theme.FADE_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._animation.valueChanged.connect(self._step)
        self._animation.finished.connect(self._done)

    def run(self, outgoing: QPixmap, incoming: QPixmap, kind: str, direction: int = 1) -> None:
        self._from, self._to, self._kind, self._direction = outgoing, incoming, kind, direction
        self._t = 0.0
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self._animation.start()

    @property
    def running(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def complete(self) -> None:
        """Jump to the end now (a key press during a fade, or a reload)."""
        if self.running:
            self._animation.stop()
            self._done()

    def _step(self, value: float) -> None:
        self._t = value
        self.update()

    def _done(self) -> None:
        self.hide()
        self._from = self._to = QPixmap()  # free the two screen-sized pixmaps
        self.finished.emit()

    def paintEvent(self, event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        if self._kind == "slide":
            shift = self.width() * self._t * self._direction
            painter.drawPixmap(QPointF(-shift, 0), self._from)
            painter.drawPixmap(QPointF(self.width() * self._direction - shift, 0), self._to)
            return
        painter.drawPixmap(0, 0, self._to)
        painter.setOpacity(1.0 - self._t)
        painter.drawPixmap(0, 0, self._from)
