"""What lies below the docs folder, and what may not.

MkDocs publishes every file below ``docs/`` (it even follows links to folders
as it walks), but the validator reads only reports and series definitions, and
the history guard only compares what git holds. Anything published that they
do not read is published unchecked: a symbolic link shows the checks one text
and the readers another, and an ``.html`` file next to the reports carries a
``<script>`` into both builds. So the tree is walked once, without following
a single link (a link to a folder, even a loop, is seen as a link and never
entered), and everything that is not plainly checked is refused:

* symbolic links anywhere below ``docs/`` (RA015), whatever they point at;
* anything that is not a regular file or folder (a FIFO would make the build
  wait forever) (RA231);
* below ``docs/rapporter/``, every file but a series' ``serie.yml`` and
  Markdown files, which are checked as reports (a misnamed or misplaced one
  gets the report rules' own message); hidden files and folders included,
  so what is allowed there can be said in one sentence (RA230).

The site's own pages and assets outside ``rapporter/`` are ordinary files
and stay free. The walk replaces the validator's old ``os.walk`` of the
reports folder and costs no more: one ``scandir`` per folder and no ``stat``
where the file system reports each entry's type.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import faults, layout
from .catalogue import FILE_KINDS, PATHS


@dataclass(frozen=True)
class Refusal:
    """One entry below the docs folder that may not be there: ``rel`` is POSIX, below docs."""

    rel: str
    code: str
    params: tuple[tuple[str, Any], ...] = ()


@dataclass
class Tree:
    """Series definitions and report files (absolute path strings, sorted), and what was refused."""

    series: list[str] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


def _refusal(rel: str, code: str, **params: Any) -> Refusal:
    return Refusal(rel, code, tuple(sorted(params.items())))


def _link_target(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "…"


def _special_kind(path: str) -> str:
    """What a non-regular entry is, in the words RA520 uses for the same thing."""
    try:
        return faults.file_kind(os.lstat(path).st_mode)
    except OSError:
        return FILE_KINDS["other"]


def refused_here(rel: str) -> Refusal:
    """The refusal of a non-Markdown file at ``rel`` below ``rapporter/`` that is not a series definition."""
    return _refusal(
        rel, "RA230", name=rel.rsplit("/", 1)[-1], reports_dir=layout.REPORTS_DIR, series_file=layout.SERIES_FILE,
        report_form=PATHS["report_form"].format(reports_dir=layout.REPORTS_DIR),
    )


def allowed_in_reports(rel: str) -> bool | None:
    """Whether a regular file at ``rel`` (below docs, inside ``rapporter/``) may be there.

    True for a series definition, None for a Markdown file (the report rules
    judge its name and place), False for anything else. Hidden files are never
    allowed: a reviewer cannot see them in most file browsers.
    """
    name = rel.rsplit("/", 1)[-1]
    if name.startswith("."):
        return False
    if layout.is_series(rel):
        return True
    if name.endswith(layout.MARKDOWN_SUFFIXES):
        return None
    return False


def scan(docs: Path) -> Tree:
    """Walk ``docs`` without following links; see the module docstring for what is refused."""
    tree = Tree()
    root = str(docs)
    if os.path.islink(root):
        tree.refused.append(_refusal(".", "RA015", target=_link_target(root)))
        return tree
    reports_root = os.path.join(root, layout.REPORTS_DIR)
    cut = len(root) + 1
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                listing = list(entries)
        except OSError as err:
            rel = folder[cut:].replace(os.sep, "/") or "."
            tree.refused.append(_refusal(rel, "RA000", reason=err.strerror or err))
            continue
        inside = folder == reports_root or folder.startswith(reports_root + os.sep)
        for entry in listing:
            path = entry.path
            rel = path[cut:].replace(os.sep, "/")
            if entry.is_symlink():
                tree.refused.append(_refusal(rel, "RA015", target=_link_target(path)))
            elif entry.is_dir(follow_symlinks=False):
                if inside and entry.name.startswith("."):
                    tree.refused.append(refused_here(rel))
                else:
                    pending.append(path)
            elif not entry.is_file(follow_symlinks=False):
                tree.refused.append(_refusal(rel, "RA231", kind=_special_kind(path)))
            elif inside:
                allowed = allowed_in_reports(rel)
                if allowed is None:
                    tree.reports.append(path)
                elif allowed:
                    tree.series.append(path)
                else:
                    tree.refused.append(refused_here(rel))
    tree.series.sort()
    tree.reports.sort()
    tree.refused.sort(key=lambda r: r.rel)
    return tree
