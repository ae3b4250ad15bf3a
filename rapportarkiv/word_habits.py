"""What text pasted from a word processor brings into a report, found and named.

Word and its kind write lists with bullet glyphs ("•", "▪", "–" …) and put
typographic quotes (”…”, „…“, »…«) where YAML expects straight ones. Both
are accepted by Markdown and YAML without a sound, and both come out other
than the author meant: a pasted list becomes one paragraph with the bullets
inside it, and a title "quoted" with ”…” is shown with the quotes. Neither
is rewritten here: the file stays what the site, GitHub and the history show,
and the author is told what happened and what to type instead.

(Typographic quotes that break the YAML are named where the YAML error is
made, in :mod:`rapportarkiv.frontmatter`.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .frontmatter import TYPOGRAPHIC_QUOTES, FrontMatter
from .model import lines_with_fences
from .problems import Problem, problem
from .schemas import key_path as shown_key

# Glyphs Word puts before a list item, and the private-use characters of its Symbol
# and Wingdings bullets that survive a paste. A dash starts a quotation in Swedish
# prose ("– Det är tråkigt, säger …"), so dashes count only on two lines in a row.
_GLYPHS = "\u2022\u25e6\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u2023\u2043\u2219\u00b7\uf0b7\uf0a7\uf076\uf0d8"
# Before the glyph: any indentation (a tab, a hard space from the paste) and the
# quotes (>) and list markers (- • Insidan) the author or the editor added.
# Possessive, so a line of markers and spaces is read once.
_PREFIX = "(?:[ \t\u00a0]*+(?:>[ \t\u00a0]?+|[-*+][ \t\u00a0]++|[0-9]{1,9}+[.)][ \t\u00a0]++))*+[ \t\u00a0]*+"
_BULLET = re.compile(f"^({_PREFIX})([{_GLYPHS}])[ \t\u00a0]*(?=\\S)")
_LIST_MARKER = re.compile("[-*+][ \t\u00a0]|[0-9][.)][ \t\u00a0]")
_DASH = re.compile("^[ ]{0,3}([\u2013\u2014])[ \t\u00a0]+(?=\\S)")
# Any line that could be either, found in one pass: most reports have none, and skip the line walk.
_ANY = re.compile(f"[{_GLYPHS}\u2013\u2014]")


def bullets(body: str, path: str, first_line: int) -> list[Problem]:
    """RA025 at the first line of each run of lines that start with a bullet
    glyph (or of two or more that start with a dash), outside code blocks."""
    if not _ANY.search(body):
        return []
    out: list[Problem] = []
    run: tuple[int, str, int, bool] | None = None  # (line, glyph, how many lines, after a list marker)
    lines = body.split("\n")
    for offset, line, fenced in lines_with_fences(body):
        found = None if fenced else _BULLET.match(line)
        glyph, item = (found.group(2), bool(_LIST_MARKER.search(found.group(1)))) if found else ("", False)
        if found and _indented_code(found.group(1), offset, lines, run is not None):
            found = None
        if found is None and not fenced:
            dash = _DASH.match(line)
            near = (offset > 0 and _DASH.match(lines[offset - 1])) or (
                offset + 1 < len(lines) and _DASH.match(lines[offset + 1]))
            found = dash if dash and near else None
            glyph = found.group(1) if found else ""
        if found is None:
            if run is not None:
                out.append(_bullet_problem(path, run))
                run = None
            continue
        if run is None:
            run = (first_line + offset, glyph, 1, item)
        else:
            run = (run[0], run[1], run[2] + 1, run[3])
    if run is not None:
        out.append(_bullet_problem(path, run))
    return out


def _indented_code(prefix: str, offset: int, lines: list[str], in_run: bool) -> bool:
    """Whether a line indented this far is an indented code block: four columns
    of plain indentation after a blank line (or at the start). After text, the
    same indentation only continues the paragraph, as pasted lists do."""
    if in_run or prefix.strip(" \t\u00a0"):
        return False
    columns = len(prefix.expandtabs(4).replace("\u00a0", " "))
    return columns >= 4 and (offset == 0 or not lines[offset - 1].strip())


def _bullet_problem(path: str, run: tuple[int, str, int, bool]) -> Problem:
    line, glyph, count, item = run
    return problem("RA025", path, line, 1, char=glyph, count=count, shape="item" if item else "paragraph")


def quoted_values(front: FrontMatter) -> Iterator[Problem]:
    """RA024 for each unquoted value wrapped whole in typographic quotes
    (``title: ”Läget”``). A value in straight quotes (``title: "”Läget”"``)
    shows its quotes on purpose and is left alone."""
    if not any(q in front.source.front_matter for q in TYPOGRAPHIC_QUOTES):
        return
    for key_path, node in _scalars(front.root(), []):
        value = node.value
        if not node.style and len(value) >= 2 and value[0] in TYPOGRAPHIC_QUOTES \
                and value[-1] in TYPOGRAPHIC_QUOTES:
            line, column = front.position(key_path)
            yield problem("RA024", front.source.path, line, column,
                          key=shown_key(key_path), leaf=key_path[-1] if isinstance(key_path[-1], str) else None,
                          value=value, inner=value[1:-1].strip())


def _scalars(node: Node | None, path: list[str | int]) -> Iterator[tuple[list[str | int], ScalarNode]]:
    if isinstance(node, ScalarNode):
        yield path, node
    elif isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            yield from _scalars(value_node, [*path, key_node.value])
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _scalars(item, [*path, index])
