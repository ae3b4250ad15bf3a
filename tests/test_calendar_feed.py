"""The communication calendar as iCalendar subscriptions, parsed back with ``icalendar``."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar

from rapportarkiv import site as core
from rapportarkiv.archive import Options

from factory import SERIES, GitRepo, build, copy_site_pages, report_rel, seed_report

SITE = "https://rapporter.example.se/arkiv/"
NOW = datetime(2024, 11, 30, tzinfo=UTC)
DAYS = ("2024-10-26", "2024-10-27", "2024-10-28")  # summer time ends in the night to 27 October


def actions(*pairs: tuple[str, str], text: str = "Nyhetstext") -> list[dict[str, str]]:
    return [{"audience": audience, "date": day, "status": "planned", "channel": "Insidan", "text": f"{text} {day}"}
            for audience, day in pairs]


def archive(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.pr("Två rapporter", {
        report_rel("2024-10-24 14:00", "vecka-43"): seed_report(
            "Vecka 43", "2024-10-24 14:00", classification="public",
            communication=actions(("external", DAYS[0]), ("internal", DAYS[1]), ("external", DAYS[2]))),
        report_rel("2024-10-25 14:00", "intern"): seed_report(
            "Intern rapport \"citat\" & fler < 5", "2024-10-25 14:00",
            communication=actions(("external", DAYS[1]), text="Pressträff; \"Göteborg\", sal 2")),
    })
    return repo


def feed(repo: GitRepo, url: str, audience: str = "internal") -> Calendar:
    built = core.build(repo.docs, Options(now=NOW, audience=audience), SITE)  # type: ignore[arg-type]
    assert url in built.static_urls()
    return Calendar.from_ical(built.static_file(url))


def test_every_action_is_an_all_day_event_with_a_stable_uid(tmp_path: Path) -> None:
    repo = archive(tmp_path)
    calendar = feed(repo, "kalender/kalender.ics")
    assert calendar["METHOD"] == "PUBLISH" and str(calendar["X-WR-CALNAME"]) == "Kommunikationskalender – alla serier"
    assert "REFRESH-INTERVAL" in calendar and "X-PUBLISHED-TTL" in calendar
    zone: Any = calendar.walk("VTIMEZONE")[0]
    assert zone["TZID"] == "Europe/Stockholm"
    assert all("RRULE" in part and "RDATE" not in part for part in zone.subcomponents)
    tz = zone.to_tz()
    assert tz.utcoffset(datetime(2024, 10, 26, 12)) == timedelta(hours=2)
    assert tz.utcoffset(datetime(2024, 10, 28, 12)) == timedelta(hours=1)
    events = calendar.walk("VEVENT")
    assert len(events) == 4
    # All-day, on the day written, on both sides of the change of time.
    by_text = {str(e["SUMMARY"]): e for e in events}
    for day in DAYS:
        event = by_text[f"Insidan: Nyhetstext {day}"]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and start == date.fromisoformat(day) and end == start + timedelta(days=1)
    hostile = by_text['Insidan: Pressträff; "Göteborg", sal 2 2024-10-27']
    assert "Intern rapport \"citat\" & fler < 5" in str(hostile["DESCRIPTION"])  # text, escaped by iCalendar
    assert str(hostile["URL"]).startswith(f"{SITE}rapporter/{SERIES}/2024/2024-10-25-intern/")
    raw = core.build(repo.docs, Options(now=NOW), SITE).static_file("kalender/kalender.ics")
    assert 'Pressträff\\; "Göteborg"\\, sal 2' in raw.decode("utf-8").replace("\r\n ", "")  # ; and , escaped
    # The same archive gives the same calendar, byte for byte, and the same UIDs.
    assert core.build(repo.docs, Options(now=NOW + timedelta(days=3)), SITE).static_file("kalender/kalender.ics") == raw
    assert len({str(e["UID"]) for e in events}) == 4


def test_a_changed_action_keeps_its_uid_and_gets_a_higher_sequence(tmp_path: Path) -> None:
    repo = archive(tmp_path)
    before = {str(e["UID"]): e for e in feed(repo, f"rapporter/{SERIES}/kalender.ics").walk("VEVENT")}
    rel = report_rel("2024-10-24 14:00", "vecka-43")
    repo.pr("Flyttad åtgärd", {rel: seed_report(
        "Vecka 43", "2024-10-24 14:00", classification="public",
        communication=actions(("external", "2024-10-29"), ("internal", DAYS[1]), ("external", DAYS[2])))})
    after = {str(e["UID"]): e for e in feed(repo, f"rapporter/{SERIES}/kalender.ics").walk("VEVENT")}
    assert set(before) == set(after)
    moved = next(uid for uid, e in after.items() if str(e["SUMMARY"]).endswith("2024-10-29"))
    assert after[moved].decoded("SEQUENCE") > before[moved].decoded("SEQUENCE")
    assert after[moved].decoded("DTSTART") == date(2024, 10, 29)


def test_the_public_calendar_holds_only_public_external_actions(tmp_path: Path) -> None:
    repo = archive(tmp_path)
    events = feed(repo, "kalender/kalender.ics", audience="public").walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == [f"Insidan: Nyhetstext {DAYS[0]}", f"Insidan: Nyhetstext {DAYS[2]}"]
    assert all("Intern rapport" not in str(e["DESCRIPTION"]) for e in events)


def test_the_calendar_page_links_to_the_subscription(tmp_path: Path) -> None:
    repo = archive(tmp_path)
    copy_site_pages(repo.docs)
    repo.commit("Webbplatsens sidor")
    build(repo.docs)
    site = repo.root / "site"
    page = (site / "kalender" / "index.html").read_text(encoding="utf-8")
    assert '<a href="kalender.ics" type="text/calendar">Prenumerera i Outlook</a>' in page
    assert Calendar.from_ical((site / "kalender" / "kalender.ics").read_bytes()).walk("VEVENT")
    assert (site / "rapporter" / SERIES / "kalender.ics").is_file()


def test_text_is_escaped_as_icalendar_escapes_it() -> None:
    from icalendar import vText

    from rapportarkiv.render import ics

    for value in ('Pressträff; "Göteborg", sal 2', "a\\b\nc", "<script>alert(1)</script>", "åäö ÅÄÖ – ”x”"):
        assert ics._text(value) == vText(value).to_ical().decode("utf-8")
