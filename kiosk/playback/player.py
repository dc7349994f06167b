"""The player: one rotation timer, slides built off-screen, and pixmap transitions."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.core.content import Loaded
from kiosk.core.content.schedule import instant
from kiosk.core.playlist import Entry, index_after, next_change, playlist_at
from kiosk.playback.slide_builder import first_working_slide, start_panel
from kiosk.playback.transition import Transition
from kiosk.screen.decode import decoded
from kiosk.screen.fallback import FALLBACK_ID, FallbackSlide
from kiosk.screen.slide import Slide
from kiosk.screen.style import Style, style_for

log = logging.getLogger(__name__)

# The wall clock can jump (NTP after boot, daylight saving, a suspended machine), so the
# player never waits longer than this before asking the schedule again.
RECHECK_SECONDS = 60.0


class Player(QWidget):
    """Shows the playlist's panels one after another, forever, in file order."""

    shown = Signal(str, int)  # panel id and page, once a slide is fully on screen

    def __init__(self, parent: QWidget | None = None, *, time_scale: float = 1.0,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(parent)
        self.time_scale = time_scale
        self.clock = clock
        self.loaded: Loaded | None = None
        self.entries: list[Entry] = []
        self.index = self.page = 0
        self.paused = False
        self.slide: Slide | None = None
        self._built_for = QSize()
        self._generation = 0
        self._pending = -1  # the generation whose transition, once done, brings its slide in
        self._painted_digest: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.next)
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setTimerType(Qt.TimerType.PreciseTimer)
        self._recheck.timeout.connect(self._recheck_schedule)
        self._transition = Transition(self)
        self._transition.finished.connect(self._transition_done)
        decoded.ready.connect(self._image_decoded)  # a bound method: delivered on the UI thread

    # -- what plays -------------------------------------------------------------------

    def set_content(self, loaded: Loaded, start_id: str | None = None) -> None:
        """Play ``loaded``, staying on the current panel (by id) if it still exists."""
        keep = start_id or self.current_id
        self.loaded = loaded
        self.entries = playlist_at(loaded.content, self.clock())
        ids = [entry.id for entry in self.entries]
        self.index = ids.index(keep) if keep in ids else 0
        self.page = 0
        self._present(direction=1, animate=False)
        self._arm_recheck()

    def update_content(self, loaded: Loaded, *, refresh: bool = False) -> None:
        """Take a new version of the content while playing (a live reload).

        The slide on screen is rebuilt at once (a cut) only if what it shows changed: its panel,
        the settings, the rotation's panels (its dots), or (``refresh``) a file it shows, such
        as a photo. Otherwise it stays, its timer restarts, and the new version takes over at
        the next transition. A removed panel gives way to the next one.
        """
        if self.loaded is None or self.slide is None or not self.entries:
            self.set_content(loaded)
            return
        # A panel plays once per language, so an entry is known by its id and language.
        old_ids, old_panel = [(e.id, e.lang) for e in self.entries], self.entries[self.index].panel
        old_settings = self.loaded.content.settings
        self.loaded = loaded
        self.entries = playlist_at(loaded.content, self.clock())
        ids = [(entry.id, entry.lang) for entry in self.entries]
        keep = next((i for i in old_ids[self.index:] + old_ids[:self.index] if i in ids), None)
        self.index = ids.index(keep) if keep is not None else 0
        still = keep is not None and keep == (self.current_id, self.slide.lang)
        unchanged = still and self.entries[self.index].panel == old_panel \
            and loaded.content.settings == old_settings and not refresh
        if unchanged and ids == old_ids:
            self._log_first_paint()  # the screen already shows what this version says
            if not self._transition.running:
                self._schedule()  # staff who just saved get the panel's full time again
            return
        self.page = 0
        self._present(direction=1, animate=not still)

    @property
    def current_id(self) -> str | None:
        return self.slide.panel_id if self.slide else None

    @property
    def page_count(self) -> int:
        return self.slide.body.page_count() if self.slide else 1

    # -- moving -----------------------------------------------------------------------

    def next(self) -> None:
        """The next page or panel, asking the playlist again: windows open and close."""
        still_playing = self._refresh()
        if still_playing and self.page + 1 < self.page_count:
            self.page += 1
        elif still_playing:
            self.index, self.page = (self.index + 1) % max(1, len(self.entries)), 0
        self._present(direction=1)

    def _refresh(self) -> bool:
        """Ask the playlist what plays now. True when the slide on screen still does (``index``
        stays on it); otherwise ``index`` moves to what follows it in the file."""
        current = self.entries[self.index] if self.entries else None
        if self.loaded is None:
            return current is not None
        before, self.entries = self.entries, playlist_at(self.loaded.content, self.clock())
        if [e.id for e in before] != [e.id for e in self.entries]:  # unattended: say why the screen changed
            log.info("schedule: now playing %s", ", ".join(e.id for e in self.entries) or "nothing (the clock)")
        if current is not None and current in self.entries:
            self.index = self.entries.index(current)
            return True
        self.index, self.page = index_after(self.loaded.content, self.entries, current and current.id), 0
        return False

    def previous(self) -> None:
        if self.page > 0:
            self.page -= 1
        else:
            self.index, self.page = (self.index - 1) % max(1, len(self.entries)), 0
        self._present(direction=-1)

    def jump(self, index: int) -> None:
        if 0 <= index < len(self.entries) and (index != self.index or self.page):
            direction = 1 if index >= self.index else -1
            self.index, self.page = index, 0
            self._present(direction=direction)

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        if self.paused:
            self._timer.stop()
        elif not self._transition.running:
            self._schedule()

    # -- showing ----------------------------------------------------------------------

    def _present(self, direction: int, animate: bool = True) -> None:
        if self.loaded is None or self.size().isEmpty():
            return
        entry = self.entries[self.index] if self.entries else None
        if entry is None and animate and self.current_id == FALLBACK_ID:
            return  # the clock is already up, and keeps itself current
        self._generation += 1
        self._transition.complete()
        self._timer.stop()
        outgoing = self.slide.grab() if self.slide and animate else None
        if entry is not None and self.slide is not None and self.slide.panel_id == entry.id \
                and self.slide.body.panel == entry.panel and self.slide.lang == entry.lang \
                and self._built_for == self.size() and animate:
            self.slide.body.set_page(self.page)
        else:
            self._replace_slide(direction)
        settings = self.loaded.content.settings
        # reduce_motion (accessibility): an instant change instead of a crossfade
        kind = "none" if settings.reduce_motion else settings.transition
        if outgoing is None or kind == "none":
            self._arrive()
            return
        self._pending = self._generation
        self._transition.run(outgoing, self.slide.grab(), kind, direction)

    def _replace_slide(self, direction: int = 1) -> None:
        # A panel that fails to build or paint is skipped (kiosk/playback/slide_builder.py), so the index may move.
        found = first_working_slide(self.entries, self.index, direction, self._style_for, self, self.page)
        if found is None:  # nothing scheduled, or nothing works: the title and a clock, never black
            slide = FallbackSlide(self._style_for(None), clock=self.clock, parent=self)
        else:
            self.index, self.page, slide = found
        slide.body.set_page(self.page)
        slide.move(0, 0)
        slide.show()
        if self.slide is not None:
            self.slide.hide()
            self.slide.deleteLater()
        self.slide = slide
        self._built_for = QSize(self.size())

    def _style_for(self, entry: Entry | None) -> Style:
        # entry.panel is already in entry.lang (see playlist_at); the style brings the
        # header, footer and number formats in the same language.
        lang = entry.lang if entry is not None else None
        return style_for(self.loaded.content.settings, self.size(), self.loaded.folder, lang=lang)

    def _image_decoded(self, _key: object) -> None:
        """An image the slide on screen waited for is decoded: draw the slide again, with it."""
        if self.slide is not None and getattr(self.slide.body, "incomplete", False) and self.loaded:
            self.update_content(self.loaded, refresh=True)

    def _transition_done(self) -> None:
        if self._pending == self._generation:
            self._arrive()

    def _arrive(self) -> None:
        if self.page == 0:
            start_panel(self.slide)
        self._log_first_paint()
        self.shown.emit(self.slide.panel_id, self.page)
        self._schedule()

    def _log_first_paint(self) -> None:
        """The benchmarks read this line: when a content version first reached the screen."""
        digest = self.loaded.digest if self.loaded else ""
        if digest != self._painted_digest:
            self._painted_digest = digest
            log.info("content %s painted at monotonic=%.6f", digest, time.monotonic())

    def _schedule(self) -> None:
        if self.paused or not self.entries:
            return
        seconds = self.entries[self.index].seconds / max(1, self.page_count)
        self._timer.start(max(1, round(seconds * 1000 * self.time_scale)))

    def _arm_recheck(self) -> None:
        """Look at the schedule again when a window next opens or closes (or in a minute)."""
        now = self.clock()
        change = next_change(self.loaded.content, now) if self.loaded else None
        seconds = RECHECK_SECONDS if change is None else min(RECHECK_SECONDS, instant(change) - instant(now))
        self._recheck.start(max(1, round(seconds * 1000 * self.time_scale)))

    def _recheck_schedule(self) -> None:
        """A window opened or closed: keep the slide on screen if it still plays, else move on."""
        if not self.paused and not self._refresh():
            self._present(direction=1)
        self._arm_recheck()

    @property
    def interval_ms(self) -> int:
        """How long the slide on screen was scheduled to stay (-1 when paused or idle)."""
        return self._timer.interval() if self._timer.isActive() else -1

    @property
    def remaining_ms(self) -> int:
        """Milliseconds until the next automatic change (-1 when paused or idle)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        if self.loaded is not None and self.size() != self._built_for:
            self._transition.complete()
            self._present(direction=1, animate=False)
