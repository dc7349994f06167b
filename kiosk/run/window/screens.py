"""Which screen the kiosk shows on: list them, pick one by index or name, and go back to it.

A lobby TV switched off and on disappears from the X server and comes back; Qt then moves
the window to another screen. ScreenKeeper notices the wanted screen's return and moves
the window back onto it, at its real geometry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication, QScreen

log = logging.getLogger(__name__)
ScreenSpec = int | str | None


@dataclass(frozen=True)
class ScreenInfo:
    """One screen as ``kiosk screens`` lists it."""

    index: int
    name: str
    x: int
    y: int
    width: int
    height: int
    primary: bool
    model: str = ""

    def line(self) -> str:
        """``0  HDMI-1  1920x1080+0+0  primary  (Samsung TV)``, as `kiosk screens` prints it."""
        parts = [f"{self.index:<3}", f"{self.name:<12}", f"{self.width}x{self.height}+{self.x}+{self.y}"]
        if self.primary:
            parts.append("primary")
        if self.model:
            parts.append(f"({self.model})")
        return "  ".join(parts).rstrip()


def screen_infos() -> list[ScreenInfo]:
    """Every attached screen, in Qt's order (the index --screen takes)."""
    primary = QGuiApplication.primaryScreen()
    infos = []
    for index, screen in enumerate(QGuiApplication.screens()):
        g = screen.geometry()
        model = " ".join(part for part in (screen.manufacturer(), screen.model()) if part)
        infos.append(ScreenInfo(index, screen.name(), g.x(), g.y(), g.width(), g.height(),
                                screen is primary or screen == primary, model))
    return infos


def parse_screen(text: str) -> ScreenSpec:
    """``--screen 1`` is an index, ``--screen HDMI-1`` a name."""
    text = text.strip()
    return int(text) if text.isdigit() else text


def matches(screen: QScreen, index: int, spec: ScreenSpec) -> bool:
    """``screen`` (number ``index``) is the one ``spec`` names, by number or name."""
    if spec is None:
        return False
    if isinstance(spec, int):
        return index == spec
    return screen.name() == spec or screen.name().casefold() == spec.casefold()


def find_screen(spec: ScreenSpec) -> QScreen | None:
    """The screen ``spec`` names, or None when it is not attached (or spec is None)."""
    for index, screen in enumerate(QGuiApplication.screens()):
        if matches(screen, index, spec):
            return screen
    return None


def choose_screen(spec: ScreenSpec) -> QScreen:
    """The wanted screen if attached, else the primary one (and say so in the log)."""
    screen = find_screen(spec)
    if screen is None:
        if spec is not None:
            names = ", ".join(f"{i} {s.name()}" for i, s in enumerate(QGuiApplication.screens()))
            log.warning("screen %r is not attached (screens: %s); using the primary screen until it is",
                        spec, names)
        screen = QGuiApplication.primaryScreen()
    return screen


class ScreenKeeper(QObject):
    """Follows screens coming and going, and calls ``move_to(screen)`` to put the kiosk back."""

    def __init__(self, spec: ScreenSpec, move_to: Callable[[QScreen], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.move_to = move_to
        self._watched: QScreen | None = None
        app = cast(QGuiApplication, QGuiApplication.instance())  # the stubs say only QCoreApplication
        app.screenAdded.connect(self.screen_added)
        app.screenRemoved.connect(self.screen_removed)
        app.primaryScreenChanged.connect(lambda *_: QTimer.singleShot(0, self, self.place))

    def screen_added(self, screen: QScreen) -> None:
        """A screen came: place the window again once its geometry settles."""
        log.info("screen attached: %s", screen.name())
        # A returning TV often reports its final mode a moment later; let the geometry settle.
        QTimer.singleShot(0, self, self.place)

    def screen_removed(self, screen: QScreen) -> None:
        """A screen went: forget it, and place the window again."""
        log.warning("screen detached: %s", screen.name())
        if screen is self._watched:
            self._watched = None  # Qt deletes it; don't touch it again
        QTimer.singleShot(0, self, self.place)

    def place(self) -> None:
        """Move to the wanted screen if it is there, else to the primary one."""
        screen = find_screen(self.spec) or QGuiApplication.primaryScreen()
        if screen is None:
            return  # every screen is gone; Qt keeps the window until one returns
        if self._watched is not screen:
            if self._watched is not None:
                self._watched.geometryChanged.disconnect(self._geometry_changed)
            screen.geometryChanged.connect(self._geometry_changed)
            self._watched = screen
        self.move_to(screen)

    def _geometry_changed(self, *_: object) -> None:
        # A TV that comes back in another mode: cover it again at its real size.
        QTimer.singleShot(0, self, self.place)
