"""CODEOWNERS routes reports to their series' reviewers and everything else to the maintainers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from factory import REPO, SERIES

from rapportarkiv import codeowners


def owners_of(text: str, path: str) -> list[str]:
    """The owners GitHub would request for ``path``: the last matching line wins.

    A small model of CODEOWNERS matching for the patterns the generator writes:
    '*' (everything), '/dir/' (everything below), '/file' and '/dir/*/file'
    ('*' within one folder).
    """
    found: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *owners = line.split()
        if pattern == "*":
            matches = True
        elif pattern.endswith("/"):
            matches = ("/" + path).startswith(pattern)
        else:
            regex = "".join("[^/]*" if ch == "*" else re.escape(ch) for ch in pattern)
            matches = re.fullmatch(regex, "/" + path) is not None
        if matches:
            found = owners
    return found


def test_committed_codeowners_is_generated() -> None:
    committed = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert committed == codeowners.generate_for(REPO), (
        ".github/CODEOWNERS is out of date: run `make codeowners` and commit the result"
    )


def test_routing_in_the_committed_file() -> None:
    text = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    team = list(codeowners.maintainers(REPO / "pyproject.toml"))
    report = f"docs/rapporter/{SERIES}/2024/2024-10-11-sjuharad-begar-senare-anslutning.md"
    assert owners_of(text, report) == ["@region/millennium-granskare"]
    assert owners_of(text, f"docs/rapporter/{SERIES}/serie.yml") == team
    for path in ("rapportarkiv/cli.py", "hooks/mkdocs_adapter.py", "schema/report.schema.json",
                 ".github/workflows/pr.yml", "mkdocs.yml", "docs/guide/index.md"):
        assert owners_of(text, path) == team, path


def test_series_reviewers_and_fallback(tmp_path: Path) -> None:
    repo = tmp_path
    shutil.copytree(REPO / "docs" / "rapporter" / SERIES, repo / "docs" / "rapporter" / SERIES)
    other = repo / "docs" / "rapporter" / "veckobrev-vard" / "serie.yml"
    other.parent.mkdir(parents=True)
    series_text = (REPO / "docs" / "rapporter" / SERIES / "serie.yml").read_text(encoding="utf-8")
    other.write_text(
        series_text.replace(f"id: {SERIES}", "id: veckobrev-vard")
        .replace("Regional rapport Millennium 2024", "Veckobrev vård")
        .split("reviewers:")[0],
        encoding="utf-8",
    )
    (repo / "pyproject.toml").write_text(
        '[tool.rapportarkiv.codeowners]\nmaintainers = ["@vgr/arkivets-forvaltare", "@anna"]\n', encoding="utf-8"
    )
    text = codeowners.generate_for(repo)
    assert owners_of(text, f"docs/rapporter/{SERIES}/2024/2024-10-11-x.md") == ["@region/millennium-granskare"]
    assert owners_of(text, "docs/rapporter/veckobrev-vard/2025/2025-01-02-x.md") == ["@vgr/arkivets-forvaltare", "@anna"]
    assert owners_of(text, "docs/rapporter/veckobrev-vard/serie.yml") == ["@vgr/arkivets-forvaltare", "@anna"]
    assert owners_of(text, "rapportarkiv/summary.py") == ["@vgr/arkivets-forvaltare", "@anna"]


def test_placeholder_when_pyproject_names_no_maintainers(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert codeowners.maintainers(tmp_path / "pyproject.toml") == codeowners.PLACEHOLDER_MAINTAINERS
    assert codeowners.maintainers(tmp_path / "saknas.toml") == codeowners.PLACEHOLDER_MAINTAINERS
