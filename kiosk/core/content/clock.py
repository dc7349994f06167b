"""The clock kind: the time and (or) the date, large; a side column's usual companion."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from kiosk.core.content.panels import PanelBase
from kiosk.core.content.rules import OneOf
from kiosk.core.content.values import Text


class ClockPanel(PanelBase):
    """The time and the date, large, in the theme's colours; a side column's usual companion."""

    kind: Literal["clock"]
    title: Text = Field("", description="A line above the time, e.g. the venue.")
    format: Annotated[Literal["time", "date", "time-and-date"], OneOf()] = Field("time-and-date", description=(
        "`time`, `date`, or `time-and-date`: the time over the date, both in the rotation's language."))
