"""Checking many report files fast: on both cores, and not again when nothing changed.

Authors run ``validate`` and ``mkdocs serve`` over and over on an archive of
thousands of files of which they changed one. Each file's result (its report
model and problems) is kept on disk under a key of its path, size and
modification time; the whole store is dropped when anything that could change a verdict
changes: a series definition, a schema, or the code itself.

The site keeps its rendered prose in a store of the same kind (see
``site.Site.save_prose``), keyed by the text instead of the file.

A cold run spreads the files over the machine's cores with ``fork``: the
children inherit the loaded schemas and series, so nothing is set up twice.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from . import schemas

CACHE_DIR = ".rapportarkiv-cache"
FORMAT = 1
PARALLEL_FROM = 300  # below this, starting processes costs more than it saves

T = TypeVar("T")
R = TypeVar("R")


def fingerprint(*parts: bytes) -> str:
    """A key for everything a verdict depends on besides the file itself."""
    digest = hashlib.sha256(str(FORMAT).encode())
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")) + sorted(package.rglob("*.html")):
        stat = source.stat()
        digest.update(f"{source.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for name in sorted(schemas.SCHEMA_FILES.values()):
        digest.update((schemas.schema_dir() / name).read_bytes())
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


class Store:
    """Results by file key, valid for one fingerprint; a damaged store is an empty one."""

    def __init__(self, path: Path | None, key: str) -> None:
        self.path = path
        self.key = key
        self.entries: dict[Hashable, Any] = {}
        self.used: dict[Hashable, Any] = {}
        self.changed = False

    @classmethod
    def open(cls, docs: Path, key: str, enabled: bool = True, kind: str = "validate") -> Store:
        if not enabled:
            return cls(None, key)
        name = hashlib.sha256(str(docs.resolve()).encode()).hexdigest()[:16]
        store = cls(docs.resolve().parent / CACHE_DIR / f"{kind}-{name}.pickle", key)
        try:
            with store.path.open("rb") as handle:  # type: ignore[union-attr]
                saved_key, entries = pickle.load(handle)
            if saved_key == key:
                store.entries = entries
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            pass
        return store

    def get(self, file_key: Hashable) -> Any | None:
        found = self.entries.get(file_key)
        if found is not None:
            self.used[file_key] = found
        return found

    def put(self, file_key: Hashable, value: Any) -> None:
        self.used[file_key] = value
        self.changed = True

    def save(self) -> None:
        """Keep what this run used: entries of deleted or renamed files fall away."""
        if self.path is None or not (self.changed or len(self.used) != len(self.entries)):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            with temporary.open("wb") as handle:
                pickle.dump((self.key, self.used), handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.path)
        except OSError:
            pass  # a read-only checkout simply runs without a cache


_task: Callable[[Any], Any] | None = None


def _run(item: Any) -> Any:
    assert _task is not None
    return _task(item)


def parallel_map(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[function(x) for x in items]``, on every core when there is enough to do."""
    global _task
    workers = min(os.cpu_count() or 1, 4)
    if len(items) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    _task = function  # inherited by the forked children: closures need no pickling
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, items, chunksize=max(1, len(items) // (workers * 8)))
    finally:
        _task = None
