"""Transitions on the GPU: two textures and one blend a frame (``--render gl``, see render_choice.py).

Qt's OpenGL paint engine draws a QPixmap as a texture (uploaded once and kept in its texture
cache while the pixmap lives) and a painter opacity as a blend, so the software transition's
own drawing, run inside a QOpenGLWidget, composites on the GPU. Each frame is drawn at the
display's refresh rate: no 30 fps pacing, the GPU does not mind.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPixmap, QRegion
from PySide6.QtOpenGLWidgets import QOpenGLWidget
from PySide6.QtWidgets import QWidget

from kiosk.playback.transition import paint_frame, transition_animation


class GlTransition(QOpenGLWidget):
    """The transition overlay of ``Transition``, composited by OpenGL at the display's rate."""

    finished = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._screen = parent  # the player: a transition covers it whole
        self.hide()
        self._from = self._to = QPixmap()
        self._kind, self._direction, self._t = "fade", 1, 0.0
        self._first_frame_due = False
        self._animation = transition_animation(self, self._step, self._done)

    def run(self, outgoing: QPixmap, incoming: QPixmap, kind: str, direction: int = 1,
            changed: QRegion | None = None) -> None:
        """Animate from ``outgoing`` to ``incoming``; the whole frame is drawn, so ``changed`` is unused."""
        self._from, self._to, self._kind, self._direction = outgoing, incoming, kind, direction
        self._t = 0.0
        self._first_frame_due = True
        self.setGeometry(self._screen.rect())
        self.show()
        self.raise_()
        self._animation.start()

    @property
    def running(self) -> bool:
        """True while the transition animates."""
        return self._animation.state() == self._animation.State.Running

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
        # Dropping the pixmaps frees their textures too (Qt's GL texture cache follows them).
        self._from = self._to = QPixmap()
        self.finished.emit()

    def paintGL(self) -> None:  # noqa: N802
        """Draw the frame ``t`` of the way through (nothing before the first run)."""
        if self._to.isNull():
            return
        paint_frame(self, self._from, self._to, self._kind, self._t, self._direction, first=self._first_frame_due)
        self._first_frame_due = False
