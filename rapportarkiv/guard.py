"""The reviewer's guard: a published report is a record and is not rewritten silently.

``rapportarkiv check-history --base REF`` compares the working tree with the
published branch (REF, in CI the pull request's base) and fails when a report
that is published on REF is deleted or moved, when its ``date``, ``series`` or
slug change, when its content changes without a new ``revisions`` entry, when
an existing ``revisions`` entry is edited or removed (the log is append-only),
when a public report becomes internal without a new entry, or when it is
turned back into a draft. Reports that are drafts on REF, or not on REF at all,
are free to change.

"Published" here means present on REF and published by a merge
(``archive.MERGED``): not a draft. An embargoed report (``publish_at`` in the
future) counts as published, since it is merged and will appear without any
further review.

What counts as a change is the meaning, not the bytes: front matter is compared
as parsed data and the body as text with line endings normalised, so saving a
file from a Windows editor is not a change. Adding ``withdrawn`` is the way to
retract a report and needs no ``revisions`` entry; changing or removing a
withdrawal does.

What is published must be what is compared: a symbolic link, a special file
or a file in ``rapporter/`` that is neither a report nor a ``serie.yml`` is
refused in the working tree as the validator refuses it (:mod:`docs_tree`),
and a report that is a link on REF is compared with the file it pointed at.
A ``date`` rewritten as the same instant with another offset reads as another
time, so it is a change. A series' id, name, time zone or sections hold for
each of its published reports: changing them needs a new ``revisions`` entry
in each report they change (RA510).

git is asked twice, whatever the size of the archive: one ``ls-tree`` for the
files on REF and one ``cat-file --batch`` for their contents (a third only
while REF still holds a report that is a link).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from . import docs_tree, document, layout, matching, schemas, source, timestamps
from .archive import MERGED
from .catalogue import GUARD, HISTORY
from .field_changes import diff_fields
from .frontmatter import FrontMatter
from .git import Git, GitError, explain
from .problems import Problem, problem

DEFAULT_ZONE = "Europe/Stockholm"
# Keys with a check of their own; they are not listed again as "changed without a revision".
_OWN_CHECKS = ("series", "date", "draft", "revisions")
SYMLINK_MODE = "120000"


class GuardError(Exception):
    """The comparison cannot be made (no repository, unknown REF); the message is Swedish."""


def _parse(data: bytes, shown: str) -> FrontMatter | None:
    """A version's front matter (which holds its source), or None when it cannot be
    read: then there is nothing reliable to compare."""
    return document.read(data, shown).front


def toplevel(path: Path, git: Git | None = None) -> Path:
    """The top of the git working tree that holds ``path``."""
    git = git or Git(path)
    try:
        done = git.run(["rev-parse", "--show-toplevel"])
    except GitError as err:
        raise GuardError(HISTORY["no_git"] if err.missing else str(err)) from err
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", "replace")
        if "dubious ownership" in stderr:
            raise GuardError(explain(stderr, path))
        raise GuardError(HISTORY["guard_not_a_repo"].format(path=path))
    # git writes the path as the file system's bytes; Python reads paths in the locale's encoding.
    return Path(os.fsdecode(done.stdout.strip()))


@dataclass
class Verdict:
    problems: list[Problem]
    published: int  # published reports on the base that were compared


def check(repo_root: Path | str, base_ref: str, docs_rel: str = "docs", *, git: Git | None = None) -> Verdict:
    """Problems with published reports, comparing the working tree with ``base_ref``,
    and the number of published reports compared.

    Paths in problems are relative to ``repo_root`` (as GitHub annotations need).
    Raises :class:`GuardError` with a Swedish message when git cannot answer.
    """
    root = Path(repo_root)
    git = git or Git(root)
    prefix = PurePosixPath(docs_rel).as_posix().strip("/")
    prefix = "" if prefix in ("", ".") else prefix + "/"
    if base_ref.startswith("-"):
        raise GuardError(HISTORY["bad_base"].format(ref=base_ref))
    try:
        listing = git.run(["ls-tree", "-r", "-z", "--full-tree", f"{base_ref}^{{tree}}", "--", prefix or "."])
    except GitError as err:
        raise GuardError(HISTORY["no_git"] if err.missing else str(err)) from err
    if listing.returncode != 0:
        stderr = listing.stderr.decode("utf-8", "replace")
        if "not a git repository" in stderr:
            raise GuardError(HISTORY["guard_not_a_repo"].format(path=root))
        if "dubious ownership" in stderr:
            raise GuardError(explain(stderr, root))
        raise GuardError(HISTORY["bad_base"].format(ref=base_ref))

    on_base: dict[str, str] = {}  # docs-relative path -> blob
    linked: dict[str, str] = {}  # reports that are symbolic links on the base -> the link's blob
    series_on_base: dict[str, str] = {}  # serie.yml files on the base -> blob
    for entry in listing.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, full = entry.split("\t", 1)
        mode, kind, blob = meta.split()[:3]
        rel = full[len(prefix):]
        if kind != "blob" or not full.startswith(prefix):
            continue
        if mode == SYMLINK_MODE:
            if layout.is_report(rel):
                linked[rel] = blob
        elif layout.is_report(rel):
            on_base[rel] = blob
        elif layout.is_series(rel):
            series_on_base[rel] = blob
    try:
        contents = git.blobs([*on_base.values(), *linked.values(), *series_on_base.values()])
    except GitError as err:
        raise GuardError(str(err)) from err
    if linked:
        # What the build published for a linked report is the file it pointed at:
        # a third git process, only for an archive that still holds such links.
        try:
            through = git.blobs([f"{base_ref}:{prefix}{rel}" for rel in linked], follow_symlinks=True)
        except GitError as err:
            raise GuardError(str(err)) from err
        for rel in linked:
            on_base[rel] = f"{base_ref}:{prefix}{rel}"
            if on_base[rel] in through:
                contents[on_base[rel]] = through[on_base[rel]]

    docs = root / prefix if prefix else root
    tree = docs_tree.scan(docs)
    refused = {r.rel for r in tree.refused}
    cut = len(str(docs)) + 1
    in_tree: dict[str, Path] = {}
    for found in tree.reports:
        found_rel = found[cut:].replace(os.sep, "/")
        if layout.is_report(found_rel):
            in_tree[found_rel] = Path(found)
    new_files = {rel: path for rel, path in in_tree.items() if rel not in on_base}

    zones: dict[str, ZoneInfo] = {}
    problems: list[Problem] = [
        problem(r.code, prefix + r.rel if r.rel != "." else prefix.rstrip("/") or ".", **dict(r.params))
        for r in tree.refused
    ]
    deleted: list[tuple[str, FrontMatter | None, bytes]] = []
    published_data: dict[str, dict[str, Any]] = {}
    published = 0
    for rel, blob in sorted(on_base.items()):
        old_bytes = contents.get(blob, b"")
        old = _parse(old_bytes, prefix + rel)
        if old is not None and not MERGED.admits_written(old.data):
            continue  # a draft on the base is not published
        published += 1
        if rel in linked and blob not in contents:
            target = contents.get(linked[rel], b"").decode("utf-8", "replace")
            problems.append(problem("RA511", prefix + rel, 1, 1, base=base_ref, target=target))
        if old is not None:
            published_data[rel] = old.data
        if rel in in_tree:
            problems.extend(_compare_file(old, in_tree[rel], prefix + rel, docs, zones))
        elif rel not in refused:  # a link or special file in its place is refused as such
            deleted.append((rel, old, old_bytes))

    for rel, old, old_bytes in deleted:
        moved = _find_move(old, old_bytes, new_files)
        if moved is None:
            problems.append(problem("RA501", prefix + rel, 1, 1, base=base_ref))
            continue
        new_files.pop(moved)
        shown = prefix + moved
        old_slug, new_slug = layout.report_path(rel).slug, layout.report_path(moved).slug
        if old_slug != new_slug:
            problems.append(problem("RA505", shown, 1, 1, old=old_slug, new=new_slug, was=prefix + rel))
        else:
            problems.append(problem("RA502", shown, 1, 1, old=prefix + rel, new=shown))
        problems.extend(_compare_file(old, in_tree[moved], shown, docs, zones))
    for rel, blob in sorted(series_on_base.items()):
        problems.extend(_series_changes(rel, contents.get(blob, b""), docs, prefix, published_data, in_tree))
    return Verdict(sorted(problems, key=lambda p: (p.path, p.line, p.column, p.code)), published)


def _find_move(old: FrontMatter | None, old_bytes: bytes, candidates: dict[str, Path]) -> str | None:
    """The new file that is the deleted one under another name.

    The same bytes, or (like git's rename detection) at least half similar text
    with the same ``date``: reports share a template, so this week's report can
    look much like last week's, but a report of another date is another report.
    Deleting last week's report while adding this week's is a deletion.
    """
    old_pairs = _word_pairs(old_bytes)
    old_date = old.data.get("date") if old is not None else None
    best, best_ratio = None, 0.5
    for rel, path in sorted(candidates.items()):
        data = source.read_file(path, rel)[0]
        if data is None:
            continue  # the validator says why it cannot be read
        if data == old_bytes:
            return rel
        new = _parse(data, rel)
        if old_date is None or new is None or new.data.get("date") != old_date:
            continue
        ratio = _similarity(old_pairs, _word_pairs(data))
        if ratio >= best_ratio:
            best, best_ratio = rel, ratio
    return best


def _word_pairs(data: bytes) -> Counter[tuple[str, str]]:
    words = data.decode("utf-8", "replace").split()
    return Counter(pairwise(words))


def _similarity(old: Counter[tuple[str, str]], new: Counter[tuple[str, str]]) -> float:
    """Share of the text two versions have in common, in characters of neighbouring word pairs.

    Like git's rename detection, the texts are compared as a multiset of
    pieces, which is linear in their size; matching characters in order is
    quadratic, too slow for a long report. Pairs of words rather than
    lines, so that a small edit in every paragraph still leaves most in common."""

    def size(pair: tuple[str, str]) -> int:
        return len(pair[0]) + len(pair[1])

    common = sum(size(pair) * min(count, new[pair]) for pair, count in old.items() if pair in new)
    total = sum(size(pair) * n for pair, n in old.items()) + sum(size(pair) * n for pair, n in new.items())
    return 2 * common / total if total else 1.0


def _zone(docs: Path, series: Any, cache: dict[str, ZoneInfo]) -> ZoneInfo:
    """The series' time zone from its definition in the working tree (default Europe/Stockholm)."""
    key = str(series)
    if key not in cache:
        found = None
        definition = docs / layout.series_path(key) if layout.SLUG.match(key) else None
        data = source.read_file(definition, str(definition))[0] if definition is not None else None
        if data is not None:
            front = document.read(data, str(definition), whole=True).data
            if front is not None and isinstance(front.get("time_zone"), str):
                found = timestamps.zone(front["time_zone"])
        cache[key] = found or ZoneInfo(DEFAULT_ZONE)
    return cache[key]


def _same_instant(old: Any, new: Any, zone: ZoneInfo) -> bool:
    if old == new:
        return True
    if not (isinstance(old, str) and isinstance(new, str)):
        return False
    a, b = timestamps.parse(old, zone), timestamps.parse(new, zone)
    # The site shows a time with the offset it was written with: the same
    # instant written with another offset reads as another time (or day).
    return a is not None and b is not None and a == b and a.utcoffset() == b.utcoffset()


def _compare_file(
    old: FrontMatter | None, path: Path, shown: str, docs: Path, zones: dict[str, ZoneInfo]
) -> list[Problem]:
    """:func:`_compare` with the report's file as it is now; one that cannot be
    read (a link, a pipe, no permission) is a problem there: it cannot be checked."""
    data, unreadable = source.read_file(path, shown)
    return unreadable if data is None else _compare(old, data, shown, docs, zones)


def _compare(
    old: FrontMatter | None, new_bytes: bytes, shown: str, docs: Path, zones: dict[str, ZoneInfo]
) -> list[Problem]:
    """Problems of one published report whose file still exists (perhaps under a new name)."""
    new = _parse(new_bytes, shown)
    if old is None or new is None:
        # Unreadable now: the validator says why, with the line. Unreadable on the
        # base: there is nothing reliable to compare with.
        return []
    before, after = old.data, new.data
    out: list[Problem] = []

    def at(code: str, where: list[str | int], **params: Any) -> None:
        line, column = new.position(where)
        out.append(problem(code, shown, line, column, **params))

    if after.get("series") != before.get("series"):
        at("RA504", ["series"], old=before.get("series"), new=after.get("series"))
    if not _same_instant(before.get("date"), after.get("date"), _zone(docs, before.get("series"), zones)):
        at("RA503", ["date"], old=before.get("date"), new=after.get("date"))
    if after.get("draft") is True:
        at("RA509", ["draft"])

    old_revisions, new_revisions = _revisions(before), _revisions(after)
    for index, entry in enumerate(old_revisions):
        shown_date = entry.get("date", "…") if isinstance(entry, dict) else "…"
        if index >= len(new_revisions):
            at("RA507", ["revisions"], number=index + 1, date=shown_date, what=GUARD["revision.removed"])
        elif new_revisions[index] != entry:
            at("RA507", ["revisions", index], number=index + 1, date=shown_date, what=GUARD["revision.changed"])
    if _explained(before, after):
        return out

    changed: list[tuple[str, list[str | int]]] = []
    for change in diff_fields(before, after):
        key = change.key
        if key in _OWN_CHECKS or not change.value_changed:
            continue
        if key == "withdrawn" and key not in before:
            continue  # withdrawing is the allowed way to retract a published report
        if key == "classification" and before.get(key) == "public":
            at("RA508", ["classification"])
            continue
        changed.append((f"{key} ({change.label})", [key] if key in after else []))
    old_body, new_body = old.source.body.strip("\n"), new.source.body.strip("\n")
    if old_body != new_body:
        changed.append((HISTORY["changed_body"], _first_changed_line(old.source, new.source)))
    if changed:
        where = changed[0][1]
        if where and isinstance(where[0], int):  # a body line
            line, column = where[0], 1
        else:
            line, column = new.position(where, key=True)
        out.append(problem("RA506", shown, line, column, changed=", ".join(name for name, _ in changed)))
    return out


def _first_changed_line(old: source.Source, new: source.Source) -> list[str | int]:
    """The file line of the first body line that differs, as a one-item list."""
    a, b = old.body.split("\n"), new.body.split("\n")
    # Blank lines at the top of the body are not content.
    a_skip = len(a) - len(old.body.lstrip("\n").split("\n"))
    b_skip = len(b) - len(new.body.lstrip("\n").split("\n"))
    for tag, _i1, _i2, j1, _j2 in matching.line_opcodes(a[a_skip:], b[b_skip:])[0]:
        if tag != "equal":
            return [new.body_line + b_skip + min(j1, max(0, len(b) - b_skip - 1))]
    return [new.body_line]



def _revisions(data: dict[str, Any]) -> list[Any]:
    return data["revisions"] if isinstance(data.get("revisions"), list) else []


def _explained(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether a change is explained: the revisions log is intact and has a new entry."""
    old, new = _revisions(before), _revisions(after)
    return len(new) > len(old) and new[: len(old)] == old


# What a series holds for each of its published reports (see RA510): the keys
# whose change changes how a published report reads.
SERIES_KEYS = ("id", "name", "time_zone", "sections")


def _series_changes(
    rel: str, old_bytes: bytes, docs: Path, prefix: str, published: dict[str, dict[str, Any]],
    in_tree: dict[str, Path],
) -> list[Problem]:
    """A changed id, name, time zone or sections of a series is a change to its published reports.

    Each published report it touches needs a new revisions entry, as if the
    report itself had been edited. A time zone touches only the reports whose
    timestamps (written without an offset) become other instants, so a change
    to a zone with the same offsets on those dates needs none. A series whose
    definition is gone or unreadable now is the validator's to report.
    """
    shown = prefix + rel
    old = _series_data(old_bytes, shown)
    path = docs / rel
    if old is None or not path.is_file() or path.is_symlink():
        return []
    data = source.read_file(path, shown)[0]
    new_front = _series_front(data, shown) if data is not None else None
    if new_front is None:
        return []
    new = new_front.data
    members = {r: data for r, data in published.items() if data.get("series") == old.get("id")}
    out: list[Problem] = []
    for key in SERIES_KEYS:
        if old.get(key) == new.get(key):
            continue
        touched = [r for r, data in members.items() if _touched_by(key, data, old, new)]
        unexplained = [r for r in touched if not _explained_now(members[r], r, prefix, in_tree)]
        if not unexplained:
            continue
        listed = ", ".join(prefix + r for r in unexplained[:3])
        if len(unexplained) > 3:
            listed = GUARD["reports.more"].format(listed=listed, count=len(unexplained) - 3)
        count = GUARD["reports.one" if len(unexplained) == 1 else "reports.other"].format(count=len(unexplained))
        line, column = new_front.position([key])
        out.append(problem(
            "RA510", shown, line, column, key=key, label=_series_label(key), old=_short(old.get(key)),
            new=_short(new.get(key)), count=count, reports=listed,
        ))
    return out


def _series_front(data: bytes, shown: str) -> FrontMatter | None:
    return document.read(data, shown, whole=True).front


def _series_data(data: bytes, shown: str) -> dict[str, Any] | None:
    front = _series_front(data, shown)
    return front.data if front is not None else None


def _series_label(key: str) -> str:
    return schemas.property_schema("series", [key]).get("title", key)


def _short(value: Any) -> str:
    """A series value on one short line: sections as 'regular: A, B; extra: C'."""
    if isinstance(value, dict):
        text = "; ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in value.items())
    else:
        text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def _touched_by(key: str, report: dict[str, Any], old: dict[str, Any], new: dict[str, Any]) -> bool:
    if key == "sections":
        kind = report.get("type")
        old_sections, new_sections = old.get("sections"), new.get("sections")
        return not (isinstance(old_sections, dict) and isinstance(new_sections, dict)) or (
            old_sections.get(kind) != new_sections.get(kind)
        )
    if key != "time_zone":
        return True
    old_zone = timestamps.zone(str(old.get("time_zone"))) or ZoneInfo(DEFAULT_ZONE)
    new_zone = timestamps.zone(str(new.get("time_zone")))
    if new_zone is None:
        return False  # an unknown zone is the validator's (RA222)
    for value in _timestamps_of(report):
        if isinstance(value, str) and timestamps.parse(value, old_zone) != timestamps.parse(value, new_zone):
            return True
    return False


def _timestamps_of(report: dict[str, Any]) -> list[Any]:
    found = [report.get("date"), report.get("publish_at")]
    found += [r.get("date") for r in _revisions(report) if isinstance(r, dict)]
    if isinstance(report.get("withdrawn"), dict):
        found.append(report["withdrawn"].get("date"))
    return found


def _explained_now(before: dict[str, Any], rel: str, prefix: str, in_tree: dict[str, Path]) -> bool:
    """Whether the report's working-tree file has a new revisions entry (a moved or deleted one has its own problem)."""
    if rel not in in_tree:
        return True
    data = source.read_file(in_tree[rel], prefix + rel)[0]
    now = _parse(data, prefix + rel) if data is not None else None
    return now is not None and _explained(before, now.data)
