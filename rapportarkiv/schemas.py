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

import difflib
import json
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

# jsonschema, referencing and fastjsonschema are imported where they are used:
# a run that finds every file in the cache never needs them, and importing
# them is a fifth of such a run.
if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError
    from referencing import Registry
    from referencing._core import Resolver

from .frontmatter import FrontMatter
from .problems import Problem, problem

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
    return sorted(set(out), key=lambda p: (p.line, p.column, p.code))


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
    """The (resolved) schema describing the value at ``path`` of a document of schema ``name``."""
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
            parts.append(f"nr {step + 1}")
        else:
            parts.append(step)
    return " › ".join(parts) if parts else "front matter"


_TYPE_NAMES = {
    "string": "text",
    "boolean": "true eller false",
    "array": "en lista",
    "object": "en grupp av uppgifter (namn: värde på egna, indragna rader)",
    "integer": "ett heltal",
    "number": "ett tal",
    "null": "tomt",
}


def _actual(value: Any) -> str:
    if value is None:
        return "tom"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"texten ”{_short(value)}”"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en grupp av uppgifter"
    return f"”{value}”"


def _short(value: str, limit: int = 60) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _type_hint(expected: str, value: Any) -> str:
    if expected == "boolean" and isinstance(value, str):
        return (
            f"Skriv true eller false. ”{_short(value)}” tolkas inte som ja eller nej, "
            "eftersom värden som NO, yes och on annars kan ändra betydelse i tysthet."
        )
    if expected == "string" and isinstance(value, dict):
        return "Innehåller texten ett kolon följt av mellanslag? Sätt då hela texten inom citattecken."
    if expected == "string" and value is None:
        return "Skriv ett värde efter kolonet, eller ta bort raden."
    if expected == "array" and isinstance(value, str):
        return "Skriv en rad per värde som börjar med bindestreck (- värde), eller [värde1, värde2]."
    if expected == "object" and isinstance(value, str):
        return "Skriv uppgifterna på egna rader under namnet, indragna med två mellanslag."
    return ""


def _suggest(word: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" Menade du ”{close[0]}”?" if close else ""


def _translate(name: str, error: ValidationError, front: FrontMatter) -> Iterator[Problem]:
    path = list(error.absolute_path)
    path_str = front.source.path
    keyword = error.validator
    schema = property_schema(name, path)
    label = _label(schema)
    key = _key(path)

    if keyword == "required":
        for missing in error.validator_value:
            if isinstance(error.instance, dict) and missing not in error.instance:
                prop = property_schema(name, [*path, missing])
                line, column = front.position(path, key=True)
                yield problem(
                    "RA101", path_str, line, column,
                    key=_key([*path, missing]), label=_label(prop),
                    description=prop.get("description", ""), example=_example(prop),
                )
        return
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        allowed = list(_resolve(error.schema).get("properties", {}))
        for extra in error.instance:
            if extra in allowed:
                continue
            line, column = front.position([*path, extra], key=True)
            yield problem(
                "RA102", path_str, line, column,
                key=_key([*path, extra]), suggestion=_suggest(str(extra), allowed), allowed=", ".join(allowed),
            )
        return

    line, column = front.position(path)
    value = error.instance
    if keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        yield problem(
            "RA103", path_str, line, column, key=key, label=label,
            expected=_TYPE_NAMES.get(expected, expected), actual=_actual(value), hint=_type_hint(expected, value),
        )
    elif keyword == "enum":
        options = [str(o) for o in error.validator_value]
        yield problem(
            "RA104", path_str, line, column, key=key, label=label, value=_actual(value),
            allowed=", ".join(options), suggestion=_suggest(str(value).lower(), options),
        )
    elif keyword in ("minLength", "minItems") or (
        keyword == "pattern" and isinstance(value, str) and not value.strip()
    ):
        yield problem("RA107", path_str, line, column, key=key, label=label, description=schema.get("description", ""))
    elif keyword in ("maxLength", "maxItems"):
        unit = "tecken" if keyword == "maxLength" else "rader"
        yield problem(
            "RA106", path_str, line, column, key=key, label=label,
            length=f"{len(value)} {unit}", limit=f"{error.validator_value} {unit}",
        )
    elif keyword in ("pattern", "format", "anyOf", "oneOf"):
        yield problem(
            "RA105", path_str, line, column, key=key, label=label, value=_actual(value),
            description=schema.get("description", ""), example=_example(schema),
        )
    elif keyword == "uniqueItems":
        yield problem("RA108", path_str, line, column, key=key, label=label)
    else:
        yield problem("RA109", path_str, line, column, key=key, label=label, detail=error.message)
