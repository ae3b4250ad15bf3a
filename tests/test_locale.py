"""A repository in a folder named with å, under a locale that is not UTF-8.

Python names files in the locale's encoding (bytes it cannot decode become
surrogates), while git writes paths as the bytes they are. Where the two
meet (the top of the working tree from git, the cache's name from the docs
folder's path) a path must be converted the way the file system does, or
the guard cannot find the docs folder, the build takes the repository for
no repository at all, and ``validate`` ends in a traceback.

``LC_ALL=C`` with UTF-8 mode and locale coercion switched off is such a
locale on every machine: the file system encoding is ASCII.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from factory import REPO, GitRepo, copy_site_pages, write_report

NOT_UTF8 = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "användare" / "rapportarkiv"
    git = GitRepo(root)
    copy_site_pages(git.docs)
    write_report(git.docs, "lagesbild", when=datetime(2024, 10, 10, 15, 20), title="Lägesbild")
    git.commit("Första")
    return root


def _run(root: Path, *code: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    env |= NOT_UTF8 | {"PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", "\n".join(code)], check=False, cwd=root, env=env,
                          capture_output=True, text=True, encoding="utf-8", errors="replace")


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run(root, "import sys", "from rapportarkiv.cli import main", f"sys.exit(main({list(args)!r}))")


def test_the_locale_is_not_utf8(repo: Path) -> None:
    done = _run(repo, "import sys", "print(sys.getfilesystemencoding(), sys.flags.utf8_mode)")
    assert done.stdout.split() == ["ascii", "0"]


@pytest.mark.parametrize("args", [["validate"], ["check-history", "--base", "HEAD"], ["summary", "--base", "HEAD"]])
def test_the_commands_work(repo: Path, args: list[str]) -> None:
    done = _cli(repo, *args)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_the_build_finds_the_repository(repo: Path) -> None:
    done = _run(
        repo, "from rapportarkiv.history import read_history",
        "history = read_history('.', 'docs')",
        "print(history.available, history.reason, len(history.reports))",
    )
    assert done.stdout.split()[:1] == ["True"], done.stdout + done.stderr
