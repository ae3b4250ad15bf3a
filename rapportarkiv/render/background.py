"""Page content rendered on a second core while the site generator lays pages out.

A generator renders every page's shell (theme, navigation, header) one page at
a time in one process, and the core's content for those pages (report prose,
lists, comparisons) is about as much work again. Forked once the pages are
known, a child process renders the content of pages in the order the
generator will ask for them and streams it back; a thread in the parent
collects it, so neither side waits for the other. Few pages (a preview's
rebuild) are rendered in-process: starting a process would cost more than it
saves.

Some pages only the child may render (the search index it feeds lives there);
the rest are *shared*: the child works through them from the back while the
parent renders, from the front, each one it asks for that is not ready yet.
Which of them each side renders is decided as the build runs, so neither core
waits while the other still has work, whichever is the faster that day.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any

from .. import children

BACKGROUND_FROM = 200  # pages; below this the child's start-up costs more than it saves


class RenderError(RuntimeError):
    """The background renderer failed: a page raised, or the process died.

    ``cause`` is the exception the child raised, when it could be handed over
    (an OSError of a full disk, say), for the caller to word it."""

    def __init__(self, message: str, cause: BaseException | None = None) -> None:
        super().__init__(message)
        self.cause = cause


class Contents:
    """``render(key)`` for each key, computed ahead in a child process when worthwhile.

    Keys are handed out with :meth:`take`, each once; a key in neither
    ``order`` nor ``shared`` is rendered on the spot. The child renders
    ``order`` first, in order, then ``shared`` from the back; this process
    renders any shared key it asks for before the child got to it. ``finish``
    runs where ``order`` was rendered, once it is (what was gathered while
    rendering it, such as a search index, is written there), beside the shared
    keys; :meth:`wait` returns once it has run and every key is rendered."""

    def __init__(
        self, render: Callable[[str], Any], order: Sequence[str],
        finish: Callable[[], None] | None = None, *, shared: Sequence[str] = (),
    ) -> None:
        self._render = render
        self._finish = finish
        self._ready: dict[str, Any] = {}
        self._failure: str | None = None
        self._cause: BaseException | None = None
        self._done = False
        self._changed = threading.Condition()
        self._expected = {*order, *shared}
        self._shared = {key: i for i, key in enumerate(shared)}
        self._claims: _Claims | None = None
        self._process: BaseProcess | None = None
        if (len(order) + len(shared) >= BACKGROUND_FROM and (os.cpu_count() or 1) > 1
                and "fork" in multiprocessing.get_all_start_methods()):
            self._start(list(order), list(shared))

    def _start(self, order: list[str], shared: list[str]) -> None:
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        self._claims = _Claims(context, len(shared))
        self._process = context.Process(
            target=_child, args=(self._render, order, shared, self._claims, self._finish, sender, os.getpid()),
            daemon=True,
        )
        self._process.start()
        sender.close()
        threading.Thread(target=self._collect, args=(receiver,), daemon=True).start()

    def _collect(self, receiver: Connection) -> None:
        # What the build is told unless the child says it is done: a child that
        # dies, or a message that cannot be read, leaves it unfinished.
        failure: str | None = "the page renderer stopped before it was done"
        try:
            while True:
                try:
                    message = receiver.recv()
                except EOFError:
                    break
                if message[0] == "error":
                    failure = f"{message[1]}: {message[2]}"
                    self._cause = message[3]
                    break
                if message[0] == "done":
                    failure = None
                    break
                with self._changed:
                    self._ready[message[1]] = message[2]
                    self._changed.notify_all()
        finally:
            receiver.close()
            with self._changed:
                self._done, self._failure = True, failure
                self._changed.notify_all()

    def take(self, key: str) -> Any:
        if self._process is None or key not in self._expected:
            return self._render(key)
        self._expected.discard(key)
        shared = self._shared.get(key)
        if shared is not None and key not in self._ready and self._claims.claim(shared):  # type: ignore[union-attr]  # set with _process
            return self._render(key)
        with self._changed:
            while key not in self._ready:
                if self._done:
                    raise RenderError(self._failure or f"{key} was never rendered", self._cause)
                self._changed.wait()
            return self._ready.pop(key)

    def wait(self) -> None:
        """Until ``finish`` has run: in the child once it is done, else here, now."""
        if self._process is None:
            if self._finish is not None:
                finish, self._finish = self._finish, None
                finish()
            return
        with self._changed:
            while not self._done:
                self._changed.wait()
        if self._failure:
            raise RenderError(self._failure, self._cause)

    def close(self) -> None:
        """Stop the child (a build that failed half-way leaves it with work to do)."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None


class _Claims:
    """Which shared keys a side has taken, one flag each in memory both processes see."""

    def __init__(self, context: BaseContext, count: int) -> None:
        self._lock = context.Lock()
        self._taken = context.RawArray("b", count)

    def claim(self, index: int) -> bool:
        """True for the first side to ask: that side renders the key."""
        with self._lock:
            if self._taken[index]:
                return False
            self._taken[index] = 1
            return True


def _child(
    render: Callable[[str], Any], order: list[str], shared: list[str], claims: _Claims,
    finish: Callable[[], None] | None, sender: Connection, parent: int,
) -> None:
    children.die_with_parent(parent)  # a build killed with SIGKILL takes its renderer with it
    key = ""
    finished: list[tuple[str, BaseException | None]] = []

    def run_finish(finish: Callable[[], None]) -> None:
        try:
            finish()
        except BaseException as err:  # noqa: BLE001 - sent to the parent below
            finished.append((traceback.format_exc(), _portable(err)))

    try:
        for key in order:
            sender.send(("page", key, render(key)))
        finisher = threading.Thread(target=run_finish, args=(finish,), daemon=True) if finish is not None else None
        if finisher is not None:
            finisher.start()
        for index in reversed(range(len(shared))):
            if claims.claim(index):
                key = shared[index]
                sender.send(("page", key, render(key)))
        key = "(finish)"
        if finisher is not None:
            finisher.join()
            if finished:
                sender.send(("error", key, *finished[0]))
                return
        sender.send(("done",))
    except BaseException as err:  # noqa: BLE001 - reported to the parent, which stops the build
        sender.send(("error", key, traceback.format_exc(), _portable(err)))
    finally:
        sender.close()


def _portable(err: BaseException) -> BaseException | None:
    """``err`` if it survives the trip to the parent, else None (the traceback still goes)."""
    try:
        copy: BaseException = pickle.loads(pickle.dumps(err))
        return copy
    except Exception:  # noqa: BLE001 - an exception that cannot travel is described by its traceback
        return None
