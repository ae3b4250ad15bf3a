"""What the calendar subscriptions and the email edition cost, as ratios.

A synthetic archive of N reports (``bench/synth.py``) is arranged once
(``site.build``, without history) and then timed three ways, each the best
of ``--repeat`` runs in this process:

* **pages**: rendering every page of the site (what the build must do anyway;
  the generator's own layout work comes on top, so the real ratio is smaller);
* **calendars**: every iCalendar feed (the archive's and each series');
* **emails**: the email edition (plain text, HTML inlined by css-inline, the
  MIME message) of every report. The build never renders these: ``mail send``
  renders only the versions the ledger has not seen, so this is the cost of
  mailing the whole archive at once, for scale.

    python bench/calendars.py --reports 10000 [--repeat 3]
    python bench/calendars.py --docs bench/out/…/docs   # an archive made already (bench/run.py)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench import synth  # noqa: E402
from rapportarkiv import site as core  # noqa: E402
from rapportarkiv.archive import Options  # noqa: E402
from rapportarkiv.mail.edition import Edition  # noqa: E402
from rapportarkiv.mail.distribution import MailList  # noqa: E402
from rapportarkiv.render import ics  # noqa: E402

SITE = "https://rapporter.example.se/arkiv/"


def best(repeat: int, work: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def measure(n: int, repeat: int, with_emails: bool = True) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "arkiv"
        synth.make(out, n)
        return measure_docs(out / "docs", repeat, with_emails)


def measure_docs(docs: Path, repeat: int, with_emails: bool = True) -> dict[str, float | int]:
    """The figures for the archive at ``docs`` (bench/run.py: the archive its builds used)."""
    built = core.build(docs, Options(now=datetime(2100, 1, 1, tzinfo=UTC)), SITE, with_history=False)
    sources = [r.path for r in built.archive.reports] + list(built.generated)
    one_list = MailList("ledning", "internal", ("ledning@region.example",))

    def pages() -> None:
        for src in sources:
            built.page_html(src)

    def calendars() -> None:
        ics._event.cache_clear()  # cold: every event rendered once, as in a build from a fresh clone
        for feed in ics.feeds_for(built.archive):
            ics.render(feed, ics.shown(built.archive, feed, built.versions), SITE)

    def emails() -> None:
        for report in built.archive.reports:
            series = built.archive.series[report.series]
            Edition(report, series, one_list, SITE + report.url, "v",
                    addresses=built.archive.addresses).message(datetime.now(UTC))

    page_time = best(repeat, pages)
    calendar_time = best(repeat, calendars)
    email_time = best(1, emails) if with_emails else 0.0
    return {"reports": len(built.archive.reports), "actions": len(built.archive.calendar()),
            "pages_s": round(page_time, 3), "calendars_s": round(calendar_time, 3),
            "emails_s": round(email_time, 3), "calendars_over_pages": round(calendar_time / page_time, 4),
            "email_ms_each": round(1000 * email_time / max(1, len(built.archive.reports)), 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=10000)
    parser.add_argument("--docs", type=Path, help="an archive already made (bench/run.py's), instead of --reports")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-emails", action="store_true", help="time the calendars only")
    args = parser.parse_args(argv)
    figures = (measure_docs(args.docs, args.repeat, not args.no_emails) if args.docs
               else measure(args.reports, args.repeat, not args.no_emails))
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
