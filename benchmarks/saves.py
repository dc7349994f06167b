"""Save to painted, for each way editors save (``make bench``'s reload latency).

Each save is timed from ``time.monotonic()`` taken just before the editor touches the content
file's name (the kiosk's clock too, on Linux) to the kiosk's log line saying the new digest
was painted (kiosk/playback/trace.py's ``content … painted at monotonic=…``).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.stats import percentile
from harness.contentfiles import digest, long_durations, version
from harness.displays import launch
from harness.process import KioskProcess

PAINT_TIMEOUT_S = 60
SAVE_TIMEOUT_S = 5
BETWEEN_SAVES_S = 0.3  # a person saves again after a moment, not in the same instant


def in_place(path: Path, raw: bytes) -> float:
    """nano, VS Code, ``cat >``: the same file truncated and written (one inode throughout)."""
    saved_at = time.monotonic()
    with path.open("wb") as handle:
        handle.write(raw)
    return saved_at


def by_rename(path: Path, raw: bytes) -> float:
    """gedit (GIO), sync tools, deploy scripts: a temporary file written, then renamed over."""
    temp = path.with_name(f".{path.name}.new")
    temp.write_bytes(raw)
    saved_at = time.monotonic()
    os.replace(temp, path)
    return saved_at


def like_vim(path: Path, raw: bytes) -> float:
    """vim's backup-and-write (``backupcopy=no``): the original renamed to a backup, a new file
    written under the name and synced, the backup removed."""
    backup = path.with_name(f"{path.name}~")
    saved_at = time.monotonic()
    os.rename(path, backup)
    with path.open("wb") as handle:
        handle.write(raw)
        handle.flush()
        os.fsync(handle.fileno())
    backup.unlink()
    return saved_at


SaveKind = Callable[[Path, bytes], float]
KINDS: dict[str, SaveKind] = {"inplace": in_place, "rename": by_rename, "vim": like_vim}


class ReloadUnavailableError(Exception):
    """The kiosk painted no save at all: live reload is not there to measure."""


def save_latencies(save: SaveKind, saves: int) -> tuple[list[float], int]:
    """One fresh kiosk under Xvfb, ``saves`` saves of one kind: (latencies in ms, saves never painted)."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder, launch("xvfb", 1920, 1080) as server:
        content = long_durations(Path(folder))
        text = content.read_text(encoding="utf-8")
        with KioskProcess([str(content)], display=server) as kiosk:
            if kiosk.wait_painted(PAINT_TIMEOUT_S) is None:
                raise RuntimeError("the kiosk did not log its first paint")
            time.sleep(1)
            latencies, missed = [], 0
            for number in range(1, saves + 1):
                raw = version(text, number)
                saved_at = save(content, raw)
                painted = kiosk.wait_painted(SAVE_TIMEOUT_S, digest=digest(raw))
                if painted is None and not latencies:
                    raise ReloadUnavailableError(f"no new content painted within {SAVE_TIMEOUT_S} s of a save")
                if painted is None:
                    missed += 1
                else:
                    latencies.append((painted[1] - saved_at) * 1000)
                time.sleep(BETWEEN_SAVES_S)
    return latencies, missed


def reload_figures(runs: int, saves: int) -> dict[str, list[float]]:
    """p50, p95 and misses of each kind of save, one value per run."""
    figures: dict[str, list[float]] = {}
    for _ in range(runs):
        for kind, save in KINDS.items():
            latencies, missed = save_latencies(save, saves)
            figures.setdefault(f"reload_{kind}_p50_ms", []).append(percentile(latencies, 0.5))
            figures.setdefault(f"reload_{kind}_p95_ms", []).append(percentile(latencies, 0.95))
            figures.setdefault(f"reload_{kind}_missed", []).append(missed)
    return figures
