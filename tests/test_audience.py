"""Two audiences from one repository: an internal report leaves no trace in the
public build — not in pages, older versions, comparisons, lists, feeds,
reports.json, the sitemap or the (compressed, chunked) search index."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from factory import build, copy_site_pages
from gitrepo import GitRepo, report_rel

CANARY = "kanarie7f3a"

PUBLIC = report_rel("2024-10-17 14:00", "oppen-lagesbild")
INTERNAL = report_rel("2024-10-24 14:00", f"intern-{CANARY}")
DEMOTED = report_rel("2024-10-31 14:00", "tidigare-oppen")


def report(title: str, when: str, classification: str, *, canary: bool = False, revisions: str = "") -> str:
    mark = f" {CANARY}" if canary else ""
    return f"""---
title: {title}{mark}
series: regional-rapport-millennium-2024
type: extra
occasion: ett beslut{mark}
date: {when}
description: Sammanfattning{mark}.
tags:
  - Millennium
  - tagg{mark.strip() or "öppen"}
spokespersons:
  - name: Talesperson{mark}
    role: roll{mark}
    organisation: organisation{mark}
communication:
  - audience: external
    date: {when[:10]}
    channel: Kanal{mark}
    text: Åtgärd{mark}
authors:
  - Skribent{mark}
classification: {classification}
{revisions}---

## Beskrivning av händelsen

Beskrivning{mark} av händelsen i kommunerna.

## Kända omständigheter

Omständigheter{mark}.

## Verksamhetens kommentar

Kommentar{mark}.
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    repo = GitRepo(tmp_path_factory.mktemp("audience") / "repo")
    copy_site_pages(repo.docs)
    repo.pr("Rapporter", {
        PUBLIC: report("Öppen lägesbild", "2024-10-17 14:00", "public"),
        INTERNAL: report("Intern rapport", "2024-10-24 14:00", "internal", canary=True),
        DEMOTED: report("Tidigare öppen", "2024-10-31 14:00", "public"),
    })
    repo.pr("Rättelse av den interna", {
        INTERNAL: report("Intern rapport", "2024-10-24 14:00", "internal", canary=True,
                         revisions=f"revisions:\n  - date: 2024-10-25 09:00\n    note: Rättad{' ' + CANARY}.\n"),
    })
    repo.pr("Inte längre öppen", {
        DEMOTED: report("Tidigare öppen", "2024-10-31 14:00", "internal",
                        revisions="revisions:\n  - date: 2024-11-01 09:00\n    note: Endast för intern användning.\n"),
    })
    return repo


def every_text(site: Path) -> dict[str, bytes]:
    """Every file's bytes, gzip members decompressed (Pagefind compresses its chunks)."""
    out = {}
    for file in site.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            while data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            out[str(file.relative_to(site))] = data
    return out


@pytest.fixture(scope="module")
def public_site(repo: GitRepo) -> dict[str, bytes]:
    build(repo.docs, audience="public")
    site = repo.root / "site"
    texts = every_text(site)
    shutil.rmtree(site)
    return texts


@pytest.fixture(scope="module")
def internal_site(repo: GitRepo) -> dict[str, bytes]:
    build(repo.docs)
    return every_text(repo.root / "site")


def test_canary_is_everywhere_in_the_internal_build(internal_site: dict[str, bytes]) -> None:
    """The control: the scan finds the canary where the report is published."""
    found = {name for name, data in internal_site.items() if CANARY.encode() in data}
    assert any(name.startswith("pagefind/") for name in found), "search index"
    assert "reports.json" in found and "sitemap.xml" in found
    assert any(name.startswith("flode/") for name in found)
    assert any("versioner/1/" in name for name in found) and any("jamforelse" in name for name in found)
    assert any(name.startswith("kalender/20") for name in found) and "talespersoner/index.html" in found


def test_internal_report_leaves_no_trace_in_the_public_build(public_site: dict[str, bytes]) -> None:
    leaks = sorted(name for name, data in public_site.items() if CANARY.encode() in data.lower())
    assert leaks == []
    assert any(name.startswith("pagefind/") for name in public_site), "the public build has a search index"


def test_public_build_keeps_public_reports(public_site: dict[str, bytes]) -> None:
    data = json.loads(public_site["reports.json"])
    assert [r["title"] for r in data["reports"]] == ["Öppen lägesbild"]
    assert PUBLIC.removesuffix(".md") + "/index.html" in public_site


def test_report_made_internal_disappears_from_the_public_build(public_site: dict[str, bytes]) -> None:
    assert not [name for name in public_site if "tidigare-oppen" in name]
    assert not [name for name, data in public_site.items() if "Tidigare öppen".encode() in data]
