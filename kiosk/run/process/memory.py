"""The C heap of a long run: what a slide change borrowed goes back to the system.

A slide's grab and a fade's pixmaps are screen-sized images (8 MB at 1080p, 33 MB at 4K).
glibc's malloc gives such a block its own mapping, but after the first one is freed it
raises its mmap threshold to that size ("dynamic threshold"), so every later grab comes
from the heap, and the heap keeps its high-water mark after the fade has ended: ~20 MB of
PSS at 1080p that the kiosk never used again. A fixed threshold keeps them mapped, so
freeing one returns it at once (and it turns the dynamic trim threshold off too).
What a slide's build leaves free in the middle of the heap is handed back after each change.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtGui import QPixmapCache

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number (malloc.h)
# Blocks this big or bigger get their own mapping. Far below a screen (a 640x360 image is
# 0.9 MB), far above what Qt and Python allocate by the thousand.
MMAP_THRESHOLD_BYTES = 1024 * 1024
# Qt's shared pixmap cache, which Qt's own painting fills (the kiosk puts nothing in it). Its
# default, 10 MB, filled over the first ~500 fades of the week soak and held there: +10 MB
# of RSS for the rest of the run. Every insertion seen there (gdb, a breakpoint on
# QPixmapCache::insert over a run of the seed) came from a QLabel's paint: Qt 6 files a label's
# pixmap there, under a key of that label's, and the entry outlives the label. So icons are not
# labels (kiosk/screen/icons.py); the bound stays for whatever else Qt may file there.
PIXMAP_CACHE_KB = 2048


@cache
def _c_library() -> ctypes.CDLL:
    # Loaded once: each CDLL builds a class of its own, and the trim runs after every change.
    return ctypes.CDLL(None)


@cache
def _libc(name: str, argtypes: tuple[type, ...], restype: type = ctypes.c_int) -> Callable[..., Any] | None:
    """glibc's function ``name``, or None where the C library has none (musl and others)."""
    function = getattr(_c_library(), name, None)
    if function is not None:
        function.argtypes, function.restype = argtypes, restype
    return function


def return_big_blocks() -> bool:
    """Fix glibc's mmap threshold for this process; False where the C library has no mallopt."""
    mallopt = _libc("mallopt", (ctypes.c_int, ctypes.c_int))
    if mallopt is None:
        log.debug("no mallopt in this C library; the heap keeps its default tuning")
        return False
    return mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1


def give_back_free_memory() -> None:
    """Return the heap's free pages to the system (malloc_trim; ~0.1 ms): what building and
    dropping a slide left free in the middle of the heap, which the fixed threshold doesn't."""
    trim = _libc("malloc_trim", (ctypes.c_size_t,))
    if trim is not None:
        trim(0)


def give_back_after_each_change(shown: SignalInstance) -> None:
    """After every slide change (``shown``), once the old slide's deferred deletion has run."""
    shown.connect(lambda *_: QTimer.singleShot(0, give_back_free_memory))


class _MallInfo2(ctypes.Structure):
    """glibc's ``struct mallinfo2`` (malloc.h, glibc 2.33+): every field a size_t."""

    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


def heap_usage() -> tuple[int, int, int] | None:
    """Bytes the C heap holds in use (including blocks in their own mapping), of them in their own
    mappings (screen-sized images), and bytes it holds free; None where the C library has no mallinfo2.

    The soak tells a leak from fragmentation by these: a leak grows what is in use; free holes
    between small blocks that stay in use (which malloc_trim cannot return) grow only the free part,
    up to a high-water mark."""
    mallinfo2 = _libc("mallinfo2", (), _MallInfo2)
    if mallinfo2 is None:
        return None
    info = mallinfo2()
    return info.uordblks + info.hblkhd, info.hblkhd, info.fordblks


def bound_pixmap_cache() -> None:
    """Keep Qt's pixmap cache to ``PIXMAP_CACHE_KB`` (Qt's default is 10 MB)."""
    QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
