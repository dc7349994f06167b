"""Fonts and colours for one screen size: the theme turned into Qt objects."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QLocale, QSize
from PySide6.QtGui import QColor, QFont

from kiosk import theme
from kiosk.content.model import Settings


@dataclass(frozen=True)
class Style:
    """Everything a panel needs to look right at one size."""

    size: QSize
    settings: Settings
    locale: QLocale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    scale: float = 1.0
    folder: Path = Path(".")  # where relative image paths start

    @property
    def palette(self) -> theme.Palette:
        t = self.settings.theme
        return theme.Palette(t.background, t.text, t.accent)

    def px(self, fraction: float) -> int:
        """A length as a fraction of the screen height, in pixels."""
        return max(1, round(self.size.height() * fraction))

    def font(self, fraction: float, weight: QFont.Weight = QFont.Weight.Normal,
             italic: bool = False) -> QFont:
        font = QFont(self.settings.theme.font)
        font.setPixelSize(max(6, round(self.size.height() * fraction * self.scale)))
        font.setWeight(weight)
        font.setItalic(italic)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def color(self, name: str) -> QColor:
        return QColor(getattr(self.palette, name))

    def number(self, value: int) -> str:
        return self.locale.toString(int(value))

    def with_scale(self, scale: float) -> Style:
        return replace(self, scale=scale)


def style_for(settings: Settings, size: QSize, folder: Path) -> Style:
    return Style(QSize(size), settings, folder=folder)
