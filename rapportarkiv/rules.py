"""Rules a JSON Schema cannot express: they look across fields, at the file's
name, at the series definition and at the prose.

Each rule returns problems; none raises. They run only on front matter that
already passed the schema, so they can rely on types and required keys.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from . import characters, comments, html_policy, layout, markdown_limits, timestamps
from .catalogue import LABELS
from .frontmatter import FrontMatter
from .model import Series, sections
from .problems import Problem, problem
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
    return out


def check_report(front: FrontMatter, rel: str, series: dict[str, Series]) -> list[Problem]:
    """All single-file rules for one report; ``rel`` is its path below the docs folder."""
    data, path = front.data, front.source.path
    out: list[Problem] = []

    def at(code: str, where: list[str | int], *, key: bool = False, **params: Any) -> None:
        line, column = front.position(where, key=key)
        out.append(problem(code, path, line, column, **params))

    where = layout.report_path(rel)
    if where.series is None or where.year is None:
        at("RA223", [], expected=f"{layout.REPORTS_DIR}/<serie>/<år>/")
    if where.file_date is None or where.slug is None or not layout.SLUG.match(where.slug):
        at("RA202", [], name=where.path.name, suggestion=_suggest_name(data, where.path.name))

    known = series.get(data["series"])
    if known is None:
        at("RA204", ["series"], series=data["series"], known=", ".join(sorted(series)) or "inga",
           suggestion=_did_you_mean(data["series"], list(series)))
    tz = known.time_zone if known else timestamps.zone("Europe/Stockholm")
    assert tz is not None

    out.extend(_timestamps(front, tz))
    compiled = timestamps.parse(data["date"], tz)
    if compiled is not None:
        local = compiled.astimezone(tz).date().isoformat()
        if where.file_date is not None and where.file_date != local:
            at("RA201", ["date"], file_date=where.file_date, date=data["date"], local_date=local,
               expected=f"{local}-{where.slug}.md")
        elif where.file_date is not None and compiled.date().isoformat() != local:
            # The site shows a time with the offset it was written with: the same
            # instant written as +14:00 can show another day than the file name.
            at("RA232", ["date"], date=data["date"], shown_day=compiled.date().isoformat(),
               file_date=where.file_date, suggestion=compiled.astimezone(tz).strftime("%Y-%m-%d %H:%M"))
        if known is not None and where.series is not None and (
            where.series != known.id or where.year != local[:4]
        ):
            expected = str(PurePosixPath(layout.expected_report_path(known.id, local, where.slug or "namn")).parent)
            at("RA205", [], actual=str(where.path.parent), expected=expected)
        out.extend(_chronology(front, compiled, tz))

    if data["type"] == "extra" and "occasion" not in data:
        at("RA209", ["type"])
    if data["type"] == "regular" and "occasion" in data:
        at("RA210", ["occasion"], key=True)

    out.extend(_text_fields(front, placeholders=True))
    out.extend(check_body(front.source))
    if known is not None:
        out.extend(_sections(front, known))
    return out


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
            offset = timestamps.parse(value, tz).strftime("%z")  # type: ignore[union-attr]
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
                          suggestion=_did_you_mean(section.title, list(required)))
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
    for match in PLACEHOLDER.finditer(source.body):
        line = source.body.count("\n", 0, match.start()) + source.body_line
        column = match.start() - source.body.rfind("\n", 0, match.start())
        out.append(problem("RA215", source.path, line, column, placeholder=match.group(0)))
    return out


def _strings(value: Any, path: list[str | int] | None = None) -> Iterator[tuple[list[str | int], str]]:
    path = path or []
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, [*path, key])
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, [*path, index])


def _get(data: Any, path: list[str | int]) -> Any:
    for step in path:
        data = data[step]
    return data


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" Menade du ”{close[0]}”?" if close else ""


def _suggest_name(data: dict[str, Any], name: str) -> str:
    match = re.match(r"^(\d{4}-\d{2}-\d{2})", name)
    date_part = match.group(1) if match else str(data.get("date", ""))[:10]
    rest = name[len(date_part):] if match else name
    stem = next((rest[: -len(s)] for s in layout.MARKDOWN_SUFFIXES if rest.endswith(s)), rest)
    slug = layout.slugify(stem) or layout.slugify(str(data.get("title", ""))) or "rapport"
    return f"{date_part}-{slug}.md"
