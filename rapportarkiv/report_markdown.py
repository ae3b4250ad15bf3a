"""A report as it will read, in GitHub-flavoured Markdown, for the job summary.

A reviewer should see the report a pull request adds or changes without
downloading the preview: its header in the reader's words (series, type,
occasion, the Swedish date, banners for a draft or a withdrawal), its prose
rendered exactly as the site renders it (:func:`render.markdown.to_html`,
sanitised), its communication actions and spokespersons. The prose reaches
GitHub as one inert HTML block (:func:`gfm.inert_html`) and every value is
escaped by :mod:`gfm`, so an author's text cannot turn into Markdown, HTML,
images or mentions in the summary. Long prose is cut at a paragraph, with a
note, so one report cannot take the room of the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import gfm, swedish_dates
from .catalogue import LABELS, SUMMARY
from .model import Report, Series
from .render import markdown

# The prose shown per report; the rest is in the preview.
PROSE_LIMIT = 12_000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _cut(body: str, limit: int) -> tuple[str, bool]:
    """The leading paragraphs of ``body`` within ``limit`` characters, and whether some were left out."""
    if len(body) <= limit:
        return body, False
    end = 0
    for match in _PARAGRAPH_BREAK.finditer(body):
        if match.start() > limit:
            break
        end = match.start()
    return body[:end], True


def prepare(reports: Iterable[Report]) -> None:
    """Convert the prose of every report to be shown on all cores at once, as a build does
    (:func:`render.markdown.render_all`); :func:`render` then finds it converted."""
    markdown.render_all(_cut(report.body, PROSE_LIMIT)[0] for report in reports)


def render(report: Report, series: Series | None) -> str:
    """The report as one folded ``<details>`` block of Markdown."""
    title = gfm.text(report.title)
    kicker = SUMMARY["rendered.kicker"].format(
        series=gfm.text(series.name if series else report.series), type=LABELS[f"type.{report.type}"]
    )
    lines = [f"<details><summary>{gfm.html_text(report.title)}</summary>", "", kicker, "", f"#### {title}", ""]
    if report.occasion:
        lines += [SUMMARY["rendered.occasion"].format(occasion=gfm.text(report.occasion)), ""]
    if report.draft:
        lines += [f"> {gfm.text(LABELS['draft_banner'])}", ""]
    if report.withdrawn:
        banner = LABELS["withdrawn_banner"].format(
            date=swedish_dates.long_datetime(report.withdrawn.date), reason=report.withdrawn.reason
        )
        lines += [f"> {gfm.text(banner)}", ""]
    facts = [SUMMARY["rendered.compiled"].format(date=swedish_dates.long_datetime(report.date))]
    if report.publish_at:
        facts.append(SUMMARY["rendered.publish_at"].format(date=swedish_dates.long_datetime(report.publish_at)))
    facts.append(SUMMARY["rendered.classification"].format(
        classification=LABELS[f"classification.{report.classification}"]))
    if report.authors:
        facts.append(SUMMARY["rendered.authors"].format(authors=gfm.text(", ".join(report.authors))))
    if report.tags:
        facts.append(SUMMARY["rendered.tags"].format(tags=gfm.text(", ".join(report.tags))))
    lines += ["<br>".join(facts), "", f"*{gfm.text(report.description)}*", ""]
    body, cut = _cut(report.body, PROSE_LIMIT)
    lines += [gfm.inert_html(markdown.to_html(body)), ""]
    if cut:
        lines += [SUMMARY["rendered.cut"], ""]
    if report.communication:
        lines += [f"**{LABELS['communication']}**", "", SUMMARY["rendered.communication_columns"], "| --- | --- | --- | --- | --- |"]
        for action in report.communication:
            lines.append(
                f"| {swedish_dates.day_month(action.date)} | {LABELS['audience.' + action.audience]} "
                f"| {gfm.text(action.channel)} | {gfm.text(action.text)} | {LABELS['status.' + action.status]} |"
            )
        lines.append("")
    if report.spokespersons:
        lines += [f"**{LABELS['spokespersons']}**", ""]
        for person in report.spokespersons:
            who = ", ".join(p for p in (person.name, person.role_and_organisation) if p)
            lines.append(f"- {gfm.text(who)}")
        lines.append("")
    lines += ["</details>", "", "---", ""]
    return "\n".join(lines) + "\n"
