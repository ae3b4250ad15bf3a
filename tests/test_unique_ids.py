"""Every id on a built page is there once, whatever the headings in the prose say.

A report's headings get ids from their text, unique within the report. But a
page shows more than one text: the start page shows the latest report of every
series (all with the same section headings), a report page shows its series'
description and the site's own sections ("Om serien", "Talespersoner",
"Kommunikativa åtgärder", "Versioner"), and every page has the search box in
its header. A heading written like one of those must not take its id: links
to ``#om-serien`` and ``aria-labelledby="om-serien"`` would lead to the wrong
element, and the page would not be valid HTML.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from factory import REPO, SECTIONS, build, new_docs, write_report, write_series

from rapportarkiv.render import markdown

PEOPLE = ["Åsa Öberg", "Asa Oberg", "李明", "Мария Иванова"]

# Headings an author might well write, each the text of one of the page's own ids.
COLLIDING = ["Om serien", "Talespersoner", "Kommunikativa åtgärder", "Versioner", "Prenumerera",
             "Senaste rapporterna", "Senaste serie-b", "Ra search input", "Internal"]


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()
        self.labelled_by: list[str] = []
        self.first: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids[values["id"] or ""] += 1
            self.first.setdefault(values["id"] or "", tag)
        if values.get("aria-labelledby"):
            self.labelled_by.extend((values["aria-labelledby"] or "").split())


def _read(page: Path) -> _Ids:
    found = _Ids()
    found.feed(page.read_text(encoding="utf-8"))
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = new_docs(tmp_path_factory.mktemp("ids"))
    write_series(docs, "serie-b", name="Serie B", about="Om serie B.\n\n## Om serien\n\n## Läget just nu\n\nText.")
    extra = "\n\n".join(f"## {heading}\n\nText." for heading in COLLIDING)
    body = {SECTIONS["regular"][-1]: f"Text.\n\n{extra}"}
    # Names with one slug ("asa-oberg"), and names with none.
    people = [{"name": name, "role": "Chef"} for name in ("Anna Andersson", *PEOPLE)]
    communication = [{"audience": a, "date": "2024-10-10", "status": "done", "channel": "Intranätet", "text": "Text."}
                     for a in ("internal", "external")]
    write_report(docs, "forsta", when=datetime(2024, 10, 10, 9, 0), title="Första", body=body,
                 spokespersons=people, communication=communication)
    write_report(docs, "andra", when=datetime(2024, 10, 11, 9, 0), series="serie-b", title="Andra", body=body,
                 spokespersons=people, communication=communication)
    build(docs)
    return docs.parent / "site"


def test_no_page_repeats_an_id(site: Path) -> None:
    repeated = {}
    for page in sorted(site.rglob("*.html")):
        found = _read(page)
        twice = sorted(name for name, count in found.ids.items() if count > 1)
        if twice:
            repeated[page.relative_to(site).as_posix()] = twice
    assert repeated == {}


def test_labels_name_the_sites_own_headings(site: Path) -> None:
    page = site / "rapporter/regional-rapport-millennium-2024/2024/2024-10-10-forsta/index.html"
    found = _read(page)
    assert "om-serien" in found.labelled_by
    text = page.read_text(encoding="utf-8")
    assert re.search(r'<h2 id="om-serien">Om Regional rapport', text)
    # The author's heading of the same words keeps its place, under another id.
    assert '<h2 id="om-serien_1">Om serien</h2>' in text


def test_a_single_texts_ids_are_unchanged() -> None:
    html = markdown.to_html("## Läget just nu\n\nText.\n\n## Kommande\n\nText.")
    used: set[str] = set(markdown.PAGE_IDS)
    assert markdown.distinct_ids(html, used) == html
    assert markdown.distinct_ids(html, used) == html.replace('"laget-just-nu"', '"laget-just-nu_1"').replace(
        '"kommande"', '"kommande_1"')


def test_every_fixed_id_of_the_templates_is_reserved() -> None:
    """A new template id that a heading could produce must be added to PAGE_IDS."""
    templates = [*(REPO / "rapportarkiv/templates").glob("*.html"), *(REPO / "rapportarkiv/site_build/overrides").rglob("*.html")]
    fixed = set()
    for template in templates:
        for value in re.findall(r'\bid="([^"]*)"', template.read_text(encoding="utf-8")):
            value = value.replace("{{ audience }}", "internal")
            if "{" not in value and not value.startswith("__"):
                fixed.add(value)
    assert fixed - markdown.PAGE_IDS == set()


def test_each_spokesperson_link_leads_to_that_person(site: Path) -> None:
    people = (site / "talespersoner/index.html").read_text(encoding="utf-8")
    headings = dict(re.findall(r'<h2 id="([^"]+)">([^<]+)</h2>', people))
    report = (site / "rapporter/serie-b/2024/2024-10-11-andra/index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="[./]*talespersoner/#([^"]*)">([^<]+)</a>', report)
    assert len(links) == 1 + len(PEOPLE)
    for anchor, name in links:
        assert headings.get(anchor) == name
