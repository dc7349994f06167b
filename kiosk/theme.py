"""Sizes and colours of the look, as fractions of the screen height. No Qt here.

Every size on screen comes from this table, so the look scales from a 720p
booth monitor to a 4K lobby TV without a single fixed pixel.
"""

from __future__ import annotations

from dataclasses import dataclass

# Font sizes (fraction of screen height).
HEADER_TEXT = 0.028
TITLE = 0.065
BODY = 0.034
QUOTE = 0.045
NAME = 0.065
COUNTER_NUMBER = 0.085
COUNTER_LABEL = 0.030
TOTAL_NUMBER = 0.095
SUBTITLE = 0.036
FINE_PRINT = 0.024  # notes and sources: read up close, still far above web small print
FOOTER_TEXT = 0.0185

# Boxes and spacing (fraction of screen height).
HEADER_HEIGHT = 0.07
MARGIN = 0.055
GAP = 0.025
ICON = 0.06
SHARE_BAR = 0.03
AVATAR = 0.36
DOT = 0.012

FADE_MS = 700
COUNT_UP_MS = 1500

# Colours for the counters' share bar: each reads on the dark default background.
SERIES = ("#f2a541", "#5bc0eb", "#9bc53d", "#e86a5b", "#c3a6ff", "#fde74c", "#4ecdc4", "#ff9fb2")


@dataclass(frozen=True)
class Palette:
    background: str
    text: str
    accent: str

    @property
    def muted(self) -> str:
        """Text colour at about 78 % strength, for secondary text."""
        return mix(self.text, self.background, 0.78)

    @property
    def surface(self) -> str:
        """A card colour a little lighter than the background."""
        return mix(self.text, self.background, 0.07)


def mix(front: str, back: str, amount: float) -> str:
    """Blend two #rrggbb colours; ``amount`` of ``front`` over ``back``."""
    channels = []
    for i in (1, 3, 5):
        f, b = int(front[i:i + 2], 16), int(back[i:i + 2], 16)
        channels.append(round(f * amount + b * (1 - amount)))
    return "#" + "".join(f"{c:02x}" for c in channels)

QR = 0.17  # QR code side; a phone reads 12 % of screen height from 2 m
QR_DARK = "#000000"
QR_LIGHT = "#ffffff"

# The problem marker shown while content.yaml has errors: small enough that a lobby
# visitor won't read the screen as broken, big enough for staff up close.
MARKER_TEXT = 0.017
MARKER_ICON = 0.022
MARKER_DETAIL_TEXT = 0.019
MARKER_WIDTH = 0.36  # the longest it may get, as a fraction of the screen WIDTH
MARKER_DETAIL_WIDTH = 0.56  # the same in the --windowed preview, which lists every error
MARKER_OPACITY = 0.92
