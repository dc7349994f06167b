"""Start the real kiosk process and read the line it logs when a content version is painted."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAINTED = re.compile(r"kiosk: INFO: content (\w+) painted at monotonic=([0-9.]+)")


class KioskProcess:
    """``python main.py run CONTENT`` on ``display``; its stderr is read on a thread."""

    def __init__(self, content: Path, display: str, extra_env: dict[str, str] | None = None) -> None:
        env = dict(os.environ)
        env.pop("KIOSK_TIME_SCALE", None)  # real durations unless a benchmark asks otherwise
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", **(extra_env or {}))
        self.started_at = time.monotonic()  # same clock as the kiosk's monotonic= on Linux
        self.process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "run", str(content)],
                                        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True)
        self.painted: queue.Queue[tuple[str, float]] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read(self) -> None:
        for line in self.process.stderr:
            self.log.append(line.rstrip())
            match = PAINTED.search(line)
            if match:
                self.painted.put((match.group(1), float(match.group(2))))

    def wait_painted(self, timeout: float, digest: str | None = None) -> tuple[str, float] | None:
        """The next painted (digest, monotonic) line, optionally of ``digest``; None on timeout."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                seen = self.painted.get(timeout=left)
            except queue.Empty:
                break
            if digest is None or seen[0] == digest:
                return seen
        if self.process.poll() is not None:
            tail = "\n".join(self.log[-10:])
            raise RuntimeError(f"the kiosk exited with code {self.process.returncode}:\n{tail}")
        return None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> KioskProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
