"""The whole site, described without a site generator.

``build`` runs the one pipeline (load → validate → archive) and answers what
any generator needs to know: which source files to drop, which pages to add,
the content of every page, and the static files (feeds, ``reports.json``).
The MkDocs hooks are a thin translation of these answers into MkDocs events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import cache, layout, versions
from .archive import Archive, Options
from .settings import OptionsError as OptionsError, options as options  # the hook's way in
from .catalogue import HISTORY, LABELS
from .git import GitError
from .history import History, production_error, read_history
from .versions import Versions
from .collection import Collection, load
from .model import Report
from .render import archival, feeds, ics, markdown, pages, reports_json, search_document
from .settings import DEFAULT_PDF_VARIANT, PdfVariant


@dataclass
class Site:
    collection: Collection
    archive: Archive
    site_url: str
    generated: dict[str, pages.PageSpec] = field(default_factory=dict)
    versions: dict[str, Versions] = field(default_factory=dict)
    _reports_by_source: dict[str, Report] = field(default_factory=dict)
    _prose: cache.Store | None = None
    _static_kept: dict[str, tuple[object, bytes]] = field(default_factory=dict)
    _statics: dict[str, tuple[object, Callable[[tuple[object, bytes] | None], bytes]]] = field(default_factory=dict)
    history: History | None = None
    _version_specs: dict[str, list[pages.PageSpec]] = field(default_factory=dict)
    # Each published version's archival copy (PDF/A), by its address; kept by content.
    archived: dict[str, archival.Copy] = field(default_factory=dict)
    copies: archival.Copies = field(default_factory=lambda: archival.Copies(None))
    # Whether this build makes them (settings.read_archival_copies); pages link a copy only then.
    makes_copies: bool = False

    # --- What the generator should drop and add -----------------------------
    def drops(self, src_uri: str) -> bool:
        """Source files that must not become pages: series definitions, and
        reports this build does not publish (drafts, embargoed, other audience)."""
        if layout.is_series(src_uri):
            return True
        if layout.is_report(src_uri):
            return src_uri not in self._reports_by_source
        return False

    def report(self, src_uri: str) -> Report | None:
        return self._reports_by_source.get(src_uri)

    def page_title(self, src_uri: str) -> str | None:
        report = self.report(src_uri)
        if report is not None:
            return report.title
        spec = self.generated.get(src_uri)
        return spec.title if spec else None

    def page_html(self, src_uri: str) -> str | None:
        """The content of a page this site owns, or None for the site's own pages."""
        report = self.report(src_uri)
        if report is not None:
            return pages.report_page(self.archive, report, versions=self.versions.get(report.path),
                                     site_url=self.site_url, with_copy=self.makes_copies)
        spec = self.generated.get(src_uri)
        return spec.render(self.archive) if spec else None

    def search_document(self, src_uri: str) -> str | None:
        """What the search index reads of a report page (see render.search_document); None for other pages."""
        report = self.report(src_uri)
        return search_document.render(self.archive, report) if report is not None else None

    # --- Rebuilding a preview: only what changed ---------------------------------
    def unchanged_pages(self, previous: Site) -> set[str]:
        """Generated pages whose inputs are the same as in ``previous``."""
        return {
            src for src, spec in self.generated.items()
            if spec.inputs is not None and src in previous.generated and previous.generated[src].inputs == spec.inputs
        }

    def pages_to_refresh(self, previous: Site) -> set[str]:
        """Report pages whose file did not change but whose page did: a neighbour
        was added, removed or retitled, or the series or versions changed."""
        def shown(site: Site, report: Report) -> tuple:
            before, after = site.archive.neighbours(report)
            link = lambda r: None if r is None else (r.url, r.title, r.date)  # noqa: E731
            return (link(before), link(after), site.archive.series[report.series], site.versions.get(report.path))

        stale = set()
        for path, report in self._reports_by_source.items():
            old = previous._reports_by_source.get(path)
            if old is not None and old == report and shown(previous, old) != shown(self, report):
                stale.add(path)
        return stale

    def page_urls(self) -> set[str]:
        """The address of every page this site owns: reports, their versions, the archive pages."""
        return {layout.page_url(src) for src in (*self._reports_by_source, *self.generated)}

    def hidden_from_search_engines(self, src_uri: str) -> bool:
        """Older versions and comparisons: kept for the record, not for finding."""
        spec = self.generated.get(src_uri)
        return spec is not None and spec.kind in ("old_version", "comparison")

    # --- Prose kept between builds ------------------------------------------------
    def rendered_prose(self) -> dict[bytes, str]:
        """Prose this process rendered since last asked: a process that renders
        pages for another hands it over with them, for :meth:`save_prose`."""
        return markdown.take_new()

    def learn_prose(self, renderings: dict[bytes, str]) -> None:
        markdown.remember(renderings)

    def shown_texts(self) -> list[str]:
        """The prose this build shows: every report, every older version, every series' about text."""
        texts = [r.body for r in self.archive.reports]
        texts += [v.report.body for views in self.versions.values() for v in views.older if v.report is not None]
        return texts + [s.about for s in self.archive.series.values() if s.about]

    def save_prose(self) -> None:
        """Keep the rendering of every text this build shows, for the next build;
        texts no longer shown (an edited report's old wording) fall away."""
        if self._prose is None:
            return
        for key in {markdown.digest(text) for text in self.shown_texts()}:
            if self._prose.get(key) is None:
                html = markdown.known(key)
                if html is not None:
                    self._prose.put(key, html)
        self._prose.save()

    def static_urls(self, previous: Site | None = None) -> list[str]:
        """The files beside the pages: every feed, then ``reports.json``, then the
        calendar subscriptions, then the archival copies; of the copies, on a preview's
        rebuild (``previous``), only those new or changed since: the others are in its
        output already."""
        copies = [url for url, copy in self.archived.items()
                  if previous is None or getattr(previous.archived.get(url), "key", None) != copy.key]
        return ([f.url for f in self.feeds()] + [reports_json.URL]
                + [c.url for c in ics.feeds_for(self.archive)] + copies)

    def static_file(self, url: str, previous: Site | None = None) -> bytes:
        """A feed or ``reports.json``. When its inputs are as in ``previous`` (a
        preview's last build, see :meth:`keep_static`) it is taken from there
        instead of rendered again. An archival copy comes from the kept copies, or is
        rendered and kept."""
        copy = self.archived.get(url)
        if copy is not None:
            return self.copies.get(copy)
        inputs, render = self._static(url)
        kept = previous._static_kept.get(url) if previous is not None else None
        return kept[1] if kept is not None and kept[0] == inputs else render(kept)

    def keep_static(self, url: str, content: bytes) -> None:
        """Remember a static file as this build published it, wherever it was
        rendered, for the next build's :meth:`static_file`. Archival copies are kept
        on disk instead (see ``archival.Copies``): thousands of them would fill memory."""
        if url in self.archived:
            return
        self._static_kept[url] = (self._static(url)[0], content)

    def _static(self, url: str) -> tuple[object, Callable[[tuple[object, bytes] | None], bytes]]:
        """What a static file depends on, and how to render it: worked out once
        per build, since both :meth:`static_file` and :meth:`keep_static` ask,
        and a preview's rebuild does little else with a feed it keeps."""
        found = self._statics.get(url)
        if found is None:
            found = self._statics[url] = self._static_anew(url)
        return found

    def _static_anew(self, url: str) -> tuple[object, Callable[[tuple[object, bytes] | None], bytes]]:
        """A static file's inputs, and how to render it given the last build's (inputs,
        content) of it, if any: a calendar takes the events that did not change from there."""
        series = tuple(sorted(self.archive.series.items()))
        withheld = {path: views.withheld for path, views in self.versions.items() if views.withheld}
        if url == reports_json.URL:
            listed = tuple(r.listed() for r in self.archive.reports)
            inputs: tuple[object, ...] = (series, self.site_url, listed, sorted(withheld.items()))
            return inputs, lambda kept: reports_json.render(self.archive, self.site_url, withheld)
        calendar = next((c for c in ics.feeds_for(self.archive) if c.url == url), None)
        if calendar is not None:
            shown = tuple(ics.shown(self.archive, calendar, self.versions))
            inputs = (series, self.site_url, calendar, shown)

            def render_calendar(kept: tuple[object, bytes] | None) -> bytes:
                earlier = None
                if kept is not None and isinstance(kept[0], tuple) and kept[0][1] == self.site_url:
                    earlier = ics.earlier_events(kept[0][3], kept[1])
                return ics.render(calendar, shown, self.site_url, earlier)
            return inputs, render_calendar
        feed = next(f for f in self.feeds() if f.url == url)
        reports = tuple(feeds.entries(self.archive, feed))
        held = {r.path: withheld[r.path] for r in reports if r.path in withheld}
        inputs = (series, self.site_url, feed, reports, sorted(held.items()))
        return inputs, lambda kept: feeds.render(self.archive, feed, self.site_url, held)

    def feeds(self) -> list[feeds.Feed]:
        return feeds.feeds_for(self.archive)

    def copies_to_render(self) -> list[str]:
        """The archival copies this build renders: those not kept from an earlier one."""
        return [url for url, copy in self.archived.items() if not self.copies.has(copy.key)]

    def prune_copies(self) -> None:
        """Let go of kept copies this build does not publish."""
        self.copies.prune({copy.key for copy in self.archived.values()})


class HistoryError(RuntimeError):
    """The production build cannot publish an archive whose history is incomplete."""


def repository_of(docs: Path) -> tuple[Path, str] | None:
    """The git work tree holding ``docs`` and the docs folder's path within it.

    Found by looking for ``.git`` upwards, so no git process is spent on it."""
    docs = docs.resolve()
    for folder in (docs, *docs.parents):
        if (folder / ".git").exists():
            return folder, docs.relative_to(folder).as_posix()
    return None


def build(
    docs: Path, options: Options, site_url: str, *, with_history: bool = True, previous: Site | None = None,
    pdf_variant: PdfVariant = DEFAULT_PDF_VARIANT, archival_copies: bool = False,
) -> Site:
    """Load, validate and arrange the archive. Problems are in ``site.collection.problems``;
    the caller decides whether errors stop the build. A production build whose
    git history is missing or shallow raises HistoryError: it would publish
    wrong version numbers. ``previous`` is a preview's last build, whose
    history is reused when no commit was made since."""
    collection = load(docs, previous=previous.collection if previous is not None else None, now=options.now)
    archive = Archive.build(collection.series, collection.reports, options)
    site = Site(collection=collection, archive=archive, site_url=site_url, makes_copies=archival_copies)
    rendering = None
    if previous is None:
        # A preview's rebuild has every rendering in memory already.
        site._prose = cache.Store.open(docs, _prose_fingerprint(), kind="prose")
        markdown.remember(_kept_prose(site._prose))
        # Today's prose is converted on the other cores while the history is read.
        rendering = markdown.Rendering(site.shown_texts())
    try:
        _arrange(site, docs, options, previous, pdf_variant, archival_copies, with_history)
    except BaseException:
        if rendering is not None:
            rendering.cancel()
        raise
    if rendering is not None:
        rendering.wait()
        markdown.render_all(site.shown_texts())  # the older versions' prose, now that they are known
    return site


def _arrange(site: Site, docs: Path, options: Options, previous: Site | None, pdf_variant: PdfVariant,
             archival_copies: bool, with_history: bool) -> None:
    """The site's pages, and with the history its versions and archival copies."""
    archive, collection = site.archive, site.collection
    site._reports_by_source = {r.path: r for r in archive.reports}
    site.generated = {spec.src_uri: spec for spec in pages.site_pages(archive)}
    if with_history:
        found = repository_of(docs)
        earlier = previous.history if previous is not None else None
        try:
            history = read_history(found[0], found[1], previous=earlier) if found else History(False, "not_a_repo")
        except GitError as err:  # a damaged repository: git could not read what it listed
            raise HistoryError(HISTORY["unavailable_build"].format(reason=err)) from err
        site.history = history
        # A published archive without its history would show wrong version
        # numbers; a preview goes on and says what is missing.
        refusal = production_error(history) if options.mode == "production" else None
        if refusal:
            raise HistoryError(refusal)
        for report in archive.reports:
            kept = _kept_versions(previous, report, history, archival_copies)
            if kept is not None:
                assert previous is not None  # the versions were kept from it
                views, specs = kept, previous._version_specs[report.path]
            else:
                views = versions.for_report(report, history, collection.series, options)
                specs = _version_pages(report, views, archival_copies)
            site.versions[report.path], site._version_specs[report.path] = views, specs
            for spec in specs:
                site.generated[spec.src_uri] = spec
        if archival_copies:  # off in previews, tests and the bench's build ratios (settings.read_archival_copies)
            site.archived = _archival_copies(site, pdf_variant)
            site.copies = archival.Copies.open(docs, options.audience)


def _archival_copies(site: Site, variant: PdfVariant) -> dict[str, archival.Copy]:
    """Every version this build publishes that has an archival copy, by the copy's address:
    the versions the archive admitted (``versions.for_report``), nothing else."""
    found = {}
    for report in site.archive.reports:
        views = site.versions.get(report.path)
        for view in views.items if views is not None else ():
            url = archival.url_for(views, view.number)
            if url is None or view.report is None:
                continue
            found[url] = archival.Copy(
                url=url, report=view.report, series=site.archive.series[report.series], number=view.number,
                published=view.date, notes=view.notes, address=archival.address(site.site_url, report.url),
                variant=variant, addresses=site.archive.addresses, site_url=site.site_url, page_url=report.url,
            )
    return found


def _kept_prose(store: cache.Store) -> dict[bytes, str]:
    """The renderings a prose store holds, by their text's digest; anything else in it is ignored."""
    kept = {}
    for key, html in store.entries.items():
        try:
            digest = bytes.fromhex(key)
        except ValueError:
            continue
        if isinstance(html, str) and len(digest) == len(markdown.digest("")):
            kept[digest] = html
    return kept


def _prose_fingerprint() -> str:
    """Renderings depend on the code and on the libraries that convert and clean."""
    return cache.fingerprint(*(f"{name} {metadata.version(name)}".encode() for name in ("markdown", "nh3")))


def _kept_versions(previous: Site | None, report: Report, history: History, copies: bool) -> Versions | None:
    """A preview's last versions of ``report``, when neither the report (the same
    object: its file is unchanged) nor its history changed since, nor whether copies are made."""
    if previous is None or previous.history is None or previous.report(report.path) is not report:
        return None
    if previous.makes_copies != copies:  # the version pages link a copy or not
        return None
    if previous.history.message != history.message or previous.history.get(report.path) != history.get(report.path):
        return None
    return previous.versions.get(report.path)


def _version_pages(report: Report, views: Versions, copies: bool = False) -> list[pages.PageSpec]:
    out = []
    for view in views.older:
        out.append(pages.PageSpec(
            view.url, LABELS["versions.page_title"].format(title=report.title, number=view.number), "old_version",
            lambda archive, view=view: pages.old_version_page(  # type: ignore[misc]  # mypy cannot infer a lambda with a default
                archive, report, views, view, with_copy=copies),
            (report, views, copies),
        ))
    for view in views.items:
        if view.compare_url:
            out.append(pages.PageSpec(
                view.compare_url,
                LABELS["compare.page_title"].format(title=report.title, old=view.number - 1, new=view.number),
                "comparison",
                lambda archive, number=view.number: pages.comparison_page(  # type: ignore[misc]  # as above
                    report, views, number, archive),
                (report.title, views),
            ))
    return out
