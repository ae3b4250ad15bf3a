"""An archive whose every plain-text field carries a payload that breaks out of
its context (an attribute, <title>, a script, a comment, a template), for the
tests that build it and read the result as a parser and as a browser do.

Each payload gets its own series and two reports (one corrected once, so it
has an older version and a comparison page; one withdrawn), and appears in
every text field of all three, framed by words: ``Rubrik 3 <payload> slut``.
The same archive with ``harmless=True`` has a plain word in its place, so a
test can compare what the two builds produce.

Most payloads with markup are refused by ``validate`` (RA304), and U+2028
too (RA021); the escaping must hold whatever the validator allows, so
:data:`UNCHECKED` builds them with those checks switched off. The rest pass ``validate`` as they are.
"""

from __future__ import annotations

import ast
import importlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import factory
from factory import GitRepo

PAYLOADS = [
    '"',
    "'",
    "<",
    ">",
    "&",
    "&amp; &lt;b&gt; &#34;",
    '0;url=https://angripare.example/" http-equiv="refresh',
    '" onmouseover="alert(1)" x="',
    "' autofocus onfocus='alert(1)' x='",
    '"><img src=x onerror=alert(1)>',
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '<meta http-equiv="refresh" content="0;url=//angripare.example/">',
    "<!-- -->",
    "-->",
    "]]>",
    "<![CDATA[x]]>",
    "{{ 7 * 7 }}",
    "{% if true %}mall{% endif %}",
    "{# kommentar #}",
    "\u2028\u2029",
    "javascript:alert(1)",
    "`${alert(1)}`",
    "\\u003cscript\\u003e",
    "</textarea></style></noscript>",
]

# The texts a build must show exactly as written, in the same order as PAYLOADS.
HARMLESS = "ofarligt"

# The checks a hostile build switches off, each with what it answers instead:
# markup in plain-text fields (RA304) and line-break and other refused
# characters (RA020-RA023: U+2028 is one), so that what the validator refuses
# still reaches the renderer.
SWITCHED_OFF = (("html_policy", "markup_in_text", "None"), ("characters", "check_front_matter", "[]"),
                ("characters", "check_text", "[]"))

# Run in the build's process before MkDocs starts.
UNCHECKED = "import importlib\n" + "".join(
    f"importlib.import_module('rapportarkiv.{module}').{name} = lambda *args, **kwargs: {answer}\n"
    for module, name, answer in SWITCHED_OFF
)


def switch_off(patch: Any) -> None:
    """The same in this process, with pytest's monkeypatch ``patch``."""
    for module, name, answer in SWITCHED_OFF:
        patch.setattr(importlib.import_module(f"rapportarkiv.{module}"), name,
                      lambda *args, answer=answer, **kwargs: ast.literal_eval(answer))


def text(label: str, index: int, payload: str) -> str:
    return f"{label} {index} {payload} slut"


def series_id(index: int) -> str:
    return f"serie-{index}"


def corrected_url(index: int) -> str:
    day = _day(index).strftime("%Y-%m-%d")
    return f"rapporter/{series_id(index)}/{day[:4]}/{day}-rapport/"


def withdrawn_url(index: int) -> str:
    day = (_day(index) + timedelta(hours=1)).strftime("%Y-%m-%d")
    return f"rapporter/{series_id(index)}/{day[:4]}/{day}-aterkallad/"


def _day(index: int) -> datetime:
    return datetime(2024, 1, 4, 9, 0) + timedelta(days=7 * index)


def _tag(index: int, payload: str) -> str:
    # Tags may not hold / or \ (the schema); the payload keeps its shape otherwise.
    return text("Tagg", index, payload.replace("/", "").replace("\\", ""))[:50]


def _series_fields(index: int, payload: str) -> dict:
    return {
        "name": text("Serie", index, payload),
        "owner": text("Ägare", index, payload),
        "commissioned_by": text("Beställare", index, payload),
        "distribution": text("Sändlista", index, payload),
    }


def _report_fields(index: int, payload: str) -> dict:
    def line(label: str) -> str:
        return text(label, index, payload)

    return {
        "title": line("Rubrik"),
        # The prose is Markdown, cleaned by the sanitiser (see test_active_content):
        # here it only must not repeat the title, as the factory's default does.
        "body": {section: "Text om läget." for section in factory.SECTIONS["extra"]},
        "description": line("Sammanfattning"),
        "occasion": line("Anledning"),
        "tags": [_tag(index, payload)],
        "authors": [line("Skribent")],
        "spokespersons": [{"name": line("Talesperson"), "role": line("Roll"), "organisation": line("Organisation")}],
        "communication": [
            {"audience": "internal", "date": _day(index).strftime("%Y-%m-%d"), "status": "done",
             "channel": line("Kanal"), "text": line("Åtgärd")},
            {"audience": "external", "date": _day(index).strftime("%Y-%m-%d"), "status": "planned",
             "channel": line("Kanal ut"), "text": line("Åtgärd ut")},
        ],
    }


def write(root: Path, *, harmless: bool = False) -> Path:
    """The archive as a git repository under ``root``; returns its docs folder.

    Two commits: the reports as first written, then the correction of each
    first report (a new description and a revision note)."""
    repo = GitRepo(root)
    factory.copy_site_pages(repo.docs)
    payloads = [HARMLESS if harmless else payload for payload in PAYLOADS]
    for index, payload in enumerate(payloads):
        _write(repo.docs, index, payload, corrected=False)
    repo.commit("Rapporterna")
    for index, payload in enumerate(payloads):
        _write(repo.docs, index, payload, corrected=True)
    repo.commit("Rättelserna")
    return repo.docs


def _write(docs: Path, index: int, payload: str, *, corrected: bool) -> None:
    series = series_id(index)
    factory.write_series(docs, series, **_series_fields(index, payload))
    when = _day(index)
    fields = _report_fields(index, payload)
    if corrected:
        fields["description"] = text("Rättad sammanfattning", index, payload)
        fields["revisions"] = [{"date": (when + timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
                                "note": text("Rättelse", index, payload)}]
    factory.write_report(docs, "rapport", when=when, series=series, type="extra", **fields)
    withdrawn = {**fields, "title": text("Återkallad", index, payload), "withdrawn": {
        "date": (when + timedelta(days=2)).strftime("%Y-%m-%d %H:%M"), "reason": text("Skäl", index, payload)}}
    factory.write_report(docs, "aterkallad", when=when + timedelta(hours=1), series=series, type="extra", **withdrawn)
