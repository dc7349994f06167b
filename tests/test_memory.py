"""Memory: what a screen-sized image borrowed goes back to the system; what is never used is never loaded.

A fade borrows two screen-sized pixmaps and every slide change a grab; the kiosk must not
keep their high-water mark for the rest of its run (kiosk/run/process/memory.py). Each case runs in
a fresh interpreter, so glibc's heap starts as the kiosk's does.
"""

from __future__ import annotations

import os
import subprocess
import sys

from harness.contentfiles import ROOT

MB = 2**20
# Grab a 1080p screen and free it twice (the first free is what makes glibc start keeping
# them), then report how much resident memory the second one left behind.
SCRIPT = """
import os, sys
from PySide6.QtGui import QImage
from kiosk.run.process.memory import return_big_blocks

def resident():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

def grab_and_free():
    screen = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
    screen.fill(0xFF336699)
    del screen

if sys.argv[1] == "tuned":
    assert return_big_blocks()
grab_and_free()
before = resident()
grab_and_free()
print(resident() - before)
"""


def left_behind(mode: str) -> int:
    return int(run_fresh(SCRIPT, mode))


def test_a_freed_screen_sized_image_is_given_back_at_once():
    assert left_behind("tuned") < 1 * MB


def test_without_the_tuning_glibc_keeps_it():
    """The case above would pass for nothing if the C library gave it back anyway."""
    assert left_behind("default") > 7 * MB


def run_fresh(script: str, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True, check=True,
                          timeout=60, env=env)
    return done.stdout.strip()


def test_a_qr_code_does_not_load_the_web_client():
    """segno's import would pull in urllib.request, http.client, email and ssl (~4 MB) for nothing."""
    out = run_fresh("""
import sys
from kiosk.screen.qr import qr_modules
assert qr_modules("https://results.ed.gov/") == 33
print(sorted(m for m in ("urllib.request", "http.client", "email", "ssl") if m in sys.modules))
import urllib.request  # anyone who does need it later gets the real module
import xml.sax.saxutils
print(xml.sax.saxutils.urllib.request.urlopen.__name__)
""")
    assert out.splitlines() == ["[]", "urlopen"]


def test_loading_content_does_not_scan_installed_packages():
    """pydantic would scan every installed package's entry points for plugins the kiosk doesn't use;
    kiosk/__init__.py turns them off with PYDANTIC_DISABLE_PLUGINS, and validation works as before."""
    out = run_fresh("""
import importlib.metadata, os
scans = []
importlib.metadata.entry_points = lambda **kw: scans.append(kw) or ()  # before pydantic's loader binds it
from kiosk.core.content import load_content
loaded = load_content("content.yaml")
print(scans, os.environ["PYDANTIC_DISABLE_PLUGINS"], bool(loaded.content.panels))
""", env={name: value for name, value in os.environ.items() if name != "PYDANTIC_DISABLE_PLUGINS"})
    assert out == "[] __all__ True"


def test_memory_freed_in_the_middle_of_the_heap_is_given_back_after_a_change():
    """A slide's build leaves free pages below blocks still in use; the heap can't shrink past
    those by itself, so after each change the kiosk hands the free pages back."""
    out = run_fresh("""
import os
from kiosk.run.process.memory import give_back_free_memory, return_big_blocks

def resident():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

return_big_blocks()
built = [bytes(2000) for _ in range(10000)]  # 20 MB of heap, as a slide's pieces are
kept = bytes(2000)  # still in use, on top of them
del built
before = resident()
give_back_free_memory()
print(before - resident())
""")
    assert int(out) > 15 * MB


def test_the_heap_counts_a_block_in_use_while_it_is_held():
    """What the week soak's census logs to tell a leak (in use grows) from fragmentation (free grows).
    In a fresh interpreter tuned as the kiosk is: glibc's threshold depends on what a process freed before."""
    out = run_fresh("""
from kiosk.run.process.memory import heap_usage, return_big_blocks
MB = 1024 * 1024
return_big_blocks()
before = heap_usage()
held = bytearray(8 * MB)
used, mapped, free = heap_usage()
del held
after = heap_usage()
print(before is not None, (used - before[0]) // MB, (mapped - before[1]) // MB, free >= 0, (after[0] - before[0]) // MB)
""")
    assert out.split() == ["True", "8", "8", "True", "0"]  # in use and in its own mapping while held; then back


def test_qt_pixmap_cache_is_kept_small(kiosk_app):
    """Qt fills its shared pixmap cache up to its limit and keeps it: at Qt's 10 MB that was
    most of the week soak's RSS growth (kiosk/run/process/memory.py)."""
    from PySide6.QtGui import QPixmapCache

    from kiosk.run.process.memory import PIXMAP_CACHE_KB

    assert QPixmapCache.cacheLimit() == PIXMAP_CACHE_KB < 10240


def test_giving_memory_back_after_each_change_leaves_no_objects_behind():
    """It runs after every change, a week's worth of times: loading the C library anew each time
    built a class each time (ctypes gives each library its own), garbage that only the cycle
    collector frees and that interleaves with a slide's blocks on the heap."""
    out = run_fresh("""
import gc
from kiosk.run.process.memory import give_back_free_memory, heap_usage
give_back_free_memory(), heap_usage()
gc.disable()
before = len(gc.get_objects())
for _ in range(200):
    give_back_free_memory()
    heap_usage()
print(len(gc.get_objects()) - before)
""")
    assert int(out) < 10


def test_a_slide_s_icons_go_when_the_slide_goes():
    """Each content version rebuilds its slides; their old icons must not stay alive in Qt's
    shared pixmap cache (a QLabel's pixmap went there on every paint, up to the cache's limit)."""
    out = run_fresh("""
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor, QPixmapCache
from PySide6.QtWidgets import QApplication
from kiosk.run.process.memory import heap_usage, return_big_blocks
from kiosk.screen.icons import icon_label
return_big_blocks()
app = QApplication([])
QPixmapCache.setCacheLimit(64 * 1024)  # room for everything: only what is alive should stay
def build_and_drop(shade):
    label = icon_label("fa5s.users", QColor(shade, 0, 0), 120)  # 56 KB a pixmap
    label.grab()  # painted, as on screen
    label.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the event loop does
build_and_drop(0)
before = heap_usage()[0]
for shade in range(1, 101):
    build_and_drop(shade)
print((heap_usage()[0] - before) // 1024)
""")
    assert int(out) < 1024  # KB; 100 icons kept would be 5.6 MB
