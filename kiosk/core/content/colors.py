"""Colour arithmetic below the theme: WCAG contrast, blending, and the ticker band's colour.

The content checks read these without the theme (which imports the content package).
"""

from __future__ import annotations


def relative_luminance(color: str) -> float:
    """WCAG 2.x relative luminance of #rrggbb."""
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(color[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours: 1 (the same) to 21 (black on white)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


BAND_TINT = 0.12  # the ticker band: this much of the text colour over the background


def mix(front: str, back: str, amount: float) -> str:
    """Blend two #rrggbb colours; ``amount`` of ``front`` over ``back``."""
    channels = []
    for i in (1, 3, 5):
        f, b = int(front[i:i + 2], 16), int(back[i:i + 2], 16)
        channels.append(round(f * amount + b * (1 - amount)))
    return "#" + "".join(f"{c:02x}" for c in channels)


def band_color(text: str, background: str) -> str:
    """The ticker band's colour: a step lighter than the cards, so the band reads as its own strip."""
    return mix(text, background, BAND_TINT)
