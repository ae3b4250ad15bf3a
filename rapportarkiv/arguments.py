"""The command line's parser, speaking Swedish.

argparse writes its own words ("usage:", "error:", "the following arguments
are required", "show this help message and exit") through the module's
gettext hooks, ``argparse._`` and ``argparse.ngettext``, which it looks up
each time it needs a word. ``SwedishParser`` points these hooks at the
catalogue's ``ARGPARSE`` table for as long as one of its own methods runs,
and puts back what was there afterwards, so that no other parser in the same
process (pytest's, for one) is changed. Every word is argparse's own, said in
Swedish; the arguments themselves are still parsed by argparse.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar

from .catalogue import ARGPARSE, METAVARS

_T = TypeVar("_T")


def _gettext(message: str) -> str:
    return ARGPARSE.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


@contextmanager
def _swedish() -> Iterator[None]:
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _in_swedish(method: Callable[..., _T]) -> Callable[..., _T]:
    def wrapper(*args: Any, **kwargs: Any) -> _T:
        with _swedish():
            return method(*args, **kwargs)
    wrapper.__name__, wrapper.__doc__ = method.__name__, method.__doc__
    return wrapper


class SwedishFormatter(argparse.HelpFormatter):
    """Names an option's value in Swedish (``--date DATUM``), not by its English ``dest``."""

    def _get_default_metavar_for_optional(self, action: argparse.Action) -> str:
        return METAVARS.get(action.dest, action.dest.upper())

    def _get_default_metavar_for_positional(self, action: argparse.Action) -> str:
        return METAVARS.get(action.dest, action.dest)


class SwedishParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose help, usage and errors are the catalogue's Swedish.

    Sub-commands made with ``add_subparsers().add_parser`` are of the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", SwedishFormatter)
        with _swedish():
            super().__init__(*args, **kwargs)

    add_subparsers = _in_swedish(argparse.ArgumentParser.add_subparsers)
    format_usage = _in_swedish(argparse.ArgumentParser.format_usage)
    format_help = _in_swedish(argparse.ArgumentParser.format_help)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with _swedish():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with _swedish():
            return super().parse_known_args(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        with _swedish():
            super().error(message)

