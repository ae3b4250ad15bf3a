"""Pagefind's word index, cut again into chunks a reader's first search can afford.

A query downloads the index chunk each of its words falls in. Pagefind cuts
its word index into chunks by counting each word's places, but since 1.5 it
files a word written with a diacritic under its folded form ("för" under
"for", "fortsätter" under "fortsatt") and does not count the places of those
forms. In Swedish that is a large share of the common words: at 10 000
reports one chunk held "för", "följs", "fortsätter", "förvaltningen" and
"framåt" and weighed 284 KB, while "och", counted, weighed 108 KB alone.

The chunks over a budget are cut again here, by their encoded size and in
Pagefind's own format, each word's entry kept byte for byte, and each piece
named so that Pagefind's search finds every word in the piece that holds it
(``_names``). Nothing else in the bundle changes but the metadata that lists
the chunks (and so its file name, and the entry that names it).
A bundle from a Pagefind whose format this does not know is left as it was:
larger, but correct.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os.path
from pathlib import PurePosixPath

SIGNATURE = b"pagefind_dcd"
# Pagefind versions whose index format this reads (pf_meta's first field).
KNOWN_VERSIONS = ("1.5.",)
# Encoded bytes of a chunk before compression (40–55 % of it after): a larger
# chunk is cut into runs of words no larger, and a word that alone weighs
# more is a chunk of its own. It is about what the heaviest single words
# ("och", "för", "i") weigh at 10 000 reports, so cutting finer would make
# no query's download smaller, only cut more words from their beginnings.
BUDGET = 200_000
ENTRY = PurePosixPath("pagefind-entry.json")

Bundle = dict[PurePosixPath, bytes]


class _Unknown(Exception):
    """The bundle is not in a format this module knows."""


def recut(bundle: Bundle) -> Bundle:
    """``bundle`` (path in the Pagefind folder → content) with its word index cut by size.

    Returns the bundle unchanged when its format is not the one this knows."""
    try:
        return _recut(bundle)
    except _Unknown:
        return bundle


def _recut(bundle: Bundle) -> Bundle:
    import cbor2  # the site's dependency: commands that build nothing do without it

    try:
        entry = json.loads(bundle[ENTRY])
        languages = entry["languages"]
    except (KeyError, ValueError, TypeError):
        raise _Unknown from None
    out = dict(bundle)
    used: set[str] = set()  # names given here
    changed = False
    for language in languages.values():
        old_hash = language.get("hash") if isinstance(language, dict) else None
        meta_path = PurePosixPath(f"pagefind.{old_hash}.pf_meta")
        if not isinstance(old_hash, str) or meta_path not in bundle:
            raise _Unknown
        try:
            meta = cbor2.loads(_unpacked(bundle[meta_path]))
        except (cbor2.CBORDecodeError, ValueError):
            raise _Unknown from None
        if not (isinstance(meta, list) and len(meta) > 2 and isinstance(meta[0], str)
                and meta[0].startswith(KNOWN_VERSIONS) and isinstance(meta[2], list)):
            raise _Unknown
        prefix = old_hash.split("_", 1)[0]  # the language, as Pagefind begins its file names
        listed = []
        for chunk in meta[2]:
            if not (isinstance(chunk, list) and len(chunk) == 3 and all(isinstance(part, str) for part in chunk)):
                raise _Unknown
            path = PurePosixPath("index", f"{chunk[2]}.pf_index")
            if path not in bundle:
                raise _Unknown
            raw = _unpacked(bundle[path])
            if len(raw) <= BUDGET:
                listed.append(chunk)
                continue
            del out[path]
            pieces = _cut(_words(raw))
            for piece, (first, last) in zip(pieces, _names(chunk[0], chunk[1], pieces)):
                content = _packed(b"\x81" + _array_head(len(piece)) + b"".join(encoded for _, encoded in piece))
                name = _unique_name(prefix, content, used)
                out[PurePosixPath("index", f"{name}.pf_index")] = content
                listed.append([first, last, name])
        if len(listed) == len(meta[2]):
            continue  # nothing was cut
        changed = True
        meta[2] = listed
        content = _packed(cbor2.dumps(meta))
        del out[meta_path]
        language["hash"] = _unique_name(prefix, content, used)
        out[PurePosixPath(f"pagefind.{language['hash']}.pf_meta")] = content
    if not changed:
        return bundle
    out[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return out


def _words(raw: bytes) -> list[tuple[str, bytes]]:
    """A chunk's words: each word and its entry as encoded (entries are not encoded again)."""
    import cbor2

    stream = io.BytesIO(raw)
    if _array_length(stream) != 1:
        raise _Unknown
    count = _array_length(stream)
    decoder = cbor2.CBORDecoder(stream)
    words = []
    start = stream.tell()
    for _ in range(count):
        try:
            word = decoder.decode()
        except (cbor2.CBORDecodeError, ValueError):
            raise _Unknown from None
        if not (isinstance(word, list) and word and isinstance(word[0], str)):
            raise _Unknown
        end = stream.tell()
        words.append((word[0], raw[start:end]))
        start = end
    return words


def _cut(words: list[tuple[str, bytes]]) -> list[list[tuple[str, bytes]]]:
    """The sorted ``words`` in runs of at most ``BUDGET`` encoded bytes (a heavier word alone).

    A query finds the words its term begins ("vård" finds "vårdcentralen") only in
    the one chunk the term falls in, so each cut is made, of the places the budget
    allows, where the two words on either side share the shortest beginning."""
    pieces: list[list[tuple[str, bytes]]] = []
    start = 0
    while start < len(words):
        end, size = start + 1, len(words[start][1])  # a piece holds one word at least
        best, best_shared = end, _shared(words, end)
        while end < len(words) and size + len(words[end][1]) <= BUDGET:
            size += len(words[end][1])
            end += 1
            if (shared := _shared(words, end)) <= best_shared:
                best, best_shared = end, shared
        pieces.append(words[start:best])
        start = best
    return pieces


def _shared(words: list[tuple[str, bytes]], cut: int) -> int:
    """How many characters the words on either side of a cut before ``words[cut]`` share."""
    if cut >= len(words):
        return -1  # the end of the chunk: the best place to end a piece
    return len(os.path.commonprefix([words[cut - 1][0], words[cut][0]]))


def _names(first: str, last: str, pieces: list[list[tuple[str, bytes]]]) -> list[tuple[str, str]]:
    """Each piece's first and last word as Pagefind looks them up: a term belongs to the
    first chunk whose names it sorts between. The cut chunk's own names stay at its two
    ends; inside, a piece ends at its last word and the next begins just after it
    ("\\x01" sorts before any character of a word), so every term that falls in the cut
    chunk falls in exactly one piece: the one that holds the word if it is indexed."""
    names = [[piece[0][0], piece[-1][0]] for piece in pieces]
    names[0][0], names[-1][1] = first, last
    for before, after in zip(names, names[1:]):
        after[0] = before[1] + "\x01"
    return [(a, b) for a, b in names]


def _array_length(stream: io.BytesIO) -> int:
    """The length in a CBOR array's head, read from ``stream``."""
    head = stream.read(1)
    if not head or head[0] >> 5 != 4:
        raise _Unknown
    info = head[0] & 0x1F
    if info < 24:
        return info
    if info > 27:
        raise _Unknown  # indefinite lengths: Pagefind does not write them
    size = 1 << (info - 24)
    data = stream.read(size)
    if len(data) != size:
        raise _Unknown
    return int.from_bytes(data, "big")


def _array_head(length: int) -> bytes:
    """A CBOR array's head for ``length`` items, in its shortest form."""
    if length < 24:
        return bytes([0x80 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([0x80 | info]) + length.to_bytes(size, "big")
    raise ValueError(length)


def _unpacked(content: bytes) -> bytes:
    """A Pagefind file's CBOR: compressed, behind Pagefind's signature."""
    try:
        raw = gzip.decompress(content)
    except (OSError, EOFError):
        raise _Unknown from None
    if not raw.startswith(SIGNATURE):
        raise _Unknown
    return raw[len(SIGNATURE):]


def _packed(cbor: bytes) -> bytes:
    # Level 6, as Pagefind compresses; mtime 0, so the same index gives the same bytes.
    return gzip.compress(SIGNATURE + cbor, compresslevel=6, mtime=0)


def _unique_name(prefix: str, content: bytes, used: set[str]) -> str:
    """A name in Pagefind's form (language, underscore, seven hex digits) from the content,
    made longer until it differs from every name given before; it is then ``used``.

    The name changes with the content, so a browser's cached copy is never taken for it."""
    digest = hashlib.sha256(content).hexdigest()
    length = 7
    while f"{prefix}_{digest[:length]}" in used:
        length += 1
    used.add(name := f"{prefix}_{digest[:length]}")
    return name
