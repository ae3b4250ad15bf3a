"""The email's section of a pull request's summary: each new or corrected report's email as it will go.

Reviewers approve what readers receive, so the summary shows, for every
report the pull request adds (and every correction, when the series mails
corrections), the subject, the lists and the plain-text part exactly as
``edition`` makes them. The HTML part is what ``rapportarkiv mail preview``
writes; the section says so. Kept short: a pull request touching many
reports shows the first few emails and counts the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..catalogue import MAIL
from ..collection import Collection
from .edition import editions

MAX_EMAILS = 5
_TEXT_LIMIT = 6000  # characters of one plain-text part shown
_TICKS = re.compile(r"`{3,}|~{3,}")


def section(cards: Sequence[Any], loaded: Collection, site_url: str | None) -> str:
    """Markdown for the summary; empty when the pull request adds or corrects no report."""
    from ..summary import text as inline  # the summary's escaping of untrusted text

    by_path = {r.path: r for r in loaded.reports}
    blocks: list[str] = []
    for card in cards:
        if card.kind not in ("added", "changed"):
            continue
        report = next((r for path, r in by_path.items() if card.path.endswith("/" + path) or card.path == path), None)
        series = loaded.series.get(report.series) if report is not None else None
        if report is None or series is None:
            continue
        if series.mail is None:
            blocks.append(f"**{inline(report.title)}**: {MAIL['summary.none']}")
            continue
        correction: tuple[str, ...] = ()
        if card.kind == "changed":
            if not series.mail.corrections:
                continue
            correction = tuple(r.note for r in report.revisions[-1:]) or (MAIL["correction_unspecified"],)
        made = editions(report, series, site_url or "", "utkast", loaded, correction)
        if not made:
            blocks.append(f"**{inline(report.title)}**: {MAIL['summary.no_lists']}")
            continue
        first = made[0]
        lists = ", ".join(f"{one.mail_list.name} ({len(one.mail_list.recipients)})" for one in made if one.mail_list)
        plain = first.text()
        if len(plain) > _TEXT_LIMIT:
            plain = plain[:_TEXT_LIMIT] + "\n…"
        fence = "`" * max(3, *(len(m) + 1 for m in _TICKS.findall(plain)))
        blocks.append(
            MAIL["summary.card"].format(subject=inline(first.subject), lists=inline(lists))
            + f"\n\n<details><summary>{MAIL['summary.plain']}</summary>\n\n{fence}text\n{plain}{fence}\n\n</details>"
        )
    if not blocks:
        return ""
    shown = blocks[:MAX_EMAILS]
    more = len(blocks) - len(shown)
    tail = [MAIL["summary.more"].format(count=more)] if more else []
    return "\n\n".join([f"## {MAIL['summary.heading']}", MAIL["summary.intro"], *shown, *tail]) + "\n"
