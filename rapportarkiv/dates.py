"""Dates and times written the Swedish way, through babel's CLDR data.

Weeks are ISO 8601 weeks as used in Sweden, taken from the calendar itself
(``isocalendar``): babel's plain ``sv`` locale numbers weeks by US rules and
puts 3 January 2021 in week 1 instead of week 53 of 2020.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_datetime

LOCALE = "sv_SE"


def long_datetime(value: datetime) -> str:
    """'fredag 11 oktober 2024 kl. 15:20' in the value's own time zone."""
    return format_datetime(value, "EEEE d MMMM y 'kl.' HH:mm", tzinfo=value.tzinfo, locale=LOCALE)


def long_date(value: date) -> str:
    """'fredag 11 oktober 2024'."""
    return format_date(value, "EEEE d MMMM y", locale=LOCALE)


def short_date(value: date) -> str:
    """'11 okt. 2024'."""
    return format_date(value, "d MMM y", locale=LOCALE)


def day_month(value: date) -> str:
    """'fre 11 okt.' for tables where the year is given by context."""
    return format_date(value, "EEE d MMM", locale=LOCALE)


def month_name(month: int) -> str:
    return format_date(date(2000, month, 1), "LLLL", locale=LOCALE)


def iso_week(value: date) -> tuple[int, int]:
    """(ISO year, ISO week): 3 January 2021 is (2020, 53)."""
    year, week, _ = value.isocalendar()
    return year, week
