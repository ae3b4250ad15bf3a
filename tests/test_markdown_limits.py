"""Markdown the renderer cannot take is refused by validate, at its line; what passes, builds.

The recursive shapes are shown to break the real renderer (so the limit is
needed) and, just inside the limits, to render even when the renderer already
runs deep in a stack. The quadratic shapes are refused by counting the
renderer's scanning work, not by timing it.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest
from factory import build, new_docs, write_report, write_series

from rapportarkiv import collection, markdown_limits
from rapportarkiv.render import markdown

WHEN = datetime(2024, 10, 11, 15, 20)
SECTION = "Läget just nu"

REFUSED = {
    # name: (prose, code, line within the prose (1-based), breaks the renderer by recursion)
    "list nested 260 levels": ("".join("    " * i + "- x\n" for i in range(260)), "RA235", 31, True),
    "ordered list nested 260 levels": ("".join("    " * i + "1. x\n" for i in range(260)), "RA235", 31, True),
    "quotes and lists on one line": ("> - " * 100 + "x\n", "RA235", 1, False),
    "1 000 emphases inside each other": ("*a " * 1000 + "b* " * 1000 + "\n", "RA236", 1, True),
    "2 000 stars around a word": ("*" * 2000 + "x" + "*" * 2000 + "\n", "RA236", 1, True),
    "3 000 underscores around a word": ("_" * 3000 + "x" + "_" * 3000 + "\n", "RA236", 1, True),
    "a line of 16 000 [": ("[" * 16_000 + "\n", "RA237", 1, False),
    "a paragraph of 4 000 lines ending in [": ("text [\n" * 4000, "RA237", 1, False),
    "4 000 [x](": ("[x](" * 4000 + "\n", "RA237", 1, False),
    "links nested 3 000 deep": ("[a " * 3000 + "b](x) " * 3000 + "\n", "RA237", 1, False),
    "8 000 ![": ("![" * 8000 + "\n", "RA237", 1, False),
    "4 000 <a": ("<a " * 4000 + "\n", "RA238", 1, False),
    "4 000 paragraphs of <http://x": ("<http://x\n\n" * 4000, "RA238", 1, False),
    "<a b=' on 4 000 lines": ("x <a b='\n" * 4000, "RA238", 1, False),
    "30 000 <div>": ("<div>" * 30_000 + "\n", "RA239", 1, False),
    "a <b> on each of 6 000 lines": ("Text <b>fet</b>\n" * 3000, "RA239", 2501, False),
}


def _report(docs: Path, prose: str) -> Path:
    return write_report(docs, "rapport", when=WHEN, title="Läget", body={SECTION: prose})


def _prose_line(path: Path) -> int:
    """The file line of the first line of the section's prose."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines.index(f"## {SECTION}") + 3


@pytest.mark.parametrize("name", list(REFUSED))
def test_pathological_markdown_is_refused_at_its_line(tmp_path: Path, name: str) -> None:
    prose, code, line, _ = REFUSED[name]
    docs = new_docs(tmp_path)
    path = _report(docs, prose)
    problems = collection.load(docs, only=[path], base=docs, use_cache=False).problems
    ours = [(p.code, p.line) for p in problems if p.code.startswith("RA23")]
    assert ours == [(code, _prose_line(path) + line - 1)], problems
    # Besides, "<http:" is an element outside the allow-list (RA301) wherever it stands,
    # and 30 000 "<div>" never closed are also a block left open (RA026).
    assert {p.code for p in problems} - {code} <= {"RA301", "RA026"}


@pytest.mark.parametrize("name", [n for n, case in REFUSED.items() if case[3]])
def test_the_refused_recursive_shapes_do_break_the_renderer(name: str) -> None:
    """Without the limit these would stop the build: the limit is needed, not decoration."""
    with pytest.raises(RecursionError):
        markdown._converter = None
        markdown.markdown.Markdown(extensions=markdown._EXTENSIONS,
                                   extension_configs=markdown._EXTENSION_CONFIGS).convert(REFUSED[name][0])


def _inside_limits() -> dict[str, str]:
    depth, emphasis = markdown_limits.MAX_NESTING, markdown_limits.MAX_EMPHASIS_DEPTH
    return {
        "list nested to the limit": "".join("    " * i + "- x\n" for i in range(depth)),
        "quotes nested to the limit": ">" * depth + " x\n",
        "emphasis nested to the limit": "*a " * (emphasis // 2) + "**b** " + "c* " * (emphasis // 2) + "\n",
        "a table of 300 links": "| Länk | Text |\n|---|---|\n" + "".join(
            f"| [Sida {n}](https://example.org/{n}) | **fet** och *kursiv* (not {n}) |\n" for n in range(300)),
        "stray brackets and angles in a long paragraph": " ".join(
            f"ord{n} [" if n % 100 == 0 else f"a < b{n}" if n % 7 == 0 else f"ord{n}" for n in range(2000)) + "\n",
        "snake_case and a list of stars": "fil_namn_med_understreck\n\n" + "".join(f"* punkt {n}\n" for n in range(200)),
    }


@pytest.mark.parametrize("name", list(_inside_limits()))
def test_shapes_inside_the_limits_validate_and_render_deep_in_a_stack(tmp_path: Path, name: str) -> None:
    prose = _inside_limits()[name]
    docs = new_docs(tmp_path)
    path = _report(docs, prose)
    assert collection.load(docs, only=[path], base=docs, use_cache=False).problems == []

    def deep(levels: int) -> str:
        return deep(levels - 1) if levels else markdown.markdown.Markdown(
            extensions=markdown._EXTENSIONS, extension_configs=markdown._EXTENSION_CONFIGS).convert(prose)

    # The build calls the renderer from within MkDocs, Jinja and our hooks: leave it a third of the stack.
    assert deep(sys.getrecursionlimit() * 2 // 3 - 50)


def test_work_counts_grow_with_the_renderers_scanning() -> None:
    """Closed brackets and tags cost their length; unclosed ones the rest of their paragraph or text."""
    assert markdown_limits.check("[a](b) [c] (d", "f", 1) == []
    limit = markdown_limits.MAX_BRACKET_WORK
    just_over = "[" * int((2 * limit) ** 0.5 + 2)  # n unclosed: n²/2 characters of scanning
    assert [p.code for p in markdown_limits.check(just_over, "f", 1)] == ["RA237"]
    split = ("[" * 200 + "\n\n") * 20  # each paragraph is scanned on its own: 20 × 200²/2
    assert markdown_limits.check(split, "f", 1) == []
    assert [p.code for p in markdown_limits.check("[" * 4000, "f", 1)] == ["RA237"]  # 4 000²/2


@pytest.mark.slow
def test_a_report_at_the_limits_builds(tmp_path: Path) -> None:
    """validate passing means the build passes, with every shape at its limit in one report."""
    docs = new_docs(tmp_path)
    path = _report(docs, "\n\n".join(_inside_limits().values()))
    assert collection.load(docs, only=[path], base=docs, use_cache=False).problems == []
    build(docs)
    assert (tmp_path / "site" / "rapporter").is_dir()


SERIES_ABOUT = {
    # The series' description is Markdown too, shown on every report page (at most 5 000 characters).
    "a line of 4 990 [": ("[" * 4990, "RA237"),
    "a list nested 40 levels": ("".join("    " * i + "- x\n" for i in range(40)), "RA235"),
    "800 emphases inside each other": ("*a " * 800 + "b* " * 800, "RA236"),
    "1 600 <a": ("<a " * 1600, "RA238"),
}


@pytest.mark.parametrize("name", list(SERIES_ABOUT))
def test_a_series_description_the_renderer_cannot_take_is_refused(tmp_path: Path, name: str) -> None:
    about, code = SERIES_ABOUT[name]
    docs = new_docs(tmp_path)
    series = write_series(docs, about=about)
    problems = collection.load(docs, base=docs, use_cache=False).problems
    assert code in {p.code for p in problems if p.path.endswith("serie.yml")}, problems
    about_line = series.read_text(encoding="utf-8").split("\n").index(
        next(line for line in series.read_text(encoding="utf-8").split("\n") if line.startswith("about:"))) + 1
    assert all(p.line >= about_line for p in problems if p.code == code)


# An HTML block Python-Markdown would leave open, so the rest of the prose is published as raw Markdown.
BLOCKS = {
    # name: (prose, refused with RA026 at this line of the prose, or None)
    "details without its end tag": ("Intro\n\n<details><summary>Mer</summary>\n\nDold text\n", 3),
    "div indented three spaces": ("   <div>\nText\n", 1),
    "div inside a div, one closed": ("<div><div>\nText\n</div>\n", 1),
    "details closed on the same line": ("<details><summary>Mer</summary>Text</details>\n", None),
    "details closed after paragraphs": ("<details><summary>Mer</summary>\n\nText\n\n</details>\n", None),
    "inner end tag closes the whole block": ("<div><span>\nText\n</div>\n", None),
    "div in the middle of a line": ("Text <div> mer text\n", None),
    "div indented as code": ("    <div>\n", None),
    "div in fenced code": ("```\n<div>\n```\n", None),
    "div in a comment": ("<!-- <div>\n-->\n", None),
    "self-closed div": ("<div/>\n", None),
    "span at a line's start": ("<span>Text\n", None),
}
TAIL = "\n\n## Slut\n\n- punkt\n"


@pytest.mark.parametrize("name", list(BLOCKS))
def test_an_html_block_left_open_is_refused_exactly_when_it_swallows_the_rest(tmp_path: Path, name: str) -> None:
    prose, line = BLOCKS[name]
    # The renderer itself says which shapes swallow the text after them.
    rendered = markdown.markdown.Markdown(
        extensions=markdown._EXTENSIONS, extension_configs=markdown._EXTENSION_CONFIGS).convert(prose + TAIL)
    assert ("## Slut" in rendered) == (line is not None), rendered
    docs = new_docs(tmp_path)
    path = _report(docs, prose)
    problems = collection.load(docs, only=[path], base=docs, use_cache=False).problems
    ours = [(p.code, p.line) for p in problems if p.code == "RA026"]
    assert ours == ([] if line is None else [("RA026", _prose_line(path) + line - 1)]), problems

