"""Read an image the content names, refusing anything a hostile path could point at.

Staff name images relative to the content file. The kiosk reads only regular files
inside that folder (after resolving symlinks), never opens a FIFO or a device (a
blocking open would freeze the screen), and refuses files or pixel counts too large
to decode on a small player. No Qt here: ``check`` runs these same rules.
"""

from __future__ import annotations

import os
import stat
import struct
from pathlib import Path

from kiosk.core.content.svg import SvgRefusedError, check_svg

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # about 7700 x 5200; a decoded image of that size is 160 MB


class ImageRefusedError(Exception):
    """The image cannot be shown; the message says why, for a check warning or the log."""


def read_image(folder: Path, name: str) -> bytes:
    """The bytes of image ``name`` (relative to ``folder``), or raise ImageRefusedError."""
    data = read_confined(folder, name, MAX_IMAGE_BYTES, "image")
    kind = image_format(data)
    if kind is None:
        raise ImageRefusedError(f"{Path(name).name!r} is not a {SHOWN_FORMATS} image")
    if kind in ("svg", "svgz"):
        try:
            check_svg(data)
        except SvgRefusedError as refused:
            raise ImageRefusedError(f"SVG image {name!r} {refused}") from None
    size = image_size(data)
    if size and size[0] * size[1] > MAX_IMAGE_PIXELS:
        raise ImageRefusedError(f"image {name!r} is {size[0]}x{size[1]} pixels; the limit is "
                           f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels")
    return data


def read_confined(folder: Path, name: str, max_bytes: int, what: str, *, head: int | None = None) -> bytes:
    """The bytes of file ``name`` inside ``folder``, at most ``max_bytes``, or raise ImageRefusedError.

    The one reader of every file the content names (images, slide decks, video): ``what``
    ("image", "slide deck") names it in the messages. ``head`` reads only that many bytes
    from the start (a clip's header), after the same checks.
    """
    target = _inside(folder, name, what)
    try:
        # O_NONBLOCK: if the path became a FIFO since it was resolved, open still returns.
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ImageRefusedError(f"cannot read {what} {name!r}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        _refuse_special(name, info.st_mode, what)
        if info.st_size > max_bytes:
            raise ImageRefusedError(f"{what} {name!r} is {info.st_size:,} bytes; "
                                    f"the limit is {max_bytes // 2**20} MiB")
        return handle.read(max_bytes + 1 if head is None else head)


SHOWN_FORMATS = "PNG, JPEG, GIF, WebP, BMP or SVG"
_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF87a", "gif"),
               (b"GIF89a", "gif"), (b"BM", "bmp"), (b"\x1f\x8b", "svgz"))  # gzip: a compressed SVG


def image_format(data: bytes) -> str | None:
    """The format the kiosk decodes ``data`` as, by its first bytes; None for anything else.

    The Qt loader decodes with exactly this format, so what ``check`` accepts is what shows.
    """
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and b"<svg" in data[:65536]:
        return "svg"
    return None


def image_identity(folder: Path, name: str) -> tuple[str, int, int, int]:
    """Where image ``name`` really is and which version (path, inode, size, mtime), without opening it.

    Raises ImageRefusedError for what read_image would refuse by its path alone.
    """
    target = _inside(folder, name)
    try:
        info = os.stat(target)
    except OSError as exc:
        raise ImageRefusedError(f"cannot read image {name!r}: {exc.strerror or exc}") from None
    return str(target), info.st_ino, info.st_size, info.st_mtime_ns


def confined_path(folder: Path, name: str, what: str) -> Path:
    """The resolved path of ``name``, checked as read_confined checks it, for readers that
    need a path rather than bytes (the video player streams its file)."""
    return _inside(folder, name, what)


def _inside(folder: Path, name: str, what: str = "image") -> Path:
    """Resolve ``name`` and insist it stays inside ``folder`` and is a regular file."""
    try:
        base = folder.resolve()
        target = (folder / name).resolve()
        if not target.is_relative_to(base):  # before any stat: never probe outside the folder
            raise ImageRefusedError(f"{what} {name!r} is outside the content file's folder")
        mode = os.stat(target).st_mode  # stat, never open, a FIFO
    except FileNotFoundError:
        raise ImageRefusedError(f"{what} {name!r} not found") from None
    except (OSError, RuntimeError, ValueError) as exc:  # a loop (RuntimeError before 3.13), a NUL byte
        raise ImageRefusedError(f"cannot read {what} {name!r}: {exc}") from None
    _refuse_special(name, mode, what)
    return target


def _refuse_special(name: str, mode: int, what: str) -> None:
    if stat.S_ISDIR(mode):
        raise ImageRefusedError(f"{name!r} is a folder, not {'an' if what[0] in 'aeiou' else 'a'} {what}")
    if not stat.S_ISREG(mode):
        raise ImageRefusedError(f"{name!r} is not a regular file (a pipe, socket or device)")


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG, GIF, BMP, WebP or JPEG header; None for other formats."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data.startswith(b"BM") and len(data) >= 26:
        width, height = struct.unpack("<ii", data[18:26])
        return abs(width), abs(height)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_size(data)
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    """The canvas size of a lossy (VP8), lossless (VP8L) or extended (VP8X) WebP."""
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    return None


_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Walk the JPEG segments to the start-of-frame marker that holds the size."""
    at = 2
    while at + 9 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return width, height
        at += 2 + struct.unpack(">H", data[at + 2:at + 4])[0]
    return None
