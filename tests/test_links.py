"""Relative links between pages, checked against posixpath.relpath.

``links.relative`` works segment by segment for speed; relpath, which it
replaced, says what the answer must be for every pair of site addresses.
"""

from __future__ import annotations

import itertools
import posixpath

from rapportarkiv.links import relative


def _by_relpath(target: str, base: str) -> str:
    if target.startswith("#"):
        return target
    path, _, fragment = target.partition("#")
    base_dir = base if base.endswith("/") or base == "" else posixpath.dirname(base) + "/"
    rel = posixpath.relpath("/" + path, "/" + base_dir)
    if path.endswith("/") or path == "":
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


def _addresses() -> list[str]:
    segments = ["rapporter", "ra220", "2024", "taggar", "flode.xml", "index.html"]
    found = [""]
    for depth in (1, 2, 3):
        for combination in itertools.product(segments, repeat=depth):
            path = "/".join(combination)
            found += [path, path + "/"]
    return found


def test_every_pair_of_addresses_links_as_relpath_would() -> None:
    addresses = _addresses()
    targets = addresses + ["rapporter/#ar-2024", "#innehall", "kalender/#vecka-41"]
    wrong = [(t, b) for t in targets for b in addresses if relative(t, b) != _by_relpath(t, b)]
    assert not wrong, wrong[:5]


def test_examples() -> None:
    assert relative("rapporter/ra220/", "rapporter/ra220/2024/") == "../"
    assert relative("", "rapporter/ra220/2024/") == "../../../"
    assert relative("rapporter/", "") == "rapporter/"
    assert relative("rapporter/", "rapporter/") == "./"
    assert relative("flode.xml", "rapporter/ra220/") == "../../flode.xml"
    assert relative("taggar/vard/#x", "taggar/") == "vard/#x"
    assert relative("https://example.org/a/", "taggar/") == "https://example.org/a/"
    assert relative("mailto:rapport@example.org", "taggar/") == "mailto:rapport@example.org"
