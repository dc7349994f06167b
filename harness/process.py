"""The real kiosk as a process: ``python main.py run ARGS``, its log read line by line as it comes.

Tests and benchmarks wait on what the kiosk logs (every wait has a deadline), never on a
fixed sleep. A kiosk started here never reaches the developer's session bus or systemd.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from harness.contentfiles import ROOT
from harness.displays import Display

# The line the player logs when a content version first reaches the screen.
PAINTED = re.compile(r"kiosk: INFO: content (\w+) painted at monotonic=([0-9.]+)")
# Taken out of the inherited environment; a caller that wants one passes it in ``env``.
PRIVATE = ("DBUS_SESSION_BUS_ADDRESS", "KIOSK_TIME_SCALE", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")
POLL_S = 0.1  # longest pause between two looks at a condition that the log does not announce
STOP_TIMEOUT_S = 10

T = TypeVar("T")


class KioskExitedError(RuntimeError):
    """The kiosk ended while something was still waited for."""


class KioskProcess:
    """``python main.py run ARGS`` on ``display`` (offscreen without one)."""

    def __init__(self, args: Sequence[str], *, display: Display | None = None, time_scale: float | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        unset = (*PRIVATE, *(display.unset if display else ()))
        environment = {key: value for key, value in os.environ.items() if key not in unset}
        environment.update(display.env if display else {"QT_QPA_PLATFORM": "offscreen"})
        if time_scale is not None:
            environment["KIOSK_TIME_SCALE"] = str(time_scale)
        environment.update(env or {})
        self.env = environment
        self.display = display
        self.lines: list[str] = []
        self._cursor = 0  # read_until and wait_for_line go on from here
        self._ended = False
        self._arrived = threading.Condition()
        self.started_at = time.monotonic()  # the same clock as the kiosk's monotonic= on Linux
        program = display.program if display and display.program else (sys.executable, str(ROOT / "main.py"))
        self.process = subprocess.Popen([*program, "run", *args], cwd=ROOT,
                                        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        text=True, errors="replace")
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def log(self) -> str:
        """Everything the kiosk has logged so far."""
        with self._arrived:
            return "\n".join(self.lines)

    def _read(self) -> None:
        for line in self.process.stderr:
            with self._arrived:
                self.lines.append(line.rstrip("\n"))
                self._arrived.notify_all()
        with self._arrived:
            self._ended = True
            self._arrived.notify_all()

    # -- the log ------------------------------------------------------------------------

    def wait_for_line(self, pattern: str | re.Pattern[str], timeout: float) -> re.Match[str] | None:
        """The next line (after the last one waited for) that matches ``pattern``; a string
        matches as plain text. None when ``timeout`` passes; KioskExitedError if the kiosk ended."""
        regex = re.compile(re.escape(pattern)) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                while self._cursor < len(self.lines):
                    self._cursor += 1
                    match = regex.search(self.lines[self._cursor - 1])
                    if match:
                        return match
                if self._ended:
                    tail = "\n".join(self.lines[-10:])
                    raise KioskExitedError(f"the kiosk exited with code {self.process.wait()}:\n{tail}")
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._arrived.wait(left)

    def read_until(self, text: str, timeout: float = 60) -> list[str]:
        """The log lines after the last one waited for, up to and including the first holding ``text``."""
        start = self._cursor
        if self.wait_for_line(text, timeout) is None:
            raise AssertionError(f"timed out after {timeout} s waiting for {text!r}; kiosk log:\n{self.log}")
        with self._arrived:
            return self.lines[start:self._cursor]

    def wait_painted(self, timeout: float, digest: str | None = None) -> tuple[str, float] | None:
        """The next "content … painted" line, as (digest, monotonic), optionally of ``digest`` only."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            match = self.wait_for_line(PAINTED, left)
            if match is None:
                return None
            if digest is None or match.group(1) == digest:
                return match.group(1), float(match.group(2))
        return None

    # -- conditions outside the log (pixels, files) -------------------------------------

    def _pause(self) -> None:
        """Wait up to POLL_S, less if the kiosk logs something (often what changed the condition)."""
        with self._arrived:
            self._arrived.wait(POLL_S)

    def wait_until(self, condition: Callable[[], T], timeout: float, what: str) -> T:
        """``condition()``'s first true value; AssertionError with the kiosk's log after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            result = condition()
            if result:
                return result
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}; kiosk log:\n{self.log}")
            self._pause()

    def holds_for(self, condition: Callable[[], bool], seconds: float) -> bool:
        """True when ``condition`` stays true for the whole of ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not condition():
                return False
            self._pause()
        return True

    # -- ending -------------------------------------------------------------------------

    def exit_code(self, timeout: float) -> int | None:
        """The exit code once the kiosk ends by itself, with its last words in the log; None if it runs on."""
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        self._reader.join(timeout=STOP_TIMEOUT_S)
        return code

    def stop(self) -> None:
        """SIGTERM (the kiosk ends its event loop cleanly), SIGKILL if that is not enough."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=STOP_TIMEOUT_S)
        self.process.stderr.close()

    def __enter__(self) -> KioskProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
