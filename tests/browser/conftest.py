"""Browser fixtures: built sites served on localhost, and Debian's Chromium.

Two sites are built once per session, each into a temporary folder:

- ``sample_site``: the repository's own archive, built exactly as CI builds it
  (``mkdocs build -f <repo>/mkdocs.yml``), with its git history.
- ``test_site``: the small archive of :mod:`testarchive` (several years, both
  types, two series, Swedish inflected forms), written as a git repository.

Each is served by a threaded ``http.server`` on 127.0.0.1. One Chromium runs
for the whole session (Playwright drives the system browser; it never
downloads one). Every page a test opens goes through a :class:`Reader`, which
fails the test on any console error, uncaught exception, failed local request
or any request to a host other than the local servers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sites
from sites import Served

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("RAPPORTARKIV_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
    "small phone": {"width": 360, "height": 740},
}
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "docs-dev" / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Served, Served]:
    try:
        return sites.both_sites(tmp_path_factory.mktemp("sample"), tmp_path_factory.mktemp("testarchive"))
    except sites.BuildError as err:
        pytest.fail(str(err), pytrace=False)


@pytest.fixture(scope="session")
def sample_site(built_sites: tuple[Served, Served]) -> Served:
    """The repository's archive, built as CI builds it."""
    return built_sites[0]


@pytest.fixture(scope="session")
def test_site(built_sites: tuple[Served, Served]) -> Served:
    """The browser tests' own archive (see testarchive)."""
    return built_sites[1]


# --- The browser ------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: the browser tests need Debian's Chromium "
            "(apt-get install chromium; .ci/run does this). They never download a browser.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is missing: pip install -e '.[test]'", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Reader:
    """Opens pages like a reader would, and records everything that went wrong."""

    browser: Any
    allowed: set[str]
    problems: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    contexts: list[Any] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)  # addresses a test expects to answer 404

    def context(self, viewport: str = "desktop", javascript: bool = True) -> Any:
        options: dict[str, Any] = {"viewport": VIEWPORTS[viewport], "locale": "sv-SE",
                                   "java_script_enabled": javascript}
        if viewport != "desktop":
            options.update(is_mobile=True, has_touch=True)
        context = self.browser.new_context(**options)
        context.route("**/*", self._route)
        self.contexts.append(context)
        return context

    def _route(self, route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc in self.allowed:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def open(self, url: str, viewport: str = "desktop", javascript: bool = True, status: int = 200) -> Any:
        if status == 404:
            self.missing.add(url)
        page = self.context(viewport, javascript).new_page()
        self.watch(page)
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == status, f"{url}: HTTP {response and response.status}"
        return page

    def watch(self, page: Any) -> None:
        def console(message: Any) -> None:
            expected = "404" in message.text and message.location.get("url") in self.missing
            if message.type == "error" and not expected:
                self.problems.append(f"console error on {page.url}: {message.text}")

        page.on("console", console)
        page.on("dialog", lambda dialog: self._dialog(page, dialog))
        page.on("pageerror", lambda error: self.problems.append(f"uncaught exception on {page.url}: {error}"))
        page.on("requestfailed", lambda request: self._failed(page, request))

    def _dialog(self, page: Any, dialog: Any) -> None:
        """No page of the site opens a dialog: one that does runs someone's script."""
        self.problems.append(f"dialog on {page.url}: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    def _failed(self, page: Any, request: Any) -> None:
        # ERR_ABORTED: the page was left while a request was under way (a fast test, not a defect).
        if urlsplit(request.url).netloc in self.allowed and "ERR_ABORTED" not in (request.failure or ""):
            self.problems.append(f"request failed on {page.url}: {request.url} {request.failure}")

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        self.contexts.clear()


def _finish(reader: Reader) -> None:
    reader.close()
    assert not reader.foreign, "requests to hosts other than the local server:\n" + "\n".join(reader.foreign)
    assert not reader.problems, "\n".join(reader.problems)


@pytest.fixture
def reader(browser: Any, sample_site: Served, test_site: Served) -> Iterator[Reader]:
    allowed = {sample_site.netloc, test_site.netloc}
    reader = Reader(browser, allowed)
    yield reader
    _finish(reader)


@pytest.fixture
def reader_of(browser: Any) -> Iterator[Any]:
    """A reader for a site a test built itself: ``reader_of(served)``, checked as ``reader`` is."""
    readers: list[Reader] = []

    def make(served: Served) -> Reader:
        readers.append(Reader(browser, {served.netloc}))
        return readers[-1]

    yield make
    for reader in readers:
        _finish(reader)


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` (package.json lists axe-core).", pytrace=False)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

