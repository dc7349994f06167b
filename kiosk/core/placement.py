"""Which panels a layout shows where, and the ticker's lines. Plain Python over the model, no Qt.

The main rotation leaves out the panels a layout places elsewhere (``placed_ids``); the side
column plays a content of its own (``side_content``); the ticker scrolls ``ticker_items``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from kiosk.core.content.localize import localized_model, pick
from kiosk.core.content.model import Content, Settings, UpdatesPanel
from kiosk.core.content.schedule import showing
from kiosk.core.dates import date_span_text

BandAt = Literal["top", "bottom"]
ColumnAt = Literal["left", "right"]


@dataclass(frozen=True)
class TickerItem:
    """One line of the ticker, and the date shown after it (an update's), already in its language."""

    text: str
    date: str = ""


@dataclass(frozen=True)
class Arrangement:
    """Which regions a layout has, and where: what the screen needs of settings.ticker and settings.side."""

    band: BandAt | None = None
    column: ColumnAt | None = None
    column_percent: float = 30


def arrangement_of(settings: Settings) -> Arrangement:
    """The regions ``settings`` asks for (the band shows only while the ticker has items)."""
    ticker, side = settings.ticker, settings.side
    return Arrangement(ticker.position if ticker else None, side.position if side else None,
                       side.width if side else 30)


def placed_ids(settings: Settings) -> frozenset[str]:
    """The panels a layout shows in a region of their own: they leave the main rotation."""
    side = settings.side.panels if settings.side else []
    ticker = [settings.ticker.panel] if settings.ticker and settings.ticker.panel else []
    return frozenset([*side, *ticker])


def side_content(content: Content, lang: str) -> Content | None:
    """What the side column plays, in ``lang`` (the main rotation's round): its panels, in the order
    listed, each on its own duration; None without a column."""
    side = content.settings.side
    if side is None:
        return None
    by_id = {panel.id: panel for panel in content.panels}
    settings = content.settings.model_copy(update={
        "side": None, "ticker": None, "fallback": None, "clock": False, "languages": [lang],
        "play_log": None, "status_dir": None})
    # the languages' order stays: a translation missing in ``lang`` shows the first language's text
    first = content.settings.languages[0]
    panels = [localized_model(by_id[panel_id], lang, first) for panel_id in side.panels if panel_id in by_id]
    return Content.model_construct(settings=localized_model(settings, lang, first), panels=panels)


def ticker_items(content: Content, when: datetime, lang: str) -> list[TickerItem]:
    """The ticker's lines at ``when`` in ``lang``: its given items, or its updates panel's current item
    titles with their dates. Empty (the band goes) when the panel is off, scheduled off or all expired."""
    ticker = content.settings.ticker
    if ticker is None:
        return []
    first = content.settings.languages[0]
    if ticker.items is not None:
        return [TickerItem(pick(text, lang, first)) for text in ticker.items if pick(text, lang, first).strip()]
    panel = next((p for p in content.panels if p.id == ticker.panel), None)
    if not isinstance(panel, UpdatesPanel) or not panel.enabled or not showing(panel.show, when):
        return []
    playing = panel.playing_at(when)
    if playing is None:
        return []
    locale = lang.replace("-", "_")
    return [TickerItem(pick(item.title, lang, first), date_span_text(*item.date, locale) if item.date else "")
            for item in playing.items]
