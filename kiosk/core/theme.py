"""Sizes and colours of the look, as fractions of the screen height. No Qt here.

Every size on screen comes from this table, so the look scales from a 720p
booth monitor to a 4K lobby TV without a single fixed pixel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.core.content.colors import band_color, contrast_ratio, mix
from kiosk.core.content.model import Theme

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
DISPLAY = 0.05  # text this size or larger (titles, numbers) shrinks first when a panel is full
BODY_FLOOR = 0.022  # of the REAL screen height: body text never shrinks below it to fit
# Text scales tried in turn until a panel fits. Body text stops at the floor while titles,
# numbers and the photo keep shrinking with the later steps; after the last, panels settle.
SCALE_STEPS = (1.4, 1.3, 1.2, 1.1, 1.0, 0.93, 0.86, 0.8, 0.74, 0.68, 0.62, 0.56)

# Portrait screens: lengths are fractions of min(height, width * UNIT_PER_WIDTH), so a
# 1080x1920 stand measures in 0.675 of its height, and landscape screens use their height.
UNIT_PER_WIDTH = 1.2

# Boxes and spacing (fraction of screen height).
HEADER_HEIGHT = 0.07
MARGIN = 0.055
GAP = 0.025
ICON = 0.06
SHARE_BAR = 0.03
AVATAR = 0.36
DOT = 0.012
FOOTER_MAX = 0.16  # of the screen height: a longer footer is cut with "…"

QR = 0.17  # QR code side, as a fraction of the unit
QR_MIN = 0.12  # of the real screen height: what a phone reads from 2 m
QR_DARK = "#000000"
QR_LIGHT = "#ffffff"

FADE_MS = 700
FADE_FPS = 30  # frames painted per second of a crossfade (a slide moves at the full rate)
COUNT_UP_FPS = 30
COUNT_UP_MS = 1500

# Colours for the counters' share bar: each reads on the dark default background.
SERIES = ("#f2a541", "#5bc0eb", "#9bc53d", "#e86a5b", "#c3a6ff", "#fde74c", "#4ecdc4", "#ff9fb2")
# The same hues made light enough for at least 7:1 on the high-contrast black.
HIGH_CONTRAST_SERIES = ("#ffc44d", "#7fd3ff", "#b5e06a", "#ff9e8f", "#d4c0ff", "#fff27a", "#6ff0e6",
                        "#ffc2cf")

# Fonts tried in turn for characters the theme font lacks (CJK, mostly), when installed.
FALLBACK_FONTS = ("Source Sans Pro", "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR",
                  "Droid Sans Fallback", "WenQuanYi Micro Hei", "Noto Sans", "DejaVu Sans")


@dataclass(frozen=True)
class Palette:
    """The colours a screen is drawn in: background, text, accent, and the series for counters' shares."""

    background: str
    text: str
    accent: str
    series: tuple[str, ...] = field(default=SERIES)

    @property
    def muted(self) -> str:
        """Text colour at about 78 % strength, for secondary text."""
        return mix(self.text, self.background, 0.78)

    @property
    def surface(self) -> str:
        """A card colour a little lighter than the background."""
        return mix(self.text, self.background, 0.07)

    @property
    def band(self) -> str:
        """The ticker band's colour: a step lighter than the cards, so the band reads as its own strip."""
        return band_color(self.text, self.background)


HIGH_CONTRAST = Palette("#000000", "#ffffff", "#ffd400", HIGH_CONTRAST_SERIES)
# An urgent message (urgent.yaml) looks like nothing in the rotation: black on signal yellow, 14:1.
URGENT = Palette("#ffd400", "#000000", "#000000")
URGENT_ICON = "fa5s.exclamation-triangle"
URGENT_TITLE = 0.11
URGENT_TEXT = 0.06
URGENT_RULE = 0.018  # the black band across the top; a third of it between two languages


def palette_for(settings: Theme) -> Palette:
    """The colours on screen: the preset's, or the content's own."""
    if settings.preset == "high-contrast":
        return HIGH_CONTRAST
    return Palette(settings.background, settings.text, settings.accent)


def contrasts(palette: Palette) -> dict[str, float]:
    """Contrast ratio of every colour pair the panels draw, by a name staff can read."""
    pairs = {"text on background": (palette.text, palette.background),
             "text on cards": (palette.text, palette.surface),
             "secondary text on background": (palette.muted, palette.background),
             "secondary text on cards": (palette.muted, palette.surface),
             "accent on background": (palette.accent, palette.background),
             "accent on cards": (palette.accent, palette.surface),
             "ticker text on its band": (palette.text, palette.band),
             "ticker dates on its band": (palette.accent, palette.band)}
    pairs |= {f"counter colour {c} on background": (c, palette.background) for c in palette.series}
    return {name: contrast_ratio(*pair) for name, pair in pairs.items()}


def worst_contrast(palette: Palette) -> tuple[float, str]:
    """The lowest contrast ratio on screen, and which pair has it."""
    ratio, name = min((ratio, name) for name, ratio in contrasts(palette).items())
    return ratio, name

# The problem marker shown while content.yaml has errors: small enough that a lobby
# visitor won't read the screen as broken, big enough for staff up close.
MARKER_TEXT = 0.017
MARKER_ICON = 0.022
MARKER_DETAIL_TEXT = 0.019
MARKER_WIDTH = 0.36  # the longest it may get, as a fraction of the screen WIDTH
MARKER_DETAIL_WIDTH = 0.56  # the same in the --windowed preview, which lists every error
MARKER_OPACITY = 0.92

# Layouts (settings.ticker, settings.side). The band is a share of the REAL screen height, so it
# is the same strip whatever the panels above it do; a portrait stand is read from further up.
TICKER_BAND = 0.085  # landscape: 92 px at 1080p
TICKER_BAND_PORTRAIT = 0.062  # portrait, of its (taller) height: 119 px at 1080x1920
TICKER_TEXT = 0.55  # text height as a share of the band: 50 px at 1080p, a 3 m read on a 55" TV
TICKER_DATE_TEXT = 0.42  # the date after an update's title, smaller and in the accent colour
TICKER_GAP = 0.6  # room around the separator, as a share of the band's height
TICKER_MARK = 0.2  # the diamond between items (painted, so no font need have the glyph), of the band
TICKER_PHASES = 2  # a strip moving a fractional pixel a frame is pre-rendered at this many sub-pixel offsets
TICKER_SPEED_HEIGHT = 1080  # settings.ticker.speed is pixels a second on a screen this tall
# A side column is narrower than any screen: measured as a portrait screen is, its text would be
# too small to read, so it measures in up to this many times its width.
COLUMN_UNIT_PER_WIDTH = 2.0
