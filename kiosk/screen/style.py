"""Fonts and colours for one screen size: the theme turned into Qt objects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLocale, QSize
from PySide6.QtGui import QColor, QFont

from kiosk.core import theme
from kiosk.core.content.localize import localized_model
from kiosk.core.content.model import Settings


def _ligature_tags() -> tuple[QFont.Tag, ...] | None:
    """The OpenType ligature features; None where PySide6 (before 6.9) can't make a Tag from text."""
    try:
        # 6.8's stubs lack the str constructor that newer releases have: the ignore is needed on one only.
        return tuple(QFont.Tag(name) for name in ("liga", "clig", "dlig"))  # type: ignore[call-overload,unused-ignore]
    except TypeError:
        return None


LIGATURE_TAGS = _ligature_tags()


def without_ligatures(font: QFont) -> None:
    """Turn ligatures off (for print: Qt's PDF writer can't map their glyphs back to letters)."""
    if LIGATURE_TAGS is None:  # unshaped Latin text has no ligatures (nor kerning: print only)
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    for tag in LIGATURE_TAGS or ():
        font.setFeature(tag, 0)


@dataclass(frozen=True)
class Style:
    """Everything a panel needs to look right at one size, in one language.

    ``settings`` holds plain text (already resolved for ``lang`` by ``style_for``).
    """

    size: QSize
    settings: Settings
    locale: QLocale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    scale: float = 1.0
    folder: Path = Path(".")  # where relative image paths start
    lang: str = "en"
    # For print (the PDF): no ligatures, whose glyphs Qt's PDF writer can't map back to
    # letters, so "after" would read "a er" to a search.
    ligatures: bool = True
    clock: Callable[[], datetime] = field(default=datetime.now, compare=False)  # the header clock's time
    # A region of a layout (settings.ticker, settings.side): ``size`` is the region's, ``screen`` the
    # whole screen's (legibility floors are of the real screen); ``bare`` slides (the side column's)
    # have no header or footer of their own.
    screen: QSize | None = None
    bare: bool = False

    @property
    def palette(self) -> theme.Palette:
        """The colours of this content's theme."""
        return theme.palette_for(self.settings.theme)

    @property
    def portrait(self) -> bool:
        """True on a screen taller than it is wide."""
        return self.size.height() > self.size.width()

    @property
    def unit(self) -> float:
        """The length theme fractions refer to: the height, narrowed on portrait screens."""
        per_width = theme.COLUMN_UNIT_PER_WIDTH if self.bare else theme.UNIT_PER_WIDTH
        return min(self.size.height(), self.size.width() * per_width)

    def px(self, fraction: float) -> int:
        """A length as a fraction of the unit (the screen height on landscape screens), in pixels."""
        return max(1, round(self.unit * fraction))

    @property
    def screen_height(self) -> int:
        """The height of the whole screen, of which a region (``size``) may be a part."""
        return (self.screen or self.size).height()

    @property
    def floor_px(self) -> float:
        """The smallest body text fitting may use: 2.2 % of the screen height, whatever font_scale says."""
        return theme.BODY_FLOOR * self.screen_height

    def text_px(self, fraction: float) -> int:
        """Pixel size of text at ``fraction``: font_scale and fit scale applied, never under the floor."""
        nominal = self.unit * fraction * self.settings.font_scale
        # Fitting takes room from display text (titles, numbers) faster than from reading text.
        shrink = self.scale ** 1.5 if fraction >= theme.DISPLAY and self.scale < 1 else self.scale
        fitted = nominal * shrink
        if fitted < self.floor_px:  # text already smaller than the floor (fine print) stays as designed
            fitted = min(nominal, self.floor_px)
        return max(6, round(fitted))

    def font(self, fraction: float, weight: QFont.Weight = QFont.Weight.Normal,
             italic: bool = False) -> QFont:
        """The theme font at ``fraction`` (sized as ``text_px``), with fallbacks for scripts it lacks."""
        font = QFont()
        # The theme font first, then fonts for what it lacks (CJK), when the system has them.
        font.setFamilies([self.settings.theme.font, *theme.FALLBACK_FONTS])
        font.setPixelSize(self.text_px(fraction))
        font.setWeight(weight)
        font.setItalic(italic)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        if not self.ligatures:
            without_ligatures(font)
        return font

    def color(self, name: str) -> QColor:
        """The palette colour called ``name`` (``accent``, ``muted``, ...) as a QColor."""
        return QColor(getattr(self.palette, name))

    def number(self, value: int) -> str:
        """A whole number in the language's format: 213,569 (en), 213.569 (es)."""
        return self.locale.toString(int(value))

    def with_scale(self, scale: float) -> Style:
        """The same style with text at ``scale`` times the theme's sizes: how fitting shrinks a panel."""
        return replace(self, scale=scale)


def style_for(settings: Settings, size: QSize, folder: Path, lang: str | None = None, *,
              for_print: bool = False, clock: Callable[[], datetime] = datetime.now,
              screen: QSize | None = None, bare: bool = False) -> Style:
    """The style for one screen size in ``lang`` (default: the first language); ``clock`` tells the
    header clock the time (a render ``--at`` a moment gives that moment). ``size`` may be a region of
    a ``screen``; ``bare``: the region's slides have no header or footer."""
    lang = lang or settings.languages[0]
    local = localized_model(settings, lang, settings.languages[0])
    return Style(QSize(size), local, QLocale(lang), folder=folder, lang=lang, clock=clock,
                 ligatures=not for_print, screen=QSize(screen) if screen is not None else None, bare=bare)
