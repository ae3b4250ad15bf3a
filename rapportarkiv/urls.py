"""Links between pages, written relative to the page that holds them.

Relative links keep the site working wherever it is hosted: at a domain's
root, under a GitHub Pages project path, or opened from a folder on disk.
URLs here are site-root-relative and directory-style ('' is the home page).
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin


def relative(target: str, base: str) -> str:
    """Link from page ``base`` to ``target``."""
    if "://" in target or target.startswith(("#", "mailto:")):
        return target
    path, _, fragment = target.partition("#")
    base_dir = base if base.endswith("/") or base == "" else posixpath.dirname(base) + "/"
    rel = posixpath.relpath("/" + path, "/" + base_dir)
    if path.endswith("/") or path == "":
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


def absolute(target: str, site_url: str) -> str:
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", target)
