"""The archive as a whole: discovery, unique addresses, one problem list for every file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from factory import SEED, SERIES
from rapportarkiv import collection, layout


def codes_by_file(result: collection.Collection, docs: Path) -> dict[str, list[str]]:
    """Codes per file; the tests load with base=docs, so paths are relative to docs."""
    out: dict[str, list[str]] = {}
    for p in result.problems:
        out.setdefault(Path(p.path).as_posix(), []).append(p.code)
    return out


def test_sample_archive_is_clean(archive: Path) -> None:
    result = collection.load(archive, base=archive)
    assert result.problems == []
    assert result.files_checked == 2
    assert [r.path for r in result.reports] == [SEED]
    assert list(result.series) == [SERIES]


def test_page_url_follows_mkdocs() -> None:
    assert layout.page_url("rapporter/s/2024/2024-10-11-x.md") == "rapporter/s/2024/2024-10-11-x/"
    assert layout.page_url("rapporter/s/2024/2024-10-11-x.markdown") == "rapporter/s/2024/2024-10-11-x/"
    assert layout.page_url("rapporter/s/2024/2024-10-11-x/index.md") == "rapporter/s/2024/2024-10-11-x/"
    assert layout.page_url("rapporter/s/README.md") == "rapporter/s/"


def test_other_markdown_suffixes_are_checked_not_silently_published(archive: Path) -> None:
    odd = archive / SEED.replace("2024-10-11-sjuharad-begar-senare-anslutning.md", "2024-10-11-annan.mkd")
    shutil.copy(archive / SEED, odd)
    result = collection.load(archive, base=archive)
    assert codes_by_file(result, archive) == {odd.relative_to(archive).as_posix(): ["RA202"]}
    assert result.files_checked == 3


def test_a_file_shadowing_a_reports_address_is_refused_and_the_report_kept(archive: Path) -> None:
    seed = archive / SEED
    twin = seed.with_suffix(".markdown")
    shutil.copy(seed, twin)
    folder_index = seed.with_suffix("") / "index.md"
    folder_index.parent.mkdir()
    shutil.copy(seed, folder_index)
    result = collection.load(archive, base=archive)
    problems = codes_by_file(result, archive)
    assert problems[twin.relative_to(archive).as_posix()] == ["RA202", "RA203"]
    assert "RA203" in problems[folder_index.relative_to(archive).as_posix()]
    assert SEED not in problems
    assert [r.path for r in result.reports] == [SEED]
    message = next(p.message for p in result.problems if p.code == "RA203" and p.path == str(twin.relative_to(archive)))
    assert f"({layout.page_url(SEED)})" in message and SEED in message


def test_address_collision_is_found_when_only_the_new_file_is_checked(archive: Path) -> None:
    twin = (archive / SEED).with_suffix(".markdown")
    shutil.copy(archive / SEED, twin)
    result = collection.load(archive, only=[twin], base=archive)
    assert [p.code for p in result.problems] == ["RA202", "RA203"]
    assert result.files_checked == 1


def test_only_limits_the_files_reported(archive: Path) -> None:
    broken = archive / f"rapporter/{SERIES}/2024/2024-10-12-trasig.md"
    broken.write_text("ingen front matter\n", encoding="utf-8")
    assert [p.code for p in collection.load(archive, base=archive).problems] == ["RA005"]
    assert collection.load(archive, only=[archive / SEED], base=archive).problems == []


def test_unreadable_file_is_a_problem_not_a_crash(archive: Path, monkeypatch) -> None:
    real = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".md"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = collection.load(archive, base=archive, use_cache=False)
    assert [(p.path, p.code, p.line) for p in result.problems] == [(SEED, "RA000", 1)]
    # The operating system's English stays out of the author's message.
    assert result.problems[0].message == "Filen kan inte läsas: behörighet saknas."


def test_name_suggestion_for_another_suffix_keeps_the_slug(archive: Path) -> None:
    odd = archive / f"rapporter/{SERIES}/2024/2024-10-11-Sjuhärad Begär.markdown"
    shutil.copy(archive / SEED, odd)
    result = collection.load(archive, only=[odd], base=archive)
    assert [p.code for p in result.problems] == ["RA202"]
    assert "Förslag: 2024-10-11-sjuharad-begar.md" in result.problems[0].message


def test_a_huge_file_is_refused_without_being_read(archive: Path) -> None:
    import resource

    huge = archive / f"rapporter/{SERIES}/2024/2024-10-12-stor.md"
    with huge.open("wb") as handle:  # sparse: 4 GiB on paper, nothing on disk
        handle.truncate(4 * 1024**3)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = collection.load(archive, only=[huge], base=archive, use_cache=False)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert [(p.code, p.line) for p in result.problems] == [("RA002", 1)]
    assert "4294967296 byte" in result.problems[0].message
    assert grown_kib < 100 * 1024


def test_a_preview_reload_reuses_unchanged_verdicts_and_keeps_the_disk_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ast
    from datetime import datetime

    from factory import new_docs, write_report

    docs = new_docs(tmp_path)
    paths = [write_report(docs, f"vecka-{n}", title=f"Vecka {n}", when=datetime(2024, 10, n, 14, 0)) for n in (3, 10, 17)]
    old = 1_700_000_000_000_000_000  # long past: every file may be cached
    for path in paths:
        os.utime(path, ns=(old, old))
    first = collection.load(docs, base=tmp_path)
    edited = paths[1]
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: Vecka 10", "title: Vecka tio"), encoding="utf-8")
    os.utime(edited, ns=(old + 10**9, old + 10**9))

    read: list[Path] = []
    real_read = collection.source.read_file

    def reading(path: Path, shown: str) -> tuple[bytes | None, list]:
        read.append(Path(path))
        return real_read(path, shown)

    monkeypatch.setattr(collection.source, "read_file", reading)
    second = collection.load(docs, base=tmp_path, previous=first)

    # Only the edited report is read again; the others keep what the first load made of them.
    assert [path for path in read if path.suffix == ".md"] == [edited]
    before = {r.path: r for r in first.reports}
    after = {r.path: r for r in second.reports}
    rel = lambda p: p.relative_to(docs).as_posix()  # noqa: E731
    assert after[rel(paths[0])] == before[rel(paths[0])] and after[rel(paths[2])] == before[rel(paths[2])]
    assert after[rel(edited)].title == "Vecka tio"
    # The store on disk still holds every file, so a new process finds all three.
    [store] = (tmp_path / collection.cache.CACHE_DIR).glob("validate-*.json")
    _, entries = collection.cache.read(store)  # type: ignore[misc]
    assert {ast.literal_eval(key)[0] for key in entries} == {rel(p) for p in paths}


def test_a_warm_validate_reads_the_verdicts_not_the_reports_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The verdicts and the models' JSON are kept apart: a `validate` that finds
    nothing changed reads the small store of problems, not every report's text."""
    from datetime import datetime

    from factory import new_docs, write_report

    docs = new_docs(tmp_path)
    paths = [write_report(docs, f"vecka-{n}", title=f"Vecka {n}", when=datetime(2024, 10, n, 14, 0)) for n in (3, 10)]
    old = 1_700_000_000_000_000_000  # long past: every file may be cached
    for path in paths:
        os.utime(path, ns=(old, old))
    collection.load(docs, base=tmp_path)
    [models] = (tmp_path / collection.cache.CACHE_DIR).glob("models-*.json")
    [verdicts] = (tmp_path / collection.cache.CACHE_DIR).glob("validate-*.json")
    assert b"Vecka 10" in models.read_bytes() and b"Vecka 10" not in verdicts.read_bytes()

    opened: list[Path] = []
    real_read = collection.cache.read

    def reading_store(path: Path) -> object:
        opened.append(path)
        return real_read(path)

    monkeypatch.setattr(collection.cache, "read", reading_store)
    real_file = collection.source.read_file

    def reading(path: Path, shown: str) -> tuple[bytes | None, list]:
        assert Path(path).suffix != ".md", "a report was read again"
        return real_file(path, shown)

    monkeypatch.setattr(collection.source, "read_file", reading)
    result = collection.load(docs, base=tmp_path, models=False)
    assert result.problems == [] and result.files_checked == 3  # the series and two reports
    assert opened == [verdicts]
