"""The editor page: shown from the file, sent back as a draft, then saved, previewed or reshaped.

The page is one form. Save writes it; Preview renders one panel; the other buttons (add,
remove, move) change the draft and show it again, unsaved. After a save the browser is sent
back to a fresh page (Post/Redirect/Get), so reloading never saves twice.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kiosk.core.content import ContentError, Problem, Severity, load_bytes
from kiosk.core.content.model import Content
from kiosk.edit import actions
from kiosk.edit.context import Editor, read_form
from kiosk.edit.controls import Context, Control, attach, model_controls
from kiosk.edit.document import draft_of
from kiosk.edit.editing import Conflict, Outcome, file_digest
from kiosk.edit.formread import read_model
from kiosk.edit.guard import Session
from kiosk.edit.preview import PreviewError, render_panel
from kiosk.edit.shapes import field_shape, fields_of, summary
from kiosk.edit.uploads import ACCEPTS, BROWSER_TYPES, UploadError, store


@dataclass
class View:
    """What one showing of the page holds besides the controls."""

    draft: Any
    base: str
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    unsaved: bool = False
    conflict: Conflict | None = None
    previews: dict[str, list[str]] = field(default_factory=dict)  # panel name -> PNGs as data: URLs
    preview_errors: dict[str, str] = field(default_factory=dict)
    unreadable: bool = False
    opened: str = ""  # the panel a button acted on: shown open


def languages_of(draft: Any) -> tuple[str, ...]:
    """The languages the display plays, as the draft says (a box per language for every text)."""
    settings = draft.get("settings") if isinstance(draft, dict) else None
    languages = settings.get("languages") if isinstance(settings, dict) else None
    found = tuple(str(lang) for lang in languages if isinstance(lang, str)) if isinstance(languages, list) else ()
    return found or ("en",)


def panel_kinds() -> list[tuple[str, str]]:
    """Each kind of panel and what it is, in the models' own words, for "Add a panel"."""
    shape = field_shape(dict(fields_of(Content))["panels"]).item
    assert shape is not None
    return [(kind, summary(model)) for kind, model in shape.models.items()]


def render(request: Request, editor: Editor, session: Session, view: View, status: int = 200) -> Response:
    """The page for ``view``: its controls, every problem beside its field, and the kept versions."""
    controls = model_controls(Content, view.draft, "", Context(languages_of(view.draft)))
    left = attach(controls, view.problems)
    by_name = {control.name: control for control in controls}
    panels: list[Control] = by_name["panels"].children if "panels" in by_name else []
    errors = [problem for problem in view.problems if problem.is_error]
    notices = session.notices + view.notices
    session.notices = []
    assert editor.versions is not None
    context = {
        "editor": editor, "view": view, "csrf": session.csrf, "settings": by_name.get("settings"),
        "panels": panels, "panels_control": by_name.get("panels"), "left": left, "errors": errors,
        "notices": notices, "kinds": panel_kinds(), "versions": editor.versions.all(),
        "name": editor.content.name, "accepts": {media: ",".join(BROWSER_TYPES[ext] for ext in exts)
                                                 for media, exts in ACCEPTS.items()},
        "signed": editor.password is not None,
    }
    return editor.templates.TemplateResponse(request, "editor.html", context, status_code=status)


def disk_view(editor: Editor) -> View:
    """The page as the file is now, with what `kiosk check` says about it beside the fields."""
    raw = editor.file.read()
    base = file_digest(raw)
    try:
        draft = draft_of(raw)
        problems = list(load_bytes(raw, editor.content).warnings)
    except ContentError as error:
        problems = list(error.problems)
        try:
            draft = draft_of(raw)
        except ContentError:
            return View({}, base, problems, unreadable=True)
    if not isinstance(draft, dict):
        return View({}, base, problems, unreadable=True)
    return View(draft, base, problems)


async def show(request: Request, editor: Editor, session: Session) -> Response:
    """GET /: the page as the file is now."""
    return render(request, editor, session, disk_view(editor))


async def submit(request: Request, editor: Editor, session: Session) -> Response:
    """Any button of the page's form: Save, Preview, or a change to the draft's shape."""
    form = await read_form(request, editor)
    fields = {key: [value for value in form.getlist(key) if isinstance(value, str)] for key in form}
    draft = read_model(Content, fields, "")
    view = View(draft, str(form.get("base") or ""), unsaved=True)
    await _store_uploads(editor, form, view)
    action = str(form.get("do") or "save")
    verb, _, argument = action.partition(" ")
    view.opened = opened_after(verb, argument)
    if verb in ("save", "overwrite"):
        if any(problem.is_error for problem in view.problems):
            return render(request, editor, session, view, 422)
        outcome = await run_in_threadpool(editor.file.save, draft, view.base, argument if verb == "overwrite" else "")
        return _after_save(request, editor, session, view, outcome)
    if verb == "preview":
        await _preview(editor, view, argument)
    elif verb == "add-panel":
        _add_panel(view, str(form.get("new_kind") or ""), str(form.get("new_id") or ""))
    else:
        try:
            view.notices.append(actions.apply(draft, action) + " Press Save to keep it.")
        except actions.ActionError as error:
            view.notices.append(f"Nothing changed: {error}. Reload the page to see the file as it is.")
    return render(request, editor, session, view)


def opened_after(verb: str, argument: str) -> str:
    """The panel to show open after a button: the one it acted on, where it is now."""
    match = re.match(r"^panels\[(\d+)\]", argument)
    if not match:
        return "settings" if argument.startswith("settings") else ""
    index = int(match[1])
    if argument == match[0] and verb in ("up", "down", "remove"):
        index += {"up": -1, "down": 1, "remove": 0}[verb]
        if verb == "remove":
            return ""
    return f"panels[{index}]"


def _after_save(request: Request, editor: Editor, session: Session, view: View, outcome: Outcome) -> Response:
    if outcome.saved:
        warnings = [problem for problem in outcome.problems if not problem.is_error]
        session.notices.append(f"Saved {editor.content.name}. The display shows the change within a few seconds.")
        session.notices += [f"Warning: {problem.field}: {problem.message}" for problem in warnings]
        return RedirectResponse("/", 303)
    view.problems = outcome.problems
    view.conflict = outcome.conflict
    return render(request, editor, session, view, 409 if outcome.conflict else 422)


async def _store_uploads(editor: Editor, form: Any, view: View) -> None:
    """Each file chosen in the form, stored beside the content file, its name put in its field."""
    for key, value in form.multi_items():
        if not (key.endswith("!upload") and isinstance(value, UploadFile) and value.filename):
            continue
        name = key.removesuffix("!upload")
        try:
            place = actions.locate(view.draft, name)
            if place.shape.kind != "file" or place.shape.media is None:
                raise actions.ActionError(f"{name} takes no file")
            data = await value.read(editor.max_upload + 1)
            stored = store(editor.file.folder, value.filename, data, place.shape.media, editor.max_upload)
        except (actions.ActionError, UploadError) as error:
            view.problems.append(Problem(editor.content.name, 0, 0, Severity.ERROR, name, f"upload refused: {error}"))
            continue
        place.container[place.key] = stored
        view.notices.append(f"Uploaded {stored} into the content folder. Press Save to keep it on the panel.")


async def _preview(editor: Editor, view: View, name: str) -> None:
    """Render panel ``name`` (``panels[N]``) of the draft, after the same check as Save."""
    try:
        index = int(name.removeprefix("panels[").removesuffix("]"))
    except ValueError:
        view.notices.append("Nothing to preview there.")
        return
    text = editor.file.draft_text(view.draft)
    problems = editor.file.check(text, view.draft)
    if any(problem.is_error for problem in problems):
        view.problems += problems
        view.preview_errors[name] = "Fix the problems marked in red first; then the preview can be made."
        return
    try:
        pictures = await run_in_threadpool(render_panel, editor.content, view.draft, index, editor.size)
    except PreviewError as error:
        view.preview_errors[name] = f"Sorry, {error}."
        return
    view.previews[name] = ["data:image/png;base64," + base64.b64encode(png).decode("ascii") for png in pictures]


def _add_panel(view: View, kind: str, panel_id: str) -> None:
    try:
        panel = actions.new_panel(kind, panel_id)
    except actions.ActionError as error:
        view.notices.append(f"No panel added: {error}.")
        return
    view.draft.setdefault("panels", []).append(panel)
    view.opened = f"panels[{len(view.draft['panels']) - 1}]"
    view.notices.append(f"Added a {kind} panel at the end; fill it in and press Save.")


async def restore(request: Request, editor: Editor, session: Session) -> Response:
    """Put a kept version back, through the same checks as Save."""
    form = await read_form(request, editor)
    outcome = await run_in_threadpool(editor.file.restore, str(form.get("version") or ""), str(form.get("base") or ""))
    if outcome.saved:
        session.notices.append("Restored the earlier version. The display shows it within a few seconds; the "
                               "version it replaced is kept in the list too.")
        return RedirectResponse("/", 303)
    view = disk_view(editor)
    view.problems = outcome.problems or view.problems
    view.conflict = outcome.conflict
    if outcome.problems:
        view.notices.append("That version can't be restored as it is; nothing was changed.")
    return render(request, editor, session, view, 409 if outcome.conflict else 422)
