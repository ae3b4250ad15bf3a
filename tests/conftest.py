"""Shared fixtures: every test builds its own archive in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factory import REPO


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A copy of the sample docs folder that a test may change freely."""
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    return docs
