"""What was sent, kept in git: the ledger that makes sending happen at most once.

The ledger is one file, ``utskick.jsonl``, on its own branch
(``utskickslogg``) of the repository's remote, next to the reports and as
durable as they are. Each line is an event about one message (one report
version to one list): ``claimed`` before it is handed to the mail server,
then ``sent`` or ``failed``; ``baseline`` for what was published before the
ledger began; ``resolved`` when a person has settled a claim by hand.

Every change is a new commit on top of the branch as fetched, pushed without
force: git accepts the push only if nobody else pushed in between, so the
push is a compare-and-swap. Two runs that race for one message both try to
push their claim; one wins, the other is refused, reads the ledger again and
finds the message claimed. The claim is pushed *before* the message is sent.

The chosen semantics, for the window between handing a message to the server
and recording it: **at most once**. A claim with no result (the job was
killed, the machine died, the connection dropped after DATA, the record could
not be pushed) is never retried on its own; every later run reports it
(RA704) with the Message-ID to look for in the server's log, until a person
runs ``rapportarkiv mail resolve`` with ``--sent`` or ``--retry``. A reader
who misses one report is told about it; a reader who gets it twice from a
region's crisis communication loses trust in every later one. A failure the
server reported before accepting the message (no connection, a 4xx or 5xx
answer, refused login) is recorded as ``failed``, and the next run sends it.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from ..git import Git

BRANCH = "utskickslogg"
FILE = "utskick.jsonl"
_LOCAL = f"refs/rapportarkiv/{BRANCH}"  # where the fetched branch is kept, apart from the user's branches
_IDENTITY = {"GIT_AUTHOR_NAME": "rapportarkiv", "GIT_AUTHOR_EMAIL": "rapportarkiv@invalid",
             "GIT_COMMITTER_NAME": "rapportarkiv", "GIT_COMMITTER_EMAIL": "rapportarkiv@invalid"}

State = Literal["claimed", "sent", "failed", "baseline", "resolved-sent", "resolved-retry"]
DELIVERED: frozenset[str] = frozenset({"sent", "baseline", "resolved-sent"})
OPEN_AGAIN: frozenset[str] = frozenset({"failed", "resolved-retry"})


class LedgerError(Exception):
    """The ledger cannot be read or written: ``kind`` is 'missing', 'write' or 'damaged'; ``reason`` says why."""

    def __init__(self, kind: str, reason: str = "") -> None:
        super().__init__(reason)
        self.kind, self.reason = kind, reason


class Conflict(Exception):
    """Someone else pushed to the ledger first: read it again and decide again."""


@dataclass(frozen=True)
class Event:
    message_id: str
    report: str  # the report's path below docs/
    version: str  # the version's git blob
    list: str
    state: State
    at: str  # ISO 8601, when it happened
    recipients: int = 0
    revisions: int = 0  # how many revision notes the version had, so a correction can say what is new
    detail: str = ""
    # Which run wrote it. Also what makes two runs' claims of one message differ:
    # identical events on one parent would be one identical commit, and the
    # second push would "succeed" as already up to date.
    run: str = ""

    def line(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)


@dataclass
class Ledger:
    """The ledger as read at ``commit`` (None: the branch does not exist yet)."""

    commit: str | None
    events: list[Event] = field(default_factory=list)

    def state(self, message_id: str) -> State | None:
        found = None
        for event in self.events:
            if event.message_id == message_id:
                found = event.state
        return found

    def latest(self) -> dict[str, Event]:
        """The last event of each message, in order of first appearance."""
        last: dict[str, Event] = {}
        for event in self.events:
            last[event.message_id] = event
        return last

    def delivered(self, report: str, list_name: str) -> list[Event]:
        """The versions of ``report`` that ``list_name`` has received, oldest first."""
        return [e for e in self.latest().values() if e.report == report and e.list == list_name
                and e.state in DELIVERED]

    def unresolved(self) -> list[Event]:
        return [e for e in self.latest().values() if e.state == "claimed"]


def _parse(data: bytes) -> list[Event]:
    """The ledger's lines; a damaged one stops everything (LedgerError): guessing
    what was sent could send it again."""
    events = []
    for number, raw in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        if raw.strip():
            try:
                events.append(Event(**json.loads(raw)))
            except (ValueError, TypeError) as err:
                raise LedgerError("damaged", f"{FILE}:{number}: {err}") from err
    return events


class Store:
    """The ledger branch on ``remote``, read and appended to through git."""

    def __init__(self, git: Git, remote: str = "origin") -> None:
        self.git = git
        self.remote = remote
        self.git.env = {**self.git.env, **_IDENTITY}

    def read(self) -> Ledger:
        done = self.git.run(["fetch", "-q", "--no-tags", self.remote, f"+refs/heads/{BRANCH}:{_LOCAL}"])
        if done.returncode != 0:
            missing = self.git.run(["ls-remote", "--exit-code", self.remote, f"refs/heads/{BRANCH}"])
            if missing.returncode == 2:
                return Ledger(None)
            raise LedgerError("write", _stderr(done))
        commit = self.git.output(["rev-parse", "--verify", f"{_LOCAL}^{{commit}}"]).decode().strip()
        data = self.git.run(["cat-file", "blob", f"{commit}:{FILE}"])
        return Ledger(commit, _parse(data.stdout) if data.returncode == 0 else [])

    def append(self, ledger: Ledger, events: Iterable[Event], message: str) -> Ledger:
        """Push ``events`` after ``ledger``; :class:`Conflict` if the branch moved since it was read."""
        added = list(events)
        everything = ledger.events + added
        text = "".join(e.line() + "\n" for e in everything).encode("utf-8")
        blob = self._blob(text)
        tree = self.git.run(["mktree"], stdin=f"100644 blob {blob}\t{FILE}\n".encode())
        if tree.returncode != 0:
            raise LedgerError("write", _stderr(tree))
        parent = ["-p", ledger.commit] if ledger.commit else []
        commit = self.git.run(["commit-tree", tree.stdout.decode().strip(), *parent, "-m", message])
        if commit.returncode != 0:
            raise LedgerError("write", _stderr(commit))
        sha = commit.stdout.decode().strip()
        pushed = self.git.run(["push", "-q", "--porcelain", self.remote, f"{sha}:refs/heads/{BRANCH}"])
        if pushed.returncode != 0:
            output = pushed.stdout.decode("utf-8", "replace") + _stderr(pushed)
            if "rejected" in output or "non-fast-forward" in output or "fetch first" in output:
                raise Conflict()
            raise LedgerError("write", _stderr(pushed) or output.strip())
        self.git.run(["update-ref", _LOCAL, sha])
        return Ledger(sha, everything)

    def _blob(self, data: bytes) -> str:
        done = self.git.run(["hash-object", "-w", "--stdin"], stdin=data)
        if done.returncode != 0:
            raise LedgerError("write", _stderr(done))
        return done.stdout.decode().strip()


def _stderr(done: object) -> str:
    stderr = getattr(done, "stderr", b"") or b""
    return stderr.decode("utf-8", "replace").strip()


RUN = "-".join(filter(None, (os.environ.get("GITHUB_RUN_ID"), os.environ.get("GITHUB_RUN_ATTEMPT"),
                            uuid.uuid4().hex[:12])))


def event(message_id: str, report: str, version: str, list_name: str, state: State, now: datetime,
          **more: object) -> Event:
    return Event(message_id, report, version, list_name, state, now.isoformat(timespec="seconds"),
                 run=RUN, **more)  # type: ignore[arg-type]
