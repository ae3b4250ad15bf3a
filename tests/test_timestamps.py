"""Timestamps as authors write them: the series' zone, RFC 3339 and daylight saving."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from rapportarkiv import schemas, timestamps

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_time_without_zone_is_in_the_series_zone() -> None:
    assert timestamps.parse("2024-10-11 15:20", STOCKHOLM) == datetime(2024, 10, 11, 15, 20, tzinfo=STOCKHOLM)


@pytest.mark.parametrize("text", ["2024-10-11T13:20:00Z", "2024-10-11t13:20:00z", "2024-10-11T15:20:00+02:00"])
def test_every_rfc3339_form_the_schema_accepts_is_understood(text: str) -> None:
    timestamp = schemas.load("common")["$defs"]["timestamp"]
    assert schemas.validator("common").evolve(schema=timestamp).is_valid(text)
    parsed = timestamps.parse(text, STOCKHOLM)
    assert parsed == datetime(2024, 10, 11, 13, 20, tzinfo=timezone.utc)


@pytest.mark.parametrize("text", ["2024-02-30 10:00", "2024-10-11 24:30", "not a date"])
def test_unreal_times_are_none(text: str) -> None:
    assert timestamps.parse(text, STOCKHOLM) is None


def test_daylight_saving_gaps_and_repeats() -> None:
    assert timestamps.wall_clock_problem("2024-03-31 02:30", STOCKHOLM) == "finns inte"
    assert timestamps.wall_clock_problem("2024-10-27 02:30", STOCKHOLM) == "är tvetydigt"
    assert timestamps.wall_clock_problem("2024-10-27 03:30", STOCKHOLM) is None
    assert timestamps.wall_clock_problem("2024-10-27t02:30:00+01:00", STOCKHOLM) is None


def test_days_between_is_symmetric() -> None:
    a = datetime(2024, 10, 11).date()
    assert timestamps.days_between(a, a + timedelta(days=61)) == 61
    assert timestamps.days_between(a + timedelta(days=61), a) == 61


@pytest.mark.parametrize("text", ["9999-12-31T23:00:00-02:00", "0001-01-01T00:30:00+02:00", "0001-01-01 00:30"])
def test_instants_outside_the_calendar_in_utc_or_the_zone_are_none(text: str) -> None:
    assert timestamps.parse(text, STOCKHOLM) is None


def test_the_last_representable_evening_is_fine() -> None:
    assert timestamps.parse("9999-12-31 23:30", STOCKHOLM) is not None
