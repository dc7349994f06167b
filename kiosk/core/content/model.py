"""The content format: the one source of truth for what content.yaml may hold.

Validation, the JSON Schema (``kiosk schema``) and the README's field reference
all come from these models. Text stays plain text everywhere; nothing here is
ever interpreted as markup.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kiosk.core.content.icons import icon_exists
from kiosk.core.content.plugins_off import turn_plugins_off
from kiosk.core.content.rules import (
    Check,
    Doc,
    Items,
    Kinds,
    Length,
    Matches,
    OneOf,
    Parse,
    Range,
    Says,
    StaffError,
    Unique,
)
from kiosk.core.content.timetext import (
    HOURS_RANGE,
    end_of,
    instant,
    parse_date_span,
    parse_days,
    parse_hours,
    parse_moment,
)

turn_plugins_off()  # before the first model class

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


class Theme(Model):
    background: Color = Field("#0b2545", description="Behind everything.")
    text: Color = Field("#ffffff", description="Titles and reading text; `check` warns below WCAG AA (4.5:1).")
    accent: Color = Field("#f2a541", description="Numbers, bars and icons; `check` warns below WCAG AA (4.5:1).")
    font: str = Field("Source Sans Pro", description=(
        "Font family; Source Sans Pro ships with the kiosk; characters it lacks (CJK) come from a "
        "system font such as Noto Sans CJK or Droid Sans Fallback."))
    preset: Annotated[Literal["default", "high-contrast"], OneOf()] = Field("default", description=(
        "`high-contrast` replaces the colours with black, white and yellow: at least 7:1 everywhere."))


class Power(Model):
    """When the screen is on, in the grammar of ``show:``; outside these hours it sleeps."""

    days: Days | None = Field(None, examples=[["mon", "tue", "wed", "thu", "fri"]], description=(
        "Weekdays the screen is on (`mon` … `sun`); without them, every day."))
    hours: Hours | None = Field(None, examples=["07:30-18:30"], description=(
        'Hours the screen is on, as in `show:`: `"07:30-18:30"`, several ranges, across midnight; '
        "without them, all day."))
    cec: bool = Field(False, description=(
        "Also put the TV in standby and wake it over HDMI-CEC (`cec-ctl`), when a `/dev/cec*` device exists."))
    wake_minutes: Annotated[float, Range(1, 240, unit=("minute", "minutes")), Doc("minutes")] = Field(
        10, description="A key press or clicker wakes a sleeping screen for this long.")

    @property
    def window(self) -> Show:
        """The on-hours as a ``show:`` window, so one schedule grammar serves both."""
        return Show.model_construct(from_=None, until=None, days=self.days, hours=self.hours)


TICKER_SPEED = (20, 400)
SIDE_WIDTH = (20, 45)


class Ticker(Model):
    """settings.ticker: a band of scrolling lines along the bottom (or top) of every panel."""

    panel: Annotated[PanelId, Doc("an updates panel's id")] | None = Field(None, description=(
        "An `updates` panel whose item titles scroll, each with its date; expired items leave, and the "
        "panel leaves the main rotation. Give `panel` or `items`, not both."))
    items: Annotated[list[Text], Items(1, 50), Doc("list of text")] | None = Field(None, description=(
        "Lines to scroll instead, in order."))
    position: Annotated[Literal["bottom", "top"], OneOf()] = Field("bottom", description=(
        "Where the band goes: along the bottom or the top of the screen."))
    speed: Annotated[float, Range(*TICKER_SPEED, unit=("pixel a second", "pixels a second")),
                     Doc("20 – 400")] = Field(90, description=(
        "Pixels a second on a 1080p screen, scaled with the screen (the same crossing time at 4K)."))

    @model_validator(mode="after")
    def _one_source(self) -> Ticker:
        """Exactly one of ``panel`` and ``items``."""
        if (self.panel is None) == (self.items is None):
            raise StaffError("give the ticker either `panel: <id of an updates panel>` or `items: [...]`, "
                             "one of the two")
        return self


class Side(Model):
    """settings.side: a column beside the rotation with panels of its own (a QR code, the clock)."""

    panels: Annotated[list[Annotated[PanelId, Doc("a panel id")]], Items(1, 20), Unique("panel id"),
                      Doc("list of panel ids")] = Field(description=(
        "Panels that rotate in the column, each on its own duration; they leave the main rotation."))
    width: Annotated[float, Range(*SIDE_WIDTH, unit=("percent", "percent")), Doc("20 – 45")] = Field(
        30, description="The column's width, as a percent of the screen's width.")
    position: Annotated[Literal["right", "left"], OneOf()] = Field("right", description=(
        "Which side of the screen the column is on."))


class Settings(Model):
    title: Text = Field(description="Shown in the slim header of every panel.")
    duration: Duration = Field(12.0, description=(
        'Default time per panel: `12`, `"12s"`, `"1m"`, `"1m30s"`; 1 s to 1 h.'))
    transition: Annotated[Literal["fade", "slide", "none"], OneOf()] = Field(
        "fade", description="A 700 ms crossfade, a slide, or a cut.")
    footer: Text = Field("", description="Shown at the foot of every panel (the disclaimer).")
    theme: Theme = Field(Theme(), description="Colours and font.")
    languages: Annotated[list[Lang], Unique("language"), Items(1, 4), Doc("list of language codes")] = Field(
        ["en"], description=("The rotation plays once per language, in this order (up to 4); "
                             "missing translations show the first; see *Two languages*."))
    font_scale: Annotated[float, Range(0.8, 1.6), Doc("0.8 – 1.6")] = Field(1.0, description=(
        "Makes all text larger or smaller; fitting may take some back on a full panel."))
    reduce_motion: bool = Field(False, description=(
        "Panels change instantly, without the crossfade, and numbers appear without counting up."))
    fallback: Annotated[PanelId, Doc("a panel id")] | None = Field(None, description=(
        "Shown when no panel is scheduled; without it, the title and a clock."))
    mode: Annotated[Literal["rotate", "presentation"], OneOf()] = Field("rotate", description=(
        "`rotate`: panels change on their own; `presentation`: panels wait for the clicker (`--presentation`)."))
    lock: bool = Field(False, description="Esc and Q don't quit; hold Ctrl+Shift+Q for 2 s to quit (`--lock`).")
    screen: Annotated[
        Annotated[int, Range(0, 63)] | Annotated[str, Length(1, 200)] | None,
        Says("must be a screen number from 0 to 63, or a screen's name (see `kiosk screens`)"),
        Doc("screen number or name"),
    ] = Field(None, description=("Which screen to show on: its number (0 = first) or name "
                                 "(see `kiosk screens`; `--screen`); default: the primary."))
    play_log: InsidePath | None = Field(None, description=(
        "Proof of play: one JSON line per panel shown, appended to this file, "
        "a path inside the content file's folder (`--play-log` for a file elsewhere)."))
    power: Power | None = Field(None, description=(
        "When the screen is on; outside these hours it sleeps; without it, always on; "
        "see *The display's day*."))
    clock: bool = Field(False, description="The time, and the date where the title leaves room, in the header.")
    status_dir: InsidePath | None = Field(None, description=(
        "Keep `status.json` and `screen.png` in this folder, inside the content file's folder "
        "(`--status-dir` for one elsewhere)."))
    status_every: Duration = Field(60.0, description="`screen.png` is rewritten at most this often.")
    display: Annotated[Literal["auto", "x11", "wayland", "kms", "fb"], OneOf()] = Field("auto", description=(
        "Where to draw: `auto` (the session's Wayland or X11, else the console), `x11`, `wayland`, "
        "`kms` (the console through the GPU) or `fb` (the console's framebuffer, in software) (`--display`)."))
    ticker: Ticker | None = Field(None, description=(
        "A band of scrolling text along the bottom (or top) of every panel; see *Layouts*."))
    side: Side | None = Field(None, description=(
        "A column beside the rotation with panels of its own, such as the clock and a QR code; see *Layouts*."))


class Link(Model):
    label: Text = Field(description="Shown beside or under the QR code.")
    url: Annotated[str, Matches(r"^[Hh][Tt][Tt][Pp][Ss]?://\S+$", (
        "must be a web address starting with http:// or https://")),
        Length(1, MAX_URL, fits="fit in a QR code a phone can read across a lobby; use a shorter address"),
        Doc("http(s) address")] = Field(description=f"The address the QR code holds, at most {MAX_URL} characters.")
    qr: bool = Field(True, description="`false` shows only the label, without a QR code.")


class Show(Model):
    """When a panel plays: every condition given must hold (local time)."""

    from_: Moment | None = Field(None, alias="from", examples=["2026-12-07", "2026-12-07T09:00"],
                                 description="First moment; a date starts at midnight.")
    until: Moment | None = Field(None, examples=["2026-12-11", "2026-12-11 17:00"], description=(
        "Last moment; a date means through the end of that day; a time, up to that minute."))
    days: Days | None = Field(None, examples=[["mon", "tue", "wed", "thu", "fri"]],
                              description="Weekdays (`mon` … `sun`).")
    hours: Hours | None = Field(None, examples=["08:00-17:30"], description=(
        'One or more ranges, `"08:00-12:00, 13:00-17:00"`; quote them.'))


Loc = tuple[str | int, ...]  # where a value is written, e.g. ("images", 0)


class ShownFile(NamedTuple):
    """A file beside content.yaml that a panel shows (the watcher follows it, `kiosk check` reads it)."""

    loc: Loc  # where the panel names it
    path: str  # as written: relative to the content file
    without: str  # what the panel shows when the file can't be read, for the warning
    media: Literal["image", "slide deck", "video"] = "image"  # how `check` reads it


class ExpiringItem(NamedTuple):
    """One item of a panel that can leave it at a moment of its own."""

    loc: Loc  # where the item is written, e.g. ("items", 2)
    until: date | datetime | None  # its last moment; None: it stays


class PanelBase(Model):
    """What every panel kind has. A kind answers for itself which files it shows and which items
    expire, so nothing outside the models needs to know its fields."""

    id: PanelId = Field(description="Unique; used by `--panel`, reload and logs.")
    duration: Duration | None = Field(None, description="Overrides `settings.duration`.")
    link: Link | None = Field(None, description="A QR code of the address, with its label.")
    enabled: bool = Field(True, description="`false` takes the panel out of rotation without deleting it.")
    show: Show | None = Field(None, description="When the panel plays; see [Scheduling](#scheduling).")

    if TYPE_CHECKING:  # each kind's model declares it as a Literal, the union's discriminator
        kind: str

    def fills_screen(self) -> bool:
        """True when the panel takes the whole screen, without the header and footer."""
        return False

    def time_on_screen(self, scheduled: float, pages: int) -> float:
        """Seconds the panel stays, all ``pages`` together; ``scheduled`` is its duration or the default."""
        return scheduled

    def shown_files(self) -> list[ShownFile]:
        """The image files this panel shows; replacing one must refresh it on screen."""
        return []

    def expiring_items(self) -> list[ExpiringItem]:
        """Every item of a panel made of items that expire, in order (empty for other kinds)."""
        return []

    def playing_at(self, when: datetime) -> PanelBase | None:
        """The panel as it plays at ``when``, without its expired items; None when none is left."""
        return self


class Counter(Model):
    value: Count = Field(description="Counts up over 1.5 s each time the panel appears.")
    label: Text = Field(description="Under the number.")
    icon: Icon | None = Field(None, description="Above the number, e.g. `fa5s.baby`.")


class Total(Model):
    value: Annotated[Count | Literal["auto"], Says("must be a whole number, 0 or more, or auto"),
                     Doc("whole number or `auto`")] = Field(description=(
        "`auto` shows the sum; `check` warns when a given total is not the sum."))
    label: Text = Field(description="Beside the total.")


class CountersPanel(PanelBase):
    kind: Literal["counters"]
    title: Text = Field(description="The panel's heading.")
    intro: Text = Field("", description="A line under the title.")
    counters: Annotated[list[Counter], Items(1, 12)] = Field(description=(
        "1 to 12 numbers; a bar shows each one's share of the total."))
    total: Total | None = Field(None, description="The total, beside the bar.")
    notes: list[Text] = Field([], description="Lines at the foot of the panel.")

    @property
    def total_value(self) -> int | None:
        if self.total is None:
            return None
        if self.total.value == "auto":
            return sum(c.value for c in self.counters)
        return self.total.value


class TextPanel(PanelBase):
    kind: Literal["text"]
    title: Text = Field(description="The panel's heading.")
    icon: Icon | None = Field(None, description="Beside the title.")
    body: Text = Field(description="Paragraphs, separated by a blank line.")
    images: Annotated[list[str], Items(0, 10), Doc("list of image paths")] = Field([], description=(
        "PNG, JPEG or SVG, relative to the content file; the first one that can be read shows beside "
        "the paragraphs (above them on a portrait screen), whole, not cropped."))

    def shown_files(self) -> list[ShownFile]:
        # Every one: replacing an unreadable first image may change which one shows.
        return [ShownFile(("images", number), path, "the panel shows without it")
                for number, path in enumerate(self.images)]


class SpotlightPanel(PanelBase):
    kind: Literal["spotlight"]
    heading: Text = Field(description="The panel's heading, e.g. the award.")
    name: Text = Field(description="The person's name.")
    detail: Text = Field("", description="A line under the name, e.g. a state or a class.")
    quote: Text = Field("", description="Shown with real quotation marks.")
    body: Text = Field("", description="Paragraphs under the quote.")
    photo: Annotated[str, Doc("image path")] | None = Field(None, description=(
        "PNG, JPEG or SVG, relative to the content file, filled into the circle and decoded at the size "
        "it is shown; without one, or when it can't be read, the person's initials and a `check` warning."))

    def shown_files(self) -> list[ShownFile]:
        return [ShownFile(("photo",), self.photo, "showing the initials instead")] if self.photo else []


class UpdateItem(Model):
    title: Text = Field(description="The item's heading.")
    text: Text = Field("", description="A paragraph under it.")
    link: Link | None = Field(None, description="A QR code for the item.")
    date: DateSpan | None = Field(None, description=(
        'Shown beside the title as people write dates ("Mar 1, 2023", "Mar 1 – 2, 2023"): '
        "`2023-03-01`, or a range as `2023-03-01 to 2023-03-02` (or `2023-03-01/2023-03-02`)."))
    until: Moment | None = Field(None, description=(
        "After this the item leaves the panel; when every item has left, so does the panel."))

    def current_at(self, when: datetime) -> bool:
        """An item stays until the end of its ``until`` (a date: through that day)."""
        return self.until is None or instant(when) < instant(end_of(self.until))


class UpdatesPanel(PanelBase):
    kind: Literal["updates"]
    title: Text = Field(description="The panel's heading.")
    items: Annotated[list[UpdateItem], Items(1, 50)] = Field(description=(
        "1 to 50 items; those that don't fit one screen are split into pages that share the panel's time."))

    def expiring_items(self) -> list[ExpiringItem]:
        return [ExpiringItem(("items", number), item.until) for number, item in enumerate(self.items)]

    def playing_at(self, when: datetime) -> UpdatesPanel | None:
        items = [item for item in self.items if item.current_at(when)]
        if not items:
            return None
        return self if len(items) == len(self.items) else self.model_copy(update={"items": items})


class ImagePanel(PanelBase):
    """A poster: one image over the whole panel (``bleed``: the whole screen)."""

    kind: Literal["image"]
    file: Annotated[FilePath, Doc("image path")] = Field(description=(
        "PNG, JPEG, WebP or SVG, relative to the content file; decoded at the size it is shown."))
    fit: Annotated[Literal["contain", "cover"], OneOf()] = Field("contain", description=(
        "`contain` shows the whole image with bars; `cover` fills the space and crops the edges."))
    background: Color | None = Field(None, description=(
        "The colour of the bars around a contained image; default: the theme's background."))
    caption: Text = Field("", description="A line under the image (on a band over it with `bleed`).")
    bleed: bool = Field(False, description="`true`: the image takes the whole screen, without header and footer.")

    def fills_screen(self) -> bool:
        return self.bleed

    def shown_files(self) -> list[ShownFile]:
        return [ShownFile(("file",), self.file, "the panel is left out of the rotation")]


MAX_DECK_PAGES = 200
PAGES_HINT = 'write pages as "1-5, 8", counted from 1'


def parse_pages(value: object) -> tuple[int, ...]:
    """ "1-5, 8" -> (1, 2, 3, 4, 5, 8): page numbers as people write them, counted from 1."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(PAGES_HINT)
    pages: list[int] = []
    for part in str(value).split(","):
        match = re.fullmatch(r"\s*(\d{1,4})\s*(?:-\s*(\d{1,4})\s*)?", part)
        if not match:
            raise ValueError(f'cannot read {part.strip()!r} as pages; write them as "1-5, 8"')
        first, last = int(match[1]), int(match[2] or match[1])
        if first < 1 or last < first:
            raise ValueError(f"{part.strip()!r}: pages count from 1, and a range goes up, as in 3-5")
        pages += range(first, last + 1)
        if len(pages) > MAX_DECK_PAGES:
            raise ValueError(f"picks more than {MAX_DECK_PAGES} pages; a deck shows at most {MAX_DECK_PAGES}")
    return tuple(pages)


Pages = Annotated[
    tuple[int, ...],
    Parse(parse_pages, PAGES_HINT, schema={
        "type": ["string", "integer"], "pattern": r"^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$",
        "description": 'Pages to show, counted from 1: "1-5, 8".', "examples": ["1-5, 8"]}),
    Doc("pages"),
]


class SlidesPanel(PanelBase):
    """A slide deck exported as PDF: each page a page of the panel, like a long updates panel."""

    kind: Literal["slides"]
    file: Annotated[FilePath, Doc("PDF path")] = Field(description="The deck, relative to the content file.")
    pages: Pages | None = Field(None, description='Which pages show, counted from 1: `"1-5, 8"`; default: all.')
    page_duration: Duration = Field(8.0, description=(
        "Time per page; the panel lasts the pages times this (a given `duration` is shared by the pages instead)."))
    caption: Text = Field("", description="A line under every page, beside the page number.")

    def time_on_screen(self, scheduled: float, pages: int) -> float:
        return self.duration if self.duration is not None else self.page_duration * pages

    def shown_files(self) -> list[ShownFile]:
        return [ShownFile(("file",), self.file, "a placeholder shows instead", "slide deck")]


class VideoPanel(PanelBase):
    """A short clip, played through once (or ``loop`` times); the panel lasts as long as it plays."""

    kind: Literal["video"]
    file: Annotated[FilePath, Doc("video path")] = Field(description=(
        "MP4 (H.264) or WebM, relative to the content file; needs `pip install 'kiosk[video]'`."))
    sound: bool = Field(False, description="`true` plays the clip's sound; muted by default.")
    loop: Annotated[int, Range(1, 100), Doc("1 – 100")] = Field(1, description=(
        "How many times the clip plays; the panel lasts the clip's length times this."))
    caption: Text = Field("", description="A line under the clip.")
    bleed: bool = Field(False, description="`true`: the clip takes the whole screen, without header and footer.")

    def fills_screen(self) -> bool:
        return self.bleed

    def shown_files(self) -> list[ShownFile]:
        return [ShownFile(("file",), self.file, "the panel is left out of the rotation", "video")]


class ClockPanel(PanelBase):
    """The time and the date, large, in the theme's colours; a side column's usual companion."""

    kind: Literal["clock"]
    title: Text = Field("", description="A line above the time, e.g. the venue.")
    format: Annotated[Literal["time", "date", "time-and-date"], OneOf()] = Field("time-and-date", description=(
        "`time`, `date`, or `time-and-date`: the time over the date, both in the rotation's language."))


Panel = Annotated[
    CountersPanel | TextPanel | SpotlightPanel | UpdatesPanel | ImagePanel | SlidesPanel | VideoPanel | ClockPanel,
    Field(discriminator="kind"),
    Kinds(),
]
# Read off the union, so a new kind is named in one place.
PANEL_KINDS = tuple(get_args(cls.model_fields["kind"].annotation)[0] for cls in get_args(get_args(Panel)[0]))


class Urgent(Model):
    """urgent.yaml beside content.yaml: one message that takes over the screen."""

    title: Text = Field("", description="The headline, e.g. Building closed today.")
    text: Text = Field(description="What people need to know.")
    link: Link | None = Field(None, description="Shown as a QR code with its label.")
    until: Moment | None = Field(None, examples=["2026-12-04", "2026-12-04 17:00"], description=(
        "The message goes after this; a date means through the end of that day."))
    wake: bool = Field(False, description="Also wake a sleeping screen (`settings.power`) while the message lasts.")


class Content(Model):
    settings: Settings = Field(description="How the whole rotation looks and plays.")
    panels: Annotated[list[Panel], Items(1, MAX_PANELS)] = Field(description=(
        f"1 to {MAX_PANELS} panels, shown in file order."))

    def duration_of(self, panel: PanelBase) -> float:
        return panel.duration or self.settings.duration


def paragraphs(text: str) -> list[str]:
    """Split on blank lines and join wrapped lines, the way staff write YAML blocks."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [" ".join(block.split()) for block in blocks if block.strip()]
