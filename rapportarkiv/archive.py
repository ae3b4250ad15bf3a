"""The archive: which reports a build publishes, in which order, grouped how.

Built from a validated ``Collection`` and the build's options, it answers
every question the pages, feeds and indexes ask: the latest report of a
series, a year's reports by ISO week, the previous and next report, all
reports with a tag, every communication action by date, every spokesperson.

Selection happens here and only here, so a report that a build must not
publish (draft, embargoed, or internal in the public build) cannot leak
through a page, feed or index that forgot to filter. The same rule decides
which older versions of a report a build shows (``versions.for_report``) and
which series it names (``Archive.series``: in a public build only those with
a published report).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property, lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

from . import layout, report_links, timestamps
from .model import Action, Report, Series

_UTC = ZoneInfo("UTC")
_NEVER = datetime.max.replace(tzinfo=UTC)

Mode = Literal["production", "preview"]
Audience = Literal["internal", "public"]


@dataclass(frozen=True)
class Options:
    """What a build publishes. ``now`` is injectable so tests can move the clock."""

    now: datetime
    mode: Mode = "production"
    audience: Audience = "internal"

    def admits(self, report: Report) -> bool:
        """Whether this build publishes ``report``: today's file or any older version of it."""
        return self.admits_state(report.classification, report.draft, report.publish_at)

    def admits_written(self, front: Mapping[str, Any], time_zone: ZoneInfo = _UTC) -> bool:
        """The rule asked of front matter as written, which may not pass today's
        checks: an older version (``versions``, ``history``) or a file on the base
        branch (``guard``). It is read as carefully as the rule needs: anything but
        ``classification: public`` is internal, any ``draft`` but ``false`` is a
        draft, and a ``publish_at`` that cannot be read is an embargo without end.
        ``time_zone`` is the series', for a ``publish_at`` written without an offset."""
        publish_at = None
        if "publish_at" in front:
            publish_at = timestamps.parse(str(front["publish_at"]), time_zone) or _NEVER
        return self.admits_state(front.get("classification"), front.get("draft", False) is not False, publish_at)

    def admits_state(self, classification: object, draft: bool, publish_at: datetime | None) -> bool:
        """The rule itself, on the three facts it needs."""
        if self.audience == "public" and classification != "public":
            return False
        if self.mode == "preview":
            return True
        if draft:
            return False
        return publish_at is None or publish_at <= self.now

    def shows_series(self, has_published_report: bool) -> bool:
        """A public build names no series without a published report: a series
        that is internal so far (or whose first report is embargoed) leaves no
        trace, not even its name in the feed links of every page."""
        return self.audience != "public" or has_published_report

# What a merge publishes on the branch, whatever the audience and the clock:
# every report but a draft. An embargoed report is published too, since it
# will appear without any further review. The history's versions and the
# guard's published reports are what this admits.
MERGED = Options(now=_NEVER)


@dataclass(frozen=True, eq=False)
class CalendarEntry:
    """An action in the calendar, with its report. Equal only to itself: the calendars
    find each event's rendering by it (render.ics), and a report's hash is costly."""

    action: Action
    report: Report


@dataclass(frozen=True)
class TagGroup:
    name: str
    reports: list[Report]


@dataclass(frozen=True)
class WeekGroup:
    iso_year: int
    week: int
    reports: tuple[Report, ...]


@dataclass
class Archive:
    series: dict[str, Series]  # the series this build names (see Options.shows_series)
    reports: list[Report]  # newest first
    options: Options
    _by_series: dict[str, list[Report]] = field(default_factory=dict, repr=False)
    _by_url: dict[str, Report] = field(default_factory=dict, repr=False)
    _position: dict[str, int] = field(default_factory=dict, repr=False)  # url → index in its series
    _calendar: list[CalendarEntry] | None = field(default=None, repr=False)
    _anchors: dict[str, str] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, series: dict[str, Series], reports: Iterable[Report], options: Options) -> Archive:
        chosen = sorted((r for r in reports if options.admits(r)), key=_newest_first)
        having = {r.series for r in chosen}
        shown = {key: one for key, one in series.items() if options.shows_series(key in having)}
        archive = cls(series=shown, reports=chosen, options=options)
        for report in chosen:
            in_series = archive._by_series.setdefault(report.series, [])
            archive._position[report.url] = len(in_series)
            in_series.append(report)
            archive._by_url[report.url] = report
        return archive

    # --- Single reports ---------------------------------------------------
    def published(self, report: Report) -> bool:
        return report.url in self._by_url

    @cached_property
    def addresses(self) -> report_links.Addresses:
        """Where the links in prose go: the address of each report this build
        publishes, by its file. Nothing else is in it, so a link to a report
        this build does not publish cannot show its address."""
        return report_links.Addresses({r.path: r.url for r in self.reports})

    def in_series(self, series_id: str) -> list[Report]:
        return self._by_series.get(series_id, [])

    def neighbours(self, report: Report) -> tuple[Report | None, Report | None]:
        """(previous, next) in the same series, by compilation time."""
        ordered = self._by_series.get(report.series, [])
        index = self._position[report.url]
        newer = ordered[index - 1] if index > 0 else None
        older = ordered[index + 1] if index + 1 < len(ordered) else None
        return older, newer

    # --- Lists ------------------------------------------------------------
    def current(self) -> list[Report]:
        """Reports for lists and feeds: withdrawn ones keep their page but leave these."""
        return [r for r in self.reports if r.withdrawn is None]

    def latest_per_series(self) -> list[Report]:
        latest = []
        for series_id in sorted(self.series, key=lambda s: self.series[s].name):
            for report in self.in_series(series_id):
                if report.withdrawn is None:
                    latest.append(report)
                    break
        return sorted(latest, key=_newest_first)

    def years(self, series_id: str) -> list[int]:
        return sorted({r.date.year for r in self.in_series(series_id)}, reverse=True)

    def weeks(self, series_id: str, year: int) -> list[WeekGroup]:
        """A year's reports grouped by ISO week, newest first."""
        groups: dict[tuple[int, int], list[Report]] = defaultdict(list)
        for report in self.in_series(series_id):
            if report.date.year == year:
                groups[report.iso_week].append(report)
        return [WeekGroup(y, w, tuple(groups[(y, w)])) for y, w in sorted(groups, reverse=True)]

    @cached_property
    def tags(self) -> dict[str, TagGroup]:
        """Tags by slug, in Swedish alphabetical order. 'Kommunerna' and
        'kommunerna' are one tag with one page, named as first written."""
        found: dict[str, TagGroup] = {}
        for report in self.reports:
            # Two spellings of one tag in one report list the report once.
            for slug, tag in {tag_slug(t): t for t in reversed(report.tags)}.items():
                found.setdefault(slug, TagGroup(tag, [])).reports.append(report)
        return dict(sorted(found.items(), key=lambda item: swedish_key(item[1].name)))

    def calendar(self) -> list[CalendarEntry]:
        """Every communication action of every published report, newest date first."""
        if self._calendar is None:
            entries = [CalendarEntry(a, r) for r in self.reports for a in r.communication]
            self._calendar = sorted(entries, key=lambda e: (e.action.date, e.report.date), reverse=True)
        return self._calendar

    def spokespersons(self) -> dict[str, list[Report]]:
        found: dict[str, list[Report]] = defaultdict(list)
        for report in self.reports:
            for name in dict.fromkeys(person.name for person in report.spokespersons):
                found[name].append(report)
        return dict(sorted(found.items(), key=lambda item: swedish_key(item[0])))

    def spokesperson_anchor(self, name: str) -> str:
        """The id of ``name``'s section on the spokespersons page, one per person.

        Names that differ only in accents or case ("Åsa Öberg", "Asa Oberg")
        have one slug, and a name in another script has none: the second gets
        "_1" after it, as a repeated heading does, and an empty one a word."""
        if self._anchors is None:
            self._anchors, used = {}, set()
            for person in self.spokespersons():
                wanted = found = layout.slugify(person) or "talesperson"
                number = 0
                while found in used:
                    number += 1
                    found = f"{wanted}_{number}"
                used.add(found)
                self._anchors[person] = found
        return self._anchors.get(name) or layout.slugify(name) or "talesperson"


def _newest_first(report: Report) -> tuple[float, str]:
    return (-report.date.timestamp(), report.path)


_SWEDISH_ORDER = {ch: i for i, ch in enumerate("abcdefghijklmnopqrstuvwxyzåäö")}


def swedish_key(text: str) -> tuple:
    """Sort key that puts å, ä, ö after z, as a Swedish reader expects."""
    folded = text.casefold()
    return tuple((_SWEDISH_ORDER.get(ch, 100 + ord(ch)) for ch in folded)), text


@lru_cache(maxsize=4096)  # every list of reports names each report's tags (data-tags): a few tags, many times
def tag_slug(tag: str) -> str:
    return layout.slugify(tag) or "tagg"
