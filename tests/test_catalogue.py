"""Every Swedish word an author or reader sees comes from the catalogue.

A Swedish string literal in the core outside ``catalogue.py`` is a sentence
that the guide, a translation or a reviewer of the wording would never find.
This test reads every module's string constants (docstrings aside) and fails
on one that looks Swedish: it holds å, ä, ö or the Swedish quotation mark, or
a common Swedish word. What must stay is listed below, each with why.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from rapportarkiv import catalogue
from rapportarkiv.problems import closest_match, problem

REPO = Path(__file__).resolve().parent.parent
CHECKED = sorted((REPO / "rapportarkiv").rglob("*.py")) + sorted((REPO / "hooks").glob("*.py"))
SWEDISH = re.compile(
    r"[åäöÅÄÖ”]|\b(och|inte|eller|fel|rad|rader|kolumn|tecken|varning|varningar|fil|filer|inga|finns|"
    r"saknas|värde|Skriv|Menade|nr|standard)\b"
)
# (module, string): why it is not in the catalogue.
ALLOWED = {
    ("rapportarkiv/archive.py", "abcdefghijklmnopqrstuvwxyzåäö"): "the Swedish alphabet's order, not a text",
    ("rapportarkiv/frontmatter.py", "”“„‘’‚»«›‹"): "typographic quotation marks, looked for, not a text",
    ("rapportarkiv/rules.py", "\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a"): "quotation marks an occasion may be pasted in, not a text",
    # The summary command's --help; its module belongs to the reviewer's tools and moves with them.
    ("rapportarkiv/summary.py", "sammanfattning av en pull request i Markdown (för GitHub)"): "help text",
    ("rapportarkiv/summary.py", "jämför med denna git-referens, till exempel origin/main"): "help text",
    ("rapportarkiv/summary.py", "skriv till filen (standard: $GITHUB_STEP_SUMMARY, annars skärmen)"): "help text",
    ("rapportarkiv/summary.py", "arkivets docs-mapp (standard: docs)"): "help text",
    ("rapportarkiv/summary.py", "webbplatsens adress för länkar till guiden (standard: site_url i mkdocs.yml)"): "help text",
    ("rapportarkiv/summary.py", "namnet på artefakten med den byggda webbplatsen"): "help text",
    ("rapportarkiv/summary.py", "om en förhandsvisning publiceras på GitHub Pages"): "help text",
    ("rapportarkiv/summary.py", "git-repositoriets rot (standard: .)"): "help text",
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def swedish_literals() -> list[tuple[str, int, str]]:
    found = []
    for path in CHECKED:
        rel = path.relative_to(REPO).as_posix()
        if rel == "rapportarkiv/catalogue.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                    and SWEDISH.search(node.value) and (rel, node.value) not in ALLOWED):
                found.append((rel, node.lineno, node.value))
    return found


def test_no_swedish_text_outside_the_catalogue() -> None:
    assert swedish_literals() == []


def test_a_problem_keeps_what_was_found_and_the_catalogue_says_it() -> None:
    # As python-jsonschema's errors keep the keyword, the value and what was expected,
    # a problem keeps data; the sentence is made from the template when it is shown.
    found = problem("RA103", "r.md", 4, 2, key="draft", label="Utkast", type="boolean", found="text", instance="NO")
    assert found.parameters == {"key": "draft", "label": "Utkast", "type": "boolean", "found": "text", "instance": "NO"}
    assert found.message == catalogue.render("RA103", **found.parameters) == (
        "”draft” (Utkast) ska vara true eller false, men är texten ”NO”. Skriv true för ja eller false för nej. ”NO” tolkas "
        "inte som ja eller nej, eftersom värden som NO, yes och on annars kan ändra betydelse i tysthet."
    )
    too_long = problem("RA106", "r.md", 1, 1, key="title", label="Rubrik", length=120, limit=100, keyword="maxLength")
    assert too_long.message == "”title” (Rubrik) är för lång: 120 tecken, högst 100 tecken är tillåtet."


def test_the_nearest_word_is_data_and_the_question_is_the_catalogues() -> None:
    assert closest_match("descripton", ["title", "description"]) == "description"
    assert closest_match("xyz", ["title"]) is None
    found = problem("RA102", "r.md", 1, 1, key="descripton", closest="description", allowed="title, description")
    assert found.parameters["closest"] == "description"
    assert "Menade du ”description”?" in found.message
    assert "Menade du" not in problem("RA102", "r.md", key="x", closest=None, allowed="title").message
