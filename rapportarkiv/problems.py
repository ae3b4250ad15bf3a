"""Problems are data: every check returns them, nothing raises to the author.

A problem keeps what a check found, not a sentence: its code, where it is
(a file, a line and a column, 1-based) and its parameters (the key, the
value, what was expected …). The Swedish sentence is the catalogue's template
for the code, filled in when the problem is shown, so the terminal, GitHub
annotations, the JSON output and the job summary decide how to show it, and a
program reading the JSON gets the parameters as data (as python-jsonschema's
``ValidationError`` keeps the validator, the value, the path and the schema).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from . import catalogue

# What a parameter may hold: what JSON holds, so that a problem goes to the
# cache and to the JSON output and comes back as it was.
Param = str | int | float | bool | None


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    params: tuple[tuple[str, Param], ...] = ()
    severity: catalogue.Severity = "error"

    def __post_init__(self) -> None:
        # Accept a mapping or (name, value) pairs, as JSON gives them back as lists.
        pairs: Iterable[Sequence[object]] = (
            self.params.items() if isinstance(self.params, Mapping) else self.params
        )
        object.__setattr__(self, "params", tuple((str(name), _plain(value)) for name, value in pairs))

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def parameters(self) -> dict[str, Param]:
        return dict(self.params)

    @property
    def title(self) -> str:
        return catalogue.PROBLEMS[self.code].title

    @cached_property
    def message(self) -> str:
        """The finished Swedish sentence, from the catalogue's template for the code."""
        return catalogue.render(self.code, **self.parameters)


def _plain(value: object) -> Param:
    """A parameter as JSON can hold it; anything else as the text a template would show."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# Line breaks and control characters from a file would break the one-line
# formats (text, GitHub annotations), and direction controls would turn the rest
# of the message around; a pasted 100 kB key would flood them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+")
MAX_PARAMETER_LENGTH = 400


def _printable(value: object) -> object:
    if not isinstance(value, str):
        return value
    value = _UNPRINTABLE.sub(" ", value)
    return value if len(value) <= MAX_PARAMETER_LENGTH else value[: MAX_PARAMETER_LENGTH - 1] + "…"


def problem(code: str, path: str, line: int = 1, column: int = 1, **params: object) -> Problem:
    """The problem ``code`` at ``path``:``line``:``column``, with its parameters made safe to show."""
    entry = catalogue.PROBLEMS[code]
    return Problem(
        path=path,
        line=max(1, line),
        column=max(1, column),
        code=code,
        params=tuple((name, _plain(_printable(value))) for name, value in params.items()),
        severity=entry.severity,
    )


def closest_match(word: str, options: Sequence[str]) -> str | None:
    """The one of ``options`` an author most likely meant by ``word``, if one is near enough.

    A problem keeps it as its ``closest`` parameter; the catalogue says it
    ("Menade du …?") when the problem is shown."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return close[0] if close else None
