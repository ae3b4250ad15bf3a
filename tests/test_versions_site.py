"""Every published version on the built site: version lists, older versions'
pages, comparisons, and the production build's refusal of a shallow clone."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from factory import build, copy_site_pages, GitRepo, report_rel, seed_report

REL = report_rel("2024-10-17 14:00", "lagesbild-vecka-42")
URL = REL.removesuffix(".md") + "/"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    repo = GitRepo(tmp_path_factory.mktemp("versions") / "repo")
    copy_site_pages(repo.docs)
    body = {
        "Läget just nu": "Kommunerna i Sjuhärad ansluter den 12 november.",
        "Händelser och beslut": "Regionstyrelsen fattade beslut om tidplanen.",
        "Kommande": "Nästa rapport kommer på torsdag.",
    }
    repo.pr("Lägesbild vecka 42", {REL: seed_report("Lägesbild vecka 42", body=body)})
    corrected = {**body, "Läget just nu": "Kommunerna i Sjuhärad ansluter senare än den 12 november."}
    repo.pr("Rättelse", {REL: seed_report(
        "Lägesbild vecka 42", body=corrected,
        revisions=[("2024-10-18 09:00", "Rättat datum för kommunernas anslutning.")],
    )}, squash=True)
    revisions = [("2024-10-18 09:00", "Rättat datum för kommunernas anslutning."),
                 ("2024-10-19 10:00", "Rättat kanal för nyhetstexten.")]
    repo.pr("Ny kanal", {REL: seed_report(
        "Lägesbild vecka 42", body=corrected, channel="Intranätet", revisions=revisions)})
    # A change no revision describes: dated by its commit, and labelled so.
    listed = {**corrected, "Kommande": "- Nästa rapport kommer på torsdag.\n- Mötet hålls i Borås."}
    repo.pr("Lista", {REL: seed_report("Lägesbild vecka 42", body=listed, channel="Intranätet", revisions=revisions)})
    edited = {**listed, "Kommande": "- Nästa rapport kommer på torsdag.\n- Mötet hålls i Skövde."}
    repo.pr("Stavning", {REL: seed_report("Lägesbild vecka 42", body=edited, channel="Intranätet",
                                          revisions=revisions)})
    return repo


@pytest.fixture(scope="module")
def site(repo: GitRepo) -> Path:
    build(repo.docs)
    return repo.root / "site"


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_report_page_lists_every_version_with_notes(site: Path) -> None:
    html = read(site, URL)
    versions = html.split("data-ra-versions", 1)[1].split("</section>", 1)[0]
    assert versions.index("Version 5") < versions.index("Version 2") < versions.index("Version 1")
    assert 'href="versioner/2/"' in versions and 'href="versioner/1/"' in versions
    assert "Rättelse: Rättat datum för kommunernas anslutning." in versions
    assert "Rättelse: Rättat kanal för nyhetstexten." in versions
    assert "första publicerade versionen" in versions
    assert 'href="versioner/3/jamforelse/"' in versions and 'href="versioner/2/jamforelse/"' in versions


def test_versions_carry_the_dates_their_authors_gave_them(repo: GitRepo, site: Path) -> None:
    """Compiled 17 October, corrected 18 and 19 October; the commits are all of 11 and 12 October."""
    html = read(site, URL)
    versions = html.split("data-ra-versions", 1)[1].split("</section>", 1)[0]
    assert "Version 1, torsdag 17 oktober 2024</a> – första publicerade versionen" in versions
    assert "Version 2, fredag 18 oktober 2024</a> – Rättelse: Rättat datum" in versions
    assert "Version 3, lördag 19 oktober 2024</a> – Rättelse: Rättat kanal" in versions
    # Versions 4 and 5 changed what no revision describes: the commit's date, labelled as such.
    commit_day = repo.git("log", "-1", "--format=%cs")
    assert commit_day.startswith("2024-10-1")
    assert re.search(r"Version 5, ändrad (måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag) 1\d oktober 2024 "
                     r"\(datum från versionshistoriken\)", versions)
    for wrong in ("17 oktober 2024 (datum", "november 2026"):
        assert wrong not in versions
    # The header links to the history at the end, and says where its date comes from.
    header = html.split('class="ra-report__header"', 1)[1].split("</header>", 1)[0]
    assert re.search(r'<a href="#versioner">Senast ändrad [^<]+ \(datum från versionshistoriken\)</a>', header)
    assert html.index("</header>") < html.index('id="versioner"')
    assert html.index('class="ra-report__body"') < html.index('id="versioner"')


def test_older_version_is_rendered_as_it_was(site: Path) -> None:
    html = read(site, URL + "versioner/1/")
    assert "Detta är en äldre version av rapporten: version 1, publicerad torsdag 17 oktober 2024." in html
    assert 'href="../../">Läs den aktuella versionen.' in html
    assert "ansluter den 12 november" in html and "senare än" not in html
    assert '<meta name="robots" content="noindex">' in html
    assert "data-pagefind-body" not in html
    assert 'rel="prev"' not in html and 'rel="next"' not in html
    # The version-1 page says nothing of the current version's number or date in its header.
    header = html.split('class="ra-report__header"', 1)[1].split("</header>", 1)[0]
    assert "Version 5" not in header and "Senast" not in header
    assert '<strong aria-current="page">Version 1, torsdag 17 oktober 2024</strong>' in html
    second = read(site, URL + "versioner/2/")
    assert "version 2, rättad fredag 18 oktober 2024." in second


def test_older_versions_stay_out_of_sitemap_feeds_and_search(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert URL in sitemap and "versioner" not in sitemap
    for feed in (site / "flode").glob("*.xml"):
        assert "versioner" not in feed.read_text(encoding="utf-8")
    assert "data-pagefind-body" in read(site, URL)


def test_comparison_shows_words_and_fields_accessibly(site: Path) -> None:
    html = read(site, URL + "versioner/2/jamforelse/")
    diff = html.split('class="ra-diff"', 1)[1].split("</div>", 1)[0]
    assert re.search(r'<p>[^<]*<ins><span class="ra-visually-hidden">Tillagt: </span>\s*senare än\s*</ins>', diff)
    # Headings are headings, not Markdown.
    assert re.search(r"<h2[^>]*>Läget just nu</h2>", diff)
    assert "##" not in diff
    assert "Texten har inte ändrats" not in html
    fields = read(site, URL + "versioner/3/jamforelse/")
    assert "Kommunikativa åtgärder nr 1" in fields
    # Field by field: the channel is marked on both sides, the unchanged parts are not.
    assert re.search(r'<li class="ra-compare__changed"><span class="ra-compare__label">Kanal:</span> <del>'
                     r'<span class="ra-visually-hidden">Borttaget: </span><span class="ra-pre">Insidan</span></del>', fields)
    assert re.search(r'<ins><span class="ra-visually-hidden">Tillagt: </span><span class="ra-pre">Intranätet</span>'
                     r'</ins>', fields)
    assert re.search(r'<li><span class="ra-compare__label">Datum:</span> <span class="ra-pre">'
                     r'torsdag 17 oktober 2024</span></li>', fields)
    assert "Texten har inte ändrats." in fields
    assert '<meta name="robots" content="noindex">' in fields


def test_comparison_marks_changes_inside_list_items(site: Path) -> None:
    html = read(site, URL + "versioner/5/jamforelse/")
    diff = html.split('class="ra-diff"', 1)[1].split("</div>", 1)[0]
    assert re.search(r"<li>Mötet hålls i <del><span class=\"ra-visually-hidden\">Borttaget: </span>Borås</del>"
                     r"<ins><span class=\"ra-visually-hidden\">Tillagt: </span>Skövde</ins>\.?</li>", diff), diff
    assert "<li>Nästa rapport kommer på torsdag.</li>" in diff
    assert "- Mötet" not in diff and "<!--" not in html


def test_shallow_clone_fails_production_and_previews_with_a_note(repo: GitRepo, site: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    result = build(clone / "docs", check=False)
    assert result.returncode != 0
    assert "fetch-depth: 0" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    build(clone / "docs", preview=True)
    html = read(clone / "site", URL)
    assert "Senast" not in html.split("</header>", 1)[0]  # only the commit the clone has: version 1
    assert "Git-historiken är ofullständig (grund klon)" in html


def test_uncommitted_edit_shows_as_local_change_in_preview(repo: GitRepo, tmp_path: Path) -> None:
    clone = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", f"file://{repo.root}", str(clone)], check=True)
    path = clone / "docs" / REL
    path.write_text(path.read_text(encoding="utf-8").replace("Nästa rapport", "Nästa veckorapport"), encoding="utf-8")
    build(clone / "docs", preview=True)
    assert "lokala ändringar som inte är publicerade" in read(clone / "site", URL)


def test_sample_archive_shows_its_correction(tmp_path: Path) -> None:
    """The repository's own archive: the seed report was corrected after publication."""
    from factory import REPO

    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp_path)],
        check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    seed = "rapporter/regional-rapport-millennium-2024/2024/2024-10-11-sjuharad-begar-senare-anslutning/"
    page = read(tmp_path, seed)
    # Compiled 11 October 2024 and corrected 14 October 2024, whenever the commits were made.
    assert '<a href="#versioner">Senast rättad måndag 14 oktober 2024</a>' in page
    assert "Version 1, fredag 11 oktober 2024</a>" in page
    assert "Rättelse: Nyhetstexten på Insidan och pressmeddelandet är publicerade." in page
    comparison = read(tmp_path, seed + "versioner/2/jamforelse/")
    assert "Kommunikativa åtgärder nr 2" in comparison and "Genomförd" in comparison
    assert "Detta är en äldre version" in read(tmp_path, seed + "versioner/1/")
