"""`kiosk setup --editor`: the editor as a second unit, that systemd accepts and --remove takes away."""

from __future__ import annotations

import shlex

from kiosk.cli import build_parser
from tests.test_setup import CONTENT, fake_machine, ini, setup, verify, written

EDITOR_UNIT = "etc/systemd/system/kiosk-editor.service"
USER_EDITOR_UNIT = "home/lobby/.config/systemd/user/kiosk-editor.service"


def edit_args(exec_start: str):
    argv = shlex.split(exec_start)
    return build_parser(CONTENT).parse_args(argv[argv.index("edit"):])


def test_a_display_without_a_desktop_gets_a_sandboxed_system_unit_for_the_editor(tmp_path):
    root = fake_machine(tmp_path, cage=True)
    code, said = setup(root, "--editor", "0.0.0.0:8080")
    assert code == 0, said
    service = ini(root / EDITOR_UNIT)["Service"]
    args = edit_args(service["ExecStart"])
    assert (args.command, args.content, args.listen) == ("edit", CONTENT, ("0.0.0.0", 8080))
    assert (service["User"], service["ProtectSystem"], service["ReadWritePaths"]) == ("kiosk", "strict", "/opt/kiosk")
    assert service["RestartPreventExitStatus"] == "2"  # no password yet: wait for one, don't loop
    assert "systemctl enable kiosk-editor.service" in said
    assert "set its password first, as kiosk" in said
    verify(root / EDITOR_UNIT)
    code, said = setup(root, "--remove", "--user", "kiosk")
    assert EDITOR_UNIT not in written(root) and "systemctl disable --now kiosk-editor.service" in said


def test_a_desktop_gets_a_user_unit_for_the_editor_on_this_machine_only(tmp_path):
    root = fake_machine(tmp_path, desktop="wayland-sessions/labwc")
    code, said = setup(root, "--user", "lobby", "--editor")
    assert code == 0, said
    service = ini(root / USER_EDITOR_UNIT)["Service"]
    assert edit_args(service["ExecStart"]).listen == ("127.0.0.1", 8080)
    assert "User" not in service
    assert "systemctl --user enable --now kiosk-editor" in said
    verify(root / USER_EDITOR_UNIT, "--user")
    setup(root, "--remove", "--user", "lobby")
    assert USER_EDITOR_UNIT not in written(root)


def test_without_editor_no_editor_unit_is_written(tmp_path):
    root = fake_machine(tmp_path, cage=True)
    setup(root)
    assert EDITOR_UNIT not in written(root)
