"""Nothing an author reads from the command line is in English.

argparse and libyaml speak English of their own ("usage:", "the following
arguments are required", "mapping values are not allowed in this context").
These tests run every command's --help and the usual mistakes on the command
line, and validate every file in tests/invalid/, and look for the English
words those libraries use. Option names (--help, --format) and the values an
author types (regular, internal) are the program's vocabulary, not English
prose, and are left out before looking.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from rapportarkiv import catalogue, cli, collection
from test_cli import run
from test_invalid_examples import CASES, place

# Words of argparse's and libyaml's messages that are not also Swedish words
# ("block", "start", "in", "not", "most" and "argument" are).
ENGLISH = re.compile(
    r"\b(the|of|and|is|are|this|that|with|found|expected|mapping|values|allowed|context|while|scanning|"
    r"parsing|could|cannot|token|sequence|stream|indicator|constructor|determine|scalar|usage|error|"
    r"arguments|required|invalid|choice|choose|options|positional|show|help|message|exit|"
    r"unrecognized|ignored|ambiguous|conflicting|following|one|at|least)\b",
    re.IGNORECASE,
)
OPTION = re.compile(r"(?<![\w-])--?[a-z][\w-]*")


def english_words(text: str) -> list[str]:
    return ENGLISH.findall(OPTION.sub(" ", text))


def test_the_word_list_finds_what_argparse_and_libyaml_say() -> None:
    assert english_words("usage: x [-h]\nerror: the following arguments are required: --base")
    assert english_words("(YAML: mapping values are not allowed in this context)")
    assert english_words("-h, --help  show this help message and exit")
    assert not english_words("användning: rapportarkiv new [-h] [--type {regular,extra}]")


def commands() -> list[list[str]]:
    parser = cli.parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return [[], *([name] for name in sub.choices)]


@pytest.mark.parametrize("command", commands(), ids=lambda c: " ".join(c) or "rapportarkiv")
def test_every_commands_help_is_swedish(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    code, out, err = run(capsys, *command, "--help")
    assert code == 0 and err == ""
    assert out.startswith("användning: rapportarkiv")
    assert "flaggor:" in out and "visa den här hjälpen och avsluta" in out
    assert english_words(out) == [], out


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        ([], "det här måste anges: kommando"),
        (["frobnicate"], "ogiltigt val: 'frobnicate'"),
        (["validate", "--nonsense"], "okända argument: --nonsense"),
        (["validate", "--format", "xml"], "--format: ogiltigt val: 'xml'"),
        (["validate", "--docs"], "--docs: ett värde behövs efter flaggan"),
        (["new", "--type", "weekly"], "--type: ogiltigt val: 'weekly'"),
        (["new", "--t", "x"], "flaggan --t är tvetydig"),
        (["check-history"], "det här måste anges: --base"),
        (["summary"], "det här måste anges: --base"),
        (["check-deploy", "extra"], "okända argument: extra"),
    ],
)
def test_usage_errors_are_swedish(capsys: pytest.CaptureFixture[str], args: list[str], phrase: str) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.startswith("användning: rapportarkiv")
    assert ": fel: " in err and phrase in err, err
    assert english_words(err) == [], err


def test_other_parsers_in_the_process_keep_their_english(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--help")
    assert "usage:" in argparse.ArgumentParser(prog="x").format_usage()


@pytest.mark.parametrize("spec", CASES, ids=[c["name"] for c in CASES])
def test_every_validate_message_is_swedish(archive: Path, spec: dict) -> None:
    target = place(archive, spec)
    result = collection.load(archive, only=[target], base=archive)
    for found in result.problems:
        words = english_words(found.message) + english_words(found.title)
        assert words == [], (found.code, found.message)
        # Parameters are data, but none carries the libraries' English either.
        assert english_words(" ".join(str(v) for k, v in found.params if k not in ("instance", "value"))) == []


def test_every_yaml_problem_is_said_in_swedish() -> None:
    for name in catalogue.YAML_PROBLEMS:
        message = catalogue.render("RA007", yaml=name)
        assert english_words(message) == [], message
        assert "YAML:" not in message
