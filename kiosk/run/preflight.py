"""Catch a machine that can't show a window before Qt aborts with a cryptic message."""

from __future__ import annotations

import ctypes.util
import os
import sys

# Shared libraries Qt's xcb plugin needs that minimal Debian/Ubuntu installs lack,
# with the package that provides each.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}


def display_problem() -> str | None:
    """A message saying what is missing for a real window, or None when all is there."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform not in ("", "xcb"):
        return None
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return None
    if not os.environ.get("DISPLAY"):
        return ("no display to show the kiosk on: DISPLAY is not set. Start it from the "
                "desktop session, or preview offscreen with `kiosk render`.")
    missing = [pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None]
    if missing:
        return ("Qt needs system libraries this machine lacks. Install them with:\n"
                f"  sudo apt-get install {' '.join(missing)}")
    return None
