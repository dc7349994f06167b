"""What keeps the editor safe on a LAN: sessions, CSRF tokens, login rate limits, body and host limits.

- A session is a random token in an HttpOnly, SameSite=Strict cookie; the server keeps the rest.
- Every form carries the session's CSRF token; a POST without it is refused.
- Failed logins from one address are limited (``LOGIN_TRIES`` a minute).
- A request body over the limit is cut off with 413, before it is read into memory.
- Without a password the editor answers only to a loopback Host (no DNS rebinding from a web page).
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "kiosk_editor"
SESSION_HOURS = 12
LOGIN_TRIES, LOGIN_WINDOW_S = 5, 60.0
MAX_SESSIONS = 1000
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


@dataclass
class Session:
    """One browser's visit: its CSRF token, whether it has logged in, and messages for its next page."""

    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    signed_in: bool = False
    created: float = field(default_factory=time.monotonic)
    notices: list[str] = field(default_factory=list)

    def expired(self, now: float) -> bool:
        """True once the session is older than SESSION_HOURS."""
        return now - self.created > SESSION_HOURS * 3600

    def csrf_ok(self, token: str | None) -> bool:
        """True when ``token`` is this session's (compared in constant time)."""
        return bool(token) and hmac.compare_digest(self.csrf, str(token))


class Sessions:
    """The sessions this server handed out; kept in memory, so a restart signs everyone out."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._by_token: dict[str, Session] = {}
        self._clock = clock
        self._lock = threading.Lock()

    def get(self, token: str | None) -> Session | None:
        """The live session for a cookie's token."""
        with self._lock:
            session = self._by_token.get(token or "")
            if session is not None and session.expired(self._clock()):
                del self._by_token[token or ""]
                return None
            return session

    def start(self) -> tuple[str, Session]:
        """A new session and its token (the oldest go when there are too many)."""
        with self._lock:
            while len(self._by_token) >= MAX_SESSIONS:
                self._by_token.pop(next(iter(self._by_token)))
            token = secrets.token_urlsafe(32)
            session = Session(created=self._clock())
            self._by_token[token] = session
            return token, session

    def end(self, token: str | None) -> None:
        """Forget a session (signing out, or a new token at sign-in)."""
        with self._lock:
            self._by_token.pop(token or "", None)


def set_cookie(response: Any, token: str, secure: bool = False) -> None:
    """The session cookie: never readable by scripts, never sent from another site's page."""
    response.set_cookie(COOKIE, token, max_age=SESSION_HOURS * 3600, path="/", httponly=True,
                        samesite="strict", secure=secure)


class LoginLimiter:
    """At most LOGIN_TRIES failed logins per address per LOGIN_WINDOW_S seconds."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._failures: dict[str, deque[float]] = {}
        self._clock = clock
        self._lock = threading.Lock()

    def wait_left(self, address: str) -> float:
        """Seconds before ``address`` may try again (0 when it may now)."""
        with self._lock:
            now = self._clock()
            failures = self._failures.get(address, deque())
            while failures and now - failures[0] > LOGIN_WINDOW_S:
                failures.popleft()
            if len(failures) < LOGIN_TRIES:
                return 0.0
            return LOGIN_WINDOW_S - (now - failures[0])

    def failed(self, address: str) -> None:
        """Count a wrong password from ``address``."""
        with self._lock:
            self._failures.setdefault(address, deque()).append(self._clock())

    def succeeded(self, address: str) -> None:
        """A right password: ``address`` starts afresh."""
        with self._lock:
            self._failures.pop(address, None)


class BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes gets 413 and is never read whole."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, counting its body; 413 once it is over the limit."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLargeError
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLargeError:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        megabytes = self.limit / 1_000_000
        response = PlainTextResponse(f"That is too much to send at once: at most {megabytes:g} MB.", 413)
        await response(scope, receive, send)


class BodyTooLargeError(Exception):
    """A chunked body went over the limit while it was read."""


def host_allowed(request: Request, loopback_only: bool) -> bool:
    """Without a password the editor answers only to a loopback Host header."""
    if not loopback_only:
        return True
    host = request.headers.get("host", "")
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name in LOOPBACK_HOSTS
