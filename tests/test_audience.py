"""Two audiences from one repository: nothing that was not public leaves a trace
in the public build — not in pages, older versions, comparisons, lists, feeds
(and the feed links on every page), reports.json, the sitemap or the
(compressed, chunked) search index.

One repository holds every way internal text can reach the public build, each
with its own canary: a report made public after internal versions, a public
report made internal, one that went public, internal and public again, a
series with no public report, HTML comments, withdrawn, embargoed and draft
reports. The public site is built with the repository's own
``mkdocs.public.yml`` over real git history, and every file it writes is
searched for every canary; an internal preview of the same repository is the
control that shows each canary stands where a scan would find it.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml

from factory import SERIES, build, copy_site_pages, GitRepo, report_rel, series_data
from rapportarkiv import site as core

# Each ends in digits: Pagefind's Swedish stemmer leaves such a word whole.
CANARY = {
    "internal": "kanarieintern7300",
    "internal_to_public": "kanarieupp7301",
    "public_to_internal": "kanariened7302",
    "public_internal_public": "kanariemellan7303",
    "internal_series": "kanarieserie7304",
    "comment": "kanariekommentar7305",
    "withdrawn": "kanarieaterkallad7306",
    "embargoed": "kanarieembargo7308",
    "draft": "kanarieutkast7309",
}
BUILD_TIME = "2024-12-01T12:00:00+01:00"
INTERNAL_SERIES = f"intern-{CANARY['internal_series']}"

INTERNAL = report_rel("2024-10-24 14:00", f"intern-{CANARY['internal']}")
PUBLIC = report_rel("2024-10-17 14:00", "oppen-lagesbild")
MADE_PUBLIC = report_rel("2024-10-18 14:00", "blev-offentlig")
DEMOTED = report_rel("2024-10-31 14:00", "tidigare-oppen")
BACK_AND_FORTH = report_rel("2024-11-01 14:00", "fram-och-tillbaka")
COMMENTED = report_rel("2024-11-04 14:00", "med-kommentarer")
WITHDRAWN_INTERNAL = report_rel("2024-11-05 14:00", f"aterkallad-{CANARY['withdrawn']}")
WITHDRAWN_PUBLIC = report_rel("2024-11-06 14:00", "aterkallad-offentlig")
EMBARGOED = report_rel("2024-11-07 14:00", f"embargo-{CANARY['embargoed']}")
DRAFT = report_rel("2024-11-08 14:00", f"utkast-{CANARY['draft']}")
DRAFTED_ONCE = report_rel("2024-11-11 14:00", "en-gang-utkast")
REVISED_INTERNALLY = report_rel("2024-11-12 14:00", "rattad-internt")
# A correction made while the report was internal, its date used nowhere else:
# the public build may not tell it, in any format a page, feed or file writes dates.
INTERNAL_REVISION = [("2024-11-13 07:13", "Rättad medan den var intern.")]
INTERNAL_REVISION_DATES = ("2024-11-13", "13 Nov 2024", "13 november 2024", "20241113T")


def in_series(series: str, when: str, slug: str) -> str:
    return f"rapporter/{series}/{when[:4]}/{when[:10]}-{slug}.md"


SERIES_INTERNAL_REPORT = in_series(INTERNAL_SERIES, "2024-10-22 10:00", "lagesbild")
SERIES_EMBARGOED_REPORT = in_series(INTERNAL_SERIES, "2024-10-23 10:00", "kommande")


def report(
    title: str, when: str, classification: str, *, mark: str = "", series: str = SERIES,
    revisions: Iterable[tuple[str, str]] = (), extra: str = "", body: str | None = None,
) -> str:
    """A valid extra report; ``mark`` goes into every field and every section."""
    mark = f" {mark}" if mark else ""
    notes = "".join(f"  - date: {d}\n    note: {n}\n" for d, n in revisions)
    return f"""---
title: {title}{mark}
series: {series}
type: extra
occasion: ett beslut{mark}
date: {when}
description: Sammanfattning{mark}.
tags:
  - Millennium
  - tagg{mark.strip() or "öppen"}
spokespersons:
  - name: Talesperson{mark}
    role: roll{mark}
    organisation: organisation{mark}
communication:
  - audience: external
    date: {when[:10]}
    channel: Kanal{mark}
    text: Åtgärd{mark}
authors:
  - Skribent{mark}
classification: {classification}
{"revisions:" + chr(10) + notes if notes else ""}{extra}---
""" + (body or prose(mark))


def prose(mark: str = "", comment: str = "Kommentar.") -> str:
    return f"""
## Beskrivning av händelsen

Beskrivning{mark} av händelsen i kommunerna.

## Kända omständigheter

Omständigheter{mark}.

## Verksamhetens kommentar

{comment}{mark}
"""


def commented_body(version: int) -> str:
    """Prose with comments written in every way an author might, each hiding the canary."""
    c = CANARY["comment"]
    return f"""
## Beskrivning av händelsen

Beskrivning av händelsen i kommunerna, version {version}. <!-- {c} i löptext -->

- En punkt <!--

  {c} över två stycken i en lista
  -->
- En punkt till

> Ett citat <!--
>
> {c} över två stycken i ett citat -->

![Karta över kommunerna <!-- {c} i alt-texten -->](https://example.se/karta.png)

### Delrubrik <!-- {c} i en rubrik -->

Text före <!-->{c} i en kommentar som öppnas med ett hopklämt tecken -->.
Mer text <!--- {c} med tre bindestreck ---> här.

<!--
{c} över flera stycken, version {version}

{c}
-->

## Kända omständigheter

Omständigheter{" som har ändrats" if version > 1 else ""}. <!-- {c}, version {version} -->

## Verksamhetens kommentar

Kommentar.
"""


def internal_series_yml() -> str:
    c = CANARY["internal_series"]
    data = series_data(INTERNAL_SERIES, name=f"Intern serie {c}") | {
        "owner": f"Ägare {c}", "commissioned_by": f"Beställare {c}",
        "distribution": f"Sändlista {c}.", "about": f"Serien handlar om {c}.",
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


EMBARGO = "publish_at: 2025-06-01 09:00\n"
WITHDRAWAL = "withdrawn:\n  date: 2024-11-20 09:00\n  reason: Uppgifterna stämde inte.\n"
REVISION = [("2024-11-15 09:00", "Rensad och publicerad för alla.")]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    repo = GitRepo(tmp_path_factory.mktemp("audience") / "repo")
    copy_site_pages(repo.docs)
    c = CANARY
    repo.pr("Rapporter", {
        PUBLIC: report("Öppen lägesbild", "2024-10-17 14:00", "public"),
        INTERNAL: report("Intern rapport", "2024-10-24 14:00", "internal", mark=c["internal"]),
        MADE_PUBLIC: report("Blev offentlig", "2024-10-18 14:00", "internal", mark=c["internal_to_public"]),
        DEMOTED: report("Tidigare öppen", "2024-10-31 14:00", "public"),
        BACK_AND_FORTH: report("Fram och tillbaka", "2024-11-01 14:00", "public"),
        COMMENTED: report("Med kommentarer", "2024-11-04 14:00", "public", body=commented_body(1)),
        WITHDRAWN_INTERNAL: report("Återkallad intern", "2024-11-05 14:00", "internal", mark=c["withdrawn"]),
        WITHDRAWN_PUBLIC: report("Återkallad offentlig", "2024-11-06 14:00", "internal", mark=c["withdrawn"]),
        EMBARGOED: report("Under embargo", "2024-11-07 14:00", "public", mark=c["embargoed"], extra=EMBARGO),
        DRAFT: report("Utkast", "2024-11-08 14:00", "public", mark=c["draft"], extra="draft: true\n"),
        DRAFTED_ONCE: report("En gång utkast", "2024-11-11 14:00", "public"),
        REVISED_INTERNALLY: report("Rättad internt", "2024-11-12 14:00", "internal"),
        f"rapporter/{INTERNAL_SERIES}/serie.yml": internal_series_yml(),
        SERIES_INTERNAL_REPORT: report("Lägesbild", "2024-10-22 10:00", "internal", series=INTERNAL_SERIES,
                                       mark=c["internal_series"]),
        SERIES_EMBARGOED_REPORT: report("Kommande", "2024-10-23 10:00", "public", series=INTERNAL_SERIES,
                                        mark=c["internal_series"], extra=EMBARGO),
    })
    repo.pr("Rättelser", {
        INTERNAL: report("Intern rapport", "2024-10-24 14:00", "internal", mark=c["internal"],
                         revisions=[("2024-10-25 09:00", f"Rättad {c['internal']}.")]),
        BACK_AND_FORTH: report("Fram och tillbaka", "2024-11-01 14:00", "internal",
                               mark=c["public_internal_public"]),
        COMMENTED: report("Med kommentarer", "2024-11-04 14:00", "public", body=commented_body(2)),
        DRAFTED_ONCE: report("En gång utkast", "2024-11-11 14:00", "public", mark=c["draft"],
                             extra="draft: true\n"),
        REVISED_INTERNALLY: report("Rättad internt", "2024-11-12 14:00", "internal", revisions=INTERNAL_REVISION),
    })
    repo.pr("Ändrad målgrupp", {
        # The normal way to make a report public: cleaned up, with a revision entry.
        MADE_PUBLIC: report("Blev offentlig", "2024-10-18 14:00", "public", revisions=REVISION),
        DEMOTED: report("Tidigare öppen", "2024-10-31 14:00", "internal", mark=c["public_to_internal"],
                        revisions=[("2024-11-01 09:00", "Endast för intern användning.")]),
        BACK_AND_FORTH: report("Fram och tillbaka", "2024-11-01 14:00", "public", revisions=REVISION),
        WITHDRAWN_PUBLIC: report("Återkallad offentlig", "2024-11-06 14:00", "public", revisions=REVISION),
        DRAFTED_ONCE: report("En gång utkast", "2024-11-11 14:00", "public", extra="draft: false\n"),
        # Made public with no entry of its own: the log keeps the internal one (append-only).
        REVISED_INTERNALLY: report("Rättad internt", "2024-11-12 14:00", "public", revisions=INTERNAL_REVISION),
    })
    repo.pr("Återkallelser och fler ändringar", {
        MADE_PUBLIC: report("Blev offentlig", "2024-10-18 14:00", "public", revisions=REVISION,
                            body=prose(comment="Kommentar, andra offentliga.")),
        WITHDRAWN_INTERNAL: report("Återkallad intern", "2024-11-05 14:00", "internal", mark=c["withdrawn"],
                                   extra=WITHDRAWAL),
        WITHDRAWN_PUBLIC: report("Återkallad offentlig", "2024-11-06 14:00", "public", revisions=REVISION,
                                 extra=WITHDRAWAL),
    })
    return repo


def every_text(site: Path) -> dict[str, bytes]:
    """Every file's bytes, gzip members decompressed (Pagefind compresses its chunks)."""
    out = {}
    for file in site.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            while data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            if file.suffix == ".pdf":  # an archival copy: its text and metadata are compressed
                data += pdf_text(file)
            out[str(file.relative_to(site))] = data
    return out


def pdf_text(file: Path) -> bytes:
    """What a reader of a PDF gets: its text (pdftotext) and its XMP metadata."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(file), "-"], capture_output=True, check=True).stdout
    with pikepdf.open(file) as pdf:
        return text + pdf.Root.Metadata.read_bytes()


def built(repo: GitRepo, **extra: Any) -> dict[str, bytes]:
    # With the archival copies (off in other tests): their text and metadata are scanned too.
    build(repo.docs, build_time=BUILD_TIME, archival_copies=True, **extra)
    site = repo.root / "site"
    texts = every_text(site)
    shutil.rmtree(site)
    return texts


@pytest.fixture(scope="module")
def public_site(repo: GitRepo) -> dict[str, bytes]:
    return built(repo, config_file="mkdocs.public.yml")


@pytest.fixture(scope="module")
def internal_preview(repo: GitRepo) -> dict[str, bytes]:
    """The control: drafts and embargoed reports shown, every version of every report."""
    return built(repo, preview=True)


def found(site: dict[str, bytes], word: str) -> list[str]:
    return sorted(name for name, data in site.items() if word.encode() in data.lower())


def page(site: dict[str, bytes], rel: str, below: str = "") -> str:
    return site[f"{rel.removesuffix('.md')}/{below}index.html"].decode()


# --- The control: each canary stands where the scan looks ---------------------

OLD_VERSIONS_ONLY = {"internal_to_public", "public_internal_public"}


@pytest.mark.parametrize("case", sorted(set(CANARY) - {"comment"}))
def test_the_scan_finds_each_canary_in_the_internal_preview(internal_preview: dict[str, bytes], case: str) -> None:
    places = found(internal_preview, CANARY[case])
    if case in OLD_VERSIONS_ONLY:
        assert any(re.search(r"/versioner/\d/index\.html$", name) for name in places)
        assert any("jamforelse" in name for name in places)
    else:
        assert any(name.startswith("pagefind/") for name in places), "search index"
        assert "reports.json" in places and any(name.endswith(".html") for name in places)


def test_the_scan_reaches_every_kind_of_output(internal_preview: dict[str, bytes]) -> None:
    places = found(internal_preview, CANARY["internal"])
    assert "sitemap.xml" in places and any(name.startswith("flode/") for name in places)
    assert any("versioner/1/" in name for name in places) and any("jamforelse" in name for name in places)
    assert any(name.startswith("kalender/20") for name in places) and "talespersoner/index.html" in places
    assert any(name.endswith(".pdf") for name in places)  # the archival copies, read as text
    series = found(internal_preview, CANARY["internal_series"])
    assert f"rapporter/{INTERNAL_SERIES}/index.html" in series and "om/index.html" in series  # feed links


# --- The public build: one case for each way in ---------------------------------

@pytest.mark.parametrize("case", sorted(CANARY))
def test_no_canary_in_the_public_build(public_site: dict[str, bytes], case: str) -> None:
    assert found(public_site, CANARY[case]) == []
    assert [name for name in public_site if CANARY[case] in name] == []


def test_the_public_build_is_a_real_site(public_site: dict[str, bytes]) -> None:
    assert any(name.startswith("pagefind/") for name in public_site), "the public build has a search index"
    assert "sitemap.xml" in public_site and "404.html" in public_site
    titles = {r["title"] for r in json.loads(public_site["reports.json"])["reports"]}
    assert titles == {"Öppen lägesbild", "Blev offentlig", "Fram och tillbaka", "Med kommentarer",
                      "Återkallad offentlig", "En gång utkast", "Rättad internt"}


def test_the_scan_finds_the_internal_revision_date_in_the_internal_preview(
        internal_preview: dict[str, bytes]) -> None:
    places = {date: found(internal_preview, date.lower()) for date in INTERNAL_REVISION_DATES}
    assert {"flode/alla.atom.xml", f"flode/{SERIES}.atom.xml", "reports.json"} <= set(places["2024-11-13"])
    assert page(internal_preview, REVISED_INTERNALLY).count("13 november 2024") >= 1


def test_a_revision_made_while_internal_dates_nothing_in_the_public_build(public_site: dict[str, bytes]) -> None:
    """Not the feeds' entries nor the feeds themselves (``updated``), nor pages, nor reports.json:
    the public reader's report was published on 12 November and has not changed since."""
    assert {date: found(public_site, date.lower()) for date in INTERNAL_REVISION_DATES} == {
        date: [] for date in INTERNAL_REVISION_DATES}
    feed = public_site["flode/alla.atom.xml"].decode()
    entry = feed[feed.index("Rättad internt"):]
    entry = entry[:entry.index("</entry>")]
    assert "<updated>2024-11-12T14:00:00+01:00</updated>" in entry


def versions_shown(html: str) -> list[str]:
    return re.findall(r"Version (\d+), ", html)


def test_internal_to_public_starts_at_its_first_public_version(public_site: dict[str, bytes]) -> None:
    """Internal, then public (version 3 in the internal build), then corrected:
    the public reader sees versions 1 and 2, and one comparison between them."""
    current = page(public_site, MADE_PUBLIC)
    assert versions_shown(current) == ["2", "1"]
    # Public version 1 is dated by the revision that made the report public (15 November),
    # not by its compilation; version 2 changed only a comment, so its date is the commit's, and says so.
    assert "Version 1, fredag 15 november 2024" in current
    assert re.search(r'<a href="#versioner">Senast ändrad [^<]* \(datum från versionshistoriken\)</a>', current)
    folder = MADE_PUBLIC.removesuffix(".md") + "/versioner/"
    pages = sorted(name for name in public_site if name.startswith(folder))
    assert pages == [f"{folder}1/index.html", f"{folder}2/jamforelse/index.html"]
    assert "andra offentliga" in page(public_site, MADE_PUBLIC, "versioner/2/jamforelse/")


def test_public_to_internal_disappears(public_site: dict[str, bytes]) -> None:
    assert not [name for name in public_site if "tidigare-oppen" in name]
    assert found(public_site, "Tidigare öppen".lower()) == []


def test_public_internal_public_compares_only_its_public_versions(public_site: dict[str, bytes]) -> None:
    current = page(public_site, BACK_AND_FORTH)
    assert versions_shown(current) == ["2", "1"]
    comparison = page(public_site, BACK_AND_FORTH, "versioner/2/jamforelse/")
    assert "Rensad och publicerad för alla." in comparison  # the revision entry, new since public version 1
    folder = BACK_AND_FORTH.removesuffix(".md") + "/versioner/"
    assert not [name for name in public_site if name.startswith(f"{folder}3/")]


def test_a_series_without_public_reports_leaves_no_trace(public_site: dict[str, bytes]) -> None:
    assert not [name for name in public_site if INTERNAL_SERIES in name]
    assert found(public_site, INTERNAL_SERIES) == []
    assert [s["id"] for s in json.loads(public_site["reports.json"])["series"]] == [SERIES]
    assert f"flode/{SERIES}.atom.xml" in public_site


def test_comments_are_hidden_in_both_builds(public_site: dict[str, bytes], internal_preview: dict[str, bytes]) -> None:
    assert found(internal_preview, CANARY["comment"]) == []
    for site in (public_site, internal_preview):
        current = page(site, COMMENTED)
        assert "version 2." in current and "Mer text  här." in current and "Text före ." in current
        comparison = page(site, COMMENTED, "versioner/2/jamforelse/")
        assert "som har ändrats" in comparison and "&lt;!--" not in comparison


def test_a_withdrawn_report_keeps_only_its_public_versions(public_site: dict[str, bytes]) -> None:
    current = page(public_site, WITHDRAWN_PUBLIC)
    assert "Uppgifterna stämde inte." in current and versions_shown(current) == ["2", "1"]
    assert not [name for name in public_site if "aterkallad-kanarie" in name]


def test_embargoed_and_draft_reports_wait(public_site: dict[str, bytes]) -> None:
    assert not [name for name in public_site if "embargo" in name or f"utkast-{CANARY['draft']}" in name]
    # A state saved as a draft in between is no version: 1 public, then the draft, then public again.
    assert versions_shown(page(public_site, DRAFTED_ONCE)) == ["2", "1"]


# --- The same rule, asked of the core directly ------------------------------------

def every_page(built: core.Site) -> dict[str, str]:
    """Every page the core renders for this build, by its source name."""
    pages = {src: spec.render(built.archive) for src, spec in built.generated.items()}
    pages |= {r.path: built.page_html(r.path) or "" for r in built.archive.reports}
    return pages


def test_an_old_version_that_fails_todays_checks_is_judged_by_what_it_says(tmp_path: Path) -> None:
    """Versions that no longer pass (an unknown key here) are shown as written:
    the public build shows such a version only when its YAML says public, and
    never with its comments."""
    secret = "kanarieraa7310"
    repo = GitRepo(tmp_path / "repo")
    rel = report_rel("2024-10-17 14:00", "gammal-version")
    unknown = "gammal_uppgift: ja\n"
    repo.pr("1", {rel: report("Gammal", "2024-10-17 14:00", "public", extra=unknown,
                              body=prose(comment=f"Kommentar <!-- {secret} -->."))})
    repo.pr("2", {rel: report("Gammal", "2024-10-17 14:00", "internal", mark=secret, extra=unknown)})
    repo.pr("3", {rel: report("Gammal", "2024-10-17 14:00", "public", extra="publish_at: aldrig\n" + unknown,
                              mark=secret)})
    repo.pr("4", {rel: report("Gammal", "2024-10-17 14:00", "public", revisions=REVISION)})
    public = core.build(repo.docs, core.options(preview=False, audience="public", now=BUILD_TIME), "https://x.se/")
    assert [v.number for v in public.versions[rel].items] == [1, 2]
    assert public.versions[rel].items[0].report is None  # shown as written
    pages = every_page(public)
    assert [src for src, html in pages.items() if secret in html] == []
    assert "Kommentar ." in pages[f"{rel.removesuffix('.md')}/versioner/1/index.md"]
    internal = core.build(repo.docs, core.options(preview=True, now=BUILD_TIME), "https://x.se/")
    assert [v.number for v in internal.versions[rel].items] == [1, 2, 3, 4]


def test_a_preview_of_making_a_report_public_shows_no_internal_version(tmp_path: Path) -> None:
    """An author previews the public site with an internal report turned public
    but not yet merged: the report is there, its internal versions are not."""
    secret = "kanarieforhand7311"
    repo = GitRepo(tmp_path / "repo")
    rel = report_rel("2024-10-17 14:00", "snart-offentlig")
    repo.pr("Intern", {rel: report("Snart offentlig", "2024-10-17 14:00", "internal", mark=secret)})
    repo.write(rel, report("Snart offentlig", "2024-10-17 14:00", "public", revisions=REVISION))
    public = core.build(repo.docs, core.options(preview=True, audience="public"), "https://x.se/")
    views = public.versions[rel]
    assert views.items == () and views.unpublished
    pages = every_page(public)
    assert rel in pages and [src for src, html in pages.items() if secret in html] == []

