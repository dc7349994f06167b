"""Load the bundled typeface, so the kiosk looks the same on every machine."""

from __future__ import annotations

import importlib.resources
import logging

from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)

_FACES = ("Regular", "It", "Semibold", "Bold", "Light")
_loaded: list[str] = []


def load_fonts() -> list[str]:
    """Register Source Sans Pro from the font-source-sans-pro package (once)."""
    if _loaded:
        return _loaded
    files = importlib.resources.files("font_source_sans_pro") / "files"
    for face in _FACES:
        with importlib.resources.as_file(files / f"SourceSansPro-{face}.ttf") as path:
            font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load SourceSansPro-%s.ttf", face)
            continue
        _loaded.extend(QFontDatabase.applicationFontFamilies(font_id))
    return _loaded
