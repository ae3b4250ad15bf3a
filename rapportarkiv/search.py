"""Swedish full-text search with Pagefind.

Material's built-in search switches its Swedish stemmer off, only matches
prefixes, and makes every reader download the whole index. Pagefind indexes
the built HTML with Snowball's Swedish stemmer ("kommunerna" finds "kommun")
and lets the browser fetch only the index chunks a query needs.

Only report pages are indexed: they carry ``data-pagefind-body``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def index(site_dir: Path) -> None:
    """Write the search index into ``site_dir/pagefind``."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "sv", "--quiet"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SearchIndexError(result.stderr or result.stdout)
