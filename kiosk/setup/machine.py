"""What `kiosk setup` finds on the machine: a desktop session or none, X11 or Wayland, cage, users.

Everything is read under a root folder, so tests describe a machine with a few fake files.
"""

from __future__ import annotations

import ctypes.util
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GROUPS = ("video", "render", "input")  # the screen, the GPU, the keyboard and clicker


@dataclass
class Target:
    """The machine being set up, seen from ``root`` (``/``, or a folder standing in for it in tests)."""

    root: Path = Path("/")
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    find_library: Callable[[str], str | None] = ctypes.util.find_library

    @property
    def real(self) -> bool:
        """True when this is the machine itself (root ``/``), not a folder standing in for it."""
        return self.root == Path("/")

    def path(self, path: str | Path) -> Path:
        """``/etc/x`` on the target machine, as a path here."""
        return self.root / Path(path).relative_to("/")

    def desktop(self) -> str | None:
        """``"Wayland (labwc)"``, ``"X11 (xfce)"`` or None when no display manager starts a desktop."""
        if not os.path.lexists(self.path("/etc/systemd/system/display-manager.service")):
            return None
        wayland = sorted(p.stem for p in self.path("/usr/share/wayland-sessions").glob("*.desktop"))
        x11 = sorted(p.stem for p in self.path("/usr/share/xsessions").glob("*.desktop"))
        session_type = self.environ.get("XDG_SESSION_TYPE", "")
        if wayland and session_type != "x11" and not self._gdm_without_wayland():
            return f"Wayland ({', '.join(wayland)})"
        if x11:
            return f"X11 ({', '.join(x11)})"
        return "a desktop session" if wayland else None

    def _gdm_without_wayland(self) -> bool:
        conf = self.path("/etc/gdm3/custom.conf")
        return conf.exists() and any(line.replace(" ", "").lower() == "waylandenable=false"
                                     for line in conf.read_text(errors="replace").splitlines())

    def program(self, name: str) -> str | None:
        """Where program ``name`` is installed (in a standard bin folder), or None."""
        for folder in ("/usr/bin", "/usr/local/bin", "/bin"):
            if self.path(f"{folder}/{name}").exists():
                return f"{folder}/{name}"
        return None

    def _names(self, table: str) -> set[str]:
        path = self.path(f"/etc/{table}")
        if not path.exists():
            return set()
        return {line.split(":", 1)[0] for line in path.read_text(errors="replace").splitlines() if ":" in line}

    def has_user(self, name: str) -> bool:
        """True when ``/etc/passwd`` has user ``name``."""
        return name in self._names("passwd")

    def home(self, name: str) -> Path:
        """User ``name``'s home folder from ``/etc/passwd`` (``/home/NAME`` when it isn't listed)."""
        for line in self.path("/etc/passwd").read_text(errors="replace").splitlines() \
                if self.path("/etc/passwd").exists() else ():
            fields = line.split(":")
            if len(fields) > 5 and fields[0] == name:
                return Path(fields[5])
        return Path("/home") / name

    def groups(self) -> tuple[str, ...]:
        """The device groups this machine has (all three when it has no /etc/group to read)."""
        known = self._names("group")
        return tuple(g for g in GROUPS if g in known) if known else GROUPS


def unreadable_part(path: Path) -> Path | None:
    """The first folder on the way to ``path`` that other users can't pass, or ``path`` if they can't read it."""
    path = path.resolve()
    for folder in reversed(path.parents):
        if not folder.stat().st_mode & stat.S_IXOTH:
            return folder
    return None if path.stat().st_mode & stat.S_IROTH else path
