"""The package as an organisation gets it: the light core, the site extra, the built wheel,
and a new archive made, checked and built with nothing but the released package."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
import yaml
from factory import (
    REPO, base_env, build_wheel, fill_placeholders, fresh_venv, git, init_args, pip_env,
)

import rapportarkiv

# The modules of the site extra's packages (pyproject.toml), which no light command may import.
SITE_ONLY = ("mkdocs", "material", "pagefind", "cbor2", "icalendar", "rapportarkiv.site_build")

# Run in a child process: every module a light command loads, with the site's packages
# made unimportable; then the light commands themselves, on an archive made by init.
BLOCKED = f"""
import sys
class Blocked:
    def find_spec(self, name, path=None, target=None):
        if any(name == b or name.startswith(b + ".") for b in {SITE_ONLY!r}):
            raise ImportError("blocked: " + name)
sys.meta_path.insert(0, Blocked())
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def _light(tmp_path: Path, code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCKED + code], cwd=tmp_path, capture_output=True, text=True,
                          env=base_env())


def test_the_blocker_blocks(tmp_path: Path) -> None:
    done = _light(tmp_path, "import rapportarkiv.site_build.mkdocs_adapter")
    assert done.returncode != 0 and "blocked: " in done.stderr


def test_light_commands_never_import_mkdocs_material_or_pagefind(tmp_path: Path) -> None:
    archive = tmp_path / "arkiv"
    script = f"""
from rapportarkiv import cli
args = {init_args(archive)!r}
assert cli.main(args) == 0
import os, subprocess
os.chdir({str(archive)!r})
for a in (["init", "-q", "-b", "main"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "a"]):
    subprocess.run(["git", *a], check=True)
for command in (["validate"], ["new", "--type", "extra", "--title", "Test", "--date", "2026-11-20 10:00"],
                ["check-history", "--base", "main"], ["summary", "--base", "main", "--output", "s.md"],
                ["check-deploy"]):
    assert cli.main(command) in (0, 1), command
for module in ("rapportarkiv.guard", "rapportarkiv.summary", "rapportarkiv.codeowners", "rapportarkiv.changes",
               "rapportarkiv.new_archive", "rapportarkiv.deploy", "rapportarkiv.scaffold"):
    __import__(module)
print(sorted(m for m in sys.modules if m.split(".")[0] in ("mkdocs", "material", "pagefind", "cbor2", "icalendar")))
"""
    done = _light(tmp_path, script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert (archive / "s.md").is_file()


def test_the_wheel_is_light_licensed_versioned_and_holds_the_site_build(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(info).decode("utf-8"))
        (license_file,) = (n for n in names if n.endswith(".dist-info/licenses/LICENSE"))
        license_text = archive.read(license_file).decode("utf-8")
    assert metadata["Version"] == rapportarkiv.__version__
    assert wheel.name.startswith(f"rapportarkiv-{rapportarkiv.__version__}-")
    assert metadata["License-Expression"] == "MIT" and license_text.startswith("MIT License")
    assert license_text == (REPO / "LICENSE").read_text(encoding="utf-8")
    requires = metadata.get_all("Requires-Dist") or []
    core = [r for r in requires if "extra ==" not in r]
    site = [r.split(";")[0] for r in requires if "extra == 'site'" in r]
    assert core and not [r for r in core if r.split("<")[0].split(">")[0].lower().startswith(("mkdocs", "pagefind"))]
    assert sorted(r.split("<")[0].split(">")[0] for r in site) == ["cbor2", "icalendar", "mkdocs", "mkdocs-material",
                                                                    "pagefind[extended]", "weasyprint"]
    for needed in ("rapportarkiv/site_build/mkdocs_adapter.py", "rapportarkiv/site_build/overrides/main.html",
                   "rapportarkiv/site_build/overrides/assets/rapportarkiv.css", "rapportarkiv/_schema/report.schema.json",
                   "rapportarkiv/_archive/hooks/rapportarkiv_site.py", "rapportarkiv/_archive/docs/guide/index.md",
                   "rapportarkiv/templates/new_archive/pr.yml.j2", "rapportarkiv/templates/report.html"):
        assert needed in names


def test_this_archive_is_configured_as_init_configures_one(tmp_path: Path) -> None:
    """One path: this repository's sample archive is built by the same few lines and hook."""
    from rapportarkiv import cli

    assert cli.main(init_args(tmp_path / "arkiv")) == 0

    def config(path: Path) -> dict:
        return yaml.safe_load(path.read_text(encoding="utf-8").replace("!ENV", ""))

    ours, theirs = config(REPO / "mkdocs.yml"), config(tmp_path / "arkiv/mkdocs.yml")
    for key in ("theme", "hooks", "plugins"):
        assert ours[key] == theirs[key]
    assert set(ours) - {"site_description"} == set(theirs) and set(ours["extra"]) <= set(theirs["extra"])
    assert (REPO / "hooks/rapportarkiv_site.py").read_text() == (tmp_path / "arkiv/hooks/rapportarkiv_site.py").read_text()
    assert sorted(p.name for p in (REPO / "hooks").glob("*.py")) == ["rapportarkiv_site.py"]


@pytest.mark.slow
def test_the_light_package_alone_runs_the_checks(wheel: Path, tmp_path: Path) -> None:
    """The wheel without the site extra, in a fresh virtual environment: what pre-commit and
    the pull request's checks install. Every light command runs; the site's packages are absent."""
    bin_dir = fresh_venv(tmp_path / "venv", str(wheel), find_links=wheel.parent)
    env = {**pip_env(wheel.parent), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    archive = tmp_path / "arkiv"

    def run(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([str(bin_dir / "rapportarkiv"), *args], cwd=archive if archive.exists() else tmp_path,
                              capture_output=True, text=True, env=env)
        assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
        return done

    run(*init_args(archive))
    git(archive, "init", "-q", "-b", "main")
    git(archive, "add", "-A")
    git(archive, "commit", "-q", "-m", "Nytt arkiv")
    git(archive, "checkout", "-q", "-b", "rapport")
    run("new", "--type", "extra", "--title", "Första rapporten", "--date", "2026-11-20 10:00")
    (report,) = (archive / "docs/rapporter/regional-rapport/2026").glob("*.md")
    fill_placeholders(report)
    git(archive, "add", "-A")
    git(archive, "commit", "-q", "-m", "Första rapporten")
    run("validate")
    run("check-history", "--base", "main")
    run("summary", "--base", "main", "--output", str(tmp_path / "summary.md"))
    run("check-deploy")
    missing = subprocess.run([str(bin_dir / "python"), "-c", "import mkdocs"], capture_output=True, env=env)
    assert missing.returncode != 0  # the light install has no MkDocs
    assert "Alla rapporter klarar kontrollen" in (tmp_path / "summary.md").read_text(encoding="utf-8")


def _workflow_commands(path: Path) -> list[str]:
    steps = [step for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values() for step in job["steps"]]
    return [step["run"] for step in steps if "run" in step]


@pytest.mark.slow
def test_a_new_archive_from_the_released_wheel_checks_and_builds(wheel: Path, tmp_path: Path) -> None:
    """The wheel in a fresh virtual environment (not editable, not this one): init, a first
    report committed, every command of both workflows as they run it, and the site."""
    bin_dir = fresh_venv(tmp_path / "venv", f"{wheel}[site]", find_links=wheel.parent)
    env = {**pip_env(wheel.parent), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    archive = tmp_path / "arkiv"

    def run(command: str, **extra: str) -> subprocess.CompletedProcess:
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=archive, capture_output=True,
                              text=True, env={**env, **extra})
        assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
        return done

    done = subprocess.run([str(bin_dir / "rapportarkiv"), *init_args(archive)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    git(archive, "init", "-q", "-b", "main")
    git(archive, "add", "-A")
    git(archive, "commit", "-q", "-m", "Nytt arkiv")
    git(archive, "checkout", "-q", "-b", "forsta-rapporten")
    run('rapportarkiv new --type extra --title "Första rapporten" --date "2026-11-20 10:00"')
    (report,) = (archive / "docs/rapporter/regional-rapport/2026").glob("*.md")
    fill_placeholders(report)
    git(archive, "add", "-A")
    git(archive, "commit", "-q", "-m", "Första rapporten")

    summary = tmp_path / "summary.md"
    ci = {"BASE_REF": "main", "ARTIFACT": "forhandsvisning-pr-1", "GITHUB_STEP_SUMMARY": str(summary)}
    for command in _workflow_commands(archive / ".github/workflows/pr.yml"):
        run(command, **ci)
    assert "Alla rapporter klarar kontrollen" in summary.read_text(encoding="utf-8")
    page = archive / "site" / report.relative_to(archive / "docs").with_suffix("") / "index.html"
    assert "Första rapporten" in page.read_text(encoding="utf-8")
    statement = (archive / "site/tillganglighet/index.html").read_text(encoding="utf-8")
    assert "Region Exempel" in statement and "mailto:tillganglighet@exempel.se" in statement
    assert (archive / "site/assets/rapportarkiv.css").is_file() and (archive / "site/pagefind").is_dir()

    git(archive, "checkout", "-q", "main")
    git(archive, "merge", "-q", "--no-ff", "-m", "Merge", "forsta-rapporten")
    outputs = tmp_path / "github-output"
    for command in _workflow_commands(archive / ".github/workflows/publish.yml"):
        if "mark-deployed" not in command:  # pushes a tag to the remote, which this repository has not
            run(command, GITHUB_OUTPUT=str(outputs))
    assert page.is_file()
    assert outputs.read_text(encoding="utf-8").startswith("build_time=")  # the build's clock, for the mailing


def test_the_readme_starts_with_two_commands_and_says_how_to_adopt_it() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    first_screen = text.split("\n---\n", 1)[0]
    blocks = first_screen.split("```sh\n")[1:]
    assert len(blocks) == 1
    commands = [line for line in blocks[0].split("```")[0].splitlines() if line.strip()]
    assert [c.split()[0:2] for c in commands] == [["./dev", "serve"], ["./dev", "test"]]
    adopt = text.split("## Adopt it in your organisation", 1)[1].split("\n## ", 1)[0]
    assert "rapportarkiv init" in adopt and 'pip install "rapportarkiv[site]"' in adopt


def test_the_install_uses_the_lock_with_every_dependency_pinned_by_hash() -> None:
    """uv.lock is what ./dev installs (so CI and the workflows, through make install) and
    what Dependabot's uv ecosystem updates: every dependency the project declares is in it
    at one version, every package but the project itself with hashes to check."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["site"],
              *project["optional-dependencies"]["test"]]
    lock = tomllib.loads((REPO / "uv.lock").read_text(encoding="utf-8"))
    packages = {p["name"]: p for p in lock["package"]}
    for requirement in wanted:
        name = requirement.split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip().lower().replace("_", "-")
        assert name in packages, f"{name} is not in uv.lock: run make lock"
    assert packages["rapportarkiv"]["source"] == {"editable": "."}
    for name, package in packages.items():
        if name == "rapportarkiv":
            continue
        files = [*package.get("wheels", []), *([package["sdist"]] if "sdist" in package else [])]
        assert files and all(f["hash"].startswith("sha256:") for f in files), name
    # The lock says which extras it was made for: the ones the install asks for.
    assert {"site", "test"} <= set(packages["rapportarkiv"]["optional-dependencies"])
    dev = (REPO / "dev").read_text(encoding="utf-8")
    assert "sync --quiet --locked --inexact" in dev and "--extra site --extra test" in dev
    dependabot = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert "uv" in {u["package-ecosystem"] for u in dependabot["updates"]}
    assert not (REPO / "requirements.lock").exists()
