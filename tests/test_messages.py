"""Every rule in the content format speaks to staff in its own words, never in pydantic's or a regex's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, get_args, get_origin

import pytest
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from kiosk.cli import main, schema_json
from kiosk.core.content import model
from kiosk.core.content.model import TEXT_HINT
from kiosk.core.content.rules import UNKNOWN, Doc, Rule, staff_message

MODELS = [cls for cls in vars(model).values()
          if isinstance(cls, type) and issubclass(cls, model.Model) and cls is not model.Model]
# What would show that pydantic's or a pattern's wording got through.
MACHINE_WORDS = re.compile(r"input should|pydantic|value error|valid (dictionary|integer|string|list)|"
                           r"\^|\$|\\[dswS]|\[[a-z0-9]-|\(\?|pattern|ctx|loc\b", re.IGNORECASE)


def metadata_of(annotation: Any) -> Iterator[Any]:
    """Every object annotating a type, through unions, lists and maps (nested models are walked on their own)."""
    if get_origin(annotation) is Annotated:
        base, *extras = get_args(annotation)
        yield from extras
        yield from metadata_of(base)
    else:
        for arg in get_args(annotation):
            yield from metadata_of(arg)


def constraints() -> Iterator[tuple[str, Any]]:
    for cls in MODELS:
        for name, info in cls.model_fields.items():
            for item in [*info.metadata, *metadata_of(info.annotation)]:
                yield f"{cls.__name__}.{name}", item


def test_the_models_have_every_kind_of_field_the_walk_must_see():
    found = {type(item).__name__ for _, item in constraints()}
    assert {"Range", "Length", "Items", "Matches", "OneOf", "Says", "Check", "Unique", "Kinds", "Parse"} <= found
    assert len(MODELS) >= 12


def test_every_constraint_in_the_models_carries_a_staff_message():
    for where, item in constraints():
        if isinstance(item, FieldInfo):  # a nested Field(...) may describe or discriminate, never limit
            assert not item.metadata, f"{where}: {item.metadata} has no staff message; use a rule"
            continue
        assert isinstance(item, Rule | Doc), f"{where}: {item!r} has no staff message; use a rule"
        if isinstance(item, Rule):
            messages = item.messages()
            assert messages and all(messages), f"{where}: {item!r} says nothing"
            for message in messages:
                assert not MACHINE_WORDS.search(message), f"{where}: {message!r}"


def schema_nodes(node: Any) -> Iterator[dict]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from schema_nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from schema_nodes(value)


LIMITS = {"minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern", "enum"}


def test_every_limit_in_the_json_schema_carries_the_same_message():
    import json

    nodes = [n for n in schema_nodes(json.loads(schema_json())) if LIMITS & n.keys()]
    assert len(nodes) > 20
    for node in nodes:
        assert node.get("errorMessage"), f"a limit without a message: {node}"
        assert not MACHINE_WORDS.search(node["errorMessage"]), node["errorMessage"]


def test_every_field_has_a_description_for_the_schema_and_the_readme():
    for cls in MODELS:
        for name, info in cls.model_fields.items():
            assert name == "kind" or info.description, f"{cls.__name__}.{name} has no description"


WRONG = ["", "x" * 6000, "§ not this", -1, 10**30, 1.5, float("nan"), True, None, [], [[1]], [{"a": 1}], {},
         {"zz": "text"}]


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
def test_any_wrong_value_in_any_field_gets_one_message_in_staff_words(cls: type[BaseModel]):
    for name, info in cls.model_fields.items():
        if name == "kind":
            continue  # a panel's kind is read by the Panel union's rule (the next test)
        key = info.alias or name
        for value in WRONG:
            try:
                cls.model_validate({key: value})
                continue
            except ValidationError as exc:
                errors = [e for e in exc.errors() if e["loc"][:1] == (key,) and e["type"] != "extra_forbidden"]
            said = [staff_message(e)[0] for e in errors]
            assert UNKNOWN not in said and not any(MACHINE_WORDS.search(m) for m in said), (key, value, errors)
            if not isinstance(value, list | dict):
                assert len(said) <= 1, f"{cls.__name__}.{key} = {value!r} gives {len(said)} errors: {said}"


@pytest.mark.parametrize("kind", WRONG, ids=repr)
def test_any_wrong_kind_gets_one_message_naming_the_kinds(kind):
    with pytest.raises(ValidationError) as caught:
        model.Content.model_validate({"settings": {"title": "T"}, "panels": [{"id": "a", "kind": kind}]})
    (error,) = caught.value.errors()
    assert staff_message(error) == (
        "unknown kind; use one of: counters, text, spotlight, updates, image, slides, video, agenda, "
        "countdown, clock", ("kind",))


VALID = "settings:\n  title: T\n{extra}panels:\n  - id: a\n    kind: text\n    title: A\n    body: B\n"


def check_output(write_content, capsys, extra: str) -> list[str]:
    path = write_content(VALID.format(extra=extra))
    assert main(["check", str(path)]) == 1
    return [line.replace(str(path), "content.yaml") for line in capsys.readouterr().err.splitlines()]


def test_a_language_name_says_what_a_language_code_looks_like(write_content, capsys):
    assert check_output(write_content, capsys, "  languages: [en, Spanish]\n") == [
        "content.yaml:3:19: error: settings.languages[1]: `Spanish` is not a language code; "
        "use a code such as en, es or pt-BR"]


def test_an_empty_screen_is_one_error_not_one_per_form(write_content, capsys):
    assert check_output(write_content, capsys, '  screen: ""\n') == [
        "content.yaml:3:11: error: settings.screen: must be a screen number from 0 to 63, "
        "or a screen's name (see `kiosk screens`)"]


@pytest.mark.parametrize(("extra", "expected"), [
    ("  transition: zoom\n", "content.yaml:3:15: error: settings.transition: must be one of: fade, slide, none"),
    ("  lock: maybe\n", "content.yaml:3:9: error: settings.lock: must be true or false"),
    ("  font_scale: 3\n", "content.yaml:3:15: error: settings.font_scale: must be at most 1.6"),
    ("  languages: [en, en]\n", "content.yaml:3:14: error: settings.languages: en listed twice; "
                                "list each language once"),
    ("  theme:\n    text: #ffffff\n", 'content.yaml:4:10: error: settings.theme.text: must be a colour written as '
                                   '#rrggbb, in quotes: "#0b2545" (without them, # starts a comment)'),
    ("  fallback: 5\n", "content.yaml:3:13: error: settings.fallback: must use only lowercase letters, "
                         "digits and dashes, e.g. latest-updates"),
    ("  theme: dark\n", "content.yaml:3:10: error: settings.theme: must be a group of `name: value` lines "
                        "(a mapping), not a single value or a list"),
    ("  footer: yes\n", f"content.yaml:3:11: error: settings.footer: {TEXT_HINT}; YAML reads yes, no, on, off, "
                        'true and false as a yes-or-no, so put such a word in quotes: "yes"'),
    ("  footer: 2026\n", f'content.yaml:3:11: error: settings.footer: {TEXT_HINT}; put a number in quotes to show '
                         'it as text: "2026"'),
    ("\tfooter: Hi\n", "content.yaml:3:1: error: invalid YAML: a tab character; YAML indents with spaces only "
                       "(set the editor to insert spaces for Tab)"),
    ("  footer: Hi\n \tclock: true\n", "content.yaml:4:2: error: invalid YAML: a tab character; YAML indents "
                                    "with spaces only (set the editor to insert spaces for Tab)"),
])
def test_other_wrong_settings_read_as_staff_would_say_them(write_content, capsys, extra, expected):
    assert check_output(write_content, capsys, extra) == [expected]


@pytest.mark.parametrize("panels", [
    "  - {id: a, kind: text, title: A, body: B, enabled: false}\n",
    "  - {id: a, kind: text, title: A, body: B, show: {until: 2020-01-01}}\n",
    "  - {id: a, kind: updates, title: A, items: [{title: Old news, until: 2020-01-01}]}\n",
])
def test_nothing_left_to_rotate_is_a_warning(write_content, capsys, panels):
    """Every panel disabled, over or empty: the screen would show only the title and a clock."""
    path = write_content(f"settings:\n  title: T\npanels:\n{panels}")
    assert main(["check", str(path)]) == 0
    assert f"{path}:4:3: warning: panels: no panel plays in the next 7 days" in capsys.readouterr().err


def test_the_schema_lets_editors_accept_durations_as_staff_write_them():
    import json

    duration = json.loads(schema_json())["$defs"]["Settings"]["properties"]["duration"]
    number, written = duration["anyOf"]
    assert (number["type"], number["minimum"], number["maximum"]) == ("number", 1, 3600)
    assert all(re.match(written["pattern"], text) for text in ("12s", "1m", "1m30s", "7.5"))
    assert not re.match(written["pattern"], "soon")
