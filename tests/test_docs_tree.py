"""What may lie below docs/: links, special files and stray files are refused by
`validate` (and so by the build) with file and code; ordinary site files pass."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factory import SEED, SERIES, build
from rapportarkiv import cli, collection

YEAR = f"rapporter/{SERIES}/2024"


def codes(docs: Path) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in collection.load(docs, base=docs, use_cache=False).problems]


def test_the_sample_archive_has_nothing_to_refuse(archive: Path) -> None:
    (archive / "assets" / "logga.svg").write_text("<svg/>", encoding="utf-8")
    (archive / "assets" / ".gitkeep").write_text("", encoding="utf-8")
    assert codes(archive) == []


@pytest.mark.parametrize("target", ["same-file", "outside-docs", "dangling"])
def test_a_report_that_is_a_link_is_refused_and_not_read(archive: Path, tmp_path: Path, target: str) -> None:
    seed = archive / SEED
    text = seed.read_bytes()
    seed.unlink()
    if target == "same-file":
        (archive / YEAR / "kopia.txt").write_bytes(text)
        os.symlink("kopia.txt", seed)
        expected = [(f"{YEAR}/kopia.txt", "RA230"), (SEED, "RA015")]
    elif target == "outside-docs":
        (tmp_path / "utanfor.md").write_bytes(text)
        os.symlink(tmp_path / "utanfor.md", seed)
        expected = [(SEED, "RA015")]
    else:
        os.symlink("finns-inte.md", seed)
        expected = [(SEED, "RA015")]
    result = collection.load(archive, base=archive, use_cache=False)
    assert sorted((p.path, p.code) for p in result.problems) == sorted(expected)
    assert result.reports == []  # never built from what the link points at
    message = next(p.message for p in result.problems if p.code == "RA015")
    assert "symbolisk länk" in message and "vanlig fil" in message


def test_links_to_folders_and_loops_are_found_without_being_entered(archive: Path, tmp_path: Path) -> None:
    outside = tmp_path / "annat"
    (outside / "2024").mkdir(parents=True)
    (outside / "2024" / "x.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    os.symlink(outside, archive / "rapporter" / "lankad-serie")
    os.symlink("..", archive / YEAR / "slinga")  # a loop: 2024/slinga/2024/slinga/…
    os.symlink(archive, archive / "guide" / "allt")  # a loop through the whole docs folder
    assert codes(archive) == [
        ("guide/allt", "RA015"), ("rapporter/lankad-serie", "RA015"), (f"{YEAR}/slinga", "RA015"),
    ]


def test_links_outside_the_reports_folder_are_refused_too(archive: Path) -> None:
    (archive / "om.md").unlink()
    os.symlink("tillganglighet.md", archive / "om.md")
    os.symlink("rapportarkiv.css", archive / "assets" / "kopia.css")
    assert codes(archive) == [("assets/kopia.css", "RA015"), ("om.md", "RA015")]


@pytest.mark.parametrize("name", [
    "bilaga.html", "anteckningar.txt", "extra.yml", "bild.png", ".pages", ".DS_Store", "Thumbs.db", "serie.yml",
])
def test_only_reports_and_series_definitions_in_the_reports_folder(archive: Path, name: str) -> None:
    (archive / YEAR / name).write_text("<script>alert(1)</script>\n", encoding="utf-8")
    problems = collection.load(archive, base=archive, use_cache=False).problems
    assert [(p.path, p.line, p.code) for p in problems] == [(f"{YEAR}/{name}", 1, "RA230")]
    assert "serie.yml" in problems[0].message and "ÅÅÅÅ-MM-DD-namn.md" in problems[0].message


def test_hidden_folders_and_stray_files_at_every_level_of_the_reports_folder(archive: Path) -> None:
    (archive / "rapporter" / "index.html").write_text("x", encoding="utf-8")
    (archive / "rapporter" / SERIES / "bilagor").mkdir()
    (archive / "rapporter" / SERIES / "bilagor" / "a.pdf").write_bytes(b"%PDF")
    (archive / YEAR / ".git").mkdir()
    (archive / YEAR / ".git" / "config").write_text("x", encoding="utf-8")
    assert sorted(codes(archive)) == [
        ("rapporter/index.html", "RA230"),
        (f"{YEAR}/.git", "RA230"),
        (f"rapporter/{SERIES}/bilagor/a.pdf", "RA230"),
    ]


def test_a_fifo_does_not_make_validate_wait(archive: Path) -> None:
    os.mkfifo(archive / YEAR / "2024-10-12-ror.md")
    os.mkfifo(archive / "assets" / "ror.css")
    problems = collection.load(archive, base=archive, use_cache=False).problems
    assert [(p.path, p.code) for p in problems] == [("assets/ror.css", "RA231"), (f"{YEAR}/2024-10-12-ror.md", "RA231")]
    assert "FIFO" in problems[0].message


def test_validate_names_a_refused_file_given_on_the_command_line(
    archive: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """pre-commit passes file names: a link or stray file given by name is refused, others are not listed."""
    monkeypatch.chdir(archive.parent)
    (archive / YEAR / "bilaga.yml").write_text("a: 1\n", encoding="utf-8")
    os.symlink("bilaga.yml", archive / YEAR / "2024-10-12-lank.md")
    assert cli.main(["validate", f"docs/{YEAR}/bilaga.yml"]) == 1
    out = capsys.readouterr().out
    assert f"docs/{YEAR}/bilaga.yml:1:1: fel:" in out and "RA015" not in out
    assert cli.main(["validate", f"docs/{YEAR}/2024-10-12-lank.md"]) == 1
    out = capsys.readouterr().out
    assert "RA015" in out and "RA230" not in out
    assert cli.main(["validate", f"docs/{SEED}"]) == 0


def test_the_build_refuses_a_link_loop_and_a_stray_script_before_mkdocs_walks(archive: Path) -> None:
    """MkDocs walks docs/ following links: the archive is refused in on_config, before that walk."""
    os.symlink("..", archive / YEAR / "slinga")
    (archive / YEAR / "bilaga.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    done = build(archive, check=False)
    assert done.returncode != 0
    assert "RA015" in done.stderr and "RA230" in done.stderr
    assert not (archive.parent / "site" / "rapporter" / SERIES / "2024" / "bilaga.html").exists()
