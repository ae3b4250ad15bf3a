"""Bytes to text and front matter split: what Windows editors and broken files produce."""

from __future__ import annotations

import pytest

from rapportarkiv import source


def decode(data: bytes):
    text, problems = source.decode(data, "r.md")
    return text, [(p.code, p.line, p.column) for p in problems]


def test_bom_and_crlf_are_read_as_the_author_meant() -> None:
    text, problems = decode(b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nText\r\n")
    assert problems == []
    assert text == "---\ntitle: x\n---\nText\n"


def test_old_mac_line_endings_become_newlines() -> None:
    assert decode(b"---\rtitle: x\r---\r")[0] == "---\ntitle: x\n---\n"


@pytest.mark.parametrize("data", [b"", b"   \n\n\t", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n"])
def test_empty_file_even_with_only_a_byte_order_mark(data: bytes) -> None:
    assert decode(data) == (None, [("RA001", 1, 1)])


def test_non_utf8_byte_is_located_by_line_and_character_column() -> None:
    # Latin-1 'ä' (0xE4) on line 3, after 'Läg' written correctly in UTF-8.
    data = "---\ntitle: x\nLäg".encode() + b"\xe4et\n---\n"
    assert decode(data) == (None, [("RA003", 3, 4)])


def test_non_utf8_position_ignores_the_byte_order_mark_and_crlf() -> None:
    data = b"\xef\xbb\xbf---\r\nti\xfftle: x\r\n---\r\n"
    assert decode(data) == (None, [("RA003", 2, 3)])


def test_nul_byte_is_located() -> None:
    assert decode(b"---\r\ntitle: \xc3\xa5\x00\n---\n") == (None, [("RA004", 2, 9)])


def test_size_limit_is_checked_before_anything_else() -> None:
    data = b"\x00" * (source.MAX_FILE_BYTES + 1)
    text, problems = source.decode(data, "r.md")
    assert text is None
    assert [p.code for p in problems] == ["RA002"]
    assert str(source.MAX_FILE_BYTES) in problems[0].message


def test_file_at_the_size_limit_is_accepted() -> None:
    data = b"---\ntitle: x\n---\n"
    data += b"a" * (source.MAX_FILE_BYTES - len(data))
    assert decode(data)[1] == []


def split(text: str):
    found, problems = source.split(text, "r.md")
    return found, [(p.code, p.line, p.column) for p in problems]


def test_split_gives_file_lines_for_front_matter_and_body() -> None:
    found, problems = split("---\ntitle: x\ndate: y\n---\n\n## A\n")
    assert problems == []
    assert found is not None
    assert found.front_matter == "title: x\ndate: y"
    assert found.front_matter_line == 2
    assert found.body == "\n## A\n"
    assert found.body_line == 5


def test_closing_fence_may_be_dots_and_fences_may_have_trailing_spaces() -> None:
    found, problems = split("---  \ntitle: x\n... \nText")
    assert problems == [] and found is not None
    assert found.front_matter == "title: x"
    assert found.body == "Text"


@pytest.mark.parametrize("text", ["title: x\n---\n", "\n---\ntitle: x\n---\n", "--- title: x\n---\n", "# Rubrik\n"])
def test_missing_front_matter(text: str) -> None:
    assert split(text) == (None, [("RA005", 1, 1)])


def test_unterminated_front_matter() -> None:
    assert split("---\ntitle: x\n\n## Rubrik\n") == (None, [("RA006", 1, 1)])
