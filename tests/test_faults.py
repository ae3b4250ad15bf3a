"""Operational faults: a damaged cache, links and pipes among the reports, git and
the OS speaking English, Ctrl-C, kill -9, a failing or hanging Pagefind, a full disk.

Each test makes the fault for real where it can (a link to /dev/zero, a named
pipe, a file size limit, a fake Pagefind, SIGKILL, SIGINT) and asserts that the
author or operator gets a Swedish message and a non-zero exit, never a
traceback, a hang or a wrong site.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import factory
from factory import (
    SEED, GitRepo, base_env, build, commit_if_untracked, mkdocs_config, new_docs, report_rel, seed_report,
    write_report,
)
from rapportarkiv import cache, cli, collection, git, guard, search, source

WHEN = datetime(2024, 10, 17, 14, 0)
PYTHONPATH = {"PYTHONPATH": str(Path(__file__).resolve().parent.parent)}


def _mkdocs_build(config: Path, site: Path) -> str:
    """Python that runs ``mkdocs build --strict`` in its own process: the end of a
    script whose beginning plants a fault in the build."""
    return (
        "import sys\n"
        "from mkdocs.__main__ import cli\n"
        f"sys.argv = ['mkdocs', 'build', '--strict', '-f', {str(config)!r}, '-d', {str(site)!r}]\n"
        "cli()\n"
    )


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _aged(*paths: Path) -> None:
    """Old enough to be trusted to the cache (see collection.RACY_SECONDS)."""
    old = 1_700_000_000_000_000_000
    for path in paths:
        os.utime(path, ns=(old, old))


# --- The cache ------------------------------------------------------------------

def test_a_store_with_any_byte_changed_or_cut_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    cache.write(path, "nyckel", {"('a', 1)": ["Vecka 42", [["a.md", 1, 1, "RA001", "Tom", "error"]]]})
    whole = path.read_bytes()
    assert cache.read(path) == ("nyckel", {"('a', 1)": ["Vecka 42", [["a.md", 1, 1, "RA001", "Tom", "error"]]]})
    for index in range(len(whole)):
        path.write_bytes(whole[:index] + bytes([whole[index] ^ 0x20]) + whole[index + 1:])
        assert cache.read(path) is None, index
        path.write_bytes(whole[:index])
        assert cache.read(path) is None, index


@pytest.mark.parametrize("kind", ["validate", "models"])
def test_a_damaged_or_planted_verdict_store_is_a_miss_never_an_error(tmp_path: Path, kind: str) -> None:
    docs = new_docs(tmp_path)
    paths = [write_report(docs, f"vecka-{n}", title=f"Vecka {n}", when=WHEN + timedelta(days=n)) for n in (0, 7)]
    _aged(*paths)
    fresh = collection.load(docs, base=tmp_path)
    [store] = (tmp_path / cache.CACHE_DIR).glob(f"{kind}-*.json")
    whole = store.read_bytes()
    titles = sorted(r.title for r in fresh.reports)
    # Every byte of the payload, changed: the verdicts are made again, with the file's own title.
    for index in range(len(whole) // 2, len(whole), max(1, len(whole) // 300)):
        store.write_bytes(whole[:index] + bytes([whole[index] ^ 0x01]) + whole[index + 1:])
        loaded = collection.load(docs, base=tmp_path)
        assert sorted(r.title for r in loaded.reports) == titles and loaded.problems == fresh.problems
    # A store that is a pickle (of the old format, or planted to run code) is not unpickled.
    store.write_bytes(b"\x80\x04cos\nsystem\n(S'touch " + str(tmp_path / "pwned").encode() + b"'\ntR.")
    assert sorted(r.title for r in collection.load(docs, base=tmp_path).reports) == titles
    assert not (tmp_path / "pwned").exists()
    # Well-formed, with a valid checksum, but not verdicts: each entry is a miss.
    key, entries = cache.read(store)  # type: ignore[misc]
    cache.write(store, key, {name: ["kaos", [[1, 2]]] for name in entries})
    assert sorted(r.title for r in collection.load(docs, base=tmp_path).reports) == titles
    # A store that is a link to an endless file is not followed.
    store.unlink()
    store.symlink_to("/dev/zero")
    assert sorted(r.title for r in collection.load(docs, base=tmp_path).reports) == titles


def test_the_key_holds_the_python_and_library_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.fingerprint(b"serie")
    real = cache.metadata.version
    monkeypatch.setattr(cache.metadata, "version", lambda name: "99.0" if name == "pyyaml" else real(name))
    assert cache.fingerprint(b"serie") != before
    monkeypatch.undo()
    monkeypatch.setattr(cache.sys, "version", "3.99.0 (test)")
    assert cache.fingerprint(b"serie") != before


def test_a_store_that_cannot_be_written_for_a_full_disk_fails_the_run(tmp_path: Path) -> None:
    store = tmp_path / "cache" / "store.json"
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from rapportarkiv import cache\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))\n"
        f"cache.write(Path({str(store)!r}), 'k', {{'a': 'x' * 4096}})\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=False, **_limited())
    assert done.returncode != 0 and "File too large" in done.stderr, done.stderr
    assert not store.exists() and not list(store.parent.glob("*.tmp")), "nothing half-written is left"


def test_a_store_holding_a_name_that_is_not_utf8_reads_back(tmp_path: Path) -> None:
    """A file name that was not UTF-8 reaches a store as a lone surrogate: orjson
    refuses such text, so the store is read the slower way, not lost."""
    store = tmp_path / "store.json"
    entries = {"rapporter/r\udce5.md": {"title": "L\u00e4get"}}
    cache.write(store, "k", entries)
    assert cache.read(store) == ("k", entries)


def test_a_store_is_never_written_through_a_planted_link(tmp_path: Path, monkeypatch) -> None:
    victim = tmp_path / "viktig.txt"
    victim.write_text("orörd", encoding="utf-8")
    folder = tmp_path / "cache"
    folder.mkdir()
    for name in ("store.tmp", "store.json"):
        (folder / name).symlink_to(victim)
    cache.write(folder / "store.json", "k", {"a": 1})
    assert victim.read_text(encoding="utf-8") == "orörd" and cache.read(folder / "store.json") == ("k", {"a": 1})
    linked = tmp_path / "linked"
    linked.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    cache.write(linked / "store.json", "k", {})
    assert not (tmp_path / "elsewhere").exists()

    def refused(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(cache.tempfile, "mkstemp", refused)
    cache.write(folder / "other.json", "k", {})  # a read-only checkout runs without a cache


# --- Files that are not regular files ----------------------------------------------

def test_links_pipes_and_unreadable_files_are_problems_not_hangs(archive: Path, monkeypatch) -> None:
    folder = (archive / SEED).parent
    (folder / "2024-10-12-noll.md").symlink_to("/dev/zero")
    os.mkfifo(folder / "2024-10-13-ror.md")
    # The validator refuses them as it walks the tree (docs_tree), without reading them ...
    result = collection.load(archive, base=archive, use_cache=False)
    found = {(Path(p.path).name, p.code) for p in result.problems}
    assert found == {("2024-10-12-noll.md", "RA015"), ("2024-10-13-ror.md", "RA231")}
    # ... and whatever reads an author's file (the guard, the summary, history) reads only a regular one.
    for name, kind in (("2024-10-12-noll.md", "symbolisk länk"), ("2024-10-13-ror.md", "pipe")):
        data, problems = source.read_file(folder / name, name)
        assert data is None and [p.code for p in problems] == ["RA520"] and kind in problems[0].message

    data, problems = source.read_file(archive / SEED, SEED)
    assert data is not None and not problems
    real = os.open
    monkeypatch.setattr(os, "open", lambda path, *a, **k: (_ for _ in ()).throw(
        PermissionError(13, "Permission denied", str(path))) if str(path).endswith(SEED) else real(path, *a, **k))
    data, problems = source.read_file(archive / SEED, SEED)
    assert data is None and [(p.code, p.message) for p in problems] == [("RA000", "Filen kan inte läsas: behörighet saknas.")]


@pytest.fixture
def published(tmp_path: Path) -> GitRepo:
    """A repository with one published report on main and a pull-request branch."""
    repo = GitRepo(tmp_path / "repo")
    repo.pr("Vecka 42", {report_rel("2024-10-17 14:00", "vecka-42"): seed_report("Vecka 42")})
    repo.git("checkout", "-q", "-b", "andring")
    return repo


def _limited(seconds: int = 120):
    """A subprocess that cannot take the machine down if a protection is gone."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    return {"preexec_fn": limit, "timeout": seconds, "capture_output": True, "text": True,
            "env": {**base_env(), **PYTHONPATH}}


def test_summary_and_guard_refuse_a_committed_link_to_dev_zero(published: GitRepo) -> None:
    rel = report_rel("2024-10-17 14:00", "vecka-42")
    published.remove(rel)
    (published.docs / rel).symlink_to("/dev/zero")
    published.commit("En länk i stället för rapporten")
    for command in ("summary", "check-history"):
        done = subprocess.run([sys.executable, "-m", "rapportarkiv.cli", command, "--base", "main"],
                              cwd=published.root, check=False, **_limited())
        assert "Traceback" not in done.stderr, done.stderr
        # Refused as a link (RA015, where the tree is walked) or as no regular file (RA520, where it is read).
        assert ("RA015" in done.stdout or "RA520" in done.stdout) and "symbolisk länk" in done.stdout, (
            command, done.stdout, done.stderr)
    assert done.returncode == 1


def test_guard_and_summary_name_an_unreadable_file_in_swedish(published: GitRepo, monkeypatch, capsys) -> None:
    rel = report_rel("2024-10-17 14:00", "vecka-42")
    published.write(rel, published.read(rel).replace("Läget i införandet", "Läget i det försenade införandet"))
    real = os.open
    monkeypatch.setattr(os, "open", lambda path, *a, **k: (_ for _ in ()).throw(
        PermissionError(13, "Permission denied", str(path))) if str(path).endswith(".md") else real(path, *a, **k))
    monkeypatch.chdir(published.root)
    problems = guard.check(published.root, "main").problems
    assert [(p.path, p.code, p.message) for p in problems] == [
        (f"docs/{rel}", "RA000", "Filen kan inte läsas: behörighet saknas.")]
    code, out, err = run(capsys, "summary", "--base", "main")
    assert code == 0 and "behörighet saknas" in out and "Permission denied" not in out + err
    assert out.count("behörighet saknas") == 1, "the validator and the guard found it: shown once"


# --- git and the OS in Swedish -------------------------------------------------------

def test_git_complaints_reach_the_author_in_swedish(published: GitRepo, monkeypatch, capsys) -> None:
    monkeypatch.chdir(published.root)
    for command in ("summary", "check-history"):
        code, _out, err = run(capsys, command, "--base", "finns-inte")
        assert code == 2 and "finns-inte" in err and "fatal" not in err and "revision" not in err, err
    assert git.explain("fatal: bad revision 'origin/main'", Path(".")).startswith("git hittar inte origin/main")
    assert "safe.directory" in git.explain(
        "fatal: detected dubious ownership in repository at '/srv/arkiv'\n", Path("/srv/arkiv"))
    with pytest.raises(git.GitError, match="kan inte köras i"):
        git.Git(published.root / "saknas").run(["status"])


def test_no_command_ends_in_a_traceback(archive: Path, monkeypatch, capsys) -> None:
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(collection, "load", interrupted)
    assert run(capsys, "validate", "--docs", str(archive)) == (130, "", "")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "docs/rapporter")

    monkeypatch.setattr(collection, "load", denied)
    code, _out, err = run(capsys, "validate", "--docs", str(archive))
    assert code == 2 and err == "Kunde inte slutföra: docs/rapporter: behörighet saknas.\n"

    def broken(*args, **kwargs):
        raise git.GitError(git.explain("fatal: bad object HEAD", archive))

    monkeypatch.setattr(guard, "check", broken)
    monkeypatch.setattr(guard, "toplevel", lambda docs: archive.parent)
    code, _out, err = run(capsys, "check-history", "--docs", str(archive), "--base", "main")
    assert code == 2 and "git hittar inte" in err


def test_ctrl_c_exits_130_without_a_traceback(archive: Path) -> None:
    # A real SIGINT, as soon as the command has started reading reports.
    script = (
        "import os, signal, sys\n"
        "from rapportarkiv import cli, source\n"
        "real = source.read_file\n"
        "def read(*a):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    return real(*a)\n"
        "source.read_file = read\n"
        f"sys.exit(cli.main(['validate', '--docs', {str(archive)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=False, **_limited())
    assert done.returncode == 130 and done.stderr == "", done.stderr


@pytest.mark.parametrize("module", ["rapportarkiv.cache", "rapportarkiv.summary", "yaml"])
def test_ctrl_c_while_the_command_still_loads_exits_130_without_a_traceback(archive: Path, module: str) -> None:
    """A real SIGINT while the console script imports the command (a second or more on a
    busy machine), delivered when ``module`` is first imported, as the console script does."""
    script = (
        "import importlib.abc, os, signal, sys\n"
        "class Interrupt(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name == {module!r}:\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "        return None\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        f"sys.argv = ['rapportarkiv', 'validate', '--docs', {str(archive)!r}]\n"
        "from rapportarkiv.cli import main\n"  # what the console script runs
        "sys.exit(main())\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=False, **_limited())
    assert done.returncode == 130 and done.stderr == "", done.stderr


# --- rapportarkiv new ------------------------------------------------------------------

def test_new_refuses_an_undecodable_title_and_leaves_nothing(archive: Path, capsys) -> None:
    before = sorted(archive.rglob("*"))
    code, _out, err = run(capsys, "new", "--docs", str(archive), "--title", "R\udcc3\udca5dslag")
    assert code == 2 and "--title" in err and "teckenkodning" in err and "Traceback" not in err
    assert sorted(archive.rglob("*")) == before


def test_new_on_a_full_disk_leaves_no_empty_file(archive: Path) -> None:
    before = sorted(archive.rglob("*"))
    script = (
        "import resource, sys\n"
        "from rapportarkiv import cli\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))\n"  # writes past 200 bytes fail (EFBIG)
        f"sys.exit(cli.main(['new', '--docs', {str(archive)!r}, '--title', 'Rådslag']))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=False, **_limited())
    assert done.returncode == 2 and "filen blev för stor" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert sorted(archive.rglob("*")) == before


# --- Pagefind --------------------------------------------------------------------------

def _fake_pagefind(tmp_path: Path, body: str) -> Path:
    binary = tmp_path / "pagefind"
    binary.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    binary.chmod(0o755)
    return binary


PAGE = '<html><body><main data-pagefind-body><h1>Vecka 42</h1><p>Kommunerna</p></main></body></html>'


@pytest.mark.parametrize("body, words", [
    ("exit 3", "avslutades utan att svara"),
    ("echo 'inte protokollet,'; sleep 60", "avslutades utan att svara"),
    ("exec sleep 60", "svarade inte på 1 sekunder"),
    ("cat > /dev/null", "svarade inte på 1 sekunder"),  # reads every page, answers none
])
def test_a_pagefind_that_fails_or_hangs_is_a_swedish_error(tmp_path: Path, monkeypatch, body: str, words: str) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(_fake_pagefind(tmp_path, body)))
    with pytest.raises(search.SearchIndexError, match=words):
        indexer = search.Indexer(timeout=1)
        for n in range(2000):  # more than the pipe and the queue hold
            indexer.add(f"r/{n}/", PAGE)
        indexer.write(tmp_path / "site")


def test_the_search_timeout_setting_cannot_break_the_build() -> None:
    assert search._timeout("2") == 2.0
    for setting in (None, "", "abc", "0", "-5", "inf", "nan"):
        assert search._timeout(setting) == search.DEFAULT_TIMEOUT


def test_pagefind_that_cannot_start_is_a_swedish_error(tmp_path: Path, monkeypatch) -> None:
    binary = tmp_path / "pagefind"
    binary.write_text("inte ett program", encoding="utf-8")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    with pytest.raises(search.SearchIndexError, match="Pagefind kunde inte startas"):
        search.Indexer()


def test_a_search_index_that_cannot_be_written_is_an_error(tmp_path: Path) -> None:
    # Pagefind itself reports success on a full disk and leaves cut files.
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from rapportarkiv import search\n"
        "indexer = search.Indexer()\n"
        f"indexer.add('r/', {PAGE!r})\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))\n"
        f"indexer.write(Path({str(tmp_path)!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=False, **_limited())
    assert done.returncode != 0 and "OSError" in done.stderr and "File too large" in done.stderr, done.stderr


def _small_archive(tmp_path: Path) -> Path:
    docs = new_docs(tmp_path)
    for n in range(3):
        write_report(docs, f"vecka-{n}", title=f"Vecka {n}", when=WHEN + timedelta(days=7 * n))
    return docs


def test_a_build_with_a_hanging_pagefind_stops_with_a_swedish_message(tmp_path: Path) -> None:
    docs = _small_archive(tmp_path)
    env = {"PAGEFIND_BINARY_PATH": str(_fake_pagefind(tmp_path, "exec sleep 600")), "RAPPORTARKIV_SEARCH_TIMEOUT": "2"}
    done = build(docs, check=False, env=env)
    assert done.returncode != 0
    assert "sökindexet kunde inte byggas. Pagefind svarade inte på 2 sekunder" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_a_build_whose_writes_fail_fails(tmp_path: Path) -> None:
    docs = _small_archive(tmp_path)
    config = mkdocs_config(docs)
    build(docs)  # a good build first: the next one replaces it
    script = (
        "import resource, sys\n"
        "from rapportarkiv import search\n"
        "real = search._write_bundle\n"
        "def full(folder, files):\n"  # the disk fills up once the pages are written
        "    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "    real(folder, files)\n"
        "search._write_bundle = full\n"
    ) + _mkdocs_build(config, tmp_path / "site")
    done = subprocess.run([sys.executable, "-c", script], check=False, **_limited())
    assert done.returncode != 0, done.stderr
    assert "kunde inte skrivas (filen blev för stor för filsystemet)" in done.stderr, done.stderr

    # MkDocs' own writes (here the theme's largest script) end in its traceback, after our words.
    script = script.replace("search._write_bundle = full\n", "resource.setrlimit(resource.RLIMIT_FSIZE, (60000, 60000))\n")
    done = subprocess.run([sys.executable, "-c", script], check=False, **_limited())
    assert done.returncode != 0
    assert "bundle" in done.stderr and ".min.js kunde inte skrivas (filen blev för stor" in done.stderr, done.stderr


def test_a_build_whose_cache_cannot_be_written_fails_in_swedish(tmp_path: Path) -> None:
    """The verdicts are kept while the archive loads, before any page: a full disk
    then must stop the build with the operator's words, not MkDocs' traceback."""
    docs = _small_archive(tmp_path)
    config = mkdocs_config(docs)
    commit_if_untracked(docs)
    an_hour_ago = time.time() - 3600  # files just written are not trusted to the cache
    for file in docs.rglob("*.md"):
        os.utime(file, (an_hour_ago, an_hour_ago))
    script = (
        "import errno, os, sys\n"
        "from rapportarkiv import cache\n"
        "def full(*args, **kwargs):\n"
        "    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), 'cache.json')\n"
        "cache.write = full\n"
    ) + _mkdocs_build(config, tmp_path / "site")
    done = subprocess.run([sys.executable, "-c", script], check=False, **_limited())
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "kunde inte skrivas" in done.stderr, done.stderr


# --- Interrupted and killed builds ---------------------------------------------------

def test_a_build_interrupted_while_moving_the_last_output_aside_leaves_nothing_to_publish(tmp_path: Path) -> None:
    docs = _small_archive(tmp_path)
    site = tmp_path / "site"
    build(docs)
    gone = docs / "rapporter" / "regional-rapport-millennium-2024" / "2024" / "2024-10-17-vecka-0.md"
    gone.unlink()
    factory.git(tmp_path, "commit", "-qam", "Bort")
    config = mkdocs_config(docs)
    # Ctrl-C once the first entry of the last output has been moved aside.
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "real = Path.rename\n"
        "def rename(self, target):\n"
        "    done = real(self, target)\n"
        "    if '.rapportarkiv-previous-' in str(target):\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    return done\n"
        "Path.rename = rename\n"
    ) + _mkdocs_build(config, site)
    done = subprocess.run([sys.executable, "-c", script], check=False, **_limited())
    assert done.returncode != 0
    assert list(site.glob(".rapportarkiv-previous-*")), "the interruption left the moved output behind"

    for dirty in (True, False):  # MkDocs keeps hidden folders; --dirty cleans nothing at all
        args = ["--dirty"] if dirty else ["--strict"]  # MkDocs warns of every dirty build
        again = subprocess.run(
            [sys.executable, "-m", factory.GENERATOR, "build", *args, "-f", str(config), "-d", str(site)],
            check=False, **_limited(300))
        assert again.returncode == 0, again.stderr
        assert not list(site.glob(".rapportarkiv-previous-*"))
    assert not [p for p in site.rglob("*") if "vecka-0" in p.name]


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = list(Path(f"/proc/{parent}/task").iterdir())
        except OSError:
            continue  # ended meanwhile
        for task in tasks:
            try:
                kids = (task / "children").read_text().split()
            except OSError:
                continue
            for kid in map(int, kids):
                if kid not in found:
                    found.add(kid)
                    todo.append(kid)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its entry waits to be collected


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads children from /proc (Linux)")
def test_the_renderer_and_pagefind_die_with_a_killed_build(tmp_path: Path) -> None:
    from rapportarkiv.render.background import BACKGROUND_FROM

    docs = new_docs(tmp_path)
    for n in range(BACKGROUND_FROM + 20):
        write_report(docs, f"vecka-{n}", title=f"Vecka {n}", when=datetime(2019, 1, 3, 14, 0) + timedelta(weeks=n))
    config = mkdocs_config(docs)
    from factory import commit_if_untracked

    commit_if_untracked(docs)
    process = subprocess.Popen(
        [sys.executable, "-m", factory.GENERATOR, "build", "-f", str(config), "-d", str(tmp_path / "site")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=base_env(),
    )
    children: set[int] = set()
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and process.poll() is None:
            children = _descendants(process.pid)
            if any("pagefind" in _command(pid) for pid in children):
                break
            time.sleep(0.05)
        assert any("pagefind" in _command(pid) for pid in children), "the build never started Pagefind"
        assert any("python" in _command(pid) for pid in children), "nor its renderer"
        children = _descendants(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and any(_alive(pid) for pid in children):
            time.sleep(0.1)
        assert [(pid, _command(pid)) for pid in children if _alive(pid)] == []
    finally:
        if process.poll() is None:
            process.kill()
        for pid in children | _descendants(process.pid):
            if _alive(pid) and any(word in _command(pid) for word in ("mkdocs", "pagefind")):  # pids are reused
                os.kill(pid, signal.SIGKILL)


def test_a_fault_in_the_renderers_process_reaches_the_build_as_itself() -> None:
    from rapportarkiv.render import background

    keys = [f"sida-{n}" for n in range(background.BACKGROUND_FROM + 10)]

    def finish() -> None:
        raise OSError(28, "No space left on device", "site/pagefind/pagefind.js")

    contents = background.Contents(lambda key: key, keys, finish)
    try:
        for key in keys:
            contents.take(key)
        with pytest.raises(background.RenderError) as caught:
            contents.wait()
    finally:
        contents.close()
    assert isinstance(caught.value.cause, OSError) and caught.value.cause.errno == 28
    assert caught.value.cause.filename == "site/pagefind/pagefind.js"


def test_the_published_site_is_only_uploaded_from_a_build_that_succeeded() -> None:
    """A build that failed (or was cancelled) may have left output moved aside; only
    a successful one has made sure none is left (rapportarkiv/plan/output.py, no_leftovers)."""
    import yaml

    workflow = yaml.safe_load((Path(__file__).resolve().parent.parent / ".github/workflows/publish.yml").read_text())
    steps = workflow["jobs"]["bygg"]["steps"]
    built = next(i for i, step in enumerate(steps) if step.get("run") == "make build")
    uploads = [step for step in steps[built + 1:] if "upload" in step.get("uses", "")]
    assert uploads and all("if" not in step for step in uploads)


def test_the_history_of_a_working_tree_does_not_follow_a_link(published: GitRepo) -> None:
    rel = report_rel("2024-10-17 14:00", "vecka-42")
    published.remove(rel)
    (published.docs / rel).symlink_to("/dev/zero")  # not committed: an edit in the working tree
    script = (
        "from rapportarkiv import history\n"
        f"found = history.read_history({str(published.root)!r}, 'docs')\n"
        f"entry = found.reports[{rel!r}]\n"
        "print(entry.dirty, entry.working)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=False, **_limited())
    assert done.returncode == 0 and done.stdout == "True None\n", done.stderr
