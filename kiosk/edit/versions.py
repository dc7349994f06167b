"""The last versions of the content file, kept before every save so any of them can be put back.

They live in the user's state folder (``$XDG_STATE_HOME/kiosk/versions/NAME-HASH/``), not beside
the content, so the display and a sync tool never see them. A version is named by when it was
replaced and its digest; a request names a version only by a name this listing gave out.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.core.atomic import write_atomically
from kiosk.core.content.loader import content_digest

KEEP = 20
_NAME = re.compile(r"^(\d{8}-\d{6}-\d{6})-([0-9a-f]{12})\.yaml$")


@dataclass(frozen=True)
class Version:
    """One kept version: its file, when it was replaced, and its digest."""

    path: Path
    when: datetime
    digest: str

    @property
    def name(self) -> str:
        """The version's file name, the only way a request may name it."""
        return self.path.name

    @property
    def size(self) -> int:
        """Its size in bytes."""
        return self.path.stat().st_size


def versions_folder(content: Path) -> Path:
    """The folder of one content file's versions (two content files never share one)."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    tag = hashlib.sha256(str(content.resolve()).encode("utf-8")).hexdigest()[:8]
    return Path(base) / "kiosk" / "versions" / f"{content.stem}-{tag}"


class Versions:
    """The kept versions of one content file, newest first, at most KEEP."""

    def __init__(self, folder: Path, keep: int = KEEP) -> None:
        self.folder, self.keep = folder, keep

    def all(self) -> list[Version]:
        """Every kept version, newest first."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.iterdir():
            match = _NAME.match(path.name)
            if match and path.is_file():
                found.append(Version(path, datetime.strptime(match[1], "%Y%m%d-%H%M%S-%f"), match[2]))
        return sorted(found, key=lambda version: version.name, reverse=True)

    def keep_copy(self, raw: bytes, when: datetime | None = None) -> Version | None:
        """Keep ``raw`` (the file about to be replaced), unless the newest kept one is the same."""
        digest = content_digest(raw)
        kept = self.all()
        if kept and kept[0].digest == digest:
            return None
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        when = when or datetime.now()
        path = self.folder / f"{when.strftime('%Y%m%d-%H%M%S-%f')}-{digest}.yaml"
        write_atomically(path, raw)
        for old in self.all()[self.keep:]:
            old.path.unlink(missing_ok=True)
        return Version(path, when, digest)

    def find(self, name: str) -> Version | None:
        """The version this listing calls ``name``; None for any other name (never a path)."""
        return next((version for version in self.all() if version.name == name), None)
