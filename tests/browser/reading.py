"""What the browser tests do on a page more than once: search, and the sample report."""

from __future__ import annotations

from typing import Any

# The repository's sample report (it has two versions in the repository's history).
SAMPLE_REPORT = "rapporter/regional-rapport-millennium-2024/2024/2024-10-11-sjuharad-begar-senare-anslutning/"


def search(page: Any, query: str) -> list[str]:
    """Type ``query`` into the header's search box; the titles of the hits, in order."""
    box = page.locator("#ra-search-input")
    output = page.locator("#ra-search-output")
    if output.is_visible():
        box.fill("")
        output.wait_for(state="hidden")
    box.fill(query)
    output.wait_for(state="visible")
    page.wait_for_function(
        "() => { const s = document.querySelector('#ra-search-status');"
        " return s.textContent && s.textContent !== s.dataset.loading; }"
    )
    return page.locator("#ra-search-results li > a").all_inner_texts()
