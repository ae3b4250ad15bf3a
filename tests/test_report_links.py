"""Links from one report to another: written as the file, published as its address.

Checked where an author meets them (``validate``, text and GitHub formats, at
file:line) and where a reader does (the built pages, internal and public, and
the feeds), with the hostile and careless ways of writing one.
"""

from __future__ import annotations

import html
import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from factory import SERIES, GitRepo, build, copy_site_pages, new_docs, report_rel, seed_report, write_series
from rapportarkiv import cli, collection, report_links

OTHER = "annan-serie"
TARGET = report_rel("2024-10-11 15:20", "sjuharad-begar-senare-anslutning")
LINKING = report_rel("2024-10-17 14:00", "lankar")
LAST_YEAR = report_rel("2023-05-04 10:00", "forra-aret")
ACROSS = report_rel("2024-03-01 09:00", "annan", OTHER)
INTERNAL = report_rel("2024-10-16 09:00", "intern")
BODY_LINE = "Se [den extrainsatta rapporten]({url}) för bakgrunden."


def linking_text(first: str, *, classification: str = "public", **fields: Any) -> str:
    """A report whose first section holds ``first`` and whose second links the
    ways authors do: a reference, another year, another series, an anchor."""
    sections = {
        "Läget just nu": first,
        "Händelser och beslut": "Som [förra året][fjol] och i [den andra serien](../../annan-serie/2024/2024-03-01-annan.md).\n\n"
        "[fjol]: ../2023/2023-05-04-forra-aret.md",
        "Kommande": "Läs [läget](2024-10-11-sjuharad-begar-senare-anslutning.md#laget-just-nu).",
    }
    return seed_report("Rapport med länkar", "2024-10-17 14:00", body=sections, classification=classification,
                       **fields)


def write(docs: Path, rel: str, text: str) -> Path:
    path = docs / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def archive(root: Path, first: str = BODY_LINE.format(url="2024-10-11-sjuharad-begar-senare-anslutning.md"),
            **fields: Any) -> Path:
    docs = new_docs(root)
    write_series(docs, OTHER, name="En annan serie")
    write(docs, TARGET, seed_report("Sjuhärad begär senare anslutning", "2024-10-11 15:20", classification="public"))
    write(docs, LAST_YEAR, seed_report("Förra året", "2023-05-04 10:00", classification="public"))
    write(docs, ACROSS, seed_report("I en annan serie", "2024-03-01 09:00", series=OTHER, classification="public"))
    write(docs, INTERNAL, seed_report("Hemlig intern rubrik", "2024-10-16 09:00"))
    write(docs, LINKING, linking_text(first, **fields))
    return docs


def problems(docs: Path, now: datetime | None = None) -> list[tuple[str, int, int, str]]:
    found = collection.load(docs, base=docs.parent, now=now).problems
    return [(p.path, p.line, p.column, p.code) for p in found]


def line_of(docs: Path, rel: str, needle: str) -> int:
    lines = (docs / rel).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_links_written_as_files_validate(tmp_path: Path) -> None:
    assert problems(archive(tmp_path)) == []


@pytest.mark.parametrize(("url", "code"), [
    ("2024-10-11-finns-inte.md", "RA243"),
    ("../2022/2022-01-01-x.md", "RA243"),
    ("/etc/passwd.md", "RA240"),
    ("/rapporter/regional-rapport-millennium-2024/2024/2024-10-11-sjuharad-begar-senare-anslutning.md", "RA240"),
    ("../../../../x.md", "RA241"),
    ("%2e%2e/%2e%2e/%2e%2e/%2e%2e/x.md", "RA241"),
    ('2024-10-11-sjuharad-begar-senare-anslutning.md"onmouseover=alert(1)', "RA242"),
    ("../serie.yml", "RA242"),
    ("../../../guide/index.md", "RA242"),
    ("../../../om.md", "RA242"),
    ("2024-10-16-intern.md", "RA244"),
    ("2024-10-11-sjuharad-begar-senare-anslutning", "RA242"),
    ("../2024/", "RA242"),
    ("<2024-10-11-finns-inte.md>", "RA243"),
])
def test_a_link_that_names_no_publishable_report_is_an_error_at_its_place(tmp_path: Path, url: str, code: str) -> None:
    docs = archive(tmp_path, BODY_LINE.format(url=url))
    line = line_of(docs, LINKING, "den extrainsatta")
    column = (docs / LINKING).read_text(encoding="utf-8").split("\n")[line - 1].index(url.strip("<>")) + 1
    assert problems(docs) == [(f"docs/{LINKING}", line, column, code)]


def test_a_link_written_as_html_is_checked_too(tmp_path: Path) -> None:
    docs = archive(tmp_path, 'Se <a href="2024-10-11-finns-inte.md">rapporten</a>.')
    assert [p[2:] for p in problems(docs)] == [(13, "RA243")]  # at the address, after 'Se <a href="'


def test_the_cache_never_hides_a_change_in_another_file(tmp_path: Path) -> None:
    """A file's verdict is kept between runs, but its links are checked against
    the archive of this run: removing the linked report breaks the link at once."""
    docs = archive(tmp_path)
    past = datetime(2024, 1, 1).timestamp()
    for file in docs.rglob("*.md"):
        os.utime(file, (past, past))  # older than the racy window: kept in the cache
    assert problems(docs) == []
    assert list((docs.parent / ".rapportarkiv-cache").iterdir())
    (docs / LAST_YEAR).unlink()
    assert [p[3] for p in problems(docs)] == ["RA243"]
    # And a verdict taken from the cache still knows its links.
    assert [p[3] for p in problems(docs)] == ["RA243"]


def test_percent_encoded_and_reference_links_resolve(tmp_path: Path) -> None:
    docs = archive(tmp_path, "Se [den][ref].\n\n[ref]: <2024-10-11-sjuharad-begar-senare-anslutning%2Emd>")
    assert problems(docs) == []


def test_a_link_shown_as_code_or_to_an_image_is_not_checked(tmp_path: Path) -> None:
    docs = archive(tmp_path, "Skriv `[text](2024-10-11-namn.md)` så här.\n\n```\n[text](x.md)\n```")
    assert problems(docs) == []


def test_a_missing_report_is_named_with_the_nearest_one(tmp_path: Path) -> None:
    docs = archive(tmp_path, BODY_LINE.format(url="2024-10-11-sjuharad-begar-senare-anslutnig.md"))
    found = collection.load(docs, base=docs.parent).problems
    assert [p.code for p in found] == ["RA243"]
    assert "Menade du ”2024-10-11-sjuharad-begar-senare-anslutning.md”?" in found[0].message


def test_drafts_and_embargoes_are_refused_from_a_report_that_appears_before_them(tmp_path: Path) -> None:
    docs = archive(tmp_path)
    write(docs, TARGET, seed_report("Sjuhärad", "2024-10-11 15:20", classification="public", draft=True))
    assert [p[3] for p in problems(docs)] == ["RA245", "RA245"]  # two links to it
    # A draft may link to a draft: neither is published.
    write(docs, LINKING, linking_text(BODY_LINE.format(url=TARGET.rsplit("/", 1)[1]), draft=True))
    assert problems(docs) == []

    write(docs, TARGET, seed_report("Sjuhärad", "2024-10-11 15:20", classification="public",
                                    publish_at="2024-10-20 08:00"))
    write(docs, LINKING, linking_text(BODY_LINE.format(url=TARGET.rsplit("/", 1)[1])))
    before = datetime(2024, 10, 18, tzinfo=UTC)
    found = collection.load(docs, now=before).problems
    assert [p.code for p in found] == ["RA246", "RA246"]
    assert "söndag 20 oktober 2024 kl. 08:00" in found[0].message
    assert problems(docs, now=datetime(2024, 10, 21, tzinfo=UTC)) == []  # the embargo has passed
    # A report published no earlier than the other may link to it.
    write(docs, LINKING, linking_text(BODY_LINE.format(url=TARGET.rsplit("/", 1)[1]), publish_at="2024-10-20 08:00"))
    assert problems(docs, now=before) == []


def test_a_withdrawn_report_may_be_linked(tmp_path: Path) -> None:
    docs = archive(tmp_path)
    write(docs, TARGET, seed_report("Sjuhärad", "2024-10-11 15:20", classification="public",
                                    withdrawn=("2024-10-12 09:00", "Fel uppgifter")))
    assert problems(docs) == []


def test_validate_names_file_and_line_in_text_and_github_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = archive(tmp_path, BODY_LINE.format(url="2024-10-11-finns-inte.md"))
    monkeypatch.chdir(tmp_path)
    line = line_of(docs, LINKING, "den extrainsatta")
    assert cli.main(["validate"]) == 1
    out = capsys.readouterr().out
    assert f"docs/{LINKING}:{line}:33: fel: Länken 2024-10-11-finns-inte.md går till en rapport som inte finns." in out
    assert cli.main(["validate", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert f"::error file=docs/{LINKING},line={line},col=33,title=RA243 Rapporten finns inte::Länken" in out
    # Asked about the linking file alone, validate still knows the other reports.
    assert cli.main(["validate", f"docs/{LINKING}", "--format", "json"]) == 1
    assert [p["code"] for p in json.loads(capsys.readouterr().out)] == ["RA243"]
    write(docs, LINKING, linking_text(BODY_LINE.format(url="2024-10-16-intern.md")))
    assert cli.main(["validate", f"docs/{LINKING}"]) == 1
    assert "[RA244]" in capsys.readouterr().out


def test_the_build_refuses_a_broken_link_as_validate_does(tmp_path: Path) -> None:
    docs = archive(tmp_path, BODY_LINE.format(url="2024-10-11-finns-inte.md"))
    result = build(docs, check=False)
    assert result.returncode != 0
    line = line_of(docs, LINKING, "den extrainsatta")
    assert f"{LINKING}:{line}:33: fel: Länken 2024-10-11-finns-inte.md går till en rapport som inte finns." in result.stderr
    assert "RA243" in result.stdout + result.stderr


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for audience in ("internal", "public"):
        docs = archive(tmp_path_factory.mktemp(audience))
        build(docs, build_time="2024-11-01T12:00:00+01:00",
              config_file="mkdocs.public.yml" if audience == "public" else None)
        out[audience] = docs.parent / "site"
    return out


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_built_pages_link_to_the_reports_addresses(sites: dict[str, Path], audience: str) -> None:
    site = sites[audience]
    page = (site / LINKING.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    links = hrefs(page)
    assert "../2024-10-11-sjuharad-begar-senare-anslutning/" in links
    assert "../2024-10-11-sjuharad-begar-senare-anslutning/#laget-just-nu" in links
    assert "../../2023/2023-05-04-forra-aret/" in links
    assert "../../../annan-serie/2024/2024-03-01-annan/" in links
    # The start page shows the same prose from the site's root.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "rapporter/regional-rapport-millennium-2024/2023/2023-05-04-forra-aret/" in hrefs(home)
    for linked in ("2024/2024-10-11-sjuharad-begar-senare-anslutning", "2023/2023-05-04-forra-aret"):
        assert (site / "rapporter" / SERIES / linked / "index.html").is_file()  # the address is a page
    for file in site.rglob("*"):
        if file.suffix in (".html", ".xml", ".json"):
            text = file.read_text(encoding="utf-8")
            assert not [h for h in hrefs(text) if re.search(r"\.(md|markdown|yml)\b", h)], file
            if audience == "public":
                assert "intern" not in " ".join(hrefs(text)) and "Hemlig intern rubrik" not in text, file


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_feeds_carry_absolute_addresses(sites: dict[str, Path], audience: str) -> None:
    for name in ("alla.atom.xml", "alla.rss.xml", f"{SERIES}.atom.xml"):
        feed = (sites[audience] / "flode" / name).read_text(encoding="utf-8")
        # The entries' HTML is escaped inside the XML: read it as a feed reader does.
        links = hrefs(html.unescape(feed))
        base = "https://rapporter.example.se/arkiv/rapporter/"
        assert f"{base}{SERIES}/2024/2024-10-11-sjuharad-begar-senare-anslutning/#laget-just-nu" in links
        assert f"{base}{SERIES}/2023/2023-05-04-forra-aret/" in links
        assert f"{base}{OTHER}/2024/2024-03-01-annan/" in links
        assert all(link.startswith("https://") for link in links), links


def test_a_link_to_a_report_this_build_does_not_publish_keeps_its_text_only() -> None:
    """An older version's link to a report since removed, or one the build does
    not publish: the words stay, no address (and no file name) is published."""
    addresses = report_links.Addresses({TARGET: TARGET.removesuffix(".md") + "/"})
    html = ('<p><a href="2024-10-16-intern.md" rel="noopener noreferrer">intern</a> '
            '<a href="2024-10-11-sjuharad-begar-senare-anslutning.md#x" rel="noopener noreferrer">a</a> '
            '<a href="https://example.se/a.md?x=1&amp;y=2" rel="noopener noreferrer">b</a> '
            '<a href="#rubrik" rel="noopener noreferrer">c</a></p>')
    page = LINKING.removesuffix(".md") + "/"
    assert addresses.rewrite(html, LINKING, page) == (
        '<p><a rel="noopener noreferrer">intern</a> '
        '<a href="../2024-10-11-sjuharad-begar-senare-anslutning/#x" rel="noopener noreferrer">a</a> '
        '<a href="https://example.se/a.md?x=1&amp;y=2" rel="noopener noreferrer">b</a> '
        '<a href="#rubrik" rel="noopener noreferrer">c</a></p>'
    )
    assert 'href="https://x.se/rapporter/' in addresses.rewrite(html, LINKING, page, "https://x.se/")


def test_an_older_version_links_from_its_own_address_and_never_to_a_removed_report(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    copy_site_pages(repo.docs)
    gone = report_rel("2024-10-12 09:00", "borttagen")
    sections = {
        "Läget just nu": "Se [rapporten](2024-10-11-sjuharad-begar-senare-anslutning.md) och [den andra](2024-10-12-borttagen.md).",
        "Händelser och beslut": "Inget nytt.",
        "Kommande": "Nästa rapport på torsdag.",
    }
    repo.pr("Rapporter", {
        TARGET: seed_report("Sjuhärad", "2024-10-11 15:20"),
        gone: seed_report("Borttagen", "2024-10-12 09:00"),
        LINKING: seed_report("Rapport med länkar", "2024-10-17 14:00", body=sections),
    })
    corrected = {**sections, "Läget just nu": "Se [rapporten](2024-10-11-sjuharad-begar-senare-anslutning.md)."}
    repo.pr("Rättelse", {gone: None, LINKING: seed_report(
        "Rapport med länkar", "2024-10-17 14:00", body=corrected,
        revisions=[("2024-10-18 09:00", "Tog bort länken till en borttagen rapport.")],
    )})
    build(repo.docs)
    old = (repo.root / "site" / LINKING.removesuffix(".md") / "versioner" / "1" / "index.html").read_text(encoding="utf-8")
    assert "../../../2024-10-11-sjuharad-begar-senare-anslutning/" in hrefs(old)
    assert re.search(r'<a rel="noopener noreferrer">den andra</a>', old)  # its words, no address
    assert not [h for h in hrefs(old) if ".md" in h or "borttagen" in h]


def test_the_public_site_shows_no_trace_of_a_linked_internal_report_even_unchecked(tmp_path: Path) -> None:
    """The validator refuses the link (RA244); with that check switched off, the
    renderer still publishes the link's words only: no address, no title."""
    docs = archive(tmp_path, BODY_LINE.format(url="2024-10-16-intern.md"))
    unchecked = "import rapportarkiv.report_links\nrapportarkiv.report_links.check = lambda *a, **k: []\n"
    build(docs, config_file="mkdocs.public.yml", prelude=unchecked, build_time="2024-11-01T12:00:00+01:00")
    site = docs.parent / "site-public"
    site = site if site.is_dir() else docs.parent / "site"
    page = (site / LINKING.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    assert '<a rel="noopener noreferrer">den extrainsatta rapporten</a>' in page
    for file in site.rglob("*"):
        if file.suffix in (".html", ".xml", ".json"):
            text = file.read_text(encoding="utf-8")
            assert "2024-10-16-intern" not in text and "Hemlig intern rubrik" not in text, file


@pytest.mark.parametrize("shape", [
    "Se [rapporten](2024-10-11-finns-inte&#46;md).",                      # an entity the renderer decodes
    "Se [rapporten][r].\n\n[r]:\n2024-10-11-finns-inte.md",               # the destination on the next line
    'Se <a title="href=x" href="2024-10-11-finns-inte.md">rapporten</a>.',  # "href=" inside another attribute
    "Se <a\nhref='2024-10-11-finns-inte.md'>rapporten</a>.",              # the attribute on the next line
    "Se <A HREF=2024-10-11-finns-inte.md>rapporten</A>.",
])
def test_every_way_the_renderer_reads_a_link_is_checked_at_the_address(tmp_path: Path, shape: str) -> None:
    """What the renderer makes a link (so the build would drop it without a word) validate finds,
    at the place of the address as written, and names the missing report."""
    from rapportarkiv.render import markdown

    assert re.search(r'<a [^>]*href="2024-10-11-finns-inte\.md"', markdown.to_html(shape)), markdown.to_html(shape)
    docs = archive(tmp_path, shape)
    text = (docs / LINKING).read_text(encoding="utf-8")
    at = text.index("2024-10-11-finns-inte")
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    assert problems(docs) == [(f"docs/{LINKING}", line, column, "RA243")]


@pytest.mark.parametrize("shape", [
    "![Karta](karta.png)",
    "![Rapporten](2024-10-11-sjuharad-begar-senare-anslutning.md)",
    "![Karta](</bilder/karta.png>)",
    '<img alt="Karta" src="../../../../mkdocs.yml">',
    "<IMG SRC=karta&#46;png alt=x>",
])
def test_an_image_written_as_a_file_is_refused_at_its_place(tmp_path: Path, shape: str) -> None:
    """No page can show it (the reports' folders hold reports only), and the renderer publishes it as written."""
    from rapportarkiv.render import markdown

    assert re.search(r"<img [^>]*src=\"(?!https?:)", markdown.to_html(shape)), markdown.to_html(shape)
    docs = archive(tmp_path, f"Se {shape} här.")
    text = (docs / LINKING).read_text(encoding="utf-8")
    url = re.search(r"\((<?)([^)>]*)>?\)|(?i:src)=\"?([^\" >]*)", shape)
    assert url is not None
    at = text.index(shape) + url.start(2 if url.group(2) else 3)
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    assert problems(docs) == [(f"docs/{LINKING}", line, column, "RA027")]


def test_images_from_other_sites_and_images_shown_as_code_pass(tmp_path: Path) -> None:
    docs = archive(tmp_path, "![Karta](https://www.vgregion.se/karta.png) `![x](karta.png)`")
    assert problems(docs) == []


def test_the_nearest_report_named_is_never_the_linking_report_itself(tmp_path: Path) -> None:
    # The linked report deleted: the nearest name in the folder may be the linking file's own.
    docs = archive(tmp_path, "Se [rapporten](2024-10-17-lankar-x.md).")
    found = collection.load(docs, base=docs.parent).problems
    assert [p.code for p in found] == ["RA243"]
    assert "2024-10-17-lankar.md" not in found[0].message
