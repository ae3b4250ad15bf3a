"""``rapportarkiv mail``: preview a report's email, send what is due exactly once, settle a claim.

``send`` reads the archive at HEAD, which must already be on the site (the
tag ``publicerad`` at HEAD or after it, see ``deploy``), on the build's clock
(``RAPPORTARKIV_NOW``, as the build that deployed it): a message is never
sent before the page its link points to exists. Everything it does goes
through the ledger (``ledger``), which is where the exactly-once semantics
are described.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime, timedelta
from email import policy
from pathlib import Path
from typing import TYPE_CHECKING

from .. import collection, deploy, formats, guard
from ..catalogue import MAIL
from ..git import Git
from ..history import read_history
from ..problems import Problem, problem
from ..settings import OptionsError, read_flag, read_moment
from . import ledger, smtp

if TYPE_CHECKING:
    from . import outbox

# The email's rendering (edition, outbox, review: css-inline, Jinja, the Markdown renderer)
# and the pull request's summary are imported by the commands that use them: every
# `rapportarkiv` command builds this parser, and `validate` should not pay for them.

_RETRIES = 20  # pushes lost to other runs before giving up on one message
# A claim younger than this may belong to a run still sending (another job, a
# retried one): it is left alone. Older, nobody is working on it any more: RA704.
LEASE = timedelta(minutes=15)


def _clock() -> datetime:
    """The wall clock the ledger's events are stamped with (RAPPORTARKIV_NOW is the
    build's clock, which decides what is published, not when things happened)."""
    return datetime.now(UTC)


def _site_url(args: argparse.Namespace) -> str:
    from ..summary import site_url_from

    url = args.site_url or site_url_from(Path(args.config)) or ""
    return url if not url or url.endswith("/") else url + "/"


def _print(problems: list[Problem], style: str) -> None:
    if problems:
        sys.stdout.write((formats.github if style == "github" else formats.text)(problems))


def _preview(args: argparse.Namespace) -> int:
    from . import edition

    if (args.path is None) == (args.base is None):
        print(MAIL["preview_path_or_base"], file=sys.stderr)
        return 2
    if args.base is not None:
        return _preview_pull_request(args)
    path = Path(args.path)
    docs = Path(args.docs)
    # The whole archive: the email's links to other reports go where the site sends them.
    loaded = collection.load(docs)
    rel = path.resolve().relative_to(docs.resolve()).as_posix() if path.resolve().is_relative_to(
        docs.resolve()) else path.as_posix()
    report = next((r for r in loaded.reports if r.path == rel), None)
    if report is None:
        _print(collection.load(docs, [path]).errors, "text")
        print(MAIL["preview_no_report"].format(path=args.path, reason=MAIL["preview_invalid"]), file=sys.stderr)
        return 1
    series = loaded.series[report.series]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for one in edition.editions(report, series, _site_url(args), _version(docs, rel), loaded):
        name = report.slug + (f".{one.mail_list.name}" if one.mail_list else "")
        eml, html = out / f"{name}.eml", out / f"{name}.html"
        eml.write_bytes(one.message(datetime.now(UTC)).as_bytes(policy=policy.SMTP))
        html.write_text(one.html(), encoding="utf-8")
        print(MAIL["preview_written"].format(eml=eml, html=html), file=sys.stderr)
    return 0


def _preview_pull_request(args: argparse.Namespace) -> int:
    """``mail preview --base REF``: every email the pull request's new or corrected
    reports will make, into the preview's ``utskick/`` folder (see ``review``)."""
    from ..summary import report_cards
    from . import review

    docs, repo = Path(args.docs), Path(args.repo)
    cards = report_cards(repo, docs, args.base)  # a base git cannot find: the CLI says so (exit 2)
    found = review.reviewed(cards, collection.load(docs, base=repo), _site_url(args))
    index = review.write_previews(found, Path(args.out), datetime.now(UTC))
    count = sum(len(one.editions) for one in found)
    print(MAIL["preview_index_written"].format(count=count, folder=args.out, index=index), file=sys.stderr)
    return 0


def _version(docs: Path, rel: str) -> str:
    """The blob of the committed version of ``rel``, or 'utkast' when the file is new or edited."""
    found = read_history(docs, ".", "HEAD").get(rel) if (docs / rel).exists() else None
    if found is None or found.current is None or found.dirty:
        return "utkast"
    return found.current.blob


def _deployed(root: Path, tag: str) -> Problem | None:
    git = Git(root)
    head = git.run(["rev-parse", "--verify", "-q", "HEAD^{commit}"]).stdout.decode().strip()
    marked = git.run(["rev-parse", "--verify", "-q", f"refs/tags/{tag}^{{commit}}"])
    if marked.returncode != 0:
        return problem("RA706", ".", head=head[:12], tag=tag, where=MAIL["tag_missing"])
    if git.run(["merge-base", "--is-ancestor", head, marked.stdout.decode().strip()]).returncode != 0:
        return problem("RA706", ".", head=head[:12], tag=tag, where=MAIL["tag_behind"])
    return None


def _send(args: argparse.Namespace) -> int:
    docs = Path(args.docs)
    try:
        now = read_moment(os.environ.get("RAPPORTARKIV_NOW", ""))
    except OptionsError as err:
        print(str(err), file=sys.stderr)
        return 2
    try:
        root = guard.toplevel(docs)
    except guard.GuardError as err:
        print(str(err), file=sys.stderr)
        return 2
    style = args.format
    loaded = collection.load(docs)
    if not any(series.mail for series in loaded.series.values()):
        # An archive that mails nothing yet: the publishing workflow's job has nothing to do.
        print(MAIL["no_mailing_series"], file=sys.stderr)
        return 0
    if not args.baseline and (late := _deployed(root, args.tag)):
        _print([late], style)
        return 1
    history = read_history(root, docs.resolve().relative_to(root.resolve()).as_posix(), "HEAD")
    store = ledger.Store(Git(root), args.remote)
    site_url = _site_url(args)
    try:
        return _send_all(args, store, loaded, history, now, site_url, style)
    except OptionsError as err:
        print(str(err), file=sys.stderr)
        return 2
    except ledger.LedgerError as err:
        code = "RA708" if err.kind == "missing" else "RA707"
        _print([problem(code, ".", ref=ledger.BRANCH, remote=args.remote, reason=err.reason)], style)
        return 1


def _send_all(args: argparse.Namespace, store: ledger.Store, loaded: collection.Collection,
              history: object, now: datetime, site_url: str, style: str) -> int:
    from . import outbox

    book = store.read()
    if book.commit is None and not args.baseline:
        raise ledger.LedgerError("missing")
    if args.baseline:
        return _baseline(store, book, loaded, history, now, site_url)
    pending, problems = outbox.due(loaded, history, book, now, site_url)  # type: ignore[arg-type]
    problems += _unresolved(book)
    dry_run = args.dry_run or read_flag(os.environ.get("RAPPORTARKIV_MAIL_DRY_RUN", ""), "bad_dry_run")
    if dry_run or not pending:
        for item in pending:
            print(MAIL["would_send"].format(title=item.edition.report.title, list=item.edition.mail_list.name,  # type: ignore[union-attr]
                                            count=len(item.recipients), subject=item.edition.subject))
        if not pending:
            print(MAIL["nothing"], file=sys.stderr)
        _print(problems, style)
        return 1 if any(p.is_error for p in problems) else 0
    config = smtp.settings(os.environ, pending[0].edition.series.path)
    if isinstance(config, Problem):
        _print(problems + [config], style)
        return 1
    connection = smtp.Connection(config)
    first = pending[0].edition
    opened = connection.open(first.series.path, first.mail_list.name)  # type: ignore[union-attr]
    if opened is not None:
        _print(problems + [opened], style)
        return 1
    try:
        for item in pending:
            book, found = _one(store, book, item, connection, now)
            problems += found
            if connection.smtp is None:
                break  # the connection was lost: the rest waits for the next run
    finally:
        connection.close()
    problems += _unresolved(book)
    _print(list(dict.fromkeys(problems)), style)
    return 1 if any(p.is_error for p in problems) else 0


def _one(store: ledger.Store, book: ledger.Ledger, item: outbox.Due, connection: smtp.Connection,
         now: datetime) -> tuple[ledger.Ledger, list[Problem]]:
    one = item.edition
    assert one.mail_list is not None
    facts = dict(recipients=len(item.recipients), revisions=item.revisions)
    claim = ledger.event(one.message_id, one.report.path, one.version, one.mail_list.name, "claimed", _clock(),
                         **facts)
    for _ in range(_RETRIES):
        # Decided again on the ledger as last read: since this run made its list,
        # another run may have claimed or sent the message.
        if book.state(one.message_id) not in (None, *ledger.OPEN_AGAIN):
            return book, []
        try:
            book = store.append(book, [claim], f"claim {one.message_id}")
            break
        except ledger.Conflict:
            book = store.read()
    else:
        raise ledger.LedgerError("write", "")
    outcome, found = connection.send(one.message(now), item.recipients, one.report.path, one.mail_list.name)
    if outcome == "unknown":
        return book, []  # the claim stays: reported as RA704 below, settled by a person
    result = ledger.event(one.message_id, one.report.path, one.version, one.mail_list.name,
                          "sent" if outcome == "sent" else "failed", _clock(), **facts,
                          detail=found.message if found else "")
    for _ in range(_RETRIES):
        try:
            book = store.append(book, [result], f"{result.state} {one.message_id}")
            break
        except ledger.Conflict:
            book = store.read()
    if outcome == "sent":
        print(MAIL["sent"].format(title=one.report.title, list=one.mail_list.name, count=len(item.recipients),
                                  message_id=one.message_id))
    return book, [found] if found else []


def _unresolved(book: ledger.Ledger) -> list[Problem]:
    """Claims nobody is working on any more (see LEASE); younger ones are only mentioned."""
    found = []
    for claim in book.unresolved():
        if datetime.fromisoformat(claim.at) > _clock() - LEASE:
            print(MAIL["in_progress"].format(claimed=claim.at, message_id=claim.message_id), file=sys.stderr)
        else:
            found.append(problem("RA704", claim.report, list=claim.list, message_id=claim.message_id, claimed=claim.at))
    return found


def _baseline(store: ledger.Store, book: ledger.Ledger, loaded: collection.Collection, history: object,
              now: datetime, site_url: str) -> int:
    from . import outbox

    if book.commit is not None:
        print(MAIL["baseline_exists"], file=sys.stderr)
        return 0
    pending, _ = outbox.due(loaded, history, book, now, site_url)  # type: ignore[arg-type]
    events = [ledger.event(d.edition.message_id, d.edition.report.path, d.edition.version,
                           d.edition.mail_list.name, "baseline", _clock(),  # type: ignore[union-attr]
                           recipients=len(d.recipients), revisions=d.revisions) for d in pending]
    try:
        store.append(book, events, "baseline")
    except ledger.Conflict:
        print(MAIL["baseline_exists"], file=sys.stderr)
        return 0
    print(MAIL["baseline"].format(count=len(events)), file=sys.stderr)
    return 0


def _resolve(args: argparse.Namespace) -> int:
    try:
        root = guard.toplevel(Path(args.docs))
    except guard.GuardError as err:
        print(str(err), file=sys.stderr)
        return 2
    store = ledger.Store(Git(root), args.remote)
    now = _clock()
    state: ledger.State = "resolved-sent" if args.sent else "resolved-retry"
    try:
        for _ in range(_RETRIES):
            book = store.read()
            claim = next((e for e in book.unresolved() if e.message_id == args.message_id), None)
            if claim is None:
                print(MAIL["resolve_unknown"].format(message_id=args.message_id), file=sys.stderr)
                return 1
            settled = ledger.event(claim.message_id, claim.report, claim.version, claim.list, state, now,
                                   recipients=claim.recipients, revisions=claim.revisions)
            try:
                store.append(book, [settled], f"{state} {claim.message_id}")
                break
            except ledger.Conflict:
                continue
    except ledger.LedgerError as err:
        _print([problem("RA707", ".", ref=ledger.BRANCH, remote=args.remote, reason=err.reason)], "text")
        return 1
    print(MAIL["resolved"].format(message_id=args.message_id,
                                  state=MAIL["state.sent" if args.sent else "state.retry"]), file=sys.stderr)
    return 0


def _clock_command(args: argparse.Namespace) -> int:
    """Write the build's clock for the workflow: the build and the mailing then agree
    on what is published, whatever time passes between the two jobs."""
    line = f"build_time={_clock().isoformat(timespec='seconds')}\n"
    if args.output:
        with open(args.output, "a", encoding="utf-8") as out:
            out.write(line)
    else:
        sys.stdout.write(line)
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``mail preview | send | resolve`` on the CLI's subparsers."""
    mail = commands.add_parser("mail", help=MAIL["help"])
    actions = mail.add_subparsers(dest="mail_command", required=True)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--docs", default="docs")
        sub.add_argument("--config", default="mkdocs.yml")
        sub.add_argument("--site-url")

    preview = actions.add_parser("preview", help=MAIL["help.preview"])
    preview.add_argument("path", nargs="?", help=MAIL["help.preview.path"])
    preview.add_argument("--out", default="utskick", help=MAIL["help.preview.out"])
    preview.add_argument("--base", help=MAIL["help.preview.base"])
    preview.add_argument("--repo", default=".", help=MAIL["help.preview.repo"])
    common(preview)
    preview.set_defaults(run=_preview)

    send = actions.add_parser("send", help=MAIL["help.send"])
    send.add_argument("--dry-run", action="store_true", help=MAIL["help.send.dry_run"])
    send.add_argument("--baseline", action="store_true", help=MAIL["help.send.baseline"])
    send.add_argument("--remote", default="origin", help=MAIL["help.remote"])
    send.add_argument("--tag", default=deploy.DEFAULT_TAG)
    send.add_argument("--format", choices=("text", "github"), default="text")
    common(send)
    send.set_defaults(run=_send)

    clock = actions.add_parser("clock", help=MAIL["help.clock"])
    clock.add_argument("--output", help=MAIL["help.clock.output"])
    clock.set_defaults(run=_clock_command)

    resolve = actions.add_parser("resolve", help=MAIL["help.resolve"])
    resolve.add_argument("message_id")
    outcome = resolve.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--sent", action="store_true", help=MAIL["help.resolve.sent"])
    outcome.add_argument("--retry", action="store_true", help=MAIL["help.resolve.retry"])
    resolve.add_argument("--remote", default="origin", help=MAIL["help.remote"])
    resolve.add_argument("--docs", default="docs")
    resolve.set_defaults(run=_resolve)

