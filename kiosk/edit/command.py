"""`kiosk edit`: its command line, the password prompt, and the web server (uvicorn) it starts."""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.edit.passwords import MIN_LENGTH, PasswordError, PasswordHash, load_password, save_password
from kiosk.edit.uploads import MAX_UPLOAD_BYTES

DEFAULT_LISTEN = "127.0.0.1:8080"
EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


def listen_arg(text: str) -> tuple[str, int]:
    """``0.0.0.0:8080``, ``127.0.0.1:8080``, ``[::]:8080`` or ``:8080`` (every address)."""
    host, _, port = text.rpartition(":")
    host = host.strip("[]") or "0.0.0.0"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"--listen needs an address and a port, such as 0.0.0.0:8080, not {text!r}")
    return host, int(port)


def add_edit_command(commands: argparse._SubParsersAction, default_content: str,
                     size_arg: Callable[[str], tuple[int, int]]) -> None:
    """The ``edit`` subcommand's arguments (``size_arg`` reads WxH as the other commands do)."""
    edit = commands.add_parser(
        "edit", help="change the content from a web browser",
        description="Serve a web page that edits the content file itself (comments kept), at "
                    f"http://{DEFAULT_LISTEN}/ unless --listen says otherwise.")
    edit.add_argument("content", nargs="?", default=default_content, help="content file (default: %(default)s)")
    edit.add_argument("--listen", type=listen_arg, default=listen_arg(DEFAULT_LISTEN), metavar="ADDRESS:PORT",
                      help=f"where to serve (default {DEFAULT_LISTEN}, this machine only); another address, "
                           "such as 0.0.0.0:8080, needs a password (--set-password)")
    edit.add_argument("--set-password", action="store_true",
                      help="set the editor's password (stored hashed in ~/.config/kiosk/editor.json) and stop")
    edit.add_argument("--size", type=size_arg, default=(1920, 1080), metavar="WxH",
                      help="the display's size, for previews (default 1920x1080)")
    edit.add_argument("--max-upload", type=int, default=MAX_UPLOAD_BYTES // 1_000_000, metavar="MB",
                      help="the largest photo or media file accepted (default %(default)s MB)")


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.1, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_edit(args: argparse.Namespace) -> int:
    """Set the password, or serve the editor; a reason not to start is one line on stderr."""
    if args.set_password:
        return _set_password()
    content = Path(args.content)
    if not content.is_file():
        print(f"kiosk edit: no content file at {content}", file=sys.stderr)
        return EXIT_USAGE
    host, port = args.listen
    try:
        password = load_password()
    except PasswordError as error:
        print(f"kiosk edit: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    if password is None and not is_loopback(host):
        print(f"kiosk edit: --listen {host}:{port} lets other machines change the display; set a password "
              "first with `kiosk edit --set-password` (or listen on 127.0.0.1 only)", file=sys.stderr)
        return EXIT_USAGE
    return _serve(content, host, port, password, args)


def _set_password() -> int:
    try:
        if sys.stdin.isatty():
            first = getpass.getpass(f"New editor password (at least {MIN_LENGTH} characters): ")
            if getpass.getpass("The same again: ") != first:
                print("kiosk edit: the two passwords differ; nothing changed", file=sys.stderr)
                return EXIT_USAGE
        else:
            first = sys.stdin.readline().rstrip("\r\n")  # from a script: one line on stdin
        path = save_password(first)
    except PasswordError as error:
        print(f"kiosk edit: {error}; nothing changed", file=sys.stderr)
        return EXIT_USAGE
    except (EOFError, KeyboardInterrupt):
        print("\nkiosk edit: no password given; nothing changed", file=sys.stderr)
        return EXIT_USAGE
    print(f"password set (its scrypt hash is in {path}); `kiosk edit --listen 0.0.0.0:8080` can start now")
    return EXIT_OK


def _serve(content: Path, host: str, port: int, password: PasswordHash | None, args: argparse.Namespace) -> int:
    import uvicorn

    from kiosk.edit.server import Editor, build_app

    editor = Editor(content, password=password, loopback_only=password is None, size=args.size,
                    max_upload=args.max_upload * 1_000_000)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    where = f"http://{shown}:{port}/" + ("" if is_loopback(host) else f" (and at this machine's name: "
                                          f"http://{socket.gethostname()}:{port}/)")
    print(f"kiosk edit: editing {editor.content} at {where}; Ctrl+C stops", file=sys.stderr, flush=True)
    config = uvicorn.Config(build_app(editor), host=host, port=port, log_level="warning", access_log=False,
                            server_header=False, proxy_headers=False, timeout_graceful_shutdown=5)
    try:
        uvicorn.Server(config).run()
    except OSError as error:
        print(f"kiosk edit: cannot listen on {host}:{port}: {error.strerror or error}", file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK
