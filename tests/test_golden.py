"""The built site, byte for byte: the sample archive and a generated 1 000-report archive.

A refactoring must not change what readers get. Each test builds a site with
every clock fixed (the build's clock, git's author and committer dates, the
date MkDocs stamps on its sitemap), hashes every file it wrote and compares
the result with a manifest under ``tests/golden/`` (path → sha256, one line
per file), which was written before the code was rearranged.

A change to a manifest must be deliberate: a change in what the site is
meant to show, made on purpose and reviewed like any other. To record it,
build again with the manifests written instead of compared:

    RAPPORTARKIV_GOLDEN=write .venv/bin/python -m pytest tests/test_golden.py -m slow

and commit the changed ``tests/golden/*.json`` with the change that caused it
(``git diff tests/golden`` names every file whose bytes changed).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
from datetime import datetime
from pathlib import Path

import pytest
from factory import GENERATOR, REPO, build, git

sys.path.insert(0, str(REPO))

from bench import synth

GOLDEN = Path(__file__).resolve().parent / "golden"
WRITE = os.environ.get("RAPPORTARKIV_GOLDEN") == "write"

# The build's clock: after every sample and generated report, so each is published.
NOW = "2026-07-01T12:00:00+02:00"
# The sample archive's one commit, and MkDocs' date for the sitemap (SOURCE_DATE_EPOCH).
COMMITTED = "2026-06-30T09:00:00+02:00"
EPOCH = "1782802800"  # 2026-06-30 07:00 UTC

# Pagefind writes its filter files in an order of its own (one HashMap per
# build), so their bytes, and so their names (a hash of the bytes), differ
# from one build of the same site to the next; each language's metadata
# (``pagefind.<lang>_<hash>.pf_meta``) lists those names, and the entry file
# the metadata's. Nothing else differs between two builds of one archive
# (the index chunks and the fragments, which hold the text, are compared).
UNSTABLE_PREFIXES = ("pagefind/filter/",)
UNSTABLE_SUFFIXES = (".pf_meta",)
UNSTABLE_FILES = {"pagefind/pagefind-entry.json"}

FIXED_CLOCKS = {
    "GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED,
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    "SOURCE_DATE_EPOCH": EPOCH,
}


# Built with ProperDocs (CI's second leg), every page names it where MkDocs names itself;
# test_properdocs.py shows that this is the only difference, so the goldens stay MkDocs'.
_PROPERDOCS_NAME = re.compile(rb'<meta name="generator" content="mkdocs-ProperDocs [0-9.]+,')


def manifest(site: Path) -> dict[str, str]:
    """sha256 of every file the build wrote, by its path in the site; unstable ones left out."""
    found = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel in UNSTABLE_FILES or rel.startswith(UNSTABLE_PREFIXES) \
                or (rel.startswith("pagefind/") and rel.endswith(UNSTABLE_SUFFIXES)):
            continue
        data = path.read_bytes()
        if GENERATOR == "properdocs" and rel.endswith(".html"):
            data = _PROPERDOCS_NAME.sub(b'<meta name="generator" content="mkdocs-1.6.1,', data)
        found[rel] = hashlib.sha256(data).hexdigest()
    return found


def compare(site: Path, name: str) -> None:
    got = manifest(site)
    # Built without the archival copies (factory.mkdocs_config): a PDF's bytes depend on the
    # machine's fonts and Pango, so no manifest may hold one (tests/test_archival.py checks them).
    assert not [rel for rel in got if rel.endswith(".pdf")], "a golden build made archival copies"
    golden = GOLDEN / f"{name}.json"
    if WRITE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(got, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        return
    want = json.loads(golden.read_text(encoding="utf-8"))
    missing, added = sorted(want.keys() - got.keys()), sorted(got.keys() - want.keys())
    changed = sorted(rel for rel in want.keys() & got.keys() if want[rel] != got[rel])
    assert (missing, added, changed) == ([], [], []), (
        f"the built site differs from tests/golden/{name}.json: {len(missing)} missing, {len(added)} added, "
        f"{len(changed)} changed (first: {(missing + added + changed)[:10]}); a deliberate change to the site "
        "is recorded with RAPPORTARKIV_GOLDEN=write (see this module's docstring)"
    )


def _build(docs: Path) -> Path:
    build(docs, env=FIXED_CLOCKS, build_time=NOW)
    return docs.parent / "site"


@pytest.mark.slow
def test_the_sample_site_is_byte_for_byte_what_it_was(tmp_path: Path) -> None:
    """The repository's docs folder, committed once."""
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    committed = datetime.fromisoformat(COMMITTED)
    git(tmp_path, "init", "-q", "-b", "main", when=committed)
    git(tmp_path, "add", "-A", "docs", when=committed)
    git(tmp_path, "commit", "-q", "-m", "Arkivet", when=committed)
    compare(_build(docs), "sample")


@pytest.mark.slow
def test_a_generated_archive_of_1000_reports_is_byte_for_byte_what_it_was(tmp_path: Path) -> None:
    """The bench's archive (seed 1), with its history: corrections give version and comparison pages."""
    made = synth.make(tmp_path, 1000, seed=1, git=True)
    assert made.reports == 1000
    compare(_build(tmp_path / "docs"), "synth-1000")
