"""A fast yes/no JSON Schema check for the keywords Doorstep's own schemas use.

``jsonschema`` takes about a millisecond per request document, too slow for a feed of
ten thousand. This compiles a schema (draft 2020-12, a subset of keywords) into plain
Python closures once. It only answers "valid or not": the caller asks ``jsonschema``
for the reasons when the answer is no, so messages come from the reference
implementation. A schema with a keyword outside the subset raises UnsupportedSchema,
and the caller falls back to ``jsonschema`` for everything.
tests/test_request_doc_properties.py checks that both agree.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

# Keywords that only annotate: they never make a document invalid.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default"}
)


class UnsupportedSchema(ValueError):
    """The schema uses a keyword this checker does not implement."""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _is_number,
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
}


def json_equal(one: Any, two: Any) -> bool:
    """Equality as JSON Schema means it: ``true`` is not ``1``, but ``1`` is ``1.0``."""
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(map(json_equal, one, two))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(json_equal(one[k], two[k]) for k in one)
    if _is_number(one) and _is_number(two):
        return bool(one == two)
    return one is None and two is None


def _true(_: Any) -> bool:
    return True


def _all(checks: list[Check]) -> Check:
    if not checks:
        return _true
    if len(checks) == 1:
        return checks[0]

    def check(value: Any) -> bool:
        for one in checks:  # noqa: SIM110 - a loop is faster than all() over a generator
            if not one(value):
                return False
        return True

    return check


_BOUNDS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})


def _number_range(schema: dict[str, Any]) -> Check:
    """The bounds of one schema (and its ``"type": "number"``) as one quick check."""
    low = schema.get("minimum", -math.inf)
    high = schema.get("maximum", math.inf)
    above = schema.get("exclusiveMinimum", -math.inf)
    below = schema.get("exclusiveMaximum", math.inf)
    if schema.get("type") == "number":

        def typed(value: Any) -> bool:
            kind = type(value)
            return (kind is float or kind is int) and low <= value <= high and above < value < below

        return typed

    def untyped(value: Any) -> bool:
        if not _is_number(value):
            return True
        return bool(low <= value <= high and above < value < below)

    return untyped


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return _true
        if schema is False:
            return lambda _: False
        if not isinstance(schema, dict):
            raise UnsupportedSchema(f"a schema must be an object or a boolean: {schema!r}")
        checks: list[Check] = []
        skip = {"then", "else", "items"}  # they go with "if" and "prefixItems"
        if any(key in schema for key in _BOUNDS):
            skip |= _BOUNDS
            if schema.get("type") == "number":
                skip.add("type")
            checks.append(_number_range(schema))
        for key, arg in schema.items():
            if key in _ANNOTATIONS or key in skip:
                continue
            handler = getattr(self, "kw_" + key.lstrip("$"), None)
            if handler is None:
                raise UnsupportedSchema(f"keyword {key!r} is not supported")
            checks.append(handler(arg, schema))
        if "items" in schema and "prefixItems" not in schema:
            checks.append(self.kw_prefixItems([], schema))
        return _all(checks)

    def kw_ref(self, ref: str, _: dict[str, Any]) -> Check:
        if ref not in self.refs:
            if not ref.startswith("#"):
                raise UnsupportedSchema(f"only local references are supported: {ref!r}")
            target: Any = self.root
            try:
                for part in ref[1:].split("/")[1:]:
                    target = target[part.replace("~1", "/").replace("~0", "~")]
            except (KeyError, TypeError):
                raise UnsupportedSchema(f"reference {ref!r} does not resolve") from None
            compiled: list[Check] = []
            self.refs[ref] = lambda v: compiled[0](v)  # used only by a recursive schema
            compiled.append(self.compile(target))
            self.refs[ref] = compiled[0]
        return self.refs[ref]

    def kw_type(self, arg: str | list[str], _: dict[str, Any]) -> Check:
        names = [arg] if isinstance(arg, str) else arg
        if any(n not in _TYPES for n in names):
            raise UnsupportedSchema(f"unknown type in {arg!r}")
        if len(names) == 1:
            return _TYPES[names[0]]
        tests = [_TYPES[n] for n in names]
        return lambda v: any(t(v) for t in tests)

    def kw_const(self, arg: Any, _: dict[str, Any]) -> Check:
        if isinstance(arg, str):
            return lambda v: isinstance(v, str) and v == arg
        return lambda v: json_equal(v, arg)

    def kw_enum(self, arg: list[Any], _: dict[str, Any]) -> Check:
        if all(isinstance(choice, str) for choice in arg):
            strings = frozenset(arg)
            return lambda v: isinstance(v, str) and v in strings
        return lambda v: any(json_equal(v, choice) for choice in arg)

    def kw_required(self, arg: list[str], _: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, dict) or all(name in v for name in arg)

    def kw_properties(self, arg: dict[str, Any], _: dict[str, Any]) -> Check:
        props = [(name, self.compile(sub)) for name, sub in arg.items()]

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for name, sub in props:  # noqa: SIM110 - faster than all() over a generator
                if name in value and not sub(value[name]):
                    return False
            return True

        return check

    def kw_prefixItems(self, arg: list[Any], schema: dict[str, Any]) -> Check:
        prefix = [self.compile(sub) for sub in arg]
        rest = self.compile(schema["items"]) if "items" in schema else _true
        count = len(prefix)

        def check(value: Any) -> bool:
            if not isinstance(value, list):
                return True
            for sub, item in zip(prefix, value, strict=False):
                if not sub(item):
                    return False
            for item in value[count:]:  # noqa: SIM110 - faster than all()
                if not rest(item):
                    return False
            return True

        return check

    def kw_allOf(self, arg: list[Any], _: dict[str, Any]) -> Check:
        return _all([self.compile(sub) for sub in arg])

    def kw_if(self, arg: Any, schema: dict[str, Any]) -> Check:
        condition = self.compile(arg)
        then = self.compile(schema.get("then", True))
        otherwise = self.compile(schema.get("else", True))
        return lambda v: then(v) if condition(v) else otherwise(v)

    def kw_pattern(self, arg: str, _: dict[str, Any]) -> Check:
        search = re.compile(arg).search
        return lambda v: not isinstance(v, str) or search(v) is not None

    def kw_minLength(self, arg: int, _: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, str) or len(v) >= arg

    def kw_maxLength(self, arg: int, _: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, str) or len(v) <= arg

    def kw_minItems(self, arg: int, _: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, list) or len(v) >= arg

    def kw_maxItems(self, arg: int, _: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, list) or len(v) <= arg


def compile_schema(schema: dict[str, Any]) -> Check:
    """A function telling whether a JSON value is valid against ``schema``.

    Raises UnsupportedSchema for a keyword outside the subset."""
    return _Compiler(schema).compile(schema)
