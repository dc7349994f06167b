"""Shared fixtures. Tests run offscreen; no test sleeps."""

from __future__ import annotations

import gc
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from kiosk.core.content import Loaded, load_content  # noqa: E402
from kiosk_testing.contentfiles import ROOT, SEED  # noqa: E402, F401  (tests import them from here)
from kiosk_testing.process import KioskProcess  # noqa: E402

pytest_plugins = ["tests.helpers.logfail", "pytester"]


@pytest.fixture(scope="session")
def seed() -> Loaded:
    return load_content(SEED)


@pytest.fixture
def write_content(tmp_path: Path):
    """Factory: write YAML text to a file in tmp_path and return its path."""
    def write(text: str, name: str = "content.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


@pytest.fixture
def kiosk_process():
    """Factory: start ``python main.py run ARGS`` (offscreen, or on ``display=``) as a process;
    every kiosk started is stopped at the end of the test. ``kind`` picks a KioskProcess subclass."""
    started: list[KioskProcess] = []

    def start(*args: str, kind: type[KioskProcess] = KioskProcess, **options) -> KioskProcess:
        kiosk = kind(list(args), **options)
        started.append(kiosk)
        return kiosk

    yield start
    for kiosk in started:
        kiosk.stop()


@pytest.fixture
def kiosk_app(qapp):
    """The QApplication with the bundled fonts loaded."""
    from kiosk.app import make_app

    return make_app()


@pytest.fixture(autouse=True)
def no_leaked_widgets(request):
    """Like napari's make_napari_viewer: fail a test that leaves top-level widgets behind."""
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames \
            and "kiosk_app" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    def live() -> set[str]:
        gc.collect()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return {f"{type(w).__name__}@{id(w)}" for w in QApplication.topLevelWidgets()}

    before = live()
    yield
    leaked = live() - before
    assert not leaked, f"top-level widgets leaked: {sorted(leaked)}"
