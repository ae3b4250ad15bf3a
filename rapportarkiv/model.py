"""The report model: what a report and a series are, once validated.

Everything downstream (archive, pages, feeds, search) works on these frozen
objects and never looks at YAML again. They are built only from front matter
that passed the schema, so the constructors can trust types and shapes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from . import layout, timestamps
from .mail.distribution import Distribution

ReportType = Literal["regular", "extra"]

# No lazy group before an optional tail here: "(.+?)[ \t#]*$" backtracks
# quadratically on a long line of spaces or #: one pasted line could stall the build.
_HEADING = re.compile(r"^(#{1,6})[ \t]+(\S.*)$")
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Section:
    title: str
    level: int
    line: int
    text: str


def lines_with_fences(body: str) -> Iterator[tuple[int, str, bool]]:
    """Each line of ``body`` with its offset and whether a fenced code block holds it
    (its opening fence included), for the checks that read the prose line by line."""
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        marker = _FENCE.match(line)
        if marker:
            if fence is None:
                fence = marker.group(1)[0]
            elif marker.group(1)[0] == fence:
                fence = None
        yield offset, line, fence is not None


def sections(body: str, first_line: int) -> tuple[Section, ...]:
    """ATX headings of the body with the text under each, skipping code blocks."""
    found: list[tuple[str, int, int, list[str]]] = []
    for offset, line, fenced in lines_with_fences(body):
        heading = None if fenced else _HEADING.match(line)
        if heading:
            text = heading.group(2)
            title = text.rstrip(" \t#") or text[:1]  # a closing run of # is not part of the title
            found.append((title.strip(), len(heading.group(1)), first_line + offset, []))
        elif found:
            found[-1][3].append(line)
    return tuple(Section(t, lvl, ln, "\n".join(txt).strip()) for t, lvl, ln, txt in found)


@dataclass(frozen=True)
class Series:
    id: str
    name: str
    time_zone: ZoneInfo
    frequency: str
    weekday: str | None
    owner: str
    commissioned_by: str
    distribution: str
    about: str
    sections: dict[str, tuple[str, ...]]
    reviewers: tuple[str, ...]
    path: str
    mail: Distribution | None = None  # who receives the reports by email (rapportarkiv.mail)
    # By report type: the heading each structured part (communication,
    # spokespersons, about) stands after; a part not named stands last.
    placement: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict[str, Any], path: str) -> Series:
        zone = timestamps.zone(data["time_zone"])
        assert zone is not None, "checked by the rules before the model is built"
        return cls(
            id=data["id"],
            name=data["name"],
            time_zone=zone,
            frequency=data["cadence"]["frequency"],
            weekday=data["cadence"].get("weekday"),
            owner=data["owner"],
            commissioned_by=data["commissioned_by"],
            distribution=data["distribution"],
            about=data["about"],
            sections={k: tuple(v) for k, v in data["sections"].items()},
            reviewers=tuple(data.get("reviewers", ())),
            path=path,
            mail=Distribution.from_data(data.get("mail")),
            placement={k: dict(v) for k, v in data.get("placement", {}).items()},
        )


@dataclass(frozen=True)
class Spokesperson:
    name: str
    role: str
    organisation: str | None = None

    @property
    def role_and_organisation(self) -> str:
        """What follows the name wherever a spokesperson is shown (page, feed, email, PDF, search)."""
        return ", ".join(part for part in (self.role, self.organisation) if part)


@dataclass(frozen=True)
class Action:
    audience: Literal["internal", "external"]
    date: date
    channel: str
    text: str
    status: Literal["planned", "done"] = "planned"


@dataclass(frozen=True)
class Revision:
    date: datetime
    note: str


@dataclass(frozen=True)
class Withdrawal:
    date: datetime
    reason: str


@dataclass(frozen=True)
class Report:
    """One report as published: its data, its prose and where it lives."""

    path: str
    slug: str
    series: str
    type: ReportType
    title: str
    date: datetime
    description: str
    body: str
    body_line: int
    occasion: str | None = None
    tags: tuple[str, ...] = ()
    spokespersons: tuple[Spokesperson, ...] = ()
    communication: tuple[Action, ...] = ()
    authors: tuple[str, ...] = ()
    classification: Literal["internal", "public"] = "internal"
    draft: bool = False
    publish_at: datetime | None = None
    revisions: tuple[Revision, ...] = ()
    withdrawn: Withdrawal | None = None
    data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def url(self) -> str:
        return layout.report_url(self.path)

    def actions_by_audience(self) -> list[tuple[str, tuple[Action, ...]]]:
        """The communication actions, internal ones first, each audience that has any
        with its actions in the report's order: as every page, email and copy lists them."""
        grouped = [(audience, tuple(a for a in self.communication if a.audience == audience))
                   for audience in ("internal", "external")]
        return [(audience, actions) for audience, actions in grouped if actions]

    @property
    def published_at(self) -> datetime:
        """When the report was published: its embargo's end, or else when it was compiled."""
        return self.publish_at or self.date

    @property
    def iso_week(self) -> tuple[int, int]:
        """(ISO year, ISO week) as used in Sweden: 3 January 2021 is 2020-W53.

        Taken from the calendar itself (``isocalendar``): babel's plain ``sv``
        locale numbers weeks by US rules and would put that day in week 1."""
        year, week, _ = self.date.isocalendar()
        return year, week

    @property
    def sections(self) -> tuple[Section, ...]:
        return sections(self.body, self.body_line)

    def listed(self) -> Report:
        """The report as lists show it: everything but its prose. Pages that list
        reports depend on this, so a correction to the prose does not re-render them.

        Made once per report object (several lists ask): a preview that reuses
        an unchanged report's object then compares lists by identity."""
        found = self.__dict__.get("_listed")
        if found is None:
            found = replace(self, body="", body_line=0)
            object.__setattr__(self, "_listed", found)
        return found

    @classmethod
    def from_data(cls, data: dict[str, Any], path: str, body: str, body_line: int, tz: ZoneInfo) -> Report:
        """Build from schema-valid data; timestamps were checked by the rules."""

        def when(text: str) -> datetime:
            value = timestamps.parse(text, tz)
            assert value is not None, "checked by the rules before the model is built"
            return value

        return cls(
            path=path,
            slug=layout.report_path(path).slug or "",
            series=data["series"],
            type=data["type"],
            title=data["title"],
            date=when(data["date"]),
            description=data["description"],
            body=body,
            body_line=body_line,
            occasion=data.get("occasion"),
            tags=tuple(data.get("tags", ())),
            # One person, however the name's letters were composed: "Å" typed on a Mac
            # (A and a combining ring) and on Windows (one letter) look the same.
            spokespersons=tuple(Spokesperson(**{**s, "name": unicodedata.normalize("NFC", s["name"])})
                                for s in data.get("spokespersons", ())),
            communication=tuple(
                Action(
                    audience=a["audience"], date=date.fromisoformat(a["date"]), channel=a["channel"],
                    text=a["text"], status=a.get("status", "planned"),
                )
                for a in data.get("communication", ())
            ),
            authors=tuple(data.get("authors", ())),
            classification=data.get("classification", "internal"),
            draft=data.get("draft", False),
            publish_at=when(data["publish_at"]) if "publish_at" in data else None,
            revisions=tuple(Revision(when(r["date"]), r["note"]) for r in data.get("revisions", ())),
            withdrawn=Withdrawal(when(data["withdrawn"]["date"]), data["withdrawn"]["reason"])
            if "withdrawn" in data else None,
            data=data,
        )
