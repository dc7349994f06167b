"""The content format's value types: what one field may hold, with its staff-language rules.

The panel and settings models (``panels``, ``media``, ``settings``) are built from these;
``model`` gathers every name, so ``from kiosk.core.content.model import X`` works for all.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from kiosk.core.content.icons import icon_exists
from kiosk.core.content.rules import Check, Doc, Items, Length, Matches, OneOf, Parse, Range
from kiosk.core.content.timetext import HOURS_RANGE, parse_date_span, parse_days, parse_hours, parse_moment

MIN_DURATION = 1.0
MAX_DURATION = 3600.0
MAX_PANELS = 200

_DURATION = re.compile(r"^\s*(?:(?P<m>\d+(?:\.\d+)?)\s*m)?\s*(?:(?P<s>\d+(?:\.\d+)?)\s*s?)?\s*$")
DURATION_HINT = 'write a number of seconds, such as 12, "12s", "1m" or "1m30s"'


def _parse_duration(value: object) -> object:
    """Accept 12, 12.5, "12s", "1m" or "1m30s"; leave other input for the number type to reject."""
    if isinstance(value, bool):
        raise ValueError("must be a number of seconds, such as 12 or \"12s\"")
    if isinstance(value, str):
        match = _DURATION.match(value)
        if not match or not (match["m"] or match["s"]):
            raise ValueError(f"cannot read {value!r} as a duration; write 12, \"12s\" or \"1m\"")
        return float(match["m"] or 0) * 60 + float(match["s"] or 0)
    return value


Duration = Annotated[
    float,
    Range(MIN_DURATION, MAX_DURATION, unit=("second", "seconds"),
          note=f" (a duration runs from {MIN_DURATION:g} second to {MAX_DURATION / 3600:g} hour)"),
    Parse(_parse_duration, DURATION_HINT, also={  # the schema's regex dialect has no named groups
        "type": "string", "pattern": _DURATION.pattern.replace("?P<m>", "").replace("?P<s>", "")}),
    Doc("seconds"),
    Field(description="Seconds: a number, or a string such as \"12s\" or \"1m\"."),
]
Color = Annotated[str, Matches(r"^#[0-9a-fA-F]{6}$", "must be a colour written as #rrggbb, in quotes: "
                               '"#0b2545" (without them, # starts a comment)'),
                  Doc("`#rrggbb`"),
                  Field(description="A colour as #rrggbb.")]
Icon = Annotated[str, Check(icon_exists, "no icon named {value!r} in qtawesome; names look like fa5s.baby "
                            "(see https://fontawesome.com/v5/search?m=free&s=solid)"), Doc("icon name"),
                 Field(description="A qtawesome icon name, e.g. fa5s.baby.")]
PanelId = Annotated[str, Matches(r"^[a-z0-9]+(-[a-z0-9]+)*$",
                                 "must use only lowercase letters, digits and dashes, e.g. latest-updates"),
                    Length(1, 64),
                    Doc("lowercase letters, digits, dashes"),
                    Field(description="Unique; lowercase letters, digits and dashes.")]
MAX_TEXT = 5000
LANG_HINT = "use a code such as en, es or pt-BR"
_LANG = Matches(r"^[a-z]{2,3}(-[A-Z]{2})?$", "`{value}` is not a language code; " + LANG_HINT)
_LENGTH = Length(0, MAX_TEXT, fits="fit on a screen")
Lang = Annotated[str, _LANG, Doc("language code"), Field(description="A language code such as en, es or pt-BR.")]
PlainText = Annotated[str, _LENGTH]
FilePath = Annotated[str, Length(1, 4096), Doc("file path")]
MAX_URL = 500  # a QR code of more is too dense to read from across a lobby (segno's limit is ~2,300)


def inside_folder(path: str) -> bool:
    """A path the content may have the kiosk write: inside the content folder, by its words alone."""
    parts = re.split(r"[/\\]", path)
    return not (path.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", path) or ".." in parts
                or "\0" in path)


InsidePath = Annotated[FilePath, Check(inside_folder, (
    "{value!r} is outside the content file's folder; write a path inside it, such as logs/play.jsonl, "
    "or give the kiosk --play-log FILE on its command line"))]
TEXT_HINT = "must be text, or a map of translations such as {en: Latest Updates, es: Últimas noticias}"


def _check_text(value: object) -> object:
    """One clear message for a text field, instead of one per branch of the union."""
    if isinstance(value, str):
        return _LENGTH.check(value)
    if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        for lang, text in value.items():
            _LANG.check(lang if isinstance(lang, str) else str(lang))
            _LENGTH.check(text)
        return value
    if isinstance(value, bool):  # YAML's yes, no, on, off, true and false
        raise ValueError(f"{TEXT_HINT}; YAML reads yes, no, on, off, true and false as a yes-or-no, "
                         "so put such a word in quotes: \"yes\"")
    if isinstance(value, (int, float)):
        raise ValueError(f"{TEXT_HINT}; put a number in quotes to show it as text: \"{value}\"")
    raise ValueError(TEXT_HINT)


Text = Annotated[
    PlainText | dict[Lang, PlainText],
    Parse(_check_text, TEXT_HINT), Doc("text"),
    Field(description="Text, or one text per language: {en: Latest Updates, es: Últimas noticias}."),
]
Count = Annotated[int, Range(0, 999_999_999_999), Doc("whole number"), Field(description="A whole number, 0 or more.")]
_DAY = r"\d{4}-\d{2}-\d{2}"
Moment = Annotated[
    datetime | date,
    Parse(parse_moment, "write 2026-12-01 or 2026-12-01T09:00", schema={
        "type": "string", "pattern": rf"^{_DAY}([T ]\d{{2}}:\d{{2}}(:\d{{2}})?)?$",
        "description": "Local time: a date (2026-12-01) or a date and time (2026-12-01T09:00)."}),
    Doc("date, or date and time"),
]
Hours = Annotated[
    tuple[tuple[int, int], ...],
    Parse(parse_hours, 'write hours like "08:00-17:30", or several as "08:00-12:00, 13:00-17:00"', schema={
        "type": "string", "pattern": rf"^{HOURS_RANGE}(,{HOURS_RANGE})*$",
        "description": "\"08:00-17:30\"; several as \"08:00-12:00, 13:00-17:00\"; "
        "an end before the start crosses midnight.", "examples": ["08:00-17:30"]}),
    Doc("hours"),
]
DateSpan = Annotated[
    tuple[date, date],
    Parse(parse_date_span, "write 2023-03-01, or a range as 2023-03-01 to 2023-03-02", schema={
        "type": "string", "pattern": rf"^{_DAY}((\s*/\s*|\s+to\s+){_DAY})?$",
        "description": "A date (2023-03-01) or a range (2023-03-01 to 2023-03-02)."}),
    Doc("date or range"),
]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Days = Annotated[list[Annotated[Weekday, OneOf()]], Items(1, 7), Parse(parse_days, "write weekdays such as [mon, fri]"),
                 Doc("list of weekdays")]


class Model(BaseModel):
    """Unknown keys are errors and nothing can be changed after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)
