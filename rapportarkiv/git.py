"""Running git: one place that starts git processes, counts them and reads their output.

History, the guard and the pull-request summary all read the repository. They
go through :class:`Git`, so that user configuration cannot change what is
parsed and tests and benchmarks can count the processes a command costs.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path


class GitError(Exception):
    """git could not be run, or refused what was asked of it."""

    def __init__(self, message: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


class Git:
    """Runs git in one repository and counts every process it starts.

    The environment is pinned so that user configuration (colours, pagers,
    signatures, a different locale) cannot change what is parsed.
    """

    def __init__(self, cwd: Path | str) -> None:
        self.cwd = Path(cwd)
        self.spawned = 0
        self.env = {
            **os.environ,
            "LC_ALL": "C",
            "GIT_OPTIONAL_LOCKS": "0",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_PAGER": "cat",
        }
        # The archive's own settings must win over a user's config.
        self.config = [
            "-c", "core.quotePath=false", "-c", "log.showSignature=false", "-c", "log.follow=false",
            "-c", "diff.renames=true", "-c", "diff.relative=false", "-c", "color.ui=false",
            "-c", "i18n.logOutputEncoding=UTF-8",
        ]

    def run(self, args: Sequence[str], *, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        """Run ``git args`` to completion; the result is returned whatever the exit code."""
        self.spawned += 1
        try:
            return subprocess.run(
                ["git", *self.config, *args], cwd=self.cwd, env=self.env, input=stdin,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False,
            )
        except FileNotFoundError as err:
            raise GitError("git is not installed", missing=True) from err
        except NotADirectoryError as err:
            raise GitError(str(err)) from err

    def output(self, args: Sequence[str]) -> bytes:
        """Run ``git args`` and return its output; a failure raises :class:`GitError`."""
        done = self.run(args)
        if done.returncode != 0:
            raise GitError(done.stderr.decode("utf-8", "replace").strip())
        return done.stdout

    def blobs(self, ids: Iterable[str], *, follow_symlinks: bool = False) -> dict[str, bytes]:
        """The contents of many blobs, read by a single ``git cat-file --batch``.

        ``follow_symlinks`` reads ``REF:path`` through symbolic links inside the
        tree; a link that leaves the tree, dangles or loops is left out."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        follow = ["--follow-symlinks"] if follow_symlinks else []
        done = self.run(["cat-file", "--batch", "--buffer", *follow], stdin="".join(f"{i}\n" for i in wanted).encode())
        if done.returncode != 0:
            raise GitError(done.stderr.decode("utf-8", "replace").strip())
        out, found, pos = done.stdout, {}, 0
        for blob in wanted:
            end = out.index(b"\n", pos)
            header = out[pos:end].split()
            pos = end + 1
            if len(header) == 2 and header[1].isdigit():  # "symlink|dangling|loop|notdir <size>", then that many bytes
                pos += int(header[1]) + 1
                continue
            if len(header) != 3:  # "<id> missing"
                continue
            size = int(header[2])
            found[blob] = out[pos:pos + size]
            pos += size + 1
        return found
