"""Versions read from real git repositories: merges, squashes, renames, drafts,
shallow clones, no repository and uncommitted edits."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from rapportarkiv import collection, history
from rapportarkiv.catalogue import HISTORY

from factory import SERIES_REL, GitRepo, report_rel, seed_report

A = report_rel("2024-10-17 14:00", "veckans-lage")
B = report_rel("2024-10-24 14:00", "vecka-43")
A_TEXT = seed_report("Veckans läge i införandet")
A_FIXED = seed_report(
    "Veckans läge i införandet",
    body={"Läget just nu": "Införandet går enligt plan. Kommunerna ansluter den 12 november.",
          "Händelser och beslut": "Regionstyrelsen beslutade om tidplanen.",
          "Kommande": "Nästa rapport kommer torsdag."},
    revisions=[("2024-10-18 09:00", "Rättat datumet för kommunernas anslutning.")],
)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "arkiv")


def test_each_merged_pull_request_is_one_version(repo: GitRepo) -> None:
    repo.commit("Serien Millennium")
    draft_1 = seed_report("Veckans läge", body={"Läget just nu": "Första utkastet.",
                                                "Händelser och beslut": "Inget än.", "Kommande": "Mer kommer."})
    first = repo.pr("Veckans läge", {A: draft_1}, {A: A_TEXT}, {A: A_TEXT + "\nEtt tillägg.\n"})
    second = repo.pr("Rättelse av veckans läge", {A: A_FIXED}, squash=True)
    third = repo.pr("Vecka 43", {B: seed_report("Vecka 43", "2024-10-24 14:00")}, {B: seed_report("Vecka 43 i regionen", "2024-10-24 14:00")})

    found = history.read_history(repo.root)

    assert found.available and not found.shallow and found.commit == third
    assert sorted(found.reports) == [A, B]
    versions = found.versions(A)
    assert [v.number for v in versions] == [1, 2]
    assert [v.commit for v in versions] == [first, second]
    assert versions[0].data.decode() == A_TEXT + "\nEtt tillägg.\n"  # the state merged, not the branch's commits
    assert versions[1].data.decode() == A_FIXED
    assert versions[1].subject == "Rättelse av veckans läge (#squash)"
    assert versions[0].path == A
    # Committer dates of the commits on main, with their offset.
    assert versions[0].date == datetime.fromisoformat(repo.git("log", "-1", "--format=%cI", first))
    assert versions[0].date.utcoffset() is not None
    assert [v.commit for v in found.versions(B)] == [third]
    assert found.versions(B)[0].data.decode() == seed_report("Vecka 43 i regionen", "2024-10-24 14:00")


def test_a_direct_commit_on_main_is_a_version_too(repo: GitRepo) -> None:
    repo.write(A, A_TEXT)
    one = repo.commit("Veckans läge")
    repo.write(A, A_FIXED)
    two = repo.commit("Rättelse")
    assert [v.commit for v in history.read_history(repo.root).versions(A)] == [one, two]


def test_renames_are_followed_and_a_pure_rename_is_no_new_version(repo: GitRepo) -> None:
    moved = report_rel("2024-10-17 14:00", "veckans-lage-i-regionen")
    again = report_rel("2024-10-17 14:00", "lage")
    first = repo.pr("Veckans läge", {A: A_TEXT})
    repo.pr("Byt namn", lambda: repo.move(A, moved))
    def rename_and_correct() -> None:
        repo.move(moved, again)
        repo.write(again, A_FIXED)

    third = repo.pr("Byt namn och rätta", rename_and_correct)

    found = history.read_history(repo.root)

    assert list(found.reports) == [again]
    entry = found[again]
    assert [(v.number, v.commit, v.path) for v in entry.versions] == [(1, first, A), (2, third, again)]
    assert entry.paths == [A, moved, again]
    assert entry.current is not None and entry.current.data.decode() == A_FIXED
    assert found.removed == {}


def test_draft_states_are_not_versions(repo: GitRepo) -> None:
    repo.pr("Utkast", {A: seed_report("Veckans läge i införandet", draft=True)})
    published = repo.pr("Publicera", {A: seed_report("Veckans läge i införandet", draft=False)})
    found = history.read_history(repo.root)
    assert [(v.number, v.commit) for v in found.versions(A)] == [(1, published)]
    repo.pr("Utkast igen", {A: seed_report("Veckans läge i införandet", draft=True)})
    repo.pr("Publicera igen", {A: seed_report("Veckans läge i införandet", draft=False)})
    assert [(v.number, v.commit) for v in history.read_history(repo.root).versions(A)] == [(1, published)]


def test_a_withdrawal_is_a_version_and_a_deleted_report_is_kept_apart(repo: GitRepo) -> None:
    repo.pr("Veckans läge", {A: A_TEXT, B: seed_report("Vecka 43", "2024-10-24 14:00")})
    withdrawn = seed_report("Veckans läge i införandet",
                            withdrawn=("2024-10-19 10:00", "Uppgifterna var inte bekräftade."))
    pulled = repo.pr("Återkalla", {A: withdrawn})
    repo.pr("Ta bort", {B: None})

    found = history.read_history(repo.root)

    assert found[A].versions[-1].commit == pulled
    assert b"withdrawn:" in found[A].versions[-1].data
    assert B not in found.reports
    assert [v.number for v in found.removed[B].versions] == [1]


def test_versions_read_from_git_pass_the_validator(repo: GitRepo) -> None:
    repo.pr("Veckans läge", {A: A_TEXT})
    repo.pr("Rättelse", {A: A_FIXED})
    series, problems = collection.load_series((repo.docs / SERIES_REL).read_bytes(), SERIES_REL, SERIES_REL)
    assert series is not None and problems == []
    for version in history.read_history(repo.root).versions(A):
        report, problems = collection.load_report(version.data, version.path, version.path, {series.id: series})
        assert problems == [] and report is not None


def _grow(repo: GitRepo, reports: int, corrections: int) -> None:
    paths = [report_rel(f"2024-{10 + i // 28:02d}-{1 + i % 28:02d} 14:00", f"rapport-{i}") for i in range(reports)]
    repo.pr("Rapporter", {p: seed_report(f"Rapport {i}", p.rsplit("/", 1)[1][:10] + " 14:00") for i, p in enumerate(paths)})
    for n in range(corrections):
        p = paths[n % reports]
        i = paths.index(p)
        repo.pr(f"Rättelse {n}", {p: seed_report(f"Rapport {i} rättad {n}", p.rsplit("/", 1)[1][:10] + " 14:00",
                                                  revisions=[("2024-12-31 09:00", f"Rättelse {n}.")])},
                squash=n % 2 == 0)


def test_the_number_of_git_processes_does_not_grow_with_the_archive(tmp_path: Path) -> None:
    small, large = GitRepo(tmp_path / "liten"), GitRepo(tmp_path / "stor")
    _grow(small, reports=2, corrections=1)
    _grow(large, reports=30, corrections=12)
    found_small = history.read_history(small.root)
    found_large = history.read_history(large.root)
    assert len(found_large.reports) == 30
    assert sum(len(r.versions) for r in found_large.reports.values()) == 42
    # rev-parse, log, cat-file --batch and status: four, whatever the size.
    assert found_small.git_processes == found_large.git_processes == 4


def test_a_shallow_clone_is_detected(repo: GitRepo, tmp_path: Path) -> None:
    repo.pr("Veckans läge", {A: A_TEXT})
    repo.pr("Rättelse", {A: A_FIXED})
    clone = tmp_path / "klon"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)

    found = history.read_history(clone)

    assert found.available and found.shallow
    assert len(found.versions(A)) == 1  # what the clone can see: only the latest state
    error = history.production_error(found)
    assert error is not None and "fetch-depth: 0" in error
    assert found.message == HISTORY["shallow_preview"]
    full = history.read_history(repo.root)
    assert history.production_error(full) is None and full.message is None


def test_no_repository_and_no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = tmp_path / "vanlig-mapp"
    (plain / "docs").mkdir(parents=True)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    found = history.read_history(plain)
    assert not found.available and found.reason == "not_a_repo" and found.reports == {}
    assert found.message == HISTORY["not_a_repo"]
    assert "inte ett git-arkiv" in (history.production_error(found) or "")

    monkeypatch.setenv("PATH", str(tmp_path / "ingen-git"))
    found = history.read_history(plain)
    assert not found.available and found.reason == "no_git" and found.git_processes == 1


def test_a_repository_without_commits_shows_reports_as_unpublished(repo: GitRepo) -> None:
    repo.write(A, A_TEXT)
    found = history.read_history(repo.root)
    assert not found.available and found.reason == "no_commits"
    assert found[A].dirty and found[A].working == A_TEXT.encode() and found[A].versions == []


def test_uncommitted_edits_are_the_current_unpublished_state(repo: GitRepo) -> None:
    repo.pr("Rapporter", {A: A_TEXT, B: seed_report("Vecka 43", "2024-10-24 14:00")})
    new = report_rel("2024-10-31 14:00", "vecka-44")
    repo.write(A, A_FIXED)
    repo.write(new, seed_report("Vecka 44", "2024-10-31 14:00"))
    repo.remove(B)

    found = history.read_history(repo.root)

    assert found[A].dirty and found[A].working == A_FIXED.encode()
    assert [v.data.decode() for v in found[A].versions] == [A_TEXT]
    assert found[new].dirty and found[new].versions == [] and not found[new].published
    assert found[B].dirty and found[B].working is None and len(found[B].versions) == 1
    # Reading an older commit says nothing about the working tree.
    older = history.read_history(repo.root, ref="HEAD~1")
    assert older.reports == {} or not any(r.dirty for r in older.reports.values())


def test_a_preview_rereads_only_the_working_tree_until_a_commit(repo: GitRepo) -> None:
    repo.pr("Rapporter", {A: A_TEXT, B: seed_report("Vecka 43", "2024-10-24 14:00")})
    first = history.read_history(repo.root)
    new = report_rel("2024-10-31 14:00", "vecka-44")
    repo.write(A, A_FIXED)
    repo.write(new, seed_report("Vecka 44", "2024-10-31 14:00"))

    edited = history.read_history(repo.root, previous=first)
    assert edited.git_processes == 2  # rev-parse and status; no log, no cat-file
    assert edited[A].dirty and edited[A].working == A_FIXED.encode()
    assert edited[new].dirty and not edited[new].published
    assert not first[A].dirty and new not in first.reports, "the earlier read is left as it was"
    assert edited.reports == history.read_history(repo.root).reports

    repo.write(A, A_TEXT)
    repo.remove(new)
    restored = history.read_history(repo.root, previous=edited)
    assert not restored[A].dirty and new not in restored.reports

    repo.pr("Rättelse", {A: A_FIXED})
    after_commit = history.read_history(repo.root, previous=restored)
    assert after_commit.git_processes == 4 and len(after_commit[A].versions) == 2


def test_reading_another_ref_and_a_missing_ref(repo: GitRepo) -> None:
    first = repo.pr("Veckans läge", {A: A_TEXT})
    repo.pr("Rättelse", {A: A_FIXED})
    older = history.read_history(repo.root, ref=first)
    assert [v.commit for v in older.versions(A)] == [first] and not older[A].dirty
    missing = history.read_history(repo.root, ref="finns-inte")
    assert not missing.available and missing.reason == "bad_ref"


def test_a_docs_folder_elsewhere_in_the_repository(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "arkiv")
    repo.write(A, A_TEXT)
    (repo.root / "README.md").write_text("# Läs mig\n", encoding="utf-8")
    repo.commit("Första")
    (repo.root / "docs").rename(repo.root / "innehall")
    repo.commit("Flytta docs")
    found = history.read_history(repo.root, docs_rel="innehall")
    assert list(found.reports) == [A]
    assert found.versions(A)[0].path == A
    # Asked from inside the docs folder, with git's paths relative to the top.
    (repo.root / "innehall" / A).write_text(A_FIXED, encoding="utf-8")
    inside = history.read_history(repo.root / "innehall", docs_rel=".")
    assert list(inside.reports) == [A] and inside[A].dirty and inside[A].working == A_FIXED.encode()


def test_the_benchmark_archive_has_one_version_per_pull_request(tmp_path: Path) -> None:
    """bench/history.py's generator: every pull request (squash or merge) changes one
    report, so the versions read must equal the pull requests made."""
    import runpy

    bench = runpy.run_path(str(Path(__file__).resolve().parent.parent / "bench" / "history.py"), run_name="bench")
    made = bench["generate"](tmp_path / "bench", reports=25, commits=120)
    found = history.read_history(tmp_path / "bench")
    assert made["merges"] > 0 and made["commits"] == 120 and len(found.reports) == made["reports"] == 25
    assert sum(len(r.versions) for r in found.reports.values()) == made["pull_requests"]
    assert found.git_processes == 4


def test_consecutive_versions_compare_field_by_field_and_word_by_word(repo: GitRepo) -> None:
    from rapportarkiv import textdiff

    repo.pr("Veckans läge", {A: A_TEXT})
    repo.pr("Rättelse", {A: A_FIXED})
    one, two = history.read_history(repo.root).versions(A)
    found = textdiff.compare(one.data, two.data)
    assert [(f.key, f.kind) for f in found.fields] == [("revisions", "added")]
    assert textdiff.Run("insert", ". Kommunerna ansluter den 12 november") in found.body
    assert textdiff.Run("insert", "Regionstyrelsen beslutade om tidplanen") in found.body
    assert textdiff.Run("equal", ".\n\n## Händelser och beslut\n\n") in found.body


def test_a_state_that_is_a_symbolic_link_is_never_a_version(repo: GitRepo) -> None:
    """A link's blob is a path: it must not be published as a version of the report."""
    import os

    first = repo.pr("Publicera", {A: seed_report("Vecka 42")})
    (repo.docs / "kopia.md").write_text(seed_report("Vecka 42, ändrad"), encoding="utf-8")

    def link() -> None:
        repo.remove(A)
        os.symlink(os.path.relpath(repo.docs / "kopia.md", (repo.docs / A).parent), repo.docs / A)

    repo.pr("Länk", link)
    repo.pr("Tillbaka", {A: seed_report("Vecka 42")})
    found = history.read_history(repo.root)
    assert [v.commit for v in found.versions(A)] == [first]
    assert all(not v.data.startswith(b"..") for v in found.versions(A))
