"""The plain-text part of an email, written from the report's Markdown.

Markdown is already meant to read well as plain text, so the prose is kept
as the author wrote it and only what a mail reader would show as syntax is
rewritten: headings get an underline, links show their address (a link to
another report the absolute address of its page, resolved by
``report_links.Addresses`` as everywhere else prose is shown, so it works
from an inbox; one to a report the list is not sent keeps only its words),
images their description, and emphasis markers and inline tags go. Working from the
Markdown rather than stripping the HTML keeps lists, numbering and paragraph
breaks as written.
"""

from __future__ import annotations

import re

from .. import comments, html_policy
from ..report_links import Addresses

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*<?[^)\s>]*>?(?:\s+\"[^\"\n]*\")?\s*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_DEFINITION = re.compile(r"^([ ]{0,3}\[[^\]\n]+\]:[ \t]*)<?([^\s>]+)>?(.*)$")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_TAG = re.compile(r"</?(?:" + "|".join(sorted(html_policy.ALLOWED_TAGS, key=len, reverse=True)) + r")\b[^<>]*>",
                  re.IGNORECASE)


def from_markdown(text: str, source: str, addresses: Addresses, page: str, site_url: str) -> str:
    """``text`` (Markdown prose, written in the file ``source``) as plain text; code
    blocks are left exactly as written. ``page`` is the absolute address of the
    report's page, for a link to a place in it (``#rubrik``)."""
    out: list[str] = []
    fence: str | None = None
    for line in comments.hide(text).split("\n"):
        marker = _FENCE.match(line)
        if marker:
            fence = marker.group(1)[0] if fence is None else (None if marker.group(1)[0] == fence else fence)
            continue
        if fence:
            out.append(line)
            continue
        heading = _HEADING.match(line)
        if heading:
            title = _inline(heading.group(2), source, addresses, page, site_url)
            rule = "=" if len(heading.group(1)) <= 2 else "-"
            out += [title, rule * min(len(title), 72)]
            continue
        definition = _DEFINITION.match(line)
        if definition:  # a reference link's target ("[a]: x.md"), resolved as an inline link's is
            target = _address(definition.group(2), source, addresses, page, site_url)
            if target is not None:
                out.append(definition.group(1) + target + definition.group(3))
            continue
        out.append(_inline(line, source, addresses, page, site_url))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")


def _inline(line: str, source: str, addresses: Addresses, page: str, site_url: str) -> str:
    line = _IMAGE.sub(lambda m: f"[{m.group(1)}]" if m.group(1) else "", line)

    def link(match: re.Match[str]) -> str:
        label, target = match.group(1), _address(match.group(2), source, addresses, page, site_url)
        if target is None:
            return label  # names no report this list is sent: the words stay
        return label if label == target else f"{label} ({target})"

    line = _LINK.sub(link, line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _STRONG.sub(r"\2", line)
    return _TAG.sub("", line).rstrip()


def _address(url: str, source: str, addresses: Addresses, page: str, site_url: str) -> str | None:
    """Where a link goes for a reader in an inbox: another report's page (absolute),
    a place in this report's page, or the address as written; None for a report
    (or file) this list is not sent."""
    target = addresses.href(url, source, "", site_url)
    return page + target if target is not None and target.startswith("#") else target
