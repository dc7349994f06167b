"""status.json: what one display is doing, and the one-line summary `kiosk status` prints. No Qt here.

The running kiosk fills a ``Status`` and writes it as JSON into the status folder; the
office reads those files (synced from every display) with ``kiosk status DIR…``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

STATUS_NAME = "status.json"
SCREEN_NAME = "screen.png"
STALE_SECONDS = 5 * 60  # the kiosk rewrites its status at least once a minute
SCREEN_WIDTH = 960  # screen.png is at most this wide: enough to recognise a panel, small to sync


def kiosk_version() -> str:
    """The kiosk's installed version, as status.json says it; "unknown" when it isn't installed."""
    from importlib.metadata import PackageNotFoundError, version  # 58 modules: only where a status is written

    try:
        return version("kiosk")
    except PackageNotFoundError:
        return "unknown"


@dataclass
class Status:
    """Everything status.json holds. Times are local ISO 8601 with their offset."""

    host: str
    started: str
    version: str = field(default_factory=kiosk_version)
    updated: str = ""
    uptime_seconds: int = 0
    content: str = ""  # the content digest on screen
    content_loaded: str = ""
    reload: dict[str, object] = field(default_factory=lambda: {"ok": True, "errors": []})
    panel: str | None = None
    lang: str | None = None
    screen: str = "on"  # on | off (settings.power) | woken (a key, or an urgent message)
    urgent: dict[str, object] | None = None
    next_change: str | None = None  # the next moment the schedule or the power changes

    def to_json(self) -> bytes:
        """The status as status.json's bytes: indented UTF-8 JSON ending in a newline."""
        return (json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n").encode()


def stamp(moment: datetime) -> str:
    """A local time as status.json writes it: 2026-12-01T09:00:00+01:00."""
    return moment.astimezone().isoformat(timespec="seconds")


def read_status(folder: Path) -> dict[str, object]:
    """The status in ``folder``; raises OSError or ValueError with a reason staff can read."""
    path = Path(folder) / STATUS_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OSError(f"no {STATUS_NAME} (is the kiosk started with --status-dir {folder}?)") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{STATUS_NAME} is not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{STATUS_NAME} does not hold a status")
    return data


def summary_line(folder: Path, data: dict[str, object], now: datetime) -> str:
    """One line per display: name, content version, what is on screen, last error, age of the status."""
    name = str(data.get("host") or Path(folder).name)
    age = _age_seconds(data.get("updated"), now)
    reload = data.get("reload")
    errors = reload.get("errors") or [] if isinstance(reload, dict) else []
    parts = [name, f"content {data.get('content') or '-'}", _on_screen(data),
             f"last error: {errors[0]}" if errors else "no errors",
             "age unknown" if age is None else f"updated {_ago(age)} ago"]
    stale = age is None or age > STALE_SECONDS
    return ("STALE " if stale else "") + "  ".join(parts)


def _on_screen(data: dict[str, object]) -> str:
    urgent = data.get("urgent")
    if data.get("screen") == "off":
        return "screen off"
    if isinstance(urgent, dict):
        said = urgent.get("title") or urgent.get("text")
        if isinstance(said, dict):  # one text per language: the first
            said = next(iter(said.values()), "")
        return f"urgent: {said}"
    panel = data.get("panel")
    return f"showing {panel}" if panel else "showing the title and a clock"


def _age_seconds(updated: object, now: datetime) -> float | None:
    try:
        moment = datetime.fromisoformat(str(updated))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return (now.astimezone() - moment).total_seconds()


def _ago(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 2 * 3600:
        return f"{seconds // 60} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"
