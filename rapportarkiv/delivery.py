"""A delivery to the registrar: what was published since a git reference, as records.

``rapportarkiv arkiv export --since REF DIR`` writes each version published
since ``REF`` (a version whose commit ``REF`` does not contain) as its
archival copy (PDF/A, the same bytes the site publishes, see
``render.archival``) and its Markdown source as it was committed, with a
manifest in JSON and CSV: identifiers, dates, classification, series, version,
correction notes, and the SHA-256 of each file, so the registrar can check
that nothing changed on the way.

What is published is decided by the archive's options as for the build
(``settings.options``, the same environment variables): the delivery never
holds a version the site did not publish. The publishing workflow keeps one
delivery per deploy (``--since publicerad``, the tag of the last deploy).

A delivery is written whole or not at all: into a new folder beside ``DIR``,
renamed into place when complete; an interrupted export leaves no half
delivery, only a hidden folder that the next run removes. The same archive
and reference give the same bytes, so a rerun changes nothing.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typing import TYPE_CHECKING

from . import formats
from .catalogue import ARCHIVAL, CLI
from .git import Git, GitError
from .settings import OptionsError, read_pdf_variant

if TYPE_CHECKING:
    from . import site as core
    from .render.archival import Copy

MANIFEST_JSON = "forteckning.json"
MANIFEST_CSV = "forteckning.csv"
_PARTIAL = ".leverans-"
# The manifest's columns, in order, by their JSON key; the CSV's headings are the catalogue's.
COLUMNS = ("id", "report", "version", "title", "series", "series_name", "type", "compiled", "published",
           "classification", "correction", "commit", "address", "conformance", "pdf", "pdf_sha256",
           "source", "source_sha256")


class DeliveryError(RuntimeError):
    """The delivery cannot be made; the message says why, in Swedish."""


@dataclass(frozen=True)
class Record:
    """One version in the delivery: its manifest row and its two files."""

    row: dict[str, Any]
    pdf: bytes
    source: bytes


def records(site: core.Site, since: str) -> list[Record]:
    """Every version ``site`` publishes whose commit ``since`` does not contain ("" : all)."""
    from .render import archival

    history = site.history
    if history is None or not history.available:
        raise DeliveryError(ARCHIVAL["export.no_history"].format(reason=history.reason if history else "-"))
    from . import site as core  # the site build, from the [site] extra: imported when a delivery is made

    found = core.repository_of(site.collection.docs)
    assert found is not None, "a history was read, so there is a repository"
    git = Git(found[0])
    contained: set[str] = set()
    if since:
        try:
            commit = git.output(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{since}^{{commit}}"])
            contained = set(git.output(["rev-list", commit.decode().strip()]).decode().split())
        except GitError as err:
            raise DeliveryError(ARCHIVAL["export.bad_ref"].format(ref=since)) from err
    out = []
    for report in site.archive.reports:
        views = site.versions.get(report.path)
        for view in views.items if views is not None else ():
            copy = site.archived.get(archival.url_for(views, view.number) or "")
            if copy is None or view.commit in contained:
                continue
            pdf = site.copies.get(copy)
            out.append(Record(_row(copy, view.commit, pdf, view.raw), pdf, view.raw))
    return sorted(out, key=lambda r: (r.row["published"], r.row["id"]))


def _row(copy: Copy, commit: str, pdf: bytes, source: bytes) -> dict[str, Any]:
    report, base = copy.report, copy.url.removesuffix(".pdf")
    return {
        "id": f"{copy.series.id}/{base.rsplit('/', 1)[-1]}", "report": copy.address, "version": copy.number,
        "title": report.title, "series": copy.series.id, "series_name": copy.series.name, "type": report.type,
        "compiled": report.date.isoformat(), "published": copy.published.isoformat(),
        "classification": report.classification, "correction": " | ".join(copy.notes), "commit": commit,
        "address": copy.address, "conformance": copy.variant,
        "pdf": f"{base}.pdf", "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
        "source": f"{base}.md", "source_sha256": hashlib.sha256(source).hexdigest(),
    }


def manifest_json(rows: list[dict[str, Any]], since: str) -> bytes:
    return (json.dumps({"since": since, "versions": rows}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def manifest_csv(rows: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte order mark (so that a spreadsheet reads å, ä and ö), comma-separated.
    A cell that a spreadsheet would take for a formula (=, +, -, @) starts with an
    apostrophe: a title is data, never a command. The JSON keeps every value as it is."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(ARCHIVAL[f"column.{key}"] for key in COLUMNS)
    for row in rows:
        writer.writerow(_cell(row[key]) for key in COLUMNS)
    return text.getvalue().encode("utf-8-sig")


def _cell(value: object) -> str:
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write(out: Path, found: list[Record], since: str) -> None:
    """The delivery into ``out``, whole or not at all (see the module)."""
    if out.is_symlink() or (out.exists() and not _ours(out)):
        raise DeliveryError(ARCHIVAL["export.not_ours"].format(path=out))
    parent = out.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    for left in parent.glob(f"{_PARTIAL}{out.name}.*"):  # an earlier run's, interrupted
        shutil.rmtree(left, ignore_errors=True)
    partial = Path(tempfile.mkdtemp(prefix=f"{_PARTIAL}{out.name}.", dir=parent))
    try:
        for record in found:
            for name, data in ((record.row["pdf"], record.pdf), (record.row["source"], record.source)):
                target = partial / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        rows = [record.row for record in found]
        (partial / MANIFEST_CSV).write_bytes(manifest_csv(rows))
        (partial / MANIFEST_JSON).write_bytes(manifest_json(rows, since))
        old = None
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f"{_PARTIAL}{out.name}.", dir=parent))
            os.replace(out, old / "previous")
        os.replace(partial, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def _ours(folder: Path) -> bool:
    """An earlier delivery (its manifest is there) or an empty folder may be replaced."""
    return folder.is_dir() and ((folder / MANIFEST_JSON).is_file() or not any(folder.iterdir()))


# --- The command --------------------------------------------------------------------
def _export(args: argparse.Namespace) -> int:
    # The site build needs the [site] extra: imported here, so that the light
    # install's commands (which list this one) start without it.
    from . import site as core
    from . import summary
    from .render import archival

    docs, out = Path(args.docs), Path(args.dir)
    if not docs.is_dir():
        print(CLI["no_docs"].format(docs=docs), file=sys.stderr)
        return 2
    env = os.environ
    try:
        options = core.options(audience=env.get("RAPPORTARKIV_AUDIENCE"), now=env.get("RAPPORTARKIV_NOW"))
        variant = read_pdf_variant(env.get("RAPPORTARKIV_PDF_VARIANT"))
        site_url = args.site_url or summary.site_url_from(docs.absolute().parent / "mkdocs.yml") or ""
        site = core.build(docs, options, site_url, pdf_variant=variant, archival_copies=True)
        if site.collection.errors:
            sys.stdout.write(formats.text(site.collection.problems))
            summary_line = formats.summary_line(site.collection.problems, site.collection.files_checked)
            print(CLI["build_failed"].format(summary=summary_line), file=sys.stderr)
            return 1
        found = records(site, args.since)
        write(out, found, args.since)
    except (OptionsError, core.HistoryError, DeliveryError, archival.CopyError) as err:
        print(str(err), file=sys.stderr)
        return 2
    if found:
        reports = len({record.row["report"] for record in found})
        print(ARCHIVAL["export.done"].format(versions=len(found), reports=reports, path=out))
    else:
        print(ARCHIVAL["export.none"].format(ref=args.since, path=out))
    return 0


def add_parsers(commands: Any) -> None:
    """Register ``arkiv export`` on the CLI's subparsers."""
    arkiv = commands.add_parser("arkiv", help=ARCHIVAL["export.help"])
    actions = arkiv.add_subparsers(dest="arkiv_command", required=True, metavar=ARCHIVAL["export.metavar"])
    export = actions.add_parser("export", help=ARCHIVAL["export.export"])
    export.add_argument("--since", required=True, metavar="REF", help=ARCHIVAL["export.since"])
    export.add_argument("dir", metavar="DIR", help=ARCHIVAL["export.dir"])
    export.add_argument("--docs", default="docs", help=ARCHIVAL["export.docs"])
    export.add_argument("--site-url", help=ARCHIVAL["export.site_url"])
    export.set_defaults(run=_export)
