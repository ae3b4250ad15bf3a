"""Which changes to a report decide what is published, so that a reviewer cannot miss them.

A reviewer reads a card of changed values; some of those values change who
can read the report or when: an internal report made public, an embargo
(``publish_at``) set, moved or lifted, a draft that will be published on
merge, a withdrawal. These are said first, in words, as data here (a key of
the catalogue's ``warning.*`` entries and its parameters) and as text by the
summary. What an absent key means is the archive's rule: no ``classification``
is internal, no ``draft`` is not a draft.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from . import field_changes

Warning = tuple[str, dict[str, str]]


def _is_public(data: Mapping[str, Any]) -> bool:
    return data.get("classification") == "public"


def _when(value: Any, zone: ZoneInfo) -> str:
    return field_changes.swedish("publish_at", value, zone)


def for_report(old: Mapping[str, Any] | None, new: Mapping[str, Any], zone: ZoneInfo) -> list[Warning]:
    """The warnings for a report going from ``old`` (None: a new report) to ``new``, most important first."""
    before: Mapping[str, Any] = old or {}
    found: list[Warning] = []
    if _is_public(new) and not _is_public(before):
        found.append(("public", {}))
    elif _is_public(before) and not _is_public(new):
        found.append(("not_public", {}))
    if new.get("draft") is not True and before.get("draft") is True:
        found.append(("draft_removed", {}))
    elif new.get("draft") is True and old is not None and before.get("draft") is not True:
        found.append(("draft_added", {}))
    old_at, new_at = before.get("publish_at"), new.get("publish_at")
    if new_at is not None and old_at is None:
        found.append(("embargo_new", {"new": _when(new_at, zone)}))
    elif new_at is not None and new_at != old_at:
        found.append(("embargo_moved", {"new": _when(new_at, zone), "old": _when(old_at, zone)}))
    elif new_at is None and old_at is not None:
        found.append(("embargo_removed", {"old": _when(old_at, zone)}))
    withdrawn, was_withdrawn = new.get("withdrawn"), before.get("withdrawn")
    if withdrawn is not None and was_withdrawn is None:
        date = withdrawn.get("date") if isinstance(withdrawn, Mapping) else None
        reason = withdrawn.get("reason") if isinstance(withdrawn, Mapping) else None
        found.append(("withdrawn", {
            "date": field_changes.swedish("withdrawn", date, zone, ("withdrawn", "date")),
            "reason": str(reason) if reason is not None else field_changes.swedish("withdrawn", None, zone),
        }))
    elif withdrawn is None and was_withdrawn is not None:
        found.append(("unwithdrawn", {}))
    return found
