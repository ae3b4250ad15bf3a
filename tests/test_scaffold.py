"""`rapportarkiv new`: the series' weekday, comments that explain each key and
survive, a command the author can paste, and no file left behind on failure."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from factory import SERIES, GitRepo, report_rel, write_series
from rapportarkiv import catalogue, cli, collection, guard, scaffold
from test_cli import run

STOCKHOLM = ZoneInfo("Europe/Stockholm")
YEAR = f"rapporter/{SERIES}/2024"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def create(docs: Path, now: str, report_type: str = "regular", when: str | None = None) -> scaffold.Created:
    return scaffold.create(docs, series=None, report_type=report_type, title=None, when=when, now=at(now))


# --- the date -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("now", "day", "why"),
    [
        ("2024-10-17 09:15", "2024-10-17", "i dag"),            # a Thursday: today
        ("2024-10-18 09:15", "2024-10-24", "nästa torsdag"),    # Friday: the coming Thursday
        ("2024-10-16 23:59", "2024-10-17", "nästa torsdag"),    # Wednesday night: tomorrow
        ("2024-12-27 10:00", "2025-01-02", "nästa torsdag"),    # across the new year, into the next year's folder
    ],
)
def test_a_weekly_report_is_dated_on_the_series_weekday(archive: Path, now: str, day: str, why: str) -> None:
    created = create(archive, now)
    assert created.path.name.startswith(day)
    assert f"/{day[:4]}/" in created.path.as_posix()
    text = created.path.read_text(encoding="utf-8")
    assert f"date: {day} {now[11:]}" in text
    assert created.dated is not None and why in created.dated and "torsdag" in created.dated
    assert "--date" in created.dated


def test_an_extra_report_and_a_given_date_are_not_moved(archive: Path) -> None:
    extra = create(archive, "2024-10-18 09:15", "extra")
    assert extra.path.name.startswith("2024-10-18") and extra.dated is None
    given = create(archive, "2024-10-18 09:15", when="2024-10-19 08:00")
    assert given.path.name.startswith("2024-10-19") and given.dated is None


def test_a_monthly_series_keeps_today(archive: Path) -> None:
    write_series(archive, cadence={"frequency": "monthly"})
    created = create(archive, "2024-10-18 09:15")
    assert created.path.name.startswith("2024-10-18") and created.dated is None


def test_the_command_says_which_day_and_why(archive: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return at("2024-10-18 09:15")
    monkeypatch.setattr(cli, "datetime", Clock)
    code, out, _ = run(capsys, "new", "--docs", str(archive))
    assert code == 0
    assert out.startswith("Datum: torsdag 24 oktober 2024, nästa torsdag, seriens veckodag.")


# --- the comments ---------------------------------------------------------------

def fill(text: str) -> str:
    return re.sub(r"\[FYLL I: ([^\]]*)\]", lambda m: "Ifyllt " + m.group(1).split(",")[0], text)


def test_each_key_with_fixed_values_has_a_comment_naming_them(archive: Path) -> None:
    text = create(archive, "2024-10-17 09:15").path.read_text(encoding="utf-8")
    assert "type: regular  # regular = veckorapport, extra = extrainsatt rapport\n" in text
    assert "status: planned  # planned = kommande, done = genomförd\n" in text
    assert "audience: internal  # internal = internt, external = externt\n" in text
    assert "classification: internal  # internal = intern, public = öppen\n" in text
    # Each value a comment names is one the schema allows, and every allowed value is named.
    from rapportarkiv import schemas
    fields: list[tuple[str, list[str | int]]] = [
        ("type", ["type"]), ("status", ["communication", 0, "status"]),
        ("audience", ["communication", 0, "audience"]), ("classification", ["classification"]),
    ]
    for field, key_path in fields:
        assert list(catalogue.ENUM_MEANINGS[field]) == schemas.property_schema("report", key_path)["enum"]


def test_the_comments_survive_filling_in_and_validation(archive: Path) -> None:
    path = create(archive, "2024-10-17 09:15").path
    filled = fill(path.read_text(encoding="utf-8"))
    path.write_text(filled, encoding="utf-8")
    result = collection.load(archive, only=[path], base=archive)
    assert result.problems == []
    assert path.read_text(encoding="utf-8") == filled and filled.count("  # ") >= 8
    front = yaml.safe_load(filled.split("---\n")[1])
    assert front["type"] == "regular" and front["communication"][0]["status"] == "planned"


def test_removing_the_comments_of_a_published_report_is_no_change(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "arkiv")
    made = create(repo.docs, "2024-10-17 09:15")
    rel = made.path.relative_to(repo.docs).as_posix()
    assert rel == report_rel(at("2024-10-17 09:15"), "vecka-42")
    repo.pr("Ny rapport", {rel: fill(made.path.read_text(encoding="utf-8"))})
    repo.git("checkout", "-q", "-b", "andring")
    published = repo.read(rel)
    repo.write(rel, re.sub(r"  # .*", "", published).replace("# Uppgifterna", "# Kommentar", 1))
    assert repo.read(rel) != published
    assert guard.check(repo.root, "main").problems == []
    repo.write(rel, published.replace("status: planned  #", "status: done  #", 1))
    assert [p.code for p in guard.check(repo.root, "main").problems] == ["RA506"]


# --- the command to run next -------------------------------------------------------

def test_the_printed_command_is_how_the_program_was_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    tool = tmp_path / ".venv" / "bin" / "rapportarkiv"
    tool.parent.mkdir(parents=True)
    tool.write_text("#!/bin/sh\n", encoding="utf-8")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert cli.invocation("rapportarkiv") == "rapportarkiv"
    assert cli.invocation(".venv/bin/rapportarkiv") == ".venv/bin/rapportarkiv"
    assert cli.invocation(str(tool)) == ".venv/bin/rapportarkiv"
    monkeypatch.setenv("PATH", f"{tool.parent}:/usr/bin:/bin")
    assert cli.invocation(str(tool)) == "rapportarkiv"  # the shell found it by name
    assert cli.invocation(str(Path(cli.__file__))).endswith(" -m rapportarkiv.cli")


def test_the_printed_command_runs_from_the_authors_shell(archive: Path) -> None:
    tool = Path(sys.executable).with_name("rapportarkiv")
    env = {**os.environ, "PATH": "/usr/bin:/bin", "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    made = subprocess.run([str(tool), "new", "--type", "extra", "--title", "Läget: oförändrat"],
                          cwd=archive.parent, capture_output=True, text=True, env=env, timeout=120)
    assert made.returncode == 0, made.stderr
    command = made.stdout.strip().split("\n")[-1].strip()
    assert " validate " in command and "docs/rapporter/" in command
    checked = subprocess.run(command, shell=True, cwd=archive.parent, capture_output=True, text=True, env=env,
                             timeout=120)
    assert checked.returncode == 1
    assert {line.rsplit("[", 1)[1] for line in checked.stdout.strip().split("\n")} == {"RA215]"}


# --- nothing left behind --------------------------------------------------------------

def files(docs: Path) -> list[str]:
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*"))


@pytest.mark.parametrize(
    ("fault", "code", "phrase"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), 2, "disken är full"),
        (OSError(errno.EIO, "Input/output error"), 2, "läsfel eller skrivfel"),
        (KeyboardInterrupt(), 130, ""),
    ],
)
def test_a_failed_write_leaves_no_file_and_no_folder(archive: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch, fault: BaseException,
                                                     code: int, phrase: str) -> None:
    before = files(archive)

    def fails(descriptor: int) -> None:
        raise fault
    monkeypatch.setattr(os, "fsync", fails)
    # A date in a year with no folder yet: the folder made for the file goes too.
    result, out, err = run(capsys, "new", "--docs", str(archive), "--date", "2031-03-06 10:00")
    assert (result, out) == (code, "")
    assert phrase in err
    assert files(archive) == before


def test_an_existing_file_is_never_overwritten(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, "new", "--docs", str(archive), "--date", "2024-10-24 10:00")
    assert first[0] == 0
    path = archive / YEAR / "2024-10-24-vecka-43.md"
    path.write_text("egen text\n", encoding="utf-8")
    before = files(archive)
    code, out, err = run(capsys, "new", "--docs", str(archive), "--date", "2024-10-24 10:00")
    assert (code, out) == (2, "") and "finns redan" in err
    assert path.read_text(encoding="utf-8") == "egen text\n" and files(archive) == before


@pytest.mark.parametrize("command", ["new", "validate"])
def test_run_outside_the_project_it_says_where_to_run_it(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    """From another folder (or a subfolder of the project) there is no docs/ here:
    not "no series in docs", which an author with a series cannot act on."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, command)
    assert (code, out) == (2, "")
    assert err.strip() == catalogue.CLI["no_docs"].format(docs="docs")
    assert "projektets mapp" in err and "--docs" in err
    assert list(tmp_path.iterdir()) == []
