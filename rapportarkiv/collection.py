"""From a docs folder to validated models: the one pipeline every entry point uses.

file → decode → split → parse YAML → schema → rules → model. The command line,
CI, the pre-commit hook and the MkDocs build all call ``load``, so what passes
in CI is exactly what builds. Each step works on bytes and names, not on
open files, so old versions read from git go through the same checks.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import astuple, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from . import cache, catalogue, characters, docs_tree, document, layout, report_links, rules, schemas, source, workers
from .model import Report, Series
from .problems import Problem, problem


RACY_SECONDS = 2

# A report file's verdict: its model (when asked for and there is no error),
# its problems, and what the check of links across the archive needs of it.
Verdict = tuple[Report | None, list[Problem], report_links.State | None]


@dataclass
class Collection:
    """Everything found below a docs folder: series, reports and problems."""

    docs: Path
    series: dict[str, Series] = field(default_factory=dict)
    reports: list[Report] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0
    # Each report file's verdict by its cache key (path, size, modification time),
    # for the next load in the same process: a preview's rebuild (see ``load``).
    verdicts: dict[tuple, Verdict] = field(default_factory=dict, repr=False)
    fingerprint: str = ""  # of the series and code the verdicts were judged against

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def load_series(data: bytes, shown: str, rel: str) -> tuple[Series | None, list[Problem]]:
    read = document.read(data, shown, whole=True)
    front = read.front
    if front is None:
        return None, read.problems
    problems = characters.check_front_matter(front)
    if problems:
        return None, problems
    problems = schemas.check("series", front)
    if problems:
        return None, problems
    problems = rules.check_series(front, rel)
    if any(p.is_error for p in problems):
        return None, problems
    return Series.from_data(front.data, rel), problems


def load_report(
    data: bytes, shown: str, rel: str, series: dict[str, Series]
) -> tuple[Report | None, list[Problem]]:
    """Check one report's bytes; the model is only built when there is no error."""
    read = document.read(data, shown)
    src, front = read.source, read.front
    if src is None:
        return None, read.problems
    if front is None:
        return None, read.problems + rules.check_body(src)
    # Before the schema: a key or value with an invisible character would
    # otherwise be reported as unknown while it reads as a known one.
    problems = characters.check_front_matter(front)
    if problems:
        return None, problems + rules.check_body(src)
    problems = schemas.check("report", front)
    if problems:
        # The front matter is unusable, but the prose can still be checked,
        # so the author sees every problem of the file in one run.
        return None, problems + rules.check_body(src)
    problems = rules.check_report(front, rel, series)
    if any(p.is_error for p in problems):
        return None, problems
    known = series[front.data["series"]]
    return Report.from_data(front.data, rel, src.body, src.body_line, known.time_zone), problems


def discover(docs: Path) -> tuple[list[Path], list[Path], list[docs_tree.Refusal]]:
    """Series definitions and report files below ``docs``, in a stable order,
    and the entries that may not be there at all (see :mod:`docs_tree`).

    Sorted as strings: a run that finds every verdict in the cache does little
    else per file, and pathlib's rglob and Path comparisons would be most of it."""
    tree = docs_tree.scan(docs)
    return [Path(p) for p in tree.series], [Path(p) for p in tree.reports], tree.refused


def _shown_prefix(docs: Path, base: Path | None) -> str:
    """How the docs folder is shown to the author: relative to the working folder
    when it lies below it. Computed once, so each file costs no system call."""
    docs_abs = docs.resolve()
    try:
        return docs_abs.relative_to((base or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return docs_abs.as_posix()


def _shown(rel: str, prefix: str) -> str:
    return rel if prefix in ("", ".") else f"{prefix}/{rel}"


def load(
    docs: Path, only: Iterable[Path] | None = None, base: Path | None = None, *,
    use_cache: bool = True, models: bool = True, previous: Collection | None = None, now: datetime | None = None,
) -> Collection:
    """Load and check the archive below ``docs``.

    ``only`` limits which report files are checked (series definitions are
    always read, since reports refer to them). Paths in problems are shown
    relative to ``base`` (default: the working folder). ``models=False`` skips
    building the report list, for callers that only want problems.
    ``previous`` is an earlier load in this process (a preview's last build):
    its verdicts on unchanged files are taken as they are, the same objects,
    without reading the cache from disk.
    ``now`` is the clock a link to an embargoed report is judged by (default: now).
    """
    collection = Collection(docs)
    prefix = _shown_prefix(docs, base)
    series_files, report_files, refused = discover(docs)
    # Addresses are unique across the whole archive, also when only some files
    # are checked: a new file may take the address of one already published.
    # A file named and placed like a report keeps its address; the file that
    # would shadow it (x.markdown, x/index.md) is the problem.
    # Every report file lies below docs/rapporter (discover walks only there).
    cut = len(str(docs / layout.REPORTS_DIR)) + 1
    rels = {file: f"{layout.REPORTS_DIR}/{str(file)[cut:]}".replace(os.sep, "/") for file in report_files}
    owners: dict[str, Path] = {}
    for file in sorted(report_files, key=lambda p: (not _named_like_a_report(rels[p]), rels[p])):
        owners.setdefault(layout.page_url(rels[file]), file)
    if only is not None:
        wanted = {p.resolve() for p in only}
        report_files = [p for p in report_files if p.resolve() in wanted]
        series_shown = {p.resolve() for p in series_files if p.resolve() in wanted}
        # A link is named by its own path, not by what it points at.
        named = {os.path.abspath(p) for p in only}
        refused = [r for r in refused if _names(os.path.abspath(docs / r.rel), named)]
    else:
        series_shown = {p.resolve() for p in series_files}
    for refusal in refused:
        collection.problems.append(problem(refusal.code, _shown(refusal.rel, prefix), **dict(refusal.params)))

    # A series' id equals its folder's name (RA220), so no two series share one.
    for file in series_files:
        rel = file.relative_to(docs).as_posix()
        shown = _shown(rel, prefix)
        found, problems = _read_and(file, shown, lambda data: load_series(data, shown, rel))  # noqa: B023 - called at once
        if file.resolve() in series_shown:
            collection.problems.extend(problems)
            collection.files_checked += 1
        if found is not None:
            collection.series[found.id] = found

    jobs = [(file, rels[file], _shown(rels[file], prefix)) for file in report_files]
    verdicts = _check_reports(docs, jobs, collection, use_cache, models, previous)
    states = {rel: verdict[2] for (_, rel, _), verdict in zip(jobs, verdicts)}
    for (file, rel, shown), (report, problems, _) in zip(jobs, verdicts):
        collection.problems.extend(problems)
        collection.files_checked += 1
        url = layout.page_url(rel)
        if owners[url] != file:
            other = _shown(rels[owners[url]], prefix)
            collection.problems.append(problem("RA203", shown, 1, 1, url=url, other=other))
            continue
        if report is not None:
            collection.reports.append(report)
    linked = _link_problems(docs, jobs, states, rels, collection, now)
    if linked:
        # A report with an error has no model, here as for its own file's errors.
        failing = {p.path for p in linked if p.is_error}
        kept = {rel for _, rel, shown in jobs if shown not in failing}
        collection.reports = [r for r in collection.reports if r.path in kept]
        collection.problems.extend(linked)
    collection.problems.sort(key=lambda p: (p.path, p.line, p.column, p.code))
    return collection


def _check_reports(
    docs: Path, jobs: list[tuple[Path, str, str]], collection: Collection, use_cache: bool, models: bool,
    previous: Collection | None,
) -> list[Verdict]:
    """Every report file's verdict, from the cache when the file and everything
    it depends on are unchanged, else computed on all cores."""
    series_bytes = [Path(docs / s.path).read_bytes() for s in collection.series.values()]
    fingerprint = cache.fingerprint(*series_bytes)
    # An earlier load in this process holds its verdicts as objects, if they
    # were judged against the same series and code.
    earlier = previous.verdicts if previous is not None and previous.fingerprint == fingerprint and models else {}
    collection.fingerprint = fingerprint
    # Two stores: the verdicts (problems, and what the check of links needs of
    # the report), which every run reads, and the models' JSON (every report's
    # text), which only callers that want models read: a `validate` that finds
    # nothing changed reads a small file.
    store: cache.Store | None = None
    model_store: cache.Store | None = None
    results: list[Verdict | None] = [None] * len(jobs)
    keys: list[tuple] = []
    todo: list[int] = []
    # Files are keyed by size and modification time, as git's index does. Like
    # git, a file changed in the last seconds is not trusted to the cache (a
    # second edit within the file system's timestamp granularity could keep
    # both), so it is checked again until its time is safely in the past.
    racy_after = time.time_ns() - RACY_SECONDS * 1_000_000_000
    for index, (file, rel, shown) in enumerate(jobs):
        try:
            stat = file.stat()
            key: tuple = (rel, shown, stat.st_size, stat.st_mtime_ns)
            cacheable = stat.st_mtime_ns < racy_after
        except OSError:
            key, cacheable = (rel, shown), False
        keys.append(key if cacheable else ())
        if cacheable and key in earlier:
            results[index] = earlier[key]
            continue
        hit = None
        if cacheable:
            # Opened only for a file the stores may hold: a preview's rebuild after an
            # edit (the file too new to trust to them) reads and writes neither.
            if store is None:
                store = cache.Store.open(docs, fingerprint, enabled=use_cache)
                if models:
                    model_store = cache.Store.open(docs, fingerprint, enabled=use_cache, kind="models")
            hit = _verdict(store.get(key), model_store.get(key) if model_store else [None], rel, collection.series,
                           models)
        if hit is None:
            todo.append(index)
        else:
            results[index] = hit

    def check(index: int) -> tuple[str | None, list[Problem], report_links.State | None]:
        file, rel, shown = jobs[index]
        report, problems = _read_and(file, shown, lambda data: load_report(data, shown, rel, collection.series))
        # The model travels (from worker processes, to and from the cache) as the
        # JSON of what it is made from, and is only made again by callers that
        # want it: a warm `validate` reads problems, not models.
        record = None if report is None else json.dumps([report.data, report.body, report.body_line], ensure_ascii=False)
        return record, problems, None if report is None else report_links.State.of(report)

    for index, (record, problems, state) in zip(todo, workers.parallel_map(check, todo)):
        results[index] = (_model(record, jobs[index][1], collection.series) if models else None, problems, state)
        if keys[index]:
            assert store is not None
            store.put(keys[index], [[list(astuple(p)) for p in problems], None if state is None else state.to_json()])
            if model_store is not None:
                model_store.put(keys[index], [record])
    for kept in (store, model_store):
        if kept is None:
            continue
        # A store keeps only what a run used; the verdicts taken from memory count too.
        for index, result in enumerate(results):
            if result is not None and keys[index] and keys[index] in earlier:
                kept.get(keys[index])
        kept.save()
    done = [result for result in results if result is not None]
    assert len(done) == len(results)  # every file has its verdict by now
    if models:
        collection.verdicts = {key: result for key, result in zip(keys, done) if key}
    return done


def _model(record: str | None, rel: str, series: dict[str, Series]) -> Report | None:
    if record is None:
        return None
    data, body, body_line = json.loads(record)
    return Report.from_data(data, rel, body, body_line, series[data["series"]].time_zone)


def _verdict(kept: Any, stored_model: Any, rel: str, series: dict[str, Series], models: bool) -> Verdict | None:
    """A verdict as the cache kept it (and the model's JSON, when models are
    wanted), or None when it is not one (the file is then checked again).

    The store's checksum catches a damaged file; this catches a well-formed
    store that holds something else."""
    try:
        [record] = stored_model
        kept_problems, kept_state = kept
        problems = [Problem(*fields) for fields in kept_problems]
        if not all(isinstance(p.code, str) and p.code in catalogue.PROBLEMS for p in problems):
            return None
        state = report_links.State.from_json(kept_state)
        if state is None and kept_state is not None or models and (state is None) != (record is None):
            return None
        return (_model(record, rel, series) if models else None), problems, state
    except Exception:  # noqa: BLE001 - anything unusable is a miss, never an error
        return None


def _link_problems(
    docs: Path, jobs: list[tuple[Path, str, str]], states: dict[str, report_links.State | None],
    rels: dict[Path, str], collection: Collection, now: datetime | None,
) -> list[Problem]:
    """The links of every checked report, against the whole archive (see
    :mod:`report_links`). A report only some of whose files were asked for
    (``validate one-file.md``) may link to others: their verdicts are taken
    too (from the cache, as a rule), but only the asked-for files' problems shown."""
    linking = [(rel, shown, state) for _, rel, shown in jobs if (state := states[rel]) is not None and state.links]
    if not linking:
        return []
    by_rel = {rel: file for file, rel in rels.items()}
    every: dict[str, report_links.State | None] = dict.fromkeys(by_rel)
    every.update(states)
    wanted: set[str] = set()
    for rel, _, state in linking:
        assert state is not None
        for _, _, url in state.links:
            named = report_links.target(url, rel)
            if named.kind == "file" and named.path in by_rel and named.path not in states:
                wanted.add(named.path)
    if wanted:
        # Without the cache: a store keeps only what its run used, and this
        # second look at a few files must not make it forget the others.
        extra = [(by_rel[rel], rel, rel) for rel in sorted(wanted)]
        found = _check_reports(docs, extra, Collection(docs, series=collection.series), False, False, None)
        every.update({rel: verdict[2] for (_, rel, _), verdict in zip(extra, found)})
    moment = now or datetime.now(UTC)
    out: list[Problem] = []
    for rel, shown, state in linking:
        assert state is not None
        out.extend(report_links.check(rel, shown, state, every, moment))
    return out


def _names(path: str, named: set[str]) -> bool:
    """Whether ``path`` is one of the ``named`` paths or a folder holding one."""
    return path in named or any(p.startswith(path + os.sep) for p in named)


def _named_like_a_report(rel: str) -> bool:
    """What ``layout.report_path(rel)`` would say of the series and date, without
    making the path object it returns: this runs for every file on every run."""
    parts = rel.split("/")
    return len(parts) == 4 and layout.REPORT_NAME.match(parts[-1]) is not None


_Made = TypeVar("_Made")


def _read_and(
    file: Path, shown: str, then: Callable[[bytes], tuple[_Made | None, list[Problem]]],
) -> tuple[_Made | None, list[Problem]]:
    data, problems = source.read_file(file, shown)
    if data is None:
        return None, problems
    return then(data)
