"""--render auto takes the GPU only when OpenGL is done by hardware, and says why."""

from __future__ import annotations

import pytest

from kiosk.playback.render_choice import choose_render, has_gpu_device


@pytest.mark.parametrize(("asked", "gpu", "renderer", "picked", "why"), [
    ("auto", False, None, "software", "no GPU device (/dev/dri or /dev/nvidia0)"),
    ("auto", True, "llvmpipe (LLVM 15.0.6, 256 bits)", "software",
     "GL_RENDERER is llvmpipe (LLVM 15.0.6, 256 bits), which draws on the CPU"),
    ("auto", True, "V3D 4.2", "gl", "GL_RENDERER is V3D 4.2"),
    ("auto", True, "Mesa Intel(R) UHD Graphics 620 (KBL GT2)", "gl",
     "GL_RENDERER is Mesa Intel(R) UHD Graphics 620 (KBL GT2)"),
    ("gl", False, "llvmpipe (LLVM 15.0.6, 256 bits)", "gl",
     "--render gl (GL_RENDERER is llvmpipe (LLVM 15.0.6, 256 bits))"),
    ("software", True, "V3D 4.2", "software", "--render software"),
])
def test_render_choice_and_its_reason(asked, gpu, renderer, picked, why):
    assert choose_render(asked, gpu=gpu, renderer=renderer) == (picked, why)


def test_render_gl_without_any_opengl_warns_once_and_draws_in_software(qapp, caplog):
    # The offscreen platform the tests run on has no OpenGL at all.
    with caplog.at_level("WARNING", logger="kiosk.playback.render_choice"):
        picked, why = choose_render("gl", gpu=True)
    assert (picked, why) == ("software", "no OpenGL context on the offscreen platform")
    assert [r.getMessage() for r in caplog.records] == [
        "transitions: --render gl asked for, but there is no OpenGL context on the offscreen platform; "
        "drawing them in software"]


def test_a_gpu_device_is_a_drm_node_or_nvidias(tmp_path):
    empty, dri, nvidia = tmp_path / "empty", tmp_path / "dri", tmp_path / "nvidia0"
    empty.mkdir()
    dri.mkdir()
    (dri / "renderD128").touch()
    nvidia.touch()
    assert not has_gpu_device((str(empty), str(tmp_path / "absent")))
    assert has_gpu_device((str(empty), str(dri)))
    assert has_gpu_device((str(nvidia),))


def test_the_player_draws_its_transitions_where_it_was_told(make_player):
    from kiosk.playback.transition import Transition

    assert type(make_player()._transition) is Transition
