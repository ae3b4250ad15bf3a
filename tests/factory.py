"""Test reports, series and git repositories: the one factory every test uses.

Tests describe only what they care about (a date, a type, a body word, a tag)
and get a report that passes the validator in every other respect, in the
layout of the seed report. Two shapes of one text: :func:`report_text` writes
the keys every report needs and those the test names; :func:`seed_report` adds
what the seed report carries (tags, a spokesperson, a planned communication,
prose long enough to compare versions of). Repositories are real git repositories with one identity
and fixed dates (:func:`git`, :class:`GitRepo`), so shas and dates are the same
on every run and every machine. A preview server (:class:`PreviewServer`) runs
``mkdocs serve`` on an archive as ``./dev serve`` does.
"""

from __future__ import annotations

import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
SERIES = "regional-rapport-millennium-2024"
SERIES_REL = f"rapporter/{SERIES}/serie.yml"
SEED = f"rapporter/{SERIES}/2024/2024-10-11-sjuharad-begar-senare-anslutning.md"  # the sample archive's report
STOCKHOLM_SUMMER = timezone(timedelta(hours=2))

# Who commits in a test repository, and when unless a test says otherwise.
GIT_NAME, GIT_EMAIL = "Redaktör Test", "redaktor@example.org"


def series_data(series_id: str = SERIES, name: str | None = None) -> dict[str, Any]:
    """The sample series' definition (docs/rapporter/<series>/serie.yml), under another id or name if given."""
    data: dict[str, Any] = yaml.safe_load((REPO / "docs" / SERIES_REL).read_text(encoding="utf-8"))
    return data | {"id": series_id} | ({"name": name} if name is not None else {})


SECTIONS: dict[str, list[str]] = series_data()["sections"]


def write_series(docs: Path, series_id: str = SERIES, **changes: Any) -> Path:
    data = series_data(series_id) | changes
    path = docs / "rapporter" / series_id / "serie.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def report_rel(when: str | datetime, slug: str, series: str = SERIES) -> str:
    """Path below docs/ of a report of ``series`` compiled at ``when`` ('2024-10-17 14:00')."""
    day = _moment(when)[:10]
    return f"rapporter/{series}/{day[:4]}/{day}-{slug}.md"


def report_text(
    title: str,
    when: str | datetime = "2024-10-17 14:00",
    *,
    type: str = "regular",
    series: str = SERIES,
    description: str | None = None,
    body: Mapping[str, str] | None = None,
    sections: Mapping[str, str] | None = None,
    **fields: Any,
) -> str:
    """A valid report with only the keys a report needs, and ``fields`` after them.

    ``body`` gives the text of some sections (by heading); the others get a
    sentence naming the section and the title. ``sections`` is instead the
    whole prose, heading by heading, as it is (missing sections, another order)."""
    data: dict[str, Any] = {"title": title, "series": series, "type": type}
    if type == "extra":
        data["occasion"] = fields.pop("occasion", "en händelse i regionen")
    data["date"] = _moment(when)
    data["description"] = description or f"Sammanfattning av {title}."
    data |= fields
    if sections is None:
        sections = {name: f"Text om {name.lower()} i rapporten {title}." for name in SECTIONS[type]} | dict(body or {})
    front = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=math.inf)
    return f"---\n{front}---\n" + "".join(f"\n## {name}\n\n{prose}\n" for name, prose in sections.items())


def seed_report(
    title: str,
    when: str | datetime = "2024-10-17 14:00",
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
    **fields: Any,
) -> str:
    """A report shaped like the seed report: its tags, spokesperson and planned
    communication, and a sentence of prose in every section (``body`` replaces
    them all, as :func:`report_text`'s ``sections``). ``revisions`` are (date, note) pairs, ``withdrawn`` (date, reason)."""
    day = _moment(when)[:10]
    seed: dict[str, Any] = {}
    if type == "extra":
        seed["occasion"] = "ett beslut i regionstyrelsen"
    seed |= {
        "tags": list(tags),
        "spokespersons": [{"name": "Karin Looström Muth", "role": "hälso- och sjukvårdsutvecklingsdirektör",
                           "organisation": "VGR"}],
        "communication": [{"audience": "internal", "date": day, "status": "planned", "channel": channel,
                           "text": "Nyhetstext på Insidan"}],
        "classification": classification,
    }
    if draft is not None:
        seed["draft"] = draft
    if notes := [{"date": date, "note": note} for date, note in revisions]:
        seed["revisions"] = notes
    if withdrawn:
        seed["withdrawn"] = {"date": withdrawn[0], "reason": withdrawn[1]}
    prose = body or {
        name: f"Under veckan har arbetet med {name.lower()} fortsatt enligt plan i regionens förvaltningar."
        for name in SECTIONS[type]
    }
    return report_text(
        title, when, type=type,
        description=description or "Läget i införandet av Millennium för regionens verksamheter och kommunerna.",
        sections=prose, **(seed | fields),
    )


def _moment(when: str | datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M") if isinstance(when, datetime) else when


class _Dumper(yaml.SafeDumper):
    """Front matter as authors write it: lists indented under their key, and
    dates and times unquoted (the archive reads no YAML timestamps: they stay text)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def write_report(docs: Path, slug: str, *, when: datetime, series: str = SERIES, **kwargs: Any) -> Path:
    """A :func:`report_text` report written where the archive keeps it."""
    path = docs / report_rel(when, slug, series)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report_text(when=when, series=series, **kwargs), encoding="utf-8")
    return path


def git(cwd: Path, *args: str, when: datetime | None = None) -> str:
    """Run git in ``cwd`` as the tests' one committer, at ``when`` (default: a fixed date),
    untouched by the machine's git configuration; its output, or an AssertionError."""
    moment = (when or datetime(2024, 10, 11, 16, 0, tzinfo=STOCKHOLM_SUMMER)).isoformat()
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": GIT_NAME, "GIT_AUTHOR_EMAIL": GIT_EMAIL,
        "GIT_COMMITTER_NAME": GIT_NAME, "GIT_COMMITTER_EMAIL": GIT_EMAIL,
        "GIT_AUTHOR_DATE": moment, "GIT_COMMITTER_DATE": moment,
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout.strip()


def copy_site_pages(docs: Path) -> None:
    """The site's own pages (guide, about, accessibility, assets) into ``docs``."""
    for name in ("assets", "guide"):
        shutil.copytree(REPO / "docs" / name, docs / name)
    for page in (REPO / "docs").glob("*.md"):
        shutil.copy(page, docs / page.name)


def new_docs(root: Path) -> Path:
    """An empty archive with the site's own pages and one series."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    copy_site_pages(docs)
    write_series(docs)
    return docs


def mkdocs_config(
    docs: Path, site_url: str = "https://rapporter.example.se/arkiv/", *,
    environment: tuple[str, ...] = (), **extra: Any,
) -> Path:
    """A copy of the repository's mkdocs.yml pointing at ``docs``, with absolute paths.

    Its ``!ENV`` settings are fixed to their defaults, so that a developer's
    environment does not change a test's build, except the ``extra`` keys named
    in ``environment``, which the build reads from its environment as CI does."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.load(text, Loader=_EnvLoader)  # noqa: S506 - a SafeLoader
    config["docs_dir"] = str(docs)
    config["site_url"] = site_url
    config["hooks"] = [str(REPO / h) for h in config["hooks"]]
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    config["extra"] = {
        key: value.default if isinstance(value, _Env) and key not in environment else value
        for key, value in {**config.get("extra", {}), **extra}.items()
    }
    path = docs.parent / "mkdocs.yml"
    path.write_text(yaml.dump(config, Dumper=_EnvDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class _Env(list):
    """An ``!ENV`` setting of mkdocs.yml: the variables to read, then the default."""

    @property
    def default(self) -> Any:
        return self[-1] if len(self) > 1 else None


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's !ENV tags as :class:`_Env`."""


class _EnvDumper(yaml.SafeDumper):
    """Writes an :class:`_Env` back as the !ENV tag it was."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> _Env:
    if isinstance(node, yaml.SequenceNode):
        return _Env(loader.construct_sequence(node))
    return _Env([loader.construct_scalar(node)])  # type: ignore[arg-type]


_EnvLoader.add_constructor("!ENV", _env_tag)
_EnvDumper.add_representer(_Env, lambda dumper, value: dumper.represent_sequence("!ENV", list(value), flow_style=True))


def build(
    docs: Path, *, check: bool = True, env: dict[str, str] | None = None, config_file: str | None = None,
    prelude: str = "", environment: tuple[str, ...] = (), **extra: Any,
) -> subprocess.CompletedProcess:
    """Build the site for ``docs`` into ``docs/../site`` with MkDocs, as CI does.

    ``config_file`` names another of the repository's configurations (say
    ``mkdocs.public.yml``): copied beside the generated mkdocs.yml, which it
    inherits, it is the one built. ``environment`` names the settings read
    from ``env`` (see mkdocs_config). ``prelude`` is Python run in the build's
    process before MkDocs starts: a test that switches off a check, to see what
    the renderer makes of input the validator would refuse."""
    config = mkdocs_config(docs, environment=environment, **extra)
    if config_file is not None:
        config = Path(shutil.copy(REPO / config_file, config.parent / config_file))
    site = docs.parent / "site"
    commit_if_untracked(docs)
    mkdocs = ["-m", "mkdocs"]
    if prelude:
        mkdocs = ["-c", f"{prelude}\nimport sys\nfrom mkdocs.__main__ import cli\nsys.argv[0] = 'mkdocs'\ncli()"]
    result = subprocess.run(
        [sys.executable, *mkdocs, "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True, text=True, env={**base_env(), **(env or {})},
    )
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


class PreviewServer:
    """``mkdocs serve --dirty`` (what ``./dev serve`` runs) on a free port of 127.0.0.1,
    run from the archive's parent folder as an author runs it from the repository.
    Everything it prints is collected in :attr:`lines` as it comes."""

    def __init__(self, docs: Path, *, prelude: str = "", env: dict[str, str] | None = None, **extra: Any) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port: int = sock.getsockname()[1]
        config = mkdocs_config(docs, site_url=self.url(), **extra)
        mkdocs = ["-m", "mkdocs"]
        if prelude:
            mkdocs = ["-c", f"{prelude}\nimport sys\nfrom mkdocs.__main__ import cli\nsys.argv[0] = 'mkdocs'\ncli()"]
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, *mkdocs, "serve", "--dirty", "-f", str(config), "-a", self.netloc],
            cwd=docs.parent, env={**base_env(), **(env or {})}, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
        )
        self._reader = threading.Thread(target=self._collect, daemon=True)
        self._reader.start()

    def _collect(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def netloc(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, path: str = "") -> str:
        return f"http://{self.netloc}/{path.lstrip('/')}"

    def output(self) -> str:
        return "\n".join(self.lines)

    def get(self, path: str = "") -> tuple[int, str]:
        """The status and text of ``path``, as served now (404 and 500 included)."""
        try:
            with urllib.request.urlopen(self.url(path), timeout=30) as response:  # noqa: S310 - our own local server
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8", errors="replace")

    def wait_for(self, path: str, text: str, seconds: float = 90) -> str:
        """The page at ``path`` once it holds ``text``; an AssertionError with the
        server's output when it never does, or when the server exits."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                body = self.get(path)[1]
                if text in body:
                    return body
            except OSError:
                pass  # not listening yet
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared at {path!r}; the server said:\n{self.output()}")

    def stop(self) -> str:
        """Stop the server as Ctrl+C does; everything it printed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(10)
        return self.output()

    def __enter__(self) -> PreviewServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def commit_if_untracked(docs: Path) -> None:
    """A production build reads history from git: an archive written by a test
    outside any repository becomes one, with everything in a first commit."""
    if any((folder / ".git").exists() for folder in (docs, *docs.parents)):
        return
    for args in (["init", "-q", "-b", "main"], ["add", "-A", "docs"], ["commit", "-q", "-m", "Arkivet"]):
        git(docs.parent, *args)


def base_env() -> dict[str, str]:
    """The environment of a build: the settings a developer may have exported are unset."""
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    for key in ("RAPPORTARKIV_AUDIENCE", "RAPPORTARKIV_NOW", "RAPPORTARKIV_PREVIEW"):
        env.pop(key, None)
    return env


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
        return git(self.root, *args, when=self.clock)

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


# --- Email: a series that mails, and a real SMTP server on localhost ---------------

def mail_settings(**changes: Any) -> dict[str, Any]:
    """A series' ``mail`` block: one internal list and one public list."""
    return {
        "sender": {"name": "Koncernstab kommunikation", "address": "rapporter@region.example"},
        "reply_to": "kommunikation@region.example",
        "lists": [
            {"name": "ledning", "audience": "internal", "recipients": ["ledning@region.example", "chefer@region.example"]},
            {"name": "press", "audience": "public", "recipients": ["press@media.example"]},
        ],
    } | changes


def clone_of(origin: GitRepo, path: Path) -> GitRepo:
    """A checkout as actions/checkout makes it with fetch-depth: 0 (every branch and tag)."""
    git(path.parent, "clone", "-q", str(origin.root), str(path))
    clone = GitRepo.__new__(GitRepo)
    clone.root, clone.docs, clone.clock = path, path / "docs", origin.clock
    return clone


class SmtpServer:
    """aiosmtpd on localhost with STARTTLS (a self-signed certificate made here, by
    openssl) and AUTH required; keeps every message it accepted. ``answer`` set to
    an SMTP reply ("451 4.3.0 Försök senare") makes it refuse the next DATA with it;
    ``drop`` makes it keep the message and cut the connection before answering.

    ``env`` is what ``rapportarkiv mail send`` needs to reach it."""

    USER, PASSWORD = "rapportarkiv", "hemligt-losen-42"

    def __init__(self, folder: Path) -> None:
        import ssl

        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        folder.mkdir(parents=True, exist_ok=True)
        self.cert, key = folder / "cert.pem", folder / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(key), "-out", str(self.cert)],
            check=True, capture_output=True,
        )
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, key)
        self.received: list[tuple[list[str], bytes]] = []
        self.answer: str | None = None
        self.drop = False
        server = self

        class Handler:
            async def handle_DATA(self, smtp: Any, session: Any, envelope: Any) -> str:
                if server.answer is not None:
                    return server.answer
                server.received.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
                if server.drop:  # the message is taken, and the line goes dead before the answer
                    smtp.transport.abort()
                return "250 2.0.0 Mottaget"

        def authenticate(smtp: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
            login = getattr(data, "login", b"") or b""
            password = getattr(data, "password", b"") or b""
            ok = login.decode() == self.USER and password.decode() == self.PASSWORD
            return AuthResult(success=ok, handled=False)

        with socket.socket() as probe:  # a free port; aiosmtpd checks its own start by connecting to it
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(
            Handler(), hostname="127.0.0.1", port=self.port, tls_context=context, require_starttls=True,
            auth_required=True, authenticator=authenticate,
        )
        self.controller.start()

    def env(self, **changes: str) -> dict[str, str]:
        return {
            "RAPPORTARKIV_SMTP_HOST": "localhost", "RAPPORTARKIV_SMTP_PORT": str(self.port),
            "RAPPORTARKIV_SMTP_USER": self.USER, "RAPPORTARKIV_SMTP_PASSWORD": self.PASSWORD,
            "RAPPORTARKIV_SMTP_CA_FILE": str(self.cert),
        } | changes

    def stop(self) -> None:
        self.controller.stop()
