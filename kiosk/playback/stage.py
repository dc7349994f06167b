"""The stage: the main player in the layout frame, with the side column's player and the ticker.

The process layer drives the main player as before (keys, reload, urgent, power); the stage
follows it. Each time the main player takes content or shows a slide, the column and the band
are brought up to date: the same language round, the same version of the content, the ticker's
items as they are now (an expired item leaves at the next change of slide).

While something covers the whole screen (an urgent message, the night's black, a presenter's
blank) the process layer says so with ``cover``: the column waits where it was, and the band
paints nothing (it sees itself covered) but keeps its place on the clock.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.core.content import Loaded
from kiosk.core.layout import arrangement_of, side_content, ticker_items, ticker_speed
from kiosk.core.rotation import Showing
from kiosk.playback.player import Player
from kiosk.screen.frame import LayoutFrame
from kiosk.screen.style import style_for

SIDE_DIGEST = "+side"  # the column's version of the content is the main one's, told apart in the log


class Stage(LayoutFrame):
    """The screen: the main player's area, the side column and the ticker band."""

    side_shown = Signal(object)  # a Showing of the side column's, once on screen (for the play log)

    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(player, parent)
        self.player = player
        self.side_player: Player | None = None
        self.covered = False
        self._lang = ""
        player.shown.connect(self._shown)
        player.content_changed.connect(self.follow)

    def _shown(self, showing: Showing) -> None:
        if showing.lang:
            self._lang = showing.lang
        self.follow()

    def follow(self) -> None:
        """Bring the column and the band up to date with the main player's content and language."""
        loaded = self.player.loaded
        if loaded is None:
            return
        settings = loaded.content.settings
        lang = self._lang if self._lang in settings.languages else settings.languages[0]
        side = side_content(loaded.content, lang)
        self.arrange(arrangement_of(settings), self._side_player_for(side))
        if side is not None and self.side_player is not None:
            self._play_side(replace(loaded, content=side, warnings=[], digest=loaded.digest + SIDE_DIGEST))
        style = style_for(settings, self.size(), loaded.folder, lang=lang, clock=self.player.clock)
        speed = ticker_speed(settings.ticker.speed, self.height()) if settings.ticker else 0
        self.show_ticker(ticker_items(loaded.content, self.player.clock(), lang), style, speed)

    def _side_player_for(self, side: object | None) -> Player | None:
        if side is None:
            if self.side_player is not None:
                self.side_player.deleteLater()
                self.side_player = None
            return None
        if self.side_player is None:
            self.side_player = Player(time_scale=self.player.time_scale, clock=self.player.clock, bare=True)
            self.side_player.shown.connect(self.side_shown)
            self.side_player.set_paused(self.covered)
        return self.side_player

    def cover(self, covered: bool) -> None:
        """Something covers the whole screen (True) or has gone: the column waits meanwhile."""
        self.covered = covered
        if self.side_player is not None and self.side_player.paused != covered:
            self.side_player.set_paused(covered)

    def restart(self) -> None:
        """A new day (the screen woke by its schedule): the column and the band start from the first."""
        if self.side_player is not None and self.side_player.loaded is not None:
            self.side_player.restart()
        if self.ticker is not None:
            self.ticker.restart()

    def _play_side(self, side: Loaded) -> None:
        player = self.side_player
        if player is None:
            return
        if player.loaded is None:
            player.set_content(side)
        elif player.loaded.content != side.content:
            player.update_content(side)

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        """A new screen size: the regions and the band's speed follow it."""
        super().resizeEvent(event)
        if self.player.loaded is not None:
            self.follow()
