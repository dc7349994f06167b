"""Which session the kiosk shows in, so advice and warnings name it instead of assuming X11.

GNOME and KDE answer the D-Bus ScreenSaver inhibit on X11 and Wayland alike. Elsewhere
something of the session's own blanks the screen, and the fix differs: swayidle on sway and
labwc, the X server's screen saver and DPMS on a bare X11 session, nothing at all in cage.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

# What blanks the screen in each session, and how to stop it there.
BLANKING_ADVICE = {
    "sway": "on sway only swayidle blanks the screen: remove its `exec swayidle …` line from the sway config",
    "labwc": "on labwc (Raspberry Pi OS desktop) swayidle blanks the screen: turn it off with "
             "`sudo raspi-config nonint do_blanking 1`, or remove swayidle from ~/.config/labwc/autostart",
    "GNOME": "on GNOME turn blanking off with `gsettings set org.gnome.desktop.session idle-delay 0`",
    "KDE": "on KDE Plasma turn the screen's energy saving off in System Settings > Power Management",
    "wayland": "on this Wayland session turn the compositor's idle blanking off (often swayidle)",
    "x11": "on X11 turn blanking off with `xset s off -dpms` in the session's startup",
}
# XDG_CURRENT_DESKTOP's names (casefolded), as the advice calls them.
DESKTOPS = {"sway": "sway", "labwc": "labwc", "cage": "cage", "gnome": "GNOME", "ubuntu": "GNOME", "kde": "KDE"}
# Sessions where nothing blanks the screen while the kiosk shows: no advice needed.
NEVER_BLANKS = ("cage", "kms", "fb", "vnc", "offscreen", "minimal")


@dataclass(frozen=True)
class Session:
    """``kind`` is x11, wayland or the Qt platform with no window system; ``desktop`` the compositor or desktop."""

    kind: str
    desktop: str = ""

    @property
    def name(self) -> str:
        """``"sway (Wayland)"``, ``"GNOME (X11)"``, ``"X11"``: how advice and warnings name it."""
        kind = {"x11": "X11", "wayland": "Wayland", "kms": "the console (KMS)", "fb": "the console (framebuffer)"}
        label = kind.get(self.kind, self.kind)
        return f"{self.desktop} ({label})" if self.desktop else label

    def blanking_advice(self) -> str | None:
        """How to keep the screen awake here without D-Bus, or None where nothing blanks it."""
        if self.desktop in NEVER_BLANKS or self.kind in NEVER_BLANKS:
            return None
        return BLANKING_ADVICE.get(self.desktop) or BLANKING_ADVICE.get(self.kind, BLANKING_ADVICE["x11"])


def current_session(platform: str, environ: Mapping[str, str] = os.environ) -> Session:
    """The session Qt's ``platform`` (``xcb``, ``wayland``, ``eglfs`` …) is part of."""
    kind = {"xcb": "x11", "wayland": "wayland", "wayland-egl": "wayland", "eglfs": "kms", "linuxfb": "fb"}.get(
        platform, platform)
    names = [name.casefold() for name in environ.get("XDG_CURRENT_DESKTOP", "").split(":")]
    if environ.get("SWAYSOCK"):
        names.insert(0, "sway")
    desktop = next((DESKTOPS[name] for name in names if name in DESKTOPS), "")
    return Session(kind, desktop if kind in ("x11", "wayland") else "")
