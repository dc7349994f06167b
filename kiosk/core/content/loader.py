"""Load content.yaml into a validated Content, or say exactly what is wrong and where."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from kiosk.core.content import model
from kiosk.core.content.checks import content_errors, content_warnings
from kiosk.core.content.guesses import unknown_key_message
from kiosk.core.content.problems import ContentError, Problem, Severity, format_field
from kiosk.core.content.rules import staff_message
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
        """The folder the content file is in: its file names are relative to it."""
        return self.path.parent


def load_content(path: str | Path) -> Loaded:
    """Read, parse and validate a content file. Raises ContentError, never anything else."""
    path = Path(path)
    return load_bytes(read_bytes(path), path)


def load_bytes(raw: bytes, path: Path) -> Loaded:
    """Parse and validate a content file's bytes, read from ``path``. Raises ContentError."""
    source = parse_yaml(str(path), raw)
    content = validated(source, model.Content, "the file must be a mapping with `settings:` and `panels:`")
    errors = [_located(source, loc, message, Severity.ERROR) for loc, message in content_errors(content)]
    if errors:
        raise ContentError(errors)
    # Before the warnings: whether an agenda plays depends on its calendar.
    found = [*read_panel_files(content, path.parent), *content_warnings(content, path.parent)]
    warnings = [_located(source, loc, message) for loc, message in found]
    return Loaded(content, path, warnings, content_digest(raw))


def read_panel_files(content: model.Content, folder: Path) -> list[tuple[tuple[str | int, ...], str]]:
    """Have each panel read the files it draws from (an agenda's calendar); what is wrong with them."""
    now = datetime.now()
    return [(("panels", index, *loc), message) for index, panel in enumerate(content.panels)
            for loc, message in panel.read_files(folder, now)]


M = TypeVar("M", bound=BaseModel)


def validated(source: YamlSource, cls: type[M], shape: str) -> M:
    """``source`` as a ``cls``, or a ContentError with every problem at its line; ``shape`` says
    what the file must look like when it is not a mapping at all."""
    path = source.path
    if not isinstance(source.data, dict):
        raise ContentError([Problem(path, 1, 1, Severity.ERROR, "", shape)])
    try:
        return cls.model_validate(source.data)
    except ValidationError as exc:
        raise ContentError([_problem(source, error, cls) for error in exc.errors()]) from None
    except (RecursionError, MemoryError):
        raise ContentError([Problem(path, 1, 1, Severity.ERROR, "", "content is too large")]) from None


def content_digest(raw: bytes) -> str:
    """The short version hash of a content file's bytes (logged, and compared on reload)."""
    return hashlib.sha256(raw).hexdigest()[:12]


def _located(source: YamlSource, loc: tuple[str | int, ...], message: str,
             severity: Severity = Severity.WARNING) -> Problem:
    line, column = source.position(loc)
    return Problem(source.path, line, column, severity, format_field(loc), message)


def _problem(source: YamlSource, error: ErrorDetails, root: type[BaseModel]) -> Problem:
    raw = tuple(error["loc"])
    loc = _clean_loc(source, raw)
    if error["type"] == "extra_forbidden":
        line, column = source.position(loc, key=True)
        return Problem(source.path, line, column, Severity.ERROR, format_field(loc),
                       unknown_key_message(str(loc[-1]), raw, root))
    message, further = staff_message(error)
    loc = (*loc, *further)
    line, column = source.position(loc)
    return Problem(source.path, line, column, Severity.ERROR, format_field(loc), message)


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


def locate(loaded: Loaded, items: list[tuple[tuple[str | int, ...], str]]) -> list[Problem]:
    """Warnings about ``loaded`` found after loading (e.g. by measuring the layout), with positions."""
    source = parse_yaml(str(loaded.path), read_bytes(loaded.path))
    return [_located(source, loc, message) for loc, message in items]
