"""A report's email: the same model and prose as its page, as a MIME message.

The HTML part is a Jinja template written for the mail clients of a Swedish
region, classic Outlook for Windows first (Word's engine: table layout, no
flex or grid, no style sheets, no web fonts, images blocked by default). Its
styles are written once in the template's ``<style>`` and moved onto every
element by css-inline, with remote style sheets switched off: css-inline is a
maintained inliner made for exactly this, and unlike mjml it keeps one
template language and one Markdown renderer for page and email. The message
loads nothing from anywhere: the only addresses in it are links into the
archive (the report's own page first), and links out of the archive in the
prose are shown as text.

The plain-text part is written from the Markdown (``plain_text``), not
stripped from the HTML. The message is built with the standard library's
``email`` package: ``multipart/alternative``, UTF-8 headers, a Message-ID
derived from the report, its version and the list, and a Date in
Europe/Stockholm.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from functools import cache
from zoneinfo import ZoneInfo

import css_inline
import jinja2
from markupsafe import escape

from .. import links, swedish_dates
from ..archive import MERGED, Archive, Options
from ..catalogue import LABELS, MAIL
from ..collection import Collection
from ..model import Report, Series
from ..report_links import Addresses
from ..render import markdown
from ..render.pages import cadence
from . import plain_text
from .distribution import DEFAULT_SUBJECT, MailList

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Outlook and most gateways cut a header line at 998 octets; a subject is kept far below.
_SUBJECT_LIMIT = 200
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Edition:
    """One report version for one list, as it will be sent."""

    report: Report
    series: Series
    mail_list: MailList | None
    url: str  # the report's page, absolute
    version: str  # the version's identity: its git blob, or "utkast" for a file not yet committed
    correction: tuple[str, ...] = ()  # the notes of what changed, when this is a correction
    # Where links to other reports go: the reports published to this list's audience
    # (``addresses_for``); a link to any other report keeps its words and loses its address.
    addresses: Addresses = field(kw_only=True)

    @property
    def subject(self) -> str:
        pattern = self.series.mail.subject if self.series.mail else DEFAULT_SUBJECT
        words = {
            "series": self.series.name, "title": self.report.title,
            "type": LABELS[f"type.{self.report.type}"], "date": swedish_dates.short_date(self.report.date),
        }
        subject = pattern.format_map(words)
        if self.correction:
            subject = MAIL["correction_subject"].format(subject=subject)
        # One line whatever the data holds: a header never carries a line break.
        subject = _SPACE.sub(" ", subject).strip()
        return subject if len(subject) <= _SUBJECT_LIMIT else subject[: _SUBJECT_LIMIT - 1] + "…"

    @property
    def message_id(self) -> str:
        """The same for the same report version and list on every run: a resend is recognisable."""
        list_name = self.mail_list.name if self.mail_list else "forhandsvisning"
        digest = hashlib.sha256(f"{self.report.path}\0{self.version}\0{list_name}".encode()).hexdigest()[:20]
        domain = self.series.mail.sender_address.rpartition("@")[2] if self.series.mail else "rapportarkiv.invalid"
        return f"<{self.report.slug[:40]}.{digest}.{list_name}@{domain}>"

    def footer(self) -> str:
        if self.mail_list is None or self.series.mail is None:
            return MAIL["footer_preview"].format(list=MAIL["no_list"])
        return MAIL["footer"].format(sender=self.series.mail.sender_name, list=self.mail_list.name,
                                     series=self.series.name)

    def _context(self) -> dict[str, object]:
        return {"report": self.report, "series": self.series, "url": self.url, "subject": self.subject,
                "cadence": cadence(self.series), "correction": self.correction, "footer": self.footer(),
                "mail": MAIL}

    @property
    def site_url(self) -> str:
        return self.url[: -len(self.report.url)] if self.url.endswith(self.report.url) else self.url

    def text(self) -> str:
        """The plain-text part, from the Markdown."""
        site = self.site_url
        body = plain_text.from_markdown(self.report.body, self.report.path, self.addresses, self.url, site)
        about = plain_text.from_markdown(self.series.about, self.series.path, self.addresses, self.url, site)
        return _environment(text=True).get_template("mail/report.txt").render(
            body=body, about=about, **self._context()).strip() + "\n"

    def html(self) -> str:
        """The HTML part, every style inline. The prose is rendered as the site's feeds
        render it (``markdown.prose`` with absolute addresses), then made fit to travel."""
        site = self.site_url
        body = for_mail(markdown.prose(self.report.body, self.report.path, self.addresses, "", site), self.url, site)
        about = for_mail(markdown.prose(self.series.about, self.series.path, self.addresses, "", site), self.url, site)
        page = _environment(text=False).get_template("mail/report.html").render(
            body=body, about=about, **self._context())
        return _inliner().inline(page)

    def message(self, now: datetime) -> EmailMessage:
        """The MIME message, dated ``now`` in Europe/Stockholm."""
        msg = EmailMessage(policy=policy.default)  # smtplib and as_bytes(policy=SMTP) write CRLF
        mail = self.series.mail
        sender = Address(mail.sender_name, addr_spec=mail.sender_address) if mail else None
        msg["Subject"] = self.subject
        if sender is not None:
            msg["From"] = sender
            # The recipients go in the envelope only: a list's members do not see each other.
            msg["To"] = sender
            if mail and mail.reply_to:
                msg["Reply-To"] = mail.reply_to
        msg["Date"] = format_datetime(now.astimezone(STOCKHOLM))
        msg["Message-ID"] = self.message_id
        msg["Content-Language"] = "sv"
        msg.set_content(self.text(), subtype="plain", charset="utf-8", cte="quoted-printable")
        msg.add_alternative(self.html(), subtype="html", charset="utf-8", cte="quoted-printable")
        return msg


_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)
_HREF = re.compile(r'\bhref="([^"]*)"')
_IMAGE = re.compile(r"<img\b[^>]*?>")
_ALT = re.compile(r'\balt="([^"]*)"')
_HEADING_ID = re.compile(r'(<h[2-6]) id="[^"]*"')


def for_mail(html: str, page: str, site_url: str) -> str:
    """Prose as ``markdown.prose`` renders it for a feed (links to other reports
    already their absolute addresses, or no address at all) made fit to travel:
    links out of the archive shown as text with their address, a link within the
    report (``#rubrik``) made a link to that place on its page at ``page``,
    images replaced by their description (a mail must load nothing), heading ids
    dropped.

    ``html`` is nh3's output, whose attributes are always double-quoted and escaped."""

    def anchor(match: re.Match[str]) -> str:
        href, label = _HREF.search(match.group(1)), match.group(2)
        if href is None:
            return label  # names nothing this audience is sent: the words stay
        target = href.group(1).replace("&amp;", "&")
        if target.startswith("#"):
            target = page + target
        if (site_url and target.startswith(site_url)) or target.startswith("mailto:"):
            return f'<a href="{escape(target)}">{label}</a>'
        return f"{label} ({escape(target)})"

    def image(match: re.Match[str]) -> str:
        alt = _ALT.search(match.group(0))
        return f"[{alt.group(1)}]" if alt and alt.group(1) else ""

    return _HEADING_ID.sub(r"\1", _IMAGE.sub(image, _ANCHOR.sub(anchor, html)))


def addresses_for(loaded: Collection, options: Options) -> Addresses:
    """The addresses of the reports a build for ``options`` publishes: where an
    email's links to other reports may go (see ``report_links``)."""
    return Archive.build(loaded.series, loaded.reports, options).addresses


def audience_of(mail_list: MailList | None) -> Options:
    """What a list's members may be sent, as the build for their audience publishes it
    once merged (a preview or review shows the email as it will go)."""
    return replace(MERGED, audience="public" if mail_list and mail_list.audience == "public" else "internal")


@cache
def _environment(text: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("rapportarkiv", "templates"),
        autoescape=not text, undefined=jinja2.StrictUndefined, auto_reload=False,
        keep_trailing_newline=False,
    )
    env.filters.update(long_datetime=swedish_dates.long_datetime, day_month=swedish_dates.day_month)
    env.globals["t"] = LABELS.__getitem__
    return env


def template(name: str) -> jinja2.Template:
    """One of the email's HTML templates (``templates/mail/``), autoescaped."""
    return _environment(text=False).get_template(name)


@cache
def _inliner() -> css_inline.CSSInliner:
    # Nothing is fetched: a <link> to a style sheet is not followed, and the <style> goes once inlined.
    return css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False, keep_link_tags=False)


def editions(report: Report, series: Series, site_url: str, version: str, loaded: Collection,
             correction: tuple[str, ...] = ()) -> list[Edition]:
    """The messages one report version makes: one per list that may receive it
    (a public list only a public report), or one preview without a list when
    the series sends no email. As they will go once merged: ``loaded`` is the
    archive the links to other reports are resolved in, for each list's audience."""
    url = links.absolute(report.url, site_url)
    found: dict[Options, Addresses] = {}

    def one(mail_list: MailList | None) -> Edition:
        options = audience_of(mail_list)
        if options not in found:
            found[options] = addresses_for(loaded, options)
        return Edition(report, series, mail_list, url, version, correction, addresses=found[options])

    if series.mail is None:
        return [one(None)]
    return [one(mail_list) for mail_list in series.mail.lists if mail_list.receives(report.classification)]
