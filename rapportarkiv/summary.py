"""The job summary of a pull request: every problem, and a card for every report.

GitHub shows at most 10 error annotations per step and 50 per job and drops
the rest without a word, so annotations alone cannot be trusted to show every
problem. The job summary (``$GITHUB_STEP_SUMMARY``, at most 1 MiB of
Markdown) can: it lists every problem of the validator and of the history
guard grouped by file, each linked to the
author guide's explanation of its code, and it shows each report the pull
request adds, changes, moves or deletes as a card of its data, so that a
reviewer sees what will be published without reading YAML.

Everything that comes from a report (titles, values, file names, messages
quoting them) is untrusted: it is escaped so that a title holding
``<script>`` or ``|`` is shown as text and cannot break a table or inject
markup. Gathering (git, files) and rendering (pure) are separate, so the
rendering can be tested with any data.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import quote
from zoneinfo import ZoneInfo

import yaml

from . import catalogue, changes, collection, document, field_changes, gfm, guard, layout, report_markdown
from . import review_warnings, schemas, source, textdiff
from .catalogue import SUMMARY, plural
from .gfm import text
from .model import Report, Series
from .problems import Problem

# GitHub's limit for one step's summary.
MAX_BYTES = 1024 * 1024

CardKind = Literal["added", "changed", "renamed", "deleted", "series"]

# The fields every card shows, in this order (the last two only when set);
# every changed field, these or others, is listed in the changes table.
CARD_FIELDS = ("title", "type", "date", "series", "classification", "draft", "publish_at", "withdrawn")
_ALWAYS_SHOWN = ("title", "type", "date", "series", "classification", "draft")
# What an absent key means for publishing, so the card shows what will happen.
_DEFAULTS = {"classification": "internal", "draft": False}
_CELL_LIMIT = 300
# A changed value is shown whole up to this length (the schema keeps real values far shorter).
_CHANGED_LIMIT = 2_000
# A word diff of the prose longer than this, or of more paragraphs, is folded in <details>.
_FOLD_BYTES = 1_500
_FOLD_PARAGRAPHS = 3
_DIFF_LIMIT = 20_000
_DEFAULT_ZONE = ZoneInfo(schemas.property_schema("series", ["time_zone"])["default"])


@dataclass(frozen=True)
class Context:
    """Where the summary is shown: links to the guide, the run and the files."""

    site_url: str | None = None
    artifact: str | None = None
    run_url: str | None = None
    blob_url: str | None = None  # e.g. https://github.com/org/repo/blob/<sha>
    pages_preview: bool = False

    def guide_link(self, code: str) -> str | None:
        if not self.site_url:
            return None
        return f"{self.site_url.rstrip('/')}/guide/felkoder/#{code.lower()}"

    def line_link(self, path: str, line: int) -> str | None:
        if not self.blob_url:
            return None
        return f"{self.blob_url.rstrip('/')}/{quote(path)}#L{line}"


@dataclass(frozen=True)
class Card:
    """One report the pull request touches, with its data before and after."""

    kind: CardKind
    path: str
    old_path: str | None
    data: Mapping[str, Any] | None  # None: deleted, or the front matter cannot be read
    old_data: Mapping[str, Any] | None
    body_changed: bool = False
    old_body: str | None = None
    new_body: str | None = None


# --- Escaping ----------------------------------------------------------------
# ``text`` (from gfm) makes untrusted text inert Markdown on one line.


def _shorten(value: str, limit: int = _CELL_LIMIT) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _link(label: str, url: str | None) -> str:
    """A link whose label is already escaped; the URL is ours, only () and spaces need care."""
    if not url:
        return label
    return f"[{label}]({url.replace(' ', '%20').replace('(', '%28').replace(')', '%29')})"


def _cell(key: str, value: Any, zone: ZoneInfo = _DEFAULT_ZONE) -> str:
    if key == "series":  # already "name (id)"
        return text(_shorten(str(value)))
    return text(_shorten(field_changes.swedish(key, value, zone)))


# --- Rendering ---------------------------------------------------------------

def _counts(cards: Sequence[Card]) -> str:
    """'Pull requesten lägger till 1 rapport och ändrar 2 rapporter.': only the kinds there are."""
    parts = [
        SUMMARY[f"counts.{kind}"].format(reports=plural("reports", n))
        for kind in ("added", "changed", "renamed", "deleted")
        if (n := sum(c.kind == kind for c in cards))
    ]
    joined = ", ".join(parts[:-1]) + SUMMARY["counts.and"] + parts[-1] if len(parts) > 1 else parts[0]
    return SUMMARY["counts.sentence"].format(parts=joined)


def _verdict(
    problems: Sequence[Problem], files_checked: int, cards: Sequence[Card], warned: int
) -> list[str]:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if errors == 1:
        heading = SUMMARY["verdict.errors.one"]
    elif errors:
        heading = SUMMARY["verdict.errors"].format(errors=plural("errors", errors))
    elif warnings:
        heading = SUMMARY["verdict.warnings"].format(warnings=plural("warnings", warnings))
    else:
        heading = SUMMARY["verdict.clean"]
    lines = [f"## {heading}", "", SUMMARY["checked"].format(files=plural("files", files_checked)), ""]
    report_cards = [c for c in cards if c.kind != "series"]
    lines += [_counts(report_cards) if report_cards else SUMMARY["no_reports"], ""]
    deleted = sum(c.kind == "deleted" for c in cards)
    if deleted:
        lines += [SUMMARY["deleted_alert"].format(deleted=plural("reports", deleted)), ""]
    if warned:
        lines += [SUMMARY["warnings_alert"].format(reports=plural("reports", warned)), ""]
    return lines


def _problem_blocks(problems: Sequence[Problem], context: Context) -> list[tuple[str, int]]:
    """One block per file: its heading and table. Each block carries its problem count."""
    by_file: dict[str, list[Problem]] = {}
    for p in problems:
        by_file.setdefault(p.path, []).append(p)
    blocks = []
    for path in sorted(by_file):
        rows = [f"### {text(path)}", "", SUMMARY["problems.columns"], "| ---: | --- | --- | --- |"]
        for p in sorted(by_file[path], key=lambda p: (p.line, p.column, p.code)):
            line = _link(str(p.line), context.line_link(path, p.line))
            code_title = f"{p.code} {catalogue.PROBLEMS[p.code].title}" if p.code in catalogue.PROBLEMS else p.code
            code = _link(text(code_title), context.guide_link(p.code))
            rows.append(f"| {line} | {code} | {SUMMARY['severity.' + p.severity]} | {text(p.message)} |")
        blocks.append(("\n".join(rows) + "\n\n", len(by_file[path])))
    return blocks


def _zone(data: Mapping[str, Any] | None, zones: Mapping[str, ZoneInfo]) -> ZoneInfo:
    """The time zone a report's times are written in: its series' (the default when it has none)."""
    series = data.get("series") if isinstance(data, Mapping) else None
    return zones.get(series, _DEFAULT_ZONE) if isinstance(series, str) else _DEFAULT_ZONE


def _warnings(card: Card, zone: ZoneInfo) -> list[str]:
    """The card's warnings, each a line of Markdown: what the change does to publishing."""
    if card.kind == "series":
        return [SUMMARY["warning.series"]]
    if card.kind == "deleted" or not isinstance(card.data, Mapping):
        return []
    old = card.old_data if isinstance(card.old_data, Mapping) else None
    if card.kind != "added" and old is None:
        return []  # unreadable before: the changes cannot be told
    found = review_warnings.for_report(old, card.data, zone)
    return [SUMMARY[f"warning.{key}"].format(**{k: text(v) for k, v in params.items()}) for key, params in found]


def _changes_table(old: Mapping[str, Any], new: Mapping[str, Any], zone: ZoneInfo) -> list[str]:
    """Field | Before | After, every value whole and in Swedish, the words that differ marked."""
    changed = [c for c in field_changes.diff_fields(old, new) if c.value_changed]
    if not changed:
        return [SUMMARY["card.no_field_changes"], ""]
    lines = [SUMMARY["card.changes"], "", SUMMARY["card.changes_columns"], "| --- | --- | --- |"]
    missing = SUMMARY["value.missing"]
    for change in changed:
        for name, before, after in field_changes.summary_rows(change, zone):
            if before is not None and after is not None:
                shown_before, shown_after = gfm.word_pair(
                    _shorten(before, _CHANGED_LIMIT), _shorten(after, _CHANGED_LIMIT)
                )
            else:
                shown_before = missing if before is None else f"<del>{gfm.inline(_shorten(before, _CHANGED_LIMIT))}</del>"
                shown_after = missing if after is None else f"<ins>{gfm.inline(_shorten(after, _CHANGED_LIMIT))}</ins>"
            lines.append(f"| {text(name)} | {shown_before} | {shown_after} |")
    return [*lines, ""]


def _body_diff(card: Card) -> list[str]:
    """The prose as a word diff: changed paragraphs only, folded when long."""
    if not card.body_changed or card.old_body is None or card.new_body is None:
        return [SUMMARY["card.body_unchanged" if not card.body_changed else "card.body_changed"], ""]
    runs, coarse = textdiff.diff_body(card.old_body.strip("\n"), card.new_body.strip("\n"))
    paragraphs, cut = gfm.prose_diff(runs, _DIFF_LIMIT)
    if not paragraphs:
        return [SUMMARY["card.body_changed"], ""]
    blocks = [SUMMARY["diff.legend"]]
    if coarse:
        blocks.append(SUMMARY["diff.coarse"])
    blocks += paragraphs
    if cut:
        blocks.append(SUMMARY["diff.cut"])
    count = sum(p != SUMMARY["diff.gap"] for p in paragraphs)
    if count > _FOLD_PARAGRAPHS or sum(len(p.encode()) for p in paragraphs) > _FOLD_BYTES:
        summary_line = SUMMARY["diff.folded"].format(paragraphs=plural("paragraphs", count))
        return [f"<details><summary>{summary_line}</summary>", "", *"\n\n".join(blocks).split("\n"), "",
                "</details>", ""]
    return [SUMMARY["diff.heading"], "", *"\n\n".join(blocks).split("\n"), ""]


def _series_block(card: Card) -> str:
    shown = card.data if card.data is not None else card.old_data
    name = shown.get("name") if isinstance(shown, Mapping) else None
    heading = SUMMARY["card.series"].format(name=text(_shorten(str(name or card.path))))
    lines = [f"### {heading}", "", *_warnings(card, _DEFAULT_ZONE), "", SUMMARY["card.file"].format(path=text(card.path)), ""]
    if not isinstance(card.old_data, Mapping) or not isinstance(card.data, Mapping):
        return "\n".join([*lines, SUMMARY["card.series_unreadable"], ""]) + "\n"
    changed = [c for c in field_changes.diff_fields(card.old_data, card.data) if c.value_changed]
    if not changed:
        return "\n".join([*lines, SUMMARY["card.no_field_changes"], ""]) + "\n"
    lines += [SUMMARY["card.changes_columns"], "| --- | --- | --- |"]
    for change in changed:
        title = schemas.property_schema("series", [change.key]).get("title")
        before, after = (field_changes.display(v) for v in (change.old, change.new))
        shown_before, shown_after = gfm.word_pair(_shorten(before, _CHANGED_LIMIT), _shorten(after, _CHANGED_LIMIT))
        lines.append(f"| {text(f'{title} ({change.key})' if title else change.key)} | {shown_before} | {shown_after} |")
    return "\n".join([*lines, ""]) + "\n"


def _card_block(card: Card, series_names: Mapping[str, str], zones: Mapping[str, ZoneInfo]) -> str:
    if card.kind == "series":
        return _series_block(card)
    shown = card.data if card.data is not None else card.old_data
    zone = _zone(shown, zones)
    title = shown.get("title") if isinstance(shown, Mapping) else None
    heading = SUMMARY[f"card.{card.kind}"].format(
        title=text(_shorten(str(title))) if title else SUMMARY["card.untitled"]
    )
    lines = [f"### {heading}", ""]
    warnings = _warnings(card, zone)
    for warning in warnings:
        lines += [warning, ""]
    lines += [SUMMARY["card.file"].format(path=text(card.path)), ""]
    if card.kind == "renamed":
        lines += [SUMMARY["card.moved"].format(old=text(card.old_path), new=text(card.path)), ""]
    if card.kind == "deleted":
        lines += [SUMMARY["card.deleted_warning"], ""]
    if shown is None:
        lines += [SUMMARY["card.unreadable"], ""]
        return "\n".join(lines) + "\n"
    lines += [SUMMARY["card.columns"], "| --- | --- |"]
    for key in CARD_FIELDS:
        if key in _ALWAYS_SHOWN or key in shown:
            value = shown.get(key, _DEFAULTS.get(key))
            if key == "series" and isinstance(value, str) and value in series_names:
                value = f"{series_names[value]} ({value})"
            lines.append(f"| {text(field_changes.label_with_key(key))} | {_cell(key, value, zone)} |")
    lines.append("")
    if card.kind in ("changed", "renamed") and card.data is None:
        # Unreadable now, or a link (RA015): the table above is the base's data.
        lines += [SUMMARY["card.unreadable"], ""]
    if card.kind in ("changed", "renamed") and card.data is not None:
        if card.old_data is None:
            lines += [SUMMARY["card.unreadable_before"], ""]
        else:
            lines += _changes_table(card.old_data, card.data, zone)
            lines += _body_diff(card)
    return "\n".join(lines) + "\n"


def _preview(context: Context) -> str:
    lines = [f"## {SUMMARY['preview.heading']}", ""]
    if context.artifact:
        key = "preview.artifact" if context.run_url else "preview.artifact_no_link"
        lines += [SUMMARY[key].format(artifact=text(context.artifact), run_url=context.run_url), ""]
        lines += [SUMMARY["preview.pages" if context.pages_preview else "preview.no_pages"], ""]
    else:
        lines += [SUMMARY["preview.local"], ""]
    return "\n".join(lines) + "\n"


def render(
    problems: Sequence[Problem],
    files_checked: int,
    cards: Sequence[Card],
    context: Context,
    limit: int = MAX_BYTES,
    series_names: Mapping[str, str] | None = None,
    zones: Mapping[str, ZoneInfo] | None = None,
    reports: Mapping[str, tuple[Report, Series | None]] | None = None,
) -> str:
    """The whole summary as Markdown, never more than ``limit`` bytes of UTF-8.

    Problems come first (they are what blocks a merge), then the cards, deleted
    and moved reports first, then each new or changed report as it will read
    (``reports``, by the card's path). If everything does not fit, whole files
    and whole cards are left out from the end, at most three quarters of the
    room goes to problems while there are cards to show, the reports as they
    will read get what is left, and a note says how much is missing.
    """
    zones = zones or {}
    warned = sum(bool(_warnings(c, _zone(c.data, zones))) for c in cards if c.kind != "series")
    head = "\n".join(_verdict(problems, files_checked, cards, warned)) + "\n"
    tail = _preview(context)
    if problems:
        problems_head = f"## {SUMMARY['problems.heading']}\n\n{SUMMARY['problems.intro']}\n\n"
    else:
        problems_head = f"## {SUMMARY['problems.heading']}\n\n{SUMMARY['problems.none']}\n\n"
    cards_head = f"## {SUMMARY['reports.heading']}\n\n{SUMMARY['reports.intro']}\n\n" if cards else ""
    problem_blocks = _problem_blocks(problems, context)
    ordered = _ordered(cards)
    card_blocks = [(_card_block(card, series_names or {}, zones), 1) for card in ordered]

    # The notes are at most this long; reserve them so that adding them never crosses the limit.
    note_room = len(SUMMARY["truncated"].encode()) + len(SUMMARY["rendered.omitted"].encode()) + 128
    budget = limit - sum(len(s.encode()) for s in (head, tail, problems_head, cards_head)) - note_room - 2
    card_total = sum(len(block.encode()) for block, _ in card_blocks)
    shown_problems, used, omitted_problems = _fit(problem_blocks, budget - min(card_total, budget // 4))
    shown_cards, used_cards, omitted_cards = _fit(card_blocks, budget - used)
    body = problems_head + shown_problems + cards_head + shown_cards
    if omitted_problems or omitted_cards:
        missing = [plural(key, n) for key, n in (("problems", omitted_problems), ("reports", omitted_cards)) if n]
        body += SUMMARY["truncated"].format(missing=SUMMARY["counts.and"].join(missing)) + "\n\n"
    body += _rendered_section(ordered, reports or {}, budget - used - used_cards)
    return head + "\n" + body + tail


def _rendered_section(cards: Sequence[Card], reports: Mapping[str, tuple[Report, Series | None]], room: int) -> str:
    """Each new or changed report that passed the checks, as it will read, while there is room."""
    blocks = [(report_markdown.render(*reports[c.path]), 1) for c in cards if c.path in reports and c.kind != "deleted"]
    if not blocks:
        return ""
    head = f"## {SUMMARY['rendered.heading']}\n\n{SUMMARY['rendered.intro']}\n\n"
    shown, _, omitted = _fit(blocks, room - len(head.encode()))
    if omitted == len(blocks):
        return ""
    note = SUMMARY["rendered.omitted"].format(reports=plural("reports", omitted)) + "\n\n" if omitted else ""
    return head + shown + note


def _fit(blocks: Sequence[tuple[str, int]], budget: int) -> tuple[str, int, int]:
    """The leading blocks that fit in ``budget`` bytes: (markdown, bytes used, count left out)."""
    kept: list[str] = []
    used = omitted = 0
    for block, count in blocks:
        size = len(block.encode())
        if omitted or used + size > budget:
            omitted += count
            continue
        kept.append(block)
        used += size
    return "".join(kept), used, omitted


def _ordered(cards: Iterable[Card]) -> list[Card]:
    """Deleted and moved reports first: they need the reviewer's attention most."""
    rank = {"series": -1, "deleted": 0, "renamed": 1, "changed": 2, "added": 3}
    return sorted(cards, key=lambda c: (rank[c.kind], c.path))


# --- Gathering -----------------------------------------------------------------

def _front(data: bytes | None, shown: str) -> tuple[dict[str, Any] | None, str | None]:
    """The raw front matter and body of a report's bytes, without judging them."""
    if data is None:
        return None, None
    read = document.read(data, shown)
    return read.data, read.body


def report_cards(repo: Path, docs: Path, base: str) -> list[Card]:
    """A card for every report that differs between ``base`` and the working tree (two git processes)."""
    docs_prefix = _relative(docs, repo) + "/"
    all_changes = changes.diff(repo, base)
    touched = [c for c in all_changes if changes.is_report_change(c, docs_prefix)]
    old = changes.read_at(repo, base, [c.before for c in touched if c.before])
    cards: list[Card] = []
    for change in _split_new_reports(touched, docs_prefix):
        kinds: dict[str, CardKind] = {"A": "added", "C": "added", "D": "deleted", "R": "renamed"}
        kind = kinds.get(change.status, "changed")
        new_bytes = None if kind == "deleted" else _read(repo / change.path)
        new_data, new_body = _front(new_bytes, change.path)
        old_data, old_body = _front(old.get(change.before) if change.before else None, change.before or "")
        cards.append(Card(kind, change.path, change.before, new_data, old_data, new_body != old_body,
                          old_body, new_body))
    return cards + _series_cards(repo, base, all_changes, docs_prefix)


def _series_cards(repo: Path, base: str, touched: Sequence[changes.Change], docs_prefix: str) -> list[Card]:
    """A card for every series definition the pull request changes (one more git process, only when there is one)."""
    edited = [
        c for c in touched
        if c.status == "M" and c.path.startswith(docs_prefix) and layout.is_series(c.path[len(docs_prefix):])
    ]
    old = changes.read_at(repo, base, [c.path for c in edited])
    cards = []
    for change in edited:
        new_data = _yaml_mapping(_read(repo / change.path))
        old_data = _yaml_mapping(old.get(change.path))
        if new_data != old_data:
            cards.append(Card("series", change.path, change.path, new_data, old_data))
    return cards


def _yaml_mapping(data: bytes | None) -> dict[str, Any] | None:
    """A series definition's YAML as written, read as the validator reads front matter; None when it cannot be."""
    if data is None:
        return None
    read = document.read(data, whole=True)
    return read.data if isinstance(read.data, dict) else None


def _split_new_reports(touched: Sequence[changes.Change], docs_prefix: str) -> list[changes.Change]:
    """A "rename" to another date is a deleted report and a new one, as the history guard sees it.

    git pairs a deleted file with a similar added one; two reports from the
    same template are similar, so deleting last week's report while adding
    this week's would otherwise show as one moved report.
    """
    out: list[changes.Change] = []
    for change in touched:
        if change.status == "R" and change.old_path and _file_date(change.old_path, docs_prefix) != _file_date(
            change.path, docs_prefix
        ):
            out += [changes.Change("D", change.old_path, change.old_path), changes.Change("A", change.path)]
        else:
            out.append(change)
    return out


def _file_date(path: str, docs_prefix: str) -> str | None:
    return layout.report_path(path[len(docs_prefix):] if path.startswith(docs_prefix) else path).file_date


def _read(path: Path) -> bytes | None:
    """A file's bytes; None for a link (whose target is not what the checks read,
    RA015), a pipe, or a file that cannot be read: the problems above say why."""
    return source.read_file(path, str(path))[0]


def _relative(path: Path, root: Path) -> str:
    try:
        return PurePosixPath(path.resolve().relative_to(root.resolve())).as_posix()
    except ValueError:
        return path.as_posix()


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing or failing on its tags (!ENV, !!python/name:…)."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url_from(config: Path) -> str | None:
    """``site_url`` of an MkDocs configuration, or None when there is none to read."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_LenientLoader)  # noqa: S506 (safe subclass)
    except (OSError, yaml.YAMLError):
        return None
    url = data.get("site_url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url.strip() else None


def context_from_environment(
    site_url: str | None, artifact: str | None, pages_preview: bool, env: Mapping[str, str] = os.environ
) -> Context:
    """Links to the run and to files, from the variables GitHub Actions sets in every job."""
    server, repo = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY")
    run_id, sha = env.get("GITHUB_RUN_ID"), env.get("GITHUB_SHA")
    run_url = f"{server}/{repo}/actions/runs/{run_id}" if server and repo and run_id else None
    blob_url = f"{server}/{repo}/blob/{sha}" if server and repo and sha else None
    return Context(site_url, artifact, run_url, blob_url, pages_preview)


def build(repo: Path, docs: Path, base: str, context: Context, limit: int = MAX_BYTES) -> str:
    """Check the archive and its history, compare with ``base`` and render the summary.

    The problems are the validator's and the history guard's together: the
    same answers the workflow's annotation steps give, all of them in one place.
    Raises changes.GitError when git cannot compare with ``base``.
    """
    cards = report_cards(repo, docs, base)
    result = collection.load(docs, base=repo)
    try:
        rewrites = guard.check(repo, base, _relative(docs, repo)).problems
    except guard.GuardError as err:
        raise changes.GitError(str(err)) from err
    # Both refuse what lies below docs/ that may not be there (links, stray files): list it once.
    problems = sorted(dict.fromkeys(result.problems + rewrites), key=lambda p: (p.path, p.line, p.column, p.code))
    names = {sid: series.name for sid, series in result.series.items()}
    from .mail import review as mail_review  # each new or corrected report's email, as it will be sent

    mail = mail_review.section(cards, result, context.site_url)
    zones = {sid: series.time_zone for sid, series in result.series.items()}
    docs_prefix = _relative(docs, repo) + "/"
    shown = {c.path for c in cards if c.kind in ("added", "changed", "renamed")}
    reports = {
        docs_prefix + r.path: (r, result.series.get(r.series)) for r in result.reports if docs_prefix + r.path in shown
    }
    report_markdown.prepare(report for report, _ in reports.values())
    return render(problems, result.files_checked, cards, context, limit - len(mail.encode()), names, zones, reports) + mail


# --- The command -----------------------------------------------------------------

def command(args: Any) -> int:
    """``rapportarkiv summary``: write the summary; 0 when written, 2 when it cannot be.

    The verdict on the reports is the validator's and the guard's job (their
    steps fail the check); this command only reports, so it runs even when
    they failed and never hides their exit codes.
    """
    docs, repo = Path(args.docs), Path(args.repo)
    if not docs.is_dir():
        print(SUMMARY["no_docs"].format(docs=docs), file=sys.stderr)
        return 2
    site_url = args.site_url or site_url_from(repo / "mkdocs.yml")
    context = context_from_environment(site_url, args.artifact, args.pages_preview == "true")
    try:
        markdown = build(repo, docs, args.base, context)
    except changes.GitError as err:
        print(SUMMARY["bad_ref"].format(base=args.base, reason=err), file=sys.stderr)
        return 2
    target = args.output or os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        sys.stdout.write(markdown)
        return 0
    # GitHub's summary file may already hold earlier output of the step: append, never truncate it.
    mode = "w" if args.output else "a"
    with open(target, mode, encoding="utf-8") as out:
        out.write(markdown)
    print(SUMMARY["written"].format(path=target), file=sys.stderr)
    return 0


def add_parser(commands: Any) -> None:
    """Register ``rapportarkiv summary`` on the CLI's subparsers."""
    cmd = commands.add_parser("summary", help="sammanfattning av en pull request i Markdown (för GitHub)")
    cmd.add_argument("--base", required=True, help="jämför med denna git-referens, till exempel origin/main")
    cmd.add_argument("--docs", default="docs", help="arkivets docs-mapp (standard: docs)")
    cmd.add_argument("--repo", default=".", help="git-repositoriets rot (standard: .)")
    cmd.add_argument("--output", help="skriv till filen (standard: $GITHUB_STEP_SUMMARY, annars skärmen)")
    cmd.add_argument("--site-url", help="webbplatsens adress för länkar till guiden (standard: site_url i mkdocs.yml)")
    cmd.add_argument("--artifact", help="namnet på artefakten med den byggda webbplatsen")
    cmd.add_argument("--pages-preview", choices=("true", "false"), default="false",
                     help="om en förhandsvisning publiceras på GitHub Pages")
    cmd.set_defaults(run=command)
