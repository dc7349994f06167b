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


def kiosk_on_a_full_disk(tmp_path: Path, *args: str, limit: int = 4096, stop_after: float | None = None,
                         env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python main.py ARGS`` with every file it writes limited to ``limit`` bytes; with
    ``stop_after``, SIGTERM (a clean stop) after that many seconds (coreutils ``timeout``)."""
    # No bytecode: a .pyc cut short by the limit would break every later import of that module.
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
                   "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    stop = ["timeout", "-s", "TERM", str(stop_after)] if stop_after else []
    return subprocess.run([*stop, sys.executable, str(ROOT / "main.py"), *args], env=environment,
                          capture_output=True, text=True, timeout=timeout, preexec_fn=full_disk(limit))
