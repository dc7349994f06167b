"""Warnings about content that is valid but probably not what staff meant."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.core.content import model
from kiosk.core.content.clips import INSTALL_VIDEO, clip_problem, video_support
from kiosk.core.content.colors import band_color, contrast_ratio
from kiosk.core.content.decks import open_deck
from kiosk.core.content.images import ImageRefusedError, read_image
from kiosk.core.content.layout_checks import layout_errors
from kiosk.core.content.localize import translation_warnings
from kiosk.core.content.schedule import schedule_errors, schedule_warnings
from kiosk.core.playlist import idle_while_on

Warning = tuple[tuple[str | int, ...], str]

AA_CONTRAST = 4.5
POWER_HORIZON = timedelta(days=7)  # settings.power repeats weekly: one week shows every on-time


def content_warnings(content: model.Content, folder: Path, now: datetime | None = None) -> list[Warning]:
    """Valid but suspicious content; schedules are judged against ``now`` (default: the clock)."""
    now = now or datetime.now()
    ticker = content.settings.ticker is not None
    return [*_theme_warnings(content.settings.theme, ticker), *_panel_warnings(content, folder),
            *_own_warnings(content, now), *schedule_warnings(content, now), *translation_warnings(content),
            *_power_warnings(content, now)]


def _power_warnings(content: model.Content, now: datetime) -> Iterator[Warning]:
    """Nothing to rotate for a week: every panel disabled, over, empty or outside its times (or the power's)."""
    if not idle_while_on(content, now, now + POWER_HORIZON):
        return
    shown = "the fallback panel" if content.settings.fallback else "the title and a clock"
    if content.settings.power is not None:
        yield (("settings", "power"), "no panel is scheduled while the screen is on in the next 7 days, "
                                      f"so it would only show {shown}; move the panels' `show:` or `power:`")
    else:
        yield (("panels",), "no panel plays in the next 7 days (each is disabled, over, has nothing left to "
                            f"show or waits for its `show:` times), so the screen would only show {shown}")


def _theme_warnings(theme: model.Theme, ticker: bool = False) -> Iterator[Warning]:
    if theme.preset == "high-contrast":
        return  # the preset's own palette replaces these colours
    band = band_color(theme.text, theme.background)
    for name in ("text", "accent"):
        ratio = contrast_ratio(getattr(theme, name), theme.background)
        if ratio < AA_CONTRAST:
            yield (("settings", "theme", name),
                   f"contrast against the background is {ratio:.1f}:1; "
                   f"WCAG AA needs at least {AA_CONTRAST}:1 to be readable across a lobby")
        elif ticker and (ratio := contrast_ratio(getattr(theme, name), band)) < AA_CONTRAST:
            yield (("settings", "theme", name),
                   f"contrast against the ticker's band ({band}) is {ratio:.1f}:1; "
                   f"WCAG AA needs at least {AA_CONTRAST}:1 to be readable across a lobby")


def content_errors(content: model.Content) -> list[Warning]:
    """Problems pydantic can't see field by field, and that make the content unusable."""
    errors: list[Warning] = []
    seen: dict[str, int] = {}
    for index, panel in enumerate(content.panels):
        if panel.id in seen:
            errors.append((("panels", index, "id"),
                           f"duplicate id {panel.id!r}; panel {seen[panel.id] + 1} already uses it"))
        seen.setdefault(panel.id, index)
    return [*errors, *schedule_errors(content), *layout_errors(content)]


def _panel_warnings(content: model.Content, folder: Path) -> Iterator[Warning]:
    for index, panel in enumerate(content.panels):
        if isinstance(panel, model.CountersPanel):
            yield from _total_warning(index, panel)
        for shown in panel.shown_files():
            if shown.media == "image":
                yield from _image_warning(("panels", index, *shown.loc), folder, shown.path, shown.without)
        if isinstance(panel, model.SlidesPanel):
            yield from _deck_warnings(("panels", index), folder, panel)
        if isinstance(panel, model.VideoPanel):
            yield from _clip_warnings(("panels", index), folder, panel)


def _own_warnings(content: model.Content, now: datetime) -> Iterator[Warning]:
    """What each panel says about its own fields at ``now`` (a countdown to a moment past)."""
    for index, panel in enumerate(content.panels):
        for loc, message in panel.warnings_at(now):
            yield ("panels", index, *loc), message


def _clip_warnings(loc: tuple[str | int, ...], folder: Path, panel: model.VideoPanel) -> Iterator[Warning]:
    """A clip this machine can't play: no video support installed, or a file that isn't a clip."""
    if not video_support():
        yield (*loc, "kind"), (f"panel {panel.id!r} needs video support, which is not installed: "
                               f"{INSTALL_VIDEO}; until then the rotation leaves it out")
        return
    problem = clip_problem(folder, panel.file)
    if problem:
        yield (*loc, "file"), f"{problem}; the panel is left out of the rotation"


def _deck_warnings(loc: tuple[str | int, ...], folder: Path, panel: model.SlidesPanel) -> Iterator[Warning]:
    """A deck that can't open (a placeholder shows instead), or picked pages it lacks."""
    try:
        deck = open_deck(folder, panel.file, panel.pages)
    except ImageRefusedError as refused:
        yield (*loc, "file"), f"{refused}; a placeholder shows instead"
        return
    for problem in deck.problems:
        yield (*loc, "pages" if panel.pages else "file"), problem


def _image_warning(loc: tuple[str | int, ...], folder: Path, name: str, instead: str) -> Iterator[Warning]:
    """An image the kiosk won't show: refused by read_image (where it is, what it is, how big,
    whether its format is one the kiosk decodes, whether an SVG refers outside itself)."""
    try:
        read_image(folder, name)
    except ImageRefusedError as refused:
        yield loc, f"{refused}; {instead}"


def _total_warning(index: int, panel: model.CountersPanel) -> Iterator[Warning]:
    if panel.total is None or panel.total.value == "auto":
        return
    counted = sum(c.value for c in panel.counters)
    if counted != panel.total.value:
        yield (("panels", index, "total", "value"),
               f"total {panel.total.value:,} is not the sum of the counters ({counted:,}); "
               "write `value: auto` to show the sum")
