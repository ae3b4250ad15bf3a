"""Finding reports in Chromium at 1 280 and 390 px (issue 17): every search hit is
reachable, Enter opens the results page, filters narrow it, excerpts come from the
text, the archive's text filter finds what the search finds, withdrawn reports
are marked in every list, the organisation's brand shows, the calendar starts
with what is coming.

The archive here is generated for it: 25 reports that say "kommun" (more than
the header's ten, and more than the results page's first twenty), 22 of them
weekly reports with the same text, so only their dates tell them apart.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from rapportarkiv import search_chunks

import testarchive as ta
from factory import build, new_docs, write_report
from reading import SAMPLE_REPORT, search
from sites import Served, serve

WIDTHS = ["desktop", "phone"]
NOW = "2024-03-01T12:00:00+01:00"
FIRST_WEEKLY = datetime(2023, 9, 7, 14, 0)
WEEKLY = [FIRST_WEEKLY + timedelta(weeks=n) for n in range(22)]  # 2023-09-07 … 2024-02-01
EXTRA = [datetime(2023, 10, 3, 9, 0), datetime(2024, 1, 23, 9, 0)]
MOST_RELEVANT = "Kommunerna i fokus"  # the oldest, and the word three times: first all the same
WITHDRAWN = f"Läget {WEEKLY[17]:%Y-%m-%d}"
BRAND = {"organisation": "Testregionen", "logo": "assets/logo.svg", "logo_alt": "Testregionens logotyp",
         "primary": "#0b5d3b"}


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("many")
    served = serve(root / "site")  # bound first, so the build knows its address
    docs = new_docs(root)
    for when in WEEKLY:
        extra: dict[str, Any] = {}
        if f"Läget {when:%Y-%m-%d}" == WITHDRAWN:
            extra["withdrawn"] = {"date": f"{when + timedelta(days=1):%Y-%m-%d} 10:00", "reason": "Fel uppgifter."}
        write_report(docs, f"lage-{when:%m%d}", title=f"Läget {when:%Y-%m-%d}", when=when,
                     body={"Läget just nu": "Kommunerna följer planen för vårdplatserna."}, **extra)
    for when in EXTRA:
        write_report(docs, f"extra-{when:%m%d}", title=f"Extra {when:%Y-%m-%d}", when=when, type="extra",
                     body={"Beskrivning av händelsen": "Kommunerna har fått ett besked."})
    write_report(docs, "i-fokus", title=MOST_RELEVANT, when=datetime(2023, 8, 3, 14, 0),
                 body={"Läget just nu": "Kommunerna, kommunerna och åter kommunerna."})
    for n in range(3):
        write_report(docs, f"annat-{n}", title=f"Annat {n}", when=datetime(2023, 8, 10 + n, 9, 0))
    write_report(docs, "kalender", title="Planering", when=datetime(2024, 2, 22, 14, 0), communication=[
        {"audience": "external", "date": "2024-03-04", "channel": "Webben", "text": "Kommande nyhet"},
        {"audience": "internal", "date": "2024-02-23", "channel": "Mejl", "text": "Tidigare mejl", "status": "done"},
    ])
    build(docs, site_url=served.url(), build_time=NOW, rapportarkiv_brand=BRAND)
    yield served
    served.close()


def results_page(page: Any) -> list[str]:
    """The titles the results page lists, once it has said how many it found."""
    page.wait_for_function("() => !['Söker …', ''].includes(document.querySelector('#ra-results-status').textContent)")
    return page.locator("#ra-results-list li > a").all_inner_texts()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_hit_is_reachable_in_relevance_then_date_order(reader_of: Any, many: Served, width: str) -> None:
    reader = reader_of(many)
    page = reader.open(many.url("rapporter/"), width)
    assert len(search(page, "kommunerna")) == 10
    assert page.locator("#ra-search-status").inner_text() == "25 rapporter hittades."
    show_all = page.locator("#ra-search-all")
    assert show_all.is_visible() and show_all.inner_text() == "Visa alla träffar på söksidan"
    # Enter opens the results page with the query.
    page.locator("#ra-search-input").press("Enter")
    page.wait_for_url(many.url("sok/?q=kommunerna"))
    first = results_page(page)
    assert len(first) == 20
    assert page.locator("#ra-results-status").inner_text() == "25 rapporter hittades. Visar 20 av 25."
    more = page.locator("#ra-results-more")
    assert more.is_visible()
    more.focus()
    page.keyboard.press("Enter")  # the keyboard reaches the rest
    page.wait_for_function("() => document.querySelectorAll('#ra-results-list li').length === 25")
    titles = page.locator("#ra-results-list li > a").all_inner_texts()
    assert page.evaluate("document.activeElement.textContent") == titles[20], "focus moves to the first new hit"
    assert more.is_hidden()
    assert page.locator("#ra-results-status").inner_text() == "25 rapporter hittades."
    assert len(set(titles)) == 25 and {f"Extra {when:%Y-%m-%d}" for when in EXTRA} <= set(titles)
    assert titles[0] == MOST_RELEVANT, "the most relevant first, although it is the oldest"
    weekly = [title for title in titles if title.startswith("Läget")]
    assert weekly == sorted(weekly, reverse=True) and len(weekly) == 22, "equally relevant: newest first"


def test_an_index_cut_into_small_chunks_finds_what_pagefind_s_own_finds(
        reader_of: Any, many: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build cuts Pagefind's heavy chunks again (search_chunks); here every chunk is cut
    as small as it goes, and Pagefind's own search in Chromium must find the same reports
    in the same order for every word written out. A term finds the longer words it begins
    only in its own chunk (in Pagefind's own chunks too): cut apart from "återkallad",
    "åter" finds the report that says "åter" and not the withdrawn one."""
    cut = tmp_path / "cut"
    shutil.copytree(many.root, cut)
    bundle = {PurePosixPath(p.relative_to(cut / "pagefind").as_posix()): p.read_bytes()
              for p in (cut / "pagefind").rglob("*") if p.is_file()}
    monkeypatch.setattr(search_chunks, "BUDGET", 1)
    recut = search_chunks.recut(bundle)
    assert len([p for p in recut if p.suffix == ".pf_index"]) > 2 * len([p for p in bundle if p.suffix == ".pf_index"])
    shutil.rmtree(cut / "pagefind")
    for relative, content in recut.items():
        (cut / "pagefind" / relative).parent.mkdir(parents=True, exist_ok=True)
        (cut / "pagefind" / relative).write_bytes(content)
    served = serve(cut)
    try:
        found: dict[str, list[list[str]]] = {}
        for query in ("kommunerna", "vårdplatserna", "följer", "besked", "planen för", "läget", "åter"):
            for site in (many, served):
                page = reader_of(site).open(site.url(f"sok/?q={query}"), "desktop")
                found.setdefault(query, []).append(results_page(page))
        for query, (as_made, cut_finer) in found.items():
            if query != "åter":
                assert as_made and cut_finer == as_made, query
        assert found["åter"] == [[MOST_RELEVANT, WITHDRAWN], [MOST_RELEVANT]]
    finally:
        served.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_results_page_filters_and_excerpts(reader_of: Any, many: Served, width: str) -> None:
    page = reader_of(many).open(many.url("sok/?q=kommunerna&typ=Extrainsatt+rapport"), width)
    assert sorted(results_page(page)) == [f"Extra {when:%Y-%m-%d}" for when in EXTRA]
    assert page.locator("#ra-results-typ").input_value() == "Extrainsatt rapport"
    page.select_option("#ra-results-typ", "")
    page.select_option("#ra-results-ar", "2023")
    page.wait_for_function("() => document.querySelector('#ra-results-status').textContent.startsWith('1')")
    in_2023 = 1 + sum(w.year == 2023 for w in WEEKLY) + sum(w.year == 2023 for w in EXTRA)
    assert page.locator("#ra-results-status").inner_text().startswith(f"{in_2023} rapporter hittades.")
    assert "ar=2023" in page.url, "the address keeps the filter, so the search can be linked"
    # Excerpts are the report's text with the hits marked, not its labels.
    excerpts = page.locator(".ra-hit__excerpt").all_inner_texts()
    assert excerpts and all("ommunerna" in e for e in excerpts)
    for label in ("Veckorapport", "Sammanställd", "Taggar", "Regional rapport Millennium 2024 ·"):
        assert not any(label in e for e in excerpts), label
    assert page.locator(".ra-hit__excerpt mark").count() >= len(excerpts)
    meta = page.locator(".ra-hit__meta").first.inner_text()
    assert "Regional rapport Millennium 2024" in meta and " 2023 kl. " in meta


def test_withdrawn_is_marked_in_search_results(reader_of: Any, many: Served) -> None:
    page = reader_of(many).open(many.url("sok/?q=kommunerna"))
    results_page(page)
    page.locator("#ra-results-more").click()
    page.wait_for_function("() => document.querySelectorAll('#ra-results-list li').length === 25")
    marked = page.locator("#ra-results-list li", has=page.locator(".ra-flag--withdrawn"))
    assert marked.count() == 1 and marked.locator("a").inner_text() == WITHDRAWN
    assert marked.locator(".ra-flag--withdrawn").inner_text() == "Återkallad"


@pytest.mark.parametrize("width", WIDTHS)
def test_list_filter_and_header_search_agree(reader_of: Any, many: Served, test_site: Served, width: str) -> None:
    for served, queries in ((many, ["kommunerna", "vårdplatserna", "besked"]),
                            (test_site, ["kommunerna", "lägesbilden", ta.SPOKESPERSON, "strömavbrott i Borås"])):
        page = reader_of(served).open(served.url("rapporter/"), width)
        for query in queries:
            page.fill("#ra-filter-text", query)
            page.wait_for_function("q => document.querySelector('.ra-filter__status').dataset.query === q", arg=query)
            listed = {t for t, shown in zip(page.locator(".ra-list > .ra-item .ra-item__title").all_inner_texts(),
                                            page.locator(".ra-list > .ra-item").evaluate_all("e => e.map(i => !i.hidden)"))
                      if shown}
            found = reader_of(served).open(served.url(f"sok/?q={query}"), width)
            results_page(found)
            while found.locator("#ra-results-more").is_visible():
                count = found.locator("#ra-results-list li").count()
                found.locator("#ra-results-more").click()
                found.wait_for_function(f"() => document.querySelectorAll('#ra-results-list li').length > {count}")
            hits = set(found.locator("#ra-results-list li > a").all_inner_texts())
            assert listed == hits and hits, f"{query!r}: the filter lists {len(listed)}, the search finds {len(hits)}"
            found.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_withdrawn_is_marked_in_every_list(reader: Any, sample_site: Served, width: str) -> None:
    title = "Vårdcentralen i Exempelby stängs tillfälligt"  # the sample archive's withdrawn report
    for url in ("rapporter/", "rapporter/lagesrapport-exempelregionen/2024/", "taggar/vardcentraler/", "kalender/2024/"):
        page = reader.open(sample_site.url(url), width)
        row = page.locator("li, tr", has=page.get_by_role("link", name=title, exact=True)).last
        flag = row.locator(".ra-flag--withdrawn")
        assert flag.is_visible() and flag.inner_text() == "Återkallad", url


@pytest.mark.parametrize("width", WIDTHS)
def test_brand_shows_name_logo_and_colour(reader_of: Any, many: Served, sample_site: Served, width: str) -> None:
    page = reader_of(many).open(many.url(), width)
    logo = page.locator(".md-header img")
    if width == "desktop":
        assert logo.is_visible()
    assert logo.get_attribute("alt") == "Testregionens logotyp"
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0"), "the logo file is published"
    header = page.locator(".md-header").evaluate("h => getComputedStyle(h).backgroundColor")
    assert header == "rgb(11, 93, 59)"
    footer = page.locator(".md-footer").inner_text()
    assert "Testregionen" in footer and "Made with" not in footer
    sample = reader_of(sample_site).open(sample_site.url(SAMPLE_REPORT), width)
    assert "Made with" not in sample.locator("body").inner_text()
    assert sample.locator(".md-header img").get_attribute("alt") == "Exempelregionens logotyp"


@pytest.mark.parametrize("width", WIDTHS)
def test_calendar_opens_on_coming_actions_of_the_current_year(reader_of: Any, many: Served, width: str) -> None:
    page = reader_of(many).open(many.url("kalender/"), width)
    headings = page.locator("main h2, main h3").all_inner_texts()
    assert headings[:2] == ["Kommunikationskalender 2024", "Kommande åtgärder"]
    first = page.locator("table.ra-calendar").first
    assert "Kommande nyhet" in first.inner_text() and "Tidigare mejl" not in first.inner_text()
    cell, beside = first.locator("td").nth(0), first.locator("td").nth(1)
    if cell.evaluate("td => getComputedStyle(td).display") == "table-cell":
        padding = cell.evaluate(
            "td => parseFloat(getComputedStyle(td).paddingLeft) + parseFloat(getComputedStyle(td).paddingRight)")
        assert padding >= 8, "cells do not run together"
    else:  # a phone's stacked rows: each cell on a line of its own, under the one before
        above, below = cell.bounding_box(), beside.bounding_box()
        assert above and below and below["y"] >= above["y"] + above["height"], "cells do not run together"


def test_first_query_fetches_no_worker(reader_of: Any, many: Served) -> None:
    """Pagefind runs in the page (noWorker): its 41 KB worker is never downloaded (bench/build.py counts on it)."""
    reader = reader_of(many)
    page = reader.context().new_page()
    reader.watch(page)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(many.url("sok/?q=kommunerna"))
    assert len(results_page(page)) == 20
    fetched = [url.rsplit("/", 1)[-1] for url in requested if "/pagefind/" in url]
    assert "pagefind.js" in fetched and any(name.endswith(".pf_index") for name in fetched)
    assert not any("worker" in name for name in fetched), fetched
