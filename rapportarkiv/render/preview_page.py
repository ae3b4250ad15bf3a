"""The page a preview server shows in place of the site when the site cannot be shown.

A static-site tool at its best shows a build's errors in the browser the
author is looking at (Vite's overlay, Hugo's error page), and takes them
away when the file is fixed. This is that page: the problems ``validate``
reports, file by file, each with its line and the catalogue's message; or,
when the build itself failed (git, Pagefind, a full disk, a fault in our
code), what stopped it and where the details are. It is a document of its
own, with nothing of the last site in it, so a broken preview never shows
pages that may no longer be true; the generator's adapter serves it at every
address and makes it reload with the site.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from .. import formats
from ..catalogue import PREVIEW
from ..problems import Problem
from .pages import _render


def problems_page(problems: Sequence[Problem], files_checked: int) -> str:
    """Every problem (errors first within each file), grouped by file in path order."""
    ordered = sorted(problems, key=lambda p: (p.path, not p.is_error, p.line, p.column, p.code))
    grouped = [(path, list(found)) for path, found in groupby(ordered, key=lambda p: p.path)]
    summary = PREVIEW["problems.summary"].format(summary=formats.summary_line(problems, files_checked))
    return _page(PREVIEW["problems.title"], PREVIEW["problems.heading"], problems=grouped, summary=summary)


def fault_page(reason: str | None, log: str | None = None) -> str:
    """A build that stopped: ``reason`` says why in Swedish; None means a fault in
    our code, whose details (for the maintainer, not the author) are in ``log``."""
    return _page(PREVIEW["fault.title"], PREVIEW["fault.heading"], reason=reason, log=log)


def _page(title: str, heading: str, **context: object) -> str:
    values = {"problems": None, "summary": None, "reason": None, "log": None} | context
    return _render("preview_page.html", "", words=PREVIEW, title=title, heading=heading, **values)
