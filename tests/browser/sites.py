"""Built sites for tests that look at them as a reader or a validator does.

``build_sample`` builds the repository's own archive exactly as CI does
(``mkdocs build -f <repo>/mkdocs.yml``). ``build_test_archive`` builds the
archive of :mod:`testarchive` with the repository's theme, hooks and nav.
``serve`` puts a built site on a local port with a threaded ``http.server``,
answering unknown addresses with the site's 404 page as a static host does.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

import testarchive
from factory import GENERATOR

REPO = Path(__file__).resolve().parents[2]


class BuildError(AssertionError):
    pass


def mkdocs_build(config: Path, site: Path) -> None:
    # Without the archival copies (a second each, cold): tests/test_archival.py builds them.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "RAPPORTARKIV_ARCHIVAL_COPIES": "false"}
    result = subprocess.run(
        [sys.executable, "-m", GENERATOR, "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True, text=True, env=env,
    )
    if result.returncode != 0:
        raise BuildError(f"mkdocs build -f {config} failed:\n{result.stdout}\n{result.stderr}")


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's ``!ENV`` tags as their defaults."""


def _env_default(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [None]
    return values[-1] if len(values) > 1 else None


_EnvLoader.add_constructor("!ENV", _env_default)


def config_for(docs: Path, site_url: str, **extra: Any) -> Path:
    """The repository's mkdocs.yml for another docs folder: same theme, hooks and nav;
    ``extra`` entries replace those of the repository's ``extra``."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)  # noqa: S506 - a SafeLoader
    config.pop("INHERIT", None)
    config["docs_dir"] = str(docs)
    config["site_url"] = site_url
    config["hooks"] = [str(REPO / hook) for hook in config.get("hooks", [])]
    if "custom_dir" in config["theme"]:
        config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    config["extra"] = {**(config.get("extra") or {}), **extra}
    path = docs.parent / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_sample(site: Path) -> Path:
    mkdocs_build(REPO / "mkdocs.yml", site)
    return site


def build_test_archive(root: Path, site_url: str) -> Path:
    """Write the test archive under ``root`` and build it into ``root/site``."""
    docs = testarchive.write(root)
    site = root / "site"
    mkdocs_build(config_for(docs, site_url, rapportarkiv_contact=testarchive.CONTACT), site)
    return site


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
        ".json": "application/json", ".xml": "application/xml",
    }

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser closed a page while a file was on its way

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Served:
    """A built site on a local port."""

    root: Path
    server: http.server.ThreadingHTTPServer

    @property
    def origin(self) -> str:
        host, port = self.server.server_address[:2]
        assert isinstance(host, str)  # an IPv4 server, not a Unix socket
        return f"http://{host}:{port}"

    @property
    def netloc(self) -> str:
        return self.origin.removeprefix("http://")

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def pages(self) -> list[str]:
        """Every HTML page of the site, as paths relative to its root."""
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve(root: Path) -> Served:
    """Serve ``root`` (which may still be empty) on a free port of 127.0.0.1."""
    handler = functools.partial(_Handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Served(root, server)


# --- Built once per test run ---------------------------------------------------------
# The browser tests and the HTML check look at the same two builds; building each
# once per process keeps the suite fast. Servers are daemon threads that end with it.
_BUILT: dict[str, Served | BuildError] = {}


def _once(key: str, make: Any) -> Served:
    if key not in _BUILT:
        try:
            _BUILT[key] = make()
        except BuildError as err:
            _BUILT[key] = err
    built = _BUILT[key]
    if isinstance(built, BuildError):
        raise built
    return built


def sample_site(tmp: Path) -> Served:
    """The repository's archive, built as CI builds it (``tmp``: a fresh folder)."""
    return _once("sample", lambda: serve(build_sample(tmp / "site")))


def archive_site(tmp: Path) -> Served:
    """The archive of :mod:`testarchive`, with absolute links to its own server."""
    def make() -> Served:
        served = serve(tmp / "site")  # bound first, so the build knows its address
        build_test_archive(tmp, served.url())
        return served

    return _once("testarchive", make)


def both_sites(tmp_sample: Path, tmp_archive: Path) -> tuple[Served, Served]:
    """The sample and test archive sites, built side by side (each build is mostly one core)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        sample = pool.submit(sample_site, tmp_sample)
        archive = pool.submit(archive_site, tmp_archive)
        return sample.result(), archive.result()
