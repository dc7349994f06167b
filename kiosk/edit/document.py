"""The content file as the page edits it: read with PyYAML, written back through ruamel.yaml's round trip.

Only what changed is written: an unchanged value keeps its node, and so its quoting, its
folding and the comments beside it. A reordered list item keeps its comments, because every
item the page shows carries the position it came from (``ORIGIN``).
"""

from __future__ import annotations

import io
import re
import textwrap
from datetime import date, datetime
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString, ScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from kiosk.core.content.yamlsource import parse_yaml

ORIGIN = "_origin"  # in a draft's list items: the position the item had in the file
FOLD_WIDTH = 88  # new long text is folded (`>-`) at about this width, as staff write it


def draft_of(raw: bytes) -> Any:
    """The file's data as plain Python (PyYAML, the kiosk's own reader), each list item marked with its position."""
    data = parse_yaml("content.yaml", raw).data
    return _mark(data)


def _mark(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _mark(item) for key, item in value.items()}
    if isinstance(value, list):
        return [{**_mark(item), ORIGIN: index} if isinstance(item, dict) else _mark(item)
                for index, item in enumerate(value)]
    return value


def plain(value: Any) -> Any:
    """A draft without its position marks: the data the file will hold."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items() if key != ORIGIN}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def shown(value: Any) -> str:
    """A scalar as a form shows it: as staff would write it in the file."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M" if value.second == 0 else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class RoundTrip:
    """One content file's text in ruamel.yaml's round-trip form, to apply a draft to and write out."""

    def __init__(self, raw: bytes) -> None:
        text = raw.decode("utf-8-sig")
        _, _, dash_offset = load_yaml_guess_indent(text)
        self.yaml = YAML(typ="rt")
        self.yaml.preserve_quotes = True
        self.yaml.width = 4096  # never re-wrap a line that was not changed
        offset = dash_offset or 0
        self.yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
        self.yaml.representer.add_representer(type(None), _null)
        self.tree = self.yaml.load(text) if text.strip() else CommentedMap()
        if not isinstance(self.tree, CommentedMap):
            self.tree = CommentedMap()  # not a mapping at all: the draft replaces it

    def apply(self, draft: dict[str, Any]) -> str:
        """The file's text with ``draft`` in it; unchanged values stay exactly as they were written."""
        self.tree = merge(self.tree, draft)
        out = io.StringIO()
        self.yaml.dump(self.tree, out)
        return out.getvalue()


def _null(representer: Any, _value: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")  # as the seed writes it


def merge(old: Any, new: Any) -> Any:
    """``new`` written over ``old``, keeping ``old``'s nodes (and comments) wherever they still hold."""
    if isinstance(new, dict):
        return _merge_mapping(old if isinstance(old, CommentedMap) else None, new)
    if isinstance(new, list):
        return _merge_sequence(old if isinstance(old, CommentedSeq) else None, new)
    return old if same(old, new) else styled_like(old, new)


def _merge_mapping(old: CommentedMap | None, new: dict[str, Any]) -> CommentedMap:
    if old is None:
        old = CommentedMap()
    for key in [key for key in old if key not in new and old[key] is not None]:
        del old[key]  # a key written as null (`photo: null`) and left empty stays, with its comment
    for key, value in new.items():
        if key == ORIGIN:
            continue
        current = old.get(key) if key in old else None
        merged = merge(current, value)
        if key not in old or merged is not current:
            old[key] = merged
    return old


def _merge_sequence(old: CommentedSeq | None, new: list[Any]) -> CommentedSeq:
    if old is None:
        old = CommentedSeq()
    before = list(old)
    items = []
    for index, value in enumerate(new):
        origin = value.get(ORIGIN) if isinstance(value, dict) else index
        base = before[origin] if isinstance(origin, int) and 0 <= origin < len(before) else None
        item = merge(base, value)
        if base is None and isinstance(item, CommentedMap):
            _flow_like(item, before)
        items.append(item)
    if [id(item) for item in items] != [id(item) for item in before]:
        while len(old):
            old.pop()
        for item in items:
            old.append(item)  # pop and append keep the items' own comments
    return old


def _flow_like(item: CommentedMap, siblings: list[Any]) -> None:
    """A new item in a list of one-line items, such as counters, is written on one line too."""
    if siblings and isinstance(siblings[-1], CommentedMap) and siblings[-1].fa.flow_style():
        item.fa.set_flow_style()


def same(old: Any, new: Any) -> bool:
    """True when the form's value says what the file says already (12 and "12", a date and its text)."""
    if old is None or isinstance(old, (dict, list)):
        return old is None and new is None
    if isinstance(new, bool) or isinstance(old, bool):
        return type(old) is type(new) and old == new
    return bool(old == new) or (isinstance(new, str) and shown(old) == new) or shown(old) == shown(new)


def styled_like(old: Any, new: Any) -> Any:
    """``new`` in the style ``old`` was written in: quoted stays quoted, folded stays folded."""
    if not isinstance(new, str):
        return new
    if "\n" in new:
        return LiteralScalarString(new)
    if isinstance(old, FoldedScalarString) or (not isinstance(old, ScalarString) and len(new) > FOLD_WIDTH):
        return folded(new)
    if isinstance(old, ScalarString) and not isinstance(old, LiteralScalarString):
        return type(old)(new)
    return new


def folded(text: str) -> FoldedScalarString:
    """Long text as a folded block (``>-``), broken at spaces about every FOLD_WIDTH characters."""
    result = FoldedScalarString(text)
    if re.search(r"\s{2,}|^\s|\s$", text):
        return result  # folding would change such spacing; one long line keeps it
    positions, start = [], 0
    for line in textwrap.wrap(text, FOLD_WIDTH, break_long_words=False, break_on_hyphens=False)[:-1]:
        start += len(line)
        positions.append(start)
        start += 1  # the space the fold stands for
    result.fold_pos = positions
    return result


def as_plain_yaml(data: Any) -> str:
    """Data as a fresh YAML document (for files the kiosk reads once, such as a preview's)."""
    return yaml.safe_dump(plain(data), allow_unicode=True, sort_keys=False)
