"""Valid reports and series written into a temporary docs folder, for tests.

Tests describe only what they care about (a date, a type, a body word) and
get a report that passes the validator in every other respect.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
SERIES = "regional-rapport-millennium-2024"

SECTIONS = {
    "regular": ["Läget just nu", "Händelser och beslut", "Kommande"],
    "extra": ["Beskrivning av händelsen", "Kända omständigheter", "Verksamhetens kommentar"],
}


def series_data(series_id: str = SERIES, name: str = "Regional rapport Millennium 2024") -> dict[str, Any]:
    return {
        "id": series_id,
        "name": name,
        "time_zone": "Europe/Stockholm",
        "cadence": {"frequency": "weekly", "weekday": "thursday"},
        "owner": "Koncernstab kommunikation, Koncernkontoret",
        "commissioned_by": "Regional särskild organisation Millennium 2024",
        "distribution": "Politisk ledning och chefer.",
        "about": "Rapporten ger en regionövergripande lägesbild.",
        "sections": SECTIONS,
    }


def write_series(docs: Path, series_id: str = SERIES, **changes: Any) -> Path:
    data = series_data(series_id) | changes
    path = docs / "rapporter" / series_id / "serie.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def report_text(
    *,
    title: str,
    when: datetime,
    type: str = "regular",
    series: str = SERIES,
    description: str | None = None,
    body: dict[str, str] | None = None,
    **fields: Any,
) -> str:
    data: dict[str, Any] = {
        "title": title,
        "series": series,
        "type": type,
        "date": when.strftime("%Y-%m-%d %H:%M"),
        "description": description or f"Sammanfattning av {title}.",
    }
    if type == "extra":
        data["occasion"] = fields.pop("occasion", "en händelse i regionen")
    data |= fields
    sections = body or {}
    prose = "\n".join(
        f"## {name}\n\n{sections.get(name, f'Text om {name.lower()} i rapporten {title}.')}\n"
        for name in SECTIONS[type]
    )
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{prose}"


def write_report(docs: Path, slug: str, *, when: datetime, series: str = SERIES, **kwargs: Any) -> Path:
    day = when.strftime("%Y-%m-%d")
    path = docs / "rapporter" / series / day[:4] / f"{day}-{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report_text(when=when, series=series, **kwargs), encoding="utf-8")
    return path


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
        config = shutil.copy(REPO / config_file, config.parent / config_file)
    site = docs.parent / "site"
    commit_if_untracked(docs)
    mkdocs = ["-m", "mkdocs"]
    if prelude:
        mkdocs = ["-c", f"{prelude}\nimport sys\nfrom mkdocs.__main__ import cli\nsys.argv[0] = 'mkdocs'\ncli()"]
    result = subprocess.run(
        [sys.executable, *mkdocs, "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True, text=True, env={**_base_env(), **(env or {})},
    )
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


def commit_if_untracked(docs: Path) -> None:
    """A production build reads history from git: an archive written by a test
    outside any repository becomes one, with everything in a first commit."""
    if any((folder / ".git").exists() for folder in (docs, *docs.parents)):
        return
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main"]
    for args in (["init", "-q"], ["add", "-A", "docs"], ["commit", "-q", "-m", "Arkivet"]):
        subprocess.run([*git, *args], cwd=docs.parent, check=True, capture_output=True)


def _base_env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    for key in ("RAPPORTARKIV_AUDIENCE", "RAPPORTARKIV_NOW", "RAPPORTARKIV_PREVIEW"):
        env.pop(key, None)
    return env
