"""Text nobody vouches for, made inert GitHub-flavoured Markdown for the job summary.

The job summary is Markdown that GitHub renders, and almost everything in it
comes from a report: titles, values, prose. An author's text must show as
text, whatever it holds: ``|`` must not break a table, ``<details>`` or
``</details>`` must not fold the rest of the page away, ``![x](https://…)``
must not load an image, ``@team`` must not mention anyone. Three shapes serve
the summary, each escaped here and only here:

* :func:`text` and :func:`inline`: one line of text (a table cell, a heading);
* :func:`word_pair` and :func:`prose_diff`: a word diff from :mod:`textdiff`,
  the changed words in ``<del>``/``<ins>`` (GitHub's sanitiser keeps both;
  they are struck through and underlined, not told by colour alone);
* :func:`inert_html`: the site's own sanitised rendering of a report's prose,
  re-written on one line, so that GitHub takes it as one HTML block and never
  reads any of it as Markdown again, with images shown as their text, links
  kept only when they lead somewhere absolute, and mentions broken.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from html.parser import HTMLParser

from .catalogue import SUMMARY
from .textdiff import Run, diff_words

# Markdown punctuation that could start emphasis, code, links, images, headings, tables or strike-through.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#+!|~])")
# What starts a list, a setext underline or a rule when it opens a line: the punctuation is backslashed.
_BLOCK_START = re.compile(r"^( *(?:[0-9]{1,9})?)([-=.)])")
# A zero-width space after "@": GitHub links "@name" to a person or team (and may notify them).
_MENTION_BREAK = "@&#8203;"


def inline(value: str) -> str:
    """Untrusted text as inert Markdown on one line; runs of whitespace become one space.

    ``<`` and ``&`` become entities, so no tag reaches GitHub's renderer;
    Markdown punctuation is backslashed, so no link, image or cell border can
    be formed."""
    flat = re.sub(r"\s+", " ", value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False)).replace("@", _MENTION_BREAK)


def text(value: object) -> str:
    """Untrusted text as inert Markdown on one line, trimmed. A whole value may open a
    line (a list item, a quote), where "-", "=" and "1." would start a list or a rule."""
    return _BLOCK_START.sub(r"\1\\\2", inline(" ".join(str(value).split())))


def html_text(value: object) -> str:
    """Untrusted text for an HTML element on one line (``<summary>``): GitHub reads no Markdown there."""
    return html.escape(" ".join(str(value).split()), quote=False).replace("@", _MENTION_BREAK)


def _wrap(tag: str, shown: str) -> str:
    """``shown`` marked with ``tag``, the spaces around it left outside: a reader sees
    the changed words underlined or struck through, not the gap before them."""
    core = shown.strip(" ")
    if not core:
        return shown
    start = shown.index(core)
    return f"{shown[:start]}<{tag}>{core}</{tag}>{shown[start + len(core):]}"


def _marked(runs: Sequence[Run], keep: str, tag: str) -> str:
    return "".join(
        inline(run.text) if run.op == "equal" else _wrap(tag, inline(run.text))
        for run in runs if run.op in ("equal", keep) and run.text
    )


def word_pair(old: str, new: str) -> tuple[str, str]:
    """Two one-line values with the words that differ marked: deleted in the first, inserted in the second."""
    runs = diff_words(old, new)
    return _marked(runs, "delete", "del"), _marked(runs, "insert", "ins")


# A blank line (possibly holding spaces) ends a Markdown paragraph.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _paragraphs(runs: Sequence[Run]) -> list[list[Run]]:
    """The diff cut into the paragraphs of the text, each with its own runs."""
    paragraphs: list[list[Run]] = [[]]
    for run in runs:
        pieces = _PARAGRAPH_BREAK.split(run.text)
        for index, piece in enumerate(pieces):
            if index:
                paragraphs.append([])
            if piece:
                paragraphs[-1].append(Run(run.op, piece))
    return paragraphs


def _paragraph(runs: Sequence[Run]) -> str:
    parts = []
    for index, run in enumerate(runs):
        shown = "<br>".join(inline(line) for line in run.text.split("\n"))
        parts.append(shown if run.op == "equal" else _wrap("ins" if run.op == "insert" else "del", shown))
        if run.op == "delete" and index + 1 < len(runs) and runs[index + 1].op == "insert":
            parts.append(" ")  # "i dag" replaced by "på fredagen" reads as two phrases, not "i dagpå fredagen"
    return "".join(parts).strip()


def prose_diff(runs: Sequence[Run], limit: int) -> tuple[list[str], bool]:
    """The changed paragraphs of a word diff as Markdown paragraphs, "[…]" between
    those that are not neighbours; at most ``limit`` bytes, and whether some were left out."""
    paragraphs = _paragraphs(runs)
    changed = [i for i, p in enumerate(paragraphs) if any(r.op != "equal" and r.text.strip() for r in p)]
    shown: list[str] = []
    used = 0
    previous = -1
    for index in changed:
        block = _paragraph(paragraphs[index])
        if used + len(block.encode()) > limit:
            return shown, True
        if previous >= 0 and index > previous + 1:
            shown.append(SUMMARY["diff.gap"])
        shown.append(block)
        used += len(block.encode())
        previous = index
    return shown, False


# The report's own headings sit below the summary's (## sections, ### cards, #### the report's title).
_HEADINGS = {"h2": "h5", "h3": "h6", "h4": "h6", "h5": "h6"}


class _OneLine(HTMLParser):
    """Re-writes sanitised HTML on one line for GitHub; see :func:`inert_html`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.pre = 0
        self.open_links: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            alt = dict(attrs).get("alt") or ""
            self.handle_data(SUMMARY["rendered.image"].format(alt=alt))
            return
        if tag == "a":
            href = dict(attrs).get("href") or ""
            keep = href.startswith(("https://", "http://", "mailto:"))
            self.open_links.append(keep)
            if keep:
                self.out.append(f'<a href="{html.escape(href)}">')
            return
        if tag == "pre":
            self.pre += 1
        tag = _HEADINGS.get(tag, tag)
        # Ids and classes mean nothing on GitHub; only cell spans and list starts are kept.
        kept = "".join(
            f' {name}="{html.escape(value or "")}"' for name, value in attrs if name in ("colspan", "rowspan", "start")
        )
        self.out.append(f"<{tag}{kept}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "img":
            return
        if tag == "a":
            if self.open_links and self.open_links.pop():
                self.out.append("</a>")
            return
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        self.out.append(f"</{_HEADINGS.get(tag, tag)}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.out.append(f"<{tag}>")
        else:
            self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        escaped = html.escape(data, quote=False).replace("@", _MENTION_BREAK)
        # A raw line break would let a blank line end the HTML block; in <pre> it is kept as a reference.
        self.out.append(escaped.replace("\n", "&#10;") if self.pre else re.sub(r"\s+", " ", escaped))


def inert_html(sanitised: str) -> str:
    """The site's sanitised HTML as one line GitHub shows as HTML and never reads as Markdown.

    CommonMark ends an HTML block that starts with ``<div>`` only at a blank
    line, so a block without any line break is taken whole: Markdown written
    in the text (or in code) stays text."""
    parser = _OneLine()
    parser.feed(sanitised)
    parser.close()
    return "<div>" + "".join(parser.out) + "</div>"
