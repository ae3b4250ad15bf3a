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
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path, PurePosixPath

from . import timestamps
from .archive import Audience, Mode, Options
from .catalogue import CLI


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



# --- The organisation's look (extra.rapportarkiv_brand) ------------------------------
# Each is optional; the defaults are the archive's own colours (assets/rapportarkiv.css).
BRAND_KEYS = ("organisation", "logo", "logo_alt", "primary", "link", "accent")
_COLOUR_KEYS = ("primary", "link", "accent")
_SAFE_NAME = re.compile(r"[\w.-]+")  # a file or folder name as written into the page's src="…"
_LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
# WCAG 2.1 AA for normal text: header text is white on the primary colour, links
# (link) and hovered links (accent) are coloured text on white.
MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class Brand:
    """The organisation's name, logo and colours, as the theme shows them.

    Colours are "#rrggbb" (checked, so safe to write into a style sheet); the
    logo is a path below docs/ that the site publishes with its pages."""

    organisation: str | None = None
    logo: str | None = None
    logo_alt: str | None = None
    primary: str | None = None
    link: str | None = None
    accent: str | None = None

    def css(self) -> str:
        """Custom properties overriding the default colours; empty without any."""
        values = {
            "--md-primary-fg-color": self.primary, "--ra-regular": self.primary,
            "--md-typeset-a-color": self.link, "--md-accent-fg-color": self.accent,
        }
        declared = "".join(f"{name}:{value};" for name, value in values.items() if value)
        return f':root,[data-md-color-scheme="default"]{{{declared}}}' if declared else ""


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(colour: str) -> float:
    """WCAG 2.1's contrast ratio of ``colour`` ("#rrggbb") against white."""
    return 1.05 / (_luminance(colour) + 0.05)


def darkened(colour: str) -> str:
    """The nearest darker shade of ``colour`` (same hue) that reaches MIN_CONTRAST against white."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    for step in range(100, -1, -1):
        shade = "#" + "".join(f"{round(c * step / 100):02x}" for c in rgb)
        if contrast_with_white(shade) >= MIN_CONTRAST:
            return shade
    return "#000000"


def _hex_colour(key: str, value: object) -> str:
    text = value.strip().lower() if isinstance(value, str) else ""
    if len(text) == 4 and text.startswith("#"):  # #abc is #aabbcc
        text = "#" + "".join(ch * 2 for ch in text[1:])
    if len(text) != 7 or text[0] != "#" or any(ch not in "0123456789abcdef" for ch in text[1:]):
        raise OptionsError(CLI["bad_brand_colour"].format(key=key, value=_shown(value)))
    ratio = contrast_with_white(text)
    if ratio < MIN_CONTRAST:
        shown_ratio = f"{int(ratio * 100) / 100:.2f}".replace(".", ",")  # rounded down: 4,49 is not 4,5
        raise OptionsError(CLI["brand_contrast"].format(
            key=key, value=_shown(value), ratio=shown_ratio, suggestion=darkened(text)))
    return text


def _logo(value: str, docs: Path) -> str:
    """A published image file below docs/: no address elsewhere (a reader's browser
    contacts only this site), nothing outside the docs folder."""
    parts = PurePosixPath(value.replace("\\", "/"))
    if not all(_SAFE_NAME.fullmatch(part) for part in parts.parts) or (
        "://" in value or value.startswith(("//", "/")) or ":" in parts.parts[0]
        or ".." in parts.parts or parts.suffix.lower() not in _LOGO_SUFFIXES
    ):
        raise OptionsError(CLI["bad_logo"].format(value=value))
    target = docs.joinpath(*parts.parts)
    if target.is_symlink() or not target.is_file():
        raise OptionsError(CLI["logo_missing"].format(value=parts.as_posix()))
    return parts.as_posix()


def read_brand(value: object, docs: Path) -> Brand:
    """extra.rapportarkiv_brand: a mapping of BRAND_KEYS, each checked; empty: the defaults."""
    if _empty(value):
        return Brand()
    if not isinstance(value, dict):
        raise OptionsError(CLI["bad_brand"].format(key=_shown(value), known=", ".join(BRAND_KEYS)))
    found: dict[str, str | None] = {}
    for key, item in value.items():
        if key not in BRAND_KEYS:
            raise OptionsError(CLI["bad_brand"].format(key=_shown(key), known=", ".join(BRAND_KEYS)))
        if _empty(item):
            if key in _COLOUR_KEYS:  # `primary: #1f4e79` unquoted: YAML reads a comment, not a colour
                raise OptionsError(CLI["brand_colour_empty"].format(key=key))
            continue
        if key in _COLOUR_KEYS:
            found[key] = _hex_colour(key, item)
        elif not isinstance(item, str):
            raise OptionsError(CLI["bad_brand_text"].format(key=key, value=_shown(item)))
        else:
            found[key] = item.strip()
    if found.get("logo"):
        found["logo"] = _logo(str(found["logo"]), docs)
        if not found.get("logo_alt"):
            raise OptionsError(CLI["logo_needs_alt"])
    return Brand(**found)
