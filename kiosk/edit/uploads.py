"""Photos and media uploaded from the page: type read from the bytes, size limited, stored under a safe name.

The name the browser sends is only a suggestion: it is reduced to lowercase letters, digits
and dashes, given the extension of what the bytes really are, and never overwrites a file.
The file goes into the content folder itself, beside content.yaml, and nowhere else.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from pathlib import Path

MAX_UPLOAD_BYTES = 50 * 1_000_000
# What each kind of file field takes: the extension for each type the bytes can show.
ACCEPTS = {
    "image": ("png", "jpg", "webp", "svg"),
    "pdf": ("pdf",),
    "video": ("mp4", "webm"),
}
WHAT = {"image": "a PNG, JPEG, WebP or SVG picture", "pdf": "a PDF", "video": "an MP4 or WebM video"}
BROWSER_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp", "svg": "image/svg+xml",
                 "pdf": "application/pdf", "mp4": "video/mp4", "webm": "video/webm"}


class UploadError(ValueError):
    """An upload the editor won't store; the message says what to send instead."""


def sniff(head: bytes) -> str | None:
    """The file type the first bytes show (an extension), or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith((b"<?xml", b"<svg", b"<!--", b"<!DOCTYPE svg")) and b"<svg" in head:
        return "svg"
    return None


def safe_stem(filename: str) -> str:
    """``Juan Óscar (1).JPG`` -> ``juan-oscar-1``: ASCII letters, digits and dashes only."""
    stem = Path(filename.replace("\\", "/")).name.rsplit(".", 1)[0]
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return words or "upload"


def store(folder: Path, filename: str, data: bytes, media: str, limit: int = MAX_UPLOAD_BYTES) -> str:
    """Write ``data`` into ``folder`` under a new safe name; return that name (relative to the folder)."""
    if not data:
        raise UploadError("the file is empty; choose the file again")
    if len(data) > limit:
        raise UploadError(f"the file is {len(data) / 1_000_000:.1f} MB; at most {limit / 1_000_000:g} MB")
    found = sniff(data[:512])
    if found not in ACCEPTS[media]:
        raise UploadError(f"that file is not {WHAT[media]}; choose {WHAT[media]}")
    stem = safe_stem(filename)
    for attempt in range(100):
        name = f"{stem}.{found}" if attempt == 0 else f"{stem}-{attempt + 1}.{found}"
        if attempt == 99:
            name = f"{stem}-{secrets.token_hex(4)}.{found}"
        try:
            descriptor = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        return name
    raise UploadError("too many files of that name; rename the file and try again")


def inside(folder: Path, relative: str) -> Path | None:
    """The file ``relative`` names if it is inside ``folder`` (after links are followed), else None."""
    if not relative or "\0" in relative or relative.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", relative):
        return None
    root = folder.resolve()
    path = (root / relative).resolve()
    return path if path != root and path.is_relative_to(root) else None
