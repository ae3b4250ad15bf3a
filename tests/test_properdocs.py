"""ProperDocs, the maintained fork of MkDocs 1.6, builds the same site as MkDocs 1.6.1.

MkDocs 1.6 is no longer developed and Material for MkDocs reaches end of life on
5 May 2027 (docs-dev/platform.md). ProperDocs keeps MkDocs' hooks, plugins and
themes: it answers every ``mkdocs.*`` import itself. Here it is installed into a
folder of its own (MkDocs, Material and the rest stay as the main environment has
them, which ProperDocs' own dependencies already are), and the sample archive is
built by each with every clock fixed; the pages must be the same bytes. CI also
runs the whole suite with ProperDocs (RAPPORTARKIV_GENERATOR=properdocs).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from factory import REPO, build, git, pip_env
from test_golden import COMMITTED, FIXED_CLOCKS, NOW, manifest

PROPERDOCS = "properdocs==1.6.7"
# Each generator names itself in every page; nothing else may differ.
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="session")
def properdocs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with ProperDocs alone, for PYTHONPATH."""
    target = tmp_path_factory.mktemp("properdocs")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), PROPERDOCS],
                   check=True, capture_output=True, env=pip_env())
    return target


def _sample(root: Path) -> Path:
    docs = root / "docs"
    shutil.copytree(REPO / "docs", docs)
    committed = datetime.fromisoformat(COMMITTED)
    for args in (["init", "-q", "-b", "main"], ["add", "-A", "docs"], ["commit", "-q", "-m", "Arkivet"]):
        git(root, *args, when=committed)
    return docs


@pytest.mark.slow
def test_properdocs_builds_the_same_pages_as_mkdocs(properdocs: Path, tmp_path: Path) -> None:
    path = os.pathsep.join(filter(None, (str(properdocs), os.environ.get("PYTHONPATH"))))
    sites = {}
    for generator in ("mkdocs", "properdocs"):
        docs = _sample(tmp_path / generator)
        build(docs, env={**FIXED_CLOCKS, "PYTHONPATH": path}, build_time=NOW, generator=generator)
        sites[generator] = docs.parent / "site"
    mkdocs, proper = manifest(sites["mkdocs"]), manifest(sites["properdocs"])
    assert len(mkdocs) > 50 and any(rel.startswith("rapporter/") for rel in mkdocs)
    assert sorted(mkdocs) == sorted(proper)
    pages = [rel for rel in mkdocs if rel.endswith(".html")]
    for rel in mkdocs:
        ours, theirs = ((sites[g] / rel).read_bytes() for g in ("mkdocs", "properdocs"))
        if rel in pages:  # each names its generator; nothing else may differ
            assert b'content="mkdocs-1.6.1,' in ours and b'content="mkdocs-ProperDocs 1.6.7,' in theirs, rel
            ours, theirs = GENERATOR_TAG.sub(b"", ours), GENERATOR_TAG.sub(b"", theirs)
        assert ours == theirs, rel
