"""Valid examples: files that must pass without a single problem, with their data as meant."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rapportarkiv import collection

VALID = Path(__file__).resolve().parent / "valid"
SIDECARS = sorted(VALID.glob("*.expect.yml"))


@pytest.mark.parametrize("sidecar", SIDECARS, ids=[s.name.removesuffix(".expect.yml") for s in SIDECARS])
def test_valid_example(archive: Path, sidecar: Path) -> None:
    spec = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    source = VALID / sidecar.name.replace(".expect.yml", ".md")
    target = archive / spec["path"]
    target.write_bytes(source.read_bytes())
    result = collection.load(archive, only=[target], base=archive)
    assert [(p.code, p.line, p.message) for p in result.problems] == []
    [report] = [r for r in result.reports if r.path == spec["path"]]
    for key, value in spec["data"].items():
        assert report.data[key] == value


def test_there_are_valid_examples() -> None:
    assert len(SIDECARS) >= 5
    assert {s.name.removesuffix(".expect.yml") + ".md" for s in SIDECARS} == {p.name for p in VALID.glob("*.md")}
