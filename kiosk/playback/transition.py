"""Crossfade and slide between two pre-rendered pixmaps: two blits a frame, nothing else.

A crossfade repaints only the tiles where the two screens differ: the header, the footer
and the empty background stay as they are. At 4K that halves each frame's work (two
full-screen blits take ~11 ms there in software), for a one-off comparison before the fade.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QPointF, QRect, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QPaintDevice, QPainter, QPixmap, QRegion
from PySide6.QtWidgets import QWidget

from kiosk.core import theme
from kiosk.diagnostics import trace
from kiosk.screen.pacing import FramePacer

TILES_PER_HEIGHT = 32  # tile side = screen height / 32: 34 px at 1080p, 68 px at 4K


class Transition(QWidget):
    """An overlay that paints the outgoing and incoming pixmaps while it animates."""

    finished = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._screen = parent  # the player: a transition covers it whole
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.hide()
        self._from = self._to = QPixmap()
        self._kind, self._direction, self._t = "fade", 1, 0.0
        self._changed = QRegion()
        self._first_frame_due = False
        self._pacer = FramePacer(theme.FADE_FPS)
        self._animation = transition_animation(self, self._step, self._done)

    def run(self, outgoing: QPixmap, incoming: QPixmap, kind: str, direction: int = 1,
            changed: QRegion | None = None) -> None:
        """Animate from ``outgoing`` to ``incoming``; ``changed``: where they differ, if already known."""
        self._from, self._to, self._kind, self._direction = outgoing, incoming, kind, direction
        self._t = 0.0
        self.setGeometry(self._screen.rect())
        if kind != "fade":
            changed = QRegion(self.rect())
        self._changed = changed if changed is not None else changed_region(outgoing, incoming)
        self._first_frame_due = True
        self.show()
        self.raise_()
        self._pacer.restart()
        self._animation.start()

    @property
    def running(self) -> bool:
        """True while the transition animates."""
        return self._animation.state() == QVariantAnimation.State.Running

    def complete(self) -> None:
        """Jump to the end now (a key press during a fade, or a reload)."""
        if self.running:
            self._animation.stop()
            self._done()

    def _step(self, value: float) -> None:
        if self._kind == "fade" and not self._pacer.due(last=value >= 1.0):
            return  # a fade changes little per tick: paint at FADE_FPS
        self._t = value
        self.update(self._changed)

    def _done(self) -> None:
        self.hide()
        self._from = self._to = QPixmap()  # free the two screen-sized pixmaps
        self.finished.emit()

    def paintEvent(self, event: object) -> None:  # noqa: N802
        """Draw the frame ``t`` of the way through: the outgoing pixmap, and the incoming one over it."""
        paint_frame(self, self._from, self._to, self._kind, self._t, self._direction, first=self._first_frame_due)
        self._first_frame_due = False


def transition_animation(owner: QWidget, step: Callable[[float], None], done: Callable[[], None]) -> QVariantAnimation:
    """The 0 -> 1 timeline of a transition: FADE_MS long, eased, calling ``step`` and then ``done``."""
    animation = QVariantAnimation(owner)
    animation.setStartValue(0.0)
    animation.setEndValue(1.0)
    animation.setDuration(theme.FADE_MS)
    animation.setEasingCurve(QEasingCurve.Type.InOutQuad)
    animation.valueChanged.connect(step)
    animation.finished.connect(done)
    return animation


def paint_frame(device: QPaintDevice, outgoing: QPixmap, incoming: QPixmap, kind: str, t: float, direction: int,
                *, first: bool = False) -> None:
    """One frame, ``t`` of the way through: two blits, the second blended (fade) or shifted (slide).
    ``first``: the transition's first frame, which the benchmarks time (kiosk/diagnostics/trace.py)."""
    painter = QPainter(device)
    if kind == "slide":
        shift = device.width() * t * direction
        painter.drawPixmap(QPointF(-shift, 0), outgoing)
        painter.drawPixmap(QPointF(device.width() * direction - shift, 0), incoming)
    else:
        painter.drawPixmap(0, 0, incoming)
        painter.setOpacity(1.0 - t)
        painter.drawPixmap(0, 0, outgoing)  # Qt clips both blits to the region being repainted
    painter.end()
    if first:
        trace.mark("first frame")


def tile_side(height: int) -> int:
    """The side of the square tiles two screens are compared in."""
    return max(8, -(-height // TILES_PER_HEIGHT))


def changed_region(before: QPixmap, after: QPixmap) -> QRegion:
    """The tiles in which two screens differ, as few rectangles (runs of tiles per row)."""
    both = covering_both(before, after)
    return both if both is not None else changed_band(before, after, 0, before.height())


def covering_both(before: QPixmap, after: QPixmap) -> QRegion | None:
    """For screens of different sizes (a rotated or resized screen), all of both: there is
    nothing to compare tile by tile. None for screens of the same size."""
    if before.size() == after.size():
        return None
    return QRegion(0, 0, max(before.width(), after.width()), max(before.height(), after.height()))


def changed_band(before: QPixmap, after: QPixmap, top: int, bottom: int) -> QRegion:
    """``changed_region`` of the rows from ``top`` (the top of a row of tiles) to ``bottom``, so that
    a comparison can be done a band at a time, in slices of idle work. The screens are the same size."""
    band = QRect(0, top, before.width(), bottom - top)
    a, b = before.copy(band).toImage(), after.copy(band).toImage()
    if a.format() != b.format():
        return QRegion(band)
    width, height, line, depth = a.width(), a.height(), a.bytesPerLine(), a.depth() // 8
    tile = tile_side(before.height())
    pixels_a, pixels_b = memoryview(a.constBits()), memoryview(b.constBits())  # not copied again
    region = QRegion()
    for row_top in range(0, height, tile):
        row_bottom = min(height, row_top + tile)
        differences = band_differences(pixels_a, pixels_b, range(row_top, row_bottom), line, width * depth)
        for left, right in changed_runs(differences, tile * depth):
            region += QRect(left // depth, top + row_top, (right - left) // depth, row_bottom - row_top)
    return region


def band_differences(pixels_a: memoryview, pixels_b: memoryview, rows: range, line: int, used: int) -> bytes:
    """One row's worth of bytes, zero where every row of the band is the same in both screens.

    The rows' XORs are ORed together as Python integers, so the work per row is done in C;
    comparing tile by tile, row by row, took ~15 ms a pair at 1080p, in the idle time of every change.
    """
    differing = 0
    for y in rows:
        row_a = pixels_a[y * line:y * line + used].tobytes()  # bytes compare with memcmp, memoryviews don't
        row_b = pixels_b[y * line:y * line + used].tobytes()
        if row_a != row_b:
            differing |= int.from_bytes(row_a, "little") ^ int.from_bytes(row_b, "little")
    return differing.to_bytes(used, "little")


def changed_runs(differences: bytes, tile_bytes: int) -> list[tuple[int, int]]:
    """Byte ranges [start, end) of consecutive tiles with a non-zero byte in ``differences``."""
    runs: list[tuple[int, int]] = []
    if not any(differences):
        return runs
    for start in range(0, len(differences), tile_bytes):
        end = min(len(differences), start + tile_bytes)
        if differences.count(0, start, end) == end - start:
            continue
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs
