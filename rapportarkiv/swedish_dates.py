"""Dates, times and durations written the Swedish way, through babel's CLDR data.

Weeks are not numbered here: see ``model.Report.iso_week``.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

# Parsed once: babel parses a locale given by name on every call.
LOCALE = Locale.parse("sv_SE")

# babel interprets its pattern on every call, and list pages show the same
# dates again and again (a report's date on its series, year, tag and
# all-reports pages), so formatted dates are kept. A decade of reports has a few
# thousand distinct dates; the bound only matters for a long-running preview.
_remembered = lru_cache(maxsize=65536)


def long_datetime(value: datetime) -> str:
    """'fredag 11 oktober 2024 kl. 15:20' in the value's own time zone."""
    # Aware datetimes are equal across zones (15:20+02:00 == 13:20Z), so the
    # remembered text is keyed on the wall-clock time and its zone instead.
    return _long_datetime(value.replace(tzinfo=None), value.tzinfo)


@_remembered
def _long_datetime(wall: datetime, zone: tzinfo | None) -> str:
    return format_datetime(wall.replace(tzinfo=zone), "EEEE d MMMM y 'kl.' HH:mm", tzinfo=zone, locale=LOCALE)


def long_date(value: date) -> str:
    """'fredag 11 oktober 2024'."""
    return _format_day(_day(value), "EEEE d MMMM y")


def short_date(value: date) -> str:
    """'11 okt. 2024'."""
    return _format_day(_day(value), "d MMM y")


def day_month(value: date) -> str:
    """'fre 11 okt.' for tables where the year is given by context."""
    return _format_day(_day(value), "EEE d MMM")


def _day(value: date) -> date:
    """The calendar day of a date or datetime (babel formats a datetime's date part);
    a plain date is the cache key, since aware datetimes compare equal across zones."""
    return value.date() if isinstance(value, datetime) else value


@_remembered
def _format_day(value: date, pattern: str) -> str:
    return format_date(value, pattern, locale=LOCALE)


@_remembered
def month_name(month: int) -> str:
    return format_date(date(2000, month, 1), "LLLL", locale=LOCALE)


def seconds(value: float) -> str:
    """'2,4': a duration in seconds to a tenth, with the Swedish decimal comma
    (the preview server says how long a build took)."""
    return format_decimal(value, "0.0", locale=LOCALE)
