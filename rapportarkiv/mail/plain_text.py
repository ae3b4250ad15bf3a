"""The plain-text part of an email, written from the report's Markdown.

Markdown is already meant to read well as plain text, so the prose is kept
as the author wrote it and only what a mail reader would show as syntax is
rewritten: headings get an underline, links show their address (made
absolute, so a link to another report still works from an inbox), images
their description, and emphasis markers and inline tags go. Working from the
Markdown rather than stripping the HTML keeps lists, numbering and paragraph
breaks as written.
"""

from __future__ import annotations

import posixpath
import re

from .. import comments, html_policy, layout, links

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*<?[^)\s>]*>?(?:\s+\"[^\"\n]*\")?\s*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_TAG = re.compile(r"</?(?:" + "|".join(sorted(html_policy.ALLOWED_TAGS, key=len, reverse=True)) + r")\b[^<>]*>",
                  re.IGNORECASE)


def address(target: str, source: str, site_url: str) -> str:
    """Where a link in the report at ``source`` (below docs/) points, for a reader
    outside the site: absolute, and a link to another report's file (``x.md``)
    is the address of its page, as the site makes it."""
    if target.startswith(("http://", "https://", "mailto:", "tel:")) or not site_url:
        return target
    path, hash_, fragment = target.partition("#")
    if path.endswith(".md"):
        path = layout.page_url(posixpath.normpath(posixpath.join(posixpath.dirname(source), path)))
        return links.absolute(path, site_url) + hash_ + fragment
    return links.absolute(target, links.absolute(layout.report_url(source), site_url))


def from_markdown(text: str, source: str, site_url: str) -> str:
    """``text`` (Markdown prose) as plain text; code blocks are left exactly as written."""
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
            title = _inline(heading.group(2), source, site_url)
            rule = "=" if len(heading.group(1)) <= 2 else "-"
            out += [title, rule * min(len(title), 72)]
            continue
        out.append(_inline(line, source, site_url))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")


def _inline(line: str, source: str, site_url: str) -> str:
    line = _IMAGE.sub(lambda m: f"[{m.group(1)}]" if m.group(1) else "", line)

    def link(match: re.Match[str]) -> str:
        label, target = match.group(1), address(match.group(2), source, site_url)
        return label if label == target else f"{label} ({target})"

    line = _LINK.sub(link, line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _STRONG.sub(r"\2", line)
    return _TAG.sub("", line).rstrip()
