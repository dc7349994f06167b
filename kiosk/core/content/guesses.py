""""did you mean": the nearest key of the model a misspelt key is actually in.

A typo is compared with the keys that may stand where it stands (``show:`` takes ``from``,
``until``, ``days``, ``hours``), not with every key of the format, so `form` under ``show:``
suggests ``from`` and not a clock's ``format``.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Annotated, Union, get_args, get_origin

from pydantic import BaseModel

from kiosk.core.content import model

CUTOFF = 0.6


def unknown_key_message(key: str, loc: Sequence[str | int], root: type[BaseModel]) -> str:
    """"unknown key `x`", with the nearest key allowed at ``loc`` (pydantic's raw loc, under ``root``)."""
    guess = difflib.get_close_matches(key, keys_at(loc[:-1], root), n=1, cutoff=CUTOFF)
    hint = f"; did you mean `{guess[0]}`?" if guess else ""
    return f"unknown key `{key}`{hint}"


def keys_at(parents: Sequence[str | int], root: type[BaseModel]) -> list[str]:
    """The keys the mapping at ``parents`` may hold: every field of the models that can stand there."""
    models = [root]
    for part in parents:
        if isinstance(part, int):
            continue  # a list's item: its models are the list's
        tried = [cls for cls in models if part in _kinds(cls) or part == cls.__name__]
        if len(models) > 1 and tried:
            models = tried  # pydantic's label for the union member it tried (a panel's kind, a class)
            continue
        inner = [found for cls in models for name, info in cls.model_fields.items()
                 if part in (name, info.alias) for found in _models_in(info.annotation)]
        if not inner:
            return []  # a plain value: nothing below it has keys
        models = list(dict.fromkeys(inner))
    return sorted({info.alias or name for cls in models for name, info in cls.model_fields.items()})


def _kinds(cls: type[BaseModel]) -> tuple[object, ...]:
    """The ``kind`` values a panel model accepts (none for other models)."""
    info = cls.model_fields.get("kind")
    return get_args(info.annotation) if info is not None else ()


def _models_in(annotation: object) -> Iterator[type[BaseModel]]:
    """The models a field's type holds, through Annotated, unions, lists and mappings."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        args = args[:1]
    elif origin not in (Union, types.UnionType, list, dict, tuple, set, frozenset):
        return
    for arg in args:
        yield from _models_in(arg)


@lru_cache(maxsize=1)
def every_key() -> tuple[str, ...]:
    """Every key any model of the content format has (what a fuzzer mixes into documents)."""
    names: set[str] = set()
    for cls in vars(model).values():
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            names.update(info.alias or name for name, info in cls.model_fields.items())
    return tuple(sorted(names))
