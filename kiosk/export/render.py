"""Render every panel to PNG offscreen, in play order, with animations at their end."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageWriter, QPixmap
from PySide6.QtWidgets import QWidget

from kiosk.core.content import Loaded
from kiosk.core.layout import regions_at
from kiosk.core.playlist import playlist_at
from kiosk.export.layout_render import framed
from kiosk.playback.slide_builder import build_slide
from kiosk.screen.fallback import AnySlide, FallbackSlide
from kiosk.screen.style import style_for


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
    written: list[Path] = []
    for name, slide in screens(loaded, size, when):
        path = out_dir / f"{name}.png"
        save_png(slide.window().grab(), path)  # the whole screen: the slide's layout frame, if it has one
        written.append(path)
    return written


def png_bytes(picture: QPixmap | QImage) -> bytes:
    """The picture encoded as PNG in memory, so Python writes it and a write error keeps its reason
    (QPixmap.save and QImage.save only say False)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image = picture.toImage() if isinstance(picture, QPixmap) else picture
    QImageWriter(buffer, QByteArray(b"PNG")).write(image)  # what save() does, with a format both bindings type alike
    buffer.close()
    return bytes(data.data())


def save_png(pixmap: QPixmap, path: Path) -> None:
    """Write the pixmap as PNG; a full disk or a read-only folder is a RenderError with its reason."""
    try:
        path.write_bytes(png_bytes(pixmap))
    except OSError as exc:
        path.unlink(missing_ok=True)  # never leave half an image behind
        raise RenderError(f"cannot write {path}: {exc.strerror or exc}; free some space or "
                          "choose another --out folder") from None


def screens(loaded: Loaded, size: QSize, when: datetime | None = None, *,
            for_print: bool = False) -> Iterator[tuple[str, AnySlide]]:
    """Each screen of the rotation at ``when``, as (file name stem, slide on that page).

    The slide is built off screen with its animations at their end; it is valid until the
    next item is asked for. A panel that fails to build is left out (and logged).
    """
    when = when or datetime.now()
    entries = playlist_at(loaded.content, when)
    if not entries:
        lang = loaded.content.settings.languages[0]
        main = regions_at(loaded.content, size.width(), size.height(), when, lang).main
        style = style_for(loaded.content.settings, QSize(*main.size), loaded.folder, for_print=for_print,
                          clock=lambda: when, screen=size)
        fallback = FallbackSlide(style, clock=lambda: when)
        yield from _shown("00-fallback", fallback, 1, framed(fallback, loaded, size, when, lang, for_print=for_print))
        return
    several = len(loaded.content.settings.languages) > 1
    for number, entry in enumerate(entries, start=1):
        main = regions_at(loaded.content, size.width(), size.height(), when, entry.lang).main
        style = style_for(loaded.content.settings, QSize(*main.size), loaded.folder, lang=entry.lang,
                          for_print=for_print, clock=lambda: when, screen=size)
        slide = build_slide(entry, style, (number - 1, len(entries)))
        if slide is None:
            continue  # logged with its id; the other panels still render
        pages = slide.body.page_count()
        frame = framed(slide, loaded, size, when, entry.lang, for_print=for_print)
        for page, shown in enumerate(_shown(f"{number:02d}-{entry.id}", slide, pages, frame)):
            suffix = (f"-{entry.lang}" if several else "") + (f"-p{page + 1}" if pages > 1 else "")
            yield shown[0] + suffix, shown[1]


def _shown(name: str, slide: AnySlide, pages: int = 1, frame: QWidget | None = None) -> Iterator[tuple[str, AnySlide]]:
    shown = frame or slide
    shown.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    shown.show()
    slide.body.finish()
    try:
        for page in range(pages):
            slide.body.set_page(page)
            yield name, slide
    finally:
        shown.close()
        shown.deleteLater()
