"""What changes when a file is written, replaced or deleted: its inode, size and mtime. No Qt here."""

from __future__ import annotations

import os
from pathlib import Path

Signature = tuple[int, int, int] | None  # inode, size, mtime in ns; None when missing


def signature(path: Path) -> Signature:
    """The file's signature now; None when it can't be read."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns
