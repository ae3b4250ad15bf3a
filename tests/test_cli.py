"""The rapportarkiv command as authors and CI use it: exit codes, formats, `new`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from factory import REPO, SEED, SERIES
from rapportarkiv import catalogue, cli, collection, formats, scaffold
from rapportarkiv.problems import Problem

YEAR = f"rapporter/{SERIES}/2024"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(args))
    except SystemExit as exit_:  # argparse's usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def write(docs: Path, rel: str, text: str) -> Path:
    path = docs / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def seed_with(docs: Path, old: str, new: str, name: str = "2024-10-11-kopia.md") -> Path:
    text = (docs / SEED).read_text(encoding="utf-8")
    assert old in text
    return write(docs, f"{YEAR}/{name}", text.replace(old, new, 1))


# --- validate ---------------------------------------------------------------

def test_console_script_validates_the_real_docs_folder() -> None:
    tool = Path(sys.executable).with_name("rapportarkiv")
    result = subprocess.run([str(tool), "validate"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert re.fullmatch(r"Inga fel i \d+ filer\.\n", result.stderr)


def test_default_docs_folder_is_docs_in_the_working_folder(archive: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(archive.parent)
    assert run(capsys, "validate")[0] == 0
    seed_with(archive, "type: extra", "type: weird")
    code, out, _ = run(capsys, "validate")
    assert code == 1
    assert out.startswith(f"docs/{YEAR}/2024-10-11-kopia.md:4:7: fel: ")


def test_clean_archive_exits_0(archive: Path, capsys) -> None:
    code, out, err = run(capsys, "validate", "--docs", str(archive))
    assert (code, out, err) == (0, "", "Inga fel i 2 filer.\n")


def test_errors_exit_1_in_the_text_format(archive: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(archive)
    seed_with(archive, "date: 2024-10-11 15:20", "date: 2024-10-12 15:20")
    code, out, err = run(capsys, "validate", "--docs", ".")
    assert code == 1
    assert out == (
        f"{YEAR}/2024-10-11-kopia.md:6:7: fel: Filnamnet börjar med 2024-10-11 men date är 2024-10-12 15:20 "
        "(2024-10-12 i seriens tidszon). Byt namn på filen till 2024-10-12-kopia.md eller rätta date. [RA201]\n"
    )
    assert err == "1 fel i 3 kontrollerade filer.\n"


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--format", "xml"],
        ["validate", "--nonsense"],
        ["frobnicate"],
        [],
        ["new", "--type", "weekly"],
    ],
)
def test_usage_errors_exit_2(archive: Path, capsys, args: list[str]) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "användning:" in err


def test_missing_docs_folder_exits_2(tmp_path: Path, capsys) -> None:
    code, out, err = run(capsys, "validate", "--docs", str(tmp_path / "finns-inte"))
    assert (code, out) == (2, "")
    assert "finns inte" in err


def test_a_path_that_does_not_exist_is_a_problem(archive: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(archive)
    code, out, _ = run(capsys, "validate", "--docs", ".", f"{YEAR}/2024-10-12-saknas.md")
    assert code == 1
    assert out == f"{YEAR}/2024-10-12-saknas.md:1:1: fel: Filen kan inte läsas: filen finns inte. [RA000]\n"


def warning_only(docs: Path) -> Path:
    return seed_with(docs, "## Verksamhetens kommentar", "## Verksamhetens kommentar\n\n## Övrigt")


def test_warnings_pass_unless_strict(archive: Path, capsys) -> None:
    warning_only(archive)
    code, out, err = run(capsys, "validate", "--docs", str(archive))
    assert code == 0
    assert ": varning: " in out and "[RA219]" in out and "[RA208]" in out
    assert err == "2 varningar i 3 kontrollerade filer.\n"
    assert run(capsys, "validate", "--docs", str(archive), "--strict")[0] == 1


def test_strict_changes_nothing_when_clean(archive: Path, capsys) -> None:
    assert run(capsys, "validate", "--docs", str(archive), "--strict")[0] == 0


def test_every_problem_in_every_file_in_one_run(archive: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(archive)
    seed_with(archive, "type: extra", "type: extrainsatt\nfärg: blå", "2024-10-11-a.md")
    seed_with(archive, "## Kända omständigheter", "## Kända omständigheter\n\n<script>alert(1)</script>", "2024-10-11-b.md")
    write(archive, f"{YEAR}/2024-10-11-c.md", "")
    write(archive, f"rapporter/{SERIES}/2023/2024-10-11-d.md", (archive / SEED).read_text(encoding="utf-8"))
    code, out, err = run(capsys, "validate", "--docs", ".", "--format", "json")
    assert code == 1
    found = [(Path(p["path"]).name, p["line"], p["code"]) for p in json.loads(out)]
    assert found == [
        ("2024-10-11-d.md", 1, "RA205"),
        ("2024-10-11-a.md", 4, "RA104"),
        ("2024-10-11-a.md", 5, "RA102"),
        ("2024-10-11-b.md", 57, "RA301"),  # two lines below "## Kända omständigheter" (line 55)
        ("2024-10-11-c.md", 1, "RA001"),
    ]
    assert err == ""


def test_only_the_given_files_or_folders_are_reported(archive: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(archive)
    broken = write(archive, f"{YEAR}/2024-10-11-c.md", "")
    code, out, err = run(capsys, "validate", "--docs", ".", SEED)
    assert (code, out, err) == (0, "", "Inga fel i 1 fil.\n")
    code, out, _ = run(capsys, "validate", "--docs", ".", str(broken.parent))
    assert code == 1 and out.count("\n") == 1 and "[RA001]" in out


def test_json_format_is_a_parseable_list_with_every_field(archive: Path, capsys) -> None:
    assert json.loads(run(capsys, "validate", "--docs", str(archive), "--format", "json")[1]) == []
    warning_only(archive)
    code, out, err = run(capsys, "validate", "--docs", str(archive), "--format", "json")
    problems = json.loads(out)
    assert code == 0 and err == ""
    assert {tuple(sorted(p)) for p in problems} == {
        ("code", "column", "line", "message", "params", "path", "severity", "title")
    }
    assert {p["severity"] for p in problems} == {"warning"}
    assert {p["title"] for p in problems} == {"Okänt avsnitt", "Tomt avsnitt"}
    # The parameters are data: the message is the catalogue's template filled in with them.
    for p in problems:
        assert p["message"] == catalogue.render(p["code"], **p["params"])
    assert {p["params"]["section"] for p in problems if p["code"] == "RA219"}


def test_github_annotations_escape_data_and_properties(monkeypatch) -> None:
    # A message is the catalogue's template filled in; here it is the parameter as it is, line breaks and all.
    monkeypatch.setattr(catalogue, "render", lambda code, **params: params["text"])
    problem = Problem("rapporter/a,b:c.md", 3, 7, "RA007", (("text", "100% fel: a, b\nrad två\r"),), "error")
    warning = Problem("x.md", 1, 1, "RA208", (("text", "Okänt"),), "warning")
    assert formats.github([problem, warning]) == (
        "::error file=rapporter/a%2Cb%3Ac.md,line=3,col=7,title=RA007 Syntaxfel i front matter::"
        "100%25 fel: a, b%0Arad två%0D\n"
        "::warning file=x.md,line=1,col=1,title=RA208 Okänt avsnitt::Okänt\n"
    )


def test_github_format_from_the_command(archive: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(archive)
    seed_with(archive, "type: extra", "type: extra\n100%: x")
    code, out, _ = run(capsys, "validate", "--docs", ".", "--format", "github")
    assert code == 1
    [line] = out.splitlines()
    assert line.startswith(f"::error file={YEAR}/2024-10-11-kopia.md,line=5,col=1,title=RA102 Okänd uppgift::”100%25”")
    assert "%25" not in line.split("::")[1].replace("100%25", "")


# --- new --------------------------------------------------------------------

def required_keys() -> list[str]:
    from rapportarkiv import schemas

    return schemas.load("report")["required"]


@pytest.mark.parametrize("report_type", ["regular", "extra"])
def test_new_creates_a_report_that_fails_only_on_placeholders(archive: Path, capsys, report_type: str) -> None:
    code, out, _ = run(capsys, "new", "--docs", str(archive), "--type", report_type,
                       "--title", "Sjuhärad: ny tidplan", "--date", "2024-10-18 09:00")
    assert code == 0
    path = archive / f"{YEAR}/2024-10-18-sjuharad-ny-tidplan.md"
    assert path.is_file() and str(path) in out
    text = path.read_text(encoding="utf-8")
    for key in required_keys():
        assert re.search(rf"^{key}:", text, re.MULTILINE), key
    assert 'title: "Sjuhärad: ny tidplan"' in text and "date: 2024-10-18 09:00" in text
    series = collection.load(archive).series[SERIES]
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings == list(series.sections[report_type])

    result = collection.load(archive, only=[path], base=archive)
    assert result.problems and {p.code for p in result.problems} == {"RA215"}
    lines = text.split("\n")
    for p in result.problems:  # each points at a placeholder
        assert lines[p.line - 1][p.column - 1:].lstrip('"').startswith("[FYLL I")

    filled = re.sub(r"\[FYLL I: ([^\]]*)\]", lambda m: "Ifyllt " + m.group(1).split(",")[0], text)
    path.write_text(filled, encoding="utf-8")
    assert collection.load(archive, only=[path], base=archive).problems == []


def test_new_defaults_to_now_in_the_series_zone(archive: Path) -> None:
    now = datetime(2024, 10, 31, 23, 30, tzinfo=ZoneInfo("UTC"))  # 00:30 on 1 November in Stockholm
    path = scaffold.create(archive, series=None, report_type="extra", title=None, when=None, now=now).path
    assert path == archive / f"{YEAR}/2024-11-01-extrainsatt.md"
    text = path.read_text(encoding="utf-8")
    assert "date: 2024-11-01 00:30  #" in text and 'title: "[FYLL I: rubrik]"' in text
    assert {p.code for p in collection.load(archive, only=[path]).problems} == {"RA215"}


def test_new_from_the_command_uses_the_current_time(archive: Path, capsys) -> None:
    before = datetime.now(ZoneInfo("Europe/Stockholm"))
    code, out, _ = run(capsys, "new", "--docs", str(archive), "--type", "extra")
    after = datetime.now(ZoneInfo("Europe/Stockholm"))
    assert code == 0
    created = Path(out.split()[1].rstrip("."))
    assert created.name[:10] in {before.date().isoformat(), after.date().isoformat()}
    assert created.name.endswith("-extrainsatt.md")


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["--series", "okand"], "Serien ”okand” finns inte. Kända serier: regional-rapport-millennium-2024."),
        (["--date", "i morgon"], "Datumet ”i morgon” går inte att tolka"),
        (["--date", "2024-10-11 15:20", "--title", "Sjuhärad begär senare anslutning"], "finns redan"),
    ],
)
def test_new_usage_problems_exit_2_in_swedish(archive: Path, capsys, args: list[str], phrase: str) -> None:
    before = sorted(archive.rglob("*"))
    code, out, err = run(capsys, "new", "--docs", str(archive), *args)
    assert (code, out) == (2, "")
    assert phrase in err
    assert sorted(archive.rglob("*")) == before


def test_new_without_any_series(tmp_path: Path, capsys) -> None:
    (tmp_path / "docs").mkdir()
    code, _, err = run(capsys, "new", "--docs", str(tmp_path / "docs"))
    assert code == 2 and "Det finns ingen serie" in err


def test_new_asks_which_series_when_there_are_several(archive: Path, capsys) -> None:
    other = archive / "rapporter/andra-serien/serie.yml"
    other.parent.mkdir()
    text = (archive / f"rapporter/{SERIES}/serie.yml").read_text(encoding="utf-8")
    other.write_text(text.replace(f"id: {SERIES}", "id: andra-serien"), encoding="utf-8")
    code, _, err = run(capsys, "new", "--docs", str(archive))
    assert code == 2 and "Ange serie med --series" in err
    code, out, _ = run(capsys, "new", "--docs", str(archive), "--series", "andra-serien", "--date", "2025-01-02 10:00")
    assert code == 0 and "rapporter/andra-serien/2025/2025-01-02-vecka-1.md" in out


def test_summary_line_grammar() -> None:
    one = [Problem("a", 1, 1, "RA208", severity="warning")]
    assert formats.summary_line([], 1) == "Inga fel i 1 fil."
    assert formats.summary_line(one, 1) == "1 varning i 1 kontrollerad fil."
    err = Problem("a", 1, 1, "RA001", severity="error")
    assert formats.summary_line([err, err, *one, *one], 2) == "2 fel och 2 varningar i 2 kontrollerade filer."


def test_the_console_script_is_installed() -> None:
    assert shutil.which("rapportarkiv", path=os.path.dirname(sys.executable))


def test_paths_outside_the_archive_are_named_not_silently_skipped(archive: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(archive.parent)
    (archive / "om.md").write_text("# Om\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", "docs/om.md")
    assert (code, out) == (0, "")
    assert err == "Hittade inga rapporter att kontrollera i docs/om.md.\nInga fel i 0 filer.\n"
