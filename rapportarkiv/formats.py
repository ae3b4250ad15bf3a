"""Problems printed for people, for GitHub and for programs.

GitHub workflow commands need their data and properties escaped (% CR LF,
and in properties also : and ,) or a message with a colon silently loses its
tail; that escaping lives here and nowhere else.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from . import catalogue
from .problems import Problem

SEVERITY_WORDS = {"error": "fel", "warning": "varning"}


def text(problems: Sequence[Problem]) -> str:
    return "".join(
        f"{p.path}:{p.line}:{p.column}: {SEVERITY_WORDS[p.severity]}: {p.message} [{p.code}]\n" for p in problems
    )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: Sequence[Problem]) -> str:
    lines = []
    for p in problems:
        command = "error" if p.is_error else "warning"
        title = f"{p.code} {catalogue.PROBLEMS[p.code].title}"
        props = ",".join(
            f"{k}={_escape_property(str(v))}"
            for k, v in (("file", p.path), ("line", p.line), ("col", p.column), ("title", title))
        )
        lines.append(f"::{command} {props}::{_escape_data(p.message)}\n")
    return "".join(lines)


def as_json(problems: Sequence[Problem]) -> str:
    return json.dumps(
        [
            {"path": p.path, "line": p.line, "column": p.column, "severity": p.severity, "code": p.code,
             "title": catalogue.PROBLEMS[p.code].title, "message": p.message}
            for p in problems
        ],
        ensure_ascii=False,
        indent=2,
    ) + "\n"


def summary_line(problems: Sequence[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    files_word = "fil" if files == 1 else "filer"
    if not problems:
        return f"Inga fel i {files} {files_word}."
    parts = []
    if errors:
        parts.append(f"{errors} fel")
    if warnings:
        parts.append(f"{warnings} {'varning' if warnings == 1 else 'varningar'}")
    checked = "kontrollerad" if files == 1 else "kontrollerade"
    return f"{' och '.join(parts)} i {files} {checked} {files_word}."
