"""For benchmarks only: with ``KIOSK_TRACE_TRANSITIONS=1``, log when a change starts and when it shows.

``make bench`` measures a key press or the rotation timer to the first frame of the transition
on screen from these two lines: ``change at monotonic=…`` (the player starts a change) and
``first frame at monotonic=…`` (the transition, software or GL, has painted its first frame).
Unset, nothing is logged.
"""

from __future__ import annotations

import logging
import os
import time

log = logging.getLogger(__name__)

ENABLED = os.environ.get("KIOSK_TRACE_TRANSITIONS") == "1"


def mark(event: str) -> None:
    """Log ``event at monotonic=…`` when tracing is on."""
    if ENABLED:
        log.info("%s at monotonic=%.6f", event, time.monotonic())
