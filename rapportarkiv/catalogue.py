"""Every Swedish string an author or reader sees, in one place.

Problem messages are keyed by a stable code (RA001 …). The code is what CI
annotations, the job summary and the author guide refer to, so a code is never
reused for a different problem. Each entry carries the message template, a
longer explanation and a worked example; the author guide page is generated
from this table, so the guide cannot fall behind the validator.

Site labels (``LABELS``) are the words of the reader's interface.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

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
    "RA014": Entry(
        "error", "Osynligt kontrolltecken",
        "Front matter innehåller ett osynligt kontrolltecken ({char}) som inte hör hemma i text. {hint}",
        "Kontrolltecken och särskilda radbrytningstecken följer ibland med text som klistras in från ordbehandlare, PDF-filer eller mejl. De syns inte men gör att uppgifterna inte kan läsas säkert.",
        fix="Skriv om raden för hand eller klistra in texten som oformaterad text.",
    ),
    # --- What may lie under docs/ (rapportarkiv.docs_tree) ----------------
    "RA015": Entry(
        "error", "Symbolisk länk",
        "Det här är en symbolisk länk (till {target}). Symboliska länkar är inte tillåtna under docs/: det som publiceras måste stå i själva filen, så att kontrollen och skyddet för publicerade rapporter ser samma text som läsarna. Ersätt länken med en vanlig fil, eller ta bort den.",
        "En symbolisk länk pekar på en annan fil eller mapp. Webbplatsen skulle publicera det länken pekar på, men kontrollen och skyddet för publicerade rapporter ser bara länken. Då kan en publicerad rapport ändras utan att det syns eller kontrolleras.",
        example="docs/rapporter/serie/2024/2024-10-11-rapport.md -> ../../annan/fil.md",
        fix="Ta bort länken och lägg en kopia av innehållet som en vanlig fil på samma plats (git rm filen, kopiera in texten, git add).",
    ),
    # --- HTML comments in the prose (see comments.py) ---------------------
    "RA018": Entry(
        "error", "HTML-kommentaren avslutas inte",
        "En HTML-kommentar börjar här (<!--) men avslutas aldrig med -->. Resten av rapporten skulle döljas för läsaren. Avsluta kommentaren med --> eller ta bort <!--.",
        "Text mellan <!-- och --> är en kommentar till andra skribenter och visas aldrig på webbplatsen. Utan ett avslutande --> blir allt som följer en del av kommentaren.",
        example="<!-- Fråga till granskaren: stämmer siffran? -->",
    ),
    "RA019": Entry(
        "error", "Kommentar inuti en kommentar",
        "Här börjar en ny HTML-kommentar (<!--) inuti en annan. Den första --> avslutar kommentaren, så texten efter den skulle visas för läsaren. Avsluta den första kommentaren innan nästa börjar.",
        "En HTML-kommentar kan inte innehålla en annan kommentar: den yttre slutar vid det första -->, och resten av den blir synlig text.",
        example="<!-- första --> <!-- andra -->",
    ),
    # --- Characters that do not belong in text (rapportarkiv.characters) --
    "RA020": Entry(
        "error", "Kontrolltecken i texten",
        "Texten innehåller ett kontrolltecken ({char}) {place}. Det syns inte, hör inte hemma i text och kan inte publiceras: ta bort det.",
        "Kontrolltecken följer ibland med text som klistras in från ordbehandlare, PDF-filer eller terminaler, eller skrivs som YAML-koder som \"\\e\" och \"\\0\". De syns inte men gör att sidor och flöden inte kan skapas.",
        example="title: \"Läget\\e i regionen\"",
        fix="Skriv om ordet där tecknet står, eller klistra in texten som oformaterad text.",
    ),
    "RA021": Entry(
        "error", "Radbrytning från ordbehandlare",
        "Texten innehåller en radbrytning från ett ordbehandlingsprogram ({char}) {place}. Webbplatsen ser den inte som en radbrytning: ta bort den och skriv en vanlig radbrytning (Enter) i stället.",
        "Word gör en manuell radbrytning (Skift+Enter) och en sidbrytning med tecken som inte är vanliga radbrytningar. De följer med när texten klistras in.",
        fix="Ta bort tecknet och tryck Enter där raden ska brytas.",
    ),
    "RA022": Entry(
        "error", "Osynligt tecken",
        "Texten innehåller ett osynligt tecken ({char}) {place}: ta bort det.",
        "Osynliga tecken som nollbredda mellanslag gör att samma ord stavas på två sätt: ett namn med ett sådant tecken blir en annan talesperson och en tagg en annan tagg. Mjuka bindestreck är tillåtna i brödtexten men inte i uppgifterna i front matter.",
        fix="Ta bort tecknet, till exempel genom att skriva om ordet det står i.",
    ),
    "RA023": Entry(
        "error", "Riktningstecken",
        "Texten innehåller ett osynligt riktningstecken ({char}) {place}: ta bort det.",
        "Riktningstecken är till för text som skrivs från höger till vänster. I en svensk rapport gör de bara att texten visas i en annan ordning än den är skriven, vilket kan användas för att dölja vad som står.",
        fix="Ta bort tecknet, till exempel genom att skriva om ordet det står i.",
    ),
    # --- What a word processor leaves behind (rapportarkiv.word_habits) ---
    "RA024": Entry(
        "warning", "Typografiska citattecken runt värdet",
        "”{key}” står inom typografiska citattecken ({value}). YAML räknar dem inte som citattecken, så de visas på webbplatsen som en del av texten. Menade du att sätta texten inom citattecken, skriv raka citattecken: {written_inner}. Ska citattecknen synas, skriv hela värdet inom raka citattecken, så försvinner varningen: {written_value}",
        "Ordbehandlare byter raka citattecken (\") mot typografiska (” ” „ “ » «). I front matter är bara raka citattecken och apostrofer citattecken; typografiska blir en del av texten.",
        example="title: ”Läget i regionen” → title: \"Läget i regionen\"",
        fix="Skriv front matter i en texteditor, eller byt de typografiska citattecknen mot raka.",
    ),
    "RA025": Entry(
        "error", "Punktlista från ordbehandlare",
        "Raden börjar med tecknet ”{char}”, som ordbehandlare använder för punktlistor ({lines}). {effect}",
        "När en punktlista klistras in från Word eller ett mejl följer punkttecknen (•, ▪, –) med som vanliga tecken. En lista i Markdown skrivs med bindestreck, asterisk eller siffror först på raden.",
        example="• Insidan\n• Pressmeddelande\n→\n- Insidan\n- Pressmeddelande",
        fix="Byt punkttecknet först på varje rad mot ett bindestreck och ett mellanslag, och lämna en tom rad före listan.",
    ),
    # --- HTML blocks the renderer would leave open (rapportarkiv.markdown_limits) ---
    "RA026": Entry(
        "error", "HTML-block som aldrig stängs",
        "Taggen <{tag}> börjar en rad men stängs aldrig med </{tag}>. Då visas resten av rapporten, rubriker och listor med, som oformaterad text med tecknen # och * kvar. Skriv </{tag}> där blocket ska sluta, eller ta bort taggen.",
        "En HTML-tagg som <details> eller <div> först på en rad inleder ett block som varar till den avslutande taggen. Saknas den, läses resten av texten som HTML och inte som Markdown.",
        example="<details><summary>Bakgrund</summary>\n\nText som kan fällas ut.\n\n</details>",
        fix="Skriv den avslutande taggen, till exempel </details>, på en egen rad där blocket slutar.",
    ),
    "RA027": Entry(
        "error", "Bild som inte finns på webbplatsen",
        "Bilden {url} skrivs som en fil, men webbplatsen har inga bildfiler bland rapporterna, så läsarna ser en trasig bild. Visa en bild från en annan webbplats med hela adressen (https://…), eller beskriv den med text.",
        "Mapparna med rapporter får bara innehålla rapporter och serie.yml, och en sidas adress är inte dess fils. En bild skriven som en sökväg, ![karta](karta.png), hittas därför aldrig.",
        example="![Karta över Sjuhärad](https://www.vgregion.se/karta.png)",
        fix="Skriv bildens hela adress, som börjar med https://, eller ta bort bilden.",
    ),
    # --- The contract (JSON Schema) -------------------------------------
    "RA101": Entry(
        "error", "Obligatorisk uppgift saknas",
        "Uppgiften ”{key}” ({label}) saknas. {description}{example_tail}",
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
        "”{key}” ({label}) kan inte vara {value}. Tillåtna värden: {allowed_words}.{suggestion}",
        "Vissa uppgifter har en fast uppsättning värden, som type (regular eller extra).",
        example="type: extra",
    ),
    "RA105": Entry(
        "error", "Fel format",
        "”{key}” ({label}) har fel format: {value}. {description}{example_tail}",
        "Datum, tidpunkter och id:n har bestämda format.",
        example="date: 2024-10-11 15:20",
    ),
    "RA106": Entry(
        "error", "För lång",
        "”{key}” ({label}) är för lång: {length} {unit}, högst {limit} {unit} är tillåtet.",
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
        "Avsnittet ”## {section}” ska stå före ”## {previous}”. Ordningen ska vara: {sections}.",
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
        "Serien har id ”{id}” men ligger i mappen ”{folder}”. Mappens namn och id måste vara samma.",
        "Seriens id används i adresser och i varje rapports series.",
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
    "RA230": Entry(
        "error", "Filen hör inte hemma i rapportmappen",
        "{name} är varken en rapport eller en seriedefinition. I {reports_dir}/ får det bara finnas {series_file} i varje series mapp och rapporter som {report_form}. Andra filer skulle publiceras okontrollerade på webbplatsen. Flytta filen utanför {reports_dir}/ eller ta bort den.",
        "Allt i rapportmappen publiceras. Därför får där bara ligga sådant som kontrolleras: seriens serie.yml och rapporterna. Bilagor, webbsidor, textfiler, dolda filer och andra mappar kontrolleras inte och är därför inte tillåtna.",
        example="docs/rapporter/regional-rapport-millennium-2024/2024/bilaga.html",
        fix="Lägg webbplatsens egna filer (bilder, stilmallar) i docs/assets/. En rapport skrivs som en Markdown-fil med namnet ÅÅÅÅ-MM-DD-namn.md i seriens årsmapp.",
    ),
    "RA231": Entry(
        "error", "Inte en vanlig fil",
        "Det här är {kind}, inte en vanlig fil eller mapp. Under docs/ får det bara finnas vanliga filer och mappar. Ta bort den.",
        "Specialfiler som namngivna rör (FIFO), uttag (socket) och enhetsfiler kan få bygget att vänta för evigt eller läsa något annat än text.",
        example="mkfifo docs/rapporter/serie/2024/2024-10-11-rapport.md",
        fix="Ta bort specialfilen och lägg en vanlig textfil på dess plats.",
    ),
    "RA232": Entry(
        "error", "Datumet visas som en annan dag än filnamnet",
        "date {date} visas på webbplatsen som {shown_day}, men filnamnet börjar med {file_date}. Tidsförskjutningen i date gör att läsarna ser en annan dag än rapportens adress. Skriv tiden i seriens tidszon utan tidsförskjutning: date: {suggestion}",
        "Webbplatsen visar klockslaget med den tidsförskjutning det skrevs med. Samma ögonblick skrivet med en annan förskjutning (till exempel +14:00) kan visas som en annan dag än den i filnamnet och i seriens tidszon.",
        example="date: 2024-10-12T03:20:00+14:00 i filen 2024-10-11-rapport.md (visas som 12 oktober)",
        fix="Skriv date som ett klockslag i seriens tidszon, till exempel date: 2024-10-11 15:20.",
    ),
    # --- Where a series places the structured parts (serie.yml placement) ---
    "RA260": Entry(
        "error", "Okänd rubrik i placement",
        "placement säger att {part} ska stå efter rubriken ”{section}”, men den rubriken finns inte bland avsnitten i en {type_label} ({sections}).{suggestion}",
        "Kommunikativa åtgärder, talespersoner och texten om serien står på rapportens sida efter den rubrik som placement anger, så att sidan följer rapportens ordning. Rubriken måste vara en av avsnitten i sections för samma rapporttyp, annars vet webbplatsen inte var delen ska stå.",
        example="placement:\n  extra:\n    communication: Kända omständigheter",
        fix="Skriv rubriken exakt som i sections, utan ##, eller ta bort raden så att delen står sist.",
    ),
    # --- Markdown the renderer cannot take (rapportarkiv.markdown_limits) ---
    "RA235": Entry(
        "error", "För djupt nästlade listor eller citat",
        "Raden är nästlad i {depth} nivåer av listor, citat (>) eller indrag; högst {limit} nivåer kan publiceras. Minska indraget eller dela upp listan.",
        "Varje nivå av listor i listor eller citat i citat gör sidan svårare att läsa och kräver mer av programmet som skapar webbsidan. Så djup nästling förekommer inte i en rapport och beror oftast på inklistrad text eller fel indrag.",
        fix="Ta bort indraget i början av raden, eller gör om den djupa listan till flera korta listor.",
    ),
    "RA236": Entry(
        "error", "För många betoningar inuti varandra",
        "Här öppnas fler än {limit} betoningar (* eller _) inuti varandra i samma stycke. Ta bort de överflödiga tecknen, eller skriv \\* och \\_ där du menar en vanlig asterisk eller ett vanligt understreck.",
        "Text mellan * eller _ blir kursiv eller fet. Så många nivåer inuti varandra kan inte visas och beror nästan alltid på inklistrad text.",
        example="**viktigt** och *betonat*",
    ),
    "RA237": Entry(
        "error", "Hakparenteser som inte stängs",
        "Texten har {count} hakparenteser [ eller länkparenteser ]( som aldrig stängs, eller hakparenteser i många nivåer inuti varandra, den längsta härifrån. För varje sådan måste resten av stycket gås igenom, och det blir för mycket att publicera. Ta bort de överflödiga tecknen, eller skriv \\[ för en vanlig hakparentes.",
        "En länk skrivs [text](adress). En hakparentes som inte stängs får programmet som skapar webbsidan att leta efter slutet genom hela stycket, och tusentals sådana gör att bygget av webbplatsen aldrig blir klart.",
        example="[Läs mer](https://www.vgregion.se/)",
    ),
    "RA238": Entry(
        "error", "Taggar som inte avslutas",
        "Texten har {count} tecken < följda av en bokstav som aldrig avslutas med >, det första här. Det blir för mycket att gå igenom för att publicera texten. Skriv ett mellanslag efter < eller ta bort tecknen.",
        "Ett < följt av en bokstav läses som början på en HTML-tagg, och resten av texten gås igenom för att hitta slutet. Tusentals sådana gör att bygget av webbplatsen aldrig blir klart.",
        example="a < b",
    ),
    "RA239": Entry(
        "error", "För många HTML-taggar",
        "Texten har {count} HTML-taggar; högst {limit} kan publiceras. Den första som är för mycket står här. Skriv texten med Markdown i stället.",
        "En rapport skrivs med Markdown och några enstaka HTML-taggar. Tusentals taggar, ofta från text som klistrats in från en webbsida, gör att bygget av webbplatsen tar mycket lång tid.",
        example="**fet text** i stället för <b>fet text</b>",
    ),
    # --- Links to other reports and the occasion (report_links, rules) ----
    "RA240": Entry(
        "error", "Länken börjar med /",
        "Länken {url} börjar med /. Skriv en länk till en annan rapport med filens namn, från den här filen räknat: [text](2024-10-11-namn.md) i samma mapp, [text](../2023/2023-05-04-namn.md) ett annat år. Länka till andra webbplatser med hela adressen (https://…).",
        "Webbplatsen kan ligga i en undermapp på servern, så en adress som börjar med / hamnar fel. En länk till en annan rapport skrivs som sökvägen till dess fil, och blir rapportens adress på webbplatsen och i flödena.",
        example="[den extrainsatta rapporten](2024-10-11-sjuharad-begar-senare-anslutning.md)",
    ),
    "RA241": Entry(
        "error", "Länken pekar utanför arkivet",
        "Länken {url} går med ../ ut ur mappen docs. En länk till en annan rapport går till en fil under rapporter/: [text](../2023/2023-05-04-namn.md) ett annat år, [text](../../annan-serie/2024/2024-03-01-namn.md) en annan serie.",
        "Varje ../ går upp en mapp från den här rapportens mapp. Länken har fler ../ än det finns mappar ovanför rapporten.",
        example="[förra årets rapport](../2023/2023-10-12-vecka-41.md)",
    ),
    "RA242": Entry(
        "error", "Länken pekar inte på en rapport",
        "Länken {url} går till en fil som inte är en rapport. I en rapport kan en länk utan https:// bara gå till en annan rapport (en .md-fil under rapporter/). Länka till annat med hela adressen (https://…).",
        "Rapportens text visas på flera sidor (rapporten, startsidan, äldre versioner) och i flöden och e-post. Bara länkar till andra rapporter görs om till rätt adress överallt; serie.yml och guidens sidor publiceras inte som rapporter.",
        example="[Läs mer](https://www.vgregion.se/)",
    ),
    "RA243": Entry(
        "error", "Rapporten finns inte",
        "Länken {url} går till en rapport som inte finns.{suggestion} Kontrollera filnamnet, datumet och mappen, från den här filen räknat.",
        "En länk till en annan rapport skrivs som sökvägen till dess fil, från den här rapportens mapp. Filen måste finnas i arkivet; annars blir länken en död länk på webbplatsen.",
        example="[den extrainsatta rapporten](2024-10-11-sjuharad-begar-senare-anslutning.md)",
    ),
    "RA244": Entry(
        "error", "Offentlig rapport länkar till en intern",
        "Rapporten är offentlig (classification: public) men länken {url} går till en intern rapport. Den offentliga webbplatsen visar inte interna rapporter, så länken kan inte publiceras där. Ta bort länken eller gör den andra rapporten offentlig.",
        "En offentlig rapport publiceras också på den offentliga webbplatsen, där interna rapporter inte finns. Den får inte ens avslöja att en intern rapport finns.",
    ),
    "RA245": Entry(
        "error", "Länk till ett utkast",
        "Länken {url} går till ett utkast (draft: true), som inte publiceras. Ta bort länken, eller publicera den andra rapporten först.",
        "Ett utkast publiceras inte, så en länk dit från en publicerad rapport blir en död länk.",
    ),
    "RA246": Entry(
        "error", "Länk till en rapport som publiceras senare",
        "Länken {url} går till en rapport som publiceras först {publish_at} (publish_at), efter den här. Ta bort länken, eller ge den här rapporten en publish_at som inte är tidigare.",
        "En rapport med publish_at visas inte förrän tiden har passerat. En länk dit från en rapport som redan syns blir en död länk fram till dess.",
    ),
    "RA247": Entry(
        "error", "”Med anledning av” står redan på sidan",
        "occasion börjar med ”{words}”. Webbplatsen skriver ”Med anledning av” före texten själv; ta bort de orden: occasion: {rest}",
        "Anledningen visas som ”Med anledning av …” på rapportens sida och startsidan. Skriv bara vad rapporten skrivs med anledning av.",
        example="occasion: ett beslut i regionstyrelsen",
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
    "RA305": Entry(
        "error", "För lång HTML-tagg",
        "HTML-taggen <{tag}> avslutas inte inom {limit} tecken och kan därför inte kontrolleras. Korta ner den, eller skriv länken med Markdown: [text](adress).",
        "Varje HTML-tagg kontrolleras mot listan över tillåtna attribut. En tagg som är längre än gränsen kan gömma ett otillåtet attribut och spärras därför.",
        example="<a href=\"https://…\">text</a>",
    ),
    # --- History: published reports are records (check-history) ----------
    "RA501": Entry(
        "error", "Publicerad rapport borttagen",
        "Rapporten är publicerad (finns i {base}) men har tagits bort. En publicerad rapport är en handling och ska finnas kvar på sin adress. Dra tillbaka den i stället: lägg till withdrawn med datum och skäl.",
        "När en rapport har publicerats kan läsare ha sparat eller skickat vidare länken. Den tas därför aldrig bort; en rapport som inte längre gäller återkallas och visas med en notis och skälet.",
        example="withdrawn:\n  date: 2024-10-12 10:00\n  reason: Rapporten innehöll uppgifter som inte var bekräftade.",
        fix="Återställ filen och lägg till withdrawn med datum och skäl.",
    ),
    "RA502": Entry(
        "error", "Publicerad rapport flyttad",
        "Rapporten är publicerad som {old} och har flyttats eller bytt namn till {new}. Filens namn och plats är rapportens permanenta adress och får inte ändras efter publicering.",
        "Adressen till en publicerad rapport ändras aldrig, så att länkar i mejl, på intranätet och i andra rapporter fortsätter att fungera.",
        fix="Flytta tillbaka filen till sin tidigare plats. Rätta innehållet med en rad i revisions.",
    ),
    "RA503": Entry(
        "error", "Publicerad rapports datum ändrat",
        "date har ändrats från {old} till {new}, men rapporten är redan publicerad. Datumet då en publicerad rapport sammanställdes ändras inte.",
        "date anger när rapporten sammanställdes och ingår i dess adress. Efter publicering är det en del av handlingen.",
        fix="Återställ date. Har något annat blivit fel, rätta det och förklara i revisions.",
    ),
    "RA504": Entry(
        "error", "Publicerad rapports serie ändrad",
        "series har ändrats från {old} till {new}, men rapporten är redan publicerad. En publicerad rapport byter inte serie.",
        "Serien bestämmer rapportens adress och sammanhang. Efter publicering hör rapporten till den serie den publicerades i.",
        fix="Återställ series. Hör rapporten till fel serie, återkalla den (withdrawn) och skapa en ny i rätt serie.",
    ),
    "RA505": Entry(
        "error", "Publicerad rapports adress ändrad",
        "Rapportens namn i adressen har ändrats från {old} till {new} (filen hette {was}), men rapporten är redan publicerad. Adressen får inte ändras efter publicering.",
        "Namnet i filnamnet är rapportens permanenta webbadress. Den ändras inte ens om rubriken ändras.",
        fix="Behåll det gamla filnamnet. En ändrad rubrik förklaras i revisions.",
    ),
    "RA506": Entry(
        "error", "Ändring utan rättelse",
        "Rapporten är publicerad och har ändrats ({changed}) utan att en ny rad lagts till i revisions. Lägg till en rättelse sist i revisions som säger vad som ändrades och när.",
        "Läsarna ska kunna se att en publicerad rapport har ändrats, när och varför. Varje ändring efter publicering förklaras därför med en ny rad i revisions.",
        example="revisions:\n  - date: 2024-10-14 09:00\n    note: Rättat datumet för pressmeddelandet.",
    ),
    "RA507": Entry(
        "error", "Rättelse ändrad eller borttagen",
        "Rättelse nummer {number} i revisions ({date}) har {what}. revisions är en logg: tidigare rader ändras eller tas aldrig bort, nya läggs till sist.",
        "Listan över rättelser visar läsarna vad som har hänt med rapporten. En gammal rad som ändras i efterhand skulle skriva om historien.",
        fix="Återställ den tidigare raden och lägg till en ny rad sist.",
    ),
    "RA508": Entry(
        "error", "Öppen rapport görs intern utan förklaring",
        "Rapporten har varit öppen (classification: public) och görs nu intern, men utan en ny rad i revisions. Förklara i revisions varför rapporten inte längre ska visas på den öppna webbplatsen.",
        "En öppen rapport försvinner från den öppna webbplatsen när den görs intern. Skälet ska framgå av rättelseloggen.",
        example="revisions:\n  - date: 2024-10-14 09:00\n    note: Rapporten publiceras inte längre öppet eftersom den innehåller interna uppgifter.",
    ),
    "RA509": Entry(
        "error", "Publicerad rapport blir utkast",
        "Rapporten är publicerad men har ändrats till utkast (draft: true). Då skulle den försvinna från webbplatsen. Dra tillbaka den med withdrawn i stället.",
        "En publicerad rapport finns kvar på sin adress. Ska den inte längre gälla återkallas den med datum och skäl.",
        example="withdrawn:\n  date: 2024-10-12 10:00\n  reason: Rapporten innehöll uppgifter som inte var bekräftade.",
    ),
    "RA510": Entry(
        "error", "Seriens definition ändrad för publicerade rapporter",
        "{key} ({label}) har ändrats från {old} till {new}. Det ändrar hur {count} i serien läses: {reports}. En sådan ändring räknas som en ändring av rapporterna själva: lägg till en ny rad sist i revisions i var och en av dem som säger vad som ändrades, eller återställ {key}.",
        "Seriens id, namn, tidszon och avsnitt hör till varje publicerad rapport i serien: namnet visas på rapportens sida, tidszonen bestämmer vilket klockslag ett datum utan tidsförskjutning betyder, och avsnitten bestämmer hur rapporten kontrolleras. Ändras de skulle publicerade rapporter ändras utan att det syns i deras rättelselogg. Ändringen tillåts när varje berörd publicerad rapport har fått en ny rad i revisions; en ändrad tidszon som inte flyttar något publicerat klockslag berör ingen rapport.",
        example="time_zone: Europe/Stockholm → time_zone: Europe/Helsinki",
        fix="Återställ uppgiften i serie.yml. Ska den verkligen ändras, lägg till en rad i revisions i varje rapport som meddelandet nämner, till exempel note: Serien har bytt namn.",
    ),
    "RA511": Entry(
        "warning", "Publicerad rapport var en symbolisk länk",
        "Rapporten är en symbolisk länk i {base} (till {target}), så den publicerade texten kan inte läsas och jämföras. Kontrollera själv att texten är densamma som på webbplatsen, och lägg till en rad i revisions om den har ändrats.",
        "Innan symboliska länkar spärrades kunde en rapport vara en länk till en annan fil. Skyddet jämför då med filen som länken pekade på, om den finns i arkivet; annars går det inte att se vad som publicerades.",
        fix="Ersätt länken med en vanlig fil med den publicerade texten.",
    ),
    # --- Operational faults: files that cannot be read safely --------------
    "RA520": Entry(
        "error", "Inte en vanlig fil",
        "Filen läses inte: den är {kind}, inte en vanlig fil.",
        "Rapporter och serier är vanliga textfiler i arkivet. En symbolisk länk, en namngiven pipe eller en enhetsfil kan peka utanför arkivet eller få verktygen att vänta för evigt, så den läses aldrig.",
        fix="Ersätt länken med en vanlig fil som innehåller texten.",
    ),
    # --- Email: sending the reports exactly once (rapportarkiv mail) --------------
    "RA700": Entry(
        "error", "E-postservern går inte att nå",
        "Utskicket till listan {list} skickades inte: e-postservern {server} går inte att nå ({reason}). Inget har skickats; nästa körning försöker igen.",
        "Utskicket kunde inte börja: servern svarade inte, vägrade anslutningen eller saknar krypterad anslutning (STARTTLS).",
        fix="Kontrollera RAPPORTARKIV_SMTP_HOST och RAPPORTARKIV_SMTP_PORT och att servern är i drift. Nästa körning skickar det som återstår.",
    ),
    "RA701": Entry(
        "error", "Inloggningen på e-postservern misslyckades",
        "Utskicket till listan {list} skickades inte: e-postservern {server} godtog inte inloggningen ({reason}). Inget har skickats.",
        "Användarnamnet eller lösenordet för e-postservern är fel eller har gått ut.",
        fix="Byt hemligheterna RAPPORTARKIV_SMTP_USER och RAPPORTARKIV_SMTP_PASSWORD i repositoriets inställningar. Nästa körning skickar det som återstår.",
    ),
    "RA702": Entry(
        "error", "Tillfälligt fel hos e-postservern",
        "Utskicket till listan {list} skickades inte: e-postservern svarade {status} {reason}. Inget har skickats; nästa körning försöker igen.",
        "Servern kan inte ta emot e-post just nu (ett svar som börjar på 4). Det går oftast över av sig självt.",
        fix="Inget behöver göras om felet går över. Kvarstår det, kontakta e-postserverns förvaltare.",
    ),
    "RA703": Entry(
        "error", "E-postservern vägrade utskicket",
        "Utskicket till listan {list} skickades inte: e-postservern svarade {status} {reason}. Inget har skickats; nästa körning försöker igen.",
        "Servern vägrar ta emot meddelandet (ett svar som börjar på 5), till exempel för att en mottagare eller avsändaren inte godtas.",
        fix="Kontrollera adresserna i mail i serie.yml och att avsändaren får skicka via servern.",
    ),
    "RA704": Entry(
        "error", "Oklart om utskicket skickades",
        "Utskicket till listan {list} (Message-ID {message_id}) påbörjades {claimed} men blev aldrig bekräftat. Det skickas inte om av sig självt, så att ingen får det två gånger. Sök efter Message-ID i e-postserverns logg och kör sedan rapportarkiv mail resolve '{message_id}' --sent (det kom fram) eller --retry (det kom inte fram).",
        "Körningen avbröts mellan att meddelandet lämnades till e-postservern och att det skrevs in i utskicksloggen, eller så bröts förbindelsen efter att meddelandet skickats. Det går inte att veta om det kom fram.",
        fix="Sök efter Message-ID i e-postserverns logg eller hos en mottagare. Kom det fram: kör rapportarkiv mail resolve MESSAGE-ID --sent. Kom det inte fram: kör rapportarkiv mail resolve MESSAGE-ID --retry, så skickas det vid nästa körning.",
    ),
    "RA705": Entry(
        "error", "Inställningar för e-postservern saknas",
        "E-post kan inte skickas: miljövariabeln {variable} saknas eller är ogiltig.",
        "Servern och inloggningen läses bara från miljön (i arbetsflödet: repositoriets hemligheter), aldrig från filer i repositoriet.",
        fix="Sätt RAPPORTARKIV_SMTP_HOST, RAPPORTARKIV_SMTP_PORT (standard 587), RAPPORTARKIV_SMTP_USER och RAPPORTARKIV_SMTP_PASSWORD.",
    ),
    "RA706": Entry(
        "error", "Webbplatsen är inte publicerad än",
        "Inget skickas: commit {head} är inte publicerad på webbplatsen (taggen {tag} {where}). Länken i utskicket skulle leda till en sida som inte finns.",
        "Utskicken skickas bara för det som redan finns på webbplatsen, efter att publiceringen har flyttat taggen.",
        fix="Vänta tills publiceringen är klar, eller kör rapportarkiv mark-deployed efter en lyckad publicering.",
    ),
    "RA707": Entry(
        "error", "Utskicksloggen kan inte läsas eller sparas",
        "Utskicksloggen {ref} på {remote} kan inte läsas eller sparas: {reason}. Inget skickas.",
        "Varje utskick skrivs in i loggen i git innan det skickas. Går loggen inte att läsa eller spara skickas ingenting, eftersom det inte går att veta vad som redan har skickats.",
        fix="Kontrollera att jobbet har skrivrätt till repositoriet (permissions: contents: write). Är en rad i utskick.jsonl trasig, återställ den med git på grenen utskickslogg.",
    ),
    "RA708": Entry(
        "error", "Utskicksloggen finns inte",
        "Utskicksloggen {ref} finns inte på {remote}. Den skapas med rapportarkiv mail send --baseline, som skriver in allt som redan är publicerat som skickat utan att skicka något.",
        "Utan logg går det inte att veta vad som redan har skickats, och första körningen skulle skicka om hela arkivet.",
        fix="Kör rapportarkiv mail send --baseline en gång.",
    ),
    "RA709": Entry(
        "error", "Rapporten har osparade ändringar",
        "Rapporten skickas inte: filen skiljer sig från den version som finns i git.",
        "Utskick görs bara av publicerade versioner, som de står i git.",
        fix="Kör utskicket från en ren utcheckning av main.",
    ),
    "RA710": Entry(
        "warning", "Utskick av återkallad rapport",
        "Rapporten är återkallad och skickas inte med e-post.",
        "En återkallad rapport finns kvar på webbplatsen men skickas inte ut.",
    ),
}


def render(code: str, **params: object) -> str:
    """Fill in the template of ``code``. A missing parameter shows as '…'.

    A problem's parameters are what the check found (a type, a value, the
    nearest known word); the words its template needs are made from them
    here, by the code's entry in ``_WORDS``. A parameter given under the
    template's own name is used as it is."""
    words = _WORDS.get(code)
    shown = {**words(params), **params} if words is not None else params
    return PROBLEMS[code].message.format_map(_Lenient(shown)).strip()


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "…"


# --- Words inside problem messages ---------------------------------------------
# The checks choose among these and pass them as a problem's parameters; the
# sentence around them is the code's template above.

# "Did you mean": the nearest of the known words, if one is near enough.
DID_YOU_MEAN = " Menade du ”{match}”?"

# Where things lie below docs/, as the messages spell them out for an author.
PATHS: dict[str, str] = {
    "year_folder": "{reports_dir}/<serie>/<år>/",
    "report_form": "{reports_dir}/<serie>/<år>/ÅÅÅÅ-MM-DD-namn.md",
}
# The list of known series when there is none (RA204, `rapportarkiv new`).
NONE_KNOWN = "inga"
# A place in the front matter as an author reads it: communication[2].date is
# "communication › nr 3 › date".
KEY_PATH: dict[str, str] = {"item": "nr {number}", "root": "front matter"}

# The example after a description (RA101, RA105), when the description has not given it.
EXAMPLE_TAIL = " Exempel: {example}"
# The last of several alternatives: "regular (veckorapport) eller extra (extrainsatt rapport)" (RA104).
ALTERNATIVES_OR = " eller "
# What each allowed value of a field means (RA104, and the comments of `rapportarkiv new`'s template),
# by the field's name: the reader's own words for it where the site has them.
ENUM_MEANINGS: dict[str, dict[str, str]] = {
    "type": {"regular": "veckorapport", "extra": "extrainsatt rapport"},
    "audience": {"internal": "internt", "external": "externt"},
    "status": {"planned": "kommande", "done": "genomförd"},
    "classification": {"internal": "intern", "public": "öppen"},
    "frequency": {"weekly": "varje vecka", "monthly": "varje månad"},
    "weekday": {
        "monday": "måndag", "tuesday": "tisdag", "wednesday": "onsdag", "thursday": "torsdag",
        "friday": "fredag", "saturday": "lördag", "sunday": "söndag",
    },
}
# Swedish names an author may write for a key, and the key meant (RA102: "Menade du ”title”?").
SWEDISH_KEYS: dict[str, str] = {
    "rubrik": "title", "titel": "title", "serie": "series", "typ": "type", "rapporttyp": "type",
    "anledning": "occasion", "datum": "date", "sammanställd": "date", "beskrivning": "description",
    "sammanfattning": "description", "ingress": "description", "taggar": "tags", "ämnesord": "tags",
    "talespersoner": "spokespersons", "talesperson": "spokespersons", "kommunikation": "communication",
    "åtgärder": "communication", "författare": "authors", "skribenter": "authors",
    "klassning": "classification", "klassificering": "classification", "publicering": "classification",
    "utkast": "draft", "publiceras": "publish_at", "embargo": "publish_at", "rättelser": "revisions",
    "återkallad": "withdrawn", "återkallelse": "withdrawn", "namn": "name", "roll": "role",
    "målgrupp": "audience", "kanal": "channel", "åtgärd": "text",
    "not": "note", "notering": "note", "skäl": "reason", "orsak": "reason", "tidszon": "time_zone",
    "utgivning": "cadence", "veckodag": "weekday", "avsnitt": "sections",
}

# How a JSON Schema type and a value are named (RA103, RA104, RA105).
TYPE_NAMES: dict[str, str] = {
    "string": "text",
    "boolean": "true eller false",
    "array": "en lista",
    "object": "en grupp av uppgifter (namn: värde på egna, indragna rader)",
    "integer": "ett heltal",
    "number": "ett tal",
    "null": "tomt",
}
SHOWN_VALUES: dict[str, str] = {
    "null": "tom",
    "text": "texten ”{value}”",
    "array": "en lista",
    "object": "en grupp av uppgifter",
    "other": "”{value}”",
}
# What to do when a value has the wrong type, by (expected type, type found).
TYPE_HINTS: dict[tuple[str, str], str] = {
    ("boolean", "text"): (
        "Skriv true för ja eller false för nej. ”{value}” tolkas inte som ja eller nej, "
        "eftersom värden som NO, yes och on annars kan ändra betydelse i tysthet."
    ),
    ("string", "object"): "Innehåller texten ett kolon följt av mellanslag? Sätt då hela texten inom citattecken.",
    ("string", "null"): "Skriv ett värde efter kolonet, eller ta bort raden.",
    ("array", "text"): "Skriv en rad per värde som börjar med bindestreck (- värde), eller [värde1, värde2].",
    ("object", "text"): "Skriv uppgifterna på egna rader under namnet, indragna med två mellanslag.",
}
# The unit of a length limit (RA106), by JSON Schema keyword.
LENGTH_UNITS: dict[str, str] = {"maxLength": "tecken", "maxItems": "rader"}

# libyaml's complaints (RA007), by the name frontmatter gives each: what is
# wrong, and what to do.
YAML_PROBLEMS: dict[str, tuple[str, str]] = {
    "colon_in_value": (
        "ett kolon (:) står mitt i ett värde",
        "Sätt hela texten inom citattecken, till exempel title: \"Läget: oförändrat\".",
    ),
    "no_colon": (
        "en rad saknar kolon efter namnet",
        "Skriv namn, kolon, mellanslag och värde, eller dra in raden om den fortsätter texten ovanför.",
    ),
    "indent": ("indraget stämmer inte med raderna ovanför", "Rader på samma nivå ska ha lika många mellanslag först."),
    "list_indent": ("en listrad har fel indrag", "Alla rader i en lista börjar med bindestreck på samma indrag."),
    "open_quote": (
        "ett citattecken öppnas men stängs aldrig",
        "Avsluta texten med samma sorts citattecken som den börjar med.",
    ),
    "unclosed": (
        "ett citattecken eller en hakparentes stängs aldrig",
        "Kontrollera att varje \" ' [ och { har en motsvarande avslutning.",
    ),
    "open_list": (
        "en lista inom hakparenteser stängs inte",
        "Avsluta listan med ] och skilj värdena åt med kommatecken.",
    ),
    "open_group": (
        "en grupp inom klammerparenteser stängs inte",
        "Avsluta gruppen med } och skilj värdena åt med kommatecken.",
    ),
    "special_start": ("raden börjar med ett tecken som har särskild betydelse", "Sätt texten inom citattecken."),
    "tab": ("ett tabbtecken används som indrag", "Använd mellanslag i stället för tabb."),
    "key_not_text": ("ett namn är inte vanlig text", "Skriv namnet med bokstäver, följt av kolon."),
    "smart_quotes": (
        "texten står inom typografiska citattecken (” ” eller « »), som YAML inte räknar som citattecken",
        "Byt dem mot raka citattecken (Skift+2 på ett svenskt tangentbord): {written}. "
        "Ordbehandlare byter raka citattecken mot typografiska; skriv front matter i en texteditor.",
    ),
    "no_space": (
        "det saknas ett mellanslag efter kolonet",
        "Skriv ett mellanslag mellan kolonet och värdet, till exempel series: regional-rapport-millennium-2024.",
    ),
    "nbsp": (
        "raden innehåller ett hårt mellanslag (från en ordbehandlare), som YAML inte räknar som mellanslag",
        "Ta bort mellanslagen i början av raden och efter kolonet och skriv dem igen med mellanslagstangenten.",
    ),
    "after_quote": (
        "det står text efter det avslutande citattecknet",
        "Sätt hela texten inom citattecknen, till exempel title: \"Läget i regionen\".",
    ),
    "list_here": (
        "en listrad (som börjar med bindestreck) står där ett namn: värde väntas",
        "Dra in listans rader under namnet de hör till, eller sätt en text som börjar med bindestreck inom citattecken.",
    ),
    "escape": (
        "ett omvänt snedstreck (\\) inom dubbla citattecken följs av ett tecken som inte kan stå där",
        "Skriv två snedstreck (\\\\) för ett, eller sätt texten inom enkla citattecken (') i stället.",
    ),
    "anchor_name": (
        "ett & eller * följs inte av ett namn",
        "Sätt texten inom citattecken om den börjar med & eller *.",
    ),
    "tag": (
        "ett utropstecken (!) i början av värdet anger en YAML-typ, och sådana används inte i front matter",
        "Sätt texten inom citattecken om den börjar med !, och ta bort typer som !!int och !!str.",
    ),
    "block_text": (
        "en flerradig text (| eller >) är felaktigt inledd",
        "Skriv | eller > ensamt efter kolonet och texten på indragna rader under.",
    ),
    "directive": (
        "en rad som börjar med % står överst",
        "Ta bort raden, eller sätt texten inom citattecken om den börjar med %.",
    ),
    "document_marker": (
        "en rad med bara --- eller ... står mitt i uppgifterna",
        "Front matter slutar vid första raden med ---. Ta bort raden, eller sätt texten inom citattecken.",
    ),
    "no_value": (
        "ett värde saknas där det behövs",
        "Skriv ett värde efter kolonet eller bindestrecket, eller ta bort tecknet.",
    ),
    "other": ("texten följer inte formatet namn: värde", "Kontrollera indrag, kolon och citattecken."),
}

# How many lines a pasted list runs over (RA025).
WORD_HABITS: dict[str, str] = {"lines.one": "på en rad", "lines.other": "på {count} rader i följd"}
# What the site makes of a pasted bullet (RA025): in running text, or after a list marker of its own.
WORD_HABITS |= {
    "effect.paragraph": "Webbplatsen ser det inte som en lista, utan slår ihop raderna till ett enda stycke med tecknen kvar. Skriv ett bindestreck och ett mellanslag först på varje rad i stället (- text), med en tom rad före listan.",
    "effect.item": "Raden är redan en punkt i en lista, så webbplatsen visar två punkttecken. Ta bort tecknet ”{char}” och behåll bindestrecket (- text).",
}

# Why an HTML element or attribute is refused (RA301, RA302).
TAG_HINTS: dict[str, str] = {
    "script": "Skript kan köra kod i läsarens webbläsare.",
    "iframe": "Inbäddade sidor hämtar innehåll från andra webbplatser. Länka till sidan i stället.",
    "object": "Inbäddade objekt kan köra kod. Länka till filen i stället.",
    "embed": "Inbäddade objekt kan köra kod. Länka till filen i stället.",
    "style": "Utseendet bestäms av webbplatsen, inte av rapporten.",
    "form": "Formulär kan användas för att lura läsare att lämna uppgifter.",
    "link": "Externa resurser hämtas från andra webbplatser.",
    "meta": "Metataggar kan skicka läsaren vidare till en annan sida.",
    "base": "Elementet ändrar vart alla länkar på sidan pekar.",
    "h1": "Rubriken på nivå ett skrivs i title. Använd ## för avsnitt.",
    "other": "Skriv texten med Markdown i stället.",
}
ATTRIBUTE_HINTS: dict[str, str] = {
    "event": "Attribut som börjar med on kör skript.",
    "style": "Utseendet bestäms av webbplatsen.",
    "other": "Tillåtna attribut på <{tag}>: {allowed}.",
}

# Swedish names of the characters an author is most likely to meet (RA014, RA020–RA023).
CHARACTER_NAMES: dict[str, str] = {
    "\x00": "nolltecken",
    "\x0b": "manuell radbrytning från Word",
    "\x0c": "sidbrytning från Word",
    "\x0d": "vagnretur",
    "\x1b": "escape-tecken",
    "\x7f": "raderingstecken",
    "\x85": "radslutstecken (NEL)",
    "\u00ad": "mjukt bindestreck",
    "\u061c": "arabisk bokstavsmarkering",
    "\u200b": "nollbredd mellanslag",
    "\u200c": "nollbredd icke-sammanfogare",
    "\u200d": "nollbredd sammanfogare",
    "\u200e": "vänster-till-höger-markering",
    "\u200f": "höger-till-vänster-markering",
    "\u202a": "vänster-till-höger-inbäddning",
    "\u202b": "höger-till-vänster-inbäddning",
    "\u202c": "riktningsavslut",
    "\u202d": "vänster-till-höger-åsidosättning",
    "\u202e": "höger-till-vänster-åsidosättning",
    "\u2028": "radavgränsare",
    "\u2029": "styckeavgränsare",
    "\u2060": "ordsammanfogare",
    "\u2066": "vänster-till-höger-isolering",
    "\u2067": "höger-till-vänster-isolering",
    "\u2068": "första starka isolering",
    "\u2069": "isoleringsavslut",
    "\ufeff": "osynligt nollbreddstecken (byte-order-markering)",
    "\ufffe": "icke-tecken",
    "\uffff": "icke-tecken",
}
# A character without a name of its own is named by its class (its problem code).
CHARACTER_CLASSES: dict[str, str] = {
    "RA020": "kontrolltecken",
    "RA021": "radbrytningstecken",
    "RA022": "osynligt tecken",
    "RA023": "riktningstecken",
}
CHARACTER_HINTS: dict[str, str] = {
    "RA021": "Ta bort det och skriv en vanlig radbrytning (Enter) i stället.",
    "other": "Ta bort tecknet, till exempel genom att skriva om ordet det står i.",
}
# Where a refused character stands: typed in the text, or made by a YAML escape in a key or value.
CHARACTER_PLACES: dict[str, str] = {
    "typed": "på rad {line}, kolumn {column}",
    "escaped": "i {what} ”{name}” på rad {line} (tecken {index} i {what})",
    "key": "namnet",
    "value": "värdet",
}

# A zone-less time in a daylight-saving transition (RA217).
WALL_CLOCK: dict[str, str] = {"missing": "finns inte", "ambiguous": "är tvetydigt"}

# What happened to a revision (RA507) and how the reports a series change touches are counted (RA510).
GUARD: dict[str, str] = {
    "revision.removed": "tagits bort",
    "revision.changed": "ändrats",
    "reports.one": "{count} publicerad rapport",
    "reports.other": "{count} publicerade rapporter",
    "reports.more": "{listed} och {count} till",
}

# The one-line formats (`validate`, `check-history`): the severity words and the closing count.
FORMATS: dict[str, str] = {
    "severity.error": "fel",
    "severity.warning": "varning",
    "clean": "Inga fel i {files}.",
    "found": "{found} i {files}.",
    "and": " och ",
    "plural.checked_files": "kontrollerad fil|kontrollerade filer",
}


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
    "version": "Version",
    "week_label": "Vecka",
    "versions.line": "Version {number} · senast ändrad {date}",
    "versions.title": "Versioner",
    "versions.page_title": "{title} (version {number})",
    "compare.page_title": "{title}: jämförelse av version {old} och {new}",
    "versions.item": "Version {number}, {date}",
    "versions.first": "första publicerade versionen",
    "versions.note": "Rättelse",
    "versions.compare": "jämför version {old} och {new}",
    "versions.local_changes": "lokala ändringar som inte är publicerade",
    "versions.unpublished": "Ej publicerad – rapporten finns bara i förhandsvisningen.",
    "versions.old_banner": "Detta är en äldre version av rapporten: version {number}, publicerad {date}.",
    "versions.to_current": "Läs den aktuella versionen.",
    "versions.unreadable.title": "Version {number}",
    "versions.unreadable.text": "Den här versionen följer inte dagens rapportformat och visas därför som den skrevs.",
    "compare.title": "Jämförelse: {title}, version {old} och {new}",
    "compare.intro": "Ändringar från version {old} ({old_date}) till version {new} ({new_date}).",
    "compare.open": "Visa version {number}",
    "compare.fields": "Ändrade uppgifter",
    "compare.field": "Uppgift",
    "compare.before": "Version {number}",
    "compare.after": "Version {number}",
    "compare.absent": "saknas",
    "compare.no_fields": "Inga uppgifter har ändrats.",
    "compare.text": "Ändringar i texten",
    "compare.legend": "Borttagen text är överstruken och inleds med ”Borttaget”; tillagd text är understruken och inleds med ”Tillagt” för skärmläsare.",
    "compare.no_text": "Texten har inte ändrats.",
    "compare.coarse": "För många ändringar för att visa ord för ord: några ändrade stycken visas i sin helhet, först som borttagna och sedan som tillagda.",
    # The report page's header and version history (issue 17): what a reader meets first.
    "classification.label": "Klassning",
    "versions.corrected": "Senast rättad {date}",
    "versions.changed_history": "Senast ändrad {date} (datum från versionshistoriken)",
    "versions.item.history": "Version {number}, ändrad {date} (datum från versionshistoriken)",
    "versions.old_banner.revision": "Detta är en äldre version av rapporten: version {number}, rättad {date}.",
    "versions.old_banner.history": "Detta är en äldre version av rapporten: version {number}, ändrad {date} (datum från versionshistoriken).",
    "print.address": "Rapportens adress: {url}",
    "print.printed": "Utskriven {date}",
    "blog_draft": "Utkast",
    "read_whole": "Läs hela rapporten",
    "site_name": "Rapportarkiv",
    "home.title": "Start",
    "home.intro": "Här publiceras regionala rapporter och extrainsatta rapporter. Den senaste rapporten i varje serie visas först.",
    "home.more": "Fler rapporter finns i arkivet.",
    "home.all": "Alla rapporter i arkivet",
    "home.none": "Inga rapporter har publicerats ännu.",
    "archive.title": "Alla rapporter",
    "archive.intro": "Alla publicerade rapporter, nyast först.",
    "archive.count": "{count} rapporter",
    "archive.count.one": "1 rapport",
    "filter.legend": "Filtrera rapporterna",
    "filter.year": "År",
    "filter.type": "Typ",
    "filter.tag": "Tagg",
    "filter.text": "Innehåller text",
    "filter.any": "Alla",
    "filter.reset": "Visa alla",
    "filter.status": "Visar {shown} av {total} rapporter.",
    "filter.none": "Inga rapporter matchar filtret.",
    "series.title": "{name}",
    "series.years": "Arkiv per år",
    "series.latest": "Senaste rapporten",
    "series.feeds": "Prenumerera på serien",
    "year.title": "{name}: rapporter från {year}",
    "year.week": "Vecka {week}",
    "year.week.other_year": "Vecka {week}, {iso_year}",
    "tags.title": "Taggar",
    "tags.intro": "Ämnesord som rapporterna är märkta med.",
    "tag.title": "Tagg: {tag}",
    "calendar.title": "Kommunikationskalender",
    "calendar.intro": "Alla kommunikativa åtgärder i de publicerade rapporterna, ordnade efter datum. Välj ett år.",
    "calendar.year_title": "Kommunikationskalender {year}",
    "calendar.year_intro": "De kommunikativa åtgärderna under {year} i de publicerade rapporterna, senaste datum först.",
    "calendar.all_years": "Alla år i kalendern",
    "calendar.count.one": "1 åtgärd",
    "calendar.count": "{count} åtgärder",
    "calendar.subscribe": "Prenumerera i Outlook",
    "calendar.subscribe_hint": "Högerklicka på länken, kopiera adressen och lägg till den i Outlook under Lägg till kalender › Prenumerera från webben. Kalendern uppdateras av sig själv.",
    "spokespersons.title": "Talespersoner",
    "spokespersons.intro": "Talespersoner och de rapporter de förekommer i.",
    "fields.title": "Uppgifter i front matter",
    "fields.intro": "Varje uppgift som en rapport och en serie kan ha, med förklaring och exempel. Sidan skapas från rapportformatets schema och stämmer därför alltid med kontrollen.",
    "fields.report": "Rapportens uppgifter",
    "fields.series": "Seriens uppgifter (serie.yml)",
    "fields.required": "Obligatorisk",
    "fields.optional": "Valfri",
    "fields.allowed": "Tillåtna värden",
    "codes.title": "Felkoder",
    "codes.intro": "Varje problem som kontrollen hittar har en kod. Här förklaras varje kod och hur felet rättas.",
    "codes.severity.error": "Fel – rapporten kan inte publiceras förrän det är rättat.",
    "codes.severity.warning": "Varning – rapporten kan publiceras, men kontrollera.",
    "codes.example": "Exempel",
    "codes.fix": "Så rättar du",
    "feeds": "Prenumerera",
    "feed.all": "Alla rapporter",
    "feed.atom": "Atom-flöde",
    "feed.rss": "RSS-flöde",
    "feed.subtitle": "Nya rapporter i serien {name}",
    "about.cadence.weekly": "Sammanställs en gång i veckan, primärt på {weekday}, av {owner}, på uppdrag av {commissioned_by}.",
    "about.cadence.monthly": "Sammanställs en gång i månaden av {owner}, på uppdrag av {commissioned_by}.",
    "weekday.monday": "måndagar",
    "weekday.tuesday": "tisdagar",
    "weekday.wednesday": "onsdagar",
    "weekday.thursday": "torsdagar",
    "weekday.friday": "fredagar",
    "weekday.saturday": "lördagar",
    "weekday.sunday": "söndagar",
    "distribution": "Mottagare",
    "series_nav": "Rapporter i serien",
    "breadcrumb": "Du är här",
    "search.label": "Sök i rapporterna",
    "search.placeholder": "Sök i rapporterna",
    "search.none": "Inga rapporter hittades för ”{query}”.",
    "search.one": "1 rapport hittades.",
    "search.other": "{count} rapporter hittades.",
    "search.loading": "Söker …",
    "search.nojs": "Sökningen kräver JavaScript. Alla rapporter finns också i arkivet.",
    "search.close": "Stäng sökningen",
    "mentioned_in": "Förekommer i",
    "page.not_found.title": "Sidan finns inte",
    "page.not_found.text": "Sidan du letar efter finns inte här. Den kan ha flyttats, eller så är adressen felskriven.",
    "page.not_found.home": "Gå till startsidan",
    "page.not_found.archive": "Se alla rapporter",
    "skip": "Gå till innehållet",
    # Finding reports (issue 17): the search results page, the withdrawn mark in lists, wording.
    "withdrawn_mark": "Återkallad",
    "search.title": "Sök i rapporterna",
    "search.intro": "Sök bland alla publicerade rapporter. Träffarna visas med de mest relevanta först och, bland lika relevanta, de nyaste först.",
    "search.submit": "Sök",
    "search.empty": "Skriv ett eller flera ord i sökrutan.",
    "search.show_all": "Visa alla träffar på söksidan",
    "search.more": "Visa fler träffar",
    "search.shown": "Visar {shown} av {count}.",
    "search.filters": "Avgränsa sökningen",
    "search.filter.series": "Serie",
    "search.filter.type": "Typ",
    "search.filter.year": "År",
    "search.error": "Sökningen kunde inte laddas. Alla rapporter finns också i arkivet.",
    "filter.status.one_total": "Visar {shown} av 1 rapport.",
    "filter.text.searching": "Söker i rapporternas text …",
    "home.earlier": "Tidigare rapporter",
    "feed.subtitle.all": "Alla nya rapporter i {site}",
    "feed.withdrawn_title": "Återkallad: {title}",
    "calendar.upcoming": "Kommande åtgärder",
    "calendar.past": "Tidigare åtgärder",
    "calendar.none_upcoming": "Inga kommande åtgärder under {year}.",
    "logo_alt": "{name}, till startsidan",
}


# The scaffold written by `rapportarkiv new`. Every [FYLL I: …] is rejected by
# the validator (RA215) until it is replaced, so an unfinished report cannot be merged.
REPORT_TEMPLATE = """\
---
# Uppgifterna om rapporten. Text efter # är kommentarer: de syns inte på webbplatsen och kan stå kvar.
title: {title}  # rubriken på en rad
series: {series}
type: {type}  # {type_values}
{occasion}date: {date}  # när rapporten sammanställdes: ÅÅÅÅ-MM-DD TT:MM, i seriens tidszon
description: "[FYLL I: en eller två meningar som sammanfattar rapporten, högst 300 tecken]"
tags:  # ämnesord, ett per rad
  - "[FYLL I: ämnesord]"
spokespersons:  # talespersoner, en grupp per person
  - name: "[FYLL I: för- och efternamn]"
    role: "[FYLL I: titel]"
    organisation: "[FYLL I: organisation]"
communication:  # kommunikativa åtgärder, en grupp per åtgärd
  - audience: internal  # {audience_values}
    date: {day}  # ÅÅÅÅ-MM-DD
    status: planned  # {status_values}
    channel: "[FYLL I: kanal, till exempel Insidan]"
    text: "[FYLL I: vad som görs]"
  - audience: external  # {audience_values}
    date: {day}
    status: planned  # {status_values}
    channel: "[FYLL I: kanal, till exempel Pressmeddelande]"
    text: "[FYLL I: vad som görs]"
classification: internal  # {classification_values}
---

{sections}"""

TEMPLATE_OCCASION = 'occasion: "[FYLL I: vad rapporten skrivs med anledning av]"\n'
TEMPLATE_TITLE = "[FYLL I: rubrik]"
TEMPLATE_SECTION = "## {name}\n\n[FYLL I: text under rubriken {name}]\n"
TEMPLATE_SLUG = {"regular": "vecka-{week}", "extra": "extrainsatt"}
# A template comment's list of allowed values: "planned = kommande, done = genomförd".
TEMPLATE_VALUE = "{value} = {meaning}"
TEMPLATE_VALUES_JOIN = ", "

CLI: dict[str, str] = {
    "created": "Skapade {path}. Fyll i alla [FYLL I: …] och kör sedan:\n  {command} validate {quoted}",
    "dated.today": "Datum: {date}, i dag, seriens veckodag ({weekday}). Ange ett annat med --date.",
    "dated.next": "Datum: {date}, nästa {weekday}, seriens veckodag. Ange ett annat med --date.",
    "exists": "{path} finns redan. Välj en annan rubrik eller ett annat datum.",
    "no_series": "Det finns ingen serie i {docs}. Skapa först en serie.yml i {docs}/rapporter/<serie>/.",
    "which_series": "Ange serie med --series. Kända serier: {known}.",
    "unknown_series": "Serien ”{series}” finns inte. Kända serier: {known}.",
    "bad_date": "Datumet ”{value}” går inte att tolka. Skriv till exempel 2024-10-11 15:20.",
    "no_docs": "Mappen {docs} finns inte. Kör kommandot i projektets mapp, där mkdocs.yml ligger, eller ange mappen med --docs.",
    "no_files": "Hittade inga rapporter att kontrollera i {paths}.",
    "missing_file": "filen finns inte",
    "bad_audience": "Målgruppen för bygget (RAPPORTARKIV_AUDIENCE) måste vara internal eller public, inte ”{value}”.",
    "bad_now": "Byggets tidpunkt (RAPPORTARKIV_NOW) går inte att tolka: ”{value}”. Skriv till exempel 2024-10-11T15:20:00+02:00.",
    "bad_preview": "Förhandsvisningen (RAPPORTARKIV_PREVIEW) måste vara true eller false, inte ”{value}”.",
    "bad_dry_run": "Provkörningen av utskicken (RAPPORTARKIV_MAIL_DRY_RUN) måste vara true eller false, inte ”{value}”.",
    "build_failed": "Bygget stoppades: {summary} Rätta felen ovan och bygg igen.",
    # Operational faults (rapportarkiv.faults): what the command or the build
    # says instead of a traceback.
    "interrupted": "Avbrutet.",
    "os_failed": "Kunde inte slutföra: {path}: {reason}.",
    "write_failed": "Bygget stoppades: {path} kunde inte skrivas ({reason}).",
    "leftover": "Bygget stoppades: {path} är kvar från ett avbrutet bygge och skulle annars publiceras. Ta bort mappen och bygg igen.",
    "search_failed": "Bygget stoppades: sökindexet kunde inte byggas. {reason}",
    "search.missing": "Pagefind är inte installerat (pip install 'pagefind[extended]').",
    "search.start": "Pagefind kunde inte startas ({reason}).",
    "search.stopped": "Pagefind avslutades utan att svara.",
    "search.timeout": "Pagefind svarade inte på {seconds} sekunder och stoppades.",
    "search.refused": "Pagefind vägrade: {message}",
    "search.incomplete": "Pagefind lämnade inte ut hela indexet.",
    "bad_brand": "Inställningen {key} i extra.rapportarkiv_brand finns inte. Kända inställningar: {known}.",
    "bad_brand_text": "Inställningen extra.rapportarkiv_brand.{key} måste vara en text, inte ”{value}”.",
    "bad_brand_colour": "Färgen extra.rapportarkiv_brand.{key} måste vara en hexfärg som #1f4e79, inte ”{value}”.",
    "brand_contrast": "Färgen extra.rapportarkiv_brand.{key} (”{value}”) har kontrasten {ratio}:1 mot vit text. WCAG AA kräver minst 4,5:1. Välj en mörkare färg, till exempel {suggestion}.",
    "bad_logo": "Logotypen extra.rapportarkiv_brand.logo måste vara en bildfil (.svg, .png, .jpg, .webp) i docs/, inte ”{value}”. En adress på nätet går inte: webbplatsen hämtar inget från andra servrar.",
    "logo_missing": "Logotypen extra.rapportarkiv_brand.logo finns inte: docs/{value}.",
    "brand_colour_empty": "Färgen extra.rapportarkiv_brand.{key} saknar värde. Skriv färgen inom citattecken, till exempel {key}: \"#1f4e79\": utan dem läser YAML allt efter # som en kommentar.",
    "logo_needs_alt": "Logotypen behöver en alternativtext: ange extra.rapportarkiv_brand.logo_alt.",
    "undecodable_argument": "{option} innehåller tecken som inte kunde läsas ({shown}). Kontrollera terminalens teckenkodning (UTF-8) och skriv om texten.",
}

# The commands' --help, by command and option.
HELP: dict[str, str] = {
    "description": "Kontrollera, skapa och publicera rapporter i rapportarkivet.",
    "metavar": "kommando",
    "validate": "kontrollera rapporter och serier",
    "validate.paths": "filer eller mappar (standard: hela docs/)",
    "docs": "arkivets docs-mapp (standard: docs)",
    "validate.strict": "varningar räknas som fel",
    "new": "skapa en ny rapport från mallen",
    "new.series": "seriens id (behövs om det finns flera serier)",
    "new.title": "rubrik; blir också filens namn",
    "new.date": "sammanställd, till exempel '2024-10-11 15:20' (standard: nu; en veckorapport: seriens veckodag, i dag eller nästa)",
    "check-history": "kontrollera att publicerade rapporter bara ändras med en rättelse",
    "check-history.base": "den publicerade versionen att jämföra med, t.ex. origin/main",
    "check-deploy": "kontrollera att den senast publicerade versionen finns kvar i historiken",
    "deploy.tag": "taggen för den senaste publiceringen (standard: {tag})",
    "deploy.repo": "git-repositoriets rot (standard: .)",
    "mark-deployed": "flytta taggen för den senaste publiceringen till HEAD",
    "mark-deployed.remote": "git-fjärren att skicka taggen till (standard: origin)",
    "format": "hur problemen skrivs ut: text (standard), github (anteckningar i GitHub Actions) eller json",
    "new.docs": "arkivets docs-mapp (standard: docs)",
    "new.type": "regular (veckorapport, standard) eller extra (extrainsatt rapport)",
    "check-history.format": "hur problemen skrivs ut: text (standard), github eller json",
}

# argparse's own words (rapportarkiv.arguments), keyed by its English message
# ids: usage, help and usage errors all come out in Swedish.
ARGPARSE: dict[str, str] = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "det här måste anges: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "expected one argument": "ett värde behövs efter flaggan",
    "expected at most one argument": "högst ett värde får anges",
    "expected at least one argument": "minst ett värde behövs",
    "expected %s argument": "%s värde behövs",
    "expected %s arguments": "%s värden behövs",
    "ambiguous option: %(option)s could match %(matches)s": "flaggan %(option)s är tvetydig: den kan vara %(matches)s",
    "not allowed with argument %s": "kan inte användas tillsammans med %s",
    "ignored explicit argument %r": "värdet %r används inte",
    "one of the arguments %s is required": "ett av argumenten %s måste anges",
    "unexpected option string: %s": "oväntad flagga: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "okänt kommando %(parser_name)r (välj bland %(choices)s)",
    "can't open '%(filename)s': %(error)s": "kan inte öppna ”%(filename)s”: %(error)s",
    "subcommands": "kommandon",
}
# How --help names an option's value, by the option's name (rapportarkiv.arguments).
METAVARS: dict[str, str] = {
    "paths": "sökväg",
    "docs": "MAPP",
    "series": "SERIE",
    "title": "RUBRIK",
    "date": "DATUM",
    "base": "GIT-REF",
    "repo": "MAPP",
    "output": "FIL",
    "site_url": "ADRESS",
    "artifact": "NAMN",
    "tag": "TAGG",
    "remote": "FJÄRR",
}

# Why a file could not be read or written, by errno name: the operating
# system's own words are English ("Permission denied").
OS_ERRORS: dict[str, str] = {
    "ENOENT": "filen eller mappen finns inte",
    "EACCES": "behörighet saknas",
    "EPERM": "åtgärden är inte tillåten",
    "EISDIR": "är en mapp",
    "ENOTDIR": "en del av sökvägen är inte en mapp",
    "ELOOP": "är en symbolisk länk eller en slinga av länkar",
    "ENOSPC": "disken är full",
    "EDQUOT": "diskkvoten är slut",
    "EFBIG": "filen blev för stor för filsystemet",
    "EROFS": "filsystemet är skrivskyddat",
    "EIO": "läsfel eller skrivfel på disken",
    "EMFILE": "för många öppna filer",
    "ENFILE": "för många öppna filer i systemet",
    "ENAMETOOLONG": "namnet är för långt",
    "EEXIST": "finns redan",
    "EBUSY": "används av ett annat program",
    "ETXTBSY": "används av ett annat program",
    "EAGAIN": "är tillfälligt upptagen",
    "EPIPE": "mottagaren slutade läsa",
    "ENOMEM": "minnet räcker inte",
    "ENOEXEC": "är inte ett körbart program",
    "other": "oväntat fel från operativsystemet ({name})",
}

# What RA231 and RA520 call a file that is not a regular file (rapportarkiv.faults.file_kind).
FILE_KINDS: dict[str, str] = {
    "link": "en symbolisk länk",
    "fifo": "en namngiven pipe (FIFO)",
    "device": "en enhetsfil",
    "socket": "en socket",
    "directory": "en mapp",
    "other": "något annat än en fil",
}


# What the preview server (`./dev serve`) shows and prints: its page in the
# browser when the site cannot be shown (rapportarkiv.render.preview_page), and
# its terminal lines, in place of MkDocs' English ones (rapportarkiv/site_build/mkdocs_adapter.py).
PREVIEW: dict[str, str] = {
    "header": "Förhandsvisning av rapportarkivet",
    "problems.title": "Förhandsvisningen väntar på rättelser",
    "problems.heading": "Rätta felen för att se förhandsvisningen",
    "problems.summary": "Kontrollen hittade {summary}",
    "problems.intro": "Rätta filerna nedan och spara. Sidan visar webbplatsen igen av sig själv när felen är rättade. Samma kontroll gör kommandot rapportarkiv validate.",
    "problems.list": "Felen, fil för fil",
    "problems.place": "rad {line}, kolumn {column}",
    "problems.code": "Felkod {code}: {title}",
    "problems.guide": "Felkoderna förklaras i guiden för skribenter, under Felkoder.",
    "severity.error": "Fel",
    "severity.warning": "Varning",
    "fault.title": "Förhandsvisningen kunde inte byggas",
    "fault.heading": "Förhandsvisningen kunde inte byggas",
    "fault.intro": "Bygget stoppades av ett fel som inte gäller en enskild rapport:",
    "fault.aborted": "MkDocs avbröt bygget, till exempel för att inställningarna i mkdocs.yml inte kunde läsas. Orsaken står i terminalen där förhandsvisningen körs.",
    "fault.unexpected": "Ett oväntat fel i rapportarkivets program stoppade bygget. Det beror troligen inte på din text. Meddela den som förvaltar rapportarkivet.",
    "fault.log": "Detaljerna för den som förvaltar rapportarkivet finns i filen {log}.",
    "fault.terminal": "Samma meddelande står i terminalen där förhandsvisningen körs.",
    "fault.retry": "Förhandsvisningen bygger igen när du sparar en fil, och sidan laddas då om av sig själv.",
    "log.building": "Bygger förhandsvisningen …",
    "log.changed": "Ändring sparad: bygger om förhandsvisningen …",
    "log.built": "Klart på {seconds} sekunder.",
    "log.serving": "Förhandsvisningen finns på {url} – öppna adressen i webbläsaren. Avsluta med Ctrl+C.",
    "log.stopping": "Förhandsvisningen avslutas.",
    "log.not_found": "Adressen {path} finns inte i förhandsvisningen (svarskod 404).",
    "log.halted": "Webbläsaren visar felen i stället för webbplatsen tills de är rättade: {summary}",
    "log.failed": "Webbläsaren visar felet i stället för webbplatsen tills ett bygge lyckas.",
    "log.unexpected": "Ett oväntat fel stoppade bygget. Detaljerna är sparade i {log}. Webbläsaren visar felet tills ett bygge lyckas.",
}


# What the site and the history guard say about git history (rapportarkiv.history).
HISTORY: dict[str, str] = {
    "shallow_build": (
        "Arkivet byggs från en grund klon (shallow clone) som saknar äldre commits, så rapporternas "
        "tidigare versioner skulle saknas på webbplatsen. Hämta hela historiken: sätt fetch-depth: 0 "
        "i steget actions/checkout, eller kör git fetch --unshallow."
    ),
    "shallow_preview": (
        "Git-historiken är ofullständig (grund klon), så rapporternas tidigare versioner visas inte "
        "eller bara delvis. Hämta hela historiken med git fetch --unshallow."
    ),
    "unavailable_build": "Rapporternas versioner kan inte läsas: {reason} En publicerad webbplats måste byggas från git-arkivet.",
    "no_git": "Programmet git finns inte installerat, så rapporternas versioner kan inte visas.",
    "not_a_repo": "Mappen är inte ett git-arkiv, så rapporternas versioner kan inte visas.",
    "no_commits": "Git-arkivet har ännu inga commits, så ingen rapport är publicerad.",
    "bad_ref": "Hittar inte versionen att läsa historiken från i git.",
    "bad_base": (
        "Hittar inte {ref} i git. Ange en gren eller commit som finns, till exempel --base origin/main. "
        "I GitHub Actions behövs hela historiken: sätt fetch-depth: 0 i steget actions/checkout."
    ),
    "guard_not_a_repo": "{path} ligger inte i ett git-arkiv, så det finns ingen publicerad version att jämföra med.",
    "guard_summary_ok": "Inga publicerade rapporter har ändrats på ett otillåtet sätt jämfört med {ref}.",
    "changed_body": "texten",
    # git's own (English) complaints, worded for the author (rapportarkiv.git).
    "git.unknown_ref": "git hittar inte {ref}. Ange en gren eller commit som finns, till exempel origin/main.",
    "git.dubious": "git vägrar att läsa {path} eftersom mappen ägs av en annan användare. Kör: git config --global --add safe.directory {path}",
    "git.failed": "git kunde inte utföra kommandot (git svarade: {detail}).",
    "git.no_folder": "git kan inte köras i {path}: {reason}.",
}

# What the publishing workflow says about the last deployed commit (rapportarkiv.deploy).
DEPLOY: dict[str, str] = {
    "ok": "Den senast publicerade versionen ({published}, taggen {tag}) finns kvar i historiken för {head}: inga publicerade versioner försvinner.",
    "first": "Taggen {tag} finns inte: ingenting är publicerat härifrån tidigare, så det finns ingen historik att skydda ännu. {head} publiceras och markeras med taggen när publiceringen är klar.",
    "rewritten": (
        "Publiceringen stoppades: den senast publicerade versionen ({published}, taggen {tag}) finns inte längre "
        "i historiken för {head}. Historiken på main har skrivits om (till exempel med git push --force), och "
        "då skulle rapporternas publicerade versioner försvinna från webbplatsen utan att någon granskat det. "
        "Så återställer du: hämta den publicerade historiken (git fetch origin --tags), lägg tillbaka ändringarna "
        "ovanpå den (git switch -c aterstall {tag} och sedan git cherry-pick eller git merge med det som ska med) "
        "och låt main peka på resultatet igen genom en pull request. Var omskrivningen avsiktlig och godkänd, "
        "till exempel för att ta bort uppgifter som aldrig fick publiceras, flyttar en administratör taggen: "
        "git tag -f {tag} origin/main && git push -f origin refs/tags/{tag}."
    ),
    "sidelined": (
        "Publiceringen stoppades: den senast publicerade versionen ({published}, taggen {tag}) ingår i historiken "
        "för {head} bara genom en sammanslagning, inte längs main:s egen linje av första föräldrar. Webbplatsen "
        "läser rapporternas versioner längs den linjen, så publicerade versioner skulle försvinna från webbplatsen "
        "utan att någon granskat det. Det händer när main har skrivits om och den gamla historiken sedan slagits "
        "ihop med den nya, eller när main har slagits ihop in i en annan gren som sedan skickats direkt till main. "
        "Så återställer du: hämta den publicerade historiken (git fetch origin --tags), utgå från den "
        "(git switch -c aterstall {tag}), lägg till ändringarna ovanpå den med git cherry-pick och låt main peka "
        "på resultatet igen genom en pull request. Var ändringen avsiktlig och godkänd flyttar en administratör "
        "taggen: git tag -f {tag} origin/main && git push -f origin refs/tags/{tag}."
    ),
    "bad_ref": "Hittar inte {ref} i git. Publiceringen behöver hela historiken och alla taggar: sätt fetch-depth: 0 i steget actions/checkout.",
    "no_git": "Programmet git finns inte installerat, så publiceringen kan inte kontrolleras.",
    "marked": "Taggen {tag} pekar nu på {head}, den version som just publicerades.",
    "mark_failed": "Taggen {tag} kunde inte flyttas till den publicerade versionen: {reason} Nästa publicering jämför då med den tidigare taggen, vilket är säkert men kontrollerar mindre. Ge jobbet rätten contents: write.",
}


# Words of the comparison between two versions. The labels are read by screen
# readers before each marked passage, so a change is never shown by colour alone.
DIFF: dict[str, str] = {
    "inserted": "Tillagt:",
    "deleted": "Borttaget:",
    "field.added": "tillagd",
    "field.removed": "borttagen",
    "field.changed": "ändrad",
    "empty": "(saknas)",
    "field.item": "{label} nr {number}",  # one item of a list that changed: "Kommunikation nr 2"
}


# The job summary of a pull request (`rapportarkiv summary`), in Markdown.
# Counts are filled in with plural(); "{a}|{b}" holds the singular and plural.
SUMMARY: dict[str, str] = {
    "verdict.errors": "❌ Kontrollen hittade {errors} – rätta dem innan pull requesten slås ihop",
    "verdict.warnings": "⚠️ Inga fel, men {warnings} att titta på",
    "verdict.clean": "✅ Alla rapporter klarar kontrollen",
    "checked": "{files} kontrollerades.",
    "counts": "Pull requesten lägger till {added}, ändrar {changed}, flyttar {renamed} och tar bort {deleted}.",
    "no_reports": "Pull requesten ändrar inga rapporter.",
    "deleted_alert": "⛔ **Pull requesten tar bort {deleted}.** Se varningen längre ned.",
    "problems.heading": "Problem",
    "problems.intro": "Alla problem i arkivet, per fil: både kontrollen av rapporterna och skyddet för publicerade rapporter. Koden länkar till författarguidens förklaring med exempel och åtgärd.",
    "problems.none": "Inga problem hittades.",
    "problems.columns": "| Rad | Kod | Allvar | Beskrivning |",
    "severity.error": "fel",
    "severity.warning": "varning",
    "reports.heading": "Rapporter i pull requesten",
    "reports.intro": "Så här ser uppgifterna ut i de rapporter som pull requesten lägger till, ändrar eller tar bort.",
    "card.added": "🆕 Ny rapport: {title}",
    "card.changed": "✏️ Ändrad rapport: {title}",
    "card.renamed": "⚠️ Flyttad rapport: {title}",
    "card.deleted": "⛔ Borttagen rapport: {title}",
    "card.untitled": "(rubrik saknas)",
    "card.file": "Fil: {path}",
    "card.moved": "> **Varning:** rapporten har flyttats från {old} till {new}. Filnamnet är rapportens permanenta adress: den gamla adressen slutar att fungera om rapporten redan är publicerad.",
    "card.deleted_warning": "> **Varning: den här pull requesten tar bort rapporten.** En publicerad rapport är en handling och ska finnas kvar på sin adress. Återkalla den i stället med withdrawn (datum och skäl). Godkänn bara om rapporten aldrig har publicerats.",
    "card.unreadable": "Rapportens uppgifter går inte att läsa – se problemen ovan.",
    "card.unreadable_before": "Uppgifterna i den tidigare versionen gick inte att läsa, så ändringarna kan inte visas fält för fält.",
    "card.columns": "| Uppgift | Värde |",
    "card.changes": "**Ändrat, uppgift för uppgift**",
    "card.changes_columns": "| Uppgift | Före | Efter |",
    "card.no_field_changes": "Inga uppgifter i front matter har ändrats.",
    "card.body_changed": "Texten i rapporten har ändrats.",
    "card.body_unchanged": "Texten i rapporten är oförändrad.",
    "field.title": "Rubrik",
    "field.type": "Typ",
    "field.date": "Sammanställd",
    "field.series": "Serie",
    "field.classification": "Klassning",
    "field.draft": "Utkast",
    "field.publish_at": "Publiceras tidigast",
    "field.withdrawn": "Återkallad",
    "value.true": "ja",
    "value.false": "nej",
    "value.missing": "–",
    "preview.heading": "Förhandsvisning",
    "preview.artifact": "Om bygget lyckas sparas den byggda webbplatsen som artefakten **{artifact}** på [körningens sida]({run_url}) (under Artifacts). Ladda ner och packa upp den, kör `python3 -m http.server` i mappen och öppna http://localhost:8000/. Förhandsvisningen visar också utkast och rapporter som ännu inte får publiceras, tydligt markerade.",
    "preview.artifact_no_link": "Om bygget lyckas sparas den byggda webbplatsen som artefakten **{artifact}** på körningens sida (under Artifacts). Ladda ner och packa upp den, kör `python3 -m http.server` i mappen och öppna http://localhost:8000/. Förhandsvisningen visar också utkast och rapporter som ännu inte får publiceras, tydligt markerade.",
    "preview.pages": "Förhandsvisningen publiceras också på GitHub Pages av jobbet ”Förhandsvisning”; länken visas i pull requesten under ”View deployment”.",
    "preview.no_pages": "Förhandsvisningen publiceras inte på GitHub Pages: Pages har en enda webbplats per repositorium, den publicerade. Artefakten ovan är förhandsvisningen.",
    "preview.local": "Förhandsgranska lokalt med `make serve`.",
    "truncated": "**Sammanfattningen är avkortad** för att hålla sig under GitHubs gräns på 1 MiB: {missing} visas inte. Kör `rapportarkiv validate` lokalt för hela listan.",
    "plural.files": "fil|filer",
    "plural.errors": "fel|fel",
    "plural.warnings": "varning|varningar",
    "plural.reports": "rapport|rapporter",
    "plural.problems": "problem|problem",
    "bad_ref": "Kan inte jämföra med {base}: {reason}",
    "no_docs": "Mappen {docs} finns inte.",
    "written": "Sammanfattningen skrevs till {path}.",
    "changes_unknown": "Kan inte se vad som ändrats sedan {base} ({reason}); testerna körs för säkerhets skull.",
    "changes_code": "Mer än rapporter har ändrats sedan {base}: testerna körs.",
    "changes_reports_only": "Bara rapporter har ändrats sedan {base}: testsviten behövs inte.",
    # Issue 16, reviewing: whole values, warnings that matter, the prose as a word diff, the report as it will read.
    "verdict.errors.one": "❌ Kontrollen hittade 1 fel – rätta det innan pull requesten slås ihop",
    "counts.added": "lägger till {reports}",
    "counts.changed": "ändrar {reports}",
    "counts.renamed": "flyttar {reports}",
    "counts.deleted": "tar bort {reports}",
    "counts.sentence": "Pull requesten {parts}.",
    "counts.and": " och ",
    "warnings_alert": "> **Varning:** {reports} ändras så att det påverkar publiceringen. Se varningarna överst i korten nedan.",
    "warning.public": "> **Varning: Rapporten blir offentlig.** Den publiceras även på den öppna webbplatsen när pull requesten slås ihop.",
    "warning.not_public": "> **Varning: Rapporten blir intern.** Den tas bort från den öppna webbplatsen när pull requesten slås ihop.",
    "warning.embargo_new": "> **Varning: Rapporten får ett embargo.** Den publiceras tidigast {new}.",
    "warning.embargo_moved": "> **Varning: Embargot flyttas.** Rapporten publiceras tidigast {new} i stället för {old}.",
    "warning.embargo_removed": "> **Varning: Embargot tas bort.** Rapporten publiceras när pull requesten slås ihop, inte {old}.",
    "warning.draft_removed": "> **Varning: Rapporten är inte längre ett utkast.** Den publiceras när pull requesten slås ihop.",
    "warning.draft_added": "> **Varning: Rapporten blir ett utkast.** Den tas bort från webbplatsen när pull requesten slås ihop.",
    "warning.withdrawn": "> **Varning: Rapporten återkallas.** Den finns kvar på sin adress med notisen ”Rapporten har återkallats {date}” och skälet: {reason}",
    "warning.unwithdrawn": "> **Varning: Återkallelsen tas bort.** Rapporten visas som gällande igen.",
    "warning.series": "> **Varning: Seriens definition ändras.** Ändringen gäller varje rapport i serien, också de som redan är publicerade.",
    "card.series": "⚠️ Ändrad serie: {name}",
    "card.series_unreadable": "Seriens definition går inte att läsa, före eller efter – se problemen ovan.",
    "value.separator": " · ",
    "value.list_separator": "; ",
    "diff.heading": "**Ändringar i texten**",
    "diff.legend": "Borttagen text är överstruken, tillagd text understruken. Bara stycken som ändrats visas.",
    "diff.folded": "Ändringar i texten ({paragraphs})",
    "diff.gap": "[…]",
    "diff.coarse": "För många ändringar för att visa ord för ord: några ändrade stycken visas i sin helhet, först som borttagna och sedan som tillagda.",
    "diff.cut": "*Fler ändringar visas inte här; se förhandsvisningen.*",
    "plural.paragraphs": "ändrat stycke|ändrade stycken",
    "rendered.heading": "Rapporterna som de kommer att se ut",
    "rendered.intro": "Varje ny eller ändrad rapport som klarar kontrollen, som läsaren kommer att se den (utan webbplatsens utseende). Hela förhandsvisningen finns i artefakten, se Förhandsvisning nedan.",
    "rendered.summary": "{title}",
    "rendered.kicker": "{series} · {type}",
    "rendered.occasion": "Med anledning av {occasion}",
    "rendered.compiled": "Sammanställd: {date}",
    "rendered.publish_at": "Publiceras tidigast: {date}",
    "rendered.tags": "Taggar: {tags}",
    "rendered.authors": "Sammanställd av: {authors}",
    "rendered.classification": "Klassning: {classification}",
    "rendered.image": "[bild: {alt}]",
    "rendered.cut": "*Texten är avkortad här. Läs hela rapporten i förhandsvisningen.*",
    "rendered.communication_columns": "| Datum | Målgrupp | Kanal | Åtgärd | Status |",
    "rendered.omitted": "**{reports} visas inte här** för att sammanfattningen ska hålla sig under GitHubs gräns på 1 MiB. Se förhandsvisningen.",
}


# The email edition, its sending and the calendar subscription (rapportarkiv.mail, render.ics).
MAIL: dict[str, str] = {
    "read_online": "Läs rapporten på webbplatsen",
    "correction_subject": "Rättelse: {subject}",
    "correction_heading": "Rättelse.",
    "correction_intro": "Rapporten har ändrats sedan den skickades:",
    "correction_unspecified": "Rapporten har rättats; se webbplatsen för vad som ändrats.",
    "footer": "Du får det här utskicket från {sender} eftersom du står på sändlistan ”{list}” för {series}.",
    "footer_preview": "Förhandsvisning: så här ser utskicket ut för sändlistan ”{list}”.",
    "no_list": "(ingen sändlista)",
    "preview_written": "Utskicket skrevs till {eml} och {html}.",
    "preview_no_report": "{path} är ingen rapport som kan förhandsvisas: {reason}",
    "preview_invalid": "rapporten har fel; kör rapportarkiv validate",
    "sent": "Skickat: {title} till listan {list} ({count} mottagare), Message-ID {message_id}.",
    "would_send": "Skulle skickas (provkörning): {title} till listan {list} ({count} mottagare): {subject}",
    "nothing": "Inget nytt att skicka.",
    "no_mailing_series": "Ingen serie har något e-postutskick (mail i serie.yml): inget att skicka.",
    "in_progress": "Skickas just nu av en annan körning (påbörjat {claimed}): {message_id}.",
    "baseline": "Utskicksloggen skapades: {count} redan publicerade utskick skrevs in som skickade utan att skickas.",
    "baseline_exists": "Utskicksloggen finns redan; --baseline behövs bara första gången.",
    "resolved": "Utskicket {message_id} är markerat som {state}.",
    "resolve_unknown": "Det finns inget obekräftat utskick med Message-ID {message_id} i loggen.",
    "login_ascii": "användarnamn och lösenord får bara innehålla tecken ur ASCII, utan å, ä och ö",
    "tag_missing": "finns inte",
    "tag_behind": "står på en tidigare commit",
    "state.sent": "skickat",
    "state.retry": "ej skickat (skickas vid nästa körning)",
    "help": "e-postutskick: förhandsvisa och skicka rapporterna",
    "help.preview": "skriv en rapports e-postutskick som .eml och .html",
    "help.preview.path": "rapportens fil",
    "help.preview.out": "mapp att skriva till (standard: utskick)",
    "help.preview.base": "i stället för en fil: utskicken för varje ny eller rättad rapport sedan denna gren eller commit, med en förteckning (index.html)",
    "help.preview.repo": "git-arkivet (standard: den aktuella mappen)",
    "preview_path_or_base": "ange antingen en rapports fil eller --base, inte båda och inte ingen",
    "preview_index_written": "{count} utskick skrevs till {folder}; förteckningen är {index}.",
    "preview_index.title": "E-postutskick i den här pull requesten",
    "preview_index.intro": "Så här skickas varje ny eller rättad rapport när pull requesten har slagits ihop och webbplatsen publicerats: HTML-versionen som e-postprogrammet visar den, textversionen och hela meddelandet (.eml, öppnas i Outlook).",
    "preview_index.none": "Pull requesten lägger inte till eller rättar någon rapport som skickas med e-post.",
    "preview_index.list": "Till sändlistan {list} ({count} mottagare)",
    "preview_index.html": "HTML-versionen",
    "preview_index.text": "Textversionen",
    "preview_index.eml": "Meddelandet (.eml)",
    "help.send": "skicka det som publicerats och inte skickats, exakt en gång",
    "help.send.dry_run": "visa vad som skulle skickas, utan att skicka eller skriva i loggen",
    "help.send.baseline": "skapa utskicksloggen: skriv in allt redan publicerat som skickat, utan att skicka",
    "help.resolve": "avgör ett obekräftat utskick efter att ha kontrollerat e-postserverns logg",
    "help.resolve.sent": "utskicket kom fram",
    "help.resolve.retry": "utskicket kom inte fram: skicka det vid nästa körning",
    "help.remote": "git-remote där utskicksloggen finns (standard: origin)",
    "help.clock": "skriv byggets klocka (build_time=…) för arbetsflödet",
    "help.clock.output": "fil att lägga raden till (i arbetsflödet: $GITHUB_OUTPUT)",
    "summary.heading": "E-postutskick",
    "summary.intro": "Så här skickas rapporterna med e-post när pull requesten har slagits ihop och webbplatsen publicerats. Varje utskick finns som HTML, text och .eml i förhandsvisningens mapp utskick: öppna utskick/index.html. Lokalt skriver rapportarkiv mail preview FIL samma filer.",
    "summary.more": "… och {count} utskick till. Alla finns i förhandsvisningens mapp utskick.",
    "summary.none": "Serien skickar inga e-postutskick (mail saknas i serie.yml).",
    "summary.card": "**{subject}** till {lists}",
    "summary.plain": "Textversionen",
    "summary.no_lists": "ingen sändlista (rapporten är intern och listorna är externa)",
    "calendar.name": "Kommunikationskalender – {name}",
    "calendar.archive": "alla serier",
    "calendar.summary": "{channel}: {text}",
    "calendar.description": "Kommunikativ åtgärd ({audience}, {status}) i rapporten ”{title}”.",
}


def plural(key: str, count: int) -> str:
    """'1 fil', '3 filer': ``key`` names a "singular|plural" entry in SUMMARY."""
    one, many = SUMMARY[f"plural.{key}"].split("|")
    return f"{count} {one if count == 1 else many}"


# --- From a problem's parameters to its template's words ---------------------
# One small function per kind of parameter, registered for the codes that use
# it, as python-jsonschema registers one function per keyword.

_Words = Callable[[Mapping[str, Any]], dict[str, object]]
_WORDS: dict[str, _Words] = {}


def _words(*codes: str) -> Callable[[_Words], _Words]:
    def register(function: _Words) -> _Words:
        for code in codes:
            previous = _WORDS.get(code)
            _WORDS[code] = function if previous is None else _both(previous, function)
        return function
    return register


def _both(first: _Words, second: _Words) -> _Words:
    return lambda params: {**first(params), **second(params)}


def shown_value(found: object, value: object) -> str:
    """A value as a message names it: 'texten ”NO”', 'en lista', 'true'.

    ``found`` is the value's JSON type ("text" for a string), ``value`` the value
    itself, already shortened when it is text."""
    if found == "boolean":
        return "true" if value else "false"
    return SHOWN_VALUES.get(str(found), SHOWN_VALUES["other"]).format(value=value)


@_words("RA102", "RA104", "RA204", "RA208")
def _suggestion(params: Mapping[str, Any]) -> dict[str, object]:
    closest = params.get("closest")
    return {"suggestion": DID_YOU_MEAN.format(match=closest) if closest else ""}


_words("RA260")(_suggestion)
_words("RA243")(_suggestion)  # the nearest report file, as a link from the linking one


@_words("RA104", "RA105")
def _value(params: Mapping[str, Any]) -> dict[str, object]:
    return {"value": shown_value(params.get("found"), params.get("instance"))}


def _example_tail(params: Mapping[str, Any], shown: str) -> dict[str, object]:
    """' Exempel: …' after the description, unless the description already gives that example."""
    example, description = str(params.get("example", "…")), str(params.get("description", ""))
    if example != "…" and example in description:
        return {"example_tail": ""}
    return {"example_tail": EXAMPLE_TAIL.format(example=shown)}


@_words("RA101")
def _missing_example(params: Mapping[str, Any]) -> dict[str, object]:
    return _example_tail(params, f"{params.get('key')}: {params.get('example', '…')}")


@_words("RA105")
def _format_example(params: Mapping[str, Any]) -> dict[str, object]:
    return _example_tail(params, str(params.get("example", "…")))


@_words("RA104")
def _allowed_words(params: Mapping[str, Any]) -> dict[str, object]:
    """'regular (veckorapport) eller extra (extrainsatt rapport)': each allowed value with its meaning."""
    meanings = ENUM_MEANINGS.get(str(params.get("field")), {})
    values = [v.strip() for v in str(params.get("allowed", "")).split(",") if v.strip()]
    shown = [f"{v} ({meanings[v]})" if v in meanings else v for v in values]
    if len(shown) < 2:
        return {"allowed_words": "".join(shown)}
    return {"allowed_words": ", ".join(shown[:-1]) + ALTERNATIVES_OR + shown[-1]}


@_words("RA103")
def _wrong_type(params: Mapping[str, Any]) -> dict[str, object]:
    expected, found, value = str(params.get("type")), str(params.get("found")), params.get("instance")
    habit = YAML_PROBLEMS.get(str(params.get("habit")))
    return {
        "expected": TYPE_NAMES.get(expected, expected),
        "actual": shown_value(found, value),
        "hint": f"{habit[0][:1].upper()}{habit[0][1:]}. {_line_to_write(habit[1], params)}" if habit else
        TYPE_HINTS.get((expected, found), "").format(value=value),
    }


def _line_to_write(hint: str, params: Mapping[str, Any]) -> str:
    """A habit's fix with the author's own line as it should be written ('occasion: "Med anledning av: …"'),
    when the problem knows it (``leaf``, ``inner``), else with an example line."""
    if "inner" not in params:
        return hint.replace("{written}", 'title: "Läget: oförändrat"')
    leaf = params.get("leaf")
    written = ("- " if leaf is None else f"{leaf}: ") + json.dumps(str(params["inner"]), ensure_ascii=False)
    return hint.replace("{written}", written)


@_words("RA106")
def _unit(params: Mapping[str, Any]) -> dict[str, object]:
    return {"unit": LENGTH_UNITS.get(str(params.get("keyword")), "")}


@_words("RA007")
def _yaml(params: Mapping[str, Any]) -> dict[str, object]:
    what, hint = YAML_PROBLEMS.get(str(params.get("yaml")), YAML_PROBLEMS["other"])
    return {"problem": what, "hint": _line_to_write(hint, params)}


@_words("RA024")
def _straight_quotes(params: Mapping[str, Any]) -> dict[str, object]:
    """The line to write, with the value in straight quotes as YAML reads it back (a JSON
    string is a YAML one): 'title: "Läget"', or '- "Läget"' for an item of a list."""
    leaf = params.get("leaf")
    prefix = "- " if leaf is None else f"{leaf}: "
    return {f"written_{name}": prefix + json.dumps(str(params.get(name, "")), ensure_ascii=False)
            for name in ("inner", "value")}


@_words("RA025")
def _lines(params: Mapping[str, Any]) -> dict[str, object]:
    count = params.get("count")
    effect = WORD_HABITS["effect.item" if params.get("shape") == "item" else "effect.paragraph"].format(
        char=params.get("char"))
    return {"lines": WORD_HABITS["lines.one" if count == 1 else "lines.other"].format(count=count), "effect": effect}


@_words("RA301")
def _tag(params: Mapping[str, Any]) -> dict[str, object]:
    return {"hint": TAG_HINTS.get(str(params.get("tag")), TAG_HINTS["other"])}


@_words("RA302")
def _attribute(params: Mapping[str, Any]) -> dict[str, object]:
    name = str(params.get("attribute"))
    if name.startswith("on"):
        return {"hint": ATTRIBUTE_HINTS["event"]}
    if name == "style":
        return {"hint": ATTRIBUTE_HINTS["style"]}
    return {"hint": ATTRIBUTE_HINTS["other"].format(tag=params.get("tag"), allowed=params.get("allowed"))}


# --- Package and `rapportarkiv init` (issue #18) ---------------------------------------------
# The navigation every archive gets unless its mkdocs.yml has its own
# (rapportarkiv/site_build/mkdocs_defaults.py); reports are reached through these pages.
SITE_NAV: list[dict[str, object]] = [
    {"Start": "index.md"},
    {"Alla rapporter": "rapporter/index.md"},
    {"Taggar": "taggar/index.md"},
    {"Kommunikationskalender": "kalender/index.md"},
    {"Talespersoner": "talespersoner/index.md"},
    {"Guide för skribenter": [
        "guide/index.md",
        {"Uppgifter i front matter": "guide/uppgifter/index.md"},
        {"Felkoder": "guide/felkoder/index.md"},
        {"Granskning och publicering": "guide/granskning-och-publicering.md"},
    ]},
    {"Om webbplatsen": [
        "om.md",
        {"Tillgänglighetsredogörelse": "tillganglighet.md"},
    ]},
]

# The site's name and the accessibility contact in mkdocs.yml (rapportarkiv/settings.py).
SETTINGS: dict[str, str] = {
    "bad_contact": "Kontakten för tillgänglighet (rapportarkiv_contact i mkdocs.yml, extra) måste ha name (en text) och email, inte ”{value}”.",
    "bad_email": "E-postadressen för tillgänglighet (rapportarkiv_contact.email i mkdocs.yml, extra) går inte att använda: ”{value}”.",
    "bad_site_name": "Webbplatsens namn (site_name i mkdocs.yml) får inte innehålla tecknen < > eller \" (temat skriver namnet i HTML som det är): ”{value}”.",
}

# `rapportarkiv init DIR` (rapportarkiv/new_archive.py): its --help, its questions and its answers.
INIT: dict[str, str] = {
    "help": "skapa ett nytt arkivrepositorium i en tom mapp",
    "dir": "mappen att skapa (får inte innehålla något)",
    "organisation": "organisationen som står bakom webbplatsen, till exempel Region Exempel",
    "series_name": "den första seriens namn, till exempel Regional rapport",
    "reviewers": "granskare av seriens rapporter: GitHub-team eller användare, till exempel @region/granskare (kan anges flera gånger)",
    "contact_name": "vem läsare kontaktar om tillgänglighet (namn på enhet eller funktion)",
    "contact_email": "e-postadress för synpunkter på tillgängligheten",
    "site_url": "webbplatsens adress, till exempel https://rapporter.region.se/",
    "metavar.name": "NAMN",
    "metavar.reviewer": "GRANSKARE",
    "metavar.email": "E-POST",
    "metavar.url": "ADRESS",
    "ask.organisation": "Organisation",
    "ask.series_name": "Den första seriens namn",
    "ask.reviewers": "Granskare (GitHub-team eller användare, åtskilda med mellanslag)",
    "ask.contact_name": "Kontakt för tillgänglighet (enhet eller funktion)",
    "ask.contact_email": "E-post för synpunkter på tillgängligheten",
    "ask.site_url": "Webbplatsens adress",
    "missing": "Uppgiften {option} saknas. Ange den som flagga eller kör kommandot i en terminal, så frågar det.",
    "not_empty": "Mappen {path} är inte tom. Ange en ny eller tom mapp; inget har skrivits.",
    "bad_reviewer": "Granskaren ”{value}” är inte ett GitHub-team eller en användare. Skriv till exempel @region/granskare.",
    "bad_email": "E-postadressen ”{value}” går inte att använda. Skriv till exempel tillganglighet@region.se.",
    "bad_url": "Adressen ”{value}” går inte att använda. Skriv en adress som börjar med https://, till exempel https://rapporter.region.se/.",
    "bad_text": "{option} får inte vara tom eller innehålla radbrytningar eller styrtecken: ”{value}”.",
    "html": "{option} får inte innehålla tecknen < > eller \": ”{value}”. Skriv vanlig text; citattecken kan skrivas ” ”.",
    "site_name": "Rapporter från {organisation}",
    # The new archive's .github/CODEOWNERS: who must approve a change, path by path.
    "codeowners.header": "# Vem som måste godkänna en ändring, mapp för mapp (GitHub läser filen).\n"
                         "# Skriven av rapportarkiv init. Ändra för hand när en serie läggs till eller får\n"
                         "# nya granskare. Den sista raden som passar gäller: allt annat först, serierna sist.",
    "codeowners.rest": "# Allt som inte nämns nedan: förvaltarna.",
    "codeowners.code": "# Inställningar, arbetsflöden och kod: alltid förvaltarna.",
    "codeowners.reports": "# Rapporterna: seriens granskare (förvaltarna om serien inte namnger några).",
    "codeowners.series": "# Seriens definition namnger dess granskare: att ändra den är förvaltarnas sak.",
    "created": "Skapade arkivet i {path}. Nästa steg står i {path}/README.md.",
    "failed": "Arkivet kunde inte skapas: {path}: {reason}. Inget har skrivits.",
    # The accessibility statement's known shortcomings, as Digg asks them listed.
    "shortcoming.search": "**Sökningen kräver JavaScript.** Utan JavaScript går det inte att söka i rapporternas text. Alla rapporter finns i stället i en fullständig lista på sidan [Alla rapporter](rapporter/index.md).",
    "shortcoming.filter": "**Filtret på sidan Alla rapporter kräver JavaScript.** Utan JavaScript visas hela listan, men den går inte att filtrera.",
    "shortcoming.diff": "**Jämförelser mellan versioner** markerar tillagd och borttagen text ord för ord. Långa ändringar kan vara svåra att följa; läs då de två versionerna var för sig.",
}


# --- Archival copies (PDF/A) and the delivery to the registrar (issue 20) ----
# The words of each version's PDF/A copy, of the link to it, and of
# `rapportarkiv arkiv export`. Kept in one block of their own.
ARCHIVAL: dict[str, str] = {
    "download": "Ladda ned som PDF (arkivformat)",
    "download.version": "Ladda ned version {number} som PDF (arkivformat)",
    "version": "{number}, publicerad {date}",
    "first": "(den första publicerade versionen)",
    "note": "Rättelse",
    "address": "Rapportens adress",
    "page": "Sida",
    "of": "av",
    "classification": "Klassning",
    "classified": "Klassning: {label}",
    "generator": "Rapportarkiv",
    "bad_variant": (
        "Arkivformatet (RAPPORTARKIV_PDF_VARIANT) måste vara ett av {allowed}, inte ”{value}”. "
        "Standard är pdf/a-2a."
    ),
    "bad_copies": (
        "Arkivkopiorna (RAPPORTARKIV_ARCHIVAL_COPIES) måste vara true eller false, inte ”{value}”. "
        "Tomt betyder på vid mkdocs build och av vid mkdocs serve."
    ),
    "render_failed": "Bygget stoppades: arkivkopian av {path} (version {number}) kunde inte skapas: {reason}",
    "renderer_missing": (
        "Bygget stoppades: arkivkopiorna (PDF/A) kan inte skapas, eftersom WeasyPrint eller Pango saknas ({reason}). "
        "Kör ./dev install, som installerar dem."
    ),
    "export.help": "arkivleveranser till registrator",
    "export.export": "skriv varje version som publicerats sedan REF som PDF/A och Markdown, med förteckning",
    "export.since": "git-referensen för förra leveransen, till exempel publicerad eller en commit",
    "export.dir": "mappen som leveransen skrivs till (skapas; en tidigare leverans i den ersätts)",
    "export.metavar": "åtgärd",
    "export.docs": "arkivets docs-mapp (standard: docs)",
    "export.site_url": "webbplatsens adress i kopiorna (standard: site_url i mkdocs.yml)",
    "export.not_ours": "{path} finns redan och är inte en tidigare leverans. Välj en tom eller ny mapp.",
    "export.no_history": "Leveransen kräver rapporternas historik i git: {reason}",
    "export.bad_ref": "Hittar inte {ref} i git. Ange en commit, en tagg eller en gren som finns.",
    "export.done": "Skrev {versions} versioner av {reports} rapporter till {path}.",
    "export.none": "Inga versioner har publicerats sedan {ref}. Skrev en tom förteckning till {path}.",
    # The manifest's CSV headings (its JSON keys are the same in English).
    "column.id": "id",
    "column.report": "rapport",
    "column.version": "version",
    "column.title": "rubrik",
    "column.series": "serie",
    "column.series_name": "seriens namn",
    "column.type": "typ",
    "column.compiled": "sammanställd",
    "column.published": "publicerad",
    "column.classification": "klassning",
    "column.correction": "rättelse",
    "column.commit": "commit",
    "column.address": "adress",
    "column.conformance": "arkivformat",
    "column.pdf": "pdf",
    "column.pdf_sha256": "pdf sha256",
    "column.source": "källtext",
    "column.source_sha256": "källtext sha256",
}
