"""What changed between two versions of a report, as data.

The comparison page lists the changed data fields side by side and shows the
prose as a word-level diff. Which fields changed, and how they are named, is
:mod:`field_changes`' business (the job summary and the guard ask it too);
this module adds the prose. :class:`ReportDiff` holds both, and no HTML:
rendering is the site's business, except for :func:`words_html`, the one
accessible rendering of a word diff that every page should share (``<ins>`` and
``<del>`` with a hidden Swedish label, so a change is never told by colour
alone).

Words are compared, not characters or lines: a correction of one date in a
long paragraph shows as that date, and Swedish words (å, ä, ö) are single
tokens because Python's ``\\w`` is Unicode-aware. The standard library's
difflib does the matching; the result is cleaned up so that a run of changed
words separated only by spaces reads as one deletion and one insertion.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from . import document, matching
from .catalogue import DIFF
from .characters import xml_safe
from .field_changes import FieldChange, diff_fields

Op = Literal["equal", "insert", "delete"]

# A word (letters, digits, underscores, with inner hyphens, colons and dots as in
# "VGR:s", "2024-10-11", "15:20"), a run of whitespace, or one other character.
_TOKEN = re.compile(r"\w+(?:[-:.,/]\w+)*|\s+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Run:
    """A stretch of text that is unchanged, inserted or deleted."""

    op: Op
    text: str


@dataclass(frozen=True)
class ReportDiff:
    fields: tuple[FieldChange, ...]
    body: tuple[Run, ...]
    coarse: bool = False  # some changed lines are shown whole: too many changes to compare word by word

    @property
    def body_changed(self) -> bool:
        return any(run.op != "equal" for run in self.body)

    @property
    def changed(self) -> bool:
        return bool(self.fields) or self.body_changed


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def diff_words(old: str, new: str) -> tuple[Run, ...]:
    """Word-level diff of two texts; joining the equal and deleted runs gives ``old``,
    the equal and inserted runs give ``new``."""
    return diff_body(old, new)[0]


def diff_body(old: str, new: str) -> tuple[tuple[Run, ...], bool]:
    """:func:`diff_words`, and whether some changed lines were too many to compare word by word.

    Lines (a Markdown paragraph is usually one) are matched first and words
    only within the lines that changed: a correction touches a few paragraphs,
    and matching every word of a long report against every other costs
    quadratic time in the spaces between them. Both steps run on a budget
    (see ``matching``); lines whose words would cost more are shown whole,
    as deleted and inserted."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    runs: list[Run] = []
    budgets = word_budgets(len(old) + len(new))
    complete = True
    for tag, i1, i2, j1, j2 in matching.line_opcodes(a, b)[0]:
        if tag == "equal":
            runs.append(Run("equal", "".join(a[i1:i2])))
            continue
        found, whole = _word_runs("".join(a[i1:i2]), "".join(b[j1:j2]), budgets)
        complete = complete and whole
        runs.extend(found)
    return _tidy(runs), not complete


def word_budgets(characters: int) -> tuple[matching.Budget, matching.Budget]:
    """The budgets for comparing the words of texts this long, shared by every
    changed stretch; a word and the space after it are about seven characters."""
    words = characters // 3
    return (matching.Budget.for_items(words, matching.STEPS_PER_WORD),
            matching.Budget.for_items(words, matching.STEPS_PER_ITEM_ANCHORED))


def diff_stretch(old: str, new: str, budgets: tuple[matching.Budget, matching.Budget]) -> tuple[tuple[Run, ...], bool]:
    """Word diff of one changed stretch (a line) on budgets shared with the others
    (:func:`word_budgets`), and whether it was compared word by word."""
    found, whole = _word_runs(old, new, budgets)
    return _tidy(found), whole


def _word_runs(old: str, new: str, budgets: tuple[matching.Budget, matching.Budget]) -> tuple[list[Run], bool]:
    a, b = tokens(old), tokens(new)
    if not set(a).intersection(b):
        # Nothing in common (a line replaced by another): difflib's answer, without its index.
        return [*([Run("delete", old)] if old else []), *([Run("insert", new)] if new else [])], True
    opcodes, complete = matching.opcodes(a, b, *budgets)
    runs: list[Run] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag in ("delete", "replace"):
            runs.append(Run("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            runs.append(Run("insert", "".join(b[j1:j2])))
        if tag == "equal":
            runs.append(Run("equal", "".join(a[i1:i2])))
    return runs, complete


def _tidy(runs: list[Run]) -> tuple[Run, ...]:
    """Merge changes separated only by whitespace, and put deletions before insertions.

    ``<del>a</del><ins>b</ins> <del>c</del><ins>d</ins>`` reads worse than
    ``<del>a c</del><ins>b d</ins>``; the texts of both sides are unchanged.
    """
    groups: list[list[Run]] = []  # alternating: equal runs alone, change groups together
    for run in runs:
        if run.op == "equal":
            groups.append([run])
        elif groups and groups[-1][0].op != "equal":
            groups[-1].append(run)
        else:
            groups.append([run])
    merged: list[list[Run]] = []
    for index, group in enumerate(groups):
        is_glue = (
            group[0].op == "equal" and group[0].text.isspace() and "\n\n" not in group[0].text
            and 0 < index < len(groups) - 1 and merged and merged[-1][0].op != "equal"
        )
        if is_glue:
            # Whitespace between two changes belongs to both sides of one bigger change.
            merged[-1].extend([Run("delete", group[0].text), Run("insert", group[0].text)])
        elif group[0].op != "equal" and merged and merged[-1][0].op != "equal":
            merged[-1].extend(group)
        else:
            merged.append(list(group))
    out: list[Run] = []
    for group in merged:
        if group[0].op == "equal":
            out.append(group[0])
            continue
        deleted = "".join(r.text for r in group if r.op == "delete")
        inserted = "".join(r.text for r in group if r.op == "insert")
        if deleted == inserted:
            out.append(Run("equal", deleted))
            continue
        if deleted:
            out.append(Run("delete", deleted))
        if inserted:
            out.append(Run("insert", inserted))
    # Neighbouring equal runs (from cancelled changes) become one.
    joined: list[Run] = []
    for run in out:
        if joined and joined[-1].op == run.op == "equal":
            joined[-1] = Run("equal", joined[-1].text + run.text)
        else:
            joined.append(run)
    return tuple(joined)


@dataclass(frozen=True)
class _Parsed:
    data: dict[str, Any]
    body: str


def parse(data: bytes) -> _Parsed:
    """Front matter and body of a version; an unreadable version is all body.

    Old versions may predate today's rules, so only the YAML is needed here,
    not the schema: the comparison must show what was there, whatever it was.
    """
    read = document.read(data)
    if read.body is None:
        return _Parsed({}, data.decode("utf-8", "replace"))
    return _Parsed(read.data or {}, read.body)


def compare(old: bytes, new: bytes, prose: Callable[[str], str] = str) -> ReportDiff:
    """Everything that differs between two versions' bytes. ``prose`` makes each
    body the text to compare: the site's comparison takes the comments out."""
    a, b = parse(old), parse(new)
    body, coarse = diff_body(prose(a.body).strip("\n"), prose(b.body).strip("\n"))
    return ReportDiff(diff_fields(a.data, b.data), body, coarse)


HIDDEN_CLASS = "ra-visually-hidden"


def marks(op: Op, hidden_class: str = HIDDEN_CLASS) -> tuple[str, str]:
    """The HTML that opens and closes an inserted or deleted stretch: ``<ins>`` or
    ``<del>`` starting with its hidden Swedish label."""
    tag, word = ("ins", DIFF["inserted"]) if op == "insert" else ("del", DIFF["deleted"])
    return f'<{tag}><span class="{hidden_class}">{html.escape(word)} </span>', f"</{tag}>"


def words_html(runs: Sequence[Run], hidden_class: str = HIDDEN_CLASS) -> str:
    """The word diff as HTML: ``<del>``/``<ins>`` with a hidden Swedish label.

    Screen readers announce "Borttaget:" and "Tillagt:" before each change;
    sighted readers see strike-through and underline (the elements' defaults),
    not only a colour. All text is escaped. Newlines are kept, so the caller
    shows the result with ``white-space: pre-wrap`` or splits it into paragraphs.
    """
    parts: list[str] = []
    for run in runs:
        # Old versions may hold characters the validator now refuses: not passed on raw.
        text = html.escape(xml_safe(run.text), quote=False)
        if run.op == "equal":
            parts.append(text)
        else:
            opening, closing = marks(run.op, hidden_class)
            parts.append(f"{opening}{text}{closing}")
    return "".join(parts)
