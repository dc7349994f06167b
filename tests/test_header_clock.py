"""settings.clock: the time (and the date where there is room) in the header, in renders too."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.cli import main
from kiosk.core.content import load_content
from kiosk.core.playlist import playlist_at
from kiosk.screen.slide import Slide
from kiosk.screen.style import style_for

CLOCKED = """\
settings: {title: Lobby, clock: true, languages: [en, es]}
panels:
  - {id: welcome, kind: text, title: Welcome, body: Hello.}
"""
TUESDAY = datetime(2026, 12, 1, 14, 5, 30)


class PaintCounter(QObject):
    def __init__(self, *widgets) -> None:
        super().__init__()
        self.counts = {id(w): 0 for w in widgets}
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.counts[id(watched)] += 1
        return False

    def of(self, widget) -> int:
        return self.counts[id(widget)]


def slide_at(loaded, when, lang="en", size=None):
    entry = next(e for e in playlist_at(loaded.content, when) if e.lang == lang)
    style = style_for(loaded.content.settings, size or QSize(1920, 1080), loaded.folder, lang=lang,
                      clock=lambda: when)
    return Slide(entry.panel, style)


def test_time_and_date_in_the_languages_format(write_content, qtbot):
    loaded = load_content(write_content(CLOCKED))
    english, spanish = slide_at(loaded, TUESDAY), slide_at(loaded, TUESDAY, "es")
    long_title = load_content(write_content(CLOCKED.replace("title: Lobby", "title: " + "A long title " * 30)))
    narrow = slide_at(long_title, TUESDAY, size=QSize(1280, 720))
    for slide in (english, spanish, narrow):
        qtbot.addWidget(slide)
    assert english.clock.text() == "Tue, Dec 1  ·  2:05\u00a0PM"
    assert spanish.clock.text() == "mar, 1 dic  ·  14:05"
    assert narrow.clock.text() == "2:05\u00a0PM"  # no room for the date beside a long title


def test_without_the_setting_there_is_no_clock(write_content, kiosk_app):
    loaded = load_content(write_content(CLOCKED.replace("clock: true, ", "")))
    slide = slide_at(loaded, TUESDAY)
    assert slide.clock is None
    slide.deleteLater()


def test_a_new_minute_repaints_only_the_clock(write_content, qtbot):
    loaded = load_content(write_content(CLOCKED))
    now = [TUESDAY]
    entry = playlist_at(loaded.content, TUESDAY)[0]
    slide = Slide(entry.panel, style_for(loaded.content.settings, QSize(1280, 720), loaded.folder,
                                         clock=lambda: now[0]))
    qtbot.addWidget(slide)
    slide.show()
    qtbot.waitExposed(slide)
    title = next(label for label in slide.findChildren(QLabel) if label.text() == "Lobby")
    slide.repaint()  # every first paint done now, so only what the new minute causes is counted
    QApplication.processEvents()
    counter = PaintCounter(slide.clock, slide.body, title)
    now[0] = TUESDAY + timedelta(minutes=1)
    slide.clock.refresh()
    qtbot.waitUntil(lambda: counter.of(slide.clock) > 0)
    assert "2:06" in slide.clock.text()
    assert counter.of(slide.body) == 0 and counter.of(title) == 0


def test_renders_and_at_renders_show_the_clock(write_content, tmp_path, kiosk_app):
    path = write_content(CLOCKED.replace(", languages: [en, es]", ""))
    assert main(["render", str(path), "--out", str(tmp_path / "a"), "--at", "2026-12-01T09:00"]) == 0
    assert main(["render", str(path), "--out", str(tmp_path / "b"), "--at", "2026-12-01T17:45"]) == 0
    morning, evening = (QImage(str(tmp_path / name / "01-welcome.png")) for name in ("a", "b"))
    header = round(1080 * 0.07)
    differs = {(x, y) for x in range(0, 1920, 4) for y in range(0, 1080, 4)
               if morning.pixel(x, y) != evening.pixel(x, y)}
    assert differs, "the clock did not change between 09:00 and 17:45"
    assert all(y < header and x > 1920 // 2 for x, y in differs), "more than the clock's corner changed"
