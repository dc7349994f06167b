"""The editor page's form as a browser would send it: what the tests submit, parsed from the real HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from starlette.testclient import TestClient

from kiosk.edit.server import Editor, build_app
from kiosk.edit.versions import Versions


@dataclass
class PageForm(HTMLParser):
    """Every successful control of the page's ``#editor`` form, in document order, and each label's target."""

    fields: list[tuple[str, str]] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)
    ids: dict[str, str] = field(default_factory=dict)  # element id -> its control's name
    buttons: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._in_form = False
        self._textarea: tuple[str, list[str]] | None = None
        self._select: str | None = None
        self._option: dict[str, str] | None = None
        self._first_option: tuple[str, str] | None = None
        self._selected = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and a.get("id") == "editor":
            self._in_form = True
        if tag == "label" and "for" in a:
            self.labels.add(a["for"])
        if tag == "button" and a.get("form") == "editor":
            self.buttons.append(a)  # a button of the form placed elsewhere (the conflict's)
        if not self._in_form:
            return
        if "id" in a and "name" in a:
            self.ids[a["id"]] = a["name"]
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("file", "submit", "button") and "name" in a:
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea = (a["name"], [])
        elif tag == "select":
            self._select, self._selected, self._first_option = a["name"], False, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = (self._select, value)
            if "selected" in a:
                self.fields.append((self._select, value))
                self._selected = True
        elif tag == "button":
            self.buttons.append(a)

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._in_form:
            self._in_form = False
        if tag == "textarea" and self._textarea:
            text = "".join(self._textarea[1])
            self.fields.append((self._textarea[0], text[1:] if text.startswith("\n") else text))
            self._textarea = None
        if tag == "select" and self._select:
            if not self._selected and self._first_option:
                self.fields.append(self._first_option)
            self._select = None


def page_form(html: str) -> PageForm:
    """The page's form, parsed."""
    parsed = PageForm()
    parsed.feed(html)
    return parsed


def as_data(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Fields as httpx sends a form with repeated names."""
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data


def replaced(fields: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    """The fields with ``name``'s (last) value changed, as typing into its box does."""
    assert any(key == name for key, _ in fields), f"no field {name}"
    index = max(i for i, (key, _) in enumerate(fields) if key == name)
    return [*fields[:index], (name, value), *fields[index + 1:]]


def editor_client(content: Path, **options) -> tuple[TestClient, Editor]:
    """A test client of the editor for ``content``, its versions kept in a folder beside it."""
    options.setdefault("versions", Versions(content.parent / ".versions-for-test"))
    editor = Editor(content, **options)
    return TestClient(build_app(editor), base_url="http://127.0.0.1"), editor


def submit(client: TestClient, fields: list[tuple[str, str]], do: str = "save", files=None):
    """Press a button of the page's form (``do`` is the button's value)."""
    data = as_data([*fields, ("do", do)])
    return client.post("/", data=data, files=files or {"_": ("", b"", "application/octet-stream")},
                       follow_redirects=True)


class _TextOf(HTMLParser):
    """The text inside the element with one id."""

    def __init__(self, element_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.element_id, self.depth, self.parts = element_id, 0, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        inside = self.depth or dict(attrs).get("id") == self.element_id
        if inside and tag not in ("input", "img", "br", "meta", "link"):
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def text_of(html: str, element_id: str) -> str:
    """The text of the element ``element_id`` ("" when there is none), spaces collapsed."""
    parser = _TextOf(element_id)
    parser.feed(html)
    return " ".join("".join(parser.parts).split())
