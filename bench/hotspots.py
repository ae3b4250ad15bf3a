"""Where the time goes: a py-spy profile summed into a few named parts.

For ``mkdocs build`` py-spy samples the build's main thread with idle time
included, so waiting for git, Pagefind or the second core's page content
counts as the wall time it is (the forked renderer and Pagefind run beside
it and are not sampled). For
``rapportarkiv validate`` it samples the command and its worker processes,
CPU time only (a parent waiting for its workers would count twice). Each sample is given to the
first part whose pattern appears in its stack, in the order below, so the
parts add up to 100 %. The twenty functions with the most samples of their own
follow, for the detail.

py-spy is not a dependency of the project: install it into the virtual
environment for a profiling run (``.venv/bin/pip install py-spy``).

    python bench/hotspots.py ARCHIVE [--rate 100] [--validate]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

# (name, patterns): a sample belongs to the first part with any pattern in its stack.
PARTS = (
    ("importing jsonschema: rfc3987_syntax builds its Lark grammars", ("rfc3987_syntax",)),
    ("other imports", ("_find_and_load",)),
    ("git history (read_history)", ("rapportarkiv/history.py",)),
    ("load and validate the reports (collection.load)", ("rapportarkiv/collection.py",)),
    ("older versions and comparisons", ("rapportarkiv/versions.py", "rapportarkiv/textdiff.py")),
    ("feeds and reports.json", ("rapportarkiv/render/feeds.py", "rapportarkiv/render/reports_json.py")),
    ("Pagefind indexing (handing pages over, waiting for it at the end)", ("rapportarkiv/search.py",)),
    ("waiting for page content from the second core", ("render/background.py",)),
    ("core page content (report and archive pages)", ("on_page_content (", "page_html (")),
    ("arranging the archive (Archive.build, site pages)", ("rapportarkiv/archive.py", "site_pages (")),
    ("Material's search plugin", ("material/plugins/search",)),
    ("Material's blog plugin", ("material/plugins/blog",)),
    ("git plugins (revision date, RSS)", ("mkdocs_git_revision", "mkdocs_rss_plugin")),
    ("theme templates (every page's shell and nav)", ("_build_page (", "_build_template (", "_build_theme_template (")),
    ("MkDocs' Markdown rendering", ("Page.render (",)),
    ("reading source files", ("read_source (", "get_files (", "add_files_from_theme (")),
    ("writing and cleaning the site folder", ("write_file (", "rmtree", "copy_file (", "copy_static_files (")),
    ("waiting for other subprocesses", ("subprocess.py",)),
)

VALIDATE_PARTS = (
    ("imports", ("_find_and_load",)),
    ("the cache: reading and writing its store", ("Store.save (", "Store.open (", "fingerprint (")),
    ("JSON Schema validation (jsonschema)", ("rapportarkiv/schemas.py",)),
    ("rules beyond the schema", ("rapportarkiv/rules.py",)),
    ("YAML parsing of the front matter", ("rapportarkiv/frontmatter.py",)),
    ("decoding and splitting the files", ("rapportarkiv/source.py",)),
    ("building the report models", ("rapportarkiv/model.py",)),
    ("the pipeline's own steps between those", ("load_report (",)),
    ("reading the files", ("read_bytes (", "_read_and (")),
    ("pickling each verdict for the parent and the cache", ("_check_reports.<locals>.check (",)),
    ("finding the files", ("discover (",)),
    ("worker processes: start-up and hand-over", ("multiprocessing/",)),
    ("printing problems", ("rapportarkiv/formats.py",)),
)


HELPER_THREAD = "_bootstrap (threading.py"  # the root frame of every thread but the main one


def record(command: list[str], cwd: Path, raw: Path, rate: int = 100, *, idle: bool = True,
           subprocesses: bool = False, env: dict[str, str] | None = None) -> int:
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    options = (["--idle"] if idle else []) + (["--subprocesses"] if subprocesses else [])
    return subprocess.run(
        [spy, "record", *options, "--format", "raw", "--rate", str(rate), "--output", str(raw), "--", *command],
        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    ).returncode


def summarise(raw: Path, top: int = 20, parts_list: tuple = PARTS, skip: tuple[str, ...] = ()) -> dict:
    """Samples summed into parts; stacks with a ``skip`` pattern are left out altogether."""
    parts: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit() or any(p in stack for p in skip):
            continue
        samples = int(count)
        total += samples
        if not stack.strip() or ";" not in stack:
            parts["interpreter start-up and exit (no Python frame)"] += samples
            continue
        for name, patterns in parts_list:
            if any(p in stack for p in patterns):
                parts[name] += samples
                break
        else:
            parts["other"] += samples
        leaf = stack.rsplit(";", 1)[-1]
        own[_short(leaf)] += samples
    return {
        "samples": total,
        "parts": [(name, n / total) for name, n in parts.most_common()] if total else [],
        "own": [(name, n / total) for name, n in own.most_common(top)] if total else [],
    }


def _short(frame: str) -> str:
    """'render (/x/site-packages/jinja2/environment.py:1295)' -> 'render (jinja2/environment.py:1295)'."""
    name, _, where = frame.partition(" (")
    where = where.rstrip(")")
    for marker in ("site-packages/", "/work/main/", "python3.11/"):
        if marker in where:
            where = where.split(marker, 1)[1]
    return f"{name} ({where})" if where else name


def profile_build(root: Path, config: str = "mkdocs.yml", rate: int = 100) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        raw = Path(tmp) / "profile.txt"
        # Without the archival copies, as bench/build.py measures our build.
        code = record([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(Path(tmp) / "site")],
                      root, raw, rate, env={**os.environ, "RAPPORTARKIV_ARCHIVAL_COPIES": "false"})
        # The build's main thread only: the threads that feed Pagefind and
        # collect the second core's page content mostly wait, and their idle
        # samples would swamp the build's own.
        result = summarise(raw, skip=(HELPER_THREAD,)) if raw.exists() else {"samples": 0, "parts": [], "own": []}
    result["exit"] = code
    return result


def profile_validate(root: Path, rate: int = 100) -> dict:
    """Profile a cold ``rapportarkiv validate`` (no cache) of the archive at ``root``."""
    shutil.rmtree(root / ".rapportarkiv-cache", ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        raw = Path(tmp) / "profile.txt"
        code = record([sys.executable, "-m", "rapportarkiv.cli", "validate", "--docs", "docs"], root, raw, rate,
                      idle=False, subprocesses=True)
        result = summarise(raw, parts_list=VALIDATE_PARTS) if raw.exists() else {"samples": 0, "parts": [], "own": []}
    result["exit"] = code
    result["what"] = "CPU time of the command and its workers"
    return result


def markdown(result: dict) -> str:
    share = "Share of " + ("CPU time" if "CPU" in result.get("what", "") else "wall time")
    lines = [f"{result['samples']} samples.", "", f"| Part | {share} |", "|---|---:|"]
    lines += [f"| {name} | {share * 100:.1f} % |" for name, share in result["parts"]]
    lines += ["", "| Function (own samples) | Share |", "|---|---:|"]
    lines += [f"| `{name}` | {share * 100:.1f} % |" for name, share in result["own"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path, help="a generated archive folder (with mkdocs.yml)")
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--rate", type=int, default=100)
    parser.add_argument("--validate", action="store_true", help="profile a cold `rapportarkiv validate` instead")
    args = parser.parse_args(argv)
    result = (profile_validate(args.archive, args.rate) if args.validate
              else profile_build(args.archive, args.config, args.rate))
    print(markdown(result))
    return result["exit"]


if __name__ == "__main__":
    sys.exit(main())
