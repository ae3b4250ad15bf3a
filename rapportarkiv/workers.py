"""Doing one thing to many items on every core.

A cold ``validate`` checks thousands of files and a fresh build converts
thousands of texts. Both spread the work over the machine's cores with
``fork``: the children inherit the loaded schemas, series and Markdown
converter, so nothing is set up twice, and the function needs no pickling.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from . import children

PARALLEL_FROM = 300  # below this, starting processes costs more than it saves

T = TypeVar("T")
R = TypeVar("R")


_task: Callable[[Any], Any] | None = None


def _run(item: Any) -> Any:
    assert _task is not None
    return _task(item)


def _worker_started(parent: int) -> None:
    """A worker dies with the run that forked it, and leaves Ctrl-C to it."""
    children.die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def parallel_map(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[function(x) for x in items]``, on every core when there is enough to do."""
    global _task
    workers = min(os.cpu_count() or 1, 4)
    if len(items) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    _task = function  # inherited by the forked children: closures need no pickling
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_started, initargs=(os.getpid(),)) as pool:
            return pool.map(_run, items, chunksize=max(1, len(items) // (workers * 8)))
    finally:
        _task = None
