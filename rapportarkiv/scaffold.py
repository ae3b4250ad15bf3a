"""``rapportarkiv new``: a report file at the right path with every required part.

The scaffold is deliberately invalid: its placeholders fail validation (RA215)
until they are replaced, so that a half-filled template cannot be merged.
Its front matter carries short YAML comments saying what each key takes
(``# planned = kommande, done = genomförd``): YAML reads past them, so they
stay in the file through editing, validation, the history guard and the
summary, all of which compare the parsed values.

A weekly report is dated on the series' weekday (``cadence.weekday`` in
``serie.yml``): today if it is that day, otherwise the next one, since a
weekly report is written for the coming issue, not for one already sent.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from . import catalogue, collection, layout, swedish_dates, timestamps
from .model import Series


class ScaffoldError(Exception):
    """A usage problem, already worded for the author."""


@dataclass(frozen=True)
class Created:
    """The new report's file, and why it has its date when none was given (else None)."""

    path: Path
    dated: str | None = None


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def create(docs: Path, *, series: str | None, report_type: str, title: str | None,
           when: str | None, now: datetime) -> Created:
    for option, value in (("--series", series), ("--title", title), ("--date", when)):
        _check_text(option, value)
    loaded = collection.load(docs, only=[])
    known = loaded.series
    listing = ", ".join(sorted(known)) or catalogue.NONE_KNOWN
    if not known:
        raise ScaffoldError(catalogue.CLI["no_series"].format(docs=docs))
    if series is None:
        if len(known) != 1:
            raise ScaffoldError(catalogue.CLI["which_series"].format(known=listing))
        series = next(iter(known))
    if series not in known:
        raise ScaffoldError(catalogue.CLI["unknown_series"].format(series=series, known=listing))
    tz = known[series].time_zone
    dated = None
    if when is None:
        compiled = now.astimezone(tz).replace(second=0, microsecond=0)
        if report_type == "regular":
            compiled, dated = _on_series_day(known[series], compiled)
    else:
        parsed = timestamps.parse(when, tz)
        if parsed is None:
            raise ScaffoldError(catalogue.CLI["bad_date"].format(value=when))
        compiled = parsed.astimezone(tz)
    local_day = compiled.date().isoformat()
    slug = layout.slugify(title) if title else catalogue.TEMPLATE_SLUG[report_type].format(
        week=compiled.isocalendar()[1]
    )
    target = docs / layout.expected_report_path(series, local_day, slug or "rapport")
    if target.exists():
        raise ScaffoldError(catalogue.CLI["exists"].format(path=target))
    sections = "\n".join(
        catalogue.TEMPLATE_SECTION.format(name=name) for name in known[series].sections[report_type]
    )
    text = catalogue.REPORT_TEMPLATE.format(
        # A JSON string is a valid YAML double-quoted scalar: any title survives.
        title=json.dumps(title or catalogue.TEMPLATE_TITLE, ensure_ascii=False),
        series=series,
        type=report_type,
        occasion=catalogue.TEMPLATE_OCCASION if report_type == "extra" else "",
        date=compiled.strftime("%Y-%m-%d %H:%M"),
        day=local_day,
        sections=sections,
        **{f"{field}_values": allowed_values(field) for field in catalogue.ENUM_MEANINGS},
    )
    _write_new(target, text.encode("utf-8"))
    return Created(target, dated)


def allowed_values(field: str) -> str:
    """A template comment's list of a key's values and their meanings: 'regular = veckorapport, …'."""
    return catalogue.TEMPLATE_VALUES_JOIN.join(
        catalogue.TEMPLATE_VALUE.format(value=value, meaning=meaning)
        for value, meaning in catalogue.ENUM_MEANINGS[field].items()
    )


def _on_series_day(series: Series, now: datetime) -> tuple[datetime, str | None]:
    """``now`` moved to the series' weekday (today or the next), and the sentence saying so."""
    if series.frequency != "weekly" or series.weekday not in WEEKDAYS:
        return now, None
    ahead = (WEEKDAYS.index(series.weekday) - now.weekday()) % 7
    day = now + timedelta(days=ahead)
    key = "dated.today" if ahead == 0 else "dated.next"
    weekday = catalogue.ENUM_MEANINGS["weekday"][series.weekday]
    return day, catalogue.CLI[key].format(date=swedish_dates.long_date(day), weekday=weekday)


def _check_text(option: str, value: str | None) -> None:
    """A command-line text that can be written as UTF-8. An argument the terminal
    sent in another encoding arrives with undecodable bytes (lone surrogates)."""
    if value is None:
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        shown = value.encode("utf-8", "replace").decode("utf-8")
        raise ScaffoldError(catalogue.CLI["undecodable_argument"].format(option=option, shown=shown)) from None


def _write_new(target: Path, data: bytes) -> None:
    """Create ``target`` holding ``data``, whole or not at all: written beside it
    under a hidden name, then linked into place, which fails if a file of that
    name appeared meanwhile. A full disk or Ctrl-C leaves no half-written report."""
    made = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
    written = False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                # On disk before it has its name: a crash after the link leaves the whole file, never an empty one.
                out.flush()
                os.fsync(out.fileno())
            os.link(temporary, target)
            written = True
        except FileExistsError:
            raise ScaffoldError(catalogue.CLI["exists"].format(path=target)) from None
        finally:
            os.unlink(temporary)
    finally:
        if not written:
            for folder in made:  # innermost first: the folders made for this file go too
                try:
                    folder.rmdir()
                except OSError:
                    break
