"""Every benchmark in one run, written to ``bench/RESULTS.md``.

Runs, at the configured sizes: ``validate`` against its floor
(``bench/validate.py``), the builds against plain mkdocs-material and the blog
plugin stack, the edit under ``mkdocs serve`` and Pagefind's download
(``bench/build.py``), comparing two versions up to the size limit
(``bench/diffs.py``), the calendars and emails against the largest build
(``bench/calendars.py``), reading the git history (``bench/history.py``) and, when
py-spy is installed, a profile of our build (``bench/hotspots.py``). Then it
checks the figures against the targets of issues 2, 3, 8 and 19 and writes them,
with the machine, the date and the versions, to a Markdown file.

    make bench                      # the full run (under 30 minutes on 2 cores)
    python bench/run.py --quick     # a smoke test at tiny sizes (writes bench/out/RESULTS-quick.md)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from bench import archival as archival_bench  # noqa: E402
from bench import build as build_bench  # noqa: E402
from bench import diffs as diffs_bench  # noqa: E402
from bench import hotspots  # noqa: E402
from bench import validate as validate_bench  # noqa: E402

PACKAGES = ("mkdocs", "mkdocs-material", "pagefind", "PyYAML", "jsonschema", "rfc3987-syntax", "Markdown", "Jinja2",
            "nh3", "babel", "feedgen")
GIB = 1024 ** 3


def say(text: str) -> None:
    print(f"{datetime.now(timezone.utc):%H:%M:%S} {text}", file=sys.stderr, flush=True)


def machine() -> dict:
    def meminfo(key: str) -> int | None:
        try:
            for line in Path("/proc/meminfo").read_text().splitlines():
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return None

    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    packages = {}
    for name in PACKAGES:
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = "not installed"

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round((meminfo("MemTotal") or 0) / GIB, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "git": git("--version").removeprefix("git version "),
        "gnu_time": build_bench.GNU_TIME.exists(),
        "commit": git("rev-parse", "--short", "HEAD"),
        # The results file itself does not count: each run rewrites it.
        "tree_dirty": bool(git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/RESULTS.md")),
        "packages": packages,
    }


def run_history(quick: bool) -> dict | None:
    script = HERE / "history.py"
    if not script.exists():
        return None
    args = ["--reports", "20", "--commits", "60", "--sample", "5", "--repeat", "1"] if quick else []
    result = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True)
    if result.returncode != 0:
        return {"error": result.stderr[-2000:]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_diffs(quick: bool) -> dict:
    """bench/diffs.py in a fresh interpreter: the same sizes in quick mode, fewer repeats."""
    args = ["--repeat", "1" if quick else str(diffs_bench.REPEAT)]
    result = subprocess.run([sys.executable, str(HERE / "diffs.py"), *args], capture_output=True, text=True)
    if result.returncode != 0:
        return {"error": result.stderr[-2000:]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_archival(quick: bool, workdir: Path) -> dict:
    """bench/archival.py in a fresh interpreter: copies rendered cold, again, and after one new report."""
    args = ["--reports", "12" if quick else "1000", "--workdir", str(workdir)]
    result = subprocess.run([sys.executable, str(HERE / "archival.py"), *args], capture_output=True, text=True)
    if result.returncode != 0:
        return {"error": result.stderr[-2000:]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_calendars(workdir: Path, n: int) -> dict:
    """bench/calendars.py in a fresh interpreter, on the archive of ``n`` reports the
    builds of this run used: the calendars (as a build renders them) and the email
    edition of every report, to set against that build's wall time (issue 19)."""
    docs = build_bench.cached_archive(workdir, n, 1, git=True) / "docs"
    result = subprocess.run([sys.executable, str(HERE / "calendars.py"), "--docs", str(docs), "--repeat", "1"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return {"error": result.stderr[-2000:], "size": n}
    return {"size": n, **json.loads(result.stdout)}


def calendars_target(figures: dict) -> tuple[str, str, str] | None:
    """Issue 19: rendering the emails and calendars of 10 000 reports adds under 10 % to
    the build, and only new or changed versions are rendered again. The build renders
    the calendars; no build renders an email, and ``mail send`` renders only the
    versions its ledger has not seen (tests/test_mail.py counts them): a run after one
    new report renders one email per list. So the added cost is the calendars plus one
    email; every report's email at once, which nothing does, is shown for scale."""
    c, b = figures.get("calendars"), figures.get("build")
    if not c:
        return None
    name = ("rendering emails and calendars for 10 000 reports adds under 10 % to the build, "
            "only new versions rendered again (issue 19)")
    if "error" in c:
        return name, "bench/calendars.py failed", "**missed**"
    n = c["size"]
    typical = build_bench.typical_wall(b, "ours", n) if b else None
    if typical is None:
        return name, f"no build of {n} reports to compare with", "not measured"
    build = typical[0]
    added = c["calendars_s"] + c["email_ms_each"] / 1000
    ratio = added / build
    verdict = "**missed**" if ratio >= 0.1 else ("met" if n >= 10_000 else f"met at {n}; not measured at 10000")
    return (name, f"{ratio:.1%} at {n}: the calendars {c['calendars_s']:.2f} s and a new report's email "
                  f"{c['email_ms_each']:.1f} ms / build {build:.1f} s. Every report's email at once, which no "
                  f"build or run does, would be {c['emails_s']:.1f} s ({c['emails_s'] / build:.0%})", verdict)


def targets(figures: dict) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for every target of issues 3 and 8 the run measured."""
    out: list[tuple[str, str, str]] = []

    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else ("met" if ok else "**missed**")

    def at_size(ok: bool, n: int | None, required: int) -> str:
        """A figure that only grows with size: missed below the required size is missed."""
        if not ok:
            return "**missed**"
        return "met" if n is not None and n >= required else f"met at {n}; not measured at {required}"

    v = figures.get("validate")
    if v:
        n = v["reports"]
        out.append(("`validate` of 10 000 reports, cold: under 5 s", f"{v['validate_cold_s']:.1f} s at {n}",
                    at_size(v["validate_cold_s"] < 5, n, 10_000)))
        if "validate_unchanged_s" in v:
            out.append(("`validate` with nothing changed: under 1 s", f"{v['validate_unchanged_s']:.1f} s at {n}",
                        at_size(v["validate_unchanged_s"] < 1, n, 10_000)))
    d = figures.get("diffs")
    if d and "error" not in d:
        out.append((f"comparing versions grows near-linearly: {d['sizes_kb'][-1]} KB within {d['target']:.0f}× "
                    f"the {d['sizes_kb'][0]} KB time (issue 14)", f"{d['worst_ratio']:.1f}× (worst case)",
                    verdict(d["worst_ratio"] <= d["target"])))
    elif d:
        out.append(("comparing versions grows near-linearly (issue 14)", "bench/diffs.py failed", "**missed**"))
    b = figures.get("build")
    if b:
        by = {(r["variant"], r["reports"]): r for r in b["runs"] if r["exit"] == 0}
        failed = [f"{r['variant']}@{r['reports']}" for r in b["runs"] if r["exit"] != 0]
        if failed:
            out.append(("every build succeeds", "failed: " + ", ".join(failed), "**missed**"))
        sizes = sorted({r["reports"] for r in b["runs"]})
        small, large = (sizes[0], sizes[-1]) if sizes else (None, None)
        ours = by.get(("ours", small))
        baselines = (
            ("plain-prune-all", "plain `navigation.prune` as issue 3 sets it (MkDocs' default nav: every page)"),
            ("plain-prune", "plain `navigation.prune` with a nav of two pages (stricter)"),
        )
        for baseline, name in baselines:
            for how, variant in (("from a fresh clone", "ours"), ("with the cache of an earlier build", "ours-warm")):
                key = next(k for k, pair in build_bench.PAIRINGS.items() if pair == (variant, baseline))
                out.append(_within(f"full build within 1.3× {name} (at 1 000), {how}",
                                   build_bench.paired_ratio(b, key), b["pairs"].get(key), by.get((variant, small)),
                                   by.get((baseline, small)), b["pairs"]["reports"] or small, verdict))
        blog = by.get(("blog", small))
        if ours and blog:
            ratio = ours["wall_s"] / blog["wall_s"]
            out.append(("full build under a tenth of the blog plugin stack (at 1 000)",
                        f"{ratio:.2f}× ({ours['wall_s']:.1f} s / {blog['wall_s']:.1f} s) at {small}",
                        verdict(ratio < 0.1)))
        typical = build_bench.typical_wall(b, "ours", small) if small else None
        for n in sizes[1:]:
            bigger = by.get(("ours", n))
            if typical and bigger:
                ratio = bigger["wall_s"] / typical[0]
                limit = 1.1 * n / small  # issue 3: 5 000 within 5.5× the 1 000 build
                out.append((f"growth at most linear: {n} reports within {limit:.1f}× the {small} build",
                            f"{ratio:.2f}× ({bigger['wall_s']:.1f} s / {typical[0]:.1f} s, the median of "
                            f"{typical[1]} build{'s' if typical[1] != 1 else ''} at {small})", verdict(ratio <= limit)))
        big = by.get(("ours", large))
        if big and big["max_rss_mb"] is not None:
            ok = big["max_rss_mb"] * 1024 ** 2 < 1.5 * GIB
            out.append(("peak memory of the 10 000-report build under 1.5 GiB",
                        f"{big['max_rss_mb']:.0f} MiB at {large}", at_size(ok, large, 10_000)))
        s = b.get("search") or {}
        if s:
            n = max(s, key=int)
            kb = s[n]["first_query_bytes"] / 1024
            ok = kb < 300
            out.append(("a reader's first query downloads under 300 KB (10 000 reports)", f"{kb:.0f} KB at {n}",
                        at_size(ok, int(n), 10_000)))
        serve = b.get("serve")
        if serve:
            rebuild = serve.get("rebuild_s")
            shown = "did not finish" if rebuild is None else f"{rebuild:.1f} s at {serve['reports']}"
            out.append((f"editing one report in `{serve['method']}`: under 3 s at 5 000", shown,
                        at_size(rebuild is not None and rebuild < 3, serve["reports"], 5000)))
            # Issue 16: the preview's first page within seconds, and no slower than the build it is.
            ratio = serve.get("first_page_ratio")
            shown = "did not finish" if ratio is None else (
                f"{ratio:.2f}× ({serve['first_build_s']:.1f} s / {serve['build_s']:.1f} s) at {serve['reports']}")
            out.append((f"first page of `{serve['method']}` within 1.2× a full `mkdocs build` of the same archive",
                        shown, verdict(None if ratio is None else ratio <= 1.2)))
    calendars = calendars_target(figures)
    if calendars:
        out.append(calendars)
    return out


def _within(target: str, paired: tuple[float, int] | None, walls: list | None, single: dict | None,
            plain: dict | None, n: int | None, verdict: Callable[[bool | None], str]) -> tuple[str, str, str]:
    """One 1.3× line: the median of the alternated rounds, else one build each."""
    if paired:
        shown = ", ".join(f"{o:.1f} s / {p:.1f} s" for o, p in walls or [])
        return target, f"{paired[0]:.2f}× (median of {paired[1]} alternated rounds: {shown}) at {n}", verdict(paired[0] <= 1.3)
    if single and plain:
        ratio = single["wall_s"] / plain["wall_s"]
        return (target, f"{ratio:.2f}× ({single['wall_s']:.1f} s / {plain['wall_s']:.1f} s, one build each) at {n}",
                verdict(ratio <= 1.3))
    return target, "not measured", verdict(None)


def write_results(path: Path, figures: dict, args: argparse.Namespace) -> None:
    m = figures["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `{figures['command']}` on {figures['started']} (took {figures.get('elapsed_min', 0):.1f} min).",
        "",
        "## Machine",
        "",
        f"- {m['nproc']} cores ({m['cpu']}), {m['memory_gib']} GiB memory, {m['os']}",
        f"- Python {m['python']}, git {m['git']}; rapportarkiv at commit {m['commit']}"
        + (" with uncommitted changes in the tree" if m["tree_dirty"] else ""),
        "- " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        f"- Load average at start {figures['load_start']}, at end {figures.get('load_end', '?')}. "
        "The cores are shared with other work, so wall times carry its noise: CPU times and the ratios "
        "of builds measured back to back in the same run are the steadier figures.",
        "",
        "## Targets",
        "",
        "| Target | Measured | Verdict |",
        "|---|---|---|",
        *(f"| {t} | {m_} | {v} |" for t, m_, v in targets(figures)),
        "",
    ]
    v = figures.get("validate")
    if v:
        lines += [
            f"## `rapportarkiv validate` ({v['reports']} reports, {v['files']} files, best of {args.repeat}"
            + (f", measured in the run started {v['measured']}" if v.get("measured") else "") + ")",
            "",
            validate_bench.table(v),
            "",
            f"Exit code {v['validate_exit']}: {v['validate_summary']} Cold means a fresh interpreter and no "
            "`.rapportarkiv-cache`; the operating system's file cache is warm in every row, floor included.",
            "",
        ]
    b = figures.get("build")
    if b:
        blog_versions = next((r["extra"].get("versions") for r in b["runs"] if r["variant"] == "blog"), None)
        lines += [
            "## `mkdocs build`", "",
            "- **ours**: `mkdocs build --strict` with the repository's `mkdocs.yml` (hooks, archive pages, "
            "versions from git, feeds, `reports.json`, Pagefind), as from a fresh clone: without the "
            "`.rapportarkiv-cache` (verdicts, rendered prose) an earlier build leaves.",
            "- **ours-warm**: the same build again, with the cache the first one left, as on an author's "
            "machine (at the smallest size, and in the alternated rounds).",
            "- **plain-prune**: the same Markdown files with plain mkdocs-material: `navigation.prune`, "
            "its built-in search plugin, a nav of two pages (no report in it, as in ours).",
            "- **plain-prune-all**: plain mkdocs-material as it comes, with `navigation.prune`: no `nav` key, "
            "so MkDocs lists every page, reports included. Issue 3 sets its 1.3× target against \"the plain "
            "`navigation.prune` build (13.3 s here; 46 s with every report in the nav)\": prune has something "
            "to prune only when the reports are in the nav, and plain-nav takes 46 s here too.",
            "- **plain-nav**: plain mkdocs-material with every report in the nav (series › year › report) "
            "and without `navigation.prune`, so every page renders the whole nav.",
            "- **blog**: the same reports as posts of mkdocs-material's blog plugin (`authors: false`), "
            "with mkdocs-git-revision-date-localized-plugin (`enable_creation_date`) and mkdocs-rss-plugin, "
            "in their own virtual environment"
            + (": " + ", ".join(f"{k} {v}" for k, v in blog_versions.items()) if blog_versions else "") + ".",
            "- Every archive is a git repository: each report added in its own commit on its date, a tenth "
            "corrected one to three times (a new `revisions` entry each).",
            "- Peak RSS is the largest resident set of the build process or any child it waited for "
            "(GNU time's %M), not a sum.",
            "- Our builds run without the archival copies (RAPPORTARKIV_ARCHIVAL_COPIES="
            f"{b.get('archival_copies', 'false')}): plain builds make none; their cost is measured below "
            "(*Archival copies*).",
            "", build_bench.table(b), ""]
        ours_runs = [r for r in b["runs"] if r["variant"] == "ours" and "pagefind_s" in r["extra"]]
        if ours_runs:
            lines += ["Pagefind alone on our built site: " + ", ".join(
                f"{r['extra']['pagefind_s']:.1f} s at {r['reports']}" for r in ours_runs) + ".", ""]
        if b["ratios"]:
            lines += ["| Ratio | Value |", "|---|---:|", *(f"| {k} | {val:.2f} |" for k, val in b["ratios"].items()), ""]
        if b.get("search"):
            lines += ["### Search download", "", build_bench.search_table(b), "",
                      "First query = `pagefind.js` + `pagefind-entry.json` (Pagefind runs without its worker) + "
                      "`wasm.sv.pagefind` + the language's `.pf_meta` + the largest index chunk (an upper bound "
                      "for a one-word query) + ten average result fragments (our search box shows ten). "
                      "Material's `search_index.json` from the plain build is what its built-in search makes "
                      "every reader download. Sizes are as served: Pagefind's index files are gzip files "
                      "already; `pagefind.js`, `pagefind-entry.json` and `search_index.json` are counted "
                      "compressed as a web server sends text (gzip level 6; `pagefind.js` is 45 KB on disk, "
                      "13 KB sent). Until 30 November they were counted as on disk.", ""]
        for serve in b.get("serve_modes") or ([b["serve"]] if b.get("serve") else []):
            lines += [f"### Editing one report under `{serve['method']}`", "",
                      f"- Method: the server started on 127.0.0.1, one sentence added to "
                      f"`{serve['report']}`, the page polled every 0.1 s until the sentence showed.",
                      "- First build until the page was served: "
                      + ("did not finish" if serve.get("first_build_s") is None else f"{serve['first_build_s']:.1f} s"),
                      "- A full `mkdocs build --strict` of the same archive just before (the floor): "
                      + ("failed" if serve.get("build_s") is None else f"{serve['build_s']:.1f} s"),
                      "- Edit until the served page changed: "
                      + ("did not finish" if serve.get("rebuild_s") is None else f"{serve['rebuild_s']:.1f} s"),
                      f"- Builds MkDocs logged: {serve.get('builds_logged')} s"
                      + (f"; error: {serve['error']}" if serve.get("error") else ""), ""]
    h = figures.get("history")
    if h:
        if "error" in h:
            lines += ["## Reading the git history", "", f"`bench/history.py` failed: `{h['error'][-300:]}`", ""]
        else:
            lines += ["## Reading the git history (`bench/history.py`)", "",
                      f"- {h['reports']} reports, {h['commits']} commits ({h['merges']} merges), {h['versions']} versions",
                      f"- `read_history`: {h['read_history_s']:.2f} s, {h['read_history_git_processes']} git processes",
                      f"- one `git log` per file, as per-page plugins do: {h['baseline_s']:.1f} s "
                      f"({h['baseline_follow_s']:.1f} s with `--follow`), {h['baseline_git_processes']} git processes"
                      + (f" (scaled from {h['baseline_files_timed']} files)" if h.get("baseline_scaled") else ""), ""]
    d = figures.get("diffs")
    if d:
        if "error" in d:
            lines += ["## Comparing two versions", "", f"`bench/diffs.py` failed: `{d['error'][-300:]}`", ""]
        else:
            lines += ["## Comparing two versions (`bench/diffs.py`)", "",
                      f"CPU time, best of {d['repeat']}; in brackets the ratio to the same case at "
                      f"{d['sizes_kb'][0]} KB, measured in the same run.", "", diffs_bench.table(d), ""]
    p = figures.get("profile_validate")
    if p:
        lines += [f"## Where the time of a cold `validate` goes ({p['reports']} reports, py-spy, CPU time)", "",
                  hotspots.markdown(p), ""]
    p = figures.get("profile")
    if p:
        lines += [f"## Where the time of our build goes ({p['reports']} reports, py-spy, wall time of the main thread)", "",
                  hotspots.markdown(p), ""]
    a = figures.get("archival")
    if a and "error" not in a:
        lines += ["## Archival copies (PDF/A): a build after one new report renders one (issue 20)", "",
                  archival_bench.table(a), ""]
    lines += [
        "## How to run",
        "",
        "`make bench` runs `bench/run.py` at the sizes above; `python bench/run.py --quick` is a smoke test. "
        "The parts run alone too: `bench/validate.py`, `bench/build.py`, `bench/diffs.py`, `bench/history.py`, `bench/hotspots.py`; "
        "`bench/synth.py OUT -n N [--git]` writes an archive. Generated archives and sites go to `bench/out/` "
        "(ignored by git) and are reused while the generator is unchanged.",
        "",
        "<details><summary>All figures as JSON</summary>",
        "",
        "```json",
        json.dumps(figures, ensure_ascii=False, indent=1, default=str),
        "```",
        "",
        "</details>",
        "",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke test at tiny sizes")
    parser.add_argument("--validate-size", type=int, default=10_000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--nav-sizes", type=int, nargs="*", default=[1000])
    parser.add_argument("--ours-only-sizes", type=int, nargs="*", default=[10000],
                        help="sizes built with our site alone, e.g. 10000 for the memory and search targets")
    parser.add_argument("--serve-size", type=int, default=5000)
    parser.add_argument("--pairs", type=int, default=5,
                        help="alternated rounds of ours (fresh clone), plain-prune and ours-warm at the smallest size, for the 1.3x ratio")
    parser.add_argument("--serve-full", action="store_true", help="also time mkdocs serve without --dirty")
    parser.add_argument("--no-blog", action="store_true", help="skip the blog plugin stack (it installs from PyPI)")
    parser.add_argument("--no-history", action="store_true")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each validate measurement")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--output", type=Path)
    parser.add_argument("--reuse-validate", type=Path, metavar="RESULTS_MD",
                        help="take the validate figures from an earlier RESULTS.md instead of measuring again")
    parser.add_argument("--rewrite", type=Path, metavar="RESULTS_MD",
                        help="measure nothing: write an earlier run's figures again, with today's targets and tables")
    args = parser.parse_args(argv)
    if args.rewrite:
        text = args.rewrite.read_text(encoding="utf-8")
        write_results(args.output or args.rewrite, json.loads(text.split("```json\n", 1)[1].split("\n```", 1)[0]), args)
        return 0
    if args.quick:
        args.validate_size, args.sizes, args.nav_sizes, args.serve_size = 30, [12], [], 0
        args.ours_only_sizes = []
        args.no_blog, args.repeat = True, 1
    output = args.output or (args.workdir / "RESULTS-quick.md" if args.quick else HERE / "RESULTS.md")
    args.workdir = args.workdir.resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    figures: dict = {
        "command": "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "started": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load_start": load_average(),
        "machine": machine(),
    }

    def checkpoint() -> None:
        figures["elapsed_min"] = (time.perf_counter() - started) / 60
        figures["load_end"] = load_average()
        write_results(output, figures, args)

    root = validate_bench.archive(args.workdir, args.validate_size)
    if args.reuse_validate:
        text = args.reuse_validate.read_text(encoding="utf-8")
        earlier = json.loads(text.split("```json\n", 1)[1].split("\n```", 1)[0])
        figures["validate"] = {**earlier["validate"], "measured": earlier["started"]}
    else:
        say(f"validate, {args.validate_size} reports")
        figures["validate"] = {"reports": args.validate_size, **validate_bench.measure(root, args.repeat, quick=args.quick)}
    checkpoint()

    say(f"build, sizes {args.sizes}")
    b = build_bench.measure(args.sizes, args.nav_sizes, args.serve_size, workdir=args.workdir,
                            blog_sizes=[] if args.no_blog else args.sizes[:1], plain=not args.quick,
                            ours_only=[] if args.quick else args.ours_only_sizes, serve_full=args.serve_full,
                            pairs=0 if args.quick else args.pairs, progress=say)
    b["ratios"] = build_bench.ratios(b)
    figures["build"] = b
    checkpoint()

    largest = max([*args.sizes, *args.ours_only_sizes])
    say(f"calendars and emails, {largest} reports")
    figures["calendars"] = run_calendars(args.workdir, largest)
    checkpoint()

    say("diffs")
    figures["diffs"] = run_diffs(args.quick)
    checkpoint()

    say("archival copies")
    figures["archival"] = run_archival(args.quick, args.workdir)
    checkpoint()

    if not args.no_history:
        say("history")
        figures["history"] = run_history(args.quick)
        checkpoint()

    spy = shutil.which("py-spy") or (Path(sys.executable).parent / "py-spy")
    if not args.no_profile and not args.quick and Path(spy).exists():
        say(f"profile of a cold validate, {args.validate_size} reports")
        figures["profile_validate"] = {"reports": args.validate_size, **hotspots.profile_validate(root)}
        checkpoint()
        n = args.sizes[0]
        say(f"profile of our build, {n} reports")
        figures["profile"] = {"reports": n, **hotspots.profile_build(validate_bench.archive(args.workdir, n, git=True))}
        checkpoint()

    checkpoint()
    say(f"written to {output}")
    failed = [r for r in b["runs"] if r["exit"] != 0]
    return 1 if failed or figures["validate"]["validate_exit"] != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
