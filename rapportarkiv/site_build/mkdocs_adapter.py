"""MkDocs hooks: a translation of MkDocs' events into the core's build plan.

Each event hands over to ``rapportarkiv.plan``, which decides what is built and
in what order; nothing here decides what a page contains, which report is
published, what is rendered where or what feeds the search index. What stays
here is what only MkDocs and its Jinja templates have: a page class whose
source the core provides, the slot the core's content fills in the theme's
output, Material's templates compiled once per preview server, the parts
of its page shell that many pages share, and the preview server's own
manners: it shows the core's page of problems instead of hanging, and speaks
Swedish in the terminal. MkDocs 1.6 is no longer developed
and mkdocs-material reaches end of life in 2027: a move to another generator
replaces this package (rapportarkiv/site_build) and keeps the core.
"""

from __future__ import annotations

import logging
import os
import re
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from rapportarkiv import formats, settings, swedish_dates
from rapportarkiv.catalogue import LABELS, PREVIEW
from rapportarkiv.plan import Build, BuildFault, Session
from rapportarkiv.settings import OptionsError, read_brand
from rapportarkiv.site_build import mkdocs_defaults

log = logging.getLogger("mkdocs.hooks.rapportarkiv")

# Kept between rebuilds of one `mkdocs serve` (MkDocs loads a hook module once).
_session = Session()


def on_startup(command: str, dirty: bool) -> None:
    _session.start(command, dirty)
    if command == "serve":
        _speak_swedish()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        settings.site_name(config.site_name)
        settings.read_contact(config.extra.get("rapportarkiv_contact"))
    except settings.OptionsError as err:
        raise PluginError(str(err)) from None
    mkdocs_defaults.apply(config)
    extra = config.extra
    try:
        brand = read_brand(extra.get("rapportarkiv_brand"), Path(config.docs_dir))
    except OptionsError as err:
        raise PluginError(str(err)) from None
    try:
        build = _session.load(
            Path(config.docs_dir), Path(config.site_dir), config.site_url or "",
            preview=extra.get("preview"), audience=extra.get("audience"), now=extra.get("build_time"),
            pdf_variant=extra.get("pdf_variant"), archival_copies=extra.get("archival_copies"),
        )
        for problem in build.problems:
            (log.error if problem.is_error else log.info)(formats.text([problem]).rstrip())
        _session.accept(build)
    except BuildFault as fault:
        raise PluginError(str(fault)) from None
    if _session.page is not None:
        collection = build.site.collection
        log.warning(PREVIEW["log.halted"].format(
            summary=formats.summary_line(collection.problems, collection.files_checked)))
    if not build.renders_sitemap:
        config.theme.static_templates.discard("sitemap.xml")
    config.extra["rapportarkiv"] = {
        # Labels name series: text from the archive, escaped (see _CorePage.read_source).
        "feeds": [{"url": f.url, "label": escape(f.label), "type": f.media_type} for f in build.feeds()],
        "preview": build.preview,
        "labels": LABELS,
        # The organisation's name, logo and colours (settings.Brand): text escaped, colours checked.
        "brand": {
            "organisation": escape(brand.organisation) if brand.organisation else None,
            "logo": brand.logo, "logo_alt": escape(brand.logo_alt) if brand.logo_alt else None, "css": brand.css(),
        },
    }
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _session.building()
    for file in list(files):
        if build.drops(file.src_uri):
            files.remove(file)
    for src_uri, title in build.generated_pages():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=f"# {title}\n"))
    # MkDocs renders the pages in the order of its files: the order the core asks for.
    order = {uri: i for i, uri in enumerate(build.in_rendering_order([f.src_uri for f in files.documentation_pages()]))}
    files = Files(sorted(files, key=lambda file: order.get(file.src_uri, len(order))))
    core_pages = []
    for file in files.documentation_pages():
        if build.owns(file.src_uri):
            _CorePage(None, file, config)  # becomes file.page; MkDocs' nav uses it
            core_pages.append(file.src_uri)
    build.render(core_pages)
    # A dirty rebuild renders the files MkDocs thinks modified: generated pages
    # always, report pages when their file is newer than the output. The plan
    # knows better in both directions.
    for file in files:
        modified = build.modified(file.src_uri)
        if modified is not None:
            # MkDocs asks each file; no setting tells it otherwise.
            file.is_modified = (lambda: True) if modified else (lambda: False)  # type: ignore[method-assign]
    return files


class _CorePage(Page):
    """A page the core renders: reports, their versions and the archive pages.

    MkDocs would read its source file, parse the front matter with its own
    YAML loader and convert the Markdown with a new Markdown instance, all to
    be replaced by the core's content; this page takes its title and metadata
    from the plan instead.
    """

    def read_source(self, config: MkDocsConfig) -> None:
        """Title and description come from the archive, so the theme gets them
        escaped: MkDocs renders Material's templates without autoescaping, and
        Material writes these into <title>, meta tags, headings and attributes
        as they are. ``escape`` makes them safe for HTML text and quoted
        attributes, the only places the theme puts them, and returns Markup,
        which a template's own ``|e`` does not escape a second time."""
        head = _session.building().head(self.file.src_uri)
        self.markdown, self.meta = "", {"title": escape(head.title)}
        if head.description is not None:
            self.meta["description"] = escape(head.description)
        # Set before MkDocs renders the sitemap, which leaves these pages out.
        if head.noindex:
            self.meta["robots"] = "noindex"

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()


# Where a core page's content goes in the theme's output; filled in on_post_page,
# by which time the background renderer has usually finished it. Material adds
# a heading of its own to content without "<h1"; every core page has its own.
_SLOT = "<!-- rapportarkiv: the core's content, with its own <h1> -->"


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


# One for the process, as the session: MkDocs loads a hook module once.
_templates = _CompiledTemplates()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = _templates
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
    for each, instead of rendering the nav again for each of thousands of
    reports. ``overrides/main.html`` wraps those blocks in a call to this;
    every other page renders them as usual. One instance lives for one build."""

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


def _content(build: Build, src_uri: str) -> str:
    try:
        content = build.take(src_uri)
    except BuildFault as fault:
        raise PluginError(str(fault)) from fault.__cause__
    return content if isinstance(content, str) else ""


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if isinstance(page, _CorePage):
        output = output.replace(_SLOT, _content(_session.building(), page.file.src_uri), 1)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    try:
        _session.finish()
    except BuildFault as fault:
        raise PluginError(str(fault)) from fault.__cause__


def on_build_error(error: Exception) -> None:
    # A PluginError is one of ours, already worded (MkDocs logs it).
    fault = _session.abort(error, str(error) if isinstance(error, PluginError) else None)
    if not isinstance(error, PluginError) and fault is not None:
        # MkDocs' own writes (pages, theme files) end in its traceback; say first, in
        # Swedish, what stopped the build.
        log.error(str(fault))


# --- The preview server ------------------------------------------------------------
# MkDocs' server (mkdocs.livereload, frozen with MkDocs 1.6) serves the output
# folder, and after each rebuild answers a page's long poll so the page reloads.
# A rebuild that raises leaves it answering nothing until one succeeds ("The
# server will appear stuck"); its 404 page gets no reload script, so an author
# on a page that went missing is not brought back. Its internals used below:
# builder, error_handler, the WSGI app, _inject_js_into_html and the epochs.


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    build = server.builder
    site = server.get_app()
    assert site is not None, "LiveReloadServer sets its app when it is made"
    missing = server.error_handler

    def rebuild() -> None:
        """Every rebuild ends: one that raises shows why at every address (the
        session's page), and the server reloads the author's page into it."""
        try:
            build()
        except Exception as error:  # noqa: BLE001 - any fault: shown in the browser, not a hung server
            if _session.reason is None and isinstance(error, Abort):
                # MkDocs stopped with its own words, already printed: mkdocs.yml
                # could not be read, or --strict counted a warning.
                _session.reason = PREVIEW["fault.aborted"]
            said = _session.reason is not None
            details = traceback.format_exc()
            where = _session.failed(details)
            if said:
                log.error(PREVIEW["log.failed"])
            elif where is not None:
                log.error(PREVIEW["log.unexpected"].format(log=where))
            else:  # the details could not be written (a full disk): here they are
                log.error(details)
                log.error(PREVIEW["log.failed"])

    def page_or_site(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """While the site cannot be shown, every page's address answers with the
        session's page (with the reload script), once the build under way is done."""
        path = environ.get("PATH_INFO", "")
        if _is_page(path):
            with server._epoch_cond:
                server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)
                epoch = server._visible_epoch
            page = _session.page
            if page is not None:
                body = server._inject_js_into_html(page.encode("utf-8"), epoch)
                start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                          ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
                return [body]
        return site(environ, start_response)

    def not_found(code: int) -> bytes | None:
        """The 404 page reloads with the site too: an author on a report whose file
        was renamed, or not yet valid, sees it come back."""
        content = missing(code)
        if content is None or code != 404:
            return content
        return server._inject_js_into_html(content, server._visible_epoch)

    server.builder = rebuild
    server.set_app(page_or_site)
    server.error_handler = not_found
    return server


def _is_page(path: str) -> bool:
    """An address a reader reads (a folder or an HTML file), not a style, script or feed."""
    if path.startswith("/livereload/"):
        return False
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last


class _SwedishLog(logging.Filter):
    """MkDocs' own lines in the preview's terminal, in the catalogue's Swedish, or
    left out when they say nothing to an author (the --dirty warning, which
    ``./dev serve`` asks for and which sounds as if the preview were broken; the
    folders watched; each browser that connects). A warning or error it does not
    know is kept as MkDocs wrote it: hiding one could hide a real fault."""

    _said_building = False

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == log.name:
            return True  # ours, from the catalogue already
        message = record.getMessage()
        said = self._swedish(re.sub(r"^\[\d\d:\d\d:\d\d\] ", "", message))
        if said is None:
            return record.levelno >= logging.WARNING
        if not said:
            return False
        record.msg, record.args = said, ()
        record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
        return True

    def _swedish(self, message: str) -> str | None:
        """The Swedish line for one of MkDocs' messages; "" to leave it out; None: not known."""
        if message.startswith("Building documentation..."):
            # Said at the start; a rebuild was announced already ("Detected file changes").
            first, self._said_building = not self._said_building, True
            return PREVIEW["log.building"] if first else ""
        if found := re.fullmatch(r"Documentation built in ([\d.]+) seconds", message):
            return PREVIEW["log.built"].format(seconds=swedish_dates.seconds(float(found[1])))
        if found := re.match(r"Serving on (\S+)", message):
            return PREVIEW["log.serving"].format(url=found[1])
        if message.startswith("Detected file changes"):
            return PREVIEW["log.changed"]
        if message.startswith("Shutting down"):
            return PREVIEW["log.stopping"]
        if found := re.fullmatch(r'"[A-Z]+ (\S+) [^"]*" code (\d+)', message):
            if found[2] == "404":
                return PREVIEW["log.not_found"].format(path=found[1])
            return "" if found[2].startswith(("2", "3")) else None
        if message.startswith(("A 'dirty' build is being performed", "Watching paths for changes",
                               "Browser connected", "Reloading browsers")):
            return ""
        return None


def _speak_swedish() -> None:
    """In a preview server, MkDocs' terminal lines go through :class:`_SwedishLog` and
    are printed without MkDocs' English level names ("INFO    -  "): problems carry
    their own ("fel", "varning"). ``mkdocs serve -v`` keeps MkDocs' own lines, for
    whoever debugs the server."""
    if logging.getLogger("mkdocs").getEffectiveLevel() < logging.INFO:
        return
    # ProperDocs (docs-dev/platform.md) prints through a logger of its own name, with
    # MkDocs' as its child: its handler is there.
    for name in ("mkdocs", "properdocs"):
        for handler in logging.getLogger(name).handlers:
            if handler.get_name() in ("MkDocsStreamHandler", "ProperDocsStreamHandler"):
                handler.addFilter(_SwedishLog())
                handler.setFormatter(logging.Formatter("%(message)s"))
