"""Problems are one-line, bounded messages whatever the file contained."""

from __future__ import annotations

from rapportarkiv import formats
from rapportarkiv.problems import MAX_PARAMETER_LENGTH, problem


def test_line_breaks_and_control_characters_from_the_file_do_not_reach_the_message() -> None:
    found = problem("RA102", "r.md", 3, 1, key="a\r\nb\x1bc\u2028d", suggestion="", allowed="title")
    assert found.message.startswith("”a b c d” är inte en känd uppgift här.")
    assert formats.text([found]).count("\n") == 1


def test_huge_values_are_shortened() -> None:
    found = problem("RA102", "r.md", 3, 1, key="x" * 100_000, suggestion="", allowed="title")
    assert len(found.message) < MAX_PARAMETER_LENGTH + 200
    assert "x…”" in found.message


def test_positions_are_at_least_one_and_missing_parameters_show_an_ellipsis() -> None:
    found = problem("RA201", "r.md", 0, -3)
    assert (found.line, found.column) == (1, 1)
    assert found.message.startswith("Filnamnet börjar med … men date är …")
