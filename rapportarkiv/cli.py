"""The ``rapportarkiv`` command: what authors run locally and what CI runs.

Exit codes follow the convention of linters: 0 clean, 1 problems found,
2 the command itself was used wrongly.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

try:  # Ctrl+C while the program still loads (a second on a busy machine): quiet, as later (see main)
    from . import collection, delivery, deploy, faults, formats, new_archive, scaffold
    from .arguments import SwedishParser
    from . import summary as summary_command
    from .catalogue import CLI, HELP
    from .git import GitError
    from .mail import command as mail_command
    from .problems import problem
except KeyboardInterrupt:
    sys.exit(130)


def _validate(args: argparse.Namespace) -> int:
    docs = Path(args.docs)
    if not docs.is_dir():
        print(CLI["no_docs"].format(docs=docs), file=sys.stderr)
        return 2
    only: list[Path] | None = None
    if args.paths:
        only = []
        for given in map(Path, args.paths):
            if given.is_dir():
                only.extend(p for p in given.rglob("*") if p.is_file())
            else:
                only.append(given)
    result = collection.load(docs, only, models=False)
    missing = [p for p in only or () if not p.exists()]
    problems = [problem("RA000", str(p), reason=CLI["missing_file"]) for p in missing] + result.problems
    printer = {"text": formats.text, "github": formats.github, "json": formats.as_json}[args.format]
    sys.stdout.write(printer(problems))
    if args.format != "json":
        if args.paths and not result.files_checked and not missing:
            # Files outside docs/rapporter/ are not reports: say so rather than a bare "0 files".
            print(CLI["no_files"].format(paths=", ".join(args.paths)), file=sys.stderr)
        print(formats.summary_line(problems, result.files_checked), file=sys.stderr)
    failing = any(p.is_error for p in problems) or (args.strict and problems)
    return 1 if failing else 0


def _new(args: argparse.Namespace) -> int:
    docs = Path(args.docs)
    if not docs.is_dir():  # run from another folder, or a subfolder of the project
        print(CLI["no_docs"].format(docs=docs), file=sys.stderr)
        return 2
    try:
        created = scaffold.create(
            docs, series=args.series, report_type=args.type, title=args.title,
            when=args.date, now=datetime.now().astimezone(),
        )
    except scaffold.ScaffoldError as err:
        print(str(err), file=sys.stderr)
        return 2
    path = _from_here(created.path)
    if created.dated:
        print(created.dated)
    print(CLI["created"].format(path=path, command=invocation(sys.argv[0]), quoted=shlex.quote(path)))
    return 0


def _from_here(path: Path) -> str:
    """``path`` as the author's shell reaches it from the working folder: relative
    below it, else whole (a path climbing out with ../.. reads as a puzzle)."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if shown.split(os.sep)[0] == os.pardir else shown


def invocation(argv0: str) -> str:
    """How to run this program again from the author's shell, as it was run now:
    ``rapportarkiv`` when that name finds it on PATH, else its path from the
    working folder (``.venv/bin/rapportarkiv``), or ``python -m …`` for a module."""
    name = Path(argv0).name
    if name in ("__main__.py", "cli.py"):
        return f"{shlex.quote(_from_here(Path(sys.executable)))} -m rapportarkiv.cli"
    found = shutil.which(name)
    if "/" not in argv0 or (found and Path(found).resolve() == Path(argv0).resolve()):
        return name
    shown = _from_here(Path(argv0))
    if shown.startswith("../"):
        shown = str(Path(argv0).resolve())
    return shlex.quote(shown if "/" in shown else f"./{shown}")


def _check_history(args: argparse.Namespace) -> int:
    from . import guard

    docs = Path(args.docs)
    if not docs.is_dir():
        print(CLI["no_docs"].format(docs=docs), file=sys.stderr)
        return 2
    try:
        root = guard.toplevel(docs)
        docs_rel = docs.resolve().relative_to(root.resolve()).as_posix()
        verdict = guard.check(root, args.base, docs_rel)
    except (guard.GuardError, ValueError) as err:
        print(str(err), file=sys.stderr)
        return 2
    printer = {"text": formats.text, "github": formats.github, "json": formats.as_json}[args.format]
    sys.stdout.write(printer(verdict.problems))
    if args.format != "json":
        print(formats.summary_line(verdict.problems, verdict.published), file=sys.stderr)
    return 1 if any(p.is_error for p in verdict.problems) else 0


def parser() -> argparse.ArgumentParser:
    root = SwedishParser(
        prog="rapportarkiv",
        description=HELP["description"],
    )
    commands = root.add_subparsers(dest="command", required=True, metavar=HELP["metavar"])

    validate = commands.add_parser("validate", help=HELP["validate"])
    validate.add_argument("paths", nargs="*", help=HELP["validate.paths"])
    validate.add_argument("--docs", default="docs", help=HELP["docs"])
    validate.add_argument("--format", choices=("text", "github", "json"), default="text", help=HELP["format"])
    validate.add_argument("--strict", action="store_true", help=HELP["validate.strict"])
    validate.set_defaults(run=_validate)

    new = commands.add_parser("new", help=HELP["new"])
    new.add_argument("--docs", default="docs", help=HELP["new.docs"])
    new.add_argument("--series", help=HELP["new.series"])
    new.add_argument("--type", choices=("regular", "extra"), default="regular", help=HELP["new.type"])
    new.add_argument("--title", help=HELP["new.title"])
    new.add_argument("--date", help=HELP["new.date"])
    new.set_defaults(run=_new)

    check_history = commands.add_parser("check-history", help=HELP["check-history"])
    check_history.add_argument("--base", required=True, help=HELP["check-history.base"])
    check_history.add_argument("--docs", default="docs", help=HELP["docs"])
    check_history.add_argument("--format", choices=("text", "github", "json"), default="text",
                               help=HELP["check-history.format"])
    check_history.set_defaults(run=_check_history)

    summary_command.add_parser(commands)
    deploy.add_parsers(commands)
    delivery.add_parsers(commands)
    mail_command.add_parser(commands)
    new_archive.add_parser(commands)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command. No command ends in a traceback for what the world does to
    it: a file or disk that fails, git refusing, Ctrl-C (exit 130, quietly)."""
    for stream in (sys.stdout, sys.stderr):
        # A file name with bytes that are not UTF-8 is shown, not a crash.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        args = parser().parse_args(argv)
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (| head) has gone: nothing more to say, and nowhere to say it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except GitError as err:
        print(str(err), file=sys.stderr)
        return 2
    except OSError as err:
        print(CLI["os_failed"].format(path=faults.os_path(err, "?"), reason=faults.os_reason(err)), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
