"""The layout's own checks (settings.ticker, settings.side): what pydantic can't see field by field.

Every panel a layout names must exist, a ticker's must be an updates panel, and a panel plays in
one place only. No Qt here: ``kiosk check --size`` measures what fits, these only read the file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping

from kiosk.core.content import model

Warning = tuple[tuple[str | int, ...], str]


def layout_errors(content: model.Content) -> Iterator[Warning]:
    """Unknown ids (with a guess), a ticker on the wrong kind, and a panel placed twice."""
    settings = content.settings
    by_id = {panel.id: panel for panel in content.panels}
    side = settings.side.panels if settings.side else []
    for number, panel_id in enumerate(side):
        if panel_id not in by_id:
            yield (("settings", "side", "panels", number), unknown(panel_id, by_id))
    ticker = settings.ticker
    if ticker is not None and ticker.panel is not None:
        yield from _ticker_errors(ticker.panel, by_id, side)
    if settings.fallback is not None and settings.fallback in side:
        yield (("settings", "fallback"), f"`{settings.fallback}` plays in the side column; the fallback "
                                         "stands in for the main rotation, so name one of its panels")


def _ticker_errors(panel_id: str, by_id: Mapping[str, model.PanelBase], side: list[str]) -> Iterator[Warning]:
    loc = ("settings", "ticker", "panel")
    panel = by_id.get(panel_id)
    if panel is None:
        yield (loc, unknown(panel_id, by_id, kind="updates"))
    elif not isinstance(panel, model.UpdatesPanel):
        yield (loc, f"`{panel_id}` is a {panel.kind} panel; the ticker scrolls the item titles of an "
                    "updates panel, or give it `items:` to scroll instead")
    if panel_id in side:
        yield (loc, f"`{panel_id}` is in the side column too (settings.side.panels); a panel plays in "
                    "one place, so take it out of one of the two")


def unknown(panel_id: str, by_id: Mapping[str, model.PanelBase], kind: str | None = None) -> str:
    """"no panel has the id …", with the nearest id (of ``kind``, if given) as a guess."""
    ids = [key for key, panel in by_id.items() if kind is None or panel.kind == kind]
    guess = difflib.get_close_matches(panel_id, ids, n=1, cutoff=0.5)
    hint = f"; did you mean `{guess[0]}`?" if guess else f"; the panel ids are {', '.join(ids)}" if ids else ""
    return f"no panel has the id `{panel_id}`{hint}"
