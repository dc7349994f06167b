"""Problems found in a content file, and the one error type that carries them.

Every problem points at a place in the file, so staff can jump straight to it:
``content.yaml:12:5: error: panels[0].duration: must be at least 1 second``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How bad a Problem is: an error stops the file being used, a warning doesn't."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a content file."""

    path: str
    line: int
    column: int
    severity: Severity
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {self.severity.value}: {field}{self.message}"

    @property
    def is_error(self) -> bool:
        """True for a problem that stops the file being used."""
        return self.severity is Severity.ERROR


class ContentError(Exception):
    """The content file cannot be used. Carries at least one error Problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def summary(self) -> str:
        """One short line for a screen corner."""
        errors = [p for p in self.problems if p.is_error]
        first = errors[0] if errors else self.problems[0]
        more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
        return f"line {first.line}: {first.field + ': ' if first.field else ''}{first.message}{more}"


def format_field(loc: tuple[str | int, ...]) -> str:
    """Render a location tuple as ``panels[2].counters[0].value``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
