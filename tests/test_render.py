"""`kiosk render --size` at the four screens the kiosk is sold for, including portrait."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from kiosk.cli import size_arg
from kiosk.core.content import load_content
from kiosk.export.render import render_deck
from tests.conftest import ROOT
from tests.helpers.screen import distinct_colors


@pytest.mark.parametrize("text", ["1280x720", "1920x1080", "3840x2160", "1080x1920"])
def test_render_size_accepts_the_four_screens(text):
    assert size_arg(text) == tuple(int(n) for n in text.split("x"))


@pytest.mark.parametrize("size", [QSize(1280, 720), QSize(1920, 1080), QSize(3840, 2160), QSize(1080, 1920)],
                         ids=["720p", "1080p", "4k", "portrait"])
def test_seed_renders_at_every_size(seed, tmp_path, kiosk_app, size):
    paths = render_deck(seed, tmp_path, size)
    ids = {path.name.split("-", 1)[1].removesuffix(".png").split("-p")[0] for path in paths}
    assert ids == {panel.id for panel in seed.content.panels}
    for path in paths:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (size.width(), size.height())
        assert distinct_colors(image, step=max(8, size.height() // 90)) > 20, f"{path.name} looks blank"


def test_bilingual_render_names_each_language(tmp_path, kiosk_app):
    paths = render_deck(load_content(ROOT / "examples" / "bilingual.yaml"), tmp_path, QSize(1280, 720))
    names = [path.name for path in paths]
    assert names[0] == "01-impact-en.png" and "06-impact-es.png" in names
    assert len(names) == 10


@pytest.mark.qt_log_ignore(r"No RHI backend", r"PulseAudioService")  # Qt 6.8 says so without a sound server
def test_booth_example_checks_clean_and_renders_poster_deck_and_video(tmp_path, kiosk_app):
    booth = ROOT / "examples" / "booth.yaml"
    loaded = load_content(booth)
    assert loaded.warnings == []
    media = ROOT / "examples" / "media"
    assert all((media / name).stat().st_size < 1_000_000 for name in ("poster.png", "deck.pdf", "loop.mp4"))
    names = [path.name for path in render_deck(loaded, tmp_path, QSize(1280, 720))]
    assert names[:7] == ["01-poster-en.png", "02-deck-en-p1.png", "02-deck-en-p2.png", "02-deck-en-p3.png",
                         "02-deck-en-p4.png", "03-loop-en.png", "04-poster-framed-en.png"]
    assert all(distinct_colors(QImage(str(tmp_path / name))) > 3 for name in names)
