"""What the archival copies (PDF/A) cost a build, cold and after one new report.

Generates an archive of R reports with its git history (``synth``), then
builds it three times with ``mkdocs build --strict``:

* **cold**: no ``.rapportarkiv-cache``: every published version's copy is rendered;
* **again**: nothing changed: no copy is rendered;
* **one new**: one report added in a new commit: one copy is rendered.

Renders are counted, not timed: each rendered copy is kept in the cache under
its own key, so the copies a build rendered are the keys it added. The figure
that matters is the ratio of copies rendered after one new report to copies
rendered cold (1 / versions), which does not depend on the machine's load; the
wall times are printed beside it for scale.

    python bench/archival.py [--reports 200] [--workdir DIR]

Prints a table, then the figures as one JSON line for ``bench/run.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from bench import synth  # noqa: E402
from rapportarkiv.cache import CACHE_DIR  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "RAPPORTARKIV_NOW": "2100-01-01T00:00:00Z",
       "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
       "RAPPORTARKIV_ARCHIVAL_COPIES": "true"}  # as the production build makes them (bench/build.py does not)
for _key in ("RAPPORTARKIV_AUDIENCE", "RAPPORTARKIV_PREVIEW", "RAPPORTARKIV_PDF_VARIANT"):
    ENV.pop(_key, None)


def kept(root: Path) -> set[str]:
    return {p.name for p in (root / CACHE_DIR).glob("pdf-*/*.pdf")}


def build(root: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"),
                    "-d", str(root / "site")], cwd=root, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - started


def add_report(root: Path) -> Path:
    """A copy of the newest report, a week later under a new name, committed."""
    newest = max((root / "docs" / "rapporter").rglob("*.md"), key=lambda p: p.name)
    day = newest.name[:10]
    later = f"{int(day[:4]) + 1}{day[4:]}"
    text = newest.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^date: (['\"]?)" + re.escape(day), lambda m: f"date: {m.group(1)}{later}", text, count=1)
    text = re.sub(r"(?m)^(\s+date: ['\"]?)" + re.escape(day), lambda m: f"{m.group(1)}{later}", text)
    target = newest.parent.parent / later[:4] / f"{later}{newest.name[10:]}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    env = {**ENV, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    for args in (["add", "-A", "docs"], ["commit", "-q", "-m", "En ny rapport"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return target


def measure(reports: int, workdir: Path) -> dict:
    root = workdir / f"archival-{reports}"
    if root.exists():
        shutil.rmtree(root)
    made = synth.make(root, reports, seed=1, git=True)
    cold_s = build(root)
    cold = kept(root)
    again_s = build(root)
    again = kept(root)
    add_report(root)
    one_s = build(root)
    after = kept(root)
    figures = {
        "reports": made.reports, "versions": made.versions,
        "rendered_cold": len(cold), "rendered_again": len(again - cold), "rendered_after_one_new": len(after - again),
        "cold_s": round(cold_s, 2), "again_s": round(again_s, 2), "one_new_s": round(one_s, 2),
    }
    figures["ratio_after_one_new"] = figures["rendered_after_one_new"] / max(1, figures["rendered_cold"])
    return figures


def table(f: dict) -> str:
    return "\n".join([
        "| Build | Copies rendered | Wall time |",
        "|---|---:|---:|",
        f"| cold (no cache), {f['reports']} reports, {f['versions']} versions | {f['rendered_cold']} | {f['cold_s']:.1f} s |",
        f"| again, nothing changed | {f['rendered_again']} | {f['again_s']:.1f} s |",
        f"| after one new report | {f['rendered_after_one_new']} | {f['one_new_s']:.1f} s |",
        "",
        f"Copies rendered after one new report / cold: {f['ratio_after_one_new']:.4f} "
        f"(1 / {f['rendered_cold']}).",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    figures = measure(args.reports, args.workdir.resolve())
    print(table(figures))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
