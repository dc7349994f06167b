"""Live content: each good save reaches the screen; a bad one only raises a marker.

The screen never shows a half-finished edit. While nothing good was ever loaded
(``--wait-for-content``), a calm waiting screen with the errors stands in.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.core import theme
from kiosk.core.content import ContentError, Loaded
from kiosk.core.content.model import Settings
from kiosk.playback.player import Player
from kiosk.run.live.watcher import DEBOUNCE_MS, QUIET_MS, ContentWatcher, panel_files
from kiosk.screen.fallback import FallbackSlide
from kiosk.screen.problem_marker import ProblemMarker, detail_text, headline
from kiosk.screen.style import style_for
from kiosk.screen.text import text_label

log = logging.getLogger(__name__)

WAITING_TITLE = "Waiting for content"


class LiveContent(QObject):
    """Connects the file watcher to the player, the marker and the waiting screen."""

    def __init__(self, path: str | Path, player: Player, window: QWidget, *, windowed: bool = False,
                 start_id: str | None = None, debounce_ms: int = DEBOUNCE_MS, quiet_ms: int = QUIET_MS) -> None:
        super().__init__(window)
        self.player, self.window, self.start_id = player, window, start_id
        self.marker = ProblemMarker(window, detailed=windowed)
        self.waiting: WaitingScreen | None = None
        self.watcher = ContentWatcher(path, debounce_ms=debounce_ms, quiet_ms=quiet_ms, parent=self)
        self.watcher.loaded.connect(self._apply)
        self.watcher.failed.connect(self._refuse)

    def start(self, loaded: Loaded | None) -> None:
        """Show ``loaded`` (or wait for good content when it is None) and start watching."""
        if loaded is not None:
            self._first_show(loaded)
        self.watcher.start(loaded)

    def _apply(self, loaded: Loaded, changed_files: frozenset[Path]) -> None:
        for warning in loaded.warnings:
            log.warning("%s", warning)
        if self.waiting is not None or not self.marker.isHidden():
            log.info("%s is valid again", loaded.path)
        log.info("content %s loaded from %s", loaded.digest, loaded.path)
        self.marker.clear()
        if self.waiting is not None:
            self.waiting.close_screen()
            self.waiting = None
        if self.player.loaded is None:
            self._first_show(loaded)
        else:
            on_screen = next((p for p in loaded.content.panels if p.id == self.player.current_id), None)
            shown_files = set(panel_files(on_screen, loaded.folder)) if on_screen else set()
            self.player.update_content(loaded, refresh=bool(shown_files & changed_files))

    def _first_show(self, loaded: Loaded) -> None:
        """Start on ``--panel`` when the content has it; say so when it doesn't, instead of silently
        starting at the first panel."""
        ids = [panel.id for panel in loaded.content.panels]
        if self.start_id is not None and self.start_id not in ids:
            log.warning("--panel %s: no panel has this id, so the kiosk starts at the first one (%s)",
                        self.start_id, ", ".join(ids))
        self.player.set_content(loaded, start_id=self.start_id)

    def _refuse(self, error: ContentError) -> None:
        for problem in error.problems:
            log.error("%s", problem)
        if self.player.loaded is not None:
            log.info("still showing content %s, the last good version", self.player.loaded.digest)
            self.marker.show_problems(error, self.player.loaded.content.settings)
        elif self.waiting is None:
            log.info("waiting for valid content in %s", error.problems[0].path)
            self.waiting = WaitingScreen(self.window, error)
        else:
            self.waiting.show_error(error)


class WaitingScreen(QObject):
    """The fallback slide over the whole window, saying what is wrong with the file."""

    def __init__(self, window: QWidget, error: ContentError) -> None:
        super().__init__(window)
        self.window, self.error = window, error
        self.slide: FallbackSlide | None = None
        self.show_error(error)
        window.installEventFilter(self)

    @property
    def text(self) -> str:
        """The words the waiting screen shows (for tests and the log)."""
        if self.slide is None:
            return ""
        labels: Iterable[QLabel] = self.slide.findChildren(QLabel)
        return "\n".join(label.text() for label in labels)

    def show_error(self, error: ContentError) -> None:
        """Show why the content file is refused, in place of the previous screen."""
        self.error = error
        old, self.slide = self.slide, self._build()
        self.slide.show()
        self.slide.raise_()
        if old is not None:
            old.deleteLater()

    def close_screen(self) -> None:
        """Take the waiting screen down: good content has arrived."""
        self.window.removeEventFilter(self)
        if self.slide is not None:
            self.slide.hide()
            self.slide.deleteLater()
        self.deleteLater()

    def _build(self) -> FallbackSlide:
        style = style_for(Settings(title=WAITING_TITLE), self.window.size(), Path("."))
        message = f"{headline(self.error)}. The display starts as soon as the file is fixed and saved."
        slide = FallbackSlide(style, message, parent=self.window)
        details = text_label(detail_text(self.error), style.font(theme.FINE_PRINT), style.color("muted"))
        details.setFixedWidth(round(style.size.width() * theme.MARKER_DETAIL_WIDTH))
        slide.column.insertWidget(slide.column.count() - 1, details, 0, Qt.AlignmentFlag.AlignHCenter)
        return slide

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Rebuild the waiting screen when the window changes size."""
        if event.type() == QEvent.Type.Resize and self.slide is not None \
                and self.slide.size() != self.window.size():
            self.show_error(self.error)
        return False

