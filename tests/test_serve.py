"""``mkdocs serve`` settles: one rebuild per edit, the new text served, two builds alike."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sitebuild import ROOT

pytestmark = pytest.mark.build

SPECIMEN = ROOT / "texts" / "specimen-zh"
VERSIONS = ["", "zh-Hant/", "zh-Hans/"]


def _project(tmp_path: Path) -> Path:
    """A copy of the project's site configuration around a copy of one edition."""
    shutil.copytree(SPECIMEN, tmp_path / "texts" / "specimen-zh")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path / "mkdocs.yml"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait(condition, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _search_documents(url: str) -> list[tuple[str, str]]:
    """(location, text) of every document of the search index at ``url``."""
    return [(d["location"], d["text"]) for d in json.loads(_get(url))["docs"]]


# `make serve` serves with --dirty (and so --no-strict, MkDocs warning of a dirty build): a
# rebuild builds only the pages that changed.
@pytest.mark.parametrize(
    "options", [[], ["--dirty", "--no-strict"]], ids=["serve", "serve --dirty"]
)
def test_an_edit_rebuilds_once_and_is_served(tmp_path: Path, options: list[str]) -> None:
    config = _project(tmp_path)
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    command = ["serve", *options, "-f", str(config), "-a", f"127.0.0.1:{port}"]
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", *command],
            cwd=tmp_path,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        glossary_page = f"http://127.0.0.1:{port}/glossary/"

        def served(text: str) -> bool:
            try:
                return text in _get(glossary_page)
            except OSError:
                return False

        assert _wait(lambda: served("Ties between acquaintances"), 120), log.read_text()
        indexes = [f"http://127.0.0.1:{port}/{v}search/search_index.json" for v in VERSIONS]
        first = [_search_documents(url) for url in indexes]
        glossary = tmp_path / "texts" / "specimen-zh" / "glossary.yml"
        for old, new in [("Ties between", "Links between"), ("Links between", "Bonds between")]:
            glossary.write_text(
                glossary.read_text(encoding="utf-8").replace(old, new), encoding="utf-8"
            )
            assert _wait(lambda new=new: served(f"{new} acquaintances"), 60), log.read_text()
        time.sleep(8)  # a rebuild loop would have started over by now
        builds = log.read_text().count("Building documentation...")
        assert builds == 3, log.read_text()
        # Every version's index holds each section once, the edited one as it is now.
        for url, before in zip(indexes, first, strict=True):
            after = _search_documents(url)
            assert [where for where, _ in after] == [where for where, _ in before]
            assert not any("Ties between" in t or "Links between" in t for _, t in after)
        english = " ".join(text for _, text in _search_documents(indexes[0]))
        assert english.count("Bonds between acquaintances") == 1
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C, as an editor stops it
        server.wait(timeout=30)
    assert not list((tmp_path / ".cache" / "edition").glob("docs-*"))


def test_two_builds_are_byte_identical_wherever_they_run(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    env.pop("SITE_URL", None)
    first = tmp_path / "first"
    subprocess.run(
        [sys.executable, "-m", "edition.cli", "build", "-d", str(first)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    second = tmp_path / "second"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "edition.cli",
            "build",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(second),
        ],
        cwd=elsewhere,
        env=env,
        check=True,
        capture_output=True,
    )
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
    assert not any(str(ROOT) in (first / f).read_text("utf-8", "replace") for f in files)


def test_a_rebuild_makes_anew_only_the_pages_of_the_edition_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Under serve the plugin instance lives across rebuilds, and MkDocs loads the config
    # anew for each: an edit to one edition of a volume must not remake the others' pages.
    from mkdocs.config import load_config

    from edition import plugin

    config_file = _project(tmp_path)
    second = tmp_path / "texts" / "second"
    shutil.copytree(SPECIMEN, second)
    edition_yml = second / "edition.yml"
    edition_yml.write_text(
        edition_yml.read_text(encoding="utf-8").replace("id: specimen-zh", "id: second"), "utf-8"
    )
    made: list[str] = []

    def counted(site):
        made.append(site.id)
        return plugin_pages(site)

    plugin_pages = plugin.edition_pages
    monkeypatch.setattr(plugin, "edition_pages", counted)
    monkeypatch.chdir(tmp_path)
    instance = plugin.EditionPlugin()
    instance.load_config({"editions": ["texts/*"]})
    instance.on_startup(command="serve", dirty=True)

    def rebuild() -> Path:
        config = load_config(str(config_file))
        instance.on_config(config)
        return Path(config.docs_dir)

    staging = rebuild()
    assert sorted(made) == ["second", "specimen-zh"]
    assert (staging / "second" / "glossary.md").is_file()
    glossary = second / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("Ties between", "Links between"), "utf-8"
    )
    assert rebuild() == staging
    assert sorted(made) == ["second", "second", "specimen-zh"]
    assert "Links between" in (staging / "second" / "glossary.md").read_text(encoding="utf-8")
    assert "Links between" not in (staging / "specimen-zh" / "glossary.md").read_text("utf-8")
    # An edition left alone in the site moves to its root: its pages are made anew there.
    shutil.rmtree(second)
    rebuild()
    assert made[-1] == "specimen-zh" and (staging / "glossary.md").is_file()
    assert not (staging / "specimen-zh").exists()
    instance.on_shutdown()
