"""Presenter mode: a clicker drives the panels, B/W blank the screen, a corner says "3 / 6".

As in presentation software: ``B`` or ``.`` turns the screen black, ``W`` white, the same key
(or any clicker key) brings the panel back. ``Home``/``End`` jump to the first and last
panel in every mode; ``Up``/``Down`` work as ``PgUp``/``PgDn``, which some clickers send.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.core import theme
from kiosk.playback.player import Player
from kiosk.run.problem_marker import ProblemMarker
from kiosk.screen.slide import paint_background
from kiosk.screen.style import Style, style_for

log = logging.getLogger(__name__)
Key = Qt.Key
BLANK_KEYS = {Key.Key_B: "#000000", Key.Key_Period: "#000000", Key.Key_W: "#ffffff"}
CLICKER_KEYS = (Key.Key_PageDown, Key.Key_PageUp, Key.Key_Right, Key.Key_Left, Key.Key_Down, Key.Key_Up,
                Key.Key_Space, Key.Key_Home, Key.Key_End)
IGNORED_KEYS = (Key.Key_F5,)  # a clicker's "start show" button; the show is already running


class Presenter(QObject):
    """Key handling for clicker use, installed as an event filter on the kiosk window."""

    blanked = Signal(bool)

    def __init__(self, window: QWidget, player: Player, presentation: bool) -> None:
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
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if watched is not self.window:  # the content-problem marker: keep the number beside it
            if kind in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.Resize, QEvent.Type.Move):
                self._update_number()
            return False
        if kind == QEvent.Type.KeyPress:
            return self._key(event)
        if kind == QEvent.Type.Resize:
            self.blank.setGeometry(self.window.rect())
            self._update_number()
        elif kind in (QEvent.Type.ChildAdded, QEvent.Type.ChildPolished) and isinstance(event.child(), ProblemMarker):
            event.child().installEventFilter(self)  # (polished: once fully built, before it shows)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if self.presentation and key in BLANK_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.set_blank(None if self.blank_color == BLANK_KEYS[key] else BLANK_KEYS[key])
            return True
        if self.blank_color is not None and key in CLICKER_KEYS:
            self.set_blank(None)  # the first click after blanking brings the panel back, unmoved
            return True
        if key == Key.Key_Home:
            self.player.jump(0)
        elif key == Key.Key_End:
            self.player.jump(len(self.player.entries) - 1)
        elif key == Key.Key_Down:
            self.player.next()
        elif key == Key.Key_Up:
            self.player.previous()
        else:
            return self.presentation and key in IGNORED_KEYS
        return True

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
        dots = getattr(self.player.slide, "dots", None)
        edge = dots.mapTo(self.window, QPoint(dots.width(), 0)).x() if dots is not None \
            else self.window.width() - style.px(theme.MARGIN)
        markers = [m for m in self.window.findChildren(ProblemMarker) if m.isVisible()]
        return min([edge] + [m.x() - style.px(theme.GAP) for m in markers])
