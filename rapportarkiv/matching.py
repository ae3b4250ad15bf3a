"""Which lines (or words) of two versions correspond, with a bound on the work.

difflib's SequenceMatcher gives the alignments readers expect, but its work
grows with the square of the input when items repeat (16 000 identical lines,
or the spaces between words) and worse when they repeat in a pattern: a
report at the 256 KB size limit could hold a build or a pull-request check
for minutes. So every match here runs against a :class:`Budget`, counted in
the steps difflib's inner loop takes. Within it the result is difflib's,
exactly as before; beyond it lines are aligned on the lines that occur once in
each version (as patience diff does, in linear time plus a sort), difflib
aligns what lies between those anchors while the budget lasts, and what is
left is reported as replaced. Callers then say that the change is too large
to show word by word instead of stalling.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Hashable, Sequence
from itertools import pairwise

Opcode = tuple[str, int, int, int, int]

# Steps of difflib's inner loop allowed per item compared, for difflib's own
# answer and again for the anchored one, with a floor for short texts. A budget
# in proportion to the input keeps the work linear in it. Lines are mostly
# unique and take a few steps each; words repeat (and the spaces between them
# all match each other), so an edit in every paragraph takes some tens of
# steps per word and space for difflib to give its answer.
STEPS_PER_LINE = 40
STEPS_PER_WORD = 100
# The anchored answer is the fallback for input difflib could not afford: its
# stretches between anchors get less, and what they cannot afford is shown whole.
STEPS_PER_ITEM_ANCHORED = 20
MIN_STEPS = 100_000


class OverBudget(Exception):
    """Matching would take more steps than the budget has left."""


class Budget:
    """Steps left for matching, shared by every match of one comparison."""

    def __init__(self, steps: int) -> None:
        self.left = steps

    @classmethod
    def for_items(cls, items: int, per_item: int) -> Budget:
        return cls(max(MIN_STEPS, per_item * items))

    def spend(self, steps: int) -> None:
        if steps > self.left:
            self.left = 0
            raise OverBudget
        self.left -= steps


class _Matcher(difflib.SequenceMatcher):
    """SequenceMatcher that pays for each longest-match search before it runs it."""

    def __init__(self, a: Sequence[Hashable], b: Sequence[Hashable], budget: Budget) -> None:
        self._budget = budget
        self._a = a
        budget.spend(len(a) + len(b))  # building the index of b, and the opcodes
        super().__init__(None, a, b, autojunk=False)

    def find_longest_match(
        self, alo: int = 0, ahi: int | None = None, blo: int = 0, bhi: int | None = None,
    ) -> difflib.Match:
        ahi = len(self._a) if ahi is None else ahi
        # difflib's index of b, which typeshed does not declare.
        b2j: dict[Hashable, list[int]] = self.b2j  # type: ignore[attr-defined]
        a, left = self._a, self._budget.left
        steps = ahi - alo + 1
        for i in range(alo, ahi):
            steps += len(b2j.get(a[i], ()))
            if steps > left:
                break
        self._budget.spend(steps)
        return super().find_longest_match(alo, ahi, blo, bhi)


def bounded(a: Sequence[Hashable], b: Sequence[Hashable], budget: Budget) -> list[Opcode] | None:
    """difflib's opcodes for ``a`` and ``b``, or None when the budget runs out."""
    # The first search alone looks up every pair of equal items: when that is
    # beyond the budget, do not build difflib's index only to find out.
    count_b = Counter(b)
    first = sum(n * count_b[item] for item, n in Counter(a).items() if item in count_b)
    if first + len(a) > budget.left:
        return None
    try:
        return list[Opcode](_Matcher(a, b, budget).get_opcodes())
    except OverBudget:
        return None


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable], first: Budget, fallback: Budget) -> tuple[list[Opcode], bool]:
    """Opcodes (as difflib's) aligning ``a`` and ``b`` in bounded time, and whether they are complete.

    difflib's own answer while ``first`` lasts; else anchors on items unique to
    both sides, with difflib between them while ``fallback`` lasts. Not
    complete: some stretch between anchors cost too much and is given as
    replaced whole. Items are compared as small integers, so each comparison
    is one step whatever the length of a line."""
    ids: dict[Hashable, int] = {}
    x = [ids.setdefault(item, len(ids)) for item in a]
    y = [ids.setdefault(item, len(ids)) for item in b]
    found = bounded(x, y, first)
    if found is not None:
        return found, True
    return _anchored(x, y, fallback)


def line_opcodes(a: Sequence[str], b: Sequence[str]) -> tuple[list[Opcode], bool]:
    """Opcodes aligning two lists of lines, within budgets in proportion to their
    number, and whether they are complete (see :func:`opcodes`)."""
    lines = len(a) + len(b)
    return opcodes(a, b, Budget.for_items(lines, STEPS_PER_LINE), Budget.for_items(lines, STEPS_PER_ITEM_ANCHORED))


def _anchored(x: list[int], y: list[int], budget: Budget) -> tuple[list[Opcode], bool]:
    """Align on the common prefix and suffix and on items unique to both sides; difflib in between."""
    start = 0
    while start < len(x) and start < len(y) and x[start] == y[start]:
        start += 1
    end_x, end_y = len(x), len(y)
    while end_x > start and end_y > start and x[end_x - 1] == y[end_y - 1]:
        end_x, end_y = end_x - 1, end_y - 1
    anchors = [(start, start)] + _unique_anchors(x, y, start, end_x, end_y) + [(end_x, end_y)]
    ops: list[Opcode] = [("equal", 0, start, 0, start)] if start else []
    complete = True
    for number, ((i0, j0), (i1, j1)) in enumerate(pairwise(anchors)):
        if number:  # after the anchor item itself
            ops.append(("equal", i0, i0 + 1, j0, j0 + 1))
            i0, j0 = i0 + 1, j0 + 1
        if i0 == i1 and j0 == j1:
            continue
        gap = bounded(x[i0:i1], y[j0:j1], budget) if budget.left and i0 < i1 and j0 < j1 else None
        if gap is None:
            complete = complete and not (i0 < i1 and j0 < j1)
            tag = "replace" if i0 < i1 and j0 < j1 else "delete" if i0 < i1 else "insert"
            ops.append((tag, i0, i1, j0, j1))
        else:
            ops.extend((tag, a1 + i0, a2 + i0, b1 + j0, b2 + j0) for tag, a1, a2, b1, b2 in gap)
    if end_x < len(x):
        ops.append(("equal", end_x, len(x), end_y, len(y)))
    return _merge(ops), complete


def _unique_anchors(x: list[int], y: list[int], start: int, end_x: int, end_y: int) -> list[tuple[int, int]]:
    """Pairs (i, j) of lines that occur once on each side, the longest run in the same order."""
    count_x, count_y = Counter(x[start:end_x]), Counter(y[start:end_y])
    where_y = {line: j for j, line in enumerate(y[start:end_y], start) if count_y[line] == 1}
    pairs = [(i, where_y[line]) for i, line in enumerate(x[start:end_x], start)
             if count_x[line] == 1 and line in where_y]
    # Longest increasing subsequence of j (pairs are in order of i): patience sorting.
    tails: list[int] = []  # tails[k]: index in pairs of the smallest tail of a run of length k+1
    back: list[int] = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        k = _bisect(pairs, tails, j)
        if k > 0:
            back[index] = tails[k - 1]
        if k == len(tails):
            tails.append(index)
        else:
            tails[k] = index
    chain: list[tuple[int, int]] = []
    at = tails[-1] if tails else -1
    while at >= 0:
        chain.append(pairs[at])
        at = back[at]
    return chain[::-1]


def _bisect(pairs: list[tuple[int, int]], tails: list[int], j: int) -> int:
    lo, hi = 0, len(tails)
    while lo < hi:
        mid = (lo + hi) // 2
        if pairs[tails[mid]][1] < j:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _merge(ops: list[Opcode]) -> list[Opcode]:
    """Neighbouring opcodes of the same tag become one."""
    out: list[Opcode] = []
    for op in ops:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if out and out[-1][0] == op[0] == "equal":
            out[-1] = ("equal", out[-1][1], op[2], out[-1][3], op[4])
        else:
            out.append(op)
    return out
