"""Saving a draft: refuse when the file changed on disk, check it as `kiosk check` does, write it atomically.

Nothing is lost on any path: a refused save leaves the file as it is and hands the draft back
to the page; a good one keeps the replaced file as a version first.
"""

from __future__ import annotations

import difflib
import hashlib
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.core.atomic import write_atomically
from kiosk.core.content import ContentError, Problem, Severity, load_bytes
from kiosk.core.content.model import Content
from kiosk.edit.controls import Context, model_controls
from kiosk.edit.document import RoundTrip
from kiosk.edit.uploads import inside
from kiosk.edit.versions import Versions

OUTSIDE = "must name a file inside the content folder (beside {name}); upload the file here instead"


def file_digest(raw: bytes) -> str:
    """The whole-file hash a page carries, to tell whether the file changed since it was loaded."""
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class Conflict:
    """The file changed on disk since the page was loaded: both versions, and their differences."""

    disk_text: str
    mine_text: str
    disk_digest: str
    changed_at: datetime

    def diff(self) -> list[tuple[str, str]]:
        """(sign, line) pairs of a unified diff: "-" only on disk, "+" only in this page's version."""
        lines = difflib.unified_diff(self.disk_text.splitlines(), self.mine_text.splitlines(),
                                     "on disk", "yours", n=2, lineterm="")
        return [(line[:1], line[1:]) for line in list(lines)[2:]]


@dataclass
class Outcome:
    """What a save did: written (with any warnings), refused with problems, or refused by a conflict."""

    saved: bool
    problems: list[Problem] = field(default_factory=list)
    conflict: Conflict | None = None
    text: str = ""


class ContentFile:
    """The content file the editor serves, and the versions kept of it."""

    def __init__(self, path: Path, versions: Versions) -> None:
        self.path = path
        self.versions = versions
        self._lock = threading.Lock()  # one save at a time: a check-then-write must not interleave

    @property
    def folder(self) -> Path:
        """The content folder: uploads go here, and only its files are shown."""
        return self.path.parent

    def read(self) -> bytes:
        """The file's bytes as they are on disk now."""
        return self.path.read_bytes()

    def draft_text(self, draft: dict[str, Any]) -> str:
        """The file's text as it would be with ``draft`` saved into it."""
        return RoundTrip(self.read()).apply(draft)

    def check(self, text: str, draft: dict[str, Any] | None = None) -> list[Problem]:
        """Every problem `kiosk check` finds in ``text`` (warnings too), plus files named outside the folder."""
        try:
            problems = list(load_bytes(text.encode("utf-8"), self.path).warnings)
        except ContentError as error:
            problems = list(error.problems)
        return problems + (self._outside(draft) if draft is not None else [])

    def _outside(self, draft: dict[str, Any]) -> list[Problem]:
        """The page uploads into the content folder and shows files from it only: a path out of it is an error."""
        found = []
        for top in model_controls(Content, draft, "", Context()):
            for control in top.walk():
                if control.shape.kind == "file" and control.value and inside(self.folder, control.value) is None:
                    found.append(Problem(str(self.path), 0, 0, Severity.ERROR, control.name,
                                         OUTSIDE.format(name=self.path.name)))
        return found

    def save(self, draft: dict[str, Any], base: str, overwrite: str = "") -> Outcome:
        """Write ``draft`` if the file is still the one the page loaded (``base``) and it checks clean."""
        with self._lock:
            raw = self.read()
            text = RoundTrip(raw).apply(draft)
            digest = file_digest(raw)
            if digest not in (base, overwrite):
                return Outcome(False, conflict=self._conflict(raw, text), text=text)
            problems = self.check(text, draft)
            if any(problem.is_error for problem in problems):
                return Outcome(False, problems, text=text)
            self._write(raw, text.encode("utf-8"))
            return Outcome(True, problems, text=text)

    def restore(self, name: str, base: str) -> Outcome:
        """Put a kept version back (the file it replaces is kept in turn); it must still check clean."""
        version = self.versions.find(name)
        with self._lock:
            raw = self.read()
            if version is None:
                return Outcome(False, [Problem(str(self.path), 0, 0, Severity.ERROR, "",
                                               "that version is no longer kept; choose another")])
            text = version.path.read_text(encoding="utf-8")
            if file_digest(raw) != base:
                return Outcome(False, conflict=self._conflict(raw, text), text=text)
            problems = self.check(text)
            if any(problem.is_error for problem in problems):
                return Outcome(False, problems, text=text)
            self._write(raw, text.encode("utf-8"))
            return Outcome(True, problems, text=text)

    def _write(self, old: bytes, new: bytes) -> None:
        if new != old:
            self.versions.keep_copy(old)
            write_atomically(self.path, new)

    def _conflict(self, raw: bytes, mine: str) -> Conflict:
        changed = datetime.fromtimestamp(self.path.stat().st_mtime)
        return Conflict(raw.decode("utf-8", errors="replace"), mine, file_digest(raw), changed)
