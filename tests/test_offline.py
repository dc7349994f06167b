"""Offline by construction: the kiosk never opens a connection and never writes beside its content.

`kiosk run` (offscreen, a few accelerated rotations) and `kiosk render` run with every
way Python opens a connection patched to refuse and record the attempt. Qt's own
networking would bypass Python's sockets, so the test also checks it is never loaded.
"""

from __future__ import annotations

import shutil
import socket
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.playback import player as player_module
from tests.conftest import SEED

ROTATIONS = 4


@pytest.fixture
def no_network(monkeypatch) -> list[str]:
    """Every network connection attempt, refused and recorded. Local (AF_UNIX) sockets, such
    as systemd's notify socket, are inter-process messages on the machine and stay allowed."""
    attempts: list[str] = []

    def refuse(name: str, original=None):
        def attempt(*args, **kwargs):
            if original is not None and args[0].family == socket.AF_UNIX:
                return original(*args, **kwargs)
            attempts.append(f"{name}{args[1:] if original is not None else args}")
            raise OSError("network access is disabled in this test")
        return attempt

    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}", getattr(socket.socket, name)))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


@pytest.fixture
def content_folder(tmp_path) -> Path:
    """A copy of the seed in a folder of its own, so anything written into it shows."""
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(SEED, folder / "content.yaml")
    return folder


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


@pytest.mark.expect_log("cannot keep the screen awake through D-Bus")
def test_run_rotates_without_network_or_writes(qtbot, kiosk_app, no_network, content_folder, monkeypatch,
                                               tmp_path):
    before = snapshot(content_folder)
    monkeypatch.setenv("KIOSK_TIME_SCALE", "0.005")
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # no bus here: the kiosk says so once
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_kiosk installs its own
    shown: list[str] = []

    class CountingPlayer(player_module.Player):
        """The real player, which also quits the app after a few panels."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.shown.connect(self._count)

        def _count(self, showing) -> None:
            shown.append(showing.id)
            if len(shown) == ROTATIONS:
                # exit(), not quit(): quit() closes the window, and the last window closing
                # leaves a posted Quit behind that would stop every later test's event loop.
                kiosk_app.exit(0)

    monkeypatch.setattr(player_module, "Player", CountingPlayer)
    logs = tmp_path / "logs"
    assert main(["run", str(content_folder / "content.yaml"), "--windowed", "--size", "640x360",
                 "--play-log", str(logs / "play.jsonl"), "--log-file", str(logs / "kiosk.log")]) == 0
    assert shown == ["impact", "goal", "student-of-the-year", "pass"]
    assert no_network == []
    assert "PySide6.QtNetwork" not in sys.modules
    assert snapshot(content_folder) == before
    assert sorted(path.name for path in logs.iterdir()) == ["kiosk.log", "play.jsonl"]  # only where it was told


def test_render_without_network_writes_only_its_output(kiosk_app, no_network, content_folder, tmp_path):
    before = snapshot(content_folder)
    out = tmp_path / "shots"
    assert main(["render", str(content_folder / "content.yaml"), "--out", str(out), "--size", "640x360"]) == 0
    names = " ".join(path.name for path in out.glob("*.png"))
    assert all(panel_id in names for panel_id in ("impact", "goal", "student-of-the-year", "pass", "updates"))
    assert no_network == []
    assert "PySide6.QtNetwork" not in sys.modules
    assert snapshot(content_folder) == before


def test_the_patch_would_notice_a_connection(no_network):
    """The guard is live: a connection attempt is refused and recorded."""
    with pytest.raises(OSError, match="disabled"):
        socket.create_connection(("example.org", 80), timeout=1)
    with pytest.raises(OSError, match="disabled"), socket.socket() as sock:
        sock.connect(("127.0.0.1", 9))
    assert len(no_network) == 2
