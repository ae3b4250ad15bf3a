"""A report's published versions, ready to be shown.

``history`` reads what git knows; this module pairs each version with its
parsed report (through the same pipeline as today's files), the correction
notes it introduced and the addresses of its pages. Old versions keep stable
addresses below the report: ``…/versioner/1/`` and, for every version after
the first, a comparison with the one before at ``…/versioner/2/jamforelse/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import collection
from .history import History, Version
from .model import Report, Series
from .problems import Problem

VERSIONS_DIR = "versioner"
COMPARISON_DIR = "jamforelse"


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


@dataclass(frozen=True)
class Versions:
    report_url: str
    items: tuple[VersionView, ...]
    local_changes: bool = False  # the working tree differs from the last published version
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


def for_report(report: Report, history: History | None, series: dict[str, Series]) -> Versions:
    """The versions of ``report`` as the site shows them."""
    if history is None or not history.available:
        return Versions(report.url, (), missing_reason=history.message if history else None)
    found = history.get(report.path)
    if found is None or not found.versions:
        return Versions(report.url, (), unpublished=True, missing_reason=history.message)
    items: list[VersionView] = []
    last = len(found.versions)
    seen_revisions: set[tuple[str, str]] = set()
    for version in found.versions:
        if version.number == last and not found.dirty:
            # The last published version is today's file: already checked and parsed.
            parsed, problems = report, []
        else:
            parsed, problems = _parse(version, series)
        revisions = {(r.date.isoformat(), r.note) for r in parsed.revisions} if parsed else set()
        notes = tuple(note for _, note in sorted(revisions - seen_revisions))
        seen_revisions |= revisions
        items.append(VersionView(
            number=version.number,
            date=version.date,
            notes=notes,
            report=parsed,
            raw=version.data,
            problems=tuple(problems),
            url=report.url if version.number == last else version_url(report.url, version.number),
            compare_url=comparison_url(report.url, version.number) if version.number > 1 else None,
        ))
    return Versions(report.url, tuple(items), local_changes=found.dirty, missing_reason=history.message)
