"""The ``settings:`` block: how the whole rotation looks and plays."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from kiosk.core.content.panels import Show
from kiosk.core.content.rules import Doc, Items, Length, OneOf, Range, Says, StaffError, Unique
from kiosk.core.content.values import Color, Days, Duration, Hours, InsidePath, Lang, Model, PanelId, Text


class Theme(Model):
    """The colours and the font of every panel."""

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
    """How the whole rotation looks and plays: title, timing, languages, screen and power."""

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
