"""The preview server in Chromium: an author saves a broken report while reading
it, sees the problems in the browser, fixes them and is back on the report,
without touching the browser (MkDocs' live reload, answered after every build).

Each test runs the real ``mkdocs serve --dirty`` (``./dev serve``) on an archive
of its own (factory.PreviewServer). Waiting is on the page (Playwright's
``expect`` polls until its timeout): no sleep stands in for an assertion. The
reader fails a test on any dialog, console error or failed request: a value
the error page did not escape would run.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import expect
from test_accessibility import describe, run_axe

from factory import SERIES, PreviewServer, new_docs, write_report
from rapportarkiv.catalogue import LABELS, PREVIEW
from rapportarkiv.collection import load
from rapportarkiv.render.preview_page import fault_page

YEAR = f"rapporter/{SERIES}/2024"
ANDRA = f"{YEAR}/2024-10-10-andra.md"
# Long enough for a rebuild on a busy machine; the page is polled, not waited out.
SECONDS = 60_000


def _archive(root: Path) -> Path:
    docs = new_docs(root)
    for day, slug in ((3, "forsta"), (10, "andra"), (17, "tredje")):
        write_report(docs, slug, title=f"Rapport {slug}", when=datetime(2024, 10, day, 14, 0))
    return docs


def _break(path: Path) -> str:
    """Save ``path`` with a type pasted from somewhere else (RA104, line 4) and a
    second mistake (an unknown key); the text before, to save again as the fix."""
    text = path.read_text(encoding="utf-8")
    broken = text.replace("type: regular", 'type: "<img src=x onerror=alert(1)>"', 1)
    path.write_text(broken.replace("date:", "datum: i dag\ndate:", 1), encoding="utf-8")
    return text


def _open(reader_of: Any, server: PreviewServer, path: str, status: int = 200) -> Any:
    """``path`` in Chromium, once the server's first build is done."""
    server.wait_for("", "</html>")
    return reader_of(server).open(server.url(path), status=status)


def test_a_broken_save_shows_the_problems_and_the_fix_brings_the_report_back(
    tmp_path: Path, reader_of: Any, axe_source: str,
) -> None:
    docs = _archive(tmp_path)
    report = docs / ANDRA
    with PreviewServer(docs) as server:
        page = _open(reader_of, server, f"{YEAR}/2024-10-10-andra/")
        expect(page.locator("h1")).to_have_text("Rapport andra")
        time.sleep(1.1)  # a new modification time for the fix below, whatever the file system's granularity
        fixed = _break(report)

        # The page the author is on becomes the list of problems by itself.
        expect(page.locator("h1")).to_have_text(PREVIEW["problems.heading"], timeout=SECONDS)
        assert page.locator("html").get_attribute("lang") == "sv"
        assert page.title() == PREVIEW["problems.title"]
        # The problems validate reports, each with its file, line and Swedish message.
        problems = load(docs, base=docs.parent).problems
        assert len(problems) == 2
        assert page.locator("h3").all_inner_texts() == [f"docs/{ANDRA}"]
        items = page.locator("main li")
        expect(items).to_have_count(2)
        for item, problem in zip(items.all(), problems):
            text = item.inner_text()
            assert PREVIEW["severity.error"] + ":" in text  # in words, not only in red
            assert PREVIEW["problems.place"].format(line=problem.line, column=problem.column) in text
            assert problem.message in text and problem.code in text
        assert "<img src=x onerror=alert(1)>" in items.first.inner_text()  # shown as text, never run
        assert "Rapport tredje" not in page.content(), "nothing of the last site"
        violations = run_axe(page, axe_source)["violations"]
        assert violations == [], describe(violations)

        # Saved again as it was: the report is back, still by itself.
        report.write_text(fixed.replace("Rapport andra", "Rapport två"), encoding="utf-8")
        expect(page.locator("h1")).to_have_text("Rapport två", timeout=SECONDS)
        page.close()


def test_the_preview_starts_with_an_invalid_report(tmp_path: Path, reader_of: Any) -> None:
    docs = _archive(tmp_path)
    fixed = _break(docs / ANDRA)
    with PreviewServer(docs) as server:
        page = _open(reader_of, server, "")
        expect(page.locator("h1")).to_have_text(PREVIEW["problems.heading"])
        expect(page.locator("main h3")).to_have_text(f"docs/{ANDRA}")
        (docs / ANDRA).write_text(fixed, encoding="utf-8")
        expect(page.get_by_role("heading", level=1)).to_have_text(LABELS["site_name"], timeout=SECONDS)
        page.goto(server.url(f"{YEAR}/2024-10-10-andra/"))
        expect(page.locator("h1")).to_have_text("Rapport andra")
        page.close()
        assert server.process.poll() is None


def test_a_page_not_found_comes_back_when_its_report_is_saved(tmp_path: Path, reader_of: Any) -> None:
    """An author on the address of a report that is not there yet (renamed, or
    not yet written) sees the 404 page, which reloads with the site."""
    docs = _archive(tmp_path)
    with PreviewServer(docs) as server:
        address = f"{YEAR}/2024-10-24-fjarde/"
        page = _open(reader_of, server, address, status=404)
        write_report(docs, "fjarde", title="Rapport fjärde", when=datetime(2024, 10, 24, 14, 0))
        expect(page.locator("h1")).to_have_text("Rapport fjärde", timeout=SECONDS)
        page.close()


def test_the_page_of_a_failed_build_is_accessible_and_shows_its_reason_as_text(reader_of: Any, axe_source: str) -> None:
    """The other shape of the page (a build that stopped: a said reason, or a fault
    of ours) needs no server: its HTML in a blank page is what the server sends."""
    for html, shown in ((fault_page("<img src=x onerror=alert(1)>"), "<img src=x onerror=alert(1)>"),
                        (fault_page(None, "/arkiv/.rapportarkiv-cache/serve-error.log"), PREVIEW["fault.unexpected"])):
        reader = reader_of(_Nowhere())
        page = reader.context().new_page()
        reader.watch(page)
        page.set_content(html)
        expect(page.locator("h1")).to_have_text(PREVIEW["fault.heading"])
        assert shown in page.locator("main").inner_text()
        violations = run_axe(page, axe_source)["violations"]
        assert violations == [], describe(violations)


class _Nowhere:
    """A page given its HTML directly has no server of its own."""

    netloc = "127.0.0.1:9"
