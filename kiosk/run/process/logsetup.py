"""Where the kiosk's log goes: stderr (the journal under systemd) and, with --log-file, a rotating file."""

from __future__ import annotations

import contextlib
import enum
import logging
import logging.handlers
import sys
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


def add_log_file(path: Path) -> logging.Handler | None:
    """Attach a size-rotated log file to the root logger (its folder is created if missing).

    A file that can't be opened (a folder, no permission, a read-only disk) is one warning
    on stderr, and the kiosk logs there only: a log must never stop the show.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = KeptLogFile(path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_BACKUPS, encoding="utf-8")
    except OSError as exc:
        logging.getLogger(__name__).warning(
            "cannot write the log file %s: %s; the kiosk keeps running and logs to standard error only",
            path, exc.strerror or exc)
        return None
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    logging.getLogger().addHandler(handler)
    return handler


class KeptLogFile(logging.handlers.RotatingFileHandler):
    """A rotating log file whose write errors (a full disk, /dev/full) are one line, not a traceback each."""

    failing = False

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record, and say once the log file can be written again."""
        super().emit(record)
        if self.failing and not self._error_now:
            self.failing = False
            sys.stderr.write(f"kiosk: INFO: writing the log file {self.baseFilename} again\n")
        self._error_now = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802
        """Say once, on stderr, that the log file cannot be written, instead of a traceback per line."""
        self._error_now = True
        if self.failing:
            return
        self.failing = True
        error = sys.exc_info()[1]
        reason = getattr(error, "strerror", None) or error
        sys.stderr.write(f"kiosk: WARNING: cannot write the log file {self.baseFilename}: {reason}; "
                         "the kiosk keeps running and logs to standard error only until it can\n")

    def close(self) -> None:
        """Close the file, quietly if its last line cannot be written either."""
        with contextlib.suppress(OSError):  # the last buffered line could not be written either; said already
            super().close()

    _error_now = False


def route_qt_messages() -> object:
    """Send Qt's own warnings (xcb, fonts, D-Bus) through Python logging; returns the previous handler."""
    from PySide6.QtCore import qInstallMessageHandler  # here: `kiosk check` never loads Qt

    return qInstallMessageHandler(qt_message)


def qt_message(kind: enum.Enum | int, context: object, message: str) -> None:
    """A Qt message handler: log under ``qt`` (or ``qt.CATEGORY``) at the matching level."""
    category = getattr(context, "category", None)
    name = f"qt.{category}" if category and category != "default" else "qt"
    level = QT_LEVELS.get(kind.value if isinstance(kind, enum.Enum) else kind, logging.WARNING)  # QtMsgType
    logging.getLogger(name).log(level, "%s", message)
