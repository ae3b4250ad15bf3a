"""Known XSS payloads in every place a report can carry text: each is refused by
the validator with a line number, and — with validation bypassed — neutralised
in every output the core renders (report page, start page, lists, feeds)."""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from factory import new_docs, report_text, write_report
from rapportarkiv import collection, html_policy
from rapportarkiv.archive import Archive, Options
from rapportarkiv.model import Report
from rapportarkiv.render import feeds, markdown, pages

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img/src/onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "[klick](javascript:alert(1))",
    "[klick](JaVaScRiPt:alert(1))",
    "[klick](jav&#x09;ascript:alert(1))",
    "[klick](&#106;avascript:alert(1))",
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[x]: javascript:alert(1)\n\n[länk][x]",
    "<javascript:alert(1)>",
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    "<style>body{background:url(//x.example/)}</style>",
    '<form action="//x.example/"><input name=p></form>',
    '<base href="//x.example/">',
    '<meta http-equiv="refresh" content="0;url=//x.example/">',
    "<link rel=stylesheet href=//x.example/x.css>",
    '<div style="background:url(//x.example/)">x</div>',
    '<p onclick="alert(1)">x</p>',
    '<a href="https://example.org" onmouseover="alert(1)">x</a>',
    "<details open ontoggle=alert(1)>x</details>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<video><source onerror="alert(1)"></video>',
    '<img src="x.png" srcset="javascript:alert(1)">',
    "<scr<script>ipt>alert(1)</script>",
]

# Plain-text fields: the payload would be text, but text that looks like markup
# or a script URL in a title or a name is refused too.
TEXT_PAYLOADS = [p for p in PAYLOADS if "<" in p or "javascript" in p.lower()]


def _fields_with(payload: str) -> dict[str, dict]:
    return {
        "title": {"title": payload},
        "description": {"description": payload},
        "tags": {"tags": [payload]},
        "occasion": {"type": "extra", "occasion": payload},
        "spokesperson": {"spokespersons": [{"name": payload, "role": "talesperson"}]},
        "communication": {"communication": [
            {"audience": "internal", "date": "2024-10-17", "channel": "Insidan", "text": payload}]},
    }


def test_corpus_is_large_enough() -> None:
    assert len(PAYLOADS) >= 30


@pytest.mark.parametrize("payload", PAYLOADS)
def test_validator_rejects_payload_in_body(tmp_path: Path, payload: str) -> None:
    docs = new_docs(tmp_path)
    path = write_report(docs, "xss", title="Rapport", when=datetime(2024, 10, 17, 14, 0),
                        body={"Läget just nu": f"Inledning.\n\n{payload}\n"})
    result = collection.load(docs)
    codes = {p.code for p in result.errors}
    assert codes & {"RA301", "RA302", "RA303"}, (payload, result.problems)
    line = path.read_text(encoding="utf-8").split("\n").index("Inledning.") + 3
    assert any(p.line >= line for p in result.errors), "points into the body, at the payload"
    assert not result.reports


@pytest.mark.parametrize("payload", TEXT_PAYLOADS)
@pytest.mark.parametrize("field", ["title", "description", "tags", "occasion", "spokesperson", "communication"])
def test_validator_rejects_payload_in_front_matter(tmp_path: Path, payload: str, field: str) -> None:
    docs = new_docs(tmp_path)
    changes = _fields_with(payload)[field]
    write_report(docs, "xss", when=datetime(2024, 10, 17, 14, 0), **{"title": "Rapport", **changes})
    result = collection.load(docs)
    assert result.errors, (field, payload)
    assert not result.reports


# --- Validation bypassed: the renderer must neutralise everything -------------

DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "style", "form", "base", "meta", "link", "svg",
                  "math", "input", "video", "source", "body"}


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if (dict(attrs).get("id") or "").startswith(("ra-filter", "ra-results-")):
            return  # the archive page's own filter form, the search results page's own form
        if tag in DANGEROUS_TAGS:
            self.findings.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"{tag} {name}")
            if name == "style" and value and "url" in value.lower():
                self.findings.append(f"{tag} style url")
            if name in ("href", "src", "srcset", "action", "data") and value and html_policy.unsafe_scheme(value):
                self.findings.append(f"{tag} {name}={value}")

    handle_startendtag = handle_starttag


def audit(html: str) -> list[str]:
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser.findings


def _unvalidated_report(payload: str, tz) -> Report:
    """A report built straight from data, as if a file had slipped past validation."""
    data = {
        "title": payload, "series": "regional-rapport-millennium-2024", "type": "extra", "date": "2024-10-17 14:00",
        "description": payload, "occasion": payload, "tags": [payload],
        "spokespersons": [{"name": payload, "role": payload, "organisation": payload}],
        "communication": [{"audience": "internal", "date": "2024-10-17", "channel": payload, "text": payload}],
        "authors": [payload],
        "revisions": [{"date": "2024-10-18 09:00", "note": payload}],
    }
    body = "\n".join(f"## {name}\n\n{payload}\n" for name in
                     ("Beskrivning av händelsen", "Kända omständigheter", "Verksamhetens kommentar"))
    return Report.from_data(data, "rapporter/regional-rapport-millennium-2024/2024/2024-10-17-xss.md", body, 20, tz)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_renderer_neutralises_payload_when_validation_is_bypassed(tmp_path: Path, payload: str) -> None:
    docs = new_docs(tmp_path)
    series = collection.load(docs).series
    report = _unvalidated_report(payload, series["regional-rapport-millennium-2024"].time_zone)
    archive = Archive.build(series, [report], Options(now=datetime.now().astimezone()))
    outputs = {
        "body": markdown.to_html(report.body),
        "report page": pages.report_page(archive, report),
    }
    for spec in pages.site_pages(archive):
        outputs[spec.url or "start"] = spec.render(archive)
    for feed in feeds.feeds_for(archive):
        xml = feeds.render(archive, feed, "https://example.org/")
        # Read the feed as a reader does, without feedparser's own sanitising:
        # what a feed marks as HTML is rendered, what it marks as text is not.
        parsed = feedparser.parse(xml, sanitize_html=False)
        assert not parsed.bozo
        for index, entry in enumerate(parsed.entries):
            for detail in [entry.title_detail, entry.summary_detail, *entry.get("content", [])]:
                if "html" in detail.type:
                    outputs[f"{feed.url} entry {index} {detail.type}"] = detail.value
                else:
                    assert detail.type == "text/plain"
    assert audit(outputs["rapporter/"]) == [], "the filter form is ours and allowed"
    assert audit(outputs["sok/"]) == [], "so is the search results page's form"
    for name, html in outputs.items():
        assert audit(html) == [], (name, payload)


def test_external_links_get_noopener() -> None:
    html = markdown.to_html("[Regionen](https://www.vgregion.se/)")
    assert 'rel="noopener noreferrer"' in html


def test_audit_detects_what_it_looks_for() -> None:
    """The audit itself must fail on live payloads, or the tests above prove nothing."""
    assert audit('<script>alert(1)</script><a href="javascript:x">a</a><img src=x onerror=y>') == [
        "<script>", "a href=javascript:x", "img onerror"]
    assert report_text(title="x", when=datetime(2024, 1, 4, 14, 0)).startswith("---\n")
