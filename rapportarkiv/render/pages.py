"""The archive's pages as HTML fragments: report pages and generated indexes.

``site_pages`` says which pages the archive has (their addresses and titles);
``render`` produces the content of one of them. A site generator wraps the
fragment in its theme; it never decides what a page contains.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import re

import jinja2
import markupsafe
import yaml

from .. import catalogue, comments, field_changes, layout, schemas, swedish_dates
from ..archive import Archive, swedish_key, tag_slug
from ..catalogue import DIFF, LABELS
from ..characters import xml_safe
from ..model import Report, Series
from ..links import absolute, relative
from . import archival, arrangement, markdown, prose_diff
from .feeds import Feed, feeds_for
from .. import textdiff
from ..versions import Versions, VersionView

HOME, ALL_REPORTS, TAGS, CALENDAR, SPOKESPERSONS, ERROR_CODES, FIELDS = (
    "", "rapporter/", "taggar/", "kalender/", "talespersoner/", "guide/felkoder/", "guide/uppgifter/",
)
SEARCH = "sok/"


@dataclass(frozen=True)
class PageSpec:
    """A page the archive generates: where it lives, its title, how to render it."""

    url: str
    title: str
    kind: str
    render: Callable[[Archive], str]
    # What the content depends on, when that is narrower than the whole archive:
    # a preview server re-renders the page only when this changes. None: always.
    inputs: object = field(default=None, compare=False)

    @property
    def src_uri(self) -> str:
        """The source name a generator uses for it: 'taggar/index.md'."""
        return f"{self.url}index.md" if self.url else "index.md"


def t(key: str) -> str:
    return LABELS[key]


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("rapportarkiv", "templates"),
        autoescape=True,
        trim_blocks=False,
        undefined=jinja2.StrictUndefined,
        # The templates are part of the package, not the archive: they do not
        # change during a build, so their files are not checked on every page.
        auto_reload=False,
    )
    env.filters.update(
        long_datetime=swedish_dates.long_datetime,
        long_date=swedish_dates.long_date,
        short_date=swedish_dates.short_date,
        day_month=swedish_dates.day_month,
        tagslug=tag_slug,
        slug=layout.slugify,
    )
    env.filters["inline_code"] = inline_code
    env.globals["t"] = t
    return env


_CODE_SPAN = re.compile(r"`([^`]+)`")


def inline_code(text: str) -> markupsafe.Markup:
    """A catalogue text with `backticks` around a command shown as <code>, the rest escaped.

    The catalogue writes a command the way Markdown does, since the job summary is
    Markdown; a guide page is HTML made by a template, where backticks would be shown."""
    escaped = str(markupsafe.escape(text))
    return markupsafe.Markup(_CODE_SPAN.sub(r"<code>\1</code>", escaped))


def _render(template: str, page_url: str, **context: object) -> str:
    def link(target: str) -> str:
        return relative(target, page_url)

    return _environment().get_template(template).render(link=link, **context)


def series_url(series_id: str) -> str:
    return f"{layout.REPORTS_DIR}/{series_id}/"


def year_url(series_id: str, year: int) -> str:
    return f"{layout.REPORTS_DIR}/{series_id}/{year}/"


def cadence(series: Series) -> str:
    weekday = LABELS.get(f"weekday.{series.weekday}", "") if series.weekday else ""
    return LABELS[f"about.cadence.{series.frequency}"].format(
        weekday=weekday, owner=series.owner, commissioned_by=series.commissioned_by
    )


def report_page(
    archive: Archive, report: Report, *, versions: Versions | None = None,
    page_url: str | None = None, shown_version: int | None = None, banner: str = "", site_url: str = "",
    with_copy: bool = False,
) -> str:
    """The content of a report's page: a compact header from data, then the prose
    with the structured parts where the series places them (``arrangement``),
    then tags, the version history and the series' neighbours.

    An older version is the same page at another address (``page_url``), with
    a banner, without previous/next links and without the search-index marker.
    ``site_url`` makes the address printed at the foot of the page absolute.
    ``with_copy``: the build makes archival copies, and the version information links this version's.
    """
    series = archive.series[report.series]
    current = shown_version is None
    previous, next_ = archive.neighbours(report) if current and archive.published(report) else (None, None)
    url = page_url or report.url
    shown_number = shown_version or (versions.current.number if versions is not None and versions.current else 0)
    used = set(markdown.PAGE_IDS)
    body = markdown.distinct_ids(markdown.prose(report.body, report.path, archive.addresses, url), used)
    return _render(
        "report.html",
        url,
        indexable=current,
        report=report,
        series=series,
        series_url=series_url(series.id),
        pieces=arrangement.arrange(body, series.placement.get(report.type, {})),
        cadence=cadence(series),
        about=markdown.distinct_ids(markdown.prose(series.about, series.path, archive.addresses, url), used),
        previous=previous,
        next=next_,
        versions=versions,
        shown_number=shown_number,
        current=current,
        banner=banner,
        anchor=archive.spokesperson_anchor,
        pdf_url=archival.url_for(versions, shown_version) if with_copy else None,
        pdf_label=catalogue.ARCHIVAL["download.version"].format(number=shown_version) if shown_version
        else catalogue.ARCHIVAL["download"],
        page_address=absolute(url, site_url),
    )


def old_version_page(
    archive: Archive, report: Report, versions: Versions, view: VersionView, *, with_copy: bool = False,
) -> str:
    """An older version, rendered as it was through today's templates, with a banner."""
    banner = _render("old_version_banner.html", view.url, view=view, current_url=report.url)
    if view.report is None:
        # Unreadable may mean holding characters the validator now refuses: not passed on raw.
        raw = xml_safe(comments.hide(view.raw.decode("utf-8", "replace")))
        return _render("unreadable_version.html", view.url, view=view, banner=banner, raw=raw)
    return report_page(
        archive, view.report, versions=versions, page_url=view.url, shown_version=view.number, banner=banner,
        with_copy=with_copy,
    )


def comparison_page(report: Report, versions: Versions, number: int, archive: Archive) -> str:
    """Version ``number`` against the one before: changed fields part by part, then
    the text as it reads, with the changes marked inside headings, paragraphs and items."""
    old, new = versions.items[number - 2], versions.items[number - 1]
    compared = compare(old, new)
    assert new.compare_url is not None
    # Links to other reports lead where the report page's own do (see markdown.prose).
    prose = archive.addresses.rewrite(compared.prose, report.path, new.compare_url)
    zone = archive.series[report.series].time_zone
    return _render(
        "comparison.html", new.compare_url, title=report.title, old=old, new=new, compared=compared,
        rows=[row for change in compared.fields for row in field_changes.compared(change, zone)],
        prose=markdown.distinct_ids(prose, set(markdown.PAGE_IDS)),
        current_url=report.url, marks={"insert": DIFF["inserted"], "delete": DIFF["deleted"]},
    )


@dataclass(frozen=True)
class Compared:
    """Two versions as the comparison page shows them."""

    fields: tuple[field_changes.FieldChange, ...]
    prose: str  # the text with the changes marked (prose_diff); empty when it did not change
    text_changed: bool
    coarse: bool  # some changes are shown whole (a paragraph, not its words): the work budget ran out


def compare(old: VersionView, new: VersionView) -> Compared:
    """The fields and the text of two versions compared. The text is compared
    once, by the marking that the page shows (prose_diff), not again word by
    word for the fact that it changed; a version the build has parsed is not
    read again (reading YAML was a third of the page)."""
    (old_data, old_body), (new_data, new_body) = _front_and_body(old), _front_and_body(new)
    old_text, new_text = comments.hide(old_body).strip("\n"), comments.hide(new_body).strip("\n")
    fields = field_changes.diff_fields(old_data, new_data)
    if old_text == new_text:
        return Compared(fields, "", False, False)
    prose, complete = prose_diff.to_html(old_text, new_text)
    return Compared(fields, prose, True, not complete)


def _front_and_body(view: VersionView) -> tuple[dict[str, Any], str]:
    """A version's front matter as YAML read it, and its body: from the report the
    build made of it, or, for one that no longer passes today's checks, read as it is."""
    if view.report is not None:
        return view.report.data, view.report.body
    parsed = textdiff.parse(view.raw)
    return parsed.data, parsed.body


def _home(archive: Archive) -> str:
    latest = archive.latest_per_series()
    # One page shows the latest report of every series: their headings share one set of ids.
    used = set(markdown.PAGE_IDS) | {f"senaste-{s}" for s in archive.series}
    rendered = {
        r.url: _render("latest.html", HOME, report=r,
                       body=markdown.distinct_ids(markdown.prose(r.body, r.path, archive.addresses, HOME), used))
        for r in latest
    }
    return _render(
        "home.html", HOME, archive=archive, latest=latest, rendered_latest=rendered,
        recent=_earlier(archive, latest), feeds=feeds_for(archive),
    )


def _earlier(archive: Archive, latest: list[Report]) -> list[Report]:
    """The start page's list: the ten latest reports but those it shows in full above it."""
    return [r for r in archive.current() if r not in latest][:10]


def _all_reports(archive: Archive) -> str:
    reports = archive.reports
    tags = [(slug, group.name) for slug, group in archive.tags.items()]
    count = LABELS["archive.count.one"] if len(reports) == 1 else LABELS["archive.count"].format(count=len(reports))
    return _render(
        "all_reports.html", ALL_REPORTS, reports=reports, count_label=count,
        years=sorted({r.date.year for r in reports}, reverse=True), tags=tags,
    )


def _search(archive: Archive) -> str:
    """The search results page: its filters offer the values the index was given."""
    series = sorted((s.name for s in archive.series.values()), key=swedish_key)
    return _render("search.html", SEARCH, series=series, years=sorted({r.date.year for r in archive.reports}, reverse=True))


def _series_page(series: Series) -> Callable[[Archive], str]:
    def render(archive: Archive) -> str:
        reports = archive.in_series(series.id)
        counts: dict[int, int] = defaultdict(int)
        for report in reports:
            counts[report.date.year] += 1
        latest = next((r for r in reports if r.withdrawn is None), None)
        return _render(
            "series.html", series_url(series.id), series=series, cadence=cadence(series),
            about=markdown.prose(series.about, series.path, archive.addresses, series_url(series.id)), latest=latest, years=sorted(counts.items(), reverse=True),
            year_url=lambda year: year_url(series.id, year),
            feeds=[f for f in feeds_for(archive) if f.series == series.id],
        )

    return render


def _year_page(series: Series, year: int) -> Callable[[Archive], str]:
    def render(archive: Archive) -> str:
        return _render(
            "year.html", year_url(series.id, year), series=series, year=year, weeks=archive.weeks(series.id, year)
        )

    return render


def _tags(archive: Archive) -> str:
    tags = [(slug, group.name, len(group.reports)) for slug, group in archive.tags.items()]
    return _render("tags.html", TAGS, tags=tags)


def _tag_page(slug: str) -> Callable[[Archive], str]:
    def render(archive: Archive) -> str:
        group = archive.tags[slug]
        return _render("tag.html", f"{TAGS}{slug}/", name=group.name, reports=group.reports)

    return render


def _calendar_years(archive: Archive) -> str:
    """Every year of the calendar, opened on the build's year (or the nearest year with actions)."""
    years = _actions_per_year(archive)
    opened = _opened_year(archive, [year for year, _ in years])
    html = _calendar_months(archive, opened, CALENDAR, heading=False) if opened is not None else ""
    return _render("calendar_years.html", CALENDAR, years=years, opened=opened, opened_html=html)


def _opened_year(archive: Archive, years: list[int]) -> int | None:
    """The calendar opens on the build's year; without actions that year, on the latest year before it, or the first after."""
    this = archive.options.now.year
    before = [year for year in years if year <= this]
    return max(before) if before else min(years, default=None)


def _actions_per_year(archive: Archive) -> list[tuple[int, int]]:
    counts: dict[int, int] = defaultdict(int)
    for entry in archive.calendar():
        counts[entry.action.date.year] += 1
    return sorted(counts.items(), reverse=True)


def calendar_url(year: int) -> str:
    return f"{CALENDAR}{year}/"


def _by_month(entries: list, year: int) -> list[tuple[str, list]]:
    months: dict[str, list] = {}
    for entry in entries:
        key = f"{swedish_dates.month_name(entry.action.date.month).capitalize()} {year}"
        months.setdefault(key, []).append(entry)
    return list(months.items())


def _calendar_months(archive: Archive, year: int, page_url: str, *, heading: bool) -> str:
    """A year's actions: the coming ones first, soonest first (what a communicator plans
    by), then the past ones, latest first. "Coming" is from the build's day on."""
    today = archive.options.now.date()
    entries = [entry for entry in archive.calendar() if entry.action.date.year == year]
    upcoming = sorted((e for e in entries if e.action.date >= today), key=lambda e: (e.action.date, e.report.date))
    past = [e for e in entries if e.action.date < today]  # calendar(): latest first
    return _render(
        "calendar.html", page_url, year=year, heading=heading, top=2 if heading else 3,
        upcoming=_by_month(upcoming, year), past=_by_month(past, year),
    )


def _calendar_year(year: int) -> Callable[[Archive], str]:
    """One year of the calendar: a decade of weekly reports holds tens of thousands
    of actions, too many for one page, and an edit re-renders only its years."""
    def render(archive: Archive) -> str:
        return _calendar_months(archive, year, calendar_url(year), heading=True)

    return render


def _spokespersons(archive: Archive) -> str:
    people = []
    for name, reports in archive.spokespersons().items():
        roles: list[str] = []
        for report in reports:
            for person in report.spokespersons:
                if person.name == name:
                    role = person.role_and_organisation
                    if role not in roles:
                        roles.append(role)
        people.append((name, roles, reports))
    return _render("spokespersons.html", SPOKESPERSONS, people=people, anchor=archive.spokesperson_anchor)


def _error_codes(archive: Archive) -> str:
    return _render("error_codes.html", ERROR_CODES, entries=sorted(catalogue.PROBLEMS.items()))


def _field(name: str, key: str, path: list, required: bool) -> dict:
    schema = schemas.property_schema(name, [*path, key])
    item = schemas.property_schema(name, [*path, key, 0]) if schema.get("type") == "array" else {}
    properties = item.get("properties") or schema.get("properties") or {}
    inner_required = item.get("required") or schema.get("required") or []
    inner_path = [*path, key, 0] if item.get("properties") else [*path, key]
    example = (schema.get("examples") or [None])[0]
    return {
        "key": key,
        "title": schema.get("title", key),
        "description": schema.get("description", ""),
        "required": required,
        "allowed": schema.get("enum", []),
        "children": [_field(name, k, inner_path, k in inner_required) for k in properties],
        "example": None if example is None else yaml.safe_dump(
            {key: example}, allow_unicode=True, sort_keys=False, default_flow_style=False).strip(),
    }


def _fields(archive: Archive) -> str:
    """The front-matter reference, generated from the schemas so it cannot fall behind them."""
    sections = []
    for name, section_id, label in (("report", "rapport", "fields.report"), ("series", "serie", "fields.series")):
        root = schemas.load(name)
        required = set(root.get("required", []))
        sections.append({
            "id": section_id, "title": LABELS[label], "description": root.get("description", ""),
            "fields": [_field(name, key, [], key in required) for key in root["properties"]],
        })
    return _render("fields.html", FIELDS, sections=sections)


def site_pages(archive: Archive) -> list[PageSpec]:
    """Every generated page of this archive. Report pages are not listed: they are files.

    Each page names its inputs, so a preview re-renders it only when they change.
    Lists depend on their reports' data, not their prose (``Report.listed``)."""
    series = tuple(sorted(archive.series.items()))
    listed = tuple(r.listed() for r in archive.reports)
    latest = tuple(archive.latest_per_series())
    recent = tuple(r.listed() for r in _earlier(archive, list(latest)))
    calendar: dict[int, list] = defaultdict(list)
    for entry in archive.calendar():
        calendar[entry.action.date.year].append(
            (entry.action, entry.report.url, entry.report.title, entry.report.withdrawn is not None)
        )
    tags = tuple((slug, group.name, len(group.reports)) for slug, group in archive.tags.items())
    years = tuple((year, len(entries)) for year, entries in calendar.items())
    today = archive.options.now.date()  # what is "coming" in the calendar
    opened = _opened_year(archive, list(calendar))
    pages = [
        PageSpec(HOME, LABELS["home.title"], "home", _home, (series, latest, recent)),
        PageSpec(ALL_REPORTS, LABELS["archive.title"], "archive", _all_reports, listed),
        PageSpec(TAGS, LABELS["tags.title"], "tags", _tags, tags),
        PageSpec(CALENDAR, LABELS["calendar.title"], "calendar", _calendar_years,
                 (years, today, tuple(calendar[opened]) if opened is not None else ())),
        PageSpec(SPOKESPERSONS, LABELS["spokespersons.title"], "spokespersons", _spokespersons, listed),
        PageSpec(ERROR_CODES, LABELS["codes.title"], "error_codes", _error_codes, "catalogue"),
        PageSpec(FIELDS, LABELS["fields.title"], "fields", _fields, "schemas"),
        PageSpec(SEARCH, LABELS["search.title"], "search", _search, (series, tuple(sorted({r.date.year for r in archive.reports})))),
    ]
    for year, entries in sorted(calendar.items(), reverse=True):
        title = LABELS["calendar.year_title"].format(year=year)
        pages.append(PageSpec(calendar_url(year), title, "calendar", _calendar_year(year), (today, tuple(entries))))
    for one in sorted(archive.series.values(), key=lambda s: s.name):
        reports = tuple(r.listed() for r in archive.in_series(one.id))
        pages.append(PageSpec(series_url(one.id), one.name, "series", _series_page(one), (one, reports)))
        for year in archive.years(one.id):
            title = LABELS["year.title"].format(name=one.name, year=year)
            in_year = tuple(r for r in reports if r.date.year == year)
            pages.append(PageSpec(year_url(one.id, year), title, "year", _year_page(one, year), (one, in_year)))
    for slug, group in archive.tags.items():
        title = LABELS["tag.title"].format(tag=group.name)
        pages.append(PageSpec(
            f"{TAGS}{slug}/", title, "tag", _tag_page(slug), (group.name, tuple(r.listed() for r in group.reports))
        ))
    return pages


__all__ = ["Feed", "PageSpec", "report_page", "site_pages"]
