"""`kiosk status DIR…`: one line per display from the files its kiosk keeps."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from kiosk.cli import main
from kiosk.core.status import Status, stamp


def write_status(folder, **fields) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    status = Status(host=folder.name, started=stamp(datetime.now()), updated=stamp(datetime.now()))
    for name, value in fields.items():
        setattr(status, name, value)
    (folder / "status.json").write_bytes(status.to_json())


def test_one_line_per_display_with_stale_ones_marked(tmp_path, capsys):
    write_status(tmp_path / "lobby", content="abc123", panel="welcome")
    write_status(tmp_path / "hall", content="def456", screen="off",
                 updated=stamp(datetime.now() - timedelta(minutes=6)),
                 reload={"ok": False, "errors": ["content.yaml:3:5: error: panels[0].kind: unknown kind"]})
    (tmp_path / "empty").mkdir()
    assert main(["status", str(tmp_path / "lobby"), str(tmp_path / "hall"), str(tmp_path / "empty")]) == 1
    lobby, hall, empty = capsys.readouterr().out.splitlines()
    assert lobby.startswith("lobby  content abc123  showing welcome  no errors  updated ")
    assert hall.startswith("STALE hall  content def456  screen off  last error: content.yaml:3:5: error:")
    assert hall.endswith("updated 6 min ago")
    assert empty == f"{tmp_path / 'empty'}: cannot read the status: no status.json (is the kiosk started " \
                    f"with --status-dir {tmp_path / 'empty'}?)"


def test_an_urgent_message_is_what_the_screen_shows(tmp_path, capsys):
    write_status(tmp_path / "lobby", panel="welcome", urgent={"title": "Building closed", "text": "Today"})
    write_status(tmp_path / "hall", urgent={"text": {"en": "Closed today", "es": "Cerrado hoy"}})
    assert main(["status", str(tmp_path / "lobby"), str(tmp_path / "hall")]) == 0
    lobby, hall = capsys.readouterr().out.splitlines()
    assert "urgent: Building closed" in lobby and "urgent: Closed today  " in hall


def test_a_broken_status_file_is_one_line(tmp_path, capsys):
    (tmp_path / "status.json").write_text("{not json", encoding="utf-8")
    assert main(["status", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "status.json is not valid JSON" in out
    json.dumps(out)
