"""The page's controls, built from a model and a draft: one per field, named as `kiosk check` names it.

A control's ``name`` is the field's place in the file, ``panels[2].counters[0].value``, the
same text a Problem's ``field`` holds, so each message lands beside its own input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from babel import Locale, UnknownLocaleError
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from kiosk.core.content.problems import Problem
from kiosk.edit.document import ORIGIN, shown
from kiosk.edit.shapes import Shape, field_shape, fields_of, summary

MISSING: Any = object()
ABSENT = "!default"  # marks a control showing a default: the key is not in the file
PRESENT = "!present"  # marks a group, list or set of choices that is on the page
ORIGIN_MARK = "!origin"
LONG_TEXT = 70  # text longer than this gets a box of several lines


@dataclass
class Control:
    """One field on the page (or a group of them), with what it shows and what is wrong with it."""

    name: str
    label: str
    shape: Shape
    hint: str = ""
    value: Any = ""  # scalars: the text shown; check: bool; choices: the chosen options
    required: bool = False
    absent: bool = False
    present: bool = True  # an optional group or list that is there
    long: bool = False
    children: list[Control] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    origin: int | None = None
    kind: str = ""  # a panel: its kind
    about: str = ""  # a panel: what its kind is
    index: int = -1  # a list item: its position
    last: bool = False  # a list item: the last one

    @property
    def dom_id(self) -> str:
        """The element id: the name with only characters an id and a URL fragment take plainly."""
        spaced = re.sub(r"\[(\d+)\]", r"-\1", self.name).replace(".", "-")
        return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", spaced)

    @property
    def errors(self) -> list[Problem]:
        """The errors among this control's problems (not the warnings)."""
        return [problem for problem in self.problems if problem.is_error]

    @property
    def headline(self) -> str:
        """A panel's first text (its title, heading or name): what staff call it."""
        for child in self.children:
            if child.shape.kind == "localized":
                text = child.value if not child.children else child.children[0].value
                if text:
                    return str(text)
        return ""

    @property
    def switched_off(self) -> bool:
        """A panel whose ``enabled`` box is not ticked."""
        return any(child.name.endswith(".enabled") and child.shape.kind == "check" and not child.value
                   for child in self.children)

    @property
    def has_problems(self) -> bool:
        """Anything wrong in this control or inside it."""
        return any(inner.errors for inner in self.walk())

    def walk(self) -> list[Control]:
        """This control and every one inside it."""
        return [self, *(inner for child in self.children for inner in child.walk())]


def join(prefix: str, key: str | int) -> str:
    """``panels[2]`` + ``title`` -> ``panels[2].title``, as format_field writes locations."""
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    return f"{prefix}.{key}" if prefix else key


def label_of(key: str) -> str:
    """``wake_minutes`` -> "Wake minutes"."""
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def singular(label: str) -> str:
    """"Counters" -> "Counter", for one item of a list."""
    return label[:-1] if label.endswith("s") and not label.endswith("ss") else label


def hint_of(info: FieldInfo) -> str:
    """The model's description without markdown links (the docs' anchors mean nothing here)."""
    text = info.description or ""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return re.sub(r";\s*see [A-Z*][^.;]*", "", text)  # "see *Two languages*": a section of docs/format.md


def language_name(code: str) -> str:
    """``es`` -> "Spanish", for the label of a translation's box."""
    try:
        return Locale.parse(code.replace("-", "_")).english_name or code
    except (ValueError, UnknownLocaleError):
        return code


@dataclass(frozen=True)
class Context:
    """What every control needs besides its own value: the languages the display plays."""

    languages: tuple[str, ...] = ("en",)


def model_controls(model: type[BaseModel], data: Any, prefix: str, context: Context) -> list[Control]:
    """A control for every field of ``model``, showing ``data`` (the draft at ``prefix``)."""
    values = data if isinstance(data, dict) else {}
    return [control(join(prefix, key), key, info, values.get(key, MISSING), context)
            for key, info in fields_of(model)]


def default_of(info: FieldInfo) -> Any:
    """The value a field has when the file leaves it out (None when it must be given)."""
    if info.default is PydanticUndefined:
        return None
    if isinstance(info.default, BaseModel):
        return info.default.model_dump(by_alias=True)
    return info.default


def control(name: str, key: str, info: FieldInfo, value: Any, context: Context) -> Control:
    """The control for one field."""
    shape = field_shape(info)
    absent = value is MISSING
    hint = hint_of(info)
    if shape.kind == "check":  # a box is ticked, not `true`
        hint = re.sub(r"`?\btrue\b`?", "ticked", re.sub(r"`?\bfalse\b`?", "unticked", hint))
        hint = hint[:1].upper() + hint[1:]
    made = Control(name, label_of(key), shape, hint, required=info.is_required(), absent=absent)
    return fill(made, default_of(info) if absent else value, context)


def fill(made: Control, value: Any, context: Context) -> Control:
    """Give ``made`` its value, and its children for a group, a list or translations."""
    shape = made.shape
    if shape.kind == "group" and shape.model is not None:
        made.present = value is not None or not shape.optional
        if made.present:
            made.children = model_controls(shape.model, value or {}, made.name, context)
    elif shape.kind == "kinds":
        _fill_kind(made, value, context)
    elif shape.kind == "list" and shape.item is not None:
        items = value if isinstance(value, list) else []
        made.present = not (shape.optional and value is None)
        made.children = [_item(made, index, item, len(items), context) for index, item in enumerate(items)]
    elif shape.kind == "localized":
        _fill_languages(made, value, context)
    elif shape.kind == "check":
        made.value = bool(value)
    elif shape.kind == "choices":
        made.value = [shown(option) for option in value] if isinstance(value, list) else []
        made.present = value is not None or not shape.optional
    else:
        made.value = shown(value) if not isinstance(value, (dict, list)) else str(value)
        made.long = len(made.value) > LONG_TEXT or "\n" in made.value or "paragraph" in made.hint.lower()
    return made


def _item(parent: Control, index: int, value: Any, count: int, context: Context) -> Control:
    assert parent.shape.item is not None
    made = Control(join(parent.name, index), f"{singular(parent.label)} {index + 1}", parent.shape.item,
                   index=index, last=index == count - 1)
    if isinstance(value, dict) and isinstance(value.get(ORIGIN), int):
        made.origin = value[ORIGIN]
    return fill(made, value, context)


def _fill_kind(made: Control, value: Any, context: Context) -> None:
    data = value if isinstance(value, dict) else {}
    kind = str(data.get("kind", ""))
    model = made.shape.models.get(kind)
    made.kind = kind
    if isinstance(data.get(ORIGIN), int):
        made.origin = data[ORIGIN]
    if model is None:
        return  # an unknown kind: the loader's message says which kinds there are
    made.about = summary(model)
    made.children = model_controls(model, data, made.name, context)


def _fill_languages(made: Control, value: Any, context: Context) -> None:
    """One box per language the display plays (and per translation the file has besides)."""
    texts = value if isinstance(value, dict) else {}
    languages = list(context.languages) + [str(lang) for lang in texts if str(lang) not in context.languages]
    if not texts and len(languages) == 1:
        made.value = shown(value) if not isinstance(value, list) else str(value)
        made.long = len(made.value) > LONG_TEXT or "paragraph" in made.hint.lower()
        return
    for number, lang in enumerate(languages):
        text = texts.get(lang, "") if texts else (shown(value) if number == 0 else "")
        child = Control(join(made.name, lang), f"{made.label} ({language_name(lang)})", Shape("text"))
        child.value = text if isinstance(text, str) else shown(text)
        child.long = len(child.value) > LONG_TEXT or "paragraph" in made.hint.lower()
        made.children.append(child)
    made.long = any(child.long for child in made.children)


def attach(controls: list[Control], problems: list[Problem]) -> list[Problem]:
    """Put each problem on its field's control, or the nearest one around it; return those left over."""
    by_name = {inner.name: inner for top in controls for inner in top.walk()}
    left = []
    for problem in problems:
        name = problem.field
        while name and name not in by_name:
            name = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", name) if re.search(r"[.\[]", name) else ""
        if name:
            by_name[name].problems.append(problem)
        else:
            left.append(problem)
    return left
