"""A disk that fills up, for one child process: every file it writes stops growing at a limit.

RLIMIT_FSIZE makes a write past ``limit`` bytes fail with EFBIG, as a full disk fails with
ENOSPC: the same short write and OSError, on any file system, without root or a mount.
"""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def full_disk(limit: int):
    """A preexec_fn: files stop growing at ``limit`` bytes (SIGXFSZ ignored, so the write fails)."""
    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_files


def kiosk_on_a_full_disk(tmp_path: Path, *args: str, limit: int = 4096,
                         timeout: float = 120) -> subprocess.CompletedProcess:
    """``python main.py ARGS`` with every file it writes limited to ``limit`` bytes."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], env=env, capture_output=True,
                          text=True, timeout=timeout, preexec_fn=full_disk(limit))
