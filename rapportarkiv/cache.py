"""What a run keeps on disk for the next one, so nothing is checked or rendered twice.

Authors run ``validate`` and ``mkdocs serve`` over and over on an archive of
thousands of files of which they changed one. Each file's result (its report
model and problems) is kept on disk under a key of its path, size and
modification time; the whole store is dropped when anything that could change a verdict
changes: a series definition, a schema, or the code itself.

The site keeps its rendered prose in a store of the same kind (see
``site.Site.save_prose``), keyed by the text instead of the file.

A store is JSON behind a SHA-256 checksum of its bytes: a store that was
damaged (a changed byte, a truncated write) or planted cannot run code when it
is read, and any store that cannot be read, or whose checksum or key does not
match, is an empty one, so the verdicts are made again.

A cold run spreads the files over the machine's cores: see ``workers``.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Hashable
from importlib import metadata
from pathlib import Path
from typing import Any

import orjson

from . import schemas
from .source import open_regular

CACHE_DIR = ".rapportarkiv-cache"
FORMAT = 2
MAGIC = b"rapportarkiv-cache %d\n" % FORMAT
# The libraries whose versions can change a verdict or a rendering.
LIBRARIES = ("pyyaml", "jsonschema", "fastjsonschema", "referencing", "rfc3339-validator", "markdown", "nh3")
# A store that cannot be written for one of these means the disk is failing:
# the run fails. Any other (a read-only checkout) runs without a cache.
_DISK_FAILURES = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}

def fingerprint(*parts: bytes) -> str:
    """A key for everything a verdict depends on besides the file itself."""
    digest = hashlib.sha256(str(FORMAT).encode())
    digest.update(f"{sys.implementation.name} {sys.version}".encode())
    for library in LIBRARIES:
        try:
            digest.update(f"{library} {metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} -".encode())
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
    """Results by file key, valid for one fingerprint; a damaged store is an empty one.

    Values are JSON (what a caller puts in must be; lists come back for
    tuples); keys are compared by their ``repr``."""

    def __init__(self, path: Path | None, key: str) -> None:
        self.path = path
        self.key = key
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.changed = False

    @classmethod
    def open(cls, docs: Path, key: str, enabled: bool = True, kind: str = "validate") -> Store:
        if not enabled:
            return cls(None, key)
        # The path as the file system's bytes: under a locale that is not UTF-8
        # a folder named with å is text that UTF-8 cannot encode.
        name = hashlib.sha256(os.fsencode(docs.resolve())).hexdigest()[:16]
        path = docs.resolve().parent / CACHE_DIR / f"{kind}-{name}.json"
        store = cls(path, key)
        found = read(path)
        if found is not None and found[0] == key:
            store.entries = found[1]
        return store

    def get(self, file_key: Hashable) -> Any | None:
        text = key_text(file_key)
        found = self.entries.get(text)
        if found is not None:
            self.used[text] = found
        return found

    def put(self, file_key: Hashable, value: Any) -> None:
        self.used[key_text(file_key)] = value
        self.changed = True

    def save(self) -> None:
        """Keep what this run used: entries of deleted or renamed files fall away."""
        if self.path is None or not (self.changed or len(self.used) != len(self.entries)):
            return
        write(self.path, self.key, self.used)


def key_text(file_key: Hashable) -> str:
    """How a key is written: a digest (bytes) as hex, anything else as its repr."""
    return file_key.hex() if isinstance(file_key, bytes) else repr(file_key)


def read(path: Path) -> tuple[Any, dict[str, Any]] | None:
    """The key and entries of the store at ``path``, or None unless it is whole.

    Read without following a link (a planted link to /dev/zero) and checked
    against its checksum before it is parsed."""
    payload = checked_payload(path, MAGIC)
    if payload is None:
        return None
    try:
        stored = _parse(payload)
    except ValueError:
        return None
    if not isinstance(stored, dict) or not isinstance(stored.get("entries"), dict):
        return None
    return stored.get("key"), stored["entries"]


def checked_payload(path: Path, magic: bytes) -> bytes | None:
    """The payload of a file written as ``magic``, its SHA-256 and the payload, or
    None unless the file is whole and regular (a planted link is not followed)."""
    try:
        with os.fdopen(open_regular(path), "rb") as file:
            data = file.read()
    except OSError:
        return None
    head, _, rest = data.partition(b"\n")
    checksum, _, payload = rest.partition(b"\n")
    if head + b"\n" != magic or checksum != hashlib.sha256(payload).hexdigest().encode():
        return None
    return payload


def _parse(payload: bytes) -> Any:
    """The store's JSON, parsed by orjson: a store holds every report's text,
    and every run that finds nothing changed reads it whole. A text with a lone
    surrogate (a file name that was not UTF-8) is not UTF-8, which orjson
    refuses; the standard library reads those few stores."""
    try:
        return orjson.loads(payload)
    except orjson.JSONDecodeError:
        return json.loads(payload.decode("utf-8", "surrogatepass"))


def write(path: Path, key: str, entries: dict[str, Any]) -> None:
    """Replace the store at ``path`` whole: written beside it under a new name, then
    renamed into place (a planted link is never written through).

    A read-only checkout runs without a cache; a full or failing disk is an
    OSError for the caller, as any other write of the build."""
    payload = json.dumps({"key": key, "entries": entries}, ensure_ascii=False, separators=(",", ":"))
    data = payload.encode("utf-8", "surrogatepass")
    temporary: str | None = None
    try:
        if path.parent.is_symlink():
            return  # not ours: a cache folder is never a link
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC + hashlib.sha256(data).hexdigest().encode() + b"\n" + data)
        os.replace(temporary, path)
        temporary = None
    except OSError as err:
        if err.errno in _DISK_FAILURES:
            raise
    finally:
        if temporary is not None:  # a failed or interrupted write leaves nothing behind
            try:
                os.unlink(temporary)
            except OSError:
                pass
