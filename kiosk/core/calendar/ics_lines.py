"""A first pass over an ICS file that only knows lines, so every later error can name the line it is on.

icalendar parses the file but forgets where each property was written; this pass unfolds the
lines (RFC 5545 §3.1: a line starting with a space or tab continues the one before), checks that
each is ``NAME[;PARAM=…]:value`` and that BEGIN and END pair up, and remembers where each event
and each of its properties starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kiosk.core.calendar.events import CalendarError

_CONTENT_LINE = re.compile(r'^[A-Za-z0-9-]+(;[A-Za-z0-9-]+=("[^"]*"|[^";:,]*)(,("[^"]*"|[^";:,]*))*)*:', re.DOTALL)
MAX_NESTING = 8  # VCALENDAR > VEVENT > VALARM is as deep as real files go


@dataclass
class EventLines:
    """Where one VEVENT and each of its properties start in the file."""

    line: int
    uid: str = ""
    properties: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        """The line of property ``name`` (its first), or of the event's BEGIN."""
        return self.properties.get(name.upper(), self.line)


@dataclass
class IcsLines:
    """Every event's place in the file, in the order they are written."""

    events: list[EventLines] = field(default_factory=list)
    _uid_lines: dict[str, int] = field(default_factory=dict)

    def line_of_uid(self, uid: str) -> int:
        """The line of the first event with this UID (0 when none has it)."""
        if not self._uid_lines:
            for event in reversed(self.events):
                self._uid_lines[event.uid] = event.line
        return self._uid_lines.get(uid, 0)


def unfolded(text: str) -> list[tuple[int, str]]:
    """The logical lines of ``text`` with the physical line number each starts on; blank lines dropped."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and lines:
            start, before = lines[-1]
            lines[-1] = (start, before + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


def map_lines(text: str) -> IcsLines:
    """Check the file's line structure and find its events; CalendarError names the first bad line."""
    found = IcsLines()
    open_blocks: list[tuple[str, int]] = []
    lines = unfolded(text)
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise CalendarError("an ICS file starts with BEGIN:VCALENDAR; is this a calendar file?",
                            lines[0][0] if lines else 0)
    for number, line in lines:
        if not _CONTENT_LINE.match(line):
            raise CalendarError(f"cannot read {_shorten(line)!r}: a calendar line looks like NAME:value "
                                "(a folded line goes on with a space at its start)", number)
        name, _, value = line.partition(":")
        name = name.split(";", 1)[0].upper()
        _follow_blocks(name, value.strip(), number, open_blocks, found)
    if open_blocks:
        block, number = open_blocks[-1]
        raise CalendarError(f"BEGIN:{block} has no END:{block}; the file may be cut short", number)
    return found


def _follow_blocks(name: str, value: str, number: int, open_blocks: list[tuple[str, int]], found: IcsLines) -> None:
    """Pair BEGIN with END, and note each event's lines."""
    in_event = bool(open_blocks) and open_blocks[-1][0] == "VEVENT"
    if name in ("BEGIN", "END"):
        value = value.upper()
    if name == "BEGIN":
        if len(open_blocks) >= MAX_NESTING:
            raise CalendarError(f"BEGIN:{value} is nested {MAX_NESTING} blocks deep; a calendar goes 3 deep", number)
        open_blocks.append((value, number))
        if value == "VEVENT":
            found.events.append(EventLines(number))
    elif name == "END":
        if any(block == value for block, _ in open_blocks[:-1]):
            block, line = open_blocks[-1]
            raise CalendarError(f"BEGIN:{block} has no END:{block} before END:{value}", line)
        if not open_blocks or open_blocks[-1][0] != value:
            expected = f"END:{open_blocks[-1][0]}" if open_blocks else "nothing more"
            raise CalendarError(f"END:{value} where {expected} was expected", number)
        open_blocks.pop()
    elif in_event:
        event = found.events[-1]
        event.properties.setdefault(name, number)
        if name == "UID":
            event.uid = value


def _shorten(line: str, most: int = 60) -> str:
    return line if len(line) <= most else line[: most - 1] + "…"
