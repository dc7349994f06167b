"""Shared fixtures. Tests run offscreen; no test sleeps."""

from __future__ import annotations

import gc
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from harness.contentfiles import ROOT, SEED  # noqa: E402, F401  (tests import them from here)
from harness.process import KioskProcess  # noqa: E402
from kiosk.core.content import Loaded, load_content  # noqa: E402

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
def new_york(monkeypatch):
    """Local time in New York: clocks go back 02:00 -> 01:00 on 2026-11-01, forward 02:00 -> 03:00 on 2026-03-08."""
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def kiosk_app(qapp):
    """The QApplication with the bundled fonts loaded."""
    from kiosk.app import make_app

    return make_app()


@pytest.fixture
def lobby(qtbot, kiosk_app, write_content):
    """Factory: a windowed kiosk with the run's parts and a fake clock (tests/helpers/lobby.py)."""
    from tests.helpers.lobby import lobby_factory

    return lobby_factory(qtbot, write_content)


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


@pytest.fixture
def make_player(qtbot, kiosk_app):
    """Factory: a Player, on screen (offscreen), closed and deleted after the test.

    ``window=True`` puts it in a windowed KioskWindow (the window's keys work; reach it with
    ``player.window()``), ``options`` also attaches the run's parts (presenter, lock, play log)
    as a run does. With ``content`` it starts playing and returns once the first slide is shown.
    """
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QWidget

    from kiosk.playback.player import Player
    from kiosk.run.input.keys import KeyHandler
    from kiosk.run.operation import Operation
    from kiosk.run.window.window import KioskWindow

    kept: list[object] = []  # pytest-qt holds widgets weakly: the test's windows live here until it ends

    def make(content: Loaded | None = None, *, size=(640, 360), time_scale: float = 1.0,
             clock=None, window: bool = False, options=None, start_id: str | None = None,
             show: bool = True) -> Player:
        size = size if isinstance(size, QSize) else QSize(*size)
        player = Player(time_scale=time_scale, **({"clock": clock} if clock else {}))
        if window or options is not None:
            host = KioskWindow(player, windowed=True, size=size)
            qtbot.addWidget(host)
            kept.append(host)
            if options is not None:
                kept.append(Operation(host, player, options))
            else:  # the keys alone, as a run's Operation hands them to the window without a presenter or lock
                kept.append(KeyHandler(host, player))
            host.present()
            qtbot.waitExposed(host)
        else:
            player.resize(size)
            qtbot.addWidget(player)
            kept.append(player)
            if show:
                player.show()
                qtbot.waitExposed(player)
        if content is not None:
            with qtbot.waitSignal(player.shown, timeout=3000):
                player.set_content(content, start_id=start_id)
        return player

    yield make
    for widget in kept:
        if isinstance(widget, QWidget):
            widget.close()
            widget.deleteLater()
    kept.clear()


@pytest.fixture
def make_slide(qtbot, kiosk_app):
    """Factory: one panel's slide as the player builds it, deleted after the test.

    ``panel`` is a panel id of ``loaded``, a panel, or a playlist entry (which brings its language).
    By default it is shown (offscreen) with its animations at their end.
    """
    from PySide6.QtCore import QSize

    from kiosk.core.playlist import Entry
    from kiosk.screen.slide import Slide
    from kiosk.screen.style import style_for

    def make(loaded: Loaded, panel, size=(1280, 720), *, lang: str | None = None,
             position: tuple[int, int] = (0, 1), show: bool = True, finish: bool = True):
        size = size if isinstance(size, QSize) else QSize(*size)
        if isinstance(panel, Entry):
            panel, lang = panel.panel, lang or panel.lang
        elif isinstance(panel, str):
            panel = next(p for p in loaded.content.panels if p.id == panel)
        style = style_for(loaded.content.settings, size, loaded.folder, lang=lang)
        slide = Slide(panel, style, position)
        qtbot.addWidget(slide)
        if show:
            slide.show()
        if finish:
            slide.body.finish()
        return slide

    return make
