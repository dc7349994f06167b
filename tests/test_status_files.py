"""The status folder: status.json and screen.png follow what is on screen, written whole."""

from __future__ import annotations

import json
import logging
from datetime import datetime

from PySide6.QtGui import QImage

from kiosk.core.content import ContentError, Problem, Severity

CONTENT = """\
settings:
  title: Lobby
  transition: none
  duration: 3600  # the tests move the rotation themselves
  status_every: 5s
  power: {days: [mon, tue, wed, thu, fri], hours: "07:30-18:30"}
panels:
  - {id: welcome, kind: text, title: Welcome, body: Hello.}
  - {id: second, kind: text, title: Second, body: Two.}
"""


def status_of(folder) -> dict:
    return json.loads((folder / "status.json").read_text(encoding="utf-8"))


def test_status_follows_the_panel_on_screen(lobby, qtbot, tmp_path):
    folder = tmp_path / "status"
    window = lobby(datetime(2026, 12, 4, 12, 0), CONTENT, status_dir=folder, status_every=5.0)
    status = status_of(folder)
    assert (status["panel"], status["screen"], status["reload"]) == ("welcome", "on", {"ok": True, "errors": []})
    assert status["content"] == window.player.loaded.digest and status["host"]
    assert status["next_change"] == "2026-12-04T18:30" and status["urgent"] is None
    assert sorted(p.name for p in folder.iterdir()) == ["screen.png", "status.json"]  # no temporary files
    with qtbot.waitSignal(window.player.shown, timeout=2000):
        window.player.next()
    assert status_of(folder)["panel"] == "second"


def test_screen_png_is_the_screen_at_most_960_wide_and_at_most_once_per_interval(lobby, qtbot, tmp_path):
    folder = tmp_path / "status"
    window = lobby(datetime(2026, 12, 4, 12, 0), CONTENT, status_dir=folder, status_every=200.0)
    first = QImage(str(folder / "screen.png"))
    assert first.width() == 640  # the window is 640 wide: never scaled up
    expected = window.grab().toImage().convertToFormat(first.format())
    assert first == expected, "screen.png is not what the window shows"
    stamp = (folder / "screen.png").stat().st_mtime_ns
    window.player.next()  # within status_every (200 s * 0.01 = 2 s): the picture waits for the interval
    assert (folder / "screen.png").stat().st_mtime_ns == stamp
    qtbot.waitUntil(lambda: (folder / "screen.png").stat().st_mtime_ns != stamp, timeout=6000)
    assert QImage(str(folder / "screen.png")) != first


def test_a_refused_reload_is_in_the_status(lobby, tmp_path):
    folder = tmp_path / "status"
    window = lobby(datetime(2026, 12, 4, 12, 0), CONTENT, status_dir=folder)
    problem = Problem("content.yaml", 3, 5, Severity.ERROR, "panels[0].kind", "unknown kind")
    window.operation.status.content_refused(ContentError([problem]))
    assert status_of(folder)["reload"] == {"ok": False, "errors": [str(problem)]}


def test_a_sleeping_screen_says_off_and_when_it_wakes(lobby, tmp_path):
    folder = tmp_path / "status"
    lobby(datetime(2026, 12, 4, 20, 0), CONTENT, status_dir=folder)
    status = status_of(folder)
    assert (status["screen"], status["next_change"]) == ("off", "2026-12-07T07:30")
    assert QImage(str(folder / "screen.png")).pixel(10, 10) == 0xff000000


def test_a_folder_that_cannot_be_written_is_one_log_line(lobby, tmp_path, caplog):
    caplog.set_level(logging.ERROR)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    window = lobby(datetime(2026, 12, 4, 12, 0), CONTENT, status_dir=blocker / "status")
    window.player.next()
    window.operation.status.write_status()
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and "cannot create the status folder" in errors[0].getMessage()
