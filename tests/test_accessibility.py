"""Accessibility: a high-contrast preset, larger or smaller text, and motion that can be turned off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from kiosk.cli import main
from kiosk.core import theme
from kiosk.core.content import ContentError, load_content
from kiosk.core.content.checks import contrast_ratio
from kiosk.core.content.model import Theme
from kiosk.screen.style import style_for
from tests.conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


def seed_with(write_content, settings: str) -> object:
    """The seed content with extra lines under `settings:`."""
    return load_content(write_content(SEED_TEXT.replace("settings:\n", f"settings:\n{settings}", 1)))


def test_high_contrast_reaches_7_to_1_everywhere():
    palette = theme.palette_for(Theme(preset="high-contrast"))
    ratios = theme.contrasts(palette)
    assert min(ratios.values()) >= 7.0, ratios
    assert len(ratios) >= 6 + len(palette.series)  # text, secondary text, accent, every counter colour


def test_high_contrast_preset_reaches_the_screen(write_content, make_slide):
    high = SEED_TEXT.replace('    background: "#0b2545"\n', "    preset: high-contrast\n")
    loaded = load_content(write_content(high))
    slide = make_slide(loaded, loaded.content.panels[0], show=False, finish=False)
    image = slide.grab().toImage()
    background = image.pixelColor(3, image.height() // 2).name()  # the side margin
    assert background == theme.HIGH_CONTRAST.background
    labels = [f.label for f in slide.body.texts]
    for label in labels:
        colour = label.palette().color(label.foregroundRole()).name()
        assert contrast_ratio(colour, background) >= 7.0, label.text()


def test_check_reports_the_worst_contrast(capsys):
    assert main(["check", str(SEED)]) == 0
    assert "theme's worst contrast is 4.9:1 (counter colour #e86a5b on background)" in capsys.readouterr().out


def test_check_reports_the_worst_contrast_of_the_preset(write_content, capsys):
    path = write_content(SEED_TEXT.replace('    background: "#0b2545"\n', "    preset: high-contrast\n"))
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    ratio = float(out.split("worst contrast is ")[1].split(":1")[0])
    assert ratio >= 7.0


@pytest.mark.parametrize("value", ["0.7", "1.7", "big"])
def test_font_scale_is_validated(write_content, value):
    with pytest.raises(ContentError) as caught:
        seed_with(write_content, f"  font_scale: {value}\n")
    assert "settings.font_scale" in str(caught.value.problems[0])


def test_font_scale_makes_text_larger(write_content, seed, make_slide):
    loaded = seed_with(write_content, "  font_scale: 1.3\n")
    size = QSize(1920, 1080)

    def body_px(content):
        style = style_for(content.content.settings, size, content.folder)
        assert style.text_px(theme.BODY) == round(style.unit * theme.BODY * content.content.settings.font_scale)
        slide = make_slide(content, content.content.panels[2], size, show=False, finish=False)  # the spotlight:
        # room to spare at 1080p
        return next(f for f in slide.body.texts if f.loc == ("body",)).label.font().pixelSize()

    # The panel fills up, so fitting takes some back (from the titles and photo first),
    # but the reading text is clearly larger.
    assert body_px(loaded) >= 1.1 * body_px(seed)


def test_reduce_motion_shows_final_numbers_at_once(write_content, make_slide):
    loaded = seed_with(write_content, "  reduce_motion: true\n")
    slide = make_slide(loaded, loaded.content.panels[0], show=False, finish=False)
    slide.body.start()
    assert slide.body.shown_numbers[-1] == "213,569"  # no count-up


def test_reduce_motion_changes_panels_without_a_crossfade(write_content, make_player):
    loaded = seed_with(write_content, "  reduce_motion: true\n")
    player = make_player(loaded, time_scale=0.01, show=False)
    player.next()
    assert not player._transition.running and player.current_id == "goal"


def test_crossfade_runs_without_reduce_motion(seed, make_player):
    player = make_player(seed, time_scale=0.01, show=False)
    player.next()
    assert player._transition.running
