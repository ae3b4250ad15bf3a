"""The communication calendar as iCalendar feeds (RFC 5545) that Outlook can subscribe to.

One feed for the archive (``kalender/kalender.ics``) and one per series
(``rapporter/<serie>/kalender.ics``), written with the ``icalendar`` package:
one VEVENT per communication action, ``METHOD:PUBLISH``, a calendar name, a
refresh hint, and a VTIMEZONE for Europe/Stockholm written with RRULEs
(Outlook misreads a zone given only as RDATEs).

An action has a date and no time, so each is an all-day event (``DTSTART``
as a DATE, ``DTEND`` the next day): it stays on its day whatever the reader's
zone and across a change to or from summer time. Its UID is made from the
report's address and the action's place in the report, so it is the same in
every build; its SEQUENCE is the number of the report's version, which grows
with every published change, so a changed action replaces the old one in a
subscriber's calendar. DTSTAMP is the version's date, not the build's clock,
so an unchanged archive gives the same bytes. A public build publishes only
external actions (the archive has already left out internal reports).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from icalendar import (
    Calendar, Timezone, TimezoneDaylight, TimezoneStandard, vDuration, vRecur, vUri,
)
from icalendar.parser import Parameters

from .. import layout, links
from ..archive import Archive, CalendarEntry
from ..catalogue import LABELS, MAIL
from ..versions import Versions

ARCHIVE_URL = "kalender/kalender.ics"
TIME_ZONE = "Europe/Stockholm"
REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class CalendarFeed:
    url: str
    series: str | None  # None: the whole archive
    name: str


def feeds_for(archive: Archive) -> list[CalendarFeed]:
    found = [CalendarFeed(ARCHIVE_URL, None, MAIL["calendar.name"].format(name=MAIL["calendar.archive"]))]
    for series_id, series in sorted(archive.series.items()):
        found.append(CalendarFeed(series_url(series_id), series_id, MAIL["calendar.name"].format(name=series.name)))
    return found


def series_url(series_id: str) -> str:
    return f"{layout.REPORTS_DIR}/{series_id}/kalender.ics"


def entries(archive: Archive, feed: CalendarFeed) -> list[tuple[CalendarEntry, int]]:
    """The actions a feed holds, each with its place in its report, oldest date first."""
    public = archive.options.audience == "public"
    found = []
    places: dict[int, int] = {}  # an action's place in its report, by identity: two identical actions are two events
    for entry in reversed(archive.calendar()):
        if feed.series is not None and entry.report.series != feed.series:
            continue
        if public and entry.action.audience != "external":
            continue
        if id(entry.action) not in places:
            places.update((id(action), i) for i, action in enumerate(entry.report.communication))
        found.append((entry, places[id(entry.action)]))
    return found


# An event as a feed shows it: the action, its place in its report, and the report's
# current version (``current_version``). What it depends on, and so how a preview
# knows an event it rendered before (``earlier_events``).
Shown = tuple[CalendarEntry, int, tuple[int, datetime] | None]


def shown(archive: Archive, feed: CalendarFeed, versions: dict[str, Versions]) -> list[Shown]:
    """The events ``feed`` shows, oldest date first (``entries``), each with its report's current version."""
    return [(entry, place, current_version(versions.get(entry.report.path))) for entry, place in entries(archive, feed)]


def render(feed: CalendarFeed, events: Sequence[Shown], site_url: str,
           earlier: Mapping[tuple[int, int, int, object], bytes] | None = None) -> bytes:
    """The feed's iCalendar file holding ``events`` (``shown``); ``earlier`` holds a preview's
    last rendering of it, event by event (``earlier_events``), whose events that did not
    change are taken as they are."""
    calendar = Calendar()
    calendar.add("prodid", "-//rapportarkiv//Kommunikationskalender//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", feed.name)
    calendar.add("x-wr-calname", feed.name)
    calendar.add("x-wr-timezone", TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    calendar.add_component(_stockholm())
    domain = urlsplit(site_url).hostname or "rapportarkiv.invalid"
    site_url = links.absolute("", site_url)  # ends in /: a report's address is added to it
    frame = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert frame.endswith(end)
    def event(entry: CalendarEntry, place: int, current: tuple[int, datetime] | None) -> bytes:
        kept = earlier.get(_reuse_key(entry, place, current)) if earlier else None
        return kept if kept is not None else _event(entry, place, site_url, domain, current)

    return frame[: -len(end)] + b"".join(event(*one) for one in events) + end


# At line starts only: a folded value continues on lines that begin with a space, so an
# action's text that reads "END:VEVENT" can never end a block here.
_EVENT_BLOCK = re.compile(rb"^BEGIN:VEVENT\r\n.*?^END:VEVENT\r\n", re.DOTALL | re.MULTILINE)


def earlier_events(shown: Sequence[Shown], content: bytes) -> dict[tuple[int, int, int, object], bytes]:
    """A feed as the last build wrote it, event by event, keyed by what each event was
    made of. ``shown`` is what that build listed (``Site._static_anew``), in the order
    of its events. The key is by identity: in a preview's rebuild a report whose file
    did not change is the very object it was, and only the edited report's events
    are rendered again. The first build renders the calendars on the other core, so
    without this a rebuild would render every event of the archive anew."""
    blocks = _EVENT_BLOCK.findall(content)
    if len(blocks) != len(shown):
        return {}
    return {_reuse_key(entry, place, current): block for (entry, place, current), block in zip(shown, blocks)}


def _reuse_key(entry: CalendarEntry, place: int, current: object) -> tuple[int, int, int, object]:
    return (id(entry.report), id(entry.action), place, current)


def current_version(views: Versions | None) -> tuple[int, datetime] | None:
    """What an event shows of its report's versions: the current one's number (its
    SEQUENCE) and date (its DTSTAMP)."""
    current = views.current if views is not None else None
    return (current.number, current.date) if current is not None else None


@lru_cache(maxsize=200_000)
def _event(entry: CalendarEntry, place: int, site_url: str, domain: str,
           current: tuple[int, datetime] | None) -> bytes:
    """One VEVENT, kept for the next feed that holds it (the archive's and its series').

    Written with icalendar's own pieces where a value needs them: addresses by
    their property type (``vUri``), parameters by ``Parameters`` (once); text
    escaped and each line folded by the rules of ``vText`` and foldline
    (``_text``, ``_fold``). Dates, the time stamp and the sequence number are written as
    ``vDate``, ``vDatetime`` (in UTC) and ``vInt`` write them, without building
    their objects; and the lines are not made ``Contentline`` objects, whose one
    check (no line break: text values are escaped) cannot fail here. What is left
    out is ``Event.to_ical``'s generic machinery: six milliseconds an event, four
    times the rendering of every page of the site (bench/calendars.py), and then a
    third of the rest at 5 000 reports. tests/test_calendar_feed.py checks that
    these bytes are exactly what ``Event.to_ical`` writes for the same properties.

    The archive's calendar entries are the same objects for both feeds
    (``Archive.calendar``), so the cache finds them by identity: hashing a whole
    report for every event took a tenth of the time."""
    action, report = entry.action, entry.report
    key = hashlib.sha256(f"{report.path}#{place}".encode()).hexdigest()[:24]
    description = MAIL["calendar.description"].format(
        audience=LABELS[f"audience.{action.audience}"].lower(), status=LABELS[f"status.{action.status}"].lower(),
        title=report.title)
    stamp = (current[1] if current is not None else report.date).astimezone(UTC)
    lines = (
        "BEGIN:VEVENT",
        f"UID:{_text(f'{key}@{domain}')}",
        f"SEQUENCE:{current[0] if current is not None else 0:d}",
        f"DTSTAMP:{_day(stamp)}T{stamp.hour:02d}{stamp.minute:02d}{stamp.second:02d}Z",
        f"DTSTART{_DATE}:{_day(action.date)}",
        f"DTEND{_DATE}:{_day(action.date + timedelta(days=1))}",
        f"SUMMARY:{_text(MAIL['calendar.summary'].format(channel=action.channel, text=action.text))}",
        f"DESCRIPTION:{_text(description)}",
        f"URL{_URI}:{_str(vUri(f'{site_url}{report.url}').to_ical())}",
        f"CATEGORIES:{_text(LABELS[f'audience.{action.audience}'])}",
        "TRANSP:TRANSPARENT",  # a reminder of the day, not a busy slot
        f"STATUS:{'CANCELLED' if report.withdrawn is not None else 'CONFIRMED'}",
        "END:VEVENT",
    )
    return b"".join(_fold(line) for line in lines)


def _text(value: str) -> str:
    """TEXT escaped as ``vText.to_ical`` escapes it (RFC 5545, 3.3.11), in its order:
    building a vText gives each value a parameter dictionary of its own, which cost
    as much as the rest of an event (bench/calendars.py). tests/test_calendar_feed.py
    checks it against vText."""
    return (value.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _day(value: date) -> str:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"  # as vDate and vDatetime write it


def _str(value: str | bytes) -> str:
    return value if isinstance(value, str) else value.decode("utf-8")


# Parameters as icalendar writes them, once: ";VALUE=DATE", ";VALUE=URI".
_DATE = ";" + Parameters({"VALUE": "DATE"}).to_ical().decode("ascii")
_URI = ";" + Parameters({"VALUE": "URI"}).to_ical().decode("ascii")
_LIMIT = 74  # octets of a line's text before icalendar's foldline folds it (75 with the continuation's space)


def _fold(line: str) -> bytes:
    """``line`` folded exactly as icalendar's ``Contentline.to_ical`` (``foldline``) folds
    it, with CRLF. foldline is the one piece of icalendar not used here: it encodes
    every character on its own in a Python loop, also for the many lines that need
    no folding, and took twice the time of everything else in an event together
    (bench/calendars.py: the calendars went from an eighth to three fifths of the
    page rendering). Here the line is encoded once and cut on bytes, by foldline's
    rules: at most 74 octets of text a line, never inside a UTF-8 character, and
    an escaping backslash or caret moved to the next line with what it escapes.
    tests/test_calendar_feed.py checks it against foldline on adversarial lines."""
    encoded = line.encode("utf-8")
    if len(encoded) <= _LIMIT:
        return encoded + b"\r\n"
    parts, start = [], 0
    while len(encoded) - start > _LIMIT:
        cut = start + _LIMIT
        while encoded[cut] & 0xC0 == 0x80:  # a continuation byte: step back to the character's start
            cut -= 1
        if encoded[cut - 1] in b"\\^" and cut - 1 > start:
            cut -= 1
        parts.append(encoded[start:cut])
        start = cut
    parts.append(encoded[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def _stockholm() -> Timezone:
    """Europe/Stockholm with the EU rules since 1996, as yearly RRULEs."""
    zone = Timezone()
    zone.add("tzid", TIME_ZONE)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("dtstart", datetime(1996, 3, 31, 2, 0))
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    summer.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("dtstart", datetime(1996, 10, 27, 3, 0))
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    zone.add_component(summer)
    zone.add_component(winter)
    return zone
