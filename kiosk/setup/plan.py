"""`kiosk setup`: decide what a display needs, then write it (or show it, or take it away) and say so.

A plan is files and commands. Writing a file that already has the text is "unchanged", so a
second run changes nothing; `--remove` deletes the files and runs each command's undo.
Commands run only on the real machine: under `--root` (tests) and `--dry-run` they are printed.
"""

from __future__ import annotations

import argparse
import os
import pwd
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.platform.display import LIBRARIES
from kiosk.setup.machine import Target, unreadable_part
from kiosk.setup.units import (
    GNOME_BLANKING_UNDO,
    KioskCommand,
    autostart_entry,
    editor_unit,
    session_script,
    system_unit,
    user_unit,
)

MODES = ("desktop", "cage", "console")
SYSTEM_UNIT = "/etc/systemd/system/kiosk.service"
EDITOR_UNIT = "/etc/systemd/system/kiosk-editor.service"
USER_EDITOR_UNIT = ".config/systemd/user/kiosk-editor.service"  # in the desktop user's home
SYSTEM_USER = "kiosk"


class SetupError(Exception):
    """A reason setup can't go on, in one line with its fix."""


@dataclass(frozen=True)
class File:
    """A file setup writes (or takes away), with its mode and owner."""

    path: str  # on the target machine
    text: str
    mode: int = 0o644
    owner: str | None = None  # a desktop user's own files belong to them


@dataclass(frozen=True)
class Step:
    """A command setup runs, and the one that undoes it on ``--remove``."""

    argv: tuple[str, ...]
    undo: tuple[str, ...] | None = None


@dataclass
class Plan:
    """Everything one mode needs: files to write, commands to run, and notes for staff."""

    mode: str
    files: list[File] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def choose_mode(target: Target) -> tuple[str, str]:
    """The mode for this machine, and why: its desktop, else cage if installed, else the console."""
    desktop = target.desktop()
    if desktop:
        return "desktop", f"found a desktop: {desktop}"
    if target.program("cage"):
        return "cage", "no desktop; cage is installed"
    return "console", "no desktop and no cage: the console through KMS"


def default_user(mode: str, environ: dict[str, str]) -> str:
    """Who the kiosk runs as: the desktop's user (the one behind sudo), else the system user."""
    if mode != "desktop":
        return SYSTEM_USER
    return environ.get("SUDO_USER") or environ.get("USER") or pwd.getpwuid(os.getuid()).pw_name


def kiosk_program() -> tuple[str, ...]:
    """How a unit starts this kiosk: the venv's `kiosk` script, else this Python with -m kiosk."""
    script = Path(sys.executable).with_name("kiosk")
    return (str(script),) if script.exists() else (sys.executable, "-m", "kiosk")


def make_plan(mode: str, user: str, kiosk: KioskCommand, target: Target) -> Plan:
    """What ``mode`` needs on ``target``; SetupError when the machine lacks a package for it."""
    _check_packages(mode, target)
    plan = Plan(mode)
    (_desktop if mode == "desktop" else _system)(plan, mode, user, kiosk, target)
    return plan


def add_editor(plan: Plan, user: str, kiosk: KioskCommand, listen: str, target: Target) -> None:
    """The second unit, `kiosk edit`: beside the kiosk's own, as the same user."""
    lan = not listen.startswith(("127.", "localhost", "[::1]"))
    password = (f"set its password first, as {user}: `kiosk edit --set-password`" if lan else
                "it answers on this machine only; `--editor 0.0.0.0:8080` offers it to the LAN (with a password)")
    if plan.mode == "desktop":
        plan.files.append(File(f"{target.home(user)}/{USER_EDITOR_UNIT}", editor_unit(kiosk, listen), owner=user))
        plan.notes.append(f"the editor: as {user}, `systemctl --user enable --now kiosk-editor`; {password}")
        return
    plan.files.append(File(EDITOR_UNIT, editor_unit(kiosk, listen, user)))
    plan.steps.append(Step(("systemctl", "enable", "kiosk-editor.service"),
                           ("systemctl", "disable", "kiosk-editor.service")))
    plan.notes.append(f"the editor at http://{listen}/ starts at the next boot, or now: sudo systemctl start "
                      f"kiosk-editor; {user} must be able to write {Path(kiosk.content).parent}; {password} "
                      f"(sudo -u {user} kiosk edit --set-password)")


def _check_packages(mode: str, target: Target) -> None:
    needed = {"desktop": LIBRARIES["x11"] | LIBRARIES["wayland"], "cage": LIBRARIES["wayland"],
              "console": LIBRARIES["kms"]}[mode]
    missing = sorted({pkg for lib, pkg in needed.items() if target.find_library(lib) is None})
    if mode == "cage" and not target.program("cage"):
        missing.insert(0, "cage")
    if missing:
        raise SetupError(f"--mode {mode} needs packages this machine lacks; install them with: "
                         f"sudo apt-get install {' '.join(missing)}")


def _desktop(plan: Plan, mode: str, user: str, kiosk: KioskCommand, target: Target) -> None:
    home = target.home(user)
    script = f"{home}/.config/kiosk/start-session"
    plan.files += [File(f"{home}/.config/systemd/user/kiosk.service", user_unit(kiosk), owner=user),
                   File(script, session_script(), 0o755, user),
                   File(f"{home}/.config/autostart/kiosk.desktop", autostart_entry(script), owner=user)]
    plan.notes += [
        f"log {user} in automatically: Raspberry Pi OS `sudo raspi-config nonint do_boot_behaviour B4`; GDM "
        f"AutomaticLoginEnable=true and AutomaticLogin={user} in /etc/gdm3/custom.conf; LightDM "
        f"autologin-user={user} in /etc/lightdm/lightdm.conf",
        "the kiosk starts at the next login; until then: systemctl --user start kiosk (as that user)",
        f"GNOME blanking is turned off at each login; to turn it back on after --remove, as {user}: "
        + GNOME_BLANKING_UNDO,
    ]
    if target.program("raspi-config"):  # Raspberry Pi OS: its labwc desktop blanks through swayidle
        plan.steps.append(Step(("raspi-config", "nonint", "do_blanking", "1")))
        plan.notes.append("screen blanking is off (raspi-config); `sudo raspi-config nonint do_blanking 0` "
                          "turns it back on")


def _system(plan: Plan, mode: str, user: str, kiosk: KioskCommand, target: Target) -> None:
    cage = target.program("cage") or "/usr/bin/cage"
    plan.files.append(File(SYSTEM_UNIT, system_unit(kiosk, user, mode, target.groups(), cage)))
    if not target.has_user(user):
        groups = ",".join(target.groups())
        plan.steps.append(Step(("useradd", "--system", "--create-home", "--home-dir", "/var/lib/kiosk",
                                "--shell", "/usr/sbin/nologin", "--groups", groups, user)))
        plan.notes.append(f"the user {user} is kept by --remove; `sudo userdel -r {user}` removes it")
    plan.steps += [Step(("systemctl", "daemon-reload"), ("systemctl", "daemon-reload")),
                   Step(("systemctl", "enable", "kiosk.service"), ("systemctl", "disable", "kiosk.service"))]
    plan.notes.append("it starts at the next boot, or now: sudo systemctl start kiosk")
    if target.real:
        for path in (Path(kiosk.program[0]), Path(sys.executable), Path(kiosk.content)):
            private = unreadable_part(path) if path.exists() else None
            if private:
                plan.notes.append(f"warning: the user {user} can't read {path} ({private} is private); put the "
                                  "kiosk and its content in a folder every user can read, such as /opt/kiosk")


def removal_plan(user: str, target: Target) -> Plan:
    """Everything any mode writes for ``user``, and the undo of the system unit's commands."""
    home = target.home(user)
    plan = Plan("remove", files=[File(p, "") for p in (
        SYSTEM_UNIT, EDITOR_UNIT, f"{home}/.config/systemd/user/kiosk.service", f"{home}/.config/kiosk/start-session",
        f"{home}/.config/autostart/kiosk.desktop", f"{home}/{USER_EDITOR_UNIT}")])
    for unit, name in ((EDITOR_UNIT, "kiosk-editor.service"), (SYSTEM_UNIT, "kiosk.service")):
        if target.path(unit).exists():
            plan.steps.append(Step(("systemctl", "disable", "--now", name)))
    if plan.steps:
        plan.steps.append(Step(("systemctl", "daemon-reload")))
    return plan


def carry_out(plan: Plan, target: Target, dry_run: bool, say: Callable[[str], None] = print,
              remove: bool = False) -> None:
    """Write (with ``remove``, delete) the files, run the commands, say the notes; ``dry_run`` only says."""
    for file in plan.files:
        (_remove_file if remove else _write_file)(file, target, dry_run, say)
    for step in plan.steps:
        _run(step.argv, target, dry_run, say)
    for note in plan.notes:
        say(f"note: {note}")


def _write_file(file: File, target: Target, dry_run: bool, say: Callable[[str], None]) -> None:
    path = target.path(file.path)
    if path.exists() and path.read_text(encoding="utf-8") == file.text:
        say(f"unchanged {file.path}")
        return
    if dry_run:
        say(f"would write {file.path}:\n" + "".join(f"    {line}\n" for line in file.text.splitlines()).rstrip())
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(file.text, encoding="utf-8")
    path.chmod(file.mode)
    if file.owner and target.real and os.geteuid() == 0:
        account = pwd.getpwnam(file.owner)
        for part in [path, *(p for p in path.parents if str(p).startswith(str(Path(account.pw_dir)) + "/"))]:
            os.chown(part, account.pw_uid, account.pw_gid)
    say(f"wrote {file.path}")


def _remove_file(file: File, target: Target, dry_run: bool, say: Callable[[str], None]) -> None:
    path = target.path(file.path)
    if not path.exists():
        return
    if not dry_run:
        path.unlink()
    say(f"{'would remove' if dry_run else 'removed'} {file.path}")


def _run(argv: tuple[str, ...], target: Target, dry_run: bool, say: Callable[[str], None]) -> None:
    line = shlex.join(argv)
    if dry_run or not target.real:
        say(f"would run {line}" + ("" if dry_run else "  (not run: --root)"))
        return
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip().splitlines()
        raise SetupError(f"`{line}` failed: {said[-1] if said else f'exit {result.returncode}'}")
    say(f"ran {line}")


def run_setup(args: argparse.Namespace, target: Target | None = None, say: Callable[[str], None] = print) -> int:
    """`kiosk setup`: 0 when done (or shown), 1 with one line when it can't be."""
    target = target or Target(Path(args.root) if args.root else Path("/"))
    try:
        if args.remove:
            user = args.user or default_user("desktop", target.environ)
            carry_out(removal_plan(user, target), target, args.dry_run, say, remove=True)
            return 0
        mode, why = (args.mode, f"--mode {args.mode}") if args.mode else choose_mode(target)
        say(f"setting up for {mode} ({why})")
        user = args.user or default_user(mode, target.environ)
        content = str(Path(args.content).expanduser().absolute())
        kiosk = KioskCommand(kiosk_program(), content, args.screen)
        plan = make_plan(mode, user, kiosk, target)
        if getattr(args, "editor", None):
            add_editor(plan, user, kiosk, args.editor, target)
        if target.real and not args.dry_run and mode != "desktop" and os.geteuid() != 0:
            raise SetupError(f"--mode {mode} writes {SYSTEM_UNIT} and may create the user {user}: run it with "
                             "sudo (or look first with --dry-run)")
        carry_out(plan, target, args.dry_run, say)
    except (SetupError, OSError) as exc:
        print(f"kiosk setup: {exc}", file=sys.stderr)
        return 1
    undo = shlex.join(["kiosk", "setup", "--remove", "--user", user, *(["--root", args.root] if args.root else [])])
    say(f"to undo: {undo}")
    return 0
