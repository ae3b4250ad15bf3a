"""Links from a report's prose to other reports: found, checked and made into addresses.

Authors link to another report the way Markdown editors do, by its file:
``[den extrainsatta rapporten](2024-10-11-namn.md)``, ``../2023/….md``, across
series ``../../annan-serie/2024/….md``, with a ``#rubrik`` or as a reference
``[a][b]`` … ``[b]: ….md``. The prose is shown on pages at other depths (the
report, its older versions, the start page) and in feeds, so a file path is
never published as it is written: every relative link in rendered prose is
rewritten to the address of the report it names, relative to the page that
shows it or absolute in a feed, and one that names no report this build
publishes loses its address (its text stays, as plain text). No ``.md``, no
internal file name and no unpublished report's address reaches a reader.

What may be linked is checked by ``collection.load`` (so by ``validate`` and
the build alike): a relative link in a report must name a report file that
exists and is published wherever the linking report is. Which of those
questions depend on other files is why the check runs across the archive
after every file's own verdict, and is never kept in the cache.

Paths are resolved as text against the report's own path below ``docs``:
the file system is never asked, so a symbolic link or a path out of the
archive cannot make a link reach anything.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote

from . import html_policy, layout
from .links import absolute, relative
from .model import Report
from .problems import Problem, closest_match, problem
from .swedish_dates import long_datetime

# Markdown link destinations, as html_policy finds them to check schemes: inline
# links (not images: "![…](…)" is an image), reference definitions, and the
# href of an <a> written as HTML.
_INLINE = re.compile(r"(?<!!)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^<>\n]*>|[^\s)]*)")
# A definition's destination may stand on the next line (CommonMark, and Python-Markdown, take it).
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\[\]]+\]:[ \t]*\n?[ \t]*(<[^<>\n]*>|\S+)", re.MULTILINE)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)[^`\n].*?(?<!`)\1(?!`)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


@dataclass(frozen=True)
class Found:
    """A link destination as written, and where: 1-based line and column."""

    line: int
    column: int
    url: str


@dataclass(frozen=True)
class Target:
    """What a destination names. ``kind``: ``other`` (a web address, e-mail,
    an anchor on the same page: not ours to change), ``absolute`` (a path from
    the root, which no page of the site can hold), ``outside`` (a path that
    climbs out of the archive) or ``file`` (``path`` below ``docs``)."""

    kind: str
    path: str = ""
    fragment: str = ""


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _without_code(body: str) -> str:
    """The body with code blocks and code spans blanked, positions kept: a link
    shown as code is not a link."""
    lines = body.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        marker = _FENCE.match(line)
        if marker and (fence is None or marker.group(1)[0] == fence):
            fence = marker.group(1)[0] if fence is None else None
            lines[index] = " " * len(line)
        elif fence is not None:
            lines[index] = " " * len(line)
        elif "`" in line:
            lines[index] = _CODE_SPAN.sub(_blank, line)
    return "\n".join(lines)


def find(body: str, first_line: int) -> list[Found]:
    """Every link destination in the prose, in order. Cheap when there is no link."""
    if "](" not in body and "]:" not in body and "href" not in body.lower():
        return []
    text = _without_code(body)
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    found: list[tuple[int, str]] = []
    for pattern in (_INLINE, _REFERENCE):
        for match in pattern.finditer(text):
            url = match.group(1)
            if url.startswith("<") and url.endswith(">"):
                found.append((match.start(1) + 1, url[1:-1]))
            else:
                found.append((match.start(1), url))
    found += _html_hrefs(text)
    out = []
    for index, url in sorted(found):
        url = html.unescape(url)  # "&#46;md" is ".md" to the renderer and the browser
        line = bisect.bisect_right(starts, index) - 1
        out.append(Found(first_line + line, index - starts[line] + 1, url))
    return out


def images(body: str, first_line: int) -> list[Found]:
    """Every image source in the prose that is a path, not a web address: ``![…](karta.png)``,
    ``<img src="…">``. No page can show one: a report's folder holds reports only
    (``docs_tree``), and a page's address is not its file's. Cheap when there is no image."""
    lowered = body.lower()
    if "![" not in body and "<img" not in lowered:
        return []
    text = _without_code(body)
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    out = []
    found = [(m.start(1) + (1 if m.group(1).startswith("<") else 0), m.group(1).strip("<>"))
             for m in _IMAGE.finditer(text)] + _html_attributes(text, _IMG_TAG, "img", "src")
    for index, url in sorted(found):
        if target(html.unescape(url), "x").kind != "other":
            line = bisect.bisect_right(starts, index) - 1
            out.append(Found(first_line + line, index - starts[line] + 1, html.unescape(url)))
    return out


_IMAGE = re.compile(r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^<>\n]*>|[^\s)]*)")
_IMG_TAG = re.compile(r"<img[\t\n\f\r /]", re.IGNORECASE)


def _html_hrefs(text: str) -> list[tuple[int, str]]:
    """The href of each <a> written as HTML, read as a browser reads the tag
    (``html_policy``'s tokeniser): not a "href=" inside another attribute's value."""
    return _html_attributes(text, _A_TAG, "a", "href")


def _html_attributes(text: str, opener: re.Pattern[str], name: str, wanted: str) -> list[tuple[int, str]]:
    """(position, value) of the attribute ``wanted`` of each tag ``name`` that ``opener`` finds."""
    out: list[tuple[int, str]] = []
    for opened in opener.finditer(text):
        tag = html_policy.START_TAG.match(text, opened.start(), min(len(text), opened.start() + html_policy.MAX_TAG_LENGTH))
        if tag is None or tag.group(1).lower() != name:
            continue
        for attribute in html_policy.ATTRIBUTE.finditer(tag.group(2)):
            if attribute.group(1).lower() == wanted and attribute.group(2) is not None:
                value, start = attribute.group(2), tag.start(2) + attribute.start(2)
                if value[:1] in "\"'":
                    value, start = value[1:-1], start + 1
                out.append((start, value))
                break  # a browser takes the first
    return out


_A_TAG = re.compile(r"<a[\t\n\f\r /]", re.IGNORECASE)


def target(url: str, source: str) -> Target:
    """What ``url``, written in the file ``source`` (a path below ``docs``), names.

    The path is percent-decoded first, as a browser and Python-Markdown's
    readers would: ``x%2Emd`` is ``x.md`` and ``%2e%2e/`` climbs."""
    url = url.strip()
    if not url or url.startswith("#") or url.startswith("//") or _SCHEME.match(url):
        return Target("other")
    path, _, fragment = url.partition("#")
    path = unquote(path.partition("?")[0])
    if path.startswith(("/", "\\")):
        return Target("absolute", path, fragment)
    parts = source.split("/")[:-1]
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not parts:
                return Target("outside", path, fragment)
            parts.pop()
        else:
            parts.append(segment)
    return Target("file", "/".join(parts), fragment)


def is_markdown(path: str) -> bool:
    return path.endswith(layout.MARKDOWN_SUFFIXES)


def links_of(body: str, first_line: int, source: str) -> Iterator[tuple[Found, Target]]:
    """Every link of the prose that names a file, with what it names."""
    for found in find(body, first_line):
        named = target(found.url, source)
        if named.kind != "other":
            yield found, named


# --- Rendering: the one place prose links become addresses ------------------------

_HREF = re.compile(r'(<a\b[^>]*?)\shref="([^"]*)"')


@dataclass(frozen=True)
class Addresses:
    """The reports a build publishes, by file (``rapporter/…/x.md`` → its address).

    ``rewrite`` is applied to rendered prose: each report is rendered once and
    the rendering kept (``render.markdown``), and the addresses are filled in
    for the page or feed that shows it. So a kept rendering never depends on
    other reports, and what another report's publication changes shows at once."""

    urls: Mapping[str, str]

    def href(self, url: str, source: str, page_url: str, site_url: str | None = None) -> str | None:
        """The address ``url`` (as written in ``source``) gets on the page at
        ``page_url``, or absolute below ``site_url``; None when it names nothing
        this build publishes."""
        named = target(url, source)
        if named.kind == "other":
            return url
        published = self.urls.get(named.path) if named.kind == "file" else None
        if published is None:
            return None
        address = published + (f"#{named.fragment}" if named.fragment else "")
        return absolute(address, site_url) if site_url is not None else relative(address, page_url)

    def rewrite(self, rendered: str, source: str, page_url: str, site_url: str | None = None) -> str:
        """Rendered prose with every link to a file made the address of its report,
        or made plain text (the address dropped) when it names nothing published."""
        if "href" not in rendered:
            return rendered

        def one(match: re.Match[str]) -> str:
            url = html.unescape(match.group(2))
            if target(url, source).kind == "other":
                return match.group(0)  # as the sanitiser wrote it
            found = self.href(url, source, page_url, site_url)
            if found is None:
                return match.group(1)
            return f'{match.group(1)} href="{html.escape(found, quote=True)}"'

        return _HREF.sub(one, rendered)


# --- Checking: what a report may link to -------------------------------------------


@dataclass(frozen=True)
class State:
    """What the check needs of one report: whether and when it is published,
    and its links. Kept in the cache with the file's verdict, so a run that
    finds nothing changed checks every link without reading any prose."""

    classification: str
    draft: bool
    publish_at: str | None  # ISO 8601, in the series' time zone as the report's own times are
    links: tuple[tuple[int, int, str], ...]

    @classmethod
    def of(cls, report: Report) -> State:
        publish_at = report.publish_at.isoformat() if report.publish_at else None
        found = tuple((f.line, f.column, f.url) for f, _ in links_of(report.body, report.body_line, report.path))
        return cls(report.classification, report.draft, publish_at, found)

    def to_json(self) -> list:
        return [self.classification, self.draft, self.publish_at, [list(link) for link in self.links]]

    @classmethod
    def from_json(cls, data: object) -> State | None:
        """The state as the cache kept it, or None when it is not one. Asked of
        every file on every run that finds it in the cache: most have no links."""
        if type(data) is not list or len(data) != 4:
            return None
        classification, draft, publish_at, links = data
        if type(classification) is not str or type(draft) is not bool or type(links) is not list:
            return None
        if publish_at is not None and type(publish_at) is not str:
            return None
        if not links:  # most reports: one shared object per (classification, draft, publish_at)
            key = (classification, draft, publish_at)
            found = _WITHOUT_LINKS.get(key)
            if found is None:
                found = _WITHOUT_LINKS[key] = cls(classification, draft, publish_at, ())
            return found
        if links and not all(type(link) is list and len(link) == 3 and type(link[0]) is int
                             and type(link[1]) is int and type(link[2]) is str for link in links):
            return None
        return cls(classification, draft, publish_at, tuple((a, b, c) for a, b, c in links))


_WITHOUT_LINKS: dict[tuple[str, bool, str | None], State] = {}


def check(
    source: str, shown: str, state: State, states: Mapping[str, State | None], now: datetime,
) -> list[Problem]:
    """Problems with the links of the report at ``source`` (shown as ``shown``).

    ``states`` holds every report file of the archive (None for one that has
    errors of its own). A link must name a report that exists and that every
    build publishing this report publishes too: not an internal report from a
    public one (the public site would have a dead link, and must not even
    hint that the other report exists), not a draft from a report that is not
    one, and not a report under embargo after this one appears. A withdrawn
    report stays published, with its notice, and may be linked."""
    out: list[Problem] = []
    for line, column, url in state.links:
        named = target(url, source)
        shown_url = url if len(url) <= 80 else url[:79] + "…"
        if named.kind == "other":
            continue
        if named.kind == "absolute":
            out.append(problem("RA240", shown, line, column, url=shown_url))
            continue
        if named.kind == "outside":
            out.append(problem("RA241", shown, line, column, url=shown_url))
            continue
        if named.path not in states:
            if is_markdown(named.path) and layout.is_report(named.path):
                others = [p for p in states if p != source]  # never the linking report itself
                near = closest_match(named.path, [p for p in others if p.rsplit("/", 1)[0] == named.path.rsplit("/", 1)[0]]
                                     or others)
                suggestion = posixpath.relpath(near, posixpath.dirname(source)) if near else None
                out.append(problem("RA243", shown, line, column, url=shown_url, closest=suggestion))
            else:
                out.append(problem("RA242", shown, line, column, url=shown_url))
            continue
        other = states[named.path]
        if other is None:
            continue  # that file's own problems say why it is not published
        if state.classification == "public" and other.classification != "public":
            out.append(problem("RA244", shown, line, column, url=shown_url))
        elif other.draft and not state.draft:
            out.append(problem("RA245", shown, line, column, url=shown_url))
        elif other.publish_at is not None and not state.draft and _later(other.publish_at, now, state.publish_at):
            when = datetime.fromisoformat(other.publish_at)
            out.append(problem("RA246", shown, line, column, url=shown_url, publish_at=long_datetime(when)))
    return out


def _later(publish_at: str, now: datetime, own: str | None) -> bool:
    """Whether a report published at ``publish_at`` is still hidden at ``now``
    and appears after the linking report (published at ``own``, or already)."""
    when = datetime.fromisoformat(publish_at)
    return when > now and (own is None or datetime.fromisoformat(own) < when)
