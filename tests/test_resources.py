"""The shipped systemd unit and autostart entry: they restart the kiosk and run a valid command line."""

from __future__ import annotations

import configparser
import shlex

from kiosk.cli import build_parser
from tests.conftest import ROOT


def read_ini(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(ROOT / "resources" / name, encoding="utf-8")
    return parser


def test_unit_restarts_always_and_has_a_watchdog():
    service = read_ini("kiosk.service")["Service"]
    assert service["Type"] == "notify"  # READY=1 after the first paint
    assert service["Restart"] == "always"
    assert int(service["WatchdogSec"]) >= 10
    assert read_ini("kiosk.service")["Unit"]["StartLimitIntervalSec"] == "0"


def test_unit_command_line_is_one_the_kiosk_accepts():
    argv = shlex.split(read_ini("kiosk.service")["Service"]["ExecStart"].replace("%h", "/home/lobby"))
    assert argv[0] == "/home/lobby/kiosk/.venv/bin/kiosk"
    args = build_parser("content.yaml").parse_args(argv[1:])
    assert args.command == "run" and args.lock and not args.windowed
    assert args.log_file.startswith("/home/lobby/.local/state/kiosk/")
    assert args.play_log.startswith("/home/lobby/.local/state/kiosk/")


def test_autostart_entry_starts_the_unit_with_the_display():
    entry = read_ini("kiosk.desktop")["Desktop Entry"]
    assert entry["Type"] == "Application"
    command = shlex.split(entry["Exec"])
    assert command[:2] == ["sh", "-c"]
    assert "import-environment DISPLAY" in command[2] and "systemctl --user start kiosk.service" in command[2]
