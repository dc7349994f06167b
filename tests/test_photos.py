"""Photos: PNG, JPEG or SVG beside the content file, filled into the circle, sharp at 4K;
a missing or broken image is a warning and the initials, never a crash or a hole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.cli import main
from kiosk.core.content import load_content
from kiosk.screen.images import Picture
from kiosk.screen.panels.spotlight import Avatar
from tests.helpers.measure import layout_faults

GREEN, RED = QColor("#20c040"), QColor("#d02020")

SPOTLIGHT = """\
settings: {{title: T}}
panels:
  - id: person
    kind: spotlight
    heading: Student of the Year
    name: Juan Oscar Leal
    quote: Words.
    photo: {photo}
"""

TEXT = """\
settings: {{title: T}}
panels:
  - id: story
    kind: text
    title: A story
    body: Some words about the picture, long enough to wrap onto a second line of text.
    images: [{image}]
"""

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" viewBox="0 0 300 200">'
       '<rect width="300" height="200" fill="#d02020"/><rect x="100" y="50" width="100" height="100" '
       'fill="#20c040"/></svg>')


def landscape_photo(path, width=1600, height=1000):
    """Red all round, a green square in the middle: aspect-fill keeps the middle."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(RED)
    painter = QPainter(image)
    painter.fillRect(QRect(width // 2 - height // 4, height // 4, height // 2, height // 2), GREEN)
    painter.end()
    assert image.save(str(path))
    return path


def close_to(color: QColor, expected: QColor) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(color.getRgb()[:3], expected.getRgb()[:3]))


@pytest.mark.parametrize("name", ["photo.png", "photo.jpg", "photo.svg"])
def test_photo_fills_the_circle_from_its_middle(tmp_path, write_content, make_slide, name):
    if name.endswith(".svg"):
        (tmp_path / name).write_text(SVG)
    else:
        landscape_photo(tmp_path / name)
    loaded = load_content(write_content(SPOTLIGHT.format(photo=name)))
    assert loaded.warnings == []
    slide = make_slide(loaded, loaded.content.panels[0], QSize(1920, 1080), finish=False)
    avatar = slide.findChild(Avatar)
    image = avatar.grab().toImage()
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    assert close_to(centre, GREEN)
    assert close_to(image.pixelColor(image.width() // 2, image.height() // 10), RED)  # filled, no bars
    corner = image.pixelColor(2, 2)
    assert not close_to(corner, RED)  # outside the circle stays background


def test_photo_is_decoded_at_full_size_for_4k(tmp_path, write_content, make_slide):
    landscape_photo(tmp_path / "big.jpg", 4000, 3000)
    loaded = load_content(write_content(SPOTLIGHT.format(photo="big.jpg")))
    slide = make_slide(loaded, loaded.content.panels[0], QSize(3840, 2160), finish=False)
    avatar = slide.findChild(Avatar)
    assert avatar.width() > 600
    assert min(avatar._photo.width(), avatar._photo.height()) == avatar.width()  # scaled from the source


@pytest.mark.expect_log("'photo.png'")
@pytest.mark.parametrize("content, message", [
    (None, "not found; showing the initials instead"),
    (b"this is a word document, not a photo", "is not a PNG, JPEG, GIF, WebP, BMP or SVG image; showing the initials"),
])
def test_missing_or_wrong_photo_warns_and_shows_initials(tmp_path, write_content, make_slide, content, message):
    if content is not None:
        (tmp_path / "photo.png").write_bytes(content)
    loaded = load_content(write_content(SPOTLIGHT.format(photo="photo.png")))
    assert [w.field for w in loaded.warnings] == ["panels[0].photo"]
    assert message in loaded.warnings[0].message
    slide = make_slide(loaded, loaded.content.panels[0], QSize(1920, 1080), finish=False)
    avatar = slide.findChild(Avatar)
    assert avatar._photo is None and avatar._letters == "JL"


@pytest.mark.expect_log("image 'photo.png'")
def test_broken_png_is_reported_by_check_size(tmp_path, write_content, capsys, kiosk_app):
    whole = landscape_photo(tmp_path / "whole.png").read_bytes()
    (tmp_path / "photo.png").write_bytes(whole[:200])  # a PNG cut off mid-way
    path = write_content(SPOTLIGHT.format(photo="photo.png"))
    assert main(["check", str(path), "--size", "1920x1080"]) == 0
    err = capsys.readouterr().err
    assert f"{path}:8:12: warning: panels[0].photo: at 1920x1080: image cannot be read; showing the initials" in err


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["landscape", "portrait"])
def test_text_panel_shows_one_image_beside_or_above_the_words(tmp_path, write_content, make_slide, size):
    landscape_photo(tmp_path / "picture.png", 1200, 800)
    loaded = load_content(write_content(TEXT.format(image="picture.png")))
    assert loaded.warnings == []
    slide = make_slide(loaded, loaded.content.panels[0], size, finish=False)
    picture = slide.findChild(Picture)
    assert picture is not None and layout_faults(slide) == []
    words = next(f.label for f in slide.body.texts if f.loc == ("body",))
    picture_box = QRect(picture.mapTo(slide, QPoint(0, 0)), picture.size())
    words_box = QRect(words.mapTo(slide, QPoint(0, 0)), words.size())
    if size.width() > size.height():
        assert picture_box.left() > words_box.right()  # beside the paragraphs
    else:
        assert picture_box.bottom() < words_box.top()  # above them on a portrait screen
    assert abs(picture.width() / picture.height() - 1.5) < 0.02  # shown whole, not cropped
    image = picture.grab().toImage()
    assert close_to(image.pixelColor(image.width() // 2, image.height() // 2), GREEN)


@pytest.mark.expect_log("image 'nowhere.png' not found")
def test_missing_text_image_warns_and_the_panel_still_shows(write_content, make_slide):
    loaded = load_content(write_content(TEXT.format(image="nowhere.png")))
    assert [w.field for w in loaded.warnings] == ["panels[0].images[0]"]
    slide = make_slide(loaded, loaded.content.panels[0], QSize(1920, 1080), finish=False)
    assert slide.findChild(Picture) is None
    assert slide.body.texts[-1].label.text().startswith("Some words")


@pytest.mark.parametrize(("fmt", "shown"), [("PNG", True), ("JPEG", True), ("GIF", True), ("WEBP", True),
                                            ("BMP", True), ("ICO", False), ("XPM", False), ("PPM", False)])
def test_check_warns_about_exactly_the_images_that_do_not_show(tmp_path, write_content, make_slide,
                                                               fmt, shown, expect_log):
    """What `check` accepts is what the screen shows, format by format, whatever the file is called."""
    if not shown:
        expect_log("is not a PNG, JPEG, GIF, WebP, BMP or SVG image")
    landscape_photo(tmp_path / "source.png", 400, 300)
    if fmt == "GIF":  # Qt reads GIF but cannot write it: one red pixel, by hand
        (tmp_path / "photo.img").write_bytes(b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\x00\x00\x00\x00\x00"
                                             b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
    else:
        assert QImage(str(tmp_path / "source.png")).save(str(tmp_path / "photo.img"), fmt)
    loaded = load_content(write_content(SPOTLIGHT.format(photo="photo.img")))
    assert (loaded.warnings == []) == shown, loaded.warnings
    avatar = make_slide(loaded, "person", QSize(1920, 1080)).findChild(Avatar)
    assert (avatar._photo is not None) == shown


@pytest.mark.parametrize("image", ["nowhere.png", "broken.png", "photo.xpm"])
@pytest.mark.parametrize("link", [False, True])
def test_a_text_panel_whose_image_fails_gives_the_words_the_whole_width(tmp_path, write_content, make_slide,
                                                                         image, link, expect_log):
    expect_log("not found" if image == "nowhere.png" else "is not a PNG" if image == "photo.xpm" else "image")
    """No picture to show: the paragraphs take the width (beside the link, if any), not a narrow column."""
    whole = landscape_photo(tmp_path / "whole.png").read_bytes()
    (tmp_path / "broken.png").write_bytes(whole[:200])  # passes check by its header; fails to decode
    QImage(str(tmp_path / "whole.png")).save(str(tmp_path / "photo.xpm"), "XPM")
    text = TEXT.format(image=image) + ("    link: {label: More, url: \"https://example.com/\"}\n" if link else "")
    loaded = load_content(write_content(text))
    reference = load_content(write_content(text.replace(f"    images: [{image}]\n", ""), name="plain.yaml"))
    size = QSize(1920, 1080)
    slides = make_slide(loaded, "story", size), make_slide(reference, "story", size)
    words, plain = (next(f.label for f in slide.body.texts if f.loc == ("body",)) for slide in slides)
    assert slides[0].findChild(Picture) is None
    assert words.width() == plain.width()  # as wide as the same panel written without the image


def slow_svg(path, shapes: int = 1000):
    """An SVG that takes a few tenths of a second to draw: translucent shapes over each other."""
    circle = '<circle cx="50" cy="50" r="45" fill="#20c040" fill-opacity="0.3"/>'
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">{circle * shapes}</svg>')
    return path


@pytest.fixture
def live_decoding():
    """Decode the way the running kiosk does: wait one frame, then show the placeholder."""
    from kiosk.screen import decode

    decode.live_decoding(True)
    yield decode
    decode.live_decoding(False)


def test_a_slow_image_never_holds_up_the_screen_and_arrives_when_decoded(tmp_path, write_content, qtbot,
                                                                         make_player, live_decoding):
    import time

    slow_svg(tmp_path / "photo.svg")
    loaded = load_content(write_content(SPOTLIGHT.format(photo="photo.svg")))
    assert loaded.warnings == []
    player = make_player(window=True, size=(1280, 720))
    started = time.monotonic()
    player.set_content(loaded)
    assert time.monotonic() - started < 0.15  # the build did not wait for the decode
    assert player.slide.findChild(Avatar)._photo is None  # the initials meanwhile
    qtbot.waitUntil(lambda: player.slide.findChild(Avatar)._photo is not None, timeout=10_000)
    assert close_to(player.slide.findChild(Avatar).grab().toImage().pixelColor(150, 150), GREEN)


@pytest.mark.expect_log("over the 0.05 s budget")
def test_an_image_over_the_decode_budget_is_a_warning_and_the_placeholder(tmp_path, write_content, capsys,
                                                                          kiosk_app, monkeypatch):
    from kiosk.screen import decode

    monkeypatch.setattr(decode, "DECODE_BUDGET", 0.05)  # a 1,000-shape SVG takes ~0.3 s
    slow_svg(tmp_path / "photo.svg")
    path = write_content(SPOTLIGHT.format(photo="photo.svg"))
    assert main(["check", str(path), "--size", "1280x720"]) == 0
    err = capsys.readouterr().err
    assert f"{path}:8:12: warning: panels[0].photo: at 1280x720: image cannot be read (took " in err
    assert "s to decode, over the 0.05 s budget); showing the initials instead" in err
