"""The page's buttons that change a draft's shape: add, remove and move items, panels and groups.

Each button sends ``do`` = ``VERB PATH`` (``up panels[2]``, ``add panels[0].counters``). They
change only the draft the page holds; nothing reaches the file until Save.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from kiosk.core.content.model import Content
from kiosk.edit.controls import label_of
from kiosk.edit.shapes import Shape, field_shape, fields_of, kind_of

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]")
VERBS = ("add", "remove", "up", "down")


class ActionError(ValueError):
    """A button that names no place in the draft (a stale page); the message says so plainly."""


@dataclass(frozen=True)
class Place:
    """Where a path leads in a draft: the container holding it, its key there, and its shape."""

    container: Any
    key: str | int
    shape: Shape


def steps(path: str) -> list[str | int]:
    """``panels[2].counters`` -> ["panels", 2, "counters"]; ActionError for anything else."""
    found: list[str | int] = []
    position = 0
    for match in _STEP.finditer(path):
        if match.start() != position and path[position:match.start()] != ".":
            raise ActionError(f"no such place: {path}")
        found.append(match[1] if match[1] is not None else int(match[2]))
        position = match.end()
    if not found or position != len(path):
        raise ActionError(f"no such place: {path}")
    return found


def locate(draft: dict[str, Any], path: str) -> Place:
    """The place ``path`` names in ``draft``, its shape read off the models on the way."""
    container: Any = None
    key: str | int = ""
    node: Any = draft
    shape = Shape("group", model=Content)
    for step in steps(path):
        if isinstance(step, int):
            if shape.kind != "list" or shape.item is None or not isinstance(node, list) or step >= len(node):
                raise ActionError(f"no such item: {path}")
            shape = shape.item
        else:
            model = _model_of(shape, node)
            info = dict(fields_of(model)).get(step) if model else None
            if info is None or not isinstance(node, dict):
                raise ActionError(f"no such field: {path}")
            shape = field_shape(info)
        container, key = node, step
        node = node[step] if isinstance(step, int) else node.get(step)
    return Place(container, key, shape)


def _model_of(shape: Shape, node: Any) -> type[BaseModel] | None:
    if shape.kind == "kinds" and isinstance(node, dict):
        return shape.models.get(str(node.get("kind")))
    return shape.model


def skeleton(shape: Shape) -> Any:
    """A new, empty value of ``shape``: a group with its required fields, a list with its fewest items."""
    if shape.kind == "group" and shape.model is not None:
        return model_skeleton(shape.model)
    if shape.kind == "list" and shape.item is not None:
        return [skeleton(shape.item) for _ in range(shape.min_items)]
    if shape.kind == "check":
        return False
    if shape.kind == "choice":
        return shape.options[0]
    if shape.kind == "choices":
        return []
    return ""


def model_skeleton(model: type[BaseModel]) -> dict[str, Any]:
    """A model's required fields, each empty: what staff fill in first."""
    return {key: skeleton(field_shape(info)) for key, info in fields_of(model) if info.is_required()}


def new_panel(kind: str, panel_id: str) -> dict[str, Any]:
    """A panel of ``kind`` with its required fields empty, or ActionError for a kind there is not."""
    panels = dict(fields_of(Content))["panels"]
    shape = field_shape(panels).item
    assert shape is not None
    model = shape.models.get(kind)
    if model is None:
        raise ActionError(f"there is no kind of panel called {kind!r}")
    fields = model_skeleton(model)
    fields.pop("id", None)
    return {"id": panel_id.strip(), "kind": kind_of(model), **fields}


def apply(draft: dict[str, Any], action: str) -> str:
    """Do one button's change to ``draft``; return what happened, in a line for the page."""
    verb, _, path = action.partition(" ")
    if verb not in VERBS:
        raise ActionError(f"unknown button {verb!r}")
    place = locate(draft, path)
    target = place.container[place.key] if isinstance(place.key, int) else place.container.get(place.key)
    what = _name_of(place)
    if verb == "add":
        return _add(place, target, what)
    if verb == "remove":
        if isinstance(place.key, int):
            del place.container[place.key]
        else:
            place.container.pop(place.key, None)
        return f"Removed {what}."
    return _move(place, verb, what)


def _add(place: Place, target: Any, what: str) -> str:
    if place.shape.kind == "list" and place.shape.item is not None:
        items = target if isinstance(target, list) else []
        items.append(skeleton(place.shape.item))
        place.container[place.key] = items
        return f"Added {label_of(str(place.key)).lower()} {len(items)}; fill it in."
    place.container[place.key] = skeleton(place.shape)
    return f"Added {what}; fill it in."


def _move(place: Place, verb: str, what: str) -> str:
    items, index = place.container, place.key
    if not isinstance(items, list) or not isinstance(index, int):
        raise ActionError("only items of a list move")
    other = index - 1 if verb == "up" else index + 1
    if not 0 <= other < len(items):
        return f"{what[:1].upper()}{what[1:]} is already {'first' if verb == 'up' else 'last'}."
    items[index], items[other] = items[other], items[index]
    return f"Moved {what} {verb}."


def _name_of(place: Place) -> str:
    if isinstance(place.key, int):
        item = place.container[place.key]
        if isinstance(item, dict) and item.get("id"):
            return f"panel “{item['id']}”"
        return f"item {place.key + 1}"
    return label_of(place.key).lower()
