"""A report's published versions, ready to be shown.

``history`` reads what git knows; this module pairs each version with its
parsed report (through the same pipeline as today's files), the correction
notes it introduced and the addresses of its pages. Old versions keep stable
addresses below the report: ``…/versioner/1/`` and, for every version after
the first, a comparison with the one before at ``…/versioner/2/jamforelse/``.

A build shows only the versions it would publish as a report (the archive's
``Options.admits``, asked of each version's own front matter): the public
build never shows a version that was internal, nor compares a public version
with one. Its reader sees the public versions numbered 1, 2, 3 … without
gaps: version 1 is the first public
one, and a comparison is always between two versions the reader may read. A
report made public after internal versions has one public version; one that
went public, internal and public again compares its two public states. The
internal build numbers every version, so the same number may name different
versions in the two builds. Each build's numbers are stable, since history
only grows at its end, with one exception: an older version that set its own
embargo (``publish_at``), lifted by a later one, joins the list when its time
comes, and the versions after it move up by one.

Each version carries the date its authors gave it, not the day git learnt of
it (an imported archive would otherwise show its import day on every report):
version 1 its publication (``date``, or ``publish_at`` when embargoed), a later
one the newest ``revisions`` entry it added (so does the public build's
version 1 when an added entry made the report public). Only a change that no revision
describes, or a version that no longer parses, is dated by its commit, and
says so (``dated_by == "history"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from . import collection, document
from .archive import Options
from .history import History, Version
from .model import Report, Series
from .problems import Problem

VERSIONS_DIR = "versioner"
COMPARISON_DIR = "jamforelse"

# Where a version's date comes from: the report's publication (version 1), the
# revisions entry the version added, or (a fallback) the commit that made it.
DatedBy = Literal["publication", "revision", "history"]


@dataclass(frozen=True)
class VersionView:
    number: int
    date: datetime
    notes: tuple[str, ...]
    report: Report | None  # None when the old text no longer passes today's checks
    raw: bytes
    problems: tuple[Problem, ...]
    url: str
    compare_url: str | None
    dated_by: DatedBy = "history"


@dataclass(frozen=True)
class Versions:
    report_url: str
    items: tuple[VersionView, ...]
    local_changes: bool = False  # the working tree differs from the last published version
    # Revision entries (date in RFC 3339, note) written in versions this build
    # does not show: the log keeps them, this build's readers never see them.
    withheld: frozenset[tuple[str, str]] = frozenset()
    unpublished: bool = False  # never committed: exists only locally
    missing_reason: str | None = None  # why history is unavailable or incomplete (preview only)

    @property
    def current(self) -> VersionView | None:
        return self.items[-1] if self.items else None

    @property
    def older(self) -> tuple[VersionView, ...]:
        return self.items[:-1]


def version_url(report_url: str, number: int) -> str:
    return f"{report_url}{VERSIONS_DIR}/{number}/"


def comparison_url(report_url: str, number: int) -> str:
    return f"{report_url}{VERSIONS_DIR}/{number}/{COMPARISON_DIR}/"


# Old versions never change: a preview server parses each once, not on every rebuild.
_parsed: dict[tuple, tuple[Report | None, list[Problem]]] = {}


def _parse(version: Version, series: dict[str, Series]) -> tuple[Report | None, list[Problem]]:
    key = (version.blob, version.path, tuple(
        (s.id, str(s.time_zone), tuple(sorted(s.sections.items()))) for s in series.values()
    ))
    if key not in _parsed:
        shown = f"{version.path} (version {version.number})"
        _parsed[key] = collection.load_report(version.data, shown, version.path, series)
    return _parsed[key]


def for_report(report: Report, history: History | None, series: dict[str, Series], options: Options) -> Versions:
    """The versions of ``report`` that a build with ``options`` shows."""
    if history is None or not history.available:
        return Versions(report.url, (), missing_reason=history.message if history else None)
    found = history.get(report.path)
    if found is None or not found.versions:
        return Versions(report.url, (), unpublished=True, missing_reason=history.message)
    last = len(found.versions)
    admitted: list[tuple[Version, Report | None, list[Problem]]] = []
    written: set[tuple[str, str]] = set()  # revision entries of the versions so far
    withheld: set[tuple[str, str]] = set()
    for version in found.versions:
        parsed: Report | None
        problems: list[Problem]
        if version.number == last and not found.dirty:
            # The last published version is today's file: already checked and parsed.
            parsed, problems = report, []
        else:
            parsed, problems = _parse(version, series)
        if _admits(options, version, parsed, series[report.series]):
            admitted.append((version, parsed, problems))
        elif parsed is not None:
            # The guard keeps the log append-only, so a note written while the
            # report was internal stays in the file when it is made public.
            withheld |= _revisions(parsed) - written
        written |= _revisions(parsed)
    if not admitted:
        # Published so far only for another audience (or still embargoed).
        return Versions(report.url, (), unpublished=True, missing_reason=history.message)
    # Today's file differs from the last version shown: edited, or the last
    # committed version is not one this build publishes.
    local_changes = found.dirty or admitted[-1][0].number != last
    items: list[VersionView] = []
    seen_revisions: set[tuple[str, str]] = set(withheld)
    for number, (version, parsed, problems) in enumerate(admitted, 1):
        revisions = _revisions(parsed)
        added = revisions - seen_revisions
        notes = tuple(note for _, note in sorted(added))
        seen_revisions |= revisions
        date, dated_by = _dated(number, version, parsed, added)
        items.append(VersionView(
            number=number,
            date=date,
            dated_by=dated_by,
            notes=notes,
            report=parsed,
            raw=version.data,
            problems=tuple(problems),
            url=report.url if number == len(admitted) else version_url(report.url, number),
            compare_url=comparison_url(report.url, number) if number > 1 else None,
        ))
    return Versions(report.url, tuple(items), local_changes=local_changes, missing_reason=history.message,
                    withheld=frozenset(withheld))


def _dated(number: int, version: Version, parsed: Report | None,
           added: set[tuple[str, str]]) -> tuple[datetime, DatedBy]:
    """The date a version is shown with, and where it came from.

    A build's version 1 that is not the report's first state (the public
    build's first public one) is dated by the revision that made it, if any:
    that is when its readers first saw it."""
    new = [r.date for r in parsed.revisions if (r.date.isoformat(), r.note) in added] if parsed else []
    if parsed is not None and number == 1 and (version.number == 1 or not new):
        return parsed.published_at, "publication"
    if new:
        return max(new), "revision"
    return version.date, "history"


def _revisions(parsed: Report | None) -> set[tuple[str, str]]:
    return {(r.date.isoformat(), r.note) for r in parsed.revisions} if parsed else set()


def _admits(options: Options, version: Version, parsed: Report | None, series: Series) -> bool:
    """Whether the build publishes this version, judged by its own front matter:
    one that no longer passes today's checks by what its YAML says."""
    if parsed is not None:
        return options.admits(parsed)
    return options.admits_written(document.read(version.data).data or {}, series.time_zone)
