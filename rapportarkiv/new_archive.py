"""``rapportarkiv init DIR``: a new organisation's archive repository, ready to use.

An organisation adopts the product by making its own repository of reports,
not by forking this one: the site build, its templates and the author guide's
reference pages come with the package, so the new repository holds only what
is its own (mkdocs.yml, a one-line hook, its series, its pages, its
workflows) and an upgrade is the one line of ``requirements.txt``.

The repository is written into a hidden folder beside DIR and renamed into
place at the end, so a failure (full disk, Ctrl-C, a bad answer found late)
leaves nothing half-written; a DIR that holds anything is refused, never
merged into. Every answer is checked before a file is written, and each one
reaches its file through a filter for that file's syntax (YAML, Markdown).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2

from . import __version__, codeowners, collection, faults, formats, layout, swedish_dates
from .catalogue import INIT

# The workflows' actions, pinned by full commit SHA (the release tag in the comment);
# this repository's own workflows use the same (tests/test_workflows.py checks both).
ACTIONS = {
    "checkout": "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
    "setup_python": "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0",
    "upload_artifact": "actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f # v7.0.0",
    "configure_pages": "actions/configure-pages@983d7736d9b0ae728b81ab479565c72886d7745b # v5.0.0",
    "upload_pages_artifact": "actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0",
    "deploy_pages": "actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0",
}

# template → where it goes in the new repository.
TEMPLATES = {
    "mkdocs.yml.j2": "mkdocs.yml",
    "requirements.txt.j2": "requirements.txt",
    "gitignore.j2": ".gitignore",
    "README.md.j2": "README.md",
    "pre-commit-config.yaml.j2": ".pre-commit-config.yaml",
    "dependabot.yml.j2": ".github/dependabot.yml",
    "pr.yml.j2": ".github/workflows/pr.yml",
    "publish.yml.j2": ".github/workflows/publish.yml",
    "om.md.j2": "docs/om.md",
    "tillganglighet.md.j2": "docs/tillganglighet.md",
}
# Copied as they are, from the files this repository's own archive uses.
COPIED = ("hooks/rapportarkiv_site.py", ".github/pull_request_template.md", "docs/guide")
# What a new archive holds besides its reports, for CODEOWNERS: its maintainers review these.
CODE_PATHS = ("/.github/", "/hooks/", "/mkdocs.yml", "/requirements.txt", "/.pre-commit-config.yaml",
              "/.gitignore", "/README.md")
SHORTCOMINGS = ("shortcoming.search", "shortcoming.filter", "shortcoming.diff")

_REVIEWER = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:/[A-Za-z0-9_.-]+)?$")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class InitError(Exception):
    """An answer or a folder that the new archive cannot be made from, worded for the operator."""


@dataclass(frozen=True)
class Answers:
    organisation: str
    series_name: str
    reviewers: tuple[str, ...]
    contact_name: str
    contact_email: str
    site_url: str


def packaged(relative: str) -> Path:
    """A file the package ships for new archives: in the wheel under ``_archive``,
    in a checkout the repository's own file (one source for both)."""
    inside = Path(__file__).parent / "_archive" / relative
    return inside if inside.exists() else Path(__file__).resolve().parent.parent / relative


def _text(option: str, value: str) -> str:
    value = value.strip()
    if not value or _CONTROL.search(value):
        raise InitError(INIT["bad_text"].format(option=option, value=value))
    if any(c in value for c in '<>"'):
        # The validator refuses HTML in a series' text (RA304), and Material writes the
        # site's name into attributes as it is (aria-label="…"): plain text without quotes.
        raise InitError(INIT["html"].format(option=option, value=value))
    return value


def check(raw: dict[str, object]) -> Answers:
    """The answers, each checked; the first bad one is an :class:`InitError`."""
    reviewers = tuple(str(r).strip() for r in raw["reviewers"] or () if str(r).strip())  # type: ignore[attr-defined]
    for reviewer in reviewers or ("",):
        if not _REVIEWER.match(reviewer):
            raise InitError(INIT["bad_reviewer"].format(value=reviewer))
    email = str(raw["contact_email"]).strip()
    if not _EMAIL.match(email):
        raise InitError(INIT["bad_email"].format(value=email))
    url = str(raw["site_url"]).strip()
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or _CONTROL.search(url) or " " in url:
        raise InitError(INIT["bad_url"].format(value=url))
    return Answers(
        organisation=_text("--organisation", str(raw["organisation"])),
        series_name=_text("--series-name", str(raw["series_name"])),
        reviewers=reviewers,
        contact_name=_text("--contact-name", str(raw["contact_name"])),
        contact_email=email,
        site_url=url if url.endswith("/") else url + "/",
    )


def _markdown_text(value: str) -> str:
    """Plain text inside Markdown: no markup, no HTML, no link of its own."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~&])", r"\\\1", html.unescape(value)) if value else value


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("rapportarkiv", "templates/new_archive"),
        autoescape=False,  # YAML and Markdown files: each value goes through its own filter
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    # A JSON string is a YAML scalar that means exactly the text, whatever it holds.
    env.filters["yaml"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    env.filters["md"] = _markdown_text
    env.filters["urlencode"] = lambda value: quote(str(value), safe="@.")
    return env


def files(answers: Answers, today: date) -> dict[str, str]:
    """Every written file of the new archive: its path and text."""
    series_id = layout.slugify(answers.series_name) or "rapporter"
    values = {
        **answers.__dict__,
        "series_id": series_id,
        "site_name": INIT["site_name"].format(organisation=answers.organisation),
        "version": __version__,
        "actions": ACTIONS,
        "today": swedish_dates.day_month_year(today),
        "shortcomings": [INIT[key] for key in SHORTCOMINGS],
    }
    env = _environment()
    written = {target: env.get_template(name).render(values) for name, target in TEMPLATES.items()}
    series_file = f"docs/{layout.REPORTS_DIR}/{series_id}/{layout.SERIES_FILE}"
    written[series_file] = env.get_template("serie.yml.j2").render(values)
    return written


def _codeowners(root: Path, answers: Answers) -> str:
    """CODEOWNERS of the new archive, once its series definition passes the validator
    (an answer it would refuse, say HTML as an entity, is refused here, in its words)."""
    series_file = next((root / "docs" / layout.REPORTS_DIR).glob(f"*/{layout.SERIES_FILE}"))
    rel = series_file.relative_to(root / "docs").as_posix()
    series, problems = collection.load_series(series_file.read_bytes(), f"docs/{rel}", rel)
    if series is None or any(p.is_error for p in problems):
        raise InitError(formats.text([p for p in problems if p.is_error]).rstrip())
    comments = {key: INIT[f"codeowners.{key}"] for key in codeowners.COMMENTS}
    return codeowners.generate([series], answers.reviewers, code_paths=CODE_PATHS, comments=comments)


def _refuse_if_used(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(INIT["not_empty"].format(path=target))


def create(target: Path, answers: Answers, today: date) -> None:
    """Writes the archive into ``target``, which must not exist or be empty: all or nothing."""
    _refuse_if_used(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for relative, text in files(answers, today).items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for relative in COPIED:
            source, path = packaged(relative), staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, path, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copyfile(source, path)
        (staging / codeowners.TARGET).write_text(_codeowners(staging, answers), encoding="utf-8")
        staging.chmod(0o755)
        # rename() replaces an empty directory and nothing else: what another process
        # put into target meanwhile is never overwritten.
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


_OPTIONS = ("organisation", "series_name", "reviewers", "contact_name", "contact_email", "site_url")


def _ask(args: argparse.Namespace, read: Callable[[str], str]) -> dict[str, object]:
    raw: dict[str, object] = {}
    for name in _OPTIONS:
        value = getattr(args, name)
        if value in (None, []):
            if not sys.stdin.isatty():
                raise InitError(INIT["missing"].format(option="--" + name.replace("_", "-")))
            value = read(f"{INIT['ask.' + name]}: ")
            if name == "reviewers":
                value = value.split()
        raw[name] = value
    return raw


def run(args: argparse.Namespace) -> int:
    try:
        _refuse_if_used(Path(args.dir))  # before any question
        create(Path(args.dir), check(_ask(args, input)), date.today())
    except InitError as err:
        print(str(err), file=sys.stderr)
        return 2
    except EOFError:
        return 130
    except OSError as err:
        print(INIT["failed"].format(path=faults.os_path(err, args.dir), reason=faults.os_reason(err)), file=sys.stderr)
        return 2
    print(INIT["created"].format(path=args.dir))
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser("init", help=INIT["help"])
    init.add_argument("dir", metavar="MAPP", help=INIT["dir"])
    name, email, url = INIT["metavar.name"], INIT["metavar.email"], INIT["metavar.url"]
    init.add_argument("--organisation", metavar=name, help=INIT["organisation"])
    init.add_argument("--series-name", metavar=name, help=INIT["series_name"])
    init.add_argument("--reviewer", dest="reviewers", action="append", default=[], metavar=INIT["metavar.reviewer"],
                      help=INIT["reviewers"])
    init.add_argument("--contact-name", metavar=name, help=INIT["contact_name"])
    init.add_argument("--contact-email", metavar=email, help=INIT["contact_email"])
    init.add_argument("--site-url", metavar=url, help=INIT["site_url"])
    init.set_defaults(run=run)
