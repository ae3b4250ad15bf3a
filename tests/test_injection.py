"""Text from reports and series reaches the built site as text, in every context.

MkDocs renders Material's templates without autoescaping, and Material puts a
page's title and description into <title>, meta tags and attributes as they
are. The archive of :mod:`hostile` carries a context-breaking payload in every
plain-text field; it is built with MkDocs (markup allowed past the validator,
see ``hostile.UNCHECKED``) beside the same archive with a harmless word, and
every page is read back with an HTML parser: the payloads add no element, no
attribute and no comment, and every text reads exactly as written (escaped
once: ``&amp;amp;`` on screen is a bug too). Feeds, ``reports.json`` and the
sitemap parse and keep the text.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

import hostile
from factory import build, new_docs, write_report, write_series
from rapportarkiv import site as core
from rapportarkiv.catalogue import LABELS

SITE_NAME = LABELS["site_name"]


class _Page(HTMLParser):
    """What a parser sees in one page: its elements with their attribute names,
    comments, <title>, meta tags, feed links and the text of a few elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shapes: Counter[tuple[str, tuple[str, ...]]] = Counter()
        self.title = ""
        self.meta: dict[str, str] = {}
        self.feed_titles: list[str] = []
        self.text: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shapes[(tag, tuple(sorted(name for name, _ in attrs)))] += 1
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and "name" in values:
            self.meta[values["name"]] = values.get("content", "")
        if tag == "link" and values.get("rel") == "alternate":
            self.feed_titles.append(values.get("title", ""))
        self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._open.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]

    def handle_comment(self, data: str) -> None:
        self.shapes[("<!--", ())] += 1

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "title":
            self.title += data
        self.text.append(data)


def read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def page_of(site: Path, url: str) -> Path:
    return site / url / "index.html"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The hostile archive and its harmless twin, each built with MkDocs."""
    built = {}
    for name, harmless in (("hostile", False), ("harmless", True)):
        docs = hostile.write(tmp_path_factory.mktemp(name), harmless=harmless)
        build(docs, prelude=hostile.UNCHECKED)
        built[name] = docs.parent / "site"
    return built


@pytest.fixture(scope="module")
def described(sites: dict[str, Path]) -> core.Site:
    """The hostile archive as the core describes it: every page's title."""
    docs = sites["hostile"].parent / "docs"
    with pytest.MonkeyPatch.context() as patch:
        hostile.switch_off(patch)  # as hostile.UNCHECKED does in the build
        return core.build(docs, core.options(preview=False), "https://rapporter.example.se/arkiv/")


def test_payloads_add_no_element_attribute_or_comment(sites: dict[str, Path]) -> None:
    hostile_pages, harmless_pages = html_pages(sites["hostile"]), html_pages(sites["harmless"])
    assert len(hostile_pages) == len(harmless_pages) > 100

    def skeleton(pages: list[Path]) -> Counter:
        return sum((read(p).shapes for p in pages), Counter())

    extra = skeleton(hostile_pages) - skeleton(harmless_pages)
    assert not extra, f"elements, attributes or comments the payloads added: {dict(extra)}"
    for path in hostile_pages:
        for tag, names in read(path).shapes:
            assert not any(n.startswith("on") or n in ("http-equiv", "autofocus") for n in names), (path, tag, names)


def test_every_title_and_description_reads_as_written(sites: dict[str, Path], described: core.Site) -> None:
    """<title>, the meta description and the feed links show the archive's text,
    escaped once, on every page whose title comes from the archive."""
    site = sites["hostile"]
    feeds = [feed.label for feed in described.feeds()]
    for index, payload in enumerate(hostile.PAYLOADS):
        name = hostile.text("Serie", index, payload)
        assert f"{name} ({LABELS['feed.atom']})" in feeds and f"{name} ({LABELS['feed.rss']})" in feeds
    checked = 0
    for src, title in [(r.path, r.title) for r in described.archive.reports] + [
        (spec.src_uri, spec.title) for spec in described.generated.values()
    ]:
        if " slut" not in title:
            continue  # a page of the site's own, titled by the catalogue
        report = described.report(src)
        url = report.url if report else described.generated[src].url
        page = read(page_of(site, url))
        assert page.title == f"{title} - {SITE_NAME}", url
        report = described.report(src)
        if report is not None:
            assert page.meta["description"] == report.description
        assert page.feed_titles == feeds
        checked += 1
    # Per payload: two reports, an older version, a comparison, a series, a year, a tag.
    assert checked >= 7 * len(hostile.PAYLOADS)


def test_every_field_of_a_report_reads_as_written(sites: dict[str, Path], described: core.Site) -> None:
    for index, payload in enumerate(hostile.PAYLOADS):
        page = read(page_of(sites["hostile"], hostile.corrected_url(index)))
        shown = "".join(page.text)
        for label in ("Rubrik", "Anledning", "Skribent", "Talesperson", "Roll",
                      "Organisation", "Kanal", "Åtgärd", "Kanal ut", "Åtgärd ut", "Serie", "Ägare", "Beställare"):
            assert hostile.text(label, index, payload) in shown, (label, payload)
        withdrawn = "".join(read(page_of(sites["hostile"], hostile.withdrawn_url(index))).text)
        assert hostile.text("Skäl", index, payload) in withdrawn


def _html_text(html: str) -> str:
    page = _Page()
    page.feed(html)
    page.close()
    return "".join(page.text)


def test_feeds_parse_and_keep_the_text(sites: dict[str, Path], described: core.Site) -> None:
    """Atom says which text is plain and which is HTML: feedparser reads both back
    exactly. RSS does not (feedparser takes an RSS title for HTML); its XML text
    is the title as written, and the description, HTML by the specification,
    reads as the summary."""
    for index, payload in enumerate(hostile.PAYLOADS):
        series = described.archive.series[hostile.series_id(index)]
        title, summary = hostile.text("Rubrik", index, payload), hostile.text("Rättad sammanfattning", index, payload)
        folder = sites["hostile"] / "flode"
        atom = feedparser.parse((folder / f"{series.id}.atom.xml").read_bytes(), sanitize_html=False)
        assert not atom.bozo, (payload, atom.bozo_exception)
        assert atom.feed.title == f"{SITE_NAME}: {series.name}"
        # The corrected report, and the withdrawn one marked (issue 17): titles stay text.
        entry, withdrawn = sorted(atom.entries, key=lambda e: e.title.startswith("Återkallad: "))
        assert withdrawn.title_detail.type == "text/plain"
        assert withdrawn.title == "Återkallad: " + hostile.text("Återkallad", index, payload)
        assert (entry.title_detail.type, entry.title) == ("text/plain", title)
        assert _html_text(entry.summary) == summary
        assert [tag.term for tag in entry.tags] == [hostile._tag(index, payload)]
        rss = ET.parse(folder / f"{series.id}.rss.xml").getroot()
        assert rss.findtext("channel/title") == f"{SITE_NAME}: {series.name}"
        [item] = [i for i in rss.findall("channel/item") if not (i.findtext("title") or "").startswith("Återkallad: ")]
        assert item.findtext("title") == title
        assert _html_text(item.findtext("description") or "") == summary
        assert item.findtext("category") == hostile._tag(index, payload)


def test_reports_json_and_sitemap_parse_and_keep_the_text(sites: dict[str, Path]) -> None:
    data = json.loads((sites["hostile"] / "reports.json").read_text(encoding="utf-8"))
    titles = {report["title"] for report in data["reports"]}
    names = {series["name"] for series in data["series"]}
    for index, payload in enumerate(hostile.PAYLOADS):
        assert hostile.text("Rubrik", index, payload) in titles
        assert hostile.text("Serie", index, payload) in names
    sitemap = ET.parse(sites["hostile"] / "sitemap.xml").getroot()
    assert len(sitemap) > 2 * len(hostile.PAYLOADS)


def test_the_issues_examples_pass_validate_and_build_safely(tmp_path: Path) -> None:
    """Quotes are text the validator allows: the build must make them harmless."""
    docs = new_docs(tmp_path)
    name = 'Serie "citat" \'enkel\' & co'
    description = '0;url=https://angripare.example/" http-equiv="refresh'
    write_series(docs, name=name)
    path = write_report(docs, "citat", title='Rubrik "citat"', when=datetime(2024, 10, 17, 14, 0),
                        description=description)
    build(docs)  # the real validator: nothing to refuse
    page = read(tmp_path / "site" / path.relative_to(docs).with_suffix("") / "index.html")
    assert page.meta["description"] == description
    assert page.title == f'Rubrik "citat" - {SITE_NAME}'
    assert f"{name} ({LABELS['feed.atom']})" in page.feed_titles
    assert not any(n == "http-equiv" for _, names in page.shapes for n in names)
