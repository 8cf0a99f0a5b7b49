"""Search per language version, with Chinese segmented as well in Traditional as in Simplified.

Material's search plugin writes one index for the whole site (mkdocs-static-i18n adds every
language version to it) and segments Chinese with jieba, whose dictionary is Simplified: a
Traditional page is cut into pieces (基礎|設施, 參考|文獻) that a query of the whole word does
not find, and every query lists all three versions mixed. This plugin runs after both and
rewrites the index:

* each language version gets its own index (``zh-Hant/search/search_index.json``…, the
  English one stays at the root) and its pages load it: their ``__config`` ``base``, which
  Material's search resolves the index and the results against, points at the version's
  root;
* Chinese titles and texts are segmented anew, Traditional through its Simplified shadow
  (:func:`edition.glossary.shadow`, character for character) so both scripts are cut at the
  same places, with the glossary's forms as words (Material's ``jieba_dict_user``);
* a field ``words`` that Material indexes but never shows holds each section's words in both
  scripts and the words inside them (jieba's search mode: 團購 inside 社區團購), so a query in
  either script finds both forms and sub-words of compounds are found.

Configure it after ``search`` and ``i18n`` in ``mkdocs.yml`` (``- edition-search``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

from edition.conversion import ZH_HANS, ZH_HANT, opencc_converter
from edition.glossary import segmenter, shadow
from edition.script import HAN_CLASS

LANGUAGES = (ZH_HANT, ZH_HANS)
#: The hidden field: indexed by Material (it indexes every field of the config) but not shown.
WORDS = "words"
_HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
_CONFIG = re.compile(r'(<script id="__config" type="application/json">\{.*?"base": ")([^"]*)(")')


class SearchSegmenter:
    """jieba with jieba's dictionary and ``words`` (the glossary's forms) as words."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.tokenizer = segmenter()
        for word in sorted(set(words), key=len):
            frequency = self.tokenizer.suggest_freq(word, tune=False)
            self.tokenizer.add_word(word, max(frequency, self.tokenizer.FREQ.get(word, 0)))

    def segment(self, text: str) -> str:
        """``text`` with its runs of Han characters cut into words by U+200B (as Material
        joins them); Traditional is cut where its Simplified shadow is."""
        text = text.replace("\u200b", "")
        return _HAN_RUN.sub(lambda run: "\u200b".join(self._words(run[0])), text).strip("\u200b")

    def words(self, text: str) -> list[str]:
        """Every word of ``text``'s Han runs and the words inside them (jieba's search mode),
        in the script of ``text`` and in the other script, without repeats."""
        found: dict[str, None] = {}
        to_hant = opencc_converter("s2hk")
        for run in _HAN_RUN.findall(text.replace("\u200b", "")):
            simplified = shadow(run)
            for _, start, end in self.tokenizer.tokenize(simplified, mode="search"):
                for form in (run[start:end], simplified[start:end]):
                    found[form] = None
                    found[to_hant.convert(form)] = None
        return list(found)

    def _words(self, run: str) -> Iterator[str]:
        simplified = shadow(run)
        for _, start, end in self.tokenizer.tokenize(simplified, HMM=False):
            yield run[start:end]


def split_index(index: dict[str, Any], segmenter: SearchSegmenter) -> dict[str, dict[str, Any]]:
    """One index per language version from Material's combined one.

    ``index`` is the parsed ``search_index.json`` (``config`` and ``docs`` with
    ``location`` relative to the site root). Returns ``{"": English, "zh-Hant": …,
    "zh-Hans": …}``, each with locations relative to its version's root and, for Chinese,
    titles and texts segmented anew and the hidden ``words`` field.
    """
    config = dict(index["config"])
    split: dict[str, list[dict[str, Any]]] = {"": [], **{lang: [] for lang in LANGUAGES}}
    for doc in index["docs"]:
        lang = next((lang for lang in LANGUAGES if doc["location"].startswith(f"{lang}/")), "")
        if not lang:
            split[""].append(doc)
            continue
        doc = dict(doc, location=doc["location"].removeprefix(f"{lang}/"))
        doc["title"] = segmenter.segment(doc["title"])
        doc["text"] = segmenter.segment(doc["text"])
        doc[WORDS] = "\u200b".join(segmenter.words(f"{doc['title']} {doc['text']}"))
        split[lang].append(doc)
    chinese = dict(config, fields={**config["fields"], WORDS: {"boost": 1.0}})
    return {
        lang: {"config": chinese if lang else config, "docs": docs} for lang, docs in split.items()
    }


def localise_base(html: str, lang: str) -> str:
    """A page of version ``lang`` whose Material ``__config`` points ``base`` (the site
    root, relative to the page) at the version's root, where its search index is. A page
    already pointed there is returned as it is."""

    def point(match: re.Match[str]) -> str:
        base = match[2].rstrip("/") or "."
        if base == lang or base.endswith(f"/{lang}"):
            return match[0]
        return f"{match[1]}{base}/{lang}/{match[3]}"  # a folder: URLs resolve inside it

    return _CONFIG.sub(point, html, count=1)


class EditionSearchPlugin(BasePlugin):
    """The MkDocs plugin ``edition-search``: one search index per language version."""

    # After Material's search and mkdocs-static-i18n, which write the combined index in their
    # own on_post_build (i18n builds the other versions there).
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if getattr(i18n, "building", False):
            return  # a language version built from inside mkdocs-static-i18n: not the end yet
        site = Path(config.site_dir)
        path = site / "search" / "search_index.json"
        if not path.is_file():
            return
        search = config.plugins.get("material/search") or config.plugins.get("search")
        words = _user_words(getattr(search.config, "jieba_dict_user", None) if search else None)
        indexes = split_index(json.loads(path.read_text(encoding="utf-8")), SearchSegmenter(words))
        for lang, index in indexes.items():
            target = site / lang / "search" / "search_index.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
            if lang:
                for page in (site / lang).rglob("*.html"):
                    html = page.read_text(encoding="utf-8")
                    page.write_text(localise_base(html, lang), encoding="utf-8")


def _user_words(path: str | None) -> list[str]:
    """The words of a jieba user dictionary (``word [freq] [tag]`` per line)."""
    if not path or not Path(path).is_file():
        return []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip()]
