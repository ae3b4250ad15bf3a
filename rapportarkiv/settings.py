"""The build's settings, read strictly from configuration values.

Settings usually come from mkdocs.yml's ``extra``, filled from environment
variables with ``!ENV``, which MkDocs reads as YAML: ``RAPPORTARKIV_PREVIEW=nej``
arrives as the text "nej", ``=1`` as the number 1, ``=no`` as False and a
timestamp as a datetime. Taking such a value for whatever it resembles is how
a production build came to publish drafts (any non-empty text is true). Each
setting here accepts exactly the values it documents, in the types YAML gives
them, and anything else is an :class:`OptionsError` worded for the operator,
which stops the build: a wrong guess about what to publish cannot be undone.

An empty value (a variable set to nothing) means the setting's default, as an
absent one does.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Literal, get_args

from . import timestamps
from .archive import Audience, Mode, Options
from .catalogue import ARCHIVAL, CLI


class OptionsError(ValueError):
    """A build option with a value the archive cannot use, worded for the author."""


def _empty(value: object) -> bool:
    return value is None or value == ""


def _shown(value: object) -> str:
    """A refused value as the operator wrote it, near enough: YAML made false of "false"."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def read_flag(value: object, message: str) -> bool:
    """true or false: a YAML boolean (YAML also reads yes/no and on/off as
    these) or the words true and false. Nothing else, not 1, not "nej"."""
    if _empty(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise OptionsError(CLI[message].format(value=_shown(value)))


def read_audience(value: object) -> Audience:
    """internal (the default: every report) or public (only ``classification: public``)."""
    if _empty(value) or value == "internal":
        return "internal"
    if value == "public":
        return "public"
    raise OptionsError(CLI["bad_audience"].format(value=_shown(value)))


def read_moment(value: object) -> datetime:
    """The build's clock: a timestamp (RFC 3339; without a zone, UTC), as text or
    as the datetime or date YAML makes of it. Empty: now."""
    utc = timestamps.zone("UTC")
    assert utc is not None
    if _empty(value):
        return datetime.now(timezone.utc)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=utc)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=utc)
    parsed = timestamps.parse(value, utc) if isinstance(value, str) else None
    if parsed is None:
        raise OptionsError(CLI["bad_now"].format(value=_shown(value)))
    return parsed


def options(
    *, preview: object = False, audience: object = None, now: object = None, serving: bool = False
) -> Options:
    """Build options from configuration values, each checked (see the module).

    ``preview`` shows drafts and embargoed reports, marked; a preview server
    (``serving``) always does, but its setting must still be valid. ``audience``
    is RAPPORTARKIV_AUDIENCE, ``now`` RAPPORTARKIV_NOW, so tests and a dry run
    of a scheduled publication can move the clock."""
    shown = read_flag(preview, "bad_preview") or serving
    mode: Mode = "preview" if shown else "production"
    return Options(now=read_moment(now), mode=mode, audience=read_audience(audience))



# --- The archival copies' conformance level ------------------------------------
# PDF/A-2a by default: part 2, level A (tagged, so accessible too). An archive
# authority that asks for another level gets it with RAPPORTARKIV_PDF_VARIANT
# (mkdocs.yml's ``extra: pdf_variant``); only the PDF/A levels WeasyPrint makes
# are accepted, so a typo cannot produce a copy that is no PDF/A at all.
PdfVariant = Literal["pdf/a-2a", "pdf/a-2b", "pdf/a-2u", "pdf/a-3a", "pdf/a-3b", "pdf/a-3u", "pdf/a-1a", "pdf/a-1b"]
PDF_VARIANTS: tuple[PdfVariant, ...] = get_args(PdfVariant)
DEFAULT_PDF_VARIANT: PdfVariant = "pdf/a-2a"


def read_pdf_variant(value: object) -> PdfVariant:
    """One of :data:`PDF_VARIANTS` as written (``pdf/a-2a``, any case); empty: the default."""
    if _empty(value):
        return DEFAULT_PDF_VARIANT
    if isinstance(value, str):
        for variant in PDF_VARIANTS:
            if value.strip().lower() == variant:
                return variant
    raise OptionsError(ARCHIVAL["bad_variant"].format(value=_shown(value), allowed=", ".join(PDF_VARIANTS)))
