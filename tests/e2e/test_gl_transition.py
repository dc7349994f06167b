"""Transitions on the GPU path, checked for correctness under Mesa's llvmpipe on a real X display."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kiosk.playback.render_choice import has_gpu_device
from tests.conftest import ROOT
from tests.e2e.test_real_window import PAINTED, THREE_PANELS, assert_covers_the_screen

# llvmpipe rounds a blend a little differently from Qt's raster engine: one step of 255 here.
MAX_CHANNEL_DIFFERENCE = 3
MAX_MEAN_DIFFERENCE = 1.0


@pytest.fixture(scope="module")
def gl_frames(display):
    done = subprocess.run([sys.executable, "-m", "tests.helpers.gl_frames"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={"PATH": "/usr/bin:/bin", **display.env})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("moment", ["start", "middle", "end", "resized", "context_lost"])
def test_a_gl_fade_matches_the_software_fade_and_is_never_black(gl_frames, moment):
    frame = gl_frames[moment]
    assert not frame["black"], f"the GL frame at {moment} is black"
    assert frame["max"] <= MAX_CHANNEL_DIFFERENCE and frame["mean"] <= MAX_MEAN_DIFFERENCE, frame


def test_a_gl_fade_survives_losing_its_context_and_ends_on_a_key(gl_frames):
    assert gl_frames["context_was_lost"], "moving the overlay to another window did not replace its GL context"
    assert gl_frames["finished"], "complete() mid-fade did not end the GL transition"


def test_render_gl_fades_between_panels_on_the_gpu_path(start_kiosk, tmp_path):
    content = tmp_path / "content.yaml"
    content.write_text(THREE_PANELS.replace("transition: none", "transition: fade"), encoding="utf-8")
    kiosk = start_kiosk(str(content), "--render", "gl", "--presentation", env={"KIOSK_TRACE_TRANSITIONS": "1"})
    kiosk.read_until(PAINTED)
    assert "transitions: GL (--render gl (GL_RENDERER is llvmpipe" in kiosk.log
    assert_covers_the_screen(kiosk)
    first = kiosk.stable_shot()
    kiosk.key("Right")
    kiosk.read_until("first frame at monotonic")  # painted by the GL overlay
    second = kiosk.stable_shot()
    assert second.pixels != first.pixels and len(second.colors()) > 4


def test_render_auto_stays_in_software_without_a_gpu(start_kiosk, tmp_path):
    content = tmp_path / "content.yaml"
    content.write_text(THREE_PANELS, encoding="utf-8")
    kiosk = start_kiosk(str(content))
    kiosk.read_until(PAINTED)
    if has_gpu_device():  # a developer's machine: whatever its GL is, the line says why
        assert "GL_RENDERER is" in kiosk.log
    else:  # this VM and CI: no /dev/dri, so Mesa is never even loaded
        assert "transitions: software (no GPU device (/dev/dri or /dev/nvidia0))" in kiosk.log
