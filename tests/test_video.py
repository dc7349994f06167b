"""Video (`kind: video`): frames reach the screen, the panel lasts the clip, a broken clip is
skipped with a warning, and a machine without QtMultimedia says how to install it."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest
from PySide6.QtCore import QSize

from kiosk.core.content import load_content
from kiosk.core.playlist import playlist_at
from kiosk.playback.slide_builder import build_slide
from kiosk.screen.style import style_for
from tests.conftest import ROOT
from tests.helpers.clips import make_clip

# Qt's own notes on this machine: no GPU to convert frames with, no sound server for `sound: true`.
pytestmark = pytest.mark.qt_log_ignore(r"No RHI backend", r"PulseAudioService")
NOW = datetime(2026, 12, 1, 12, 0)
CLIP = """\
settings: {{title: Booth, transition: {transition}}}
panels:
  - id: clip
    kind: video
    file: {file}
{extra}  - {{id: after, kind: text, title: After, body: Words.}}
"""


def clip_content(write_content, file="clip.mp4", extra="", transition="none"):
    return load_content(write_content(CLIP.format(file=file, extra=extra, transition=transition)))


def centre(widget) -> int:
    image = widget.grab().toImage()
    return image.pixel(image.width() // 3, image.height() // 3)


@pytest.mark.parametrize("name", ["clip.mp4", "clip.webm"])
def test_frames_reach_the_screen_and_change_over_time(tmp_path, write_content, qtbot, make_player, name):
    make_clip(tmp_path / name, seconds=2)
    loaded = clip_content(write_content, file=name)
    assert loaded.warnings == []
    player = make_player(loaded)
    assert player.current_id == "clip"
    screen = player.slide.body.video_screen
    first = centre(screen)
    qtbot.waitUntil(lambda: screen.frames_shown > 10, timeout=5000)
    qtbot.waitUntil(lambda: centre(screen) != first, timeout=5000)  # the pattern moves


def test_the_panel_lasts_the_clip_times_its_loops(tmp_path, write_content, make_player):
    make_clip(tmp_path / "clip.mp4", seconds=1.2)
    player = make_player(clip_content(write_content, extra="    loop: 3\n"))
    assert player.current_id == "clip" and player.timers.interval_ms == 3600


def test_the_slide_holds_the_first_frame_before_it_plays(tmp_path, write_content, qtbot, kiosk_app):
    make_clip(tmp_path / "clip.mp4")
    loaded = clip_content(write_content, transition="fade")
    entry = playlist_at(loaded.content, NOW)[0]
    slide = build_slide(entry, style_for(loaded.content.settings, QSize(640, 360), loaded.folder), (0, 2))
    qtbot.addWidget(slide)
    screen = slide.body.video_screen
    assert not screen.frame.isNull()  # what the crossfade in starts from: a picture, never black
    assert centre(screen) != slide.body.style_.color("background").rgba()


def test_muted_unless_sound_is_asked_for(tmp_path, write_content, make_player):
    make_clip(tmp_path / "clip.mp4")
    player = make_player(clip_content(write_content))
    assert player.slide.body.player.audioOutput() is None
    loud = make_player(clip_content(write_content, extra="    sound: true\n"))
    audio = loud.slide.body.player.audioOutput()
    assert audio is not None and not audio.isMuted()


def test_a_truncated_clip_is_skipped_with_a_warning(tmp_path, write_content, make_player, caplog):
    whole = make_clip(tmp_path / "whole.mp4", seconds=2).read_bytes()
    (tmp_path / "clip.mp4").write_bytes(whole[:1500])  # the header is there, the pictures are not
    with caplog.at_level("WARNING"):
        player = make_player(clip_content(write_content))
    assert player.current_id == "after"
    assert "panel 'clip' is left out: the clip cannot be played" in caplog.text
    assert "Traceback" not in caplog.text


def test_a_file_that_is_not_a_clip_is_a_check_warning(tmp_path, write_content):
    (tmp_path / "clip.mp4").write_text("a note about the video")
    loaded = clip_content(write_content)
    assert [(w.line, w.field) for w in loaded.warnings] == [(5, "panels[0].file")]
    assert "'clip.mp4' is not an MP4 or WebM video; the panel is left out" in loaded.warnings[0].message


def test_without_video_support_check_names_the_install_line_and_the_rotation_skips(tmp_path, write_content):
    make_clip(tmp_path / "clip.mp4")
    path = CLIP.format(file="clip.mp4", extra="", transition="none")
    content = write_content(path)
    code = ("import sys; sys.modules['PySide6.QtMultimedia'] = None\n"  # as on a machine without the extra
            "from kiosk.cli import main\n"
            f"sys.exit(main(['check', {str(content)!r}]) or main(['render', {str(content)!r}, '--out', "
            f"{str(tmp_path / 'out')!r}, '--size', '640x360']))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert (f"{content}:4:11: warning: panels[0].kind: panel 'clip' needs video support, which is not installed: "
            "pip install 'kiosk[video]'; until then the rotation leaves it out") in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["02-after.png"]
