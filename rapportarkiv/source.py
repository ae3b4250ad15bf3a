"""Reading a report or series file into text, before any YAML is parsed.

Files arrive from the GitHub web editor, from Windows editors (byte-order
mark, CRLF line endings) and from copy-and-paste. This module turns bytes into
text the way the author meant it, and turns everything else into problems with
a line number instead of an exception.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass

from . import faults
from .problems import Problem, problem

# A report with its front matter is a few kilobytes; a quarter of a megabyte
# leaves room for a long report and still refuses pasted binaries.
MAX_FILE_BYTES = 256 * 1024
BOM = b"\xef\xbb\xbf"

_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass(frozen=True)
class Source:
    """A file's text, split into front matter and body.

    Line numbers are 1-based lines of the file as the author sees it in an
    editor, so that any position found in the YAML or the body can be turned
    back into a position in the file.
    """

    path: str
    text: str
    front_matter: str
    front_matter_line: int
    body: str
    body_line: int


# Opened without following a link at the end of the path (a committed link to
# /dev/zero or to a file outside the archive) and without blocking (a named pipe).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class NotRegular(OSError):
    """The path is a link, a pipe, a device or a folder: not read."""

    def __init__(self, path: os.PathLike[str] | str, mode: int) -> None:
        super().__init__(faults.file_kind(mode))
        self.filename, self.mode = os.fspath(path), mode


def open_regular(path: os.PathLike[str] | str) -> int:
    """A descriptor of ``path`` opened for reading, if it is a regular file and
    not a link to one; else :class:`NotRegular` (or the OSError of the open)."""
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except OSError:
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise NotRegular(path, mode) from None
        raise
    mode = os.fstat(handle).st_mode
    if not stat.S_ISREG(mode):
        os.close(handle)
        raise NotRegular(path, mode)
    return handle


def read_file(path: os.PathLike[str] | str, shown: str) -> tuple[bytes | None, list[Problem]]:
    """A report or series file's bytes from the working tree, or the problem why not.

    Only a regular file is read, never more than the size limit allows, and
    an unreadable one is a problem at that file: the validator, the history
    guard and the pull-request summary all read the author's files this way."""
    try:
        handle = open_regular(path)
    except NotRegular as err:
        return None, [problem("RA520", shown, kind=faults.file_kind(err.mode))]
    except OSError as err:
        return None, [problem("RA000", shown, reason=faults.os_reason(err))]
    try:
        with os.fdopen(handle, "rb", closefd=False) as file:
            # Never read more than the limit allows: a pasted video or a link to a
            # huge file is refused without being loaded into memory. The read asks
            # for the file's size (plus one byte, to notice a file still growing),
            # not the limit: Python allocates what is asked for, for every file.
            size = os.fstat(handle).st_size
            data = file.read(min(size, MAX_FILE_BYTES) + 1)
            if len(data) > size:
                data += file.read(MAX_FILE_BYTES + 1 - len(data))
    except OSError as err:
        return None, [problem("RA000", shown, reason=faults.os_reason(err))]
    finally:
        os.close(handle)
    if len(data) > MAX_FILE_BYTES:
        return None, [problem("RA002", shown, size=max(size, len(data)), limit=MAX_FILE_BYTES)]
    return data, []


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 with an optional byte-order mark, LF line endings."""
    if len(data) > MAX_FILE_BYTES:
        return None, [problem("RA002", path, size=len(data), limit=MAX_FILE_BYTES)]
    # The byte-order mark is not part of the text: a file holding only one is empty,
    # and positions count from the first real character.
    data = data.removeprefix(BOM)
    if not data.strip():
        return None, [problem("RA001", path)]
    if b"\x00" in data:
        return None, [problem("RA004", path, *_byte_position(data, data.index(b"\x00")))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, [problem("RA003", path, *_byte_position(data, err.start))]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def _byte_position(data: bytes, index: int) -> tuple[int, int]:
    """Line and column of byte ``index`` as an editor counts them: characters, any line ending."""
    prefix = data[:index].decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    return prefix.count("\n") + 1, len(prefix) - prefix.rfind("\n")


def split(text: str, path: str) -> tuple[Source | None, list[Problem]]:
    """Separate the front matter from the body.

    MkDocs silently treats a file with broken front matter as all body; here a
    missing or unterminated block is an error, since the page would otherwise
    be published with its YAML showing.
    """
    lines = text.split("\n")
    if not _FENCE.match(lines[0]):
        return None, [problem("RA005", path, 1, 1)]
    for index in range(1, len(lines)):
        if _CLOSE.match(lines[index]):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return Source(path, text, front, 2, body, index + 2), []
    return None, [problem("RA006", path, 1, 1)]


def as_document(text: str, path: str) -> Source:
    """A plain YAML file (a series definition) is all front matter and no body."""
    return Source(path, text, text, 1, "", 1)
