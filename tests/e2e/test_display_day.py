"""The display's day on a real X window: the screen sleeps and wakes with a fake clock, a key wakes it,
an urgent message takes over and clears, and the status folder follows the screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from tests.conftest import ROOT
from tests.e2e.test_real_window import PAINTED, play_log_lines
from tests.e2e.xdisplay import HEIGHT, WIDTH
from tests.helpers.fake_commands import FakeCommands

BLACK = {(0, 0, 0)}
YELLOW = (255, 212, 0)
PANELS = """\
panels:
  - {id: first, kind: text, title: First panel, body: The rotation starts here., duration: 3600}
  - {id: second, kind: text, title: Second panel, body: Then this one., duration: 3600}
"""


def content(tmp_path, settings: str):
    path = tmp_path / "content.yaml"
    path.write_text(f"settings: {{title: Lobby, transition: none{settings}}}\n{PANELS}", encoding="utf-8")
    return path


def with_fakes(tmp_path, clock: str) -> tuple[FakeCommands, dict[str, str]]:
    fakes = FakeCommands(tmp_path / "bin")
    fakes.add("xset")
    return fakes, {"PATH": fakes.path_with(os.environ["PATH"]), "KIOSK_CLOCK_START": clock}


def test_the_screen_sleeps_and_wakes_on_the_first_panel(start_kiosk, tmp_path):
    # Off from 18:30 to 18:32 each day; one fake minute is 1.2 s at this time scale, so the kiosk has
    # 3.6 s to start before the night.
    path = content(tmp_path, ', power: {hours: "00:00-18:30, 18:32-24:00"}')
    fakes, env = with_fakes(tmp_path, "2026-12-04T18:27")
    play_log = tmp_path / "play.jsonl"
    kiosk = start_kiosk(str(path), "--play-log", str(play_log), env=env)
    kiosk.read_until(PAINTED)
    first = kiosk.stable_shot(quiet=0.2)
    kiosk.key("Right")
    kiosk.wait_until(lambda: kiosk.shot().pixels != first.pixels, 10, "Right to show the second panel")
    kiosk.wait_until(lambda: kiosk.shot().colors() == BLACK, 10, "the screen to go black at 18:30")
    kiosk.wait_until(lambda: "xset dpms force off" in fakes.calls(), 10, "DPMS off")
    kiosk.wait_until(lambda: kiosk.shot().colors() != BLACK, 20, "the screen to wake at 18:32")
    assert kiosk.stable_shot(quiet=0.2).pixels == first.pixels, "the rotation did not restart at the first panel"
    assert fakes.calls() == ["xset dpms force off", "xset dpms force on", "xset -dpms"]
    kiosk.wait_until(lambda: "screen on (settings.power)" in kiosk.log, 10, "the wake in the log")
    kiosk.stop()  # SIGTERM: the play log closes the showing of the first panel too
    assert [line.get("panel", line.get("screen")) for line in play_log_lines(play_log)] == [
        "first", "second", "off", "first"]


def test_a_key_wakes_a_sleeping_screen_for_wake_minutes(start_kiosk, tmp_path):
    path = content(tmp_path, ", power: {days: [mon], wake_minutes: 1}")
    fakes, env = with_fakes(tmp_path, "2026-12-05T12:00")  # a Saturday: off all day
    kiosk = start_kiosk(str(path), env=env)
    kiosk.wait_until(lambda: kiosk.shot().colors() == BLACK, 20, "a black screen on Saturday")
    kiosk.key("Next")  # a clicker's PgDn
    kiosk.wait_until(lambda: kiosk.shot().colors() != BLACK, 10, "the key to wake the screen")
    kiosk.wait_until(lambda: kiosk.shot().colors() == BLACK, 10, "sleep again after a (fake) minute")
    kiosk.wait_until(lambda: fakes.calls() == ["xset dpms force off", "xset dpms force on", "xset -dpms",
                                              "xset dpms force off"],
                     10, "DPMS off, on and off")


def urgent(*args: str) -> None:
    subprocess.run([sys.executable, "main.py", "urgent", *args], cwd=ROOT, check=True, timeout=30,
                   capture_output=True)


def test_an_urgent_message_takes_over_and_clears(start_kiosk, tmp_path):
    path = content(tmp_path, "")
    kiosk = start_kiosk(str(path))
    kiosk.read_until(PAINTED)
    before = kiosk.stable_shot(quiet=0.2)
    urgent("Please use the east entrance.", "--title", "Building closed", "--content", str(path))
    shot = kiosk.wait_until(lambda: (s := kiosk.shot()).rgb(WIDTH // 2, HEIGHT - 10) == YELLOW and s, 2.5,
                            "the urgent message within 2 s")
    assert sum(color == YELLOW for color in shot.edge()) > len(shot.edge()) // 2  # the whole screen is its own
    urgent("--clear", "--content", str(path))
    kiosk.wait_until(lambda: kiosk.shot().pixels == before.pixels, 5, "the same panel as before the message")


def as_image(shot) -> QImage:
    return QImage(shot.pixels, shot.width, shot.height, shot.width * 3, QImage.Format.Format_RGB888).copy()


def mean_difference(a: QImage, b: QImage) -> float:
    points = [(x, y) for x in range(0, a.width(), 7) for y in range(0, a.height(), 7)]
    total = 0
    for x, y in points:
        pa, pb = a.pixel(x, y), b.pixel(x, y)
        total += sum(abs((pa >> s & 255) - (pb >> s & 255)) for s in (0, 8, 16))
    return total / (len(points) * 3)


def test_the_status_folder_follows_the_screen(start_kiosk, tmp_path):
    path = content(tmp_path, ", status_every: 1s")
    folder = tmp_path / "status"
    kiosk = start_kiosk(str(path), "--status-dir", str(folder))
    status = folder / "status.json"
    kiosk.wait_until(lambda: status.exists() and json.loads(status.read_text())["panel"] == "first", 20,
                     "status.json naming the first panel")
    kiosk.wait_until(lambda: (folder / "screen.png").exists(), 10, "screen.png")
    picture = QImage(str(folder / "screen.png"))
    assert (picture.width(), picture.height()) == (960, 540)
    screen = as_image(kiosk.stable_shot(quiet=0.2)).scaled(960, 540, Qt.AspectRatioMode.IgnoreAspectRatio,
                                                           Qt.TransformationMode.SmoothTransformation)
    assert mean_difference(picture, screen) < 3, "screen.png does not show what the screen shows"
    stamp = (folder / "screen.png").stat().st_mtime_ns
    kiosk.key("Right")
    kiosk.wait_until(lambda: json.loads(status.read_text())["panel"] == "second", 10, "status.json to follow")
    kiosk.wait_until(lambda: (folder / "screen.png").stat().st_mtime_ns != stamp, 10, "a new screen.png")
    assert mean_difference(QImage(str(folder / "screen.png")), picture) > 1, "screen.png did not change"
    result = subprocess.run([sys.executable, "main.py", "status", str(folder)], cwd=ROOT, capture_output=True,
                            text=True, timeout=30)
    assert "showing second" in result.stdout and "no errors" in result.stdout and "STALE" not in result.stdout
