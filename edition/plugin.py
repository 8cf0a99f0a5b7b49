"""The MkDocs plugin ``edition``: generate the edition's pages at build time.

Glue only: it asks :mod:`edition.annotation` for the annotated edition, fails the build when
the edition's check fails, and writes the pages of :mod:`edition.site.pages` and the download
files, with a copy of the hand-written ``docs/``, into a staging folder that becomes MkDocs'
``docs_dir``, so ``mkdocs build`` and ``mkdocs serve`` alone build the whole site.
(mkdocs-static-i18n only localises files that lie in ``docs_dir``, so pages generated in
memory would be skipped.) It then builds each language version from the suffixed files
(``text.md``, ``text.zh-Hant.md``, ``text.zh-Hans.md``); its rebuilds per language reuse the
pages made once per build.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from edition.annotation import annotate, check
from edition.errors import EditionError
from edition.glossary import jieba_user_dict
from edition.output import write_atomic
from edition.site.labels import EN, LANGUAGES
from edition.site.pages import PAGES, SitePage, build_pages, downloads, site_data

log = get_plugin_logger(__name__)

#: where generated build inputs (not site output) are kept, beside mkdocs.yml
CACHE = Path(".cache") / "edition"


class EditionConfig(base.Config):
    edition = c.Type(str)
    """The edition folder (with ``edition.yml``), relative to ``mkdocs.yml``."""


class EditionPlugin(BasePlugin[EditionConfig]):
    def __init__(self) -> None:
        self._stamp: tuple[tuple[str, int], ...] | None = None
        self._pages: list[SitePage] = []
        self._downloads: dict[str, str] = {}
        self._folder = Path()
        self._docs: Path | None = None
        self._jieba = ""

    def _inputs(self) -> tuple[tuple[str, int], ...]:
        """Modification times of the edition's and the docs' files: a change means building anew.

        mkdocs-static-i18n calls ``on_config`` once per language; with nothing changed, the
        pages made and staged for the first language serve the others.
        """
        folders = (self._folder, self._docs) if self._docs is not None else (self._folder,)
        return tuple(
            (str(path), path.stat().st_mtime_ns)
            for folder in folders
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        )

    # Before the search plugin (which loads jieba's user dictionary in its on_config) and
    # before mkdocs-static-i18n (which rebuilds the nav per language).
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        # Relative to where MkDocs runs, so that messages name files as the editor knows them.
        self._folder = Path(os.path.relpath(root / self.config.edition))
        if self._docs is None:
            self._docs = Path(config.docs_dir)
        staging = root / CACHE / "docs"
        stamp = self._inputs()
        if stamp != self._stamp or not staging.is_dir():
            self._build(root)
            self._stage(staging)
            self._stamp = stamp
        config.docs_dir = str(staging)
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is not None and hasattr(search.config, "jieba_dict_user"):
            search.config.jieba_dict_user = self._jieba
        if not config.nav:
            config.nav = [f"{name}.md" for name in PAGES]
        return config

    def _stage(self, staging: Path) -> None:
        """The hand-written docs plus the generated pages and downloads, in one folder."""
        if staging.exists():
            shutil.rmtree(staging)
        shutil.copytree(self._docs, staging)
        for page in self._pages:
            target = staging / page.src_uri
            if target.exists():
                raise PluginError(f"edition: docs/{page.src_uri} would hide a generated page")
            target.write_text(page.markdown, encoding="utf-8")
        for name, content in self._downloads.items():
            (staging / "downloads").mkdir(exist_ok=True)
            (staging / "downloads" / name).write_text(content, encoding="utf-8")

    def _build(self, root: Path) -> None:
        try:
            annotated = annotate(self._folder)
            problems = check(annotated)
        except EditionError as exc:
            raise PluginError(f"edition: {exc}") from exc
        for problem in problems:
            if problem.severity == "warning":
                log.info(str(problem))
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise PluginError("edition check failed:\n" + "\n".join(map(str, errors)))
        site = site_data(annotated)
        self._pages = build_pages(site)
        self._downloads = downloads(site)
        dictionary = root / CACHE / "jieba-user-dict.txt"
        write_atomic(dictionary, jieba_user_dict(annotated.glossary))
        self._jieba = str(dictionary)

    @event_priority(100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        _check_versions(files)
        return files

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # MkDocs' LiveReloadServer
        server.watch(str(self._folder))
        if self._docs is not None:
            server.watch(str(self._docs))
        return server


def _check_versions(files: Files) -> None:
    """Every page must exist in every language version: i18n would silently fall back."""
    names: dict[str, set[str]] = {}
    for file in files.documentation_pages():
        stem = file.src_uri.removesuffix(".md")
        lang = EN
        for candidate in LANGUAGES[1:]:
            if stem.endswith(f".{candidate}"):
                stem, lang = stem.removesuffix(f".{candidate}"), candidate
        names.setdefault(stem, set()).add(lang)
    missing = [
        f"{stem}: no {', '.join(sorted(set(LANGUAGES) - langs))} version"
        for stem, langs in sorted(names.items())
        if set(LANGUAGES) - langs
    ]
    if missing:
        raise PluginError("edition: pages missing from a language version:\n" + "\n".join(missing))
