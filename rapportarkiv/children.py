"""Child processes that end with the build that started them.

A build forks a page renderer (``render.background``) and workers
(``workers.parallel_map``), and the renderer starts Pagefind. A build killed
with SIGKILL (kill -9, the out-of-memory killer, a cancelled CI job) cannot
stop them itself, and a forked child would wait for work that never comes.
So each forked child asks the kernel, on Linux, to kill it when its parent
goes (``PR_SET_PDEATHSIG``). Pagefind needs nothing of the kind: it ends when
its input closes, which the kernel does for the process that dies.

The kernel sends the signal when the *thread* that forked the child ends,
not the process: fork from a thread that lives as long as the child should
(both forks here happen on the build's main thread).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1


def _load_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_prctl = _load_prctl()  # looked up once, before any fork


def die_with_parent(parent: int) -> None:
    """Called first thing in a forked child: end when ``parent`` (its pid) ends.

    If the parent is already gone (it died between the fork and this call),
    end now: the kernel would not tell us again."""
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)
