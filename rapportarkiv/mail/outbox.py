"""What is due to be sent: published, for a list allowed to receive it, and not in the ledger.

A report version is due to a list when the archive publishes it to the
list's audience at ``now`` (never a draft, never before its embargo, never an
internal report to a public list, never a withdrawn one), and the ledger has
no event for that message that settles it. A later version of a report the
list already received is a correction: sent, short, only when the series asks
for it (``corrections: true``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..archive import Options
from ..catalogue import MAIL
from ..collection import Collection
from ..history import History
from ..links import absolute
from ..problems import Problem, problem
from .edition import Edition, addresses_for
from .ledger import DELIVERED, Ledger


@dataclass(frozen=True)
class Due:
    edition: Edition
    revisions: int  # the version's number of revision notes, for the next correction

    @property
    def recipients(self) -> tuple[str, ...]:
        assert self.edition.mail_list is not None
        return self.edition.mail_list.recipients


def due(collection: Collection, history: History, ledger: Ledger, now: datetime,
        site_url: str) -> tuple[list[Due], list[Problem]]:
    found: list[Due] = []
    problems: list[Problem] = []
    addresses = {audience: addresses_for(collection, Options(now=now, audience=audience))
                 for audience in ("internal", "public")}
    for report in sorted(collection.reports, key=lambda r: (r.date, r.path)):
        series = collection.series.get(report.series)
        if series is None or series.mail is None or report.withdrawn is not None:
            continue
        lineage = history.get(report.path)
        if lineage is None or lineage.current is None:
            continue  # never committed: not published
        if lineage.dirty:
            problems.append(problem("RA709", report.path))
            continue
        version = lineage.current.blob
        for mail_list in series.mail.lists:
            options = Options(now=now, audience="public" if mail_list.audience == "public" else "internal")
            if not mail_list.receives(report.classification) or not options.admits(report):
                continue
            edition = Edition(report, series, mail_list, absolute(report.url, site_url), version,
                              addresses=addresses[options.audience])
            state = ledger.state(edition.message_id)
            if state in DELIVERED or state == "claimed":
                continue
            received = [e for e in ledger.delivered(report.path, mail_list.name) if e.version != version]
            if received:
                if not series.mail.corrections:
                    continue
                notes = tuple(r.note for r in report.revisions[received[-1].revisions:])
                edition = Edition(report, series, mail_list, edition.url, version,
                                  notes or (MAIL["correction_unspecified"],), addresses=edition.addresses)
            found.append(Due(edition, len(report.revisions)))
    return found, problems
