"""The output folder: the last build's output deleted beside the new build, and nothing left over.

A site generator empties its output folder before a build, file by file; at a
thousand reports nothing else happens meanwhile. The entries it would delete
are renamed into a hidden folder inside it instead (generators leave hidden
entries alone, MkDocs among them, and a rename on one file system is instant),
which ``rm`` deletes on the other core while the pages are made; the build
waits for it at the end. It is done only once the archive is accepted: a build
that refuses it leaves the last output in place, as the generator alone would.

A build interrupted meanwhile (Ctrl-C, a cancelled job) leaves such a folder
behind, holding pages that may since have been deleted; the generator would
keep it, and a deploy publish it. So any left by an earlier build go into the
new one too, and :func:`no_leftovers` makes sure none is left when a build ends.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# The hidden folder the last output is moved into.
TRASH = ".rapportarkiv-previous-"


@dataclass
class Clearing:
    """The last output, moved aside, being deleted by ``process``."""

    trash: Path
    process: subprocess.Popen[bytes]

    def wait(self) -> None:
        """Until the last output is gone; what ``rm`` could not delete is deleted here."""
        if self.process.wait() != 0:
            shutil.rmtree(self.trash, ignore_errors=True)


def clear_in_background(site_dir: Path) -> Clearing | None:
    """Move the last build's output aside and start deleting it; None when there is
    nothing to move, or it cannot be moved (the generator then cleans the folder
    itself, as it always did). An entry that cannot be renamed stays where it is,
    for the generator to delete or to report."""
    if not site_dir.is_dir() or shutil.which("rm") is None:
        return None
    entries = [
        entry for entry in site_dir.iterdir() if not entry.name.startswith(".") or entry.name.startswith(TRASH)
    ]
    if not entries:
        return None
    try:
        trash = Path(tempfile.mkdtemp(prefix=TRASH, dir=site_dir))
    except OSError:
        return None
    for entry in entries:
        try:
            entry.rename(trash / entry.name)
        except OSError:
            pass  # left in place for the generator to delete, or to report
    return Clearing(trash, subprocess.Popen(["rm", "-rf", "--", str(trash)], stdin=subprocess.DEVNULL))


def no_leftovers(site_dir: Path) -> Path | None:
    """Delete what an interrupted build left in ``site_dir`` (also in a build that
    moved nothing aside, such as MkDocs' --dirty); returns one that could not be
    deleted: an output that still holds it must not be published."""
    if not site_dir.is_dir():
        return None
    for entry in site_dir.iterdir():
        if entry.name.startswith(TRASH):
            shutil.rmtree(entry, ignore_errors=True)
            if entry.exists() or entry.is_symlink():
                return entry
    return None
