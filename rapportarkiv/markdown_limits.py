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
  than their number, and a report is written in Markdown, with a few tags.

One shape is not about cost: a block-level tag (``<details>``, ``<div>`` …)
that starts a line opens a raw HTML block in Python-Markdown, which runs to
its closing tag. Never closed, it runs to the end of the text, and everything
after it (headings, lists, the rest of the report) is published as raw
Markdown source. It is refused (RA026) where the block opens.
"""

from __future__ import annotations

import bisect
import re

from markdown.util import BLOCK_LEVEL_ELEMENTS

from . import comments, html_policy
from .model import lines_with_fences
from .problems import Problem, problem

MAX_NESTING = 30
MAX_EMPHASIS_DEPTH = 50
# Characters the renderer scans: far above the tens of thousands a long report
# with a few stray brackets takes, and well below a scan that stalls the build.
MAX_BRACKET_WORK = 1_000_000
MAX_TAG_WORK = 2_000_000
MAX_TAGS = 5000

_MARKER = re.compile(r"[-*+][ \t]|\d{1,9}[.)][ \t]")
_DEEP = re.compile(rf"^(?:[ \t>]|{_MARKER.pattern}){{{MAX_NESTING + 1},}}", re.MULTILINE)
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
_PREFIX_CHARS = " \t>-*+0123456789.)"
_TAG_OPEN = re.compile(r"<[A-Za-z/!?]")


def check(body: str, path: str, first_line: int) -> list[Problem]:
    """Every shape of ``body`` that the renderer cannot take, with its line.

    Each check looks only at the characters it is about, so a report without
    brackets, emphasis or tags costs a few scans of its text in C."""
    lines = _Lazy(body, first_line)
    out = _nesting(body, path, lines)
    ends = _block_ends(body) if "*" in body or "_" in body or "[" in body else []
    if "*" in body or "_" in body:
        out += _emphasis(body, ends, path, lines)
    if "[" in body:
        out += _brackets(body, ends, path, lines)
    if "<" in body:
        out += _tags(body, path, lines)
        out += _unclosed_blocks(body, path, lines)
    return out


class _Lazy:
    """Line and column of an index; the line index is only built when there is a problem to place."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text, self.first_line = text, first_line
        self.lines: html_policy._Lines | None = None  # the validator's own line index

    def __call__(self, index: int) -> tuple[int, int]:
        if self.lines is None:
            self.lines = html_policy._Lines(self.text, self.first_line)
        return self.lines(index)


def _block_ends(body: str) -> list[int]:
    """Where each paragraph-like block (text between blank lines) ends."""
    return [gap.start() for gap in _BLOCK_BREAK.finditer(body)] + [len(body)]


def _nesting(body: str, path: str, lines: _Lazy) -> list[Problem]:
    # Each level takes at least one character of the line's prefix: only a
    # prefix longer than the limit can be too deep (lstrip finds them in C).
    if not any(len(line) - len(line.lstrip(_PREFIX_CHARS)) > MAX_NESTING for line in body.split("\n")):
        return []
    for prefix in _DEEP.finditer(body):
        text = prefix.group()
        markers = text.count(">") + len(_MARKER.findall(text))
        depth = markers + (text.count(" ") + 4 * text.count("\t")) // 4
        if depth > MAX_NESTING:
            line, _ = lines(prefix.start())
            return [problem("RA235", path, line, 1, depth=depth, limit=MAX_NESTING)]
    return []


def _positions(body: str, chars: str) -> list[int]:
    """Where each of ``chars`` occurs, in order: str.find runs in C, a regex scan costs per character."""
    out: list[int] = []
    for char in chars:
        at = body.find(char)
        while at >= 0:
            out.append(at)
            at = body.find(char, at + 1)
    out.sort()
    return out


def _tokens(body: str, chars: str, *, runs: bool) -> list[tuple[int, int]]:
    """(start, end) of each of ``chars`` (or each run of one, with ``runs``), a backslash escaping the character after it."""
    out: list[tuple[int, int]] = []
    escaped_to = -1
    for at in _positions(body, chars + "\\"):
        if at < escaped_to:
            continue
        if body[at] == "\\":
            escaped_to = at + 2
        elif runs and out and out[-1][1] == at and body[out[-1][0]] == body[at]:
            out[-1] = (out[-1][0], at + 1)
        else:
            out.append((at, at + 1))
    return out


def _emphasis(body: str, ends: list[int], path: str, lines: _Lazy) -> list[Problem]:
    depth, block = 0, -1
    for at, end in _tokens(body, "*_", runs=True):
        here = bisect.bisect_left(ends, at)
        if here != block:  # emphasis does not reach across a blank line
            depth, block = 0, here
        before = body[at - 1] if at else " "
        after = body[end] if end < ends[here] else " "
        if body[at] == "_" and before.isalnum() and after.isalnum():
            continue  # snake_case: not emphasis
        opens, closes = not after.isspace(), not before.isspace()
        if opens and (not closes or depth == 0):
            depth += end - at
            if depth > MAX_EMPHASIS_DEPTH:
                line, column = lines(at)
                return [problem("RA236", path, line, column, limit=MAX_EMPHASIS_DEPTH)]
        elif closes:
            depth = max(0, depth - (end - at))
    return []


def _brackets(body: str, ends: list[int], path: str, lines: _Lazy) -> list[Problem]:
    """The renderer's scanning from each [ and each ]( to its partner, or to the end of the block."""
    work, worst, worst_at, unclosed = 0, 0, 0, 0
    squares: list[int] = []
    rounds: list[tuple[int, bool]] = []  # (position, opens a link destination)
    block = -1

    def flush() -> None:
        nonlocal work, worst, worst_at, unclosed
        open_links = [at for at, link in rounds if link]
        unclosed += len(squares) + len(open_links)
        for opened in squares + open_links:
            cost(opened, ends[block])
        squares.clear()
        rounds.clear()

    def cost(opened: int, closed: int) -> None:
        nonlocal work, worst, worst_at
        work += closed - opened
        if closed - opened > worst:
            worst, worst_at = closed - opened, opened

    for at, _ in _tokens(body, "[]()", runs=False):
        char = body[at]
        here = bisect.bisect_left(ends, at)
        if here != block:
            if block >= 0:
                flush()
            block = here
        if char == "[":
            squares.append(at)
        elif char == "]" and squares:
            cost(squares.pop(), at)
        elif char == "(":
            rounds.append((at, at > 0 and body[at - 1] == "]"))
        elif char == ")" and rounds:
            opened, link = rounds.pop()
            if link:
                cost(opened, at)
    if block >= 0:
        flush()
    if work <= MAX_BRACKET_WORK:
        return []
    line, column = lines(worst_at)
    return [problem("RA237", path, line, column, count=unclosed)]


def _tags(body: str, path: str, lines: _Lazy) -> list[Problem]:
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
        line, column = lines(max(first, 0))
        return [problem("RA238", path, line, column, count=unclosed)]
    if count > MAX_TAGS:
        line, column = lines(beyond)
        return [problem("RA239", path, line, column, count=count, limit=MAX_TAGS)]
    return []


# Python-Markdown's own list of the tags that open a raw HTML block at a line's start.
_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)
_BLOCK_START = re.compile(r"^[ ]{0,3}<([A-Za-z][A-Za-z0-9-]*)", re.MULTILINE)
# Start and end tags as Python-Markdown's HTML parser takes them (no ">" inside an attribute, which
# validate refuses anyway where it matters); "<x/>" opens nothing.
_ANY_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[\t\n\f\r /][^<>]*)?>")


def _unclosed_blocks(body: str, path: str, lines: _Lazy) -> list[Problem]:
    """A raw HTML block that never closes, as Python-Markdown's HTML block reader finds it.

    The reader (markdown.htmlparser.HTMLExtractor) starts a raw block at a
    block-level start tag that begins a line (after at most three spaces),
    outside fenced code and comments; inside the block every start tag is
    pushed and an end tag pops back to its own name; the block ends when
    nothing is left open. Linear: one pass over the tags."""
    if not any(match.group(1).lower() in _BLOCK_TAGS for match in _BLOCK_START.finditer(body)):
        return []
    text = _without_code_and_comments(body)
    opened_at = -1
    stack: list[str] = []
    for tag in _ANY_TAG.finditer(text):
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if closing:
            if stack and name in stack:
                while stack.pop() != name:
                    pass
                if not stack:
                    opened_at = -1
            continue
        if tag.group(0).endswith("/>") or name == "hr":
            continue
        if opened_at < 0:
            line_start = text.rfind("\n", 0, tag.start()) + 1
            if name not in _BLOCK_TAGS or text[line_start:tag.start()].strip(" ") or tag.start() - line_start > 3:
                continue
            opened_at = tag.start()
        stack.append(name)
    if opened_at < 0:
        return []
    line, column = lines(opened_at)
    return [problem("RA026", path, line, column, tag=stack[0])]


def _without_code_and_comments(body: str) -> str:
    """``body`` with fenced code and comments blanked, every other character where it was."""
    blanked = body
    if comments.OPEN in body:
        parts, kept = [], 0
        for comment in comments.find(body):
            parts += [body[kept:comment.start], re.sub(r"[^\n]", " ", body[comment.start:comment.end])]
            kept = comment.end
        blanked = "".join(parts) + body[kept:]
    return "\n".join(" " * len(line) if fenced else line for _, line, fenced in lines_with_fences(blanked))
