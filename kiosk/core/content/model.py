"""The content format: the one source of truth for what content.yaml may hold.

Validation, the JSON Schema (``kiosk schema``) and docs/format.md's field tables
all come from these models. Text stays plain text everywhere; nothing here is
ever interpreted as markup.
"""

from __future__ import annotations

import re
from typing import Annotated, get_args

from pydantic import Field

from kiosk.core.content.clock import *  # noqa: F403  (re-exported: the format's one namespace)
from kiosk.core.content.clock import ClockPanel
from kiosk.core.content.media import *  # noqa: F403
from kiosk.core.content.media import ImagePanel, SlidesPanel, VideoPanel
from kiosk.core.content.panels import *  # noqa: F403
from kiosk.core.content.panels import CountersPanel, Link, PanelBase, SpotlightPanel, TextPanel, UpdatesPanel
from kiosk.core.content.rules import Items, Kinds
from kiosk.core.content.settings import *  # noqa: F403
from kiosk.core.content.settings import Settings
from kiosk.core.content.timed import *  # noqa: F403
from kiosk.core.content.timed import AgendaPanel, CountdownPanel
from kiosk.core.content.values import *  # noqa: F403
from kiosk.core.content.values import MAX_PANELS, Model, Moment, Text

Panel = Annotated[
    CountersPanel | TextPanel | SpotlightPanel | UpdatesPanel | ImagePanel | SlidesPanel | VideoPanel | AgendaPanel
    | CountdownPanel | ClockPanel,
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
    """The whole of content.yaml: the settings and the panels."""

    settings: Settings = Field(description="How the whole rotation looks and plays.")
    panels: Annotated[list[Panel], Items(1, MAX_PANELS)] = Field(description=(
        f"1 to {MAX_PANELS} panels, shown in file order."))

    def duration_of(self, panel: PanelBase) -> float:
        """The panel's own duration, or the default of the settings."""
        return panel.duration or self.settings.duration


def paragraphs(text: str) -> list[str]:
    """Split on blank lines and join wrapped lines, the way staff write YAML blocks."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [" ".join(block.split()) for block in blocks if block.strip()]
