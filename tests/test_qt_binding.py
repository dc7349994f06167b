"""The Qt binding itself must survive months of calls: a guard against a known bad release.

PySide6 6.12.0 drops one reference to None on every call of a method that returns
nothing (update(), processEvents(), ...). On Python 3.10/3.11 None is reference
counted, so a kiosk aborts with "deallocating None" after a few thousand frames;
pyproject.toml excludes that release. (From 3.12 on None is immortal and the count
doesn't move, so this test passes there whatever the binding does.)
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
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
