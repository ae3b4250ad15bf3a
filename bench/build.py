"""How long ``mkdocs build`` of a large archive takes, against plain mkdocs-material.

For each size (default 1 000 and 5 000 reports) a generated archive (with its
git history) is built, in the same run, these ways:

* **ours**: the full site, ``mkdocs build --strict`` with the repository's
  ``mkdocs.yml``: hooks, generated archive pages, feeds, ``reports.json``,
  Pagefind search; from a fresh clone, without the ``.rapportarkiv-cache`` an
  earlier build leaves (verdicts and rendered prose); at the smallest size
  also **ours-warm**, the same build again with it, as an author's machine
  builds;
* **plain-prune**: the same Markdown with plain mkdocs-material
  (``navigation.prune``, its built-in search, a nav of only a few pages, like
  ours): the cheapest plain build;
* **plain-prune-all**: plain mkdocs-material as it comes, with
  ``navigation.prune``: no ``nav`` key, so MkDocs lists every page, reports
  included (at the smallest size). Issue 3 sets its 1.3× target against
  "the plain ``navigation.prune`` build (13.3 s here; 46 s with every report
  in the nav)": prune only has something to prune when the reports are in the
  nav, and 46 s is what plain-nav takes here;
* **plain-nav**: plain mkdocs-material with every report in the nav and no
  ``navigation.prune`` (for 1 000 only by default: every page renders the whole
  nav, so it is quadratic);
* **blog** (``--blog``): mkdocs-material's blog plugin with
  mkdocs-git-revision-date-localized-plugin and mkdocs-rss-plugin, the stack a
  team would otherwise reach for, on the same reports and history. These
  plugins are installed from PyPI into their own virtual environment
  (``<workdir>/blog-venv``) with the same MkDocs and Material versions, so the
  project's environment is left alone.

Our builds run without the archival copies (``RAPPORTARKIV_ARCHIVAL_COPIES=false``,
said in the output): the plain builds make none, and a cold build would render
one per version. ``bench/archival.py`` measures the copies' own cost.

Each build's wall and CPU time and peak memory (max RSS, from
``/usr/bin/time -v`` when present, else ``getrusage``) are recorded. For our
build also Pagefind's download for a reader's first query, and Material's
``search_index.json`` of the plain build for comparison. Then one report is
edited under ``mkdocs serve`` and the time until the served page shows the
edit is measured, and the time until it serves its first page against a full
``mkdocs build`` of the same archive just before (the preview's natural floor:
its first build is one).

    python bench/build.py [--sizes 1000 5000] [--nav-sizes 1000] [--serve-size 5000] [--blog] [--quick]

Prints a table, then the figures as one JSON line for ``bench/run.py``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import resource
import shutil
import statistics
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from bench.validate import archive as cached_archive  # noqa: E402
from rapportarkiv.cache import CACHE_DIR  # noqa: E402
from rapportarkiv.catalogue import PREVIEW  # noqa: E402

GNU_TIME = Path("/usr/bin/time")
# Without the archival copies (RAPPORTARKIV_ARCHIVAL_COPIES=false): a cold build would render a
# PDF/A for every version, about a second each, which no plain build does. The production
# build keeps them between deploys; bench/archival.py measures what they cost.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1", "RAPPORTARKIV_ARCHIVAL_COPIES": "false"}
# Pagefind's files a reader's browser fetches before the first results show (not
# pagefind-worker.js: assets/rapportarkiv.js runs Pagefind with noWorker).
PAGEFIND_FIXED = ("pagefind.js", "pagefind-entry.json")
RESULTS_SHOWN = 10  # our search box fetches the fragments of the first ten results


# --- Configurations -------------------------------------------------------------

PLAIN = """\
site_name: Rapportarkiv
site_url: http://127.0.0.1:8000/
docs_dir: docs
theme:
  name: material
  language: sv
  font: false
  features:
    - navigation.prune
markdown_extensions:
  - toc
  - tables
  - admonition
  - attr_list
"""

BLOG_PLUGINS = """\
plugins:
  - search
  - blog:
      authors: false
  - git-revision-date-localized:
      enable_creation_date: true
      type: datetime
      timezone: Europe/Stockholm
      locale: sv
  - rss:
      match_path: "blog/posts/.*"
      date_from_meta:
        as_creation: date
"""


def _yaml_list(items: list, indent: int = 2) -> str:
    import yaml

    text = yaml.safe_dump(items, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return "".join(" " * indent + line + "\n" for line in text.splitlines())


def theme_bound_pages(docs: Path) -> str:
    """``exclude_docs`` for the baselines: the site's own pages that name one of our templates
    (``template:`` in their front matter) cannot be built without our ``custom_dir``."""
    bound = []
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel.startswith(("rapporter/", "blog/")):
            continue
        head = path.read_text(encoding="utf-8", errors="replace")[:2000]
        if head.startswith("---") and "\ntemplate:" in head.split("\n---", 1)[0]:
            bound.append(rel)
    return "exclude_docs: |\n" + "".join(f"  /{rel}\n" for rel in bound) if bound else ""


def plain_config(root: Path, nav: str) -> Path:
    """A baseline's mkdocs.yml beside the archive's: ``nav`` is

    * ``"few"`` (mkdocs.plain-prune.yml): ``navigation.prune`` and a nav of two
      pages, no report in it, as in ours: the cheapest plain build;
    * ``"default"`` (mkdocs.plain-prune-all.yml): ``navigation.prune`` and no
      ``nav`` key, so MkDocs lists every page, reports included: Material as it
      comes, the baseline issue 3 names;
    * ``"reports"`` (mkdocs.plain-nav.yml): every report in the nav (series ›
      year › report) and without ``navigation.prune``: every page renders the
      whole nav."""
    pages: list = ["om.md", {"Guide": "guide/index.md"}]
    if nav == "reports":
        docs = root / "docs"
        tree: dict[str, dict[str, list[str]]] = {}
        for path in sorted((docs / "rapporter").rglob("*.md"), reverse=True):
            rel = path.relative_to(docs).as_posix()
            _, series, year, _ = rel.split("/")
            tree.setdefault(series, {}).setdefault(year, []).append(rel)
        pages.append({"Rapporter": [{s: [{y: files} for y, files in years.items()]} for s, years in tree.items()]})
    name = {"few": "mkdocs.plain-prune.yml", "default": "mkdocs.plain-prune-all.yml", "reports": "mkdocs.plain-nav.yml"}[nav]
    config = root / name
    base = PLAIN.replace("  features:\n    - navigation.prune\n", "") if nav == "reports" else PLAIN
    listed = "" if nav == "default" else "nav:\n" + _yaml_list(pages)
    config.write_text(base + theme_bound_pages(root / "docs") + listed, encoding="utf-8")
    return config


def blog_config(root: Path) -> Path:
    config = root / "mkdocs.blog.yml"
    nav = _yaml_list(["blog/index.md", "om.md", {"Guide": "guide/index.md"}])
    config.write_text(PLAIN + theme_bound_pages(root / "docs") + BLOG_PLUGINS + "nav:\n" + nav, encoding="utf-8")
    return config


def blog_versions(python: Path) -> dict[str, str]:
    names = ["mkdocs", "mkdocs-material", "mkdocs-git-revision-date-localized-plugin", "mkdocs-rss-plugin", "GitPython"]
    code = "import json, importlib.metadata as m; print(json.dumps({n: m.version(n) for n in %r}))" % names
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
    return json.loads(result.stdout) if result.returncode == 0 else {}


def blog_python(workdir: Path) -> Path:
    """A virtual environment with the blog stack and our MkDocs and Material versions."""
    from importlib.metadata import version

    venv = workdir / "blog-venv"
    python = venv / "bin" / "python"
    wanted = [f"mkdocs=={version('mkdocs')}", f"mkdocs-material=={version('mkdocs-material')}",
              "mkdocs-git-revision-date-localized-plugin", "mkdocs-rss-plugin"]
    stamp = venv / ".bench-stamp"
    if stamp.exists() and stamp.read_text() == json.dumps(wanted):
        return python
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    installed = subprocess.run([str(python), "-m", "pip", "install", "--quiet", *wanted], capture_output=True, text=True)
    if installed.returncode != 0:
        raise RuntimeError(f"could not install the blog plugin stack: {installed.stderr[-2000:]}")
    stamp.write_text(json.dumps(wanted))
    return python


# --- Measuring one build -----------------------------------------------------------


@dataclass
class Run:
    variant: str
    reports: int
    wall_s: float
    cpu_s: float
    max_rss_mb: float | None
    exit: int
    pages: int = 0
    log: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.exit == 0


def run_measured(command: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None) -> tuple[float, float, float | None, int]:
    """(wall s, CPU s, peak RSS MB, exit code) of one command, its output kept in ``log``."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as times:
        if GNU_TIME.exists():
            command = [str(GNU_TIME), "-f", "%e %U %S %M", "-o", times.name, *command]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        with log.open("w") as out:
            code = subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env or ENV).returncode
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        rss = None
        if GNU_TIME.exists():
            fields = [line for line in Path(times.name).read_text().splitlines() if line and line[0].isdigit()]
            if fields:
                _, user, system, kb = fields[-1].split()
                cpu, rss = float(user) + float(system), int(kb) / 1024
        elif after.ru_maxrss > before.ru_maxrss:
            # ru_maxrss of children is the largest ever seen: only a new maximum is this build's.
            rss = after.ru_maxrss / 1024
    return wall, cpu, rss, code


def mkdocs_build(variant: str, root: Path, config: Path, site: Path, n: int, *, python: str = sys.executable,
                 strict: bool = False) -> Run:
    shutil.rmtree(site, ignore_errors=True)
    log = root.parent / f"build-{variant}-{n}.log"
    command = [python, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site), *(["--strict"] if strict else [])]
    wall, cpu, rss, code = run_measured(command, root, log)
    pages = sum(1 for _ in site.rglob("*.html")) if site.exists() else 0
    tail = "" if code == 0 else "\n".join(log.read_text(errors="replace").splitlines()[-15:])
    return Run(variant, n, wall, cpu, rss, code, pages, tail)


# --- Search download -------------------------------------------------------------------


def served_size(path: Path) -> int:
    """The bytes a reader's browser receives for ``path``: as it is for files compressed
    already (Pagefind's index, fragments and WebAssembly are gzip files), compressed as a
    web server compresses text (gzip, level 6: GitHub Pages, nginx's gzip) for the rest."""
    content = path.read_bytes()
    return len(content) if content[:2] == b"\x1f\x8b" else len(gzip.compress(content, compresslevel=6))


def pagefind_first_query(site: Path) -> dict:
    """Bytes a reader downloads for a first query: Pagefind's script and worker, the entry,
    the Swedish WebAssembly, the language's metadata, one index chunk (the largest, as an
    upper bound for a one-word query) and the fragments of the results shown."""
    folder = site / "pagefind"
    entry = json.loads((folder / "pagefind-entry.json").read_text())
    language = entry["languages"].get("sv") or next(iter(entry["languages"].values()))
    fixed = {name: served_size(folder / name) for name in PAGEFIND_FIXED if (folder / name).exists()}
    fixed[f"wasm.{language['wasm']}.pagefind"] = served_size(folder / f"wasm.{language['wasm']}.pagefind")
    fixed["pf_meta"] = served_size(folder / f"pagefind.{language['hash']}.pf_meta")
    chunks = [p.stat().st_size for p in (folder / "index").glob("*.pf_index")]
    fragments = [p.stat().st_size for p in (folder / "fragment").glob("*.pf_fragment")]
    filters = [p.stat().st_size for p in (folder / "filter").glob("*.pf_filter")]
    mean_fragment = sum(fragments) / len(fragments) if fragments else 0
    first = sum(fixed.values()) + max(chunks, default=0) + RESULTS_SHOWN * mean_fragment
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return {
        "pages_indexed": language.get("page_count"),
        "fixed_bytes": sum(fixed.values()),
        "fixed": fixed,
        "index_chunks": len(chunks),
        "index_chunk_max_bytes": max(chunks, default=0),
        "index_chunk_mean_bytes": round(sum(chunks) / len(chunks)) if chunks else 0,
        "fragment_mean_bytes": round(mean_fragment),
        "filter_bytes": sum(filters),
        "first_query_bytes": round(first),
        "whole_index_bytes": total,
    }


def material_search_index(site: Path) -> int | None:
    index = site / "search" / "search_index.json"
    return served_size(index) if index.exists() else None


# --- Editing one report under mkdocs serve -----------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the local server's own URL
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(url: str, predicate, timeout: float, poll: float = 0.2,
             server: subprocess.Popen | None = None) -> float | None:
    """Seconds until ``predicate(body)`` holds for the page at ``url``, or None on timeout
    or when the server has exited."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server is not None and server.poll() is not None:
            return None
        body = fetch(url)
        if body is not None and predicate(body):
            return time.perf_counter() - started
        time.sleep(poll)
    return None


def edited(text: str, marker: str) -> str:
    """The report with one sentence added to its first paragraph: a valid, typical correction."""
    head, sep, rest = text.partition("\n## ")
    title, sep2, body = rest.partition("\n\n")
    return f"{head}{sep}{title}{sep2}{marker} {body}"


def serve_rebuild(root: Path, n: int, timeout: float = 1800, *, dirty: bool = True) -> dict:
    """Start ``mkdocs serve`` (with ``--dirty``, as ``./dev serve`` runs it, unless told
    otherwise), wait for the first build, edit one report, and time until its served page
    shows the edit. The report is restored afterwards."""
    docs = root / "docs"
    reports = sorted((docs / "rapporter").rglob("*.md"))
    target = reports[len(reports) // 2]
    original = target.read_text(encoding="utf-8")
    if "draft: true" in original:
        target = reports[len(reports) // 2 + 1]
        original = target.read_text(encoding="utf-8")
    url_path = target.relative_to(docs).with_suffix("").as_posix() + "/"
    port = free_port()
    url = f"http://127.0.0.1:{port}/{url_path}"
    log = root.parent / f"serve{'-dirty' if dirty else ''}-{n}.log"
    marker = f"Mätpunkt{random.randrange(10**8):08d} är tillagd."
    mode = ["--dirty"] if dirty else []
    figures: dict = {"reports": n, "report": url_path, "method": " ".join(["mkdocs serve", *mode])}
    # The floor: a full build of the same archive, with the cache the server will find.
    floor = mkdocs_build("serve-floor", root, root / "mkdocs.yml", root.parent / f"site-serve-floor-{n}", n, strict=True)
    shutil.rmtree(root.parent / f"site-serve-floor-{n}", ignore_errors=True)
    figures["build_s"] = floor.wall_s if floor.ok else None
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *mode, "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
            cwd=root, stdout=out, stderr=subprocess.STDOUT, env=ENV,
        )
        try:
            first = wait_for(url, lambda body: True, timeout, server=server)
            figures["first_build_s"] = first
            if first is not None and figures["build_s"]:
                figures["first_page_ratio"] = first / figures["build_s"]
            if first is None:
                figures["error"] = "the first build did not finish: " + " / ".join(
                    log.read_text(errors="replace").strip().splitlines()[-2:])
                return figures
            time.sleep(1.0)  # let the watcher settle after the first build
            started = time.perf_counter()
            target.write_text(edited(original, marker), encoding="utf-8")
            seen = wait_for(url, lambda body: marker in body, timeout, poll=0.1, server=server)
            figures["rebuild_s"] = None if seen is None else time.perf_counter() - started
            if seen is None:
                figures["error"] = "the edit never appeared: " + " / ".join(
                    log.read_text(errors="replace").strip().splitlines()[-2:])
        finally:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            target.write_text(original, encoding="utf-8")
    # The preview prints the catalogue's "Klart på 2,4 sekunder." for MkDocs' "Documentation built in".
    built = re.compile(re.escape(PREVIEW["log.built"]).replace(re.escape("{seconds}"), r"([\d,]+)"))
    figures["builds_logged"] = [float(found[1].replace(",", ".")) for line in log.read_text(errors="replace").splitlines()
                                if (found := built.fullmatch(line))]
    return figures


# --- The whole benchmark ---------------------------------------------------------------------


def measure(sizes: list[int], nav_sizes: list[int], serve_size: int | None, *, workdir: Path, seed: int = 1,
            blog_sizes: Sequence[int] = (), plain: bool = True, ours_only: Sequence[int] = (), keep_sites: bool = False,
            serve_full: bool = False, pairs: int = 0, progress=print) -> dict:
    """Build every size; ``ours_only`` sizes are built with our site alone (for memory and search).

    ``pairs`` more rounds at the smallest size, each ours from a fresh clone,
    plain-prune, plain-prune-all and ours-warm back to back: on a shared
    machine one build each can land in a slow and a fast minute; the median
    ratio of builds made back to back does not."""
    workdir = workdir.resolve()  # builds run inside the archive folders
    workdir.mkdir(parents=True, exist_ok=True)
    runs: list[Run] = []
    search: dict[int, dict] = {}
    for n in sorted({*sizes, *ours_only}):
        progress(f"[build] generating {n} reports")
        root = cached_archive(workdir, n, seed, git=True)
        sites = workdir / f"sites-{n}"
        progress(f"[build] ours, {n} reports, without .rapportarkiv-cache")
        shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
        ours = mkdocs_build("ours", root, root / "mkdocs.yml", sites / "ours", n, strict=True)
        runs.append(ours)
        if plain and n == min(sizes, default=None):
            progress(f"[build] ours again, {n} reports, with the cache it left")
            runs.append(mkdocs_build("ours-warm", root, root / "mkdocs.yml", sites / "ours-warm", n, strict=True))
        if ours.ok:
            search[n] = pagefind_first_query(sites / "ours")
            # Pagefind alone on the built site: its share of our build.
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "pagefind", "--site", str(sites / "ours"), "--force-language", "sv",
                            "--quiet"], check=True, capture_output=True)
            ours.extra["pagefind_s"] = time.perf_counter() - started
        if plain and n in sizes:
            progress(f"[build] plain-prune, {n} reports")
            config = plain_config(root, "few")
            runs.append(mkdocs_build("plain-prune", root, config, sites / "plain-prune", n))
            if n in search:
                search[n]["material_search_index_bytes"] = material_search_index(sites / "plain-prune")
        if plain and n == min(sizes, default=None):
            progress(f"[build] plain-prune-all, {n} reports")
            runs.append(mkdocs_build("plain-prune-all", root, plain_config(root, "default"), sites / "plain-prune-all", n))
        if n in nav_sizes:
            progress(f"[build] plain-nav, {n} reports")
            runs.append(mkdocs_build("plain-nav", root, plain_config(root, "reports"), sites / "plain-nav", n))
        if n in blog_sizes:
            progress(f"[build] blog plugin stack, {n} reports")
            python = blog_python(workdir)
            blog_root = cached_archive(workdir, n, seed, git=True, flavour="blog")
            blog = mkdocs_build("blog", blog_root, blog_config(blog_root), sites / "blog", n, python=str(python))
            blog.extra["versions"] = blog_versions(python)
            runs.append(blog)
        if not keep_sites:
            shutil.rmtree(sites, ignore_errors=True)
    # (ours, baseline) walls per round, for each pairing in PAIRINGS.
    paired: dict[str, list[tuple[float, float]]] = {key: [] for key in PAIRINGS}
    if pairs and plain and sizes:
        n = min(sizes)
        root = cached_archive(workdir, n, seed, git=True)
        sites = workdir / f"sites-{n}"
        for index in range(pairs):
            # One round: ours from a fresh clone, both plain baselines, ours
            # again with the cache the first left.
            progress(f"[build] alternated round {index + 1} of {pairs}, {n} reports")
            shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
            built = {"ours": mkdocs_build("ours", root, root / "mkdocs.yml", sites / "ours", n, strict=True)}
            for variant, nav in (("plain-prune", "few"), ("plain-prune-all", "default")):
                built[variant] = mkdocs_build(variant, root, plain_config(root, nav), sites / variant, n)
            built["ours-warm"] = mkdocs_build("ours-warm", root, root / "mkdocs.yml", sites / "ours", n, strict=True)
            for key, (mine, baseline) in PAIRINGS.items():
                if built[mine].ok and built[baseline].ok:
                    paired[key].append((built[mine].wall_s, built[baseline].wall_s))
        shutil.rmtree(sites, ignore_errors=True)
    serve = None
    serve_modes = []
    if serve_size:
        root = cached_archive(workdir, serve_size, seed, git=True)
        for dirty in (True, False) if serve_full else (True,):
            progress(f"[build] mkdocs serve{' --dirty' if dirty else ''}, edit one report of {serve_size}")
            serve_modes.append(serve_rebuild(root, serve_size, dirty=dirty))
        serve = serve_modes[0]
    return {"runs": [asdict(r) for r in runs], "search": search, "serve": serve, "serve_modes": serve_modes,
            "pairs": {"reports": min(sizes) if sizes else None, **paired}}


# The alternated rounds' pairings: key -> (our variant, the baseline it is divided by).
PAIRINGS = {
    "walls": ("ours-warm", "plain-prune"),
    "cold_walls": ("ours", "plain-prune"),
    "walls_all": ("ours-warm", "plain-prune-all"),
    "cold_walls_all": ("ours", "plain-prune-all"),
}


def paired_ratio(figures: dict, walls_key: str = "walls") -> tuple[float, int] | None:
    """The median of one pairing's ratios over the alternated rounds (see PAIRINGS),
    and how many there were: ours-warm/plain-prune by default."""
    walls = (figures.get("pairs") or {}).get(walls_key) or []
    if not walls:
        return None
    return statistics.median(ours / plain for ours, plain in walls), len(walls)


def typical_wall(figures: dict, variant: str, n: int | None) -> tuple[float, int] | None:
    """The median wall time of every build of ``variant`` at ``n`` in this run, and
    how many there were: the alternated rounds add more builds of the smallest
    size, a steadier measure than one build to divide the larger sizes by."""
    walls = [r["wall_s"] for r in figures["runs"] if r["variant"] == variant and r["reports"] == n and r["exit"] == 0]
    pairs = figures.get("pairs") or {}
    if pairs.get("reports") == n:
        # Each build once: the first pairing that holds the variant.
        for key, (ours, baseline) in PAIRINGS.items():
            if variant in (ours, baseline):
                walls += [pair[0 if variant == ours else 1] for pair in pairs.get(key) or []]
                break
    return (statistics.median(walls), len(walls)) if walls else None


def ratios(figures: dict) -> dict:
    """The ratios the issues set targets for."""
    by = {(r["variant"], r["reports"]): r for r in figures["runs"] if r["exit"] == 0}
    sizes = sorted({r["reports"] for r in figures["runs"]})
    out: dict = {}
    small = sizes[0] if sizes else None
    for n in sizes:
        ours, plain = by.get(("ours", n)), by.get(("plain-prune", n))
        if ours and plain:
            out[f"ours/plain-prune@{n}"] = ours["wall_s"] / plain["wall_s"]
            out[f"ours/plain-prune@{n} (CPU)"] = ours["cpu_s"] / plain["cpu_s"]
        warm = by.get(("ours-warm", n))
        if warm and plain:
            out[f"ours-warm/plain-prune@{n}"] = warm["wall_s"] / plain["wall_s"]
        for other in ("plain-prune-all", "plain-nav", "blog"):
            if ours and by.get((other, n)):
                out[f"ours/{other}@{n}"] = ours["wall_s"] / by[(other, n)]["wall_s"]
    for walls_key, (variant, baseline) in PAIRINGS.items():
        paired = paired_ratio(figures, walls_key)
        if paired:
            out[f"{variant}/{baseline}@{figures['pairs']['reports']} (median of {paired[1]} alternated rounds)"] = paired[0]
    for n in sizes[1:]:
        for variant in ("ours", "plain-prune"):
            a, b, typical = by.get((variant, small)), by.get((variant, n)), typical_wall(figures, variant, small)
            if a and b and typical:
                out[f"{variant}@{n}/{variant}@{small} (median of {typical[1]} at {small})"] = b["wall_s"] / typical[0]
                out[f"{variant}@{n}/{variant}@{small} (CPU)"] = b["cpu_s"] / a["cpu_s"]
    return out


def table(figures: dict) -> str:
    lines = ["| Build | Reports | Wall s | CPU s | Peak RSS MiB | HTML pages | Exit |", "|---|---:|---:|---:|---:|---:|---:|"]
    for r in figures["runs"]:
        rss = "" if r["max_rss_mb"] is None else f"{r['max_rss_mb']:.0f}"
        lines.append(f"| {r['variant']} | {r['reports']} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | {rss} | {r['pages']} | {r['exit']} |")
    return "\n".join(lines)


def search_table(figures: dict) -> str:
    lines = ["| Reports | First query (est.) KB | Fixed KB | Index chunks | Largest chunk KB | Fragment KB | Whole Pagefind dir KB | Material search_index.json KB |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, s in sorted(figures["search"].items(), key=lambda item: int(item[0])):
        material = s.get("material_search_index_bytes")
        lines.append(f"| {n} | {s['first_query_bytes'] / 1024:.0f} | {s['fixed_bytes'] / 1024:.0f} | {s['index_chunks']} "
                     f"| {s['index_chunk_max_bytes'] / 1024:.1f} | {s['fragment_mean_bytes'] / 1024:.1f} "
                     f"| {s['whole_index_bytes'] / 1024:.0f} | {'' if material is None else f'{material / 1024:.0f}'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--nav-sizes", type=int, nargs="*", default=[1000], help="sizes also built with every report in the nav")
    parser.add_argument("--ours-only-sizes", type=int, nargs="*", default=[],
                        help="sizes built with our site alone (e.g. 10000 for peak memory and search)")
    parser.add_argument("--serve-size", type=int, default=5000, help="archive size for the mkdocs serve edit (0: skip)")
    parser.add_argument("--serve-full", action="store_true", help="also time mkdocs serve without --dirty")
    parser.add_argument("--blog", action="store_true", help="also build the blog plugin stack (installs it into <workdir>/blog-venv)")
    parser.add_argument("--blog-sizes", type=int, nargs="*", default=[1000])
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep-sites", action="store_true")
    parser.add_argument("--quick", action="store_true", help="smoke test: one tiny build of our site, no serve")
    args = parser.parse_args(argv)
    if args.quick:
        # One tiny build of our site: enough to keep the code from rotting, seconds to run.
        figures = measure([min(*args.sizes, 12)], [], 0, workdir=args.workdir, seed=args.seed, plain=False,
                          progress=lambda _: None)
    else:
        figures = measure(args.sizes, args.nav_sizes, args.serve_size, workdir=args.workdir, seed=args.seed,
                          blog_sizes=args.blog_sizes if args.blog else [], ours_only=args.ours_only_sizes,
                          keep_sites=args.keep_sites, serve_full=args.serve_full,
                          progress=lambda text: print(text, file=sys.stderr, flush=True))
    figures["ratios"] = ratios(figures)
    figures["archival_copies"] = ENV["RAPPORTARKIV_ARCHIVAL_COPIES"]
    print(table(figures))
    print("Archival copies: off (RAPPORTARKIV_ARCHIVAL_COPIES=false); bench/archival.py measures them.")
    if figures["search"]:
        print(search_table(figures))
    for name, value in figures["ratios"].items():
        print(f"{name}: {value:.2f}")
    for serve in figures["serve_modes"]:
        print(f"serve: {serve}")
    print(json.dumps(figures, ensure_ascii=False))
    failed = [r for r in figures["runs"] if r["exit"] != 0]
    for r in failed:
        print(f"{r['variant']} {r['reports']} failed:\n{r['log']}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
