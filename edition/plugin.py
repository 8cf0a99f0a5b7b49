"""The MkDocs plugin ``edition``: generate a volume's pages at build time.

Glue only: it asks :mod:`edition.annotation` for each annotated edition, fails the build with
every problem the editions' checks find, and writes the pages of :mod:`edition.site.pages`
and the download files, with a copy of the hand-written ``docs/``, into a staging folder that
becomes MkDocs' ``docs_dir``, so ``mkdocs build`` and ``mkdocs serve`` alone build the whole
site. (mkdocs-static-i18n only localises files that lie in ``docs_dir``, so pages generated
in memory would be skipped.) It then builds each language version from the suffixed files
(``text.md``, ``text.zh-Hant.md``, ``text.zh-Hans.md``); its rebuilds per language reuse the
pages made once per build.

Three guarantees beyond MkDocs' own:

* Atomic output. ``mkdocs build`` empties ``site_dir`` and then writes into it, so a failed
  or killed build would destroy the previous site; the plugin points ``site_dir`` at a
  temporary folder beside it and swaps that in only when every language version is built.
* Independent builds. Each build stages into a folder of its own, so concurrent builds of the
  same checkout never share files.
* Safe pages. Every page's HTML is sanitised to an allowlist (``nh3``): no script, no event
  handler, no link that is not http(s), relative or an anchor, whatever a material holds.

Under ``mkdocs serve`` the plugin keeps its state between rebuilds (it has ``on_startup``, so
MkDocs keeps the instance), re-annotates only the editions whose materials changed, and
watches the editions and the hand-written docs instead of its own staging folder. MkDocs
makes a new Jinja environment for each build, and each language version is a build of its
own: the plugin gives every environment one cache of compiled templates, so the theme is
compiled once per process, not once per version and rebuild.

The editions are many objects that live as long as the build. While they are made, Python's
cyclic garbage collector runs less often, and once they are made they are frozen
(``gc.freeze``) until the build ends: no collection during MkDocs' build of the pages scans
them again. This halves the time spent collecting in a build of a volume.
"""

from __future__ import annotations

import gc
import glob
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from edition.annotation import Annotated, check_edition
from edition.errors import EditionError, Problem
from edition.glossary import Glossary, jieba_user_dict
from edition.materials import CONFIG_NAME
from edition.sanitise import sanitise
from edition.search import material_search, version_language
from edition.site.context import SiteEdition, site_edition
from edition.site.labels import EN, LANGUAGES
from edition.site.pages import (
    SitePage,
    Volume,
    edition_downloads,
    edition_pages,
    nav,
    volume_pages,
)

log = get_plugin_logger(__name__)

#: where each build stages its inputs (never its output), beside mkdocs.yml
CACHE = Path(".cache") / "edition"
#: edition folders (os.pathsep-separated) to build instead of the configured ones
FOLDERS_VARIABLE = "EDITION_FOLDERS"


class EditionConfig(base.Config):
    edition = c.Optional(c.Type(str))
    """One edition folder (with ``edition.yml``), relative to ``mkdocs.yml``."""
    editions = c.ListOfItems(c.Type(str), default=[])
    """The volume's edition folders, relative to ``mkdocs.yml``; glob patterns allowed."""


@dataclass
class _Cached:
    """One edition as last built: the state of its files then, what its check found, its
    site (under the URL prefix it was last staged with), and its pages and downloads (made
    once, when first staged)."""

    stamp: tuple[tuple[str, int], ...]
    annotated: Annotated
    problems: list[Problem]
    site: SiteEdition | None = None
    pages: list[SitePage] | None = None
    files: dict[str, str] | None = None

    def staged(self) -> tuple[list[SitePage], dict[str, str]]:
        """The edition's pages and download files, made on first use."""
        assert self.site is not None
        if self.pages is None or self.files is None:
            self.pages, self.files = edition_pages(self.site), edition_downloads(self.site)
        return self.pages, self.files


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory, by Jinja's key (template name and file); Jinja compares
    each with its template's source and compiles anew a template that changed."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class EditionPlugin(BasePlugin[EditionConfig]):
    def __init__(self) -> None:
        self._command: Literal["build", "gh-deploy", "serve"] = "build"
        self._cache: dict[str, _Cached] = {}
        self._docs: Path | None = None
        self._folders: list[Path] = []
        self._staging: Path | None = None
        self._stamp: tuple | None = None
        self._jieba = ""
        self._nav: list = []
        self._target: Path | None = None
        self._output: Path | None = None
        self._not_found: dict[str, str] = {}
        self._templates = _CompiledTemplates()

    def on_startup(self, *, command, dirty: bool) -> None:
        self._command = command

    # Before the search plugin (which loads jieba's user dictionary in its on_config) and
    # before mkdocs-static-i18n (which rebuilds the nav per language).
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("edition: the site's links need use_directory_urls: true")
        root = Path(config.config_file_path).parent
        docs = Path(config.docs_dir)
        if self._staging is None or docs.resolve() != self._staging.resolve():
            self._docs = docs  # not this plugin's staging folder from a language build
        chosen = os.environ.get(FOLDERS_VARIABLE)
        if chosen:  # `edition build --edition DIR`: these editions instead of the config's
            self._folders = _edition_folders(root, None, chosen.split(os.pathsep))
        else:
            self._folders = _edition_folders(root, self.config.edition, self.config.editions)
        stamp = (_inputs([self._docs]), tuple(_inputs([f]) for f in self._folders))
        if stamp != self._stamp or self._staging is None or not self._staging.is_dir():
            try:
                with _few_collections():
                    volume, entries = self._volume(config)
                    self._stage(root, volume, entries)
            except EditionError as exc:  # a material or a tool (the CSL processor) failed
                raise PluginError(f"edition: {exc}") from exc
            self._stamp = stamp
            if not config.nav:
                config.nav = nav(volume)
            self._nav = config.nav
        elif not config.nav:
            config.nav = self._nav
        config.docs_dir = str(self._staging)
        # The editions live as long as the build: the cyclic garbage collector need not scan
        # them again and again while MkDocs builds the pages (until _cleanup). The young
        # objects are collected first, so that no garbage is kept frozen.
        gc.collect(1)
        gc.freeze()
        search = material_search(config)
        if search is not None and hasattr(search.config, "jieba_dict_user"):
            search.config.jieba_dict_user = self._jieba
        if self._command != "serve" and self._target is None:
            # Build beside the target and swap it in at the end (on_post_build).
            self._target = Path(config.site_dir)
            try:
                self._target.parent.mkdir(parents=True, exist_ok=True)
                self._output = Path(
                    tempfile.mkdtemp(dir=self._target.parent, prefix=f".{self._target.name}-")
                )
            except OSError as exc:
                target, self._target = self._target, None
                raise PluginError(f"edition: cannot build into {target}: {exc.strerror}") from exc
            config.site_dir = str(self._output)
        return config

    def _volume(self, config: MkDocsConfig) -> tuple[Volume, list[_Cached]]:
        """Every edition annotated (anew only where its materials changed) and checked: the
        volume, and the cache entries of its editions, in its order."""
        single = len(self._folders) == 1
        entries: list[_Cached] = []
        problems: list[Problem] = []
        for folder in self._folders:
            # Named as the editor knows it: relative to where MkDocs runs, if inside it.
            relative = Path(os.path.relpath(folder))
            shown = folder if relative.parts[:1] == ("..",) else relative
            stamp = _inputs([folder])
            cached = self._cache.get(str(folder))
            if cached is None or cached.stamp != stamp:
                annotated, found = check_edition(shown)
                if annotated is None:
                    self._cache.pop(str(folder), None)
                    problems += found
                    continue
                cached = _Cached(stamp, annotated, found)
                self._cache[str(folder)] = cached
            # A volume's editions live under their ids, a site of one edition at its root:
            # an edition staged alone before is staged anew in a volume, and the reverse.
            prefix = "" if single else f"{cached.annotated.edition.id}/"
            if cached.site is None or cached.site.prefix != prefix:
                cached.site = site_edition(cached.annotated, prefix)
                cached.pages = cached.files = None
            problems += cached.problems
            entries.append(cached)
        # Editions no longer in the volume are forgotten.
        self._cache = {str(f): self._cache[str(f)] for f in self._folders if str(f) in self._cache}
        editions = [cached.site for cached in entries if cached.site is not None]
        for problem in problems:
            if problem.severity == "warning":
                log.info(str(problem))
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise PluginError(
                f"the edition check found {len(errors)} error(s):\n" + "\n".join(map(str, errors))
            )
        ids = [site.id for site in editions]
        if len(set(ids)) != len(ids):
            raise PluginError(f"edition: two editions share an id: {', '.join(ids)}")
        return Volume(tuple(editions), config.site_name, _version_names(config)), entries

    def _stage(self, root: Path, volume: Volume, entries: list[_Cached]) -> None:
        """The hand-written docs plus the generated pages and downloads, in a folder of this
        build's own (a serve session keeps one).

        Each edition's pages and downloads are made once per state of its files (under
        ``mkdocs serve``, an edit makes only the edited edition's anew), and only what changed
        is written, so under ``mkdocs serve --dirty`` MkDocs rebuilds only the pages of the
        editions that changed (it compares files' times).
        """
        assert self._docs is not None
        wanted: dict[Path, bytes] = {
            path.relative_to(self._docs): path.read_bytes()
            for path in sorted(self._docs.rglob("*"))
            if path.is_file()
        }
        pages, files = volume_pages(volume), {}
        for cached in entries:
            edition, offered = cached.staged()
            pages += edition
            files.update(offered)
        for page in pages:
            name = Path(page.src_uri)
            if name in wanted:
                raise PluginError(f"edition: docs/{page.src_uri} would hide a generated page")
            wanted[name] = page.markdown.encode("utf-8")
        for name, content in files.items():
            wanted[Path(name)] = content.encode("utf-8")
        terms = tuple(t for site in volume.editions for t in site.annotated.glossary.terms)
        dictionary = Path(".jieba-user-dict.txt")
        wanted[dictionary] = jieba_user_dict(Glossary(None, terms)).encode("utf-8")
        if self._staging is None or not self._staging.is_dir():
            (root / CACHE).mkdir(parents=True, exist_ok=True)
            self._staging = Path(tempfile.mkdtemp(dir=root / CACHE, prefix="docs-"))
        _synchronise(self._staging, wanted)
        self._jieba = str(self._staging / dictionary)

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files):
        env.bytecode_cache = self._templates
        return env

    @event_priority(100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        _check_versions(files)
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return sanitise(html)

    # After mkdocs-static-i18n (50), which sets the language selector's links for the page.
    @event_priority(0)
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        _relative_alternates(config, getattr(page.file, "alternates", {}))
        return context

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        if template_name == "404.html":  # no page: the selector leads to each version's home
            _relative_alternates(config, {})
        return context

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig):
        """Keep each language version's 404 page: MkDocs writes every version's to the same
        file at the site's root, so the last version built would answer for all."""
        if template_name == "404.html":
            self._not_found[version_language(config)] = output_content
        return output_content

    # After mkdocs-static-i18n (-100), which builds the other language versions in its
    # on_post_build: only then is the site complete.
    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if getattr(i18n, "building", False):
            return  # a language version built from inside mkdocs-static-i18n
        site = Path(config.site_dir)
        for lang, page in self._not_found.items():
            (site if lang == EN else site / lang).mkdir(parents=True, exist_ok=True)
            (site / ("" if lang == EN else lang) / "404.html").write_text(page, encoding="utf-8")
        self._not_found = {}
        if not config.site_url:
            # A sitemap lists absolute URLs: with no site_url there is none worth writing.
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                (site / name).unlink(missing_ok=True)
        if self._output is not None and self._target is not None:
            _swap(self._output, self._target)
            config.site_dir = str(self._target)
        self._cleanup(keep_staging=self._command == "serve")

    def on_build_error(self, *, error: Exception) -> None:
        self._cleanup(keep_staging=self._command == "serve")

    def on_shutdown(self) -> None:
        self._cleanup(keep_staging=False)

    def _cleanup(self, *, keep_staging: bool) -> None:
        gc.unfreeze()
        self._not_found = {}
        if self._output is not None and self._output.exists():
            shutil.rmtree(self._output, ignore_errors=True)
        self._output = self._target = None
        if not keep_staging and self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None
            self._stamp = None

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # MkDocs' LiveReloadServer
        # MkDocs watches docs_dir, which is the staging folder this plugin rewrites on every
        # build: watching it would rebuild forever. Watch the inputs instead.
        server.unwatch(config.docs_dir)
        if self._docs is not None:
            server.watch(str(self._docs))
        for folder in self._folders:
            server.watch(str(folder))
        return server


@contextmanager
def _few_collections() -> Iterator[None]:
    """The cyclic garbage collector run less often (its first threshold raised) for the
    length of the ``with``: making the editions allocates many objects that all live on,
    which each collection would scan again. The thresholds are restored after."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], _FEW_COLLECTIONS), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


#: The collector's first threshold while the editions are made (CPython's is 700).
_FEW_COLLECTIONS = 100_000


def _relative_alternates(config: MkDocsConfig, alternates: dict) -> None:
    """The language selector's links as site-relative paths (the same page in each version,
    or each version's home), which the theme makes relative to the page: root-absolute links
    (``/zh-Hant/``) would leave a site served under a sub-path, as GitHub Pages serves one."""
    # mkdocs-static-i18n sets them as an attribute of ``extra``, which templates read first.
    links = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
    for alternate in links:
        lang = alternate.get("lang")
        target = alternates.get(lang)
        if target is not None:
            alternate["link"] = target.url
        else:
            alternate["link"] = "" if lang == EN else f"{lang}/"


def _edition_folders(root: Path, edition: str | None, editions: list[str]) -> list[Path]:
    """The edition folders the plugin options name, in order, globs expanded (sorted)."""
    patterns = ([edition] if edition else []) + list(editions)
    if not patterns:
        raise PluginError(
            "edition: name the edition folder ('edition:') or the volume's ('editions:')"
        )
    folders: list[Path] = []
    for pattern in patterns:
        matches = sorted(glob.glob(str(root / pattern)))
        found = [Path(m) for m in matches if (Path(m) / CONFIG_NAME).is_file()]
        if not found:
            raise PluginError(
                f"edition: no edition folder (with {CONFIG_NAME}) matches {pattern!r}"
            )
        folders += [f for f in found if f not in folders]
    return folders


def _inputs(folders: list[Path]) -> tuple[tuple[str, int], ...]:
    """Modification times of every file under ``folders``: a change means building anew."""
    return tuple(
        (str(path), path.stat().st_mtime_ns)
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )


def _synchronise(folder: Path, wanted: dict[Path, bytes]) -> None:
    """Make ``folder`` hold exactly ``wanted`` (relative path -> content), writing only the
    files whose content differs and removing the rest."""
    for path in sorted(folder.rglob("*"), reverse=True):
        relative = path.relative_to(folder)
        if path.is_file() and relative not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    made: set[Path] = set()  # folders known to exist
    for relative, content in wanted.items():
        target = folder / relative
        if target.is_file() and target.read_bytes() == content:
            continue
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(content)


def _swap(built: Path, target: Path) -> None:
    """Put the finished site ``built`` in the place of ``target`` (two renames)."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-old-"))
        old.rmdir()
        target.rename(old)
    built.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


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


def _version_names(config: MkDocsConfig) -> dict[str, str]:
    """The site's name in each language version that names it otherwise (mkdocs-static-i18n's
    ``site_name`` of a language), by language tag."""
    i18n = config.plugins.get("i18n")
    languages = getattr(getattr(i18n, "config", None), "languages", None) or []
    return {language.locale: language.site_name for language in languages if language.site_name}
