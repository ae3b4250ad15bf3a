"""Swedish full-text search with Pagefind.

Material's built-in search switches its Swedish stemmer off, only matches
prefixes, and makes every reader download the whole index. Pagefind indexes
the built HTML with Snowball's Swedish stemmer ("kommunerna" finds "kommun")
and lets the browser fetch only the index chunks a query needs.

Only report pages are indexed: they carry ``data-pagefind-body``.

Report pages are handed to Pagefind one by one as the core renders them (in
the build's second process, see ``render.background``), so the indexing runs
beside the build instead of re-reading the whole site afterwards, and does not
depend on the site generator. This speaks Pagefind's
service protocol (``pagefind --service``: base64-encoded JSON messages ending
in a comma, on stdin and stdout), the one its Python and Node packages use;
the Python package's own client pauses before every reply, which on a large
archive adds up to more than the build itself.

Pagefind is a process the build depends on and does not control. One that
fails, dies or stops answering ends the build with a Swedish
:class:`SearchIndexError`: a hang after ``TIMEOUT`` seconds without a word
from it (``RAPPORTARKIV_SEARCH_TIMEOUT``). Pagefind writes its index without
checking its writes (on a full disk it reports success and leaves empty
files), so the index is asked for and written here, where a failed write
fails the build. Pagefind ends when its input closes, so it ends with the
process that started it, however that process ends.
"""

from __future__ import annotations

import base64
import io
import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path, PurePosixPath

from . import faults, search_chunks
from .catalogue import CLI

BODY_MARKER = "data-pagefind-body"
# Seconds Pagefind may go without answering while it is waited for: far more
# than writing the index of a large archive takes, so anything near it is a hang.
DEFAULT_TIMEOUT = 300.0


def _timeout(setting: str | None) -> float:
    """RAPPORTARKIV_SEARCH_TIMEOUT as seconds; anything but a positive number is the default."""
    try:
        seconds = float(setting or DEFAULT_TIMEOUT)
    except ValueError:
        return DEFAULT_TIMEOUT
    return seconds if 0 < seconds < float("inf") else DEFAULT_TIMEOUT


TIMEOUT = _timeout(os.environ.get("RAPPORTARKIV_SEARCH_TIMEOUT"))


class SearchIndexError(RuntimeError):
    """The search index could not be made; the message is Swedish."""


def indexed_part(html: str) -> str | None:
    """The element marked ``data-pagefind-body``, as a page of its own; None without one.

    Pagefind reads nothing outside that element, but holds every page it is
    sent until the index is written: sending the theme's navigation, header and
    footer with each report made it the build's largest process (740 MB at
    5 000 reports)."""
    marker = html.find(BODY_MARKER)
    if marker < 0:
        return None
    start = html.rfind("<", 0, marker)
    tag = html[start + 1:marker].split(None, 1)[0]
    end = html.rfind(f"</{tag}>")
    if start < 0 or end < marker:
        return html
    return f'<!doctype html><html lang="sv"><body>{html[start:end + len(tag) + 3]}</body></html>'


class Index:
    """The search index of one build, started by the first page or the write.

    Whoever renders the pages feeds it, and that may be a forked child process:
    Pagefind and the threads that talk to it must start there, after the fork."""

    def __init__(self, language: str = "sv") -> None:
        self._language = language
        self._indexer: Indexer | None = None

    def _started(self) -> Indexer:
        if self._indexer is None:
            self._indexer = Indexer(self._language)
        return self._indexer

    def add(self, url: str, html: str) -> None:
        self._started().add(url, html)

    def write(self, site_dir: Path) -> None:
        self._started().write(site_dir)


class Indexer:
    """A Pagefind index being built: ``add`` pages, then ``write`` it into the site."""

    def __init__(self, language: str = "sv", timeout: float | None = None) -> None:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise SearchIndexError(CLI["search.missing"])
        try:
            self._process = subprocess.Popen(
                [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        except OSError as err:
            raise SearchIndexError(CLI["search.start"].format(reason=faults.os_reason(err))) from err
        self._timeout = TIMEOUT if timeout is None else timeout
        self._heard = time.monotonic()  # when Pagefind last answered (or was started)
        self._replies: dict[int | None, dict] = {}
        self._arrived = threading.Condition()
        self._stopped = False  # Pagefind closed its output
        self._last_id = 0
        self._pages: list[int] = []
        # Messages are written by a thread of their own: when Pagefind falls
        # behind, the pipe fills, and the build must not wait for it page by page.
        # The queue is bounded, so pages waiting for Pagefind cannot fill the memory.
        self._outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=512)
        self._write_failure: str | None = None
        threading.Thread(target=self._read_replies, daemon=True).start()
        threading.Thread(target=self._write_messages, daemon=True).start()
        self._index_id = self._request({"type": "NewIndex", "config": {"force_language": language}})["index_id"]

    def add(self, url: str, html: str) -> None:
        """Index a page's final HTML at the site-root-relative ``url`` ('' is the home page).
        Pages without the body marker are not sent: Pagefind would leave them out anyway."""
        body = indexed_part(html)
        if body is not None:
            self._pages.append(self._send({
                "type": "AddFile", "index_id": self._index_id, "url": "/" + url, "file_contents": body,
            }))

    def write(self, site_dir: Path) -> None:
        """Wait for every page, write the bundle to ``site_dir/pagefind`` and stop Pagefind.

        A file that cannot be written raises its OSError."""
        try:
            failures = [reply.get("message", "") for reply in map(self._reply, self._pages) if reply["type"] == "Error"]
            if failures:
                raise SearchIndexError(CLI["search.refused"].format(message="\n".join(failures)))
            files = self._request({"type": "GetFiles", "index_id": self._index_id}).get("files")
        finally:
            self.close()
        _write_bundle(site_dir / "pagefind", files)

    def close(self) -> None:
        try:
            self._outbox.put_nowait(None)
        except queue.Full:
            pass  # the writer is stuck on a full pipe: stopping Pagefind below frees it
        if self._process.poll() is None:
            self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    # --- The protocol ------------------------------------------------------
    def _request(self, payload: dict) -> dict:
        reply = self._reply(self._send(payload))
        if reply["type"] == "Error":
            raise SearchIndexError(CLI["search.refused"].format(message=reply.get("message", "")))
        return reply

    def _check_alive(self) -> None:
        """Raise when Pagefind has stopped, or has not answered for too long (it is then stopped)."""
        if self._write_failure or self._stopped:
            raise SearchIndexError(CLI["search.stopped"])
        if time.monotonic() - self._heard > self._timeout:
            self._process.kill()
            raise SearchIndexError(CLI["search.timeout"].format(seconds=f"{self._timeout:g}"))

    def _send(self, payload: dict) -> int:
        self._last_id += 1
        message = json.dumps({"message_id": self._last_id, "payload": payload}).encode("utf-8")
        while True:
            self._check_alive()
            try:
                self._outbox.put(message, timeout=1)
                break
            except queue.Full:
                continue
        self._heard = time.monotonic()  # an answer is due from now
        return self._last_id

    def _write_messages(self) -> None:
        assert self._process.stdin is not None
        while (message := self._outbox.get()) is not None:
            try:
                self._process.stdin.write(base64.b64encode(message) + b",")
                self._process.stdin.flush()
            except OSError as err:
                self._write_failure = str(err)
                return

    def _reply(self, message_id: int) -> dict:
        with self._arrived:
            while message_id not in self._replies:
                self._check_alive()
                self._arrived.wait(timeout=1)
            return self._replies.pop(message_id)

    def _read_replies(self) -> None:
        assert isinstance(self._process.stdout, io.BufferedReader)  # Popen's default buffering: read1 is there
        pending: list[bytes] = []  # a reply arriving in pieces (the index is one reply of megabytes)
        try:
            while chunk := self._process.stdout.read1(1 << 16):
                self._heard = time.monotonic()
                if b"," not in chunk:
                    pending.append(chunk)
                    continue
                *complete, rest = chunk.split(b",")
                complete[0] = b"".join([*pending, complete[0]])
                pending = [rest]
                for encoded in complete:
                    reply = json.loads(base64.b64decode(encoded))
                    message_id = reply.get("message_id")
                    if message_id is None and reply["payload"].get("original_message"):
                        # A request Pagefind could not read is answered by quoting it.
                        message_id = json.loads(reply["payload"]["original_message"]).get("message_id")
                    with self._arrived:
                        self._replies[message_id] = reply["payload"]
                        self._arrived.notify_all()
        except (ValueError, LookupError, TypeError, AttributeError):
            self._process.kill()  # not the protocol: whatever it says next cannot be trusted either
        finally:
            with self._arrived:
                self._stopped = True
                self._arrived.notify_all()


def _write_bundle(folder: Path, files: object) -> None:
    """Write the index Pagefind handed over, its word index cut again by size
    (search_chunks), each file checked as it is written."""
    if not isinstance(files, list) or not files:
        raise SearchIndexError(CLI["search.incomplete"])
    bundle: search_chunks.Bundle = {}
    for file in files:
        if not isinstance(file, dict):
            raise SearchIndexError(CLI["search.incomplete"])
        relative = PurePosixPath(str(file.get("path", "")))
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise SearchIndexError(CLI["search.incomplete"])
        try:
            bundle[relative] = base64.b64decode(file.get("content", ""), validate=True)
        except ValueError:
            raise SearchIndexError(CLI["search.incomplete"]) from None
    for relative, content in search_chunks.recut(bundle).items():
        target = folder.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
