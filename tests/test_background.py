"""Page content rendered ahead in a child process: same results, failures stop the build."""

from __future__ import annotations

import os

import pytest

from rapportarkiv.render import background
from rapportarkiv.render.background import Contents, RenderError

KEYS = [f"rapporter/s/2024/sida-{n}.md" for n in range(background.BACKGROUND_FROM + 50)]


def render(key: str) -> str:
    # The process that rendered the page is part of the answer, to tell where it ran.
    return f"<p>{key}</p><!-- {os.getpid()} -->"


def test_many_pages_are_rendered_in_a_child_in_any_order_asked() -> None:
    contents = Contents(render, KEYS)
    try:
        asked = list(reversed(KEYS))  # the child renders in order; the parent may ask otherwise
        got = {key: contents.take(key) for key in asked}
    finally:
        contents.close()
    assert all(got[key].startswith(f"<p>{key}</p>") for key in KEYS)
    assert {value.rsplit("<!-- ", 1)[1] for value in got.values()} != {f"{os.getpid()} -->"}


def test_few_pages_and_unknown_keys_are_rendered_here() -> None:
    contents = Contents(render, KEYS[:3])
    assert contents.take(KEYS[0]) == render(KEYS[0])
    contents.close()
    big = Contents(render, KEYS)
    try:
        assert big.take("om.md") == render("om.md")
    finally:
        big.close()


def test_a_page_that_raises_stops_with_its_name_and_traceback() -> None:
    broken = KEYS[10]

    def fragile(key: str) -> str:
        if key == broken:
            raise ValueError("trasig mall")
        return key

    contents = Contents(fragile, KEYS)
    try:
        assert contents.take(KEYS[0]) == KEYS[0]
        with pytest.raises(RenderError, match=f"(?s){broken}.*ValueError: trasig mall"):
            for key in KEYS[1:]:
                contents.take(key)
    finally:
        contents.close()


def test_a_child_that_dies_does_not_leave_the_build_waiting() -> None:
    def fatal(key: str) -> str:
        if key == KEYS[5]:
            os._exit(3)
        return key

    contents = Contents(fatal, KEYS)
    try:
        with pytest.raises(RenderError, match="stopped before it was done"):
            for key in KEYS:
                contents.take(key)
    finally:
        contents.close()


def test_finish_runs_where_the_pages_were_rendered(tmp_path) -> None:
    marker = tmp_path / "finished"

    def finish() -> None:
        marker.write_text(str(os.getpid()))

    contents = Contents(render, KEYS, finish)
    try:
        for key in KEYS:
            contents.take(key)
        contents.wait()
    finally:
        contents.close()
    assert marker.read_text() != str(os.getpid()), "in the child, after its last page"

    marker.unlink()
    small = Contents(render, KEYS[:3], finish)
    assert not marker.exists()
    small.wait()
    assert marker.read_text() == str(os.getpid()), "here, when the pages were rendered here"


def test_a_failing_finish_fails_the_wait() -> None:
    def finish() -> None:
        raise OSError("disken är full")

    contents = Contents(render, KEYS, finish)
    try:
        for key in KEYS:
            contents.take(key)
        with pytest.raises(RenderError, match="(?s)finish.*disken är full"):
            contents.wait()
    finally:
        contents.close()


SHARED = [f"rapporter/s/2024/sida-{n}/versioner/1.md" for n in range(40)]


def test_shared_pages_are_rendered_once_by_whichever_side_asks_first(tmp_path) -> None:
    """The child works through the shared pages from the back, this process from
    the front as it asks; each page is rendered once, by one side or the other."""
    import multiprocessing

    log = tmp_path / "rendered"
    parent_started, child_shared = multiprocessing.Event(), multiprocessing.Event()

    def logged(key: str) -> str:
        if key == KEYS[-1]:  # the child's last own page: held until this process renders a shared one
            parent_started.wait(10)
        if key == SHARED[0]:
            parent_started.set()
            child_shared.wait(10)  # ... until the child has rendered one too
        elif key in SHARED:
            child_shared.set()
        with log.open("a") as out:
            out.write(f"{key}\n")
        return render(key)

    contents = Contents(logged, KEYS, shared=SHARED)
    try:
        got = {key: contents.take(key) for key in SHARED + KEYS}
    finally:
        contents.close()
    here = f"<!-- {os.getpid()} -->"
    assert all(got[key].startswith(f"<p>{key}</p>") for key in got)
    assert got[SHARED[0]].endswith(here), "asked for before the child got to it"
    assert not got[SHARED[-1]].endswith(here), "the child starts from the back"
    rendered = log.read_text().split()
    assert sorted(rendered) == sorted(KEYS + SHARED), "every page once"


def test_finish_starts_when_the_childs_own_pages_are_done() -> None:
    """The search index is written while shared pages, which it leaves out, are
    still being rendered."""
    import multiprocessing

    started = multiprocessing.Event()

    def waiting(key: str) -> str:
        if key in SHARED:
            return f"{key} after finish started: {started.wait(10)}"
        return key

    contents = Contents(waiting, KEYS, started.set, shared=SHARED)
    try:
        for key in KEYS:
            contents.take(key)
        assert contents.take(SHARED[-1]) == f"{SHARED[-1]} after finish started: True"
        for key in SHARED[:-1]:
            contents.take(key)
        contents.wait()
    finally:
        contents.close()
