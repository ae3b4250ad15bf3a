"""The communication calendar as iCalendar subscriptions, parsed back with ``icalendar``."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
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


def test_each_event_is_exactly_what_icalendars_event_writes(tmp_path: Path) -> None:
    """The writer puts events together from icalendar's content lines for speed
    (see ``ics._event``); these are the bytes icalendar's own ``Event.to_ical``
    writes for the same properties: escaping, parameters and folding included."""
    import hashlib

    from icalendar import Event

    from rapportarkiv.catalogue import LABELS, MAIL
    from rapportarkiv.render import ics

    repo = archive(tmp_path)
    long_title = "Rapport; med \\ snedstreck, komman och ett långt namn på åäö som viks " * 2
    repo.pr("En lång", {report_rel("2024-10-26 14:00", "lang"): seed_report(
        long_title.strip(), "2024-10-26 14:00", communication=actions(("internal", DAYS[2]), text=long_title))})
    built = core.build(repo.docs, Options(now=NOW), SITE)
    checked = 0
    for entry, place in ics.entries(built.archive, ics.feeds_for(built.archive)[0]):
        current = ics.current_version(built.versions.get(entry.report.path))
        assert current is not None
        action, report = entry.action, entry.report
        event = Event()
        event.add("uid", f"{hashlib.sha256(f'{report.path}#{place}'.encode()).hexdigest()[:24]}@rapporter.example.se")
        event.add("sequence", current[0])
        event.add("dtstamp", current[1].astimezone(UTC))
        event.add("dtstart", action.date)
        event.add("dtend", action.date + timedelta(days=1))
        event.add("summary", f"{action.channel}: {action.text}")
        event.add("description", MAIL["calendar.description"].format(
            audience=LABELS[f"audience.{action.audience}"].lower(),
            status=LABELS[f"status.{action.status}"].lower(), title=report.title))
        event.add("url", SITE + report.url, parameters={"VALUE": "URI"})
        event.add("categories", [LABELS[f"audience.{action.audience}"]])
        event.add("transp", "TRANSPARENT")
        event.add("status", "CONFIRMED")
        ours = ics._event(entry, place, SITE, "rapporter.example.se", current)
        assert ours == event.to_ical(sorted=False)
        checked += 1
    assert checked == 5
    folded = ics._event(*next((e, p) for e, p in ics.entries(built.archive, ics.feeds_for(built.archive)[0])
                              if e.report.title == long_title.strip()), SITE, "rapporter.example.se", None)
    assert b"\r\n " in folded and all(len(line) <= 75 for line in folded.split(b"\r\n"))


def test_lines_are_folded_exactly_as_icalendar_folds_them() -> None:
    """``ics._fold`` is foldline's rules on bytes (foldline is too slow, see there):
    the same bytes for lines of every length around the limit, with two- three- and
    four-octet characters and escapes (\\, \\; ^) at every place a fold can fall."""
    import random

    from icalendar.parser import Contentline

    from rapportarkiv.render import ics

    pieces = ["a", " ", "å", "Ä", "”", "€", "😀", "\\,", "\\;", "\\\\", "\\n", "^^", "^n", ":", ";"]
    generator = random.Random(19)
    lines = ["SUMMARY:" + "x" * n for n in range(60, 160)]
    lines += ["SUMMARY:" + "x" * n + piece * 40 for n in range(0, 8) for piece in pieces]
    lines += ["DESCRIPTION:" + "".join(generator.choice(pieces) for _ in range(generator.randrange(200)))
              for _ in range(3000)]
    for text in lines:
        line = Contentline(text)
        assert ics._fold(line) == line.to_ical() + b"\r\n", text


def test_text_is_escaped_exactly_as_icalendars_vtext_escapes_it() -> None:
    """``ics._text`` is vText's escaping without building a vText (too slow, see there):
    the same text for backslashes, separators, every kind of line break and "\\N"."""
    import random

    from icalendar import vText

    from rapportarkiv.render import ics

    pieces = ["a", " ", "å", "😀", "\\", ";", ",", "\n", "\r", "\r\n", "\\N", "\\n", "N", ":", '"']
    generator = random.Random(5545)
    texts = ["", *pieces, *("".join(generator.choice(pieces) for _ in range(generator.randrange(40)))
                            for _ in range(3000))]
    for text in texts:
        assert ics._text(text) == vText(text).to_ical().decode("utf-8"), repr(text)


def test_a_kept_event_is_cut_at_its_own_end_whatever_its_text_says() -> None:
    """A preview's rebuild takes unchanged events from the last calendar (ics.earlier_events):
    an action whose text reads "END:VEVENT" where a long line is folded must not end its block."""
    from rapportarkiv.render import ics

    block = (b"BEGIN:VEVENT\r\nUID:a@x\r\nSUMMARY:Text som slutar med END:VEVENT\r\n  och fortsatter\r\n"
             b"END:VEVENT\r\n")
    content = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + block + b"END:VCALENDAR\r\n"
    report = object()
    entry = SimpleNamespace(report=report, action=object())
    kept = ics.earlier_events([(entry, 0, None)], content)  # type: ignore[list-item]
    assert list(kept.values()) == [block]
