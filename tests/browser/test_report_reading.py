"""The report page read as a report: on a desktop, on a 390 px phone and on paper (issue 17).

The reader meets the report first (a compact header, then the text), its parts
stand in the order the series gives, versions are dated by their authors,
comparisons show rendered text, tables stay readable on a phone with every
word whole, and a report prints on A4 as a document. Chromium is the judge:
positions, line boxes and the printed PDF (read back with pdftotext).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import testarchive as ta
from reading import SAMPLE_REPORT
from sites import Served

WIDTHS = ["desktop", "phone"]
SEED_SECTIONS = [
    "Beskrivning av händelsen", "Kända omständigheter", "Kommunikativa åtgärder", "Verksamhetens kommentar",
    "Talespersoner", "Om Regional rapport Millennium 2024", "Versioner",
]

# Every text node's words inside the tables of the page: those drawn on more than one
# line box are broken inside the word ("Komma/nde").
BROKEN_WORDS = """() => {
    const broken = [];
    for (const table of document.querySelectorAll('table')) {
        const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.data.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const boxes = Array.from(range.getClientRects()).filter(r => r.width > 0);
                if (boxes.length > 1) broken.push(match[0]);
            }
        }
    }
    return broken;
}"""

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def section_titles(page: Any) -> list[str]:
    return [" ".join(t.split()) for t in page.locator("article.ra-report h2").all_inner_texts()]


# --- The reader meets the report first ------------------------------------------------
@pytest.mark.parametrize("width", WIDTHS)
def test_the_first_paragraph_is_on_the_first_screen(reader: Any, sample_site: Served, width: str) -> None:
    page = reader.open(sample_site.url(SAMPLE_REPORT), width)
    first = page.locator(".ra-report__body p").first
    assert first.inner_text().startswith("De åtta kommunerna i de södra delarna")
    top = first.evaluate("e => e.getBoundingClientRect().top")
    height = page.evaluate("() => window.innerHeight")
    assert top + 40 < height, f"the text starts at {top}px, below the first screen of {height}px"
    # The header holds what a reader needs to place the report, and no more.
    header = page.locator(".ra-report__header")
    assert header.locator(".ra-tags").count() == 0 and header.locator(".ra-versions__list").count() == 0
    line = header.locator(".ra-versions__line a")
    assert line.inner_text() == "Senast rättad måndag 14 oktober 2024"
    line.click()
    page.wait_for_function("() => location.hash === '#versioner'")
    assert page.locator("#versioner").evaluate("e => e.getBoundingClientRect().top") < height


@pytest.mark.parametrize("width", WIDTHS)
def test_parts_follow_the_order_the_series_gives(reader: Any, sample_site: Served, test_site: Served,
                                                 width: str) -> None:
    """The sample series places the actions after "Kända omständigheter", as the seed has them;
    the test archive's series places nothing, so its parts stand after the text."""
    page = reader.open(sample_site.url(SAMPLE_REPORT), width)
    assert section_titles(page) == SEED_SECTIONS
    assert page.locator(".ra-communication table").first.is_visible()
    other = reader.open(test_site.url(ta.STROMAVBROTT.url), width)
    assert section_titles(other) == [
        "Beskrivning av händelsen", "Verksamhetens kommentar", "Kommunikativa åtgärder", "Talespersoner",
        "Om Testregionens lägesrapport",
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_classification_is_shown_on_screen_and_in_print(reader: Any, sample_site: Served, width: str) -> None:
    page = reader.open(sample_site.url(SAMPLE_REPORT), width)
    badge = page.locator(".ra-report__header .ra-classification")
    assert badge.is_visible() and badge.inner_text().endswith("Intern")
    assert badge.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    page.emulate_media(media="print")
    assert badge.is_visible()


# --- Versions carry the dates their authors gave them ----------------------------------
def test_versions_are_dated_by_publication_and_revision(reader: Any, sample_site: Served) -> None:
    """The seed was compiled 11 October 2024 and corrected 14 October 2024; its commits are of another day."""
    page = reader.open(sample_site.url(SAMPLE_REPORT))
    items = [" ".join(t.split()) for t in page.locator(".ra-versions__list li").all_inner_texts()]
    assert items[0].startswith("Version 2, måndag 14 oktober 2024 – Rättelse: Nyhetstexten på Insidan")
    assert items[1].startswith("Version 1, fredag 11 oktober 2024 – första publicerade versionen")
    page.locator(".ra-versions__list").get_by_role("link", name=re.compile(r"^Version 1,")).click()
    page.wait_for_url("**/versioner/1/")
    header = page.locator(".ra-report__header").inner_text()
    assert "version 1, publicerad fredag 11 oktober 2024" in header
    assert "Version 2" not in header and "Senast" not in header


# --- The comparison shows rendered text ---------------------------------------------------
@pytest.mark.parametrize("width", WIDTHS)
def test_comparison_shows_headings_and_items_with_changes_inside(reader: Any, test_site: Served,
                                                                 width: str) -> None:
    page = reader.open(test_site.url(ta.SOMMAR.url + "versioner/2/jamforelse/"), width)
    diff = page.locator(".ra-diff")
    assert diff.locator("h2").all_inner_texts() == ["Läget just nu", "Kommande"]
    assert "##" not in diff.inner_text() and "- " not in diff.inner_text().splitlines()[0]
    paragraph = diff.locator("p", has=page.locator("ins"))
    assert paragraph.locator("del").inner_text().endswith("120") and paragraph.locator("ins").inner_text().endswith("210")
    item = diff.locator("li", has=page.locator("del"))
    assert item.count() == 1
    assert " ".join(item.inner_text().split()) == "Jourlinjen bemannas från Borttaget: 1 Tillagt: 3 juni."
    assert diff.locator("li").first.inner_text() == "Nästa rapport skickas torsdag vecka 21."
    # Marked by element and hidden label, never by colour alone.
    assert item.locator("del").evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    assert item.locator("ins").evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    assert item.locator("del .ra-visually-hidden").inner_text().strip() == "Borttaget:"
    assert page.evaluate(OVERFLOW) <= 0


@pytest.mark.parametrize("width", WIDTHS)
def test_comparison_shows_a_changed_action_field_by_field(reader: Any, sample_site: Served, width: str) -> None:
    page = reader.open(sample_site.url(SAMPLE_REPORT + "versioner/2/jamforelse/"), width)
    row = page.locator("table.ra-compare tbody tr").first
    assert row.locator("th").inner_text() == "Kommunikativa åtgärder nr 2"
    before, after = row.locator("td.ra-compare__old"), row.locator("td.ra-compare__new")
    assert before.locator(".ra-compare__changed del").inner_text().endswith("Kommande")
    assert after.locator(".ra-compare__changed ins").inner_text().endswith("Genomförd")
    assert "Datum: fredag 11 oktober 2024" in " ".join(after.inner_text().split())
    assert after.locator(".ra-compare__changed").count() == 1  # only the status changed
    assert page.evaluate(OVERFLOW) <= 0


# --- Phones: tables readable, words whole ---------------------------------------------------
PHONE_PAGES = [
    ("sample", SAMPLE_REPORT),
    ("sample", SAMPLE_REPORT + "versioner/2/jamforelse/"),
    ("sample", "kalender/2024/"),
    ("test", ta.STROMAVBROTT.url),
    ("test", ta.SOMMAR.url),
]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("site,path", PHONE_PAGES)
def test_no_word_in_a_table_is_broken_on_a_phone(reader: Any, sample_site: Served, test_site: Served, site: str,
                                                 path: str, javascript: bool) -> None:
    served = sample_site if site == "sample" else test_site
    page = reader.open(served.url(path), "phone", javascript=javascript)
    assert page.evaluate("() => window.innerWidth") == 390
    assert page.locator("table").count() > 0
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate(OVERFLOW) <= 0, "the page scrolls sideways"
    if javascript:
        # Each row is a card; each cell says which column it belongs to.
        cell = page.locator("table.ra-table tbody td").first
        assert cell.evaluate("e => getComputedStyle(e, '::before').content") not in ("none", "normal", '""')
        assert page.locator("table.ra-table thead").first.evaluate("e => e.getBoundingClientRect().height") <= 1


def test_the_header_shows_the_whole_site_name_on_a_phone(reader: Any, sample_site: Served) -> None:
    page = reader.open(sample_site.url(SAMPLE_REPORT), "phone")
    title = page.locator(".md-header__title .md-ellipsis")
    assert title.inner_text() == "Rapportarkiv"
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the site name is cut off"
    box = title.evaluate("e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; }")
    search = page.locator("#ra-search-input").evaluate("e => e.getBoundingClientRect().left")
    assert box[1] <= search, "the search box covers the site name"
    assert page.locator("#ra-search-input").is_visible()


# --- Print: A4 as a document ------------------------------------------------------------------
def pdf_text(page: Any, tmp_path: Path, name: str) -> tuple[str, int]:
    """The printed PDF's text (pdftotext, layout kept) and its number of pages."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils (./dev does)", pytrace=False)
    pdf = tmp_path / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text, text.count("\f")


def test_the_seed_prints_as_a_document_on_two_pages(reader: Any, sample_site: Served, tmp_path: Path) -> None:
    page = reader.open(sample_site.url(SAMPLE_REPORT))
    text, pages = pdf_text(page, tmp_path, "seed")
    assert pages <= 2, f"the seed prints on {pages} pages"
    flat = " ".join(text.replace("-\n", "-").split())
    for wanted in ("Regional rapport Millennium 2024 · Extrainsatt rapport · Intern",
                   "Sjuhärads kommuner begär senare anslutning till", "Sammanställd fredag 11 oktober 2024 kl. 15:20",
                   "Vecka 41", "Kommunikativa åtgärder", "Datum Kanal Åtgärd Status", "Pressmeddelande",
                   "Karin Looström Muth, hälso- och sjukvårdsutvecklingsdirektör, VGR",
                   "Om Regional rapport Millennium 2024"):
        assert wanted in flat, f"{wanted!r} is not printed"
    # The text, then the actions (where the series places them), then the comment.
    assert flat.index("Kända omständigheter") < flat.index("Kommunikativa åtgärder") < flat.index(
        "Verksamhetens kommentar") < flat.index("Talespersoner")
    for chrome in ("Taggar", "Versioner", "Version 1,", "Sök i rapporterna", "Kommunikationskalender",
                   "Tillgänglighetsredogörelse", "Made with"):
        assert chrome not in flat, f"{chrome!r} is printed"
    # The "Om …" block is not left alone on a page of its own.
    last = text.split("\f")[pages - 1] if pages > 1 else text
    assert "Om Regional rapport" not in last or "Verksamhetens kommentar" in last or "Talespersoner" in last


PRINT_DATE = (r"Utskriven \d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|"
              r"november|december) \d{4}")


def words_by_page(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Every printed page's words as (top, bottom, word), read with pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for body in re.findall(r"<page [^>]*>(.*?)</page>", html, re.S):
        pages.append([(float(top), float(bottom), word) for top, bottom, word in re.findall(
            r'<word xMin="[^"]*" yMin="([^"]*)" xMax="[^"]*" yMax="([^"]*)">([^<]*)</word>', body)])
    return pages


def test_every_printed_page_has_the_address_and_date_below_the_text(reader: Any, sample_site: Served,
                                                                     tmp_path: Path) -> None:
    """The issue's footer: the address and the print date at the foot of every page, with the
    page number, below everything else on the page (never over the text), and not again at
    the end of the document."""
    # The address goes into a CSS string: a query with quotes, a semicolon, braces and a backslash stays text.
    page = reader.open(sample_site.url(SAMPLE_REPORT) + "?x='a';}\\\"b\"{ä")
    pdf = tmp_path / "footer.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    pages = words_by_page(pdf)
    assert len(pages) >= 2, "the seed prints on two pages: the test needs more than one"
    address = f"Rapportens adress: {page.url}"
    for number, words in enumerate(pages, 1):
        assert "Rapportens" in [word for _, _, word in words], f"page {number} has no footer"
        footer_top = min(top for top, _, word in words if word == "Rapportens")
        above = [(top, bottom, word) for top, bottom, word in words if bottom <= footer_top + 0.5]
        below = [word for top, _, word in words if top >= footer_top - 0.5]
        foot = " ".join(below)
        # A long address wraps in its box: compared without the spaces between the lines.
        assert address.replace(" ", "") in foot.replace("&amp;", "&").replace(" ", ""), f"page {number}: {foot!r}"
        assert re.search(PRINT_DATE, foot) and foot.endswith(f"{number} ({len(pages)})"), f"page {number}: {foot!r}"
        assert len(above) + len(below) == len(words), f"page {number}: text beside or below the footer"
        assert " ".join(w for _, _, w in above).count("Rapportens adress") == 0, "the footer is printed twice"


def test_print_without_javascript_still_gives_the_address(reader: Any, sample_site: Served, tmp_path: Path) -> None:
    page = reader.open(sample_site.url(SAMPLE_REPORT), javascript=False)
    text, _ = pdf_text(page, tmp_path, "nojs")
    flat = " ".join(text.replace("-\n", "-").split())
    # The build's address (mkdocs.yml's site_url), since no script can give the page's own.
    assert "Rapportens adress: http://127.0.0.1:8000/rapporter/regional-rapport-millennium-2024/2024/" in flat
    assert "Utskriven" not in flat
