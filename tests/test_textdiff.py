"""Comparing two versions of a report: changed fields and a word-level prose diff."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factory import seed_report
from rapportarkiv import textdiff
from rapportarkiv.field_changes import display
from rapportarkiv.textdiff import Run


def sides(runs: tuple[Run, ...]) -> tuple[str, str]:
    old = "".join(r.text for r in runs if r.op != "insert")
    new = "".join(r.text for r in runs if r.op != "delete")
    return old, new


def test_one_changed_swedish_word_is_one_deletion_and_one_insertion() -> None:
    runs = textdiff.diff_words(
        "Kommunerna i södra området ansluter den 12 november.",
        "Kommunerna i södra området ansluter den 3 december.",
    )
    assert runs == (
        Run("equal", "Kommunerna i södra området ansluter den "),
        Run("delete", "12 november"),
        Run("insert", "3 december"),
        Run("equal", "."),
    )


def test_words_with_a_a_o_and_dates_are_whole_tokens() -> None:
    assert textdiff.tokens("Lägesbilden för VGR:s åtgärder 2024-10-11 kl. 15:20") == [
        "Lägesbilden", " ", "för", " ", "VGR:s", " ", "åtgärder", " ", "2024-10-11", " ", "kl", ".", " ", "15:20",
    ]
    runs = textdiff.diff_words("Åtgärderna är klara.", "Åtgärderna är påbörjade.")
    assert Run("delete", "klara") in runs and Run("insert", "påbörjade") in runs


def test_insertion_only_and_deletion_only() -> None:
    assert textdiff.diff_words("Läget är stabilt.", "Läget är fortsatt stabilt.") == (
        Run("equal", "Läget är "), Run("insert", "fortsatt "), Run("equal", "stabilt."),
    )
    assert textdiff.diff_words("Ett stycke.\n\nEtt till.", "Ett stycke.") == (
        Run("equal", "Ett stycke."), Run("delete", "\n\nEtt till."),
    )
    assert textdiff.diff_words("Samma text.", "Samma text.") == (Run("equal", "Samma text."),)


def test_paragraph_breaks_are_not_glued_into_changes() -> None:
    runs = textdiff.diff_words("Första stycket.\n\nAndra stycket.", "Första delen.\n\nAndra delen.")
    assert Run("equal", ".\n\nAndra ") in runs
    assert [r.op for r in runs] == ["equal", "delete", "insert", "equal", "delete", "insert", "equal"]


@given(st.text(alphabet="abcåäö ,.\n-:12", max_size=60), st.text(alphabet="abcåäö ,.\n-:12", max_size=60))
def test_the_runs_always_rebuild_both_texts(old: str, new: str) -> None:
    runs = textdiff.diff_words(old, new)
    assert sides(runs) == (old, new)
    # Tidy: no empty runs, no two equal runs in a row, deletions before insertions.
    assert all(r.text for r in runs)
    for first, second in zip(runs, runs[1:]):
        assert not (first.op == second.op == "equal")
        assert not (first.op == "insert" and second.op == "delete")


def test_compare_lists_changed_fields_old_and_new() -> None:
    old = seed_report("Veckans läge", description="Införandet går enligt plan.")
    new = seed_report(
        "Veckans läge i regionen", description="Införandet går enligt plan.", channel="Mejl",
        revisions=[("2024-10-18 09:00", "Rättat rubriken och kanalen.")],
        body={"Läget just nu": "Under veckan har arbetet med läget just nu fortsatt enligt en ny plan.",
              "Händelser och beslut": "Under veckan har arbetet med händelser och beslut fortsatt enligt plan i regionens förvaltningar.",
              "Kommande": "Under veckan har arbetet med kommande fortsatt enligt plan i regionens förvaltningar."},
    )
    found = textdiff.compare(old.encode(), new.encode())

    assert [(f.key, f.kind) for f in found.fields] == [
        ("title", "changed"), ("communication", "changed"), ("revisions", "added"),
    ]
    title = found.fields[0]
    assert (title.label, title.old, title.new) == ("Rubrik", "Veckans läge", "Veckans läge i regionen")
    revisions = found.fields[2]
    assert revisions.old is None and display(revisions.old) == "(saknas)"
    assert display(revisions.new) == "date: 2024-10-18 09:00, note: Rättat rubriken och kanalen."
    assert "channel: Mejl" in display(found.fields[1].new) and "channel: Insidan" in display(found.fields[1].old)
    assert found.changed and found.body_changed
    assert Run("insert", "en ny ") in found.body
    assert Run("delete", " i regionens förvaltningar") in found.body
    old_body, new_body = sides(found.body)
    assert old_body.startswith("## Läget just nu") and new_body.endswith("i regionens förvaltningar.")


def test_compare_identical_versions_and_a_removed_field() -> None:
    text = seed_report("Veckans läge", draft=False)
    same = textdiff.compare(text.encode(), text.encode())
    assert not same.changed and same.fields == ()
    without = textdiff.compare(text.encode(), seed_report("Veckans läge").encode())
    assert [(f.key, f.kind, display(f.old), display(f.new)) for f in without.fields] == [("draft", "removed", "nej", "(saknas)")]
    assert not without.body_changed


def test_a_version_without_readable_front_matter_is_compared_as_text() -> None:
    found = textdiff.compare(b"Bara text, ingen front matter.", "Bara text, med front matter.".encode())
    assert found.fields == ()
    assert Run("delete", "ingen") in found.body and Run("insert", "med") in found.body


def test_words_html_marks_changes_accessibly_and_escapes() -> None:
    runs = textdiff.diff_words("Mötet <i> kväll & i dag.", "Mötet <i> morgon & i dag.")
    out = textdiff.words_html(runs)
    assert out == (
        'Mötet &lt;i&gt; '
        '<del><span class="ra-visually-hidden">Borttaget: </span>kväll</del>'
        '<ins><span class="ra-visually-hidden">Tillagt: </span>morgon</ins>'
        ' &amp; i dag.'
    )


def test_a_correction_in_one_of_many_like_paragraphs_shows_only_its_words() -> None:
    same = "Kommunerna ansluter enligt plan.\n\n"
    old = same * 3 + "Beslut tas den 12 november.\n\n" + same
    new = same * 3 + "Beslut tas senast den 14 november.\n\n" + same
    runs = textdiff.diff_words(old, new)
    changed = [run for run in runs if run.op != "equal"]
    assert [run.op for run in changed] == ["insert", "delete", "insert"]
    assert "".join(run.text for run in changed if run.op == "delete") == "12"
    assert "".join(run.text for run in changed if run.op == "insert").split() == ["senast", "14"]
    assert runs[0] == textdiff.Run("equal", same * 3 + "Beslut tas ")
