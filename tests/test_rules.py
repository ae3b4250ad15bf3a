"""Rules beyond the schema, run on front matter that passed it."""

from __future__ import annotations

from pathlib import Path

from conftest import SERIES_ID
from rapportarkiv import collection


def test_series_id_differing_from_its_folder_is_a_problem_not_a_crash(archive: Path) -> None:
    copy = archive / "rapporter/annan-serie/serie.yml"
    copy.parent.mkdir()
    copy.write_bytes((archive / f"rapporter/{SERIES_ID}/serie.yml").read_bytes())
    result = collection.load(archive, only=[copy], base=archive)
    assert [(p.code, p.line, p.column) for p in result.problems] == [("RA220", 3, 5)]
    assert result.problems[0].message.startswith(f"Serien har id ”{SERIES_ID}” men ligger i mappen ”annan-serie”.")
    assert list(result.series) == [SERIES_ID]
