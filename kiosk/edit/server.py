"""The editor's web application (Starlette): sign-in, the page, the files it shows, its own CSS and JS.

Every request passes ``gate``: the Host check, the session (a cookie is set on the first
visit), sign-in when a password is set, and on every POST the form's CSRF token.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from kiosk.edit.context import HERE, Editor, read_form
from kiosk.edit.guard import COOKIE, BodyLimit, Session, host_allowed, set_cookie
from kiosk.edit.uploads import BROWSER_TYPES, sniff

Handler = Callable[[Request, Editor, Session], Awaitable[Response]]


def gated(editor: Editor, handler: Handler, signed_in: bool = True) -> Callable[[Request], Awaitable[Response]]:
    """The request handler behind the gate (see the module's docstring)."""
    async def endpoint(request: Request) -> Response:
        if not host_allowed(request, editor.loopback_only):
            return PlainTextResponse("This editor answers only at 127.0.0.1 (start it with --listen to "
                                     "reach it from another machine).", 421)
        token = request.cookies.get(COOKIE)
        session = editor.sessions.get(token)
        fresh = session is None
        if session is None:
            if request.method == "POST":
                return _expired()
            token, session = editor.sessions.start()
        sent = (await read_form(request, editor)).get("csrf") if request.method == "POST" else None
        if request.method == "POST" and not session.csrf_ok(sent if isinstance(sent, str) else None):
            return _expired()
        try:
            if signed_in and editor.password is not None and not session.signed_in:
                response: Response = RedirectResponse("/login", 303)
            else:
                response = await handler(request, editor, session)
        finally:
            if request.method == "POST":
                await (await read_form(request, editor)).close()  # uploads' temporary files
        if fresh and token:
            set_cookie(response, token)
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'")
        return response

    return endpoint


def _expired() -> Response:
    return PlainTextResponse("This page has expired or did not come from this editor. Go back, reload the page "
                             "and try again (what you typed is still on the page you came from).", 403)


async def login_page(request: Request, editor: Editor, session: Session) -> Response:
    """GET /login: the sign-in form (straight to the page when there is no password or one is signed in)."""
    if editor.password is None or session.signed_in:
        return RedirectResponse("/", 303)
    return editor.templates.TemplateResponse(request, "login.html", {"csrf": session.csrf, "message": ""})


async def login(request: Request, editor: Editor, session: Session) -> Response:
    """POST /login: check the password (rate-limited); a right one gets a new, signed-in session."""
    if editor.password is None:
        return RedirectResponse("/", 303)
    address = request.client.host if request.client else "?"
    wait = editor.limiter.wait_left(address)
    if wait > 0:
        message = f"Too many wrong passwords. Wait {int(wait) + 1} seconds, then try again."
        return editor.templates.TemplateResponse(request, "login.html", {"csrf": session.csrf, "message": message},
                                                 status_code=429)
    password = (await read_form(request, editor)).get("password")
    if not isinstance(password, str) or not editor.password.matches(password):
        editor.limiter.failed(address)
        return editor.templates.TemplateResponse(request, "login.html", {
            "csrf": session.csrf, "message": "That password is not right. Try again."}, status_code=401)
    editor.limiter.succeeded(address)
    editor.sessions.end(request.cookies.get(COOKIE))
    token, fresh = editor.sessions.start()  # a new token on sign-in: one seen before can't be reused
    fresh.signed_in = True
    response = RedirectResponse("/", 303)
    set_cookie(response, token)
    return response


async def logout(request: Request, editor: Editor, session: Session) -> Response:
    """POST /logout: end the session and its cookie."""
    editor.sessions.end(request.cookies.get(COOKIE))
    response = RedirectResponse("/login" if editor.password else "/", 303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


async def shown_file(request: Request, editor: Editor, session: Session) -> Response:
    """A picture from the content folder, for the form's thumbnails; nothing outside it, nothing but pictures."""
    from kiosk.edit.uploads import inside

    path = inside(editor.file.folder, request.path_params["path"])
    if path is None or not path.is_file():
        return PlainTextResponse("No such file in the content folder.", 404)
    with path.open("rb") as file:
        kind = sniff(file.read(512))
    if kind not in ("png", "jpg", "webp"):  # SVG may hold script: never served as a page resource
        return PlainTextResponse("Only pictures are shown here.", 404)
    return Response(path.read_bytes(), media_type=BROWSER_TYPES[kind])


async def not_found(request: Request, exc: Exception) -> Response:
    """Any other address: a plain 404 (never a folder listing)."""
    return PlainTextResponse(f"Nothing here: {html.escape(request.url.path)}. The editor is at /.", 404)


def build_app(editor: Editor) -> ASGIApp:
    """The editor as an ASGI application, its body limit outermost."""
    from kiosk.edit import pages

    routes = [
        Route("/", gated(editor, pages.show), methods=["GET"]),
        Route("/", gated(editor, pages.submit), methods=["POST"]),
        Route("/restore", gated(editor, pages.restore), methods=["POST"]),
        Route("/login", gated(editor, login_page, signed_in=False), methods=["GET"]),
        Route("/login", gated(editor, login, signed_in=False), methods=["POST"]),
        Route("/logout", gated(editor, logout, signed_in=False), methods=["POST"]),
        Route("/file/{path:path}", gated(editor, shown_file), methods=["GET"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={404: not_found})
    return BodyLimit(app, editor.max_upload + 1_000_000)
