"""`kiosk check --size WxH`: build every slide at a size and report what fitting did to it.

Measuring text needs Qt's font metrics, so this lives outside the Qt-free content core;
the CLI calls it only when asked for a size.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from PySide6.QtCore import QSize

from kiosk.core.content import Loaded
from kiosk.core.content.loader import locate
from kiosk.core.content.model import Content
from kiosk.core.content.problems import Problem
from kiosk.core.layout import Rect, regions_at, side_content
from kiosk.core.playlist import Entry, playlist_at
from kiosk.screen.panels import PanelUnavailable
from kiosk.screen.slide import Slide
from kiosk.screen.style import style_for

Loc = tuple[str | int, ...]


def fit_problems(loaded: Loaded, size: QSize) -> list[Problem]:
    """One warning per shrink, page split, cut line or unreadable image at ``size``."""
    return locate(loaded, fit_notes(loaded, size))


def fit_notes(loaded: Loaded, size: QSize) -> list[tuple[Loc, str]]:
    """What fitting did on each slide at ``size``, by field: (loc in the file, message).

    With a layout, each panel is fitted to its region: the main area beside the column and above
    the band, or the side column, and the message says the region's size.
    """
    content = loaded.content
    languages = content.settings.languages
    index_of = {panel.id: index for index, panel in enumerate(content.panels)}
    now = datetime.now()
    notes: list[tuple[Loc, str]] = []
    for entry, region, bare in _placed_entries(content, size, now):
        style = style_for(content.settings, QSize(*region.size), loaded.folder, lang=entry.lang, screen=size,
                          bare=bare)
        where = f"at {size.width()}x{size.height()}"
        if region.size != (size.width(), size.height()):
            where += f", in the {region.width}x{region.height} {'side column' if bare else 'main area'}"
        try:
            slide = Slide(entry.panel, style)
        except PanelUnavailable as gone:
            found = [(("panels", index_of[entry.id], *gone.loc), gone.message)]
        else:
            found = [*slide.fit_notes, *[(("panels", index_of[entry.id], *loc), message)
                                         for loc, message in slide.body.fit_notes]]
            slide.deleteLater()
        suffix = f" ({entry.lang})" if len(languages) > 1 else ""
        for loc, message in found:
            note = (_in_language(content, loc, entry.lang), f"{where}{suffix}: {message}")
            if note not in notes:  # the header and footer repeat on every slide
                notes.append(note)
    return notes


def _placed_entries(content: Content, size: QSize, now: datetime) -> Iterator[tuple[Entry, Rect, bool]]:
    """Every entry that plays now, with the region it plays in (and whether that is the side column)."""
    for entry in playlist_at(content, now):
        yield entry, regions_at(content, size.width(), size.height(), now, entry.lang).main, False
    for lang in content.settings.languages:
        side = side_content(content, lang)
        column = regions_at(content, size.width(), size.height(), now, lang).column
        if side is not None and column is not None:
            for entry in playlist_at(side, now):
                yield entry, column, True


def _in_language(content: object, loc: Loc, lang: str) -> Loc:
    """Point into a translation map at the language shown, so the line is the right one."""
    value = content
    for part in loc:
        if isinstance(value, dict):
            value = value[part]
        elif isinstance(part, int):
            if not isinstance(value, (list, tuple)):
                return loc
            value = value[part]
        else:
            value = getattr(value, part, None)  # a model's field, named by the note's location
        if value is None:
            return loc
    return (*loc, lang) if isinstance(value, dict) and lang in value else loc
