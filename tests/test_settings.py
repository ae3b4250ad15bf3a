"""The build's settings are read strictly (rapportarkiv.settings).

MkDocs reads each ``!ENV`` value of mkdocs.yml as YAML, so these tests set the
environment variable and read the repository's own mkdocs.yml with MkDocs'
loader, as a build does; a few run a real ``mkdocs build``. A value that is
not one of a setting's documented values stops the build with a Swedish
message naming the variable and the value: ``RAPPORTARKIV_PREVIEW=nej`` must
not publish drafts, and guessing that it means "no" would be guessing too.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from factory import GENERATOR, REPO, SERIES, base_env, build, mkdocs_config, new_docs, write_report
from rapportarkiv import settings
from rapportarkiv import site as core


def _options_from_environment(monkeypatch: pytest.MonkeyPatch, **variables: str):
    from mkdocs.utils.yaml import yaml_load

    for name in ("RAPPORTARKIV_PREVIEW", "RAPPORTARKIV_AUDIENCE", "RAPPORTARKIV_NOW"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    extra = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]
    return core.options(preview=extra["preview"], audience=extra["audience"], now=extra["build_time"])


@pytest.mark.parametrize(("value", "mode"), [
    ("true", "preview"), ("True", "preview"), ("false", "production"), ("FALSE", "production"),
    # YAML itself reads these as booleans before the core sees them.
    ("yes", "preview"), ("no", "production"), ("on", "preview"), ("off", "production"),
    ("", "production"),  # set to nothing: the default
])
def test_preview_accepts_true_and_false(monkeypatch: pytest.MonkeyPatch, value: str, mode: str) -> None:
    assert _options_from_environment(monkeypatch, RAPPORTARKIV_PREVIEW=value).mode == mode


@pytest.mark.parametrize("value", ["nej", "ja", "Nej", "1", "0", "2", "sant", "falskt", "t", "none", "~x", "[]", "{}"])
def test_preview_refuses_anything_else(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    refused = r"^Förhandsvisningen \(RAPPORTARKIV_PREVIEW\) måste vara true eller false"
    with pytest.raises(core.OptionsError, match=refused):
        _options_from_environment(monkeypatch, RAPPORTARKIV_PREVIEW=value)


@pytest.mark.parametrize("value", ["false", "no", "0", "1", "Public", "offentlig", " public", "true", "[]"])
def test_audience_refuses_anything_but_internal_and_public(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    with pytest.raises(core.OptionsError, match=r"RAPPORTARKIV_AUDIENCE\) måste vara internal eller public"):
        _options_from_environment(monkeypatch, RAPPORTARKIV_AUDIENCE=value)


@pytest.mark.parametrize(("value", "audience"), [("public", "public"), ("internal", "internal"), ("", "internal")])
def test_audience_accepts_internal_and_public(monkeypatch: pytest.MonkeyPatch, value: str, audience: str) -> None:
    assert _options_from_environment(monkeypatch, RAPPORTARKIV_AUDIENCE=value).audience == audience


@pytest.mark.parametrize("value", ["false", "no", "0", "1", "20241011", "true", "igår", "[]"])
def test_build_clock_refuses_what_is_not_a_timestamp(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    with pytest.raises(core.OptionsError, match=r"RAPPORTARKIV_NOW\) går inte att tolka"):
        _options_from_environment(monkeypatch, RAPPORTARKIV_NOW=value)


def test_empty_build_clock_is_now(monkeypatch: pytest.MonkeyPatch) -> None:
    before = datetime.now(timezone.utc)
    assert _options_from_environment(monkeypatch, RAPPORTARKIV_NOW="").now >= before


def test_text_from_another_generator_is_read_the_same_way() -> None:
    """The core does not depend on YAML: the words themselves are accepted too."""
    assert settings.read_flag("true", "bad_preview") is True
    assert settings.read_flag("false", "bad_preview") is False
    with pytest.raises(settings.OptionsError):
        settings.read_flag("nej", "bad_preview")
    with pytest.raises(settings.OptionsError):
        settings.read_flag(1, "bad_preview")


def test_a_preview_server_still_checks_the_setting() -> None:
    assert core.options(preview=False, serving=True).mode == "preview"
    with pytest.raises(core.OptionsError):
        core.options(preview="nej", serving=True)


# --- Through a real build ----------------------------------------------------------

def _draft_archive(tmp_path: Path) -> tuple[Path, Path]:
    docs = new_docs(tmp_path)
    write_report(docs, "utkast", title="Ett utkast", when=datetime(2024, 10, 17, 14, 0), draft=True)
    return docs, tmp_path / "site" / f"rapporter/{SERIES}/2024/2024-10-17-utkast" / "index.html"


def test_preview_nej_stops_a_build_with_a_swedish_message(tmp_path: Path) -> None:
    docs, draft = _draft_archive(tmp_path)
    result = build(docs, check=False, env={"RAPPORTARKIV_PREVIEW": "nej"}, environment=("preview",))
    assert result.returncode != 0
    assert "Förhandsvisningen (RAPPORTARKIV_PREVIEW) måste vara true eller false, inte ”nej”." in result.stderr
    assert "Traceback" not in result.stderr
    assert not draft.exists()


def test_preview_true_and_false_build_as_documented(tmp_path: Path) -> None:
    docs, draft = _draft_archive(tmp_path)
    build(docs, env={"RAPPORTARKIV_PREVIEW": "false"}, environment=("preview",))
    assert not draft.exists()
    build(docs, env={"RAPPORTARKIV_PREVIEW": "true"}, environment=("preview",))
    assert draft.exists()


@pytest.mark.parametrize(("key", "variable", "value", "message"), [
    ("audience", "RAPPORTARKIV_AUDIENCE", "false",
     "Målgruppen för bygget (RAPPORTARKIV_AUDIENCE) måste vara internal eller public, inte ”false”."),
    ("build_time", "RAPPORTARKIV_NOW", "0", "Byggets tidpunkt (RAPPORTARKIV_NOW) går inte att tolka: ”0”."),
    ("archival_copies", "RAPPORTARKIV_ARCHIVAL_COPIES", "ja",
     "Arkivkopiorna (RAPPORTARKIV_ARCHIVAL_COPIES) måste vara true eller false, inte ”ja”."),
])
def test_other_settings_stop_a_build_too(tmp_path: Path, key: str, variable: str, value: str, message: str) -> None:
    docs, _ = _draft_archive(tmp_path)
    result = build(docs, check=False, env={variable: value}, environment=(key,))
    assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr


# --- The site's name and the accessibility contact (issue #18) -------------------------------

def test_the_accessibility_contact_is_read_and_typed() -> None:
    got = settings.read_contact({"name": " Kommunikation ", "email": "tillganglighet@exempel.se"})
    assert got == settings.Contact(name="Kommunikation", email="tillganglighet@exempel.se")
    assert settings.read_contact(None) is None and settings.read_contact("") is None


@pytest.mark.parametrize(("value", "words"), [
    ({"name": "K", "email": "inte en adress"}, "går inte att använda"),
    ({"name": "K", "email": "a@b.se\"><script>"}, "går inte att använda"),
    ({"email": "a@b.se"}, "måste ha name"),
    ("kontakt@exempel.se", "måste ha name"),
])
def test_a_bad_accessibility_contact_is_refused_in_swedish(value: object, words: str) -> None:
    with pytest.raises(settings.OptionsError, match=words):
        settings.read_contact(value)


@pytest.mark.parametrize("name", ['Region" onmouseover="alert(1)', "Region <b>Exempel</b>", "Region\nExempel"])
def test_a_site_name_that_would_be_markup_is_refused(name: str) -> None:
    with pytest.raises(settings.OptionsError, match="site_name"):
        settings.site_name(name)
    assert settings.site_name("Region Exempel & Co: rapporter") == "Region Exempel & Co: rapporter"


@pytest.mark.slow
def test_a_bad_site_name_or_contact_stops_the_build_in_swedish(tmp_path: Path) -> None:
    docs = new_docs(tmp_path)
    failed = build(docs, check=False, rapportarkiv_contact={"name": "K", "email": "ingen"})
    assert failed.returncode != 0 and "rapportarkiv_contact.email" in failed.stderr and "Traceback" not in failed.stderr
    config = mkdocs_config(docs)
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: Rapportarkiv", 'site_name: Ond" x="1'),
                      encoding="utf-8")
    failed = subprocess.run([sys.executable, "-m", GENERATOR, "build", "-f", str(config), "-d", str(tmp_path / "s2")],
                            capture_output=True, text=True, env=base_env())
    assert failed.returncode != 0 and "site_name i mkdocs.yml" in failed.stderr and "Traceback" not in failed.stderr


@pytest.mark.parametrize(("value", "built", "served"), [
    ("", True, False),  # the default: the production build makes them, a preview server does not
    ("true", True, True), ("FALSE", False, False), ("on", True, True), ("no", False, False),
])
def test_archival_copies_as_documented(monkeypatch: pytest.MonkeyPatch, value: str, built: bool, served: bool) -> None:
    from mkdocs.utils.yaml import yaml_load

    monkeypatch.setenv("RAPPORTARKIV_ARCHIVAL_COPIES", value)
    extra = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]
    assert settings.read_archival_copies(extra["archival_copies"]) is built
    assert settings.read_archival_copies(extra["archival_copies"], serving=True) is served


@pytest.mark.parametrize("value", ["ja", "nej", "1", "0", "auto", "Sant"])
def test_archival_copies_refuse_anything_else(value: str) -> None:
    with pytest.raises(settings.OptionsError, match=r"RAPPORTARKIV_ARCHIVAL_COPIES\) måste vara true eller false"):
        settings.read_archival_copies(value)
