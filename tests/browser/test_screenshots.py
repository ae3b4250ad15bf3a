"""Screenshots of the main pages of the real archive, for the README.

Written to docs-dev/screenshots/ at 1280×800 (and one at phone width): the
visible window, not the full page, so the files stay small.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sites import Served
from reading import SAMPLE_REPORT, search

SHOTS = [
    ("start.png", "", "desktop"),
    ("rapport.png", SAMPLE_REPORT, "desktop"),
    ("arkiv.png", "rapporter/", "desktop"),
    ("rapport-mobil.png", SAMPLE_REPORT, "phone"),
]


def _save(page: Any, target: Path) -> None:
    image = page.screenshot(type="png", animations="disabled", caret="hide")
    if not target.exists() or target.read_bytes() != image:
        target.write_bytes(image)
    assert image[:8] == b"\x89PNG\r\n\x1a\n" and len(image) < 400_000, f"{target.name}: {len(image)} bytes"


def test_screenshots_of_the_main_pages(reader: Any, sample_site: Served, screenshots: Path) -> None:
    for name, path, width in SHOTS:
        page = reader.open(sample_site.url(path), width)
        _save(page, screenshots / name)
    page = reader.open(sample_site.url())
    assert search(page, "kommunerna")
    page.locator("#ra-search-results li").first.wait_for()
    _save(page, screenshots / "sok.png")
    assert {p.name for p in screenshots.glob("*.png")} >= {name for name, _, _ in SHOTS} | {"sok.png"}
