"""The kiosk as a lobby and a booth see it: a real X window, real key presses, real pixels."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import uuid

from tests.conftest import ROOT
from tests.e2e.xdisplay import HEIGHT, WIDTH

WHITE = (255, 255, 255)  # Xvfb's root window (-wr); the kiosk itself never paints its edge white
PAINTED = "painted at monotonic"


def play_log_lines(path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def assert_covers_the_screen(kiosk) -> None:
    kiosk.wait_until(lambda: WHITE not in kiosk.shot().edge(), 10, "the kiosk to cover the white root window")
    geometry = kiosk.window_geometry()
    assert (geometry["X"], geometry["Y"], geometry["WIDTH"], geometry["HEIGHT"]) == (0, 0, WIDTH, HEIGHT)
    assert len(kiosk.shot().colors()) > 4, "the screen is blank"


THREE_PANELS = """\
settings: {title: Booth, transition: none}
panels:
  - {id: welcome, kind: text, title: Welcome, body: Ask us about the program.}
  - {id: numbers, kind: text, title: In numbers, body: Three hundred thousand students a year.}
  - {id: contact, kind: text, title: Contact, body: Find us at booth 12.}
"""


def test_presenter_mode_is_driven_by_the_keys_and_esc_quits(start_kiosk, tmp_path):
    play_log = tmp_path / "play.jsonl"
    content = tmp_path / "content.yaml"
    content.write_text(THREE_PANELS, encoding="utf-8")
    kiosk = start_kiosk(str(content), "--presentation", "--panel", "numbers", "--play-log", str(play_log))
    kiosk.read_until(PAINTED)
    assert_covers_the_screen(kiosk)
    first = kiosk.stable_shot()
    # 12 s panels last 240 ms at this time scale: 2 s is eight of them, and nothing moves.
    assert kiosk.holds_for(lambda: kiosk.shot().pixels == first.pixels, 2.0), "presenter mode advanced on its own"

    kiosk.key("Right")
    kiosk.wait_until(lambda: kiosk.shot().pixels != first.pixels, 10, "Right to change the screen")
    second = kiosk.stable_shot()
    kiosk.key("Next")  # PgDn, as a clicker sends it
    kiosk.wait_until(lambda: kiosk.shot().pixels != second.pixels, 10, "PgDn to change the screen")
    kiosk.stable_shot()

    kiosk.key("b")
    black = kiosk.wait_until(lambda: (s := kiosk.shot()).colors() == {(0, 0, 0)} and s, 10, "B to black the screen")
    assert black.colors() == {(0, 0, 0)}
    kiosk.key("b")
    kiosk.wait_until(lambda: len(kiosk.shot().colors()) > 4, 10, "B again to bring the panel back")

    kiosk.key("Escape")
    assert kiosk.exit_code(timeout=15) == 0, kiosk.log
    # Right: numbers -> contact; PgDn: round to welcome. The black screen ends that showing,
    # and the panel's return starts a new one.
    assert [line["panel"] for line in play_log_lines(play_log)] == ["numbers", "contact", "welcome", "welcome"]


def test_locked_kiosk_refuses_esc_rotates_logs_play_and_quits_on_the_held_chord(start_kiosk, tmp_path):
    play_log = tmp_path / "play.jsonl"
    name = f"kiosk-e2e-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as systemd:
        systemd.bind("\0" + name)
        systemd.settimeout(30)
        kiosk = start_kiosk("--lock", "--play-log", str(play_log), env={"NOTIFY_SOCKET": "@" + name})
        assert systemd.recv(4096).decode().startswith("READY=1")  # sent once the first panel is painted
        kiosk.read_until(PAINTED)
    assert_covers_the_screen(kiosk)

    kiosk.wait_until(lambda: len(play_log_lines(play_log)) >= 2, 20, "two lines in the play log")
    count = len(play_log_lines(play_log))
    kiosk.wait_until(lambda: len(play_log_lines(play_log)) > count, 20, "the play log to grow")

    for key in ("Escape", "q"):
        kiosk.key(key)
    kiosk.wait_until(lambda: kiosk.log.count("quit refused") >= 2, 10, "the refused quits in the log")
    assert kiosk.process.poll() is None, "Esc quit a locked kiosk"
    assert_covers_the_screen(kiosk)

    kiosk_window = kiosk.focused_window()
    kiosk.focus_root()
    kiosk.wait_until(lambda: kiosk.focused_window() == kiosk_window, 10, "the kiosk to take the focus back")
    kiosk.x("xdotool", "windowsize", str(kiosk_window), "640", "360")  # shrunk by another program
    kiosk.wait_until(lambda: kiosk.window_geometry()["WIDTH"] == WIDTH, 10, "the kiosk to cover the screen again")
    assert_covers_the_screen(kiosk)

    kiosk.key("ctrl+shift+q", action="keydown")
    try:
        assert kiosk.exit_code(timeout=15) == 0, kiosk.log
    finally:
        kiosk.key("ctrl+shift+q", action="keyup")
    assert "Ctrl+Shift+Q held" in kiosk.log
    for line in play_log_lines(play_log):
        assert set(line) == {"start", "panel", "seconds", "content"}


def test_a_killed_kiosk_leaves_a_valid_play_log(start_kiosk, tmp_path):
    play_log = tmp_path / "play.jsonl"
    kiosk = start_kiosk("--play-log", str(play_log), "--windowed", time_scale=0.002)
    kiosk.wait_until(lambda: len(play_log_lines(play_log)) >= 10, 30, "ten lines in the play log")
    kiosk.process.send_signal(signal.SIGKILL)
    kiosk.process.wait(timeout=10)
    lines = play_log_lines(play_log)  # every line parses
    assert len(lines) >= 10 and play_log.read_bytes().endswith(b"\n")


def test_screens_lists_the_x_screen(display):
    result = subprocess.run([sys.executable, "main.py", "screens"], cwd=ROOT, capture_output=True, text=True,
                            env={**display.env, "PATH": "/usr/bin:/bin"},
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert f"{WIDTH}x{HEIGHT}+0+0  primary" in result.stdout


def test_a_video_plays_on_the_real_screen_and_holds_its_last_frame(start_kiosk, tmp_path):
    from tests.helpers.clips import make_clip

    make_clip(tmp_path / "clip.mp4", seconds=2, size="320x180")
    content = tmp_path / "content.yaml"
    content.write_text("settings: {title: Booth, transition: none}\npanels:\n"
                       "  - {id: clip, kind: video, file: clip.mp4, bleed: true}\n"
                       "  - {id: after, kind: text, title: After, body: Words.}\n", encoding="utf-8")
    kiosk = start_kiosk(str(content), "--presentation")  # the clicker drives: the clip stays on screen
    kiosk.read_until(PAINTED)
    first = kiosk.shot()
    kiosk.wait_until(lambda: kiosk.shot().pixels != first.pixels, 10, "the clip's frames to reach the screen")
    last = kiosk.stable_shot(timeout=20)  # still once the clip has ended
    assert last.pixels != first.pixels and len(last.colors()) > 4, "the last frame gave way to a blank screen"
