"""The archive of :mod:`hostile` (a breaking payload in every plain-text field) in
Chromium: no page navigates away, opens a dialog, runs a script or asks another
host for anything, and titles read as written, in the page and in search hits.

The ``reader_of`` fixture fails the test on any dialog, console error, uncaught
exception or request to a host other than the site's own server (a redirect
by an injected meta refresh is such a request). test_injection.py proves the
same by parsing every page; this is what a reader's browser does with them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import hostile
from factory import build
from reading import search
from sites import Served, serve

ARCHIVE_PAGES = ["", "rapporter/", "taggar/", "kalender/", "kalender/2024/", "talespersoner/"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("hostile")
    served = serve(root / "site")  # bound first, so the build knows its address
    build(hostile.write(root), prelude=hostile.UNCHECKED, site_url=served.url())
    yield served
    served.close()


def _read(page: Any, served: Served, url: str) -> None:
    """Open ``url``, let it settle, point at its headings: it must still be there."""
    response = page.goto(served.url(url), wait_until="load")
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("networkidle")
    for heading in page.locator("h1, .ra-item__title").all()[:3]:
        heading.hover()
    assert page.url == served.url(url), f"{url} navigated to {page.url}"


def _page(reader_of: Any, served: Served) -> Any:
    reader = reader_of(served)
    page = reader.context().new_page()
    reader.watch(page)
    return page


def test_archive_pages_stay_put(reader_of: Any, hostile_site: Served) -> None:
    page = _page(reader_of, hostile_site)
    for url in ARCHIVE_PAGES:
        _read(page, hostile_site, url)


# The payloads that break out of an attribute or an element, or make a redirect.
BREAKING = ['0;url=https://angripare.example/" http-equiv="refresh', '" onmouseover="alert(1)" x="',
            "' autofocus onfocus='alert(1)' x='", '"><img src=x onerror=alert(1)>', "</title><script>alert(1)</script>"]


def test_report_pages_stay_put_and_show_their_titles(reader_of: Any, hostile_site: Served) -> None:
    """Every report page once; for the most breaking payloads the withdrawn
    report, the series page, the older version and the comparison too."""
    page = _page(reader_of, hostile_site)
    for index, payload in enumerate(hostile.PAYLOADS):
        title = hostile.text("Rubrik", index, payload)
        _read(page, hostile_site, hostile.corrected_url(index))
        assert page.title() == f"{title} - Rapportarkiv"
        if "\u2028" not in payload:  # a line separator: how innerText shows it is the browser's affair
            assert page.locator("h1").inner_text() == title
        if payload in BREAKING:
            for url in (hostile.withdrawn_url(index), f"rapporter/{hostile.series_id(index)}/",
                        hostile.corrected_url(index) + "versioner/1/",
                        hostile.corrected_url(index) + "versioner/2/jamforelse/"):
                _read(page, hostile_site, url)


def test_search_hits_read_as_written(reader_of: Any, hostile_site: Served) -> None:
    page = _page(reader_of, hostile_site)
    _read(page, hostile_site, "rapporter/")
    for payload in ("&amp; &lt;b&gt; &#34;", '"><img src=x onerror=alert(1)>'):
        index = hostile.PAYLOADS.index(payload)
        hits = search(page, f"Rubrik {index}")
        assert hostile.text("Rubrik", index, payload) in hits, hits


def test_search_results_page_reads_as_written(reader_of: Any, hostile_site: Served) -> None:
    """The results page builds its hits as text too: titles, excerpts and the query itself."""
    page = _page(reader_of, hostile_site)
    for payload in ("&amp; &lt;b&gt; &#34;", '"><img src=x onerror=alert(1)>'):
        index = hostile.PAYLOADS.index(payload)
        query = f"Rubrik {index} {payload}"
        page.goto(hostile_site.url("sok/"), wait_until="load")
        page.fill("#ra-results-query", query)
        page.locator("#ra-results-query").press("Enter")
        page.wait_for_function("() => !['Söker …', ''].includes(document.querySelector('#ra-results-status').textContent)")
        titles = page.locator("#ra-results-list li > a").all_inner_texts()
        assert hostile.text("Rubrik", index, payload) in titles, titles
        assert page.locator("#ra-results-list img, #ra-results-list b").count() == 0
        assert page.locator("#ra-results-query").input_value() == query
