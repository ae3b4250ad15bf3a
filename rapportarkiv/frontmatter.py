"""YAML front matter, parsed the way an author means it.

PyYAML implements YAML 1.1, whose implicit typing silently changes what a
communicator wrote: ``NO`` becomes false, ``10:30`` becomes 630, ``1.10``
becomes 1.1 and an unquoted date becomes a date object. Our loader resolves
only ``true``/``false`` and ``null``; every other plain scalar stays the text
that was typed, and the schema then says precisely what was expected.

It also refuses what PyYAML accepts silently: duplicate keys (the last would
win), anchors and aliases (an alias bomb expands exponentially), and nesting
deeper than any report needs.

The happy path runs on libyaml's C parser. Line numbers are only looked up
(by composing the node tree once more) when there is something to report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import characters
from .problems import Problem, problem
from .source import Source

MAX_DEPTH = 6

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]  # the C loader when libyaml is there: chosen at import
    """libyaml parser, safe constructor, our resolvers and duplicate-key check."""

    yaml_implicit_resolvers: dict = {}

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, yaml.Mark, yaml.Mark]] = []

    def construct_mapping(self, node: Node, deep: bool = False) -> dict:
        if not isinstance(node, MappingNode):
            raise yaml.constructor.ConstructorError(None, None, "expected a mapping", node.start_mark)
        mapping: dict[str, Any] = {}
        first_seen: dict[str, yaml.Mark] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text", key_node.start_mark
                )
            # Keys are names as typed: `true:` or `null:` is a (wrong) name, not a boolean.
            key = key_node.value
            if key in first_seen:
                self.duplicates.append((key, key_node.start_mark, first_seen[key]))
            first_seen.setdefault(key, key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)

_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
# Characters YAML refuses (control characters), and the ones it takes as line
# breaks although editors do not (NEL, U+2028, U+2029): either would give an
# English error or shift every line number after it.
_CONTROL = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# libyaml's problem texts, by the name under which the catalogue says what
# they mean (catalogue.YAML_PROBLEMS). The last field says whether to point where the
# construct began (the opening quote or bracket, the line without a colon)
# rather than where libyaml gave up, which can be many lines further down.
_YAML_PROBLEMS: tuple[tuple[str, str, bool], ...] = (
    ("mapping values are not allowed", "colon_in_value", False),
    ("could not find expected ':'", "no_colon", True),
    ("did not find expected key", "indent", False),
    ("expected <block end>", "indent", False),
    ("did not find expected '-' indicator", "list_indent", False),
    ("while scanning a quoted scalar", "open_quote", True),
    ("found unexpected end of stream", "unclosed", True),
    ("did not find expected ',' or ']'", "open_list", True),
    ("did not find expected ',' or '}'", "open_group", True),
    ("found character that cannot start any token", "special_start", False),
    ("found character '\\t'", "tab", False),
    ("a key must be plain text", "key_not_text", False),
    ("block sequence entries are not allowed", "list_here", False),
    ("found unknown escape character", "escape", False),
    ("expected hexdecimal number", "escape", False),
    ("invalid Unicode character escape", "escape", False),
    ("while scanning an anchor", "anchor_name", False),
    ("while scanning an alias", "anchor_name", False),
    ("while scanning a tag", "tag", False),
    ("could not determine a constructor", "tag", False),
    ("undefined tag handle", "tag", False),
    ("while scanning a block scalar", "block_text", False),
    ("did not find expected comment or line break", "after_quote", False),
    ("expected <document start>", "directive", False),
    ("while scanning a directive", "directive", False),
    ("found unexpected document indicator", "document_marker", True),
    ("expected a single document", "document_marker", False),
    ("did not find expected node content", "no_value", False),
    ("while scanning a simple key", "no_colon", True),
)
# Quotes a word processor makes, opening and closing (Swedish ”…” uses the same on both sides).
TYPOGRAPHIC_QUOTES = "\u201d\u201c\u201e\u2018\u2019\u201a\u00bb\u00ab\u203a\u2039"
# What a line of front matter shows about a syntax error, checked before
# libyaml's words: a value in typographic quotes (Word's ”…”, which YAML does
# not take as quotes), a name and its value with no space after the colon
# (`series:regional`), a non-breaking space where YAML needs a plain one.
_LINE_HABITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"""^[ ]*(?:-[ ]+)?[^\s:#"'][^:]*:[ ]+[{TYPOGRAPHIC_QUOTES}]|^[ ]*-[ ]+[{TYPOGRAPHIC_QUOTES}]"""),
     "smart_quotes"),
    (re.compile("^[ \u00a0]*\u00a0|:\u00a0"), "nbsp"),
    (re.compile(r"^[ ]*(?:-[ ]+)?[A-Za-z_][A-Za-z0-9_]*:(?=[^\s/:])"), "no_space"),
    (re.compile(r"""^[^#]*:[ ]+(?:"[^"]*"|'[^']*')[ ]*[^\s#]"""), "after_quote"),
)
# A line whose value opens with a typographic quote: the key (None for a list item) and the value.
_QUOTED_LINE = re.compile(rf"""^[ ]*(?:-[ ]+)?(?:([^\s:#"'-][^:]*?):[ ]+)?([{TYPOGRAPHIC_QUOTES}].*)$""")


@dataclass
class FrontMatter:
    """Parsed front matter with lazily computed positions of keys and values."""

    source: Source
    data: dict[str, Any]
    _root: Node | None = field(default=None, repr=False)

    def root(self) -> Node | None:
        """The front matter's node tree (composed once, when first asked for), with each
        node's place and how its value was written (plain, quoted, block)."""
        if self._root is None:
            self._root = yaml.compose(self.source.front_matter, Loader=_Loader)
        return self._root

    def position(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """File line and column of the value at ``path`` (or of its key).

        A path that does not exist (a missing key) resolves to its nearest
        existing parent; the root is the front matter's opening ``---``.
        """
        if not path:
            return max(1, self.source.front_matter_line - 1), 1
        node, key_node = self.root(), None
        for step in path:
            found = _child(node, step)
            if found is None:
                break
            key_node, node = found
        else:
            target = key_node if key and key_node is not None else node
            return self._file_position(target)
        if node is self._root:
            return max(1, self.source.front_matter_line - 1), 1
        return self._file_position(key_node if key_node is not None else node)

    def _file_position(self, node: Node | None) -> tuple[int, int]:
        if node is None:
            return self.source.front_matter_line - 1, 1
        return node.start_mark.line + self.source.front_matter_line, node.start_mark.column + 1


def _child(node: Node | None, step: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == step:
                return key_node, value_node
    elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return None, node.value[step]
    return None


def parse(source: Source) -> tuple[FrontMatter | None, list[Problem]]:
    """Parse ``source.front_matter`` into a mapping, or say why it cannot be."""
    text, path, offset = source.front_matter, source.path, source.front_matter_line
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + offset
        column = control.start() - text.rfind("\n", 0, control.start())
        char = control.group()
        return None, [problem("RA014", path, line, column, char=characters.describe(char),
                              hint=characters.hint(char))]
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + offset
        return None, [problem("RA008", path, line, 1)]
    if "&" in text or "*" in text or "!" in text:
        anchors = _anchors(text, path, offset)
        if anchors:
            return None, anchors
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(err, text, path, offset)]
    except yaml.YAMLError:
        return None, [problem("RA007", path, offset, 1, yaml="other")]
    except RecursionError:
        return None, [problem("RA011", path, offset, 1, limit=MAX_DEPTH)]
    finally:
        loader.dispose()
    if loader.duplicates:
        return None, [
            problem("RA009", path, mark.line + offset, mark.column + 1, key=key, first_line=first.line + offset)
            for key, mark, first in loader.duplicates
        ]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [problem("RA012", path, offset, 1)]
    front = FrontMatter(source, data)
    deep = _too_deep(data)
    if deep is not None:
        line, column = front.position(deep)
        return None, [problem("RA011", path, line, column, limit=MAX_DEPTH)]
    return front, []


def _anchors(text: str, path: str, offset: int) -> list[Problem]:
    """Anchors and aliases, found from the event stream before anything expands,
    and explicit tags (``!!int``, ``!!python/object``), refused before a
    constructor could choke on them: front matter holds text, true/false and lists."""
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            mark = event.start_mark
            assert mark is not None  # the parser marks every event
            if getattr(event, "anchor", None) is not None:
                return [problem("RA010", path, mark.line + offset, mark.column + 1)]
            if getattr(event, "tag", None) is not None:
                return [problem("RA007", path, mark.line + offset, mark.column + 1, yaml="tag")]
    except yaml.MarkedYAMLError as err:
        return [_syntax_problem(err, text, path, offset)]
    except yaml.YAMLError:
        return []
    return []


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, path: str, offset: int) -> Problem:
    """RA007 named in the catalogue's words: libyaml's own (English) are not passed on."""
    english = " ".join(filter(None, [err.context, err.problem]))

    def at(start: bool) -> tuple[int, int]:
        mark = (err.context_mark if start else None) or err.problem_mark or err.context_mark
        return (mark.line + offset, mark.column + 1) if mark else (offset, 1)

    if "exceeded maximum nesting depth" in english:
        return problem("RA011", path, *at(False), limit=MAX_DEPTH)
    habit = _line_habit(err, text)
    if habit is not None:
        line, name = habit
        quoted = _QUOTED_LINE.match(text.split("\n")[line]) if name == "smart_quotes" else None
        if quoted:  # the author's own line, to be written with straight quotes
            inner = quoted.group(2).rstrip().strip(TYPOGRAPHIC_QUOTES + " ")
            return problem("RA007", path, line + offset, 1, yaml=name, leaf=quoted.group(1), inner=inner)
        return problem("RA007", path, line + offset, 1, yaml=name)
    for needle, name, start in _YAML_PROBLEMS:
        if needle in english:
            return problem("RA007", path, *at(start), yaml=name)
    return problem("RA007", path, *at(False), yaml="other")


def _line_habit(err: yaml.MarkedYAMLError, text: str) -> tuple[int, str] | None:
    """A habit of _LINE_HABITS on the line where libyaml gave up, where the
    construct began, or the line before (a value that ran on into the next
    line), as (0-based line, name)."""
    lines = text.split("\n")
    candidates: list[int] = []
    for mark in (err.problem_mark, err.context_mark):
        if mark is not None:
            candidates.extend((mark.line, mark.line - 1))
    for number in dict.fromkeys(n for n in candidates if 0 <= n < len(lines)):
        for pattern, name in _LINE_HABITS:
            if pattern.search(lines[number]):
                return number, name
    return None


def _too_deep(data: Any) -> list[str | int] | None:
    """Path to the first value nested deeper than MAX_DEPTH, iteratively.

    Only containers are walked: a text at a depth within the limit can never be
    the answer, and making each its path was most of the time of this check."""
    stack: list[tuple[Any, list[str | int]]] = [(data, [])]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            return path
        children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        last = len(path) + 1 > MAX_DEPTH  # every child of this value is too deep
        stack.extend((child, [*path, key]) for key, child in children if last or isinstance(child, (dict, list)))
    return None
