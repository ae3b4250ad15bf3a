"""The folder of invalid examples: each file must give exactly the problems its sidecar lists.

See tests/invalid/README.md for the sidecar format. The last test makes sure
that every problem code the validator can emit has at least one example.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from rapportarkiv import catalogue, collection, frontmatter

HERE = Path(__file__).resolve().parent
INVALID = HERE / "invalid"
SIDECARS = sorted(INVALID.glob("*.expect.yml"))

# Codes the validator defines but that no example file can produce, and why.
NOT_FROM_A_FILE = {
    "RA000": "a file that cannot be read; tested in test_collection.py and test_cli.py (a path that does not exist)",
    "RA109": "fallback for schema keywords the schemas do not use; tested in test_schemas.py",
    "RA015": "a symbolic link, which a file's contents cannot be; tested in test_docs_tree.py",
    "RA231": "a FIFO or other special file; tested in test_docs_tree.py",
    "RA245": "a link to another file that is a draft; tested in test_report_links.py",
    "RA246": "a link to another file under embargo; tested in test_report_links.py",
}
# Codes below RA400 belong to `rapportarkiv validate`; later ranges to other commands.
VALIDATOR_CODE = re.compile(r"^RA[0-3]\d\d$")


def load_case(sidecar: Path) -> dict[str, Any]:
    spec = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    name = sidecar.name.removesuffix(".expect.yml")
    spec.setdefault("source", f"{name}.md")
    spec["name"] = name
    return spec


CASES = [load_case(s) for s in SIDECARS]


def place(docs: Path, spec: dict[str, Any]) -> Path:
    data = (INVALID / spec["source"]).read_bytes()
    if "pad_to" in spec:
        data += b"\nLorem ipsum dolor sit amet.\n" * (spec["pad_to"] // 28 + 1)
        data = data[: spec["pad_to"]]
    target = docs / spec["path"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


@pytest.mark.parametrize("spec", CASES, ids=[c["name"] for c in CASES])
def test_invalid_example(archive: Path, spec: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    target = place(archive, spec)
    loaded: list[str] = []
    loader = frontmatter._Loader

    def recording(text: str) -> Any:
        loaded.append(text)
        return loader(text)

    monkeypatch.setattr(frontmatter, "_Loader", recording)
    result = collection.load(archive, only=[target], base=archive)
    if spec.get("yaml_loaded") is False:
        case = target.read_text(encoding="utf-8", errors="replace")
        assert not [text for text in loaded if text in case]
    assert {p.path for p in result.problems} <= {spec["path"]}
    found = [(p.code, p.line, p.column) for p in result.problems]
    expected = [tuple(p[:3]) for p in spec["problems"]]
    assert sorted(found) == sorted(expected), [(p.code, p.line, p.column, p.message) for p in result.problems]
    for code, line, column, phrase in spec["problems"]:
        messages = [p.message for p in result.problems if (p.code, p.line, p.column) == (code, line, column)]
        assert any(phrase in m for m in messages), (phrase, messages)
    assert result.reports == [] or all(not p.is_error for p in result.problems)


def test_every_example_has_its_file_and_a_reason() -> None:
    sources = {c["source"] for c in CASES}
    data_files = {p.name for p in INVALID.iterdir()} - {s.name for s in SIDECARS} - {"README.md", ".gitattributes"}
    assert data_files == sources
    for sidecar in SIDECARS:
        assert sidecar.read_text(encoding="utf-8").startswith("# "), f"{sidecar.name} needs a comment saying why"


def test_every_validator_problem_code_has_an_example() -> None:
    validator_codes = {code for code in catalogue.PROBLEMS if VALIDATOR_CODE.match(code)}
    covered = {p[0] for c in CASES for p in c["problems"]}
    assert NOT_FROM_A_FILE.keys() <= validator_codes
    assert validator_codes - covered == set(NOT_FROM_A_FILE)
    assert not covered & set(NOT_FROM_A_FILE)
