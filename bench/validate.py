"""How long ``rapportarkiv validate`` takes on a large archive, against the floor.

The floor is the least any validator must do: read every report and series
file and parse its front matter with PyYAML's C loader. It is measured in the
same run as the validator, on the same files, so the ratio holds on a busy
machine too. Measured:

* floor, in-process and as a fresh interpreter (startup + ``import yaml``);
* ``rapportarkiv validate`` as a subprocess, cold (fresh interpreter, any
  ``.rapportarkiv-cache`` removed; the OS file cache is warm, as it is for an
  author who just saved a file), and again with nothing changed;
* ``collection.load`` in-process (the validator's work without the interpreter
  and its imports);
* the import of the command alone, which every run pays.

    python bench/validate.py [--reports 10000] [--workdir bench/out] [--repeat 3] [--quick]

Prints a table, then the figures as one JSON line for ``bench/run.py``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from bench import synth  # noqa: E402

CACHE_DIRS = (".rapportarkiv-cache",)


def archive(workdir: Path, n: int, seed: int = 1, *, git: bool = False, flavour: str = "ours") -> Path:
    """The generated archive of ``n`` reports, reused when an earlier run made the same one
    with the same generator (the stamp records what was made; it is not committed to git)."""
    workdir = workdir.resolve()
    kind = "" if flavour == "ours" else f"{flavour}-"
    out = workdir / f"archive-{kind}{n}-s{seed}{'-git' if git else ''}"
    stamp = out / ".git" / "synth.json" if git else out / ".synth.json"
    wanted = {"reports": n, "seed": seed, "git": git, "flavour": flavour, "generator": _generator_digest()}
    if stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return out
    shutil.rmtree(out, ignore_errors=True)
    synth.make(out, n, seed=seed, git=git, flavour=flavour)
    stamp.write_text(json.dumps(wanted))
    return out


def _generator_digest() -> str:
    """The generator and what it copies from the repository (mkdocs.yml, the site's own pages):
    an archive made before any of them changed is made again."""
    import hashlib

    digest = hashlib.sha256((HERE / "synth.py").read_bytes())
    digest.update((REPO / "mkdocs.yml").read_bytes())
    for path in sorted((REPO / "docs").rglob("*")):
        if path.is_file() and "rapporter" not in path.relative_to(REPO / "docs").parts:
            digest.update(path.relative_to(REPO).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def files_of(docs: Path) -> list[Path]:
    root = docs / "rapporter"
    return sorted(root.glob("*/serie.yml")) + sorted(root.rglob("*.md"))


def floor(docs: Path) -> tuple[float, float, int]:
    """Read every file and parse its front matter with the C loader: (wall s, CPU s, files)."""
    import yaml

    loader = yaml.CSafeLoader
    cpu = time.process_time()
    started = time.perf_counter()
    files = files_of(docs)
    for path in files:
        text = path.read_bytes().decode("utf-8")
        if path.suffix == ".md":
            # Front matter: between the first line '---' and the next.
            end = text.find("\n---", 3)
            text = text[4:end]
        yaml.load(text, Loader=loader)  # noqa: S506 - CSafeLoader
    return time.perf_counter() - started, time.process_time() - cpu, len(files)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(wall seconds, CPU seconds, result) of one subprocess. CPU time is the steadier
    figure when other work shares the cores; wall time is what an author waits."""
    cpu = children_cpu()
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - started, children_cpu() - cpu, result


def clear_caches(root: Path) -> None:
    for name in CACHE_DIRS:
        shutil.rmtree(root / name, ignore_errors=True)


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The fastest run by wall time, and the least CPU time of all runs."""
    return min(r[0] for r in runs), min(r[1] for r in runs)


def measure(root: Path, repeat: int = 3, quick: bool = False) -> dict:
    """Every row of the table. ``quick`` (the smoke test) leaves out the import and the
    unchanged re-run, two of the four interpreter starts."""
    docs = root / "docs"
    python = sys.executable
    figures: dict = {"archive": str(root)}

    def record(name: str, runs: list[tuple[float, float]]) -> None:
        figures[f"{name}_s"], figures[f"{name}_cpu_s"] = best(runs)

    floors = [floor(docs) for _ in range(repeat)]
    figures["files"] = floors[0][2]
    record("floor", [f[:2] for f in floors])

    runs = []
    for _ in range(repeat):
        wall, cpu, result = timed([python, str(Path(__file__).resolve()), "--floor", str(docs)], root)
        if result.returncode != 0:
            raise RuntimeError(result.stderr)
        runs.append((wall, cpu))
    record("floor_subprocess", runs)

    if not quick:
        record("import", [timed([python, "-c", "import rapportarkiv.cli, rapportarkiv.collection, rapportarkiv.schemas"],
                                root)[:2] for _ in range(repeat)])

    command = [python, "-m", "rapportarkiv.cli", "validate", "--docs", "docs"]
    runs = []
    for _ in range(repeat):
        clear_caches(root)
        wall, cpu, result = timed(command, root)
        runs.append((wall, cpu))
    record("validate_cold", runs)
    figures["validate_exit"] = result.returncode
    figures["validate_summary"] = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
    # Nothing changed since the run before: what an author waits for on a second run.
    if not quick:
        record("validate_unchanged", [timed(command, root)[:2] for _ in range(repeat)])

    from rapportarkiv import collection

    runs = []
    for _ in range(repeat):
        clear_caches(root)
        cpu = time.process_time()
        started = time.perf_counter()
        loaded = collection.load(docs, base=root)
        runs.append((time.perf_counter() - started, time.process_time() - cpu))
    record("load", runs)
    figures["load_reports"] = len(loaded.reports)
    figures["load_errors"] = len(loaded.errors)

    for name, base in (("validate_cold", "floor_subprocess"), ("validate_unchanged", "floor_subprocess"),
                       ("load", "floor")):
        if f"{name}_s" not in figures:
            continue
        figures[f"ratio_{name}"] = figures[f"{name}_s"] / figures[f"{base}_s"]
        figures[f"ratio_{name}_cpu"] = figures[f"{name}_cpu_s"] / figures[f"{base}_cpu_s"]
    return figures


def table(figures: dict) -> str:
    f = figures
    rows = [
        ("Floor: read + PyYAML CSafeLoader, in-process", "floor", None),
        ("Floor: the same in a fresh interpreter", "floor_subprocess", None),
        ("`rapportarkiv validate`, cold (fresh process, no cache)", "validate_cold", "ratio_validate_cold"),
        ("`rapportarkiv validate`, nothing changed since last run", "validate_unchanged", "ratio_validate_unchanged"),
        ("`collection.load` in-process (CPU: this process, not its forked workers)", "load", "ratio_load"),
        ("import of the validator alone (paid by every run)", "import", None),
    ]
    lines = ["| Measurement | Wall s | × floor | CPU s | × floor (CPU) |", "|---|---:|---:|---:|---:|"]
    for name, key, ratio in rows:
        if f"{key}_s" not in f:
            continue
        wall_ratio = f"{f[ratio]:.2f}" if ratio else ("1.00" if key.startswith("floor") else "")
        cpu_ratio = f"{f[ratio + '_cpu']:.2f}" if ratio else ("1.00" if key.startswith("floor") else "")
        lines.append(f"| {name} | {f[key + '_s']:.2f} | {wall_ratio} | {f[key + '_cpu_s']:.2f} | {cpu_ratio} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", "-n", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best is reported")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="smoke test: 30 reports, one run each")
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor:
        floor(args.floor)
        return 0
    if args.quick:
        args.reports, args.repeat = min(args.reports, 30), 1

    args.workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    root = archive(args.workdir, args.reports, args.seed)
    generated = time.perf_counter() - started
    figures = {"reports": args.reports, "generate_s": generated, **measure(root, args.repeat, quick=args.quick)}
    print(f"validate, {args.reports} reports ({figures['files']} files), best of {args.repeat}:")
    print(table(figures))
    print(f"validate exit {figures['validate_exit']}: {figures['validate_summary']}")
    print(json.dumps(figures, ensure_ascii=False))
    return 0 if figures["validate_exit"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
