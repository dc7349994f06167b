"""Countdown: the time left until a moment in large figures, ticking while on screen, then its ``then``.

The figures change exactly when the time left crosses a whole unit (``next_tick``), so with
seconds shown it ticks each second, and at zero it switches to ``then`` at that very moment,
also while on screen. Without ``then`` the figures stop at zero and the playlist, which knows
the same moment, takes the panel out of the rotation.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core import theme
from kiosk.core.calendar.countdown import Unit, default_units, next_tick, remaining_parts, seconds_left
from kiosk.core.calendar.words import moment_text, unit_word
from kiosk.core.content.model import CountdownPanel
from kiosk.core.content.timetext import start_of
from kiosk.screen.panels import register
from kiosk.screen.panels.base import PanelWidget, link_block

Weight = QFont.Weight
Align = Qt.AlignmentFlag
FIGURE = 0.2  # the figures: the one thing on the panel, read from across a hall
UNIT_LABEL = theme.SUBTITLE
THEN = theme.TITLE * 1.25
LONGEST_WAIT_MS = 60_000  # the wall clock may jump (NTP, a suspended machine): never wait longer to look


@register("countdown")
class CountdownWidget(PanelWidget):
    """The countdown panel: title, figures with their units, the moment itself; ``then`` once past."""

    panel: CountdownPanel
    live = True  # its figures change by themselves: a grab of it is never kept

    def build(self) -> None:
        """Lay out the title, the figures (or ``then``) and the moment, centred; show the time left now."""
        s, p = self.style_, self.panel
        gap = s.px(theme.GAP)
        layout = self.column(gap)
        width = self.area.width()
        self.narrow = self.area.width() < self.area.height()  # a portrait screen or a side column
        link = link_block(self, p.link, ("link",), width=width if self.narrow else None, beside=self.narrow) \
            if p.link else None
        layout.addStretch(1)
        self.title = self.label(p.title, theme.TITLE, weight=Weight.Bold, width=width, align=Align.AlignHCenter,
                                field=("title",))
        layout.addWidget(self.title)
        self.figures = QWidget()
        self._figure_row = QGridLayout(self.figures)
        self._figure_row.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.figures, 0, Align.AlignHCenter)
        self.then = self.label(p.then or "", THEN, color="accent", weight=Weight.Bold, width=width,
                               align=Align.AlignHCenter, field=("then",) if p.then else None)
        layout.addWidget(self.then)
        moment = moment_text(start_of(p.to), s.locale.name())
        layout.addWidget(self.label(moment, theme.SUBTITLE, color="muted", width=width, align=Align.AlignHCenter))
        layout.addStretch(1)
        if link is not None:
            layout.addWidget(link, 0, Align.AlignHCenter)
        self._units: tuple[Unit, ...] = ()
        self._numbers: list[QLabel] = []
        self._words: list[QLabel] = []
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self.refresh)
        self.show_time_left()

    @property
    def figures_text(self) -> str:
        """What the figures say now, e.g. "3 days 4 hours" (for tests and the log)."""
        return " ".join(f"{n.text()} {w.text()}" for n, w in zip(self._numbers, self._words))

    def start(self) -> None:
        """On screen: tick from now on."""
        self.refresh()

    def rewind(self) -> None:
        """Off screen: stop ticking (it shows the time left again on its next turn)."""
        self._tick.stop()

    def finish(self) -> None:
        """Rendered: the time left at the style's moment, without ticking."""
        self.show_time_left()

    def refresh(self) -> None:
        """Show the time left now and wait for the figures' next change."""
        wait = self.show_time_left()
        if wait is not None:
            self._tick.start(min(LONGEST_WAIT_MS, max(1, math.ceil(wait * 1000))))

    def show_time_left(self) -> float | None:
        """Show the figures (or ``then``) for the style's clock; the seconds until they next change."""
        left = seconds_left(self.panel.to, self.style_.clock())
        past = left <= 0
        then = past and self.panel.then is not None
        self.then.setVisible(then)
        self.title.setVisible(not then)
        self.figures.setVisible(not then)
        units = tuple(self.panel.units or default_units(left))
        if units != self._units:
            self._lay_out_figures(units)
        locale = self.style_.locale.name()
        for (unit, value), number, word in zip(remaining_parts(left, units), self._numbers, self._words):
            # on two digits at least, as a clock shows them (03 06 45): the columns keep one rhythm
            number.setText(f"{value:02d}" if value < 100 else self.style_.number(value))
            number.setMinimumWidth(self._digit * len(number.text()))
            word.setText(unit_word(unit, value, locale))
        return next_tick(left, units)

    def _lay_out_figures(self, units: tuple[Unit, ...]) -> None:
        """One column per unit: the number, and its unit's name under it."""
        s = self.style_
        while (item := self._figure_row.takeAt(0)) is not None:
            if (old := item.widget()) is not None:
                old.deleteLater()
        self._units = units
        self._numbers, self._words = [], []
        font = s.font(FIGURE, Weight.Bold)
        self._digit: int = max(QFontMetrics(font).horizontalAdvance(d) for d in "0123456789")
        self._figure_row.setHorizontalSpacing(self._digit * 2 // 3)  # shrinks with the figures when fitting
        self._figure_row.setVerticalSpacing(self._digit // 3)
        # Narrow, three or four figures go on two rows: side by side they would be too small to read.
        per_row = 2 if self.narrow and len(units) > 2 else len(units)
        for index, _unit in enumerate(units):
            column = QWidget()
            box = QVBoxLayout(column)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(0)
            number = self.label("", FIGURE, color="accent", weight=Weight.Bold, wrap=False, align=Align.AlignHCenter)
            # room for the widest digits: a change of figure never moves the row
            word = self.label("", UNIT_LABEL, color="muted", wrap=False, align=Align.AlignHCenter)
            box.addWidget(number)
            box.addWidget(word)
            alone = per_row < len(units) and index == len(units) - 1 and len(units) % per_row  # centred under
            self._figure_row.addWidget(column, index // per_row, index % per_row, 1, per_row if alone else 1,
                                       Align.AlignHCenter if alone else Align.AlignCenter)
            self._numbers.append(number)
            self._words.append(word)
