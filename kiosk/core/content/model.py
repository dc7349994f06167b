"""The content format: the one source of truth for what content.yaml may hold.

Validation, the JSON Schema (``kiosk schema``) and the README's field reference
all come from these models. Text stays plain text everywhere; nothing here is
ever interpreted as markup.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator, WithJsonSchema

from kiosk.core.content.icons import icon_exists
from kiosk.core.content.timetext import HOURS_RANGE, parse_date_span, parse_days, parse_hours, parse_moment

MIN_DURATION = 1.0
MAX_DURATION = 3600.0
MAX_PANELS = 200

_DURATION = re.compile(r"^\s*(?:(?P<m>\d+(?:\.\d+)?)\s*m)?\s*(?:(?P<s>\d+(?:\.\d+)?)\s*s?)?\s*$")


def _parse_duration(value: object) -> object:
    """Accept 12, 12.5, "12s", "1m" or "1m30s"; leave other input for pydantic to reject."""
    if isinstance(value, bool):
        raise ValueError("must be a number of seconds, such as 12 or \"12s\"")
    if isinstance(value, str):
        match = _DURATION.match(value)
        if not match or not (match["m"] or match["s"]):
            raise ValueError(f"cannot read {value!r} as a duration; write 12, \"12s\" or \"1m\"")
        return float(match["m"] or 0) * 60 + float(match["s"] or 0)
    return value


def _check_icon(name: str) -> str:
    if not icon_exists(name):
        raise ValueError(f"no icon named {name!r} in qtawesome; names look like fa5s.baby "
                         "(see https://fontawesome.com/v5/search?m=free&s=solid)")
    return name


def _inside_folder(value: str) -> str:
    """A file the content may have the kiosk write: inside the content folder, by its words alone."""
    parts = re.split(r"[/\\]", value)
    if value.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", value) or ".." in parts or "\0" in value:
        raise ValueError(f"{value!r} is outside the content file's folder; write a path inside it, such as "
                         "logs/play.jsonl, or give the kiosk --play-log FILE on its command line")
    return value


MAX_URL = 500  # a QR code of more is too dense to read from across a lobby (segno's limit is ~2,300)


def _qr_sized(value: str) -> str:
    if len(value) > MAX_URL:
        raise ValueError(f"this address is {len(value):,} characters long; a QR code of more than {MAX_URL} "
                         "can't be read from across a lobby. Use a shorter address for the page")
    return value


Duration = Annotated[
    float,
    BeforeValidator(_parse_duration),
    Field(ge=MIN_DURATION, le=MAX_DURATION, allow_inf_nan=False,
          description="Seconds: a number, or a string such as \"12s\" or \"1m\"."),
]
Color = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", description="A colour as #rrggbb.")]
Icon = Annotated[str, AfterValidator(_check_icon),
                 Field(description="A qtawesome icon name, e.g. fa5s.baby.")]
PanelId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64,
                               description="Unique; lowercase letters, digits and dashes.")]
MAX_TEXT = 5000
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
Lang = Annotated[str, Field(pattern=_LANG.pattern, description="A language code such as en or es.")]
PlainText = Annotated[str, Field(max_length=MAX_TEXT)]


def _check_text(value: object) -> object:
    """One clear message for a text field, instead of one per branch of the union."""
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise ValueError(f"text is {len(value):,} characters long; at most {MAX_TEXT:,} fit on a screen")
        return value
    if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        for lang in value:
            if not isinstance(lang, str) or not _LANG.match(lang):
                raise ValueError(f"`{lang}` is not a language code; use codes such as en or es")
        return value
    raise ValueError("must be text, or a map of translations such as {en: Latest Updates, es: Últimas noticias}")


Text = Annotated[
    PlainText | dict[Lang, PlainText],
    BeforeValidator(_check_text),
    Field(description="Text, or one text per language: {en: Latest Updates, es: Últimas noticias}."),
]
Count = Annotated[int, Field(ge=0, le=999_999_999_999, description="A whole number, 0 or more.")]
_DAY = r"\d{4}-\d{2}-\d{2}"
Moment = Annotated[
    datetime | date, PlainValidator(parse_moment),
    WithJsonSchema({"type": "string", "pattern": rf"^{_DAY}([T ]\d{{2}}:\d{{2}}(:\d{{2}})?)?$",
                    "description": "Local time: a date (2026-12-01) or a date and time (2026-12-01T09:00)."}),
]
Hours = Annotated[
    tuple[tuple[int, int], ...], PlainValidator(parse_hours),
    WithJsonSchema({"type": "string", "pattern": rf"^{HOURS_RANGE}(,{HOURS_RANGE})*$",
                    "description": "\"08:00-17:30\"; several as \"08:00-12:00, 13:00-17:00\"; "
                    "an end before the start crosses midnight.", "examples": ["08:00-17:30"]}),
]
DateSpan = Annotated[
    tuple[date, date], PlainValidator(parse_date_span),
    WithJsonSchema({"type": "string", "pattern": rf"^{_DAY}((\s*/\s*|\s+to\s+){_DAY})?$",
                    "description": "A date (2023-03-01) or a range (2023-03-01 to 2023-03-02)."}),
]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _unique(values: list[str]) -> list[str]:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise ValueError(f"{', '.join(repeated)} listed twice; list each language once")
    return values


class Model(BaseModel):
    """Unknown keys are errors and nothing can be changed after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Theme(Model):
    background: Color = "#0b2545"
    text: Color = "#ffffff"
    accent: Color = "#f2a541"
    font: str = Field("Source Sans Pro", description="Family name; Source Sans Pro ships with the kiosk.")
    preset: Literal["default", "high-contrast"] = Field(
        "default", description="high-contrast replaces the colours with a palette of at least 7:1 contrast.")


class Settings(Model):
    title: Text = Field(description="Shown in the slim header of every panel.")
    duration: Duration = Field(12.0, description="Default seconds each panel shows.")
    transition: Literal["fade", "slide", "none"] = "fade"
    footer: Text = Field("", description="Shown at the foot of every panel (e.g. a disclaimer).")
    theme: Theme = Theme()
    languages: Annotated[list[Lang], AfterValidator(_unique)] = Field(["en"], min_length=1, max_length=4, description=(
        "The rotation plays once per language, in this order; missing translations show the first."))
    font_scale: float = Field(1.0, ge=0.8, le=1.6, allow_inf_nan=False,
                              description="Makes all text larger or smaller (0.8 to 1.6).")
    reduce_motion: bool = Field(False, description="Instant changes instead of the crossfade and count-up.")
    fallback: PanelId | None = Field(None, description="Panel shown when nothing else is scheduled; "
                                     "without it, the title and a clock.")
    mode: Literal["rotate", "presentation"] = Field(
        "rotate", description="rotate: panels change on their own; presentation: a clicker drives them.")
    lock: bool = Field(False, description="Esc and Q don't quit; hold Ctrl+Shift+Q for 2 s to quit.")
    screen: Annotated[int, Field(ge=0, le=63)] | Annotated[str, Field(min_length=1, max_length=200)] | None = Field(
        None, description="Screen index (0 = first) or name (see `kiosk screens`); default: the primary.")
    play_log: Annotated[str, Field(min_length=1, max_length=4096), AfterValidator(_inside_folder)] | None = Field(
        None, description="Append one JSON line per panel shown to this file, a path inside the content "
                          "file's folder (use --play-log for a file elsewhere).")


class Link(Model):
    label: Text
    url: Annotated[str, Field(pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://\S+$"), AfterValidator(_qr_sized),
                   Field(description=f"An http(s) address, at most {MAX_URL} characters (it becomes a QR code).")]
    qr: bool = Field(True, description="false shows only the label, without a QR code.")


class Show(Model):
    """When a panel plays: every condition given must hold (local time)."""

    from_: Moment | None = Field(None, alias="from", description="First moment; a date starts at midnight.")
    until: Moment | None = Field(None, description="Last moment; a date means through the end of that day.")
    days: Annotated[list[Weekday], BeforeValidator(parse_days), Field(min_length=1)] | None = Field(
        None, description="Weekdays, e.g. [mon, tue, wed, thu, fri].")
    hours: Hours | None = None


class PanelBase(Model):
    id: PanelId
    duration: Duration | None = Field(None, description="Overrides settings.duration.")
    link: Link | None = Field(None, description="Shown as a QR code with its label.")
    enabled: bool = Field(True, description="false takes the panel out of rotation without deleting it.")
    show: Show | None = Field(None, description="When the panel plays; without it, always.")


class Counter(Model):
    value: Count
    label: Text
    icon: Icon | None = None


class Total(Model):
    value: Count | Literal["auto"] = Field(description="A number, or \"auto\" for the sum.")
    label: Text


class CountersPanel(PanelBase):
    kind: Literal["counters"]
    title: Text
    intro: Text = ""
    counters: list[Counter] = Field(min_length=1, max_length=12)
    total: Total | None = None
    notes: list[Text] = []

    @property
    def total_value(self) -> int | None:
        if self.total is None:
            return None
        if self.total.value == "auto":
            return sum(c.value for c in self.counters)
        return self.total.value


class TextPanel(PanelBase):
    kind: Literal["text"]
    title: Text
    icon: Icon | None = None
    body: Text = Field(description="Paragraphs, separated by a blank line.")
    images: list[str] = Field([], max_length=10, description=(
        "Image paths (PNG, JPEG, SVG) relative to the content file; the first readable one shows."))


class SpotlightPanel(PanelBase):
    kind: Literal["spotlight"]
    heading: Text
    name: Text
    detail: Text = ""
    quote: Text = ""
    body: Text = ""
    photo: str | None = Field(None, description="Image path (PNG, JPEG, SVG), relative to the content file.")


class UpdateItem(Model):
    title: Text
    text: Text = ""
    link: Link | None = None
    date: DateSpan | None = Field(None, description="Shown beside the title.")
    until: Moment | None = Field(None, description="After this the item leaves the panel.")


class UpdatesPanel(PanelBase):
    kind: Literal["updates"]
    title: Text
    items: list[UpdateItem] = Field(min_length=1, max_length=50)


Panel = Annotated[
    CountersPanel | TextPanel | SpotlightPanel | UpdatesPanel,
    Field(discriminator="kind"),
]
PANEL_KINDS = ("counters", "text", "spotlight", "updates")


class Content(Model):
    settings: Settings
    panels: list[Panel] = Field(min_length=1, max_length=MAX_PANELS)

    def duration_of(self, panel: PanelBase) -> float:
        return panel.duration or self.settings.duration


def paragraphs(text: str) -> list[str]:
    """Split on blank lines and join wrapped lines, the way staff write YAML blocks."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [" ".join(block.split()) for block in blocks if block.strip()]
