"""Swedish dates through babel, and the memory that keeps list pages fast."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from rapportarkiv import swedish_dates as dates

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_swedish_forms() -> None:
    moment = datetime(2024, 10, 11, 15, 20, tzinfo=STOCKHOLM)
    assert dates.long_datetime(moment) == "fredag 11 oktober 2024 kl. 15:20"
    assert dates.long_date(moment) == "fredag 11 oktober 2024"
    assert dates.short_date(date(2024, 10, 11)) == "11 okt. 2024"
    assert dates.day_month(date(2024, 10, 11)) == "fre 11 okt."
    assert dates.month_name(10) == "oktober"


def test_the_same_instant_in_two_zones_is_written_in_each_zone() -> None:
    """Aware datetimes that are the same instant compare equal; remembering a
    formatted date by the datetime alone would write one zone's time for the other."""
    local = datetime(2024, 10, 11, 0, 30, tzinfo=STOCKHOLM)
    utc = local.astimezone(timezone.utc)
    assert local == utc
    assert dates.long_datetime(local) == "fredag 11 oktober 2024 kl. 00:30"
    assert dates.long_datetime(utc) == "torsdag 10 oktober 2024 kl. 22:30"
    assert dates.long_date(local) == "fredag 11 oktober 2024"
    assert dates.long_date(utc) == "torsdag 10 oktober 2024"
    assert dates.day_month(utc) == "tors 10 okt."
