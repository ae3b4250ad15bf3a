"""Problems are data: every check returns them, nothing raises to the author.

A problem always names a file, a line and a column (1-based), so that the
terminal, GitHub annotations and the job summary can point at the exact place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import catalogue


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    message: str
    severity: catalogue.Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


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
    """Build the problem ``code`` with its Swedish message filled in."""
    entry = catalogue.PROBLEMS[code]
    return Problem(
        path=path,
        line=max(1, line),
        column=max(1, column),
        code=code,
        message=catalogue.render(code, **{k: _printable(v) for k, v in params.items()}),
        severity=entry.severity,
    )
