"""Dates as people read them, from CLDR via Babel: "Mar 1, 2023", "Mar 1 – 2, 2023". No Qt here."""

from __future__ import annotations

from datetime import date

from babel.core import UnknownLocaleError
from babel.dates import format_interval, format_skeleton

SKELETON = "yMMMd"  # abbreviated month, day and year, in the locale's own order
DEFAULT_LOCALE = "en_US"


def date_span_text(first: date, last: date, locale: str = DEFAULT_LOCALE) -> str:
    """One day or a range of days, without repeating what the two ends share."""
    try:
        if first == last:
            return format_skeleton(SKELETON, first, locale=locale)
        return format_interval(first, last, SKELETON, locale=locale)
    except (UnknownLocaleError, ValueError):
        return date_span_text(first, last) if locale != DEFAULT_LOCALE else f"{first} – {last}"
