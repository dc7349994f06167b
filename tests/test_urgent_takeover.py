"""urgent.yaml takes over the screen within 2 s, in its own style, and gives the rotation back."""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta

from kiosk.screen.urgent import UrgentScreen

CONTENT = """\
settings:
  title: Lobby
  transition: none
  duration: 3600  # the tests move the rotation themselves
  power: {days: [mon, tue, wed, thu, fri], hours: "07:30-18:30"}
panels:
  - {id: welcome, kind: text, title: Welcome, body: Hello.}
  - {id: second, kind: text, title: Second, body: Two.}
"""
FRIDAY_NOON = datetime(2026, 12, 4, 12, 0)
YELLOW = 0xffffd400


def takeover(lobby, tmp_path, when=FRIDAY_NOON):
    window = lobby(when, CONTENT, urgent=tmp_path / "urgent.yaml")
    return window, window.operation.urgent


def write(tmp_path, text: str) -> None:
    temporary = tmp_path / ".urgent.tmp"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, tmp_path / "urgent.yaml")


def yellow_share(window) -> float:
    image = window.grab().toImage()
    points = [(x, y) for x in range(0, image.width(), 8) for y in range(0, image.height(), 8)]
    return sum(image.pixel(x, y) == YELLOW for x, y in points) / len(points)


def test_a_message_takes_over_within_two_seconds_and_gives_the_rotation_back(lobby, qtbot, tmp_path):
    window, urgent = takeover(lobby, tmp_path)
    player = window.player
    player.next()
    assert player.current_id == "second" and yellow_share(window) == 0
    write(tmp_path, "title: Building closed today\ntext: Please use the east entrance.\n")
    qtbot.waitUntil(lambda: urgent.showing is not None, timeout=2000)
    assert {"Building closed today", "Please use the east entrance."} <= set(urgent.screen.texts)
    assert yellow_share(window) > 0.6 and player.paused  # its own look; the rotation waits
    os.remove(tmp_path / "urgent.yaml")
    qtbot.waitUntil(lambda: urgent.showing is None, timeout=2000)
    assert player.current_id == "second" and not player.paused and yellow_share(window) == 0
    qtbot.waitUntil(lambda: not window.findChildren(UrgentScreen))  # deleted, not only hidden


def test_the_message_goes_when_its_until_passes(lobby, qtbot, tmp_path):
    write(tmp_path, "text: Fire drill at 12:30\nuntil: 2026-12-04T12:45\n")
    window, urgent = takeover(lobby, tmp_path)
    qtbot.waitUntil(lambda: urgent.showing is not None, timeout=2000)
    window.clock.now = FRIDAY_NOON + timedelta(minutes=45)
    qtbot.waitUntil(lambda: urgent.showing is None, timeout=2000)
    assert not window.player.paused


def test_a_broken_file_never_hides_the_content_and_staff_see_why(lobby, qtbot, tmp_path, caplog):
    window, urgent = takeover(lobby, tmp_path)
    with caplog.at_level(logging.ERROR):
        write(tmp_path, "title: Closed\ntxt: typo\n")
        qtbot.waitUntil(lambda: "urgent.yaml has 2 errors" in urgent.marker.text, timeout=2000)
    assert urgent.showing is None and window.player.current_id == "welcome" and yellow_share(window) == 0
    assert "urgent.yaml:2:1: error: txt: unknown key `txt`; did you mean `text`?" in urgent.marker.text
    assert f"{tmp_path / 'urgent.yaml'}:1:1: error: text: this field is required" in caplog.text
    write(tmp_path, "text: Fixed\n")
    qtbot.waitUntil(lambda: urgent.showing is not None, timeout=2000)
    assert urgent.marker.text == ""


def test_wake_true_wakes_a_sleeping_screen_while_the_message_lasts(lobby, qtbot, tmp_path):
    window, urgent = takeover(lobby, tmp_path, when=datetime(2026, 12, 4, 21, 0))
    power = window.operation.power
    write(tmp_path, "text: Stay inside\n")  # without wake: the sleeping screen stays dark
    qtbot.waitUntil(lambda: urgent.message is not None, timeout=2000)
    assert power.state == "off" and urgent.showing is None
    write(tmp_path, "text: Evacuate the building\nwake: true\n")
    qtbot.waitUntil(lambda: urgent.showing is not None and urgent.showing.wake, timeout=2000)
    assert power.state == "woken" and yellow_share(window) > 0.6
    os.remove(tmp_path / "urgent.yaml")
    qtbot.waitUntil(lambda: power.state == "off", timeout=2000)
    assert urgent.showing is None and window.display.calls == [False, True, False]


def test_a_link_is_a_qr_code_a_phone_reads_and_each_language_is_shown(qtbot, kiosk_app, tmp_path):
    from PySide6.QtCore import QSize

    from kiosk.core.content.model import Settings
    from kiosk.core.urgent import in_languages, load_urgent
    from kiosk.screen.style import style_for
    from tests.test_links import decoded

    write(tmp_path, "title: {en: Closed today, es: Cerrado hoy}\ntext: {en: Storm, es: Tormenta}\n"
                    "link: {label: Online sessions, url: 'https://example.org/online'}\n")
    settings = Settings(title="Lobby", languages=["en", "es"])
    for size in (QSize(1920, 1080), QSize(1080, 1920)):
        screen = UrgentScreen(in_languages(load_urgent(tmp_path / "urgent.yaml"), settings.languages),
                              style_for(settings, size, tmp_path))
        qtbot.addWidget(screen)
        assert decoded(screen) == ["https://example.org/online"]
        assert {"Closed today", "Storm", "Cerrado hoy", "Tormenta", "Online sessions"} <= set(screen.texts)
