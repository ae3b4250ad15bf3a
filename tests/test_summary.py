"""The job summary, on fixture pull requests built as real git repositories.

Each test makes a repository in a temporary folder: a base commit on ``main``
with a small archive, then a pull request's changes on a branch (a report
added, one corrected, one broken, one deleted), and runs ``rapportarkiv
summary`` on it exactly as the workflow does.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from rapportarkiv import cli, summary
from rapportarkiv.catalogue import SUMMARY
from rapportarkiv.problems import problem

from factory import REPO, SERIES, git

SITE = "https://rapporter.example.se/arkiv/"
YEAR_DIR = f"docs/rapporter/{SERIES}/2024"


TEMPLATE = """\
---
title: {title}
series: regional-rapport-millennium-2024
type: extra
occasion: en ändringsbegäran från kommunerna
date: {day} 09:00
description: Kommunerna begär att få ansluta sig senare. Driftstarten påverkas inte.
tags:
  - Millennium
spokespersons:
  - name: Karin Looström Muth
    role: hälso- och sjukvårdsutvecklingsdirektör
    organisation: VGR
communication:
  - audience: internal
    date: {day}
    status: planned
    channel: Insidan
    text: Nyhetstext på Insidan
classification: internal
{extra}---

## Beskrivning av händelsen

{prose}

## Kända omständigheter

Dialog pågår mellan regionen och kommunerna.

## Verksamhetens kommentar

Driftstarten påverkas inte.
"""


def report(title: str, day: str, *, extra: str = "", body_note: str = "", prose: str = "") -> str:
    """A valid extra report of the sample series; ``prose`` makes it different enough not to look like a rename."""
    if prose:
        prose = "\n\n".join(f"{prose}, stycke {n}." for n in range(1, 40))
    text = TEMPLATE.format(title=title, day=day, extra=extra, prose=prose or "Kommunerna meddelar att de behöver mer tid.")
    return text + body_note


@pytest.fixture
def pull_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """main: seed + three reports. The branch: one added, one corrected, one broken, one deleted."""
    repo = tmp_path / "repo"
    (repo / YEAR_DIR).mkdir(parents=True)
    shutil.copy(REPO / "docs" / "rapporter" / SERIES / "serie.yml", repo / YEAR_DIR / ".." / "serie.yml")
    (repo / "mkdocs.yml").write_text(
        f"site_name: Rapportarkiv\nsite_url: {SITE}\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    year = repo / YEAR_DIR
    (year / "2024-10-14-rattas.md").write_text(report("Läget i vården", "2024-10-14"), encoding="utf-8")
    (year / "2024-10-15-gar-sonder.md").write_text(report("Driftstart bekräftad", "2024-10-15"), encoding="utf-8")
    (year / "2024-10-16-tas-bort.md").write_text(report("Felaktigt utskick", "2024-10-16"), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "switch", "-q", "-c", "pr")

    (year / "2024-10-17-ny-rapport.md").write_text(report("Ny lägesbild", "2024-10-17", prose="Helt ny text om driftläget i dag"), encoding="utf-8")
    corrected = report(
        "Läget i vården, rättad", "2024-10-14",
        extra="revisions:\n  - date: 2024-10-15 08:00\n    note: Rättat rubriken.\n",
        body_note="\nEn mening till.\n",
    )
    (year / "2024-10-14-rattas.md").write_text(corrected, encoding="utf-8")
    broken = report("Driftstart bekräftad", "2024-10-15").replace("type: extra\n", "type: extra\nsammanfatning: x\n")
    (year / "2024-10-15-gar-sonder.md").write_text(broken, encoding="utf-8")
    (year / "2024-10-16-tas-bort.md").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the pull request")
    monkeypatch.chdir(repo)
    for name in ("GITHUB_STEP_SUMMARY", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID", "GITHUB_SHA"):
        monkeypatch.delenv(name, raising=False)
    return repo


def run_summary(*args: str) -> int:
    return cli.main(["summary", *args])


def section(markdown: str, heading: str) -> str:
    """The text under a '### heading' up to the next heading."""
    start = markdown.index(heading)
    following = re.search(r"(?m)^##", markdown[start + len(heading):])
    return markdown[start: start + len(heading) + (following.start() if following else len(markdown))]


def test_the_base_archive_is_valid(pull_request: Path) -> None:
    git(pull_request, "switch", "-q", "main")
    assert cli.main(["validate"]) == 0


def test_summary_of_a_pull_request(pull_request: Path) -> None:
    out = pull_request / "summary.md"
    assert run_summary("--base", "main", "--output", str(out), "--artifact", "forhandsvisning-pr-7") == 0
    md = out.read_text(encoding="utf-8")

    # The verdict: the broken report fails the check twice (an unknown key, a change
    # without a revision), the deleted one once (RA501), and the deletion is called out.
    assert md.startswith("## ❌ Kontrollen hittade 3 fel")
    assert "4 filer kontrollerades." in md
    assert "Pull requesten lägger till 1 rapport, ändrar 2 rapporter och tar bort 1 rapport." in md
    assert "⛔ **Pull requesten tar bort 1 rapport.**" in md

    # Every problem, under its file, with line, code, a link to the guide and the message.
    broken = f"{YEAR_DIR}/2024-10-15-gar-sonder.md".replace("_", "\\_")
    block = section(md, f"### {broken}\n")
    assert re.search(
        r"\| 5 \| \[RA102 Okänd uppgift\]\(https://rapporter\.example\.se/arkiv/guide/felkoder/#ra102\) \| fel \| "
        r"”sammanfatning” är inte en känd uppgift här\.",
        block,
    ), block
    assert "| 5 | [RA506 Ändring utan rättelse](https://rapporter.example.se/arkiv/guide/felkoder/#ra506) | fel |" in block
    deleted_file = f"{YEAR_DIR}/2024-10-16-tas-bort.md".replace("_", "\\_")
    assert "| 1 | [RA501 Publicerad rapport borttagen]" in section(md, f"### {deleted_file}\n")
    corrected_file = f"{YEAR_DIR}/2024-10-14-rattas.md"
    assert f"### {corrected_file}\n" not in md  # a correction with a revision is fine

    # The added report: a card of its data.
    added = section(md, "### 🆕 Ny rapport: Ny lägesbild")
    assert "| Rubrik (title) | Ny lägesbild |" in added
    assert "| Typ (type) | Extrainsatt rapport |" in added
    assert "| Sammanställd (date) | torsdag 17 oktober 2024 kl. 09:00 |" in added
    assert f"| Serie (series) | Regional rapport Millennium 2024 ({SERIES}) |" in added
    assert "| Klassning (classification) | Intern |" in added
    assert "| Utkast (draft) | nej |" in added  # absent means not a draft: the card says what will happen

    # The corrected report: what changed, field by field, old → new, and the prose.
    changed = section(md, "### ✏️ Ändrad rapport: Läget i vården, rättad")
    assert "| Rubrik (title) | Läget i vården | Läget i vården<ins>, rättad</ins> |" in changed
    assert ("| Rättelser (revisions) nr 1 | – | <ins>Rättad: tisdag 15 oktober 2024 kl. 08:00 · "
            "Vad som ändrades: Rättat rubriken.</ins> |") in changed
    assert "**Ändringar i texten**" in changed and "<ins>En mening till.</ins>" in changed
    assert "(date)" not in changed.split("**Ändrat, uppgift för uppgift**")[1]

    # The broken report still gets a card; its only change is the unknown key.
    broken_card = section(md, "### ✏️ Ändrad rapport: Driftstart bekräftad")
    assert "| sammanfatning | – | <ins>x</ins> |" in broken_card
    assert "Texten i rapporten är oförändrad." in broken_card

    # The deleted report: loudly, with the data it had.
    deleted = section(md, "### ⛔ Borttagen rapport: Felaktigt utskick")
    assert "**Varning: den här pull requesten tar bort rapporten.**" in deleted
    assert "| Sammanställd (date) | onsdag 16 oktober 2024 kl. 09:00 |" in deleted
    assert md.index("⛔ Borttagen rapport") < md.index("✏️ Ändrad rapport") < md.index("🆕 Ny rapport")

    # Where to find the preview.
    assert "artefakten **forhandsvisning-pr-7**" in md
    assert SUMMARY["preview.no_pages"] in md


def test_renamed_report_is_flagged(pull_request: Path) -> None:
    old = f"{YEAR_DIR}/2024-10-14-rattas.md"
    git(pull_request, "switch", "-q", "main")
    git(pull_request, "mv", old, f"{YEAR_DIR}/2024-10-14-nytt-namn.md")
    out = pull_request / "summary.md"
    assert run_summary("--base", "main", "--output", str(out)) == 0
    md = out.read_text(encoding="utf-8")
    card = section(md, "### ⚠️ Flyttad rapport: Läget i vården")
    assert "rapporten har flyttats från docs/rapporter/" in card
    assert "2024-10-14-rattas.md till docs/rapporter/" in card
    assert "Inga uppgifter i front matter har ändrats." in card
    assert "flyttar 1 rapport" in md


def test_user_data_cannot_inject_markup(pull_request: Path) -> None:
    nasty = 'Rubrik <script>alert("x")</script> | kolumn ](javascript:alert(1)) **fet** `kod`'
    path = pull_request / YEAR_DIR / "2024-10-18-elak.md"
    path.write_text(report(f"'{nasty}'", "2024-10-18", prose="Elak text"), encoding="utf-8")
    git(pull_request, "add", str(path))
    out = pull_request / "summary.md"
    assert run_summary("--base", "main", "--output", str(out)) == 0
    md = out.read_text(encoding="utf-8")
    assert "<script>" not in md
    assert not re.search(r"(?<!\\)\]\(javascript:", md)  # no link can be formed from the title
    card = section(md, "### 🆕 Ny rapport: Rubrik &lt;script&gt;")
    row = next(line for line in card.splitlines() if line.startswith("| Rubrik (title) |"))
    # The title's | is escaped, so the row still has exactly two cells.
    assert len(re.findall(r"(?<!\\)\|", row)) == 3, row
    assert "\\*\\*fet\\*\\* \\`kod\\`" in row


def test_writes_to_github_step_summary_by_appending(pull_request: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = pull_request / "step-summary.md"
    target.write_text("Tidigare steg.\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "region/rapporter")
    monkeypatch.setenv("GITHUB_RUN_ID", "42")
    monkeypatch.setenv("GITHUB_SHA", "abc123")
    assert run_summary("--base", "main", "--artifact", "forhandsvisning-pr-7", "--pages-preview", "true") == 0
    md = target.read_text(encoding="utf-8")
    assert md.startswith("Tidigare steg.\n## ❌")
    assert "[körningens sida](https://github.com/region/rapporter/actions/runs/42)" in md
    assert f"| [5](https://github.com/region/rapporter/blob/abc123/{YEAR_DIR}/2024-10-15-gar-sonder.md#L5) |" in md
    assert SUMMARY["preview.pages"] in md


def test_stdout_without_github(pull_request: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_summary("--base", "main", "--site-url", "https://annan.example.se") == 0
    out = capsys.readouterr().out
    assert "(https://annan.example.se/guide/felkoder/#ra102)" in out
    assert SUMMARY["preview.local"] in out


def test_unknown_base_is_a_usage_error(pull_request: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_summary("--base", "origin/finns-inte") == 2
    assert "Kan inte jämföra med origin/finns-inte" in capsys.readouterr().err


def test_clean_pull_request(pull_request: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(pull_request, "switch", "-q", "main")
    path = pull_request / YEAR_DIR / "2024-10-18-ren.md"
    path.write_text(report("Allt lugnt", "2024-10-18"), encoding="utf-8")
    git(pull_request, "add", str(path))
    assert run_summary("--base", "main") == 0
    out = capsys.readouterr().out
    assert out.startswith("## ✅ Alla rapporter klarar kontrollen")
    assert "Inga problem hittades." in out
    assert "### 🆕 Ny rapport: Allt lugnt" in out


def many_problems(count: int) -> list:
    return [
        problem("RA102", f"docs/rapporter/s/2024/2024-01-{i % 28 + 1:02d}-r{i}.md", 3, 1,
                key=f"nyckel{i}", suggestion="", allowed="title, date")
        for i in range(count)
    ]


def test_truncates_below_github_limit() -> None:
    problems = many_problems(20_000)
    card = summary.Card("deleted", "docs/rapporter/s/2024/2024-01-01-x.md", None, None, {"title": "Borttagen"})
    md = summary.render(problems, 20_000, [card], summary.Context(site_url=SITE))
    size = len(md.encode("utf-8"))
    assert size <= summary.MAX_BYTES
    assert size > summary.MAX_BYTES * 0.9  # the room is used, not thrown away
    assert "**Sammanfattningen är avkortad**" in md
    assert "⛔ Borttagen rapport: Borttagen" in md  # room is kept for the cards
    shown = md.count("| [RA102 Okänd uppgift]")
    assert re.search(rf": {20_000 - shown} problem visas inte", md)


def test_small_limit_keeps_whole_files_only() -> None:
    problems = many_problems(50)
    md = summary.render(problems, 50, [], summary.Context(), limit=4_000)
    assert len(md.encode("utf-8")) <= 4_000
    files = md.count("\n### ")
    assert files == md.count("| 3 | RA102 Okänd uppgift | fel |")  # one problem per file, none cut in half
    assert f": {50 - files} problem visas inte" in md


def test_no_truncation_when_it_fits() -> None:
    md = summary.render(many_problems(10), 10, [], summary.Context())
    assert "avkortad" not in md
    assert md.count("| RA102 Okänd uppgift |") == 10


def test_site_url_from_mkdocs_yml_with_tags(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: !ENV [SITE_URL, 'https://a.example.se/']\n", encoding="utf-8")
    assert summary.site_url_from(config) is None  # a tag we do not evaluate gives no URL, not a crash
    config.write_text("hooks:\n  - !!python/name:x.y\nsite_url: https://a.example.se/\n", encoding="utf-8")
    assert summary.site_url_from(config) == "https://a.example.se/"
    assert summary.site_url_from(tmp_path / "saknas.yml") is None


def test_card_shows_audience_draft_and_embargo() -> None:
    data = {"title": "Pressinfo", "type": "regular", "date": "2024-10-17 09:00", "series": "s",
            "classification": "public", "draft": True, "publish_at": "2024-10-18 06:00"}
    card = summary.Card("added", "docs/rapporter/s/2024/2024-10-17-pressinfo.md", None, data, None)
    md = summary.render([], 1, [card], summary.Context(), series_names={"s": "Serien"})
    assert "| Typ (type) | Veckorapport |" in md
    assert "| Serie (series) | Serien (s) |" in md
    assert "| Klassning (classification) | Öppen |" in md
    assert "| Utkast (draft) | ja |" in md
    assert "| Publiceras tidigast (publish\\_at) | fredag 18 oktober 2024 kl. 06:00 |" in md


def test_a_similar_report_on_another_date_is_not_a_move(pull_request: Path) -> None:
    """git pairs the deleted report with a near-copy added on another date; the summary does not."""
    git(pull_request, "switch", "-q", "main")
    year = pull_request / YEAR_DIR
    (year / "2024-10-16-tas-bort.md").unlink()
    (year / "2024-10-23-nasta-vecka.md").write_text(report("Felaktigt utskick", "2024-10-23"), encoding="utf-8")
    git(pull_request, "add", "-A")
    assert "R0" in git(pull_request, "diff", "--cached", "--name-status", "-M", "main")  # git sees a rename
    out = pull_request / "summary.md"
    assert run_summary("--base", "main", "--output", str(out)) == 0
    md = out.read_text(encoding="utf-8")
    assert "Flyttad rapport" not in md
    assert "### ⛔ Borttagen rapport: Felaktigt utskick" in md
    assert "### 🆕 Ny rapport: Felaktigt utskick" in md


# --- Reviewing (issue 16): whole values, warnings, the prose diff, the report as it will read ----

def github_html(markdown: str) -> str:
    """The summary as GitHub renders it: cmark-gfm, GitHub's own renderer, raw HTML passed on
    (GitHub then sanitises it; what matters here is what our Markdown makes of the author's text)."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def change_on_main(repo: Path, name: str, text: str, before: str | None = None) -> str:
    """Commit ``before`` on main (when given), write ``text`` in the working tree and return the summary."""
    git(repo, "switch", "-q", "main")
    path = repo / YEAR_DIR / name
    if before is not None:
        path.write_text(before, encoding="utf-8")
        git(repo, "add", str(path))
        git(repo, "commit", "-q", "--allow-empty", "-m", f"base {name}")
    path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    out = repo / f"summary-{name}.txt"
    assert run_summary("--base", "main", "--output", str(out)) == 0
    return out.read_text(encoding="utf-8")


def card_of(md: str, heading: str) -> str:
    return section(md, heading)


def warnings_of(card: str) -> list[str]:
    """The warning lines at the top of a card, before its file name."""
    return [line for line in card.split("Fil: ")[0].splitlines() if line.startswith("> **Varning:")]


def test_communication_action_done_shows_whole_values_in_swedish(pull_request: Path) -> None:
    before = report("Läget i vården", "2024-10-14")
    after = before.replace("    status: planned\n", "    status: done\n")
    md = change_on_main(pull_request, "2024-10-14-rattas.md", after)
    card = card_of(md, "### ✏️ Ändrad rapport: Läget i vården")
    row = next(line for line in card.splitlines() if line.startswith("| Kommunikativa åtgärder (communication) nr 1 |"))
    assert row == (
        "| Kommunikativa åtgärder (communication) nr 1 "
        "| Målgrupp: Internt · Datum: måndag 14 oktober 2024 · Status: <del>Kommande</del> · Kanal: Insidan "
        "· Åtgärd: Nyhetstext på Insidan "
        "| Målgrupp: Internt · Datum: måndag 14 oktober 2024 · Status: <ins>Genomförd</ins> · Kanal: Insidan "
        "· Åtgärd: Nyhetstext på Insidan |"
    )
    # GitHub shows three cells, the change struck through and underlined, nothing in English.
    html = github_html(card)
    cells = re.findall(r"<td>(.*?)</td>", html.split("Kommunikativa åtgärder (communication) nr 1")[1])[:2]
    assert "<del>Kommande</del>" in cells[0] and "<ins>Genomförd</ins>" in cells[1]
    assert not re.search(r"\b(planned|done|internal|audience|status):", card)
    assert warnings_of(card) == []  # no change to who reads it or when


def test_made_public_is_warned_first(pull_request: Path) -> None:
    before = report("Läget i vården", "2024-10-14")
    md = change_on_main(pull_request, "2024-10-14-rattas.md", before.replace("classification: internal", "classification: public"))
    card = card_of(md, "### ✏️ Ändrad rapport: Läget i vården")
    assert warnings_of(card) == [SUMMARY["warning.public"]]
    assert card.index("Rapporten blir offentlig") < card.index("| Uppgift | Värde |")
    assert "| Klassning (classification) | <del>Intern</del> | <ins>Öppen</ins> |" in card
    assert "> **Varning:** 1 rapport ändras så att det påverkar publiceringen." in md
    # A new public report is as public as one made public.
    added = change_on_main(pull_request, "2024-10-19-oppen.md", report("Öppen lägesbild", "2024-10-19").replace(
        "classification: internal", "classification: public"))
    assert warnings_of(card_of(added, "### 🆕 Ny rapport: Öppen lägesbild")) == [SUMMARY["warning.public"]]


def test_embargo_set_and_moved(pull_request: Path) -> None:
    base = report("Läget i vården", "2024-10-14")
    embargoed = base.replace("classification: internal\n", "classification: internal\npublish_at: 2024-10-15 06:00\n")
    md = change_on_main(pull_request, "2024-10-14-rattas.md", embargoed)
    card = card_of(md, "### ✏️ Ändrad rapport: Läget i vården")
    assert warnings_of(card) == [
        "> **Varning: Rapporten får ett embargo.** Den publiceras tidigast tisdag 15 oktober 2024 kl. 06:00."
    ]
    moved = embargoed.replace("publish_at: 2024-10-15 06:00", "publish_at: 2024-10-16T04:00Z")
    md = change_on_main(pull_request, "2024-10-14-rattas.md", moved, before=embargoed)
    card = card_of(md, "### ✏️ Ändrad rapport: Läget i vården")
    # A time with a zone is shown in the series' time zone, as the site shows it.
    assert warnings_of(card) == [
        "> **Varning: Embargot flyttas.** Rapporten publiceras tidigast onsdag 16 oktober 2024 kl. 06:00 "
        "i stället för tisdag 15 oktober 2024 kl. 06:00."
    ]
    lifted = change_on_main(pull_request, "2024-10-14-rattas.md", base, before=moved)
    assert warnings_of(card_of(lifted, "### ✏️ Ändrad rapport: Läget i vården")) == [
        "> **Varning: Embargot tas bort.** Rapporten publiceras när pull requesten slås ihop, "
        "inte onsdag 16 oktober 2024 kl. 06:00."
    ]


def test_draft_removed_is_warned(pull_request: Path) -> None:
    final = report("Nästa lägesbild", "2024-10-19")
    draft = final.replace("classification: internal\n", "classification: internal\ndraft: true\n")
    md = change_on_main(pull_request, "2024-10-19-utkast.md", final, before=draft)
    card = card_of(md, "### ✏️ Ändrad rapport: Nästa lägesbild")
    assert warnings_of(card) == [SUMMARY["warning.draft_removed"]]
    assert "| Utkast (draft) | <del>ja</del> | – |" in card
    # Setting draft: false says the same as removing it.
    md = change_on_main(pull_request, "2024-10-19-utkast.md", draft.replace("draft: true", "draft: false"), before=draft)
    assert warnings_of(card_of(md, "### ✏️ Ändrad rapport: Nästa lägesbild")) == [SUMMARY["warning.draft_removed"]]


def test_withdrawal_and_its_reverse(pull_request: Path) -> None:
    base = report("Läget i vården", "2024-10-14")
    withdrawn = base.replace(
        "classification: internal\n",
        "classification: internal\nwithdrawn:\n  date: 2024-10-16 10:00\n  reason: Uppgifterna var inte bekräftade.\n",
    )
    md = change_on_main(pull_request, "2024-10-14-rattas.md", withdrawn)
    card = card_of(md, "### ✏️ Ändrad rapport: Läget i vården")
    assert warnings_of(card) == [
        "> **Varning: Rapporten återkallas.** Den finns kvar på sin adress med notisen ”Rapporten har återkallats "
        "onsdag 16 oktober 2024 kl. 10:00” och skälet: Uppgifterna var inte bekräftade."
    ]
    assert ("| Återkallad (withdrawn) | – | <ins>Återkallad: onsdag 16 oktober 2024 kl. 10:00 · "
            "Skäl: Uppgifterna var inte bekräftade.</ins> |") in card
    md = change_on_main(pull_request, "2024-10-14-rattas.md", base, before=withdrawn)
    assert warnings_of(card_of(md, "### ✏️ Ändrad rapport: Läget i vården")) == [SUMMARY["warning.unwithdrawn"]]


def test_series_definition_change_is_warned(pull_request: Path) -> None:
    git(pull_request, "switch", "-q", "main")
    path = pull_request / YEAR_DIR / ".." / "serie.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Publiceras på intranätet.", "Publiceras på intranätet och externt."), encoding="utf-8")
    out = pull_request / "summary.md"
    assert run_summary("--base", "main", "--output", str(out)) == 0
    md = out.read_text(encoding="utf-8")
    card = card_of(md, "### ⚠️ Ändrad serie: Regional rapport Millennium 2024")
    assert SUMMARY["warning.series"] in card
    assert ("| Mottagare (distribution) | Politisk ledning och chefer. Publiceras på intranätet. "
            "| Politisk ledning och chefer. Publiceras på intranätet <ins>och externt</ins>. |") in card
    assert "Pull requesten ändrar inga rapporter." in md


def test_prose_word_diff_short_and_long(pull_request: Path) -> None:
    before = report("Läget i vården", "2024-10-14")
    after = before.replace("Kommunerna meddelar att de behöver mer tid.", "Kommunerna meddelar i dag att de behöver mer tid.")
    md = change_on_main(pull_request, "2024-10-14-rattas.md", after)
    card = card_of(md, "### ✏️ Ändrad rapport: Läget i vården")
    assert "**Ändringar i texten**" in card and "<details>" not in card
    assert "Kommunerna meddelar <ins>i dag</ins> att de behöver mer tid." in card
    assert "Dialog pågår" not in card  # unchanged paragraphs are left out
    # Many changed paragraphs are folded, with their count.
    long_before = report("Lång", "2024-10-20", prose="Första lydelsen av texten")
    long_after = long_before.replace("Första lydelsen", "Andra lydelsen")
    md = change_on_main(pull_request, "2024-10-20-lang.md", long_after, before=long_before)
    card = card_of(md, "### ✏️ Ändrad rapport: Lång")
    assert "<details><summary>Ändringar i texten (39 ändrade stycken)</summary>" in card
    assert card.count("<del>Första</del> <ins>Andra</ins> lydelsen av texten, stycke") == 39
    html = github_html(card)
    assert html.count("<details>") == html.count("</details>") == 1


def test_rendered_report_as_it_will_read(pull_request: Path) -> None:
    md = pull_request / "summary.md"
    assert run_summary("--base", "main", "--output", str(md)) == 0
    text = md.read_text(encoding="utf-8")
    rendered = text.split(f"## {SUMMARY['rendered.heading']}")[1]
    block = rendered[rendered.index("<details><summary>Ny lägesbild</summary>"):]
    block = block[: block.index("</details>")]
    assert "Regional rapport Millennium 2024 · Extrainsatt rapport" in block
    assert "#### Ny lägesbild" in block
    assert "Med anledning av en ändringsbegäran från kommunerna" in block
    assert "Sammanställd: torsdag 17 oktober 2024 kl. 09:00" in block
    assert "<div><h5>Beskrivning av händelsen</h5> <p>Helt ny text om driftläget i dag, stycke 1.</p>" in block
    assert "| tors 17 okt. | Internt | Insidan | Nyhetstext på Insidan | Kommande |" in block
    assert "- Karin Looström Muth, hälso- och sjukvårdsutvecklingsdirektör, VGR" in block
    # The corrected report too; the broken one is not shown (the problems above say why), nor the deleted one.
    assert "<details><summary>Läget i vården, rättad</summary>" in rendered
    assert "<summary>Driftstart bekräftad</summary>" not in rendered
    assert "<summary>Felaktigt utskick</summary>" not in rendered
    # GitHub reads the prose as one HTML block: the headings are HTML, not Markdown.
    html = github_html(block + "</details>\n")
    assert "<h5>Beskrivning av händelsen</h5>" in html and "<h4>Ny lägesbild</h4>" in html


def test_the_artifact_is_linked_from_the_run(pull_request: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in (("GITHUB_SERVER_URL", "https://github.com"), ("GITHUB_REPOSITORY", "region/rapporter"),
                        ("GITHUB_RUN_ID", "42")):
        monkeypatch.setenv(name, value)
    out = pull_request / "summary.md"
    assert run_summary("--base", "main", "--output", str(out), "--artifact", "forhandsvisning-pr-7") == 0
    md = out.read_text(encoding="utf-8")
    assert ("artefakten **forhandsvisning-pr-7** på [körningens sida](https://github.com/region/rapporter/actions/runs/42)"
            in md)
    assert SUMMARY["rendered.intro"] in md


HOSTILE_PROSE = """\
Hej @region/alla och @karin, se ![spårning](https://evil.example/pixel.png) och <img src="https://evil.example/b.png" alt="b">.

| a | b |
| --- | --- |
| `![x](https://evil.example/c.png)` | [länk](https://example.se/) |

```
</div>

![kod](https://evil.example/d.png)
```

</details>

Slut <details><summary>Falsk</summary>
"""  # never closed, in a paragraph: a <details> opening a line and never closed is refused (RA026)


def test_author_text_cannot_inject_into_the_summary(pull_request: Path) -> None:
    """A valid report (the validator passes it) whose title and prose try everything Markdown and HTML allow."""
    title = "Läget @region/alla | ![x](https://evil.example/t.png) **fet**"
    text = report("Läget", "2024-10-22").replace("title: Läget", f"title: '{title}'")
    text = text.replace("Kommunerna meddelar att de behöver mer tid.", HOSTILE_PROSE.replace("<details open>", "<details>"))
    md = change_on_main(pull_request, "2024-10-22-elak.md", text)
    assert "Inga problem hittades." in md, md[:3000]
    html = github_html(md)
    # No image, no author's <details>, no mention, every table row with its own cells.
    assert "<img" not in html
    assert html.count("<details") == html.count("</details>")
    assert not re.search(r"@(region|karin)\b", html)
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        assert row.count("<td>") in (0, 2, 5), row
    rendered = html.split(SUMMARY["rendered.heading"])[1]
    assert "[bild: spårning]" in rendered and "[bild: b]" in rendered
    assert '<a href="https://example.se/">länk</a>' in rendered  # an absolute link is kept
    assert "![x](https://evil.example/c.png)" in rendered  # Markdown in code stays text
    # The author's </details> and <summary> are the author's own elements, closed where the author's text ends:
    # the report's folded block still ends with the summary's own </details>.
    assert rendered.count("<summary>") == 1 + rendered.count("<summary>Falsk</summary>")


def test_one_error_is_it_two_are_them(pull_request: Path) -> None:
    git(pull_request, "switch", "-q", "main")
    path = pull_request / YEAR_DIR / "2024-10-21-fel.md"
    path.write_text(report("Ett fel", "2024-10-21").replace("type: extra\n", "type: extra\nokand: 1\n"), encoding="utf-8")
    git(pull_request, "add", str(path))
    out = pull_request / "summary.md"
    assert run_summary("--base", "main", "--output", str(out)) == 0
    assert out.read_text(encoding="utf-8").startswith("## ❌ Kontrollen hittade 1 fel – rätta det innan")
    path.write_text(report("Två fel", "2024-10-21").replace("type: extra\n", "type: extra\nokand: 1\nannan: 2\n"),
                    encoding="utf-8")
    assert run_summary("--base", "main", "--output", str(out)) == 0
    md = out.read_text(encoding="utf-8")
    assert md.startswith("## ❌ Kontrollen hittade 2 fel – rätta dem innan")
    assert "Pull requesten lägger till 1 rapport." in md


def test_fifty_reports_stay_readable_and_bounded(pull_request: Path) -> None:
    git(pull_request, "switch", "-q", "main")
    for n in range(50):
        day = f"2024-11-{n % 28 + 1:02d}"
        path = pull_request / YEAR_DIR / f"{day}-rapport-{n}.md"
        path.write_text(report(f"Rapport {n}", f"{day}", prose=f"Text nummer {n} om läget"), encoding="utf-8")
    git(pull_request, "add", "-A")
    out = pull_request / "summary.md"
    assert run_summary("--base", "main", "--output", str(out)) == 0
    md = out.read_text(encoding="utf-8")
    assert len(md.encode()) <= summary.MAX_BYTES
    assert "Pull requesten lägger till 50 rapporter." in md
    assert md.count("### 🆕 Ny rapport:") == 50
    assert md.count("<details><summary>Rapport ") == 50
    # With a smaller limit the cards come first and the reports as they will read make room, with a note.
    cards = summary.report_cards(pull_request, pull_request / "docs", "main")
    small = summary.build(pull_request, pull_request / "docs", "main", summary.Context(), limit=120_000)
    assert len(small.encode()) <= 120_000
    assert small.count("### 🆕 Ny rapport:") == len([c for c in cards if c.kind == "added"]) == 50
    shown = small.count("<details><summary>Rapport ")
    assert 0 < shown < 50
    assert f"**{50 - shown} rapporter visas inte här**" in small
    html = github_html(small)
    assert html.count("<details") == html.count("</details>")


def test_inert_html_keeps_code_lines_and_drops_what_github_should_not_get() -> None:
    from rapportarkiv import gfm

    html = gfm.inert_html(
        '<h2 id="x">Rubrik</h2>\n<p>Se <a href="annan.md">den</a> och <a href="https://a.se/">den här</a>, '
        '@team.</p>\n<pre><code>rad 1\n\n## rad 3</code></pre>'
    )
    assert "\n" not in html  # one line: GitHub never reads any of it as Markdown
    assert html == (
        '<div><h5>Rubrik</h5> <p>Se den och <a href="https://a.se/">den här</a>, @&#8203;team.</p> '
        "<pre><code>rad 1&#10;&#10;## rad 3</code></pre></div>"
    )
    before, after = gfm.word_pair("Status: Kommande", "Status: Genomförd | x")
    assert (before, after) == ("Status: <del>Kommande</del>", "Status: <ins>Genomförd \\| x</ins>")


@pytest.mark.parametrize("value", ["1. Karin Looström", "- Karin", "---", "2) Presschef", "= rubrik", "12.5 procent"])
def test_a_value_that_opens_a_line_stays_text_in_a_list_item(value: str) -> None:
    """A spokesperson is a list item of the card: a name that starts like a list or a rule stays the name."""
    from rapportarkiv import gfm

    rendered = github_html(f"**Talespersoner**\n\n- {gfm.text(value)}\n")
    assert rendered.count("<li>") == 1 and "<ol" not in rendered and "<hr" not in rendered, rendered
    assert f"<li>{value}</li>" in rendered, rendered
