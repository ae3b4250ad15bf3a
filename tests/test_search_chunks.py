"""The search index cut into smaller chunks (rapportarkiv/search_chunks.py).

Pagefind itself makes the index here, from pages whose commonest words are
written with å, ä and ö (the words Pagefind 1.5 does not count when it cuts
its chunks). The same pages are indexed twice, once as Pagefind cuts them
and once cut again with a small budget, and the two are compared word by
word and with Pagefind's own rule for which chunk a query term loads.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path, PurePosixPath

import cbor2
import pytest

from rapportarkiv import search, search_chunks

WORDS = ("för", "följs", "fortsätter", "förvaltningen", "framåt", "åtgärder", "lägesbild", "vårdcentralen",
         "vårdgivare", "vårdskiftet", "och", "kommunerna", "planen", "beslut", "ärendet", "översyn")


def _pages(count: int = 40) -> list[str]:
    chance = random.Random(7)
    return [
        f'<!doctype html><html lang="sv"><body><main data-pagefind-body><h1>Rapport {n}</h1>'
        f'<div data-pagefind-ignore><span data-pagefind-filter="ar">{2020 + n % 3}</span></div>'
        f'<p>{" ".join(chance.choice(WORDS) for _ in range(120))}.</p></main></body></html>'
        for n in range(count)
    ]


def _index(folder: Path, monkeypatch: pytest.MonkeyPatch, *, budget: int | None) -> Path:
    """The pages indexed by Pagefind and written as the build writes them: cut again with
    ``budget``, or as Pagefind cut them (``None``)."""
    with monkeypatch.context() as patched:
        if budget is None:
            patched.setattr(search_chunks, "recut", lambda bundle: bundle)
        else:
            patched.setattr(search_chunks, "BUDGET", budget)
        indexer = search.Indexer()
        for n, page in enumerate(_pages()):
            indexer.add(f"rapporter/{n}/", page)
        indexer.write(folder)
    return folder / "pagefind"


def _read(path: Path) -> object:
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(search_chunks.SIGNATURE)
    return cbor2.loads(raw[len(search_chunks.SIGNATURE):])


def _meta(folder: Path) -> list:
    entry = json.loads((folder / "pagefind-entry.json").read_text())
    meta = _read(folder / f"pagefind.{entry['languages']['sv']['hash']}.pf_meta")
    assert isinstance(meta, list)
    return meta


def _chunks(folder: Path) -> dict[str, list]:
    """Each chunk of the index by name, as its words' entries."""
    return {name: _read(folder / "index" / f"{name}.pf_index")[0] for _, _, name in _meta(folder)[2]}  # type: ignore[index]


def _loaded(meta: list, term: str) -> str | None:
    """The chunk Pagefind's search loads for ``term`` (pagefind_web: the first chunk whose
    first and last names the term sorts between)."""
    return next((name for first, last, name in meta[2] if first <= term <= last), None)


def _bundle(folder: Path) -> search_chunks.Bundle:
    return {PurePosixPath(p.relative_to(folder).as_posix()): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The index as Pagefind cut it, and the same index cut again with a budget of 2 000 bytes."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        as_made = _index(tmp_path_factory.mktemp("as-made"), monkeypatch, budget=None)
        monkeypatch.setattr(search_chunks, "BUDGET", 2_000)
        cut = tmp_path_factory.mktemp("cut")
        for relative, content in search_chunks.recut(_bundle(as_made)).items():
            (cut / relative).parent.mkdir(parents=True, exist_ok=True)
            (cut / relative).write_bytes(content)
    return as_made, cut


def test_pagefind_leaves_chunks_heavier_than_it_means_to(indexes: tuple[Path, Path]) -> None:
    """Why the module exists: "för" and the words filed under it weigh more than the budget."""
    as_made, _ = indexes
    heaviest = max(len(cbor2.dumps(words)) for words in _chunks(as_made).values())
    assert heaviest > 2_000 * 4


def test_every_word_is_kept_as_pagefind_wrote_it_in_chunks_within_the_budget(indexes: tuple[Path, Path]) -> None:
    as_made, cut = indexes
    before = {word[0]: cbor2.dumps(word) for words in _chunks(as_made).values() for word in words}
    after = {word[0]: cbor2.dumps(word) for words in _chunks(cut).values() for word in words}
    assert after == before, "no word lost, added or changed"
    assert len(_chunks(cut)) > 2 * len(_chunks(as_made))
    for words in _chunks(cut).values():
        assert len(words) == 1 or len(cbor2.dumps(words)) <= 2_000 + 2, [w[0] for w in words]
    # Words with a diacritic are filed under their plain form, with the forms as written inside.
    folded = next(word for words in _chunks(cut).values() for word in words if word[0] == "for")
    assert "för" in json.dumps(folded, ensure_ascii=False)


def test_a_query_term_loads_the_chunk_that_holds_it(indexes: tuple[Path, Path]) -> None:
    as_made, cut = indexes
    meta_before, meta_after = _meta(as_made), _meta(cut)
    holds = {name: {word[0] for word in words} for name, words in _chunks(cut).items()}
    for name, words in _chunks(as_made).items():
        for word in (word[0] for word in words):
            if _loaded(meta_before, word) == name:  # Pagefind's own index finds it
                loaded = _loaded(meta_after, word)
                assert loaded is not None and word in holds[loaded], word


def test_the_rest_of_the_bundle_is_unchanged_and_every_file_is_listed(indexes: tuple[Path, Path]) -> None:
    as_made, cut = indexes
    for folder in ("fragment", "filter"):
        assert ({p.name: p.read_bytes() for p in (cut / folder).iterdir()}
                == {p.name: p.read_bytes() for p in (as_made / folder).iterdir()}), folder
    assert (cut / "wasm.sv.pagefind").read_bytes() == (as_made / "wasm.sv.pagefind").read_bytes()
    meta = _meta(cut)
    assert meta[1] == _meta(as_made)[1], "the pages, in the same order"
    listed = {name for _, _, name in meta[2]}
    assert len(listed) == len(meta[2])
    assert {p.stem for p in (cut / "index").iterdir()} == listed, "no chunk left behind, none missing"
    assert len(list(cut.glob("*.pf_meta"))) == 1


def test_the_build_writes_the_index_cut_and_the_same_pages_give_the_same_chunks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, indexes: tuple[Path, Path]) -> None:
    """The build's own write (search.Indexer) cuts the index. Names follow the content, so a
    reader's browser keeps what did not change. (Pagefind's own filter files differ from run
    to run: it keeps them in hash maps.)"""
    again = _index(tmp_path, monkeypatch, budget=2_000)
    _, cut = indexes
    assert ({p.name: p.read_bytes() for p in (again / "index").iterdir()}
            == {p.name: p.read_bytes() for p in (cut / "index").iterdir()})


def test_cuts_fall_where_neighbouring_words_share_least(monkeypatch: pytest.MonkeyPatch) -> None:
    """A term finds the words it begins only in its own chunk: "vård" should keep "vårdgivare"."""
    monkeypatch.setattr(search_chunks, "BUDGET", 300)
    words = [(word, b"x" * 100) for word in ("vard", "vardcentral", "vardgiv", "varj", "vas")]
    pieces = search_chunks._cut(words)
    assert [[word for word, _ in piece] for piece in pieces] == [["vard", "vardcentral", "vardgiv"], ["varj", "vas"]]
    assert search_chunks._names("vard", "vas", pieces) == [("vard", "vardgiv"), ("vardgiv\x01", "vas")]
    heavy = [("a", b"x" * 100), ("b", b"x" * 1000), ("c", b"x" * 100)]
    assert [[w for w, _ in piece] for piece in search_chunks._cut(heavy)] == [["a"], ["b"], ["c"]]


def test_an_index_with_no_chunk_over_the_budget_is_left_as_it_is(indexes: tuple[Path, Path]) -> None:
    as_made, _ = indexes
    bundle = _bundle(as_made)
    assert search_chunks.recut(bundle) is bundle  # the default budget: these chunks are small


@pytest.mark.parametrize("damage", ["version", "meta", "chunk", "entry"])
def test_an_index_this_does_not_know_is_left_as_pagefind_wrote_it(indexes: tuple[Path, Path], damage: str) -> None:
    as_made, _ = indexes
    bundle = _bundle(as_made)
    entry = json.loads(bundle[search_chunks.ENTRY])
    meta_path = PurePosixPath(f"pagefind.{entry['languages']['sv']['hash']}.pf_meta")
    if damage == "version":
        meta = _read(as_made / meta_path.name)
        meta[0] = "2.0.0"  # type: ignore[index]
        bundle[meta_path] = gzip.compress(search_chunks.SIGNATURE + cbor2.dumps(meta))
    elif damage == "meta":
        bundle[meta_path] = b"not gzip"
    elif damage == "chunk":
        chunk = next(path for path in bundle if path.suffix == ".pf_index")
        bundle[chunk] = gzip.compress(search_chunks.SIGNATURE + b"\xff" * 100)
    else:
        bundle[search_chunks.ENTRY] = b"{"
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(search_chunks, "BUDGET", 10)
        assert search_chunks.recut(bundle) is bundle
