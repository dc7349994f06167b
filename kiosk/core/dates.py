"""Dates as people read them, from CLDR via Babel: "Mar 1, 2023", "Mar 1 – 2, 2023". No Qt here.

Babel keeps the whole of its global data (~2.3 MB of Python objects) once a locale's data loads.
The kiosk used to cut that down by rewriting Babel's private ``_global_data``; Babel has no public
way to load less, and a private rewrite breaks silently on an update, so the kiosk pays for it.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.core import UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton, format_time

SKELETON = "yMMMd"  # abbreviated month, day and year, in the locale's own order
CLOCK_DATE = "MMMEd"  # the header clock's date: weekday, day and month ("Tue, Dec 1"; "mar, 1 dic")
LONG_DATE = "full"  # a clock panel's date: "Monday, December 7, 2026"; "lunes, 7 de diciembre de 2026"
DEFAULT_LOCALE = "en_US"


def date_span_text(first: date, last: date, locale: str = DEFAULT_LOCALE) -> str:
    """One day or a range of days, without repeating what the two ends share."""
    try:
        if first == last:
            return format_skeleton(SKELETON, first, locale=locale)
        return format_interval(first, last, SKELETON, locale=locale)
    except (UnknownLocaleError, ValueError):
        return date_span_text(first, last) if locale != DEFAULT_LOCALE else f"{first} – {last}"


def clock_texts(moment: datetime, locale: str = DEFAULT_LOCALE) -> tuple[str, str]:
    """The time and the date for the header clock, as the language writes them: ("2:05 PM", "Tue, Dec 1")."""
    try:
        # CLDR puts a narrow no-break space before AM/PM; not every typeface has one, a plain one reads the same
        time = format_time(moment, "short", locale=locale).replace("\u202f", "\u00a0")
        return time, format_skeleton(CLOCK_DATE, moment, locale=locale)
    except (UnknownLocaleError, ValueError):
        return clock_texts(moment) if locale != DEFAULT_LOCALE else (f"{moment:%H:%M}", f"{moment:%a %d %b}")


def long_date_text(moment: date, locale: str = DEFAULT_LOCALE) -> str:
    """The weekday, day, month and year written out, for a clock panel: "Monday, December 7, 2026"."""
    try:
        return format_date(moment, LONG_DATE, locale=locale)
    except (UnknownLocaleError, ValueError):
        return long_date_text(moment) if locale != DEFAULT_LOCALE else f"{moment:%A, %B %d, %Y}"
