"""Archival copies: every published version as PDF/A-2a, checked as an archive would.

The seed report in two versions (published, then corrected) and a report with
every field are rendered from a real git history through the site's one
pipeline; each PDF is opened with pikepdf (identification, output intent,
fonts, structure, language, no encryption, no JavaScript, no external
references, metadata that agrees with the report) and read back with
pdftotext. A full PDF/A conformance check needs veraPDF, which is not
installed here (see the README).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pikepdf
import pytest
from factory import REPO, SEED, GitRepo, build, copy_site_pages, full_report, report_rel, seed_report

from rapportarkiv import cli, delivery
from rapportarkiv import site as core
from rapportarkiv.catalogue import ARCHIVAL, LABELS
from rapportarkiv.plan import Session
from rapportarkiv.render import archival
from rapportarkiv.settings import OptionsError, options, read_pdf_variant

SITE_URL = "https://rapporter.example.se/arkiv/"
NOW = "2026-07-01T12:00:00+02:00"
FULL = report_rel("2024-10-17 14:00", "varje-uppgift")
CORRECTION = "Kommunernas begäran är formell."
PDFA_ID = "{http://www.aiim.org/pdfa/ns/id/}"
DC = "{http://purl.org/dc/elements/1.1/}"


def _archive(root: Path) -> GitRepo:
    """The seed report published and then corrected; a report with every field."""
    repo = GitRepo(root)
    seed = (REPO / "docs" / SEED).read_text(encoding="utf-8")
    repo.pr("Extrainsatt rapport om Sjuhärad", {SEED: seed})
    corrected = seed.replace(
        "\n---\n", f"\n  - date: 2024-10-15 10:00\n    note: {CORRECTION}\n---\n", 1
    ).replace("begär därför att få ansluta sig", "begär därför formellt att få ansluta sig")
    repo.pr("Rättelse", {SEED: corrected})
    repo.pr("Rapport med varje uppgift", {FULL: full_report()})
    return repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    return _archive(tmp_path_factory.mktemp("archival"))


@pytest.fixture(scope="module")
def made(repo: GitRepo) -> tuple[core.Site, dict[str, bytes]]:
    site = core.build(repo.docs, options(now=NOW), SITE_URL, archival_copies=True)
    assert not site.collection.errors, site.collection.problems
    return site, {url: site.copies.get(copy) for url, copy in site.archived.items()}


def _url(rel: str, number: int) -> str:
    return archival.copy_url(rel.rsplit(".", 1)[0] + "/", number)


def text_of(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "copy.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return re.sub(r"\s+", " ", done.stdout.decode("utf-8"))


def fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"]


def embedded(font: pikepdf.Dictionary) -> bool:
    if font.get("/Subtype") == "/Type0":
        return all(isinstance(d, pikepdf.Dictionary) and embedded(d) for d in font.DescendantFonts)
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def dictionaries(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every dictionary in the file, the direct ones inside others too (a link's action)."""
    found: list[pikepdf.Dictionary] = []
    seen: set[tuple[int, int]] = set()

    def walk(obj: object) -> None:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
            if obj.is_indirect:
                if obj.objgen in seen:
                    return
                seen.add(obj.objgen)
            if isinstance(obj, pikepdf.Array):
                for item in obj:
                    walk(item)
                return
            if isinstance(obj, pikepdf.Dictionary):
                found.append(obj)
            for key in obj.keys():
                if key not in ("/Parent", "/P"):
                    walk(obj[key])

    walk(pdf.trailer)
    return found


def check_archival(data: bytes, report_title: str, owner: str, address: str) -> None:
    """What an archive asks of every copy, checked in the file itself."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not pdf.is_encrypted and "/Encrypt" not in pdf.trailer
        with pdf.open_metadata() as xmp:
            assert xmp.get(f"{PDFA_ID}part") == "2" and xmp.get(f"{PDFA_ID}conformance") == "A"
            assert xmp.get(f"{DC}title") == report_title
            assert owner in str(xmp.get(f"{DC}creator"))
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and "sRGB" in str(intent.OutputConditionIdentifier)
        assert intent.DestOutputProfile.read_bytes()[36:40] == b"acsp"  # an ICC profile
        found = fonts(pdf)
        assert found and all(embedded(font) for font in found)
        assert "/StructTreeRoot" in pdf.Root and bool(pdf.Root.MarkInfo.Marked)
        assert str(pdf.Root.Lang) == "sv"
        raw = b"".join(obj.unparse() for obj in pdf.objects if not isinstance(obj, pikepdf.Stream))
        for key in (b"/JavaScript", b"/JS", b"/Launch", b"/GoToR", b"/ImportData", b"/SubmitForm",
                    b"/EmbeddedFiles", b"/Filespec", b"/AA", b"/OpenAction"):
            assert key not in raw, key
        uris = [str(obj.URI) for obj in dictionaries(pdf) if "/URI" in obj]
        assert address in uris
        assert all(re.match(r"^(https?|mailto|tel):", uri) for uri in uris), uris


def test_a_link_to_another_report_is_its_address_on_the_site(made: tuple[core.Site, dict[str, bytes]]) -> None:
    """The copy's prose goes through markdown.prose, as the page and the feeds: a link to
    another report's file is that report's absolute address; one to nothing published is text."""
    site, _ = made
    copy = site.archived[_url(FULL, 1)]
    body = (f"Se [den extrainsatta rapporten]({SEED.rsplit('/', 1)[1]}) och "
            "[ett utkast](2024-10-30-finns-inte.md).\n")
    linked = replace(copy, report=replace(copy.report, body=body))
    seed_address = SITE_URL + SEED.removesuffix(".md") + "/"
    assert f'href="{seed_address}"' in linked.body and "finns-inte" not in linked.body
    assert "ett utkast" in linked.body and linked.key != copy.key
    with pikepdf.open(io.BytesIO(archival.render(linked))) as pdf:
        assert seed_address in [str(obj.URI) for obj in dictionaries(pdf) if "/URI" in obj]


def test_every_published_version_has_a_copy(made: tuple[core.Site, dict[str, bytes]]) -> None:
    site, copies = made
    assert sorted(copies) == sorted([_url(SEED, 1), _url(SEED, 2), _url(FULL, 1)])


@pytest.mark.parametrize("rel, number", [(SEED, 1), (SEED, 2), (FULL, 1)])
def test_each_copy_is_pdfa_2a_tagged_swedish_and_self_contained(
    made: tuple[core.Site, dict[str, bytes]], rel: str, number: int,
) -> None:
    site, copies = made
    copy = site.archived[_url(rel, number)]
    check_archival(copies[copy.url], copy.report.title, copy.series.owner, f"{SITE_URL}{rel[:-3]}/")


def test_the_metadata_agrees_with_the_report(made: tuple[core.Site, dict[str, bytes]]) -> None:
    site, copies = made
    copy = site.archived[_url(FULL, 1)]
    with pikepdf.open(io.BytesIO(copies[copy.url])) as pdf, pdf.open_metadata() as xmp:
        assert xmp.get(f"{DC}description") == copy.report.description
        keywords = str(xmp.get("{http://ns.adobe.com/pdf/1.3/}Keywords"))
        assert all(word in keywords for word in ("Millennium", "kommunerna", "tidplan", copy.series.name))
        assert str(xmp.get("{http://ns.adobe.com/xap/1.0/}CreateDate")).startswith("2024-10-17T14:00:00")
        assert str(xmp.get("{http://ns.adobe.com/xap/1.0/}ModifyDate")).startswith(copy.published.date().isoformat())


def test_the_text_actions_and_spokespersons_are_all_there(
    made: tuple[core.Site, dict[str, bytes]], tmp_path: Path,
) -> None:
    site, copies = made
    full = site.archived[_url(FULL, 1)]
    text = text_of(copies[full.url], tmp_path)
    for section in ("Beskrivning av händelsen", "Kända omständigheter", "Verksamhetens kommentar"):
        assert f"Under veckan har arbetet med {section.lower()} fortsatt enligt plan" in text
    for action in full.report.communication:
        assert action.text in text and action.channel in text
    assert "Kommande" in text and "Genomförd" in text and "Internt" in text and "Externt" in text
    assert "Karin Looström Muth, hälso- och sjukvårdsutvecklingsdirektör, VGR" in text
    assert "Åsa Öberg, presschef" in text
    assert "Med anledning av ett beslut i regionstyrelsen" in text
    assert "Talespersonen är tillagd." in text  # the correction note
    assert "Rapporten har återkallats" in text and "Ersatt av veckorapporten." in text
    assert "Sammanställd torsdag 17 oktober 2024 kl. 14:00" in text
    assert "Koncernstab kommunikation, Koncernkontoret" in text  # the organisation
    assert LABELS["about"].format(name=full.series.name) in text
    assert "Klassning: Intern" in text and "Sida 1 av 2" in text and "Sida 2 av 2" in text
    assert f"{SITE_URL}{FULL[:-3]}/" in text.replace(" ", "")  # the report's address (wrapped)


def test_each_version_shows_its_own_text_and_correction(
    made: tuple[core.Site, dict[str, bytes]], tmp_path: Path,
) -> None:
    site, copies = made
    first = text_of(copies[_url(SEED, 1)], tmp_path)
    second = text_of(copies[_url(SEED, 2)], tmp_path)
    assert "begär därför att få ansluta sig" in first and "formellt" not in first
    assert "begär därför formellt att få ansluta sig" in second
    assert CORRECTION not in first and CORRECTION in second
    assert "Version 1, publicerad" in first and "Version 2, publicerad" in second
    for text in (first, second):
        assert "Mejlutskick program Millennium" in text and "Extern nyhetstext Vårdskiftet" in text
        assert "Karin Looström Muth" in text
        # Every page carries the classification and its number.
        pages = int(re.search(r"Sida 1 av (\d+)", text).group(1))  # type: ignore[union-attr]
        assert pages >= 2 and text.count("Klassning: Intern") == pages
        assert all(f"Sida {n} av {pages}" in text for n in range(1, pages + 1))


def test_a_previews_rebuild_writes_no_copy_that_did_not_change(
    repo: GitRepo, made: tuple[core.Site, dict[str, bytes]],
) -> None:
    """An author's edit is not a published version: its copies stay as they were."""
    site, _ = made
    path = repo.docs / FULL
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original.replace("fortsatt enligt plan", "fortsatt helt enligt plan"), encoding="utf-8")
        again = core.build(repo.docs, options(now=NOW, preview=True), SITE_URL, previous=site, archival_copies=True)
        assert [url for url in again.static_urls(site) if url.endswith(".pdf")] == []
        assert {u: c.key for u, c in again.archived.items()} == {u: c.key for u, c in site.archived.items()}
        assert len([url for url in again.static_urls() if url.endswith(".pdf")]) == 3  # a full build writes all
    finally:
        path.write_text(original, encoding="utf-8")


def test_the_same_version_gives_the_same_bytes(made: tuple[core.Site, dict[str, bytes]]) -> None:
    site, copies = made
    copy = site.archived[_url(SEED, 1)]
    assert archival.render(copy) == copies[copy.url]


HOSTILE_BODY = {
    "Beskrivning av händelsen": (
        "Före <script>alert('x')</script> efter. <img src=\"http://evil.example/spår.png\" alt=\"Bild från servern\">\n\n"
        "<span style=\"background:url(file:///etc/passwd)\">Stilen</span> och [en länk](javascript:alert(1)) "
        "och [en annan](file:///etc/passwd)."
    ),
}


def test_hostile_text_loads_nothing_and_runs_nothing(made: tuple[core.Site, dict[str, bytes]], tmp_path: Path) -> None:
    site, _ = made
    copy = site.archived[_url(FULL, 1)]
    body = "## Beskrivning av händelsen\n\n" + HOSTILE_BODY["Beskrivning av händelsen"] + "\n"
    hostile = replace(copy, report=replace(copy.report, body=body, title="<script>alert(1)</script> & ”citat”"))
    refuser = archival.Refuser()
    data = archival.render(hostile, refuser)
    # The image on another server was asked for and refused: nothing was fetched or embedded.
    assert refuser.asked == ["http://evil.example/sp%C3%A5r.png"] or refuser.asked == ["http://evil.example/spår.png"]
    text = text_of(data, tmp_path)
    assert "Bild från servern" in text  # its alternative text stands in for it
    assert "root:" not in text and "alert('x')" not in text
    assert "<script>alert(1)</script> & ”citat”" in text  # the title is text, not markup
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not any(isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image" for o in pdf.objects)
    check_archival(data, hostile.report.title, copy.series.owner, copy.address)


def test_a_stylesheet_url_reaches_the_refuser_and_nothing_is_read() -> None:
    """Below the sanitiser: even a document with url()s of local files loads none of them."""
    html = ("<!DOCTYPE html><html lang='sv'><head><title>x</title><style>body { background: url(file:///etc/passwd) }"
            "@import url(http://evil.example/a.css);</style><link rel='stylesheet' href='file:///etc/hostname'>"
            "</head><body><p>Text</p><img src='file:///etc/passwd'></body></html>")
    refuser = archival.Refuser()
    data = archival.pdf(html, "pdf/a-2a", None, refuser)
    assert "file:///etc/passwd" in refuser.asked and "file:///etc/hostname" in refuser.asked
    assert b"root:" not in data


def test_another_conformance_level_is_one_setting_away(made: tuple[core.Site, dict[str, bytes]]) -> None:
    site, _ = made
    copy = replace(site.archived[_url(SEED, 1)], variant=read_pdf_variant("PDF/A-3b"))
    with pikepdf.open(io.BytesIO(archival.render(copy))) as pdf, pdf.open_metadata() as xmp:
        assert xmp.get(f"{PDFA_ID}part") == "3" and xmp.get(f"{PDFA_ID}conformance") == "B"
    assert copy.key != site.archived[_url(SEED, 1)].key
    assert read_pdf_variant("") == "pdf/a-2a"
    with pytest.raises(OptionsError, match="RAPPORTARKIV_PDF_VARIANT"):
        read_pdf_variant("pdf/x-4")


def test_a_damaged_kept_copy_is_rendered_again(made: tuple[core.Site, dict[str, bytes]], tmp_path: Path) -> None:
    site, copies = made
    copy = site.archived[_url(SEED, 1)]
    kept = archival.Copies(tmp_path / "kept")
    kept._keep(copy.key, copies[copy.url])
    path = tmp_path / "kept" / f"{copy.key}.pdf"
    path.write_bytes(path.read_bytes()[:-100])  # an interrupted write, or a changed byte
    assert kept.kept(copy.key) is None
    assert kept.get(copy) == copies[copy.url] and kept.rendered == 1
    whole = path.read_bytes()
    assert kept.kept(copy.key) == copies[copy.url]
    path.unlink()
    (tmp_path / "elsewhere.pdf").write_bytes(whole)
    path.symlink_to(tmp_path / "elsewhere.pdf")  # a planted link is never followed, even to a whole copy
    assert kept.kept(copy.key) is None


# --- The build ------------------------------------------------------------------------------
def test_the_samples_production_build_makes_copies_and_a_preview_server_does_not(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The copies cost a second each, so tests and previews go without; publishing must not."""
    from mkdocs.utils.yaml import yaml_load

    monkeypatch.delenv("RAPPORTARKIV_ARCHIVAL_COPIES", raising=False)
    setting = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["archival_copies"]
    public = yaml_load((REPO / "mkdocs.public.yml").read_text(encoding="utf-8"))
    assert "archival_copies" not in public.get("extra", {})  # the public build inherits it
    publish = yaml_load((REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = [step for job in publish["jobs"].values() for step in job["steps"]]
    assert all("RAPPORTARKIV_ARCHIVAL_COPIES" not in step.get("env", {}) for step in steps)
    # What the hook does with it: `mkdocs build` makes and links every copy, `mkdocs serve` none.
    for command, made in (("build", 3), ("serve", 0)):
        session = Session()
        session.start(command, False)
        loaded = session.load(repo.docs, repo.root / "site", SITE_URL, preview=False, audience=None, now=NOW,
                              archival_copies=setting)
        assert len(loaded.site.archived) == made and loaded.site.makes_copies is bool(made)
        page = loaded.site.page_html(SEED) or ""
        assert (ARCHIVAL["download"] in page) is bool(made)
        loaded.close()

def _cached(root: Path) -> set[str]:
    return {p.name for p in (root / ".rapportarkiv-cache").glob("pdf-*/*.pdf")}


@pytest.mark.slow
def test_the_build_publishes_and_links_each_copy_and_renders_only_what_is_new(tmp_path: Path) -> None:
    repo = _archive(tmp_path / "repo")
    copy_site_pages(repo.docs)
    build(repo.docs, build_time=NOW, archival_copies=True)
    site = repo.root / "site"
    page = (site / SEED[:-3] / "index.html").read_text(encoding="utf-8")
    label = ARCHIVAL["download"]
    link = re.search(rf'<a href="([^"]+)" type="application/pdf">{re.escape(label)}</a>', page)
    assert link and (site / SEED[:-3] / link.group(1)).resolve() == (site / _url(SEED, 2)).resolve()
    old = (site / SEED[:-3] / "versioner" / "1" / "index.html").read_text(encoding="utf-8")
    old_label = ARCHIVAL["download.version"].format(number=1)  # "Ladda ned version 1 som PDF (arkivformat)"
    old_link = re.search(rf'<a href="([^"]+)" type="application/pdf">{re.escape(old_label)}</a>', old)
    assert old_link and (site / SEED[:-3] / "versioner" / "1" / old_link.group(1)).resolve() == (site / _url(SEED, 1)).resolve()
    for url in (_url(SEED, 1), _url(SEED, 2), _url(FULL, 1)):
        assert (site / url).read_bytes().startswith(b"%PDF-")
    first = _cached(repo.root)
    assert len(first) == 3

    # A merge with one new report renders one copy; the others are taken as kept.
    new = report_rel("2024-10-24 14:00", "vecka-43")
    repo.pr("Vecka 43", {new: seed_report("Vecka 43", "2024-10-24 14:00")})
    build(repo.docs, build_time=NOW, archival_copies=True)
    second = _cached(repo.root)
    assert first < second and len(second - first) == 1
    assert (site / _url(new, 1)).read_bytes().startswith(b"%PDF-")

    # A kept copy that was damaged is rendered again; a deleted cache is rebuilt whole.
    damaged = next((repo.root / ".rapportarkiv-cache").glob("pdf-*/*.pdf"))
    damaged.write_bytes(b"rapportarkiv-pdf 1\n0\n%PDF-broken")
    shutil.rmtree(site)
    build(repo.docs, build_time=NOW, archival_copies=True)
    assert _cached(repo.root) == second
    assert all((site / url).read_bytes().startswith(b"%PDF-") for url in (_url(SEED, 1), _url(new, 1)))
    assert damaged.read_bytes() != b"rapportarkiv-pdf 1\n0\n%PDF-broken"


@pytest.mark.slow
def test_the_public_build_has_copies_of_public_versions_only(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo", start=datetime.fromisoformat("2024-10-11T16:00:00+02:00"))
    internal = report_rel("2024-10-17 14:00", "intern")
    public = report_rel("2024-10-24 14:00", "oppen")
    repo.pr("Två rapporter", {internal: seed_report("Intern rapport", "2024-10-17 14:00"),
                              public: seed_report("Öppen rapport", "2024-10-24 14:00", classification="public")})
    copy_site_pages(repo.docs)
    build(repo.docs, build_time=NOW, archival_copies=True, config_file="mkdocs.public.yml")
    site = repo.root / "site"
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.pdf")) == [_url(public, 1)]
    assert "Klassning: Öppen" in text_of((site / _url(public, 1)).read_bytes(), tmp_path)


# --- The delivery to the registrar ------------------------------------------------------------
def _export(repo: GitRepo, since: str, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(["arkiv", "export", "--since", since, "--docs", str(repo.docs), "--site-url", SITE_URL, str(out)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_delivery_holds_every_version_with_a_manifest_whose_hashes_verify(
    repo: GitRepo, made: tuple[core.Site, dict[str, bytes]], tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    _, copies = made
    out = tmp_path / "leverans"
    code, said = _export(repo, "", out, capsys)
    assert code == 0, said
    assert "Skrev 3 versioner av 2 rapporter" in said
    manifest = json.loads((out / delivery.MANIFEST_JSON).read_text(encoding="utf-8"))
    rows = manifest["versions"]
    assert [(r["pdf"], r["version"]) for r in rows] == [
        (_url(SEED, 1), 1), (_url(SEED, 2), 2), (_url(FULL, 1), 1)]
    for row in rows:
        pdf, source = (out / row["pdf"]).read_bytes(), (out / row["source"]).read_bytes()
        assert hashlib.sha256(pdf).hexdigest() == row["pdf_sha256"] and pdf == copies[row["pdf"]]
        assert hashlib.sha256(source).hexdigest() == row["source_sha256"]
        rel = SEED if row["pdf"].startswith(SEED[:-3]) else FULL
        assert source.decode() == repo.git("show", f"{row['commit']}:docs/{rel}") + "\n"
        assert row["classification"] == "internal" and row["series"] == "regional-rapport-millennium-2024"
        assert row["conformance"] == "pdf/a-2a" and row["address"] == f"{SITE_URL}{rel[:-3]}/"
    assert rows[1]["correction"] == CORRECTION and rows[1]["title"] == rows[0]["title"]
    assert rows[2]["compiled"] == "2024-10-17T14:00:00+02:00" and rows[2]["type"] == "extra"
    table = list(csv.reader(io.StringIO((out / delivery.MANIFEST_CSV).read_bytes().decode("utf-8-sig"))))
    assert table[0][:4] == ["id", "rapport", "version", "rubrik"] and len(table) == 4
    assert [line[table[0].index("pdf sha256")] for line in table[1:]] == [r["pdf_sha256"] for r in rows]


def test_the_delivery_since_a_reference_and_a_rerun_are_exact(
    repo: GitRepo, made: tuple[core.Site, dict[str, bytes]], tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    first_merge = repo.git("rev-list", "--first-parent", "--reverse", "main").split()[1]
    out = tmp_path / "leverans"
    assert _export(repo, first_merge, out, capsys)[0] == 0
    rows = json.loads((out / delivery.MANIFEST_JSON).read_text(encoding="utf-8"))["versions"]
    assert [r["pdf"] for r in rows] == [_url(SEED, 2), _url(FULL, 1)]
    before = _tree(out)
    assert _export(repo, first_merge, out, capsys)[0] == 0
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leverans"]  # nothing left beside it
    code, said = _export(repo, "main", out, capsys)
    assert code == 0 and "Inga versioner har publicerats sedan main" in said
    assert json.loads((out / delivery.MANIFEST_JSON).read_text(encoding="utf-8"))["versions"] == []


def test_an_interrupted_delivery_leaves_no_half_files(
    repo: GitRepo, made: tuple[core.Site, dict[str, bytes]], tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "leverans"
    assert _export(repo, "", out, capsys)[0] == 0
    before = _tree(out)

    def interrupted(*args: object) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(delivery, "manifest_json", interrupted)
    assert _export(repo, "", out, capsys)[0] == 130
    assert _tree(out) == before  # the earlier delivery, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leverans"]
    fresh = tmp_path / "ny"
    assert _export(repo, "", fresh, capsys)[0] == 130
    assert not fresh.exists()


def test_a_delivery_refuses_what_it_cannot_do(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    code, said = _export(repo, "finns-inte", tmp_path / "a", capsys)
    assert code == 2 and "Hittar inte finns-inte i git" in said and "Traceback" not in said
    foreign = tmp_path / "annat"
    foreign.mkdir()
    (foreign / "viktigt.txt").write_text("behåll", encoding="utf-8")
    code, said = _export(repo, "", foreign, capsys)
    assert code == 2 and "inte en tidigare leverans" in said
    assert (foreign / "viktigt.txt").read_text(encoding="utf-8") == "behåll"
    link = tmp_path / "länk"
    link.symlink_to(foreign)  # a link is never written through, nor replaced
    code, said = _export(repo, "", link, capsys)
    assert code == 2 and link.is_symlink() and sorted(p.name for p in foreign.iterdir()) == ["viktigt.txt"]


def test_the_manifest_csv_never_hands_a_spreadsheet_a_formula() -> None:
    row = {key: "x" for key in delivery.COLUMNS} | {"title": "=HYPERLINK(\"http://evil.example\")", "correction": "-1+1"}
    table = list(csv.reader(io.StringIO(delivery.manifest_csv([row]).decode("utf-8-sig"))))
    assert table[1][delivery.COLUMNS.index("title")] == "'=HYPERLINK(\"http://evil.example\")"
    assert table[1][delivery.COLUMNS.index("correction")] == "'-1+1"
    assert json.loads(delivery.manifest_json([row], ""))["versions"][0]["title"].startswith("=HYPERLINK")


def test_a_page_of_the_copy_for_the_readme(made: tuple[core.Site, dict[str, bytes]], tmp_path: Path) -> None:
    """The first page of the corrected seed report's copy, as pdftoppm draws it: docs-dev/screenshots/arkivkopia.png."""
    _, copies = made
    source = tmp_path / "copy.pdf"
    source.write_bytes(copies[_url(SEED, 2)])
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(source),
                    str(tmp_path / "page")], check=True)
    image = (tmp_path / "page.png").read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n" and 20_000 < len(image) < 400_000
    target = REPO / "docs-dev" / "screenshots" / "arkivkopia.png"
    if not target.exists() or target.read_bytes() != image:
        target.write_bytes(image)


@pytest.mark.slow
def test_a_copy_that_cannot_be_made_stops_the_build_with_a_swedish_message(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    rel = report_rel("2024-10-17 14:00", "vecka-42")
    repo.pr("Vecka 42", {rel: seed_report("Vecka 42")})
    copy_site_pages(repo.docs)
    failing = ("import rapportarkiv.render.archival as archival\n"
               "def fail(*args, **kwargs):\n    raise ValueError('sidan gick inte att bryta')\n"
               "archival.render = fail")
    done = build(repo.docs, check=False, build_time=NOW, archival_copies=True, prelude=failing)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert f"arkivkopian av {rel} (version 1) kunde inte skapas: ValueError: sidan gick inte att bryta" in done.stderr
    missing = "import sys\nsys.modules['weasyprint'] = None  # as if it were not installed"
    done = build(repo.docs, check=False, build_time=NOW, archival_copies=True, prelude=missing)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "WeasyPrint eller Pango saknas" in done.stderr and "./dev install" in done.stderr
