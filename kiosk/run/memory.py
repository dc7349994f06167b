"""The C heap of a long run: screen-sized buffers go back to the system when they are freed.

A slide's grab and a fade's pixmaps are screen-sized images (8 MB at 1080p, 33 MB at 4K).
glibc's malloc gives such a block its own mapping, but after the first one is freed it
raises its mmap threshold to that size ("dynamic threshold"), so every later grab comes
from the heap, and the heap keeps its high-water mark after the fade has ended: ~20 MB of
PSS at 1080p that the kiosk never used again. A fixed threshold keeps them mapped, so
freeing one returns it at once (and it turns the dynamic trim threshold off too).
"""

from __future__ import annotations

import ctypes
import logging

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number (malloc.h)
# Blocks this big or bigger get their own mapping. Far below a screen (a 640x360 image is
# 0.9 MB), far above what Qt and Python allocate by the thousand.
MMAP_THRESHOLD_BYTES = 1024 * 1024


def return_big_blocks() -> bool:
    """Fix glibc's mmap threshold for this process; False where the C library has no mallopt."""
    mallopt = getattr(ctypes.CDLL(None), "mallopt", None)  # musl and others have none
    if mallopt is None:
        log.debug("no mallopt in this C library; the heap keeps its default tuning")
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1
