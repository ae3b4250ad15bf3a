"""Text pasted from a word processor: each habit is named, with the fix, at its line."""

from __future__ import annotations

import pytest
import yaml

from rapportarkiv import frontmatter, word_habits
from rapportarkiv.source import Source


def front(text: str) -> frontmatter.FrontMatter:
    parsed, problems = frontmatter.parse(Source("r.md", "", text, 2, "", 1))
    assert problems == [] and parsed is not None
    return parsed


def suggestion(message: str, after: str) -> object:
    line = message.split(after, 1)[1].split(". Ska", 1)[0]
    return yaml.safe_load(line)


@pytest.mark.parametrize(
    ("text", "line", "inner"),
    [
        ("title: ”Läget i regionen”", 2, "Läget i regionen"),
        ("title: „Läget“", 2, "Läget"),
        ("title: “Läget”", 2, "Läget"),
        ("title: ‘Läget’", 2, "Läget"),
        ("title: »Läget«", 2, "Läget"),
        ('title: x\ndescription: ”Han sa "nej" i dag”', 3, 'Han sa "nej" i dag'),
        ("tags:\n  - ”Millennium”", 3, "Millennium"),
    ],
)
def test_a_value_wrapped_in_typographic_quotes_is_named_with_both_fixes(text: str, line: int, inner: str) -> None:
    [found] = word_habits.quoted_values(front(text))
    assert (found.code, found.line, found.severity) == ("RA024", line, "warning")
    # Either suggested line reads back as the author meant: without the quotes, or with them shown.
    meant = suggestion(found.message, "skriv raka citattecken: ")
    kept = suggestion(found.message, "försvinner varningen: ")
    assert meant in ({"title": inner}, {"description": inner}, [inner])
    last = text.split("\n")[-1]
    value = last.split("- ", 1)[1] if "tags" in text else last.split(": ", 1)[1]
    assert kept in ({"title": value}, {"description": value}, [value])


@pytest.mark.parametrize("text", ['title: "”Läget”"', "title: '”Läget”'", "title: Läget ”i dag”",
                                  "title: ”Vi”, sa hon", "title: ”"])
def test_quotes_written_on_purpose_or_inside_the_text_pass(text: str) -> None:
    assert list(word_habits.quoted_values(front(text))) == []


def bullets(body: str) -> list[tuple[int, str, int]]:
    return [(p.line, str(p.parameters["char"]), int(str(p.parameters["count"])))
            for p in word_habits.bullets(body, "r.md", 10)]


def test_pasted_bullets_are_found_once_per_list() -> None:
    body = "Kanaler:\n• Insidan\n• Pressmeddelande\n\nText.\n▪ Ensam\n\n\uf0b7\tFrån Symbol-typsnittet\n"
    assert bullets(body) == [(11, "•", 2), (15, "▪", 1), (17, "\uf0b7", 1)]


def test_dash_quotations_pass_and_dash_lists_do_not() -> None:
    quotes = "– Det är tråkigt, säger hon.\n\n– Vi fortsätter, säger han.\n"
    assert bullets(quotes) == []
    assert bullets("Så här:\n– ett\n– två\n— tre\n") == [(11, "–", 3)]


def test_code_blocks_and_markdown_lists_pass() -> None:
    assert bullets("```text\n• kod\n• kod\n```\n\n- en\n- två\n\n    • indragen kod\n") == []


@pytest.mark.parametrize(
    ("text", "where", "kind"),
    [
        ("title: ”Läget: oförändrat”", (2, 1), "smart_quotes"),
        ("title: x\nseries:regional\ntype: extra", (3, 1), "no_space"),
        ("title:\u00a0x\nseries: y", (2, 1), "nbsp"),
        ("tags:\n\u00a0\u00a0- a", (3, 1), "nbsp"),
        ('title: "Läget" i regionen', (2, 1), "after_quote"),
    ],
)
def test_yaml_errors_from_word_habits_name_the_habit(text: str, where: tuple[int, int], kind: str) -> None:
    parsed, problems = frontmatter.parse(Source("r.md", "", text, 2, "", 1))
    assert parsed is None
    assert [(p.code, p.line, p.column, p.parameters["yaml"]) for p in problems] == [("RA007", *where, kind)]
    assert "YAML:" not in problems[0].message


def test_typographic_quotes_around_a_list_item_with_a_colon_are_named() -> None:
    # In a list, YAML reads `- ”Läget: oförändrat”` as a group, and the schema says so.
    from rapportarkiv import schemas

    parsed = front("title: x\nseries: s\ntype: regular\ndate: 2024-10-10 15:00\ndescription: d\n"
                   "tags:\n  - ”Läget: oförändrat”")
    [found] = schemas.check("report", parsed)
    assert (found.code, found.line) == ("RA103", 8)
    assert "typografiska citattecken" in found.message and '- "Läget: oförändrat"' in found.message


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("title: ”Läget: oförändrat”", 'title: "Läget: oförändrat"'),
        ("occasion: ”Med anledning av: ett beslut”", 'occasion: "Med anledning av: ett beslut"'),
        ("description: »Sjuhärad: begär ”senare” anslutning«  ", 'description: "Sjuhärad: begär ”senare” anslutning"'),
        ("description: „Läget: \"lugnt\"“", 'description: "Läget: \\"lugnt\\""'),
        ("spokespersons:\n  - name: ”Karin: Muth”", 'name: "Karin: Muth"'),
        ("communication:\n  - text: ”Mejl: program”", 'text: "Mejl: program"'),
        ("tags:\n  - ”Millennium: drift”", '- "Millennium: drift"'),
    ],
)
def test_the_fix_for_quotes_around_a_colon_is_the_authors_own_line(line: str, written: str) -> None:
    """Not an example about a title the author did not write: the line they wrote, in straight quotes."""
    from rapportarkiv import schemas

    text = f"title: x\nseries: s\ntype: regular\ndate: 2024-10-10 15:00\ndescription: d\n{line}"
    text = text.replace("title: x\n", "", 1) if line.startswith("title") else text
    text = text.replace("description: d\n", "", 1) if line.startswith("description") else text
    parsed, problems = frontmatter.parse(Source("r.md", "", text, 2, "", 1))
    if parsed is not None:
        problems = schemas.check("report", parsed)
    messages = [p.message for p in problems if p.code in ("RA007", "RA103")]
    assert len(messages) == 1, problems
    assert f"(Skift+2 på ett svenskt tangentbord): {written}. " in messages[0]
    if not written.startswith("title"):
        assert "title:" not in messages[0]


@pytest.mark.parametrize(
    ("body", "found", "shape"),
    [
        ("Åtgärder:\n\n- • Insidan\n- • Press\n", [(12, "•", 2)], "item"),            # Word's bullet kept inside a list item
        ("1. • Insidan\n2. • Press\n", [(10, "•", 2)], "item"),
        ("Åtgärder:\n\t• Insidan\n\t• Press\n", [(11, "•", 2)], "paragraph"),        # "•<tab>" indented by a tab
        ("Åtgärder:\n    • Insidan\n    • Press\n", [(11, "•", 2)], "paragraph"),    # after text, not code
        ("Åtgärder:\n\u00a0• Insidan\n\u00a0• Press\n", [(11, "•", 2)], "paragraph"),  # a hard space from the paste
        ("> • Insidan\n> • Press\n", [(10, "•", 2)], "paragraph"),                   # in a quote
    ],
)
def test_pasted_bullets_behind_indentation_quotes_or_list_markers_are_found(body: str, found: list, shape: str) -> None:
    """Each of these renders with the glyphs left in the text (checked against the renderer)."""
    from rapportarkiv.render import markdown

    assert "•" in markdown.to_html(body)
    assert bullets(body) == found
    [problem] = word_habits.bullets(body, "r.md", 10)
    assert problem.parameters["shape"] == shape
    assert ("två punkttecken" in problem.message) == (shape == "item")
    assert "Ta bort tecknet ”•”" in problem.message if shape == "item" else "- text" in problem.message


def test_a_line_of_list_markers_and_spaces_is_read_in_linear_time() -> None:
    # Possessive prefix: no backtracking over how the spaces split between markers.
    assert bullets("-  " * 20_000 + "x\n" + " \t\u00a0" * 20_000 + "•\n") == []
