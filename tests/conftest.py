"""Shared fixtures: every test builds its own archive in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factory import REPO, SERIES


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A copy of the sample docs folder that a test may change freely, with the
    seed's series only: the sample's fictional second series shows readers what
    the site does (tests/browser build it whole), and would only add files to
    every count and series list these tests make."""
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    for series in (docs / "rapporter").iterdir():
        if series.is_dir() and series.name != SERIES:
            shutil.rmtree(series)
    return docs
