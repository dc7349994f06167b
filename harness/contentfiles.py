"""The seed content and the copies of it that tests and benchmarks need: long durations, versions for reloads."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "content.yaml"
_DURATION_LINE = re.compile(r"^(\s*)duration:.*$", re.MULTILINE)
_TITLE_LINE = re.compile(r"^(  title:)(.*)$", re.MULTILINE)


def long_durations(folder: Path, seconds: int = 3600) -> Path:
    """The seed with every duration set to ``seconds``: nothing moves while idle is measured."""
    text = _DURATION_LINE.sub(lambda m: f"{m.group(1)}duration: {seconds}", SEED.read_text(encoding="utf-8"))
    path = folder / "content.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def version(text: str, number: int) -> bytes:
    """Content ``text`` with its title marked ``number``, so each version has a new digest."""
    return _TITLE_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)} · v{number}", text, count=1).encode("utf-8")


def digest(raw: bytes) -> str:
    """The digest the kiosk logs for content bytes (kiosk.core.content.loader)."""
    return hashlib.sha256(raw).hexdigest()[:12]
