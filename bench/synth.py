"""A synthetic archive of N reports: what the benchmarks build and validate.

The archive looks like the real one grown over years: three series (more
above 2 700 reports: regional editions, so that each series spans about a
decade), a regular report every Thursday plus extra reports in between, Swedish prose
with the inflected forms a Swedish search must handle (kommun, kommunen,
kommunerna; lägesbild, lägesbilden; åtgärd, åtgärderna), tags, spokespersons
and communication actions. Everything is drawn from a seeded random
generator, so one (N, seed) always gives the same bytes and figures from
different runs compare.

The folder it writes is a complete site: ``mkdocs.yml`` copied from the
repository (hooks and ``custom_dir`` pointing back at the repository's), the
site's own pages from ``docs/`` and the generated reports. With ``--git`` the
archive is also a git repository whose history adds every report on its date
and corrects a tenth of them one to three times (each correction a new
``revisions`` entry), written in one ``git fast-import`` stream.

The ``blog`` flavour writes the same reports as posts for mkdocs-material's
blog plugin (the baseline the issue compares with): same prose and history,
front matter in the form that plugin accepts.

    python bench/synth.py OUT --reports 1000 [--git] [--seed 1]
    python bench/synth.py --check        # generate a small archive and validate it
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from rapportarkiv import layout  # noqa: E402

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# The newest regular report of every series: a fixed Thursday, so the output
# does not depend on the day the benchmark runs.
LAST_THURSDAY = date(2026, 6, 25)
REPORTS_PER_YEAR = 60  # 52 weekly reports and about 8 extra ones
SHARES = (0.5, 0.3, 0.2)
# A series spans about a decade: larger archives have more series (regional editions of
# the three above), not a century of weekly reports (git cannot date a commit before 1970).
REPORTS_PER_SERIES_MAX = 900
EDITIONS = ("Fyrbodal", "Skaraborg", "Södra Älvsborg", "Göteborg", "Norra Hisingen", "Sjuhärad", "Dalsland",
            "Västra Skaraborg")
CORRECTED_SHARE = 0.1

# --- Series -------------------------------------------------------------------

MODEL_SERIES = "regional-rapport-millennium-2024"


@dataclass(frozen=True)
class SeriesSpec:
    id: str
    name: str
    regular: tuple[str, ...]
    extra: tuple[str, ...]
    owner: str
    commissioned_by: str
    about: str


SERIES = (
    SeriesSpec(
        MODEL_SERIES, "Regional rapport Millennium 2024",
        ("Läget just nu", "Händelser och beslut", "Kommande"),
        ("Beskrivning av händelsen", "Kända omständigheter", "Verksamhetens kommentar"),
        "Koncernstab kommunikation, Koncernkontoret", "Regional särskild organisation Millennium 2024", "",
    ),
    SeriesSpec(
        "lagesrapport-vardinformationssystem", "Lägesrapport vårdinformationssystem",
        ("Sammanfattning", "Driftläge", "Åtgärder", "Nästa steg"),
        ("Vad har hänt", "Konsekvenser för verksamheten", "Åtgärder"),
        "Regional utveckling, IT-förvaltningen", "Hälso- och sjukvårdsstyrelsen",
        "Lägesrapporten ger chefer och förvaltningar en samlad lägesbild av vårdinformationssystemet: "
        "driftläge, störningar, åtgärder och beslut. Den är aktuell när den skickas.",
    ),
    SeriesSpec(
        "regional-rapport-driftstorningar", "Regional rapport driftstörningar",
        ("Läget just nu", "Störningar under veckan", "Kommande"),
        ("Beskrivning av händelsen", "Påverkan på verksamheten", "Verksamhetens kommentar"),
        "Koncernstab kommunikation, Koncernkontoret", "Regional IT-beredskap",
        "Rapporten sammanfattar driftstörningar som påverkar vården och hur de hanteras. "
        "Den riktar sig till chefer, beredskapsfunktioner och kommunikatörer.",
    ),
)


def series_count_for(n: int) -> int:
    return max(len(SERIES), -(-n // REPORTS_PER_SERIES_MAX))


def series_specs(count: int) -> list[SeriesSpec]:
    """The first ``count`` series: the three above, then regional editions of them."""
    specs = list(SERIES[:count])
    for index in range(count - len(specs)):
        base, edition = SERIES[index % len(SERIES)], EDITIONS[index // len(SERIES) % len(EDITIONS)]
        suffix = "" if index < len(SERIES) * len(EDITIONS) else f"-{index}"
        specs.append(SeriesSpec(
            f"{base.id}-{layout.slugify(edition)}{suffix}", f"{base.name} {edition}{suffix.replace('-', ' ')}",
            base.regular, base.extra, base.owner, base.commissioned_by,
            base.about or f"Rapporten ger en samlad lägesbild för {edition}. Den är aktuell när den skickas.",
        ))
    return specs


def series_text(spec: SeriesSpec) -> str:
    """The series definition: the model series is copied from the repository as it is."""
    if spec.id == MODEL_SERIES:
        return (REPO / "docs" / layout.series_path(MODEL_SERIES)).read_text(encoding="utf-8")
    lines = [
        f"# Definitionen av serien {spec.name}.",
        f"id: {spec.id}",
        f"name: {spec.name}",
        "time_zone: Europe/Stockholm",
        "cadence:",
        "  frequency: weekly",
        "  weekday: thursday",
        f"owner: {spec.owner}",
        f"commissioned_by: {spec.commissioned_by}",
        "distribution: Chefer och förvaltningar. Publiceras på intranätet.",
        "about: |",
        f"  {spec.about}",
        "",
        "  Vid behov sammanställs extrainsatta rapporter utöver ordinarie utskick.",
        "sections:",
        "  regular:",
        *(f"    - {s}" for s in spec.regular),
        "  extra:",
        *(f"    - {s}" for s in spec.extra),
    ]
    return "\n".join(lines) + "\n"


# --- Swedish vocabulary --------------------------------------------------------
# Nouns in their four forms (indefinite and definite, singular and plural), so
# the prose has the inflections a stemmer must bring together.

NOUNS = {
    "kommun": ("kommun", "kommunen", "kommuner", "kommunerna"),
    "lägesbild": ("lägesbild", "lägesbilden", "lägesbilder", "lägesbilderna"),
    "åtgärd": ("åtgärd", "åtgärden", "åtgärder", "åtgärderna"),
    "vårdcentral": ("vårdcentral", "vårdcentralen", "vårdcentraler", "vårdcentralerna"),
    "mottagning": ("mottagning", "mottagningen", "mottagningar", "mottagningarna"),
    "störning": ("störning", "störningen", "störningar", "störningarna"),
    "integration": ("integration", "integrationen", "integrationer", "integrationerna"),
    "behörighet": ("behörighet", "behörigheten", "behörigheter", "behörigheterna"),
    "utbildning": ("utbildning", "utbildningen", "utbildningar", "utbildningarna"),
    "ärende": ("ärende", "ärendet", "ärenden", "ärendena"),
    "beslut": ("beslut", "beslutet", "beslut", "besluten"),
    "tidplan": ("tidplan", "tidplanen", "tidplaner", "tidplanerna"),
    "vårdgivare": ("vårdgivare", "vårdgivaren", "vårdgivare", "vårdgivarna"),
    "journal": ("journal", "journalen", "journaler", "journalerna"),
    "remiss": ("remiss", "remissen", "remisser", "remisserna"),
    "superanvändare": ("superanvändare", "superanvändaren", "superanvändare", "superanvändarna"),
    "förvaltning": ("förvaltning", "förvaltningen", "förvaltningar", "förvaltningarna"),
    "test": ("test", "testet", "tester", "testerna"),
    "risk": ("risk", "risken", "risker", "riskerna"),
    "avvikelse": ("avvikelse", "avvikelsen", "avvikelser", "avvikelserna"),
    "patient": ("patient", "patienten", "patienter", "patienterna"),
    "medarbetare": ("medarbetare", "medarbetaren", "medarbetare", "medarbetarna"),
    "läkemedelslista": ("läkemedelslista", "läkemedelslistan", "läkemedelslistor", "läkemedelslistorna"),
    "e-tjänst": ("e-tjänst", "e-tjänsten", "e-tjänster", "e-tjänsterna"),
    "driftstart": ("driftstart", "driftstarten", "driftstarter", "driftstarterna"),
}

ACTORS = (
    "Kommunerna i Sjuhärad", "VästKom", "Programmet Millennium", "Införandeteamet", "IT-förvaltningen",
    "Leverantören", "Koncernkontoret", "Primärvården", "Specialistvården", "Sahlgrenska Universitetssjukhuset",
    "Skaraborgs Sjukhus", "NU-sjukvården", "Södra Älvsborgs Sjukhus", "Regionala supportcentret",
    "Vårdcentralerna i Fyrbodal", "Folktandvården", "Habilitering och hälsa", "Kommunerna i Göteborgsregionen",
    "Ledningsgruppen", "Regional särskild organisation",
)
REGIONS = ("Sjuhärad", "Fyrbodal", "Skaraborg", "Göteborgsregionen", "södra området", "norra området")
ADJECTIVES = ("stabil", "ansträngd", "oförändrad", "förbättrad", "osäker", "god", "pressad")
FORUMS = ("ledningsgruppen", "regionstyrelsen", "styrgruppen för Millennium", "samverkansforumet med VästKom",
          "den regionala beredskapsgruppen", "förvaltningsrådet")
SYSTEMS = ("Millennium", "vårdinformationssystemet", "journalsystemet", "1177 Vårdguiden", "NPÖ",
           "läkemedelsmodulen", "tidbokningen", "remisshanteringen", "inloggningstjänsten", "Vårdskiftet")

OCCASIONS = (
    "ett beslut i regionstyrelsen", "en driftstörning i journalsystemet", "en ändringsbegäran från {region}",
    "ett uppdaterat besked från leverantören", "frågor från media om {system}", "en incident i {system}",
    "ett nytt besked om tidplanen för {region}", "en avvikelse som rör patientsäkerheten",
    "förseningar i integrationerna mot {system}", "ett beslut om att skjuta upp driftstarten i {region}",
)

TAGS = (
    "Millennium", "kommunerna", "tidplan", "driftstart", "lägesbild", "utbildning", "driftstörning", "1177",
    "journal", "primärvården", "specialistvården", "informationssäkerhet", "behörigheter", "integration",
    "läkemedel", "e-tjänster", "support", "beslut", "ekonomi", "Sjuhärad", "Fyrbodal", "Skaraborg",
    "Göteborgsregionen", "privata vårdgivare", "åtgärder", "kommunikation", "media", "invånare",
    "patientsäkerhet", "beredskap", "superanvändare", "tandvård",
)

SPOKESPERSONS = (
    ("Karin Looström Muth", "hälso- och sjukvårdsutvecklingsdirektör", "VGR"),
    ("Anders Bergström", "regiondirektör", "VGR"),
    ("Maria Lindqvist", "programchef Millennium", "VGR"),
    ("Johan Ekström", "IT-direktör", "VGR"),
    ("Sara Holmgren", "kommunikationsdirektör", "VGR"),
    ("Per Åkesson", "chefläkare", "Sahlgrenska Universitetssjukhuset"),
    ("Elin Sjöberg", "förvaltningschef", "Skaraborgs Sjukhus"),
    ("Mikael Öberg", "informationssäkerhetschef", "VGR"),
    ("Lena Håkansson", "ordförande", "VästKom"),
    ("Fredrik Nyström", "förbundsdirektör", "Sjuhärads kommunalförbund"),
    ("Annika Dahl", "verksamhetschef primärvård", "Närhälsan"),
    ("Ulf Strömberg", "biträdande programchef", "VGR"),
    ("Helena Ågren", "pressansvarig", "VGR"),
    ("Jonas Wikström", "driftchef", "IT-förvaltningen"),
    ("Ingrid Forsberg", "hälso- och sjukvårdsdirektör", "VGR"),
    ("Ahmed Karimi", "chefläkare", "NU-sjukvården"),
    ("Sofia Lund", "socialchef", "Borås stad"),
    ("Erik Sandberg", "beredskapschef", "VGR"),
)
AUTHORS = ("Koncernstab kommunikation", "Programkontoret Millennium", "IT-förvaltningens kommunikatörer")

CHANNELS = {
    "internal": (("Insidan", "Nyhetstext på Insidan"), ("Mejl", "Mejlutskick till chefer"),
                 ("Chefsbrev", "Information i chefsbrevet"), ("Teams", "Informationsmöte för superanvändare"),
                 ("Medarbetarportalen", "Uppdaterad lägesbild på medarbetarportalen"),
                 ("Privata vårdgivare", "Information till privata vårdgivare")),
    "external": (("Pressmeddelande", "Pressmeddelande"), ("Vårdskiftet", "Extern nyhetstext på Vårdskiftet"),
                 ("vgregion.se", "Nyhet på vgregion.se"), ("1177", "Information till invånare på 1177"),
                 ("Sociala medier", "Inlägg i sociala medier")),
}


class Prose:
    """Sentences from templates; each call draws from the archive's random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def noun(self, lemma: str | None = None, form: int | None = None) -> str:
        forms = NOUNS[lemma or self.rng.choice(list(NOUNS))]
        return forms[self.rng.randrange(4) if form is None else form]

    def pick(self, items):
        return self.rng.choice(items)

    def sentence(self, week: int) -> str:
        r, n, p = self.rng, self.noun, self.pick
        templates = (
            lambda: f"{p(ACTORS)} meddelar att {n('tidplan', 1)} för {p(REGIONS)} ligger fast.",
            lambda: f"Lägesbilden för {p(SYSTEMS)} är {p(ADJECTIVES)} och {r.randint(2, 40)} {n('ärende', 2)} är öppna.",
            lambda: f"Under vecka {week} har {p(ACTORS).lower()} genomfört {n('åtgärd', 3)} som beslutades i {p(FORUMS)}.",
            lambda: f"Det finns {r.randint(3, 90)} öppna {n('ärende', 2)} hos supporten, varav {r.randint(1, 9)} rör {n('behörighet', 3)}.",
            lambda: f"Beskedet påverkar inte {n('driftstart', 1)} för regionens verksamheter.",
            lambda: f"{n('kommun', 3).capitalize()} och regionen är eniga om vägen framåt och har samsyn om {n('tidplan', 1)}.",
            lambda: f"Varje {n('kommun', 0)} får stöd av en kontaktperson, och {n('kommun', 1)} ansvarar för sin egen {n('utbildning', 0)}.",
            lambda: f"{n('åtgärd', 3).capitalize()} följs upp i {p(FORUMS)} nästa vecka.",
            lambda: f"En samlad {n('lägesbild', 0)} tas fram inför mötet i {p(FORUMS)}, och {n('lägesbild', 1)} delas med {n('kommun', 3)}.",
            lambda: f"{r.randint(40, 98)} procent av {n('medarbetare', 3)} har genomgått {n('utbildning', 1)} i {p(SYSTEMS)}.",
            lambda: f"{n('störning', 1).capitalize()} i {p(SYSTEMS)} varade i {r.randint(10, 180)} minuter och påverkade {n('mottagning', 3)} i {p(REGIONS)}.",
            lambda: f"{n('integration', 3).capitalize()} mot {p(SYSTEMS)} har testats utan allvarliga {n('avvikelse', 2)}.",
            lambda: f"För invånare och {n('patient', 3)} innebär det ingen märkbar skillnad här och nu.",
            lambda: f"{n('vårdgivare', 3).capitalize()} i {p(REGIONS)} fortsätter att använda befintlig lösning för {n('remiss', 3)}.",
            lambda: f"{n('superanvändare', 3).capitalize()} på {n('vårdcentral', 3)} är förberedda och har fått uppdaterade instruktioner.",
            lambda: f"{n('risk', 3).capitalize()} för patientsäkerheten bedöms som låga, men {n('avvikelse', 3)} följs upp dagligen.",
            lambda: f"{n('läkemedelslista', 1).capitalize()} och {n('journal', 1)} visas korrekt efter rättningen.",
            lambda: f"{p(ACTORS)} har fattat {n('beslut', 0)} om en ny {n('åtgärd', 0)} för {n('e-tjänst', 3)}.",
            lambda: f"Förvaltningen ser över {n('behörighet', 3)} för {n('medarbetare', 2)} som byter {n('mottagning', 0)}.",
            lambda: f"{n('test', 3).capitalize()} av {p(SYSTEMS)} fortsätter enligt plan i {p(REGIONS)}.",
        )
        return self.rng.choice(templates)()

    def paragraph(self, week: int, sentences: tuple[int, int] = (2, 4)) -> str:
        return " ".join(self.sentence(week) for _ in range(self.rng.randint(*sentences)))

    def section(self, title: str, week: int) -> str:
        if title in ("Kommande", "Nästa steg", "Verksamhetens kommentar", "Åtgärder") and self.rng.random() < 0.7:
            items = [f"- {self.sentence(week)}" for _ in range(self.rng.randint(2, 5))]
            return f"## {title}\n\n" + "\n".join(items) + "\n"
        paragraphs = [self.paragraph(week) for _ in range(self.rng.randint(1, 3))]
        return f"## {title}\n\n" + "\n\n".join(paragraphs) + "\n"


# --- Reports -----------------------------------------------------------------------


@dataclass
class Report:
    """One generated report and its versions (the last one is what lies on disk)."""

    series: str
    rel: str  # below docs/, in our layout
    compiled: datetime  # Europe/Stockholm
    versions: list[str] = field(default_factory=list)
    version_times: list[datetime] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.versions[-1]


_PLAIN_UNSAFE = re.compile(r"""^[\s\-?:,\[\]{}#&*!|>'"%@`]|: |\s#|:$|^(?:y|n|yes|no|true|false|on|off|null|~)$|^[\d.+-]""", re.I)


def scalar(text: str) -> str:
    """A YAML scalar as an author would write it: plain where that is safe, quoted otherwise."""
    return json.dumps(text, ensure_ascii=False) if _PLAIN_UNSAFE.search(text) else text


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M")


def front_matter(data: dict, flavour: str) -> str:
    """Front matter in the seed report's style. ``flavour='blog'`` gives mkdocs-material's
    blog plugin what it demands: a YAML timestamp for ``date`` and no ``authors`` ids."""
    out = ["---"]
    for key, value in data.items():
        if flavour == "blog" and key == "authors":
            continue
        if key == "date" and flavour == "blog":
            out.append(f"date: {value}:00")
        elif key == "date":
            out.append(f"date: {value}")
        elif isinstance(value, bool):
            out.append(f"{key}: {'true' if value else 'false'}")
        elif isinstance(value, str):
            out.append(f"{key}: {scalar(value)}")
        elif isinstance(value, dict):
            out.append(f"{key}:")
            out.extend(f"  {k}: {scalar(v)}" for k, v in value.items())
        elif value and isinstance(value[0], dict):
            out.append(f"{key}:")
            for item in value:
                first = True
                for k, v in item.items():
                    out.append(f"  {'- ' if first else '  '}{k}: {v if k == 'date' else scalar(v)}")
                    first = False
        else:
            out.append(f"{key}:")
            out.extend(f"  - {scalar(v)}" for v in value)
    out.append("---")
    return "\n".join(out) + "\n"


def _title(kind: str, prose: Prose, week: int, region: str, system: str) -> str:
    rng = prose.rng
    if kind == "regular":
        topic = rng.choice((
            f"lägesbilden för {system}", f"{prose.noun('åtgärd', 3)} i {region}", f"{prose.noun('kommun', 3)} och tidplanen",
            f"driftläget i {system}", f"utbildningen av {prose.noun('medarbetare', 3)}", f"supportläget i {region}",
        ))
        return f"Vecka {week}: {topic}"
    actor = rng.choice(ACTORS)
    verb = rng.choice(("begär", "meddelar", "skjuter upp", "inför", "pausar", "rapporterar", "utreder"))
    thing = rng.choice((
        "senare anslutning till Millennium", f"en störning i {system}", f"ny tidplan för {region}",
        f"{prose.noun('åtgärd', 2)} efter driftstarten", f"begränsade {prose.noun('behörighet', 2)}",
        f"utbildningen i {region}", f"en avvikelse i {system}",
    ))
    return f"{actor} {verb} {thing}"


def _slug(title: str) -> str:
    return layout.slugify(title.replace(":", ""), max_length=50)


def _extra_moment(rng: random.Random, first: date, last: date) -> datetime:
    day = first + timedelta(days=rng.randrange((last - first).days + 1))
    return datetime(day.year, day.month, day.day, rng.randint(7, 19), rng.choice((0, 10, 15, 20, 30, 40, 45, 50)),
                    tzinfo=STOCKHOLM)


def generate(n: int, seed: int, specs: list[SeriesSpec]) -> list[Report]:
    """N reports spread over the series, newest regular report of each on LAST_THURSDAY."""
    rng = random.Random(seed)
    prose = Prose(rng)
    shares = SHARES[:len(specs)] if len(specs) <= len(SHARES) else (1,) * len(specs)
    counts = [int(n * s / sum(shares)) for s in shares]
    counts[0] += n - sum(counts)
    reports: list[Report] = []
    for spec, count in zip(specs, counts):
        regular = round(count * 52 / REPORTS_PER_YEAR)
        extra = count - regular
        thursdays = [LAST_THURSDAY - timedelta(weeks=i) for i in range(regular)]
        first = thursdays[-1] if thursdays else LAST_THURSDAY - timedelta(days=60)
        moments = [("regular", datetime(d.year, d.month, d.day, rng.randint(13, 16), rng.choice((0, 15, 30, 45)),
                                        tzinfo=STOCKHOLM)) for d in thursdays]
        moments += [("extra", _extra_moment(rng, first, LAST_THURSDAY)) for _ in range(extra)]
        moments.sort(key=lambda m: m[1])
        used: set[str] = set()
        for kind, when in moments:
            reports.append(_report(spec, kind, when, prose, used))
    return reports


def _report(spec: SeriesSpec, kind: str, when: datetime, prose: Prose, used: set[str]) -> Report:
    rng = prose.rng
    week = when.isocalendar().week
    region, system = rng.choice(REGIONS), rng.choice(SYSTEMS)
    title = _title(kind, prose, week, region, system)
    day = when.date().isoformat()
    base = _slug(title) or "rapport"
    slug, k = base, 2
    while f"{day}-{slug}" in used:
        slug, k = f"{base}-{k}", k + 1
    used.add(f"{day}-{slug}")
    rel = layout.expected_report_path(spec.id, day, slug)

    description = prose.sentence(week)
    second = prose.sentence(week)
    if len(description) + len(second) < 290:
        description = f"{description} {second}"
    data: dict = {"title": title, "series": spec.id, "type": kind}
    if kind == "extra":
        data["occasion"] = rng.choice(OCCASIONS).format(region=region, system=system)
    data["date"] = _stamp(when)
    data["description"] = description[:300]
    data["tags"] = rng.sample(TAGS, rng.randint(2, 5))
    data["spokespersons"] = [
        {"name": name, "role": role, "organisation": org}
        for name, role, org in rng.sample(SPOKESPERSONS, rng.randint(1, 2))
    ]
    actions = []
    for _ in range(rng.randint(2, 6)):
        audience = rng.choice(("internal", "external"))
        channel, text = rng.choice(CHANNELS[audience])
        action_day = when.date() + timedelta(days=rng.randint(0, 7))
        actions.append({"audience": audience, "date": action_day.isoformat(),
                        "status": "done" if action_day <= when.date() else "planned",
                        "channel": channel, "text": text})
    data["communication"] = sorted(actions, key=lambda a: (a["audience"], a["date"]))
    if rng.random() < 0.3:
        data["authors"] = [rng.choice(AUTHORS)]
    data["classification"] = "public" if rng.random() < 0.25 else "internal"
    if rng.random() < 0.005:
        data["draft"] = True

    body_sections = spec.regular if kind == "regular" else spec.extra
    body = "\n".join(prose.section(title, week) for title in body_sections)

    report = Report(spec.id, rel, when)
    published = when + timedelta(minutes=rng.randint(10, 90))
    report.versions.append(_compose(data, body))
    report.version_times.append(published)
    if not data.get("draft") and rng.random() < CORRECTED_SHARE:
        revisions = []
        moment = published
        for _ in range(rng.randint(1, 3)):
            moment = moment + timedelta(hours=rng.randint(2, 24 * 20), minutes=rng.randint(0, 59))
            revisions.append({"date": _stamp(moment), "note": f"Rättelse: {prose.sentence(week).rstrip('.').lower()}."})
            body = body.replace("\n\n", f"\n\n{prose.sentence(week)} ", 1)
            data["revisions"] = list(revisions)
            report.versions.append(_compose(data, body))
            report.version_times.append(moment)
    if not data.get("draft") and rng.random() < 0.002:
        last = report.version_times[-1] + timedelta(days=rng.randint(1, 30))
        data["withdrawn"] = {"date": _stamp(last), "reason": "Rapporten innehöll uppgifter som inte stämde."}
        report.versions.append(_compose(data, body))
        report.version_times.append(last)
    return report


def _compose(data: dict, body: str) -> str:
    # Kept as (front matter data, body): the flavour is applied when written.
    return json.dumps([data, body], ensure_ascii=False)


def render(version: str, flavour: str) -> str:
    data, body = json.loads(version)
    return front_matter(data, flavour) + "\n" + body


def output_rel(report: Report, flavour: str) -> str:
    """Path below docs/: our layout, or the blog plugin's posts folder."""
    if flavour == "blog":
        return "blog/posts/" + report.rel.removeprefix(f"{layout.REPORTS_DIR}/")
    return report.rel


# --- The site around the reports ---------------------------------------------------------


def site_config(source: Path | None = None) -> str:
    """The repository's mkdocs.yml with hooks and custom_dir pointing back into the repository."""
    text = (source or REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s*-\s*)(hooks/\S+)\s*$", lambda m: f"{m.group(1)}{REPO / m.group(2)}", text)
    text = re.sub(r"(?m)^(\s*custom_dir:\s*)(\S+)\s*$", lambda m: f"{m.group(1)}{REPO / m.group(2)}", text)
    return text


def copy_site_pages(docs: Path) -> None:
    """The site's own pages and assets: everything in the repository's docs/ but the reports."""
    source = REPO / "docs"
    for item in source.iterdir():
        if item.name == layout.REPORTS_DIR:
            continue
        target = docs / item.name
        if item.is_dir():
            shutil.copytree(item, target, dirs_exist_ok=True)
        else:
            shutil.copy2(item, target)


def write(out: Path, reports: list[Report], specs: list[SeriesSpec], *, flavour: str = "ours") -> None:
    """Write the site folder. Existing generated reports are replaced."""
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for stale in ("rapporter", "blog"):
        shutil.rmtree(docs / stale, ignore_errors=True)
    copy_site_pages(docs)
    # As in the repository: the built site and the validator's cache are not part of the archive.
    (out / ".gitignore").write_text("site/\n.rapportarkiv-cache/\n", encoding="utf-8")
    if flavour == "ours":
        (out / "mkdocs.yml").write_text(site_config(), encoding="utf-8")
        for spec in specs:
            path = docs / layout.series_path(spec.id)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(series_text(spec), encoding="utf-8")
    else:
        (docs / "blog").mkdir(parents=True)
        (docs / "blog" / "index.md").write_text("# Rapporter\n", encoding="utf-8")
    folders: set[Path] = set()
    for report in reports:
        path = docs / output_rel(report, flavour)
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_text(render(report.text, flavour), encoding="utf-8")


# --- History ------------------------------------------------------------------------------

COMMITTER = "Rapportarkiv Bench <bench@example.invalid>"


def history_events(reports: list[Report]) -> list[tuple[datetime, Report, int]]:
    """Every version of every report in commit order: (when, report, version index)."""
    events = [(t, r, i) for r in reports for i, t in enumerate(r.version_times)]
    events.sort(key=lambda e: (e[0], e[1].rel, e[2]))
    return events


def fast_import_stream(out: Path, reports: list[Report], flavour: str, merges: bool) -> Iterator[bytes]:
    """A ``git fast-import`` stream: one commit with the site and the series, then one commit
    per report version in time order. With ``merges`` every change arrives the way a merged
    pull request does: a commit on a side branch merged into main with ``--no-ff``."""
    def blob(data: bytes) -> bytes:
        return b"data %d\n%s\n" % (len(data), data)

    def header(ref: str, when: datetime, message: str, mark: int) -> bytes:
        stamp = f"{int(when.timestamp())} {when.strftime('%z')}"
        return (f"commit {ref}\nmark :{mark}\nauthor {COMMITTER} {stamp}\ncommitter {COMMITTER} {stamp}\n"
                .encode() + blob(message.encode()))

    events = history_events(reports)
    start = (events[0][0] if events else datetime(2020, 1, 1, tzinfo=STOCKHOLM)) - timedelta(days=1)
    mark = 1
    yield header("refs/heads/main", start, "Set up the archive", mark)
    for path in sorted(p for p in out.rglob("*") if p.is_file() and ".git" not in p.relative_to(out).parts):
        rel = path.relative_to(out).as_posix()
        if rel.startswith(("docs/rapporter/", "docs/blog/posts/")) and rel.endswith(".md"):
            continue
        yield f"M 100644 inline {rel}\n".encode() + blob(path.read_bytes())
    yield b"\n"
    main = mark
    for when, report, index in events:
        rel = "docs/" + output_rel(report, flavour)
        verb = "Add" if index == 0 else "Correct"
        message = f"{verb} report {Path(rel).stem}"
        change = f"M 100644 inline {rel}\n".encode() + blob(render(report.versions[index], flavour).encode())
        if merges:
            mark += 1
            yield header("refs/heads/pull-request", when, message, mark) + f"from :{main}\n".encode() + change + b"\n"
            side = mark
            mark += 1
            merged = when + timedelta(minutes=5)
            yield (header("refs/heads/main", merged, f"Merge pull request: {message}", mark)
                   + f"from :{main}\nmerge :{side}\n".encode() + change + b"\n")
        else:
            mark += 1
            yield header("refs/heads/main", when, message, mark) + f"from :{main}\n".encode() + change + b"\n"
        main = mark


def write_history(out: Path, reports: list[Report], *, flavour: str = "ours", merges: bool = False) -> int:
    """Make ``out`` a git repository whose main branch ends in the files on disk. Returns the
    number of commits. The working tree is written first (``write``); this adds the history."""
    shutil.rmtree(out / ".git", ignore_errors=True)
    env_args = ["-c", "init.defaultBranch=main"]
    subprocess.run(["git", *env_args, "init", "-q", str(out)], check=True)
    process = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=out, stdin=subprocess.PIPE)
    assert process.stdin is not None
    for chunk in fast_import_stream(out, reports, flavour, merges):
        process.stdin.write(chunk)
    process.stdin.write(b"done\n")
    process.stdin.close()
    if process.wait() != 0:
        raise RuntimeError("git fast-import failed")
    if merges:
        subprocess.run(["git", "update-ref", "-d", "refs/heads/pull-request"], cwd=out, check=True)
    # Index from HEAD; the working tree already holds the newest version of every file.
    subprocess.run(["git", "read-tree", "HEAD"], cwd=out, check=True)
    count = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=out, check=True,
                           capture_output=True, text=True).stdout.strip()
    return int(count)


# --- Command line -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Made:
    out: Path
    reports: int
    versions: int
    commits: int | None


def make(out: Path, n: int, *, seed: int = 1, series_count: int | None = None, git: bool = False,
         flavour: str = "ours", merges: bool = False) -> Made:
    """Generate the archive of ``n`` reports into ``out`` (and its history with ``git``)."""
    specs = series_specs(series_count or series_count_for(n))
    reports = generate(n, seed, specs)
    write(out, reports, specs, flavour=flavour)
    commits = write_history(out, reports, flavour=flavour, merges=merges) if git else None
    return Made(out, len(reports), sum(len(r.versions) for r in reports), commits)


def check(n: int = 40, seed: int = 1) -> tuple[bool, str]:
    """Generate a small archive with history and run ``rapportarkiv validate`` on it."""
    with tempfile.TemporaryDirectory(prefix="synth-check-") as tmp:
        made = make(Path(tmp), n, seed=seed, git=True)
        result = subprocess.run(
            [sys.executable, "-m", "rapportarkiv.cli", "validate", "--strict", "--docs", "docs"],
            cwd=tmp, capture_output=True, text=True,
        )
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=tmp, capture_output=True, text=True).stdout
        ok = result.returncode == 0 and not dirty
        report = (f"{made.reports} rapporter, {made.versions} versioner, {made.commits} commits; "
                  f"validate exit {result.returncode}\n{result.stdout}{result.stderr}"
                  + (f"git status not clean:\n{dirty}" if dirty else ""))
        return ok, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="folder to write (replaced reports)")
    parser.add_argument("--reports", "-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--series", type=int, help="number of series (default: 3, more above 2 700 reports)")
    parser.add_argument("--git", action="store_true", help="also write a git history")
    parser.add_argument("--merges", action="store_true", help="history as merged pull requests")
    parser.add_argument("--flavour", choices=("ours", "blog"), default="ours")
    parser.add_argument("--check", action="store_true", help="validate a small generated archive and exit")
    args = parser.parse_args(argv)
    if args.check:
        ok, text = check(n=min(args.reports, 60), seed=args.seed)
        print(text)
        return 0 if ok else 1
    if args.out is None:
        parser.error("OUT is required unless --check")
    made = make(args.out, args.reports, seed=args.seed, series_count=args.series, git=args.git,
                flavour=args.flavour, merges=args.merges)
    print(f"{made.out}: {made.reports} reports, {made.versions} versions"
          + (f", {made.commits} commits" if made.commits is not None else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
