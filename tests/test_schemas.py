"""The JSON Schemas are the contract: their examples, their metaschema, their Swedish."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from rapportarkiv import frontmatter, schemas, source

REPO = Path(__file__).resolve().parent.parent
SCHEMA_FILES = sorted((REPO / "schema").glob("*.schema.json"))


def subschemas(node: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object in ``node`` with its JSON pointer."""
    if not isinstance(node, dict):
        return
    yield pointer, node
    for keyword in ("properties", "$defs"):
        for name, child in node.get(keyword, {}).items():
            yield from subschemas(child, f"{pointer}/{keyword}/{name}")
    if isinstance(node.get("items"), dict):
        yield from subschemas(node["items"], f"{pointer}/items")
    for keyword in ("anyOf", "oneOf", "allOf"):
        for index, child in enumerate(node.get(keyword, [])):
            yield from subschemas(child, f"{pointer}/{keyword}/{index}")


def properties(node: Any, pointer: str = "") -> Iterator[tuple[str, str, dict[str, Any]]]:
    for where, schema in subschemas(node, pointer):
        for name, child in schema.get("properties", {}).items():
            yield f"{where}/properties/{name}", name, child


def at(schema_id: str, pointer: str) -> Draft202012Validator:
    """A validator for the subschema at ``pointer``, resolving refs as the real validator does."""
    return Draft202012Validator(
        {"$ref": f"{schema_id}#{pointer}"},
        registry=schemas.registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


EXAMPLES = [
    pytest.param(schema["$id"], pointer, index, example, id=f"{file.stem}#{pointer}[{index}]")
    for file in SCHEMA_FILES
    for schema in [schemas.load(file.name.split(".")[0])]
    for pointer, node in subschemas(schema)
    for index, example in enumerate(node.get("examples", []))
]


def test_every_schema_file_is_loaded_by_the_validator() -> None:
    assert sorted(schemas.SCHEMA_FILES.values()) == [f.name for f in SCHEMA_FILES]


def test_there_are_examples_to_check() -> None:
    assert len(EXAMPLES) > 40
    pointers = {(p.values[0], p.values[1]) for p in EXAMPLES}
    assert ("urn:rapportarkiv:schema:report", "") in pointers
    assert ("urn:rapportarkiv:schema:series", "") in pointers


@pytest.mark.parametrize(("schema_id", "pointer", "index", "example"), EXAMPLES)
def test_every_example_validates_against_its_own_schema(schema_id: str, pointer: str, index: int, example: Any) -> None:
    errors = [e.message for e in at(schema_id, pointer).iter_errors(example)]
    assert errors == []


@pytest.mark.parametrize("name", ["report", "series"])
def test_top_level_examples_pass_the_whole_pipeline(name: str) -> None:
    import yaml

    for example in schemas.load(name)["examples"]:
        text = yaml.safe_dump(example, allow_unicode=True, sort_keys=False)
        front, problems = frontmatter.parse(source.as_document(text, "x.yml"))
        assert problems == [] and front is not None
        assert schemas.check(name, front) == []


PROPERTIES = [
    pytest.param(name, child, id=f"{file.stem}#{pointer}")
    for file in SCHEMA_FILES
    for pointer, name, child in properties(schemas.load(file.name.split(".")[0]))
]
SWEDISH = re.compile(r"[åäöÅÄÖ]|\b(och|eller|som|för|till|en|ett|är|av|med|på|i|om|den|det|när|varje|utan)\b")


@pytest.mark.parametrize(("name", "schema"), PROPERTIES)
def test_every_property_has_a_swedish_title_description_and_examples(name: str, schema: dict[str, Any]) -> None:
    title, description = schema.get("title"), schema.get("description")
    assert isinstance(title, str) and title.strip() and title != name
    assert isinstance(description, str) and len(description) >= 10
    assert SWEDISH.search(f"{title} {description}"), (title, description)
    assert schema.get("examples"), "every property needs an example for the error messages"


def test_list_items_have_titles_for_the_error_messages() -> None:
    for file in SCHEMA_FILES:
        for pointer, node in subschemas(schemas.load(file.name.split(".")[0])):
            if pointer.endswith("/items"):
                assert node.get("title") and node.get("description"), f"{file.name}#{pointer}"


def test_schemas_pass_the_metaschema_check() -> None:
    tool = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(tool), "--check-metaschema", *map(str, SCHEMA_FILES)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok" in result.stdout.lower()


def test_format_checking_is_really_on() -> None:
    """A bare jsonschema install skips date-time silently; rfc3339-validator must be there."""
    assert "date-time" in Draft202012Validator.FORMAT_CHECKER.checkers

    checker = schemas.validator("report").format_checker
    assert checker is not None
    assert not checker.conforms("2024-13-45T10:00:00+02:00", "date-time")
    assert not checker.conforms("2024-02-30", "date")
    assert checker.conforms("2024-10-11T15:20:00+02:00", "date-time")


def check(front: str, name: str = "report") -> list[tuple[str, int, int, str]]:
    parsed, problems = frontmatter.parse(source.Source("r.md", "", front, 2, "", 1))
    assert problems == [] and parsed is not None, problems
    return [(p.code, p.line, p.column, p.message) for p in schemas.check(name, parsed)]


VALID = """\
title: Veckans läge
series: regional-rapport-millennium-2024
type: regular
date: 2024-10-10 15:00
description: Läget är oförändrat."""


def replace(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new)


def test_valid_front_matter_has_no_problems() -> None:
    assert check(VALID) == []


def test_bad_date_time_is_refused_by_the_format_check() -> None:
    [(code, line, column, message)] = check(replace("2024-10-10 15:00", "2024-13-45T10:00:00+02:00"))
    assert (code, line, column) == ("RA105", 5, 7)
    assert "”date” (Sammanställd) har fel format" in message
    # The description gives the example already: it is not said twice.
    assert message.count("2024-10-11 15:20") == 1 and "Exempel:" not in message


@pytest.mark.parametrize("value", ["2024-10-10", "10:30", "2024-10-10 15:00+02:00", "11 oktober 2024 15:20"])
def test_date_must_be_a_timestamp(value: str) -> None:
    assert [p[0] for p in check(replace("2024-10-10 15:00", value))] == ["RA105"]


def test_missing_required_keys_point_at_the_opening_fence() -> None:
    problems = check("title: x")
    assert {(code, line, column) for code, line, column, _ in problems} == {("RA101", 1, 1)}
    assert sorted(m.split("”")[1] for *_, m in problems) == ["date", "description", "series", "type"]
    message = next(m for *_, m in problems if "”date”" in m)
    assert "(Sammanställd) saknas" in message and message.count("2024-10-11 15:20") == 1
    title = next(m for *_, m in problems if "”series”" in m)
    assert "Exempel: series: " in title


def test_missing_nested_key_points_at_its_parent() -> None:
    front = VALID + "\ncommunication:\n  - audience: internal\n    date: 2024-10-10\n    channel: Mejl"
    [(code, line, column, message)] = check(front)
    assert (code, line, column) == ("RA101", 8, 5)
    assert "”communication › nr 1 › text” (Åtgärd) saknas" in message


def test_unknown_key_points_at_the_key_and_suggests() -> None:
    [(code, line, column, message)] = check(VALID + "\ndescripton: x")
    assert (code, line, column) == ("RA102", 7, 1)
    assert "Menade du ”description”?" in message


def test_unknown_key_far_from_any_known_has_no_suggestion() -> None:
    [(code, _, _, message)] = check(VALID + "\nfärg: blå")
    assert code == "RA102" and "Menade du" not in message and "Tillåtna uppgifter: title, series" in message


@pytest.mark.parametrize(
    ("front", "expected", "phrase"),
    [
        (replace("type: regular", "type: Regular"), ("RA104", 4, 7), "Menade du ”regular”?"),
        (replace("type: regular", "type: extrainsatt"), ("RA104", 4, 7),
         "Tillåtna värden: regular (veckorapport) eller extra (extrainsatt rapport)."),
        (replace("type: regular", "type: Veckorapport"), ("RA104", 4, 7), "Menade du ”regular”?"),
        (VALID + "\ndraft: NO", ("RA103", 7, 8), "ska vara true eller false, men är texten ”NO”"),
        (VALID + "\ndraft: ja", ("RA103", 7, 8), "tolkas inte som ja eller nej"),
        (VALID + "\ntags: Millennium", ("RA103", 7, 7), "ska vara en lista"),
        (VALID + "\ntags: [a, a]", ("RA108", 7, 7), "innehåller samma värde flera gånger"),
        (VALID + "\ntags: [a, 'b/c']", ("RA105", 7, 11), "”tags › nr 2” (Tagg) har fel format"),
        (VALID + "\ntags: [a, [b]]", ("RA103", 7, 11), "”tags › nr 2” (Tagg) ska vara text, men är en lista"),
        (VALID + "\ntags: [a, 'b\\\\c']", ("RA105", 7, 11), "”tags › nr 2” (Tagg) har fel format"),
        (VALID + "\ntags: [12, 1.10, NO]", None, ""),
        (VALID + "\ntags: [\"\"]", ("RA107", 7, 8), "”tags › nr 1” (Tagg) är tom"),
        (replace("title: Veckans läge", "title: Läget"), None, ""),
        (replace("title: Veckans läge", 'title: "  "'), ("RA107", 2, 8), "”title” (Rubrik) är tom"),
        (replace("title: Veckans läge", "title:"), ("RA103", 2, 7), "Skriv ett värde efter kolonet"),
        (replace("Läget är oförändrat.", "x" * 301), ("RA106", 6, 14), "301 tecken, högst 300 tecken"),
        (VALID + "\nwithdrawn: i går", ("RA103", 7, 12), "Skriv uppgifterna på egna rader"),
        (VALID + "\nclassification: hemlig", ("RA104", 7, 17), "internal (intern) eller public (öppen)"),
        (VALID + "\ncommunication:\n  - audience: internal\n    date: 2024-02-30\n    channel: a\n    text: b",
         ("RA105", 9, 11), "”communication › nr 1 › date” (Datum) har fel format"),
        (VALID + "\nrevisions:\n  - date: 2024-10-12 09:00\n    note: a\n    note2: b", ("RA102", 10, 5), "Menade du ”note”?"),
        (replace("series: regional-rapport-millennium-2024", "series: Regional Rapport"), ("RA105", 3, 9),
         "Exempel: regional-rapport-millennium-2024"),
    ],
)
def test_schema_errors_are_located_and_explained(front: str, expected: tuple[str, int, int] | None, phrase: str) -> None:
    problems = check(front)
    if expected is None:
        assert problems == []
        return
    assert [p[:3] for p in problems] == [expected]
    assert phrase in problems[0][3]


@pytest.mark.parametrize(
    ("front", "where"),
    [
        (replace("title: Veckans läge", "title: |\n  Veckans läge"), (2, 8)),
        (replace("series: regional-rapport-millennium-2024", "series: |\n  regional-rapport-millennium-2024"), (3, 9)),
        (VALID + "\ntags: [\"Millennium\\n\"]", (7, 8)),
        (VALID + "\nauthors: [\"Koncernstab\\n\"]", (7, 11)),
        (VALID + "\ncommunication:\n  - audience: internal\n    date: \"2024-10-10\\n\"\n    channel: a\n    text: b",
         (9, 11)),
    ],
)
def test_one_line_values_may_not_end_with_a_line_break(front: str, where: tuple[int, int]) -> None:
    """Python's "$" also matches before a final newline; the patterns must not let one through."""
    assert [p[:3] for p in check(front)] == [("RA105", *where)]


def test_many_problems_are_all_reported_in_file_order() -> None:
    front = "title: [1]\nseries: X\ntype: weekly\ndate: i dag\ndescription: x\nfoo: y"
    assert [p[:2] for p in check(front)] == [("RA103", 2), ("RA105", 3), ("RA104", 4), ("RA105", 5), ("RA102", 7)]


def test_unexpected_keyword_falls_back_to_a_generic_message() -> None:
    """RA109 is for schema keywords the message translation does not know (none today)."""
    parsed, _ = frontmatter.parse(source.Source("r.md", "", "title: y", 2, "", 1))
    assert parsed is not None
    [error] = Draft202012Validator({"properties": {"title": {"const": "x"}}}).iter_errors(parsed.data)
    [found] = schemas._translate("report", error, parsed)
    assert (found.code, found.line, found.column) == ("RA109", 2, 8)
    assert "”title” (Rubrik) stämmer inte med formatet: 'x' was expected" == found.message


@pytest.mark.parametrize("tagged", ["!!binary aGVsbG8=", "!!set {a, b}", "!!float .nan", "!!int abc",
                                    "!!float abc", "!!timestamp abc", "!!str x", "!ort Borås"])
def test_yaml_tags_are_refused_before_they_are_constructed(tagged: str) -> None:
    # A tag makes YAML build a Python value of its own (and !!int abc crashed it):
    # front matter holds text, true/false and lists, so a tag is a syntax problem.
    front = VALID.replace("title: Veckans läge", f"title: {tagged}")
    parsed, problems = frontmatter.parse(source.Source("r.md", "", front, 2, "", 1))
    assert parsed is None
    assert [(p.code, p.line, p.column) for p in problems] == [("RA007", 2, 8)]
    assert "YAML-typ" in problems[0].message
