"""The compiled schema gate (fastjsonschema) and jsonschema give the same verdict.

The gate decides alone when a file conforms, so a file it waved through that
jsonschema would reject would break the contract. These tests hold the two to
one verdict on every example file and on generated front matter."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapportarkiv import frontmatter, schemas, source

HERE = Path(__file__).parent
EXAMPLES = sorted((HERE / "invalid").glob("*.md")) + sorted((HERE / "valid").glob("*.md"))


def full_verdict(name: str, data: object) -> bool:
    return not list(schemas.validator(name).iter_errors(data))


def front_matter_of(path: Path) -> dict | None:
    text, _ = source.decode(path.read_bytes(), str(path))
    if text is None:
        return None
    src, _ = source.split(text, str(path))
    if src is None:
        return None
    front, _ = frontmatter.parse(src)
    return front.data if front else None


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_same_verdict_on_every_example(path: Path) -> None:
    data = front_matter_of(path)
    if data is None:
        return  # no front matter to judge: the file fails before the schema
    assert schemas.conforms("report", data) == full_verdict("report", data)


def test_examples_include_both_verdicts() -> None:
    verdicts = {schemas.conforms("report", d) for d in map(front_matter_of, EXAMPLES) if d is not None}
    assert verdicts == {True, False}


TIMESTAMPS = st.sampled_from([
    "2024-10-11 15:20", "2024-10-11T15:20", "2024-10-11T15:20:00+02:00", "2024-10-11T15:20:00Z",
    "2024-10-11t15:20:00z", "2024-13-45T10:00:00+02:00", "2024-10-11T25:20:00+02:00", "2024-10-11",
    "2024-10-11 15:20+02:00", "2024-10-11T15:20:00+0200", "2024-02-30 10:00", "11/10 15:20", "",
])
DATES = st.sampled_from(["2024-10-11", "2024-02-30", "2024-1-1", "11/10", "2024-10-11 10:00", ""])
TEXT = st.one_of(st.text(max_size=8), st.sampled_from(["", " ", "a\nb", "x" * 301, "Läget", "ok"]))
SCALAR = st.one_of(TEXT, st.booleans(), st.none(), st.integers(), TIMESTAMPS)
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                     max_leaves=6)
ACTION = st.fixed_dictionaries(
    {"audience": st.sampled_from(["internal", "external", "Internt"]), "date": DATES,
     "channel": TEXT, "text": TEXT},
    optional={"status": st.sampled_from(["planned", "done", "klar"]), "extra": VALUE},
)
REPORT = st.fixed_dictionaries(
    {"title": TEXT, "series": st.sampled_from(["regional-rapport-millennium-2024", "Fel serie", "../x"]),
     "type": st.sampled_from(["regular", "extra", "Extra"]), "date": TIMESTAMPS, "description": TEXT},
    optional={
        "occasion": TEXT, "tags": st.lists(TEXT, max_size=3), "draft": st.one_of(st.booleans(), TEXT),
        "classification": st.sampled_from(["internal", "public", "hemlig"]),
        "communication": st.lists(ACTION, max_size=2),
        "spokespersons": st.lists(st.fixed_dictionaries({"name": TEXT, "role": TEXT}), max_size=2),
        "publish_at": TIMESTAMPS, "revisions": st.lists(
            st.fixed_dictionaries({"date": TIMESTAMPS, "note": TEXT}), max_size=2),
        "withdrawn": st.one_of(st.fixed_dictionaries({"date": TIMESTAMPS, "reason": TEXT}), VALUE),
        "authors": st.lists(TEXT, max_size=2), "unknown_key": VALUE,
    },
)


@settings(max_examples=400, deadline=None)
@given(REPORT)
def test_same_verdict_on_generated_front_matter(data: dict) -> None:
    assert schemas.conforms("report", data) == full_verdict("report", data)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(TEXT, VALUE, max_size=5))
def test_same_verdict_on_arbitrary_mappings(data: dict) -> None:
    for name in ("report", "series"):
        assert schemas.conforms(name, data) == full_verdict(name, data)
