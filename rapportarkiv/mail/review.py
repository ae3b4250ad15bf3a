"""The email's section of a pull request's summary: each new or corrected report's email as it will go.

Reviewers approve what readers receive, so the summary shows, for every
report the pull request adds (and every correction, when the series mails
corrections), the subject, the lists and the plain-text part exactly as
``edition`` makes them. The HTML part, the text and the message itself are
in the folder ``utskick/`` of the pull request's preview (``write_previews``,
run by ``rapportarkiv mail preview --base``); the section says so. Kept
short: a pull request touching many reports shows the first few emails and
counts the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email import policy
from pathlib import Path, PurePosixPath
from typing import Any

from ..catalogue import MAIL
from ..collection import Collection
from ..model import Report
from .edition import Edition, editions, template

MAX_EMAILS = 5
_TEXT_LIMIT = 6000  # characters of one plain-text part shown
_TICKS = re.compile(r"`{3,}|~{3,}")


@dataclass(frozen=True)
class Reviewed:
    """One new or corrected report of a pull request, and the emails it will make
    (none when its series sends no email, or no list may receive it)."""

    report: Report
    mailed: bool  # whether the series sends email at all
    editions: tuple[Edition, ...]


def reviewed(cards: Sequence[Any], loaded: Collection, site_url: str | None) -> list[Reviewed]:
    """Each report the pull request adds (or corrects, when the series mails
    corrections), with its emails exactly as ``edition`` makes them: the one
    selection the summary and the preview's ``utskick/`` folder both show."""
    by_path = {r.path: r for r in loaded.reports}
    found: list[Reviewed] = []
    for card in cards:
        if card.kind not in ("added", "changed"):
            continue
        report = next((r for path, r in by_path.items() if card.path.endswith("/" + path) or card.path == path), None)
        series = loaded.series.get(report.series) if report is not None else None
        if report is None or series is None:
            continue
        if series.mail is None:
            found.append(Reviewed(report, False, ()))
            continue
        correction: tuple[str, ...] = ()
        if card.kind == "changed":
            if not series.mail.corrections:
                continue
            correction = tuple(r.note for r in report.revisions[-1:]) or (MAIL["correction_unspecified"],)
        found.append(Reviewed(report, True, tuple(editions(report, series, site_url or "", "utkast", loaded,
                                                           correction))))
    return found


def section(cards: Sequence[Any], loaded: Collection, site_url: str | None) -> str:
    """Markdown for the summary; empty when the pull request adds or corrects no report."""
    from ..summary import text as inline  # the summary's escaping of untrusted text

    blocks: list[str] = []
    for one in reviewed(cards, loaded, site_url):
        if not one.mailed:
            blocks.append(f"**{inline(one.report.title)}**: {MAIL['summary.none']}")
            continue
        if not one.editions:
            blocks.append(f"**{inline(one.report.title)}**: {MAIL['summary.no_lists']}")
            continue
        first = one.editions[0]
        plain = first.text()
        if len(plain) > _TEXT_LIMIT:
            plain = plain[:_TEXT_LIMIT] + "\n…"
        fence = "`" * max([3, *(len(m) + 1 for m in _TICKS.findall(plain))])  # max(3) alone is an error
        blocks.append(
            MAIL["summary.card"].format(subject=inline(first.subject), lists=inline(_lists(one)))
            + f"\n\n<details><summary>{MAIL['summary.plain']}</summary>\n\n{fence}text\n{plain}{fence}\n\n</details>"
        )
    if not blocks:
        return ""
    shown = blocks[:MAX_EMAILS]
    more = len(blocks) - len(shown)
    tail = [MAIL["summary.more"].format(count=more)] if more else []
    return "\n\n".join([f"## {MAIL['summary.heading']}", MAIL["summary.intro"], *shown, *tail]) + "\n"


def _lists(one: Reviewed) -> str:
    return ", ".join(f"{e.mail_list.name} ({len(e.mail_list.recipients)})" for e in one.editions if e.mail_list)


def write_previews(found: Sequence[Reviewed], out: Path, now: datetime) -> Path:
    """Every email of ``found`` into ``out`` as it will be sent (``.eml``), its HTML
    part (``.html``) and its plain text (``.txt``), with ``index.html`` listing them:
    the folder ``utskick/`` of a pull request's preview, opened by the reviewer."""
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for one in found:
        files = []
        for made in one.editions:
            # Series and file name: unique in the archive, and made of a-z, 0-9 and hyphens only.
            name = f"{one.report.series}--{PurePosixPath(one.report.path).stem}"
            name += f".{made.mail_list.name}" if made.mail_list else ""
            (out / f"{name}.eml").write_bytes(made.message(now).as_bytes(policy=policy.SMTP))
            (out / f"{name}.html").write_text(made.html(), encoding="utf-8")
            (out / f"{name}.txt").write_text(made.text(), encoding="utf-8")
            files.append({"name": name, "subject": made.subject,
                          "list": made.mail_list.name if made.mail_list else MAIL["no_list"],
                          "recipients": len(made.mail_list.recipients) if made.mail_list else 0})
        reason = "" if files else MAIL["summary.none" if not one.mailed else "summary.no_lists"]
        rows.append({"title": one.report.title, "files": files, "reason": reason})
    index = out / "index.html"
    index.write_text(template("mail/preview_index.html").render(rows=rows, mail=MAIL), encoding="utf-8")
    return index
