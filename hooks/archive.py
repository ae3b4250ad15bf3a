"""MkDocs hooks: a thin adapter from MkDocs events to the rapportarkiv core.

Each event hands over to ``rapportarkiv.site``; nothing here decides what a
page contains or which report is published. MkDocs 1.6 is no longer developed
and mkdocs-material reaches end of life in 2027: a move to another generator
replaces this file and keeps the core.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

from jinja2 import BytecodeCache, Environment, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from rapportarkiv import faults, formats, search
from rapportarkiv.render.background import Contents, RenderError
from rapportarkiv.catalogue import CLI, LABELS
from rapportarkiv import site as core

log = logging.getLogger("mkdocs.hooks.rapportarkiv")

class _State(TypedDict, total=False):
    command: str
    dirty: bool
    site: core.Site
    previous: core.Site | None
    clearing: tuple[Path, subprocess.Popen[bytes]] | None
    contents: Contents
    templates: _CompiledTemplates


# Kept between rebuilds of one `mkdocs serve` (MkDocs loads a hook module once).
_state: _State = {"command": "build", "dirty": False}


def _site() -> core.Site:
    return _state["site"]


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command
    _state["dirty"] = dirty


def _incremental() -> bool:
    """`mkdocs serve --dirty` after its first build: re-render only what changed."""
    return _state["command"] == "serve" and bool(_state["dirty"]) and "site" in _state


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        options = core.options(
            preview=config.extra.get("preview"), audience=config.extra.get("audience"),
            now=config.extra.get("build_time"), serving=_state["command"] == "serve",
        )
    except core.OptionsError as err:
        raise PluginError(str(err)) from None
    preview = options.mode == "preview"
    previous = _state.get("site") if _incremental() else None
    try:
        site = core.build(Path(config.docs_dir), options, config.site_url or "", previous=previous)
    except core.HistoryError as err:
        raise PluginError(str(err)) from None
    except OSError as err:  # the cache of verdicts could not be written: a full disk
        raise _fault(err, config.docs_dir) or err from None
    problems = site.collection.problems
    # Errors stop the build; warnings are the author's to weigh (CI shows them on
    # the pull request), so they must not fail a strict build.
    for problem in problems:
        (log.error if problem.is_error else log.info)(formats.text([problem]).rstrip())
    if site.collection.errors:
        summary = formats.summary_line(problems, site.collection.files_checked)
        raise PluginError(CLI["build_failed"].format(summary=summary))
    if _state["command"] == "build" and not _state["dirty"]:
        _state["clearing"] = _clear_in_background(Path(config.site_dir))
    _state["previous"] = previous
    if previous is not None:
        # The first build's sitemap serves the preview; rendering it again on
        # every save costs a list of every page.
        config.theme.static_templates.discard("sitemap.xml")
    _state["site"] = site
    config.extra["rapportarkiv"] = {
        # Labels name series: text from the archive, escaped (see _CorePage.read_source).
        "feeds": [{"url": f.url, "label": escape(f.label), "type": f.media_type} for f in site.feeds()],
        "preview": preview,
        "labels": LABELS,
    }
    return config


# The hidden folder the last output is moved into (see _clear_in_background).
_TRASH = ".rapportarkiv-previous-"


def _clear_in_background(site_dir: Path) -> tuple[Path, subprocess.Popen[bytes]] | None:
    """Move the last build's output aside and delete it on the other core.

    MkDocs empties site_dir before a build, file by file: at a thousand
    reports, half a second in which nothing else happens. The entries MkDocs
    would delete are renamed into a hidden folder in site_dir (MkDocs leaves
    hidden entries alone, and a rename on one file system is instant), which
    ``rm`` deletes while the pages are made; on_post_build waits for it. It
    runs once the archive is accepted: a build that refuses it leaves the last
    output in place, as MkDocs alone would.

    A build interrupted here (Ctrl-C, a cancelled job) leaves such a folder
    behind, holding pages that may since have been deleted; MkDocs would keep
    it, and a deploy publish it. So any left by an earlier build go into the
    new one too, and on_post_build makes sure none is left (see _no_leftovers)."""
    if not site_dir.is_dir() or shutil.which("rm") is None:
        return None
    entries = [
        entry for entry in site_dir.iterdir() if not entry.name.startswith(".") or entry.name.startswith(_TRASH)
    ]
    if not entries:
        return None
    try:
        trash = Path(tempfile.mkdtemp(prefix=_TRASH, dir=site_dir))
    except OSError:
        return None  # MkDocs cleans site_dir itself, as it always did
    for entry in entries:
        try:
            entry.rename(trash / entry.name)
        except OSError:
            pass  # left in place for MkDocs to delete, or to report
    return trash, subprocess.Popen(["rm", "-rf", "--", str(trash)], stdin=subprocess.DEVNULL)


def _cleared() -> None:
    clearing = _state.pop("clearing", None)
    if clearing is not None:
        trash, process = clearing
        if process.wait() != 0:
            shutil.rmtree(trash, ignore_errors=True)


def _no_leftovers(site_dir: Path) -> None:
    """Delete what an interrupted build left in ``site_dir`` (also in a --dirty
    build, which moves nothing aside); an output that still holds some is not
    published: the build fails."""
    if not site_dir.is_dir():
        return
    for entry in site_dir.iterdir():
        if entry.name.startswith(_TRASH):
            shutil.rmtree(entry, ignore_errors=True)
            if entry.exists() or entry.is_symlink():
                raise PluginError(CLI["leftover"].format(path=entry))


def _fault(err: BaseException, site_dir: str) -> PluginError | None:
    """A build stopped by the world (a full disk, Pagefind failing), worded for the
    operator, here or in the renderer's process; None for anything else."""
    cause = err.cause if isinstance(err, RenderError) and err.cause is not None else err
    if isinstance(cause, search.SearchIndexError):
        return PluginError(CLI["search_failed"].format(reason=cause))
    if isinstance(cause, OSError):
        return PluginError(CLI["write_failed"].format(path=faults.os_path(cause, site_dir), reason=faults.os_reason(cause)))
    return None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _site()
    for file in list(files):
        if site.drops(file.src_uri):
            files.remove(file)
    for src_uri, spec in site.generated.items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=f"# {spec.title}\n"))
    previous = _state.get("previous")
    for file in files.documentation_pages():
        if site.page_title(file.src_uri) is not None:
            _CorePage(None, file, config)  # becomes file.page; MkDocs' nav uses it
    _start_contents(files, previous, Path(config.site_dir))
    if previous is not None:
        # A dirty rebuild renders the files MkDocs thinks modified: generated
        # pages always, report pages when their file is newer than the output.
        # The core knows better in both directions.
        unchanged, refresh = site.unchanged_pages(previous), site.pages_to_refresh(previous)
        for file in files:
            if file.src_uri in unchanged:
                file.is_modified = lambda: False  # type: ignore[method-assign]  # the core knows, not the mtime
            elif file.src_uri in refresh:
                file.is_modified = lambda: True  # type: ignore[method-assign]  # as above
    return files


class _CorePage(Page):
    """A page the core renders: reports, their versions and the archive pages.

    MkDocs would read its source file, parse the front matter with its own
    YAML loader and convert the Markdown with a new Markdown instance, all to
    be replaced in on_page_content; at a thousand reports that was a tenth of
    the build. This page takes its title and metadata from the core instead.
    """

    def read_source(self, config: MkDocsConfig) -> None:
        """Title and description come from the archive, so the theme gets them
        escaped: MkDocs renders Material's templates without autoescaping, and
        Material writes these into <title>, meta tags, headings and attributes
        as they are. ``escape`` makes them safe for HTML text and quoted
        attributes, the only places the theme puts them, and returns Markup,
        which a template's own ``|e`` does not escape a second time."""
        site, src = _site(), self.file.src_uri
        self.markdown, self.meta = "", {"title": escape(site.page_title(src))}
        report = site.report(src)
        if report is not None:
            self.meta["description"] = escape(report.description)
        # Set before MkDocs renders the sitemap, which leaves these pages out.
        if site.hidden_from_search_engines(src):
            self.meta["robots"] = "noindex"

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()


# Where a core page's content goes in the theme's output; filled in on_post_page,
# by which time the background renderer has usually finished it. Material adds
# a heading of its own to content without "<h1"; every core page has its own.
_SLOT = "<!-- rapportarkiv: the core's content, with its own <h1> -->"


def _start_contents(files: Files, previous: core.Site | None, site_dir: Path) -> None:
    """Render the core's pages, and the feeds and reports.json (which
    on_post_build writes), partly on the other core (see render.background).
    The search index is fed from there and written once the reports are in.

    A dirty rebuild renders few pages (those marked modified below), in-process,
    keeps the feeds that did not change, and keeps the first build's search index:
    re-indexing thousands of pages on every save would cost more than the rebuild."""
    site = _site()
    statics = site.static_urls()
    static = set(statics)
    index = search.Index() if previous is None else None

    def render(key: str) -> tuple[str | bytes | None, dict[bytes, str]]:
        if key in static:
            content: str | bytes | None = site.static_file(key, previous)
        else:
            content = site.page_html(key)
            report = site.report(key)
            if index is not None and content is not None and report is not None:
                index.add(report.url, content)
        # Prose rendered on the other core comes back with the page, to be kept
        # for the next build.
        return content, site.rendered_prose()

    def finish() -> None:
        if index is not None:
            index.write(site_dir)

    # The search index is fed where the report pages are rendered, so only the
    # renderer renders them, in the order MkDocs asks for them; Pagefind writes
    # the index while the rest is made. Every other core page, and the feeds
    # (which on_post_build asks for last), either process renders.
    core_pages = [] if previous is not None else [
        f.src_uri for f in files.documentation_pages() if isinstance(f.page, _CorePage)
    ]
    indexed = [key for key in core_pages if site.report(key) is not None]
    shared = [key for key in core_pages if site.report(key) is None] + statics
    old = _state.get("contents")
    if old is not None:
        old.close()
    _state["contents"] = Contents(render, indexed, finish, shared=shared)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _SLOT if isinstance(page, _CorePage) else html


class _CompiledTemplates(BytecodeCache):
    """Material's templates, compiled once per preview server instead of on every
    rebuild (MkDocs makes a new Jinja environment each time). Jinja checks each
    template's source checksum, so an edited template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = _state.setdefault("templates", _CompiledTemplates())
    # MkDocs makes a new environment for every build, so no template changes
    # within one; Jinja would otherwise stat each partial again on every page.
    env.auto_reload = False
    env.globals["rapportarkiv_shared"] = _SharedParts()
    return env


class _SharedParts:
    """Parts of Material's page shell rendered once per kind of place, not once per page.

    On a core page outside the nav (every report, version and archive page but
    the few the nav lists), the sidebars (the nav and an empty table of
    contents), the content block (the slot, without tags or edit links), the
    footer (no previous or next page), the client's configuration and the
    links to feeds, styles and scripts depend only on where the page lies: no
    nav item is active, the page hides nothing and has no headings of its own
    to list, and each link is relative, so it depends on the page's depth and
    on how many leading segments its URL shares with the link's target. Pages
    alike in both share one rendering, byte for byte what Material would write
    for each. Rendering the nav for each of a thousand reports was a sixth of
    the build's main thread. ``overrides/main.html``
    wraps those blocks in a call to this; every other page renders them as
    usual. One instance lives for one build."""

    def __init__(self) -> None:
        self._parts: dict[tuple[object, ...], str] = {}
        self._nav: dict[str, list[str]] | None = None
        self._places: dict[str, tuple[int, ...]] = {}  # a page's place, for each of its parts

    @pass_context
    def __call__(self, context: Context, name: str, caller: Callable[[], str]) -> str:
        page = context.get("page")
        if self._nav is None:
            self._nav = {p.file.src_uri: p.url.split("/") for p in context["nav"].pages}
        if not isinstance(page, _CorePage) or page.file.src_uri in self._nav:
            return caller()
        place = self._places.get(page.url)
        if place is None:
            segments = page.url.split("/")
            place = self._places[page.url] = tuple(
                len(os.path.commonprefix([segments, target])) for target in self._nav.values()
            )
        key = (name, context["base_url"], place)
        part = self._parts.get(key)
        if part is None:
            part = self._parts[key] = caller()
        return part


def _take(contents: Contents, key: str, site_dir: str) -> str | bytes | None:
    try:
        content, prose = contents.take(key)
    except (RenderError, search.SearchIndexError, OSError) as err:
        fault = _fault(err, site_dir)
        if fault is None:
            raise
        raise fault from err
    _site().learn_prose(prose)
    return content


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if isinstance(page, _CorePage):
        content = _take(_state["contents"], page.file.src_uri, config.site_dir)
        assert not isinstance(content, bytes)  # a page's content is text
        output = output.replace(_SLOT, content or "", 1)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    contents = _state.pop("contents")
    try:
        # Written here rather than handed to MkDocs as files in on_files, so that
        # rendering them is the second core's work, not the build's.
        site = _site()
        for url in site.static_urls():
            content = _take(contents, url, config.site_dir)
            assert isinstance(content, bytes)  # a static file's content is bytes
            target = Path(config.site_dir) / url
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            site.keep_static(url, content)
        contents.wait()  # the search index is written
        site.save_prose()
    except (RenderError, search.SearchIndexError, OSError) as err:
        # Any write that fails fails the build: a full disk must not publish
        # a site without its feeds or its search index.
        fault = _fault(err, config.site_dir)
        if fault is None:
            raise
        raise fault from err
    finally:
        contents.close()
        _cleared()
    _no_leftovers(Path(config.site_dir))


def on_build_error(error: Exception) -> None:
    # Stop the helpers of a build that failed half-way.
    contents = _state.pop("contents", None)
    if contents is not None:
        contents.close()
    _cleared()
    if not isinstance(error, PluginError):
        # MkDocs' own writes (pages, theme files) end in its traceback; say first, in
        # Swedish, what stopped the build.
        fault = _fault(error, "")
        if fault is not None:
            log.error(str(fault))
