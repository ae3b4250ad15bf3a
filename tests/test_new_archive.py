"""``rapportarkiv init``: what it writes, what it refuses, and that it writes all or nothing."""

from __future__ import annotations

import errno
import io
import re
import shutil
import sys
from pathlib import Path

import markdown
import pytest
import yaml
from factory import ANSWERS, REPO, init_args

from rapportarkiv import __version__, cli, new_archive
from rapportarkiv.catalogue import INIT


def _init(capsys: pytest.CaptureFixture[str], target: Path, **answers: str) -> tuple[int, str]:
    code = cli.main(init_args(target, **answers))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_init_writes_an_archive_with_every_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "arkiv"
    code, said = _init(capsys, target)
    assert code == 0, said
    assert INIT["created"].format(path=target) in said
    written = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert written == sorted([
        ".github/CODEOWNERS", ".github/dependabot.yml", ".github/pull_request_template.md",
        ".github/workflows/pr.yml", ".github/workflows/publish.yml", ".gitignore", ".pre-commit-config.yaml",
        "README.md", "docs/guide/granskning-och-publicering.md", "docs/guide/index.md", "docs/om.md",
        "docs/rapporter/regional-rapport/serie.yml", "docs/tillganglighet.md", "hooks/rapportarkiv_site.py",
        "mkdocs.yml", "requirements.txt",
    ])
    # The hook and the guide are this archive's own files, not copies that drift.
    assert (target / "hooks/rapportarkiv_site.py").read_bytes() == (REPO / "hooks/rapportarkiv_site.py").read_bytes()
    assert (target / "docs/guide/index.md").read_bytes() == (REPO / "docs/guide/index.md").read_bytes()
    # Upgrading is one line, and the workflows install from it.
    assert (target / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == f"rapportarkiv[site]=={__version__}"
    for workflow in ("pr.yml", "publish.yml"):
        text = (target / ".github/workflows" / workflow).read_text(encoding="utf-8")
        assert "pip install -r requirements.txt" in text
        for action in new_archive.ACTIONS.values():
            if action.split("@")[0] in text:
                assert action in text
    series = yaml.safe_load((target / "docs/rapporter/regional-rapport/serie.yml").read_text(encoding="utf-8"))
    assert series["name"] == "Regional rapport" and series["reviewers"] == ["@region-exempel/granskare"]
    owners = (target / ".github/CODEOWNERS").read_text()
    assert "/docs/rapporter/regional-rapport/ @region-exempel/granskare" in owners
    # The new archive's own paths, in Swedish: none of this repository's code, no make target it lacks.
    assert "/mkdocs.yml @region-exempel/granskare" in owners and "/hooks/ @region-exempel/granskare" in owners
    for foreign in ("/rapportarkiv/", "/schema/", "/tests/", "/bench/", "pyproject.toml", "make codeowners"):
        assert foreign not in owners, foreign
    assert "Skriven av rapportarkiv init" in owners
    # The mailing (issue 19) is there, off until the team turns it on, on the build's clock.
    jobs = yaml.safe_load((target / ".github/workflows/publish.yml").read_text(encoding="utf-8"))["jobs"]
    mailing = jobs["utskick"]
    assert mailing["if"] == "github.ref == 'refs/heads/main'" and mailing["environment"] == "utskick"
    assert mailing["steps"][-1]["run"] == "rapportarkiv mail send --format github"
    assert mailing["steps"][-1]["env"]["RAPPORTARKIV_NOW"] == "${{ needs.bygg.outputs.build_time }}"
    assert jobs["bygg"]["outputs"]["build_time"] == "${{ steps.klocka.outputs.build_time }}"
    assert "rapportarkiv mail send --baseline" in (target / "README.md").read_text(encoding="utf-8")


def test_the_accessibility_statement_has_diggs_required_parts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _init(capsys, tmp_path / "arkiv")
    html = markdown.markdown((tmp_path / "arkiv/docs/tillganglighet.md").read_text(encoding="utf-8").split("---", 2)[2])
    assert "Region Exempel står bakom" in html                         # the body
    assert "delvis förenlig med DOS-lagen" in html                      # the compliance level
    assert "Innehåll som inte är tillgängligt" in html and INIT["shortcoming.filter"].split("**")[1] in html
    assert 'href="mailto:tillganglighet@exempel.se"' in html and "Kommunikationsenheten" in html  # feedback
    assert "digg.se/analys-och-uppfoljning/lagen-om-tillganglighet-till-digital-offentlig-service-dos-lagen/anmal-bristande-tillganglighet" in html
    assert "Redogörelsen uppdaterades senast den " in html and "Webbplatsen publicerades den " in html


def test_hostile_answers_reach_each_file_as_plain_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    evil = "Ond' org: {x} [klicka](https://ond.example) ${{ secrets.TOKEN }} *fet* `kod` # rubrik & Co"
    code, said = _init(capsys, tmp_path / "arkiv", organisation=evil, contact_name="K & [länk](https://ond.example)")
    assert code == 0, said
    config = yaml.safe_load((tmp_path / "arkiv/mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert config["extra"]["rapportarkiv_brand"]["organisation"] == evil
    statement = markdown.markdown((tmp_path / "arkiv/docs/tillganglighet.md").read_text(encoding="utf-8"))
    readme = markdown.markdown((tmp_path / "arkiv/README.md").read_text(encoding="utf-8"))
    for html in (statement, readme):
        assert "<code>kod" not in html and "<h1>rubrik" not in html
        assert 'href="https://ond.example' not in html and "<em>fet" not in html
    for workflow in (tmp_path / "arkiv/.github/workflows").iterdir():
        # No answer becomes an expression: the only secrets are the mailing's own.
        used = set(re.findall(r"\$\{\{[^}]*\}\}", workflow.read_text(encoding="utf-8")))
        assert "${{ secrets.TOKEN }}" not in used
        assert {u for u in used if "secrets" in u} <= {
            f"${{{{ secrets.RAPPORTARKIV_SMTP_{name} }}}}" for name in ("HOST", "PORT", "USER", "PASSWORD")}


def test_an_answer_the_validator_would_refuse_is_refused_with_its_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = _init(capsys, tmp_path / "arkiv", organisation="Region &lt;b&gt; [x](javascript:alert(1))")
    assert code == 2 and "[RA304]" in said and "serie.yml" in said and "Traceback" not in said
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("answer", "value", "message"), [
    ("reviewer", "granskare", INIT["bad_reviewer"].format(value="granskare")),
    ("contact_email", "ingen adress", INIT["bad_email"].format(value="ingen adress")),
    ("site_url", "javascript:alert(1)", INIT["bad_url"].format(value="javascript:alert(1)")),
    ("organisation", "Region\nExempel", INIT["bad_text"].format(option="--organisation", value="Region\nExempel")),
    ("organisation", "<script>alert(1)</script>", INIT["html"].format(option="--organisation", value="<script>alert(1)</script>")),
    ("contact_name", "<img src=x onerror=alert(1)>", INIT["html"].format(option="--contact-name", value="<img src=x onerror=alert(1)>")),
])
def test_a_bad_answer_is_refused_in_swedish_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], answer: str, value: str, message: str,
) -> None:
    code, said = _init(capsys, tmp_path / "arkiv", **{answer: value})
    assert code == 2 and message in said
    assert list(tmp_path.iterdir()) == []


def test_a_folder_with_anything_in_it_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "arkiv"
    target.mkdir()
    (target / "anteckning.txt").write_text("min", encoding="utf-8")
    code, said = _init(capsys, target)
    assert code == 2 and INIT["not_empty"].format(path=target) in said
    assert [p.name for p in tmp_path.iterdir()] == ["arkiv"] and [p.name for p in target.iterdir()] == ["anteckning.txt"]
    empty = tmp_path / "tom"
    empty.mkdir()
    assert _init(capsys, empty)[0] == 0 and (empty / "mkdocs.yml").is_file()


def test_a_failure_half_way_leaves_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(args[1]))

    monkeypatch.setattr(shutil, "copyfile", full_disk)
    code, said = _init(capsys, tmp_path / "arkiv")
    assert code == 2 and "Arkivet kunde inte skapas" in said and "Inget har skrivits" in said and "Traceback" not in said
    assert list(tmp_path.iterdir()) == []


def test_without_options_it_asks_in_swedish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    asked: list[str] = []
    answers = {INIT[f"ask.{key}"]: ANSWERS["reviewer" if key == "reviewers" else key]
               for key in ("organisation", "series_name", "reviewers", "contact_name", "contact_email", "site_url")}

    def answer(prompt: str) -> str:
        asked.append(prompt)
        return answers[prompt.removesuffix(": ")]

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("builtins.input", answer)
    assert cli.main(["init", str(tmp_path / "arkiv")]) == 0
    assert [p.removesuffix(": ") for p in asked] == list(answers)
    assert "Region Exempel" in (tmp_path / "arkiv/mkdocs.yml").read_text(encoding="utf-8")


def test_without_a_terminal_a_missing_answer_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.main(["init", str(tmp_path / "arkiv"), "--organisation", "Region Exempel"])
    assert code == 2 and INIT["missing"].format(option="--series-name") in capsys.readouterr().err
    assert not (tmp_path / "arkiv").exists()
