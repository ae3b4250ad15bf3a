"""Active content in the prose: everything outside the allow-list is found, with its place."""

from __future__ import annotations

import pytest

from rapportarkiv import html_policy


def found(body: str, first_line: int = 10) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in html_policy.check_body(body, "r.md", first_line)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Text\n<script>alert(1)</script>", [("RA301", 11, 1)]),
        ("<SCRIPT SRC=//x.example/a.js></SCRIPT>", [("RA301", 10, 1)]),
        ("Se <iframe src=https://x.example></iframe>", [("RA301", 10, 4)]),
        ("<object data=x></object><embed src=x>", [("RA301", 10, 1), ("RA301", 10, 25)]),
        ("<style>p{}</style>", [("RA301", 10, 1)]),
        ("<form action=x><input></form>", [("RA301", 10, 1), ("RA301", 10, 16)]),
        ("<base href=x><meta http-equiv=refresh><link rel=stylesheet href=x>",
         [("RA301", 10, 1), ("RA301", 10, 14), ("RA301", 10, 39)]),
        ("<svg/onload=alert(1)>", [("RA301", 10, 1)]),
        ("<img src=x onerror=alert(1)>", [("RA302", 10, 1)]),
        ('<a href="x"onclick="y">k</a>', [("RA302", 10, 1)]),
        ("<a/onmouseover=alert(1)>k</a>", [("RA302", 10, 1)]),
        ("<B ONCLICK=x>k</B>", [("RA302", 10, 1)]),
        ('<span style="background:url(//x.example)">k</span>', [("RA302", 10, 1)]),
        ("[Läs](javascript:alert(1))", [("RA303", 10, 7)]),
        ("[Läs](JaVaScRiPt:alert(1))", [("RA303", 10, 7)]),
        ("[Läs]( <javascript:alert(1)>)", [("RA303", 10, 9)]),
        ("[Läs](jav&#x09;ascript:alert(1))", [("RA303", 10, 7)]),
        ("[Läs](&#106;avascript:alert(1))", [("RA303", 10, 7)]),
        ("![bild](vbscript:msgbox(1))", [("RA303", 10, 9)]),
        ("![bild](data:text/html;base64,PHNjcmlwdD4=)", [("RA303", 10, 9)]),
        ("[Läs][1]\n\n[1]: javascript:alert(1)", [("RA303", 12, 6)]),
        ("<javascript:alert(1)>", [("RA303", 10, 2)]),
        ('<a href="java&Tab;script&colon;alert(1)">k</a>', [("RA303", 10, 1)]),
        ('<a href=" &#x6A;avascript:alert(1)">k</a>', [("RA303", 10, 1)]),
        ('<a href="\x01javascript:alert(1)">k</a>', [("RA303", 10, 1)]),
        ('<img src="java\nscript:alert(1)">', [("RA303", 10, 1)]),
    ],
)
def test_active_content_is_found(body: str, expected: list[tuple[str, int, int]]) -> None:
    assert found(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        # A browser ends these comments and declarations early, so the script runs.
        "<!--->\n<script>alert(1)</script>\n-->",
        "<!-->\n<script>alert(1)</script>\n-->",
        "<!-- a --!>\n<script>alert(1)</script>\n-->",
        "<![CDATA[ x >\n<script>alert(1)</script>\n]]>",
        "<!DOCTYPE html>\n<script>alert(1)</script>",
        # Inside a raw HTML block backticks are not code, and this site has no fenced code.
        "<div>`</div>\n<script>alert(1)</script>`",
        "```\n<script>alert(1)</script>\n```",
        "`<br>`\n<script>alert(1)</script>",
        # Tags are found wherever they stand, also inside a comment.
        "<!-- en kommentar -->\n<script>alert(1)</script> -->",
    ],
)
def test_markup_cannot_hide_behind_comments_declarations_or_backticks(body: str) -> None:
    assert ("RA301", 11, 1) in found(body)


@pytest.mark.parametrize(
    "body",
    [
        "Vanlig text med [länk](https://www.vgregion.se) och [mejl](mailto:a@example.se).",
        "[Ring](tel:+46101234567) eller läs [rapporten](../2024-10-04-vecka-40/).",
        "<https://www.vgregion.se>",
        '<abbr title="Västra Götalandsregionen">VGR</abbr> och <a href="https://x.example">x</a>',
        "Antal < 5 och 3 > 2, <3",
        "<details><summary>Mer</summary>Text</details>",
        "Skriv till <info@example.se> eller läs <https://www.vgregion.se/a?b=c>.",
        "<a href=x onclick=y",  # never closed: Markdown shows it as text
        '<table><tr><th scope="col">A</th></tr><tr><td colspan="2">B</td></tr></table>',
    ],
)
def test_harmless_markdown_and_allowed_html_pass(body: str) -> None:
    assert found(body) == []


@pytest.mark.parametrize(
    ("value", "flagged"),
    [
        ("Läget <b>oförändrat</b>", True),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", True),
        ("java\tscript:alert(1)", True),
        ("data:text/html,x", True),
        ("< script", True),
        ("Antal < 5", False),
        ("VGR:s verksamheter: läget", False),
    ],
)
def test_markup_in_plain_text_fields(value: str, flagged: bool) -> None:
    assert (html_policy.markup_in_text(value) is not None) is flagged


@pytest.mark.parametrize("url", ["javascript:x", " JAVASCRIPT:x", "java\x00script:x", "vbscript:x", "data:x", "file:///etc"])
def test_unsafe_schemes(url: str) -> None:
    assert html_policy.unsafe_scheme(url) is not None


@pytest.mark.parametrize("url", ["https://x", "HTTP://x", "mailto:a@b", "tel:1", "../rel/", "#avsnitt", "sida:med-kolon/ej"])
def test_safe_urls(url: str) -> None:
    expected = None if not url.startswith("sida") else "sida:"
    assert html_policy.unsafe_scheme(url) == expected


@pytest.mark.parametrize(
    "tag",
    [
        '<a href="https://x.example/"' + " " * html_policy.MAX_TAG_LENGTH + "onclick=alert(1)>k</a>",
        # A quote closing beyond the limit: a browser reads one long value, then onerror.
        '<img alt="' + "x > y " * 200 + '" onerror=alert(1)>',
    ],
)
def test_a_tag_too_long_to_check_is_refused(tag: str) -> None:
    assert found("Text\n" + tag) == [("RA305", 11, 1)]


@pytest.mark.parametrize(
    ("unit", "count", "tail"),
    [
        ("<a ", 90_000, ""),
        ("<a b='", 45_000, ""),
        ("<b", 130_000, ""),
        ("<!--", 65_000, ""),
        ("<a:", 85_000, ""),
        ("[\n", 130_000, ""),
        ('<a title="', 25_000, ">"),
        ("<script>", 30_000, ""),
        ("<a " * 300 + ">", 290, ""),  # every tag closes, at the far end of the limit
    ],
)
def test_pathological_bodies_are_checked_in_linear_time(unit: str, count: int, tail: str) -> None:
    from work import grows_linearly

    html_policy.check_body(unit * count + tail, "r.md", 1)  # the whole of it: quadratic scans took minutes
    # The same shape at a hundredth of the size and at twice that: the work doubles, no more.
    assert grows_linearly(lambda n: html_policy.check_body(unit * n + tail, "r.md", 1), max(count // 100, 2))
