"""What kind of control a content field needs, read off its type in the models (never off its name).

Every field of every model is one of a few shapes: a line or a paragraph of text, text per
language, a number, a yes-or-no, a choice, several choices, a file, a group of fields (a
model), a list of any of these, or one of several models picked by ``kind`` (the panels).
A new panel kind or setting gets its controls from its annotations alone.
"""

from __future__ import annotations

import types
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kiosk.core.content.rules import Doc, Items, Parse

# The words a field's Doc label uses for the files it names, and which uploads each accepts.
MEDIA_WORDS = {"image": "image", "pdf": "pdf", "video": "video"}


@dataclass(frozen=True)
class Shape:
    """How one value is edited: ``kind`` names the control, the rest is what that control needs."""

    kind: str  # text | localized | number | check | choice | choices | file | group | list | kinds
    optional: bool = False
    options: tuple[str, ...] = ()  # choice and choices
    model: type[BaseModel] | None = None  # group
    models: dict[str, type[BaseModel]] = field(default_factory=dict)  # kinds: kind -> model
    item: Shape | None = None  # list
    min_items: int = 0
    media: str | None = None  # file: image | pdf | video
    moment: bool = False  # text holding a date (written back as a date when it is one)
    whole: bool = False  # number: a whole number
    numeric: bool = False  # text that may be a number (a screen's number or name): read back as one


def _flatten(annotation: Any) -> tuple[Any, list[Any]]:
    """The type under any Annotated layers, and all their metadata (outermost last)."""
    metadata: list[Any] = []
    while get_origin(annotation) is Annotated:
        base, *extra = get_args(annotation)
        metadata = [*extra, *metadata]
        annotation = base
    return annotation, metadata


def _is_union(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType)


def _label(metadata: list[Any]) -> str:
    docs = [item.label for item in metadata if isinstance(item, Doc)]
    return docs[-1].lower() if docs else ""


def _media(metadata: list[Any]) -> str | None:
    label = _label(metadata)
    if "path" not in label:
        return None
    return next((media for word, media in MEDIA_WORDS.items() if word in label), None)


def _min_items(metadata: list[Any]) -> int:
    return next((item.low for item in metadata if isinstance(item, Items)), 0)


def shape_of(annotation: Any, metadata: list[Any] | None = None) -> Shape:
    """The control for a value of ``annotation`` (with a field's own ``metadata``)."""
    annotation, inner = _flatten(annotation)
    metadata = [*inner, *(metadata or [])]
    if _is_union(annotation):
        members = [m for m in get_args(annotation) if m is not type(None)]
        optional = len(members) < len(get_args(annotation))
        if len(members) == 1:
            found = shape_of(members[0], metadata)
            return Shape(**{**found.__dict__, "optional": optional})
        return _union_shape(members, metadata, optional)
    written = any(isinstance(item, Parse) and item.schema is not None for item in metadata)
    if written:  # read from the way staff write it: "08:00-17:30", "2026-12-01 09:00"
        return Shape("text", moment=annotation in (date, datetime))
    return _plain_shape(annotation, metadata)


def _union_shape(members: list[Any], metadata: list[Any], optional: bool) -> Shape:
    bases = [_flatten(member)[0] for member in members]
    if all(isinstance(base, type) and issubclass(base, BaseModel) for base in bases):
        return Shape("kinds", optional, models={kind_of(base): base for base in bases})
    if any(get_origin(base) is dict for base in bases):
        return Shape("localized", optional)
    if set(bases) <= {date, datetime}:
        return Shape("text", optional, moment=True)
    numeric = any(base in (int, float) for base in bases)
    return Shape("text", optional, numeric=numeric)  # a number or a name, a number or `auto`: one line


def _plain_shape(annotation: Any, metadata: list[Any]) -> Shape:
    origin = get_origin(annotation)
    if origin is Literal:
        return Shape("choice", options=tuple(str(option) for option in get_args(annotation)))
    if origin in (list, tuple):
        item = shape_of(get_args(annotation)[0])
        if item.kind == "choice":
            return Shape("choices", options=item.options)
        return Shape("list", item=item, min_items=_min_items(metadata))
    if annotation is bool:
        return Shape("check")
    if annotation in (int, float):
        return Shape("number", whole=annotation is int)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape("group", model=annotation)
    if annotation in (date, datetime):
        return Shape("text", moment=True)
    media = _media(metadata)
    return Shape("file", media=media) if media else Shape("text")


def field_shape(info: FieldInfo) -> Shape:
    """The control for one model field."""
    return shape_of(info.annotation, list(info.metadata))


def kind_of(model: type[BaseModel]) -> str:
    """The ``kind`` a panel model answers to (its Literal discriminator)."""
    return str(get_args(model.model_fields["kind"].annotation)[0])


def fields_of(model: type[BaseModel]) -> list[tuple[str, FieldInfo]]:
    """The model's fields as the file names them (``from``, not ``from_``), ``kind`` left out.

    ``id`` comes first, then the fields a kind adds, then those every kind shares, so a panel's
    form reads from what it shows to when it shows it.
    """
    inherited: set[str] = set()
    for base in model.__mro__[1:]:
        if isinstance(base, type) and issubclass(base, BaseModel) and base is not BaseModel:
            inherited.update(base.model_fields)
    named = [(name, info) for name, info in model.model_fields.items() if name != "kind"]
    named.sort(key=lambda pair: (pair[0] != "id", pair[0] in inherited))
    return [(info.alias or name, info) for name, info in named]


def summary(model: type[BaseModel]) -> str:
    """The model's docstring's first line: what a kind of panel is, in the models' own words."""
    doc = model.__doc__ or ""
    first = doc.strip().split("\n\n")[0]
    return " ".join(first.split())
