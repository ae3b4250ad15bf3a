"""Report prose to HTML, then through the sanitiser.

Reports are rendered here rather than by MkDocs so that pages, feeds and old
versions share one rendering, whatever generator wraps them. The validator
already refuses active content; nh3 (Ammonia) enforces the same allow-list on
the output as a second line of defence, in case a report bypassed validation.

Converting a report's Markdown is a large part of the work of its page, and
the start page, the feeds and the page itself all show the same text. So each
distinct text is rendered once per process, and what was rendered can be
handed on (to the process that keeps it between builds, see
``site.Site.save_prose``) and handed in again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

import markdown
import nh3

from .. import comments, html_policy, layout, report_links, workers
from ..characters import xml_safe

# fenced_code: the validator treats fenced blocks as code (headings and HTML in
# them are not checked), so the site must render them as code too.
_EXTENSIONS = ["tables", "sane_lists", "fenced_code", "toc"]

# Ids the site's own templates give elements on the pages that show prose: the
# report page, the start page and the search box in every page's header. A
# heading in the prose whose slug is one of them gets "_1" after it, as a
# second heading of the same name does (the toc extension's rule): a duplicate
# id sends in-page links and labels (aria-labelledby="om-serien") to the
# wrong element. tests/test_unique_ids.py checks the list against the templates.
PAGE_IDS = frozenset({
    "om-serien", "talespersoner", "kommunikativa-atgarder", "kommunikation-internal", "kommunikation-external",
    "versioner", "senaste-rapporterna", "prenumerera", "andrade-uppgifter", "andrad-text",
    "ra-search-input", "ra-search-output", "ra-search-status", "ra-search-results",
    "ra-filter", "ra-filter-year", "ra-filter-type", "ra-filter-tag", "ra-filter-text",
    "ra-search-all", "tidigare-rapporter", "ra-results", "ra-results-form", "ra-results-query", "ra-results-serie",
    "ra-results-typ", "ra-results-ar", "ra-results-status", "ra-results-list", "ra-results-more",
})


def _heading_id(value: str, separator: str) -> str:
    slug = layout.slugify(value)
    return f"{slug}_1" if slug in PAGE_IDS else slug


_EXTENSION_CONFIGS = {"toc": {"slugify": _heading_id, "permalink": False}}

_ATTRIBUTES: dict[str, set[str]] = {
    tag: set(attrs | html_policy.GLOBAL_ATTRIBUTES) for tag, attrs in html_policy.ALLOWED_ATTRIBUTES.items()
}
_ATTRIBUTES["*"] = set(html_policy.GLOBAL_ATTRIBUTES)
for _heading in ("h2", "h3", "h4", "h5", "h6"):
    _ATTRIBUTES.setdefault(_heading, set(html_policy.GLOBAL_ATTRIBUTES)).add("id")
_ATTRIBUTES["a"].discard("rel")
_ATTRIBUTES.setdefault("th", set()).add("style")  # python-markdown aligns table columns with style
_ATTRIBUTES.setdefault("td", set()).add("style")


def sanitise(html: str, classes: Mapping[str, set[str]] | None = None) -> str:
    """Keep only allow-listed HTML; links get rel=noopener noreferrer. ``classes``:
    the site's own classes a page adds to rendered prose (the diff's hidden labels)."""
    return nh3.clean(
        html,
        tags=set(html_policy.ALLOWED_TAGS),
        attributes=_ATTRIBUTES,
        url_schemes=set(html_policy.URL_SCHEMES),
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
        allowed_classes=dict(classes) if classes else None,
    )


_converter: markdown.Markdown | None = None
_known: dict[bytes, str] = {}  # text's digest -> its HTML, in this process
_new: dict[bytes, str] = {}  # rendered here since the last take_new()


def digest(text: str) -> bytes:
    """The key of a text's rendering."""
    return hashlib.sha256(text.encode("utf-8")).digest()


def to_html(text: str) -> str:
    """Markdown prose (level-two headings and down) to safe HTML.

    One converter is kept and reset between texts: setting up the extensions
    costs more than converting a report."""
    key = digest(text)
    html = _known.get(key)
    if html is None:
        html = _known[key] = _new[key] = render_once(text)
    return html


def render_once(text: str) -> str:
    """:func:`to_html` without keeping the result: for a text shown once (a
    comparison of two versions), which the store of renderings has no use for."""
    global _converter
    if _converter is None:
        _converter = markdown.Markdown(
            extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS, output_format="html"
        )
    # Comments are taken out first: Python-Markdown shows some of them as text
    # (see comments.py). Old versions from git predate the character rules (see
    # ``characters``): what XML and HTML cannot hold is not passed on raw.
    return xml_safe(sanitise(_converter.reset().convert(comments.hide(text))))


def prose(
    text: str, source: str, addresses: report_links.Addresses, page_url: str, site_url: str | None = None
) -> str:
    """``text``, written in the file ``source``, as the page at ``page_url`` shows
    it, or as a feed does (absolute links below ``site_url``): links to other
    reports made their addresses in this build (see ``report_links``).

    Every rendition of prose goes through here: the rendering is kept by the
    text alone (``to_html``), the addresses are filled in for where it is shown."""
    return addresses.rewrite(to_html(text), source, page_url, site_url)


# The sanitiser lets ids through on headings only, and writes them in this form.
_HEADING_ID = re.compile(r'(<h[2-6] id=")([^"]*)"')


def distinct_ids(html: str, used: set[str]) -> str:
    """``html`` with each heading id already in ``used`` renamed, its ids added to ``used``.

    Each text's ids are unique within the text, but a page can show several
    texts (the start page shows the latest report of every series, a report
    page its series' description too): a repeated id gets the next free
    "_1", "_2" … as the toc extension numbers a repeated heading."""
    def rename(match: re.Match[str]) -> str:
        wanted = found = match.group(2)
        number = 0
        while found in used:
            number += 1
            found = f"{wanted}_{number}"
        used.add(found)
        return f'{match.group(1)}{found}"'

    return _HEADING_ID.sub(rename, html) if 'id="' in html else html


def render_all(texts: Iterable[str]) -> None:
    """Render every text not known yet, on all cores, before pages are made.

    A build from a fresh clone converts all its prose. Converted while pages
    are made, it held up the renderer's report pages, and so the search index
    the build waits for; converted before MkDocs starts on its pages, it has
    every core to itself (see ``workers.parallel_map``)."""
    Rendering(texts).wait()


class Rendering:
    """:func:`render_all` under way while the caller goes on (``workers.ParallelMap``):
    the renderings are this process's once :meth:`wait` returns."""

    def __init__(self, texts: Iterable[str]) -> None:
        todo = {digest(text): text for text in texts}
        self._keys = [key for key in todo if key not in _known]
        self._mapping = workers.ParallelMap(to_html, [todo[key] for key in self._keys])

    def wait(self) -> None:
        remember(dict(zip(self._keys, self._mapping.result())))

    def cancel(self) -> None:
        self._mapping.cancel()


def remember(renderings: Mapping[bytes, str]) -> None:
    """Take renderings made elsewhere (an earlier build, another process) as this process's own."""
    _known.update(renderings)


def known(key: bytes) -> str | None:
    return _known.get(key)


def take_new() -> dict[bytes, str]:
    """What this process rendered since the last call."""
    global _new
    new, _new = _new, {}
    return new
