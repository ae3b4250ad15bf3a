"""The JSON Schemas in ``schema/`` and their errors, said in Swedish.

The schemas are the contract; this module loads them into a local
``referencing`` registry (nothing is ever fetched), builds one Draft 2020-12
validator per schema with format checking switched on, and turns each
validation error into a problem that points at the key or value in the file.

Messages are built from the schema itself: every property has a Swedish
``title``, ``description`` and ``examples``, so a new property gets a good
error message without touching this code.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

# jsonschema, referencing and fastjsonschema are imported where they are used:
# a run that finds every file in the cache never needs them, and importing
# them is a fifth of such a run.
if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError
    from referencing import Registry
    from referencing._core import Resolver

from .catalogue import ENUM_MEANINGS, KEY_PATH, SWEDISH_KEYS
from .frontmatter import TYPOGRAPHIC_QUOTES, FrontMatter
from .problems import Problem, closest_match, problem

SCHEMA_FILES = {"common": "common.schema.json", "report": "report.schema.json", "series": "series.schema.json"}


def schema_dir() -> Path:
    """The schemas: packaged beside the code in a wheel, ``schema/`` in a checkout."""
    packaged = Path(__file__).parent / "_schema"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "schema"


@cache
def load(name: str) -> dict[str, Any]:
    return json.loads((schema_dir() / SCHEMA_FILES[name]).read_text(encoding="utf-8"))


@cache
def registry() -> Registry:
    from referencing import Registry, Resource

    resources = [(load(n)["$id"], Resource.from_contents(load(n))) for n in SCHEMA_FILES]
    return Registry().with_resources(resources)


@cache
def validator(name: str) -> Draft202012Validator:
    """One validator per schema, reused for every file.

    It validates a copy of the schema with every ``$ref`` inlined: our schemas
    are not recursive, and following references through the registry on each
    file was half of the validation time. The schema files keep their ``$ref``s;
    this is only how the validator holds them."""
    schema = load(name)
    inlined = _inline(schema, registry().resolver(base_uri=schema["$id"]))
    from jsonschema import Draft202012Validator

    return Draft202012Validator(inlined, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _inline(node: Any, resolver: Resolver) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            node, resolver = _follow(node, resolver)
        return {key: _inline(value, resolver) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(value, resolver) for value in node]
    return node


@cache
def fast_validator(name: str) -> Callable[[Any], Any]:
    """The same schema compiled to Python code by fastjsonschema: a yes/no gate.

    Nearly every file an author saves is valid, and jsonschema's interpreter
    is many times slower than the compiled check on such a file.
    Only a file the gate rejects goes through jsonschema, which finds every
    error with its path. The gate uses jsonschema's own format checkers, and
    tests hold the two to the same verdict on every example and on generated
    front matter. Our schemas use only keywords that draft 7 shares with
    2020-12, with every $ref inlined."""
    schema = load(name)
    inlined = _inline(schema, registry().resolver(base_uri=schema["$id"]))
    inlined = {**inlined, "$schema": "http://json-schema.org/draft-07/schema#"}
    inlined.pop("$defs", None)
    import fastjsonschema
    from jsonschema import Draft202012Validator

    checker = Draft202012Validator.FORMAT_CHECKER
    formats = {fmt: (lambda value, fmt=fmt: checker.conforms(value, fmt)) for fmt in ("date", "date-time")}
    # use_default=False: the gate must never write defaults into the data it checks.
    return fastjsonschema.compile(inlined, formats=formats, use_default=False)


def conforms(name: str, data: Any) -> bool:
    try:
        fast_validator(name)(data)
    except Exception:  # noqa: BLE001 - invalid, or anything odd: the full validator decides
        return False
    return True


def check(name: str, front: FrontMatter) -> list[Problem]:
    """Validate ``front`` against schema ``name``; empty when it conforms."""
    if conforms(name, front.data):
        return []
    errors = list(validator(name).iter_errors(front.data))
    if not errors:
        return []
    out: list[Problem] = []
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        out.extend(_translate(name, error, front))
    # dict.fromkeys, not set: duplicates go, and the order stays the schema's, the same on every run.
    return sorted(dict.fromkeys(out), key=lambda p: (p.line, p.column, p.code))


# --- Reading the schema around an error -------------------------------------

def _follow(schema: dict[str, Any], resolver: Resolver) -> tuple[dict[str, Any], Resolver]:
    """A subschema with its ``$ref`` followed; local keywords win (our titles sit
    beside $ref). Returns the resolver for the resource the ref led into, so
    relative refs there (``#/$defs/…``) resolve against the right document."""
    seen = 0
    while "$ref" in schema and seen < 10:
        resolved = resolver.lookup(schema["$ref"])
        schema = {**resolved.contents, **{k: v for k, v in schema.items() if k != "$ref"}}
        resolver = resolved.resolver
        seen += 1
    return schema, resolver


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    return _follow(schema, registry().resolver())[0]


def property_schema(name: str, path: Sequence[str | int]) -> dict[str, Any]:
    """The (resolved) schema describing the value at ``path`` of a document of schema ``name``.

    Kept per path: the comparison pages ask for the same few fields' titles again
    and again, and following the references each time was a tenth of such a page.
    Callers read what they are given and do not change it."""
    return _property_schema(name, tuple(path))


@lru_cache(maxsize=4096)  # bounded: paths can hold keys an author wrote
def _property_schema(name: str, path: tuple[str | int, ...]) -> dict[str, Any]:
    root = load(name)
    schema, resolver = _follow(root, registry().resolver(base_uri=root["$id"]))
    for step in path:
        if isinstance(step, int):
            schema, resolver = _follow(schema.get("items", {}), resolver)
        else:
            schema, resolver = _follow(schema.get("properties", {}).get(step, {}), resolver)
    return schema


def _label(schema: dict[str, Any]) -> str:
    return schema.get("title", "")


def _example(schema: dict[str, Any]) -> str:
    examples = schema.get("examples") or []
    if not examples:
        return "…"
    value = examples[0]
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _key(path: Sequence[str | int]) -> str:
    """A path as an author reads it: communication[2].date is 'communication › nr 3 › date'."""
    parts: list[str] = []
    for step in path:
        if isinstance(step, int):
            parts.append(KEY_PATH["item"].format(number=step + 1))
        else:
            parts.append(step)
    return " › ".join(parts) if parts else KEY_PATH["root"]


# The same, for the checks outside this module that name a place in the front matter.
key_path = _key


def _kind(value: Any) -> str:
    """The JSON type of a YAML value, as the catalogue's words for values are keyed."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "other"


def _instance(value: Any) -> dict[str, Any]:
    """A value in error as a problem keeps it: its JSON type, and the value
    itself (text shortened; a list or a group only by its type)."""
    found = _kind(value)
    shown = _short(value) if found == "text" else None if found in ("array", "object") else value
    return {"found": found, "instance": shown}


def _short(value: str, limit: int = 60) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


# --- One function per JSON Schema keyword -------------------------------------
# As python-jsonschema's ``_keywords`` holds one function per keyword, each
# function here turns the errors of one keyword into problems; a keyword
# without one is said in jsonschema's own words (RA109).

@dataclass(frozen=True)
class _Error:
    """One validation error, with the schema and the place it is about."""

    name: str
    error: ValidationError
    front: FrontMatter

    @property
    def path(self) -> list[str | int]:
        return list(self.error.absolute_path)

    @property
    def schema(self) -> dict[str, Any]:
        return property_schema(self.name, self.path)

    def at(self, code: str, **params: Any) -> Problem:
        """The problem ``code`` at the value in error, naming its key and label."""
        line, column = self.front.position(self.path)
        return problem(code, self.front.source.path, line, column, key=_key(self.path), label=_label(self.schema),
                       **params)


_Keyword = Callable[[_Error], Iterator[Problem]]
_KEYWORDS: dict[str, _Keyword] = {}


def _keyword(*names: str) -> Callable[[_Keyword], _Keyword]:
    def register(function: _Keyword) -> _Keyword:
        for name in names:
            _KEYWORDS[name] = function
        return function
    return register


@_keyword("required")
def _required(e: _Error) -> Iterator[Problem]:
    instance = e.error.instance
    for missing in e.error.validator_value:
        if isinstance(instance, dict) and missing not in instance:
            prop = property_schema(e.name, [*e.path, missing])
            line, column = e.front.position(e.path, key=True)
            yield problem(
                "RA101", e.front.source.path, line, column,
                key=_key([*e.path, missing]), label=_label(prop),
                description=prop.get("description", ""), example=_example(prop),
            )


@_keyword("additionalProperties", "unevaluatedProperties")
def _unknown_key(e: _Error) -> Iterator[Problem]:
    allowed = list(_resolve(e.error.schema).get("properties", {}))
    for extra in e.error.instance:
        if extra in allowed:
            continue
        line, column = e.front.position([*e.path, extra], key=True)
        meant = SWEDISH_KEYS.get(str(extra).strip().lower())
        closest = meant if meant in allowed else closest_match(str(extra), allowed)
        yield problem(
            "RA102", e.front.source.path, line, column,
            key=_key([*e.path, extra]), closest=closest, allowed=", ".join(allowed),
        )


@_keyword("type")
def _type(e: _Error) -> Iterator[Problem]:
    expected = e.error.validator_value if isinstance(e.error.validator_value, str) else e.error.validator_value[0]
    value = e.error.instance
    # `- ”Läget: oförändrat”`: Word's quotes are no quotes to YAML, so the colon made a group.
    quoted = isinstance(value, dict) and any(str(k)[:1] in TYPOGRAPHIC_QUOTES for k in value)
    habit: dict[str, Any] = {}
    if quoted:  # the author's own line, to be written with straight quotes
        inner = ", ".join(f"{k}: {v}" for k, v in value.items()).strip(TYPOGRAPHIC_QUOTES + " ")
        leaf = e.path[-1] if e.path and isinstance(e.path[-1], str) else None
        habit = {"habit": "smart_quotes", "leaf": leaf, "inner": inner}
    yield e.at("RA103", type=expected, **_instance(value), **habit)


@_keyword("enum")
def _enum(e: _Error) -> Iterator[Problem]:
    options = [str(o) for o in e.error.validator_value]
    value = e.error.instance
    # The field's name says what the values mean ("regular (veckorapport)"), and a
    # value written as its Swedish meaning ("veckorapport") is the value meant.
    field = next((str(step) for step in reversed(e.path) if isinstance(step, str)), "")
    by_meaning = {meaning.lower(): option for option, meaning in ENUM_MEANINGS.get(field, {}).items()}
    typed = str(value).strip().lower()
    closest = by_meaning.get(typed) or closest_match(typed, options)
    yield e.at("RA104", **_instance(value), allowed=", ".join(options), field=field, closest=closest)


@_keyword("minLength", "minItems")
def _empty(e: _Error) -> Iterator[Problem]:
    yield e.at("RA107", description=e.schema.get("description", ""))


@_keyword("maxLength", "maxItems")
def _too_long(e: _Error) -> Iterator[Problem]:
    yield e.at("RA106", length=len(e.error.instance), limit=e.error.validator_value, keyword=str(e.error.validator))


@_keyword("pattern")
def _pattern(e: _Error) -> Iterator[Problem]:
    value = e.error.instance
    # A value of only spaces breaks the pattern, but the author left it empty.
    yield from (_empty(e) if isinstance(value, str) and not value.strip() else _wrong_format(e))


@_keyword("format", "anyOf", "oneOf")
def _wrong_format(e: _Error) -> Iterator[Problem]:
    schema = e.schema
    yield e.at("RA105", **_instance(e.error.instance), description=schema.get("description", ""),
               example=_example(schema))


@_keyword("uniqueItems")
def _duplicates(e: _Error) -> Iterator[Problem]:
    yield e.at("RA108")


def _other(e: _Error) -> Iterator[Problem]:
    yield e.at("RA109", detail=e.error.message)


def _translate(name: str, error: ValidationError, front: FrontMatter) -> Iterator[Problem]:
    found = _Error(name, error, front)
    return _KEYWORDS.get(str(error.validator), _other)(found)
