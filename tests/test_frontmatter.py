"""YAML front matter: parsed as the author meant, or refused with a line and a reason."""

from __future__ import annotations


import pytest

from rapportarkiv import frontmatter, source


def parse(front: str):
    """Parse a front matter block as it would stand in a file (first key on line 2)."""
    found, problems = frontmatter.parse(source.Source("r.md", "", front, 2, "", 1))
    return found, [(p.code, p.line, p.column) for p in problems], [p.message for p in problems]


def data(front: str) -> dict:
    found, problems, _ = parse(front)
    assert problems == [], problems
    assert found is not None
    return found.data


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("draft: NO", "NO"),
        ("draft: yes", "yes"),
        ("draft: off", "off"),
        ("date: 10:30", "10:30"),
        ("title: 1.10", "1.10"),
        ("title: 0o17", "0o17"),
        ("title: 1_000", "1_000"),
        ("date: 2024-10-11", "2024-10-11"),
        ("date: 2024-10-11 15:20", "2024-10-11 15:20"),
        ("title: .inf", ".inf"),
        ("title: 12", "12"),
    ],
)
def test_yaml_11_traps_stay_the_text_that_was_typed(text: str, value: str) -> None:
    key = text.split(":")[0]
    assert data(text)[key] == value


@pytest.mark.parametrize(("text", "value"), [("draft: true", True), ("draft: False", False), ("x: null", None), ("x:", None), ("x: ~", None)])
def test_only_true_false_and_null_are_resolved(text: str, value: object) -> None:
    assert list(data(text).values()) == [value]


def test_keys_are_names_as_typed() -> None:
    assert data("true: 1\nnull: 2\n3: 4") == {"true": "1", "null": "2", "3": "4"}


def test_duplicate_keys_are_refused_at_the_second_one() -> None:
    _, problems, messages = parse("title: a\ndate: b\ntitle: c")
    assert problems == [("RA009", 4, 1)]
    assert "”title” står två gånger (först på rad 2)" in messages[0]


def test_duplicate_keys_in_nested_mappings() -> None:
    _, problems, _ = parse("withdrawn:\n  date: a\n  reason: b\n  date: c")
    assert problems == [("RA009", 5, 3)]


def test_tab_indentation() -> None:
    _, problems, _ = parse("tags:\n\t- a")
    assert problems == [("RA008", 3, 1)]


def test_anchor_and_alias_are_refused_at_the_anchor() -> None:
    _, problems, _ = parse("title: x\ntags:\n  - &tag a\n  - *tag")
    assert problems == [("RA010", 4, 5)]


def test_alias_bomb_is_refused_before_anything_expands(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    # Refused from the event stream: no loader is made, so nothing expands.
    monkeypatch.setattr(frontmatter, "_Loader", _no_loader)
    _, problems, _ = parse("\n".join(lines))
    assert problems == [("RA010", 2, 4)]


def _no_loader(text: str) -> None:
    raise AssertionError("the YAML was loaded")


def test_nesting_deeper_than_a_report_needs() -> None:
    _, problems, messages = parse("a:\n  b:\n    c:\n      d:\n        e:\n          f:\n            g:\n              h: x")
    assert [p[0] for p in problems] == ["RA011"]
    assert problems[0][1] == 9
    assert "djupare än 6 nivåer" in messages[0]


def test_nesting_beyond_the_yaml_parser_limit_is_the_same_problem() -> None:
    _, problems, _ = parse("a: " + "[" * 5000)
    assert [p[0] for p in problems] == ["RA011"]


@pytest.mark.parametrize("front", ["- a\n- b", "just text", "[a, b]"])
def test_front_matter_must_be_a_mapping(front: str) -> None:
    _, problems, _ = parse(front)
    assert problems == [("RA012", 2, 1)]


def test_empty_front_matter_is_an_empty_mapping() -> None:
    assert data("") == {}
    assert data("# only a comment") == {}


@pytest.mark.parametrize(
    ("front", "where", "phrase"),
    [
        ("title: Läget: oförändrat", (2, 13), "ett kolon (:) står mitt i ett värde"),
        # The line without a colon is the one reported, not the next one where libyaml noticed.
        ("title: x\ndet här är en rad utan kolon\ndate: y", (3, 1), "en rad saknar kolon"),
        # An unclosed quote or bracket is reported where it opens.
        ('title: "Läget\ndate: 2024-10-11 15:20\ndescription: x', (2, 8), "citattecken öppnas men stängs aldrig"),
        ("title: x\ntags: [a, b\ndate: y\ndescription: z", (3, 7), "en lista inom hakparenteser stängs inte"),
        ("spokespersons:\n  - name: a\n   role: b", (4, 4), "indrag"),
        ("title: @x", (2, 8), "särskild betydelse"),
        ("? [a, b]\n: c", (2, 3), "ett namn är inte vanlig text"),
        ("title: !python/object x", (2, 8), "anger en YAML-typ"),
        ("!!set {a, b}", (2, 1), "anger en YAML-typ"),
    ],
)
def test_syntax_errors_say_where_and_what_in_swedish(front: str, where: tuple[int, int], phrase: str) -> None:
    found, problems, messages = parse(front)
    assert found is None
    assert len(problems) == 1, problems
    assert problems[0] == ("RA007", *where), messages
    assert phrase in messages[0]
    assert messages[0].startswith("Front matter går inte att läsa här:")


@pytest.mark.parametrize(
    ("front", "where", "char"),
    [
        ("title: a\x01b", (2, 9), "U+0001"),
        ("title: ok\ndescription: a\u2028b", (3, 15), "U+2028"),
        ("title: a\x85b: c", (2, 9), "U+0085"),
        ("title: a\x7f", (2, 9), "U+007F"),
        ("title: a\ufffeb", (2, 9), "U+FFFE"),
    ],
)
def test_control_characters_are_named_and_located(front: str, where: tuple[int, int], char: str) -> None:
    _, problems, messages = parse(front)
    assert problems == [("RA014", *where)]
    assert char in messages[0]
    assert "kontrolltecken" in messages[0]


def test_tab_inside_a_value_is_text() -> None:
    assert data("title: a\tb") == {"title": "a\tb"}


def test_positions_of_keys_values_and_missing_keys() -> None:
    found, _, _ = parse("title: x\ncommunication:\n  - audience: internal\n    date: 2024-10-11")
    assert found is not None
    assert found.position(["title"]) == (2, 8)
    assert found.position(["title"], key=True) == (2, 1)
    assert found.position(["communication", 0, "date"]) == (5, 11)
    assert found.position(["communication", 0, "date"], key=True) == (5, 5)
    # A missing key resolves to its nearest parent; at the top, the opening ---.
    assert found.position(["communication", 0, "channel"]) == (4, 5)
    assert found.position(["description"]) == (1, 1)
    assert found.position([]) == (1, 1)


def test_the_depth_check_finds_the_same_value_as_walking_every_value() -> None:
    """``_too_deep`` walks containers only: the value it names is the one a walk
    of every value, in the same order, names first (tried on random nestings)."""
    import random

    from rapportarkiv import frontmatter

    def every_value(data: object) -> list[str | int] | None:
        stack: list[tuple[object, list[str | int]]] = [(data, [])]
        while stack:
            value, path = stack.pop()
            if len(path) > frontmatter.MAX_DEPTH:
                return path
            if isinstance(value, dict):
                stack.extend((child, [*path, key]) for key, child in value.items())
            elif isinstance(value, list):
                stack.extend((child, [*path, index]) for index, child in enumerate(value))
        return None

    generator = random.Random(11)

    def nested(depth: int) -> object:
        if depth > frontmatter.MAX_DEPTH + 2 or generator.random() < 0.2:
            return generator.choice(["text", 3, True, None, [], {}])
        if generator.random() < 0.5:
            return [nested(depth + 1) for _ in range(generator.randrange(3))]
        return {f"k{n}": nested(depth + 1) for n in range(generator.randrange(3))}

    found = 0
    for _ in range(3000):
        data = nested(0)
        expected = every_value(data)
        assert frontmatter._too_deep(data) == expected
        found += expected is not None
    assert found > 100, "some nestings are too deep"
