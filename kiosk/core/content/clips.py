"""Video clips: what `check` can tell without decoding one, and whether this machine can play any. No Qt here.

Playing needs QtMultimedia, which PySide6-Essentials lacks; it comes with PySide6-Addons,
the optional extra ``pip install 'kiosk[video]'``. Without it a video panel is a `check`
warning naming that line, and the rotation leaves the panel out.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from kiosk.core.content.images import ImageRefusedError, read_confined

MAX_CLIP_BYTES = 500 * 1024 * 1024  # a few minutes of 1080p H.264; the player streams it, never reads it whole
INSTALL_VIDEO = "pip install 'kiosk[video]'"


@lru_cache(maxsize=1)
def video_support() -> bool:
    """True when QtMultimedia can be imported (found without importing it: check stays Qt-free)."""
    try:
        return importlib.util.find_spec("PySide6.QtMultimedia") is not None
    except (ImportError, ValueError):
        return False


def clip_problem(folder: Path, name: str) -> str | None:
    """Why clip ``name`` won't play, judged from where it is, its size and its first bytes; None if it may."""
    try:
        head = read_confined(folder, name, MAX_CLIP_BYTES, "video", head=64)
    except ImageRefusedError as refused:
        return str(refused)
    if not (is_mp4(head) or head.startswith(b"\x1a\x45\xdf\xa3")):  # ISO media (MP4), or EBML (WebM)
        return f"{Path(name).name!r} is not an MP4 or WebM video"
    return None


def is_mp4(head: bytes) -> bool:
    """True when a file's first bytes open ISO media (MP4): its ``ftyp`` box."""
    return head[4:8] == b"ftyp"
