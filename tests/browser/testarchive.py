"""A small archive written for the browser tests, as a git repository in tmp.

The sample archive has a single report; the reader's features need more:
several years, both report types, two series, tags, spokespersons, and words
whose Swedish inflected forms the search must bridge. Each report below holds
exactly one form of one such word, so a query for another form can only find
it through stemming:

- "kommun" (singular) only in VINTER_2023; the query is "kommunerna".
- "lägesbild" only in STROMAVBROTT; the query is "lägesbilden".
- "åtgärd" only in SOMMAR; the query is "åtgärderna".

A second commit corrects SOMMAR (with a ``revisions`` entry), so the archive
has a report with two versions once the site shows versions: a number in a
paragraph and a day in a list item change.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from factory import git

REPO = Path(__file__).resolve().parents[2]

MAIN = "testregionens-lagesrapport"
WINTER = "vinterberedskap-2025"


@dataclass(frozen=True)
class TestReport:
    series: str
    day: str
    slug: str
    title: str
    type: str
    tags: tuple[str, ...]

    @property
    def url(self) -> str:
        return f"rapporter/{self.series}/{self.day[:4]}/{self.day}-{self.slug}/"

    @property
    def path(self) -> str:
        return f"docs/rapporter/{self.series}/{self.day[:4]}/{self.day}-{self.slug}.md"


VINTER_2023 = TestReport(MAIN, "2023-12-07", "lage-infor-julen", "Läget inför julen", "regular", ("Vårdplatser",))
STROMAVBROTT = TestReport(
    MAIN, "2024-03-14", "stromavbrott-i-boras", "Strömavbrott i Borås", "extra", ("Reservkraft", "Borås"),
)
SOMMAR = TestReport(MAIN, "2024-05-16", "planering-for-sommaren", "Planering för sommaren", "regular",
                    ("Vårdplatser", "Sommar"))
SNOOVADER = TestReport(WINTER, "2025-01-09", "snoovader-i-norr", "Snöoväder i norra länsdelen", "extra", ("Vinter",))

# Withdrawn: keeps its page, with the reason; marked "Återkallad" in the lists, left off the start page and its
# "latest" (not in REPORTS).
WITHDRAWN = TestReport(WINTER, "2024-12-12", "felaktig-uppgift-om-vaccin", "Felaktig uppgift om vaccinleveranser",
                       "extra", ("Vaccin",))

REPORTS = (VINTER_2023, STROMAVBROTT, SOMMAR, SNOOVADER)  # current: on the start page and in feeds
ARCHIVE = (*REPORTS, WITHDRAWN)  # the complete list on "Alla rapporter"
SPOKESPERSON = "Birgitta Ödmark"  # only in STROMAVBROTT
TAG_ONLY_WORD = "Reservkraft"  # only as a tag of STROMAVBROTT, never in its prose
EXTERNAL_LINK = "https://www.krisinformation.se/"  # in SOMMAR's prose
# The accessibility contact this archive's build configures (not the repository's).
CONTACT = {"name": "Testregionens webbredaktion", "email": "webb@testregionen.example"}

SECTIONS = {"regular": ["Läget just nu", "Kommande"], "extra": ["Beskrivning av händelsen", "Verksamhetens kommentar"]}


def _series(series_id: str, name: str, about: str) -> dict[str, Any]:
    return {
        "id": series_id,
        "name": name,
        "time_zone": "Europe/Stockholm",
        "cadence": {"frequency": "weekly", "weekday": "thursday"},
        "owner": "Kommunikationsavdelningen",
        "commissioned_by": "Regionens krisledning",
        "distribution": "Chefer och medarbetare. Publiceras på intranätet.",
        "about": about,
        "sections": SECTIONS,
    }


def _report(report: TestReport, time: str, description: str, body: dict[str, str], **fields: Any) -> str:
    data: dict[str, Any] = {
        "title": report.title,
        "series": report.series,
        "type": report.type,
        "date": f"{report.day} {time}",
        "description": description,
        "tags": list(report.tags),
        **fields,
    }
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    prose = "\n".join(f"## {heading}\n\n{body[heading]}\n" for heading in SECTIONS[report.type])
    return f"---\n{front}---\n\n{prose}"


def _sommar(corrected: bool) -> str:
    fields: dict[str, Any] = {
        "spokespersons": [{"name": "Jonas Lindqvist", "role": "beredskapschef"}],
        "communication": [
            {"audience": "internal", "date": "2024-05-16", "channel": "Intranätet", "text": "Nyhet om sommarplaneringen",
             "status": "done"},
            {"audience": "external", "date": "2024-05-17", "channel": "Webbplatsen",
             "text": "Information till invånare om sommarens öppettider"},
        ],
        "authors": ["Lisa Holm"],
    }
    if corrected:
        fields["revisions"] = [{"date": "2024-05-17 09:00", "note": "Rättat antalet vårdplatser i juli."}]
    beds = "210" if corrected else "120"
    return _report(
        SOMMAR, "14:00", "Sommarens vårdplatser är planerade; en åtgärd återstår.",
        {
            "Läget just nu": (
                f"Planeringen för sommaren är klar. I juli finns {beds} vårdplatser öppna. "
                "En åtgärd återstår: bemanningen av jourlinjen.\n\n"
                f"Läs mer om beredskap hos [Krisinformation]({EXTERNAL_LINK})."
            ),
            # A list whose second item the correction changes: the comparison marks it inside the item.
            "Kommande": "- Nästa rapport skickas torsdag vecka 21.\n"
                        f"- Jourlinjen bemannas från {'3' if corrected else '1'} juni.",
        },
        **fields,
    )


def _files(corrected: bool) -> dict[str, str]:
    return {
        f"docs/rapporter/{MAIN}/serie.yml": yaml.safe_dump(
            _series(MAIN, "Testregionens lägesrapport", "Rapporten ger en samlad bild av läget i regionen varje vecka."),
            allow_unicode=True, sort_keys=False,
        ),
        f"docs/rapporter/{WINTER}/serie.yml": yaml.safe_dump(
            _series(WINTER, "Vinterberedskap 2025", "Rapporter om vinterns väder och hur vården påverkas."),
            allow_unicode=True, sort_keys=False,
        ),
        VINTER_2023.path: _report(
            VINTER_2023, "15:00", "Inför julen är läget stabilt; varje kommun har fått besked om vårdplatserna.",
            {
                "Läget just nu": "Läget är stabilt. Varje kommun har fått besked om vårdplatserna under helgerna.",
                "Kommande": "Nästa rapport skickas efter nyår.",
            },
            communication=[{"audience": "internal", "date": "2023-12-08", "channel": "Mejl",
                            "text": "Mejl till chefer om julhelgen"}],
        ),
        STROMAVBROTT.path: _report(
            STROMAVBROTT, "10:30", "Ett strömavbrott slog ut sjukhusets el i en timme. Vården fortsatte.",
            {
                "Beskrivning av händelsen": "I morse bröts strömmen till sjukhuset under en timme. "
                                            "Lägesbild klockan tio: all vård fortsatte som planerat.",
                "Verksamhetens kommentar": "Personalen hanterade situationen lugnt och enligt plan.",
            },
            occasion="ett strömavbrott i Borås",
            spokespersons=[{"name": SPOKESPERSON, "role": "sjukhusdirektör", "organisation": "Södra Älvsborgs sjukhus"}],
            communication=[
                {"audience": "internal", "date": "2024-03-14", "channel": "Intranätet", "text": "Nyhet på intranätet",
                 "status": "done"},
                {"audience": "external", "date": "2024-03-14", "channel": "Pressmeddelande",
                 "text": "Pressmeddelande om strömavbrottet", "status": "done"},
            ],
        ),
        SOMMAR.path: _sommar(corrected),
        WITHDRAWN.path: _report(
            WITHDRAWN, "16:10", "Leveransen av vaccin sades vara försenad.",
            {
                "Beskrivning av händelsen": "Leveransen av vaccin uppgavs vara försenad en vecka.",
                "Verksamhetens kommentar": "Vaccinationerna fortsätter enligt plan.",
            },
            occasion="uppgifter om vaccinleveranser",
            withdrawn={"date": "2024-12-13 08:00", "reason": "Uppgiften om förseningen var felaktig."},
        ),
        SNOOVADER.path: _report(
            SNOOVADER, "07:45", "Snöovädret i norr påverkar transporterna till vårdcentralerna.",
            {
                "Beskrivning av händelsen": "Kraftigt snöfall i norra länsdelen sedan i natt.",
                "Verksamhetens kommentar": "Vårdcentralerna har öppet men kan få förseningar.",
            },
            occasion="ett snöoväder i norra länsdelen",
            communication=[{"audience": "external", "date": "2025-01-09", "channel": "Webbplatsen",
                            "text": "Driftinformation till invånare"}],
        ),
    }


def _git(root: Path, *args: str, when: str) -> None:
    git(root, *args, when=datetime.fromisoformat(when))


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write(root: Path) -> Path:
    """Write the archive (the site's own pages from this repository, the reports
    above) into ``root`` as a git repository with two commits; returns ``root/docs``."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    for entry in (REPO / "docs").iterdir():
        if entry.name == "rapporter":
            continue
        if entry.is_dir():
            shutil.copytree(entry, docs / entry.name)
        else:
            shutil.copy(entry, docs / entry.name)
    _write(root, _files(corrected=False))
    _git(root, "init", "-q", "-b", "main", when="2024-05-16T14:05:00+02:00")
    _git(root, "add", "-A", when="2024-05-16T14:05:00+02:00")
    _git(root, "commit", "-q", "-m", "Reports", when="2024-05-16T14:05:00+02:00")
    _write(root, {SOMMAR.path: _sommar(corrected=True)})
    _git(root, "commit", "-q", "-a", "-m", "Correct the summer report", when="2024-05-17T09:05:00+02:00")
    return docs
