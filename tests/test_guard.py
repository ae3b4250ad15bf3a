"""The history guard on real repositories: every forbidden change to a published
report fails with file, line and code; allowed changes pass."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factory import SERIES, SERIES_REL, GitRepo, report_rel, seed_report
from rapportarkiv import cli, guard
from rapportarkiv.catalogue import HISTORY
from rapportarkiv.git import Git

A = report_rel("2024-10-17 14:00", "veckans-lage")
PUBLIC = report_rel("2024-10-18 10:00", "oppen-rapport")
DRAFT = report_rel("2024-10-24 14:00", "utkast")
TITLE = "Veckans läge i införandet"
A_TEXT = seed_report(TITLE, revisions=[("2024-10-18 09:00", "Rättat datumet för pressmeddelandet.")])
PUBLIC_TEXT = seed_report("Öppen rapport", "2024-10-18 10:00", classification="public")


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """main with two published reports and a draft; the working tree is a branch off it."""
    repo = GitRepo(tmp_path / "arkiv")
    repo.pr("Rapporter", {A: A_TEXT, PUBLIC: PUBLIC_TEXT, DRAFT: seed_report("Utkast", "2024-10-24 14:00", draft=True)})
    repo.git("checkout", "-q", "-b", "andring")
    return repo


def line_of(repo: GitRepo, rel: str, start: str, nth: int = 1) -> int:
    hits = [n for n, line in enumerate(repo.read(rel).split("\n"), 1) if line.startswith(start)]
    return hits[nth - 1]


def verdicts(repo: GitRepo) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.code) for p in guard.check(repo.root, "main").problems]


def doc(rel: str) -> str:
    return f"docs/{rel}"


def test_nothing_changed_and_new_reports_pass(repo: GitRepo) -> None:
    assert verdicts(repo) == []
    repo.write(report_rel("2024-10-31 14:00", "vecka-44"), seed_report("Vecka 44", "2024-10-31 14:00"))
    assert verdicts(repo) == []


def test_a_correction_with_a_new_revisions_entry_passes(repo: GitRepo) -> None:
    repo.write(A, seed_report(
        TITLE, description="Ny sammanfattning av läget i regionen.",
        revisions=[("2024-10-18 09:00", "Rättat datumet för pressmeddelandet."),
                   ("2024-10-21 08:00", "Förtydligat sammanfattningen.")],
    ))
    assert verdicts(repo) == []


def test_a_changed_field_without_a_revision_fails_at_the_key(repo: GitRepo) -> None:
    repo.write(A, A_TEXT.replace("description: Läget", "description: Det nya läget"))
    problems = guard.check(repo.root, "main").problems
    assert [(p.path, p.line, p.column, p.code) for p in problems] == [(doc(A), line_of(repo, A, "description:"), 1, "RA506")]
    assert "(description (Sammanfattning))" in problems[0].message and "revisions" in problems[0].message


def test_changed_prose_without_a_revision_fails_at_the_first_changed_line(repo: GitRepo) -> None:
    repo.write(A, A_TEXT.replace("med kommande fortsatt", "med kommande försenats"))
    problems = guard.check(repo.root, "main").problems
    assert [(p.path, p.line, p.code) for p in problems] == [(doc(A), line_of(repo, A, "Under veckan", 3), "RA506")]
    assert "(texten)" in problems[0].message


def test_saving_with_windows_line_endings_is_no_change(repo: GitRepo) -> None:
    (repo.docs / A).write_bytes(b"\xef\xbb\xbf" + A_TEXT.replace("\n", "\r\n").encode())
    assert verdicts(repo) == []


def test_deleting_a_published_report_fails(repo: GitRepo) -> None:
    repo.remove(A)
    problems = guard.check(repo.root, "main").problems
    assert [(p.path, p.line, p.code) for p in problems] == [(doc(A), 1, "RA501")]
    assert "withdrawn" in problems[0].message and "main" in problems[0].message


def test_renaming_a_published_report_fails(repo: GitRepo) -> None:
    new = report_rel("2024-10-17 14:00", "veckans-lage-i-regionen")
    repo.move(A, new)
    problems = guard.check(repo.root, "main").problems
    assert [(p.path, p.line, p.code) for p in problems] == [(doc(new), 1, "RA505")]
    assert "veckans-lage" in problems[0].message and "veckans-lage-i-regionen" in problems[0].message


def test_moving_a_published_report_to_another_folder_fails_and_its_edits_are_checked(repo: GitRepo) -> None:
    new = f"rapporter/{SERIES}/2025/2024-10-17-veckans-lage.md"
    repo.move(A, new)
    repo.write(new, repo.read(new).replace("title: Veckans", "title: Förra veckans"))
    assert verdicts(repo) == [(doc(new), 1, "RA502"), (doc(new), 2, "RA506")]


def test_changing_date_or_series_fails_at_the_value(repo: GitRepo) -> None:
    repo.write(A, A_TEXT.replace("date: 2024-10-17 14:00", "date: 2024-10-17 15:00"))
    repo.write(PUBLIC, PUBLIC_TEXT.replace(f"series: {SERIES}", "series: en-annan-serie"))
    assert verdicts(repo) == [
        (doc(A), line_of(repo, A, "date:"), "RA503"),
        (doc(PUBLIC), line_of(repo, PUBLIC, "series:"), "RA504"),
    ]


def test_the_same_date_written_differently_is_no_change(repo: GitRepo) -> None:
    repo.write(A, A_TEXT.replace("date: 2024-10-17 14:00", "date: 2024-10-17T14:00:00+02:00"))
    assert verdicts(repo) == []


def test_editing_or_removing_a_revisions_entry_fails(repo: GitRepo) -> None:
    edited = A_TEXT.replace("Rättat datumet för pressmeddelandet.", "Rättat datumet.")
    repo.write(A, edited)
    problems = guard.check(repo.root, "main").problems
    assert [(p.line, p.code) for p in problems] == [(line_of(repo, A, "  - date: 2024-10-18"), "RA507")]
    assert "ändrats" in problems[0].message and "2024-10-18 09:00" in problems[0].message

    repo.write(A, seed_report(TITLE))
    problems = guard.check(repo.root, "main").problems
    assert [p.code for p in problems] == ["RA507"]
    assert "tagits bort" in problems[0].message


def test_an_edited_entry_is_not_excused_by_a_new_one(repo: GitRepo) -> None:
    repo.write(A, seed_report(TITLE, description="Ändrad.", revisions=[
        ("2024-10-18 09:00", "Skrivit om den gamla raden."), ("2024-10-21 08:00", "Ny rad."),
    ]))
    assert [code for _, _, code in verdicts(repo)] == ["RA506", "RA507"]


def test_a_public_report_made_internal_needs_a_reason(repo: GitRepo) -> None:
    repo.write(PUBLIC, PUBLIC_TEXT.replace("classification: public", "classification: internal"))
    problems = guard.check(repo.root, "main").problems
    assert [(p.path, p.line, p.code) for p in problems] == [(doc(PUBLIC), line_of(repo, PUBLIC, "classification:"), "RA508")]
    repo.write(PUBLIC, seed_report("Öppen rapport", "2024-10-18 10:00", classification="internal",
                                   revisions=[("2024-10-19 09:00", "Publiceras inte längre öppet.")]))
    assert verdicts(repo) == []


def test_a_published_report_cannot_become_a_draft(repo: GitRepo) -> None:
    repo.write(A, seed_report(TITLE, draft=True, revisions=[("2024-10-18 09:00", "Rättat datumet för pressmeddelandet.")]))
    assert verdicts(repo) == [(doc(A), line_of(repo, A, "draft:"), "RA509")]


def test_withdrawing_needs_no_revision_but_changing_a_withdrawal_does(repo: GitRepo) -> None:
    withdrawn = seed_report(TITLE, revisions=[("2024-10-18 09:00", "Rättat datumet för pressmeddelandet.")],
                            withdrawn=("2024-10-19 10:00", "Uppgifterna var inte bekräftade."))
    repo.write(A, withdrawn)
    assert verdicts(repo) == []
    repo.git("commit", "-q", "-am", "Återkalla")
    repo.git("branch", "-f", "main", "HEAD")
    repo.write(A, withdrawn.replace("inte bekräftade", "felaktiga"))
    assert verdicts(repo) == [(doc(A), line_of(repo, A, "withdrawn:"), "RA506")]


def test_drafts_on_the_base_are_free_to_change_or_go(repo: GitRepo) -> None:
    repo.write(DRAFT, seed_report("Utkast omskrivet", "2024-10-25 14:00", draft=True))
    assert verdicts(repo) == []
    repo.remove(DRAFT)
    assert verdicts(repo) == []


def test_the_guard_runs_two_git_processes_whatever_the_size(repo: GitRepo) -> None:
    git = Git(repo.root)
    guard.check(repo.root, "main", git=git)
    assert git.spawned == 2


def test_unknown_base_and_no_repository_are_explained(repo: GitRepo, tmp_path: Path) -> None:
    with pytest.raises(guard.GuardError) as err:
        guard.check(repo.root, "origin/main")
    assert "origin/main" in str(err.value) and "fetch-depth: 0" in str(err.value)
    with pytest.raises(guard.GuardError):
        guard.check(repo.root, "--output=/tmp/x")
    plain = tmp_path / "ingen-git"
    (plain / "docs").mkdir(parents=True)
    os.environ["GIT_CEILING_DIRECTORIES"] = str(tmp_path)
    try:
        with pytest.raises(guard.GuardError) as err:
            guard.check(plain, "main")
        assert str(err.value) == HISTORY["guard_not_a_repo"].format(path=plain)
    finally:
        del os.environ["GIT_CEILING_DIRECTORIES"]


def test_the_command_line(repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(repo.root)
    assert cli.main(["check-history", "--base", "main"]) == 0
    assert "Inga fel i 2 filer." in capsys.readouterr().err

    repo.remove(A)
    assert cli.main(["check-history", "--base", "main"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{doc(A)}:1:1: fel: Rapporten är publicerad") and out.rstrip().endswith("[RA501]")

    assert cli.main(["check-history", "--base", "main", "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith(f"::error file={doc(A)},line=1,col=1,title=RA501 Publicerad rapport borttagen::")

    assert cli.main(["check-history", "--base", "main", "--format", "json"]) == 1
    assert [p["code"] for p in json.loads(capsys.readouterr().out)] == ["RA501"]

    assert cli.main(["check-history", "--base", "finns-inte"]) == 2
    assert "finns-inte" in capsys.readouterr().err
    assert cli.main(["check-history", "--base", "main", "--docs", "saknas"]) == 2


def test_the_command_line_from_another_folder(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo.docs)
    repo.remove(A)
    assert cli.main(["check-history", "--base", "main", "--docs", "."]) == 1


def test_a_shallow_clone_without_the_base_says_how_to_fetch_it(repo: GitRepo, tmp_path: Path) -> None:
    import subprocess

    repo.git("checkout", "-q", "main")
    repo.pr("Rättelse", {A: seed_report(TITLE, revisions=[("2024-10-18 09:00", "Rättat datumet för pressmeddelandet."),
                                                           ("2024-10-20 09:00", "Ny rättelse.")])})
    clone = tmp_path / "grund"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    with pytest.raises(guard.GuardError) as err:
        guard.check(clone, "HEAD~1")
    assert "fetch-depth: 0" in str(err.value)
    assert guard.check(clone, "HEAD").problems == []


def test_deleting_last_weeks_report_while_adding_this_weeks_is_a_deletion(repo: GitRepo) -> None:
    repo.remove(A)
    this_week = report_rel("2024-10-24 14:00", "veckans-lage")
    repo.write(this_week, seed_report(TITLE, "2024-10-24 14:00"))
    assert verdicts(repo) == [(doc(A), 1, "RA501")]


def test_a_report_moved_to_another_date_is_another_report(repo: GitRepo) -> None:
    new = report_rel("2024-10-16 14:00", "veckans-lage")
    repo.move(A, new)
    repo.write(new, repo.read(new).replace("date: 2024-10-17 14:00", "date: 2024-10-16 14:00"))
    assert verdicts(repo) == [(doc(A), 1, "RA501")]


# --- What is published must be what is compared (issue 14) -------------------

def test_a_report_replaced_by_a_link_to_an_identical_file_is_refused(repo: GitRepo) -> None:
    """The issue's bypass: the link's target would later be edited with no new version."""
    copy = f"rapporter/{SERIES}/2024/kopia.txt"
    repo.write(copy, A_TEXT)
    repo.remove(A)
    os.symlink("kopia.txt", repo.docs / A)
    problems = guard.check(repo.root, "main").problems
    assert [(p.path, p.code) for p in problems] == [(doc(A), "RA015"), (doc(copy), "RA230")]
    assert "symbolisk länk (till kopia.txt)" in problems[0].message


@pytest.mark.parametrize("kind", ["link", "fifo"])
def test_a_link_or_special_file_anywhere_below_docs_is_refused(repo: GitRepo, kind: str) -> None:
    target = repo.docs / "om.md"
    if kind == "link":
        os.symlink("/etc/passwd", target)
    else:
        os.mkfifo(target)
    assert verdicts(repo) == [(doc("om.md"), 1, "RA015" if kind == "link" else "RA231")]


def test_a_stray_file_next_to_the_reports_is_refused(repo: GitRepo) -> None:
    repo.write(f"rapporter/{SERIES}/2024/bilaga.html", "<script>alert(1)</script>")
    assert verdicts(repo) == [(doc(f"rapporter/{SERIES}/2024/bilaga.html"), 1, "RA230")]


def linked_on_main(repo: GitRepo, target: str) -> None:
    """main as the issue left it: report A merged as a link (before links were refused)."""
    repo.git("checkout", "-q", "main")
    repo.git("branch", "-q", "-D", "andring")
    repo.remove(A)
    os.symlink(target, repo.docs / A)
    repo.commit("A som länk")
    repo.git("checkout", "-q", "-b", "andring")


def test_a_report_that_is_a_link_on_the_base_is_compared_with_what_it_pointed_at(repo: GitRepo) -> None:
    copy = f"rapporter/{SERIES}/2024/kopia.txt"
    repo.write(copy, A_TEXT)
    linked_on_main(repo, "kopia.txt")
    # Editing the target while the link stays: refused as a link, never "nothing changed".
    repo.write(copy, A_TEXT.replace("description: Läget", "description: Ett annat läge"))
    assert (doc(A), 1, "RA015") in verdicts(repo)
    # Replacing the link by the file with other text: a change without a revision.
    (repo.docs / A).unlink()
    repo.remove(copy)
    repo.write(A, A_TEXT.replace("description: Läget", "description: Ett annat läge"))
    assert [code for _, _, code in verdicts(repo)] == ["RA506"]
    # Replacing it by the text that was published: the repair passes.
    repo.write(A, A_TEXT)
    assert verdicts(repo) == []


def test_a_report_linked_outside_the_repository_on_the_base_is_a_warning(repo: GitRepo, tmp_path: Path) -> None:
    (tmp_path / "utanfor.md").write_text(A_TEXT, encoding="utf-8")
    linked_on_main(repo, str(tmp_path / "utanfor.md"))
    repo.remove(A)
    repo.write(A, A_TEXT)
    problems = guard.check(repo.root, "main").problems
    assert [(p.path, p.code, p.severity) for p in problems] == [(doc(A), "RA511", "warning")]
    assert "utanfor.md" in problems[0].message


def test_a_date_rewritten_as_the_same_instant_with_another_offset_is_a_change(repo: GitRepo) -> None:
    """2024-10-17 14:00 in Stockholm is 2024-10-18T02:00:00+14:00: shown as another day."""
    for other in ("2024-10-18T02:00:00+14:00", "2024-10-17T12:00:00Z"):
        repo.write(A, A_TEXT.replace("date: 2024-10-17 14:00", f"date: {other}"))
        assert verdicts(repo) == [(doc(A), line_of(repo, A, "date:"), "RA503")]


# --- A series' definition belongs to its published reports --------------------

def change_series(repo: GitRepo, old: str, new: str) -> None:
    text = repo.read(SERIES_REL)
    assert old in text
    repo.write(SERIES_REL, text.replace(old, new))


A_REVISED = seed_report(TITLE, revisions=[("2024-10-18 09:00", "Rättat datumet för pressmeddelandet."),
                                          ("2024-10-25 09:00", "Serien har ändrats.")])
PUBLIC_REVISED = seed_report("Öppen rapport", "2024-10-18 10:00", classification="public",
                             revisions=[("2024-10-25 09:00", "Serien har ändrats.")])


def test_a_time_zone_that_moves_published_times_needs_a_revision_in_each_report(repo: GitRepo) -> None:
    change_series(repo, "time_zone: Europe/Stockholm", "time_zone: Europe/Helsinki")
    problems = guard.check(repo.root, "main").problems
    assert [(p.path, p.code) for p in problems] == [(doc(SERIES_REL), "RA510")]
    assert problems[0].line == line_of(repo, SERIES_REL, "time_zone:")
    assert "2 publicerade rapporter" in problems[0].message and doc(A) in problems[0].message
    assert doc(DRAFT) not in problems[0].message  # a draft is not published
    repo.write(A, A_REVISED)
    problems = guard.check(repo.root, "main").problems
    assert "1 publicerad rapport" in problems[0].message and doc(PUBLIC) in problems[0].message
    repo.write(PUBLIC, PUBLIC_REVISED)
    assert verdicts(repo) == []


def test_a_time_zone_with_the_same_offsets_changes_no_published_time(repo: GitRepo) -> None:
    change_series(repo, "time_zone: Europe/Stockholm", "time_zone: Europe/Oslo")
    assert verdicts(repo) == []


@pytest.mark.parametrize(("old", "new"), [
    ("name: Regional rapport Millennium 2024", "name: Regional lägesrapport"),
    ("    - Kommande\n", "    - Kommande veckor\n"),
])
def test_a_new_name_or_sections_of_a_series_with_published_reports_is_refused(
    repo: GitRepo, old: str, new: str
) -> None:
    change_series(repo, old, new)
    problems = guard.check(repo.root, "main").problems
    assert [(p.path, p.code) for p in problems] == [(doc(SERIES_REL), "RA510")]
    assert "revisions" in problems[0].message


def test_sections_of_a_type_without_published_reports_are_free(repo: GitRepo) -> None:
    change_series(repo, "    - Verksamhetens kommentar\n", "    - Verksamhetens kommentar\n    - Frågor och svar\n")
    assert verdicts(repo) == []


def test_a_series_without_published_reports_is_free_to_change(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "ny")
    repo.commit("Serien")
    repo.write(report_rel("2024-10-17 14:00", "utkast"), seed_report("Utkast", draft=True))
    repo.commit("Utkast")
    change_series(repo, "time_zone: Europe/Stockholm", "time_zone: Europe/Helsinki")
    change_series(repo, "name: Regional rapport Millennium 2024", "name: Nytt namn")
    assert guard.check(repo.root, "HEAD").problems == []
