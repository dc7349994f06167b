"""The decode executor (kiosk.screen.decode): one decode per image at a time, none left over at exit."""

from __future__ import annotations

import subprocess
import sys
import threading

from harness.contentfiles import ROOT


def test_a_decode_still_queued_when_the_command_ends_never_runs(kiosk_app):
    """A queued decode would hold up the exit; stop_decoding drops it, and later decodes work again."""
    from kiosk.screen import decode

    release, ran = threading.Event(), []

    def held():
        release.wait(5)
        return "held", ""

    decode.live_decoding(True)  # wait one frame, as the running kiosk does
    try:
        assert decode.decode(("held",), held) is None  # still decoding
        assert decode.decode(("queued",), lambda: (ran.append("queued"), "")) is None
        decode.stop_decoding()
        release.set()
    finally:
        decode.live_decoding(False)
    assert decode.decode(("after",), lambda: ("after", "")) == ("after", "")
    assert ran == []
    decode.forget()


SCRIPT = """
import threading
from kiosk.screen import decode
from kiosk.cli import main
decode.live_decoding(True)
started, release = threading.Event(), threading.Event()
def held(name):
    def work():
        started.set()
        release.wait(10)  # a slow SVG, still decoding when the command returns
        print("decoded", name, flush=True)
        return None, ""
    return work
for name in "abcd":
    decode.decode((name,), held(name))
started.wait(10)
code = main(["schema"])
print("exit", code, flush=True)
release.set()
"""


def test_the_command_line_leaves_queued_decodes_behind_at_exit(kiosk_app):
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    lines = [line for line in done.stdout.splitlines() if not line.startswith(("{", " ", "}"))]
    assert done.returncode == 0, done.stderr
    assert lines == ["exit 0", "decoded a"]  # the one in hand finishes; b, c and d never start
