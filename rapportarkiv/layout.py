"""Where files live and which address each one gets.

File names are permanent addresses: ``rapporter/<serie>/<år>/<datum>-<namn>.md``
is published at ``rapporter/<serie>/<år>/<datum>-<namn>/``. Only ASCII letters,
digits and hyphens are used, so the addresses survive every mail client,
intranet and copy-and-paste.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

REPORTS_DIR = "rapporter"
SERIES_FILE = "serie.yml"

# MkDocs publishes files with any of these suffixes as pages. A report is
# named .md, but all of them are checked, so that none is published unchecked.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REPORT_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>.+)\.md$")


def slugify(text: str, max_length: int = 60) -> str:
    """ASCII slug: 'Sjuhärads kommuner' -> 'sjuharads-kommuner'."""
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("æ", "ae").replace("ø", "o"))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


@dataclass(frozen=True)
class ReportPath:
    """What a report's path says: its series folder, year folder, date and slug."""

    path: PurePosixPath
    series: str | None
    year: str | None
    file_date: str | None
    slug: str | None

    @property
    def url(self) -> str:
        return str(self.path.with_suffix("")) + "/"


# Paths here are POSIX strings below the docs folder. They are taken apart with
# string operations: these questions are asked of every file and link on
# every run, and PurePosixPath costs far more.

def is_report(path: str) -> bool:
    parts = path.split("/")
    return len(parts) >= 2 and parts[0] == REPORTS_DIR and path.endswith(".md")


def is_series(path: str) -> bool:
    parts = path.split("/")
    return len(parts) == 3 and parts[0] == REPORTS_DIR and parts[2] == SERIES_FILE


def report_path(path: str) -> ReportPath:
    parts = path.split("/")
    series = parts[1] if len(parts) == 4 else None
    year = parts[2] if len(parts) == 4 else None
    match = REPORT_NAME.match(parts[-1])
    return ReportPath(
        PurePosixPath(path), series, year, match["date"] if match else None, match["slug"] if match else None
    )


def report_url(path: str) -> str:
    """A report's address: its path without the suffix, as a folder."""
    return path.rsplit(".", 1)[0] + "/"


def page_url(path: str) -> str:
    """The address MkDocs gives a Markdown file: ``a/b.md`` → ``a/b/``, ``a/index.md`` → ``a/``.

    Different files can get the same address (``x.md``, ``x.markdown`` and
    ``x/index.md``); the build would silently publish only one of them.
    """
    folder, _, stem = path.rpartition("/")
    for suffix in MARKDOWN_SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    if stem in ("index", "README"):
        return f"{folder}/" if folder else "./"
    return f"{folder}/{stem}/" if folder else f"{stem}/"


def expected_report_path(series: str, local_date: str, slug: str) -> str:
    return f"{REPORTS_DIR}/{series}/{local_date[:4]}/{local_date}-{slug}.md"


def series_path(series: str) -> str:
    return f"{REPORTS_DIR}/{series}/{SERIES_FILE}"
