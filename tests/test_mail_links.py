"""Links to other reports in the email: resolved by ``report_links`` as on the site, in both parts.

The email's HTML part is the prose as the feeds render it (``markdown.prose``
with absolute addresses) and its plain-text part asks ``Addresses.href`` the
same question, so a link reaches a reader in an inbox exactly when the build
for the list's audience publishes the report it names.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from factory import mail_settings, new_docs, report_rel, seed_report, write_series
from rapportarkiv import collection
from rapportarkiv.mail.edition import Edition, addresses_for, audience_of, editions

SITE = "https://rapporter.example.se/arkiv/"
TARGET = report_rel("2024-10-11 15:20", "sjuharad-begar-senare-anslutning")
INTERNAL = report_rel("2024-10-16 09:00", "intern")
LINKING = report_rel("2024-10-17 14:00", "lankar")
TARGET_PAGE = f"{SITE}rapporter/regional-rapport-millennium-2024/2024/2024-10-11-sjuharad-begar-senare-anslutning/"
LINKING_PAGE = f"{SITE}rapporter/regional-rapport-millennium-2024/2024/2024-10-17-lankar/"
SECTIONS = {
    "Läget just nu": "Se [bakgrunden](2024-10-11-sjuharad-begar-senare-anslutning.md) och "
                     "[läget där](2024-10-11-sjuharad%2Dbegar-senare-anslutning.md#laget-just-nu).",
    "Händelser och beslut": "Enligt [referensen][ref] och [rubriken nedan](#kommande).\n\n"
                            "[ref]: 2024-10-11-sjuharad-begar-senare-anslutning.md",
    "Kommande": "Mer på [webben](https://example.org/sida).",
}


def archive(tmp_path: Path, classification: str = "internal") -> collection.Collection:
    docs = new_docs(tmp_path)
    write_series(docs, mail=mail_settings())
    for rel, text in (
        (TARGET, seed_report("Sjuhärad begär senare anslutning", "2024-10-11 15:20", classification="public")),
        (INTERNAL, seed_report("Hemlig intern rubrik", "2024-10-16 09:00")),
        (LINKING, seed_report("Rapport med länkar", "2024-10-17 14:00", body=SECTIONS, classification=classification)),
    ):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    loaded = collection.load(docs, base=tmp_path)
    assert loaded.errors == []
    return loaded


def parts(edition: Edition) -> tuple[str, str]:
    return edition.text(), edition.html()


def anchor(html: str, href: str, label: str) -> bool:
    """Whether ``html`` links ``label`` to ``href`` (css-inline adds the link's style)."""
    return re.search(f'<a href="{re.escape(href)}"(?: style="[^"]*")?>{re.escape(label)}</a>', html) is not None


def test_links_to_other_reports_are_their_pages_in_both_parts(tmp_path: Path) -> None:
    loaded = archive(tmp_path)
    report = next(r for r in loaded.reports if r.path == LINKING)
    (one,) = editions(report, loaded.series[report.series], SITE, "v", loaded)  # internal: the internal list only
    text, html = parts(one)
    # Plain text: every link the address a reader can open, none a file name.
    assert f"bakgrunden ({TARGET_PAGE})" in text
    assert f"läget där ({TARGET_PAGE}#laget-just-nu)" in text  # percent-encoded, with its anchor
    assert f"[ref]: {TARGET_PAGE}" in text  # a reference link's target too
    assert f"rubriken nedan ({LINKING_PAGE}#kommande)" in text  # a place in the report: on its page
    assert "webben (https://example.org/sida)" in text
    assert ".md" not in text
    # HTML: links into the archive stay links, links out of it are shown as text.
    assert anchor(html, f"{TARGET_PAGE}", "bakgrunden")
    assert anchor(html, f"{TARGET_PAGE}#laget-just-nu", "läget där")
    assert anchor(html, f"{TARGET_PAGE}", "referensen")
    assert anchor(html, f"{LINKING_PAGE}#kommande", "rubriken nedan")
    assert "webben (https://example.org/sida)" in html
    assert ".md" not in html and "%2D" not in html
    assert all(h.startswith(SITE) for h in re.findall(r'href="([^"]*)"', html))


def test_a_report_the_list_is_not_sent_keeps_its_words_and_loses_its_address(tmp_path: Path) -> None:
    """The validator refuses a public report linking an internal one (RA244); should one
    reach the mailing anyway, the public list still learns no internal address."""
    loaded = archive(tmp_path, classification="public")
    report = next(r for r in loaded.reports if r.path == LINKING)
    report = dataclasses.replace(report, body=report.body.replace(
        "[bakgrunden](2024-10-11-sjuharad-begar-senare-anslutning.md)", "[den interna](2024-10-16-intern.md#mitt)"))
    series = loaded.series[report.series]
    assert series.mail is not None
    internal_list, public_list = series.mail.lists
    for mail_list, published in ((internal_list, True), (public_list, False)):
        edition = Edition(report, series, mail_list, LINKING_PAGE, "v",
                          addresses=addresses_for(loaded, audience_of(mail_list)))
        text, html = parts(edition)
        internal_page = f"{SITE}rapporter/regional-rapport-millennium-2024/2024/2024-10-16-intern/#mitt"
        if published:
            assert f"den interna ({internal_page})" in text
            assert anchor(html, f"{internal_page}", "den interna")
        else:
            assert "Se den interna och" in text and "2024-10-16-intern" not in text
            assert re.search(r"Se den interna\s+och", html) and "2024-10-16-intern" not in html
        # The public report they both may receive keeps its address for both lists.
        assert f"läget där ({TARGET_PAGE}#laget-just-nu)" in text
        assert anchor(html, f"{TARGET_PAGE}#laget-just-nu", "läget där")
