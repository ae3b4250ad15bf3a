"""Problems printed for people, for GitHub and for programs.

GitHub workflow commands need their data and properties escaped (% CR LF,
and in properties also : and ,) or a message with a colon silently loses its
tail; that escaping lives here and nowhere else.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .catalogue import FORMATS, plural
from .problems import Problem


def text(problems: Sequence[Problem]) -> str:
    return "".join(
        f"{p.path}:{p.line}:{p.column}: {FORMATS['severity.' + p.severity]}: {p.message} [{p.code}]\n" for p in problems
    )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: Sequence[Problem]) -> str:
    lines = []
    for p in problems:
        command = "error" if p.is_error else "warning"
        title = f"{p.code} {p.title}"
        props = ",".join(
            f"{k}={_escape_property(str(v))}"
            for k, v in (("file", p.path), ("line", p.line), ("col", p.column), ("title", title))
        )
        lines.append(f"::{command} {props}::{_escape_data(p.message)}\n")
    return "".join(lines)


def as_json(problems: Sequence[Problem]) -> str:
    """The problems for programs: the sentence as shown, and the code's parameters as data."""
    return json.dumps(
        [
            {"path": p.path, "line": p.line, "column": p.column, "severity": p.severity, "code": p.code,
             "title": p.title, "message": p.message, "params": p.parameters}
            for p in problems
        ],
        ensure_ascii=False,
        indent=2,
    ) + "\n"


def summary_line(problems: Sequence[Problem], files: int) -> str:
    """The closing count: 'Inga fel i 1 fil.', '2 fel och 1 varning i 3 kontrollerade filer.'"""
    if not problems:
        return FORMATS["clean"].format(files=plural("files", files))
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    parts = []
    if errors:
        parts.append(plural("errors", errors))
    if warnings:
        parts.append(plural("warnings", warnings))
    return FORMATS["found"].format(found=FORMATS["and"].join(parts), files=_count("checked_files", files))


def _count(key: str, count: int) -> str:
    one, many = FORMATS[f"plural.{key}"].split("|")
    return f"{count} {one if count == 1 else many}"
