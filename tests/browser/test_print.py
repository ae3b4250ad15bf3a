"""A report printed on A4 in Chromium: read back from the PDF's text."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

import testarchive as ta
from sites import Served

# A4 at 96 px per inch less the 18 mm top and bottom margins of the site's @page rule.
PAGE_HEIGHT_PX = (297 - 2 * 18) / 25.4 * 96
CONTENT_WIDTH_PX = round((210 - 2 * 16) / 25.4 * 96)


def pdf_pages(page: Any) -> list[str]:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return [" ".join(p.extract_text().split()) for p in reader.pages]


@pytest.fixture
def printed(reader: Any, test_site: Served) -> list[str]:
    page = reader.open(test_site.url(ta.SOMMAR.url))
    return pdf_pages(page)


def test_print_has_no_navigation_or_search(printed: list[str]) -> None:
    text = " ".join(printed)
    for chrome in ("Sök i rapporterna", "Kommunikationskalender", "Guide för skribenter", "Hoppa till innehållet",
                   "Föregående", ta.STROMAVBROTT.title):  # the previous/next links
        assert chrome not in text, f"{chrome!r} is printed"


def test_print_keeps_header_data_and_communication_table(printed: list[str]) -> None:
    text = " ".join(printed)
    for data in (ta.SOMMAR.title, "Testregionens lägesrapport", "Veckorapport", "Intern", "Sammanställd",
                 "torsdag 16 maj 2024 kl. 14:00", "Vecka 20",
                 "Kommunikativa åtgärder", "Internt", "Externt", "Datum Kanal Åtgärd Status",
                 "Nyhet om sommarplaneringen", "Information till invånare om sommarens öppettider",
                 "Jonas Lindqvist, beredskapschef"):
        assert data in text, f"{data!r} missing from the printout"
    # A document, not a web page: no tag pills and no version list.
    for chrome in ("Taggar", "Vårdplatser", "Versioner", "första publicerade versionen"):
        assert chrome not in text, f"{chrome!r} is printed"


def test_print_shows_the_address_of_external_links(printed: list[str]) -> None:
    text = " ".join(printed)
    assert f"Krisinformation ({ta.EXTERNAL_LINK})" in text.replace(" )", ")").replace("( ", "(")


def _split_page(page: Any, spacer: float, allow_split: bool) -> tuple[int, int]:
    """Print with ``spacer`` px pushed in before the actions; the PDF pages where the
    internal table's header and its row first appear."""
    page.evaluate(
        """([height, allowSplit]) => {
            document.getElementById('ra-test-spacer')?.remove();
            document.getElementById('ra-test-style')?.remove();
            const spacer = document.createElement('div');
            spacer.id = 'ra-test-spacer';
            spacer.style.height = height + 'px';
            const table = document.querySelector('.ra-communication table');
            table.parentNode.insertBefore(spacer, table.previousElementSibling);
            if (allowSplit) {
                const style = document.createElement('style');
                style.id = 'ra-test-style';
                style.textContent = '@media print { .md-typeset table.ra-table, .md-typeset tr' +
                    ' { break-inside: auto !important; page-break-inside: auto !important; } }';
                document.head.append(style);
            }
        }""",
        [spacer, allow_split],
    )
    pages = pdf_pages(page)
    header = next(i for i, text in enumerate(pages) if "Datum Kanal Åtgärd Status" in text)
    row = next(i for i, text in enumerate(pages) if "Nyhet om sommarplaneringen" in text)
    return header, row


def test_print_does_not_split_a_table_across_pages(reader: Any, test_site: Served) -> None:
    """Pushes the table onto a page break; without the site's print rule it splits there."""
    page = reader.open(test_site.url(ta.SOMMAR.url))
    page.set_viewport_size({"width": CONTENT_WIDTH_PX, "height": 800})
    page.emulate_media(media="print")
    header_top, row_bottom = page.evaluate(
        "() => { const t = document.querySelector('.ra-communication table');"
        " const r = t.querySelector('tbody tr').getBoundingClientRect();"
        " return [t.querySelector('thead').getBoundingClientRect().bottom + scrollY, r.top + scrollY + r.height / 2]; }"
    )
    # Aim the page break between the header and the row, then nudge until, with splitting
    # allowed, the row really lands on the next page (print layout differs a little).
    base = PAGE_HEIGHT_PX - (header_top + row_bottom) / 2
    for nudge in (0, -8, 8, -16, 16, -24, 24, -32, 32):
        header, row = _split_page(page, base + nudge, allow_split=True)
        if header != row:
            break
    else:
        pytest.fail("could not place a page break inside the table: the test cannot prove anything")
    header, row = _split_page(page, base + nudge, allow_split=False)
    assert header == row, "the communication table is split across pages"
