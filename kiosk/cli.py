"""The command line: run, check, render, playlist, schema.

Exit codes: 0 ok, 1 invalid content, 2 usage, 3 render could not write its images.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path

from kiosk.core.content import ContentError, Loaded, load_content
from kiosk.core.content.model import Content
from kiosk.core.timeline import at_arg, hours_arg, timeline_lines
from kiosk.run.logsetup import setup_logging

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_WRITE = 0, 1, 2, 3
COMMANDS = ("run", "check", "render", "playlist", "schema", "screens")


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
    run.add_argument("--wait-for-content", action="store_true",
                     help="with invalid content, wait on a calm screen until the file is fixed (unattended displays)")
    run.add_argument("--presentation", action="store_true",
                     help="presenter mode: a clicker drives the panels, B/W blank the screen")
    run.add_argument("--auto", action="store_true", help="with --presentation: also advance on the timer")
    run.add_argument("--lock", action="store_true",
                     help="Esc and Q don't quit; hold Ctrl+Shift+Q for 2 s to quit")
    run.add_argument("--play-log", metavar="FILE", help="append one JSON line per panel shown (proof of play)")
    run.add_argument("--log-file", metavar="FILE", help="also log to FILE, rotated at 2 MB (5 files kept)")
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
    commands.add_parser("schema", help="print the content JSON Schema",
                        description="Print the JSON Schema of the content format on stdout.")
    commands.add_parser("screens", help="list the attached screens",
                        description="List the attached screens: index, name, geometry, and which is primary.")
    return parser


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


def schema_json() -> str:
    schema = Content.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "kiosk content.yaml"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None, default_content: str = "content.yaml") -> int:
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
        sys.stdout.write(schema_json())
        return EXIT_OK
    if args.command == "screens":
        return _screens()
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
    from kiosk.export.render import RenderError, render_deck

    app = make_app()
    if args.out is not None:
        try:
            written = render_deck(loaded, args.out, QSize(*args.size), when=args.at)
        except RenderError as error:
            print(f"kiosk: {error}", file=sys.stderr)
            return EXIT_WRITE
        for path in written:
            print(path)
    if args.pdf is not None:
        from kiosk.export.handout import write_pdf

        pages = write_pdf(loaded, args.pdf, QSize(*args.size), when=args.at, per_sheet=args.handout,
                          paper=args.paper)
        print(f"{args.pdf} ({pages} page{'s' * (pages != 1)})")
    del app
    return EXIT_OK


def _screens() -> int:
    from kiosk.app import make_app
    from kiosk.run.preflight import display_problem
    from kiosk.run.screens import screen_infos

    problem = display_problem()
    if problem:
        print(f"kiosk: {problem}", file=sys.stderr)
        return EXIT_USAGE
    app = make_app()
    for info in screen_infos():
        print(info.line())
    del app
    return EXIT_OK


def _run(loaded: Loaded | None, args: argparse.Namespace) -> int:
    from kiosk.app import run_kiosk
    from kiosk.run.preflight import display_problem

    problem = display_problem()
    if problem:
        print(f"kiosk: {problem}", file=sys.stderr)
        return EXIT_USAGE
    return run_kiosk(loaded, args)
