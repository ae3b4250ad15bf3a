"""Rules beyond the schema, run on front matter that passed it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factory import SEED, SERIES
from rapportarkiv import collection


def test_series_id_differing_from_its_folder_is_a_problem_not_a_crash(archive: Path) -> None:
    copy = archive / "rapporter/annan-serie/serie.yml"
    copy.parent.mkdir()
    copy.write_bytes((archive / f"rapporter/{SERIES}/serie.yml").read_bytes())
    result = collection.load(archive, only=[copy], base=archive)
    assert [(p.code, p.line, p.column) for p in result.problems] == [("RA220", 3, 5)]
    assert result.problems[0].message.startswith(f"Serien har id ”{SERIES}” men ligger i mappen ”annan-serie”.")
    assert list(result.series) == [SERIES]


def test_section_out_of_order_says_where_it_belongs(archive: Path) -> None:
    seed = next((archive / "rapporter").rglob("2024-10-11-*.md"))
    text = seed.read_text(encoding="utf-8")
    known, comment = "## Kända omständigheter", "## Verksamhetens kommentar"
    swapped = text.replace(known, "@@").replace(comment, known).replace("@@", comment)
    seed.write_text(swapped, encoding="utf-8")
    [found] = collection.load(archive, base=archive).problems
    assert found.code == "RA207"
    assert found.line == swapped.split("\n").index(known) + 1
    # The section written last belongs before the one written above it.
    assert "”## Kända omständigheter” ska stå före ”## Verksamhetens kommentar”" in found.message


def test_headings_are_parsed_in_linear_time_and_keep_their_titles() -> None:
    from work import grows_linearly

    from rapportarkiv.model import sections
    from rapportarkiv.source import MAX_FILE_BYTES

    assert [s.title for s in sections("## Läget ##\n# C#\n##  Kommande  \n#nej\n## ", 1)] == ["Läget", "C", "Kommande"]
    for run in (" ", "#"):
        assert [s.level for s in sections("# a" + run * MAX_FILE_BYTES + "b", 1)] == [1]

        def headings(n: int, run: str = run) -> object:
            return sections(("# a" + run * 1000 + "b\n") * n, 1)

        # Many such headings: the work grows with their number, not with its square.
        assert grows_linearly(headings, 200)


def test_placeholder_search_is_linear() -> None:
    from work import grows_linearly

    from rapportarkiv import rules, source

    def check(n: int) -> list:
        body = "[FYLL I" * n + "[FYLL I: x]"
        return rules.check_body(source.Source("r.md", body, "", 2, body, 5))

    assert grows_linearly(check, 2_000)
    found = check(40_000)
    assert [(p.code, p.column) for p in found if p.code == "RA215"] == [("RA215", 280_001)]
    # 40 000 unclosed "[" are also more than the renderer can scan (markdown_limits).
    assert {p.code for p in found} == {"RA215", "RA237"}


def test_missing_sections_in_a_file_without_body_point_at_a_real_line(archive: Path) -> None:
    text = "---\ntitle: Kort\nseries: regional-rapport-millennium-2024\ntype: extra\noccasion: x\n"
    text += "date: 2024-10-11 15:20\ndescription: y\n---"
    path = archive / f"rapporter/{SERIES}/2024/2024-10-11-kort.md"
    path.write_text(text, encoding="utf-8")
    problems = collection.load(archive, only=[path], base=archive).problems
    assert [(p.code, p.line) for p in problems] == [("RA206", 8)] * 3
    path.write_text(text + "\n", encoding="utf-8")
    assert {p.line for p in collection.load(archive, only=[path], base=archive).problems} == {9}


def test_each_rule_runs_alone_and_together_they_are_check_report(archive: Path) -> None:
    from rapportarkiv import frontmatter, rules, source

    result = collection.load(archive, base=archive)
    text = "".join(line for line in (archive / SEED).read_text(encoding="utf-8").splitlines(keepends=True)
                   if not line.startswith("occasion:"))
    document = source.split(text, SEED)[0]
    assert document is not None
    front, _ = frontmatter.parse(document)
    assert front is not None
    check = rules.ReportCheck(front, SEED, result.series)
    # An extra report without an occasion: only the occasion rule says so, and it says only that.
    assert [p.code for p in rules.REPORT_RULES["occasion"](check)] == ["RA209"]
    assert [p.code for p in rules.REPORT_RULES["file_date"](check)] == []
    together = [p for rule in rules.REPORT_RULES.values() for p in rule(check)]
    assert rules.check_report(front, SEED, result.series) == together
    assert "RA209" in {p.code for p in together}


@pytest.mark.parametrize(("written", "words", "rest"), [
    ("Med anledning av ett beslut i regionstyrelsen", "Med anledning av", "ett beslut i regionstyrelsen"),
    ("'  MED ANLEDNING AV: ett beslut'", "MED ANLEDNING AV", "ett beslut"),
    ("”med  anledning av ett beslut”", "med  anledning av", "ett beslut"),
    ("«Med anledning av»", "Med anledning av", "…"),
])
def test_an_occasion_that_repeats_the_pages_words_says_to_drop_them(
    archive: Path, written: str, words: str, rest: str,
) -> None:
    seed = archive / SEED
    text = seed.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.split("\n"), 1) if row.startswith("occasion:"))
    quoted = written if written[0] in "'" else json.dumps(written, ensure_ascii=False)
    seed.write_text(re.sub(r"(?m)^occasion: .*$", f"occasion: {quoted}", text), encoding="utf-8")
    [found] = collection.load(archive, base=archive).problems
    assert (found.code, found.line, found.column) == ("RA247", line, 11)
    assert found.message == (
        f"occasion börjar med ”{words}”. Webbplatsen skriver ”Med anledning av” före texten själv; "
        f"ta bort de orden: occasion: {rest}"
    )


@pytest.mark.parametrize("written", ["med anledningen av beslutet", "ett beslut med anledning av läget",
                                     "Med anledning avgiften"])
def test_an_occasion_that_only_resembles_the_words_is_accepted(archive: Path, written: str) -> None:
    seed = archive / SEED
    text = seed.read_text(encoding="utf-8")
    seed.write_text(re.sub(r"(?m)^occasion: .*$", f"occasion: {written}", text), encoding="utf-8")
    assert collection.load(archive, base=archive).problems == []


def test_every_text_of_the_front_matter_is_walked_in_document_order() -> None:
    from rapportarkiv import rules

    data = {"title": "A", "tags": ["b", {"c": "d", "e": ["f", 1, None]}], "n": 2, "g": {"h": "i"}}
    assert list(rules._strings(data)) == [
        (["title"], "A"), (["tags", 0], "b"), (["tags", 1, "c"], "d"), (["tags", 1, "e", 0], "f"), (["g", "h"], "i"),
    ]
