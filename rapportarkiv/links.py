"""Links between pages, written relative to the page that holds them.

Relative links keep the site working wherever it is hosted: at a domain's
root, under a GitHub Pages project path, or opened from a folder on disk.
URLs here are site-root-relative and directory-style ('' is the home page).
"""

from __future__ import annotations

from urllib.parse import urljoin


def relative(target: str, base: str) -> str:
    """Link from page ``base`` to ``target``.

    Segment by segment rather than with ``posixpath.relpath``, which resolves
    both paths against the working directory: a report page holds dozens of
    links, and that work on every one of them shows in the time of a build."""
    if "://" in target or target.startswith(("#", "mailto:")):
        return target
    path, _, fragment = target.partition("#")
    base_dirs = [s for s in base.split("/")[:-1] if s]  # 'a/b/' and 'a/b/x.html' lie in a/b
    segments = [s for s in path.split("/") if s]
    common = 0
    for here, there in zip(base_dirs, segments):
        if here != there:
            break
        common += 1
    rel = "/".join([".."] * (len(base_dirs) - common) + segments[common:]) or "."
    if path.endswith("/") or path == "":
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


def absolute(target: str, site_url: str) -> str:
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", target)
