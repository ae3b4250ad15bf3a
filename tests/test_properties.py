"""No input makes the validator raise: property-based tests with hypothesis.

Every entry point works on bytes (``collection.load_report``), so these feed
it arbitrary bytes, YAML-ish text built from the characters that matter to
YAML, structured front matter with values of every type, and random edits of
a valid report. The invariant: problems or a report, never an exception; a
report only when there is no error; every problem well-formed.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factory import REPO, SEED, SERIES
from rapportarkiv import catalogue, collection

DEFINITIONS = collection.load(REPO / "docs", only=[]).series
SEED_BYTES = (REPO / "docs" / SEED).read_bytes()
REL = f"rapporter/{SERIES}/2024/2024-10-11-prov.md"
KEYS = ["title", "series", "type", "occasion", "date", "description", "tags", "spokespersons", "communication",
        "authors", "classification", "draft", "publish_at", "revisions", "withdrawn", "name", "role", "audience",
        "channel", "text", "note", "reason", "status", "<<", "?", "-", ""]

def dump(data: object) -> str:
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False)


UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Generating nested structures costs more than checking them; fewer examples keep the suite fast.
NESTED = settings(SETTINGS, max_examples=120)


def check(data: bytes, rel: str = REL) -> None:
    report, problems = collection.load_report(data, rel, rel, DEFINITIONS)
    assert isinstance(problems, list)
    if report is None:
        assert any(p.is_error for p in problems), problems
    else:
        assert not any(p.is_error for p in problems), problems
        assert report.series in DEFINITIONS
    most_lines = data.count(b"\n") + data.count(b"\r") + 2
    for p in problems:
        assert p.code in catalogue.PROBLEMS
        assert p.path == rel
        assert 1 <= p.line <= most_lines, p
        assert p.column >= 1
        assert p.message and len(p.message) < 3000
        assert not UNPRINTABLE.search(p.message), p.message


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    check(data)


@SETTINGS
@given(st.binary(max_size=500))
def test_arbitrary_bytes_after_a_front_matter_fence(data: bytes) -> None:
    check(b"---\n" + data + b"\n---\n\n## Rubrik\n")


YAMLISH = st.lists(
    st.sampled_from(list("ab:- \n\t\"'[]{},&*!|>#%@`?~.0123456789åä\\<>=/")
                    + ["\r\n", "\u2028", "\x00", "\ufeff", "---", "...", "\n  - ", ": ", "!!binary ", "!!set ", "&a ", "*a"]),
    max_size=60,
).map("".join)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 6), st.sampled_from(KEYS), YAMLISH), max_size=15), YAMLISH)
def test_yamlish_front_matter(lines: list[tuple[int, str, str]], body: str) -> None:
    front = "\n".join(f"{' ' * indent}{key}: {value}" for indent, key, value in lines)
    check(f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass"))


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40),
    st.sampled_from(["2024-10-11 15:20", "2024-10-11", "2024-02-30 10:00", "2024-10-27 02:30", "extra", "regular",
                     SERIES, "internal", "external", "[FYLL I: x]", "<script>", "javascript:x"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(KEYS), children, max_size=5),
    max_leaves=20,
)


@NESTED
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=12), st.text(max_size=200))
def test_structured_front_matter_of_any_shape(data: dict, body: str) -> None:
    check(f"---\n{dump(data)}---\n{body}".encode("utf-8", "surrogatepass"))


SEED_DATA = yaml.safe_load(SEED_BYTES.split(b"---")[1])
SEED_BODY = SEED_BYTES.split(b"---", 2)[2].decode()
# Values that pass the schema but stress the rules: dates far apart, in DST gaps, out of order.
TIMESTAMPS = st.sampled_from(["2024-10-11 15:20", "2024-10-11T13:20:00Z", "2024-10-27 02:30", "2024-03-31 02:30",
                              "2024-02-29 00:00", "1999-12-31 23:59", "2099-01-01 00:00", "2024-10-11t15:20:00+14:00",
                              "2024-10-10 09:00", "2024-10-12 09:00", "9999-12-31T23:00:00-02:00",
                              "0001-01-01T00:30:00+02:00"])
DAYS = st.sampled_from(["2024-10-11", "2023-10-11", "2024-02-29", "9999-12-31", "0001-01-01", "2024-10-12"])
FIELDS = {
    "date": TIMESTAMPS,
    "publish_at": TIMESTAMPS,
    "type": st.sampled_from(["regular", "extra"]),
    "revisions": st.lists(st.fixed_dictionaries({"date": TIMESTAMPS, "note": st.just("Rättat.")}), max_size=4),
    "withdrawn": st.fixed_dictionaries({"date": TIMESTAMPS, "reason": st.just("Fel.")}),
    "communication": st.lists(st.fixed_dictionaries({
        "audience": st.sampled_from(["internal", "external"]), "date": DAYS, "channel": st.just("Mejl"),
        "text": st.text(min_size=1, max_size=20)}), max_size=3),
    "tags": st.lists(st.text(min_size=1, max_size=10), max_size=4),
}


@SETTINGS
@given(st.dictionaries(st.sampled_from(sorted(FIELDS)), st.none(), max_size=4).flatmap(
    lambda chosen: st.fixed_dictionaries({key: FIELDS[key] for key in chosen})), st.sampled_from(KEYS[:6]))
def test_valid_report_with_fields_replaced_or_removed(changes: dict, removed: str) -> None:
    data = {**SEED_DATA, **changes}
    data.pop(removed, None)
    check(f"---\n{dump(data)}---\n{SEED_BODY}".encode("utf-8", "surrogatepass"),
          SEED)


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, len(SEED_BYTES)), st.integers(0, 8), st.binary(max_size=8)), min_size=1, max_size=5)
)
def test_random_edits_of_a_valid_report(edits: list[tuple[int, int, bytes]]) -> None:
    data = SEED_BYTES
    for at, remove, insert in edits:
        data = data[:at] + insert + data[at + remove:]
    check(data, SEED)


@NESTED
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=12))
def test_series_files_of_any_shape(data: dict) -> None:
    text = dump(data).encode("utf-8", "surrogatepass")
    found, problems = collection.load_series(text, "serie.yml", "rapporter/x/serie.yml")
    assert (found is None) == any(p.is_error for p in problems)


def test_seed_is_valid_under_the_same_invariant() -> None:
    check(SEED_BYTES, SEED)
    assert Path(REPO / "docs" / SEED).is_file()
