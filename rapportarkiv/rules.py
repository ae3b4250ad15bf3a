"""Rules a JSON Schema cannot express: they look across fields, at the file's
name, at the series definition and at the prose.

Each rule returns problems; none raises. They run only on front matter that
already passed the schema, so they can rely on types and required keys.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from . import characters, comments, html_policy, layout, markdown_limits, report_links, timestamps, word_habits
from .catalogue import LABELS, NONE_KNOWN, PATHS
from .frontmatter import FrontMatter
from .model import Series, sections
from .problems import Problem, closest_match, problem
from .source import Source

# "[" is excluded inside, so a long run of "[FYLL I" without "]" is scanned once, not once per start.
PLACEHOLDER = re.compile(r"\[FYLL I[^\[\]]*\]")
COMMUNICATION_WINDOW_DAYS = 60


def _series_prose(front: FrontMatter) -> list[Problem]:
    """The series' ``about`` is Markdown, rendered on every report page: the
    shapes the renderer cannot take are refused there as in a report's prose."""
    about = front.data["about"]
    line, _ = front.position(["about"])
    return markdown_limits.check(about, front.source.path, line)


def check_series(front: FrontMatter, rel: str) -> list[Problem]:
    """Rules for a series definition; ``rel`` is its path below the docs folder."""
    data, path = front.data, front.source.path
    out: list[Problem] = []
    folder = PurePosixPath(rel).parent.name
    if data["id"] != folder:
        line, column = front.position(["id"])
        out.append(problem("RA220", path, line, column, id=data["id"], folder=folder))
    if timestamps.zone(data["time_zone"]) is None:
        line, column = front.position(["time_zone"])
        out.append(problem("RA222", path, line, column, value=data["time_zone"]))
    out.extend(_text_fields(front, placeholders=False))
    out.extend(_series_prose(front))
    out.extend(_placement(front))
    return out


def _placement(front: FrontMatter) -> Iterator[Problem]:
    """A structured part stands after one of its report type's sections: a
    heading the reports do not have would put it last without a word."""
    data, path = front.data, front.source.path
    for report_type, parts in data.get("placement", {}).items():
        headings = list(data["sections"][report_type])
        for part, heading in parts.items():
            if heading not in headings:
                line, column = front.position(["placement", report_type, part])
                yield problem("RA260", path, line, column, part=part, section=heading,
                              type_label=LABELS[f"type.{report_type}"].lower(), sections=", ".join(headings),
                              closest=closest_match(heading, headings))


@dataclasses.dataclass
class ReportCheck:
    """One report's front matter with what its rules share: where the file
    lies, its series (None when unknown), that series' time zone and when the
    report was compiled (None when its date is not a real time)."""

    front: FrontMatter
    rel: str
    series: dict[str, Series]
    where: layout.ReportPath = dataclasses.field(init=False)
    known: Series | None = dataclasses.field(init=False)
    tz: ZoneInfo = dataclasses.field(init=False)
    compiled: datetime | None = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        self.where = layout.report_path(self.rel)
        self.known = self.series.get(self.data["series"])
        tz = self.known.time_zone if self.known else timestamps.zone("Europe/Stockholm")
        assert tz is not None
        self.tz = tz
        self.compiled = timestamps.parse(self.data["date"], tz)

    @property
    def data(self) -> dict[str, Any]:
        return self.front.data

    def at(self, code: str, where: list[str | int], *, key: bool = False, **params: Any) -> Problem:
        line, column = self.front.position(where, key=key)
        return problem(code, self.front.source.path, line, column, **params)


# One function per rule, by name, run in this order: each is small and can be
# run alone on a ReportCheck.
Rule = Callable[["ReportCheck"], Iterator[Problem]]
REPORT_RULES: dict[str, Rule] = {}


def _rule(function: Rule) -> Rule:
    REPORT_RULES[function.__name__.lstrip("_")] = function
    return function


def check_report(front: FrontMatter, rel: str, series: dict[str, Series]) -> list[Problem]:
    """All single-file rules for one report; ``rel`` is its path below the docs folder."""
    report = ReportCheck(front, rel, series)
    return [found for rule in REPORT_RULES.values() for found in rule(report)]


@_rule
def _in_a_year_folder(r: ReportCheck) -> Iterator[Problem]:
    if r.where.series is None or r.where.year is None:
        yield r.at("RA223", [], expected=PATHS["year_folder"].format(reports_dir=layout.REPORTS_DIR))


@_rule
def _file_name(r: ReportCheck) -> Iterator[Problem]:
    where = r.where
    if where.file_date is None or where.slug is None or not layout.SLUG.match(where.slug):
        yield r.at("RA202", [], name=where.path.name, suggestion=_suggest_name(r.data, where.path.name))


@_rule
def _series_exists(r: ReportCheck) -> Iterator[Problem]:
    if r.known is None:
        yield r.at("RA204", ["series"], series=r.data["series"], known=", ".join(sorted(r.series)) or NONE_KNOWN,
                   closest=closest_match(r.data["series"], list(r.series)))


@_rule
def _times(r: ReportCheck) -> Iterator[Problem]:
    return _timestamps(r.front, r.tz)


@_rule
def _file_date(r: ReportCheck) -> Iterator[Problem]:
    compiled, where = r.compiled, r.where
    if compiled is None or where.file_date is None:
        return
    local = compiled.astimezone(r.tz).date().isoformat()
    if where.file_date != local:
        yield r.at("RA201", ["date"], file_date=where.file_date, date=r.data["date"], local_date=local,
                   expected=f"{local}-{where.slug}.md")
    elif compiled.date().isoformat() != local:
        # The site shows a time with the offset it was written with: the same
        # instant written as +14:00 can show another day than the file name.
        yield r.at("RA232", ["date"], date=r.data["date"], shown_day=compiled.date().isoformat(),
                   file_date=where.file_date, suggestion=compiled.astimezone(r.tz).strftime("%Y-%m-%d %H:%M"))


@_rule
def _folder(r: ReportCheck) -> Iterator[Problem]:
    known, where = r.known, r.where
    if r.compiled is None or known is None or where.series is None:
        return
    local = r.compiled.astimezone(r.tz).date().isoformat()
    if where.series != known.id or where.year != local[:4]:
        expected = str(PurePosixPath(layout.expected_report_path(known.id, local, where.slug or "namn")).parent)
        yield r.at("RA205", [], actual=str(where.path.parent), expected=expected)


@_rule
def _dates_in_order(r: ReportCheck) -> Iterator[Problem]:
    return iter(()) if r.compiled is None else _chronology(r.front, r.compiled, r.tz)


@_rule
def _occasion(r: ReportCheck) -> Iterator[Problem]:
    if r.data["type"] == "extra" and "occasion" not in r.data:
        yield r.at("RA209", ["type"])
    if r.data["type"] == "regular" and "occasion" in r.data:
        yield r.at("RA210", ["occasion"], key=True)
    repeated = OCCASION_LEAD.match(r.data.get("occasion", ""))
    if repeated:
        rest = r.data["occasion"][repeated.end():].strip(OCCASION_QUOTES + " \t")
        yield r.at("RA247", ["occasion"], words=repeated.group(1), rest=rest or "…")


# The page prints "Med anledning av" before the occasion: authors who copy a
# report's wording write it again. Found however it is cased, quoted or spaced.
OCCASION_QUOTES = "\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a"  # straight, curly and low quotes, guillemets
OCCASION_LEAD = re.compile(rf"^[\s{OCCASION_QUOTES}]*(med\s+anledning\s+av)(?![^\W\d_])[\s:,]*", re.IGNORECASE)


@_rule
def _texts(r: ReportCheck) -> Iterator[Problem]:
    return _text_fields(r.front, placeholders=True)


@_rule
def _typographic_quotes(r: ReportCheck) -> Iterator[Problem]:
    return word_habits.quoted_values(r.front)


@_rule
def _body(r: ReportCheck) -> Iterator[Problem]:
    return iter(check_body(r.front.source))


@_rule
def _required_sections(r: ReportCheck) -> Iterator[Problem]:
    return iter(()) if r.known is None else _sections(r.front, r.known)


def _timestamps(front: FrontMatter, tz: Any) -> Iterator[Problem]:
    data = front.data
    fields: list[list[str | int]] = [["date"]]
    if "publish_at" in data:
        fields.append(["publish_at"])
    fields += [["revisions", i, "date"] for i in range(len(data.get("revisions", ())))]
    if "withdrawn" in data:
        fields.append(["withdrawn", "date"])
    for field in fields:
        value = _get(data, field)
        if timestamps.parse(value, tz) is None:
            line, column = front.position(field)
            yield problem("RA214", front.source.path, line, column, value=value)
            continue
        trouble = timestamps.wall_clock_problem(value, tz)
        if trouble:
            line, column = front.position(field)
            parsed = timestamps.parse(value, tz)
            assert parsed is not None  # wall_clock_problem read it
            offset = parsed.strftime("%z")
            yield problem(
                "RA217", front.source.path, line, column, value=value, problem=trouble, zone=str(tz),
                suggestion=f"{value.replace(' ', 'T')}{offset[:3]}:{offset[3:]}",
            )
    for index, action in enumerate(data.get("communication", ())):
        if timestamps.parse_date(action["date"]) is None:
            line, column = front.position(["communication", index, "date"])
            yield problem("RA214", front.source.path, line, column, value=action["date"])


def _chronology(front: FrontMatter, compiled: Any, tz: Any) -> Iterator[Problem]:
    data, path = front.data, front.source.path
    previous = None
    for index, revision in enumerate(data.get("revisions", ())):
        when = timestamps.parse(revision["date"], tz)
        if when is None:
            continue
        if when < compiled:
            line, column = front.position(["revisions", index, "date"])
            yield problem("RA212", path, line, column, revision=revision["date"], date=data["date"])
        if previous is not None and when < previous[0]:
            line, column = front.position(["revisions", index, "date"])
            yield problem("RA213", path, line, column, revision=revision["date"], previous=previous[1])
        previous = (when, revision["date"])
    if "withdrawn" in data:
        when = timestamps.parse(data["withdrawn"]["date"], tz)
        if when is not None and when < compiled:
            line, column = front.position(["withdrawn", "date"])
            yield problem("RA216", path, line, column, withdrawn=data["withdrawn"]["date"], date=data["date"])
    report_day = compiled.astimezone(tz).date()
    for index, action in enumerate(data.get("communication", ())):
        day = timestamps.parse_date(action["date"])
        if day is not None and timestamps.days_between(day, report_day) > COMMUNICATION_WINDOW_DAYS:
            line, column = front.position(["communication", index, "date"])
            yield problem("RA211", path, line, column, date=action["date"],
                          days=timestamps.days_between(day, report_day), report_date=report_day.isoformat())


def _sections(front: FrontMatter, series: Series) -> Iterator[Problem]:
    source, data = front.source, front.data
    required = series.sections.get(data["type"], ())
    found = sections(source.body, source.body_line)
    listing = ", ".join(required)
    for section in found:
        if section.level == 1:
            yield problem("RA218", source.path, section.line, 1)
    level_two = [s for s in found if s.level == 2]
    titles = [s.title for s in level_two]
    type_label = LABELS[f"type.{data['type']}"].lower()
    # Where the body starts; a file ending at its closing --- has no line after it.
    body_start = min(source.body_line, source.text.count("\n") + 1)
    for name in required:
        if name not in titles:
            yield problem("RA206", source.path, body_start, 1, section=name, type_label=type_label,
                          series=series.id, sections=listing)
    last_index, last_title = -1, ""
    for section in level_two:
        if section.title not in required:
            yield problem("RA208", source.path, section.line, 1, section=section.title, sections=listing,
                          closest=closest_match(section.title, list(required)))
            continue
        index = required.index(section.title)
        if index < last_index:
            yield problem("RA207", source.path, section.line, 1, section=section.title, previous=last_title,
                          sections=listing)
        else:
            last_index, last_title = index, section.title
        if not section.text:
            yield problem("RA219", source.path, section.line, 1, section=section.title)


def _text_fields(front: FrontMatter, *, placeholders: bool) -> Iterator[Problem]:
    """Every text value in the front matter, in one pass: markup (RA304) and,
    in a report, the scaffold's placeholders (RA215)."""
    for field, value in _strings(front.data):
        match = PLACEHOLDER.search(value) if placeholders else None
        if match:
            line, column = front.position(field)
            yield problem("RA215", front.source.path, line, column, placeholder=match.group(0))
        snippet = html_policy.markup_in_text(value)
        if snippet:
            line, column = front.position(field)
            key = " › ".join(str(s) for s in field)
            yield problem("RA304", front.source.path, line, column, key=key, snippet=snippet)


def check_body(source: Source) -> list[Problem]:
    """Rules on the prose alone, which hold whatever the front matter says."""
    out = html_policy.check_body(source.body, source.path, source.body_line)
    out.extend(comments.check(source.body, source.path, source.body_line))
    out.extend(characters.check_text(source.body, source.path, source.body_line))
    out.extend(markdown_limits.check(source.body, source.path, source.body_line))
    out.extend(word_habits.bullets(source.body, source.path, source.body_line))
    for image in report_links.images(source.body, source.body_line):
        out.append(problem("RA027", source.path, image.line, image.column, url=image.url[:80]))
    for match in PLACEHOLDER.finditer(source.body):
        line = source.body.count("\n", 0, match.start()) + source.body_line
        column = match.start() - source.body.rfind("\n", 0, match.start())
        out.append(problem("RA215", source.path, line, column, placeholder=match.group(0)))
    return out


def _strings(value: Any) -> Iterator[tuple[list[str | int], str]]:
    """Every text in ``value`` with its path, in document order. Without a generator
    per level: nested ``yield from`` passed each text up through every level above it."""
    stack: list[tuple[Any, list[str | int]]] = [(value, [])]
    while stack:
        current, path = stack.pop()
        if isinstance(current, str):
            yield path, current
        elif isinstance(current, dict):
            stack.extend((child, [*path, key]) for key, child in reversed(current.items()))
        elif isinstance(current, list):
            stack.extend((child, [*path, index]) for index, child in reversed(list(enumerate(current))))


def _get(data: Any, path: list[str | int]) -> Any:
    for step in path:
        data = data[step]
    return data


def _suggest_name(data: dict[str, Any], name: str) -> str:
    match = re.match(r"^(\d{4}-\d{2}-\d{2})", name)
    date_part = match.group(1) if match else str(data.get("date", ""))[:10]
    rest = name[len(date_part):] if match else name
    stem = next((rest[: -len(s)] for s in layout.MARKDOWN_SUFFIXES if rest.endswith(s)), rest)
    slug = layout.slugify(stem) or layout.slugify(str(data.get("title", ""))) or "rapport"
    return f"{date_part}-{slug}.md"
