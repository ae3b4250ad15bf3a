"""ruff and mypy run where every other check runs: in the test suite.

Their configuration is in pyproject.toml. A finding fails this test with the
tool's own output, so `./dev test` and CI catch what pre-commit would, and the
suppressions the code carries (`noqa`, `type: ignore`) are verified: ruff's
RUF100 reports a `noqa` that suppresses nothing, mypy's `warn_unused_ignores`
a `type: ignore` that is no longer needed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHECKED = ["rapportarkiv", "hooks", "tests", "bench"]


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True,
        env={**os.environ, **(env or {})},
    )


def test_ruff_finds_nothing() -> None:
    done = _run("ruff", "check", "--no-cache", *CHECKED)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing() -> None:
    done = _run("mypy", "--no-incremental", "--cache-dir", os.devnull)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing_in_the_browser_tests() -> None:
    """The browser tests import each other as top-level modules: their folder is a base of its own."""
    files = sorted(str(p.relative_to(REPO)) for p in (REPO / "tests" / "browser").glob("*.py"))
    done = _run("mypy", "--no-incremental", "--cache-dir", os.devnull, *files,
                env={"MYPYPATH": os.pathsep.join(str(REPO / "tests" / d) for d in ("browser", "."))})
    assert done.returncode == 0, done.stdout + done.stderr
