"""Characters an author cannot see are refused at their file and line, or are harmless.

Covers control characters (raw and made by YAML escapes), Word's line and page
breaks, zero-width and bidirectional characters, in the prose, in every value
and key of the front matter at any depth, and in a series definition. A second
line of defence keeps the feeds writable and the pages free of them when
validation is bypassed (old versions from git).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from factory import SERIES, new_docs, write_report, write_series
from lxml import etree

from rapportarkiv import characters, collection
from rapportarkiv.archive import Archive, Options
from rapportarkiv.render import feeds, markdown

WHEN = datetime(2024, 10, 11, 15, 20)

REFUSED = [
    ("\x1b", "RA020", "escape-tecken"),
    ("\x00", "RA020", "nolltecken"),
    ("\x07", "RA020", "U+0007"),
    ("\x9b", "RA020", "U+009B"),
    ("\ufffe", "RA020", "icke-tecken"),
    ("\U0010ffff", "RA020", "U+10FFFF"),
    ("\x0b", "RA021", "manuell radbrytning från Word"),
    ("\x0c", "RA021", "sidbrytning från Word"),
    ("\u2028", "RA021", "radavgränsare"),
    ("\u200b", "RA022", "nollbredd mellanslag"),
    ("\u2060", "RA022", "ordsammanfogare"),
    ("\ufeff", "RA022", "U+FEFF"),
    ("\U000e0041", "RA022", "U+E0041"),
    ("\ufe0f", "RA022", "U+FE0F"),
    ("\U000e0101", "RA022", "U+E0101"),  # after a letter it only makes another spelling
    ("\u202e", "RA023", "höger-till-vänster-åsidosättning"),
    ("\u2066", "RA023", "vänster-till-höger-isolering"),
    ("\u200f", "RA023", "höger-till-vänster-markering"),
]


def _problems(docs: Path, path: Path) -> list:
    return collection.load(docs, only=[path], base=docs, use_cache=False).problems


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


# yaml.safe_dump (the factory) writes these characters as double-quoted escapes
# ("\e", "\0", "\v", "\u202E" …): each value below reaches the parser as ASCII.
FIELDS: dict[str, tuple[dict[str, Any], str]] = {
    "description": ({"title": "Läget", "description": "Läget{c} i regionen."}, "description:"),
    "tag": ({"title": "Läget", "tags": ["Millennium", "läges{c}bild"]}, "läges"),
    "spokesperson": ({"title": "Läget", "spokespersons": [
        {"name": "Anna{c} Berg", "role": "presschef", "organisation": "VGR"}]}, "name:"),
    "action text": ({"title": "Läget", "communication": [
        {"audience": "internal", "date": "2024-10-11", "status": "planned", "channel": "Insidan",
         "text": "Nyhet{c} på Insidan"}]}, "text:"),
}


@pytest.mark.parametrize("char,code,name", REFUSED, ids=[f"U+{ord(c):04X}" for c, _, _ in REFUSED])
@pytest.mark.parametrize("field", list(FIELDS))
def test_front_matter_value_at_any_depth_is_refused_at_its_line(
    tmp_path: Path, field: str, char: str, code: str, name: str
) -> None:
    docs = new_docs(tmp_path)
    fields, needle = FIELDS[field]
    filled = {k: _fill(v, char) for k, v in fields.items()}
    path = write_report(docs, "rapport", when=WHEN, **filled)
    problems = _problems(docs, path)
    # A line separator is written as it is, not escaped: YAML cannot read it (RA014).
    typed = char in path.read_text(encoding="utf-8") and code in ("RA020", "RA021")
    assert [(p.code, p.line) for p in problems] == [("RA014" if typed else code, _line_of(path, needle))], problems
    assert name in problems[0].message


def _fill(value, char: str):
    if isinstance(value, str):
        return value.format(c=char)
    if isinstance(value, list):
        return [_fill(v, char) for v in value]
    return {k: _fill(v, char) for k, v in value.items()}


def test_a_key_made_by_an_escape_is_refused_before_the_schema(tmp_path: Path) -> None:
    docs = new_docs(tmp_path)
    path = write_report(docs, "rapport", when=WHEN, title="Läget")
    text = path.read_text(encoding="utf-8").replace("title:", '"ti\\u200Btle":', 1)
    path.write_text(text, encoding="utf-8")
    problems = _problems(docs, path)
    assert [(p.code, p.line, p.column) for p in problems] == [("RA022", 2, 1)]
    assert "⟨U+200B⟩" in problems[0].message  # the name is shown with the character made visible


@pytest.mark.parametrize("char,code,name", REFUSED, ids=[f"U+{ord(c):04X}" for c, _, _ in REFUSED])
def test_prose_character_is_refused_at_its_line_and_column(tmp_path: Path, char: str, code: str, name: str) -> None:
    docs = new_docs(tmp_path)
    path = write_report(docs, "rapport", when=WHEN, title="Läget",
                        body={"Läget just nu": f"Första raden.\nAndra{char} raden."})
    problems = _problems(docs, path)
    line = _line_of(path, "Andra")
    if char == "\x00":  # a raw NUL is refused when the bytes are read
        assert [(p.code, p.line, p.column) for p in problems] == [("RA004", line, 6)]
        return
    assert [(p.code, p.line, p.column) for p in problems] == [(code, line, 6)], problems
    assert name in problems[0].message and f"rad {line}, kolumn 6" in problems[0].message


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\u00ad"])
def test_typed_front_matter_character_has_its_exact_column(tmp_path: Path, char: str) -> None:
    docs = new_docs(tmp_path)
    path = write_report(docs, "rapport", when=WHEN, title="Läget")
    path.write_text(path.read_text(encoding="utf-8").replace("title: Läget", f"title: Lä{char}get"), encoding="utf-8")
    problems = _problems(docs, path)
    assert [(p.code, p.line, p.column) for p in problems] == [(characters.code(char), 2, 10)]


def test_series_definition_is_checked_too(tmp_path: Path) -> None:
    docs = new_docs(tmp_path)
    series = write_series(docs, name="Regional rapport\x0bMillennium")
    problems = collection.load(docs, base=docs, use_cache=False).problems
    assert [(p.path, p.code, p.line) for p in problems] == [
        (series.relative_to(docs).as_posix(), "RA021", _line_of(series, "name:"))]


def test_harmless_characters_pass(tmp_path: Path) -> None:
    """NBSP, a tab, an emoji with joiners and a soft hyphen in the prose stay as written."""
    docs = new_docs(tmp_path)
    path = write_report(docs, "rapport", when=WHEN, title="Läget\u00a0i regionen", tags=["Millennium", "👩\u200d💻"],
                        body={"Läget just nu": "Sjukvårds\u00adutvecklings\u00addirektör\tsa 12\u00a0000 ❤\ufe0f 1\ufe0f\u20e3."})
    assert _problems(docs, path) == []


def test_feed_and_prose_stay_well_formed_when_validation_is_bypassed(tmp_path: Path) -> None:
    """A report that never met the validator (an old version, a bug) cannot stop the feed writer."""
    docs = new_docs(tmp_path)
    write_report(docs, "rapport", when=WHEN, title="Läget")
    loaded = collection.load(docs, base=docs, use_cache=False)
    bad = "Lä\x1bget\x0b\x00\ufffe"
    report = dataclasses.replace(loaded.reports[0], title=bad, description=bad, body=f"## Läget just nu\n\n{bad}\n",
                                 tags=(bad,))
    archive = Archive.build(loaded.series, [report], Options(now=datetime.now().astimezone()))
    html = markdown.to_html(report.body)
    assert not any(ch in html for ch in "\x1b\x0b\x00\ufffe")
    for feed in feeds.feeds_for(archive):
        etree.fromstring(feeds.render(archive, feed, "https://example.org/"))


def test_xml_safe_leaves_normal_text_alone() -> None:
    text = "Läget i Sjuhärad: 12\u00a0000 invånare.\n\tNästa rad 👩\u200d💻"
    assert characters.xml_safe(text) is text


def test_every_refused_class_is_explained_in_swedish() -> None:
    for char, code, _ in REFUSED:
        assert characters.code(char) == code
        assert characters.describe(char).startswith(f"U+{ord(char):04X} ")
    assert SERIES  # the factory's series is the one the reports above use


def test_one_spokesperson_however_the_name_is_composed(tmp_path: Path) -> None:
    """'Åsa' typed on a Mac (A + combining ring) and on Windows (Å) is one person, with one HTML id."""
    import unicodedata

    docs = new_docs(tmp_path)
    for slug, name, day in (("mac", unicodedata.normalize("NFD", "Åsa Öberg"), 10),
                            ("windows", unicodedata.normalize("NFC", "Åsa Öberg"), 11)):
        write_report(docs, slug, when=datetime(2024, 10, day, 15, 20), title="Läget",
                     spokespersons=[{"name": name, "role": "presschef", "organisation": "VGR"}])
    loaded = collection.load(docs, base=docs, use_cache=False)
    assert loaded.problems == []
    archive = Archive.build(loaded.series, loaded.reports, Options(now=datetime.now().astimezone()))
    assert list(archive.spokespersons()) == ["Åsa Öberg"]


def test_old_versions_that_now_fail_show_no_raw_control_characters(tmp_path: Path) -> None:
    """An old version from git predates the rules: shown as written, but without what HTML cannot hold."""
    from rapportarkiv import textdiff
    from rapportarkiv.render import pages
    from rapportarkiv.versions import VersionView

    docs = new_docs(tmp_path)
    path = write_report(docs, "rapport", when=WHEN, title="Läget")
    loaded = collection.load(docs, base=docs, use_cache=False)
    report = loaded.reports[0]
    old = path.read_bytes().replace(b"Text om", b"Text\x1b\x0b om", 1)
    archive = Archive.build(loaded.series, [report], Options(now=datetime.now().astimezone()))
    view = VersionView(1, report.date, (), None, old, (), "rapporter/x/versioner/1/", None)
    page = pages.old_version_page(archive, report, None, view)  # type: ignore[arg-type]
    words = textdiff.words_html(textdiff.compare(old, path.read_bytes()).body)
    for html in (page, words):
        assert "\x1b" not in html and "\x0b" not in html
    assert "Text\ufffd\ufffd om" in page


def test_the_fast_path_misses_no_refused_character() -> None:
    """find() skips texts that str.isprintable passes: every refused character must fail it or be listed."""
    missed = [hex(code) for code in range(0x110000)
              if characters._IN_FIELDS.match(chr(code)) and chr(code).isprintable()
              and chr(code) not in characters.PRINTABLE_REFUSED
              and not chr(code).encode("utf-8").startswith(characters._TAGS_AND_SELECTORS)]
    assert missed == []


def test_messages_that_quote_the_text_carry_no_direction_controls(tmp_path: Path) -> None:
    """A heading with a right-to-left override is refused, and the warning quoting it cannot turn the line around."""
    docs = new_docs(tmp_path)
    path = write_report(docs, "rapport", when=WHEN, title="Läget")
    path.write_text(path.read_text(encoding="utf-8") + "\n## Extra\u202eavsnitt\n\nText.\n", encoding="utf-8")
    problems = _problems(docs, path)
    assert {p.code for p in problems} == {"RA023", "RA208"}
    assert not any(ch in p.message for p in problems for ch in "\u202e\u200b\u2066")
