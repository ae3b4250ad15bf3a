"""What changed in a report's front matter between two versions, in the catalogue's words.

The comparison page of two versions, the job summary of a pull request and
the history guard each ask which fields of a report changed and then say it
in Swedish; so will a notice of a correction. Which keys changed is decided
once, here, in one order (the newer version's, removed keys last), and keys and
values are named here: by the schema's Swedish titles and the catalogue's
labels, never by the YAML a reader may not know.

Two ways of showing a value serve two places. The summary is a Markdown table
on GitHub, one line per cell (:func:`one_line`); the comparison page has room
for a list one item per line and for the titles of nested keys
(:func:`page_text`, :func:`rows`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from zoneinfo import ZoneInfo

from . import comments, schemas, swedish_dates, timestamps
from .catalogue import DIFF, LABELS, SUMMARY

FieldKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class FieldChange:
    """One front-matter key whose value differs between the versions."""

    key: str
    label: str  # the Swedish title of the key, from the schema
    kind: FieldKind
    old: Any  # None when the key was added
    new: Any  # None when the key was removed

    @property
    def value_changed(self) -> bool:
        """False for a key added or removed without a value (``key:`` alone): the
        file changed, what it says did not. The summary and the guard skip these."""
        return self.old != self.new


def diff_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """Changed top-level keys, in the order of the newer version (removed keys last)."""
    changes: list[FieldChange] = []
    for key in [*new, *(k for k in old if k not in new)]:
        before, after = old.get(key), new.get(key)
        if key in old and key in new and before == after:
            continue
        kind: FieldKind = "added" if key not in old else "removed" if key not in new else "changed"
        changes.append(FieldChange(key, label(key), kind, before, after))
    return tuple(changes)


# --- Keys ----------------------------------------------------------------------

def label(key: str) -> str:
    """The Swedish name of a front-matter key, as the schema titles it."""
    return schemas.property_schema("report", [key]).get("title") or key  # an unknown key has no title


def label_with_key(key: str) -> str:
    """The summary's name of a key, with the key itself for authors who know the YAML."""
    name = SUMMARY.get(f"field.{key}")
    if name is None:  # the schema's Swedish titles name every other key
        name = schemas.property_schema("report", [key]).get("title")
    return f"{name} ({key})" if name else key


# --- Values ----------------------------------------------------------------------

def _yes_no(value: bool) -> str:
    return SUMMARY[f"value.{str(value).lower()}"]


def one_line(key: str, value: Any) -> str:
    """A value as one line of plain (not yet escaped) text, for the summary's table cells."""
    if value is None:
        return SUMMARY["value.missing"]
    if isinstance(value, bool):
        return _yes_no(value)
    if key in ("type", "classification") and isinstance(value, str):
        return LABELS.get(f"{key}.{value}", value)
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {one_line(str(k), v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(one_line(key, item) for item in value) or SUMMARY["value.missing"]
    return str(value)


def display(value: Any) -> str:
    """A value as a short text a reader can compare: lists one item per line."""
    if value is None:
        return DIFF["empty"]
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return ", ".join(f"{k}: {display(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "\n".join(display(item) for item in value)
    return json.dumps(value, ensure_ascii=False)


# Keys whose values have Swedish labels in the catalogue ("audience.internal" …).
_LABELLED_KEYS = frozenset({"audience", "status", "classification", "type"})


def page_text(key: str, value: object) -> str:
    """A value in words for the comparison page: Swedish labels for keys and known values."""
    if isinstance(value, dict):
        return "; ".join(
            f"{schemas.property_schema('report', [key, 0, k]).get('title') or schemas.property_schema('report', [key, k]).get('title') or k}: {page_text(k, v)}"
            for k, v in value.items()
        )
    if key in _LABELLED_KEYS and isinstance(value, str):
        return LABELS.get(f"{key}.{value}", value)
    # Only an old version that fails today's checks can hold a comment in its data.
    return comments.hide(display(value))


def _by_item(
    old: list[Any], new: list[Any], label: str, show: Callable[[Any], str]
) -> list[tuple[str, str | None, str | None]]:
    """A list compared item by item: a row for each position whose item differs."""
    found: list[tuple[str, str | None, str | None]] = []
    for index in range(max(len(old), len(new))):
        before = old[index] if index < len(old) else None
        after = new[index] if index < len(new) else None
        if before != after:
            found.append((
                DIFF["field.item"].format(label=label, number=index + 1),
                None if before is None else show(before),
                None if after is None else show(after),
            ))
    return found


def rows(change: FieldChange) -> list[tuple[str, str | None, str | None]]:
    """The comparison page's rows for one changed field: (name, before, after), None
    where there is no value. A list is compared item by item, so a correction of
    one communication action shows as that action only."""
    old, new = change.old, change.new
    if isinstance(old, list) or isinstance(new, list):
        return _by_item(old or [], new or [], change.label, lambda item: page_text(change.key, item))
    return [(
        change.label,
        None if change.kind == "added" else page_text(change.key, old),
        None if change.kind == "removed" else page_text(change.key, new),
    )]


# --- The comparison page, field by field ---------------------------------------

@dataclass(frozen=True)
class Part:
    """One named value of a changed field: a key of a communication action, say."""

    label: str
    before: str | None  # None where the version has no such value
    after: str | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Row:
    """One row of the comparison page's table: a field, or one item of a list field,
    with its values named part by part so the page can mark exactly what changed."""

    label: str
    before: tuple[Part, ...] | None  # None: the version has no such field or item
    after: tuple[Part, ...] | None


def _parts(key: str, value: object, zone: ZoneInfo) -> tuple[Part, ...]:
    """A value named part by part, each in the reader's words (:func:`swedish`)."""
    if isinstance(value, dict):
        return tuple(
            Part(schemas.property_schema("report", [key, 0, k]).get("title")
                 or schemas.property_schema("report", [key, k]).get("title") or str(k),
                 swedish(key, v, zone, (key, 0, k)), None)
            for k, v in value.items()
        )
    return (Part("", swedish(key, value, zone), None),)


def _paired(before: tuple[Part, ...] | None, after: tuple[Part, ...] | None) -> tuple[
        tuple[Part, ...] | None, tuple[Part, ...] | None]:
    """Both sides' parts, each knowing the other side's value, so that a part that
    changed is marked on both sides and one that did not is shown plain."""
    old = {p.label: p.before for p in before or ()}
    new = {p.label: p.before for p in after or ()}
    return (
        None if before is None else tuple(Part(p.label, p.before, new.get(p.label)) for p in before),
        None if after is None else tuple(Part(p.label, old.get(p.label), p.before) for p in after),
    )


def compared(change: FieldChange, time_zone: ZoneInfo) -> list[Row]:
    """The comparison page's rows for one changed field. A list is compared item by
    item, and an item's keys one by one: a communication action that went from
    planned to done shows as that action, with its status marked."""
    old, new = change.old, change.new
    if isinstance(old, list) or isinstance(new, list):
        old, new = old or [], new or []
        rows = []
        for index in range(max(len(old), len(new))):
            before = old[index] if index < len(old) else None
            after = new[index] if index < len(new) else None
            if before != after:
                rows.append(Row(DIFF["field.item"].format(label=change.label, number=index + 1), *_paired(
                    None if before is None else _parts(change.key, before, time_zone),
                    None if after is None else _parts(change.key, after, time_zone))))
        return rows
    return [Row(change.label, *_paired(
        None if change.kind == "added" else _parts(change.key, old, time_zone),
        None if change.kind == "removed" else _parts(change.key, new, time_zone)))]


# --- Values in the reader's words (the job summary) --------------------------------

def _time_kind(schema: Mapping[str, Any]) -> str | None:
    """'date' or 'timestamp' when the schema describes one, as the shared $defs do."""
    formats = {schema.get("format")} | {alt.get("format") for alt in schema.get("anyOf", ())}
    return "timestamp" if "date-time" in formats else "date" if "date" in formats else None


def _swedish_time(kind: str, value: str, zone: ZoneInfo) -> str:
    """A date or time as the site shows it; a text that is not one is shown as written."""
    if kind == "date":
        day = timestamps.parse_date(value)
        return swedish_dates.long_date(day) if day else value
    moment = timestamps.parse(value, zone)
    return swedish_dates.long_datetime(moment.astimezone(zone)) if moment else value


def swedish(key: str, value: Any, zone: ZoneInfo, path: tuple[str | int, ...] = ()) -> str:
    """A value whole, as a reader would say it: Swedish labels for enum values and
    nested keys, dates the Swedish way in the series' time zone, yes/no for booleans.

    Items of a list of objects are shown with every key the schema knows, in the
    schema's order, defaults filled in (a communication action without status is
    "Kommande"), so two versions of an item read alike and differ only where
    they differ."""
    path = path or (key,)
    schema = schemas.property_schema("report", list(path))
    if value is None:
        return SUMMARY["value.missing"]
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, str):
        kind = _time_kind(schema)
        if kind:
            return _swedish_time(kind, value, zone)
        labelled = LABELS.get(f"{path[-1]}.{value}") if path[-1] in _LABELLED_KEYS else None
        return labelled or value
    if isinstance(value, Mapping):
        known = schema.get("properties", {})
        keys = [k for k in known if k in value or "default" in known[k]] + [k for k in value if k not in known]
        return SUMMARY["value.separator"].join(
            f"{known.get(k, {}).get('title') or k}: "
            f"{swedish(key, value.get(k, known.get(k, {}).get('default')), zone, (*path, k))}"
            for k in keys
        )
    if isinstance(value, list):
        items = [swedish(key, item, zone, (*path, 0)) for item in value]
        return SUMMARY["value.list_separator"].join(items) or SUMMARY["value.missing"]
    return str(value)


def summary_rows(change: FieldChange, zone: ZoneInfo) -> list[tuple[str, str | None, str | None]]:
    """The job summary's rows for one changed field: (name, before, after) in
    Swedish, None where there is no value. A list of objects is compared item
    by item, as on the comparison page, so a communication action marked as
    done shows as that action, whole."""
    old, new = change.old, change.new
    items = [v for v in (old, new) if isinstance(v, list)]
    if items and all(isinstance(i, Mapping) for v in items for i in v):
        return _by_item(
            old if isinstance(old, list) else [], new if isinstance(new, list) else [],
            label_with_key(change.key), lambda item: swedish(change.key, item, zone, (change.key, 0)),
        )
    return [(
        label_with_key(change.key),
        None if change.kind == "added" else swedish(change.key, old, zone),
        None if change.kind == "removed" else swedish(change.key, new, zone),
    )]
