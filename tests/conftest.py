"""Shared fixtures: the built site (built once per test session) and a server for it."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitebuild import ROOT, SUBPATH, build_site

#: Debian's chromium by default; CHROMIUM names another Chromium-based browser (CI runners).
CHROMIUM = (
    os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: a missing page answers the site's 404.html."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / SUBPATH.strip("/") / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def _server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A server on a free port of 127.0.0.1 for the session, and the folder it serves."""
    root = tmp_path_factory.mktemp("pages")
    handler = functools.partial(_PagesHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def built_site(_server: tuple[Path, str]) -> Iterator[Path]:
    """The volume's site, built from mkdocs.yml as CI builds it for GitHub Pages: with the
    address it is served at (``SITE_URL``) under a sub-path."""
    root, address = _server
    previous = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = f"{address}{SUBPATH}"
    try:
        yield build_site(ROOT / "mkdocs.yml", root / SUBPATH.strip("/"))
    finally:
        if previous is None:
            os.environ.pop("SITE_URL", None)
        else:
            os.environ["SITE_URL"] = previous


@pytest.fixture(scope="session")
def site_url(built_site: Path, _server: tuple[Path, str]) -> str:
    """The address of the built site: the server's, under the sub-path."""
    return f"{_server[1]}{SUBPATH.rstrip('/')}"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A real headless Debian Chromium driven by Playwright (skipped only outside CI)."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; CI must run the browser tests")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()
