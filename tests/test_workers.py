"""Work spread over the cores while the caller goes on (``workers.ParallelMap``).

A fresh build converts its prose on the other cores while it reads the git
history. The conversion must give what converting in this process gives, and
a build that fails meanwhile must not leave the workers running.
"""

from __future__ import annotations

import multiprocessing
import os
from datetime import datetime
from pathlib import Path

import pytest

from factory import new_docs, write_report
from rapportarkiv import site as core
from rapportarkiv import workers
from rapportarkiv.render import markdown


def _pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


def test_a_mapping_runs_in_workers_while_the_caller_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    mapping = workers.ParallelMap(_pid_and_square, list(range(50)))
    assert multiprocessing.active_children(), "the workers started before the result was asked for"
    found = mapping.result()
    assert [square for _, square in found] == [n * n for n in range(50)]
    assert os.getpid() not in {pid for pid, _ in found}
    assert not multiprocessing.active_children(), "the workers are gone once the result is in"


def test_a_cancelled_mapping_leaves_no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    mapping = workers.ParallelMap(_pid_and_square, list(range(50)))
    mapping.cancel()
    assert not multiprocessing.active_children()


def test_little_work_is_done_in_this_process_when_asked_for() -> None:
    mapping = workers.ParallelMap(_pid_and_square, [3])
    assert not multiprocessing.active_children()
    assert mapping.result() == [(os.getpid(), 9)]


def test_a_build_that_fails_while_prose_is_converted_stops_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    docs = new_docs(tmp_path)
    for week in (41, 42, 43):
        write_report(docs, f"vecka-{week}", title=f"Vecka {week}", when=datetime(2024, 10, 7 * (week - 40), 14, 0),
                     body={"Läget": f"Kommunerna i Sjövik, vecka {week} (test_workers)."})
    with pytest.raises(core.HistoryError):  # no git repository: a production build refuses
        core.build(docs, core.options(preview=False), "https://example.org/")
    assert not multiprocessing.active_children()


def test_a_fresh_build_gets_its_prose_from_the_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    docs = new_docs(tmp_path)
    for week in (41, 42, 43):
        write_report(docs, f"vecka-{week}", title=f"Vecka {week}", when=datetime(2024, 10, 7 * (week - 40), 14, 0),
                     body={"Läget": f"Kommunerna i Sjövik ansluter vecka {week} (test_workers, fresh)."})
    markdown.take_new()
    built = core.build(docs, core.options(preview=True), "", with_history=False)
    assert markdown.take_new() == {}, "converted in the workers, not in this process"
    for report in built.archive.reports:
        assert markdown.known(markdown.digest(report.body)) == markdown.render_once(report.body)
