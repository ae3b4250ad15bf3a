"""Every Swedish string an author or reader sees, in one place.

Problem messages are keyed by a stable code (RA001 …). The code is what CI
annotations, the job summary and the author guide refer to, so a code is never
reused for a different problem. Each entry carries the message template, a
longer explanation and a worked example; the author guide page is generated
from this table, so the guide cannot fall behind the validator.

Site labels (``LABELS``) are the words of the reader's interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Entry:
    severity: Severity
    title: str
    message: str
    explanation: str
    example: str = ""
    fix: str = ""


PROBLEMS: dict[str, Entry] = {
    # --- The file itself -------------------------------------------------
    "RA000": Entry(
        "error", "Filen kan inte läsas",
        "Filen kan inte läsas: {reason}.",
        "Filen finns inte längre eller saknar läsbehörighet.",
    ),
    "RA001": Entry(
        "error", "Tom fil",
        "Filen är tom. En rapport börjar med front matter mellan två rader med tre bindestreck (---).",
        "Filen innehåller ingen text alls.",
        fix="Börja från mallen: kör `rapportarkiv new` eller kopiera en tidigare rapport.",
    ),
    "RA002": Entry(
        "error", "För stor fil",
        "Filen är {size} byte, större än gränsen {limit} byte. Dela upp texten eller ta bort inklistrat material.",
        "En rapport är text; en så stor fil beror nästan alltid på inklistrade bilder eller dokument.",
        fix="Lägg bilder som egna filer och länka till dem.",
    ),
    "RA003": Entry(
        "error", "Felaktiga tecken",
        "Filen är inte sparad som UTF-8 (ogiltig byte på den här raden). Spara om filen med teckenkodningen UTF-8.",
        "Å, ä och ö måste sparas som UTF-8. Filer från äldre program sparas ibland i en annan kodning.",
        fix="Välj ”Spara som” och teckenkodningen UTF-8 i din editor.",
    ),
    "RA004": Entry(
        "error", "Nolltecken i filen",
        "Filen innehåller ett nolltecken (NUL), som inte hör hemma i text. Filen är troligen inte en textfil eller är skadad.",
        "Nolltecken kommer från binärfiler eller felaktig kopiering.",
        fix="Kopiera texten till en ny fil i en vanlig texteditor.",
    ),
    "RA005": Entry(
        "error", "Front matter saknas",
        "Filen börjar inte med front matter. Första raden ska vara tre bindestreck (---), följd av uppgifterna och en rad till med ---.",
        "Uppgifterna om rapporten (rubrik, datum, serie …) står överst i filen mellan två rader med tre bindestreck.",
        example="---\ntitle: Veckans läge\n…\n---",
    ),
    "RA006": Entry(
        "error", "Front matter avslutas inte",
        "Front matter som börjar här avslutas aldrig. Lägg till en rad med bara tre bindestreck (---) efter sista uppgiften.",
        "Utan den avslutande raden går det inte att se var uppgifterna slutar och texten börjar.",
    ),
    "RA007": Entry(
        "error", "Syntaxfel i front matter",
        "Front matter går inte att läsa här: {problem}. {hint}",
        "Front matter skrivs i formatet YAML: ett namn, kolon, mellanslag och ett värde på varje rad.",
        example="title: Veckans läge",
        fix="Sätt texter som innehåller kolon (:) eller börjar med tecken som # & * ! | > ' \" % @ inom citattecken.",
    ),
    "RA008": Entry(
        "error", "Tabb som indrag",
        "Raden är indragen med tabb. Använd mellanslag för indrag i front matter.",
        "YAML tillåter inte tabbtecken som indrag.",
        fix="Ersätt tabben med två mellanslag.",
    ),
    "RA009": Entry(
        "error", "Uppgift angiven två gånger",
        "”{key}” står två gånger (först på rad {first_line}). Behåll en av dem.",
        "Om samma uppgift står två gånger skulle den sista tyst ersätta den första.",
    ),
    "RA010": Entry(
        "error", "Ankare och alias",
        "YAML-ankare (&) och alias (*) är inte tillåtna i front matter. Skriv ut värdet i stället, eller sätt texten inom citattecken om den börjar med & eller *.",
        "Ankare och alias gör uppgifterna svåra att granska och kan användas för att få verktyg att hänga sig.",
    ),
    "RA011": Entry(
        "error", "För djup nästling",
        "Front matter är nästlad djupare än {limit} nivåer. Ingen uppgift i en rapport behöver så många nivåer; kontrollera indragen.",
        "Ofta beror det på felaktiga indrag eller hakparenteser som inte stängs.",
    ),
    "RA012": Entry(
        "error", "Front matter är inte en lista av uppgifter",
        "Front matter ska bestå av rader i formen namn: värde.",
        "Varje uppgift skrivs som ett namn följt av kolon och värdet.",
        example="title: Veckans läge",
    ),
    "RA013": Entry(
        "error", "För mycket text i en uppgift",
        "Värdet är {length} tecken långt, mer än gränsen {limit}. Korta ner texten.",
        "Mycket långa värden hör hemma i rapportens text, inte i front matter.",
    ),
    # --- The contract (JSON Schema) -------------------------------------
    "RA101": Entry(
        "error", "Obligatorisk uppgift saknas",
        "Uppgiften ”{key}” ({label}) saknas. {description} Exempel: {key}: {example}",
        "Vissa uppgifter måste finnas i varje rapport: title, series, type, date och description.",
        example="date: 2024-10-11 15:20",
    ),
    "RA102": Entry(
        "error", "Okänd uppgift",
        "”{key}” är inte en känd uppgift här.{suggestion} Tillåtna uppgifter: {allowed}.",
        "Uppgifternas namn skrivs på engelska och med små bokstäver. Ett felstavat namn skulle annars tyst ignoreras.",
        example="descripton: … → description: …",
    ),
    "RA103": Entry(
        "error", "Fel sorts värde",
        "”{key}” ({label}) ska vara {expected}, men är {actual}. {hint}",
        "Varje uppgift har en bestämd form: text, sant/falskt, en lista eller en grupp av uppgifter.",
        example="draft: false",
    ),
    "RA104": Entry(
        "error", "Otillåtet värde",
        "”{key}” ({label}) kan inte vara {value}. Tillåtna värden: {allowed}.{suggestion}",
        "Vissa uppgifter har en fast uppsättning värden, som type (regular eller extra).",
        example="type: extra",
    ),
    "RA105": Entry(
        "error", "Fel format",
        "”{key}” ({label}) har fel format: {value}. {description} Exempel: {example}",
        "Datum, tidpunkter och id:n har bestämda format.",
        example="date: 2024-10-11 15:20",
    ),
    "RA106": Entry(
        "error", "För lång",
        "”{key}” ({label}) är för lång: {length}, högst {limit} är tillåtet.",
        "Sammanfattningar och rubriker visas i listor och flöden och måste vara korta.",
    ),
    "RA107": Entry(
        "error", "Tom uppgift",
        "”{key}” ({label}) är tom. {description}",
        "En uppgift som finns måste ha ett värde. Ta bort raden om uppgiften inte behövs.",
    ),
    "RA108": Entry(
        "error", "Dubbletter i listan",
        "”{key}” ({label}) innehåller samma värde flera gånger. Ta bort dubbletterna.",
        "Varje tagg och varje granskare anges en gång.",
    ),
    "RA109": Entry(
        "error", "Uppgiften följer inte formatet",
        "”{key}” ({label}) stämmer inte med formatet: {detail}",
        "Uppgiften stämmer inte med rapportformatet.",
    ),
    # --- Rules beyond the schema ----------------------------------------
    "RA201": Entry(
        "error", "Filnamnet stämmer inte med datumet",
        "Filnamnet börjar med {file_date} men date är {date} ({local_date} i seriens tidszon). Byt namn på filen till {expected} eller rätta date.",
        "Filnamnet är rapportens permanenta adress och börjar med datumet då rapporten sammanställdes.",
        example="2024-10-11-sjuharad-senare-anslutning.md med date: 2024-10-11 15:20",
    ),
    "RA202": Entry(
        "error", "Ogiltigt filnamn",
        "Filnamnet ”{name}” ska ha formen ÅÅÅÅ-MM-DD-namn.md, med bara a–z, siffror och bindestreck i namnet (inte å, ä, ö, mellanslag eller versaler). Förslag: {suggestion}",
        "Filnamnet blir rapportens webbadress, som aldrig ändras. Därför används bara tecken som fungerar överallt.",
        example="2024-10-11-sjuharad-senare-anslutning.md",
    ),
    "RA203": Entry(
        "error", "Adressen används redan",
        "Rapporten får samma adress ({url}) som {other}. Ge en av dem ett annat namn.",
        "Två rapporter kan inte ha samma webbadress.",
    ),
    "RA204": Entry(
        "error", "Okänd serie",
        "Serien ”{series}” finns inte.{suggestion} Kända serier: {known}.",
        "Värdet series måste vara id för en serie som har en serie.yml.",
    ),
    "RA205": Entry(
        "error", "Rapporten ligger i fel mapp",
        "Rapporten ligger i {actual} men ska ligga i {expected} enligt series och date.",
        "Rapporter ligger i sin series mapp, i en undermapp för året.",
    ),
    "RA206": Entry(
        "error", "Avsnitt saknas",
        "Avsnittet ”## {section}” saknas. En {type_label} i serien {series} ska ha avsnitten: {sections}.",
        "Varje serie bestämmer vilka rubriker på nivå två (##) en rapport ska ha.",
        example="## Beskrivning av händelsen",
    ),
    "RA207": Entry(
        "error", "Avsnitt i fel ordning",
        "Avsnittet ”## {section}” står före ”## {previous}”. Ordningen ska vara: {sections}.",
        "Läsarna hittar lättare när avsnitten alltid står i samma ordning.",
    ),
    "RA208": Entry(
        "warning", "Okänt avsnitt",
        "Avsnittet ”## {section}” ingår inte i seriens mall ({sections}).{suggestion}",
        "Extra avsnitt är tillåtna men är ofta ett felstavat obligatoriskt avsnitt.",
    ),
    "RA209": Entry(
        "error", "Anledning saknas",
        "En extrainsatt rapport måste ange occasion: vad den skrivs med anledning av. Exempel: occasion: en ändringsbegäran från Sjuhärads kommunalförbund",
        "Läsarna ser direkt varför en extrainsatt rapport skickades.",
        example="occasion: en ändringsbegäran från Sjuhärads kommunalförbund",
    ),
    "RA210": Entry(
        "warning", "Anledning i en veckorapport",
        "occasion används bara i extrainsatta rapporter (type: extra). Ta bort raden eller ändra type.",
        "En ordinarie veckorapport har ingen särskild anledning.",
    ),
    "RA211": Entry(
        "warning", "Osannolikt datum för åtgärden",
        "Åtgärdens datum {date} ligger {days} dagar från rapportens datum {report_date}. Kontrollera året och månaden.",
        "Kommunikativa åtgärder ligger nästan alltid nära rapportens datum; ett stort avstånd är ofta ett skrivfel.",
    ),
    "RA212": Entry(
        "error", "Rättelse före rapporten",
        "Rättelsen är daterad {revision} men rapporten sammanställdes {date}. En rättelse görs alltid efter publiceringen.",
        "Rättelser listas i den ordning de gjordes, efter att rapporten sammanställts.",
    ),
    "RA213": Entry(
        "error", "Rättelser i fel ordning",
        "Rättelsen daterad {revision} står efter en senare rättelse ({previous}). Nya rättelser läggs till sist.",
        "Listan över rättelser är en logg: den växer bara nedåt.",
    ),
    "RA214": Entry(
        "error", "Datumet finns inte",
        "{value} är inte ett verkligt datum eller klockslag. Kontrollera dag, månad och klockslag.",
        "Till exempel finns inte 30 februari eller klockan 24:30.",
    ),
    "RA215": Entry(
        "error", "Mallens platshållare är kvar",
        "Här står fortfarande mallens platshållare ({placeholder}). Ersätt den med riktig text innan rapporten kan publiceras.",
        "Mallen från `rapportarkiv new` innehåller platshållare som måste fyllas i.",
    ),
    "RA216": Entry(
        "error", "Återkallad före rapporten",
        "Rapporten anges återkallad {withdrawn} men sammanställdes {date}.",
        "En rapport kan bara återkallas efter att den sammanställts.",
    ),
    "RA217": Entry(
        "warning", "Klockslaget är tvetydigt",
        "Klockslaget {value} {problem} i tidszonen {zone} på grund av sommartid. Ange tidszonen, till exempel {suggestion}.",
        "När klockan ställs om finns en timme som inte existerar och en som inträffar två gånger.",
    ),
    "RA218": Entry(
        "warning", "Rubrik på nivå ett i texten",
        "Texten har en rubrik på nivå ett (#). Rubriken skrivs i title och visas automatiskt; använd ## för avsnitt.",
        "Varje sida ska ha en enda huvudrubrik.",
    ),
    "RA219": Entry(
        "warning", "Tomt avsnitt",
        "Avsnittet ”## {section}” har ingen text.",
        "Ett tomt avsnitt är oftast något som glömts bort.",
    ),
    "RA220": Entry(
        "error", "Ogiltig serie-id",
        "Serien i {path} har id ”{id}” men ligger i mappen ”{folder}”. Mappens namn och id måste vara samma.",
        "Seriens id används i adresser och i varje rapports series.",
    ),
    "RA221": Entry(
        "error", "Serien finns redan",
        "Serien ”{id}” är redan definierad i {other}.",
        "Varje serie definieras en gång.",
    ),
    "RA222": Entry(
        "error", "Okänd tidszon",
        "”{value}” är inte en känd tidszon. Använd ett namn som Europe/Stockholm.",
        "Tidszonen används för att tolka klockslag.",
    ),
    "RA223": Entry(
        "error", "Filen ligger utanför rapportmapparna",
        "Rapporter ligger i {expected}. Flytta filen dit.",
        "Allt under rapportmappen är rapporter; andra sidor ligger utanför den.",
    ),
    # --- Active content ---------------------------------------------------
    "RA301": Entry(
        "error", "Otillåtet HTML-element",
        "HTML-elementet <{tag}> är inte tillåtet i en rapport. {hint}",
        "Rapporter får innehålla Markdown och ett fåtal ofarliga HTML-element. Skript, inbäddade sidor och formulär kan användas för att lura läsare och är därför spärrade.",
        example="<script>…</script>",
        fix="Skriv texten med Markdown i stället.",
    ),
    "RA302": Entry(
        "error", "Otillåtet HTML-attribut",
        "Attributet {attribute} på <{tag}> är inte tillåtet. {hint}",
        "Attribut som onclick kör skript när läsaren gör något, och style kan hämta innehåll från andra webbplatser.",
        example='<a href="…" onclick="…">',
    ),
    "RA303": Entry(
        "error", "Otillåten länk",
        "Länken {url} använder {scheme}, som kan köra kod i läsarens webbläsare. Använd en vanlig webbadress (https://…) eller en länk till en annan rapport.",
        "Bara länkar till webbsidor, e-post och telefonnummer är tillåtna.",
        example="[Läs mer](javascript:alert(1))",
    ),
    "RA304": Entry(
        "error", "Front matter innehåller HTML",
        "”{key}” innehåller HTML ({snippet}). Skriv vanlig text; formatering görs av webbplatsen.",
        "Uppgifter i front matter visas som text och får inte innehålla HTML-kod.",
    ),
}


def render(code: str, **params: object) -> str:
    """Fill in the template of ``code``. A missing parameter shows as '…'."""
    return PROBLEMS[code].message.format_map(_Lenient(params)).strip()


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "…"


# Words the reader's interface uses. Keys are English, values Swedish.
LABELS: dict[str, str] = {
    "type.regular": "Veckorapport",
    "type.extra": "Extrainsatt rapport",
    "type.regular.plural": "Veckorapporter",
    "type.extra.plural": "Extrainsatta rapporter",
    "audience.internal": "Internt",
    "audience.external": "Externt",
    "status.planned": "Kommande",
    "status.done": "Genomförd",
    "classification.internal": "Intern",
    "classification.public": "Öppen",
    "compiled": "Sammanställd",
    "occasion": "Med anledning av",
    "tags": "Taggar",
    "spokespersons": "Talespersoner",
    "communication": "Kommunikativa åtgärder",
    "about": "Om {name}",
    "previous": "Föregående rapport",
    "next": "Nästa rapport",
    "week": "Vecka {week}",
    "archive": "Arkiv",
    "all_reports": "Alla rapporter",
    "latest": "Senaste rapporten",
    "recent": "Senaste rapporterna",
    "draft_banner": "Utkast – den här rapporten är inte publicerad och syns bara i förhandsvisningen.",
    "withdrawn_banner": "Rapporten har återkallats {date}. Skäl: {reason}",
    "date": "Datum",
    "channel": "Kanal",
    "action": "Åtgärd",
    "status": "Status",
    "report": "Rapport",
    "series": "Serie",
    "type": "Typ",
    "authors": "Sammanställd av",
}


# The scaffold written by `rapportarkiv new`. Every [FYLL I: …] is rejected by
# the validator (RA215) until it is replaced, so an unfinished report cannot be merged.
REPORT_TEMPLATE = """\
---
title: {title}
series: {series}
type: {type}
{occasion}date: {date}
description: "[FYLL I: en eller två meningar som sammanfattar rapporten, högst 300 tecken]"
tags:
  - "[FYLL I: ämnesord]"
spokespersons:
  - name: "[FYLL I: för- och efternamn]"
    role: "[FYLL I: titel]"
    organisation: "[FYLL I: organisation]"
communication:
  - audience: internal
    date: {day}
    status: planned
    channel: "[FYLL I: kanal, till exempel Insidan]"
    text: "[FYLL I: vad som görs]"
  - audience: external
    date: {day}
    status: planned
    channel: "[FYLL I: kanal, till exempel Pressmeddelande]"
    text: "[FYLL I: vad som görs]"
classification: internal
---

{sections}"""

TEMPLATE_OCCASION = 'occasion: "[FYLL I: vad rapporten skrivs med anledning av]"\n'
TEMPLATE_TITLE = "[FYLL I: rubrik]"
TEMPLATE_SECTION = "## {name}\n\n[FYLL I: text under rubriken {name}]\n"
TEMPLATE_SLUG = {"regular": "vecka-{week}", "extra": "extrainsatt"}

CLI: dict[str, str] = {
    "created": "Skapade {path}. Fyll i alla [FYLL I: …] och kör sedan: rapportarkiv validate {path}",
    "exists": "{path} finns redan. Välj en annan rubrik eller ett annat datum.",
    "no_series": "Det finns ingen serie i {docs}. Skapa först en serie.yml i {docs}/rapporter/<serie>/.",
    "which_series": "Ange serie med --series. Kända serier: {known}.",
    "unknown_series": "Serien ”{series}” finns inte. Kända serier: {known}.",
    "bad_date": "Datumet ”{value}” går inte att tolka. Skriv till exempel 2024-10-11 15:20.",
    "no_docs": "Mappen {docs} finns inte.",
    "no_files": "Hittade inga rapporter att kontrollera i {paths}.",
}
