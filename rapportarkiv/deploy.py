"""Publishing never drops a published version: the deploy follows the published history.

Every version of a report shown on the site is read from the first-parent
history of what is built. A force-push that rewrites ``main`` would silently
take published versions off the site, and nothing in a pull request sees it
(there is none). So the publishing workflow remembers what it last deployed
and refuses to deploy a commit that does not descend from it along its
first parents, the line the versions are read from.

The record is a git tag (``publicerad`` by default) in the repository itself:
``rapportarkiv check-deploy`` runs before the build and ``rapportarkiv
mark-deployed`` moves the tag to the deployed commit after a successful
deploy. A tag needs no network API and no token to read (``actions/checkout``
with ``fetch-depth: 0`` fetches tags), a force-push to ``main`` leaves it
where it was, and it can be tested offline with plain repositories. Before
the first deploy there is no tag, and nothing to protect yet.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .catalogue import DEPLOY, HELP
from .git import Git, GitError

DEFAULT_TAG = "publicerad"


class DeployError(Exception):
    """Deploying must stop; the message is Swedish and says how to recover."""


def _commit(git: Git, ref: str) -> str | None:
    done = git.run(["rev-parse", "-q", "--verify", f"{ref}^{{commit}}"])
    return done.stdout.decode().strip() if done.returncode == 0 else None


def _on_first_parent_line(git: Git, published: str, target: str) -> bool:
    """Whether ``published`` (an ancestor of ``target``) is on ``target``'s line of first parents.

    Versions are read along that line (see ``history``). A rewritten main that
    merges the old history back in, or a branch into which main was merged and
    that was then pushed as main, keeps the deployed commit an ancestor only
    through a second parent, and its versions drop out or move to another
    date. Walking the first parents back from ``target`` until the deployed
    history, the last commit reached must have the deployed one as its first
    parent."""
    if published == target:
        return True
    done = git.run(["rev-list", "--first-parent", "--parents", target, f"^{published}"])
    walked = done.stdout.decode().split("\n") if done.returncode == 0 else []
    commits = [line.split() for line in walked if line.strip()]
    return bool(commits) and commits[-1][1:2] == [published]


def check(repo: Path | str, tag: str = DEFAULT_TAG, head: str = "HEAD", *, git: Git | None = None) -> str:
    """Raise :class:`DeployError` unless the commit tagged ``tag`` is an ancestor of ``head``.

    Returns a Swedish line saying what was checked.
    """
    git = git or Git(repo)
    if tag.startswith("-") or head.startswith("-"):
        raise DeployError(DEPLOY["bad_ref"].format(ref=tag if tag.startswith("-") else head))
    try:
        target = _commit(git, head)
        if target is None:
            raise DeployError(DEPLOY["bad_ref"].format(ref=head))
        published = _commit(git, f"refs/tags/{tag}")
        if published is None:
            return DEPLOY["first"].format(tag=tag, head=target[:12])
        done = git.run(["merge-base", "--is-ancestor", published, target])
    except GitError as err:
        raise DeployError(DEPLOY["no_git"] if err.missing else str(err)) from err
    if done.returncode == 0:
        try:
            on_line = _on_first_parent_line(git, published, target)
        except GitError as err:
            raise DeployError(DEPLOY["no_git"] if err.missing else str(err)) from err
        if not on_line:
            raise DeployError(DEPLOY["sidelined"].format(tag=tag, published=published[:12], head=target[:12]))
        return DEPLOY["ok"].format(tag=tag, published=published[:12], head=target[:12])
    if done.returncode == 1:
        raise DeployError(DEPLOY["rewritten"].format(tag=tag, published=published[:12], head=target[:12]))
    raise DeployError(DEPLOY["bad_ref"].format(ref=published))


def mark(repo: Path | str, tag: str = DEFAULT_TAG, head: str = "HEAD", remote: str = "origin", *,
         git: Git | None = None) -> str:
    """Move ``tag`` to ``head`` here and on ``remote``, after checking again that it only moves forward."""
    git = git or Git(repo)
    check(repo, tag, head, git=git)
    target = _commit(git, head)
    assert target is not None  # check() refused an unknown head
    for args in (["tag", "-f", tag, target], ["push", "-f", remote, f"refs/tags/{tag}:refs/tags/{tag}"]):
        done = git.run(args)
        if done.returncode != 0:
            raise DeployError(DEPLOY["mark_failed"].format(
                tag=tag, reason=done.stderr.decode("utf-8", "replace").strip()))
    return DEPLOY["marked"].format(tag=tag, head=target[:12])


def _check_command(args: argparse.Namespace) -> int:
    try:
        print(check(Path(args.repo), args.tag), file=sys.stderr)
    except DeployError as err:
        print(str(err), file=sys.stderr)
        return 1
    return 0


def _mark_command(args: argparse.Namespace) -> int:
    try:
        print(mark(Path(args.repo), args.tag, remote=args.remote), file=sys.stderr)
    except DeployError as err:
        print(str(err), file=sys.stderr)
        return 1
    return 0


def add_parsers(commands: Any) -> None:
    """Register ``check-deploy`` and ``mark-deployed`` on the CLI's subparsers."""
    check_cmd = commands.add_parser("check-deploy", help=HELP["check-deploy"])
    tag_help = HELP["deploy.tag"].format(tag=DEFAULT_TAG)
    check_cmd.add_argument("--tag", default=DEFAULT_TAG, help=tag_help)
    check_cmd.add_argument("--repo", default=".", help=HELP["deploy.repo"])
    check_cmd.set_defaults(run=_check_command)

    mark_cmd = commands.add_parser("mark-deployed", help=HELP["mark-deployed"])
    mark_cmd.add_argument("--tag", default=DEFAULT_TAG, help=tag_help)
    mark_cmd.add_argument("--remote", default="origin", help=HELP["mark-deployed.remote"])
    mark_cmd.add_argument("--repo", default=".", help=HELP["deploy.repo"])
    mark_cmd.set_defaults(run=_mark_command)
