"""Where a report's structured parts stand among the sections of its prose.

Authors write a report in an order (the seed has its communication actions
between "Kända omständigheter" and "Verksamhetens kommentar"), and the page
keeps it: the series says, per report type, after which heading each part
built from the front matter stands (``Series.placement``); a part it does not
place stands last, in the order of ``PARTS``.

The prose is rendered once, whole, so that links, heading ids and anything
else that spans sections stay as they are; it is then cut before each of its
top-level ``<h2>`` elements. Top level is decided by parsing the sanitised
HTML, not by looking for ``<h2`` in it: a heading inside a quotation or a list
item is not where a section starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

PARTS = ("communication", "spokespersons", "about")
PROSE = "prose"

_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


@dataclass(frozen=True)
class Piece:
    """One stretch of a report page: prose (its HTML) or a structured part (one of ``PARTS``)."""

    kind: str
    html: str = ""


class _TopHeadings(HTMLParser):
    """Offsets of the top-level ``<h2>`` start tags and the text of each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.starts: list[tuple[int, int]] = []  # (line, column) of each top-level <h2
        self.titles: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2" and self.depth == 0:
            self.starts.append(self.getpos())
            self.titles.append("")
            self._in_heading = True
        if tag not in _VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.depth = max(0, self.depth - 1)
        if tag == "h2" and self.depth == 0:
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self.titles[-1] += data


def sections(html: str) -> list[tuple[str | None, str]]:
    """The prose cut before each top-level ``<h2>``: (heading text, HTML) in order;
    the text before the first heading, if any, has no heading (None)."""
    parser = _TopHeadings()
    parser.feed(html)
    parser.close()
    line_starts = [0]  # HTMLParser counts lines by "\n" alone
    for line in html.split("\n"):
        line_starts.append(line_starts[-1] + len(line) + 1)
    offsets = [line_starts[line - 1] + column for line, column in parser.starts]
    out: list[tuple[str | None, str]] = []
    if not offsets or html[: offsets[0]].strip():
        out.append((None, html[: offsets[0]] if offsets else html))
    for index, start in enumerate(offsets):
        end = offsets[index + 1] if index + 1 < len(offsets) else len(html)
        out.append((" ".join(parser.titles[index].split()), html[start:end]))
    return out


def arrange(html: str, placement: Mapping[str, str]) -> list[Piece]:
    """The page's prose and parts in order: each part after the first section whose
    heading ``placement`` names for it, the others last."""
    if not any(placement.get(part) for part in PARTS) or "<h2" not in html:
        return [Piece(PROSE, html), *(Piece(part) for part in PARTS)]
    pieces: list[Piece] = []
    placed: set[str] = set()
    for title, chunk in sections(html):
        if chunk.strip():
            pieces.append(Piece(PROSE, chunk))
        for part in PARTS:
            if title is not None and part not in placed and placement.get(part) == title:
                pieces.append(Piece(part))
                placed.add(part)
    pieces.extend(Piece(part) for part in PARTS if part not in placed)
    return pieces
