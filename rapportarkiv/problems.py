"""Problems are data: every check returns them, nothing raises to the author.

A problem always names a file, a line and a column (1-based), so that the
terminal, GitHub annotations and the job summary can point at the exact place.
"""

from __future__ import annotations

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


def problem(code: str, path: str, line: int = 1, column: int = 1, **params: object) -> Problem:
    """Build the problem ``code`` with its Swedish message filled in."""
    entry = catalogue.PROBLEMS[code]
    return Problem(
        path=path,
        line=max(1, line),
        column=max(1, column),
        code=code,
        message=catalogue.render(code, **params),
        severity=entry.severity,
    )
