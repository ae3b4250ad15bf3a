"""Finding reports (issue 17), in the built HTML: the search results page, what the
search index reads, "Återkallad" in every list, the calendar's order, feed
entries, wording, and the organisation's name, logo and colours.

The browser tests (tests/browser/test_finding.py) run the same pages in Chromium.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import feedparser
import pytest

from factory import SERIES, build, new_docs, write_report
from rapportarkiv import site as core
from rapportarkiv.render import search_document
from rapportarkiv.settings import (
    MIN_CONTRAST, OptionsError, contrast_with_white, darkened, options, read_brand,
)

NOW = "2024-01-26T12:00:00+01:00"
BRAND = {
    "organisation": "Testregionen <b>& co</b>", "logo": "assets/logo.svg", "logo_alt": "Testregionens logotyp",
    "primary": "#0b5d3b", "link": "#0b5d3b", "accent": "#7a1f3d",
}
WITHDRAWN_TITLE = "Felaktig uppgift om vårdplatser"
PERSON = {"name": "Åsa Öberg", "role": "programchef", "organisation": "Testregionen"}


def _action(day: str, text: str, status: str = "planned") -> dict:
    return {"audience": "external", "date": day, "channel": "Webbplatsen", "text": text, "status": status}


def write_archive(root: Path) -> Path:
    docs = new_docs(root)
    write_report(docs, "vecka-50", title="Läget vecka 50", when=datetime(2023, 12, 14, 14, 0),
                 communication=[_action("2023-12-15", "Nyhet i december", "done")])
    write_report(docs, "vecka-2", title="Läget vecka 2", when=datetime(2024, 1, 11, 14, 0), tags=["Vårdplatser"],
                 spokespersons=[PERSON],
                 communication=[_action("2024-02-05", "Presskonferens i februari"),
                                _action("2024-01-12", "Nyhet om vårdplatserna", "done"),
                                _action("2024-01-29", "Informationsmöte för kommunerna")])
    write_report(docs, "felaktig", title=WITHDRAWN_TITLE, type="extra", when=datetime(2024, 1, 15, 9, 0),
                 tags=["Vårdplatser"], spokespersons=[PERSON], occasion="ett felaktigt besked",
                 communication=[_action("2024-01-15", "Mejl till cheferna", "done")],
                 withdrawn={"date": "2024-01-16 10:00", "reason": "Uppgiften var inte bekräftad."})
    return docs


@pytest.fixture(scope="module")
def finding_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("finding")
    build(write_archive(root), build_time=NOW, rapportarkiv_brand=BRAND)
    return root / "site"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def item_of(html: str, title: str, element: str = "li") -> str:
    """The innermost ``element`` of a list that holds ``title``."""
    items = [m.group(0) for m in re.finditer(rf"<{element}\b(?:(?!<{element}\b).)*?</{element}>", html, re.S)]
    found = [item for item in items if title in item]
    assert found, f"{title!r} is not listed"
    return found[0]


# --- "Återkallad" wherever a withdrawn report is listed -------------------------------------
@pytest.mark.parametrize("url, element", [
    ("rapporter/", "li"), (f"rapporter/{SERIES}/2024/", "li"), ("taggar/vardplatser/", "li"),
    ("kalender/2024/", "tr"), ("kalender/", "tr"), ("talespersoner/", "li"),
])
def test_withdrawn_report_is_marked_in_every_list(finding_site: Path, url: str, element: str) -> None:
    html = page(finding_site, url)
    assert "Återkallad</strong>" in item_of(html, WITHDRAWN_TITLE, element), url
    assert "Återkallad" not in item_of(html, "Läget vecka 2", element), url


def test_withdrawn_report_is_marked_in_the_feeds(finding_site: Path) -> None:
    for kind in ("atom", "rss"):
        feed = feedparser.parse(str(finding_site / "flode" / f"alla.{kind}.xml"))
        titles = [entry.title for entry in feed.entries]
        assert f"Återkallad: {WITHDRAWN_TITLE}" in titles and "Läget vecka 2" in titles


# --- The search results page and what the index reads ---------------------------------------
def test_search_results_page_offers_the_index_filters(finding_site: Path) -> None:
    html = page(finding_site, "sok/")
    assert "<h1>Sök i rapporterna</h1>" in html
    assert re.search(r'<select id="ra-results-serie" name="serie" data-filter="serie">.*Regional rapport Millennium 2024', html)
    assert '<option value="Extrainsatt rapport">Extrainsatta rapporter</option>' in html
    years = re.findall(r'<option value="(\d{4})">', html.split('id="ra-results-ar"', 1)[1].split("</select>", 1)[0])
    assert years == ["2024", "2023"]
    assert 'aria-live="polite"' in html and "Sökningen kräver JavaScript" in html  # said without a script
    # Enter in the header's search box opens it.
    assert 'class="ra-search__form" role="search" action="../sok/"' in page(finding_site, "rapporter/")


def test_search_index_reads_the_text_and_keeps_the_data_apart(tmp_path: Path) -> None:
    docs = write_archive(tmp_path)
    site = core.build(docs, options(now=NOW), "https://example.se/", with_history=False)
    report = next(r for r in site.archive.reports if r.title == WITHDRAWN_TITLE)
    document = site.search_document(report.path)
    assert document is not None and document.count("data-pagefind-body") == 1
    hidden, searched = document.split("</div>", 1)
    assert 'data-pagefind-ignore' in hidden
    for attribute, value in [('meta="title"', WITHDRAWN_TITLE), ('meta="withdrawn"', "Återkallad"),
                             ('filter="serie"', "Regional rapport Millennium 2024"),
                             ('filter="typ"', "Extrainsatt rapport"), ('filter="ar"', "2024"),
                             ('meta="date"', "måndag 15 januari 2024 kl. 09:00")]:
        assert f'<span data-pagefind-{attribute}>{value}</span>' in hidden, attribute
    # No sort: the index lists equal hits newest first by itself (Session.in_rendering_order).
    assert "data-pagefind-sort" not in document
    # Searched: the title, summary, occasion, text, actions, spokespersons and tags; no labels.
    for text in (WITHDRAWN_TITLE, "ett felaktigt besked", "Beskrivning av händelsen", "Mejl till cheferna",
                 "Åsa Öberg", "Vårdplatser"):
        assert text in searched, text
    for label in ("Extrainsatt rapport", "Sammanställd", "Taggar", "Regional rapport Millennium", "Vecka "):
        assert label not in searched, label
    assert site.search_document("index.md") is None


def test_search_document_escapes_what_the_author_wrote(tmp_path: Path) -> None:
    """Text the validator would refuse (as if it had slipped by) stays text in the indexed document."""
    docs = write_archive(tmp_path)
    site = core.build(docs, options(now=NOW), "https://example.se/", with_history=False)
    payload = '"><img src=x onerror=alert(1)> & </span><span data-pagefind-meta="title">'
    report = replace(site.archive.reports[0], title=payload, occasion=payload, tags=(payload,))
    document = search_document.render(site.archive, report)
    assert "<img" not in document and document.count('data-pagefind-meta="title"') == 1
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;/span&gt;" in document


# --- The calendar -----------------------------------------------------------------------------
def test_calendar_lists_coming_actions_first_and_opens_on_the_current_year(finding_site: Path) -> None:
    html = page(finding_site, "kalender/2024/")
    coming, past = html.split('id="kommande-2024"', 1)[1].split('id="tidigare-2024"', 1)
    assert re.findall(r'<time datetime="([\d-]+)"', coming) == ["2024-01-29", "2024-02-05"], "soonest first"
    assert re.findall(r'<time datetime="([\d-]+)"', past) == ["2024-01-15", "2024-01-12"], "latest first"
    assert 'class="ra-table ra-calendar"' in html
    opened = page(finding_site, "kalender/")
    assert 'id="kalender-2024"' in opened and "Informationsmöte för kommunerna" in opened
    assert "Nyhet i december" not in opened, "2023 is a year of its own"


# --- Feeds and wording --------------------------------------------------------------------------
def test_feed_entries_carry_occasion_actions_and_spokespersons(finding_site: Path) -> None:
    feed = feedparser.parse(str(finding_site / "flode" / "alla.atom.xml"))
    assert feed.feed.subtitle == "Alla nya rapporter i Rapportarkiv"
    entry = next(e for e in feed.entries if e.title == f"Återkallad: {WITHDRAWN_TITLE}")
    content = entry.content[0].value
    for text in ("Med anledning av ett felaktigt besked", "Kommunikativa åtgärder", "måndag 15 januari 2024",
                 "Mejl till cheferna", "Talespersoner", "Åsa Öberg, programchef, Testregionen",
                 "Uppgiften var inte bekräftad."):
        assert text in content, text
    series = feedparser.parse(str(finding_site / "flode" / f"{SERIES}.atom.xml"))
    assert series.feed.subtitle == "Nya rapporter i serien Regional rapport Millennium 2024"


def test_wording(finding_site: Path) -> None:
    archive = page(finding_site, "rapporter/")
    assert 'data-template-one="Visar {shown} av 1 rapport."' in archive
    year = page(finding_site, f"rapporter/{SERIES}/2024/")
    assert "<h1>Regional rapport Millennium 2024: rapporter från 2024</h1>" in year
    home = page(finding_site, "")
    latest = home.split('id="tidigare-rapporter"', 1)[1]
    assert "Läget vecka 2" not in latest and "Läget vecka 50" in latest, "the latest report is shown once"


# --- The organisation's name, logo and colours ---------------------------------------------------
def test_brand_is_configuration(finding_site: Path) -> None:
    html = page(finding_site, "rapporter/")
    assert '<img src="../assets/logo.svg" alt="Testregionens logotyp">' in html
    assert "--md-primary-fg-color:#0b5d3b;" in html and "--md-accent-fg-color:#7a1f3d;" in html
    assert "Testregionen &lt;b&gt;&amp; co&lt;/b&gt;" in html
    assert "Made with" not in html and "squidfunk" not in html


def test_brand_values_are_checked_in_swedish(tmp_path: Path) -> None:
    docs = new_docs(tmp_path)
    assert read_brand(None, docs).css() == ""
    with pytest.raises(OptionsError, match="måste vara en hexfärg som #1f4e79, inte ”blå”"):
        read_brand({"primary": "blå"}, docs)
    with pytest.raises(OptionsError, match=r"kontrasten 2,77:1 mot vit text\. WCAG AA kräver minst 4,5:1\. .*#3a853d"):
        read_brand({"primary": "#4caf50"}, docs)
    with pytest.raises(OptionsError, match="En adress på nätet går inte"):
        read_brand({"logo": "https://example.org/logo.svg", "logo_alt": "Logotyp"}, docs)
    with pytest.raises(OptionsError, match="måste vara en bildfil"):
        read_brand({"logo": "../hemlig.svg", "logo_alt": "Logotyp"}, docs)
    with pytest.raises(OptionsError, match="finns inte: docs/assets/saknas.svg"):
        read_brand({"logo": "assets/saknas.svg", "logo_alt": "Logotyp"}, docs)
    with pytest.raises(OptionsError, match="måste vara en bildfil"):
        read_brand({"logo": 'assets/a" onerror="x.svg', "logo_alt": "Logotyp"}, docs)
    with pytest.raises(OptionsError, match="Skriv färgen inom citattecken"):
        read_brand({"primary": None}, docs)  # `primary: #1d3557` without quotes
    with pytest.raises(OptionsError, match="alternativtext"):
        read_brand({"logo": "assets/logo.svg"}, docs)
    with pytest.raises(OptionsError, match="Inställningen farg i extra.rapportarkiv_brand finns inte"):
        read_brand({"farg": "#000000"}, docs)
    (docs / "assets" / "länk.svg").symlink_to(docs / "assets" / "logo.svg")
    with pytest.raises(OptionsError, match="finns inte"):
        read_brand({"logo": "assets/länk.svg", "logo_alt": "Logotyp"}, docs)


def test_short_hex_colours_and_the_suggested_shade() -> None:
    assert read_brand({"primary": "#136"}, Path(".")).primary == "#113366"
    for colour in ("#4caf50", "#ffcc00", "#ffffff", "#00aaff"):
        shade = darkened(colour)
        assert contrast_with_white(shade) >= MIN_CONTRAST
        # The nearest such shade: one step lighter would not reach it.
        lighter = "#" + "".join(f"{min(255, int(shade[i:i + 2], 16) + 3):02x}" for i in (1, 3, 5))
        assert contrast_with_white(lighter) < MIN_CONTRAST + 0.3


def test_a_bad_brand_stops_the_build_with_a_swedish_message(tmp_path: Path) -> None:
    docs = new_docs(tmp_path)
    result = build(docs, check=False, rapportarkiv_brand={"primary": "#ffcc00"})
    assert result.returncode != 0
    assert "Färgen extra.rapportarkiv_brand.primary (”#ffcc00”) har kontrasten" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
