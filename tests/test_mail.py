"""The email edition and its sending, against a real SMTP server on localhost.

Every archive is a real git repository (the origin, as GitHub holds it) and
every run of ``rapportarkiv mail send`` works in a fresh clone of it, as the
workflow's job does; the mail server is aiosmtpd with STARTTLS (a certificate
made for the test) and a login. What arrives is parsed back with the standard
library and checked.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
import yaml

from rapportarkiv import cli, report_links
from rapportarkiv.mail import command, edition, ledger

from factory import (
    REPO, SERIES_REL, GitRepo, SmtpServer, base_env, clone_of, mail_settings, report_rel, seed_report, series_data,
)

SITE = "https://rapporter.example.se/arkiv/"
NOW = "2024-10-20T12:00:00+02:00"
WEEK_42 = report_rel("2024-10-17 14:00", "vecka-42")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SmtpServer]:
    found = SmtpServer(tmp_path / "smtp")
    yield found
    found.stop()


def origin_with_mail(tmp_path: Path, **mail: object) -> GitRepo:
    """An origin whose series mails, with the ledger begun (nothing published yet)."""
    origin = GitRepo(tmp_path / "origin")
    origin.write(SERIES_REL, yaml.safe_dump(series_data() | {"mail": mail_settings(**mail)},
                                            allow_unicode=True, sort_keys=False))
    origin.commit("Serien skickar e-post")
    origin.git("config", "receive.denyCurrentBranch", "ignore")
    origin.git("tag", "publicerad")
    return origin


class Runner:
    """``rapportarkiv mail …`` in a fresh clone of ``origin``, with the server's settings."""

    def __init__(self, origin: GitRepo, tmp_path: Path, server: SmtpServer, monkeypatch: pytest.MonkeyPatch,
                 capsys: pytest.CaptureFixture[str]) -> None:
        self.origin, self.tmp, self.server, self.monkeypatch, self.capsys = origin, tmp_path, server, monkeypatch, capsys
        self.runs = 0
        self.now = NOW

    def __call__(self, *args: str, **env: str) -> tuple[int, str, str]:
        self.runs += 1
        clone = clone_of(self.origin, self.tmp / f"run-{self.runs}")
        for key, value in (self.server.env(**env) | {"RAPPORTARKIV_NOW": self.now}).items():
            self.monkeypatch.setenv(key, value)
        self.capsys.readouterr()
        code = cli.main(["mail", *args, "--docs", str(clone.docs), *(
            ["--site-url", SITE] if args[0] != "resolve" else [])])
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def run(tmp_path: Path, server: SmtpServer, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Runner:
    return Runner(origin_with_mail(tmp_path), tmp_path, server, monkeypatch, capsys)


def publish(origin: GitRepo, title: str, changes: dict[str, str]) -> None:
    """A pull request merged and deployed (the publishing workflow moves the tag)."""
    origin.pr(title, changes)
    origin.git("tag", "-f", "publicerad")


def parsed(raw: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    return message


def body(message: EmailMessage, kind: str) -> str:
    """The decoded ``kind`` part (plain, html); lines end in LF here (on the wire in CRLF)."""
    part = message.get_body((kind,))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def found(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match is not None, (pattern, text)
    return match.group(1)


def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runs from now on happen after the claims' lease has run out."""
    moved = datetime.now(UTC) + command.LEASE + timedelta(minutes=1)
    monkeypatch.setattr(command, "_clock", lambda: moved)


def ledger_states(origin: GitRepo) -> list[str]:
    text = origin.git("show", f"refs/heads/{ledger.BRANCH}:{ledger.FILE}")
    return [yaml.safe_load(line)["state"] for line in text.splitlines()]


def test_a_merged_report_is_mailed_once_as_a_proper_message(run: Runner, server: SmtpServer) -> None:
    assert run("send", "--baseline")[0] == 0
    publish(run.origin, "Vecka 42", {WEEK_42: seed_report("Vecka 42 – läget i Sjuhärad")})
    code, out, err = run("send")
    assert code == 0, out + err
    assert len(server.received) == 1  # an internal report: the internal list only, never the press list
    recipients, raw = server.received[0]
    assert recipients == ["ledning@region.example", "chefer@region.example"]
    message = parsed(raw)
    assert message["Subject"] == "Regional rapport Millennium 2024: Vecka 42 – läget i Sjuhärad"
    assert "=?utf-8?" in raw.split(b"\r\n\r\n", 1)[0].decode("ascii").lower()  # encoded, not raw 8-bit
    assert str(message["From"]) == "Koncernstab kommunikation <rapporter@region.example>"
    assert str(message["Reply-To"]) == "kommunikation@region.example"
    assert "ledning@region.example" not in str(message["To"])  # list members do not see each other
    assert message["Date"].datetime.utcoffset().total_seconds() == 2 * 3600  # Stockholm, summer time
    assert re.fullmatch(r"<vecka-42\.[0-9a-f]{20}\.ledning@region\.example>", message["Message-ID"])
    assert message.get_content_type() == "multipart/alternative"
    plain, html = message.iter_parts()
    assert (plain.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert plain.get_content_charset() == html.get_content_charset() == "utf-8"
    text, page = body(message, "plain"), body(message, "html")
    report = f"{SITE}rapporter/regional-rapport-millennium-2024/2024/2024-10-17-vecka-42/"
    for expected in ("Vecka 42 – läget i Sjuhärad", "Sammanställd: torsdag 17 oktober 2024 kl. 14:00",
                     "Läget just nu\n=============", "fortsatt enligt plan", "Kommunikativa åtgärder",
                     "Insidan: Nyhetstext på Insidan (kommande)", "Karin Looström Muth",
                     "Om Regional rapport Millennium 2024", "Vid behov sammanställs", report):
        assert expected in text
    assert "<" not in text  # written from the Markdown: no markup
    # The HTML: every style inline, nothing loaded, no address but the archive's.
    assert "<style" not in page and "<link" not in page
    assert not re.search(r"\bsrc=", page)
    assert re.findall(r'href="([^"]*)"', page) and all(h.startswith(SITE) for h in re.findall(r'href="([^"]*)"', page))
    assert f'href="{report}"' in page
    assert 'style="' in page and "display:flex" not in page.replace(" ", "") and "grid" not in page
    assert ledger_states(run.origin) == ["claimed", "sent"]

    # A second run, a retried job: nothing more.
    assert run("send")[0] == 0
    assert len(server.received) == 1


def test_a_run_renders_only_the_versions_not_yet_sent(run: Runner, server: SmtpServer,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19: only new or changed versions are rendered again. The ledger decides what
    is due before any message is made, so a run over a large archive renders the
    emails of its new versions and nothing else (bench/calendars.py prices one)."""
    rendered: list[str] = []
    make = edition.Edition.message

    def counted(self: edition.Edition, now: datetime) -> EmailMessage:
        rendered.append(self.report.path)
        return make(self, now)

    monkeypatch.setattr(edition.Edition, "message", counted)
    assert run("send", "--baseline")[0] == 0
    assert rendered == []  # the archive as it stands is recorded, not rendered
    publish(run.origin, "Vecka 42", {WEEK_42: seed_report("Vecka 42")})
    assert run("send")[0] == 0
    assert rendered == [WEEK_42] and len(server.received) == 1
    assert run("send")[0] == 0
    assert len(rendered) == 1


def test_drafts_embargoes_and_internal_reports_to_a_public_list(run: Runner, server: SmtpServer) -> None:
    run("send", "--baseline")
    public, draft, embargoed = (report_rel("2024-10-17 14:00", s) for s in ("oppen", "utkast", "embargo"))
    publish(run.origin, "Tre rapporter", {
        public: seed_report("Öppen rapport", classification="public"),
        draft: seed_report("Utkastet", draft=True),
        embargoed: seed_report("Under embargo", classification="public", publish_at="2024-10-21 08:00"),
    })
    assert run("send")[0] == 0
    got = sorted((parsed(raw)["Subject"].split(": ", 1)[1], tuple(to)) for to, raw in server.received)
    assert got == [("Öppen rapport", ("ledning@region.example", "chefer@region.example")),
                   ("Öppen rapport", ("press@media.example",))]
    # The embargo passes (the scheduled deploy's clock): now it goes, once per list.
    run.now = "2024-10-21T08:15:00+02:00"
    assert run("send")[0] == 0
    subjects = [parsed(raw)["Subject"] for _, raw in server.received]
    assert subjects.count("Regional rapport Millennium 2024: Under embargo") == 2
    assert not any("Utkastet" in s for s in subjects)
    assert run("send")[0] == 0 and len(server.received) == 4


def test_nothing_is_sent_before_the_site_is_deployed(run: Runner, server: SmtpServer) -> None:
    run("send", "--baseline")
    run.origin.pr("Vecka 42", {WEEK_42: seed_report("Vecka 42")})  # merged, not yet deployed
    code, out, _ = run("send")
    assert code == 1 and server.received == []
    assert "RA706" in out and "inte publicerad på webbplatsen" in out
    run.origin.git("tag", "-f", "publicerad")
    assert run("send")[0] == 0 and len(server.received) == 1


def test_without_a_ledger_nothing_is_sent(run: Runner, server: SmtpServer) -> None:
    publish(run.origin, "Vecka 42", {WEEK_42: seed_report("Vecka 42")})
    code, out, _ = run("send")
    assert code == 1 and "RA708" in out and "--baseline" in out and server.received == []
    assert run("send", "--baseline")[0] == 0  # what is already published counts as sent
    assert run("send")[0] == 0 and server.received == []


def test_an_archive_that_mails_nothing_needs_no_ledger(tmp_path: Path, server: SmtpServer,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """The publishing workflow of a new archive runs the mailing after every deploy: until
    a series has a mail block it has nothing to do, and says so without failing."""
    origin = GitRepo(tmp_path / "origin")
    origin.write(SERIES_REL, yaml.safe_dump(series_data(), allow_unicode=True, sort_keys=False))
    origin.commit("Serien skickar inget")
    origin.git("config", "receive.denyCurrentBranch", "ignore")
    origin.git("tag", "publicerad")
    publish(origin, "Vecka 42", {WEEK_42: seed_report("Vecka 42")})
    code, out, err = Runner(origin, tmp_path, server, monkeypatch, capsys)("send")
    assert code == 0, out + err
    assert "Ingen serie har något e-postutskick" in err and server.received == []
    assert origin.git("branch", "--list", ledger.BRANCH).strip() == ""  # no ledger was begun


def test_interrupted_between_sending_and_recording(run: Runner, server: SmtpServer,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    run("send", "--baseline")
    publish(run.origin, "Vecka 42", {WEEK_42: seed_report("Vecka 42")})
    real_append = ledger.Store.append

    def killed(self: ledger.Store, book: ledger.Ledger, events: list, message: str) -> ledger.Ledger:
        if any(e.state == "sent" for e in events):
            raise KeyboardInterrupt  # the job is cancelled just after the server took the message
        return real_append(self, book, events, message)

    monkeypatch.setattr(ledger.Store, "append", killed)
    assert run("send")[0] == 130
    monkeypatch.setattr(ledger.Store, "append", real_append)
    assert len(server.received) == 1
    # Right after, the claim may be another run's, still sending: left alone, not reported.
    code, _, err = run("send")
    assert code == 0 and "Skickas just nu av en annan körning" in err and len(server.received) == 1
    later(monkeypatch)
    message_id = parsed(server.received[0][1])["Message-ID"]
    # The next runs never send it again: they ask a person.
    for _ in range(2):
        code, out, _ = run("send")
        assert code == 1 and len(server.received) == 1
        assert "RA704" in out and message_id in out and "mail resolve" in out
    code, _, err = run("resolve", message_id, "--sent")
    assert code == 0 and "markerat som skickat" in err
    assert run("send") [0] == 0 and len(server.received) == 1
    assert ledger_states(run.origin) == ["claimed", "resolved-sent"]


def test_a_claim_settled_as_not_sent_is_sent_again(run: Runner, server: SmtpServer,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed after the claim was pushed and before the server was reached."""
    run("send", "--baseline")
    publish(run.origin, "Vecka 42", {WEEK_42: seed_report("Vecka 42")})
    from rapportarkiv.mail import smtp

    real_send = smtp.Connection.send

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(smtp.Connection, "send", killed)
    assert run("send")[0] == 130
    monkeypatch.setattr(smtp.Connection, "send", real_send)
    later(monkeypatch)
    code, out, _ = run("send")
    assert code == 1 and server.received == []
    message_id = found(r"Message-ID (<[^>]+>)", out)
    assert run("resolve", message_id, "--retry")[0] == 0
    assert run("send")[0] == 0 and len(server.received) == 1
    assert parsed(server.received[0][1])["Message-ID"] == message_id


def test_a_temporary_failure_is_recorded_and_retried(run: Runner, server: SmtpServer) -> None:
    run("send", "--baseline")
    publish(run.origin, "Vecka 42", {WEEK_42: seed_report("Vecka 42")})
    server.answer = "451 4.3.0 Try again later"
    code, out, _ = run("send")
    assert code == 1 and server.received == []
    assert "RA702" in out and "svarade 451 4.3.0 Try again later. Inget har skickats" in out
    assert ledger_states(run.origin) == ["claimed", "failed"]
    server.answer = None
    assert run("send")[0] == 0 and len(server.received) == 1
    assert run("send")[0] == 0 and len(server.received) == 1


def test_a_refused_login_sends_and_claims_nothing(run: Runner, server: SmtpServer) -> None:
    run("send", "--baseline")
    publish(run.origin, "Vecka 42", {WEEK_42: seed_report("Vecka 42")})
    code, out, err = run("send", RAPPORTARKIV_SMTP_PASSWORD="fel")
    assert code == 1 and server.received == []
    assert "RA701" in out and "godtog inte inloggningen" in out and "Traceback" not in err
    assert ledger_states(run.origin) == []
    code, out, _ = run("send", RAPPORTARKIV_SMTP_PORT="1")  # nobody listens there
    assert code == 1 and "RA700" in out and "går inte att nå" in out
    assert run("send")[0] == 0 and len(server.received) == 1


def test_missing_settings_are_named(run: Runner, server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> None:
    run("send", "--baseline")
    publish(run.origin, "Vecka 42", {WEEK_42: seed_report("Vecka 42")})
    code, out, _ = run("send", RAPPORTARKIV_SMTP_HOST="")
    assert code == 1 and "RA705" in out and "RAPPORTARKIV_SMTP_HOST saknas" in out


def test_two_runs_at_once_send_each_message_once(run: Runner, server: SmtpServer, tmp_path: Path) -> None:
    run("send", "--baseline")
    reports = {report_rel(f"2024-10-1{day} 14:00", f"rapport-{day}"): seed_report(f"Rapport {day}",
               f"2024-10-1{day} 14:00", classification="public") for day in range(3, 8)}
    publish(run.origin, "Fem rapporter", reports)
    clones = [clone_of(run.origin, tmp_path / f"samtidig-{n}") for n in range(3)]
    env = {**base_env(), **server.env(), "RAPPORTARKIV_NOW": NOW, "PYTHONPATH": str(REPO)}
    done: list[subprocess.CompletedProcess[str]] = []

    def one(clone: GitRepo) -> None:
        done.append(subprocess.run(
            [sys.executable, "-m", "rapportarkiv.cli", "mail", "send", "--docs", str(clone.docs), "--site-url", SITE],
            env=env, capture_output=True, text=True, cwd=clone.root))

    threads = [threading.Thread(target=one, args=(clone,)) for clone in clones]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.returncode for r in done] == [0, 0, 0], [r.stdout + r.stderr for r in done]
    ids = [parsed(raw)["Message-ID"] for _, raw in server.received]
    assert len(ids) == len(set(ids)) == 10  # five reports, two lists each, each once
    assert ledger_states(run.origin).count("sent") == 10


def test_a_correction_is_mailed_only_when_the_series_asks(tmp_path: Path, server: SmtpServer,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    for corrections in (False, True):
        origin = origin_with_mail(tmp_path / str(corrections), corrections=corrections)
        run = Runner(origin, tmp_path / str(corrections), server, monkeypatch, capsys)
        run("send", "--baseline")
        publish(origin, "Vecka 42", {WEEK_42: seed_report("Vecka 42")})
        run("send")
        publish(origin, "Rättelse", {WEEK_42: seed_report(
            "Vecka 42", revisions=[("2024-10-18 09:00", "Datumet för pressträffen är rättat.")])})
        server.received.clear()
        assert run("send")[0] == 0
        if not corrections:
            assert server.received == []
            continue
        assert len(server.received) == 1
        message = parsed(server.received[0][1])
        assert message["Subject"] == "Rättelse: Regional rapport Millennium 2024: Vecka 42"
        text = body(message, "plain")
        assert "Datumet för pressträffen är rättat." in text and "Rättelse." in text
        assert run("send")[0] == 0 and len(server.received) == 1


def test_preview_writes_the_eml_and_the_html(tmp_path: Path) -> None:
    out = tmp_path / "utskick"
    code = cli.main(["mail", "preview", str(REPO / "docs" / "rapporter" / "regional-rapport-millennium-2024" / "2024"
                                               / "2024-10-11-sjuharad-begar-senare-anslutning.md"),
                     "--docs", str(REPO / "docs"), "--out", str(out), "--site-url", SITE])
    assert code == 0
    eml = parsed((out / "sjuharad-begar-senare-anslutning.eml").read_bytes())
    assert eml["Subject"] == "Regional rapport Millennium 2024: Sjuhärads kommuner begär senare anslutning till Millennium"
    html = (out / "sjuharad-begar-senare-anslutning.html").read_text(encoding="utf-8")
    assert html.strip() == body(eml, "html").strip()
    assert "Pressmeddelande" in html and "Karin Looström Muth" in html


def test_preview_of_a_broken_report_says_so_in_swedish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    (docs / "rapporter" / "regional-rapport-millennium-2024" / "2024").mkdir(parents=True)
    (docs / SERIES_REL).write_text((REPO / "docs" / SERIES_REL).read_text(encoding="utf-8"), encoding="utf-8")
    broken = docs / WEEK_42
    broken.write_text(seed_report("Vecka 42").replace("type: regular", "type: veckorapport"), encoding="utf-8")
    assert cli.main(["mail", "preview", str(broken), "--docs", str(docs), "--out", str(tmp_path / "ut")]) == 1
    out, err = capsys.readouterr()
    assert "RA10" in out and "ingen rapport som kan förhandsvisas" in err and not (tmp_path / "ut").exists()


def test_the_pull_request_summary_shows_the_email(tmp_path: Path) -> None:
    origin = origin_with_mail(tmp_path)
    origin.git("checkout", "-q", "-b", "ny-rapport")
    origin.write(WEEK_42, seed_report("Vecka 42 ``` *fet* | [länk]", body={
        "Läget just nu": "Text med ```` och <https://example.org>.", "Händelser och beslut": "Inget.",
        "Kommande": "Mer."}))
    origin.commit("Vecka 42")
    out = tmp_path / "summary.md"
    assert cli.main(["summary", "--base", "main", "--repo", str(origin.root), "--docs", str(origin.docs),
                     "--output", str(out), "--site-url", SITE]) == 0
    written = out.read_text(encoding="utf-8")
    section = written.split("## E-postutskick", 1)[1]
    assert "ledning (2)" in section and "press" not in section  # an internal report: not to the press list
    assert "Vecka 42 \\`\\`\\` \\*fet\\* \\| \\[länk\\]" in section.split("<details>")[0]  # inert text
    assert "<details><summary>Textversionen</summary>" in section
    fence = found(r"\n(`{3,})text\n", section)
    assert len(fence) > 4 and section.count(fence) == 2  # no line of the text can close the block
    assert "Sammanställd: torsdag 17 oktober 2024 kl. 14:00" in section


def test_hostile_text_stays_text_in_every_part() -> None:
    """Titles and fields the validator refuses (markup, line breaks) still cannot break the message."""
    from datetime import datetime as moment

    from rapportarkiv.mail.distribution import Distribution
    from rapportarkiv.mail.edition import Edition
    from rapportarkiv.model import Action, Report, Series, Spokesperson

    evil = '"><script>alert(1)</script>\r\nBcc: offer@evil.example'
    series = Series.from_data(series_data() | {"mail": mail_settings()}, SERIES_REL)
    assert isinstance(series.mail, Distribution)
    report = Report(
        path=WEEK_42, slug="vecka-42", series=series.id, type="extra", title=evil,
        date=moment.fromisoformat("2024-10-17T14:00:00+02:00"), description=evil,
        body=f"## Läget\n\n{evil}\n\n[klicka](javascript:alert(1)) ![bild](https://evil.example/spår.png)",
        body_line=10, occasion=evil, spokespersons=(Spokesperson(evil, evil, evil),),
        communication=(Action("internal", moment(2024, 10, 17).date(), evil, evil),),
    )
    edition = Edition(report, series, series.mail.lists[0], f"{SITE}{report.url}", "abc",
                      addresses=report_links.Addresses({}))
    raw = edition.message(moment.fromisoformat("2024-10-17T15:00:00+02:00")).as_bytes(policy=policy.SMTP)
    message = parsed(raw)
    assert "\n" not in message["Subject"] and "Bcc" not in raw.split(b"\r\n\r\n", 1)[0].decode("ascii").split(
        "Subject:", 1)[0]
    assert message["Bcc"] is None and len(message.get_all("Subject") or []) == 1
    page = body(message, "html")
    assert "<script" not in page and "&lt;script&gt;" in page
    assert 'href="javascript' not in page and "https://evil.example" not in page and "[bild]" in page
    assert not re.search(r"\bsrc=", page)
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith(SITE) for h in hrefs)


def test_the_mail_block_is_checked_with_swedish_messages(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    settings = mail_settings(subject="{serie}: {title}", lists=[
        {"name": "Ledning", "audience": "alla", "recipients": ["ledning@region.example", "inte en adress"]}])
    path = docs / SERIES_REL
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(series_data() | {"mail": settings}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "rapportarkiv.cli", "validate", "--docs", str(docs), "--format", "json"],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 1
    found = yaml.safe_load(done.stdout)
    keys = sorted(p["params"].get("key", "") for p in found)
    assert any("subject" in k for k in keys) and any("audience" in k for k in keys)
    assert any("recipients" in k for k in keys) and any("name" in k for k in keys)
    assert all(p["path"].endswith("serie.yml") and p["line"] > 1 for p in found)
    assert "Traceback" not in done.stderr


def test_dry_run_prints_and_sends_nothing(run: Runner, server: SmtpServer) -> None:
    run("send", "--baseline")
    publish(run.origin, "Vecka 42", {WEEK_42: seed_report("Vecka 42", classification="public")})
    code, out, _ = run("send", RAPPORTARKIV_MAIL_DRY_RUN="true")
    assert code == 0 and server.received == [] and ledger_states(run.origin) == []
    assert out.count("Skulle skickas (provkörning): Vecka 42") == 2 and "press (1 mottagare)" in out
    code, _, err = run("send", RAPPORTARKIV_MAIL_DRY_RUN="ja")
    assert code == 2 and "RAPPORTARKIV_MAIL_DRY_RUN" in err and server.received == []
    assert run("send", RAPPORTARKIV_MAIL_DRY_RUN="")[0] == 0 and len(server.received) == 2


def test_the_build_clock_for_the_workflow(tmp_path: Path) -> None:
    output = tmp_path / "github-output"
    output.write_text("annat=1\n", encoding="utf-8")
    assert cli.main(["mail", "clock", "--output", str(output)]) == 0
    first, line = output.read_text(encoding="utf-8").splitlines()
    assert first == "annat=1" and line.startswith("build_time=")
    assert datetime.fromisoformat(line.split("=", 1)[1]).utcoffset() == timedelta(0)


def test_a_connection_dropped_after_data_is_never_sent_again(run: Runner, server: SmtpServer,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    run("send", "--baseline")
    publish(run.origin, "Vecka 42", {WEEK_42: seed_report("Vecka 42", classification="public")})
    server.drop = True
    code, out, err = run("send")
    assert len(server.received) == 1 and "Traceback" not in err  # taken by the server, unconfirmed
    server.drop = False
    later(monkeypatch)
    code, out, _ = run("send")
    assert code == 1 and "RA704" in out
    subjects = [parsed(raw)["Message-ID"] for _, raw in server.received]
    assert len(subjects) == len(set(subjects))  # the unconfirmed one never twice
    assert ledger_states(run.origin).count("claimed") >= 1


def test_a_damaged_ledger_stops_the_mailing(run: Runner, server: SmtpServer) -> None:
    run("send", "--baseline")
    publish(run.origin, "Vecka 42", {WEEK_42: seed_report("Vecka 42")})
    origin = run.origin
    origin.git("checkout", "-q", ledger.BRANCH)
    (origin.root / ledger.FILE).write_text('{"message_id": "<x>", trasig\n', encoding="utf-8")
    origin.git("commit", "-q", "-am", "Handredigerad logg")
    origin.git("checkout", "-q", "main")
    code, out, err = run("send")
    assert code == 1 and server.received == [] and "Traceback" not in err
    assert "RA707" in out and "utskick.jsonl:1" in out


def test_outside_a_repository_the_mailing_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "docs").mkdir()
    assert cli.main(["mail", "send", "--docs", str(tmp_path / "docs"), "--site-url", SITE]) == 2
    assert "Traceback" not in capsys.readouterr().err
