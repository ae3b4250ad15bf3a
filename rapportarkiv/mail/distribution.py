"""Who receives a series' reports by email: the ``mail`` block of ``serie.yml``, as data.

Kept apart from the free-text ``distribution`` a page shows: that one is
written for readers, this one is read by the sender. A list has an audience:
an internal list receives every published report of the series, a public one
only reports marked ``classification: public``, so a list that reaches people
outside the region can never be sent an internal report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

DEFAULT_SUBJECT = "{series}: {title}"


@dataclass(frozen=True)
class MailList:
    name: str
    audience: Literal["internal", "public"]
    recipients: tuple[str, ...]

    def receives(self, classification: str) -> bool:
        """Whether a report of ``classification`` may go to this list."""
        return self.audience == "internal" or classification == "public"


@dataclass(frozen=True)
class Distribution:
    sender_name: str
    sender_address: str
    lists: tuple[MailList, ...]
    reply_to: str | None = None
    subject: str = DEFAULT_SUBJECT
    corrections: bool = False

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None) -> Distribution | None:
        """From schema-valid ``mail`` data; None when the series sends no email."""
        if not data:
            return None
        return cls(
            sender_name=data["sender"]["name"],
            sender_address=data["sender"]["address"],
            lists=tuple(MailList(item["name"], item["audience"], tuple(item["recipients"])) for item in data["lists"]),
            reply_to=data.get("reply_to"),
            subject=data.get("subject", DEFAULT_SUBJECT),
            corrections=data.get("corrections", False),
        )
