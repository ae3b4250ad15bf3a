"""The theme's shell around the core's pages.

The hook renders parts of Material's shell (sidebars, content block, footer,
client configuration, links to feeds and assets) once for every core page
alike in depth and place (see ``_SharedParts`` in rapportarkiv/site_build/mkdocs_adapter.py). A site
built that way must be byte for byte the site Material renders page by page,
over an archive large enough for the background renderer to share pages
between the two processes.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml

from factory import GENERATOR, REPO, base_env, copy_site_pages, GitRepo, mkdocs_config, report_rel, seed_report
from rapportarkiv import cache
from rapportarkiv.collection import load
from rapportarkiv.render import markdown
from rapportarkiv.render.background import BACKGROUND_FROM

REPORTS = BACKGROUND_FROM + 10


def _when(n: int) -> str:
    """Thursdays, a week apart, from 2019 on: four years of reports."""
    return (datetime(2019, 1, 3, 14, 0) + timedelta(weeks=n)).strftime("%Y-%m-%d %H:%M")


def _body(n: int, extra: str = "") -> dict[str, str]:
    return {"Läget just nu": f"Läget i vecka {n}. {extra}", "Händelser och beslut": "Inga beslut.",
            "Kommande": "Nästa rapport på torsdag."}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    repo = GitRepo(tmp_path_factory.mktemp("shell") / "repo")
    copy_site_pages(repo.docs)
    tags = [("Millennium", "lägesbild"), ("kommunerna", "driftstörning"), ("Millennium", "utbildning")]
    reports = {
        report_rel(_when(n), f"rapport-{n}"): seed_report(f"Rapport {n}", _when(n), tags=tags[n % 3], body=_body(n))
        for n in range(REPORTS)
    }
    repo.pr("Arkivet", reports)
    first = report_rel(_when(0), "rapport-0")
    repo.pr("Rättelse", {first: seed_report(
        "Rapport 0", _when(0), tags=tags[0], channel="Intranätet", body=_body(0, "Rättad text."),
        revisions=[("2019-01-04 09:00", "Rättat kanal för nyhetstexten.")],
    )})
    return repo


# Listed after the repository's hook, it renders every shared part page by page again.
PAGE_BY_PAGE = """
def on_env(env, config, files):
    env.globals["rapportarkiv_shared"] = lambda name, caller: caller()
    return env
"""


def _build(repo: GitRepo, name: str, *extra_hooks: Path) -> Path:
    config_path = mkdocs_config(repo.docs)
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["hooks"] += [str(hook) for hook in extra_hooks]
    config_path = repo.root / f"mkdocs.{name}.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = repo.root / f"site-{name}"
    result = subprocess.run(
        [sys.executable, "-m", GENERATOR, "build", "--strict", "-f", str(config_path), "-d", str(site)],
        capture_output=True, text=True, env=base_env(),
    )
    assert result.returncode == 0, result.stderr
    return site


def _pages(site: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in site.rglob("*") if path.is_file() and "pagefind" not in path.parts
    }


def test_shared_shell_parts_are_what_material_renders_for_each_page(repo: GitRepo, tmp_path: Path) -> None:
    page_by_page = tmp_path / "page_by_page.py"
    page_by_page.write_text(PAGE_BY_PAGE, encoding="utf-8")
    assert (REPO / "rapportarkiv/site_build/overrides/main.html").read_text(encoding="utf-8").count("rapportarkiv_shared(") == 7

    shared = _pages(_build(repo, "shared"))
    plain = _pages(_build(repo, "plain", page_by_page))

    assert shared.keys() == plain.keys()
    different = [name for name in shared if shared[name] != plain[name]]
    assert different == []
    # The archive has what makes sharing go wrong: pages of one depth in different
    # sections (links to the nav's sections differ), and older versions deeper down.
    assert "kalender/2020/index.html" in shared and "taggar/millennium/index.html" in shared
    assert any("/versioner/1/" in name for name in shared)
    kalender = shared["kalender/2020/index.html"].decode()
    assert 'href="../" class="md-nav__link"' in kalender  # its own section, one level up


def test_prose_rendered_on_either_core_is_kept_for_the_next_build(repo: GitRepo, tmp_path: Path) -> None:
    """The renderer's child hands back the prose it converted; the build keeps all of it."""
    _build(repo, "prose")
    [store] = (repo.root / ".rapportarkiv-cache").glob("prose-*.json")
    kept = {bytes.fromhex(key) for key in cache.read(store)[1]}  # type: ignore[index]
    loaded = load(repo.docs)
    texts = {r.body for r in loaded.reports} | {s.about for s in loaded.series.values()}
    assert len(texts) == REPORTS + 1
    assert {markdown.digest(t) for t in texts} <= set(kept)
    assert len(kept) == len(texts) + 1, "and the older version of the corrected report"
