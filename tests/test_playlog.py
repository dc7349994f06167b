"""Proof of play: one valid JSON line per panel shown, even after a crash mid-write."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone

import pytest

from kiosk.run.records.playlog import NotAPlayLogError, PlayLog, append_line, repair_torn_tail

OFFSET = timezone(timedelta(hours=-5))


class FakeTime:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, 0, tzinfo=OFFSET)
        self.mono = 100.0

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.mono += seconds


@pytest.fixture
def fake_time():
    return FakeTime()


def make_log(path, fake_time) -> PlayLog:
    return PlayLog(path, clock=lambda: fake_time.now, monotonic=lambda: fake_time.mono)


def read(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_one_line_per_panel_when_it_leaves_the_screen(tmp_path, fake_time):
    path = tmp_path / "logs" / "play.jsonl"
    log = make_log(path, fake_time)
    log.panel_shown("impact", 0, "9bce54171bb8")
    fake_time.advance(15)
    log.panel_shown("updates", 0, "9bce54171bb8")
    fake_time.advance(10)
    log.panel_shown("updates", 1, "9bce54171bb8")  # the second page: the same showing
    fake_time.advance(10)
    log.close()
    assert read(path) == [
        {"start": "2026-03-02T09:00:00-05:00", "panel": "impact", "seconds": 15.0, "content": "9bce54171bb8"},
        {"start": "2026-03-02T09:00:15-05:00", "panel": "updates", "seconds": 20.0, "content": "9bce54171bb8"},
    ]
    log.close()  # nothing on screen: nothing more to write
    assert len(read(path)) == 2


def test_the_language_is_recorded_when_given(tmp_path, fake_time):
    path = tmp_path / "play.jsonl"
    log = make_log(path, fake_time)
    log.panel_shown("impact", 0, "abc", "en")
    log.panel_shown("impact", 0, "abc", "es")  # the same panel in the next language: a new showing
    log.close()
    assert [(r["panel"], r["lang"]) for r in read(path)] == [("impact", "en"), ("impact", "es")]


def test_the_same_panel_shown_again_is_a_new_line(tmp_path, fake_time):
    path = tmp_path / "play.jsonl"
    log = make_log(path, fake_time)
    for _ in range(3):
        log.panel_shown("only", 0, "abc")
        fake_time.advance(12)
    log.close()
    assert [r["seconds"] for r in read(path)] == [12.0, 12.0, 12.0]


def test_lines_are_appended_to_an_existing_log(tmp_path, fake_time):
    path = tmp_path / "play.jsonl"
    path.write_text('{"start": "2026-12-01T08:59:48+00:00", "panel": "old", "seconds": 12.0, "content": "a"}\n',
                    encoding="utf-8")
    log = make_log(path, fake_time)
    log.panel_shown("new", 0, "abc")
    log.close()
    assert [r["panel"] for r in read(path)] == ["old", "new"]


A = b'{"start": "2026-12-01T09:00:00+00:00", "panel": "a", "seconds": 12.0, "content": "abc"}\n'
B = b'{"start": "2026-12-01T09:00:12+00:00", "panel": "b", "seconds": 12.0, "content": "abc"}\n'


@pytest.mark.parametrize(("before", "after"), [
    (A + B + b'{"start": "2026', A + B),
    (A, A),
    (b'{"start": "20', b""),
    (b"", b""),
    (A + b"x" * 10_000, A),  # a tear longer than one read chunk
])
def test_a_torn_last_line_is_cut_off_on_start(tmp_path, before, after):
    path = tmp_path / "play.jsonl"
    path.write_bytes(before)
    assert repair_torn_tail(path) == len(before) - len(after)
    assert path.read_bytes() == after


def test_start_repairs_and_says_so(tmp_path, fake_time, caplog):
    path = tmp_path / "play.jsonl"
    path.write_bytes(A + b'{"start": "2026-12-01T09:00:12+00:00", "pan')
    with caplog.at_level(logging.WARNING):
        log = make_log(path, fake_time)
    assert "torn last line" in caplog.text
    log.panel_shown("b", 0, "abc")
    log.close()
    assert [r["panel"] for r in read(path)] == ["a", "b"]


def test_a_log_moved_away_by_logrotate_is_started_afresh(tmp_path, fake_time):
    path = tmp_path / "play.jsonl"
    log = make_log(path, fake_time)
    log.panel_shown("a", 0, "abc")
    log.panel_shown("b", 0, "abc")
    path.rename(tmp_path / "play.jsonl.1")
    log.panel_shown("c", 0, "abc")
    assert [r["panel"] for r in read(path)] == ["b"]


def test_unwritable_log_is_reported_once_and_the_show_goes_on(tmp_path, fake_time, caplog):
    folder = tmp_path / "gone"
    log = make_log(folder / "play.jsonl", fake_time)
    folder.rmdir()
    with caplog.at_level(logging.ERROR):
        for panel in "abcd":
            log.panel_shown(panel, 0, "abc")
    assert caplog.text.count("cannot write the play log") == 1


def test_append_line_writes_whole_lines(tmp_path):
    path = tmp_path / "x.jsonl"
    append_line(path, {"panel": "é", "seconds": 1.5})
    assert path.read_bytes() == '{"panel": "é", "seconds": 1.5}\n'.encode()


def test_a_time_the_screen_slept_is_one_line(tmp_path, fake_time):
    path = tmp_path / "play.jsonl"
    log = make_log(path, fake_time)
    log.panel_shown("impact", 0, "abc")
    fake_time.advance(5)
    log.screen_off()
    fake_time.advance(3600)
    log.screen_off()  # still the same night
    fake_time.advance(600)
    log.panel_shown("impact", 0, "abc")
    log.close()
    assert [line.get("panel", line.get("screen")) for line in read(path)] == ["impact", "off", "impact"]
    assert read(path)[1] == {"start": "2026-03-02T09:00:05-05:00", "screen": "off", "seconds": 4200.0}


@pytest.mark.parametrize("text", [b"lobby-pc-3", b"root:x:0:0:root:/root:/bin/bash\nbin:x:1", b"[]\n{"])
def test_a_file_that_is_not_a_play_log_is_never_cut_or_appended_to(tmp_path, fake_time, caplog, text):
    """A --play-log pointed at the wrong file (/etc/hostname, say): left byte for byte as it was."""
    path = tmp_path / "hostname"
    path.write_bytes(text)
    with pytest.raises(NotAPlayLogError):
        repair_torn_tail(path)
    with caplog.at_level(logging.WARNING):
        log = make_log(path, fake_time)
        for panel in "abc":
            log.panel_shown(panel, 0, "abc")
        log.close()
    assert path.read_bytes() == text
    assert caplog.text.count("holds something other than a play log") == 1
    assert "plays on without a play log" in caplog.text


@pytest.mark.parametrize("where", ["a folder", "under a file"])
def test_a_play_log_that_cannot_be_opened_is_one_warning(tmp_path, fake_time, caplog, where):
    (tmp_path / "file").write_text("x")
    path = tmp_path if where == "a folder" else tmp_path / "file" / "play.jsonl"
    with caplog.at_level(logging.WARNING):
        log = make_log(path, fake_time)  # never raises: the show goes on
        for panel in "abc":
            log.panel_shown(panel, 0, "abc")
        log.close()
    assert caplog.text.count(f"cannot write the play log {path}") == 1


WRITTEN_SETTINGS = ["play_log", "status_dir"]  # every file or folder content.yaml can make the kiosk write


@pytest.mark.parametrize("setting", WRITTEN_SETTINGS)
@pytest.mark.parametrize("where", ["../victim.txt", "/tmp/victim.txt", "~/victim.txt", "logs/../../victim.txt",
                                   "..\\\\victim.txt"])
def test_a_written_path_outside_the_content_folder_is_a_check_error(write_content, capsys, where, setting):
    from kiosk.cli import main

    path = write_content(f"settings:\n  title: T\n  {setting}: '{where}'\npanels:\n"
                         "  - {id: a, kind: text, title: A, body: B}\n")
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    column = len(f"  {setting}: ") + 1
    assert err.startswith(f"{path}:3:{column}: error: settings.{setting}: ")
    assert "outside the content file's folder" in err


@pytest.mark.parametrize("setting", WRITTEN_SETTINGS)
def test_a_written_path_through_a_symlink_out_is_not_written(write_content, tmp_path, caplog, setting):
    import argparse

    from kiosk.core.content import load_content
    from kiosk.run.operation import run_options

    (tmp_path / "logs").symlink_to("/tmp")
    path = write_content(f"settings:\n  title: T\n  {setting}: logs/victim\npanels:\n"
                         "  - {id: a, kind: text, title: A, body: B}\n")
    args = argparse.Namespace(presentation=False, auto=False, lock=False, screen=None, play_log=None,
                              status_dir=None)
    with caplog.at_level(logging.WARNING):
        assert getattr(run_options(args, load_content(path)), setting) is None
    assert "leads outside the content folder" in caplog.text


def test_seconds_are_never_negative_when_the_wall_clock_jumps(tmp_path, fake_time):
    """NTP setting the clock back an hour mid-panel: the start says so, the seconds stay true."""
    path = tmp_path / "play.jsonl"
    log = make_log(path, fake_time)
    log.panel_shown("a", 0, "abc")
    fake_time.mono += 12
    fake_time.now -= timedelta(hours=1)  # the wall clock went back, real time went on
    log.panel_shown("b", 0, "abc")
    fake_time.mono += 12
    fake_time.now += timedelta(days=1)  # and forward a day
    log.close()
    assert [(r["panel"], r["seconds"]) for r in read(path)] == [("a", 12.0), ("b", 12.0)]
    assert read(path)[1]["start"] == "2026-03-02T08:00:00-05:00"
