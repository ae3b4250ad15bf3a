"""The email's HTML part, rendered in Chromium as a phone or a wide reading pane shows it.

The sample report's email for the sample series (with a mailing list
added), loaded with nothing but its own bytes: every request it would make
is refused and recorded, so an email that loads anything (a font, a style
sheet, an image) fails here. At 600 px (Outlook's reading pane) and 390 px
(a phone) it must fit without sideways scrolling. The 600 px view is the
README's screenshot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rapportarkiv import collection
from rapportarkiv.mail.edition import editions
from rapportarkiv.model import Series

from factory import REPO, SEED, SERIES_REL, mail_settings, series_data

SITE = "https://rapporter.example.se/arkiv/"


def email_html() -> str:
    loaded = collection.load(REPO / "docs", [REPO / "docs" / SEED])
    report = next(r for r in loaded.reports if r.path == SEED)
    series = Series.from_data(series_data() | {"mail": mail_settings()}, SERIES_REL)
    return editions(report, series, SITE, "abc", loaded)[0].html()


def test_the_email_renders_alone_at_reading_pane_and_phone_width(browser: Any, screenshots: Path) -> None:
    html = email_html()
    requested: list[str] = []

    def refuse(route: Any) -> None:
        requested.append(route.request.url)
        route.abort()

    for width in (600, 390):
        context = browser.new_context(viewport={"width": width, "height": 1000}, locale="sv-SE",
                                      java_script_enabled=False)
        context.route("**/*", refuse)
        page = context.new_page()
        page.set_content(html, wait_until="load")
        assert requested == [], requested
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.locator("h1").inner_text().startswith("Sjuhärads kommuner")
        assert page.get_by_role("link", name="Läs rapporten på webbplatsen").is_visible()
        if width == 600:
            image = page.screenshot(type="png", animations="disabled", caret="hide")
            assert image[:8] == b"\x89PNG\r\n\x1a\n" and len(image) < 400_000
            target = screenshots / "utskick.png"
            if not target.exists() or target.read_bytes() != image:
                target.write_bytes(image)
        context.close()
