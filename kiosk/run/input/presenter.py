"""Presenter mode: a clicker drives the panels, the screen can go blank, a corner says "3 / 6".

Which keys blank the screen, and which bring it back, is the key map's business
(kiosk.run.input.keys); this module holds the blank screen and the corner number.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QChildEvent, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.core import theme
from kiosk.playback.player import Player
from kiosk.run.window.window import KioskWindow
from kiosk.screen.problem_marker import ProblemMarker
from kiosk.screen.slide import paint_background
from kiosk.screen.style import Style, style_for

log = logging.getLogger(__name__)


class Presenter(QObject):
    """The blank screen and the corner number; in presentation mode the booth's keys are live."""

    blanked = Signal(bool)

    def __init__(self, window: KioskWindow, player: Player, presentation: bool) -> None:
        super().__init__(window)
        self.window, self.player, self.presentation = window, player, presentation
        self.blank_color: str | None = None
        self._paused_by_blank = False
        self.number = QLabel(window)
        self.number.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.number.setTextFormat(Qt.TextFormat.PlainText)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.number.hide()
        self.blank = QWidget(window)
        self.blank.hide()
        player.shown.connect(self._update_number)
        window.installEventFilter(self)  # size and the problem marker; keys go to the key map

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Keep the blank screen and the corner number placed as the window and the marker change."""
        kind = event.type()
        if not shiboken6.isValid(self.window):
            # The window is being destroyed (its last Hide): nothing to place, and touching it
            # from here raises inside Qt's destructor, which crashes the process on the way out.
            return False
        if watched is not self.window:  # the content-problem marker: keep the number beside it
            if kind in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.Resize, QEvent.Type.Move):
                self._update_number()
            return False
        if kind == QEvent.Type.Resize:
            self.blank.setGeometry(self.window.rect())
            self._update_number()
        elif kind == QEvent.Type.ChildPolished and isinstance(event, QChildEvent) \
                and isinstance(event.child(), ProblemMarker):
            # Polished: once fully built, before it shows. Only widgets are polished: asking a
            # ChildAdded event for its child would wrap Qt's own plain QObject children too, and
            # PySide's first wrapping of one of those costs ~2.4 MB of Python objects.
            event.child().installEventFilter(self)
        return False

    def toggle_blank(self, color: str) -> None:
        """The same colour again brings the panel back; another one replaces it."""
        self.set_blank(None if self.blank_color == color else color)

    def set_blank(self, color: str | None) -> None:
        """Cover the screen with ``color`` (#rrggbb), or uncover it with None."""
        was_blank = self.blank_color is not None
        self.blank_color = color
        if color is None:
            self.blank.hide()
            if self._paused_by_blank and self.player.paused:
                self.player.set_paused(False)
            self._paused_by_blank = False
        else:
            paint_background(self.blank, QColor(color))
            self.blank.setGeometry(self.window.rect())
            self.blank.show()
            self.blank.raise_()
            if not self.player.paused:  # with --auto, don't rotate behind the black screen
                self.player.set_paused(True)
                self._paused_by_blank = True
        if was_blank != (color is not None):
            log.info("screen %s", f"blanked {color}" if color else "back")
            self.blanked.emit(color is not None)

    def _update_number(self, *_: object) -> None:
        """The panel number in the header's right corner, presentation mode only."""
        count = len(self.player.entries)
        if not self.presentation or not count or self.player.loaded is None:
            self.number.hide()
            return
        style = style_for(self.player.loaded.content.settings, self.window.size(), self.player.loaded.folder)
        self.number.setFont(style.font(theme.HEADER_TEXT, QFont.Weight.DemiBold))
        palette = self.number.palette()
        palette.setColor(self.number.foregroundRole(), QColor(style.palette.muted))
        self.number.setPalette(palette)
        self.number.setText(f"{self.player.index + 1} / {count}")
        width = self.number.sizeHint().width()
        self.number.setGeometry(self._right_edge(style) - width, 0, width, style.px(theme.HEADER_HEIGHT))
        self.number.show()
        self.number.raise_()
        self.blank.raise_()

    def _right_edge(self, style: Style) -> int:
        """Line the number up with the position dots in the footer, or left of the problem marker."""
        slide = self.player.slide
        dots = slide.dots if slide is not None else None
        edge = dots.mapTo(self.window, QPoint(dots.width(), 0)).x() if dots is not None \
            else self.window.width() - style.px(theme.MARGIN)
        found: Iterable[ProblemMarker] = self.window.findChildren(ProblemMarker)
        markers = [m for m in found if m.isVisible()]
        clock = slide.clock if slide is not None else None  # settings.clock holds the header's right corner
        clocks = [clock.mapTo(self.window, QPoint(0, 0)).x()] if clock is not None else []
        return min([edge] + [x - style.px(theme.GAP) for x in [m.x() for m in markers] + clocks])
