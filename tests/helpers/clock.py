"""A wall clock for tests: it stands still until the test moves it."""

from __future__ import annotations

from datetime import datetime


class FakeClock:
    """Called like ``datetime.now``; set or advance ``now`` to move time."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now
