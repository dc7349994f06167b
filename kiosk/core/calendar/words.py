"""The words and times an agenda and a countdown show, in the display's language, from CLDR via Babel.

CLDR names "now", "today" and "tomorrow" and every unit in each language; it has no word for the
heading of what comes next, so that one comes from a short table, and in a language the table
lacks the heading says "today" (the events under it are later today). No Qt here.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from babel import Locale
from babel.core import UnknownLocaleError
from babel.dates import format_date, format_interval, format_time
from babel.numbers import format_decimal
from babel.units import format_unit

from kiosk.core.calendar.countdown import Unit
from kiosk.core.dates import DEFAULT_LOCALE

NEXT = {"en": "Next", "es": "A continuación", "fr": "Ensuite", "de": "Als Nächstes", "pt": "A seguir",
        "it": "A seguire", "nl": "Straks", "ca": "A continuació", "sv": "Härnäst", "da": "Næste",
        "nb": "Neste", "pl": "Następnie"}
DAY_SKELETON = "MMMMEd"  # weekday, day and month in the language's order, the weekday then written out
CLDR_UNITS: dict[Unit, str] = {"days": "duration-day", "hours": "duration-hour", "minutes": "duration-minute",
                               "seconds": "duration-second"}


def _locale(name: str) -> Locale:
    try:
        return Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LOCALE)


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def now_heading(locale: str) -> str:
    """ "Now", "Ahora", "Jetzt": the heading of the events in progress."""
    return _capital(_locale(locale)._data["date_fields"]["second"]["relative"][0])


def next_heading(locale: str) -> str:
    """ "Next", "A continuación": the heading of the events still to come today."""
    found = _locale(locale)
    return NEXT.get(found.language) or _capital(found._data["date_fields"]["day"]["relative"][0])


def day_text(day: date, locale: str) -> str:
    """A day with its weekday written out: "Tuesday, December 8", "martes, 8 de diciembre"."""
    found = _locale(locale)
    pattern = str(found.datetime_skeletons[DAY_SKELETON])
    # CLDR's skeletons abbreviate the weekday; across a lobby the whole word reads better
    pieces = re.split(r"('[^']*')", pattern)
    wide = "".join(piece if piece.startswith("'") else re.sub(r"E{1,3}|c{1,3}", "EEEE", piece) for piece in pieces)
    return _capital(format_date(day, wide, locale=found))


def day_heading(day: date, today: date, locale: str) -> str:
    """The heading of a later day's events: "Tomorrow · Tuesday, December 8", or just the date."""
    found = _locale(locale)
    written = day_text(day, locale)
    if (day - today).days == 1:
        return f"{_capital(found._data['date_fields']['day']['relative'][1])} · {written}"
    return written


def time_text(moment: datetime, locale: str) -> str:
    """A clock time as the language writes it: "2:05 PM", "14:05"."""
    # CLDR puts a narrow no-break space before AM/PM; not every typeface has one, a plain one reads the same
    return format_time(moment, "short", locale=_locale(locale)).replace("\u202f", "\u00a0")


def moment_text(moment: datetime, locale: str) -> str:
    """A day and a time: "Friday, December 11 · 5:00 PM"."""
    day = day_text(moment.date(), locale)
    return day if moment.time() == datetime.min.time() else f"{day} · {time_text(moment, locale)}"


def unit_word(unit: Unit, value: int, locale: str) -> str:
    """The unit's name for ``value`` of it, without the number: "days", "día", "Stunden"."""
    found = _locale(locale)
    written = format_unit(value, CLDR_UNITS[unit], length="long", locale=found)
    return " ".join(written.replace(format_decimal(value, locale=found), "", 1).split())


NOTHING = {"en": "Nothing more on the calendar", "es": "No hay más eventos en el calendario",
           "fr": "Plus rien au calendrier", "de": "Keine weiteren Termine", "pt": "Nada mais na agenda",
           "it": "Nient'altro in calendario", "nl": "Verder niets op de agenda", "ca": "No hi ha res més al calendari"}


def nothing_text(locale: str) -> str:
    """What an empty agenda says (one without ``show: {when: agenda-has-events}``); "—" in other languages."""
    return NOTHING.get(_locale(locale).language, "—")


def time_span_text(start: datetime, end: datetime, locale: str) -> str:
    """A span of clock times on one day, without repeating what both ends share: "9:00 – 10:30 AM"."""
    found = _locale(locale)
    if start.date() != end.date() or start == end:
        return time_text(start, locale) if start == end else f"{time_text(start, locale)} – {time_text(end, locale)}"
    skeleton = "Hm" if "H" in str(found.time_formats["short"]) else "hm"
    return format_interval(start, end, skeleton, locale=found).replace("\u202f", "\u00a0")


def days_text(first: date, last: date, locale: str) -> str:
    """An all-day event's days: "today" while it lasts one day, else "Dec 7 – 9"."""
    if first == last:
        return _capital(_locale(locale)._data["date_fields"]["day"]["relative"][0])
    return format_interval(first, last, "MMMd", locale=_locale(locale))
