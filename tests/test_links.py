"""Links as QR codes a phone can scan: decoded from the rendered panel image with zxing-cpp."""

from __future__ import annotations

import pytest
import zxingcpp
from PySide6.QtCore import QSize

from kiosk.core.content import load_content
from kiosk.screen.qr import QrCode
from tests.helpers.screen import shown_texts

SIZES = [QSize(1280, 720), QSize(1920, 1080), QSize(3840, 2160), QSize(1080, 1920)]

LINKS = """\
settings: {title: T}
panels:
  - id: counts
    kind: counters
    title: Counts
    counters: [{value: 12, label: Twelve}]
    link: {label: All the numbers, url: "https://results.ed.gov/numbers"}
  - id: news
    kind: updates
    title: News
    items:
      - {title: First, text: One., link: {label: View Training Modules, url: "https://studentprivacy.ed.gov/training"}}
      - {title: Second, text: Two.}
  - id: news-link
    kind: updates
    title: News
    link: {label: More news, url: "https://results.ed.gov/news"}
    items: [{title: First, text: One.}]
  - id: hidden
    kind: text
    title: Hidden code
    body: Words.
    link: {label: results.ed.gov, url: "https://results.ed.gov/", qr: false}
"""


def decoded(slide) -> list[str]:
    """Every QR code zxing-cpp finds in a screenshot of the slide."""
    image = slide.grab().toImage()
    return sorted(code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode))


@pytest.mark.parametrize("size", SIZES, ids=["720p", "1080p", "4k", "portrait"])
@pytest.mark.parametrize("panel_id, url", [("goal", "https://results.ed.gov/"),
                                           ("student-of-the-year", "https://results.ed.gov/resources/news_stories")])
def test_seed_links_decode_to_their_url(seed, make_slide, size, panel_id, url):
    slide = make_slide(seed, panel_id, size)
    assert decoded(slide) == [url]
    code = slide.findChild(QrCode)
    assert code.height() >= 0.12 * size.height()  # a phone reads it from 2 m


@pytest.mark.parametrize("panel_id, url, label", [
    ("counts", "https://results.ed.gov/numbers", "All the numbers"),
    ("news", "https://studentprivacy.ed.gov/training", "View Training Modules"),
    ("news-link", "https://results.ed.gov/news", "More news")])
@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["1080p", "portrait"])
def test_item_and_panel_links_decode(write_content, make_slide, panel_id, url, label, size):
    loaded = load_content(write_content(LINKS))
    slide = make_slide(loaded, panel_id, size)
    assert decoded(slide) == [url]
    assert label in shown_texts(slide)
    assert slide.findChild(QrCode).height() >= 0.12 * size.height()


def test_qr_false_shows_the_label_without_a_code(write_content, make_slide):
    loaded = load_content(write_content(LINKS))
    slide = make_slide(loaded, "hidden", QSize(1920, 1080))
    assert decoded(slide) == []
    assert slide.findChild(QrCode) is None
    assert "results.ed.gov" in shown_texts(slide)


def test_qr_is_dark_on_light_with_a_quiet_zone(seed, make_slide):
    slide = make_slide(seed, "goal", QSize(1920, 1080))
    code = slide.findChild(QrCode)
    image = code.grab().toImage()
    edge = {image.pixelColor(x, y).name() for x in range(image.width()) for y in (0, 1, image.height() - 1)}
    assert edge == {"#ffffff"}  # the light quiet zone all round
    colours = {image.pixelColor(x, image.height() // 2).name() for x in range(image.width())}
    assert colours == {"#000000", "#ffffff"}


def long_link(url: str) -> str:
    return ("settings: {title: T}\npanels:\n  - id: story\n    kind: text\n    title: A story\n    body: Words.\n"
            f"    link: {{label: Read more, url: \"{url}\"}}\n")


@pytest.mark.parametrize("length", [501, 2_400, 10_000])
def test_an_address_too_long_for_a_qr_code_is_a_check_error(write_content, capsys, length):
    from kiosk.cli import main

    path = write_content(long_link("https://example.com/" + "a" * (length - 20)))
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:7:35: error: panels[0].link.url: is {length:,} characters long; at most 500 fit")
    assert "Traceback" not in err


@pytest.mark.parametrize("size", SIZES, ids=["720p", "1080p", "4k", "portrait"])
def test_the_longest_address_allowed_still_scans(write_content, make_slide, size):
    url = "https://example.com/" + "a" * 480
    loaded = load_content(write_content(long_link(url)))
    assert decoded(make_slide(loaded, "story", size)) == [url]


def test_an_address_in_capitals_is_an_address(write_content, make_slide):
    loaded = load_content(write_content(long_link("HTTPS://EXAMPLE.COM/A")))
    assert decoded(make_slide(loaded, "story", QSize(1920, 1080))) == ["HTTPS://EXAMPLE.COM/A"]
