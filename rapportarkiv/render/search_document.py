"""What the search index reads of a report: its text, and its data kept apart.

The search used to index the report page as the reader sees it, so the
series name, the type, "Taggar" and the facts box were words of every page,
and excerpts quoted them ("Regional rapport … · Veckorapport … Taggar …")
instead of the text. The core renders a document of its own for the index
instead: the title, summary, occasion, prose, actions, spokespersons and
tags are searched; the title, date, series, type and withdrawal are
metadata for the results; series, type and year are filters. Equally
relevant hits come newest first because the reports are indexed newest
first (plan.session.Session.in_rendering_order). It is handed to Pagefind
and never published, so the report page's layout can change without
changing what search finds.
"""

from __future__ import annotations

from ..archive import Archive
from ..model import Report
from . import markdown
from .pages import _render

FILTERS = ("serie", "typ", "ar")  # the keys the results page filters by (assets/rapportarkiv.js)


def render(archive: Archive, report: Report) -> str:
    """The HTML Pagefind indexes for ``report`` (a whole document, ``data-pagefind-body`` on its main)."""
    return _render(
        "search_document.html", report.url, report=report, series=archive.series[report.series],
        body=markdown.to_html(report.body),
    )
