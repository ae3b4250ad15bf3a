"""HTML comments in report prose: notes between authors, never shown to a reader.

An author may leave ``<!-- … -->`` in a report (a question for the reviewer,
a sentence kept for later). Python-Markdown and browsers disagree on where
such a comment ends: a comment spanning paragraphs inside a list or a quote,
a comment opened as ``<!-->``, or one never closed, comes out of Python-Markdown
as visible text, and a word diff of the source shows every comment as text.
So comments are taken out of the prose by this one reading before it is
converted to HTML, compared with an older version, or shown as written, and
what the reader sees never depends on a converter's idea of a comment.

The reading is deliberately context-free, like the HTML check of
``html_policy``: ``<!--`` opens a comment wherever it stands, also in code,
and the first ``-->`` (or ``--!>``) after it closes it. Two ways of writing a
comment would still show part of it, or hide the rest of the report, and the
validator refuses them with a line number: a comment that is never closed
(RA018) and a comment inside a comment, whose remainder after the first
``-->`` would be shown (RA019).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .problems import Problem, problem

OPEN = "<!--"
_CLOSE = re.compile(r"--!?>")


@dataclass(frozen=True)
class Comment:
    start: int
    end: int  # just after the closing "-->", or the end of the text when never closed
    closed: bool
    inner: int | None  # where a "<!--" inside it starts, if one does


def find(text: str) -> Iterator[Comment]:
    """Every comment in ``text``, in order; linear in the length of the text."""
    position = text.find(OPEN)
    while position >= 0:
        # Searched from after the opener, so "<!-->" and "<!--->" do not close themselves.
        close = _CLOSE.search(text, position + len(OPEN))
        end = close.end() if close else len(text)
        inner = text.find(OPEN, position + len(OPEN), close.start() if close else len(text))
        yield Comment(position, end, close is not None, inner if inner >= 0 else None)
        position = text.find(OPEN, end)


def hide(text: str) -> str:
    """``text`` without its comments. A line that held nothing but comments
    goes with them, so the paragraphs around it stay as they were written."""
    if OPEN not in text:
        return text
    mark = next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)  # a private-use character
    parts: list[str] = []
    kept = 0
    for comment in find(text):
        parts += [text[kept:comment.start], mark]
        kept = comment.end
    parts.append(text[kept:])
    lines = "".join(parts).split("\n")
    return "\n".join(
        line.replace(mark, "") for line in lines if mark not in line or line.replace(mark, "").strip()
    )


def check(body: str, path: str, first_line: int) -> list[Problem]:
    """Comments that would hide the rest of the report (RA018) or show part of themselves (RA019)."""
    problems: list[Problem] = []
    for comment in find(body):
        if not comment.closed:
            problems.append(problem("RA018", path, *_position(body, comment.start, first_line)))
        if comment.inner is not None:
            problems.append(problem("RA019", path, *_position(body, comment.inner, first_line)))
    return problems


def _position(text: str, index: int, first_line: int) -> tuple[int, int]:
    return first_line + text.count("\n", 0, index), index - text.rfind("\n", 0, index)
