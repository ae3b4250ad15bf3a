"""Diffs stay near-linear up to the size limit: the work is counted, not timed.

Every longest-match search of difflib is counted in the steps of its inner
loop (the items of the second sequence each item of the first is looked up
against). Inputs that made plain difflib quadratic (16 000 repeated lines) or
worse (lines repeating in a pattern), and a long edited and renamed report in
the history guard, must stay within a bound proportional to their size.
"""

from __future__ import annotations

import difflib
import itertools
import random
from collections.abc import Iterator

import pytest
from factory import GitRepo, report_rel, seed_report

from rapportarkiv import guard, matching, textdiff
from rapportarkiv.catalogue import LABELS

# What one comparison may cost: both budgets of lines and of words, in proportion to the input.
STEPS_PER_CHARACTER = 2 * matching.STEPS_PER_LINE + 2 * matching.STEPS_PER_WORD
CEILING = 4 * matching.MIN_STEPS


@pytest.fixture
def steps(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the inner-loop steps of every difflib longest-match search."""
    spent = [0]
    original = difflib.SequenceMatcher.find_longest_match

    def counted(self, alo=0, ahi=None, blo=0, bhi=None):
        ahi = len(self.a) if ahi is None else ahi
        spent[0] += (ahi - alo) + sum(len(self.b2j.get(self.a[i], ())) for i in range(alo, ahi))
        return original(self, alo, ahi, blo, bhi)

    monkeypatch.setattr(difflib.SequenceMatcher, "find_longest_match", counted)
    yield spent


def sides(runs: tuple[textdiff.Run, ...]) -> tuple[str, str]:
    return ("".join(r.text for r in runs if r.op != "insert"), "".join(r.text for r in runs if r.op != "delete"))


def prose(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    words = [f"ord{n}" for n in range(3000)] + ["och", "i", "att", "det", "som", "på", "är", "för"] * 200
    out: list[str] = []
    while sum(map(len, out)) < size:
        out.append(" ".join(rng.choice(words) for _ in range(70)) + ".\n\n")
    return "".join(out)


def edited(text: str, every: int) -> str:
    words = text.split(" ")
    return " ".join("ändrat" if i % every == 0 else w for i, w in enumerate(words))


CASES = {
    "16 000 repeated lines, one inserted": ("- x\n" * 16_000, "- x\n" * 8_000 + "- y\n" + "- x\n" * 8_000),
    "lines repeating in a pattern": ("a\nb\nc\n" * 20_000, "c\nb\na\n" * 20_000),
    "one 64 KB paragraph, edited": (prose(64_000).replace("\n\n", " "), edited(prose(64_000).replace("\n\n", " "), 40)),
    "256 KB report, every paragraph edited": (prose(256_000), edited(prose(256_000), 30)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_diff_work_is_bounded_and_both_texts_survive(steps: list[int], name: str) -> None:
    old, new = CASES[name]
    runs, _ = textdiff.diff_body(old, new)
    assert sides(runs) == (old, new)
    assert steps[0] <= CEILING + STEPS_PER_CHARACTER * (len(old) + len(new)), steps[0]


def test_plain_difflib_would_have_exceeded_the_bound(steps: list[int]) -> None:
    """The counter sees the quadratic case: without the budget the tests above fail."""
    old, new = "- x\n" * 3_000, "- x\n" * 1_500 + "- y\n" + "- x\n" * 1_500
    difflib.SequenceMatcher(None, old.splitlines(True), new.splitlines(True), autojunk=False).get_opcodes()
    assert steps[0] > 3_000 * 3_000


def test_repeated_lines_still_show_the_one_change() -> None:
    old, new = CASES["16 000 repeated lines, one inserted"]
    runs, coarse = textdiff.diff_body(old, new)
    assert not coarse
    assert [r for r in runs if r.op != "equal"] == [textdiff.Run("insert", "- y\n")]


def test_too_many_changes_are_shown_whole_and_said_so() -> None:
    old, new = CASES["lines repeating in a pattern"]
    diff = textdiff.compare(f"---\ntitle: A\n---\n{old}".encode(), f"---\ntitle: A\n---\n{new}".encode())
    assert diff.coarse and diff.body_changed
    assert "ord för ord" in LABELS["compare.coarse"]


def _unbounded(old: str, new: str) -> tuple[textdiff.Run, ...]:
    """The word diff as it was before the budget: plain difflib on lines, then on words."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    runs: list[textdiff.Run] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(textdiff.Run("equal", "".join(a[i1:i2])))
            continue
        x, y = textdiff.tokens("".join(a[i1:i2])), textdiff.tokens("".join(b[j1:j2]))
        for op, k1, k2, l1, l2 in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
            if op in ("delete", "replace"):
                runs.append(textdiff.Run("delete", "".join(x[k1:k2])))
            if op in ("insert", "replace"):
                runs.append(textdiff.Run("insert", "".join(y[l1:l2])))
            if op == "equal":
                runs.append(textdiff.Run("equal", "".join(x[k1:k2])))
    return textdiff._tidy(runs)


@pytest.mark.parametrize("every", [200, 60, 20])
def test_a_normal_edit_is_word_by_word_exactly_as_before(every: int) -> None:
    old = prose(16_000, seed=2)
    new = edited(old, every).replace("ord7 ", "ord7\n\nEtt nytt stycke.\n\n", 1)
    runs, coarse = textdiff.diff_body(old, new)
    assert not coarse
    assert runs == _unbounded(old, new)
    assert textdiff.Run("insert", "ändrat") in runs


def test_lines_with_no_word_in_common_are_diffed_exactly_as_difflib_does() -> None:
    """A changed line that shares no token with its replacement skips difflib's
    matching (textdiff._word_runs): the answer must still be difflib's."""
    import random

    pieces = ["ord", "år", " ", "  ", "\n", ".", ",", "2024-10-11", "", "ändrat", "x"]
    generator = random.Random(14)
    for _ in range(2000):
        old = "".join(generator.choice(pieces) for _ in range(generator.randrange(6)))
        new = "".join(generator.choice(pieces) for _ in range(generator.randrange(6)))
        runs, coarse = textdiff.diff_body(old, new)
        assert not coarse
        assert runs == _unbounded(old, new), (old, new)


def test_anchored_alignment_matches_unique_lines_in_order() -> None:
    a = ["x", "A", "x", "B", "x", "C", "x"]
    b = ["x", "A", "y", "x", "C", "x", "B"]
    ops, complete = matching.opcodes(a, b, matching.Budget(0), matching.Budget(10_000))
    assert complete
    equal = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in ops if tag == "equal"]
    matched = [(a[i], b[j]) for i1, i2, j1, _ in equal for i, j in zip(range(i1, i2), range(j1, j1 + i2 - i1))]
    assert all(x == y for x, y in matched)
    assert ("A", "A") in matched and ("C", "C") in matched  # B moved: only one of B and C can stay in order
    # The opcodes cover both sides in order, without gaps.
    assert ops[0][1] == ops[0][3] == 0 and ops[-1][2] == len(a) and ops[-1][4] == len(b)
    for before, after in itertools.pairwise(ops):
        assert before[2] == after[1] and before[4] == after[3]


def test_renamed_and_edited_long_report_is_found_in_linear_work(tmp_path, steps: list[int]) -> None:
    """check-history (and so summary) compares a moved 60 KB report line by line, not character by character."""
    old_rel = report_rel("2024-10-17 14:00", "veckans-lage")
    body = prose(60_000, seed=3)
    text = seed_report("Veckans läge", body={"Läget just nu": body})
    repo = GitRepo(tmp_path / "arkiv")
    repo.pr("Rapport", {old_rel: text})
    repo.git("checkout", "-q", "-b", "andring")
    new_rel = report_rel("2024-10-17 14:00", "veckans-lage-i-regionen")
    repo.move(old_rel, new_rel)
    repo.write(new_rel, text.replace(body, edited(body, 25)))
    codes = [p.code for p in guard.check(repo.root, "main").problems]
    assert codes == ["RA505", "RA506"]
    assert steps[0] <= CEILING + STEPS_PER_CHARACTER * 2 * len(text)


def test_the_comparison_page_says_when_changes_are_shown_whole() -> None:
    from datetime import datetime, timezone

    from rapportarkiv.render import pages
    from rapportarkiv.versions import VersionView

    when = datetime(2024, 10, 17, 14, 0, tzinfo=timezone.utc)
    old_text, new_text = CASES["lines repeating in a pattern"]

    def view(number: int, text: str) -> VersionView:
        return VersionView(number, when, (), None, f"---\ntitle: A\n---\n{text}".encode(),
                           (), f"rapporter/a/versioner/{number}/", None)

    for (old, new), coarse in (((old_text, new_text), True), (("Ett stycke.", "Ett annat stycke."), False)):
        a, b = view(1, old), view(2, new)
        compared = pages.compare(a, b)
        html = pages._render("comparison.html", "rapporter/a/jamforelse/2/", title="A", old=a, new=b,
                             compared=compared, rows=[], prose=compared.prose, current_url="rapporter/a/", marks={})
        assert (LABELS["compare.coarse"] in html) is coarse
