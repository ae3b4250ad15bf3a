"""The author guide, built as the site is, shows every example as it is written.

A fenced block inside a list item, or Markdown inside an HTML template,
renders as one line of text with the backticks showing: the very example an
author copies from is then wrong. The guide is built once with MkDocs from
the sample archive, and every code block and inline code of its Markdown
pages and of its generated pages (the front-matter reference and the error
codes) is looked for in the HTML. Every YAML example parses with the
archive's own loader and holds what the report format allows; the full
report example validates as a report.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from factory import REPO, build
from rapportarkiv import catalogue, collection, frontmatter, schemas, source
from rapportarkiv.render import pages

GUIDE = REPO / "docs" / "guide"
SOURCES = sorted(GUIDE.glob("*.md"))
FENCE = re.compile(r"^(?P<indent>[ ]*)```(?P<lang>[\w-]*)\n(?P<body>.*?)\n(?P=indent)```$", re.MULTILINE | re.DOTALL)
INLINE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")


class _Content(HTMLParser):
    """The article of a page: its <pre> blocks, its <code> spans, and its text outside both."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.pre: list[str] = []
        self.code: list[str] = []
        self.text: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if self.depth and tag in ("pre", "code"):
            self._open.append(tag)
            if tag == "pre":
                self.pre.append("")
            elif "pre" not in self._open[:-1]:
                self.code.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if not self.depth:
            return
        if "pre" in self._open:
            self.pre[-1] += data
        elif "code" in self._open:
            self.code[-1] += data
        else:
            self.text.append(data)


def content(page: Path) -> _Content:
    parsed = _Content()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("guide")
    shutil.copytree(REPO / "docs", root / "docs")
    build(root / "docs")
    return root / "site"


def built(site: Path, markdown: Path) -> Path:
    stem = markdown.stem
    return site / "guide" / ("index.html" if stem == "index" else f"{stem}/index.html")


GENERATED = [pages.ERROR_CODES, pages.FIELDS]


def guide_pages(site: Path) -> list[Path]:
    return [built(site, md) for md in SOURCES] + [site / url / "index.html" for url in GENERATED]


def test_the_guide_has_examples_to_check() -> None:
    blocks = [m for md in SOURCES for m in FENCE.finditer(md.read_text(encoding="utf-8"))]
    assert len(blocks) >= 6 and {m.group("lang") for m in blocks} >= {"yaml", "markdown", "sh"}


def test_no_backticks_show_on_any_guide_page(site: Path) -> None:
    for page in guide_pages(site):
        parsed = content(page)
        assert parsed.text, page
        shown = [t for t in parsed.text if "`" in t]
        assert shown == [], (page, shown)


@pytest.mark.parametrize("markdown", SOURCES, ids=[p.name for p in SOURCES])
def test_every_code_block_is_a_pre_with_its_lines(site: Path, markdown: Path) -> None:
    text = markdown.read_text(encoding="utf-8")
    parsed = content(built(site, markdown))
    shown = [block.rstrip("\n") for block in parsed.pre]
    for match in FENCE.finditer(text):
        indent = match.group("indent")
        body = "\n".join(line.removeprefix(indent) for line in match.group("body").split("\n"))
        assert body in shown, (markdown.name, body, shown)
    # Inline code outside the blocks comes out as <code>, not as backticks in the text.
    outside = FENCE.sub("", text)
    for code in INLINE.findall(outside):
        assert code in parsed.code, (markdown.name, code)


def test_the_error_codes_page_shows_every_example_and_command(site: Path) -> None:
    parsed = content(site / pages.ERROR_CODES / "index.html")
    for code, entry in catalogue.PROBLEMS.items():
        if entry.example:
            assert entry.example in [block.rstrip("\n") for block in parsed.pre], code
        for text in (entry.explanation, entry.fix):
            for span in INLINE.findall(text):
                assert span in parsed.code, (code, span)
    assert "rapportarkiv new" in parsed.code  # RA001 and RA215


def yaml_examples() -> list[tuple[str, str]]:
    found = []
    for md in SOURCES:
        for match in FENCE.finditer(md.read_text(encoding="utf-8")):
            if match.group("lang") in ("yaml", "markdown"):
                indent = match.group("indent")
                body = "\n".join(line.removeprefix(indent) for line in match.group("body").split("\n"))
                if match.group("lang") == "markdown" and not body.startswith("---"):
                    continue  # prose only (how to link to another report): no front matter to parse
                found.append((md.name, body))
    return found


def parse(text: str) -> dict:
    parsed, problems = frontmatter.parse(source.Source("exempel.md", "", text, 1, "", 1))
    assert problems == [] and parsed is not None, [p.message for p in problems]
    return parsed.data


@pytest.mark.parametrize(("name", "example"), yaml_examples(), ids=lambda v: v[:30] if isinstance(v, str) else v)
def test_every_yaml_example_parses_and_holds_allowed_values(name: str, example: str, tmp_path: Path) -> None:
    if example.startswith("---\n"):
        # A whole report: it validates as one, in a copy of the sample archive.
        docs = tmp_path / "docs"
        shutil.copytree(REPO / "docs", docs)
        front = parse(example.split("---\n")[1])
        path = docs / "rapporter" / front["series"] / front["date"][:4] / f"{front['date'][:10]}-guidens-exempel.md"
        path.write_text(example + "\n", encoding="utf-8")
        result = collection.load(docs, only=[path], base=docs)
        assert [p for p in result.problems if p.is_error] == [], [p.message for p in result.problems]
        return
    data = parse(example)
    assert data
    for key, value in data.items():
        check = Draft202012Validator({"$ref": f"urn:rapportarkiv:schema:report#/properties/{key}"},
                                     registry=schemas.registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)
        assert [e.message for e in check.iter_errors(value)] == [], (name, key)


def test_every_field_example_on_the_reference_page_parses(site: Path) -> None:
    parsed = content(site / pages.FIELDS / "index.html")
    assert len(parsed.pre) >= 15
    for block in parsed.pre:
        data = yaml.safe_load(html.unescape(block))
        assert isinstance(data, dict) and len(data) == 1, block
