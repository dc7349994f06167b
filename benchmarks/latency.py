"""Key (or timer) to the first frame of the fade on screen, for ``make bench``.

With ``KIOSK_TRACE_TRANSITIONS=1`` the kiosk logs ``change at monotonic=…`` when the player starts
a change and ``first frame at monotonic=…`` when the transition has painted its first frame
(kiosk/diagnostics/trace.py). A key press is timed from ``time.monotonic()`` taken just before the
key goes to the X server (the kiosk's clock too, on Linux); a timer change from its ``change`` line.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from harness.displays import Display
from harness.process import KioskProcess

TRACE = re.compile(r"INFO: (change|first frame) at monotonic=([0-9.]+)")
Event = tuple[str, float]  # ("change" | "first frame", monotonic seconds)


def trace_events(lines: Iterable[str]) -> list[Event]:
    """The trace lines of a kiosk log, in order."""
    return [(match.group(1), float(match.group(2))) for line in lines if (match := TRACE.search(line))]


def _frame_after(events: Sequence[Event], change: int) -> float | None:
    """The first frame of the change at ``events[change]``: None when another change comes first
    (a cut shows no transition, so it has no first frame of its own)."""
    following = events[change + 1] if change + 1 < len(events) else None
    return following[1] if following and following[0] == "first frame" else None


def timer_latencies_ms(events: Sequence[Event]) -> list[float]:
    """Change to its first frame, for every change that had one."""
    latencies = []
    for index, (kind, at) in enumerate(events):
        frame = _frame_after(events, index) if kind == "change" else None
        if frame is not None:
            latencies.append((frame - at) * 1000)
    return latencies


def key_latencies_ms(events: Sequence[Event], sent: Sequence[float]) -> list[float]:
    """Each key press (monotonic time it was sent) to the first frame of the change it caused:
    the first change logged after it. A press whose change showed no frame before the next
    press is left out (the caller counts those)."""
    latencies = []
    for number, pressed in enumerate(sent):
        before_next = sent[number + 1] if number + 1 < len(sent) else float("inf")
        change = next((i for i, (kind, at) in enumerate(events) if kind == "change" and pressed <= at < before_next),
                      None)
        frame = _frame_after(events, change) if change is not None else None
        if frame is not None:
            latencies.append((frame - pressed) * 1000)
    return latencies


class XKeyboard:
    """Key presses through the X server's XTEST extension (what ``xdotool key`` sends), in-process:
    running xdotool takes ~35 ms here, far more than the latency measured, at no known moment."""

    def __init__(self, display: str) -> None:
        self._x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self._xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
        self._x11.XOpenDisplay.restype = ctypes.c_void_p
        self._x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self._x11.XStringToKeysym.restype = ctypes.c_ulong
        self._x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
        self._x11.XKeysymToKeycode.restype = ctypes.c_ubyte
        self._x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self._x11.XFlush.argtypes = self._x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        self._display = self._x11.XOpenDisplay(display.encode())
        if not self._display:
            raise RuntimeError(f"cannot open the X display {display}")

    def tap(self, key: str = "Right") -> None:
        """Press and release ``key`` (an X keysym name), sent to the server at once."""
        code = self._x11.XKeysymToKeycode(self._display, self._x11.XStringToKeysym(key.encode()))
        self._xtst.XTestFakeKeyEvent(self._display, code, 1, 0)
        self._xtst.XTestFakeKeyEvent(self._display, code, 0, 0)
        self._x11.XFlush(self._display)

    def close(self) -> None:
        if self._display:
            self._x11.XCloseDisplay(self._display)
            self._display = None


# -- the runs: the real kiosk under an X server -----------------------------------------------

TRACE_ENV = {"KIOSK_TRACE_TRANSITIONS": "1"}
FIRST_FRAME = re.compile(r"INFO: first frame at monotonic=")
SETTLE_S = 0.7 + 1.0  # a fade (theme.FADE_MS), then a second of idle time for the kiosk to prepare the next slide
PAINT_TIMEOUT_S = 60


def key_presses(display: Display, content: Path, presses: int) -> tuple[list[float], int]:
    """Right ``presses`` times, a clicker's pace; (latencies in ms, presses that showed no fade)."""
    with KioskProcess([str(content)], display=display, env=TRACE_ENV) as kiosk:
        if kiosk.wait_painted(PAINT_TIMEOUT_S) is None:
            raise RuntimeError("the kiosk did not log its first paint")
        time.sleep(SETTLE_S)  # the first panel's count-up, and idle time
        keyboard = XKeyboard(display.name)
        sent: list[float] = []
        try:
            for _ in range(presses):
                sent.append(time.monotonic())
                keyboard.tap("Right")
                kiosk.wait_for_line(FIRST_FRAME, 10)  # None: counted as missed below
                time.sleep(SETTLE_S)
        finally:
            keyboard.close()
        events = trace_events(kiosk.log.splitlines())
    latencies = key_latencies_ms(events, sent)
    return latencies, presses - len(latencies)


def timer_changes(display: Display, content: Path, changes: int) -> list[float]:
    """The rotation timer's first ``changes`` fades (the content's durations give the idle time)."""
    with KioskProcess([str(content)], display=display, env=TRACE_ENV) as kiosk:
        if kiosk.wait_painted(PAINT_TIMEOUT_S) is None:
            raise RuntimeError("the kiosk did not log its first paint")
        kiosk.wait_until(lambda: len(timer_latencies_ms(trace_events(kiosk.log.splitlines()))) >= changes,
                         timeout=30 + changes * 10, what=f"{changes} timed fades")
        events = trace_events(kiosk.log.splitlines())
    return timer_latencies_ms(events)[:changes]
