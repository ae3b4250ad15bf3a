"""Page content rendered on a second core while the site generator lays pages out.

A generator renders every page's shell (theme, navigation, header) one page at
a time in one process, and the core's content for those pages (report prose,
lists, comparisons) is about as much work again. Forked once the pages are
known, a child process renders the content of every page in the order the
generator will ask for it and streams it back; a thread in the parent collects
it, so neither side waits for the other. Few pages (a preview's rebuild) are
rendered in-process: starting a process would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable, Sequence

BACKGROUND_FROM = 200  # pages; below this the child's start-up costs more than it saves


class RenderError(RuntimeError):
    """The background renderer failed: a page raised, or the process died."""


class Contents:
    """``render(key)`` for each key, computed ahead in a child process when worthwhile.

    Keys are handed out with :meth:`take`, each once; a key not in ``order``
    is rendered on the spot. ``finish`` runs where the rendering ran, after the
    last key (what was gathered while rendering, such as a search index, is
    written there); :meth:`wait` returns once it has."""

    def __init__(
        self, render: Callable[[str], str | bytes | None], order: Sequence[str],
        finish: Callable[[], None] | None = None,
    ) -> None:
        self._render = render
        self._finish = finish
        self._ready: dict[str, str | bytes | None] = {}
        self._failure: str | None = None
        self._done = False
        self._changed = threading.Condition()
        self._expected = set(order)
        self._process = None
        if len(order) >= BACKGROUND_FROM and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
            self._start(list(order))

    def _start(self, order: list[str]) -> None:
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(self._render, order, self._finish, sender), daemon=True)
        self._process.start()
        sender.close()
        threading.Thread(target=self._collect, args=(receiver,), daemon=True).start()

    def _collect(self, receiver) -> None:  # type: ignore[no-untyped-def]
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

    def take(self, key: str) -> str | bytes | None:
        if self._process is None or key not in self._expected:
            return self._render(key)
        self._expected.discard(key)
        with self._changed:
            while key not in self._ready:
                if self._done:
                    raise RenderError(self._failure or f"{key} was never rendered")
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
            raise RenderError(self._failure)

    def close(self) -> None:
        """Stop the child (a build that failed half-way leaves it with work to do)."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None


def _child(  # type: ignore[no-untyped-def]
    render: Callable[[str], str | bytes | None], order: list[str], finish: Callable[[], None] | None, sender,
) -> None:
    key = ""
    try:
        for key in order:
            sender.send(("page", key, render(key)))
        key = "(finish)"
        if finish is not None:
            finish()
        sender.send(("done",))
    except BaseException:  # noqa: BLE001 - reported to the parent, which stops the build
        sender.send(("error", key, traceback.format_exc()))
    finally:
        sender.close()
