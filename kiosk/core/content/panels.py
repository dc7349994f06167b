"""The panel base and the kinds made of text: counters, text, spotlight and updates."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple

from pydantic import Field

from kiosk.core.content.rules import Doc, Items, Length, Matches, Says
from kiosk.core.content.timetext import end_of, instant
from kiosk.core.content.values import (
    MAX_URL,
    Count,
    DateSpan,
    Days,
    Duration,
    Hours,
    Icon,
    Model,
    Moment,
    PanelId,
    Text,
)


class Link(Model):
    """A web address shown as a QR code, with a label people can read."""

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
    """One number of a counters panel, with its label and icon."""

    value: Count = Field(description="Counts up over 1.5 s each time the panel appears.")
    label: Text = Field(description="Under the number.")
    icon: Icon | None = Field(None, description="Above the number, e.g. `fa5s.baby`.")


class Total(Model):
    """The total beside a counters panel's bar: given, or the sum."""

    value: Annotated[Count | Literal["auto"], Says("must be a whole number, 0 or more, or auto"),
                     Doc("whole number or `auto`")] = Field(description=(
        "`auto` shows the sum; `check` warns when a given total is not the sum."))
    label: Text = Field(description="Beside the total.")


class CountersPanel(PanelBase):
    """Numbers that count up, with a bar of each one's share and a total."""

    kind: Literal["counters"]
    title: Text = Field(description="The panel's heading.")
    intro: Text = Field("", description="A line under the title.")
    counters: Annotated[list[Counter], Items(1, 12)] = Field(description=(
        "1 to 12 numbers; a bar shows each one's share of the total."))
    total: Total | None = Field(None, description="The total, beside the bar.")
    notes: list[Text] = Field([], description="Lines at the foot of the panel.")

    @property
    def total_value(self) -> int | None:
        """The total to show: the sum with ``auto``, the given number, or None."""
        if self.total is None:
            return None
        if self.total.value == "auto":
            return sum(c.value for c in self.counters)
        return self.total.value


class TextPanel(PanelBase):
    """A heading and paragraphs, with an image beside them."""

    kind: Literal["text"]
    title: Text = Field(description="The panel's heading.")
    icon: Icon | None = Field(None, description="Beside the title.")
    body: Text = Field(description="Paragraphs, separated by a blank line.")
    images: Annotated[list[str], Items(0, 10), Doc("list of image paths")] = Field([], description=(
        "PNG, JPEG or SVG, relative to the content file; the first one that can be read shows beside "
        "the paragraphs (above them on a portrait screen), whole, not cropped."))

    def shown_files(self) -> list[ShownFile]:
        """Every image, since replacing an unreadable first one may change which shows."""
        return [ShownFile(("images", number), path, "the panel shows without it")
                for number, path in enumerate(self.images)]


class SpotlightPanel(PanelBase):
    """One person in the spotlight: photo, name, quote and a few words."""

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
        """The photo, when one is given."""
        return [ShownFile(("photo",), self.photo, "showing the initials instead")] if self.photo else []


class UpdateItem(Model):
    """One item of an updates panel: a title, a date and a paragraph."""

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
    """A list of dated news items, split into pages when they don't fit."""

    kind: Literal["updates"]
    title: Text = Field(description="The panel's heading.")
    items: Annotated[list[UpdateItem], Items(1, 50)] = Field(description=(
        "1 to 50 items; those that don't fit one screen are split into pages that share the panel's time."))

    def expiring_items(self) -> list[ExpiringItem]:
        """Each item with its ``until``."""
        return [ExpiringItem(("items", number), item.until) for number, item in enumerate(self.items)]

    def playing_at(self, when: datetime) -> UpdatesPanel | None:
        """The panel with only the items current at ``when``; None when none is left."""
        items = [item for item in self.items if item.current_at(when)]
        if not items:
            return None
        return self if len(items) == len(self.items) else self.model_copy(update={"items": items})

