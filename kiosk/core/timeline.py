"""What staff see from ``kiosk playlist``: the timeline of what plays, as plain lines. No Qt here."""

from __future__ import annotations

import argparse
from datetime import datetime

from kiosk.core.content.model import Content
from kiosk.core.content.timetext import instant, local, naive_local
from kiosk.core.placement import side_content
from kiosk.core.playlist import Entry, Segment, timeline

MAX_HOURS = 24 * 366
STAMP = "%a %Y-%m-%d %H:%M"
_SPAN_WIDTH = len(f"{datetime(2000, 1, 1):{STAMP}} – {datetime(2000, 1, 1):{STAMP}}")


def at_arg(text: str) -> datetime:
    """Parse ``--at``: 2026-12-01T09:00, "2026-12-01 09:00" or 2026-12-01 (midnight), local time."""
    try:
        return naive_local(datetime.fromisoformat(text.strip()))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"cannot read {text!r} as a time; write it like 2026-12-01T09:00") from None


def hours_arg(text: str) -> float:
    """Parse ``--hours``: how far ahead the timeline looks."""
    try:
        hours = float(text)
    except ValueError:
        hours = -1.0
    if not 0 < hours <= MAX_HOURS:
        raise argparse.ArgumentTypeError(f"hours must be a number above 0 and at most {MAX_HOURS}, not {text!r}")
    return hours


def timeline_lines(content: Content, start: datetime, hours: float) -> list[str]:
    """A heading, then one line per stretch of time: when it starts and ends, and what plays."""
    end = local(instant(start) + hours * 3600)  # real hours, across a change of daylight saving
    lines = [f"From {start:{STAMP}} to {end:{STAMP}} ({hours:g} h):"]
    for segment in timeline(content, start, end):
        lines.append(f"  {_span(segment)}  {_playing(content, segment)}")
    side = side_content(content, content.settings.languages[0])
    if side is not None:
        lines.append("The side column (settings.side), beside the rotation:")
        for segment in timeline(side, start, end):
            lines.append(f"  {_span(segment)}  {_playing(side, segment)}")
    return lines


def _span(segment: Segment) -> str:
    """Start and end, the end without its date when it is the same day; padded into a column."""
    end = f"{segment.end:%H:%M}" if segment.end.date() == segment.start.date() else f"{segment.end:{STAMP}}"
    return f"{segment.start:{STAMP}} – {end}".ljust(_SPAN_WIDTH)


def _playing(content: Content, segment: Segment) -> str:
    entries = segment.entries
    if not segment.screen_on:
        return "screen off (settings.power): the screen sleeps, nothing plays"
    if not entries:
        return "nothing scheduled: the title and a clock"
    languages = content.settings.languages
    rounds = f" (in {', '.join(languages)} in turn)" if len(languages) > 1 else ""
    entries = [entry for entry in entries if entry.lang == entries[0].lang]  # each round is the same
    if entries[0].fallback:
        return f"nothing scheduled: the fallback panel {_named(content, entries[0])}{rounds}"
    return ", ".join(_named(content, entry) for entry in entries) + rounds


def _named(content: Content, entry: Entry) -> str:
    """The panel id, with how many of its items are left when some expired."""
    written = next(p for p in content.panels if p.id == entry.id)
    total, left = len(written.expiring_items()), len(entry.panel.expiring_items())
    note = entry.panel.playing_note() or (f"{left} of {total} items" if left != total else "")
    return f"{entry.id} ({note})" if note else entry.id
