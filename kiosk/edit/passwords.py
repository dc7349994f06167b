"""The editor's password: a scrypt hash in the user's config folder, never in the content folder.

``kiosk edit --set-password`` writes ``~/.config/kiosk/editor.json`` (``$XDG_CONFIG_HOME``
when set), readable by its owner only. The password itself is never stored or logged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.atomic import write_atomically

MIN_LENGTH = 8
# scrypt's cost: 2**14 blocks of 8 x 128 bytes (16 MB, ~50 ms): slow to guess, quick to log in.
COST, BLOCK, PARALLEL = 2**14, 8, 1


class PasswordError(ValueError):
    """The password can't be set or read; the message says why, and what to do."""


@dataclass(frozen=True)
class PasswordHash:
    """A scrypt hash with its salt and cost, as stored in editor.json."""

    salt: bytes
    digest: bytes
    n: int = COST
    r: int = BLOCK
    p: int = PARALLEL

    @classmethod
    def of(cls, password: str) -> PasswordHash:
        """Hash a new password with a fresh salt."""
        salt = secrets.token_bytes(16)
        return cls(salt, _scrypt(password, salt, COST, BLOCK, PARALLEL))

    def matches(self, password: str) -> bool:
        """True for the right password (compared in constant time)."""
        return hmac.compare_digest(self.digest, _scrypt(password, self.salt, self.n, self.r, self.p))

    def as_json(self) -> str:
        """The editor.json text."""
        def b64(data: bytes) -> str:
            return base64.b64encode(data).decode("ascii")

        return json.dumps({"password": {"scheme": "scrypt", "n": self.n, "r": self.r, "p": self.p,
                                        "salt": b64(self.salt), "hash": b64(self.digest)}}, indent=2) + "\n"


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def config_path() -> Path:
    """Where the editor's settings live: ``$XDG_CONFIG_HOME/kiosk/editor.json``."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "kiosk" / "editor.json"


def save_password(password: str, path: Path | None = None) -> Path:
    """Store the hash of ``password`` (owner-only file); PasswordError if it is too short."""
    if len(password) < MIN_LENGTH:
        raise PasswordError(f"the password must be at least {MIN_LENGTH} characters long")
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomically(path, PasswordHash.of(password).as_json().encode("utf-8"))
    os.chmod(path, 0o600)
    return path


def load_password(path: Path | None = None) -> PasswordHash | None:
    """The stored hash, None when no password is set; PasswordError when the file is unreadable."""
    path = path or config_path()
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))["password"]
        if stored.get("scheme") != "scrypt":
            raise PasswordError(f"{path}: unknown password scheme; set the password again")
        return PasswordHash(base64.b64decode(stored["salt"]), base64.b64decode(stored["hash"]),
                            int(stored["n"]), int(stored["r"]), int(stored["p"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PasswordError(f"cannot read {path} ({exc}); set the password again with "
                            "`kiosk edit --set-password`") from None
