"""Which HTML a report may contain, checked in the source and enforced in the output.

One allow-list serves two purposes: the validator reports everything outside
it with a line number (so the author learns what to change), and the build
hands the same list to nh3, the maintained sanitiser, as a second line of
defence in case a report bypassed validation.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

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

_TAG_HINTS = {
    "script": "Skript kan köra kod i läsarens webbläsare.",
    "iframe": "Inbäddade sidor hämtar innehåll från andra webbplatser. Länka till sidan i stället.",
    "object": "Inbäddade objekt kan köra kod. Länka till filen i stället.",
    "embed": "Inbäddade objekt kan köra kod. Länka till filen i stället.",
    "style": "Utseendet bestäms av webbplatsen, inte av rapporten.",
    "form": "Formulär kan användas för att lura läsare att lämna uppgifter.",
    "link": "Externa resurser hämtas från andra webbplatser.",
    "meta": "Metataggar kan skicka läsaren vidare till en annan sida.",
    "base": "Elementet ändrar vart alla länkar på sidan pekar.",
    "h1": "Rubriken på nivå ett skrivs i title. Använd ## för avsnitt.",
}


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
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^<>\s]*)>")
# Code spans and fenced blocks are deliberately not skipped: inside a raw HTML
# block Markdown does not treat backticks as code, and this site's Markdown has
# no fenced-code extension, so "code" that hides a <script> from this check
# would reach the reader's browser as markup. Showing HTML as code in a report
# is rare; letting it through is not worth that risk.
_COMMENT_END = re.compile(r"--!?>")


def _blank(match: re.Match[str]) -> str:
    """Replace a match with spaces, keeping line breaks so positions stay true."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _position(text: str, index: int, first_line: int) -> tuple[int, int]:
    line = text.count("\n", 0, index)
    column = index - (text.rfind("\n", 0, index) + 1)
    return first_line + line, column + 1


class _Scanner(HTMLParser):
    def __init__(self, path: str, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.first_line = first_line
        self.problems: list[Problem] = []

    def _where(self) -> tuple[int, int]:
        line, offset = self.getpos()
        return self.first_line + line - 1, offset + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self._where()
        if tag not in ALLOWED_TAGS:
            hint = _TAG_HINTS.get(tag, "Skriv texten med Markdown i stället.")
            self.problems.append(problem("RA301", self.path, line, column, tag=tag, hint=hint))
            return
        allowed = _attributes_for(tag)
        for name, value in attrs:
            if name not in allowed:
                hint = (
                    "Attribut som börjar med on kör skript." if name.startswith("on")
                    else "Utseendet bestäms av webbplatsen." if name == "style"
                    else f"Tillåtna attribut på <{tag}>: {', '.join(sorted(allowed))}."
                )
                self.problems.append(problem("RA302", self.path, line, column, attribute=name, tag=tag, hint=hint))
            elif name in URL_ATTRIBUTES and value:
                scheme = unsafe_scheme(value)
                if scheme:
                    self.problems.append(problem("RA303", self.path, line, column, url=_shorten(value), scheme=scheme))

    handle_startendtag = handle_starttag

    # Comments and declarations end where a browser ends them, not where
    # Python's parser does: otherwise "<!--->" or "<![CDATA[ x >" would hide
    # the markup after them from this check while the browser runs it.
    def parse_comment(self, i: int, report: bool = True) -> int:
        start = i + 4
        for abrupt in (">", "->"):
            if self.rawdata.startswith(abrupt, start):
                return start + len(abrupt)
        end = _COMMENT_END.search(self.rawdata, start)
        return end.end() if end else -1

    def parse_html_declaration(self, i: int) -> int:
        if self.rawdata.startswith("<!--", i):
            return self.parse_comment(i)
        end = self.rawdata.find(">", i + 2)
        return end + 1 if end >= 0 else -1


def _shorten(url: str) -> str:
    return url if len(url) <= 60 else url[:59] + "…"


def check_body(body: str, path: str, first_line: int) -> list[Problem]:
    """Every element, attribute and link outside the allow-list, with its position."""
    text = body
    problems: list[Problem] = []
    seen: set[int] = set()
    for pattern in (_INLINE_LINK, _REFERENCE, _AUTOLINK):
        for match in pattern.finditer(text):
            scheme = unsafe_scheme(match.group(1))
            # "[x](<javascript:…>)" is both an inline link and an autolink: one problem.
            if scheme and match.start(1) not in seen:
                seen.add(match.start(1))
                line, column = _position(text, match.start(1), first_line)
                problems.append(problem("RA303", path, line, column, url=_shorten(match.group(1)), scheme=scheme))
    # Autolinks look like tags to an HTML parser; they were checked above.
    text = _AUTOLINK.sub(_blank, text)
    if "<" in text:
        scanner = _Scanner(path, first_line)
        scanner.feed(text)
        scanner.close()
        problems.extend(scanner.problems)
    return problems


_MARKUP_IN_TEXT = re.compile(r"<\s*/?\s*[a-zA-Z!?]|(?:java|vb)script\s*:|data\s*:\s*text/html", re.IGNORECASE)


def markup_in_text(value: str) -> str | None:
    """A snippet of HTML or script found in a plain-text field, or None."""
    unescaped = html.unescape(value)
    for candidate in (unescaped, _INVISIBLE.sub("", unescaped)):
        match = _MARKUP_IN_TEXT.search(candidate)
        if match:
            return candidate[match.start():match.start() + 30]
    return None
