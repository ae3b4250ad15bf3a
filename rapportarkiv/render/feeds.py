"""Atom and RSS feeds, one for everything and one per series.

Outlook and other mail clients subscribe to RSS or Atom; both are offered.
Links are absolute (a feed is read outside the site), entries carry the
summary, the occasion, the full sanitised prose, the communication actions
and the spokespersons. A withdrawn report stays in the feeds, marked
"Återkallad" in its title and content and updated at its withdrawal: a
subscriber who read it learns that it was withdrawn, and why.
feedgen writes the XML so that escaping and dates follow the specifications;
lxml refuses characters XML cannot hold, so text passes ``xml_safe`` first
(the validator refuses them, this keeps one that slipped by from stopping a build).
"""

from __future__ import annotations

import html
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from ..archive import Archive
from ..catalogue import LABELS
from ..characters import xml_safe
from ..model import Report
from ..links import absolute
from . import markdown

FEED_DIR = "flode"
FEED_SIZE = 50


@dataclass(frozen=True)
class Feed:
    url: str
    label: str
    kind: str  # "atom" | "rss"
    series: str | None

    @property
    def media_type(self) -> str:
        return "application/atom+xml" if self.kind == "atom" else "application/rss+xml"


def feeds_for(archive: Archive) -> list[Feed]:
    """Every feed of the archive: all reports first, then one pair per series."""
    out = []
    scopes: list[tuple[str | None, str, str]] = [(None, "alla", LABELS["feed.all"])]
    scopes += [(s.id, s.id, s.name) for s in sorted(archive.series.values(), key=lambda s: s.name)]
    for series, name, title in scopes:
        out.append(Feed(f"{FEED_DIR}/{name}.atom.xml", f"{title} ({LABELS['feed.atom']})", "atom", series))
        out.append(Feed(f"{FEED_DIR}/{name}.rss.xml", f"{title} ({LABELS['feed.rss']})", "rss", series))
    return out


def _updated(report: Report, withheld: Collection[tuple[str, str]] = ()) -> datetime:
    """The newest date its authors gave it, as its versions are dated (see ``versions``), or its withdrawal.
    ``withheld``: the revision entries of versions this build does not show
    (``versions.Versions.withheld``): their dates are not this build's to tell."""
    revised = [r.date for r in report.revisions if (r.date.isoformat(), r.note) not in withheld]
    withdrawn = [report.withdrawn.date] if report.withdrawn is not None else []
    return max([report.published_at, *revised, *withdrawn])


def entries(archive: Archive, feed: Feed) -> list[Report]:
    """The reports in the feed, newest first: the latest FEED_SIZE, withdrawn ones marked."""
    return [r for r in archive.reports if feed.series in (None, r.series)][:FEED_SIZE]


def content(report: Report, body: str) -> str:
    """An entry's HTML: the report's facts, occasion, prose (``body``, its links made absolute), actions and
    spokespersons (templates/feed_entry.html)."""
    from .pages import _render  # pages lists the feeds, so it is imported here, when a feed is written

    return _render("feed_entry.html", report.url, report=report, body=body)


def render(archive: Archive, feed: Feed, site_url: str,
           withheld: Mapping[str, Collection[tuple[str, str]]] | None = None) -> bytes:
    """``withheld``: by report path, as for ``reports_json.render``."""
    withheld = withheld or {}
    reports = entries(archive, feed)
    name = archive.series[feed.series].name if feed.series else LABELS["feed.all"]
    generator = FeedGenerator()
    generator.id(absolute(feed.url, site_url))
    generator.title(xml_safe(f"{LABELS['site_name']}: {name}"))
    subtitle = LABELS["feed.subtitle"].format(name=name) if feed.series else LABELS["feed.subtitle.all"].format(
        site=LABELS["site_name"])
    generator.subtitle(xml_safe(subtitle))
    generator.language("sv")
    generator.link(href=absolute(feed.url, site_url), rel="self", type=feed.media_type)
    generator.link(href=absolute("", site_url), rel="alternate", type="text/html")
    generator.updated(max((_updated(r, withheld.get(r.path, ())) for r in reports),
                          default=datetime(2000, 1, 1, tzinfo=timezone.utc)))
    for report in reports:
        entry = generator.add_entry(order="append")
        url = absolute(report.url, site_url)
        entry.id(url)
        entry.guid(url, permalink=True)
        title = LABELS["feed.withdrawn_title"].format(title=report.title) if report.withdrawn else report.title
        entry.title(xml_safe(title))
        entry.link(href=url, rel="alternate", type="text/html")
        entry.published(report.published_at)
        entry.updated(_updated(report, withheld.get(report.path, ())))
        # RSS readers render <description> as HTML: the summary is text, so escape it.
        entry.summary(html.escape(xml_safe(report.description)), type="html")
        body = markdown.prose(report.body, report.path, archive.addresses, "", site_url)
        entry.content(xml_safe(content(report, body)), type="html")
        entry.author(name=xml_safe(archive.series[report.series].owner))
        for tag in report.tags:
            entry.category(term=xml_safe(tag))
    if feed.kind == "atom":
        return generator.atom_str(pretty=True)
    return generator.rss_str(pretty=True)
