"""urgent.yaml: one message beside content.yaml that takes over the screen. No Qt here.

The file is read and validated like content.yaml, with the same error lines, so a
broken one is reported and never hides the good content.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import yaml

from kiosk.core.content.loader import validated
from kiosk.core.content.localize import localized_model
from kiosk.core.content.model import Urgent
from kiosk.core.content.schedule import end_of, written
from kiosk.core.content.timetext import ONE_DAY, later, parse_moment
from kiosk.core.content.yamlsource import parse_yaml, read_bytes

URGENT_NAME = "urgent.yaml"
_CLOCK = re.compile(r"\s*(\d{1,2}):(\d{2})\s*")
SHAPE = "the file must be a mapping with `text:` (and optionally `title:`, `link:`, `until:`, `wake:`)"


def urgent_path(content_path: str | Path) -> Path:
    """Where the urgent message for ``content_path`` lives: beside it."""
    return Path(content_path).parent / URGENT_NAME


def load_urgent(path: Path) -> Urgent | None:
    """The message in ``path``, or None when there is no file. Raises ContentError when it is broken."""
    if not path.exists() and not path.is_symlink():
        return None
    return checked_urgent(path, read_bytes(path))


def urgent_active(urgent: Urgent | None, when: datetime) -> bool:
    """A message stays until its ``until`` passes (a date: through that day)."""
    return urgent is not None and (urgent.until is None or when < end_of(urgent.until))


def in_languages(urgent: Urgent, languages: list[str]) -> list[Urgent]:
    """The message once per language it is written in, in the order of ``settings.languages``."""
    texts = {lang: localized_model(urgent, lang, languages[0]) for lang in languages}
    unique: list[Urgent] = []
    for message in texts.values():
        if message not in unique:
            unique.append(message)
    return unique


def parse_until(text: str, now: datetime) -> date | datetime:
    """``kiosk urgent --until``: 17:00 is today at five, or tomorrow once that has passed at ``now``;
    otherwise a date (through that day) or a date and time. Raises ValueError in staff words."""
    clock = _CLOCK.fullmatch(text)
    if clock and int(clock[1]) < 24 and int(clock[2]) < 60:
        moment = now.replace(hour=int(clock[1]), minute=int(clock[2]), second=0, microsecond=0)
        return moment if moment > now else later(moment, ONE_DAY)  # held on 9999-12-31, not overflowing
    try:
        return parse_moment(text)
    except ValueError as exc:
        raise ValueError(str(exc).replace("write ", "write 17:00, ")) from None


def urgent_document(text: str, title: str = "", until: date | datetime | None = None, wake: bool = False) -> bytes:
    """The YAML of a message, as ``kiosk urgent`` writes it."""
    data: dict[str, object] = {"title": title} if title else {}
    data["text"] = text
    if until is not None:
        data["until"] = written(until)
    if wake:
        data["wake"] = True
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000).encode()


def checked_urgent(path: Path, document: bytes) -> Urgent:
    """``document`` read as the kiosk will read it from ``path``; raises ContentError when it is broken."""
    return validated(parse_yaml(str(path), document), Urgent, SHAPE)
