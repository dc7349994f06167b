"""A submitted page read back into a draft, by the same walk over the models that built it.

The form holds only text, so each value is read back as its field's type asks: a number
written as a number, a date as a date, a yes-or-no from its checkbox. A control that showed a
default and still shows it leaves the key out, so the file gains nothing nobody wrote.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kiosk.edit.controls import ABSENT, ORIGIN_MARK, PRESENT, default_of, join
from kiosk.edit.document import ORIGIN, shown
from kiosk.edit.shapes import Shape, field_shape, fields_of

Form = Mapping[str, Sequence[str]]  # each name and every value sent for it
OMIT: Any = object()
_WHOLE = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def last(form: Form, name: str) -> str | None:
    """The last value sent for ``name`` (a checkbox after its hidden default), or None."""
    values = form.get(name)
    return values[-1] if values else None


def read_model(model: type[BaseModel], form: Form, prefix: str) -> dict[str, Any]:
    """The draft of one model's fields from the form."""
    out: dict[str, Any] = {}
    for key, info in fields_of(model):
        name = join(prefix, key)
        value = read_value(field_shape(info), form, name, info.is_required())
        if value is OMIT or (f"{name}{ABSENT}" in form and (value == {} or _is_default(value, info))):
            continue
        out[key] = value
    return out


def _is_default(value: Any, info: FieldInfo) -> bool:
    """The value is the one the model takes when the key is left out (compared as the page shows it)."""
    return _written(value) == _written(default_of(info))


def _written(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _written(item) for key, item in value.items() if key != ORIGIN and item is not None} or None
    if isinstance(value, list):
        return [_written(item) for item in value]
    return shown(value) or None


def read_value(shape: Shape, form: Form, name: str, required: bool = False) -> Any:
    """One field's value, or OMIT when the form leaves it out."""
    if shape.kind in ("group", "kinds"):
        return _read_group(shape, form, name)
    if shape.kind == "list":
        return _read_list(shape, form, name, required)
    if shape.kind == "choices":
        if f"{name}{PRESENT}" not in form:
            return OMIT
        chosen = [value for value in form.get(name, ()) if value]
        return chosen if chosen or not shape.optional else OMIT
    if shape.kind == "check":
        sent = form.get(name)
        return OMIT if not sent else sent[-1] == "true"
    if shape.kind == "localized":
        return _read_languages(form, name, required)
    return _read_scalar(shape, last(form, name), required)


def _read_scalar(shape: Shape, text: str | None, required: bool) -> Any:
    if text is None:
        return OMIT
    text = text.replace("\r\n", "\n").strip()
    if not text:
        return "" if required and shape.kind in ("text", "file") else OMIT
    if shape.kind == "number" or (shape.kind == "text" and shape.numeric):
        if _WHOLE.match(text):
            return int(text)
        if _DECIMAL.match(text) and not shape.whole:
            return float(text)
        return text  # the loader says what is wrong with it, in its words
    if shape.moment and _DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    return text


def _read_languages(form: Form, name: str, required: bool) -> Any:
    """One text, or one per language; a text in the first language only stays one plain text."""
    if name in form:
        return _read_scalar(Shape("text"), last(form, name), required)
    prefix = re.escape(name) + r"\.([A-Za-z]{2,3}(?:-[A-Za-z]{2})?)$"
    texts = {}
    for key in form:
        match = re.match(prefix, key)
        text = (last(form, key) or "").replace("\r\n", "\n").strip()
        if match and text:
            texts[match[1]] = text
    languages = [key for key in form if re.match(prefix, key)]
    if not languages:
        return OMIT
    first = re.match(prefix, languages[0])
    if not texts:
        return "" if required else OMIT
    if first and list(texts) == [first[1]]:
        return texts[first[1]]
    return texts


def _read_group(shape: Shape, form: Form, name: str) -> Any:
    if f"{name}{PRESENT}" not in form:
        return OMIT
    out: dict[str, Any] = {}
    model = shape.model
    if shape.kind == "kinds":
        kind = last(form, join(name, "kind")) or ""
        model = shape.models.get(kind)
        out["kind"] = kind
    if model is not None:
        fields = read_model(model, form, name)
        out = {**({"id": fields.pop("id")} if "id" in fields else {}), **out, **fields}
    origin = last(form, f"{name}{ORIGIN_MARK}")
    if origin is not None and origin.isdigit():
        out[ORIGIN] = int(origin)
    return out


def _read_list(shape: Shape, form: Form, name: str, required: bool) -> Any:
    if f"{name}{PRESENT}" not in form:
        return OMIT
    assert shape.item is not None
    pattern = re.compile(re.escape(name) + r"\[(\d+)\]")
    indexes = sorted({int(match[1]) for key in form if (match := pattern.match(key))})
    items = []
    for index in indexes:
        item = read_value(shape.item, form, join(name, index))
        origin = last(form, f"{join(name, index)}{ORIGIN_MARK}")
        if isinstance(item, dict) and origin is not None and origin.isdigit():
            item[ORIGIN] = int(origin)  # translations too: the file's node keeps its style
        if item is not OMIT:
            items.append(item)
    return items if items or required else OMIT
