"""The order of a build's events, without a site generator.

``site`` says what the site is made of; this says what happens when, from
the settings to the last file written. A generator adapter calls, in order:

1. :meth:`Session.start` once per process, with the command it runs;
2. :meth:`Session.load` with the settings: the archive is read and checked;
3. :meth:`Session.accept`: the build goes ahead (or stops, on errors), and the
   last output starts being deleted beside it (see ``output``);
4. :meth:`Build.drops`, :meth:`Build.generated_pages`, :meth:`Build.owns` and
   :meth:`Build.head`: which pages exist, and what the theme shows of them;
5. :meth:`Build.render` with the core's pages in the order the generator will
   lay them out: their content is rendered, partly on the other core, and the
   search index is fed from there;
6. :meth:`Build.take` for each core page's content as the generator writes it;
7. :meth:`Build.finish`: the static files beside the pages (feeds,
   ``reports.json``), the search index, the prose kept for the next build, and
   no output left over from an interrupted build; or :meth:`Session.abort`
   when the generator failed half-way.

A preview server rebuilds in one process: :class:`Session` keeps the last
accepted build, so a rebuild renders only what changed (:meth:`Build.modified`).
A preview never stops on the author's mistakes: an archive with errors is built
from the reports that pass, and :attr:`Session.page` is the page it shows in
their place, listing the problems until a build has none; a build that failed
(:meth:`Session.failed`) shows why in the same way, so the server never hangs.
Faults of the world (a full disk, Pagefind failing, a shallow clone) reach the
adapter as :class:`BuildFault`, worded for the operator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import cache, faults, formats, search
from .. import site as core
from ..catalogue import CLI
from ..problems import Problem
from ..render.archival import CopyError
from ..render.background import Contents, RenderError
from ..render.feeds import Feed
from ..settings import read_archival_copies, read_pdf_variant
from ..render.preview_page import fault_page, problems_page
from . import output


class BuildFault(RuntimeError):
    """The build stops; the message says why, in Swedish, for the operator."""


def fault(err: BaseException, site_dir: object = "") -> BuildFault | None:
    """A build stopped by the world (a full disk, Pagefind failing), worded for the
    operator, here or in the renderer's process; None for anything else."""
    cause = err.cause if isinstance(err, RenderError) and err.cause is not None else err
    if isinstance(cause, search.SearchIndexError):
        return BuildFault(CLI["search_failed"].format(reason=cause))
    if isinstance(cause, CopyError):
        return BuildFault(str(cause))
    if isinstance(cause, OSError):
        return BuildFault(CLI["write_failed"].format(path=faults.os_path(cause, site_dir), reason=faults.os_reason(cause)))
    return None


@dataclass(frozen=True)
class PageHead:
    """What the theme shows of a core page outside its content: its title, the
    description for meta tags, and whether search engines should leave it out
    (older versions and comparisons: kept for the record, not for finding)."""

    title: str
    description: str | None
    noindex: bool


@dataclass
class Build:
    """One build: the site it publishes and the work under way to write it."""

    site: core.Site
    site_dir: Path
    preview: bool
    # A preview's last build, when this one only renders what changed since.
    previous: core.Site | None = None
    clearing: output.Clearing | None = None
    contents: Contents | None = None
    _modified: dict[str, bool] | None = field(default=None, repr=False)

    @property
    def problems(self) -> list[Problem]:
        return list(self.site.collection.problems)

    @property
    def renders_sitemap(self) -> bool:
        """A rebuild keeps the first build's sitemap: rendering it on every save
        costs a list of every page, and the preview does not need it new."""
        return self.previous is None

    def feeds(self) -> list[Feed]:
        return self.site.feeds()

    # --- Which pages exist -------------------------------------------------------
    def drops(self, src_uri: str) -> bool:
        return self.site.drops(src_uri)

    def generated_pages(self) -> list[tuple[str, str]]:
        """(source path, title) of every page the core adds to the docs folder's."""
        return [(src_uri, spec.title) for src_uri, spec in self.site.generated.items()]

    def in_rendering_order(self, src_uris: list[str]) -> list[str]:
        """The generator's pages in the order to render them: report pages newest first,
        then every other page in the order given.

        Pagefind numbers pages in the order it is handed them, which is the order
        they are rendered, and lists equally relevant hits by that number: so search
        shows the newest first among equals without a sort of its own (a sort by
        date cost every reader's first search 21 KB at 10 000 reports)."""
        reports = [(report, uri) for uri in src_uris if (report := self.site.report(uri)) is not None]
        reports.sort(key=lambda pair: pair[0].date, reverse=True)  # stable: equal dates keep their order
        ordered = [uri for _, uri in reports]
        listed = set(ordered)
        return ordered + [uri for uri in src_uris if uri not in listed]

    def owns(self, src_uri: str) -> bool:
        """Pages whose content the core renders: reports, their versions, the archive pages."""
        return self.site.page_title(src_uri) is not None

    def head(self, src_uri: str) -> PageHead:
        report = self.site.report(src_uri)
        return PageHead(
            title=self.site.page_title(src_uri) or "",
            description=report.description if report is not None else None,
            noindex=self.site.hidden_from_search_engines(src_uri),
        )

    def modified(self, src_uri: str) -> bool | None:
        """Whether a preview's rebuild renders the page again: False for generated
        pages whose inputs did not change, True for report pages whose file did
        not change but whose page did (a neighbour, the series, the versions);
        None where the generator's own judgement (the file's time) holds, and
        for every page of a full build."""
        if self.previous is None:
            return None
        if self._modified is None:
            self._modified = dict.fromkeys(self.site.unchanged_pages(self.previous), False)
            self._modified.update(dict.fromkeys(self.site.pages_to_refresh(self.previous), True))
        return self._modified.get(src_uri)

    # --- Rendering -------------------------------------------------------------------
    def render(self, pages: list[str]) -> None:
        """Start rendering the core's ``pages`` (in the order the generator will ask
        for them), and the feeds and ``reports.json`` (which :meth:`finish` writes),
        partly on the other core (see render.background). The search index is fed
        from there and written once the reports are in.

        The search index is fed where the report pages are rendered, so only the
        renderer renders them, in the generator's order; Pagefind writes the index
        while the rest is made. Every other core page, and the static files (asked
        for last), either process renders.

        A rebuild renders few pages (those :meth:`modified` names, and those the
        generator finds changed) in-process, keeps the static files that did not
        change, and keeps the first build's search index: re-indexing thousands
        of pages on every save would cost more than the rebuild."""
        site, previous, site_dir = self.site, self.previous, self.site_dir
        statics = site.static_urls(previous)
        static = set(statics)
        index = search.Index() if previous is None else None

        def render(key: str) -> tuple[str | bytes | None, dict[bytes, str]]:
            if key in static:
                content: str | bytes | None = site.static_file(key, previous)
            else:
                content = site.page_html(key)
                report = site.report(key)
                if index is not None and content is not None and report is not None:
                    document = site.search_document(key)
                    assert document is not None  # a report page has one
                    index.add(report.url, document)
            # Prose rendered on the other core comes back with the page, to be kept
            # for the next build.
            return content, site.rendered_prose()

        def finish() -> None:
            if index is not None:
                index.write(site_dir)

        ahead = [] if previous is not None else pages
        indexed = [key for key in ahead if site.report(key) is not None]
        shared = [key for key in ahead if site.report(key) is None] + statics
        self.close()
        self.contents = Contents(render, indexed, finish, shared=shared)

    def take(self, src_uri: str) -> str | bytes | None:
        """The content of a core page or static file, rendered here or on the other core."""
        assert self.contents is not None, "render() starts the rendering"
        try:
            content, prose = self.contents.take(src_uri)
        except (RenderError, search.SearchIndexError, CopyError, OSError) as err:
            stopped = fault(err, self.site_dir)
            if stopped is None:
                raise
            raise stopped from err
        self.site.learn_prose(prose)
        return content

    def finish(self) -> None:
        """Write the static files beside the pages, wait for the search index, keep
        the prose for the next build, and make sure no output of an interrupted
        build is left to be published. Any write that fails fails the build: a
        full disk must not publish a site without its feeds or its search index.

        The static files are written here rather than handed to the generator as
        pages, so that rendering them is the other core's work, not the build's."""
        try:
            for url in self.site.static_urls(self.previous):
                content = self.take(url)
                assert isinstance(content, bytes)
                target = self.site_dir / url
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
                self.site.keep_static(url, content)
            assert self.contents is not None
            self.contents.wait()  # the search index is written
            self.site.save_prose()
            self.site.prune_copies()
        except (RenderError, search.SearchIndexError, CopyError, OSError) as err:
            stopped = fault(err, self.site_dir)
            if stopped is None:
                raise
            raise stopped from err
        finally:
            self.stop()
        self._remove_gone_pages()
        left = output.no_leftovers(self.site_dir)
        if left is not None:
            raise BuildFault(CLI["leftover"].format(path=left))

    def _remove_gone_pages(self) -> None:
        """A preview's rebuild keeps the last output (--dirty): the pages of a report
        deleted, renamed or now refused since (and its versions) are deleted, so that
        its old address answers "not found" rather than the report as it was."""
        if self.previous is None:
            return
        for url in self.previous.page_urls() - self.site.page_urls():
            page = self.site_dir / url / "index.html"
            try:
                page.unlink(missing_ok=True)
                page.parent.rmdir()
            except OSError:
                pass  # a folder that holds other pages stays; the page itself is gone

    def close(self) -> None:
        """Stop the renderer, if it still runs."""
        if self.contents is not None:
            self.contents.close()
            self.contents = None

    def stop(self) -> None:
        """Stop the helpers: the renderer, and the deletion of the last output (waited for)."""
        self.close()
        if self.clearing is not None:
            clearing, self.clearing = self.clearing, None
            clearing.wait()


@dataclass
class Session:
    """What lives across the builds of one process: one for ``build``, every
    rebuild of a preview server (``serve``) for the other."""

    command: str = "build"
    # Whether the generator keeps the last output (MkDocs' --dirty), and, when
    # serving, re-renders only what changed.
    dirty: bool = False
    # The last build accepted: a preview's rebuild starts from it.
    last: core.Site | None = None
    # The build under way, from accept() to finish() or abort().
    current: Build | None = None
    # What a preview server shows at every address instead of the site while it
    # cannot show it: the archive's problems, or why the last build stopped.
    # None: the site. Read by the server's threads, replaced whole by the build.
    page: str | None = None
    # Why the build under way stopped, in Swedish, when it was said (abort()).
    reason: str | None = None
    # Where a preview writes the details of a fault in our own code.
    details: Path | None = None

    def start(self, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty

    @property
    def incremental(self) -> bool:
        """`serve --dirty` after its first build: re-render only what changed."""
        return self.command == "serve" and self.dirty and self.last is not None

    def load(
        self, docs: Path, site_dir: Path, site_url: str, *, preview: object, audience: object, now: object,
        pdf_variant: object = None, archival_copies: object = None,
    ) -> Build:
        """Read the settings and the archive. Problems are in ``build.problems``;
        :meth:`accept` decides whether the build goes on."""
        try:
            options = core.options(preview=preview, audience=audience, now=now, serving=self.command == "serve")
            variant = read_pdf_variant(pdf_variant)
            copies = read_archival_copies(archival_copies, serving=self.command == "serve")
        except core.OptionsError as err:
            raise BuildFault(str(err)) from None
        previous = self.last if self.incremental else None
        self.details = docs.resolve().parent / cache.CACHE_DIR / "serve-error.log"
        try:
            site = core.build(docs, options, site_url, previous=previous, pdf_variant=variant, archival_copies=copies)
        except core.HistoryError as err:
            raise BuildFault(str(err)) from None
        except OSError as err:  # the cache of verdicts could not be written: a full disk
            raise fault(err, docs) or err from None
        return Build(site, site_dir, preview=options.mode == "preview", previous=previous)

    def accept(self, build: Build) -> None:
        """Go ahead with ``build``, or stop it: errors stop the build; warnings are the
        author's to weigh (CI shows them on the pull request), so they must not fail a
        strict build. Once accepted, a full build (the ``build`` command, not dirty: a
        preview and a dirty build keep their output) starts deleting the last output.

        A preview server goes ahead with errors too, with the reports that pass, and
        shows the problems in their place (:attr:`page`) until a build has none."""
        collection = build.site.collection
        if collection.errors and self.command != "serve":
            summary = formats.summary_line(collection.problems, collection.files_checked)
            raise BuildFault(CLI["build_failed"].format(summary=summary))
        self.page = problems_page(collection.problems, collection.files_checked) if collection.errors else None
        if self.current is not None:
            self.current.close()
        if self.command == "build" and not self.dirty:
            build.clearing = output.clear_in_background(build.site_dir)
        self.last, self.current = build.site, build

    def building(self) -> Build:
        assert self.current is not None, "accept() starts a build"
        return self.current

    def finish(self) -> None:
        build, self.current = self.building(), None
        build.finish()

    def abort(self, error: BaseException, reason: str | None = None) -> BuildFault | None:
        """Stop the helpers of a build that failed half-way; the fault that stopped
        it, when it was one of the world's. ``reason`` is what the generator's
        adapter knows of why, in Swedish. A preview's next build starts over:
        this one's output may be half written."""
        build, self.current = self.current, None
        if build is not None:
            build.stop()
        stopped = fault(error)
        self.reason = reason if reason is not None else (str(stopped) if stopped is not None else None)
        if self.command == "serve":
            self.last = None
        return stopped

    def failed(self, details: str) -> Path | None:
        """A preview's build raised: show why at every address (:attr:`page`) until a
        build succeeds, rather than leave the server hanging. A fault that was
        said (:meth:`abort`'s reason) is shown as it is; any other is a fault in
        our code, whose ``details`` (a traceback, for the maintainer, not the
        author) are written to a file: where, or None when it cannot be written."""
        reason, self.reason, self.last = self.reason, None, None
        where = None
        if reason is None and self.details is not None:
            try:
                self.details.parent.mkdir(parents=True, exist_ok=True)
                self.details.write_text(details, encoding="utf-8")
                where = self.details
            except OSError:
                where = None
        self.page = fault_page(reason, str(where) if where is not None else None)
        return where
