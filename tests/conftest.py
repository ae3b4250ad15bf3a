"""Shared fixtures: every test builds its own archive in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SERIES_ID = "regional-rapport-millennium-2024"
SEED = f"rapporter/{SERIES_ID}/2024/2024-10-11-sjuharad-begar-senare-anslutning.md"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A copy of the sample docs folder that a test may change freely."""
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    return docs
