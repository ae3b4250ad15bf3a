"""What a pull request changes: the files it adds, changes, renames and deletes.

The job summary shows a card for every report a pull request touches, and CI
runs the test suite only when more than reports changed. Both need the same
two facts from git, and both must stay cheap on an archive of thousands of
reports, so git is asked in a constant number of processes: one
``git diff --name-status`` for the list, one ``git cat-file --batch`` for the
old contents of every file at once.

The diff compares the base ref with the working tree, so what is checked is
what the author has in front of them; in CI the working tree is the merge
commit GitHub made, so this is exactly the pull request's change.

Run as ``python -m rapportarkiv.changes --base REF --code-changed`` it tells
the Makefile whether the test suite is needed: exit 1 only when it is certain
that nothing but reports changed, exit 0 otherwise (also when git cannot
answer, so that a broken check never skips the tests).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import layout
from .catalogue import HISTORY, SUMMARY
from .git import Git, GitError


@dataclass(frozen=True)
class Change:
    """One changed file, paths relative to the repository root (POSIX)."""

    status: str  # "A" added, "M" modified, "D" deleted, "R" renamed, "C" copied, "T" type changed
    path: str
    old_path: str | None = None  # the path at the base: differs from ``path`` for a rename

    @property
    def before(self) -> str | None:
        """The path to read at the base, or None for a new file."""
        if self.status in ("A", "C"):
            return None
        return self.old_path or self.path


def diff(repo: Path, base: str) -> list[Change]:
    """Every file that differs between ``base`` and the working tree, renames followed."""
    if base.startswith("-"):
        raise GitError(HISTORY["git.unknown_ref"].format(ref=base))
    out = Git(repo).output(["diff", "--name-status", "-M", "-z", base, "--"])
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    changes: list[Change] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in ("R", "C"):
            changes.append(Change(status, fields[i + 2], fields[i + 1]))
            i += 3
        else:
            changes.append(Change(status, fields[i + 1], fields[i + 1] if status != "A" else None))
            i += 2
    return changes


def read_at(repo: Path, base: str, paths: Iterable[str]) -> dict[str, bytes | None]:
    """The contents of ``paths`` at ``base`` in one git process; None where a path does not exist."""
    wanted = list(dict.fromkeys(paths))
    if not wanted:
        return {}
    found = Git(repo).blobs(f"{base}:{p}" for p in wanted)
    return {p: found.get(f"{base}:{p}") for p in wanted}


def is_report_change(change: Change, docs_prefix: str) -> bool:
    """Whether a change touches a report file below the docs folder (``docs_prefix`` ends with '/')."""
    return any(
        p is not None and p.startswith(docs_prefix) and layout.is_report(p[len(docs_prefix):])
        for p in (change.path, change.old_path)
    )


def code_changed(changes: Sequence[Change], docs_prefix: str = "docs/") -> bool:
    """True when anything but report files and series definitions changed."""
    reports_root = f"{docs_prefix}{layout.REPORTS_DIR}/"

    def is_content(path: str | None) -> bool:
        return path is None or (path.startswith(reports_root) and PurePosixPath(path).suffix in (".md", ".yml"))

    return any(not (is_content(c.path) and is_content(c.old_path)) for c in changes)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rapportarkiv.changes")
    parser.add_argument("--base", required=True, help="the ref to compare with, e.g. origin/main")
    parser.add_argument("--code-changed", action="store_true",
                        help="exit 0 if anything but reports changed (run the tests), 1 if only reports did")
    parser.add_argument("--repo", default=".")
    args = parser.parse_args(argv)
    try:
        changes = diff(Path(args.repo), args.base)
    except GitError as err:
        print(SUMMARY["changes_unknown"].format(base=args.base, reason=err), file=sys.stderr)
        return 0
    if not args.code_changed:
        for c in changes:
            print(f"{c.status}\t{c.old_path}\t{c.path}" if c.status in ("R", "C") else f"{c.status}\t{c.path}")
        return 0
    if code_changed(changes):
        print(SUMMARY["changes_code"].format(base=args.base), file=sys.stderr)
        return 0
    print(SUMMARY["changes_reports_only"].format(base=args.base), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
