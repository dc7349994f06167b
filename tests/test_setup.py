"""`kiosk setup` on fake machines (--root): which mode it picks, the files it writes, that systemd
accepts every unit, and that a second run, --dry-run and --remove do what they say."""

from __future__ import annotations

import configparser
import os
import shlex
import subprocess
import tempfile
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.platform.display import LIBRARIES
from kiosk.setup.machine import Target
from kiosk.setup.plan import kiosk_program, run_setup

CONTENT = "/opt/kiosk/content.yaml"
SYSTEM_UNIT = "etc/systemd/system/kiosk.service"
USER_FILES = ("home/lobby/.config/systemd/user/kiosk.service", "home/lobby/.config/kiosk/start-session",
              "home/lobby/.config/autostart/kiosk.desktop")


def fake_machine(root: Path, *, desktop: str | None = None, cage: bool = False) -> Path:
    """A machine with a display manager and a ``desktop`` session file (wayland-sessions/NAME), and cage."""
    (root / "etc/systemd/system").mkdir(parents=True)
    (root / "etc/group").write_text("video:x:44:\nrender:x:105:\ninput:x:106:\n")
    (root / "etc/passwd").write_text("root:x:0:0:root:/root:/bin/bash\nlobby:x:1000:1000::/home/lobby:/bin/bash\n")
    if desktop:
        (root / "etc/systemd/system/display-manager.service").symlink_to("/lib/systemd/system/lightdm.service")
        kind, name = desktop.split("/")
        (root / "usr/share" / kind).mkdir(parents=True)
        (root / "usr/share" / kind / f"{name}.desktop").touch()
    if cage:
        (root / "usr/bin").mkdir(parents=True)
        (root / "usr/bin/cage").touch()
    return root


def setup(root: Path, *args: str, missing: tuple[str, ...] = (), environ: dict | None = None) -> tuple[int, str]:
    said: list[str] = []
    parsed = build_parser("content.yaml").parse_args(["setup", "--root", str(root), "--content", CONTENT, *args])
    target = Target(root, environ or {"USER": "root"}, lambda lib: None if lib in missing else lib)
    code = run_setup(parsed, target, said.append)
    return code, "\n".join(said)


def written(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.stat().st_size}


def ini(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser


def verify(unit: Path, *user: str) -> None:
    """systemd-analyze verify: it must accept the unit without a single complaint."""
    with tempfile.TemporaryDirectory(prefix="k") as runtime:  # short: socket paths are made under it
        result = subprocess.run(["systemd-analyze", *user, "verify", str(unit)], capture_output=True, text=True,
                                env={**os.environ, "XDG_RUNTIME_DIR": runtime}, timeout=60)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr


def kiosk_args(exec_start: str) -> list[str]:
    """The `kiosk run` arguments of an ExecStart= line, after cage's `--` if there is one."""
    argv = shlex.split(exec_start.replace("%h", "/home/lobby"))
    argv = argv[argv.index("--") + 1:] if "--" in argv else argv
    program = kiosk_program()
    assert tuple(argv[:len(program)]) == program
    return argv[len(program):]


def test_a_bare_machine_with_cage_gets_a_system_unit_running_cage_on_tty1(tmp_path):
    root = fake_machine(tmp_path, cage=True)
    code, said = setup(root, "--screen", "HDMI-A-1")
    assert code == 0, said
    assert said.startswith("setting up for cage (no desktop; cage is installed)")
    assert written(root) - {"etc/group", "etc/passwd", "usr/bin/cage"} == {SYSTEM_UNIT}
    service = ini(root / SYSTEM_UNIT)["Service"]
    assert (service["User"], service["TTYPath"], service["PAMName"]) == ("kiosk", "/dev/tty1", "login")
    assert (service["Restart"], service["Type"], service["NotifyAccess"]) == ("always", "notify", "all")
    assert service["ExecStart"].startswith("/usr/bin/cage -d -- ")
    args = build_parser(CONTENT).parse_args(kiosk_args(service["ExecStart"]))
    assert (args.display, args.screen, args.content, args.lock) == ("wayland", "HDMI-A-1", CONTENT, True)
    assert "connected" in service["ExecStartPre"]  # waits for the TV
    assert "useradd --system" in said and "systemctl enable kiosk.service" in said
    assert said.endswith(f"to undo: kiosk setup --remove --user kiosk --root {root}")
    verify(root / SYSTEM_UNIT)


def test_without_cage_the_console_unit_draws_through_kms(tmp_path):
    root = fake_machine(tmp_path)
    code, said = setup(root)
    assert code == 0, said
    assert said.startswith("setting up for console (no desktop and no cage: the console through KMS)")
    service = ini(root / SYSTEM_UNIT)["Service"]
    assert build_parser(CONTENT).parse_args(kiosk_args(service["ExecStart"])).display == "kms"
    assert service["SupplementaryGroups"] == "video render input"
    verify(root / SYSTEM_UNIT)


def test_a_wayland_desktop_gets_a_user_unit_and_an_autostart_entry_with_the_display(tmp_path):
    root = fake_machine(tmp_path, desktop="wayland-sessions/LXDE-pi-labwc")
    code, said = setup(root, "--user", "lobby")
    assert code == 0, said
    assert said.startswith("setting up for desktop (found a desktop: Wayland (LXDE-pi-labwc))")
    assert {f"wrote /{path}" for path in USER_FILES} <= set(said.splitlines())
    unit = root / USER_FILES[0]
    service = ini(unit)["Service"]
    args = build_parser(CONTENT).parse_args(kiosk_args(service["ExecStart"]))
    assert args.log_file == "/home/lobby/.local/state/kiosk/kiosk.log" and args.display is None
    entry = ini(root / USER_FILES[2])["Desktop Entry"]
    assert entry["Exec"] == "/home/lobby/.config/kiosk/start-session"
    script = (root / USER_FILES[1]).read_text()
    assert "import-environment DISPLAY XAUTHORITY WAYLAND_DISPLAY" in script
    assert "gsettings set org.gnome.desktop.session idle-delay 0" in script
    assert os.access(root / USER_FILES[1], os.X_OK)
    verify(unit, "--user")


def test_an_x11_desktop_is_named_as_such(tmp_path):
    root = fake_machine(tmp_path, desktop="xsessions/xfce")
    assert setup(root, "--user", "lobby")[1].startswith("setting up for desktop (found a desktop: X11 (xfce))")


def test_a_second_run_changes_nothing_and_remove_takes_everything_away(tmp_path):
    root = fake_machine(tmp_path, desktop="wayland-sessions/gnome")
    setup(root, "--user", "lobby")
    before = {path: (root / path).read_bytes() for path in USER_FILES}
    code, said = setup(root, "--user", "lobby")
    assert code == 0 and {f"unchanged /{path}" for path in USER_FILES} <= set(said.splitlines())
    assert {path: (root / path).read_bytes() for path in USER_FILES} == before
    code, said = setup(root, "--remove", "--user", "lobby")
    assert code == 0 and said.splitlines() == [f"removed /{path}" for path in USER_FILES]
    assert not any((root / path).exists() for path in USER_FILES)


def test_dry_run_prints_every_file_and_writes_nothing(tmp_path):
    root = fake_machine(tmp_path, cage=True)
    before = written(root)
    code, said = setup(root, "--dry-run")
    assert code == 0
    assert written(root) == before
    assert f"would write /{SYSTEM_UNIT}:" in said and "    ExecStart=/usr/bin/cage -d -- " in said
    assert "would run systemctl enable kiosk.service\n" in said + "\n"


@pytest.mark.parametrize(("mode", "missing", "line"), [
    ("cage", (), "sudo apt-get install cage"),
    ("console", ("EGL", "gbm"), "sudo apt-get install libegl1 libgbm1"),
    ("desktop", ("xcb-cursor",), "sudo apt-get install libxcb-cursor0"),
])
def test_missing_packages_are_named_with_the_apt_line(tmp_path, capsys, mode, missing, line):
    assert all(lib in {**LIBRARIES["kms"], **LIBRARIES["x11"]} for lib in missing)
    root = fake_machine(tmp_path)
    code, _ = setup(root, "--mode", mode, "--user", "lobby", missing=missing)
    assert code == 1
    assert capsys.readouterr().err == (f"kiosk setup: --mode {mode} needs packages this machine lacks; "
                                       f"install them with: {line}\n")
    assert not (root / SYSTEM_UNIT).exists() and not (root / "home").exists()


def test_the_system_unit_waits_for_a_connected_tv(tmp_path):
    root = fake_machine(tmp_path / "root", cage=True)
    setup(root)
    wait = ini(root / SYSTEM_UNIT)["Service"]["ExecStartPre"]
    argv = shlex.split(wait.replace("/sys/class/drm", str(tmp_path / "drm")))
    port = tmp_path / "drm" / "card1-HDMI-A-1"
    port.mkdir(parents=True)
    (port / "status").write_text("disconnected\n")
    waiting = subprocess.Popen(argv)
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            waiting.wait(timeout=1)  # no TV: still waiting
        (port / "status").write_text("connected\n")
        assert waiting.wait(timeout=10) == 0  # the TV is there: the kiosk may start
    finally:
        waiting.kill()
        waiting.wait()


def test_a_system_unit_without_root_says_to_use_sudo(monkeypatch, capsys):
    monkeypatch.setattr("kiosk.setup.plan.os.geteuid", lambda: 1000)
    parsed = build_parser("content.yaml").parse_args(["setup", "--mode", "console", "--content", CONTENT])
    target = Target(Path("/"), {"USER": "lobby"}, lambda lib: lib)
    assert run_setup(parsed, target, lambda line: None) == 1
    assert capsys.readouterr().err == ("kiosk setup: --mode console writes /etc/systemd/system/kiosk.service and "
                                       "may create the user kiosk: run it with sudo (or look first with --dry-run)\n")
