"""The command line: run, check, render, playlist, urgent, status, schema, edit.

Exit codes: 0 ok, 1 invalid content (or a system problem), 2 usage, 3 render could not write.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path

from kiosk.core.content import ContentError, Loaded, load_content
from kiosk.core.content.model import Content, Urgent
from kiosk.core.content.schedule import written
from kiosk.core.timeline import at_arg, hours_arg, timeline_lines
from kiosk.edit.command import add_edit_command, run_edit
from kiosk.platform.display import DISPLAYS
from kiosk.run.process.logsetup import setup_logging

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_WRITE = 0, 1, 2, 3
EXIT_NO_DISPLAY = 1  # a system problem, said in one line
COMMANDS = ("run", "check", "render", "playlist", "urgent", "status", "schema", "screens", "setup", "edit")


def size_arg(text: str) -> tuple[int, int]:
    """Parse ``1920x1080``."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1920x1080, not {text!r}") from None
    if not (160 <= width <= 16384 and 120 <= height <= 16384):
        raise argparse.ArgumentTypeError(f"size {text} is out of range")
    return width, height


def build_parser(default_content: str) -> argparse.ArgumentParser:
    """The parser for every command; the ones that read content default to ``default_content``."""
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Full-screen rotating information display, read from content.yaml.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser("run", help="show the kiosk (the default command)",
                              description="Show the panels full screen, rotating forever.")
    run.add_argument("content", nargs="?", default=default_content, help="content file (default: %(default)s)")
    run.add_argument("--windowed", action="store_true", help="a normal window, for previewing on a desktop")
    run.add_argument("--size", type=size_arg, default=(1280, 720), metavar="WxH",
                     help="window size with --windowed (default 1280x720)")
    run.add_argument("--screen", default=None, metavar="N|NAME",
                     help="screen index or name to show on (see `kiosk screens`); it returns there after a replug")
    run.add_argument("--panel", metavar="ID", help="start on this panel")
    run.add_argument("--render", choices=("auto", "gl", "software"), default="auto",
                     help="draw transitions on the GPU (gl) or the CPU (software); auto: the GPU when there "
                          "is one (default)")
    run.add_argument("--display", choices=DISPLAYS, default=None,
                     help="where to draw: the session's wayland or x11, or the console through kms (GPU) or fb "
                          "(framebuffer); default: settings.display, else auto")
    run.add_argument("--wait-for-content", action="store_true",
                     help="with invalid content, wait on a calm screen until the file is fixed (unattended displays)")
    run.add_argument("--presentation", action="store_true",
                     help="presenter mode: a clicker drives the panels, B/W blank the screen")
    run.add_argument("--auto", action="store_true", help="with --presentation: also advance on the timer")
    run.add_argument("--lock", action="store_true",
                     help="Esc and Q don't quit; hold Ctrl+Shift+Q for 2 s to quit")
    run.add_argument("--play-log", metavar="FILE", help="append one JSON line per panel shown (proof of play)")
    run.add_argument("--log-file", metavar="FILE", help="also log to FILE, rotated at 2 MB (5 files kept)")
    run.add_argument("--status-dir", metavar="DIR", help="keep status.json and screen.png in DIR for the office")
    check = commands.add_parser("check", help="validate a content file",
                                description="Validate a content file; print one line per problem.")
    check.add_argument("content", nargs="?", default=default_content)
    check.add_argument("--size", type=size_arg, action="append", default=[], metavar="WxH",
                       help="also lay out every panel at this screen size (repeatable) and warn about "
                            "text shrunk, cut or split into pages")
    render = commands.add_parser("render", help="render every panel to PNG, or the whole show to PDF",
                                 description="Render every panel offscreen to DIR/NN-ID.png, in play order, "
                                             "and/or the whole show to one PDF.")
    render.add_argument("content", nargs="?", default=default_content)
    render.add_argument("--out", type=Path, metavar="DIR", help="write one PNG per screen here")
    render.add_argument("--pdf", type=Path, metavar="FILE", help="write the whole show to this PDF, "
                        "a page per screen, text as text")
    render.add_argument("--handout", type=int, choices=(2, 4), metavar="2|4",
                        help="with --pdf: two or four screens per sheet of paper")
    render.add_argument("--paper", choices=("a4", "letter"), default="a4", help="the handout's paper (default a4)")
    render.add_argument("--size", type=size_arg, default=(1920, 1080), metavar="WxH")
    render.add_argument("--at", type=at_arg, metavar="TIME",
                        help="render what plays at this local time, e.g. 2026-12-01T09:00 (default: now)")
    playlist = commands.add_parser("playlist", help="print which panels play when",
                                   description="Print the timeline: which panels play when, over the next hours.")
    playlist.add_argument("content", nargs="?", default=default_content)
    playlist.add_argument("--at", type=at_arg, metavar="TIME", help="start here, e.g. 2026-12-01T09:00 "
                          "(default: now)")
    playlist.add_argument("--hours", type=hours_arg, default=24.0, metavar="N", help="how far ahead (default 24)")
    _add_office_commands(commands)
    add_edit_command(commands, default_content, size_arg)
    schema = commands.add_parser("schema", help="print the content JSON Schema",
                                 description="Print the JSON Schema of the content format on stdout.")
    schema.add_argument("--urgent", action="store_true", help="the schema of urgent.yaml instead")
    screens = commands.add_parser("screens", help="list the attached screens",
                                  description="List the attached screens: index, name, geometry, and which is "
                                              "primary.")
    screens.add_argument("--display", choices=DISPLAYS, default="auto", help="as for run (default: auto)")
    setup = commands.add_parser(
        "setup", help="set this machine up to show the kiosk on boot",
        description="Write the systemd units (and autostart entry) that show the kiosk on boot: in the desktop "
                    "session, in the cage kiosk compositor on a machine without one, or on the console.")
    setup.add_argument("--content", default=default_content, help="content file (default: %(default)s)")
    setup.add_argument("--screen", metavar="NAME", help="the screen to show on (see `kiosk screens`)")
    setup.add_argument("--mode", choices=("desktop", "cage", "console"),
                       help="default: desktop if there is one, else cage if installed, else console")
    setup.add_argument("--user", help="who runs it (default: you on a desktop, else a new user `kiosk`)")
    setup.add_argument("--editor", nargs="?", const="127.0.0.1:8080", metavar="ADDRESS:PORT",
                       help="also install `kiosk edit` as a second unit (default 127.0.0.1:8080; "
                            "0.0.0.0:8080 for the LAN, after `kiosk edit --set-password`)")
    setup.add_argument("--dry-run", action="store_true", help="print everything, write and run nothing")
    setup.add_argument("--remove", action="store_true", help="take away what setup wrote")
    setup.add_argument("--root", metavar="DIR", help="treat DIR as the machine's / (for tests); runs no command")
    return parser


def _add_office_commands(commands: argparse._SubParsersAction) -> None:
    """``kiosk urgent`` and ``kiosk status``: what staff run from a shell or the office."""
    urgent = commands.add_parser("urgent", help="raise or clear an urgent message on the display",
                                 description="Write urgent.yaml beside the content file (atomically): the "
                                             "display shows it within 2 s. --clear removes it.")
    urgent.add_argument("text", nargs="?", help="the message")
    urgent.add_argument("--title", default="", help="a headline above the message")
    urgent.add_argument("--until", type=until_arg, metavar="TIME",
                        help="take it down at this local time: 17:00 (today), 2026-12-01 (through that day) "
                             "or 2026-12-01T17:00")
    urgent.add_argument("--wake", action="store_true", help="wake a sleeping screen for the message")
    urgent.add_argument("--clear", action="store_true", help="remove the urgent message")
    urgent.add_argument("--content", type=Path, default=Path("content.yaml"), metavar="PATH",
                        help="the display's content file (default: content.yaml in this folder)")
    status = commands.add_parser("status", help="one line per display from its status folder",
                                 description="Print one line per status folder: name, content version, what "
                                             "is on screen, the last error and the age of the status.")
    status.add_argument("dirs", nargs="+", type=Path, metavar="DIR")


def until_arg(text: str) -> date | datetime:
    """``--until``: a clock time (today, or tomorrow once it has passed), a date, or a moment."""
    from kiosk.core.urgent import parse_until

    try:
        return parse_until(text, datetime.now())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _urgent(args: argparse.Namespace) -> int:
    from kiosk.core.atomic import write_atomically
    from kiosk.core.urgent import checked_urgent, urgent_active, urgent_document, urgent_path

    path = urgent_path(args.content)
    if not args.content.is_file():
        print(f"kiosk: no content file at {args.content}; give the display's one with --content PATH",
              file=sys.stderr)
        return EXIT_USAGE
    if args.clear:
        existed = path.exists()
        path.unlink(missing_ok=True)
        print(f"removed {path}" if existed else f"no urgent message at {path}")
        return EXIT_OK
    if not args.text:
        print("kiosk: give the message text, or --clear to remove it", file=sys.stderr)
        return EXIT_USAGE
    document = urgent_document(args.text, args.title, args.until, args.wake)
    try:
        message = checked_urgent(path, document)  # as the kiosk will read it
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    if not urgent_active(message, datetime.now()):
        print(f"kiosk: --until {written(args.until)} has already passed; nothing written", file=sys.stderr)
        return EXIT_USAGE
    write_atomically(path, document)
    print(f"wrote {path}: the display shows it within 2 s")
    return EXIT_OK


def _status(folders: list[Path]) -> int:
    from kiosk.core.status import read_status, summary_line

    code, now = EXIT_OK, datetime.now().astimezone()
    for folder in folders:
        try:
            print(summary_line(folder, read_status(folder), now))
        except (OSError, ValueError) as exc:
            print(f"{folder}: cannot read the status: {exc}")
            code = EXIT_INVALID
    return code


def load_or_report(path: str) -> Loaded | None:
    """Load content, printing problems as ``PATH:LINE:COL: severity: field: message``."""
    try:
        loaded = load_content(path)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None
    for warning in loaded.warnings:
        print(warning, file=sys.stderr)
    return loaded


def schema_json(urgent: bool = False) -> str:
    """The JSON Schema of content.yaml, or with ``urgent`` of urgent.yaml, from the pydantic models."""
    schema = (Urgent if urgent else Content).model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "kiosk urgent.yaml" if urgent else "kiosk content.yaml"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None, default_content: str = "content.yaml") -> int:
    """Run the command in ``argv`` (default: the process's), ``run`` when none is named; the exit code."""
    try:
        return _command(argv, default_content)
    finally:
        # Images still queued for decoding would hold up the exit (kiosk/screen/decode.py); the
        # module is only looked up, as importing it would bring Qt into commands that need none.
        decoding = sys.modules.get("kiosk.screen.decode")
        if decoding is not None:
            decoding.stop_decoding()


def _command(argv: list[str] | None, default_content: str) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help")):
        args_list.insert(0, "run")
    parser = build_parser(default_content)
    try:
        args = parser.parse_args(args_list)
        if args.command == "render" and args.out is None and args.pdf is None:
            parser.error("render needs --out DIR or --pdf FILE")
        if args.command == "render" and args.handout and args.pdf is None:
            parser.error("--handout lays out the PDF: give --pdf FILE too")
    except SystemExit as exc:
        return int(exc.code or 0)
    setup_logging(getattr(args, "log_file", None))
    if args.command == "schema":
        sys.stdout.write(schema_json(args.urgent))
        return EXIT_OK
    if args.command == "screens":
        return _screens(args.display)
    if args.command == "urgent":
        return _urgent(args)
    if args.command == "status":
        return _status(args.dirs)
    if args.command == "edit":
        return run_edit(args)
    if args.command == "setup":
        from kiosk.setup.plan import run_setup

        return run_setup(args)
    if args.command == "run" and args.wait_for_content:
        return _run(None, args)  # the kiosk loads the file itself and logs any problems
    loaded = load_or_report(args.content)
    if loaded is None:
        return EXIT_INVALID
    if args.command == "check":
        return _check(loaded, args)
    if args.command == "render":
        return _render(loaded, args)
    if args.command == "playlist":
        print("\n".join(timeline_lines(loaded.content, args.at or datetime.now(), args.hours)))
        return EXIT_OK
    return _run(loaded, args)


def _check(loaded: Loaded, args: argparse.Namespace) -> int:
    from kiosk.core.theme import palette_for, worst_contrast

    ratio, pair = worst_contrast(palette_for(loaded.content.settings.theme))
    print(f"{loaded.path}: theme's worst contrast is {ratio:.1f}:1 ({pair})")
    if args.size:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QSize

        from kiosk.app import make_app
        from kiosk.export.fitcheck import fit_problems

        app = make_app()
        for size in args.size:
            for problem in fit_problems(loaded, QSize(*size)):
                print(problem, file=sys.stderr)
        del app
    return EXIT_OK


def _render(loaded: Loaded, args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSize

    from kiosk.app import make_app
    from kiosk.core.power import scheduled_on
    from kiosk.export.render import RenderError, render_deck

    when = args.at or datetime.now()
    if not scheduled_on(loaded.content.settings.power, when):
        print(f"kiosk: at {written(when)} the screen is off (settings.power); these are the panels "
              "it shows while it is on", file=sys.stderr)
    app = make_app()
    if args.out is not None:
        try:
            paths = render_deck(loaded, args.out, QSize(*args.size), when=when)
        except RenderError as error:
            print(f"kiosk: {error}", file=sys.stderr)
            return EXIT_WRITE
        for path in paths:
            print(path)
    if args.pdf is not None:
        from kiosk.export.handout import write_pdf

        pages = write_pdf(loaded, args.pdf, QSize(*args.size), when=when, per_sheet=args.handout,
                          paper=args.paper)
        print(f"{args.pdf} ({pages} page{'s' * (pages != 1)})")
    del app
    return EXIT_OK


def _screens(display: str) -> int:
    from kiosk.app import make_screen_app
    from kiosk.platform.display import DisplayError, prepare_display
    from kiosk.run.window.screens import screen_infos

    try:
        app = make_screen_app(prepare_display(display))
    except DisplayError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_NO_DISPLAY
    for info in screen_infos():
        print(info.line())
    del app
    return EXIT_OK


def _run(loaded: Loaded | None, args: argparse.Namespace) -> int:
    from kiosk.app import run_kiosk
    from kiosk.platform.display import DisplayError, prepare_display

    display = args.display or (loaded.content.settings.display if loaded else "auto")
    try:
        return run_kiosk(loaded, args, prepare_display(display))
    except DisplayError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_NO_DISPLAY
