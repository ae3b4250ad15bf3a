"""Characters that do not belong in a report's text, found before they are published.

Text pasted from Word, PDF files and mail carries characters an author cannot
see: Word's manual line break (U+000B) and page break (U+000C), escape and
other control characters, zero-width spaces and joiners, and the bidirectional
controls that make text read differently from how it is stored. They reach
the pages raw, make XML feeds impossible to write (XML forbids most control
characters) and silently change meaning: "Anna Berg" with a zero-width space is
another spokesperson than "Anna Berg", and ``\\u202e`` turns a word around.

YAML's double-quoted escapes (``"\\e"``, ``"\\0"``, ``"\\x0b"``, ``"\\u202e"``)
produce the same characters from plain ASCII, so the front matter is checked
again after parsing: every key and every string value at any depth.

Each class has its own problem code and advice; NBSP and the joiner between
emoji are harmless and stay. The soft hyphen (U+00AD) is Word's optional
hyphen: in prose it only suggests where a long compound may break, but in a
name or a tag it makes two spellings of one word, so it is refused in the
front matter only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .catalogue import (
    CHARACTER_CLASSES,
    CHARACTER_HINTS,
    CHARACTER_NAMES,
    CHARACTER_PLACES,
)
from .problems import Problem, problem

if TYPE_CHECKING:
    from .frontmatter import FrontMatter

# Line breaks that editors show as breaks but Markdown and YAML do not take as ones.
_BREAKS = "\x0b\x0c\x85\u2028\u2029"
# Controls that reverse or embed the reading direction.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Characters that take no room and show nothing. The zero-width joiner and the
# variation selectors are part of an emoji (👩‍💻, ❤️) and stay there: see _in_emoji.
_INVISIBLE = (
    "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200d\u2060-\u2064\u206a-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef"
)
# Control characters (not tab or line feed) and code points that are not characters at all.
_CONTROL = (
    "\x00-\x08\x0d\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
)
_IN_PROSE = re.compile(f"[{_BREAKS}{_BIDI}{_INVISIBLE}{_CONTROL}]")
_IN_FIELDS = re.compile(f"[{_BREAKS}{_BIDI}{_INVISIBLE}{_CONTROL}\u00ad]")
# The refused characters Python calls printable (combining and filler marks,
# variation selectors): the only ones ``str.isprintable`` does not find. The
# variation selectors beyond the first plane (U+E0100–U+E01EF) are found by
# their first UTF-8 bytes, shared with the tag characters (U+E0000–U+E007F).
PRINTABLE_REFUSED = (
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05"
    "\ufe06\ufe07\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f\uffa0"
)
_TAGS_AND_SELECTORS = "\U000e0000".encode("utf-8")[:2]
# The characters XML 1.0 allows (feeds and sitemaps are XML).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

def code(char: str) -> str:
    """The problem code of a refused character: its class decides the advice."""
    if char in _BREAKS:
        return "RA021"
    if re.match(f"[{_BIDI}]", char):
        return "RA023"
    if re.match(f"[{_INVISIBLE}\u00ad]", char):
        return "RA022"
    return "RA020"


def describe(char: str) -> str:
    """'U+200B nollbredd mellanslag': the code point and a Swedish name."""
    name = CHARACTER_NAMES.get(char) or CHARACTER_CLASSES[code(char)]
    return f"U+{ord(char):04X} {name}"


def _in_emoji(text: str, index: int) -> bool:
    """A joiner between two pictographs (👩‍💻), or a variation selector after one (❤️, 1️⃣), is part of an emoji."""
    char = text[index]
    if index == 0 or not (char == "\u200d" or "\ufe00" <= char <= "\ufe0f"):
        return False
    before = text[index - 1]
    if not (unicodedata.category(before) in ("So", "Sk") or "\ufe00" <= before <= "\ufe0f"
            or "\U0001f3fb" <= before <= "\U0001f3ff" or (char != "\u200d" and before in "0123456789#*")):
        return False
    return char != "\u200d" or (index + 1 < len(text) and unicodedata.category(text[index + 1]) == "So")


def find(text: str, *, fields: bool = False) -> Iterator[int]:
    """Indexes of the refused characters in ``text`` (front-matter ``fields`` refuse the soft hyphen too).

    Almost every refused character is one Python does not call printable,
    and ``str.isprintable`` runs in C: a text that passes it (line breaks,
    tabs and no-break spaces aside) and holds none of the few printable
    ones needs no scan at all, which is most texts."""
    if text.replace("\n", "").replace("\t", "").replace("\xa0", "").isprintable() and not any(
        char in text for char in PRINTABLE_REFUSED
    ) and (text.isascii() or _TAGS_AND_SELECTORS not in text.encode("utf-8", "surrogatepass")):
        return
    pattern = _IN_FIELDS if fields else _IN_PROSE
    for match in pattern.finditer(text):
        if not _in_emoji(text, match.start()):
            yield match.start()


def hint(char: str) -> str:
    """What to do about a refused character, for messages that say it in one sentence."""
    return CHARACTER_HINTS.get(code(char), CHARACTER_HINTS["other"])


def check_text(text: str, path: str, first_line: int, *, fields: bool = False) -> list[Problem]:
    """Every refused character of ``text`` (whose first line is the file's ``first_line``), with its position."""
    out: list[Problem] = []
    for index in find(text, fields=fields):
        line = text.count("\n", 0, index) + first_line
        column = index - text.rfind("\n", 0, index)
        char = text[index]
        out.append(problem(code(char), path, line, column, char=describe(char),
                           place=CHARACTER_PLACES["typed"].format(line=line, column=column)))
    return out


def check_front_matter(front: FrontMatter) -> list[Problem]:
    """Refused characters in the front matter, as typed or as made by YAML escapes.

    Characters typed as they are get their exact line and column. Those an
    escape made exist only after parsing; they are found in every key and
    string value, and pointed at with the value's line and their place in it."""
    src = front.source
    typed = check_text(src.front_matter, src.path, src.front_matter_line, fields=True)
    if typed or "\\" not in src.front_matter:
        return typed  # only a double-quoted value's backslash escape can make a character not typed
    out: list[Problem] = []
    for where, text, is_key in _texts(front.data, []):
        for index in find(text, fields=True):
            line, column = front.position(where, key=is_key)
            name = _IN_FIELDS.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", " › ".join(str(s) for s in where))
            char = text[index]
            place = CHARACTER_PLACES["escaped"].format(
                what=CHARACTER_PLACES["key" if is_key else "value"], name=name, line=line, index=index + 1)
            out.append(problem(code(char), src.path, line, column, char=describe(char), place=place))
            break  # one problem per value: the author rewrites the value anyway
    return out


def _texts(value: Any, where: list[str | int]) -> Iterator[tuple[list[str | int], str, bool]]:
    """(path, text, is it a key) for every key and string value, at any depth."""
    if isinstance(value, str):
        yield where, value, False
    elif isinstance(value, dict):
        for key, child in value.items():
            yield [*where, key], str(key), True
            yield from _texts(child, [*where, key])
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _texts(child, [*where, index])


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold, for output written as XML.

    Validated reports hold none; this keeps a feed writable if one slipped by."""
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text
