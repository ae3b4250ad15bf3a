"""Screenshots of the main pages of the real archive, for the README.

Written to docs-dev/screenshots/: the visible window (not the full page, so the
files stay small) at 1280×800 and at phone width (390 px), the search results
page, and the first printed A4 page of the sample report (Chromium's PDF turned
into a PNG with poppler's pdftoppm, as a reader's printout looks).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from sites import Served
from reading import SAMPLE_REPORT, search

SHOTS = [
    ("start.png", "", "desktop"),
    ("rapport.png", SAMPLE_REPORT, "desktop"),
    ("arkiv.png", "rapporter/", "desktop"),
    ("kalender.png", "kalender/", "desktop"),
    ("rapport-mobil.png", SAMPLE_REPORT, "phone"),
    ("start-mobil.png", "", "phone"),
]
PNG = b"\x89PNG\r\n\x1a\n"


def _keep(image: bytes, target: Path) -> None:
    if not target.exists() or target.read_bytes() != image:
        target.write_bytes(image)
    assert image[:8] == PNG and len(image) < 400_000, f"{target.name}: {len(image)} bytes"


def _save(page: Any, target: Path) -> None:
    _keep(page.screenshot(type="png", animations="disabled", caret="hide"), target)


def _printed(page: Any, target: Path) -> None:
    """The first A4 page as printed, at 60 dpi (readable, and small enough for the README)."""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: ./dev installs poppler-utils"
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "rapport.pdf"
        pdf.write_bytes(page.pdf(format="A4", print_background=True))
        subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(Path(tmp) / "a4")],
                       check=True, capture_output=True)
        _keep((Path(tmp) / "a4.png").read_bytes(), target)


def test_screenshots_of_the_main_pages(reader: Any, sample_site: Served, screenshots: Path) -> None:
    for name, path, width in SHOTS:
        page = reader.open(sample_site.url(path), width)
        _save(page, screenshots / name)
    page = reader.open(sample_site.url())
    assert search(page, "kommunerna")
    page.locator("#ra-search-results li").first.wait_for()
    _save(page, screenshots / "sok.png")
    for name, width in (("sokresultat.png", "desktop"), ("sokresultat-mobil.png", "phone")):
        page = reader.open(sample_site.url("sok/?q=v%C3%A5rdplatser"), width)
        page.locator("#ra-results-list li").first.wait_for()
        _save(page, screenshots / name)
    _printed(reader.open(sample_site.url(SAMPLE_REPORT)), screenshots / "rapport-utskrift.png")
    wanted = {name for name, _, _ in SHOTS} | {"sok.png", "sokresultat.png", "sokresultat-mobil.png", "rapport-utskrift.png"}
    assert {p.name for p in screenshots.glob("*.png")} >= wanted
