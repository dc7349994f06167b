"""Images decoded off the UI thread, within a time budget, and kept for the next showing.

Decoding a big JPEG takes a tenth of a second and an SVG of a few thousand translucent
shapes takes seconds; on the UI thread either would freeze a crossfade or the rotation.
So every image is decoded on a one-thread executor (Qt's image readers release the GIL).
The caller waits at most ``wait_seconds``: the whole budget for ``render`` and ``check``,
one frame for the running kiosk (``live_decoding``), which shows the panel's placeholder
meanwhile and gets ``decoded.ready`` to redraw once the image is there. A decode that
takes longer than ``DECODE_BUDGET`` seconds is thrown away: the image counts as unreadable.

The executor's thread is not a daemon: the interpreter's exit waits for it, and would run every
decode still queued first. ``stop_decoding`` (the command line calls it as it returns) drops the
queued ones, so at most the decode in hand finishes: the slowest SVG the checks let through
(10,000 translucent shapes) takes about 10 s at 1080p.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)

DECODE_BUDGET = 2.0  # seconds one image may take to decode before it counts as unreadable
FRAME_BUDGET = 0.016  # what the running kiosk waits on the UI thread before showing the placeholder
CACHE_BYTES = 64 * 2**20  # decoded images kept for the next showing, least recently used first

Key = tuple
Result = tuple[object, str]  # the decoded image (None when it failed) and why it failed


class Decoded(QObject):
    """Says, on the UI thread, that an image a panel waited for is now decoded (or failed)."""

    ready = Signal(object)  # the key


decoded = Decoded()
_settings = {"wait": DECODE_BUDGET + 0.5}
_cache: OrderedDict[Key, Result] = OrderedDict()
_pending: dict[Key, Future] = {}
_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None  # made on the first decode, again after stop_decoding


def live_decoding(live: bool = True) -> None:
    """The running kiosk: wait one frame on the UI thread, not the whole budget."""
    _settings["wait"] = FRAME_BUDGET if live else DECODE_BUDGET + 0.5


def decode(key: Key, work: Callable[[], Result]) -> Result | None:
    """``work()``'s result for ``key``: from the cache, or decoded on the worker while the caller
    waits up to the wait time. None means "not yet": ``decoded.ready`` fires when it is."""
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        future = _pending.get(key)
        if future is None:
            future = _pending[key] = _decoder().submit(_timed, key, work)
    try:
        return future.result(timeout=_settings["wait"])
    except (FutureTimeout, CancelledError):  # still decoding, or dropped by stop_decoding
        return None


def _decoder() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-decode")
    return _executor


def stop_decoding() -> None:
    """Drop the decodes still queued, so the process's exit waits at most for the one in hand."""
    global _executor
    with _lock:
        executor, _executor = _executor, None
        _pending.clear()
    if executor is not None:
        executor.shutdown(wait=False, cancel_futures=True)


def _timed(key: Key, work: Callable[[], Result]) -> Result:
    """On the executor: one decode, thrown away when it went over the budget."""
    started = time.monotonic()
    try:
        image, why = work()
    except Exception as exc:  # a decoder bug must not end in the executor: the panel shows without it
        image, why = None, f"cannot decode it ({exc})"
    elapsed = time.monotonic() - started
    if elapsed > DECODE_BUDGET:
        image, why = None, f"took {elapsed:.1f} s to decode, over the {DECODE_BUDGET:g} s budget"
        log.warning("image %s: %s; the panel shows without it", key[0], why)
    _store(key, (image, why))
    decoded.ready.emit(key)  # queued to the UI thread: the signal's object lives there
    return image, why


def _store(key: Key, result: Result) -> None:
    with _lock:
        _pending.pop(key, None)
        _cache[key] = result
        while len(_cache) > 1 and sum(_size(image) for image, _ in _cache.values()) > CACHE_BYTES:
            _cache.popitem(last=False)


def _size(result: object) -> int:
    image = getattr(result, "image", result)  # a Decoded, or a bare QImage
    return image.sizeInBytes() if isinstance(image, QImage) else 0


def forget() -> None:
    """Empty the cache (tests, and the soak's memory figures)."""
    with _lock:
        _cache.clear()
