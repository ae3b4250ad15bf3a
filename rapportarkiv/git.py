"""Running git: one place that starts git processes, counts them and reads their output.

History, the guard and the pull-request summary all read the repository. They
go through :class:`Git`, so that user configuration cannot change what is
parsed and tests and benchmarks can count the processes a command costs.

git speaks English ("fatal: bad revision 'x'"), whatever the author's locale
(it runs with LC_ALL=C so that its output can be parsed); a :class:`GitError`
says the same in Swedish, naming the ref or folder, with git's own words kept
in ``detail``.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import faults
from .catalogue import HISTORY


class GitError(Exception):
    """git could not be run, or refused what was asked of it; the message is Swedish."""

    def __init__(self, message: str, *, missing: bool = False, detail: str = "") -> None:
        super().__init__(message)
        self.missing = missing
        self.detail = detail


# git's words for a ref or object it does not know, by command.
_UNKNOWN_REF = re.compile(
    r"bad revision|unknown revision|not a valid object name|ambiguous argument|bad object|invalid object name"
    r"|needed a single revision|not a tree object|not a valid ref",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"'([^']*)'")


def explain(stderr: str, cwd: Path) -> str:
    """git's complaint on stderr, in Swedish: which ref or folder is the trouble."""
    first = next((line.strip() for line in stderr.splitlines() if line.strip()), "")
    quoted = _QUOTED.search(first)
    if "not a git repository" in stderr:
        return HISTORY["guard_not_a_repo"].format(path=cwd)
    if "dubious ownership" in stderr:
        return HISTORY["git.dubious"].format(path=quoted.group(1) if quoted else cwd)
    if _UNKNOWN_REF.search(stderr):
        return HISTORY["git.unknown_ref"].format(ref=quoted.group(1).split("^")[0] if quoted else "?")
    return HISTORY["git.failed"].format(detail=first.removeprefix("fatal: ").removeprefix("error: ") or "?")


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
            if not self.cwd.is_dir():
                raise GitError(HISTORY["git.no_folder"].format(path=self.cwd, reason=faults.os_reason(err))) from err
            raise GitError(HISTORY["no_git"], missing=True) from err
        except OSError as err:
            raise GitError(HISTORY["git.no_folder"].format(path=self.cwd, reason=faults.os_reason(err))) from err

    def output(self, args: Sequence[str]) -> bytes:
        """Run ``git args`` and return its output; a failure raises :class:`GitError`."""
        done = self.run(args)
        if done.returncode != 0:
            raise self.failure(done)
        return done.stdout

    def failure(self, done: subprocess.CompletedProcess[bytes]) -> GitError:
        """The error of a git process that failed, worded for the author."""
        stderr = done.stderr.decode("utf-8", "replace").strip()
        return GitError(explain(stderr, self.cwd), detail=stderr)

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
            raise self.failure(done)
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
