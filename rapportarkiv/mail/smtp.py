"""Talking to the mail server: SMTP with STARTTLS and a login, set only from the environment.

The server, the port, the user and the password come from environment
variables (in the workflow, the repository's secrets on ``main``), never
from a file in the repository, where every author could read them. A server
that does not offer STARTTLS is refused: the password is never sent in the
clear. ``RAPPORTARKIV_SMTP_CA_FILE`` names the certificate authorities to
trust when the region's server uses its own.

Each outcome says whether the message may have reached the server: a refusal
before the message was accepted (no connection, a 4xx or 5xx answer, a
refused login) means it was not sent; a connection lost while the message
was being handed over means nobody knows (see ``ledger``).
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Literal

from .. import faults
from ..catalogue import MAIL
from ..problems import Problem, problem

HOST, PORT, USER, PASSWORD, CA_FILE = (
    "RAPPORTARKIV_SMTP_HOST", "RAPPORTARKIV_SMTP_PORT", "RAPPORTARKIV_SMTP_USER",
    "RAPPORTARKIV_SMTP_PASSWORD", "RAPPORTARKIV_SMTP_CA_FILE",
)
TIMEOUT = 60  # seconds for any one answer of the server


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    user: str
    password: str = ""
    ca_file: str | None = None

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"


def settings(env: Mapping[str, str], where: str) -> Settings | Problem:
    """The server's settings from ``env``, or the problem (RA705) naming what is missing."""
    for name in (HOST, USER, PASSWORD):
        if not env.get(name, "").strip():
            return problem("RA705", where, variable=name)
    port = env.get(PORT, "").strip() or "587"
    if not port.isdigit() or not 0 < int(port) < 65536:
        return problem("RA705", where, variable=PORT)
    return Settings(env[HOST].strip(), int(port), env[USER], env[PASSWORD], env.get(CA_FILE) or None)


Outcome = Literal["sent", "failed", "unknown"]


class Connection:
    """One authenticated SMTP session for a run; ``where`` names the list in problems."""

    def __init__(self, config: Settings) -> None:
        self.config = config
        self.smtp: smtplib.SMTP | None = None

    def open(self, where: str, list_name: str) -> Problem | None:
        config = self.config
        try:
            smtp = smtplib.SMTP(config.host, config.port, timeout=TIMEOUT)
            smtp.ehlo()
            if not smtp.has_extn("starttls"):
                smtp.close()
                return problem("RA700", where, list=list_name, server=config.server, reason="STARTTLS")
            smtp.starttls(context=ssl.create_default_context(cafile=config.ca_file))
            smtp.ehlo()
            smtp.login(config.user, config.password)
        except smtplib.SMTPAuthenticationError as err:
            return problem("RA701", where, list=list_name, server=config.server, reason=_reply(err))
        except UnicodeEncodeError:
            # smtplib sends the login as ASCII only.
            return problem("RA701", where, list=list_name, server=config.server, reason=MAIL["login_ascii"])
        except smtplib.SMTPResponseException as err:
            return problem("RA700", where, list=list_name, server=config.server, reason=_reply(err))
        except (smtplib.SMTPException, ssl.SSLError, socket.timeout, OSError) as err:
            reason = faults.os_reason(err) if isinstance(err, OSError) and err.errno else str(err) or type(err).__name__
            return problem("RA700", where, list=list_name, server=config.server, reason=reason)
        self.smtp = smtp
        return None

    def send(self, message: EmailMessage, recipients: Sequence[str], where: str,
             list_name: str) -> tuple[Outcome, Problem | None]:
        assert self.smtp is not None, "open() first"
        try:
            self.smtp.send_message(message, to_addrs=list(recipients))
        except smtplib.SMTPRecipientsRefused as err:
            code, text = next(iter(err.recipients.values()), (550, b""))
            return "failed", _refused(where, list_name, code, text)
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as err:
            # An answer to MAIL, RCPT or the end of DATA: the server said no, and keeps nothing.
            return "failed", _refused(where, list_name, err.smtp_code, err.smtp_error)
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPException, OSError):
            # Lost while handing the message over: it may have been accepted.
            self.smtp = None
            return "unknown", None
        return "sent", None

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self.smtp = None


def _reply(err: smtplib.SMTPResponseException) -> str:
    text = err.smtp_error.decode("utf-8", "replace") if isinstance(err.smtp_error, bytes) else str(err.smtp_error)
    return f"{err.smtp_code} {text}".strip()


def _refused(where: str, list_name: str, code: int, text: bytes | str) -> Problem:
    reason = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return problem("RA702" if 400 <= code < 500 else "RA703", where, list=list_name, status=code, reason=reason)
