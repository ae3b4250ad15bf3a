"""The search index is fed page by page to Pagefind's service while the site is built.
(Swedish queries against a built site are proven in the browser tests.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rapportarkiv import search


def page(title: str, text: str, *, body: bool = True) -> str:
    marker = " data-pagefind-body" if body else ""
    return f'<!doctype html><html lang="sv"><head><title>{title}</title></head><body><main{marker}><h1>{title}</h1><p>{text}</p></main></body></html>'


def test_pages_with_the_body_marker_are_indexed_with_swedish_stemming(tmp_path: Path) -> None:
    indexer = search.Indexer()
    indexer.add("rapporter/a/", page("Vecka 41", "Kommunerna ansluter i november."))
    indexer.add("rapporter/b/", page("Vecka 42", "Lägesbilden är oförändrad."))
    indexer.add("rapporter/", page("Alla rapporter", "Kommunerna", body=False))
    indexer.write(tmp_path)
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["sv"]["page_count"] == 2
    assert list((tmp_path / "pagefind" / "fragment").iterdir())


def test_pagefind_refusing_a_page_stops_the_index_with_its_message(tmp_path: Path) -> None:
    indexer = search.Indexer()
    # A request Pagefind cannot act on: an index it never made.
    indexer._pages.append(indexer._send({"type": "AddFile", "index_id": 99, "url": "/x/", "file_contents": page("X", "x")}))
    with pytest.raises(search.SearchIndexError):
        indexer.write(tmp_path)
    assert not (tmp_path / "pagefind").exists()


def test_a_pagefind_that_dies_is_an_error_not_a_hang(tmp_path: Path) -> None:
    indexer = search.Indexer()
    indexer.add("rapporter/a/", page("Vecka 41", "Kommunerna"))
    indexer._process.kill()
    with pytest.raises(search.SearchIndexError):
        indexer.add("rapporter/b/", page("Vecka 42", "Kommunerna"))
        indexer.write(tmp_path)


def test_only_the_marked_element_is_sent_to_pagefind() -> None:
    html = ('<html lang="sv"><head><title>T</title></head><body><nav>Meny Start</nav>'
            '<article class="ra-report" data-pagefind-body><h1>Vecka 41</h1><p>Kommunerna</p></article>'
            '<footer>Sidfot</footer></body></html>')
    part = search.indexed_part(html)
    assert part is not None and "Kommunerna" in part and "<h1>Vecka 41</h1>" in part
    assert "Meny" not in part and "Sidfot" not in part and part.endswith("</article></body></html>")
    assert search.indexed_part(html.replace(" data-pagefind-body", "")) is None
