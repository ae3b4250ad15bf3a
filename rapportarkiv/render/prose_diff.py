"""The comparison page's text: two versions' prose as the reader sees it, changes marked inside.

A reader compares headings, paragraphs and list items, not Markdown: the two
bodies are merged line by line into one Markdown text in which each changed
stretch is enclosed in marker characters, the merged text is rendered like any
report's prose, and the markers become ``<ins>``/``<del>`` with their hidden
Swedish labels (``textdiff.marks``). The result goes through the sanitiser
again, after marking, so that nothing the markers touched escapes it.

Lines are aligned by ``matching`` and words within a changed line by
``textdiff``, both on their budgets. A line's structure (its heading, list or
quotation marker) is kept outside the markers, so a changed list item stays a
list item. A change that touches Markdown's own syntax (a link, emphasis, a
table cell) is shown as the old line deleted and the new line inserted, each
whole, so that the syntax renders on both sides instead of being cut by a
marker.
"""

from __future__ import annotations

import re

from .. import matching, textdiff
from . import markdown

# Private-use characters: never in a report (they are taken out of the input
# first), so each one in the rendered HTML is a marker this module wrote.
INS_OPEN, INS_CLOSE, DEL_OPEN, DEL_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
_MARKERS = INS_OPEN + INS_CLOSE + DEL_OPEN + DEL_CLOSE
_NO_MARKERS = str.maketrans({char: "\ufffd" for char in _MARKERS})
_STRIP_MARKERS = str.maketrans({char: None for char in _MARKERS})

# Block structure at the start of a line: indentation, heading, list and quotation markers.
_PREFIX = re.compile(r"[ \t]*(?:(?:#{1,6}|[-*+]|\d{1,9}[.)]|>)(?:[ \t]+|$))*")
# Lines a marker must not touch: code fences, rules and a table's delimiter row.
_BARE = re.compile(r"[ \t]*(?:`{3,}.*|~{3,}.*|(?:[-*_=][ \t]*){3,}|\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*)$")
# Markdown's inline syntax: a change touching one of these characters, or made
# inside a link, an inline tag or a code span, is shown line by line.
_SYNTAX = re.compile(r"[\[\]()<>`*_|!\\]")
_SPANS = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|<[^>\n]*>|`[^`\n]*`")
_TAG = re.compile(r"<[^>]*>")


def _split(line: str) -> tuple[str, str]:
    prefix = _PREFIX.match(line)
    end = prefix.end() if prefix else 0
    return line[:end], line[end:]


def _wrap(text: str, opening: str, closing: str) -> str:
    """``text`` marked whole; in a table row each cell is marked, not the pipes between them."""
    if not text.strip():
        return text
    if "|" in text:
        return "|".join(_wrap(cell, opening, closing) if cell.strip() else cell for cell in text.split("|"))
    inner = text.strip()
    start = text.index(inner)
    return f"{text[:start]}{opening}{inner}{closing}{text[start + len(inner):]}"


def _whole(line: str, opening: str, closing: str) -> str:
    if _BARE.match(line):
        return line
    prefix, content = _split(line)
    return prefix + _wrap(content, opening, closing)


def _merged_line(old: str, new: str, budgets: tuple[matching.Budget, matching.Budget]) -> tuple[list[str], bool]:
    """One line from a changed pair with the same structure; two lines when the
    change touches inline syntax. Also whether the words were compared in full."""
    prefix, old_content = _split(old)
    _, new_content = _split(new)
    runs, whole = textdiff.diff_stretch(old_content, new_content, budgets)
    if _touches_syntax(runs, old_content, new_content):
        return [_whole(old, DEL_OPEN, DEL_CLOSE), _whole(new, INS_OPEN, INS_CLOSE)], whole
    parts = []
    for run in runs:
        if run.op == "equal":
            parts.append(run.text)
        elif run.op == "delete":
            parts.append(_wrap(run.text, DEL_OPEN, DEL_CLOSE))
        else:
            parts.append(_wrap(run.text, INS_OPEN, INS_CLOSE))
    return [prefix + "".join(parts)], whole


def _touches_syntax(runs: tuple[textdiff.Run, ...], old: str, new: str) -> bool:
    """Whether a changed run holds inline syntax or lies inside a link, tag or code span."""
    spans = {side: [m.span() for m in _SPANS.finditer(text)] for side, text in (("old", old), ("new", new))}
    at = {"old": 0, "new": 0}
    for run in runs:
        sides = ("old", "new") if run.op == "equal" else ("old",) if run.op == "delete" else ("new",)
        if run.op != "equal":
            if _SYNTAX.search(run.text):
                return True
            side = sides[0]
            start, end = at[side], at[side] + len(run.text)
            if any(s < end and start < e for s, e in spans[side]):
                return True
        for side in sides:
            at[side] += len(run.text)
    return False


def merge(old: str, new: str) -> tuple[str, bool]:
    """Both versions' Markdown as one text with the changes between markers, and
    whether every changed line was compared word by word."""
    a = old.translate(_NO_MARKERS).split("\n")
    b = new.translate(_NO_MARKERS).split("\n")
    out: list[str] = []
    aligned, complete = matching.line_opcodes(a, b)  # not complete: some lines are replaced whole
    budgets = textdiff.word_budgets(len(old) + len(new))
    for tag, i1, i2, j1, j2 in aligned:
        if tag == "equal":
            out.extend(a[i1:i2])
            continue
        olds, news = a[i1:i2], b[j1:j2]
        deleted: list[str] = []
        inserted: list[str] = []
        for index in range(max(len(olds), len(news))):
            before = olds[index] if index < len(olds) else None
            after = news[index] if index < len(news) else None
            if before is not None and before == after:
                # Matching on a budget may leave equal lines in a replaced stretch.
                out.extend(deleted + inserted + [before])
                deleted, inserted = [], []
                continue
            same_shape = (before is not None and after is not None and before.strip() and after.strip()
                          and not _BARE.match(before) and not _BARE.match(after)
                          and _split(before)[0].strip() == _split(after)[0].strip())
            if same_shape:
                assert before is not None and after is not None
                out.extend(deleted + inserted)
                deleted, inserted = [], []
                lines, whole = _merged_line(before, after, budgets)
                complete = complete and whole
                out.extend(lines)
                continue
            if before is not None:
                deleted.append(_whole(before, DEL_OPEN, DEL_CLOSE))
            if after is not None:
                inserted.append(_whole(after, INS_OPEN, INS_CLOSE))
        out.extend(deleted + inserted)
    return "\n".join(out), complete


def to_html(old: str, new: str) -> tuple[str, bool]:
    """The merged prose as sanitised HTML with ``<ins>``/``<del>``, and whether it is word by word."""
    merged, complete = merge(old, new)
    html = markdown.render_once(merged)
    # A marker inside a tag (an attribute) marks nothing a reader sees.
    html = _TAG.sub(lambda match: match.group(0).translate(_STRIP_MARKERS), html)
    (ins_open, ins_close), (del_open, del_close) = textdiff.marks("insert"), textdiff.marks("delete")
    html = (html.replace(INS_OPEN, ins_open).replace(INS_CLOSE, ins_close)
            .replace(DEL_OPEN, del_open).replace(DEL_CLOSE, del_close))
    return markdown.sanitise(html, classes={"span": {textdiff.HIDDEN_CLASS}}), complete
