"""How the kiosk is operated: the command line and settings merged, and the parts that run it.

Booth (presenter mode), lobby (lock, screen, awake, systemd) and records
(play log) are separate modules; this one only decides which of them a run needs.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, SignalInstance

from kiosk.core.content import Loaded
from kiosk.core.content.localize import pick
from kiosk.core.rotation import Showing
from kiosk.core.urgent import urgent_path
from kiosk.playback.player import Player
from kiosk.playback.stage import Stage
from kiosk.run.input.cursor import CursorHider
from kiosk.run.input.keys import KeyHandler
from kiosk.run.input.lock import KioskLock
from kiosk.run.input.presenter import Presenter
from kiosk.run.live.urgent_takeover import UrgentTakeover
from kiosk.run.power.display_power import DisplayPower
from kiosk.run.power.screen_power import ScreenPower
from kiosk.run.power.screensaver import ScreenAwake
from kiosk.run.process.systemd import SystemdNotifier
from kiosk.run.records.playlog import PlayLog
from kiosk.run.records.status_files import StatusFiles
from kiosk.run.window.screens import ScreenKeeper, ScreenSpec, parse_screen
from kiosk.run.window.window import KioskWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunOptions:
    """How this run is operated: the command line merged over the content's settings."""

    presentation: bool = False
    auto: bool = False  # presentation mode only: keep rotating on a timer as well
    lock: bool = False
    screen: ScreenSpec = None
    play_log: Path | None = None
    urgent: Path | None = None  # urgent.yaml beside the content file
    status_dir: Path | None = None
    status_every: float = 60.0
    clock: Callable[[], datetime] = datetime.now  # the wall clock the schedule and power follow
    time_scale: float = 1.0


def run_options(args: argparse.Namespace, loaded: Loaded | None, *, clock: Callable[[], datetime] = datetime.now,
                time_scale: float = 1.0) -> RunOptions:
    """The command line wins over ``settings``; relative paths in settings are beside the content file.

    Without good content at start (``--wait-for-content``) only the command line counts.
    """
    settings = loaded.content.settings if loaded else None
    screen = parse_screen(args.screen) if getattr(args, "screen", None) is not None else \
        settings.screen if settings else None
    play_log = Path(args.play_log) if getattr(args, "play_log", None) else None
    if play_log is None and loaded and loaded.content.settings.play_log:
        play_log = _inside(loaded.folder, loaded.content.settings.play_log, "play_log", "--play-log FILE")
    status_dir = Path(args.status_dir) if getattr(args, "status_dir", None) else None
    if status_dir is None and loaded and loaded.content.settings.status_dir:
        status_dir = _inside(loaded.folder, loaded.content.settings.status_dir, "status_dir", "--status-dir DIR")
    content = getattr(args, "content", None)
    presentation = bool(getattr(args, "presentation", False)) or bool(settings and settings.mode == "presentation")
    return RunOptions(presentation=presentation, auto=bool(getattr(args, "auto", False)),
                      lock=bool(getattr(args, "lock", False)) or bool(settings and settings.lock),
                      screen=screen, play_log=play_log, urgent=urgent_path(content) if content else None,
                      status_dir=status_dir, status_every=settings.status_every if settings else 60.0,
                      clock=clock, time_scale=time_scale)


def _inside(folder: Path, name: str, setting: str, option: str) -> Path | None:
    """A settings path inside the content folder; the model refused ``..``, this catches a symlink out."""
    target = (folder / name).resolve()
    if target.is_relative_to(folder.resolve()):
        return target
    log.warning("settings.%s %r leads outside the content folder (through a symlink); "
                "nothing is written there. Give %s for a place elsewhere", setting, name, option)
    return None


class Operation(QObject):
    """Everything a run adds around the window and player, kept alive together."""

    def __init__(self, window: KioskWindow, player: Player, options: RunOptions, stage: Stage | None = None) -> None:
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
        # A --windowed preview on a desktop paints black at night but leaves the monitor alone.
        preview = DisplayPower([]) if window.windowed else None
        self.power = ScreenPower(window, player, clock=options.clock, time_scale=options.time_scale, display=preview)
        # The keys' handler is handed the presenter, the lock's gate and the screen's waker here.
        self.keys = KeyHandler(window, player, presenter=self.presenter, gate=self.lock, waker=self.power)
        self.urgent = UrgentTakeover(options.urgent, window, player, self.power, windowed=window.windowed,
                                     clock=options.clock) if options.urgent else None
        self.status = StatusFiles(options.status_dir, window, player, power=self.power, urgent=self.urgent,
                                  every_seconds=options.status_every, time_scale=options.time_scale,
                                  clock=options.clock) if options.status_dir else None
        self.play_log = PlayLog(options.play_log, self) if options.play_log else None
        side_log = options.play_log if self.play_log is not None and self.play_log.usable else None
        self.side = SideColumn(stage, self.power, self.presenter, self.urgent, side_log, self) \
            if stage is not None else None
        self._last_shown: Showing | None = None
        player.shown.connect(self._remember)
        if self.play_log:
            player.shown.connect(self._log_play)
            self.presenter.blanked.connect(self._log_blank)
            self.power.changed.connect(self._log_power)
            if self.urgent is not None:
                self.urgent.changed.connect(self._log_urgent)
        if options.presentation:
            player.prefetcher.expect_going_back()  # a clicker drives it
        if options.presentation and not options.auto:
            player.set_paused(True)  # the clicker drives; P still starts the rotation by hand
        log.info("mode: %s%s%s", "presentation" if options.presentation else "rotate",
                 " (auto)" if options.presentation and options.auto else "", ", locked" if options.lock else "")

    def _log_play(self, showing: Showing) -> None:
        loaded = self.player.loaded
        several = loaded is not None and len(loaded.content.settings.languages) > 1
        lang = showing.lang if several and showing.count else None
        if self.play_log is not None:  # (connected only when there is one)
            self.play_log.panel_shown(showing.id, showing.page, loaded.digest if loaded else "", lang)

    def _log_blank(self, blank: bool) -> None:
        """A blanked screen shows no panel: end the showing, and start a new one on return."""
        if blank and self.play_log is not None:
            self.play_log.close()
        elif self._last_shown is not None:
            self._log_play(replace(self._last_shown, page=0))

    def _remember(self, showing: Showing) -> None:
        self._last_shown = showing

    def _log_power(self, on: bool) -> None:
        """A sleeping screen shows no panel; the first panel after it starts a new line itself."""
        if not on and self.play_log is not None:
            self.play_log.screen_off()

    def _log_urgent(self) -> None:
        message = self.urgent.showing if self.urgent is not None else None
        if message is not None and self.play_log is not None:
            self.play_log.urgent_shown(pick(message.title or message.text, "", ""))  # per language: the first
        elif self._last_shown is not None and self.power.on:
            self._log_play(replace(self._last_shown, page=0))  # the rotation is back where it was

    def watch_content(self, loaded: SignalInstance, failed: SignalInstance) -> None:
        """Follow each reload (the live content watcher's signals): a new power schedule counts at
        once, and the status folder learns the result."""
        loaded.connect(lambda *_: self.power.evaluate())
        if self.status is not None:
            loaded.connect(self.status.content_loaded)
            failed.connect(self.status.content_refused)

    def start(self, waiting: bool = False) -> None:
        """Once the window is on screen: keep it awake, follow the power schedule, watch urgent.yaml,
        keep the status folder. ``waiting`` (no good content yet): the waiting screen is what systemd
        should see as started, so say READY=1 once it is painted."""
        self.awake.start()
        self.start_day()
        if waiting:
            self.notifier.ready_when_painted(self.window)

    def start_day(self) -> None:
        """The display's day: follow the power schedule, watch urgent.yaml, keep the status folder."""
        self.power.evaluate()
        if self.urgent is not None:
            self.urgent.start()
        if self.status is not None:
            self.status.start()

    def stop(self) -> None:
        """After the event loop ends: close the play log's last line, leave the screen on, let it blank."""
        if self.play_log:
            self.play_log.close()
        if self.side is not None:
            self.side.stop()
        if self.status is not None:
            self.status.stop()
        self.power.stop()
        self.awake.stop()


class SideColumn(QObject):
    """A layout's side column in the run: it waits while the screen is covered, and logs its own plays.

    An urgent message, the night's black and a presenter's blank each cover the whole window,
    band and column included; when the last of them goes, the column plays on from where it was
    (from its first panel after the night, as the rotation does).
    """

    def __init__(self, stage: Stage, power: ScreenPower, presenter: Presenter, urgent: UrgentTakeover | None,
                 play_log: Path | None, parent: QObject) -> None:
        super().__init__(parent)
        self.stage, self.power, self.presenter, self.urgent = stage, power, presenter, urgent
        self.log = PlayLog(play_log, self, region="side") if play_log else None
        self._last: Showing | None = None
        stage.side_shown.connect(self._shown)
        power.changed.connect(self._power_changed)
        presenter.blanked.connect(self._cover_changed)
        if urgent is not None:
            urgent.changed.connect(self._cover_changed)

    def covered(self) -> bool:
        """Whether something covers the whole screen now."""
        urgent = self.urgent is not None and self.urgent.showing is not None
        return not self.power.on or self.presenter.blank_color is not None or urgent

    def _power_changed(self, on: bool) -> None:
        if on:  # a new day: the column starts at its first panel, which logs itself once shown
            self._last = None
            self._cover_changed()
            self.stage.restart()
        else:
            self._cover_changed()

    def _cover_changed(self, *_: object) -> None:
        covered, was = self.covered(), self.stage.covered
        self.stage.cover(covered)
        if self.log is None or covered == was:
            return
        if covered:
            self.log.close()
        elif self._last is not None:
            self._log(replace(self._last, page=0))  # the column is back where it was

    def _shown(self, showing: Showing) -> None:
        self._last = showing
        if not self.stage.covered:
            self._log(showing)

    def _log(self, showing: Showing) -> None:
        loaded = self.stage.player.loaded
        several = loaded is not None and len(loaded.content.settings.languages) > 1
        if self.log is not None:
            self.log.panel_shown(showing.id, showing.page, loaded.digest if loaded else "",
                                 showing.lang if several and showing.count else None)

    def stop(self) -> None:
        """The run ends: the column's last showing gets its line."""
        if self.log is not None:
            self.log.close()
