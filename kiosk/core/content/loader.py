"""Load content.yaml into a validated Content, or say exactly what is wrong and where."""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from kiosk.core.content import model
from kiosk.core.content.checks import content_errors, content_warnings
from kiosk.core.content.problems import ContentError, Problem, Severity, format_field
from kiosk.core.content.yamlsource import YamlSource, parse_yaml, read_bytes


@dataclass(frozen=True)
class Loaded:
    """Valid content plus what ``check`` would warn about, and a short version hash."""

    content: model.Content
    path: Path
    warnings: list[Problem] = field(default_factory=list)
    digest: str = ""

    @property
    def folder(self) -> Path:
        return self.path.parent


def load_content(path: str | Path) -> Loaded:
    """Read, parse and validate a content file. Raises ContentError, never anything else."""
    path = Path(path)
    return load_bytes(read_bytes(path), path)


def load_bytes(raw: bytes, path: Path) -> Loaded:
    source = parse_yaml(str(path), raw)
    if not isinstance(source.data, dict):
        raise ContentError([Problem(str(path), 1, 1, Severity.ERROR, "",
                                    "the file must be a mapping with `settings:` and `panels:`")])
    try:
        content = model.Content.model_validate(source.data)
    except ValidationError as exc:
        raise ContentError([_problem(source, error) for error in exc.errors()]) from None
    except (RecursionError, MemoryError):
        raise ContentError([Problem(str(path), 1, 1, Severity.ERROR, "", "content is too large")]) from None
    errors = [_located(source, loc, message, Severity.ERROR) for loc, message in content_errors(content)]
    if errors:
        raise ContentError(errors)
    warnings = [_located(source, loc, message) for loc, message in content_warnings(content, path.parent)]
    return Loaded(content, path, warnings, content_digest(raw))


def content_digest(raw: bytes) -> str:
    """The short version hash of a content file's bytes (logged, and compared on reload)."""
    return hashlib.sha256(raw).hexdigest()[:12]


def _located(source: YamlSource, loc: tuple[str | int, ...], message: str,
             severity: Severity = Severity.WARNING) -> Problem:
    line, column = source.position(loc)
    return Problem(source.path, line, column, severity, format_field(loc), message)


def _problem(source: YamlSource, error: dict) -> Problem:
    loc = _clean_loc(source, tuple(error["loc"]))
    if error["type"].startswith("union_tag"):
        loc = (*loc, "kind")
    if error["type"] == "extra_forbidden":
        line, column = source.position(loc, key=True)
        return Problem(source.path, line, column, Severity.ERROR, format_field(loc),
                       _unknown_key_message(str(loc[-1])))
    line, column = source.position(loc)
    return Problem(source.path, line, column, Severity.ERROR, format_field(loc), _message(error))


def _clean_loc(source: YamlSource, loc: tuple) -> tuple:
    """Drop pydantic's union labels (e.g. the panel kind) so the path matches the file."""
    import yaml

    node, out = source.root, []
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, yaml.MappingNode):
            values = {getattr(k, "value", None): v for k, v in node.value}
            tag = values.get("kind")
            after_index = index > 0 and isinstance(loc[index - 1], int)
            if after_index and isinstance(tag, yaml.ScalarNode) and tag.value == part and not last:
                continue  # the discriminator label pydantic puts after a panel's index
            match = values.get(str(part))
            if match is None and not last:
                continue
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        elif node is not None:
            break  # a scalar has no children: the rest are type labels
        out.append(part)
    return tuple(out)


def _message(error: dict) -> str:
    kind, msg = error["type"], error["msg"]
    if kind == "missing":
        return "this field is required"
    if kind == "union_tag_invalid":
        return f"unknown kind; use one of: {', '.join(model.PANEL_KINDS)}"
    if kind == "union_tag_not_found":
        return f"every panel needs `kind:` (one of: {', '.join(model.PANEL_KINDS)})"
    if kind == "string_pattern_mismatch":
        return _pattern_message(error)
    if kind.startswith("value_error"):
        return msg.removeprefix("Value error, ")
    if kind == "finite_number":
        return "must be a finite number (not NaN or infinity)"
    if kind == "int_parsing_size":
        return "this number is far too large"
    if kind in _BOUNDS:
        return _bound_message(error)
    return msg[0].lower() + msg[1:] if msg else kind


_BOUNDS = {"greater_than_equal": ("at least", "ge"), "less_than_equal": ("at most", "le"),
           "too_short": ("at least", "min_length"), "too_long": ("at most", "max_length")}


def _bound_message(error: dict) -> str:
    """'must be at least 1 second', 'has 5,000 items; at most 200 are allowed'."""
    words, key = _BOUNDS[error["type"]]
    limit = error.get("ctx", {}).get(key)
    if error["type"].startswith("too_"):
        count = error.get("ctx", {}).get("actual_length")
        unit = "item" if limit == 1 else "items"
        return f"has {count:,} items; {words} {limit:,} {unit} allowed" if count else f"needs {words} {limit:,} {unit}"
    if error["loc"][-1:] == ("duration",):
        unit = "second" if limit == 1 else "seconds"
        return (f"must be {words} {limit:g} {unit} "
                f"(a duration runs from {model.MIN_DURATION:g} second to {model.MAX_DURATION / 3600:g} hour)")
    return f"must be {words} {limit:,}"


def _pattern_message(error: dict) -> str:
    pattern = error.get("ctx", {}).get("pattern", "")
    if pattern.startswith("^#"):
        return "must be a colour written as #rrggbb, e.g. #0b2545"
    if pattern.startswith("^[Hh][Tt][Tt][Pp]"):
        return "must be a web address starting with http:// or https://"
    if pattern.startswith("^[a-z0-9]"):
        return "must use only lowercase letters, digits and dashes, e.g. latest-updates"
    return f"does not match the pattern {pattern}"


def _unknown_key_message(key: str) -> str:
    guess = difflib.get_close_matches(key, _known_keys(), n=1, cutoff=0.6)
    hint = f"; did you mean `{guess[0]}`?" if guess else ""
    return f"unknown key `{key}`{hint}"


@lru_cache(maxsize=1)
def _known_keys() -> tuple[str, ...]:
    names: set[str] = set()
    for cls in vars(model).values():
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            names.update(info.alias or name for name, info in cls.model_fields.items())
    return tuple(sorted(names))


def locate(loaded: Loaded, items: list[tuple[tuple[str | int, ...], str]]) -> list[Problem]:
    """Warnings about ``loaded`` found after loading (e.g. by measuring the layout), with positions."""
    source = parse_yaml(str(loaded.path), read_bytes(loaded.path))
    return [_located(source, loc, message) for loc, message in items]
