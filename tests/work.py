"""Work done, counted rather than timed: a test of linear time that load cannot flake.

A unit test that asserts "under one second" fails on a busy machine and passes
a quadratic scan on a fast one. These count what the code does instead; how
fast it does it is the bench's question (bench/RESULTS.md).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any


def python_lines(run: Callable[[], object]) -> int:
    """How many lines of Python ``run()`` executes (C code, such as a regex, counts as one)."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        run()
    finally:
        sys.settrace(previous)
    return count


def grows_linearly(run: Callable[[int], object], size: int, slack: float = 1.25) -> bool:
    """Whether doubling ``size`` at most doubles the Python work of ``run(size)`` (times ``slack``)."""
    small, large = python_lines(lambda: run(size)), python_lines(lambda: run(2 * size))
    return large <= 2 * slack * max(small, 1)
