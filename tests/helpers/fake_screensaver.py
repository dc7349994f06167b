"""A stand-in for the desktop's org.freedesktop.ScreenSaver service, on a private test bus.

Run as a script with DBUS_SESSION_BUS_ADDRESS set; prints "ready", then one line per call.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection

COOKIE = 42


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    @Slot(str, str, result="uint")
    def Inhibit(self, application: str, reason: str) -> int:  # noqa: N802 (the D-Bus name)
        print(f"Inhibit {application!r} {reason!r}", flush=True)
        return COOKIE


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    bus = QDBusConnection.sessionBus()
    service = ScreenSaver()
    if not (bus.registerObject("/org/freedesktop/ScreenSaver", service,
                               QDBusConnection.RegisterOption.ExportAllSlots)
            and bus.registerService("org.freedesktop.ScreenSaver")):
        print("cannot register", flush=True)
        return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
