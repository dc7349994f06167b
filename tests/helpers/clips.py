"""Video clips for the tests, made with ffmpeg (installed by resources/install-system-deps.sh)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def make_clip(path: Path, seconds: float = 1.0, size: str = "160x90", rate: int = 25) -> Path:
    """A moving test pattern (ffmpeg's testsrc2), H.264 in MP4 or VP8 in WebM by the suffix."""
    codec = ["-c:v", "libvpx", "-b:v", "200k"] if path.suffix == ".webm" else ["-c:v", "libx264", "-pix_fmt",
                                                                               "yuv420p"]
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=size={size}:rate={rate}:duration={seconds}", *codec, str(path)],
                   check=True, timeout=120)
    return path
