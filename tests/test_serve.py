"""A preview server (`mkdocs serve --dirty`) re-renders what an edit changed,
and only that: the edited report, its neighbours and the lists it is in."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Any

from factory import SERIES, base_env, mkdocs_config, new_docs, write_report
from rapportarkiv import site as core

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
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config),
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
