"""The application log: a file that rotates, with Qt's own messages in it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning

from kiosk.run.process import logsetup


def test_log_file_rotates_and_keeps_a_bounded_number(tmp_path, monkeypatch):
    monkeypatch.setattr(logsetup, "LOG_FILE_BYTES", 2000)
    path = tmp_path / "logs" / "kiosk.log"
    handler = logsetup.add_log_file(path)
    log = logging.getLogger("kiosk.test")
    try:
        log.setLevel(logging.INFO)
        for i in range(400):
            log.info("panel %d shown %s", i, "x" * 40)
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["kiosk.log", "kiosk.log.1", "kiosk.log.2", "kiosk.log.3", "kiosk.log.4"]
    assert all(p.stat().st_size <= 2000 for p in path.parent.iterdir())
    assert "panel 399 shown" in path.read_text(encoding="utf-8")


def test_qt_messages_go_to_python_logging(qapp, caplog):
    previous = logsetup.route_qt_messages()
    try:
        with caplog.at_level(logging.INFO, logger="qt"):
            qWarning("xcb: could not connect to display")
    finally:
        qInstallMessageHandler(previous)
    record = next(r for r in caplog.records if r.name.startswith("qt"))
    assert record.levelno == logging.WARNING and record.getMessage() == "xcb: could not connect to display"


def test_a_log_file_that_cannot_be_opened_is_one_warning(tmp_path, caplog):
    (tmp_path / "file").write_text("x")
    for path in (tmp_path, tmp_path / "file" / "kiosk.log"):  # a folder; a path under a file
        with caplog.at_level(logging.WARNING):
            assert logsetup.add_log_file(path) is None
        assert caplog.text.count(f"cannot write the log file {path}") == 1
        assert "the kiosk keeps running" in caplog.text
        caplog.clear()


def test_a_full_disk_for_the_log_is_one_line_not_a_traceback_per_line(capsys):
    handler = logsetup.add_log_file(Path("/dev/full"))  # every write fails with "No space left on device"
    log = logging.getLogger("kiosk.test")
    try:
        log.setLevel(logging.INFO)
        for i in range(20):
            log.info("panel %d shown", i)
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    err = capsys.readouterr().err
    assert err.splitlines() == ["kiosk: WARNING: cannot write the log file /dev/full: No space left on device; "
                                "the kiosk keeps running and logs to standard error only until it can"]


@pytest.mark.parametrize("option", ["--log-file", "--play-log"])
def test_the_real_command_plays_on_without_a_log_it_cannot_write(kiosk_process, tmp_path, option):
    """The systemd unit's command line, with a log path that is a folder: a warning, then the show."""
    from tests.test_reload import content

    path = tmp_path / "content.yaml"
    path.write_text(content("a", "b"), encoding="utf-8")
    (tmp_path / "logs").mkdir()
    kiosk = kiosk_process(str(path), "--wait-for-content", option, str(tmp_path / "logs"),
                          env={"HOME": str(tmp_path)})
    lines = kiosk.read_until(" painted at monotonic=")
    assert kiosk.process.poll() is None
    warned = [line for line in lines if f"cannot write the {'log file' if option == '--log-file' else 'play log'}"
              in line]
    assert len(warned) == 1 and "Traceback" not in "\n".join(lines)


def test_a_disk_that_fills_up_under_every_file_the_kiosk_writes(tmp_path):
    """The log, the play log and the status files all stop growing: one line each, and the rotation plays on."""
    import json

    from tests.conftest import SEED
    from tests.helpers.disk_full import kiosk_on_a_full_disk

    status = tmp_path / "status"
    status.mkdir()
    result = kiosk_on_a_full_disk(tmp_path, "run", str(SEED), "--log-file", str(tmp_path / "kiosk.log"),
                                  "--play-log", str(tmp_path / "play.jsonl"), "--status-dir", str(status),
                                  limit=300, stop_after=10, env={"KIOSK_TIME_SCALE": "0.02"})
    err = result.stderr
    assert result.returncode == 124, err  # still running when `timeout` stopped it (cleanly, by SIGTERM)
    assert err.count("cannot write the log file") == 1 and err.count("cannot write the play log") == 1, err
    assert err.count("status: cannot write") == 1, err  # screen.png (and status.json) past the limit
    assert {path.name for path in status.iterdir()} <= {"status.json"}  # whole or not at all, no temporaries
    for written in status.glob("status.json"):
        json.loads(written.read_text(encoding="utf-8"))
    assert "Traceback" not in err and "Logging error" not in err
    assert err.count(" painted at monotonic=") >= 1 and "stopping on SIGTERM" in err
    assert (tmp_path / "play.jsonl").stat().st_size <= 300
