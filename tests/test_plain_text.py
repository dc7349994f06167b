"""Text is text: markup in any field is shown character for character, never interpreted.

Qt's QLabel guesses "rich text" when a string looks like HTML; a title such as the one
below would then render a bold "Hi" and try to load /etc/passwd as an image.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QLabel

from kiosk.core.content import load_content
from kiosk.screen.text import text_label

MARKUP = '<b>Hi</b><img src="file:///etc/passwd">'
LINK = f"{{label: '{MARKUP}', url: 'https://example.org/'}}"
CONTENT = f"""
settings: {{title: '{MARKUP}', footer: '{MARKUP}'}}
panels:
  - {{id: c, kind: counters, title: '{MARKUP}', intro: '{MARKUP}', notes: ['{MARKUP}'],
     counters: [{{value: 1, label: '{MARKUP}'}}], total: {{value: auto, label: '{MARKUP}'}}}}
  - {{id: t, kind: text, title: '{MARKUP}', body: '{MARKUP}', link: {LINK}}}
  - {{id: s, kind: spotlight, heading: '{MARKUP}', name: '{MARKUP}', detail: '{MARKUP}',
     body: '{MARKUP}', link: {LINK}}}
  - {{id: u, kind: updates, title: '{MARKUP}', items: [{{title: '{MARKUP}', text: '{MARKUP}', link: {LINK}}}]}}
"""
EXPECTED_FIELDS = {"c": 7, "t": 5, "s": 6, "u": 6}  # header and footer, plus the panel's shown text fields


@pytest.fixture
def markup(write_content):
    return load_content(write_content(CONTENT))


@pytest.mark.parametrize("panel_id", list(EXPECTED_FIELDS))
def test_every_text_field_shows_markup_literally(markup, panel_id, make_slide):
    slide = make_slide(markup, panel_id, (1920, 1080), position=(0, 4))
    labels = slide.findChildren(QLabel)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    literal = [label for label in labels if MARKUP in label.text()]
    assert len(literal) == EXPECTED_FIELDS[panel_id]
    assert not any(label.text() in ("Hi", "<b>Hi</b>") for label in labels)


def ink_columns(image: QImage, background: QColor) -> int:
    """How many pixel columns hold anything but the background: the width of the text drawn."""
    return sum(any(image.pixelColor(x, y) != background for y in range(image.height()))
               for x in range(image.width()))


def render(qtbot, text: str, rich: bool = False) -> QImage:
    font = QFont("Source Sans Pro")
    font.setPixelSize(40)
    label = text_label(text, font, QColor("#ffffff"), wrap=False)
    if rich:  # what Qt would do if the label were left to guess
        label.setTextFormat(Qt.TextFormat.RichText)
    label.setAutoFillBackground(True)
    palette = label.palette()
    palette.setColor(label.backgroundRole(), QColor("#000000"))
    label.setPalette(palette)
    label.resize(1400, 60)
    qtbot.addWidget(label)
    return label.grab().toImage()


def test_markup_renders_as_its_characters_not_as_bold(qtbot, kiosk_app):
    literal, rich = render(qtbot, MARKUP), render(qtbot, MARKUP, rich=True)
    assert literal != rich
    width = ink_columns(literal, QColor("#000000"))
    rich_width = ink_columns(rich, QColor("#000000"))
    # 40 characters drawn literally are many times wider than a bold "Hi" and a broken image.
    assert width > 10 * rich_width > 0
    assert literal == render(qtbot, MARKUP)  # and it is the same plain render every time


@pytest.mark.expect_log("unknown key", "needs at least 1 item")
def test_markup_in_an_error_message_shows_literally(qtbot, make_player, tmp_path):
    """Error messages quote the file (here an unknown key); the on-screen marker shows them as text."""
    from tests.test_reload import Kiosk

    path = tmp_path / "content.yaml"
    path.write_text("settings: {title: T}\npanels: [{id: a, kind: text, title: A, body: B}]\n", encoding="utf-8")
    kiosk = Kiosk(qtbot, make_player, path, windowed=True)
    path.write_text(f"settings: {{title: T, '{MARKUP}': 1}}\npanels: []\n", encoding="utf-8")
    kiosk.wait_for(lambda: bool(kiosk.marker))
    labels = kiosk.window.findChildren(QLabel)
    assert [type(label.parent()).__name__ for label in labels if label.textFormat() != Qt.TextFormat.PlainText] == []
    assert any(f"unknown key `{MARKUP}`" in label.text() for label in labels)
