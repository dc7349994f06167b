"""Images decoded off the UI thread, within a time budget, and kept for the next showing.

Decoding a big JPEG takes a tenth of a second and an SVG of a few thousand translucent
shapes takes seconds; on the UI thread either would freeze a crossfade or the rotation.
So every image is decoded on one worker thread (Qt's image readers release the GIL).
The caller waits at most ``wait_seconds``: the whole budget for ``render`` and ``check``,
one frame for the running kiosk (``live_decoding``), which shows the panel's placeholder
meanwhile and gets ``decoded.ready`` to redraw once the image is there. A decode that
takes longer than ``DECODE_BUDGET`` seconds is thrown away: the image counts as unreadable.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

from kiosk.core.content.images import MAX_IMAGE_PIXELS, ImageRefusedError, image_format, image_identity, read_image

log = logging.getLogger(__name__)

DECODE_BUDGET = 2.0  # seconds one image may take to decode before it counts as unreadable
FRAME_BUDGET = 0.016  # what the running kiosk waits on the UI thread before showing the placeholder
CACHE_BYTES = 64 * 2**20  # decoded images kept for the next showing, least recently used first

Key = tuple
Result = tuple[QImage | None, str]  # the image (None when it failed) and why it failed


class Decoded(QObject):
    """Says, on the UI thread, that an image a panel waited for is now decoded (or failed)."""

    ready = Signal(object)  # the key


decoded = Decoded()
_settings = {"wait": DECODE_BUDGET + 0.5}
_cache: OrderedDict[Key, Result] = OrderedDict()
_pending: dict[Key, Future] = {}
_lock = threading.Lock()
_jobs: queue.SimpleQueue = queue.SimpleQueue()
_worker: threading.Thread | None = None


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
            future = _pending[key] = Future()
            _jobs.put((key, work, future))
            _start_worker()
    try:
        return future.result(timeout=_settings["wait"])
    except FutureTimeout:
        return None


def _start_worker() -> None:
    global _worker
    if _worker is None or not _worker.is_alive():
        # A daemon thread: a decode still running never holds up the kiosk's exit.
        _worker = threading.Thread(target=_work, name="kiosk-decode", daemon=True)
        _worker.start()


def _work() -> None:
    while True:
        key, work, future = _jobs.get()
        started = time.monotonic()
        try:
            image, why = work()
        except Exception as exc:  # a decoder bug must not end the worker
            image, why = None, f"cannot decode it ({exc})"
        elapsed = time.monotonic() - started
        if elapsed > DECODE_BUDGET:
            image, why = None, f"took {elapsed:.1f} s to decode, over the {DECODE_BUDGET:g} s budget"
            log.warning("image %s: %s; the panel shows without it", key[0], why)
        _store(key, (image, why))
        future.set_result((image, why))
        decoded.ready.emit(key)  # queued to the UI thread: the signal's object lives there


def _store(key: Key, result: Result) -> None:
    with _lock:
        _pending.pop(key, None)
        _cache[key] = result
        while len(_cache) > 1 and sum(_size(image) for image, _ in _cache.values()) > CACHE_BYTES:
            _cache.popitem(last=False)


def _size(image: QImage | None) -> int:
    return image.sizeInBytes() if image is not None else 0


def forget() -> None:
    """Empty the cache (tests, and the soak's memory figures)."""
    with _lock:
        _cache.clear()


def load_photo(folder: Path, name: str, side: int, *, fit: QSize | None = None) -> QImage | None:
    """Image ``name`` (beside the content) decoded at the size it is shown, or None.

    Aspect-filled to ``side`` x ``side`` (for the circle), or aspect-fit into ``fit``.
    Scaling happens while decoding, so a 4K screen gets every pixel the source has.
    The kiosk's one image loader: every panel image goes through here. The bytes come
    from read_image (inside the content folder, never a FIFO, size capped, an SVG only
    without references out), and Qt decodes them as the one format check identified.
    None also while a live decode is still running; ``decoded.ready`` follows.
    """
    return photo_result(folder, name, side, fit=fit)[0]


def photo_result(folder: Path, name: str, side: int, *, fit: QSize | None = None) -> Result:
    """load_photo's image, and why there is none ("" while a live decode still runs)."""
    try:
        identity = image_identity(folder, name)
    except ImageRefusedError as refused:
        log.warning("image: %s", refused)
        return None, str(refused)
    key = (*identity, side, fit.width() if fit else 0, fit.height() if fit else 0)
    return decode(key, lambda: _decode_file(folder, name, side, fit)) or (None, "")


def _decode_file(folder: Path, name: str, side: int, fit: QSize | None) -> Result:
    """On the worker: read, check and decode one image."""
    try:
        data = read_image(folder, name)
    except ImageRefusedError as refused:
        log.warning("image: %s", refused)
        return None, str(refused)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    reader = QImageReader(buffer, (image_format(data) or "").encode())  # that format only, as check said
    reader.setAutoTransform(True)  # phone photos carry their rotation in EXIF
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_IMAGE_PIXELS:
        log.warning("image %r: cannot decode it, or it is over %d pixels", name, MAX_IMAGE_PIXELS)
        return None, "cannot decode it"
    turned = bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
    shown = size.transposed() if turned else size
    if fit is not None:
        target = shown.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio)
    else:
        target = shown.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatioByExpanding)
    reader.setScaledSize(target.transposed() if turned else target)
    image = reader.read()
    if image.isNull():
        log.warning("image %r: %s", name, reader.errorString())
        return None, reader.errorString()
    return image, ""
