"""Agenda: what is on now and what comes next, from a calendar file, with times in the display's language.

The rows come with the panel (``AgendaPanel.playing_at`` works them out for the moment asked
about); when an event starts or ends the player builds the panel again, so this widget only
lays out the rows it is given.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core import theme
from kiosk.core.calendar.events import Event
from kiosk.core.calendar.words import (
    day_heading,
    days_text,
    next_heading,
    nothing_text,
    now_heading,
    time_span_text,
    time_text,
)
from kiosk.core.content.model import AgendaPanel
from kiosk.screen.panels import register
from kiosk.screen.panels.base import PanelWidget, link_block

Weight = QFont.Weight
Align = Qt.AlignmentFlag
EVENT_TITLE = theme.SUBTITLE * 1.15  # an event's title: the line read from across the room
WHERE = theme.BODY * 0.85  # its place, under the title
NARROW = 1.2  # width to height below which the times go over the titles, not beside them


@register("agenda")
class AgendaWidget(PanelWidget):
    """The agenda panel: the title, then "Now" (with end times) and "Next" (with start times)."""

    panel: AgendaPanel
    max_scale = 1.2  # two or three events read better larger than lost in empty space

    def build(self) -> None:
        """Lay out the heading, the events in progress, then those to come (or another day's)."""
        s, view = self.style_, self.panel.view
        gap = s.px(theme.GAP)
        layout = self.column(gap)
        link = link_block(self, self.panel.link, ("link",)) if self.panel.link and not self.narrow else None
        width = self.area.width() - (link.width() + 2 * gap if link else 0)
        layout.addWidget(self.label(self.panel.title, theme.TITLE, weight=Weight.Bold, width=width, field=("title",)))
        rows = QVBoxLayout()
        rows.setSpacing(gap)
        locale = s.locale.name()
        # One column of times for both sections, so every title starts at the same edge.
        times = {event: self._when(event, event in view.now) for event in (*view.now, *view.next)}
        time_font = s.font(theme.SUBTITLE, Weight.DemiBold)
        self._time_width = max((QFontMetrics(time_font).horizontalAdvance(text) for text in times.values()),
                               default=0) + 1
        if view.now:
            rows.addWidget(self._section(now_heading(locale), view.now, times, width, now=True))
        if view.next:
            heading = next_heading(locale) if view.day is None else day_heading(view.day, s.clock().date(), locale)
            rows.addWidget(self._section(heading, view.next, times, width, now=False))
        if not view.has_events:
            rows.addWidget(self.label(nothing_text(locale), theme.SUBTITLE, color="muted", width=width))
        rows.addStretch(1)
        if link is None:
            layout.addLayout(rows, 1)
        else:
            self._beside(layout, rows, link, gap)
        if self.panel.link and self.narrow:
            layout.addWidget(link_block(self, self.panel.link, ("link",), width=self.area.width(), beside=True))

    @property
    def narrow(self) -> bool:
        """An area about as wide as it is tall or narrower: a portrait screen, or a side column."""
        return self.area.width() < self.area.height() * NARROW

    def _beside(self, layout: QVBoxLayout, rows: QVBoxLayout, link: QWidget, gap: int) -> None:
        """The rows with the link's QR code in a column beside them."""
        row = QHBoxLayout()
        row.setSpacing(2 * gap)
        row.addLayout(rows, 1)
        row.addWidget(link, 0, Align.AlignTop)
        layout.addLayout(row, 1)

    def _section(self, heading: str, events: tuple[Event, ...], times: dict[Event, str], width: int, *,
                 now: bool) -> QWidget:
        """A heading and its events in a grid: the time in a column of its own, the title and place beside."""
        s = self.style_
        section = QWidget()
        column = QVBoxLayout(section)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(s.px(0.012))
        title = self.label(heading.upper(), theme.FINE_PRINT * 1.1, color="accent", weight=Weight.Bold, wrap=False)
        title.setContentsMargins(s.px(0.018) + max(3, s.px(0.005)), 0, 0, 0)
        column.addWidget(title)
        pad = s.px(0.018)
        edge = max(3, s.px(0.005))
        inset = pad + edge  # the card's inside: the times and titles still line up with the next section's
        grid = QGridLayout()
        grid.setContentsMargins(inset, pad if now else 0, pad, pad if now else 0)
        grid.setHorizontalSpacing(s.px(theme.GAP))
        grid.setVerticalSpacing(s.px(0.014))
        # Narrow (portrait, a side column): the time over the title, which then has the whole width.
        time_width = self.area.width() if self.narrow else self._time_width
        text_width = width - inset - pad - (0 if self.narrow else time_width + s.px(theme.GAP))
        for row, event in enumerate(events):
            what = self._what(event, text_width)
            when = self.label(times[event], theme.SUBTITLE, color="text" if now else "accent",
                              weight=Weight.DemiBold, wrap=False)
            if self.narrow:
                what.insertWidget(0, when)
                grid.addLayout(what, row, 0)
                continue
            when.setFixedWidth(time_width)
            title_font = self.style_.font(EVENT_TITLE, Weight.DemiBold)
            # on the title's first baseline
            when.setContentsMargins(0, QFontMetrics(title_font).ascent() - QFontMetrics(when.font()).ascent(), 0, 0)
            grid.addWidget(when, row, 0, Align.AlignTop)
            grid.addLayout(what, row, 1)
        if now:  # in progress: on a card, as the thing to look at first
            card = QWidget()
            card.setObjectName("now")
            card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
            card.setStyleSheet(f"#now {{ background: {s.palette.surface}; "
                               f"border-left: {edge}px solid {s.palette.accent}; }}")
            card.setLayout(grid)
            column.addWidget(card)
        else:
            column.addLayout(grid)
        return section

    def _what(self, event: Event, width: int) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(0)
        box.addWidget(self.label(event.title, EVENT_TITLE, weight=Weight.DemiBold, width=width, field=("file",)))
        if event.location:
            box.addWidget(self.label(event.location, WHERE, color="muted", width=width, field=("file",)))
        return box

    def _when(self, event: Event, now: bool) -> str:
        """Events in progress show when they end (with their start); those to come, when they start."""
        locale = self.style_.locale.name()
        if event.all_day:
            return days_text(event.day, max(event.day, (event.end - timedelta(days=1)).date()), locale)
        if now:
            return time_span_text(event.start, event.end, locale)
        return time_text(event.start, locale)
