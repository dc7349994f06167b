"""The display server going away (Xvfb killed, a crashed X server): the kiosk exits non-zero at
once, so systemd restarts it, instead of hanging on a dead connection."""

from __future__ import annotations

import os
import signal
import time

from harness.displays import xvfb
from tests.conftest import SEED

EXIT_WITHIN_S = 5


def test_the_kiosk_exits_non_zero_soon_after_its_display_dies(kiosk_process, tmp_path):
    with xvfb(640, 360) as display:
        kiosk = kiosk_process(str(SEED), display=display, env={"HOME": str(tmp_path)})
        kiosk.read_until(" painted at monotonic=")
        os.kill(display.pid, signal.SIGKILL)
        killed = time.monotonic()
        code = kiosk.exit_code(timeout=EXIT_WITHIN_S * 4)
        took = time.monotonic() - killed
    assert code not in (None, 0), kiosk.log
    assert took < EXIT_WITHIN_S
