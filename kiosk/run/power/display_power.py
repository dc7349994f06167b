"""Switching the screen itself off and on: DPMS on X11, wlopm or wlr-randr on wlroots, HDMI-CEC.

External programs are slow (CEC takes seconds) and some TVs never answer, so every command
runs on one worker thread, in order, with a timeout; the UI thread only hands the request
over. A failure is logged once per cause and never stops the kiosk: it paints black anyway.
"""

from __future__ import annotations

import glob
import logging
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger(__name__)

TIMEOUT = 5.0  # xset, wlopm and wlr-randr answer at once or not at all
CEC_TIMEOUT = 10.0  # a CEC bus takes seconds, and a TV in deep standby longer
CEC_TRIES = 2  # some TVs miss the first message
PACKAGES = {"xset": "x11-xserver-utils", "wlopm": "wlopm", "wlr-randr": "wlr-randr", "cec-ctl": "v4l-utils"}
_PHYSICAL = re.compile(r"Physical Address\s*:\s*([0-9a-f]\.[0-9a-f]\.[0-9a-f]\.[0-9a-f])", re.IGNORECASE)


class CommandFailedError(Exception):
    """One command did not work; the message is the cause, the same text for the same cause."""


def run_command(argv: Sequence[str], timeout: float) -> str:
    """Run ``argv`` and return its output; raise CommandFailedError with a short cause."""
    if shutil.which(argv[0]) is None:
        raise CommandFailedError(f"{argv[0]} is not installed (apt-get install {PACKAGES.get(argv[0], argv[0])})")
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise CommandFailedError(f"`{' '.join(argv)}` did not answer within {timeout:g} s") from None
    except OSError as exc:
        raise CommandFailedError(f"cannot run {argv[0]}: {exc.strerror}") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        reason = f": {said[0]}" if said else ""
        raise CommandFailedError(f"`{' '.join(argv)}` failed (exit {done.returncode}){reason}")
    return done.stdout


Runner = Callable[[Sequence[str], float], str]


@dataclass(frozen=True)
class Commands:
    """A method that is a fixed command for off and one for on."""

    name: str
    off: tuple[tuple[str, ...], ...]
    on: tuple[tuple[str, ...], ...]

    def switch(self, on: bool, run: Runner) -> None:
        """Run the fixed commands for on or off."""
        for argv in self.on if on else self.off:
            run(argv, TIMEOUT)


@dataclass(frozen=True)
class Cec:
    """HDMI-CEC through cec-ctl on one /dev/cec* device: standby, or image-view-on plus active source.

    The kiosk registers as a playback device first, which also tells it its physical address;
    some TVs switch to the kiosk's input only on the active-source message.
    """

    device: str

    @property
    def name(self) -> str:
        """The method as the log names it."""
        return f"CEC on {self.device}"

    def switch(self, on: bool, run: Runner) -> None:
        """Switch the TV on (and to the kiosk's input) or to standby over HDMI-CEC."""
        def cec(*args: str) -> str:
            return _tried(lambda: run(("cec-ctl", "-d", self.device, *args), CEC_TIMEOUT))

        found = _PHYSICAL.search(cec("--playback"))
        if not on:
            cec("--to", "0", "--standby")
            return
        cec("--to", "0", "--image-view-on")
        if found:
            cec("--to", "0", "--active-source", f"phys-addr={found[1]}")


def _tried(attempt: Callable[[], str]) -> str:
    for number in range(CEC_TRIES):
        try:
            return attempt()
        except CommandFailedError:
            if number == CEC_TRIES - 1:
                raise
    raise AssertionError("unreachable")


Method = Commands | Cec


def methods_for(platform: str, outputs: Sequence[str], *, cec: bool,
                cec_devices: Callable[[], list[str]] = lambda: sorted(glob.glob("/dev/cec[0-9]*"))) -> list[Method]:
    """Every way this platform offers to switch the screen. eglfs and linuxfb hold the display
    themselves, so only CEC (and the black the kiosk paints) is left there."""
    found: list[Method] = []
    if platform == "xcb":
        # Forcing a level switches DPMS on; -dpms afterwards keeps the X server's own timeout
        # from blanking the screen again in the day (the README's "no screen blanking").
        found.append(Commands("DPMS", (("xset", "dpms", "force", "off"),),
                              (("xset", "dpms", "force", "on"), ("xset", "-dpms"))))
    elif platform.startswith("wayland"):
        if shutil.which("wlopm") or not shutil.which("wlr-randr"):
            found.append(Commands("wlopm", (("wlopm", "--off", "*"),), (("wlopm", "--on", "*"),)))
        else:
            found.append(Commands("wlr-randr", tuple(("wlr-randr", "--output", name, "--off") for name in outputs),
                                  tuple(("wlr-randr", "--output", name, "--on") for name in outputs)))
    if cec:
        devices = cec_devices()
        found += [Cec(device) for device in devices]
        if not devices:
            log.warning("settings.power.cec is on, but there is no /dev/cec* device; the TV is not switched "
                        "over HDMI-CEC (does this machine or its HDMI adapter support CEC?)")
    return found


class DisplayPower:
    """Switches the screen through every method, on a worker thread; logs each failure cause once."""

    def __init__(self, methods: list[Method], run: Runner = run_command) -> None:
        self.methods, self._run = methods, run
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="display-power")
        self._logged: set[str] = set()
        self._lock = threading.Lock()

    def switch(self, on: bool) -> Future[None]:
        """Ask for the screen on or off; returns at once. Requests run in the order given."""
        return self._worker.submit(self._switch, on)

    def _switch(self, on: bool) -> None:
        for method in self.methods:
            try:
                method.switch(on, self._run)
            except CommandFailedError as exc:
                self._failed(method.name, on, str(exc))
            else:
                log.info("screen %s through %s", "on" if on else "off", method.name)

    def _failed(self, name: str, on: bool, cause: str) -> None:
        with self._lock:
            first = cause not in self._logged
            self._logged.add(cause)
        if first:
            instead = "turn it on by hand if it stays dark" if on else "the kiosk shows black instead"
            log.warning("cannot switch the screen %s through %s: %s; %s", "on" if on else "off", name, cause, instead)
        else:
            log.debug("screen %s through %s failed again: %s", "on" if on else "off", name, cause)

    def close(self) -> None:
        """Take no more requests. Those already asked for still run (each within its timeout), so a
        kiosk that quits at night leaves the screen on for whoever comes next."""
        self._worker.shutdown(wait=False)
