"""Posters (`kind: image`): shown whole or filling the screen, decoded at the size shown,
checked for blur and cropping, left out calmly when the file can't be read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.cli import main
from kiosk.core.content import load_content
from kiosk.core.playlist import playlist_at
from kiosk.export.render import render_deck
from kiosk.playback.slide_builder import build_slide
from kiosk.screen.style import style_for
from tests.helpers.screen import shown_texts

GREEN, RED, BARS = QColor("#20c040"), QColor("#d02020"), QColor("#123456")

POSTER = """\
settings: {{title: Booth 14, footer: Fine print, languages: [en, es]}}
panels:
  - id: poster
    kind: image
    file: {file}
    fit: {fit}
    bleed: {bleed}
    background: "#123456"
    caption: {{en: Come and say hello, es: Ven a saludarnos}}
"""


def poster(path, width=1200, height=1600):
    """Red edges a tenth of the size deep, green inside: crops and bars are easy to see."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(RED)
    painter = QPainter(image)
    painter.fillRect(QRect(width // 10, height // 10, width * 8 // 10, height * 8 // 10), GREEN)
    painter.end()
    assert image.save(str(path))
    return path


def near(color: QColor, expected: QColor) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(color.getRgb()[:3], expected.getRgb()[:3]))


def slide_for(loaded, size, make_slide, lang="en"):
    entry = next(e for e in playlist_at(loaded.content, _now()) if e.lang == lang)
    return make_slide(loaded, entry, size)


def _now():
    from datetime import datetime
    return datetime(2026, 12, 1, 12, 0)


def content(write_content, file="poster.png", fit="contain", bleed="false"):
    return load_content(write_content(POSTER.format(file=file, fit=fit, bleed=bleed)))


def test_contain_shows_the_whole_poster_with_bars_and_keeps_header_and_footer(
        tmp_path, write_content, make_slide):
    poster(tmp_path / "poster.png")
    loaded = content(write_content)
    assert loaded.warnings == []
    slide = slide_for(loaded, QSize(1920, 1080), make_slide)
    shot = slide.grab().toImage()
    poster_widget = slide.body.poster
    rect = poster_widget.image_rect().translated(poster_widget.mapTo(slide, poster_widget.rect().topLeft()))
    assert near(shot.pixelColor(rect.center()), GREEN)
    assert near(shot.pixelColor(rect.left() + 3, rect.center().y()), RED)  # the edge is not cut off
    assert near(shot.pixelColor(rect.left() - 20, rect.center().y()), BARS)  # bars in `background`
    assert rect.top() > 60 and "Booth 14" in shown_texts(slide) and "Fine print" in shown_texts(slide)
    assert "Come and say hello" in shown_texts(slide)


def test_cover_with_bleed_fills_the_screen_and_decodes_only_the_screen(tmp_path, write_content, make_slide):
    poster(tmp_path / "poster.png", 2400, 1400)
    loaded = content(write_content, fit="cover", bleed="true")
    slide = slide_for(loaded, QSize(1920, 1080), make_slide)
    shot = slide.grab().toImage()
    assert near(shot.pixelColor(960, 540), GREEN)
    assert near(shot.pixelColor(5, 5), RED)  # the poster's corner where the header would be
    assert "Booth 14" not in shown_texts(slide) and "Fine print" not in shown_texts(slide)
    assert "Come and say hello" in shown_texts(slide)  # on its band over the picture
    assert slide.body.poster.image.size() == QSize(1920, 1080)  # no bigger than the screen


def test_a_poster_is_decoded_at_4k_from_its_own_pixels(tmp_path, write_content, make_slide):
    poster(tmp_path / "poster.png", 3000, 4000)
    slide = slide_for(content(write_content), QSize(3840, 2160), make_slide)
    image = slide.body.poster.image
    assert image.height() == slide.body.poster.height() > 1500  # decoded to fill its box, not scaled later


def test_portrait_screen_fits_the_poster_to_its_width(tmp_path, write_content, make_slide):
    poster(tmp_path / "poster.png", 1600, 1000)
    slide = slide_for(content(write_content), QSize(1080, 1920), make_slide)
    widget = slide.body.poster
    assert widget.image.width() == widget.width() and widget.image.height() < widget.height()


def test_caption_follows_the_language_of_the_round(tmp_path, write_content, make_slide):
    poster(tmp_path / "poster.png")
    slide = slide_for(content(write_content), QSize(1920, 1080), make_slide, lang="es")
    assert "Ven a saludarnos" in shown_texts(slide)


@pytest.mark.parametrize("size, fit, expected", [
    ((800, 600), "contain", "the image is 800 x 600 pixels and is shown 1.3 times enlarged, so it looks "
                            "blurry; export it at least 1012 x 759 pixels"),
    ((1200, 1600), "cover", "cover cuts off 67% of the image (its edges do not show); use `fit: contain`"),
])
def test_check_size_warns_about_blurry_or_cropped_posters(tmp_path, write_content, capsys, kiosk_app,
                                                          size, fit, expected):
    poster(tmp_path / "poster.png", *size)
    path = write_content(POSTER.format(file="poster.png", fit=fit, bleed="false"))
    assert main(["check", str(path), "--size", "1920x1080"]) == 0
    err = capsys.readouterr().err
    line = "5:11: warning: panels[0].file" if fit == "contain" else "6:10: warning: panels[0].fit"
    assert f"{path}:{line}: at 1920x1080 (en): {expected}" in err


def test_a_sharp_poster_shaped_like_the_screen_gets_no_warning(tmp_path, write_content, capsys, kiosk_app):
    poster(tmp_path / "poster.png", 3840, 2160)
    path = write_content(POSTER.format(file="poster.png", fit="cover", bleed="true"))
    assert main(["check", str(path), "--size", "1920x1080", "--size", "3840x2160"]) == 0
    assert "panels[0]" not in capsys.readouterr().err


@pytest.mark.parametrize("file, message", [
    ("missing.png", "image 'missing.png' not found; the panel is left out of the rotation"),
    ("../outside.png", "image '../outside.png' is outside the content file's folder"),
    ("notes.txt", "'notes.txt' is not a PNG, JPEG, GIF, WebP, BMP or SVG image"),
])
def test_an_unusable_poster_warns_with_its_line(tmp_path, write_content, file, message):
    (tmp_path / "notes.txt").write_text("not a picture")
    loaded = content(write_content, file=file)
    assert [(w.line, w.field) for w in loaded.warnings] == [(5, "panels[0].file")]
    assert message in loaded.warnings[0].message


def test_a_poster_that_fails_to_decode_is_left_out_calmly(tmp_path, write_content, qtbot, kiosk_app, caplog):
    whole = poster(tmp_path / "whole.png").read_bytes()
    (tmp_path / "poster.png").write_bytes(whole[:300])  # cut off mid-way: the header reads, the pixels don't
    loaded = content(write_content)
    entry = playlist_at(loaded.content, _now())[0]
    style = style_for(loaded.content.settings, QSize(1280, 720), loaded.folder)
    with caplog.at_level("WARNING"):
        assert build_slide(entry, style, (0, 1)) is None
        assert render_deck(loaded, tmp_path / "out", QSize(1280, 720), when=_now()) == []  # nothing else broke
    assert "panel 'poster' is left out: image cannot be read" in caplog.text
    assert "Traceback" not in caplog.text


def test_webp_and_svg_posters_show(tmp_path, write_content, make_slide):
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(GREEN)
    assert image.save(str(tmp_path / "poster.webp"))
    (tmp_path / "poster.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">'
                                         '<rect width="40" height="30" fill="#20c040"/></svg>')
    for name in ("poster.webp", "poster.svg"):
        loaded = content(write_content, file=name, fit="cover", bleed="true")
        assert loaded.warnings == []
        slide = slide_for(loaded, QSize(1280, 720), make_slide)
        assert near(slide.grab().toImage().pixelColor(640, 300), GREEN)
