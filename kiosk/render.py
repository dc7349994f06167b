"""Render every panel to PNG offscreen, in play order, with animations at their end."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSize, Qt

from kiosk.content import Loaded
from kiosk.guard import build_slide
from kiosk.playlist import playlist_at
from kiosk.style import style_for


def render_deck(loaded: Loaded, out_dir: Path, size: QSize, when: datetime | None = None) -> list[Path]:
    """Write ``NN-ID.png`` per panel (``NN-ID-pK.png`` per page) and return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = playlist_at(loaded.content, when or datetime.now())
    style = style_for(loaded.content.settings, size, loaded.folder)
    written: list[Path] = []
    for number, entry in enumerate(entries, start=1):
        slide = build_slide(entry, style, (number - 1, len(entries)))
        if slide is None:
            continue  # logged with its id; the other panels still render
        slide.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        slide.show()
        slide.body.finish()
        pages = slide.body.page_count()
        for page in range(pages):
            slide.body.set_page(page)
            suffix = f"-p{page + 1}" if pages > 1 else ""
            path = out_dir / f"{number:02d}-{entry.id}{suffix}.png"
            slide.grab().save(str(path))
            written.append(path)
        slide.close()
        slide.deleteLater()
    return written
