"""What plays, in what order, and when that changes. Plain Python over the content model: no Qt here.

Every question takes the moment it is about, so the player, ``kiosk render --at``,
``kiosk playlist`` and the tests all ask with a clock of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from kiosk.core.content.localize import localized
from kiosk.core.content.model import Content, PanelBase
from kiosk.core.content.schedule import changes, showing
from kiosk.core.content.timetext import end_of, instant, local
from kiosk.core.placement import placed_ids
from kiosk.core.power import next_power_change, scheduled_on


@dataclass(frozen=True)
class Entry:
    """One panel in the rotation, in one language, with how long it stays on screen.

    ``panel`` is already resolved to plain text in ``lang``.
    """

    panel: PanelBase
    seconds: float
    fallback: bool = False  # shown because nothing else is scheduled
    lang: str = "en"  # the panel's text is already in this language

    @property
    def id(self) -> str:
        """The panel's id, the same for its entries in every language."""
        return self.panel.id


@dataclass(frozen=True)
class Segment:
    """A stretch of time in which the same panels play."""

    start: datetime
    end: datetime
    entries: list[Entry]
    screen_on: bool = True  # settings.power: off means the screen sleeps and nothing plays


def playlist_at(content: Content, when: datetime) -> list[Entry]:
    """The panels that play at ``when``, in file order; expired update items are left out.

    The rotation plays once per language of ``settings.languages`` in turn, each entry's
    panel already in its language. When no panel is scheduled, ``settings.fallback``
    plays whatever its own schedule says; an empty list means the player shows the
    title and a clock.
    """
    entries: list[Entry] = []
    for lang in content.settings.languages:
        entries += _entries_in(localized(content, lang), when, lang)
    return entries


def _entries_in(content: Content, when: datetime, lang: str) -> list[Entry]:
    elsewhere = placed_ids(content.settings)  # the side column's and the ticker's: they play in their regions
    entries = [entry for panel in content.panels
               if panel.enabled and panel.id not in elsewhere and showing(panel.show, when)
               and (entry := _entry(content, panel, when, lang=lang))]
    fallback = _fallback_panel(content)
    if not entries and fallback is not None and (entry := _entry(content, fallback, when, True, lang)):
        entries.append(entry)
    return entries


def _entry(content: Content, panel: PanelBase, when: datetime, fallback: bool = False,
           lang: str = "en") -> Entry | None:
    """``panel`` as it plays at ``when``, or None when nothing of it is left to show."""
    playing = panel.playing_at(when)
    if playing is None:
        return None
    return Entry(playing, content.duration_of(playing), fallback, lang)


def _fallback_panel(content: Content) -> PanelBase | None:
    wanted = content.settings.fallback
    return next((panel for panel in content.panels if panel.id == wanted), None)


def next_change(content: Content, when: datetime) -> datetime | None:
    """The first moment after ``when`` at which ``playlist_at`` may answer differently.

    None when no schedule or expiry lies ahead. The moment may turn out to change
    nothing (an over-estimate is safe: it only means one more look).
    """
    now = instant(when)
    return min((moment for moment in _changes(content, when) if instant(moment) > now), key=instant, default=None)


def _changes(content: Content, when: datetime) -> Iterator[datetime]:
    for panel in content.panels:
        yield from changes(panel.show, when)
        yield from panel.changes_after(when)
        for item in panel.expiring_items():
            if item.until is not None:
                yield end_of(item.until)


def timeline(content: Content, start: datetime, end: datetime) -> list[Segment]:
    """What plays from ``start`` to ``end``, as consecutive segments that each differ from the last.

    Where ``settings.power`` has the screen off, a segment says so and plays nothing.
    """
    power = content.settings.power
    segments: list[Segment] = []
    moment = start
    while instant(moment) < instant(end):
        on = scheduled_on(power, moment)
        entries = playlist_at(content, moment) if on else []
        # Stepped in real time: a wall-clock hour that never happens (spring) is never listed,
        # and the hour that happens twice (autumn) is visited twice.
        following = min(next_change(content, moment) or end, next_power_change(power, moment) or end, end, key=instant)
        following = local(instant(following)) if following is not end else end
        if segments and segments[-1].entries == entries and segments[-1].screen_on == on:
            segments[-1] = Segment(segments[-1].start, following, entries, on)
        else:
            segments.append(Segment(moment, following, entries, on))
        moment = following
    return segments


def idle_while_on(content: Content, start: datetime, end: datetime) -> bool:
    """True when, between ``start`` and ``end``, no panel of the rotation plays while the screen
    is on: it would show only the fallback, or the title and a clock."""
    power, moment = content.settings.power, start
    # Stepped here rather than through timeline(): it stops at the first moment a panel plays,
    # which is usually the first (an agenda makes a step of every event's start and end).
    while instant(moment) < instant(end):
        if scheduled_on(power, moment) and any(not entry.fallback for entry in playlist_at(content, moment)):
            return False
        following = min(next_change(content, moment) or end, next_power_change(power, moment) or end, end, key=instant)
        moment = local(instant(following)) if following is not end else end
    return True


def index_after(content: Content, entries: list[Entry], current_id: str | None) -> int:
    """Where the rotation goes after ``current_id``: the entry after it or, when that panel
    no longer plays, the first entry that follows it in the file."""
    ids = [entry.id for entry in entries]
    if current_id in ids:
        return (ids.index(current_id) + 1) % len(ids)
    order = [panel.id for panel in content.panels]
    if current_id not in order:
        return 0
    after = order.index(current_id)
    return next((i for i, entry_id in enumerate(ids) if order.index(entry_id) > after), 0)
