"""Paint an animation at a lower frame rate than Qt ticks it (its last frame always).

Qt's animation timer ticks at ~60 Hz. A crossfade or a count-up changes little between
two ticks, and every painted frame costs a full-screen blend in software; painting every
other tick halves the CPU a transition costs and looks the same from across a lobby.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer

SLACK = 0.8  # ticks jitter around 16.7 ms; without slack a 30 fps cap drops to 20 fps


class FramePacer:
    """Says whether an animation step is due to be painted, at most ``fps`` times a second."""

    def __init__(self, fps: int) -> None:
        self._interval_ms = 1000.0 / fps * SLACK
        self._clock = QElapsedTimer()

    def restart(self) -> None:
        """A new run of the animation: its first step is always painted."""
        self._clock.invalidate()

    def due(self, last: bool = False) -> bool:
        """True when this step is to be painted (the ``last`` always is); then the wait for the next begins."""
        if last or not self._clock.isValid() or self._clock.elapsed() >= self._interval_ms:
            self._clock.start()
            return True
        return False
