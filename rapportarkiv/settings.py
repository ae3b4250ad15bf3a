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

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import PurePosixPath

from . import timestamps
from .archive import Audience, Mode, Options
from .catalogue import CLI, SETTINGS


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



# --- The organisation's settings (issue #18) ----------------------------------------------------
# Every setting of a build, in one place: audience, preview and build_time above (options()),
# and below what makes the site an organisation's own. All come from mkdocs.yml's ``extra``.

_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Contact:
    """Who readers contact about accessibility (the statement's feedback contact)."""

    name: str
    email: str


@dataclass(frozen=True)
class Organisation:
    """What makes an archive's site its organisation's: its name, logo, colours and
    accessibility contact. Each is optional; a given one is checked (see :func:`organisation`)."""

    name: str | None = None
    # A file below docs/ (say assets/logga.svg), shown in the header.
    logo: str | None = None
    # The header's colour and the links' colour, as #rrggbb.
    primary: str | None = None
    accent: str | None = None
    contact: Contact | None = None


def _text(key: str, value: object) -> str | None:
    if _empty(value):
        return None
    if not isinstance(value, str) or _CONTROL.search(value):
        raise OptionsError(SETTINGS["bad_text"].format(key=key, value=_shown(value)))
    return value.strip()


def _colour(key: str, value: object) -> str | None:
    if _empty(value):
        return None
    if not isinstance(value, str) or not _HEX_COLOUR.match(value):
        raise OptionsError(SETTINGS["bad_colour"].format(key=key, value=_shown(value)))
    return value.lower()


def _logo(value: object) -> str | None:
    if _empty(value):
        return None
    path = PurePosixPath(value) if isinstance(value, str) else None
    if path is None or path.is_absolute() or ".." in path.parts or ":" in str(value) or "\\" in str(value) \
            or _CONTROL.search(str(value)):
        raise OptionsError(SETTINGS["bad_logo"].format(value=_shown(value)))
    return path.as_posix()


def _contact(value: object) -> Contact | None:
    if _empty(value):
        return None
    if not isinstance(value, dict):
        raise OptionsError(SETTINGS["bad_contact"].format(value=_shown(value)))
    email = value.get("email")
    if not isinstance(email, str) or not _EMAIL.match(email):
        raise OptionsError(SETTINGS["bad_email"].format(value=_shown(email)))
    return Contact(name=_text("rapportarkiv_contact.name", value.get("name")) or "", email=email)


def organisation(extra: Mapping[str, object]) -> Organisation:
    """The organisation's settings from mkdocs.yml's ``extra``; a bad value is an
    :class:`OptionsError` naming the key, which stops the build."""
    colours = extra.get("colours") or {}
    if not isinstance(colours, dict):
        raise OptionsError(SETTINGS["bad_colour"].format(key="colours", value=_shown(colours)))
    return Organisation(
        name=_text("organisation", extra.get("organisation")),
        logo=_logo(extra.get("logo")),
        primary=_colour("colours.primary", colours.get("primary")),
        accent=_colour("colours.accent", colours.get("accent")),
        contact=_contact(extra.get("rapportarkiv_contact")),
    )


def site_name(value: object) -> str:
    """The site's name (mkdocs.yml's site_name). Material writes it into attributes and the
    title as it is, unescaped: a quote or an angle bracket would make markup of it."""
    if not isinstance(value, str) or _CONTROL.search(value) or any(c in value for c in '<>"'):
        raise OptionsError(SETTINGS["bad_site_name"].format(value=_shown(value)))
    return value
