"""How the kiosk is operated: the command line and settings merged, and the parts that run it.

Booth (presenter mode), lobby (lock, screen, awake, systemd) and records
(play log) are separate modules; this one only decides which of them a run needs.
"""

from __future__ import annotations

import argparse
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject

from kiosk.core.content import Loaded
from kiosk.core.rotation import Showing
from kiosk.playback.player import Player
from kiosk.run.cursor import CursorHider
from kiosk.run.lock import KioskLock
from kiosk.run.playlog import PlayLog
from kiosk.run.presenter import Presenter
from kiosk.run.screens import ScreenKeeper, ScreenSpec, parse_screen
from kiosk.run.screensaver import ScreenAwake
from kiosk.run.systemd import SystemdNotifier
from kiosk.run.window import KioskWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunOptions:
    presentation: bool = False
    auto: bool = False  # presentation mode only: keep rotating on a timer as well
    lock: bool = False
    screen: ScreenSpec = None
    play_log: Path | None = None


def run_options(args: argparse.Namespace, loaded: Loaded | None) -> RunOptions:
    """The command line wins over ``settings``; a relative settings.play_log is beside the content file.

    Without good content at start (``--wait-for-content``) only the command line counts.
    """
    settings = loaded.content.settings if loaded else None
    screen = parse_screen(args.screen) if getattr(args, "screen", None) is not None else \
        settings.screen if settings else None
    play_log = Path(args.play_log) if getattr(args, "play_log", None) else None
    if play_log is None and settings and settings.play_log:
        play_log = _inside(loaded.folder, settings.play_log)
    presentation = bool(getattr(args, "presentation", False)) or bool(settings and settings.mode == "presentation")
    return RunOptions(presentation=presentation, auto=bool(getattr(args, "auto", False)),
                      lock=bool(getattr(args, "lock", False)) or bool(settings and settings.lock),
                      screen=screen, play_log=play_log)


def _inside(folder: Path, name: str) -> Path | None:
    """settings.play_log inside the content folder; the model refused ``..``, this catches a symlink out."""
    target = (folder / name).resolve()
    if target.is_relative_to(folder.resolve()):
        return target
    log.warning("settings.play_log %r leads outside the content folder (through a symlink); "
                "no play log is written. Give --play-log FILE for a file elsewhere", name)
    return None


class Operation(QObject):
    """Everything a run adds around the window and player, kept alive together."""

    def __init__(self, window: KioskWindow, player: Player, options: RunOptions) -> None:
        super().__init__(window)
        self.options, self.window = options, window
        self.presenter = Presenter(window, player, options.presentation)
        self.lock = KioskLock(window) if options.lock else None
        self.cursor = CursorHider(window, window.windowed)
        self.screens = ScreenKeeper(options.screen, window.move_to, self) if not window.windowed else None
        self.awake = ScreenAwake(self)
        self.notifier = SystemdNotifier(self)
        player.shown.connect(lambda *_: self.notifier.ready_when_painted(window))
        self.player = player
        self.play_log = PlayLog(options.play_log, self) if options.play_log else None
        self._last_shown: Showing | None = None
        player.shown.connect(self._remember)
        if self.play_log:
            player.shown.connect(self._log_play)
            self.presenter.blanked.connect(self._log_blank)
        if options.presentation and not options.auto:
            player.set_paused(True)  # the clicker drives; P still starts the rotation by hand
        log.info("mode: %s%s%s", "presentation" if options.presentation else "rotate",
                 " (auto)" if options.presentation and options.auto else "", ", locked" if options.lock else "")

    def _log_play(self, showing: Showing) -> None:
        loaded = self.player.loaded
        several = loaded is not None and len(loaded.content.settings.languages) > 1
        lang = showing.lang if several and showing.count else None
        self.play_log.panel_shown(showing.id, showing.page, loaded.digest if loaded else "", lang)

    def _log_blank(self, blank: bool) -> None:
        """A blanked screen shows no panel: end the showing, and start a new one on return."""
        if blank:
            self.play_log.close()
        elif self._last_shown is not None:
            self._log_play(replace(self._last_shown, page=0))

    def _remember(self, showing: Showing) -> None:
        self._last_shown = showing

    def start(self, waiting: bool = False) -> None:
        """Once the window is on screen: keep it awake. ``waiting`` (no good content yet): the
        waiting screen is what systemd should see as started, so say READY=1 once it is painted."""
        self.awake.start()
        if waiting:
            self.notifier.ready_when_painted(self.window)

    def stop(self) -> None:
        """After the event loop ends: close the play log's last line and let the screen blank."""
        if self.play_log:
            self.play_log.close()
        self.awake.stop()
