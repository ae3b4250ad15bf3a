"""A revision note written while a report was internal stays out of the public build.

``revisions`` is a log the guard keeps append-only: a report corrected while
internal ("Tog bort namnet …") and later made public keeps that entry, and
may not drop it. The public build shows what public versions introduced
(the version list, ``reports.json``), never what an internal version did.
The internal build, the control, shows every note.
"""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest
from factory import GitRepo, build, copy_site_pages, report_rel, seed_report
from test_audience import every_text

CANARY = "kanarieintern7310"
REL = report_rel("2024-10-17 14:00", "vecka-42")
INTERNAL_NOTE = ("2024-10-18 09:00", f"Tog bort namnet {CANARY}.")
PUBLIC_NOTE = ("2024-10-19 09:00", "Publicerad för alla.")
LATER_NOTE = ("2024-10-20 09:00", "Rättat en siffra.")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    repo = GitRepo(tmp_path_factory.mktemp("notes"))
    copy_site_pages(repo.docs)
    repo.pr("Intern", {REL: seed_report("Vecka 42")})
    repo.pr("Intern rättelse", {REL: seed_report("Vecka 42", revisions=[INTERNAL_NOTE])})
    repo.pr("Offentlig", {REL: seed_report(
        "Vecka 42", classification="public", revisions=[INTERNAL_NOTE, PUBLIC_NOTE],
    )})
    repo.pr("Rättelse", {REL: seed_report(
        "Vecka 42", classification="public", revisions=[INTERNAL_NOTE, PUBLIC_NOTE, LATER_NOTE],
        description="Läget i regionen, med en rättad siffra.",
    )})
    return repo


def _built(repo: GitRepo, **options: Any) -> dict[str, bytes]:
    build(repo.docs, build_time="2024-12-01T12:00:00+01:00", **options)
    site = repo.root / "site"
    out = {rel.replace("\\", "/"): data for rel, data in every_text(site).items()}
    shutil.rmtree(site)
    return out


def _notes(site: dict[str, bytes]) -> list[str]:
    [report] = json.loads(site["reports.json"])["reports"]
    return [r["note"] for r in report["revisions"]]


def test_the_public_build_leaves_out_notes_of_internal_versions(repo: GitRepo) -> None:
    site = _built(repo, config_file="mkdocs.public.yml")
    assert [rel for rel, data in site.items() if CANARY.encode() in data] == []
    assert _notes(site) == [PUBLIC_NOTE[1], LATER_NOTE[1]]
    page = site[f"{REL.removesuffix('.md')}/index.html"].decode("utf-8")
    assert PUBLIC_NOTE[1] in page and LATER_NOTE[1] in page  # the version list says what each changed


def test_the_internal_build_shows_every_note(repo: GitRepo) -> None:
    site = _built(repo)
    assert _notes(site) == [INTERNAL_NOTE[1], PUBLIC_NOTE[1], LATER_NOTE[1]]
    page = site[f"{REL.removesuffix('.md')}/index.html"].decode("utf-8")
    assert INTERNAL_NOTE[1] in page
