"""Hostile inputs too big to commit, generated in tmp_path at test time."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

VALID = "settings: {title: Lobby}\npanels:\n  - {id: a, kind: text, title: A, body: Hello}\n"


def huge_png(path: Path, width: int = 10_000, height: int = 10_000) -> Path:
    """A real, valid 1-bit greyscale PNG of ``width`` x ``height`` (100 megapixels by default)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\x00" * ((width + 7) // 8)  # filter byte, then the packed pixels
    packer = zlib.compressobj(9)
    pixels = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
                     + chunk(b"IEND", b""))
    return path


def fifty_megabytes(path: Path) -> Path:
    """Valid content padded with comments to 50 MB: only the size limit can stop it."""
    line = b"# padding padding padding padding padding padding padding padding padding\n"
    with open(path, "wb") as handle:
        handle.write(VALID.encode())
        handle.write(line * (50 * 2**20 // len(line)))
    return path


def many_panels(path: Path, count: int = 5000) -> Path:
    panels = "".join(f"  - {{id: p{i}, kind: text, title: Panel {i}, body: Hello}}\n" for i in range(count))
    path.write_text("settings: {title: Lobby}\npanels:\n" + panels, encoding="utf-8")
    return path
