"""The layout frame places the player's area, the band and the column in their rectangles."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

from kiosk.core.layout import Arrangement, TickerItem, regions
from kiosk.screen.frame import LayoutFrame
from kiosk.screen.style import style_for

FULL_HD = QSize(1920, 1080)


def frame(qtbot, size=FULL_HD) -> tuple[LayoutFrame, QWidget]:
    main = QWidget()
    shell = LayoutFrame(main)
    qtbot.addWidget(shell)
    shell.resize(size)
    return shell, main


def rect(r) -> QRect:
    return QRect(r.x, r.y, r.width, r.height)


def test_without_a_layout_the_main_area_takes_the_whole_screen(qtbot, kiosk_app):
    shell, main = frame(qtbot)
    shell.arrange(Arrangement())
    assert main.geometry() == QRect(0, 0, 1920, 1080)


def test_a_ticker_with_items_takes_its_band_and_the_main_area_shrinks(qtbot, kiosk_app, seed):
    shell, main = frame(qtbot)
    shell.arrange(Arrangement(band="bottom"))
    style = style_for(seed.content.settings, QSize(1920, 1080), seed.folder)
    shell.show_ticker([TickerItem("News")], style, 90)
    expected = regions(1920, 1080, band="bottom")
    assert shell.ticker is not None and shell.ticker.geometry() == rect(expected.band)
    assert main.geometry() == rect(expected.main)
    shell.show_ticker([], style, 90)  # every item expired: the band goes, the panels take the screen
    assert shell.ticker.isHidden() and main.geometry() == QRect(0, 0, 1920, 1080)


def test_the_column_holds_its_widget_beside_the_main_area(qtbot, kiosk_app):
    shell, main = frame(qtbot)
    side = QWidget()
    shell.arrange(Arrangement(column="left", column_percent=25), side)
    expected = regions(1920, 1080, column="left", column_percent=25)
    assert side.geometry() == rect(expected.column) and main.geometry() == rect(expected.main)
    shell.arrange(Arrangement())  # the column taken away on a reload
    assert side.isHidden() and main.geometry() == QRect(0, 0, 1920, 1080)
    side.deleteLater()
