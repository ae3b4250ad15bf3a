"""A preview server (`mkdocs serve --dirty`) re-renders what an edit changed,
and only that: the edited report, its neighbours and the lists it is in."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from factory import GENERATOR, SERIES, PreviewServer, base_env, mkdocs_config, new_docs, write_report
from rapportarkiv import site as core
from rapportarkiv.catalogue import PREVIEW
from rapportarkiv.render import ics

YEAR = f"rapporter/{SERIES}/2024"


def archive(root: Path) -> Path:
    docs = new_docs(root)
    for day, slug in ((3, "forsta"), (10, "andra"), (17, "tredje"), (24, "fjarde")):
        write_report(docs, slug, title=f"Rapport {slug}", when=datetime(2024, 10, day, 14, 0), tags=[slug])
    return docs


def built(docs: Path) -> core.Site:
    options = core.options(preview=True, now="2030-01-01T00:00:00+00:00")
    return core.build(docs, options, "http://127.0.0.1/", with_history=False)


def retitle_andra(docs: Path) -> None:
    """The author's edit in these tests: the second report gets a new title."""
    path = docs / YEAR / "2024-10-10-andra.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Rapport andra", "title: Rapport två"),
                    encoding="utf-8")


def test_an_edit_refreshes_the_neighbours_and_keeps_the_rest(tmp_path: Path) -> None:
    docs = archive(tmp_path)
    before = built(docs)
    retitle_andra(docs)
    after = built(docs)
    # The edited file itself is MkDocs' to notice; its neighbours show its title.
    assert after.pages_to_refresh(before) == {f"{YEAR}/2024-10-03-forsta.md", f"{YEAR}/2024-10-17-tredje.md"}
    unchanged = after.unchanged_pages(before)
    assert "taggar/fjarde/index.md" in unchanged and "taggar/forsta/index.md" in unchanged
    assert "taggar/andra/index.md" not in unchanged  # lists the edited report
    assert f"{YEAR}/index.md" not in unchanged
    assert "index.md" not in unchanged and "rapporter/index.md" not in unchanged


def test_a_prose_correction_leaves_every_list_alone(tmp_path: Path) -> None:
    docs = archive(tmp_path)
    before = built(docs)
    path = docs / YEAR / "2024-10-10-andra.md"
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("\n## ")
    path.write_text(f"{head}\n## {rest.replace(chr(10) * 2, chr(10) * 2 + 'En rättad mening. ', 1)}", encoding="utf-8")
    after = built(docs)
    corrected, original = after.report(f"{YEAR}/2024-10-10-andra.md"), before.report(f"{YEAR}/2024-10-10-andra.md")
    assert corrected is not None and original is not None and corrected.body != original.body
    assert after.pages_to_refresh(before) == set()
    lists = {s for s, spec in after.generated.items() if spec.kind != "home"}
    assert lists <= after.unchanged_pages(before)
    # The start page shows the latest report in full, and this is not it.
    assert "index.md" in after.unchanged_pages(before)


def test_nothing_changed_means_nothing_to_refresh(tmp_path: Path) -> None:
    docs = archive(tmp_path)
    before, after = built(docs), built(docs)
    assert after.pages_to_refresh(before) == set()
    assert {s for s, spec in after.generated.items() if spec.inputs is not None} <= after.unchanged_pages(before)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
        return response.read().decode("utf-8")


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if text in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared at {url}")


def test_serve_rebuilds_after_an_edit(tmp_path: Path) -> None:
    docs = archive(tmp_path)
    write_report(docs, "utkast", title="Ett utkast", when=datetime(2024, 10, 25, 9, 0), draft=True)
    port = _free_port()
    config = mkdocs_config(docs, site_url=f"http://127.0.0.1:{port}/")
    server = subprocess.Popen(
        [sys.executable, "-m", GENERATOR, "serve", "--dirty", "-f", str(config),
         "-a", f"127.0.0.1:{port}"],
        env=base_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    output = ""
    try:
        _wait_for(f"{base}/{YEAR}/2024-10-17-tredje/", "Rapport tredje")
        time.sleep(1.1)  # a new modification time, whatever the file system's granularity
        retitle_andra(docs)
        _wait_for(f"{base}/{YEAR}/2024-10-10-andra/", "Rapport två")
        # The neighbour's previous-link shows the new title: it was re-rendered too.
        _wait_for(f"{base}/{YEAR}/2024-10-17-tredje/", "Rapport två")
        # So do the feeds and the index, written after the pages.
        _wait_for(f"{base}/flode/alla.atom.xml", "Rapport två")
        _wait_for(f"{base}/reports.json", "Rapport två")
        # Still a preview after the rebuild: the draft is there, marked.
        assert "Utkast" in _get(f"{base}/{YEAR}/2024-10-25-utkast/")
    except AssertionError as err:
        server.terminate()
        raise AssertionError(f"{err}\n{server.communicate(timeout=20)[0]}") from None
    finally:
        if server.poll() is None:
            server.terminate()
            output = server.communicate(timeout=20)[0]
    assert "Traceback" not in output, output


def published(site: core.Site, previous: core.Site | None = None) -> dict[str, bytes]:
    """Every static file of ``site``, rendered or kept and then remembered, as the hooks do."""
    out = {url: site.static_file(url, previous) for url in site.static_urls()}
    for url, content in out.items():
        site.keep_static(url, content)
    return out


def test_feeds_and_index_are_rendered_again_only_when_they_change(tmp_path: Path) -> None:
    docs = archive(tmp_path)
    before = built(docs)
    first = published(before)
    retitle_andra(docs)
    after = built(docs)
    again = published(after, before)
    assert set(again) == set(first)
    changed = {url for url in again if again[url] is not first[url]}
    assert "reports.json" in changed and "flode/alla.atom.xml" in changed
    assert b"Rapport tv\xc3\xa5" in again["flode/alla.atom.xml"]
    kept = published(built(docs), after)
    assert all(kept[url] is again[url] for url in kept), "nothing changed: everything kept"
    assert kept == published(built(docs)), "what is kept is what would be rendered"


def test_a_static_files_inputs_are_worked_out_once_per_build(tmp_path: Path, monkeypatch) -> None:
    from rapportarkiv.render import feeds

    docs = archive(tmp_path)
    before = built(docs)
    published(before)
    counted: list[str] = []
    real = feeds.entries

    def counting(archive: Any, feed: Any) -> Any:
        counted.append(feed.url)
        return real(archive, feed)

    monkeypatch.setattr(feeds, "entries", counting)
    after = built(docs)
    published(after, before)
    feed_urls = [f.url for f in after.feeds()]
    assert sorted(counted) == sorted(feed_urls), "once per feed, though each is both looked up and kept"


def test_versions_are_worked_out_again_only_for_what_changed(tmp_path: Path) -> None:
    from factory import commit_if_untracked

    import os

    docs = archive(tmp_path)
    commit_if_untracked(docs)
    past = 1_700_000_000_000_000_000  # files saved long ago may be trusted to the cache
    for report in docs.rglob("*.md"):
        os.utime(report, ns=(past, past))
    options = core.options(preview=True, now="2030-01-01T00:00:00+00:00")
    before = core.build(docs, options, "http://127.0.0.1/")
    retitle_andra(docs)
    after = core.build(docs, options, "http://127.0.0.1/", previous=before)
    edited, other = f"{YEAR}/2024-10-10-andra.md", f"{YEAR}/2024-10-03-forsta.md"
    assert after.versions[other] is before.versions[other]
    assert after.versions[edited] is not before.versions[edited]
    assert after.versions[edited].local_changes and not before.versions[edited].local_changes
    assert after.versions == core.build(docs, options, "http://127.0.0.1/").versions


# --- The preview never hangs, and speaks Swedish -----------------------------------------
# MkDocs' serve stops answering after a rebuild that raises ("The server will
# appear stuck") and exits when the first build does; its terminal lines are
# English. The preview shows the archive's problems, or why a build stopped, at
# every address until a build succeeds, and prints the catalogue's lines.

BROKEN_TYPE = '"<img src=x onerror=alert(1)>"'  # a value the page must show as text


def _break(path: Path) -> str:
    """Save ``path`` with an invalid type (RA104, line 4); its text before."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("type: regular", f"type: {BROKEN_TYPE}", 1), encoding="utf-8")
    return text


def _catalogue_line(line: str) -> bool:
    """A line the preview prints: one of PREVIEW's log lines, or a problem as validate prints it."""
    if any(key.startswith("log.") and re.fullmatch(_pattern(template), line) for key, template in PREVIEW.items()):
        return True
    return re.fullmatch(r"\S+:\d+:\d+: (fel|varning): .+ \[RA\d{3}\]", line) is not None


def _pattern(template: str) -> str:
    parts = re.split(r"\{\w+\}", template)
    return ".+".join(re.escape(part) for part in parts)


def test_the_preview_starts_quietly_and_speaks_swedish(tmp_path: Path) -> None:
    docs = archive(tmp_path)
    with PreviewServer(docs) as server:
        server.wait_for(f"{YEAR}/2024-10-10-andra/", "Rapport andra")
        started = list(server.lines)
        retitle_andra(docs)
        server.wait_for(f"{YEAR}/2024-10-10-andra/", "Rapport två")
        assert server.get("finns-inte/")[0] == 404
        output = server.stop()
    assert started[:3] == [
        PREVIEW["log.building"], started[1], PREVIEW["log.serving"].format(url=server.url()),
    ], output
    assert re.fullmatch(_pattern(PREVIEW["log.built"]), started[1]) and "," in started[1], output
    for word in ("dirty", "INFO", "WARNING", "Building", "Serving", "Watching", "Documentation", "Browser",
                 "Traceback"):
        assert word not in output, output
    lines = output.splitlines()
    assert PREVIEW["log.changed"] in lines and PREVIEW["log.not_found"].format(path="/finns-inte/") in lines
    assert lines[-1] == PREVIEW["log.stopping"], output
    assert all(_catalogue_line(line) for line in lines), output


def test_the_preview_shows_the_problems_instead_of_hanging_and_the_site_again_when_fixed(tmp_path: Path) -> None:
    docs = archive(tmp_path)
    report = docs / YEAR / "2024-10-10-andra.md"
    with PreviewServer(docs) as server:
        server.wait_for(f"{YEAR}/2024-10-10-andra/", "Rapport andra")
        time.sleep(1.1)  # a new modification time, whatever the file system's granularity
        fixed = _break(report)
        shown = f"docs/{YEAR}/2024-10-10-andra.md"
        # Every address a reader may be on shows the problems, with the reload script.
        for path in (f"{YEAR}/2024-10-10-andra/", f"{YEAR}/2024-10-17-tredje/", "", "finns-inte/", "om/index.html"):
            page = server.wait_for(path, PREVIEW["problems.heading"])
            assert shown in page and "rad 4, kolumn 7" in page and "RA104" in page
            assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img src=x" not in page
            assert "Rapport tredje" not in page, "nothing of the last site"
            assert "livereload(" in page
        # Styles, scripts and feeds are still what they were.
        assert server.get("assets/rapportarkiv.css")[0] == 200
        report.write_text(fixed.replace("Rapport andra", "Rapport två"), encoding="utf-8")
        server.wait_for(f"{YEAR}/2024-10-10-andra/", "Rapport två")
        assert PREVIEW["problems.heading"] not in server.get("")[1]
        output = server.stop()
    assert f"{shown}:4:7: fel:" in output and "RA104" in output
    assert "Traceback" not in output and "stuck" not in output, output


def test_the_preview_starts_with_an_invalid_report_and_shows_its_problems(tmp_path: Path) -> None:
    docs = archive(tmp_path)
    report = docs / YEAR / "2024-10-10-andra.md"
    fixed = _break(report)
    with PreviewServer(docs) as server:
        page = server.wait_for("", PREVIEW["problems.heading"])
        assert f"docs/{YEAR}/2024-10-10-andra.md" in page and "RA104" in page
        report.write_text(fixed, encoding="utf-8")
        server.wait_for(f"{YEAR}/2024-10-10-andra/", "Rapport andra")
        # A page the first build left out (the invalid report's) is there after the fix,
        # and so are its neighbours' links to it.
        assert "Rapport andra" in server.wait_for(f"{YEAR}/2024-10-17-tredje/", "Rapport andra")
        assert server.process.poll() is None, "the server runs on"


# A fault planted in the build (our code, or the world's as the core words it),
# while the file ``fault`` lies beside the archive.
PLANTED_FAULT = """
import pathlib
from rapportarkiv.plan import session
from rapportarkiv.catalogue import CLI
_accept = session.Session.accept
def accept(self, build):
    mark = pathlib.Path("fault")
    if mark.exists():
        if mark.read_text() == "said":
            raise session.BuildFault(CLI["search_failed"].format(reason="<script>alert(1)</script>"))
        raise RuntimeError("planted <script>alert(1)</script>")
    return _accept(self, build)
session.Session.accept = accept
"""


def test_a_build_that_fails_shows_why_without_a_traceback_and_recovers(tmp_path: Path) -> None:
    docs = archive(tmp_path)
    mark = tmp_path / "fault"
    with PreviewServer(docs, prelude=PLANTED_FAULT) as server:
        server.wait_for(f"{YEAR}/2024-10-10-andra/", "Rapport andra")
        # A fault in our code: the page says so, and where the details are.
        mark.write_text("bug", encoding="utf-8")
        retitle_andra(docs)
        page = server.wait_for(f"{YEAR}/2024-10-10-andra/", PREVIEW["fault.heading"])
        log = tmp_path / ".rapportarkiv-cache" / "serve-error.log"
        assert PREVIEW["fault.unexpected"] in page and str(log) in page
        assert "Traceback" not in page and "planted" not in page and "Rapport" not in page
        assert "planted <script>" in log.read_text(encoding="utf-8")
        # A fault the core words (Pagefind, git, a full disk): shown as said, escaped.
        mark.write_text("said", encoding="utf-8")
        (docs / "om.md").touch()  # the mark lies outside the archive: a save builds again
        page = server.wait_for("", "sökindexet")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
        assert PREVIEW["fault.unexpected"] not in page
        mark.unlink()
        (docs / "om.md").touch()
        server.wait_for(f"{YEAR}/2024-10-10-andra/", "Rapport två")
        output = server.stop()
    assert PREVIEW["log.unexpected"].format(log=log) in output and PREVIEW["log.failed"] in output
    assert "Traceback" not in output and "stuck" not in output, output


def test_a_broken_mkdocs_yml_shows_that_mkdocs_stopped_and_recovers(tmp_path: Path) -> None:
    docs = archive(tmp_path)
    with PreviewServer(docs) as server:
        server.wait_for(f"{YEAR}/2024-10-10-andra/", "Rapport andra")
        config = tmp_path / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("name: material", "name: finns-inte"), encoding="utf-8")
        page = server.wait_for("", PREVIEW["fault.heading"])
        assert PREVIEW["fault.aborted"] in page and PREVIEW["fault.unexpected"] not in page
        config.write_text(text, encoding="utf-8")
        server.wait_for("", "Rapport fjarde")
        output = server.stop()
    assert PREVIEW["log.failed"] in output and "Traceback" not in output, output
    assert not (tmp_path / ".rapportarkiv-cache" / "serve-error.log").exists()


def test_a_report_deleted_or_renamed_while_serving_is_gone_from_its_address(tmp_path: Path) -> None:
    """The preview keeps its last output (--dirty): the page of a report that is no
    longer there must not go on answering as if it were."""
    docs = archive(tmp_path)
    andra = docs / YEAR / "2024-10-10-andra.md"

    def gone(server: PreviewServer, url: str) -> bool:
        deadline = time.monotonic() + 60
        while server.get(url)[0] != 404 and time.monotonic() < deadline:
            time.sleep(0.3)
        return server.get(url)[0] == 404

    with PreviewServer(docs) as server:
        server.wait_for(f"{YEAR}/2024-10-10-andra/", "Rapport andra")
        andra.rename(andra.with_name("2024-10-10-andra-omdopt.md"))  # a rename: the old address goes
        server.wait_for(f"{YEAR}/2024-10-10-andra-omdopt/", "Rapport andra")
        assert gone(server, f"{YEAR}/2024-10-10-andra/"), server.output()
        (docs / YEAR / "2024-10-10-andra-omdopt.md").unlink()
        assert gone(server, f"{YEAR}/2024-10-10-andra-omdopt/"), server.output()
        # The rest of the site is still there.
        assert server.get(f"{YEAR}/2024-10-17-tredje/")[0] == 200
    assert "Traceback" not in server.output()


def test_a_rebuild_renders_only_the_edited_reports_calendar_events(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The first build renders the calendars on the other core, so the server's process
    has none of their events in memory: a rebuild takes the unchanged ones from the
    files the last build wrote, and renders only the edited report's (a whole calendar
    of a 5 000-report archive took seconds on every save)."""
    docs = new_docs(tmp_path)
    for day, slug in ((3, "forsta"), (10, "andra"), (17, "tredje")):
        write_report(docs, slug, title=f"Rapport {slug}", when=datetime(2024, 10, day, 14, 0), communication=[
            {"audience": "external", "date": f"2024-10-{day + 1:02d}", "channel": "Webben", "text": f"Nyhet {slug}"},
            {"audience": "internal", "date": f"2024-10-{day + 2:02d}", "channel": "Mejl", "text": f"Mejl {slug}"}])
    past = time.time() - 3600  # files older than the racy window: an unchanged report stays the same object
    for path in docs.rglob("*.md"):
        os.utime(path, (past, past))
    before = built(docs)
    first = published(before)
    retitle_andra(docs)
    made: list[str] = []
    render_event = ics._event

    def counted(entry: Any, *args: Any) -> bytes:
        made.append(entry.report.title)
        return render_event(entry, *args)

    monkeypatch.setattr(ics, "_event", counted)
    options = core.options(preview=True, now="2030-01-01T00:00:00+00:00")
    after = core.build(docs, options, "http://127.0.0.1/", with_history=False, previous=before)
    again = published(after, before)
    calendars = [url for url in again if url.endswith(".ics")]
    assert calendars and all(again[url] != first[url] for url in calendars)
    # Two actions, in the archive's calendar and the series': nothing of the other reports.
    assert made == ["Rapport två"] * 4
    assert {url: again[url] for url in calendars} == {url: published(built(docs))[url] for url in calendars}
