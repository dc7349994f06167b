"""Where the kiosk's log goes: stderr (the journal under systemd) and, with --log-file, a rotating file."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

STDERR_FORMAT = "kiosk: %(levelname)s: %(message)s"
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# A month of a busy log is well under this; five files cap the disk use at 10 MB.
LOG_FILE_BYTES = 2_000_000
LOG_FILE_BACKUPS = 4

# QtMsgType values: debug, warning, critical, fatal, info (Qt keeps its old order).
QT_LEVELS = {0: logging.DEBUG, 1: logging.WARNING, 2: logging.ERROR, 3: logging.CRITICAL, 4: logging.INFO}


def setup_logging(log_file: str | None = None) -> None:
    """Log INFO and up to stderr and, when ``log_file`` is given, to that file, rotated by size."""
    logging.basicConfig(level=logging.INFO, format=STDERR_FORMAT)
    if log_file:
        add_log_file(Path(log_file))


def add_log_file(path: Path) -> logging.Handler:
    """Attach a size-rotated log file to the root logger (its folder is created if missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    logging.getLogger().addHandler(handler)
    return handler


def route_qt_messages() -> object:
    """Send Qt's own warnings (xcb, fonts, D-Bus) through Python logging; returns the previous handler."""
    from PySide6.QtCore import qInstallMessageHandler  # here: `kiosk check` never loads Qt

    return qInstallMessageHandler(qt_message)


def qt_message(kind: object, context: object, message: str) -> None:
    """A Qt message handler: log under ``qt`` (or ``qt.CATEGORY``) at the matching level."""
    category = getattr(context, "category", None)
    name = f"qt.{category}" if category and category != "default" else "qt"
    level = QT_LEVELS.get(getattr(kind, "value", kind), logging.WARNING)
    logging.getLogger(name).log(level, "%s", message)
