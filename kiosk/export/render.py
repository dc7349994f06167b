"""Render every panel to PNG offscreen, in play order, with animations at their end."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSize, Qt

from kiosk.core.content import Loaded
from kiosk.core.playlist import playlist_at
from kiosk.playback.slide_builder import build_slide
from kiosk.screen.fallback import FallbackSlide
from kiosk.screen.style import Style, style_for


def render_deck(loaded: Loaded, out_dir: Path, size: QSize, when: datetime | None = None) -> list[Path]:
    """Write ``NN-ID.png`` per panel (``NN-ID-pK.png`` per page) and return the paths.

    When nothing is scheduled at ``when``, the one image is ``00-fallback.png``: the title and a clock.
    With several languages the rotation repeats per language: ``NN-ID-LANG[-pK].png``.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    when = when or datetime.now()
    entries = playlist_at(loaded.content, when)
    if not entries:
        style = style_for(loaded.content.settings, size, loaded.folder, clock=lambda: when)
        return [_render_fallback(style, when, out_dir / "00-fallback.png")]
    several = len(loaded.content.settings.languages) > 1
    written: list[Path] = []
    for number, entry in enumerate(entries, start=1):
        style = style_for(loaded.content.settings, size, loaded.folder, lang=entry.lang, clock=lambda: when)
        slide = build_slide(entry, style, (number - 1, len(entries)))
        if slide is None:
            continue  # logged with its id; the other panels still render
        slide.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        slide.show()
        slide.body.finish()
        pages = slide.body.page_count()
        for page in range(pages):
            slide.body.set_page(page)
            suffix = (f"-{entry.lang}" if several else "") + (f"-p{page + 1}" if pages > 1 else "")
            path = out_dir / f"{number:02d}-{entry.id}{suffix}.png"
            slide.grab().save(str(path))
            written.append(path)
        slide.close()
        slide.deleteLater()
    return written


def _render_fallback(style: Style, when: datetime, path: Path) -> Path:
    slide = FallbackSlide(style, clock=lambda: when)
    slide.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    slide.show()
    slide.grab().save(str(path))
    slide.close()
    slide.deleteLater()
    return path
