"""Every published version of every report, read from git.

A report is a record once it is published, so the archive shows each state it
has had on the main branch. A *version* is one state of a report file on the
first-parent history of the published branch: one merged pull request, squashed
or merged with a merge commit, is one version, and the commits inside a merged
branch are not. Version 1 is the first published state.

Decisions, so that every caller sees the same numbering:

* Only a change of the file's content (its blob) makes a new version. A pure
  rename (same bytes, new path) moves the report's history to the new path
  without a new version; a rename with edits is one new version at the new path.
* States with ``draft: true`` are not published and are not versions (and a
  report published again unchanged after a spell as a draft gets no new one).
* A file deleted and later added again at the same path continues its history:
  the path is the report's address, and the address is its identity.

The common MkDocs plugins spawn git once (or twice) per page, a cost that
grows with the archive until it exceeds the rest of the build. Here the entire
archive is read in a constant number of git processes, whatever the number of
files and commits: one ``rev-parse`` (repository, shallow clone, commit), one
``log`` over the first-parent history with rename detection, one ``status`` for
uncommitted edits and one ``cat-file --batch`` for the contents of every
version. Every spawn goes through :class:`Git`, which counts them, so tests and
the benchmark can prove it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from . import layout, source
from .catalogue import HISTORY
from .git import Git, GitError

# The header of each commit in our `git log` format: record separator, then
# unit-separated fields. Subjects come last so that nothing in them can shift
# the other fields.
_HEADER = "%x1e%H%x1f%cI%x1f%s"
# A top-level key starts a line; the first line of a report is always "---".
_DRAFT_KEY = b"\ndraft:"
_SYMLINK_MODE = "120000"


@dataclass(frozen=True)
class Version:
    """One published state of a report."""

    number: int
    commit: str
    date: datetime  # committer date of the first-parent commit: when it reached the branch
    path: str  # below the docs folder, as the file was named in this version
    blob: str
    subject: str  # the commit's subject line, e.g. the merged pull request's title
    data: bytes = field(repr=False, compare=False)


@dataclass
class ReportHistory:
    """All versions of one report, under its path at ``ref`` (or in the working tree)."""

    path: str
    versions: list[Version] = field(default_factory=list)
    # In the working tree the file differs from the commit read (an unpublished state).
    dirty: bool = False
    # The working tree's bytes when ``dirty``; None when the file was deleted there.
    working: bytes | None = None
    # Every path the report has had, oldest first (more than one after a rename).
    paths: list[str] = field(default_factory=list)

    @property
    def current(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    @property
    def published(self) -> bool:
        return bool(self.versions)


@dataclass
class History:
    """The archive's history as read from git at ``ref``.

    ``available`` is False when there is no git, no repository or no commit;
    the site then builds without versions. ``shallow`` means the clone lacks
    older commits: versions are incomplete, which a preview may accept but a
    production build must not (see :func:`production_error`).
    """

    available: bool
    reason: str | None = None  # key in catalogue.HISTORY when not available
    shallow: bool = False
    ref: str = "HEAD"
    commit: str | None = None
    reports: dict[str, ReportHistory] = field(default_factory=dict)
    # Reports deleted on the branch (their last path → history), kept for the record.
    removed: dict[str, ReportHistory] = field(default_factory=dict)
    git_processes: int = 0
    # ``reports`` as committed, before the working tree's edits were marked: a
    # preview's next read of the same commit starts from here (see read_history).
    committed: dict[str, ReportHistory] = field(default_factory=dict, repr=False, compare=False)

    def __getitem__(self, path: str) -> ReportHistory:
        return self.reports[path]

    def get(self, path: str) -> ReportHistory | None:
        return self.reports.get(path)

    def versions(self, path: str) -> list[Version]:
        found = self.reports.get(path)
        return found.versions if found else []

    @property
    def message(self) -> str | None:
        """What a preview says about missing versions, or None when history is complete."""
        if not self.available:
            return HISTORY[self.reason or "not_a_repo"]
        if self.shallow:
            return HISTORY["shallow_preview"]
        return None


def production_error(history: History) -> str | None:
    """The Swedish reason a production build must stop, or None when it may go on."""
    if history.shallow:
        return HISTORY["shallow_build"]
    if not history.available:
        return HISTORY["unavailable_build"].format(reason=HISTORY[history.reason or "not_a_repo"])
    return None


@dataclass
class _Lineage:
    path: str
    states: list[tuple[str, datetime, str, str, str]] = field(default_factory=list)  # commit, date, path, blob, subject
    paths: list[str] = field(default_factory=list)


def read_history(
    repo_root: Path | str, docs_rel: str = "docs", ref: str = "HEAD", previous: History | None = None
) -> History:
    """Read every version of every report below ``docs_rel`` on the first-parent history of ``ref``.

    ``repo_root`` is a folder of the working tree (normally its top);
    ``docs_rel`` the docs folder relative to it. Paths in the result are relative to the docs folder, as in
    :mod:`rapportarkiv.layout`. Never raises for a missing git or repository:
    the result says so instead. When ``previous`` (a preview's last read) was
    read at the same commit, its versions are taken over and only the working
    tree is looked at again: an author's edits change that, not the commits.
    """
    git = Git(repo_root)
    try:
        head = git.run(["rev-parse", "--is-shallow-repository", "--show-toplevel", "--verify", "-q", f"{ref}^{{commit}}"])
    except GitError as err:
        return History(False, "no_git" if err.missing else "not_a_repo", ref=ref, git_processes=git.spawned)
    lines = head.stdout.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) < 2:
        return History(False, "not_a_repo", ref=ref, git_processes=git.spawned)
    shallow = lines[0] == "true"
    # Paths in git's output are relative to the top of the working tree; the docs
    # folder is given relative to ``repo_root``, which may be below that top.
    # git writes the path as the file system's bytes; Python reads paths in the locale's encoding.
    top = Path(os.fsdecode(head.stdout.splitlines()[1]))
    try:
        inside = (Path(repo_root).resolve() / docs_rel).relative_to(top.resolve()).as_posix()
    except ValueError:
        return History(False, "not_a_repo", ref=ref, git_processes=git.spawned)
    prefix = "" if inside in ("", ".") else inside.strip("/") + "/"
    git.cwd = top
    if head.returncode != 0 or len(lines) < 3:
        # A repository without that commit: nothing published yet (or a wrong ref).
        reason = "no_commits" if ref == "HEAD" else "bad_ref"
        history = History(False, reason, shallow=shallow, ref=ref, git_processes=git.spawned)
        if reason == "no_commits":
            _working_state(git, prefix, history, None)  # every report is an unpublished local state
        history.git_processes = git.spawned
        return history
    commit = lines[2]
    if previous is not None and previous.available and (previous.commit, previous.ref, previous.shallow) == (commit, ref, shallow):
        history = History(True, None, shallow=shallow, ref=ref, commit=commit)
        history.committed, history.removed = previous.committed, previous.removed
        history.reports = {p: replace(entry) for p, entry in previous.committed.items()}
        _working_state(git, prefix, history, commit)
        history.git_processes = git.spawned
        return history

    log = git.output([
        "log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--root", "-M",
        "--raw", "--no-abbrev", "-z", "--no-color", "--no-mailmap", f"--format={_HEADER}",
        commit, "--", prefix or ".",
    ])
    live, removed = _lineages(log, prefix)

    reports = {p: lin for p, lin in live.items() if layout.is_report(p)}
    gone = {p: lin for p, lin in removed.items() if layout.is_report(p)}
    contents = git.blobs(s[3] for lin in (*reports.values(), *gone.values()) for s in lin.states)

    history = History(True, None, shallow=shallow, ref=ref, commit=commit, git_processes=git.spawned)
    history.reports = {p: _versions(lin, contents) for p, lin in sorted(reports.items())}
    history.removed = {p: _versions(lin, contents) for p, lin in sorted(gone.items())}
    history.committed = {p: replace(entry) for p, entry in history.reports.items()}
    _working_state(git, prefix, history, commit)
    history.git_processes = git.spawned
    return history


def _lineages(log: bytes, prefix: str) -> tuple[dict[str, _Lineage], dict[str, _Lineage]]:
    """Walk the log oldest first, following renames; returns (present, deleted) lineages."""
    live: dict[str, _Lineage] = {}
    removed: dict[str, _Lineage] = {}
    tokens = log.decode("utf-8", "surrogateescape").split("\0")
    commit, when, subject = "", datetime.min, ""
    index = 0

    def rel(path: str) -> str | None:
        return path[len(prefix):] if path.startswith(prefix) else None

    while index < len(tokens):
        token = tokens[index].lstrip("\n")
        index += 1
        if token.startswith("\x1e"):
            commit, date_text, subject = token[1:].split("\x1f", 2)
            when = datetime.fromisoformat(date_text)
            continue
        if not token.startswith(":"):
            continue
        fields = token.split()
        mode, blob, status = fields[1], fields[3], fields[4]
        if status[0] in "RC":
            old, new = rel(tokens[index]), rel(tokens[index + 1])
            index += 2
        else:
            old = new = rel(tokens[index])
            index += 1
        if status[0] == "D":
            if old in live:
                removed[old] = live.pop(old)
            continue
        if new is None:
            if old is not None and old in live:
                removed[old] = live.pop(old)  # moved out of the docs folder: gone from the archive
            continue
        if status[0] == "R" and old in live:
            lineage = live.pop(old)
            lineage.path = new
        elif new in live:
            lineage = live[new]
        else:
            lineage = removed.pop(new) if new in removed else _Lineage(new)
        live[new] = lineage
        if not lineage.paths or lineage.paths[-1] != new:
            lineage.paths.append(new)
        if mode == _SYMLINK_MODE:
            continue  # a link's blob is a path, not a report: never a version (the build refuses links)
        if not lineage.states or lineage.states[-1][3] != blob:
            lineage.states.append((commit, when, new, blob, subject))
    return live, removed


def _published(data: bytes) -> bool:
    """Whether a merge of this state publishes it (``archive.MERGED``: only a draft
    is not), its front matter read as the validator reads it."""
    if _DRAFT_KEY not in data:
        return True  # the cheap test first: almost no state mentions draft at the top level
    from .archive import MERGED  # the YAML parser is only needed for the few that do
    from .document import read

    front = read(data).data
    return front is None or MERGED.admits_written(front)


def _versions(lineage: _Lineage, contents: dict[str, bytes]) -> ReportHistory:
    versions: list[Version] = []
    for commit, when, path, blob, subject in lineage.states:
        data = contents.get(blob, b"")
        if not _published(data) or (versions and versions[-1].blob == blob):
            continue  # unpublished, or published again exactly as it was after being a draft
        versions.append(Version(len(versions) + 1, commit, when, path, blob, subject, data))
    return ReportHistory(lineage.path, versions, paths=list(lineage.paths))


def _working_state(git: Git, prefix: str, history: History, commit: str | None) -> None:
    """Mark reports whose working-tree file differs from ``commit`` (uncommitted edits).

    Only meaningful when the commit read is the checked-out one; one
    ``git status`` process covers the whole docs folder.
    """
    done = git.run(["status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all",
                    "--no-renames", "--", prefix or "."])
    if done.returncode != 0:
        return
    tokens = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    head: str | None = None
    changed: list[str] = []
    for token in tokens:
        if token.startswith("# branch.oid "):
            head = token.split()[2]
        elif token[:2] in ("1 ", "u "):
            changed.append(token.split(" ", 8 if token[0] == "1" else 10)[-1])
        elif token.startswith("? "):
            changed.append(token[2:])
    if commit is not None and head != commit:
        return  # the working tree is not a checkout of what was read
    root = git.cwd
    for full in changed:
        if not full.startswith(prefix):
            continue
        rel = full[len(prefix):]
        if not layout.is_report(rel):
            continue
        # Never a link's target nor past the size limit: the validator says why not.
        working = source.read_file(root / full, full)[0]
        entry = history.reports.get(rel)
        if entry is None:
            entry = history.reports[rel] = ReportHistory(rel, paths=[rel])
        entry.dirty = True
        entry.working = working
