"""Render every panel to PNG offscreen, in play order, with animations at their end."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QPixmap

from kiosk.core.content import Loaded
from kiosk.core.playlist import playlist_at
from kiosk.playback.slide_builder import build_slide
from kiosk.screen.fallback import FallbackSlide
from kiosk.screen.style import Style, style_for


class RenderError(Exception):
    """The images can't be written where ``--out`` says; the message is one line naming cause and fix."""


def render_deck(loaded: Loaded, out_dir: Path, size: QSize, when: datetime | None = None) -> list[Path]:
    """Write ``NN-ID.png`` per panel (``NN-ID-pK.png`` per page) and return the paths.

    When nothing is scheduled at ``when``, the one image is ``00-fallback.png``: the title and a clock.
    With several languages the rotation repeats per language: ``NN-ID-LANG[-pK].png``.
    Raises RenderError when the folder can't be made or an image can't be written.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise RenderError(f"--out {out_dir} is a file, not a folder; name a folder for the images") from None
    except OSError as exc:
        raise RenderError(f"cannot make the folder {out_dir}: {exc.strerror or exc}") from None
    when = when or datetime.now()
    entries = playlist_at(loaded.content, when)
    if not entries:
        style = style_for(loaded.content.settings, size, loaded.folder)
        return [_render_fallback(style, when, out_dir / "00-fallback.png")]
    several = len(loaded.content.settings.languages) > 1
    written: list[Path] = []
    for number, entry in enumerate(entries, start=1):
        style = style_for(loaded.content.settings, size, loaded.folder, lang=entry.lang)
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
            save_png(slide.grab(), path)
            written.append(path)
        slide.close()
        slide.deleteLater()
    return written


def _render_fallback(style: Style, when: datetime, path: Path) -> Path:
    slide = FallbackSlide(style, clock=lambda: when)
    slide.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    slide.show()
    save_png(slide.grab(), path)
    slide.close()
    slide.deleteLater()
    return path


def save_png(pixmap: QPixmap, path: Path) -> None:
    """Encode in memory, then write with Python: a full disk or a read-only folder is then an
    error with its reason (QPixmap.save only says False)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    buffer.close()
    try:
        path.write_bytes(bytes(data))
    except OSError as exc:
        path.unlink(missing_ok=True)  # never leave half an image behind
        raise RenderError(f"cannot write {path}: {exc.strerror or exc}; free some space or "
                          "choose another --out folder") from None
