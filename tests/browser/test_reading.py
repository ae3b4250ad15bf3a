"""What a reader sees and does, at desktop and phone widths, in Chromium.

Every page here is opened through the ``reader`` fixture, which also fails the
test on a console error or on any request that leaves the local server.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

import testarchive as ta
from reading import search
from sites import Served

WIDTHS = ["desktop", "phone"]


@pytest.mark.parametrize("width", WIDTHS)
def test_start_page_shows_the_latest_report_of_each_series(reader: Any, test_site: Served, width: str) -> None:
    page = reader.open(test_site.url(), width)
    latest = page.locator(".ra-latest")
    assert latest.count() == 2
    titles = latest.locator(".ra-latest__title").all_inner_texts()
    assert set(titles) == {ta.SOMMAR.title, ta.SNOOVADER.title}
    # In full view: the latest report's prose is on the start page, visible.
    assert page.get_by_text("I juli finns 210 vårdplatser öppna").is_visible()
    # Below them the earlier reports, newest first, without repeating those shown in full (issue 17).
    earlier = page.locator(".ra-list .ra-item__title").all_inner_texts()
    assert earlier == [ta.STROMAVBROTT.title, ta.VINTER_2023.title]


SWEDISH_QUERIES = [
    # (query, the reports it must find, in order, and why)
    ("kommunerna", [ta.VINTER_2023], "stemming: the report says only 'kommun'"),
    ("lägesbilden", [ta.STROMAVBROTT], "stemming: the report says only 'Lägesbild'"),
    ("åtgärderna", [ta.SOMMAR], "stemming: the report says only 'åtgärd'"),
    (ta.SPOKESPERSON, [ta.STROMAVBROTT], "a spokesperson's name"),
    (ta.TAG_ONLY_WORD, [ta.STROMAVBROTT], "a tag that is in no report's prose"),
    ("strömavbrott i Borås", [ta.STROMAVBROTT], "the occasion"),
]


@pytest.mark.parametrize("width", WIDTHS)
def test_swedish_search_in_the_header(reader: Any, test_site: Served, width: str) -> None:
    page = reader.open(test_site.url("rapporter/"), width)
    box = page.locator("#ra-search-input")
    assert box.is_visible(), "the search box is in the header at every width"
    assert page.locator("header #ra-search-input").count() == 1
    for query, expected, why in SWEDISH_QUERIES:
        hits = search(page, query)
        assert hits == [r.title for r in expected], f"{query!r} ({why}): {hits}"
    # The hit's excerpt is the report's text, not the page's labels (issue 17).
    search(page, "lägesbilden")
    excerpt = page.locator("#ra-search-results li .ra-hit__excerpt").first.inner_text()
    assert "Lägesbild" in excerpt and "Sammanställd" not in excerpt and "Vecka 11" not in excerpt, excerpt
    hits = search(page, "vårdplatserna")  # the tag Vårdplatser, and 'vårdplatserna' in one text
    assert hits[0] == ta.VINTER_2023.title and set(hits) == {ta.VINTER_2023.title, ta.SOMMAR.title}
    assert search(page, "xyzzyord") == []
    assert "Inga rapporter hittades" in page.locator("#ra-search-status").inner_text()
    # A hit is a working link to the report.
    search(page, "lägesbilden")
    page.locator("#ra-search-results li > a").first.click()
    page.wait_for_url(re.compile(re.escape(ta.STROMAVBROTT.url) + "$"))
    assert page.locator("h1").inner_text() == ta.STROMAVBROTT.title


def test_search_closes_with_escape(reader: Any, test_site: Served) -> None:
    page = reader.open(test_site.url())
    search(page, ta.SPOKESPERSON)
    page.keyboard.press("Escape")
    assert page.locator("#ra-search-output").is_hidden()
    assert page.evaluate("document.activeElement.id") == "ra-search-input"


def visible_titles(page: Any) -> list[str]:
    return [t for t, shown in zip(page.locator(".ra-list > .ra-item .ra-item__title").all_inner_texts(),
                                   page.locator(".ra-list > .ra-item").evaluate_all("els => els.map(e => !e.hidden)"))
            if shown]


@pytest.mark.parametrize("width", WIDTHS)
def test_archive_filter_narrows_the_list(reader: Any, test_site: Served, width: str) -> None:
    page = reader.open(test_site.url("rapporter/"), width)
    every = {r.title for r in ta.ARCHIVE}
    assert set(visible_titles(page)) == every
    status = page.locator(".ra-filter__status")
    assert status.inner_text() == f"Visar {len(every)} av {len(every)} rapporter."

    page.select_option("#ra-filter-year", "2024")
    assert set(visible_titles(page)) == {ta.STROMAVBROTT.title, ta.SOMMAR.title, ta.WITHDRAWN.title}
    page.select_option("#ra-filter-type", "extra")
    assert set(visible_titles(page)) == {ta.STROMAVBROTT.title, ta.WITHDRAWN.title}
    assert status.inner_text() == f"Visar 2 av {len(every)} rapporter."
    page.get_by_role("button", name="Visa alla").click()
    page.wait_for_function(f"document.querySelectorAll('.ra-list > .ra-item:not([hidden])').length === {len(every)}")

    page.select_option("#ra-filter-tag", label="Vårdplatser")
    assert set(visible_titles(page)) == {ta.VINTER_2023.title, ta.SOMMAR.title}
    page.select_option("#ra-filter-tag", "")

    # The text is looked up in the search index (issue 17): the answer comes a moment later.
    page.fill("#ra-filter-text", "snöovädret")
    page.wait_for_function("() => document.querySelector('.ra-filter__status').dataset.query === 'snöovädret'")
    assert visible_titles(page) == [ta.SNOOVADER.title]
    page.fill("#ra-filter-text", "xyzzyord")  # in no report: the search finds nothing either
    page.wait_for_function("() => document.querySelector('.ra-filter__status').dataset.query === 'xyzzyord'")
    assert visible_titles(page) == []
    assert status.inner_text() == "Inga rapporter matchar filtret."


def test_archive_filter_takes_the_query_from_the_address(reader: Any, test_site: Served) -> None:
    """The search form's fallback target: /rapporter/?q=… opens the archive filtered."""
    page = reader.open(test_site.url("rapporter/?q=borås"))
    assert page.locator("#ra-filter-text").input_value() == "borås"
    page.wait_for_function("() => document.querySelector('.ra-filter__status').dataset.query === 'borås'")
    assert visible_titles(page) == [ta.STROMAVBROTT.title]


@pytest.mark.parametrize("width", WIDTHS)
def test_archive_is_a_complete_list_without_javascript(reader: Any, test_site: Served, width: str) -> None:
    page = reader.open(test_site.url("rapporter/"), width, javascript=False)
    items = page.locator(".ra-list > .ra-item")
    assert items.count() == len(ta.ARCHIVE)
    assert all(items.nth(i).is_visible() for i in range(items.count()))
    assert set(items.locator(".ra-item__title").all_inner_texts()) == {r.title for r in ta.ARCHIVE}
    # The filter needs JavaScript, so without it the reader is not shown a dead form.
    assert page.locator("#ra-filter").is_hidden()
    # The header's search form leads to the results page, which says that it needs JavaScript
    # and links to this list.
    assert page.locator(".ra-search__form").evaluate("f => f.action") == test_site.url("sok/")
    results = reader.open(test_site.url("sok/?q=kommunerna"), width, javascript=False)
    assert "Sökningen kräver JavaScript" in results.locator("#ra-results-status").inner_text()
    assert results.get_by_role("link", name="Alla rapporter", exact=True).last.get_attribute("href") == "../rapporter/"


@pytest.mark.parametrize("width", WIDTHS)
def test_report_page_shows_header_data_actions_and_spokespersons(reader: Any, test_site: Served, width: str) -> None:
    page = reader.open(test_site.url(ta.STROMAVBROTT.url), width)
    header = page.locator(".ra-report__header")
    assert page.locator("h1").inner_text() == ta.STROMAVBROTT.title
    kicker = header.locator(".ra-report__kicker").inner_text()
    assert "Testregionens lägesrapport" in kicker and "Extrainsatt rapport" in kicker
    assert header.locator(".ra-report__occasion").inner_text() == "Med anledning av ett strömavbrott i Borås"
    facts = header.locator(".ra-facts").inner_text()
    assert "Sammanställd" in facts and "torsdag 14 mars 2024 kl. 10:30" in facts
    assert re.search(r"Vecka\s+11", facts)
    assert page.locator(".ra-facts--end .ra-tags a").all_inner_texts() == list(ta.STROMAVBROTT.tags)

    actions = page.locator(".ra-communication")
    assert actions.locator("h3").all_inner_texts() == ["Internt", "Externt"]
    tables = actions.locator("table")
    assert tables.count() == 2
    assert tables.nth(0).locator("thead th").all_inner_texts() == ["Datum", "Kanal", "Åtgärd", "Status"]
    assert "Nyhet på intranätet" in tables.nth(0).inner_text()
    assert "Pressmeddelande om strömavbrottet" in tables.nth(1).inner_text()
    assert tables.nth(0).is_visible() and tables.nth(1).is_visible()

    people = page.locator(".ra-spokespersons li").all_inner_texts()
    assert people == [f"{ta.SPOKESPERSON}, sjukhusdirektör, Södra Älvsborgs sjukhus"]
    assert page.locator(".ra-about").is_visible()
    # Previous and next in the series.
    assert page.locator(".ra-prevnext a[rel=prev]").inner_text().count(ta.VINTER_2023.title) == 1
    assert page.locator(".ra-prevnext a[rel=next]").inner_text().count(ta.SOMMAR.title) == 1


@pytest.mark.parametrize("width", ["phone", "small phone"])
def test_nothing_overflows_the_phone_screen(reader: Any, test_site: Served, width: str) -> None:
    for path in ("", "rapporter/", ta.STROMAVBROTT.url, ta.SOMMAR.url + "versioner/2/jamforelse/", "kalender/"):
        page = reader.open(test_site.url(path), width)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"/{path} is {overflow}px wider than a {width} screen"


def test_feeds_are_linked_and_discoverable(reader: Any, test_site: Served) -> None:
    page = reader.open(test_site.url(ta.SOMMAR.url))
    links = page.locator("head link[rel=alternate]")
    feeds = links.evaluate_all(
        "els => els.map(e => ({type: e.type, href: e.href, title: e.title}))"
    )
    types = {f["type"] for f in feeds}
    assert types == {"application/rss+xml", "application/atom+xml"}
    assert any("Alla rapporter" in f["title"] for f in feeds)
    assert any(ta.MAIN in f["href"] for f in feeds) and any(ta.WINTER in f["href"] for f in feeds)
    for feed in feeds:
        assert feed["href"].startswith(test_site.origin)
        response = page.request.get(feed["href"])
        assert response.ok, feed
        assert response.headers["content-type"].startswith(("application/xml", "text/xml", "application/rss",
                                                           "application/atom"))
        assert ta.SOMMAR.title in response.text() or ta.WINTER in feed["href"]
    # The start page also lists them as ordinary links a reader can copy.
    home = reader.open(test_site.url())
    visible = home.locator(".ra-feeds a").evaluate_all("els => els.map(e => e.href)")
    assert {f["href"] for f in feeds} <= set(visible)


def test_missing_page_is_a_swedish_404(reader: Any, test_site: Served) -> None:
    page = reader.open(test_site.url("rapporter/finns-inte/"), status=404)
    assert page.locator("h1").inner_text() == "Sidan finns inte"
    # The header's search works here too (the 404 page has absolute links, base "/").
    assert search(page, ta.SPOKESPERSON) == [ta.STROMAVBROTT.title]
    page.keyboard.press("Escape")
    page.get_by_role("link", name="Se alla rapporter").click()
    page.wait_for_url(re.compile(r"/rapporter/$"))
    assert page.locator(".ra-list > .ra-item").count() == len(ta.ARCHIVE)


def test_every_page_loads_without_console_errors_or_foreign_requests(
    reader: Any, sample_site: Served, test_site: Served,
) -> None:
    """Every page of both builds loads cleanly (the reader fixture checks each) and is Swedish."""
    context = reader.context()
    page = context.new_page()
    reader.watch(page)
    for served in (sample_site, test_site):
        pages = [p for p in served.pages() if not p.startswith("pagefind/")]
        assert len(pages) >= 15
        for path in pages:
            response = page.goto(served.url(path.removesuffix("index.html")), wait_until="load")
            assert response is not None and response.status == 200, path
            assert page.evaluate("document.documentElement.lang") == "sv", path
    # And search runs on the real index too.
    page.goto(sample_site.url())
    assert search(page, "kommunerna")


def test_the_guards_catch_foreign_requests_and_console_errors(reader: Any, test_site: Served) -> None:
    """The checks every test relies on can fail: a web font from Google and a console
    error are both caught (then forgiven here, so that this test passes)."""
    page = reader.open(test_site.url())
    page.evaluate(
        """() => { const link = document.createElement('link'); link.rel = 'stylesheet';
                   link.href = 'https://fonts.googleapis.com/css?family=Roboto'; document.head.append(link);
                   console.error('planted error'); }"""
    )
    page.wait_for_function("() => [...document.styleSheets].length > 0")
    page.wait_for_timeout(300)
    assert reader.foreign == ["https://fonts.googleapis.com/css?family=Roboto"]
    assert any("planted error" in problem for problem in reader.problems)
    reader.foreign.clear()
    reader.problems.clear()


def test_withdrawn_report_keeps_its_page_with_the_reason(reader: Any, test_site: Served) -> None:
    page = reader.open(test_site.url(ta.WITHDRAWN.url))
    assert page.locator("h1").inner_text() == ta.WITHDRAWN.title
    banner = page.locator(".ra-banner--withdrawn")
    assert banner.is_visible() and "Uppgiften om förseningen var felaktig." in banner.inner_text()
    home = reader.open(test_site.url())
    assert ta.WITHDRAWN.title not in home.locator("main").inner_text()
