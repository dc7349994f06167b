"""The application log: a file that rotates, with Qt's own messages in it."""

from __future__ import annotations

import logging

from PySide6.QtCore import qInstallMessageHandler, qWarning

from kiosk.run import logsetup


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
