"""Real git repositories in temporary folders, built the way the archive grows.

Tests of history and of the guard need actual commits, merges and renames, not
mocks: the numbering of versions depends on how git records a merged pull
request. Every commit gets a fixed author, committer and date, so the shas and
dates a test sees are the same on every run and every machine.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SERIES_ID = "regional-rapport-millennium-2024"
SERIES_REL = f"rapporter/{SERIES_ID}/serie.yml"
STOCKHOLM_SUMMER = timezone(timedelta(hours=2))

SECTIONS = {
    "regular": ("Läget just nu", "Händelser och beslut", "Kommande"),
    "extra": ("Beskrivning av händelsen", "Kända omständigheter", "Verksamhetens kommentar"),
}


def report_rel(when: str, slug: str) -> str:
    """Path below docs/ of a report of the sample series compiled at ``when`` ('2024-10-17 14:00')."""
    day = when[:10]
    return f"rapporter/{SERIES_ID}/{day[:4]}/{day}-{slug}.md"


def report_text(
    title: str,
    when: str = "2024-10-17 14:00",
    *,
    type: str = "regular",
    description: str | None = None,
    body: Mapping[str, str] | None = None,
    revisions: Iterable[tuple[str, str]] = (),
    classification: str = "internal",
    draft: bool | None = None,
    withdrawn: tuple[str, str] | None = None,
    tags: Iterable[str] = ("Millennium", "lägesbild"),
    channel: str = "Insidan",
) -> str:
    """A valid report of the sample series, in the layout of the seed report."""
    day = when[:10]
    lines = [
        "---",
        f"title: {title}",
        f"series: {SERIES_ID}",
        f"type: {type}",
    ]
    if type == "extra":
        lines.append("occasion: ett beslut i regionstyrelsen")
    lines += [
        f"date: {when}",
        f"description: {description or 'Läget i införandet av Millennium för regionens verksamheter och kommunerna.'}",
        "tags:",
        *(f"  - {tag}" for tag in tags),
        "spokespersons:",
        "  - name: Karin Looström Muth",
        "    role: hälso- och sjukvårdsutvecklingsdirektör",
        "    organisation: VGR",
        "communication:",
        "  - audience: internal",
        f"    date: {day}",
        "    status: planned",
        f"    channel: {channel}",
        "    text: Nyhetstext på Insidan",
        f"classification: {classification}",
    ]
    if draft is not None:
        lines.append(f"draft: {'true' if draft else 'false'}")
    revisions = list(revisions)
    if revisions:
        lines.append("revisions:")
        for rev_date, note in revisions:
            lines += [f"  - date: {rev_date}", f"    note: {note}"]
    if withdrawn:
        lines += ["withdrawn:", f"  date: {withdrawn[0]}", f"  reason: {withdrawn[1]}"]
    lines.append("---")
    text = "\n".join(lines) + "\n"
    sections = body or {
        name: f"Under veckan har arbetet med {name.lower()} fortsatt enligt plan i regionens förvaltningar."
        for name in SECTIONS[type]
    }
    for name, prose in sections.items():
        text += f"\n## {name}\n\n{prose}\n"
    return text


class GitRepo:
    """A repository with an archive in ``docs/`` and deterministic commits.

    ``pr`` merges a branch the way GitHub does: ``--no-ff`` merge commit (the
    branch's own commits stay on the second parent) or a squash.
    """

    def __init__(self, root: Path, start: datetime | None = None) -> None:
        self.root = root
        self.docs = root / "docs"
        self.clock = start or datetime(2024, 10, 11, 16, 0, tzinfo=STOCKHOLM_SUMMER)
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.write(SERIES_REL, (REPO / "docs" / SERIES_REL).read_text(encoding="utf-8"))

    # --- git -------------------------------------------------------------
    def git(self, *args: str) -> str:
        when = self.clock.isoformat()
        env = {
            **os.environ,
            "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        }
        done = subprocess.run(
            ["git", "-c", "user.name=Redaktör Test", "-c", "user.email=redaktor@example.org",
             "-c", "commit.gpgsign=false", *args],
            cwd=self.root, env=env, capture_output=True, text=True,
        )
        if done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
        return done.stdout.strip()

    def tick(self, hours: int = 1) -> None:
        self.clock += timedelta(hours=hours)

    def commit(self, message: str) -> str:
        self.tick()
        self.git("add", "-A", ".")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.head()

    def has_commits(self) -> bool:
        return subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=self.root,
                              capture_output=True).returncode == 0

    def head(self, ref: str = "HEAD") -> str:
        return self.git("rev-parse", ref)

    # --- files -----------------------------------------------------------
    def write(self, rel: str, text: str) -> None:
        path = self.docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def read(self, rel: str) -> str:
        return (self.docs / rel).read_text(encoding="utf-8")

    def remove(self, rel: str) -> None:
        (self.docs / rel).unlink()

    def move(self, old: str, new: str) -> None:
        target = self.docs / new
        target.parent.mkdir(parents=True, exist_ok=True)
        (self.docs / old).rename(target)

    def apply(self, changes: Mapping[str, str | None]) -> None:
        for rel, text in changes.items():
            if text is None:
                self.remove(rel)
            else:
                self.write(rel, text)

    # --- pull requests -----------------------------------------------------
    def pr(self, title: str, *steps: Mapping[str, str | None] | Callable[[], object], squash: bool = False) -> str:
        """Merge a branch with one commit per step into main; returns main's new commit.

        A step is a mapping of docs-relative paths to new text (None deletes)
        or a function that changes the files itself (a rename, say).
        """
        if not self.has_commits():
            self.commit("Serien Regional rapport Millennium 2024")
        branch = f"pr-{self.clock.strftime('%Y%m%d%H%M')}"
        self.git("checkout", "-q", "-b", branch)
        for number, changes in enumerate(steps, 1):
            if callable(changes):
                changes()
            else:
                self.apply(changes)
            self.commit(f"{title} ({number}/{len(steps)})")
        self.git("checkout", "-q", "main")
        self.tick()
        if squash:
            self.git("merge", "-q", "--squash", branch)
            self.git("commit", "-q", "-m", f"{title} (#squash)")
        else:
            self.git("merge", "-q", "--no-ff", "-m", f"Merge pull request: {title}", branch)
        self.git("branch", "-q", "-D", branch)
        return self.head()
