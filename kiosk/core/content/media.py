"""The panel kinds that show a file: an image (poster), a PDF slide deck and a video."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field

from kiosk.core.content.panels import PanelBase, ShownFile
from kiosk.core.content.rules import Doc, OneOf, Parse, Range
from kiosk.core.content.values import Color, Duration, FilePath, Text


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
        """True with ``bleed``: the image takes the whole screen."""
        return self.bleed

    def shown_files(self) -> list[ShownFile]:
        """The image file, left out of the rotation when it can't be read."""
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
        """The pages times ``page_duration``, unless a ``duration`` is given."""
        return self.duration if self.duration is not None else self.page_duration * pages

    def shown_files(self) -> list[ShownFile]:
        """The PDF deck, shown as a placeholder when it can't be read."""
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
        """True with ``bleed``: the clip takes the whole screen."""
        return self.bleed

    def shown_files(self) -> list[ShownFile]:
        """The video file, left out of the rotation when it can't be read."""
        return [ShownFile(("file",), self.file, "the panel is left out of the rotation", "video")]

