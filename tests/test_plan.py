"""The build's plan runs without a site generator: a build is a sequence of calls.

MkDocs' hook only translates its events into these calls (hooks/mkdocs_adapter.py);
driving them directly shows that what the site holds, what is rendered where and
what the output folder keeps are the core's decisions.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from factory import SERIES, commit_if_untracked, new_docs, write_report

from rapportarkiv.plan import Build, BuildFault, Session, output

NOW = "2030-01-01T00:00:00+00:00"
YEAR = f"rapporter/{SERIES}/2024"


def _archive(root: Path) -> Path:
    docs = new_docs(root)
    for day, slug in ((3, "forsta"), (10, "andra")):
        write_report(docs, slug, title=f"Rapport {slug}", when=datetime(2024, 10, day, 14, 0))
    write_report(docs, "utkast", title="Utkast", when=datetime(2024, 10, 17, 14, 0), draft=True)
    commit_if_untracked(docs)
    return docs


def _load(session: Session, docs: Path, site: Path, *, preview: object = False) -> Build:
    build = session.load(docs, site, "https://rapporter.example.se/", preview=preview, audience=None, now=NOW)
    session.accept(build)
    return build


def _core_pages(build: Build, docs: Path) -> list[str]:
    """What a generator would list: the docs folder's Markdown and the generated pages."""
    files = [p.relative_to(docs).as_posix() for p in sorted(docs.rglob("*.md"))]
    files = [src for src in files if not build.drops(src)] + [src for src, _ in build.generated_pages()]
    return [src for src in files if build.owns(src)]


def test_a_build_without_a_generator(tmp_path: Path) -> None:
    docs, site = _archive(tmp_path), tmp_path / "site"
    (site / "rapporter").mkdir(parents=True)
    (site / "rapporter" / "borttagen.html").write_text("den förra byggets sida", encoding="utf-8")
    session = Session()
    session.start("build", False)
    build = _load(session, docs, site)

    assert build.drops(f"{YEAR}/2024-10-17-utkast.md") and build.drops(f"rapporter/{SERIES}/serie.yml")
    assert not build.drops(f"{YEAR}/2024-10-10-andra.md") and not build.drops("om.md")
    assert not build.owns("om.md")  # the site's own pages are the generator's
    head = build.head(f"{YEAR}/2024-10-10-andra.md")
    assert (head.title, head.description, head.noindex) == ("Rapport andra", "Sammanfattning av Rapport andra.", False)
    assert build.modified(f"{YEAR}/2024-10-10-andra.md") is None  # a full build renders everything
    assert build.renders_sitemap and not build.preview

    pages = _core_pages(build, docs)
    build.render(pages)
    content = {src: build.take(src) for src in pages}
    assert "Rapport andra" in str(content[f"{YEAR}/2024-10-10-andra.md"])
    session.finish()

    assert sorted(p.relative_to(site).as_posix() for p in site.iterdir()) == [
        "flode", "kalender", "pagefind", "rapporter", "reports.json"]  # kalender/, rapporter/<serie>/: kalender.ics
    assert b"Rapport andra" in (site / "reports.json").read_bytes()
    assert session.current is None and session.last is build.site


def test_errors_stop_the_build_before_the_last_output_is_touched(tmp_path: Path) -> None:
    docs, site = _archive(tmp_path), tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("förra bygget", encoding="utf-8")
    path = docs / YEAR / "2024-10-10-andra.md"
    path.write_text(path.read_text(encoding="utf-8").replace("type: regular", "type: vecka"), encoding="utf-8")
    session = Session()
    build = session.load(docs, site, "", preview=False, audience=None, now=NOW)
    with pytest.raises(BuildFault, match="Bygget stoppades"):
        session.accept(build)
    assert (site / "index.html").exists() and session.last is None and session.current is None


def test_a_preview_goes_on_with_errors_and_shows_them_until_a_build_has_none(tmp_path: Path) -> None:
    docs, site = _archive(tmp_path), tmp_path / "site"
    path = docs / YEAR / "2024-10-10-andra.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("type: regular", "type: vecka"), encoding="utf-8")
    session = Session()
    session.start("serve", True)
    build = _load(session, docs, site)  # accepted: the server must answer
    assert session.page is not None and "RA104" in session.page and "2024-10-10-andra.md" in session.page
    # Built from the reports that pass: the broken one is left out, not rendered half.
    assert build.site.report(f"{YEAR}/2024-10-10-andra.md") is None
    assert build.site.report(f"{YEAR}/2024-10-03-forsta.md") is not None
    build.render(_core_pages(build, docs))
    session.finish()
    path.write_text(text, encoding="utf-8")
    fixed = _load(session, docs, site)
    assert session.page is None and fixed.site.report(f"{YEAR}/2024-10-10-andra.md") is not None
    fixed.close()


def test_a_preview_build_that_fails_shows_why_and_starts_the_next_one_over(tmp_path: Path) -> None:
    docs, site = _archive(tmp_path), tmp_path / "site"
    session = Session()
    session.start("serve", True)
    build = _load(session, docs, site)
    build.render(_core_pages(build, docs))
    session.finish()
    assert session.last is build.site
    # A fault in our code: its details go to a file, the page says where.
    _load(session, docs, site)
    session.abort(RuntimeError("planted"))
    where = session.failed("Traceback: planted")
    assert where == tmp_path / ".rapportarkiv-cache" / "serve-error.log"
    assert where.read_text(encoding="utf-8") == "Traceback: planted"
    assert session.page is not None and str(where) in session.page and "planted" not in session.page
    assert session.last is None, "the next build is a full one: this one's output may be half written"
    # A fault said in Swedish is shown as said, and writes no details.
    where.unlink()
    _load(session, docs, site).close()
    session.abort(PermissionError(13, "Permission denied", str(site / "index.html")))
    assert session.failed("Traceback") is None and not where.exists()
    assert session.page is not None and "behörighet saknas" in session.page


def test_settings_and_history_faults_are_build_faults(tmp_path: Path) -> None:
    docs = new_docs(tmp_path)  # not a repository: a production build has no history
    with pytest.raises(BuildFault, match="RAPPORTARKIV_AUDIENCE"):
        Session().load(docs, tmp_path / "site", "", preview=False, audience="alla", now=NOW)
    with pytest.raises(BuildFault):
        Session().load(docs, tmp_path / "site", "", preview=False, audience=None, now=NOW)


def test_a_preview_rebuild_starts_from_the_last_build_and_renders_only_what_changed(tmp_path: Path) -> None:
    docs, site = _archive(tmp_path), tmp_path / "site"
    session = Session()
    session.start("serve", True)
    first = _load(session, docs, site)
    assert first.preview and first.previous is None  # serving always shows drafts
    first.render(_core_pages(first, docs))
    session.finish()

    path = docs / YEAR / "2024-10-10-andra.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Rapport andra", "title: Rapport två"),
                    encoding="utf-8")
    again = _load(session, docs, site)
    assert again.previous is first.site and not again.renders_sitemap
    assert again.modified(f"{YEAR}/2024-10-03-forsta.md") is True  # its neighbour's title changed
    assert again.modified(f"{YEAR}/2024-10-10-andra.md") is None  # its own file: the generator sees it
    session.abort(KeyboardInterrupt())
    assert session.current is None


def test_leftovers_of_an_interrupted_build_are_not_published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    left = site / f"{output.TRASH}avbruten"
    left.mkdir(parents=True)
    (left / "index.html").write_text("gammal", encoding="utf-8")
    assert output.no_leftovers(site) is None and not left.exists()

    left.mkdir()
    monkeypatch.setattr(output.shutil, "rmtree", lambda *args, **kwargs: None)  # it cannot be deleted
    assert output.no_leftovers(site) == left
