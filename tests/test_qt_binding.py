"""The Qt binding itself must survive months of calls: a guard against a known bad release.

PySide6 6.12.0 drops one reference to None on every call of a method that returns
nothing (update(), processEvents(), ...), and one to True on every Signal.emit() (the
player emits two per panel; the soak benchmark found it). On Python 3.10/3.11 None and
True are reference counted, so a kiosk aborts with "deallocating None" (or True) after
hours; pyproject.toml excludes that release. (From 3.12 on both are immortal: the counts
barely move, so these tests pass there whatever the binding does.)
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

CALLS = 500  # a few hundred show it; thousands would abort the test run itself


def test_void_qt_calls_keep_none_alive(qtbot, kiosk_app):
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        widget.update()
        QCoreApplication.processEvents()
    assert sys.getrefcount(None) - before > -CALLS // 20, "this PySide6 release leaks references to None"


class Emitter(QObject):
    plain = Signal()
    with_args = Signal(str, int)


def test_emitting_signals_keeps_true_alive():
    emitter = Emitter()
    received = []
    emitter.with_args.connect(lambda *args: received.append(args))
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(CALLS // 2):
        emitter.plain.emit()
        emitter.with_args.emit("impact", 0)
    assert len(received) == CALLS // 2
    # A leak is one reference per emit; Python 3.13's immortal True may drift by one on its own.
    drift = sys.getrefcount(True) - before[0], sys.getrefcount(False) - before[1]
    assert min(drift) > -CALLS // 20, f"this PySide6 release leaks references to True or False ({drift})"
