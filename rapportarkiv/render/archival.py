"""Archival copies: each published version of a report as a PDF/A file, for the record.

A sent report is a public record, kept under the archive law in a format the
archive authority accepts: for documents, PDF/A. Each version a build
publishes gets a copy made from the same model and the same rendered prose as
its page (``markdown.prose``, links to other reports made absolute below the
site's address as in the feeds, the page's labels from the catalogue), laid out
for A4 by ``templates/archival.html`` and its print stylesheet, and turned into
PDF/A-2a (tagged, so accessible too) by WeasyPrint; another level is one
setting away (``settings.read_pdf_variant``).

WeasyPrint fetches nothing. The document carries its stylesheet, the fonts are
the system's (Debian's fonts-dejavu-core, found through fontconfig and
embedded), and every URL it would load (an image in a report's text, a
``url()``) goes to :class:`Refuser`, which refuses it and notes it: a copy
never depends on, nor reveals anything to, the network or the file system.

Rendering costs a tenth of a second or more per copy, so a copy is rendered
once for its inputs: :attr:`Copy.key` digests everything its bytes depend on
(the version's model, series, number, date, notes and address, the
conformance level, this code and its templates, the libraries), and
:class:`Copies` keeps the bytes under that key in ``.rapportarkiv-cache``.
A build after one new report renders one copy.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, cached_property
from importlib import metadata
from pathlib import Path
from typing import Any

from ..cache import CACHE_DIR, checked_payload
from ..catalogue import ARCHIVAL
from ..model import Report, Series
from ..report_links import Addresses
from ..settings import PdfVariant
from ..versions import Versions
from . import markdown, pages

MEDIA_TYPE = "application/pdf"
_FORMAT = b"rapportarkiv-pdf 1\n"
# What a copy's bytes depend on besides its inputs: this module, its template and
# stylesheet, how prose becomes HTML, how dates are written, the words.
_CODE = ("render/archival.py", "templates/archival.html", "templates/archival.css", "render/markdown.py",
         "report_links.py", "render/pages.py", "html_policy.py", "swedish_dates.py", "catalogue.py", "model.py")
_LIBRARIES = ("weasyprint", "pydyf", "fonttools", "tinycss2", "markdown", "nh3", "babel", "jinja2")


@dataclass(frozen=True)
class Copy:
    """One version's archival copy: what it shows and where the build writes it."""

    url: str  # below the site: beside the report's page
    report: Report  # the version's report, as it was published
    series: Series
    number: int
    published: datetime
    notes: tuple[str, ...]
    address: str  # the report's address on the site (absolute when the site's address is known)
    variant: PdfVariant
    # The build's reports by file, for links to them in the prose (see ``body``).
    addresses: Addresses = field(default_factory=lambda: Addresses({}), compare=False, repr=False)
    site_url: str = ""
    page_url: str = ""  # the report's page, which relative links would start from without a site address

    @cached_property
    def body(self) -> str:
        """The version's text as its page and the feeds show it (``markdown.prose``): a link
        to another report is that report's absolute address on the site, one that names
        nothing published is plain text."""
        return markdown.prose(self.report.body, self.report.path, self.addresses, self.page_url, self.site_url or None)

    @cached_property
    def about(self) -> str:
        return markdown.prose(self.series.about, self.series.path, self.addresses, self.page_url, self.site_url or None)

    @cached_property
    def key(self) -> str:
        # The prose as shown, links filled in: another report published or moved changes the copy.
        inputs = (self.url, self.report, self.body, self.about, self.series, self.number, self.published.isoformat(),
                  self.notes, self.address, self.variant)
        return hashlib.sha256(_code_digest() + repr(inputs).encode("utf-8", "surrogatepass")).hexdigest()


def copy_url(report_url: str, number: int) -> str:
    """Where version ``number`` of the report at ``report_url`` is published:
    ``…/2024-10-11-namn/2024-10-11-namn-version-2.pdf``, beside the report's page,
    for the current version and the older ones alike."""
    stem = report_url.rstrip("/").rsplit("/", 1)[-1]
    return f"{report_url}{stem}-version-{number}.pdf"


def url_for(versions: Versions | None, number: int | None) -> str | None:
    """The address of version ``number``'s copy (None: the current version), or None
    when it has none: a build without history, or an older version whose text no
    longer passes today's checks (its page shows it as written, not from the model)."""
    if versions is None or not versions.items:
        return None
    view = versions.current if number is None else next((v for v in versions.items if v.number == number), None)
    if view is None or view.report is None:
        return None
    return copy_url(versions.report_url, view.number)


def address(site_url: str, url: str) -> str:
    return f"{site_url.rstrip('/')}/{url}" if site_url else url


@cache
def _code_digest() -> bytes:
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for name in _CODE:
        digest.update(name.encode() + b"\0" + (package / name).read_bytes())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library} {metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} -".encode())
    return digest.digest()


# --- The document --------------------------------------------------------------
def document(copy: Copy) -> str:
    """The copy as HTML: the report's page, laid out for paper."""
    report, series = copy.report, copy.series
    keywords = [series.name, pages.t(f"type.{report.type}"), *report.tags]
    return pages._render(
        "archival.html", copy.url, report=report, series=series, number=copy.number, published=copy.published,
        notes=copy.notes, address=copy.address, address_is_link="://" in copy.address,
        body=copy.body, about=copy.about, cadence=pages.cadence(series),
        keywords=list(dict.fromkeys(keywords)), a=ARCHIVAL.__getitem__,
    )


class CopyError(RuntimeError):
    """A copy could not be made (WeasyPrint or Pango missing, or failing on a version):
    the build stops with this message, in Swedish, for the operator."""


class Refuser:
    """WeasyPrint's URL fetcher for a copy: refuses every URL, and notes which it was asked for.

    A report's text may name an image on another server or (past the
    validator) a ``url()`` of a local file; none is loaded or embedded."""

    _fail_on_errors = False  # WeasyPrint asks; a refused image becomes its alt text

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, url: str) -> Any:
        self.asked.append(url)
        raise ValueError("an archival copy loads nothing")


def pdf(html: str, variant: PdfVariant, base_url: str | None = None, fetcher: Refuser | None = None) -> bytes:
    """``html`` as a PDF of the given PDF/A level, every font embedded, loading nothing."""
    # Imported here: WeasyPrint loads Pango when imported, and only a build that makes copies pays.
    try:
        import weasyprint
    except (ImportError, OSError) as err:  # not installed, or Pango missing (./dev installs both)
        raise CopyError(ARCHIVAL["renderer_missing"].format(reason=err)) from None

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # a refused image is expected, not news
    refuser = fetcher if fetcher is not None else Refuser()
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=refuser)
    data: bytes = document.write_pdf(
        pdf_variant=variant, pdf_identifier=hashlib.md5(html.encode(), usedforsecurity=False).digest(),
    )
    return data


def render(copy: Copy, fetcher: Refuser | None = None) -> bytes:
    base = copy.address if "://" in copy.address else None
    return pdf(document(copy), copy.variant, base, fetcher)


# --- Kept between builds ------------------------------------------------------------
class Copies:
    """Copies by key in ``.rapportarkiv-cache/pdf-…/``, one file each, so a build renders only
    new or changed versions. A file is its checksum and its bytes: one that was damaged,
    truncated or planted (or a link) is rendered again, never served. Safe to delete."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.rendered = 0  # copies this process rendered (the bench counts them)

    @classmethod
    def open(cls, docs: Path, audience: str) -> Copies:
        name = hashlib.sha256(os.fsencode(docs.resolve())).hexdigest()[:16]
        return cls(docs.resolve().parent / CACHE_DIR / f"pdf-{audience}-{name}")

    def _path(self, key: str) -> Path | None:
        return self.folder / f"{key}.pdf" if self.folder is not None else None

    def kept(self, key: str) -> bytes | None:
        path = self._path(key)
        if path is None or self.folder is None or self.folder.is_symlink():  # a planted folder is not ours
            return None
        return checked_payload(path, _FORMAT)

    def has(self, key: str) -> bool:
        return self.kept(key) is not None

    def get(self, copy: Copy) -> bytes:
        """The copy's bytes: kept, or rendered now and kept."""
        found = self.kept(copy.key)
        if found is not None:
            return found
        try:
            data = render(copy)
        except CopyError:
            raise
        except Exception as err:  # WeasyPrint failing on one version: said with its name, not a traceback
            raise CopyError(ARCHIVAL["render_failed"].format(
                path=copy.report.path, number=copy.number, reason=f"{type(err).__name__}: {err}")) from err
        self.rendered += 1
        self._keep(copy.key, data)
        return data

    def _keep(self, key: str, data: bytes) -> None:
        """Written beside its place under a new name, then renamed into it: an
        interrupted write leaves no half copy. A folder that cannot be written
        (read-only checkout) means no cache; a full disk fails the build."""
        path = self._path(key)
        if path is None or path.parent.is_symlink() or path.parent.parent.is_symlink():
            return
        temporary: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(handle, "wb") as out:
                out.write(_FORMAT + hashlib.sha256(data).hexdigest().encode() + b"\n" + data)
            os.replace(temporary, path)
            temporary = None
        except PermissionError:
            return
        finally:
            if temporary is not None:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass

    def prune(self, keys: set[str]) -> None:
        """Drop the copies no longer shown (an edited version's old wording, changed code),
        and any leftover of an interrupted write."""
        if self.folder is None or self.folder.is_symlink() or not self.folder.is_dir():
            return
        for entry in os.scandir(self.folder):
            if entry.name.removesuffix(".pdf") not in keys:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
