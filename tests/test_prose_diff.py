"""The comparison page's text: rendered as the reader sees it, with the changes marked inside.

Also where a report's structured parts stand among its sections (``arrangement``):
both cut or merge rendered prose, and both must keep it whole and safe.
"""

from __future__ import annotations

import re

from rapportarkiv import comments
from rapportarkiv.render import arrangement, markdown, prose_diff

DEL = '<del><span class="ra-visually-hidden">Borttaget: </span>'
INS = '<ins><span class="ra-visually-hidden">Tillagt: </span>'


def diff(old: str, new: str) -> str:
    html, complete = prose_diff.to_html(comments.hide(old), comments.hide(new))
    assert complete
    return html


def test_a_changed_heading_is_a_heading_with_the_change_inside() -> None:
    html = diff("## Beskrivning av händelsen\n\nText.", "## Beskrivning av läget\n\nText.")
    assert re.fullmatch(rf'<h2 id="[^"]+">Beskrivning av {DEL}händelsen</del>{INS}läget</ins></h2>\n<p>Text.</p>',
                        html), html
    assert "##" not in html


def test_a_changed_list_item_stays_an_item_and_its_neighbours_are_plain() -> None:
    old = "- Det är såklart tråkigt.\n- Mötet hålls i Borås.\n- Tidplanen gäller."
    new = "- Det är såklart tråkigt.\n- Mötet hålls i Skövde.\n- Tidplanen gäller.\n- En ny punkt."
    html = diff(old, new)
    assert html == (
        "<ul>\n<li>Det är såklart tråkigt.</li>\n"
        f"<li>Mötet hålls i {DEL}Borås</del>{INS}Skövde</ins>.</li>\n"
        "<li>Tidplanen gäller.</li>\n"
        f"<li>{INS}En ny punkt.</ins></li>\n</ul>"
    )


def test_a_paragraph_split_in_two_keeps_both_paragraphs() -> None:
    html = diff("Första meningen. Andra meningen.", "Första meningen.\n\nAndra meningen.")
    assert html.count("<p>") >= 2 and "Andra meningen" in html


def test_a_changed_link_shows_both_links_whole_never_a_cut_address() -> None:
    html = diff("- Läs [mer](https://a.example/x) här.", "- Läs [mer](https://a.example/y) här.")
    assert f'<li>{DEL}Läs <a href="https://a.example/x" rel="noopener noreferrer">mer</a> här.</del></li>' in html
    assert f'<li>{INS}Läs <a href="https://a.example/y" rel="noopener noreferrer">mer</a> här.</ins></li>' in html
    assert not re.search("[\ue000-\ue003]", html)


def test_a_changed_table_cell_is_marked_inside_the_cell() -> None:
    table = "| Kanal | Status |\n|---|---|\n| Mejl | {} |"
    html = diff(table.format("Kommande"), table.format("Genomförd"))
    assert f"<td>{DEL}Kommande</del>{INS}Genomförd</ins></td>" in html
    assert "<th>Kanal</th>" in html and "|" not in html


def test_a_changed_code_block_keeps_its_fences() -> None:
    html = diff("```\nrad ett\n```", "```\nrad två\n```")
    assert html.startswith("<pre><code>") and "```" not in html
    assert f"rad {DEL}ett</del>{INS}två</ins>" in html


def test_comments_never_appear_and_hostile_text_is_sanitised() -> None:
    old = "Text <!-- hemlig kommentar --> här.\n\n<!--\nhemligt block\n-->"
    new = 'Text här, ändrad. <script>alert(1)</script>\n\n[klick](javascript:alert(1)) <img src=x onerror="alert(1)">'
    html, _ = prose_diff.to_html(comments.hide(old), comments.hide(new))
    assert "hemlig" not in html and "<!--" not in html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html


def test_marker_characters_in_a_report_are_not_taken_for_markers() -> None:
    html = diff("Ett \ue000ord\ue003 här.", "Ett \ue000ord\ue003 där.")
    assert html == f"<p>Ett \ufffdord\ufffd {DEL}här</del>{INS}där</ins>.</p>"


def test_merged_prose_costs_linear_work() -> None:
    from work import grows_linearly

    def run(n: int) -> object:
        old = "\n\n".join(f"Stycke {i} om läget i kommunerna." for i in range(n))
        new = old.replace("Stycke 3 ", "Stycke tre ")
        return prose_diff.merge(old, new)

    assert grows_linearly(run, 400)


# --- Where the structured parts stand ---------------------------------------------------------
SEED_BODY = "## Beskrivning\n\nA.\n\n## Kända omständigheter\n\nB.\n\n> ## Citerad rubrik\n> C.\n\n## Kommentar\n\n- D."


def kinds(pieces: list[arrangement.Piece]) -> list[str]:
    """Each piece by name: a part by its kind, a section of prose by its heading."""
    return [p.kind if p.kind != "prose" else re.findall(r"<h2[^>]*>([^<]*)", p.html)[0] for p in pieces]


def test_parts_stand_after_the_heading_the_series_names() -> None:
    html = markdown.to_html(SEED_BODY)
    pieces = arrangement.arrange(html, {"communication": "Kända omständigheter", "about": "Beskrivning"})
    assert kinds(pieces) == ["Beskrivning", "about", "Kända omständigheter", "communication", "Kommentar",
                             "spokespersons"]
    # Cut before top-level headings only: the quoted heading stays in its section, and nothing is lost.
    assert "Citerad rubrik" in pieces[2].html
    assert "".join(p.html for p in pieces) == html


def test_without_placement_or_with_an_absent_heading_the_parts_stand_last() -> None:
    html = markdown.to_html(SEED_BODY)
    assert kinds(arrangement.arrange(html, {})) == ["Beskrivning", "communication", "spokespersons", "about"]
    pieces = arrangement.arrange(html, {"communication": "Finns inte"})
    assert [p.kind for p in pieces][-3:] == ["communication", "spokespersons", "about"]
    assert "".join(p.html for p in pieces) == html


def test_text_before_the_first_heading_is_kept() -> None:
    html = markdown.to_html("Inledning.\n\n## Kommentar\n\nText.")
    pieces = arrangement.arrange(html, {"spokespersons": "Kommentar"})
    assert [p.kind for p in pieces] == ["prose", "prose", "spokespersons", "communication", "about"]
    assert pieces[0].html.startswith("<p>Inledning.</p>")
