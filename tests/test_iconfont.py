"""Icons are drawn from qtawesome's fonts without importing qtawesome (120 ms of start-up)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from kiosk.screen.icons import draw_icon
from tests.conftest import ROOT

NAMES = ("fa5s.baby", "fa5s.child", "fa5s.school", "fa5s.walking", "fa5s.question-circle", "fa5s.users",
         "fa5s.graduation-cap", "fa5s.book-open", "fa5.star", "mdi.home", "ph.house")


@pytest.mark.parametrize("size", [65, 130])
def test_icons_have_the_same_pixels_qtawesome_draws(kiosk_app, size):
    color = QColor("#f2a541")
    ours = [draw_icon(name, color, size).toImage() for name in NAMES]  # before qtawesome loads a font
    import qtawesome

    for name, image in zip(NAMES, ours):
        theirs = qtawesome.icon(name, color=color).pixmap(QSize(size, size), 1.0).toImage()
        assert theirs.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied) == image, name


def test_an_unknown_icon_draws_nothing_rather_than_failing(kiosk_app):
    image = draw_icon("fa5s.no-such-icon", QColor("#ffffff"), 40).toImage()
    assert image.size() == QSize(40, 40)
    assert {image.pixelColor(x, y).alpha() for x in range(40) for y in range(40)} == {0}


def test_showing_panels_does_not_import_qtawesome():
    code = ("import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
            "from PySide6.QtCore import QSize\n"
            "from kiosk.app import make_app; from kiosk.core.content import load_content\n"
            "from kiosk.screen.slide import Slide; from kiosk.screen.style import style_for\n"
            "app = make_app(); seed = load_content('content.yaml')\n"
            "style = style_for(seed.content.settings, QSize(960, 540), seed.folder)\n"
            "slides = [Slide(panel, style) for panel in seed.content.panels]\n"
            "assert 'qtawesome' not in sys.modules and 'qtpy' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
