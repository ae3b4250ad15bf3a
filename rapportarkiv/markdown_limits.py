"""Limits on the shape of a report's Markdown, so that what validates also renders.

Python-Markdown, which renders the prose, recurses once per level of nested
lists and quotes and per level of nested emphasis: a list nested about 260
levels deep, or a thousand ``*a`` inside each other, stops the build with a
RecursionError (fewer when the renderer already runs deep in the build's
stack). And it scans ahead from every opening bracket and every tag-like
``<`` to its end, so a paragraph of 16 000 ``[`` or runs of ``[x](`` or
``<a `` that never close cost time in the square of their number: minutes
for a file well under the size limit.

No real report comes near these shapes, so they are refused with the line
to fix, before anything is rendered. The checks here are linear, and each
limit is far above what a report needs and well below what breaks:

* nesting of lists and quotes on a line (indentation of four columns,
  a ``>`` or a list marker each open a level);
* nesting of emphasis in a paragraph (runs of ``*`` and ``_`` that open
  before they close);
* the renderer's scanning work for brackets: for each ``[`` (and each ``(``
  that follows ``]``), the distance to its closing partner, or to the end of
  the paragraph when there is none, summed over the text;
* the same for tag-like ``<``: the distance to the next ``>``, or to the end
  of the text, summed;
* the number of HTML tags: the renderer's handling of raw HTML grows faster
  than their number (30 000 ``<div>`` took four seconds, a quarter of them a
  third of a second), and a report is written in Markdown, with a few tags.
"""

from __future__ import annotations

import bisect
import re

from .problems import Problem, problem

MAX_NESTING = 30
MAX_EMPHASIS_DEPTH = 50
# Characters the renderer scans; about half a second of its work for brackets,
# a fifth of a second for tags. A long report with a few stray brackets takes
# tens of thousands.
MAX_BRACKET_WORK = 1_000_000
MAX_TAG_WORK = 2_000_000
MAX_TAGS = 5000

_MARKER = re.compile(r"[-*+][ \t]|\d{1,9}[.)][ \t]")
_DEEP = re.compile(rf"^(?:[ \t>]|{_MARKER.pattern}){{{MAX_NESTING + 1},}}", re.MULTILINE)
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
_BRACKET = re.compile(r"\\.|[\[\]()]", re.DOTALL)
_EMPHASIS = re.compile(r"\\.|\*+|_+", re.DOTALL)
_TAG_OPEN = re.compile(r"<[A-Za-z/!?]")


def check(body: str, path: str, first_line: int) -> list[Problem]:
    """Every shape of ``body`` that the renderer cannot take, with its line."""
    lines = _Lines(body, first_line)
    out = _nesting(body, path, lines)
    blocks = _blocks(body) if "*" in body or "_" in body or "[" in body else []
    if "*" in body or "_" in body:
        out += _emphasis(body, blocks, path, lines)
    if "[" in body:
        out += _brackets(body, blocks, path, lines)
    if "<" in body:
        out += _tags(body, path, lines)
    return out


class _Lines:
    def __init__(self, text: str, first_line: int) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.first_line = first_line

    def __call__(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index) - 1
        return self.first_line + line, index - self.starts[line] + 1


def _blocks(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph-like block: text between blank lines."""
    out, start = [], 0
    for gap in _BLOCK_BREAK.finditer(body):
        out.append((start, gap.start()))
        start = gap.end()
    out.append((start, len(body)))
    return out


def _nesting(body: str, path: str, lines: _Lines) -> list[Problem]:
    # Each level takes at least one character of the line's prefix: only a
    # prefix longer than the limit can be too deep.
    for prefix in _DEEP.finditer(body):
        text = prefix.group()
        markers = text.count(">") + len(_MARKER.findall(text))
        depth = markers + (text.count(" ") + 4 * text.count("\t")) // 4
        if depth > MAX_NESTING:
            line, _ = lines(prefix.start())
            return [problem("RA235", path, line, 1, depth=depth, limit=MAX_NESTING)]
    return []


def _emphasis(body: str, blocks: list[tuple[int, int]], path: str, lines: _Lines) -> list[Problem]:
    for start, end in blocks:
        depth = 0
        for run in _EMPHASIS.finditer(body, start, end):
            if run.group().startswith("\\"):
                continue
            before = body[run.start() - 1] if run.start() > start else " "
            after = body[run.end()] if run.end() < end else " "
            opens, closes = not after.isspace(), not before.isspace()
            if run.group()[0] == "_" and before.isalnum() and after.isalnum():
                continue  # snake_case: not emphasis
            if opens and (not closes or depth == 0):
                depth += len(run.group())
                if depth > MAX_EMPHASIS_DEPTH:
                    line, column = lines(run.start())
                    return [problem("RA236", path, line, column, limit=MAX_EMPHASIS_DEPTH)]
            elif closes:
                depth = max(0, depth - len(run.group()))
    return []


def _brackets(body: str, blocks: list[tuple[int, int]], path: str, lines: _Lines) -> list[Problem]:
    work, worst, worst_at, unclosed = 0, 0, 0, 0
    for start, end in blocks:
        squares: list[int] = []
        rounds: list[tuple[int, bool]] = []  # (position, opens a link destination)
        costs: list[tuple[int, int]] = []
        previous, previous_end = "", -1
        for found in _BRACKET.finditer(body, start, end):
            char, at = found.group(), found.start()
            if char == "[":
                squares.append(at)
            elif char == "]" and squares:
                costs.append((squares.pop(), at))
            elif char == "(":
                rounds.append((at, previous == "]" and at == previous_end))
            elif char == ")" and rounds:
                opened, link = rounds.pop()
                if link:
                    costs.append((opened, at))
            previous, previous_end = char, found.end()
        open_links = [at for at, link in rounds if link]
        unclosed += len(squares) + len(open_links)
        costs += [(at, end) for at in squares + open_links]
        for opened, closed in costs:
            work += closed - opened
            if closed - opened > worst:
                worst, worst_at = closed - opened, opened
    if work <= MAX_BRACKET_WORK:
        return []
    line, column = lines(worst_at)
    return [problem("RA237", path, line, column, count=unclosed)]


def _tags(body: str, path: str, lines: _Lines) -> list[Problem]:
    closers = [m.start() for m in re.finditer(">", body)]
    work, unclosed, first, count, beyond = 0, 0, -1, 0, 0
    for opened in _TAG_OPEN.finditer(body):
        at = opened.start()
        count += 1
        if count == MAX_TAGS + 1:
            beyond = at
        index = bisect.bisect_left(closers, at)
        if index == len(closers):
            work += len(body) - at
            unclosed += 1
            first = at if first < 0 else first
        else:
            work += closers[index] - at
    if work > MAX_TAG_WORK:
        line, column = lines(first if first >= 0 else 0)
        return [problem("RA238", path, line, column, count=unclosed)]
    if count > MAX_TAGS:
        line, column = lines(beyond)
        return [problem("RA239", path, line, column, count=count, limit=MAX_TAGS)]
    return []
