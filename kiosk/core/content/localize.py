"""Two languages: resolve every `{lang: text}` map to plain text for one language. No Qt here.

Widgets only ever receive plain strings: the player (through the playlist) and the
renderer hand them a panel already resolved with ``localized``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from pydantic import BaseModel

from kiosk.core.content.model import Content

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]
Translatable = str | dict[str, str]  # a Text field's value: one text, or one per language


def pick(value: Translatable, lang: str, fallback: str) -> str:
    """The text for ``lang``; else the first language's; else the map's first entry."""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get(fallback) or next(iter(value.values()), "")


def resolved(value: Translatable) -> str:
    """The text of a field in a model that went through ``localized``: the one string it holds.

    The models' type still allows a translation map, so the screen narrows each text through
    here; a map reaching it means a panel was drawn without being localized first (a bug).
    """
    if isinstance(value, dict):
        raise TypeError(f"text not localized before it was drawn: {value!r}")
    return value


def localized_model(model: M, lang: str, fallback: str) -> M:
    """A copy of ``model`` with every translation map replaced by its text in ``lang``.

    Only text fields hold plain dicts (nested models stay models), so any dict met while
    walking the model is a translation map.
    """
    changes = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        resolved = _resolve(value, lang, fallback)
        if resolved is not value:
            changes[name] = resolved
    return model.model_copy(update=changes) if changes else model


def _resolve(value: object, lang: str, fallback: str) -> object:
    if isinstance(value, dict):
        return pick(value, lang, fallback)
    if isinstance(value, BaseModel):
        return localized_model(value, lang, fallback)
    if isinstance(value, list):
        items = [_resolve(item, lang, fallback) for item in value]
        return items if any(a is not b for a, b in zip(items, value)) else value
    return value


def localized(content: Content, lang: str) -> Content:
    """The whole content in ``lang``; fields without that translation use the first language."""
    return localized_model(content, lang, content.settings.languages[0])


def translation_warnings(content: Content) -> Iterator[tuple[Loc, str]]:
    """Maps that lack a language the rotation plays, or hold one it never plays."""
    languages = content.settings.languages
    for loc, value in _maps(content, ()):
        # What pick() shows where a language is missing: the first language's text, else the map's first.
        instead = languages[0] if languages[0] in value else next(iter(value))
        for lang in languages[1:]:
            if lang not in value:
                yield loc, f"no `{lang}` translation; the {instead} text shows in the {lang} rotation"
        if languages[0] not in value:
            yield loc, (f"no `{languages[0]}` text (the first language); the `{instead}` text shows in the "
                        f"{languages[0]} rotation instead")
        for lang in value:
            if lang not in languages:
                yield (*loc, lang), f"`{lang}` is not in settings.languages ({', '.join(languages)}), " \
                                    "so it never shows"


def _maps(value: object, loc: Loc) -> Iterator[tuple[Loc, dict[str, str]]]:
    if isinstance(value, dict):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _maps(getattr(value, name), (*loc, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _maps(item, (*loc, index))
