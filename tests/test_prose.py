"""Report prose rendered once per text, and kept between builds.

The page, the start page and the feeds show the same text; it is converted
once. A build keeps every text's rendering in the cache folder, and the next
build takes it from there instead of converting again, until the text, the code
or the Markdown libraries change.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from factory import build, new_docs, write_report
from markdown import Markdown
from rapportarkiv import cache, site, workers
from rapportarkiv.collection import load
from rapportarkiv.render import markdown

WHEN = datetime(2024, 10, 17, 14, 0)
URL = "rapporter/regional-rapport-millennium-2024/2024/2024-10-17-lagesbild/"


def test_each_text_is_converted_once_per_process() -> None:
    markdown.take_new()
    text = "## Läget just nu\n\nKommunerna i Sjuhärad ansluter **den 12 november** (test_prose)."
    first = markdown.to_html(text)
    assert markdown.take_new() == {markdown.digest(text): first}
    assert markdown.to_html(text) == first
    assert markdown.take_new() == {}, "the second call converts nothing"


def test_a_rendering_handed_in_is_used_for_its_text() -> None:
    text = "## Kommande\n\nNästa rapport kommer på torsdag (test_prose, inlämnad)."
    markdown.remember({markdown.digest(text): "<p>given</p>"})
    assert markdown.to_html(text) == "<p>given</p>"
    assert markdown.to_html(text + " ") != "<p>given</p>"


def _store(root: Path) -> tuple[Path, dict[bytes, str]]:
    [path] = (root / ".rapportarkiv-cache").glob("prose-*.json")
    found = cache.read(path)
    assert found is not None
    return path, {bytes.fromhex(key): html for key, html in found[1].items()}


def test_a_build_keeps_every_rendering_and_the_next_build_uses_them(tmp_path: Path) -> None:
    docs = new_docs(tmp_path)
    report = write_report(docs, "lagesbild", when=WHEN, title="Lägesbild",
                          body={"Läget just nu": "Kommunerna i Sjuhärad ansluter den 12 november."})
    build(docs)
    path, entries = _store(tmp_path)
    loaded = load(docs)
    [body] = [r.body for r in loaded.reports]
    [about] = [s.about for s in loaded.series.values()]
    key = markdown.digest(body)
    assert set(entries) == {key, markdown.digest(about)}
    assert "Sjuhärad ansluter den 12 november" in entries[key]

    # The next build takes the kept rendering: a changed one shows on the page.
    stored = cache.read(path)
    assert stored is not None
    fingerprint, kept = stored
    kept[key.hex()] = kept[key.hex()].replace("ansluter", "ANSLUTER (ur cachen)")
    cache.write(path, fingerprint, kept)
    build(docs)
    page = (tmp_path / "site" / URL / "index.html").read_text(encoding="utf-8")
    assert "ANSLUTER (ur cachen)" in page

    # A corrected text is converted anew, and its old wording falls out of the cache.
    report.write_text(report.read_text(encoding="utf-8").replace("12 november", "19 november"), encoding="utf-8")
    build(docs, env={"RAPPORTARKIV_PREVIEW": "1"})
    page = (tmp_path / "site" / URL / "index.html").read_text(encoding="utf-8")
    assert "ansluter den 19 november" in page and "ur cachen" not in page
    _, entries = _store(tmp_path)
    assert key not in entries
    assert any("19 november" in html for html in entries.values())


def test_render_all_converts_each_unknown_text_once_in_worker_processes(monkeypatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)  # fork workers even for a few texts
    given = "## Given\n\nRedan återgiven text (test_prose, render_all)."
    markdown.remember({markdown.digest(given): "<p>given</p>"})
    texts = [f"## Vecka {week}\n\nKommunerna i Sjuhärad, vecka {week} (test_prose, render_all)." for week in range(40, 46)]
    markdown.take_new()
    markdown.render_all([*texts, texts[0], given])
    assert markdown.take_new() == {}, "converted in the workers, not in this process"
    assert markdown.known(markdown.digest(given)) == "<p>given</p>", "a known text is left as it is"
    for text in texts:
        expected = markdown.sanitise(Markdown(extensions=markdown._EXTENSIONS,
                                              extension_configs=markdown._EXTENSION_CONFIGS).convert(text))
        assert markdown.known(markdown.digest(text)) == expected


def test_a_fresh_build_has_its_prose_rendered_before_any_page(tmp_path: Path) -> None:
    docs = new_docs(tmp_path)
    write_report(docs, "lagesbild", when=WHEN, title="Lägesbild",
                 body={"Läget just nu": "Kommunerna i Sjövik ansluter den 3 december (test_prose, fresh)."})
    built = site.build(docs, site.options(preview=True), "", with_history=False)
    texts = built.shown_texts()
    assert any("Sjövik" in text for text in texts) and len(texts) == 2, "the report and its series' about text"
    for text in texts:
        assert markdown.known(markdown.digest(text)) is not None
