"""docs/format.md's field tables, written from the models, so the two never disagree.

``make docs`` (``python -m tools.format_reference docs/format.md``) rewrites every table
between ``<!-- format: NAME -->`` and ``<!-- /format -->``; a test fails when the page
differs from what this module writes. The models' descriptions, defaults and rules are the
only source; nothing here is written by hand but the column headings. No Qt here.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kiosk.core.content import model
from kiosk.core.content.rules import Doc, Items

# Nested models whose fields show as rows of the table that holds them (theme.font, counters[].value).
INLINE = (model.Theme, model.Counter, model.Total, model.UpdateItem, model.Power)
BASE_FIELDS = set(model.PanelBase.model_fields)
KIND_ROW = ("`kind`", " \\| ".join(f"`{k}`" for k in model.PANEL_KINDS), "required",
            "What the panel is; each kind adds the fields below.")
MARKER = re.compile(r"(<!-- format: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- /format -->)", re.DOTALL)


def _labelled(metadata: Sequence[Any]) -> str | None:
    """The outermost name wins: ``Annotated[PanelId, Doc("a panel id")]`` reads "a panel id"."""
    return next((item.label for item in reversed(metadata) if isinstance(item, Doc)), None)


def type_label(annotation: Any, metadata: Sequence[Any] = ()) -> str:
    """How a field's type reads in a table: "seconds", "`fade` \\| `slide`", "list of text (0–20)"."""
    if get_origin(annotation) is Annotated:
        base, *extras = get_args(annotation)
        return type_label(base, [*metadata, *extras])
    named = _labelled(metadata)
    if named:
        return named
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        return " or ".join(type_label(arg) for arg in args if arg is not type(None))
    if origin is Literal:
        return " \\| ".join(f"`{arg}`" for arg in args)
    if origin is list:
        item = args[0]
        inner = "" if _model_of(item) else f" of {type_label(item)}"
        bounds = [f" ({m.low}–{m.high})" for m in metadata if isinstance(m, Items) and m.high]
        return f"list{inner}{''.join(bounds)}"
    if _model_of(annotation):
        return "{" + ", ".join(_key(n, f) for n, f in annotation.model_fields.items()) + "}"
    return {bool: "`true` \\| `false`", str: "text", int: "whole number", float: "number"}.get(annotation, "value")


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (through ``| None``), if it holds one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (Union, types.UnionType):
        found = [a for a in get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
        return found[0] if len(found) == 1 else None
    return None


def _key(name: str, info: FieldInfo) -> str:
    return info.alias or name


def default_label(info: FieldInfo) -> str:
    """How a field's default reads in a table: "required", "none", "`12`"."""
    if info.is_required():
        return "required"
    value = info.default
    if value is None:
        return "none"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, list):
        return f"`[{', '.join(map(str, value))}]`"
    return f'`{value}`' if value != "" else '`""`'


def _cell(text: str) -> str:
    return re.sub(r"(?<!\\)\|", r"\\|", " ".join(text.split()))


def rows(cls: type[BaseModel], prefix: str = "", skip: Collection[str] = ()) -> Iterator[tuple[str, ...]]:
    """One row per field; an inline model's fields follow as ``parent.field`` (``parent[].field``)."""
    for name, info in cls.model_fields.items():
        if name in skip or name == "kind":
            continue
        key = prefix + _key(name, info)
        inner = _model_of(info.annotation)
        items = get_args(info.annotation)[0] if get_origin(info.annotation) is list else None
        if inner in INLINE and isinstance(info.default, BaseModel):
            yield from rows(inner, f"{key}.")  # a whole group with defaults (theme): its fields only
            continue
        yield (f"`{key}`", type_label(info.annotation, info.metadata), default_label(info),
               _cell(info.description or ""))
        if inner in INLINE:
            yield from rows(inner, f"{key}.")
        elif items in INLINE:
            yield from rows(items, f"{key}[].")


def _as_written(example: Any) -> str:
    """An example as YAML: a time with a space or a range of hours needs quotes, a list is a flow list."""
    if isinstance(example, list):
        return f"`[{', '.join(example)}]`"
    return f'`"{example}"`' if ":" in example and "T" not in example else f"`{example}`"


def _examples(info: FieldInfo) -> str:
    return " or ".join(_as_written(example) for example in info.examples or [])


def show_rows() -> Iterator[tuple[str, ...]]:
    """The rows of the `show:` table: field, examples as written in YAML, meaning."""
    for name, info in model.Show.model_fields.items():
        yield f"`{_key(name, info)}`", _examples(info), _cell(info.description or "")


def _kind(name: str) -> type[BaseModel]:
    return next(cls for cls in get_args(get_args(model.Panel)[0])
                if get_args(cls.model_fields["kind"].annotation) == (name,))


def table(name: str) -> str:
    """The Markdown table called ``name`` in docs/format.md."""
    head: tuple[str, ...] = ("field", "type", "default", "meaning")
    if name == "settings":
        body = list(rows(model.Settings))
    elif name == "panel":
        body = [KIND_ROW, *rows(model.PanelBase)]
    elif name == "link":
        body = list(rows(model.Link))
    elif name == "urgent":
        body = list(rows(model.Urgent))
    elif name == "show":
        head, body = ("`show:` field", "example", "meaning"), list(show_rows())
    else:
        body = list(rows(_kind(name), skip=BASE_FIELDS))
    lines = [head, ("---",) * len(head), *body]
    return "".join(f"| {' | '.join(line)} |\n" for line in lines)


TABLES = ("settings", "panel", *model.PANEL_KINDS, "link", "show", "urgent")


def rewrite(readme: str) -> str:
    """``readme`` with every marked table written afresh from the models."""
    return MARKER.sub(lambda m: m[1] + table(m["name"]) + m[4], readme)


def main(argv: list[str]) -> int:
    """``make docs``: rewrite the tables of the page named in ``argv`` (docs/format.md); 1 if a marker is missing."""
    path = Path(argv[0] if argv else "docs/format.md")
    text = path.read_text(encoding="utf-8")
    missing = [name for name in TABLES if f"<!-- format: {name} -->" not in text]
    if missing:
        print(f"{path}: no marker for the tables {', '.join(missing)}", file=sys.stderr)
        return 1
    path.write_text(rewrite(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
