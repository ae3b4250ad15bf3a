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
from typing import Any, Generic, TypeVar

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
    return ParallelMap(function, items).result()


class ParallelMap(Generic[T, R]):
    """``[function(x) for x in items]`` under way on every core while the caller
    goes on with other work: a fresh build converts its reports' prose while it
    reads their git history, work that uses one core only.
    :meth:`result` waits for it; :meth:`cancel` stops it (a build that failed).
    With too little to do, or one core, the work is done in :meth:`result`."""

    def __init__(self, function: Callable[[T], R], items: Sequence[T]) -> None:
        global _task
        self._function, self._items = function, items
        self._pool: Any = None
        self._pending: Any = None
        workers = min(os.cpu_count() or 1, 4)
        if len(items) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return
        _task = function  # inherited by the forked children: closures need no pickling
        try:
            self._pool = multiprocessing.get_context("fork").Pool(
                workers, initializer=_worker_started, initargs=(os.getpid(),))
        finally:
            _task = None
        try:
            self._pending = self._pool.map_async(_run, items, chunksize=max(1, len(items) // (workers * 8)))
        except BaseException:
            self.cancel()
            raise

    def result(self) -> list[R]:
        if self._pool is None:
            return [self._function(item) for item in self._items]
        try:
            found: list[R] = self._pending.get()
        except BaseException:
            self.cancel()
            raise
        self._pool.close()
        self._pool.join()
        self._pool = None
        return found

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
