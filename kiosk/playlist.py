"""What plays, in what order. Plain Python over the content model: no Qt here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.content.localize import localized
from kiosk.content.model import Content, PanelBase


@dataclass(frozen=True)
class Entry:
    """One panel in the rotation, in one language, with how long it stays on screen.

    ``panel`` is already resolved to plain text in ``lang``.
    """

    panel: PanelBase
    seconds: float
    lang: str = "en"

    @property
    def id(self) -> str:
        return self.panel.id


def playlist_at(content: Content, when: datetime) -> list[Entry]:
    """The panels that play at ``when``, in file order, once per language in turn."""
    del when  # every panel plays at every moment until schedules exist
    entries = []
    for lang in content.settings.languages:
        local = localized(content, lang)
        entries += [Entry(panel, local.duration_of(panel), lang) for panel in local.panels]
    return entries


def next_index(entries: list[Entry], current_id: str | None, step: int = 1) -> int:
    """Index of the entry ``step`` places after ``current_id`` (wrapping); 0 if it is gone."""
    ids = [entry.id for entry in entries]
    if current_id not in ids:
        return 0
    return (ids.index(current_id) + step) % len(ids)
