"""How the work of comparing two versions grows with the size of a report.

The build's comparison pages (``pages.compare``: the fields, and the text
merged with its changes marked and rendered as the page shows it) and the history guard
behind ``check-history`` and ``summary`` (rename detection and the first
changed line) compare two versions of a report. Each is timed on pairs of
versions at 16 KB, 64 KB and 256 KB (the size limit), and the time at each
size is given as a ratio to the 16 KB time of the same case, measured in the
same run. Times are CPU times, the best of seven runs: the cores are shared
with other work, whose noise wall times would carry, and with the best of
three the worst case's ratio moved between 17× and 28× from run to run
(best of seven: 15.6× and 16.5×). Near-linear growth keeps the 256 KB ratio near 16; the target
allows 20. Quadratic growth would be 256, and the repeating patterns that
made plain difflib worse than quadratic more still.

Cases: 16 000-style repeated lines with one line inserted; a report with a
word changed in every paragraph; lines repeating in a pattern, reordered; and
for the guard, the edited report under a new name.

    python bench/diffs.py [--repeat 7]

Prints a table, then the figures as one JSON line for ``bench/run.py``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from rapportarkiv import guard  # noqa: E402
from rapportarkiv.render import pages  # noqa: E402
from rapportarkiv.versions import VersionView  # noqa: E402

SIZES_KB = (16, 64, 256)
REPEAT = 7  # the best of this many runs of each case: see the docstring
TARGET = 20.0  # the 256 KB time within this many times the 16 KB time (16x the size)
WHEN = datetime(2024, 10, 17, 14, 0, tzinfo=UTC)
FRONT = "---\ntitle: Veckans läge\nseries: regional-rapport-millennium-2024\ntype: regular\ndate: 2024-10-17 14:00\n---\n\n"


def _prose(size: int) -> str:
    rng = random.Random(size)
    words = [f"ord{n}" for n in range(5000)] + ["och", "i", "att", "det", "som", "på", "är", "för", "kommunerna"] * 300
    out, total = [], 0
    while total < size:
        paragraph = " ".join(rng.choice(words) for _ in range(rng.randint(30, 90))) + ".\n\n"
        out.append(paragraph)
        total += len(paragraph)
    return "".join(out)[:size]


def _edited(text: str, every: int = 30) -> str:
    words = text.split(" ")
    return " ".join("ändrat" if i % every == 7 else w for i, w in enumerate(words))


def pairs(size: int) -> dict[str, tuple[str, str]]:
    """Old and new body of each case, ``size`` characters long."""
    lines = size // 4
    prose = _prose(size)
    return {
        "repeated lines, one inserted": ("- x\n" * lines, "- x\n" * (lines // 2) + "- y\n" + "- x\n" * (lines // 2)),
        "a word changed in every paragraph": (prose, _edited(prose)),
        "lines repeating in a pattern": ("a\nb\nc\n" * (size // 6), "c\nb\na\n" * (size // 6)),
    }


def _best(repeat: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def _comparison(old: bytes, new: bytes) -> object:
    """What a comparison page computes for two versions the build could not parse (it reads them)."""
    def view(number: int, raw: bytes) -> VersionView:
        return VersionView(number, WHEN, (), None, raw, (), f"rapporter/a/versioner/{number}/", None)
    return pages.compare(view(1, old), view(2, new))


def _guard_work(old: str, new: str, folder: Path) -> Callable[[], object]:
    """Rename detection and the first changed line, as ``check-history`` runs them for a moved report."""
    old_bytes, new_bytes = (FRONT + old).encode(), (FRONT + new).encode()
    moved = folder / "2024-10-17-nytt-namn.md"
    moved.write_bytes(new_bytes)

    def work() -> object:
        before = guard._parse(old_bytes, "gammal.md")
        found = guard._find_move(before, old_bytes, {"nytt-namn": moved})
        after = guard._parse(new_bytes, "ny.md")
        assert before is not None and after is not None and found == "nytt-namn"
        return guard._first_changed_line(before.source, after.source)

    return work


def measure(repeat: int = REPEAT) -> dict:
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for kb in SIZES_KB:
            for case, (old, new) in pairs(int(kb * 1024 * 0.95)).items():  # with å, ä, ö the file stays within the limit
                old_bytes, new_bytes = (FRONT + old).encode(), (FRONT + new).encode()
                seconds = _best(repeat, partial(_comparison, old_bytes, new_bytes))
                rows.append({"command": "comparison page (build)", "case": case, "kb": kb, "s": seconds})
                if case == "a word changed in every paragraph":
                    folder = Path(tmp) / f"{kb}"
                    folder.mkdir()
                    seconds = _best(repeat, _guard_work(old, new, folder))
                    rows.append({"command": "check-history, summary", "case": "edited and renamed", "kb": kb, "s": seconds})
    base = {(r["command"], r["case"]): r["s"] for r in rows if r["kb"] == SIZES_KB[0]}
    for row in rows:
        row["ratio"] = row["s"] / max(base[(row["command"], row["case"])], 1e-6)
    worst = max(r["ratio"] for r in rows if r["kb"] == SIZES_KB[-1])
    return {"sizes_kb": list(SIZES_KB), "repeat": repeat, "rows": rows, "worst_ratio": worst, "target": TARGET}


def table(figures: dict) -> str:
    sizes = figures["sizes_kb"]
    lines = ["| Command | Case | " + " | ".join(f"{kb} KB" for kb in sizes) + " |",
             "|---|---|" + "---:|" * len(sizes)]
    keys = dict.fromkeys((r["command"], r["case"]) for r in figures["rows"])
    for command, case in keys:
        cells = []
        for kb in sizes:
            row = next(r for r in figures["rows"] if (r["command"], r["case"], r["kb"]) == (command, case, kb))
            cells.append(f"{row['s'] * 1000:.0f} ms" + ("" if kb == sizes[0] else f" ({row['ratio']:.1f}×)"))
        lines.append(f"| {command} | {case} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=REPEAT)
    args = parser.parse_args(argv)
    figures = measure(args.repeat)
    print(table(figures))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
