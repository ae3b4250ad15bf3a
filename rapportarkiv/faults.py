"""Operational faults in the author's words: the operating system's are English.

An ``OSError`` says "Permission denied" or "No space left on device"; git says
"fatal: bad revision". Authors and the operators of the build read Swedish, so
each is described here from the catalogue, by its errno, naming the file. The
original text is only kept where it says something the errno does not.
"""

from __future__ import annotations

import errno
import stat

from .catalogue import FILE_KINDS, OS_ERRORS


def os_reason(err: BaseException) -> str:
    """Why ``err`` happened, in Swedish, without the file name (the caller names it)."""
    number = getattr(err, "errno", None)
    name = errno.errorcode.get(number, "") if isinstance(number, int) else ""
    return OS_ERRORS.get(name) or OS_ERRORS["other"].format(name=name or type(err).__name__)


def os_path(err: BaseException, fallback: object = "") -> str:
    """The file an OSError is about: of a copy or a rename, the one written."""
    found = getattr(err, "filename2", None) or getattr(err, "filename", None)
    return str(found if found is not None else fallback)


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in Swedish ("en symbolisk länk")."""
    if stat.S_ISLNK(mode):
        return FILE_KINDS["link"]
    if stat.S_ISFIFO(mode):
        return FILE_KINDS["fifo"]
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return FILE_KINDS["device"]
    if stat.S_ISSOCK(mode):
        return FILE_KINDS["socket"]
    if stat.S_ISDIR(mode):
        return FILE_KINDS["directory"]
    return FILE_KINDS["other"]
