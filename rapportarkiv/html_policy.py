"""Which HTML a report may contain, checked in the source and enforced in the output.

One allow-list serves two purposes: the validator reports everything outside
it with a line number (so the author learns what to change), and the build
hands the same list to nh3, the maintained sanitiser, as a second line of
defence in case a report bypassed validation.
"""

from __future__ import annotations

import bisect
import html
import re

from .problems import Problem, problem

ALLOWED_TAGS: frozenset[str] = frozenset(
    """a abbr b blockquote br caption code dd del details div dl dt em figcaption figure
    h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s small span strong sub summary sup
    table tbody td tfoot th thead time tr u ul""".split()
)
GLOBAL_ATTRIBUTES: frozenset[str] = frozenset({"title", "lang"})
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "ol": frozenset({"start"}),
    "time": frozenset({"datetime"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})

def _attributes_for(tag: str) -> frozenset[str]:
    return GLOBAL_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, frozenset())


_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def unsafe_scheme(url: str) -> str | None:
    """The URL's scheme when it is not allowed, else None.

    Browsers ignore whitespace and control characters inside a scheme and
    decode entities before they look at it, so ``jav&#x09;ascript:`` and
    ``JaVaScRiPt:`` are the same as ``javascript:``; we normalise the same way.
    """
    cleaned = _INVISIBLE.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(cleaned)
    if match and match.group(1) not in URL_SCHEMES:
        return match.group(1) + ":"
    return None


# Markdown link destinations: inline links and images, reference definitions, autolinks.
_INLINE_LINK = re.compile(r"\]\(\s*<?([^\s)>]*)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\[\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^<>\s]*)>")


def _blank(match: re.Match[str]) -> str:
    """Replace a match with spaces, keeping line breaks so positions stay true."""
    return re.sub(r"[^\n]", " ", match.group(0))


# Start tags as a browser tokenises them (HTML Living Standard, "tag open"
# through "attribute value" states): a name, then attributes separated by
# whitespace or "/", values quoted or not, up to the first ">" outside quotes.
# Possessive quantifiers and atomic groups keep each attempt linear.
_SPACE = "\\t\\n\\f\\r "
_NAME = rf"[^{_SPACE}/>][^{_SPACE}/>=]*+"
# After "=" a value must follow; an unquoted one cannot start with a quote, so a
# quote that never closes (within the limit) fails the whole tag, as it would
# swallow the rest of the tag in a browser.
_VALUE = rf"""(?>"[^"]*+"|'[^']*+'|[^{_SPACE}>"'][^{_SPACE}>]*+|(?=>))"""
_ASSIGN = rf"[{_SPACE}]*+=[{_SPACE}]*+"
_NO_ASSIGN = rf"(?![{_SPACE}]*+=)"
_ATTRIBUTE = re.compile(rf"({_NAME})(?>{_ASSIGN}({_VALUE})|{_NO_ASSIGN})")
_START_TAG = re.compile(
    rf"<([a-zA-Z][^{_SPACE}/>]*+)((?>[{_SPACE}/]*+{_NAME}(?>{_ASSIGN}{_VALUE}|{_NO_ASSIGN}))*+)[{_SPACE}/]*+>"
)
_TAG_OPEN = re.compile(rf"<([a-zA-Z][^{_SPACE}/>]*+)")
# The same readings, for other modules that look into tags (report_links: an <a>'s href).
START_TAG, ATTRIBUTE = _START_TAG, _ATTRIBUTE
# A tag is looked for within this many characters; a longer one is refused
# (RA305) rather than left unchecked, and the bound keeps the scan linear.
MAX_TAG_LENGTH = 1000
# Autolinks (<https://…>, <namn@example.se>) are links, not tags; they are checked as links.
_AUTOMAIL = re.compile(r"<([^<> !]+@[^@<> ]+)>")


class _Lines:
    """Line and column of an index, found by bisection: many problems stay cheap."""

    def __init__(self, text: str, first_line: int) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.first_line = first_line

    def __call__(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index) - 1
        return self.first_line + line, index - self.starts[line] + 1


def _scan_tags(text: str, path: str, where: _Lines) -> list[Problem]:
    """Every start tag, wherever it stands.

    Deliberately context-free: inside comments, attribute values and code the
    browser might see text, but Markdown's idea of a raw HTML block, a code
    span or a comment differs from a browser's in ways that have let scripts
    through, so a tag-like "<name" is always checked. False alarms are rare in
    prose and cheap to fix; a missed script is not.
    """
    problems: list[Problem] = []
    closers = [m.start() for m in re.finditer(">", text)]
    openers = [m.start() for m in re.finditer("<", text)]
    read_until = -1  # end of the last tag read the way a browser reads it
    for opened in _TAG_OPEN.finditer(text):
        tag = opened.group(1).lower()
        line, column = where(opened.start())
        if tag not in ALLOWED_TAGS:
            problems.append(problem("RA301", path, line, column, tag=tag))
            continue
        next_closer = bisect.bisect_left(closers, opened.end())
        if opened.start() < read_until:
            # Inside a tag a browser already read, only Markdown can make this a
            # tag, and its inline tags hold no "<" or ">": look up to the next one.
            next_opener = bisect.bisect_left(openers, opened.end())
            end = closers[next_closer] if next_closer < len(closers) else -1
            if end < 0 or (next_opener < len(openers) and openers[next_opener] < end):
                continue
            whole = _START_TAG.match(text, opened.start(), end + 1)
            if whole is None:
                continue
        else:
            limit = opened.start() + MAX_TAG_LENGTH
            # Only a ">" can end a tag: without one within the limit there is nothing to match.
            whole = None
            if next_closer < len(closers) and closers[next_closer] < limit:
                whole = _START_TAG.match(text, opened.start(), min(len(text), limit))
            if whole is None:
                if closers and closers[-1] >= limit:
                    problems.append(problem("RA305", path, line, column, tag=tag, limit=MAX_TAG_LENGTH))
                # Otherwise the tag never closes: Markdown shows it as text.
                continue
            read_until = whole.end()
        allowed = _attributes_for(tag)
        for attribute in _ATTRIBUTE.finditer(whole.group(2)):
            name, value = attribute.group(1).lower(), attribute.group(2) or ""
            if name not in allowed:
                problems.append(problem("RA302", path, line, column, attribute=name, tag=tag,
                                        allowed=", ".join(sorted(allowed))))
            elif name in URL_ATTRIBUTES:
                value = value[1:-1] if value[:1] in "\"'" and len(value) > 1 else value
                scheme = unsafe_scheme(value)
                if scheme:
                    problems.append(problem("RA303", path, line, column, url=_shorten(value), scheme=scheme))
    return problems


def _shorten(url: str) -> str:
    return url if len(url) <= 60 else url[:59] + "…"


def check_body(body: str, path: str, first_line: int) -> list[Problem]:
    """Every element, attribute and link outside the allow-list, with its position."""
    where = _Lines(body, first_line)
    problems: list[Problem] = []
    seen: set[int] = set()
    for pattern in (_INLINE_LINK, _REFERENCE, _AUTOLINK):
        for match in pattern.finditer(body):
            scheme = unsafe_scheme(match.group(1))
            # "[x](<javascript:…>)" is both an inline link and an autolink: one problem.
            if scheme and match.start(1) not in seen:
                seen.add(match.start(1))
                line, column = where(match.start(1))
                problems.append(problem("RA303", path, line, column, url=_shorten(match.group(1)), scheme=scheme))
    if "<" in body:
        text = _AUTOMAIL.sub(_blank, _AUTOLINK.sub(_blank, body))
        problems.extend(_scan_tags(text, path, where))
    return sorted(problems, key=lambda p: (p.line, p.column))


_MARKUP_IN_TEXT = re.compile(r"<\s*/?\s*[a-zA-Z!?]|(?:java|vb)script\s*:|data\s*:\s*text/html", re.IGNORECASE)


def markup_in_text(value: str) -> str | None:
    """A snippet of HTML or script found in a plain-text field, or None."""
    # Every pattern needs a '<' or a ':', and only an entity (&…;) can make one:
    # most titles, names and tags have none, and need no further work.
    if "<" not in value and ":" not in value and "&" not in value:
        return None
    unescaped = html.unescape(value)
    for candidate in (unescaped, _INVISIBLE.sub("", unescaped)):
        match = _MARKUP_IN_TEXT.search(candidate)
        if match:
            return candidate[match.start():match.start() + 30]
    return None
