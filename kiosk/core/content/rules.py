"""Constraints that carry their own message, in the words staff read (after qutebrowser's configtypes).

Every limit on a content field is one of these rules. Each checks the value, raises one
``StaffError`` whose text is shown as it is, and writes the same limit into the JSON Schema
with its message as ``errorMessage`` (which editors such as VS Code show). The loader never
reads pydantic's wording; what pydantic itself rejects (a list where text belongs, say) is
named by ``TYPE_MESSAGES``. No Qt here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, get_args

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationError
from pydantic_core import CoreSchema, core_schema


class StaffError(ValueError):
    """A content value breaks a rule. ``at`` extends the field's location (e.g. to its ``kind`` key)."""

    def __init__(self, message: str, at: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.at = at


class Rule:
    """One constraint and what to tell staff when a value breaks it.

    ``mode`` says when it runs: ``after`` the type has been read, ``before`` it (to look at what
    was written), or ``wrap`` (to replace whatever the type says with one message).
    """

    mode: ClassVar[str] = "after"

    def check(self, value: Any) -> Any:
        """Return the value (perhaps converted) or raise StaffError."""
        return value

    def messages(self) -> list[str]:
        """Every message this rule can give, as the JSON Schema shows it."""
        raise NotImplementedError

    def json_keywords(self) -> dict[str, Any]:
        """The JSON Schema keywords for this limit."""
        return {}

    def wrap(self, value: Any, handler: Callable[[Any], Any]) -> Any:
        """Read the value as its type; whatever the type says against it becomes this rule's first message."""
        try:
            return handler(value)
        except ValidationError:
            raise StaffError(self.messages()[0]) from None

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        self.bind(source)
        inner = handler(source)
        if self.mode == "before":
            return core_schema.no_info_before_validator_function(self.check, inner)
        if self.mode == "wrap":
            return core_schema.no_info_wrap_validator_function(self.wrap, inner)
        return core_schema.no_info_after_validator_function(self.check, inner)

    def bind(self, source: Any) -> None:
        """Learn from the annotated type (e.g. a Literal's options) before validating it."""

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        out = dict(handler(schema))
        out.update(self.json_keywords())
        said = [_VALUE.sub("this value", m) for m in self.messages()]
        out["errorMessage"] = "; ".join([*filter(None, [out.get("errorMessage")]), *said])
        return out


_VALUE = re.compile(r"`?\{value(!r)?\}`?")  # where a message names the value, the schema says "this value"


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


class Range(Rule):
    """A number from ``low`` to ``high``, never NaN or infinity: "must be at least 1 second"."""

    def __init__(self, low: float, high: float, unit: tuple[str, str] = ("", ""), note: str = "") -> None:
        self.low, self.high, self.unit, self.note = low, high, unit, note

    def _say(self, words: str, limit: float) -> str:
        unit = self.unit[0] if limit == 1 else self.unit[1]
        return f"must be {words} {_number(limit)}{' ' + unit if unit else ''}{self.note}"

    def messages(self) -> list[str]:
        """Too small, too large, and not a finite number."""
        return [self._say("at least", self.low), self._say("at most", self.high), FINITE]

    def check(self, value: float) -> float:
        """The number, unless it is NaN, infinite or outside ``low`` to ``high``."""
        if not math.isfinite(value):
            raise StaffError(FINITE)
        if value < self.low:
            raise StaffError(self._say("at least", self.low))
        if value > self.high:
            raise StaffError(self._say("at most", self.high))
        return value

    def json_keywords(self) -> dict[str, Any]:
        """The bounds, as ``minimum`` and ``maximum``."""
        return {"minimum": self.low, "maximum": self.high}


class Length(Rule):
    """Text of ``low`` to ``high`` characters."""

    def __init__(self, low: int = 0, high: int | None = None, *, fits: str = "are allowed") -> None:
        self.low, self.high, self.fits = low, high, fits

    def messages(self) -> list[str]:
        """Empty where text is needed, and too long where there is a limit."""
        longest = [f"must be at most {self.high:,} characters long"] if self.high is not None else []
        return [*(["must not be empty"] if self.low else []), *longest]

    def check(self, value: str) -> str:
        """The text, unless it is empty where text is needed or longer than ``high``."""
        if len(value) < self.low:
            raise StaffError("must not be empty")
        if self.high is not None and len(value) > self.high:
            raise StaffError(f"is {len(value):,} characters long; at most {self.high:,} {self.fits}")
        return value

    def json_keywords(self) -> dict[str, Any]:
        """The bounds, as ``minLength`` and ``maxLength``."""
        return {"minLength": self.low, **({"maxLength": self.high} if self.high is not None else {})}


class Items(Rule):
    """A list of ``low`` to ``high`` items, counted before any item is read (so 5,000 panels is one error)."""

    mode = "before"

    def __init__(self, low: int, high: int | None = None) -> None:
        self.low, self.high = low, high

    def messages(self) -> list[str]:
        """Too few items, and too many where there is a limit."""
        unit = "item" if self.low == 1 else "items"
        few = f"needs at least {self.low} {unit}"
        return [few, *([f"has too many items; at most {self.high:,} items allowed"] if self.high else [])]

    def check(self, value: Any) -> Any:
        """The list, unless it has too few or too many items; what isn't a list is left to its type."""
        if not isinstance(value, list | tuple):
            return value  # not a list at all: the list type says so
        if len(value) < self.low:
            raise StaffError(self.messages()[0])
        if self.high is not None and len(value) > self.high:
            raise StaffError(f"has {len(value):,} items; at most {self.high:,} items allowed")
        return value

    def json_keywords(self) -> dict[str, Any]:
        """The bounds, as ``minItems`` and ``maxItems``."""
        return {"minItems": self.low, **({"maxItems": self.high} if self.high is not None else {})}


class Shaped(Rule):
    """Text that must pass a test; one message says what to write.

    The message also answers for a value that isn't text at all (a number, or nothing: YAML
    reads an unquoted ``#0b2545`` as a comment), since it already says what to write.
    """

    mode = "wrap"

    def __init__(self, message: str) -> None:
        self.message = message

    def fits(self, value: str) -> bool:
        """True when ``value`` has the shape; each kind of Shaped rule says what that is."""
        raise NotImplementedError

    def messages(self) -> list[str]:
        """The one message, which says what to write."""
        return [self.message]

    def wrap(self, value: Any, handler: Callable[[Any], Any]) -> Any:
        """Read the value as its type, then test it; either failure gives the one message."""
        try:
            return self.check(handler(value))
        except ValidationError:
            raise StaffError(self.message.format(value=value)) from None

    def check(self, value: str) -> str:
        """The text, if it has the shape; else the one message, naming the value."""
        if not self.fits(value):
            raise StaffError(self.message.format(value=value))
        return value


class Matches(Shaped):
    """Text of a given shape; the message describes the shape in words, never as the pattern."""

    def __init__(self, pattern: str, message: str) -> None:
        super().__init__(message)
        self.pattern, self.regex = pattern, re.compile(pattern)

    def fits(self, value: str) -> bool:
        """True when the pattern matches from the start of the text."""
        return bool(self.regex.match(value))

    def json_keywords(self) -> dict[str, Any]:
        """The same pattern, for editors to check as staff type."""
        return {"pattern": self.pattern}


class Check(Shaped):
    """A test no type can express, such as "this icon exists"."""

    def __init__(self, passes: Callable[[str], bool], message: str) -> None:
        super().__init__(message)
        self.passes = passes

    def fits(self, value: str) -> bool:
        """True when the test passes."""
        return self.passes(value)


class OneOf(Rule):
    """One of a Literal's words: "must be one of: fade, slide, none"."""

    mode = "wrap"
    options: Sequence[str] = ()

    def bind(self, source: Any) -> None:
        """Learn the allowed words from the Literal this rule annotates."""
        self.options = get_args(source)

    def messages(self) -> list[str]:
        """The allowed words, in one message."""
        return [f"must be one of: {', '.join(self.options)}"]


class Says(Rule):
    """One message for a value that may take several forms, instead of one complaint per form."""

    mode = "wrap"

    def __init__(self, message: str) -> None:
        self.message = message

    def messages(self) -> list[str]:
        """The one message, for every form the value may take."""
        return [self.message]


class Unique(Rule):
    """No item twice: "en listed twice; list each language once"."""

    def __init__(self, what: str) -> None:
        self.what = what

    def messages(self) -> list[str]:
        """The ask: list each item once."""
        return [f"list each {self.what} once"]

    def check(self, values: list[Any]) -> list[Any]:
        """The list, unless an item appears twice (every repeated one is named)."""
        repeated = sorted({str(v) for v in values if values.count(v) > 1})
        if repeated:
            raise StaffError(f"{', '.join(repeated)} listed twice; list each {self.what} once")
        return values


class Kinds(Rule):
    """The ``kind:`` that picks one model of a union, checked before any model reads the value."""

    mode = "before"
    kinds: Sequence[str] = ()

    def bind(self, source: Any) -> None:
        """Learn the ``kind`` word of each model in the union."""
        self.kinds = [get_args(member.model_fields["kind"].annotation)[0] for member in get_args(source)]

    def messages(self) -> list[str]:
        """An unknown kind, and a panel with no kind; both list the kinds there are."""
        kinds = ", ".join(self.kinds)
        return [f"unknown kind; use one of: {kinds}", f"every panel needs `kind:` (one of: {kinds})"]

    def check(self, value: Any) -> Any:
        """The mapping, unless its ``kind`` is missing or unknown (the error points at ``kind``)."""
        if isinstance(value, dict) and value.get("kind") not in self.kinds:
            unknown, missing = self.messages()
            raise StaffError(unknown if "kind" in value else missing, at=("kind",))
        return value


class Parse(Rule):
    """Read a value the way staff write it ("1m30s", "Monday"); ``read`` raises ValueError in their words.

    ``hint`` is the same advice for the JSON Schema. With ``schema``, ``read`` replaces the type
    (a date written as text) and ``schema`` is what editors see; ``also`` is a second form the
    schema accepts beside the type's own ("12s" beside 12).
    """

    def __init__(self, read: Callable[[Any], Any], hint: str, schema: dict[str, Any] | None = None,
                 also: dict[str, Any] | None = None) -> None:
        self.read, self.hint, self.schema, self.also = read, hint, schema, also

    def messages(self) -> list[str]:
        """The hint: how to write the value."""
        return [self.hint]

    def check(self, value: Any) -> Any:
        """The value as ``read`` makes it; its ValueError becomes the message staff read."""
        try:
            return self.read(value)
        except StaffError:
            raise
        except ValueError as exc:
            raise StaffError(str(exc)) from None

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        if self.schema is not None:
            return core_schema.no_info_plain_validator_function(self.check)
        return core_schema.no_info_before_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        if self.schema is not None:
            return {**self.schema, "errorMessage": self.hint}
        if self.also is not None:
            also = {**self.also, "errorMessage": self.hint}
            return {"anyOf": [handler(schema), also], "errorMessage": self.hint}
        return super().__get_pydantic_json_schema__(schema, handler)


FINITE = "must be a finite number (not NaN or infinity)"
WHOLE = "must be a whole number, such as 12"
MAPPING = "must be a group of `name: value` lines (a mapping), not a single value or a list"
LIST = "must be a list, such as [a, b] or lines that start with `- `"

# What pydantic's own types reject, by its stable error type (never by its wording).
TYPE_MESSAGES = {
    "missing": "this field is required",
    "string_type": "must be text", "string_unicode": "must be text",
    "int_type": WHOLE, "int_parsing": WHOLE, "int_from_float": WHOLE,
    "int_parsing_size": "this number is far too large", "finite_number": FINITE,
    "float_type": "must be a number, such as 1.2", "float_parsing": "must be a number, such as 1.2",
    "bool_type": "must be true or false", "bool_parsing": "must be true or false",
    "list_type": LIST, "tuple_type": LIST,
    "dict_type": MAPPING, "model_type": MAPPING, "model_attributes_type": MAPPING,
}
UNKNOWN = "this value can't be used here; see docs/format.md"


def staff_message(error: Any) -> tuple[str, tuple[str | int, ...]]:
    """What to tell staff about one pydantic error, and how far past its location it points."""
    raised = (error.get("ctx") or {}).get("error")
    if isinstance(raised, StaffError):
        return str(raised), raised.at
    return TYPE_MESSAGES.get(error["type"], UNKNOWN), ()


class Doc:
    """Not a rule: how docs/format.md's tables name a type ("seconds", "`#rrggbb`")."""

    def __init__(self, label: str) -> None:
        self.label = label
