"""HTML comments in report prose: never shown to a reader, on the page, in a
comparison or in an old version shown as written; written so that they would
show, or hide the rest of the report, they are refused with a line number."""

from __future__ import annotations

import pytest

from rapportarkiv import comments
from rapportarkiv.render import markdown

SECRET = "hemlig7320"

# Each of these came out of Python-Markdown as visible text (or an attribute)
# before comments were taken out ahead of it.
WAYS_OF_WRITING = {
    "in a sentence": f"Text <!-- {SECRET} --> mer.",
    "over lines": f"Text <!-- {SECRET}\nmer {SECRET} --> text.",
    "over paragraphs": f"Före.\n\n<!--\n{SECRET}\n\n{SECRET}\n-->\n\nEfter.",
    "over paragraphs in a list": f"- a <!--\n\n  {SECRET}\n  -->\n- b",
    "over paragraphs in a quote": f"> <!--\n> {SECRET}\n>\n> {SECRET}\n> -->",
    "opened as <!-->": f"Före <!-->{SECRET}--> efter.",
    "opened as <!--->": f"Före <!--->{SECRET}--> efter.",
    "closed with --!>": f"Före <!-- {SECRET} --!> efter.",
    "in an image's text": f"![alt <!-- {SECRET} -->](https://example.se/a.png)",
    "in a heading": f"### Del <!-- {SECRET} -->\n\ntext",
    "in a table": f"| a | b |\n|---|---|\n| x <!-- {SECRET} --> | y |",
    "in code": f"`<!-- {SECRET} -->` och\n\n```\n<!-- {SECRET} -->\n```",
}


@pytest.mark.parametrize("text", WAYS_OF_WRITING.values(), ids=WAYS_OF_WRITING.keys())
def test_a_comment_never_reaches_the_page(text: str) -> None:
    assert SECRET not in markdown.to_html(text)
    assert SECRET not in comments.hide(text)
    assert comments.check(text, "r.md", 1) == []


def test_a_line_holding_only_comments_goes_with_them() -> None:
    """The paragraph around it stays one paragraph; text beside a comment stays."""
    assert comments.hide("A\n<!-- x --> <!-- y -->\nB") == "A\nB"
    assert comments.hide("A\n<!-- x\ny -->\nB") == "A\nB"
    assert comments.hide("x <!-- a\nb --> y") == "x  y"
    assert markdown.to_html("Rad ett\n<!-- x -->\nrad två") == "<p>Rad ett\nrad två</p>"
    assert comments.hide("Inga kommentarer <!- här -->.") == "Inga kommentarer <!- här -->."


def test_a_comment_never_closed_is_refused_where_it_opens() -> None:
    [found] = comments.check("Text.\n\nMer <!-- till granskaren\n\n## Kommande\n\nText.", "r.md", 10)
    assert (found.code, found.line, found.column) == ("RA018", 12, 5)
    assert "avslutas aldrig" in found.message


def test_a_comment_inside_a_comment_is_refused_where_the_inner_one_opens() -> None:
    text = "<!-- yttre\n<!-- inre --> syns -->"
    [found] = comments.check(text, "r.md", 5)
    assert (found.code, found.line, found.column) == ("RA019", 6, 1)
    assert "syns -->" in comments.hide(text)  # what the reader would see, which is why it is refused


def test_many_unclosed_openers_are_read_in_one_pass() -> None:
    """The first unclosed comment runs to the end: the rest is not searched again."""
    text = "<!--" * 200_000
    assert [c.closed for c in comments.find(text)] == [False]
    assert comments.hide(text) == ""
