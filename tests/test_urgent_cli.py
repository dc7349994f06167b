"""`kiosk urgent`: staff raise and clear an urgent message with one command; the file is checked first."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import pytest

from kiosk.cli import main
from kiosk.core.content import ContentError
from kiosk.core.urgent import in_languages, load_urgent, urgent_active, urgent_path

CONTENT = "settings: {title: Lobby}\npanels:\n  - {id: a, kind: text, title: A, body: a}\n"


@pytest.fixture
def content(write_content):
    return write_content(CONTENT)


def test_urgent_writes_the_file_beside_the_content_and_clear_removes_it(content, capsys):
    assert main(["urgent", "Session moved to Hall C", "--title", "Moved", "--until", "2099-01-01T17:00",
                 "--wake", "--content", str(content)]) == 0
    message = load_urgent(content.parent / "urgent.yaml")
    assert (message.title, message.text, message.until, message.wake) == (
        "Moved", "Session moved to Hall C", datetime(2099, 1, 1, 17), True)
    assert sorted(p.name for p in content.parent.iterdir()) == ["content.yaml", "urgent.yaml"]  # no temporary left
    assert main(["urgent", "--clear", "--content", str(content)]) == 0
    assert not (content.parent / "urgent.yaml").exists()
    assert "removed" in capsys.readouterr().out


def test_the_current_folder_is_the_default(content, capsys, monkeypatch):
    monkeypatch.chdir(content.parent)
    assert main(["urgent", "Building closed today"]) == 0
    assert load_urgent(urgent_path("content.yaml")).text == "Building closed today"


def test_a_clock_time_means_today_or_tomorrow(content):
    assert main(["urgent", "Closing early", "--until", "23:59", "--content", str(content)]) == 0
    until = load_urgent(urgent_path(content)).until
    assert timedelta(0) < until - datetime.now() <= timedelta(days=1)


def test_a_past_until_writes_nothing_and_keeps_the_message_up(content, capsys):
    assert main(["urgent", "Up", "--content", str(content)]) == 0
    assert main(["urgent", "Old", "--until", "2020-01-01", "--content", str(content)]) == 2
    assert "2020-01-01 has already passed" in capsys.readouterr().err
    assert load_urgent(urgent_path(content)).text == "Up"


def test_a_text_that_is_too_long_is_refused_with_the_line(content, capsys):
    assert main(["urgent", "x" * 6000, "--content", str(content)]) == 1
    expected = f"{urgent_path(content)}:1:7: error: text: is 6,000 characters long; at most 5,000 fit on a screen"
    assert expected in capsys.readouterr().err
    assert not urgent_path(content).exists()


def test_usage_errors(content, tmp_path, capsys):
    assert main(["urgent", "--content", str(content)]) == 2
    assert main(["urgent", "Hi", "--content", str(tmp_path / "none.yaml")]) == 2
    assert main(["urgent", "Hi", "--until", "25:00", "--content", str(content)]) == 2
    err = capsys.readouterr().err
    assert "give the message text" in err and "no content file" in err and "cannot read '25:00'" in err
    assert "Traceback" not in err


def test_a_broken_urgent_file_is_reported_like_content(tmp_path):
    path = tmp_path / "urgent.yaml"
    path.write_text("title: Closed\ntxt: Building closed\nlink: {label: Info, url: ftp://x}\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_urgent(path)
    lines = [str(problem) for problem in caught.value.problems]
    assert f"{path}:2:1: error: txt: unknown key `txt`; did you mean `text`?" in lines
    assert any(line.startswith(f"{path}:3:") and "link.url" in line and "http" in line for line in lines)
    assert load_urgent(tmp_path / "missing.yaml") is None


def test_until_ends_the_message_and_languages_give_one_text_each(tmp_path):
    path = tmp_path / "urgent.yaml"
    path.write_text("title: {en: Closed, es: Cerrado}\ntext: {en: Today, es: Hoy}\nuntil: 2026-12-01\n",
                    encoding="utf-8")
    message = load_urgent(path)
    assert urgent_active(message, datetime(2026, 12, 1, 23, 59))
    assert not urgent_active(message, datetime(2026, 12, 2))
    assert [m.title for m in in_languages(message, ["en", "es"])] == ["Closed", "Cerrado"]
    assert [m.title for m in in_languages(message, ["en"])] == ["Closed"]
    os.remove(path)


def test_until_reads_a_clock_time_a_date_or_a_moment():
    from kiosk.core.urgent import parse_until

    morning = datetime(2026, 12, 4, 9, 30)
    assert parse_until("17:00", morning) == datetime(2026, 12, 4, 17, 0)
    assert parse_until("8:15", morning) == datetime(2026, 12, 5, 8, 15)  # passed today: tomorrow
    assert parse_until("2026-12-04", morning) == datetime(2026, 12, 4).date()
    assert parse_until("2026-12-04T18:00", morning) == datetime(2026, 12, 4, 18, 0)
    with pytest.raises(ValueError, match="write 17:00, 2026-12-01 or 2026-12-01T09:00"):
        parse_until("tomorrow", morning)


def test_until_the_last_date_there_is_keeps_the_message_up_to_its_last_second(content, capsys):
    """9999-12-31 is how staff write "until further notice"; a clock time past on that day is held there."""
    from kiosk.core.urgent import parse_until

    assert main(["urgent", "Closed until further notice", "--until", "9999-12-31", "--content", str(content)]) == 0
    message = load_urgent(urgent_path(content))
    assert urgent_active(message, datetime(9999, 12, 31, 23, 59, 59))
    assert parse_until("8:15", datetime(9999, 12, 31, 9, 30)) > datetime(9999, 12, 31, 9, 30)
