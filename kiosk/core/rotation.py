"""The rotation: what plays now, which slide is on screen, and its page. No Qt here.

The player owns the timers and the widgets and asks this object where to go. A slide is
known by one thing everywhere: its ``Identity``, the panel id and the language it plays in
(a panel plays once per language). Whether a slide on screen still *looks* right is a
second, separate question: is its panel, as it plays now, the one it was built from?
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, NamedTuple

from kiosk.core.content import Loaded
from kiosk.core.playlist import Entry, index_after, playlist_at

log = logging.getLogger(__name__)

FALLBACK_ID = "_fallback"  # the title and clock shown when nothing else can play


class Identity(NamedTuple):
    """Which slide: a panel in one language. The one notion of "the same slide"."""

    id: str
    lang: str


def identity(entry: Entry) -> Identity:
    """Which slide ``entry`` is: its panel, in its language."""
    return Identity(entry.id, entry.lang)


@dataclass(frozen=True)
class Showing:
    """What the screen shows once a slide is fully on it, as the player's ``shown`` signal says."""

    entry: Entry | None  # None: the fallback title and clock
    lang: str
    page: int = 0
    index: int = 0  # where in the rotation, for "3 / 6"
    count: int = 0

    @property
    def id(self) -> str:
        """The panel id on screen, or FALLBACK_ID for the title and clock."""
        return self.entry.id if self.entry is not None else FALLBACK_ID


@dataclass(frozen=True)
class Update:
    """What a new version of the content means for the slide on screen."""

    stays: bool  # the slide on screen still plays; the index is on it
    unchanged: bool  # ...and nothing it shows changed: its panel, the settings, its dots, its files


class Rotation:
    """The entries playing, the index and page in them, and the identity of the slide on screen."""

    def __init__(self) -> None:
        self.loaded: Loaded | None = None
        self.entries: list[Entry] = []
        self.index = 0
        self.page = 0
        self.on_screen: Identity | None = None

    @property
    def current(self) -> Entry | None:
        """The entry the index is on (None when nothing plays)."""
        return self.entries[self.index] if self.entries else None

    def showing(self) -> Showing:
        """The slide on screen, with its page and place in the rotation."""
        entry = self.current
        if entry is not None and identity(entry) != self.on_screen:
            entry = None  # the fallback stands in for panels that all failed
        lang = self.on_screen.lang if self.on_screen else entry.lang if entry else ""
        return Showing(entry, lang, self.page, self.index, len(self.entries))

    # -- the content ------------------------------------------------------------------

    def start(self, loaded: Loaded, when: datetime, start_id: str | None = None) -> None:
        """Play ``loaded`` from the panel ``start_id`` (its first language), else from the slide
        on screen if it still plays, else from the first entry."""
        self.loaded = loaded
        self.entries = playlist_at(loaded.content, when)
        if start_id is not None:
            found = next((i for i, entry in enumerate(self.entries) if entry.id == start_id), None)
        else:
            found = self._index_of(self.on_screen)
        self.index, self.page = found or 0, 0

    def update(self, loaded: Loaded, when: datetime, *, files_changed: bool = False) -> Update:
        """Take a new version while playing: stay on the slide on screen, or on the next one that
        still plays. ``files_changed``: a file the slide on screen shows was replaced."""
        old = [identity(entry) for entry in self.entries]
        old_panel = self.current.panel if self.current is not None else None
        old_settings = self.loaded.content.settings if self.loaded is not None else None
        self.loaded = loaded
        self.entries = playlist_at(loaded.content, when)
        now = [identity(entry) for entry in self.entries]
        keep = next((i for i in old[self.index:] + old[:self.index] if i in now), None)
        self.index = now.index(keep) if keep is not None else 0
        stays = keep is not None and keep == self.on_screen
        unchanged = stays and now == old and not files_changed and self.entries[self.index].panel == old_panel \
            and loaded.content.settings == old_settings
        if not unchanged:
            self.page = 0
        return Update(stays, unchanged)

    def refresh(self, when: datetime) -> bool:
        """Ask the playlist what plays now. True when the current entry still plays as it is (the
        index stays on it); otherwise the index moves to what follows it in the file, or stays on
        a panel that redraws in place (an agenda whose next event began)."""
        return self._refresh(when) == "same"

    def _refresh(self, when: datetime) -> Literal["same", "redrawn", "moved"]:
        current = self.current
        if self.loaded is None:
            return "same" if current is not None else "moved"
        before, self.entries = self.entries, playlist_at(self.loaded.content, when)
        if [e.id for e in before] != [e.id for e in self.entries]:  # unattended: say why the screen changed
            log.info("schedule: now playing %s", ", ".join(e.id for e in self.entries) or "nothing (the clock)")
        found = self._index_of(identity(current)) if current is not None else None
        if current is not None and found is not None:
            playing = self.entries[found].panel
            if playing == current.panel:
                self.index = found
                return "same"
            if playing.redraws_in_place():
                self.index, self.page = found, 0
                return "redrawn"
        # An item that expired changes how the panel looks: it gives way, as a panel that left does.
        self.index, self.page = index_after(self.loaded.content, self.entries, current.id if current else None), 0
        return "moved"

    # -- moving -----------------------------------------------------------------------

    def advance(self, when: datetime, page_count: int) -> None:
        """The next page of the slide on screen or the next entry, asking the playlist again first."""
        if self._refresh(when) == "moved":
            return  # the index already moved on to what follows
        if self.page + 1 < page_count:
            self.page += 1
        else:
            self.index, self.page = (self.index + 1) % max(1, len(self.entries)), 0

    def back(self) -> None:
        """The previous page, or the previous entry."""
        if self.page > 0:
            self.page -= 1
        else:
            self.index, self.page = (self.index - 1) % max(1, len(self.entries)), 0

    def jump(self, index: int) -> int:
        """Go to the first page of ``entries[index]``: the direction moved (1 or -1), or 0 for no move."""
        if not (0 <= index < len(self.entries)) or (index == self.index and not self.page):
            return 0
        direction = 1 if index >= self.index else -1
        self.index, self.page = index, 0
        return direction

    def around(self, page_count: int) -> list[int]:
        """The entries ``advance`` and ``back`` would land on (the next first), if the schedule
        stays as it is; a move between pages of the slide on screen lands on no other entry."""
        count = len(self.entries)
        after = (self.index + 1) % count if count and self.page + 1 >= page_count else None
        before = (self.index - 1) % count if count and self.page == 0 else None
        return list(dict.fromkeys(i for i in (after, before) if i is not None and i != self.index))

    def restart(self, when: datetime) -> None:
        """From the first entry again (the screen woke up), asking the playlist what plays now."""
        if self.loaded is not None:
            self.entries = playlist_at(self.loaded.content, when)
        self.index = self.page = 0

    def landed(self, index: int | None, page: int, lang: str) -> None:
        """The player put ``entries[index]`` (at ``page``) on screen; None: the fallback, in ``lang``."""
        if index is None:
            self.on_screen = Identity(FALLBACK_ID, lang)
            return
        self.index, self.page = index, page
        self.on_screen = identity(self.entries[index])

    def is_on_screen(self, entry: Entry | None) -> bool:
        """True when ``entry`` is the slide on screen (the same panel, in the same language)."""
        return entry is not None and identity(entry) == self.on_screen

    def _index_of(self, wanted: Identity | None) -> int | None:
        return next((i for i, entry in enumerate(self.entries) if identity(entry) == wanted), None)
