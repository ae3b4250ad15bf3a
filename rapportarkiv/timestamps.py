"""Timestamps as authors write them, made exact.

Authors write ``2024-10-11 15:20``; the series' time zone (Europe/Stockholm)
makes that an instant. Daylight-saving changes make some wall-clock times
ambiguous (one hour happens twice in October) or impossible (one hour is
skipped in March); both are reported rather than guessed silently.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .catalogue import WALL_CLOCK


def zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _from_iso(text: str) -> datetime:
    # RFC 3339 allows a lower-case t and z, which the schema's date-time format
    # accepts; Python's parser does not, and would call a valid time unreal.
    return datetime.fromisoformat(text.upper())


def parse(text: str, tz: ZoneInfo) -> datetime | None:
    """An aware datetime, or None when the text is not a real date and time."""
    try:
        value = _from_iso(text)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    try:
        # Near year 1 or 9999 the instant may not exist in UTC or in the
        # series' zone; every later step converts, so refuse it here.
        value.astimezone(timezone.utc)
        value.astimezone(tz)
    except OverflowError:
        return None
    return value


def wall_clock_problem(text: str, tz: ZoneInfo) -> str | None:
    """Whether a zone-less time in a DST transition does not exist or happens twice, in Swedish."""
    try:
        naive = _from_iso(text)
    except ValueError:
        return None
    if naive.tzinfo is not None:
        return None
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    # Round-tripping through UTC changes a time that does not exist.
    roundtrip = first.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None)
    return WALL_CLOCK["missing"] if roundtrip != naive else WALL_CLOCK["ambiguous"]


def parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def days_between(a: date, b: date) -> int:
    return abs((a - b) // timedelta(days=1))
