"""The built site: pages, grouping, ordering, Swedish dates and weeks, feeds,
reports.json, drafts, embargo and withdrawal — asserted on MkDocs' real output."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import pytest

from factory import REPO, SERIES, build, new_docs, write_report

SEED_URL = f"rapporter/{SERIES}/2024/2024-10-11-sjuharad-begar-senare-anslutning/"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """Visible text, roughly: tags removed, whitespace folded."""
    folded = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return re.sub(r" ([,.)])", r"\1", folded)


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample")
    docs = root / "docs"
    import shutil

    shutil.copytree(REPO / "docs", docs)
    build(docs)
    return root / "site"


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive over a year boundary, with drafts, an embargo and a withdrawal."""
    root = tmp_path_factory.mktemp("generated")
    docs = new_docs(root)
    write_report(docs, "vecka-51", title="Läget vecka 51", when=datetime(2020, 12, 17, 14, 0), tags=["Kommunerna"])
    # 3 January 2021 is a Sunday in ISO week 53 of 2020.
    write_report(docs, "nyarshelgen", title="Extra under nyårshelgen", type="extra",
                 when=datetime(2021, 1, 3, 10, 30), tags=["kommunerna", "driftstörning"],
                 occasion="en driftstörning under nyårshelgen",
                 spokespersons=[{"name": "Åsa Öberg", "role": "programchef", "organisation": "VGR"}],
                 communication=[{"audience": "external", "date": "2021-01-03", "channel": "Pressmeddelande",
                                 "text": "Pressmeddelande om driftstörningen", "status": "done"}])
    write_report(docs, "vecka-1", title="Läget vecka 1", when=datetime(2021, 1, 7, 14, 0),
                 spokespersons=[{"name": "Åsa Öberg", "role": "programchef"}])
    write_report(docs, "vecka-2", title="Läget vecka 2", when=datetime(2021, 1, 14, 14, 0))
    write_report(docs, "utkast", title="Hemligt utkast", when=datetime(2021, 1, 21, 14, 0), draft=True)
    write_report(docs, "embargo", title="Embargo till februari", when=datetime(2021, 1, 28, 14, 0),
                 publish_at="2099-02-01 08:00")
    write_report(docs, "aterkallad", title="Återkallad rapport", when=datetime(2021, 1, 15, 9, 0), type="extra",
                 withdrawn={"date": "2021-01-16 10:00", "reason": "Uppgifterna var inte bekräftade."})
    build(docs)
    return root / "site"


# --- The sample archive ------------------------------------------------------

def test_report_page_header_from_data(sample_site: Path) -> None:
    html = page(sample_site, SEED_URL)
    text = text_of(html)
    assert "Extrainsatt rapport" in text
    assert "Regional rapport Millennium 2024" in text
    assert "Sammanställd fredag 11 oktober 2024 kl. 15:20" in text
    assert 'datetime="2024-10-11T15:20:00+02:00"' in html
    assert "Med anledning av en ändringsbegäran från Sjuhärads kommunalförbund, via VästKom" in text
    assert "Vecka 41" in text
    assert "Klassning: Intern" in text
    for tag in ("Millennium", "kommunerna", "Sjuhärad", "tidplan"):
        assert f">{tag}</a>" in html


def test_report_page_prose_actions_people_and_about(sample_site: Path) -> None:
    html = page(sample_site, SEED_URL)
    text = text_of(html)
    # The prose sections, in the order the series requires.
    positions = [text.index(s) for s in ("Beskrivning av händelsen", "Kända omständigheter", "Verksamhetens kommentar")]
    assert positions == sorted(positions)
    # Communication actions as tables grouped Internt / Externt.
    internal, external = text.index("Internt"), text.index("Externt")
    assert internal < text.index("Nyhetstext på Insidan") < external < text.index("Extern nyhetstext Vårdskiftet")
    assert "fre 11 okt." in text
    assert html.count('<th scope="col">Kanal</th>') == 2
    # Spokespersons and the series' "Om …" block come from data.
    assert "Karin Looström Muth, hälso- och sjukvårdsutvecklingsdirektör, VGR" in text
    assert "Om Regional rapport Millennium 2024" in text
    assert "Sammanställs en gång i veckan, primärt på torsdagar, av Koncernstab kommunikation, Koncernkontoret" in text
    assert "Vid behov sammanställs regionala rapporter utöver ordinarie utskick." in text


def test_site_is_swedish_without_material_mistakes(sample_site: Path) -> None:
    for html_file in sample_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert '<html lang="sv"' in html, html_file
        assert "Arkivera" not in html, html_file
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, html_file
    not_found = (sample_site / "404.html").read_text(encoding="utf-8")
    assert "Sidan finns inte" in not_found


def test_series_definitions_are_not_published(sample_site: Path) -> None:
    assert not list(sample_site.rglob("serie.yml"))


def test_reports_are_not_in_the_navigation(sample_site: Path) -> None:
    nav = page(sample_site, "om").split('class="md-sidebar md-sidebar--primary"', 1)[1].split("</nav>", 1)[0]
    assert "2024-10-11-sjuharad" not in nav
    assert "Alla rapporter" in nav


def test_error_codes_page_explains_every_code(sample_site: Path) -> None:
    from rapportarkiv.catalogue import PROBLEMS

    html = page(sample_site, "guide/felkoder")
    for code, entry in PROBLEMS.items():
        assert f'id="{code.lower()}"' in html
        assert entry.title in html


def test_search_index_and_sitemap(sample_site: Path) -> None:
    assert (sample_site / "pagefind" / "pagefind.js").is_file()
    assert list((sample_site / "pagefind").glob("*.pf_meta"))
    assert list((sample_site / "pagefind").glob("wasm.sv.pagefind")), "Swedish stemming not selected"
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert SEED_URL in sitemap


# --- A generated archive ------------------------------------------------------

def test_start_page_shows_latest_in_full_and_recent_list(generated_site: Path) -> None:
    html = page(generated_site, "")
    latest = html.split('class="ra-latest"', 1)[1].split("</section>", 1)[0]
    assert "Läget vecka 2" in latest and "Text om läget just nu i rapporten Läget vecka 2." in latest
    # The list below holds the earlier reports, not the one shown in full above it (issue 17).
    earlier = html.split('id="tidigare-rapporter"', 1)[1]
    assert "Läget vecka 2" not in earlier
    order = [earlier.index(t) for t in ("Läget vecka 1", "Extra under nyårshelgen", "Läget vecka 51")]
    assert order == sorted(order), "newest first"


def test_the_start_page_of_an_archive_with_no_reports_or_only_the_latest_says_what_it_has(tmp_path: Path) -> None:
    """A new archive's first build has no report: the start page must not promise more."""
    from rapportarkiv import site as core

    docs = new_docs(tmp_path)
    empty = text_of(core.build(docs, core.options(), "https://x.se/", with_history=False).page_html("index.md") or "")
    assert "Inga rapporter har publicerats ännu." in empty and "Fler rapporter" not in empty
    write_report(docs, "laget-vecka-2", when=datetime(2021, 1, 14, 14, tzinfo=timezone.utc), title="Läget vecka 2")
    one = text_of(core.build(docs, core.options(), "https://x.se/", with_history=False).page_html("index.md") or "")
    assert "Läget vecka 2" in one and "Alla rapporter i arkivet" in one
    assert "Fler rapporter" not in one and "Inga rapporter" not in one


def test_year_pages_group_by_iso_week(generated_site: Path) -> None:
    html = page(generated_site, f"rapporter/{SERIES}/2021")
    text = text_of(html)
    assert "Vecka 2" in text and "Vecka 1" in text
    # 3 January 2021 belongs to ISO week 53 of 2020, as Swedish calendars show it.
    assert "Vecka 53, 2020" in text
    assert text.index("Vecka 2") < text.index("Vecka 1") < text.index("Vecka 53, 2020")
    assert "Läget vecka 51" in text_of(page(generated_site, f"rapporter/{SERIES}/2020"))
    series = text_of(page(generated_site, f"rapporter/{SERIES}"))
    assert "2021" in series and "2020" in series


def test_previous_and_next_links(generated_site: Path) -> None:
    html = page(generated_site, f"rapporter/{SERIES}/2021/2021-01-07-vecka-1")
    assert 'rel="prev" href="../2021-01-03-nyarshelgen/"' in html
    assert 'rel="next" href="../2021-01-14-vecka-2/"' in html


def test_drafts_and_embargoed_reports_are_absent(generated_site: Path) -> None:
    assert not (generated_site / f"rapporter/{SERIES}/2021/2021-01-21-utkast").exists()
    assert not (generated_site / f"rapporter/{SERIES}/2021/2021-01-28-embargo").exists()
    for file in generated_site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".xml", ".json", ".ics"):
            content = file.read_text(encoding="utf-8")
            assert "Hemligt utkast" not in content, file
            assert "Embargo till februari" not in content, file


def test_withdrawn_report_keeps_its_page_and_is_marked_in_lists_and_feeds(generated_site: Path) -> None:
    html = page(generated_site, f"rapporter/{SERIES}/2021/2021-01-15-aterkallad")
    assert "Rapporten har återkallats" in html and "Uppgifterna var inte bekräftade." in html
    assert "Återkallad rapport" not in page(generated_site, "")
    # Subscribers who read it learn that it was withdrawn, and why (issue 17).
    feed = feedparser.parse(str(generated_site / "flode" / "alla.atom.xml"))
    entry = next(e for e in feed.entries if e.link.endswith("/2021-01-15-aterkallad/"))
    assert entry.title == "Återkallad: Återkallad rapport"
    assert "Uppgifterna var inte bekräftade." in entry.content[0].value


def test_tags_calendar_and_spokespersons(generated_site: Path) -> None:
    tags = text_of(page(generated_site, "taggar"))
    assert "kommunerna (2)" in tags.lower(), "tags differing only in case are one tag"
    assert "/taggar/Kommunerna" not in tags
    tag = page(generated_site, "taggar/kommunerna")
    assert "Extra under nyårshelgen" in tag and "Läget vecka 51" in tag
    years = page(generated_site, "kalender")
    assert 'href="2021/">2021</a> (1 åtgärd)' in years
    calendar = text_of(page(generated_site, "kalender/2021"))
    assert "Kommunikationskalender 2021" in calendar
    assert "Januari 2021" in calendar and "Pressmeddelande om driftstörningen" in calendar
    people = page(generated_site, "talespersoner")
    assert 'id="asa-oberg"' in people
    assert "Extra under nyårshelgen" in people and "Läget vecka 1" in people


def test_all_reports_page_is_a_complete_plain_list(generated_site: Path) -> None:
    html = page(generated_site, "rapporter")
    items = re.findall(r'<li class="ra-item" data-year="(\d+)" data-type="(\w+)"', html)
    assert len(items) == 5  # draft and embargoed left out, withdrawn kept
    assert ("2021", "extra") in items and ("2020", "regular") in items
    assert '<form class="ra-filter" id="ra-filter" hidden>' in html, "filters appear only with JavaScript"


def test_feeds_parse_with_absolute_links(generated_site: Path) -> None:
    for name in ("alla", SERIES):
        for kind in ("atom", "rss"):
            parsed = feedparser.parse(str(generated_site / "flode" / f"{name}.{kind}.xml"))
            assert not parsed.bozo, parsed.bozo_exception
            titles = [e.title for e in parsed.entries]
            assert titles[:3] == ["Återkallad: Återkallad rapport", "Läget vecka 2", "Läget vecka 1"]
            for entry in parsed.entries:
                assert entry.link.startswith("https://rapporter.example.se/arkiv/rapporter/")
    home = page(generated_site, "")
    assert 'rel="alternate" type="application/atom+xml" href="flode/alla.atom.xml"' in home


def test_reports_json(generated_site: Path) -> None:
    data = json.loads((generated_site / "reports.json").read_text(encoding="utf-8"))
    titles = [r["title"] for r in data["reports"]]
    assert titles[:2] == ["Återkallad rapport", "Läget vecka 2"], "newest first"
    assert "Hemligt utkast" not in titles and "Embargo till februari" not in titles
    withdrawn = data["reports"][0]["withdrawn"]
    assert withdrawn == {"date": "2021-01-16T10:00:00+01:00", "reason": "Uppgifterna var inte bekräftade."}
    extra = next(r for r in data["reports"] if r["title"] == "Extra under nyårshelgen")
    assert extra["iso_week"] == "2020-W53"
    assert extra["url"] == f"https://rapporter.example.se/arkiv/rapporter/{SERIES}/2021/2021-01-03-nyarshelgen/"
    assert extra["date"] == "2021-01-03T10:30:00+01:00"


def test_preview_shows_drafts_marked(tmp_path: Path) -> None:
    docs = new_docs(tmp_path)
    write_report(docs, "utkast", title="Ett utkast", when=datetime(2024, 10, 17, 14, 0), draft=True)
    build(docs, preview=True)
    html = page(tmp_path / "site", f"rapporter/{SERIES}/2024/2024-10-17-utkast")
    assert "Utkast – den här rapporten är inte publicerad" in html


def test_without_git_a_preview_says_so_and_production_refuses(tmp_path: Path) -> None:
    from rapportarkiv import site as core

    docs = new_docs(tmp_path)
    path = write_report(docs, "vecka-42", title="Vecka 42", when=datetime(2024, 10, 17, 14, 0))
    rel = path.relative_to(docs).as_posix()
    preview = core.build(docs, core.options(preview=True), "https://example.org/")
    html = preview.page_html(rel) or ""
    assert "Mappen är inte ett git-arkiv, så rapporternas versioner kan inte visas." in html
    with pytest.raises(core.HistoryError, match="git-arkiv"):
        core.build(docs, core.options(preview=False), "https://example.org/")


def test_embargo_lifts_when_the_clock_passes(tmp_path: Path) -> None:
    docs = new_docs(tmp_path)
    write_report(docs, "embargo", title="Embargo", when=datetime(2024, 3, 28, 14, 0), publish_at="2024-03-31 02:30")
    url = f"rapporter/{SERIES}/2024/2024-03-28-embargo"
    # 02:30 on 31 March 2024 does not exist in Stockholm (clocks jump to 03:00); the
    # validator warns, and the instant is read as 03:30 CEST = 01:30 UTC.
    build(docs, build_time="2024-03-31T01:29:00+00:00")
    assert not (tmp_path / "site" / url).exists()
    build(docs, build_time="2024-03-31T01:31:00+00:00")
    assert (tmp_path / "site" / url / "index.html").exists()
    # Published when the embargo lifted, not when it was compiled: so say its feed entries.
    for kind in ("atom", "rss"):
        [entry] = feedparser.parse(str(tmp_path / "site" / "flode" / f"alla.{kind}.xml")).entries
        assert entry.published_parsed[:5] == (2024, 3, 31, 1, 30)


def test_build_fails_naming_file_and_line(tmp_path: Path) -> None:
    docs = new_docs(tmp_path)
    path = write_report(docs, "trasig", title="Trasig", when=datetime(2024, 10, 17, 14, 0))
    path.write_text(path.read_text(encoding="utf-8").replace("type: regular", "type: vecka"), encoding="utf-8")
    result = build(docs, check=False)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"rapporter/{SERIES}/2024/2024-10-17-trasig.md:4:7: fel:" in output
    assert "RA104" in output and "Bygget stoppades" in output
    assert "Traceback" not in output


def test_front_matter_reference_lists_every_schema_property(sample_site: Path) -> None:
    from rapportarkiv import schemas

    html = page(sample_site, "guide/uppgifter")
    for name, prefix in (("report", "rapport"), ("series", "serie")):
        for key in schemas.load(name)["properties"]:
            assert f'id="{prefix}-{key}"' in html
            title = schemas.property_schema(name, [key])["title"]
            assert title in html, (key, title)
    assert "spokespersons:" in html and "Karin Looström Muth" in html


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-03-31T01:31:00Z", datetime(2024, 3, 31, 1, 31, tzinfo=timezone.utc)),
    ("2024-03-31T03:31:00+02:00", datetime(2024, 3, 31, 1, 31, tzinfo=timezone.utc)),
    ("2024-03-31 01:31:00", datetime(2024, 3, 31, 1, 31, tzinfo=timezone.utc)),
    ("2024-03-31", datetime(2024, 3, 31, tzinfo=timezone.utc)),
])
def test_build_clock_from_the_environment_as_mkdocs_reads_it(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: datetime
) -> None:
    """MkDocs reads an !ENV value as YAML: RAPPORTARKIV_NOW arrives as a datetime or a date."""
    from mkdocs.utils.yaml import yaml_load

    from rapportarkiv import site as core

    monkeypatch.setenv("RAPPORTARKIV_NOW", value)
    extra = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]
    assert core.options(preview=False, now=extra["build_time"]).now == expected


def test_unreadable_build_clock_is_a_swedish_error() -> None:
    from rapportarkiv import site as core

    with pytest.raises(core.OptionsError, match="RAPPORTARKIV_NOW.*”igår”"):
        core.options(preview=False, now="igår")


def test_a_build_replaces_the_last_output_and_keeps_hidden_entries(tmp_path: Path) -> None:
    """The hook deletes the last build's output beside the new build, as MkDocs
    would before it: nothing stale stays, hidden entries (a deploy checkout's
    .git) are left alone, and nothing of its own is left behind."""
    docs = new_docs(tmp_path)
    write_report(docs, "lagesbild", when=datetime(2024, 10, 17, 14, 0), title="Lägesbild")
    build(docs)
    site = tmp_path / "site"
    (site / "gammal-sida").mkdir()
    (site / "gammal-sida" / "index.html").write_text("<p>borttagen rapport</p>", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    build(docs)
    assert not (site / "gammal-sida").exists()
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert sorted(entry.name for entry in site.iterdir() if entry.name.startswith(".")) == [".git"]
    assert (site / "index.html").exists() and (site / "pagefind").is_dir()


def test_a_build_stopped_by_a_report_error_leaves_the_last_output(tmp_path: Path) -> None:
    """As with MkDocs alone: a build that refuses the archive deletes nothing."""
    docs = new_docs(tmp_path)
    path = write_report(docs, "lagesbild", when=datetime(2024, 10, 17, 14, 0), title="Lägesbild")
    build(docs)
    site = tmp_path / "site"
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    path.write_text(path.read_text(encoding="utf-8").replace("type: regular", "type: vecka"), encoding="utf-8")
    result = build(docs, check=False)
    assert result.returncode != 0 and "RA104" in result.stdout + result.stderr
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before


def test_an_entry_that_cannot_be_moved_aside_is_left_for_mkdocs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Moving the last output aside never stops a build: what cannot be moved
    stays where it is, for MkDocs' own cleaning to delete or to report."""
    from rapportarkiv.plan import output

    site = tmp_path / "site"
    for name in ("index.html", "rapporter", "last"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    renamed = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self.name == "last":
            raise PermissionError(13, "Permission denied", str(self))
        return renamed(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    clearing = output.clear_in_background(site)
    assert clearing is not None
    assert clearing.process.wait() == 0 and not clearing.trash.exists()
    assert sorted(entry.name for entry in site.iterdir()) == ["last"]

    def read_only(**_: object) -> str:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(output.tempfile, "mkdtemp", read_only)
    assert output.clear_in_background(site) is None
    assert (site / "last").exists()
