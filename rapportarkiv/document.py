"""A file as written: its text, its front matter and its YAML, read but not judged.

Bytes → text → front matter → YAML is the same walk for the validator, the
history guard, the history of versions, the pull-request summary and the
comparison of two versions; they differ only in what they make of the result.
The validator judges it (schema, rules) and wants the problem that stopped the
walk; a comparison must show what a file held, whatever it held, and wants
what could be read. :func:`read` serves both: it stops at the first step that
fails and keeps that step's problems, and judges nothing beyond the YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import frontmatter, source
from .frontmatter import FrontMatter
from .problems import Problem


@dataclass(frozen=True)
class Document:
    """How far a file could be read: each part is None from the step that failed on.

    ``problems`` say why that step failed (nothing when every step succeeded)."""

    text: str | None  # None: the bytes are not text (or too many, or none)
    source: source.Source | None  # None: no front matter block
    front: FrontMatter | None  # None: the front matter is not a YAML mapping we read
    problems: list[Problem] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any] | None:
        """The front matter's data, or None when it cannot be read."""
        return self.front.data if self.front is not None else None

    @property
    def body(self) -> str | None:
        """The prose as a comparison shows it: after the front matter, or all of
        the text when there is no readable front matter (None when no text)."""
        if self.front is None or self.source is None:
            return self.text
        return self.source.body


def read(data: bytes, shown: str = "", *, whole: bool = False) -> Document:
    """Read a file's bytes as far as they go. ``shown`` names the file in problems.

    ``whole``: the file is all front matter and no body, as a series' ``serie.yml``."""
    text, problems = source.decode(data, shown)
    if text is None:
        return Document(None, None, None, problems)
    if whole:
        src: source.Source | None = source.as_document(text, shown)
    else:
        src, problems = source.split(text, shown)
    if src is None:
        return Document(text, None, None, problems)
    front, problems = frontmatter.parse(src)
    return Document(text, src, front, problems)
