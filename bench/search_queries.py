"""What a reader's first search really downloads, query by query, in headless Chromium.

``bench/build.py`` bounds a first query from above: the fixed files, the
largest index chunk and ten fragments. A query fetches the chunks its words
fall in, not the largest, so this runs Pagefind itself (as assets/rapportarkiv.js
does: ``noWorker``) on a built site, one fresh browser context per query (no
cache), asks for the first ten results' data, and adds up the bytes of every
Pagefind file the browser requested, as served (bench/build.py's
``served_size``: Pagefind's index files are compressed already, its script is
counted compressed as a web server sends it). The queries are words a reader of the synthetic archive
would type (bench/synth.py's vocabulary and words it lacks), two multi-word
ones, and three Swedish function words shown apart (they find every report).

    python bench/search_queries.py SITE_DIR [--queries a,b,c]

SITE_DIR is a built site (``bench/build.py --keep-sites`` leaves them in
``<workdir>/sites-N/ours``).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import sys
import threading
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.build import served_size

READER_QUERIES = (
    "kommunerna", "vårdplatser", "lägesbild", "åtgärder", "översvämning", "brand", "elavbrott", "vatten",
    "sjukhus", "ambulans", "räddningstjänsten", "skola", "förskola", "polis", "trafik", "storm", "snöoväder",
    "värmebölja", "smitta", "vaccination", "kommun", "region", "millennium", "beredskap", "kris", "evakuering",
    "dricksvatten", "it-attack", "pressmeddelande", "samverkan", "förvaltning", "kommunikation", "talesperson",
    "stängd", "störningar", "invånare", "sjukvård", "personal", "vård", "information",
    "kommunerna vårdplatser", "brand i skola",
)
FUNCTION_WORDS = ("för", "och", "att")
SEARCH = """async (query) => {
    const pagefind = await import('/pagefind/pagefind.js');
    await pagefind.options({ baseUrl: '/', noWorker: true });
    const found = await pagefind.search(query);
    await Promise.all(found.results.slice(0, 10).map((result) => result.data()));
    return found.results.length;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def measure(site: Path, queries: list[str], chromium: str = "/usr/bin/chromium") -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    blank = site / "bench-search-query.html"
    blank.write_text("<!doctype html><html lang=\"sv\"><title>Sök</title><body></body></html>")
    out: dict[str, dict] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                fetched: dict[str, int] = {}

                def seen(request: Any, fetched: dict[str, int] = fetched) -> None:
                    if "/pagefind/" in request.url:
                        rel = request.url.split("/pagefind/", 1)[1].split("?", 1)[0]
                        fetched[rel] = served_size(site / "pagefind" / rel)

                page.on("request", seen)
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/{blank.name}")
                hits = page.evaluate(SEARCH, query)
                out[query] = {
                    "bytes": sum(fetched.values()),
                    "chunks": sum(size for name, size in fetched.items() if name.endswith(".pf_index")),
                    "chunk_count": sum(name.endswith(".pf_index") for name in fetched),
                    "hits": hits,
                }
                context.close()
            browser.close()
    finally:
        server.shutdown()
        blank.unlink()
    return out


def summary(found: dict[str, dict]) -> dict[str, float | int]:
    sizes = sorted(v["bytes"] for q, v in found.items() if q not in FUNCTION_WORDS)
    return {
        "queries": len(sizes),
        "median_kb": round(statistics.median(sizes) / 1024, 1),
        "p90_kb": round(sizes[max(0, int(0.9 * len(sizes)) - 1)] / 1024, 1),
        "max_kb": round(sizes[-1] / 1024, 1),
        "over_300_kb": sum(size > 300 * 1024 for size in sizes),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--queries", help="comma-separated; default: a reader's words and three function words")
    args = parser.parse_args(argv)
    queries = args.queries.split(",") if args.queries else [*READER_QUERIES, *FUNCTION_WORDS]
    found = measure(args.site.resolve(), queries)
    for query, figures in found.items():
        print(f"{query:26s} {figures['bytes'] / 1024:6.1f} KB  {figures['chunk_count']} chunk(s) "
              f"{figures['chunks'] / 1024:6.1f} KB  {figures['hits']} hits")
    print(json.dumps(summary(found)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
