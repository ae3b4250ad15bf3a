"""How long reading the archive's history takes, and how many git processes it spawns.

Generates a repository with R reports and C commits (default 1 000 and 5 000)
in one ``git fast-import`` stream: every report arrives in its own pull
request, the rest are corrections spread over the reports (a few reports
corrected often, most never), a fifth of the pull requests are ``--no-ff``
merges of a two-commit branch and the rest are squashes, as on GitHub. Then it
times, in the same run:

* ``rapportarkiv.history.read_history``: all versions of all reports, with
  their contents, in a constant number of git processes;
* the baseline: what the common MkDocs plugins do, one
  ``git log --follow -- <file>`` per report (for the same list of commits and
  dates, without even reading contents); measured on a sample of files and
  scaled to the whole archive, or on every file with ``--all-files``.

    python bench/history.py [--reports 1000] [--commits 5000] [--sample 100] [--all-files] [--keep DIR]

Prints a table, then the figures as one JSON line for other scripts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from typing import Any
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from rapportarkiv import history  # noqa: E402

SERIES = "regional-rapport-millennium-2024"
START = datetime(2024, 1, 4, 14, 0, tzinfo=timezone(timedelta(hours=1)))
SECTIONS = ("Läget just nu", "Händelser och beslut", "Kommande")
SENTENCES = (
    "Kommunerna i södra området har lyft frågor om införandet och dialogen med VästKom fortsätter.",
    "Lägesbilden är oförändrad sedan förra veckan och driftstarten påverkas inte.",
    "Åtgärderna för att säkra informationsutbytet mellan regionen och kommunerna är påbörjade.",
    "Regionstyrelsen har fattat beslut om den justerade tidplanen för privata vårdgivare.",
    "Förvaltningarna rapporterar att utbildningen av medarbetare går enligt plan.",
    "Vårdcentralerna har fått information om hur patienter påverkas under övergången.",
    "En ändringsbegäran från kommunalförbundet har tagits emot och bereds nu.",
    "Nästa lägesbild sammanställs på torsdag och skickas till politisk ledning och chefer.",
)


def report_path(number: int) -> tuple[str, datetime]:
    when = START + timedelta(days=7 * (number // 2) + 3 * (number % 2))
    day = when.strftime("%Y-%m-%d")
    return f"docs/rapporter/{SERIES}/{day[:4]}/{day}-rapport-{number:04d}.md", when


def report_text(number: int, when: datetime, corrections: int, rng: random.Random) -> bytes:
    """A valid report of the sample series; each correction adds a revisions entry and edits the prose."""
    stamp = when.strftime("%Y-%m-%d %H:%M")
    lines = [
        "---",
        f"title: Regional rapport nummer {number}",
        f"series: {SERIES}",
        "type: regular",
        f"date: {stamp}",
        f"description: Lägesbilden för vecka {when.isocalendar()[1]} i införandet av Millennium.",
        "tags:",
        "  - Millennium",
        "  - kommunerna",
        "communication:",
        "  - audience: internal",
        f"    date: {when.strftime('%Y-%m-%d')}",
        "    status: planned",
        "    channel: Insidan",
        "    text: Nyhetstext på Insidan",
        "classification: internal",
    ]
    if corrections:
        lines.append("revisions:")
        for n in range(corrections):
            fixed = (when + timedelta(days=1 + n)).strftime("%Y-%m-%d %H:%M")
            lines += [f"  - date: {fixed}", f"    note: Rättelse {n + 1}: uppgiften om tidplanen är uppdaterad."]
    lines.append("---")
    body = []
    for section in SECTIONS:
        prose = " ".join(rng.choice(SENTENCES) for _ in range(6))
        body.append(f"\n## {section}\n\n{prose}\n")
    return ("\n".join(lines) + "\n" + "".join(body)).encode("utf-8")


def generate(root: Path, reports: int, commits: int, seed: int = 1) -> dict[str, int]:
    """Write the repository with ``git fast-import``; returns what was made."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    series = (REPO / "docs" / "rapporter" / SERIES / "serie.yml").read_bytes()
    clock = START - timedelta(days=1)
    corrections = [0] * reports
    stream: list[bytes] = []
    mark = 0
    made = {"commits": 0, "merges": 0, "pull_requests": 0, "first_parent": 0}

    def commit(ref: str, message: str, files: dict[str, bytes], parents: list[int]) -> int:
        nonlocal mark, clock
        mark += 1
        clock += timedelta(minutes=30)
        stamp = f"{int(clock.timestamp())} +0100"
        msg = message.encode()
        stream.append(f"commit {ref}\nmark :{mark}\n".encode())
        stream.append(f"author Redaktör <redaktor@example.org> {stamp}\n".encode())
        stream.append(f"committer Redaktör <redaktor@example.org> {stamp}\n".encode())
        stream.append(b"data %d\n%s\n" % (len(msg), msg))
        if parents:
            stream.append(f"from :{parents[0]}\n".encode())
        for other in parents[1:]:
            stream.append(f"merge :{other}\n".encode())
        for path, data in files.items():
            stream.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        made["commits"] += 1
        return mark

    main = commit("refs/heads/main", "Serien Millennium", {f"docs/rapporter/{SERIES}/serie.yml": series}, [])
    made["first_parent"] += 1
    added = 0
    while made["commits"] < commits:
        merge = rng.random() < 0.2 and made["commits"] + 3 <= commits
        # A pull request costs 1.4 commits on average (a fifth are 3-commit merges): spread the
        # additions so that every report has arrived before the commits run out.
        pull_requests_left = max(1.0, (commits - made["commits"]) / 1.4 - 1)
        if added < reports and (added < 10 or rng.random() < (reports - added) / pull_requests_left):
            number, title = added, f"Ny rapport {added}"
            added += 1
        else:
            # Most corrections hit a tenth of the reports; the rest are spread thinly.
            number = rng.randrange(max(1, added // 10)) * 10 if rng.random() < 0.8 else rng.randrange(added)
            corrections[number] += 1
            title = f"Rättelse av rapport {number}"
        path, when = report_path(number)
        final = report_text(number, when, corrections[number], rng)
        made["pull_requests"] += 1
        if merge:
            work_in_progress = final.replace(b"## Kommande", b"## Kommande\n\nUtkast till texten.", 1)
            first = commit("refs/heads/pr", f"{title} (1/2)", {path: work_in_progress}, [main])
            second = commit("refs/heads/pr", f"{title} (2/2)", {path: final}, [first])
            # fast-import starts a commit from its first parent's tree: the merge result is listed.
            main = commit("refs/heads/main", f"Merge pull request: {title}", {path: final}, [main, second])
            made["merges"] += 1
        else:
            main = commit("refs/heads/main", f"{title} (#{made['pull_requests']})", {path: final}, [main])
        made["first_parent"] += 1
    made["reports"] = added
    stream.append(b"done\n")
    subprocess.run(["git", "fast-import", "--quiet", "--done"], cwd=root, input=b"".join(stream), check=True)
    subprocess.run(["git", "update-ref", "-d", "refs/heads/pr"], cwd=root, check=False)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)
    return made


def baseline(root: Path, paths: list[str], follow: bool) -> float:
    """Seconds for one ``git log [--follow] -- <file>`` per file, as per-page plugins do.

    git-revision-date-localized asks ``git log -n 1`` for the last change and
    ``git log --follow --diff-filter=AR`` for the creation of every page; the
    plain log is the cheapest per-file way to list a file's commits, ``--follow``
    the one that survives renames as read_history does.
    """
    started = time.perf_counter()
    for path in paths:
        subprocess.run(
            ["git", "log", "--first-parent", *(["--follow"] if follow else []), "--format=%H %cI", "--", path],
            cwd=root, check=True, stdout=subprocess.DEVNULL,
        )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--sample", type=int, default=100, help="files timed for the per-file baseline")
    parser.add_argument("--all-files", action="store_true", help="time the baseline on every file")
    parser.add_argument("--repeat", type=int, default=3, help="runs of read_history; the best is reported")
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="rapportarkiv-history-"))
    if args.keep and work.exists():
        shutil.rmtree(work)
    try:
        started = time.perf_counter()
        made = generate(work, args.reports, args.commits, args.seed)
        generated = time.perf_counter() - started

        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            found = history.read_history(work)
            runs.append(time.perf_counter() - started)
        best = min(runs)
        versions = sum(len(r.versions) for r in found.reports.values())
        content = sum(len(v.data) for r in found.reports.values() for v in r.versions)
        assert found.available and not found.shallow and len(found.reports) == made["reports"]

        paths = sorted(f"docs/{p}" for p in found.reports)
        sample = paths if args.all_files else random.Random(args.seed).sample(paths, min(args.sample, len(paths)))
        per_file = baseline(work, sample, follow=False) / len(sample)
        per_file_follow = baseline(work, sample, follow=True) / len(sample)
        baseline_total = per_file * len(paths)
        follow_total = per_file_follow * len(paths)

        figures: dict[str, Any] = {
            "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, git "
                       + subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.split()[-1],
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            **made,
            "generate_s": round(generated, 2),
            "versions": versions,
            "content_mb": round(content / 1e6, 1),
            "read_history_s": round(best, 3),
            "read_history_runs_s": [round(r, 3) for r in runs],
            "read_history_git_processes": found.git_processes,
            "baseline_files_timed": len(sample),
            "baseline_per_file_ms": round(per_file * 1000, 1),
            "baseline_s": round(baseline_total, 2),
            "baseline_follow_per_file_ms": round(per_file_follow * 1000, 1),
            "baseline_follow_s": round(follow_total, 2),
            "baseline_scaled": not args.all_files and len(sample) < len(paths),
            "baseline_git_processes": len(paths),
            "speedup": round(baseline_total / best, 1),
            "speedup_follow": round(follow_total / best, 1),
        }
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    scaled = " (scaled from %d files)" % figures["baseline_files_timed"] if figures["baseline_scaled"] else ""
    rows = [
        ("archive", f"{figures['reports']} reports, {figures['commits']} commits "
                    f"({figures['first_parent']} on main's first-parent line, {figures['merges']} merges)"),
        ("versions read", f"{figures['versions']} ({figures['content_mb']} MB of content)"),
        ("generate (fast-import)", f"{figures['generate_s']} s"),
        ("read_history", f"{figures['read_history_s']} s, {figures['read_history_git_processes']} git processes"),
        ("baseline: git log -- <file>, per file", f"{figures['baseline_s']} s{scaled}, "
                                                  f"{figures['baseline_git_processes']} git processes"),
        ("baseline: git log --follow -- <file>", f"{figures['baseline_follow_s']} s{scaled}, "
                                                 f"{figures['baseline_git_processes']} git processes"),
        ("ratio baseline / read_history", f"{figures['speedup']}× the time ({figures['speedup_follow']}× with --follow), "
                                          f"{figures['baseline_git_processes'] / figures['read_history_git_processes']:.0f}× the processes"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"History benchmark, {figures['machine']}, {figures['date']}")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
