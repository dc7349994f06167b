"""Which display system the kiosk draws on, chosen before Qt starts: a Wayland or X11 session, or the console.

On the console there is no display server: Qt's eglfs draws through DRM/KMS (the GPU on a
Raspberry Pi 4/5) and linuxfb into the framebuffer, in software; both read keys from evdev.
Qt aborts or starts without a screen when their devices are missing or held by another
program, so every such case is caught here first and told as one line: the cause and the fix.
"""

from __future__ import annotations

import ctypes.util
import errno
import fcntl
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

DISPLAYS = ("auto", "x11", "wayland", "kms", "fb")
GROUPS_FIX = "add the user to the video, render and input groups (sudo usermod -aG video,render,input {user}) " \
             "and log in again"
# DRM_IOCTL_SET_MASTER / DROP_MASTER: only one program at a time may drive a KMS device.
DRM_SET_MASTER, DRM_DROP_MASTER = 0x641E, 0x641F

# Shared libraries each Qt platform plugin loads, with the Debian/Ubuntu package of each.
LIBRARIES = {
    "x11": {"xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1",
            "xkbcommon-x11": "libxkbcommon-x11-0"},
    "wayland": {"wayland-client": "libwayland-client0", "wayland-cursor": "libwayland-cursor0",
                "xkbcommon": "libxkbcommon0"},
    "kms": {"EGL": "libegl1", "gbm": "libgbm1", "drm": "libdrm2"},
    "fb": {"drm": "libdrm2"},
}
# What QT_QPA_PLATFORM names, in the words of --display.
PLATFORM_DISPLAYS = {"xcb": "x11", "wayland": "wayland", "wayland-egl": "wayland", "eglfs": "kms",
                     "linuxfb": "fb"}


class DisplayError(Exception):
    """The one line a user sees when the kiosk can't show on this machine."""


@dataclass(frozen=True)
class Backend:
    """A display system: what --display calls it, Qt's platform for it and the variables Qt reads."""

    display: str
    platform: str
    environ: dict[str, str] = field(default_factory=dict)

    def apply(self, environ: dict[str, str] | os._Environ = os.environ) -> None:
        """Tell Qt, through the environment it reads when the QApplication is made."""
        if self.platform:
            environ["QT_QPA_PLATFORM"] = self.platform
        for name, value in self.environ.items():
            environ.setdefault(name, value)  # what the user set by hand wins


def _open_device(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CLOEXEC)


def _set_master(fd: int) -> None:
    fcntl.ioctl(fd, DRM_SET_MASTER)
    fcntl.ioctl(fd, DRM_DROP_MASTER)


@dataclass
class Machine:
    """Where the devices are; tests point it at a fake /dev and /sys and fake system calls."""

    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    dev: Path = Path("/dev")
    sys_drm: Path = Path("/sys/class/drm")
    find_library: Callable[[str], str | None] = ctypes.util.find_library
    open_device: Callable[[Path], int] = _open_device
    set_master: Callable[[int], None] = _set_master
    close: Callable[[int], None] = os.close

    @property
    def user(self) -> str:
        """The user the kiosk runs as, from the environment."""
        return self.environ.get("USER") or self.environ.get("LOGNAME") or "$USER"

    def cards(self) -> list[Path]:
        """The KMS devices, /dev/dri/card0 first."""
        return sorted((self.dev / "dri").glob("card[0-9]*"), key=lambda p: int(p.name[4:]))

    def connectors(self, card: Path) -> dict[str, str]:
        """``{"HDMI-A-1": "connected", …}`` for one card, from sysfs."""
        states = {}
        for status in sorted(self.sys_drm.glob(f"{card.name}-*/status")):
            states[status.parent.name[len(card.name) + 1:]] = status.read_text(encoding="ascii").strip()
        return states


def choose_backend(requested: str = "auto", machine: Machine | None = None) -> Backend:
    """The display system to use, or DisplayError saying why none can be used."""
    machine = machine or Machine()
    given = machine.environ.get("QT_QPA_PLATFORM", "")
    if requested == "auto" and not sys.platform.startswith("linux"):
        return Backend("native", given)  # macOS, Windows: Qt's own platform
    if requested == "auto" and given:
        # Set by hand (or by a test): trusted, but still checked where we know the plugin.
        display = PLATFORM_DISPLAYS.get(given.split(":")[0])
        if display in ("x11", "wayland"):
            _CHECKS[display](machine)
        return Backend(display or given.split(":")[0], given)
    if requested == "auto":
        return _CHECKS[auto_display(machine)](machine)
    if requested not in _CHECKS:
        raise DisplayError(f"unknown display {requested!r}: use one of {', '.join(DISPLAYS)}")
    return _CHECKS[requested](machine)


def auto_display(machine: Machine) -> str:
    """What the session has: Wayland, then X11, then a KMS device with a screen port, then a framebuffer."""
    if machine.environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    if machine.environ.get("DISPLAY"):
        return "x11"
    if any(machine.connectors(card) for card in machine.cards()):
        return "kms"
    if (machine.dev / "fb0").exists():
        return "fb"
    raise DisplayError(
        "no display to show the kiosk on: not in a desktop session (neither WAYLAND_DISPLAY nor DISPLAY is "
        "set) and no display device (/dev/dri/card*, /dev/fb0); start it from the desktop session, "
        "run `kiosk setup`, or preview offscreen with `kiosk render`")


def _missing_libraries(machine: Machine, display: str) -> None:
    missing = [pkg for lib, pkg in LIBRARIES[display].items() if machine.find_library(lib) is None]
    if missing:
        raise DisplayError(f"--display {display}: Qt needs system libraries this machine lacks; "
                           f"install them with: sudo apt-get install {' '.join(missing)}")


def _x11(machine: Machine) -> Backend:
    if not machine.environ.get("DISPLAY"):
        raise DisplayError("--display x11: no X11 session (DISPLAY is not set); start the kiosk from the "
                           "desktop session, or use --display kms on a machine without one")
    _missing_libraries(machine, "x11")
    return Backend("x11", "xcb")


def _wayland(machine: Machine) -> Backend:
    if not machine.environ.get("WAYLAND_DISPLAY"):
        raise DisplayError("--display wayland: no Wayland session (WAYLAND_DISPLAY is not set); start the "
                           "kiosk from the desktop session or inside cage (`kiosk setup --mode cage`)")
    _missing_libraries(machine, "wayland")
    # The kiosk takes no text input; Qt's text-input-v3 logs focus warnings on wlroots compositors.
    return Backend("wayland", "wayland", {"QT_LOGGING_RULES": "qt.qpa.wayland.textinput=false"})


def _kms(machine: Machine) -> Backend:
    cards = machine.cards()
    if not cards:
        raise DisplayError(f"--display kms: no KMS display device ({machine.dev}/dri/card* does not exist); "
                           "load the GPU's driver (Raspberry Pi: dtoverlay=vc4-kms-v3d in "
                           "/boot/firmware/config.txt), or use --display fb")
    # A Raspberry Pi 5 has a render-only card0 and the screen ports on card1: take a card with ports.
    with_ports = [card for card in cards if machine.connectors(card)] or cards[:1]
    card = next((c for c in with_ports if "connected" in machine.connectors(c).values()), None)
    if card is None:
        ports = ", ".join(f"{name}: {state}" for c in with_ports for name, state in machine.connectors(c).items())
        raise DisplayError(f"--display kms: no screen connected to {with_ports[0]}"
                           f"{f' ({ports})' if ports else ''}; plug the TV in and turn it on, then start again")
    _claim(machine, card, "kms")
    _missing_libraries(machine, "kms")
    return Backend("kms", "eglfs", {"QT_QPA_EGLFS_INTEGRATION": "eglfs_kms", "QT_QPA_EGLFS_HIDECURSOR": "1",
                                    "QT_QPA_EGLFS_KMS_CONFIG": _kms_config(card, machine.environ)})


def _kms_config(card: Path, environ: Mapping[str, str]) -> str:
    """Qt's eglfs_kms settings file naming the card with the screen (Qt would take the first card).

    In the session's runtime folder, rewritten at each start; a fresh temporary file without one."""
    settings = json.dumps({"device": str(card), "hwcursor": False})
    runtime = environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        path = Path(runtime) / "kiosk-eglfs.json"
        path.write_text(settings, encoding="utf-8")
        return str(path)
    with tempfile.NamedTemporaryFile("w", prefix="kiosk-eglfs-", suffix=".json", delete=False) as config:
        config.write(settings)
    return config.name


def _fb(machine: Machine) -> Backend:
    device = machine.dev / "fb0"
    if not device.exists():
        raise DisplayError(f"--display fb: no framebuffer device ({device} does not exist); "
                           "use --display kms, or enable the framebuffer console in the kernel")
    _claim(machine, device, "fb")
    _missing_libraries(machine, "fb")
    return Backend("fb", f"linuxfb:fb={device}", {"QT_QPA_FB_HIDECURSOR": "1"})


def _claim(machine: Machine, device: Path, display: str) -> None:
    """Open the device as Qt will; on KMS, also take and give back the right to set its mode."""
    try:
        fd = machine.open_device(device)
    except PermissionError:
        raise DisplayError(f"--display {display}: permission denied on {device}; "
                             + GROUPS_FIX.format(user=machine.user)) from None
    except OSError as exc:
        raise DisplayError(f"--display {display}: cannot open {device}: {exc.strerror}") from None
    try:
        if display == "kms":
            machine.set_master(fd)
    except OSError as exc:
        if exc.errno not in (errno.EBUSY, errno.EACCES, errno.EPERM, errno.EINVAL):
            raise
        raise DisplayError(f"--display kms: {device} is busy: another program holds the display (a desktop "
                           "session or another kiosk); stop it (for example sudo systemctl stop "
                           "display-manager) or run the kiosk inside that session") from None
    finally:
        machine.close(fd)


def input_problem(machine: Machine | None = None) -> str | None:
    """On the console keys come from evdev: say why a clicker would not work, or None."""
    machine = machine or Machine()
    devices = sorted((machine.dev / "input").glob("event*"))
    if not devices:
        return (f"no keyboard or clicker found ({machine.dev}/input has no event devices); plug one in and "
                "restart the kiosk to use keys")
    if not any(os.access(device, os.R_OK) for device in devices):
        return f"cannot read keys: permission denied on {devices[0]}; " + GROUPS_FIX.format(user=machine.user)
    return None


_CHECKS: dict[str, Callable[[Machine], Backend]] = {"x11": _x11, "wayland": _wayland, "kms": _kms, "fb": _fb}


def prepare_display(requested: str = "auto", machine: Machine | None = None) -> Backend:
    """Choose the display system and set Qt up for it, or DisplayError with the one line to show."""
    backend = choose_backend(requested, machine)
    backend.apply()
    return backend


def log_backend(backend: Backend, machine: Machine | None = None) -> None:
    """Once Qt has a screen: say where the kiosk draws, and why keys may not reach it on the console."""
    log.info("display: %s (Qt platform %s)", backend.display, backend.platform or "default")
    if backend.display in ("kms", "fb"):
        problem = input_problem(machine)
        if problem:
            log.warning("%s", problem)
