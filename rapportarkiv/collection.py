"""From a docs folder to validated models: the one pipeline every entry point uses.

file → decode → split → parse YAML → schema → rules → model. The command line,
CI, the pre-commit hook and the MkDocs build all call ``load``, so what passes
in CI is exactly what builds. Each step works on bytes and names, not on
open files, so old versions read from git go through the same checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import layout, rules, schemas, source
from .frontmatter import parse
from .model import Report, Series
from .problems import Problem, problem


@dataclass
class Collection:
    """Everything found below a docs folder: series, reports and problems."""

    docs: Path
    series: dict[str, Series] = field(default_factory=dict)
    reports: list[Report] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def load_series(data: bytes, shown: str, rel: str) -> tuple[Series | None, list[Problem]]:
    text, problems = source.decode(data, shown)
    if text is None:
        return None, problems
    front, problems = parse(source.as_document(text, shown))
    if front is None:
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
    text, problems = source.decode(data, shown)
    if text is None:
        return None, problems
    src, problems = source.split(text, shown)
    if src is None:
        return None, problems
    front, problems = parse(src)
    if front is None:
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


def discover(docs: Path) -> tuple[list[Path], list[Path]]:
    """Series definitions and report files below ``docs``, in a stable order."""
    root = docs / layout.REPORTS_DIR
    if not root.is_dir():
        return [], []
    series = sorted(root.glob(f"*/{layout.SERIES_FILE}"))
    reports = sorted(p for p in root.rglob("*") if p.name.endswith(layout.MARKDOWN_SUFFIXES) and p.is_file())
    return series, reports


def _shown(file: Path, base: Path | None) -> str:
    """The path as the author should see it: relative to the working folder when possible."""
    try:
        return str(file.resolve().relative_to((base or Path.cwd()).resolve()))
    except ValueError:
        return str(file)


def load(docs: Path, only: Iterable[Path] | None = None, base: Path | None = None) -> Collection:
    """Load and check the archive below ``docs``.

    ``only`` limits which report files are checked (series definitions are
    always read, since reports refer to them). Paths in problems are shown
    relative to ``base`` (default: the working folder).
    """
    collection = Collection(docs)
    series_files, report_files = discover(docs)
    # Addresses are unique across the whole archive, also when only some files
    # are checked: a new file may take the address of one already published.
    # A file named and placed like a report keeps its address; the file that
    # would shadow it (x.markdown, x/index.md) is the problem.
    owners: dict[str, Path] = {}
    for file in sorted(report_files, key=lambda p: (not _named_like_a_report(p, docs), p)):
        owners.setdefault(layout.page_url(file.relative_to(docs).as_posix()), file)
    if only is not None:
        wanted = {p.resolve() for p in only}
        report_files = [p for p in report_files if p.resolve() in wanted]
        series_shown = {p.resolve() for p in series_files if p.resolve() in wanted}
    else:
        series_shown = {p.resolve() for p in series_files}

    first_definition: dict[str, str] = {}
    for file in series_files:
        rel = file.relative_to(docs).as_posix()
        shown = _shown(file, base)
        found, problems = _read_and(file, shown, lambda data: load_series(data, shown, rel))
        if file.resolve() in series_shown:
            collection.problems.extend(problems)
            collection.files_checked += 1
        if found is None:
            continue
        if found.id in first_definition:
            collection.problems.append(problem("RA221", shown, 1, 1, id=found.id, other=first_definition[found.id]))
            continue
        first_definition[found.id] = shown
        collection.series[found.id] = found

    for file in report_files:
        rel = file.relative_to(docs).as_posix()
        shown = _shown(file, base)
        report, problems = _read_and(file, shown, lambda data: load_report(data, shown, rel, collection.series))
        collection.problems.extend(problems)
        collection.files_checked += 1
        url = layout.page_url(rel)
        if owners[url] != file:
            collection.problems.append(problem("RA203", shown, 1, 1, url=url, other=_shown(owners[url], base)))
            continue
        if report is not None:
            collection.reports.append(report)
    collection.problems.sort(key=lambda p: (p.path, p.line, p.column, p.code))
    return collection


def _named_like_a_report(file: Path, docs: Path) -> bool:
    where = layout.report_path(file.relative_to(docs).as_posix())
    return where.series is not None and where.file_date is not None


def _read_and(file: Path, shown: str, then):  # type: ignore[no-untyped-def]
    try:
        data = file.read_bytes()
    except OSError as err:
        return None, [problem("RA000", shown, reason=err.strerror or err)]
    return then(data)
