"""Read a YAML file safely and remember where every value came from.

The file is input from outside, so reading it is bounded: a size cap, a nesting
cap, and a cap on how far aliases may expand (the "billion laughs" bomb).
Only the YAML core types are built; tags such as ``!!python/object`` are refused.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.constructor import SafeConstructor

from kiosk.core.content.problems import ContentError, Problem, Severity

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIASES = 100
MAX_VALUES = 100_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when built


@dataclass(frozen=True)
class YamlSource:
    """A parsed YAML document plus the node tree that knows its line numbers."""

    path: str
    data: Any
    root: yaml.Node | None
    raw: bytes

    def position(self, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the node at ``loc``; the key itself when ``key``."""
        node = self.root
        best = (1, 1)
        for index, part in enumerate(loc):
            if node is None:
                break
            best = _mark(node)
            last = index == len(loc) - 1
            node = _child(node, part, key=key and last)
        return _mark(node) if node is not None else best


class _Constructor(SafeConstructor):
    """Core types only; an impossible date such as 2026-13-01 stays text, so validation can point at it."""

    def timestamp_or_text(self, node: yaml.ScalarNode) -> object:
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


# The stubs expect constructors registered on a Loader class; this bare constructor calls them with itself.
_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.timestamp_or_text)  # type: ignore[type-var]


class _Mark(Protocol):
    """Where libyaml or the pure-Python reader stopped (their Mark classes differ)."""

    line: int
    column: int


def _place(mark: _Mark | None) -> tuple[int, int]:
    """1-based (line, column) of ``mark``; the file's start when YAML gave none."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _child(node: yaml.Node, part: str | int, *, key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return node.value[part] if 0 <= part < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return key_node if key else value_node
    return None


def _fail(path: str, message: str, line: int = 1, column: int = 1) -> ContentError:
    return ContentError([Problem(path, line, column, Severity.ERROR, "", message)])


def read_bytes(path: Path) -> bytes:
    """Read at most MAX_BYTES from a regular file, or raise ContentError."""
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise _fail(name, "file not found") from None
    except OSError as exc:  # a symlink loop, a permission problem, ...
        raise _fail(name, f"cannot read the file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _fail(name, "not a regular file")
    if info.st_size > MAX_BYTES:
        raise _fail(name, f"file is {info.st_size:,} bytes; the limit is {MAX_BYTES:,} (2 MiB)")
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _fail(name, f"cannot read the file: {exc.strerror or exc}") from None


def decode(path: str, raw: bytes) -> str:
    """UTF-8 (or UTF-16/UTF-8 with a BOM, which YAML allows) to text."""
    if len(raw) > MAX_BYTES:
        raise _fail(path, f"file is larger than the limit of {MAX_BYTES:,} bytes (2 MiB)")
    encoding = "utf-8"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif raw.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(path, f"not valid {encoding.upper()} text (byte 0x{raw[exc.start]:02x}); "
                          "save the file as UTF-8", line, column) from None


def _yaml_problem(path: str, exc: yaml.MarkedYAMLError, text: str) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    line, column = _place(mark)
    message = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
    if "nesting depth" in message:  # libyaml's own cap (1000) can trip before ours is reached
        return _fail(path, f"nested more than {MAX_DEPTH} levels deep", line, column)
    if "constructor for the tag" in message:
        tag = (exc.problem or message).split()[-1].replace("tag:yaml.org,2002:", "!!")
        return _fail(path, f"unsupported tag {tag}: only plain YAML values "
                           "(text, numbers, true/false, lists, mappings) are allowed", line, column)
    if mark is not None and _is_tab(text, line, column):
        return _fail(path, "invalid YAML: a tab character; YAML indents with spaces only (set the editor "
                           "to insert spaces for Tab)", line, column)
    return _fail(path, f"invalid YAML: {message}", line, column)


def _is_tab(text: str, line: int, column: int) -> bool:
    """Whether the parser stopped on a tab, which YAML forbids in indentation."""
    lines = text.split("\n")
    return line <= len(lines) and lines[line - 1][column - 1:column] == "\t"


def _reader_problem(path: str, text: str, exc: yaml.reader.ReaderError) -> ContentError:
    before = text[: exc.position]
    line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return _fail(path, f"invalid YAML: control character U+{ord(char):04X} is not allowed "
                       "(is this a binary file?)", line, column)


def _check_shape(path: str, text: str) -> int:
    """Walk parse events (iteratively, so depth can't overflow a stack) before composing; the aliases."""
    depth = aliases = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _fail(path, f"nested more than {MAX_DEPTH} levels deep", *_place(event.start_mark))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _fail(path, f"more than {MAX_ALIASES} aliases (*name); the limit "
                                  "guards against alias bombs", *_place(event.start_mark))
    return aliases


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many values the tree holds once every alias is expanded."""
    known = memo.get(id(node))
    if known is not None:
        return known
    memo[id(node)] = 1  # a recursive alias counts once instead of looping
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    memo[id(node)] = min(size, MAX_VALUES + 1)
    return memo[id(node)]


def _too_many_values(aliases: int) -> str:
    """Blame aliases only when the file has some: a long file without any is just too long."""
    if aliases:
        return f"aliases (*name) here expand to more than {MAX_VALUES:,} values; the limit guards against alias bombs"
    return (f"holds more than {MAX_VALUES:,} values, far more than a screen shows; the limit keeps the file "
            "quick to read (the panels and lists each have their own, smaller limit)")


def _too_big(node: yaml.Node, sizes: dict[int, int]) -> yaml.Node:
    """The innermost node, first in the file, that alone expands past the limit."""
    while True:
        children = node.value if isinstance(node, yaml.SequenceNode) else \
            [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else []
        over = [child for child in children if sizes.get(id(child), 0) > MAX_VALUES]
        if not over:
            return node
        node = over[0]


def _duplicate_keys(path: str, node: yaml.Node, seen: set[int]) -> list[Problem]:
    if id(node) in seen:
        return []
    seen.add(id(node))
    problems: list[Problem] = []
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            children.append(value_node)
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            line, column = _mark(key_node)
            if key_node.value in first:
                problems.append(Problem(path, line, column, Severity.ERROR, key_node.value,
                                        f"duplicate key (first at line {first[key_node.value]})"))
            first.setdefault(key_node.value, line)
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    for child in children:
        problems += _duplicate_keys(path, child, seen)
    return problems


def parse_yaml(path: str, raw: bytes) -> YamlSource:
    """Parse bytes as one YAML document of core types, or raise ContentError."""
    text = decode(path, raw)
    try:
        aliases = _check_shape(path, text)
        root = yaml.compose(text, Loader=_Loader)
        sizes: dict[int, int] = {}
        if root is not None and _expanded_size(root, sizes) > MAX_VALUES:
            raise _fail(path, _too_many_values(aliases), *_mark(_too_big(root, sizes)))
        if root is not None:
            duplicates = _duplicate_keys(path, root, set())
            if duplicates:
                raise ContentError(duplicates)
        data = _Constructor().construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_problem(path, exc, text) from None
    except yaml.reader.ReaderError as exc:  # a control character, with no line/column mark
        raise _reader_problem(path, text, exc) from None
    except yaml.YAMLError as exc:
        raise _fail(path, f"invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise _fail(path, f"nested more than {MAX_DEPTH} levels deep") from None
    return YamlSource(path, data, root, raw)
