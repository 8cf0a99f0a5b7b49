"""Search per language version, any Chinese string of the text found as typed, in either script.

Material's search plugin writes one index for the whole site (mkdocs-static-i18n adds every
language version to it) and segments Chinese with jieba, whose dictionary is Simplified: a
Traditional text is cut into wrong pieces (鄰里關|係, 為示|範而設) and every query lists all
three versions mixed. This plugin runs after both and rewrites the index: each language
version gets its own index (``zh-Hant/search/search_index.json``…, the English one stays at
the root) and its pages load it (their ``__config`` ``base``, which Material's search
resolves the index and the results against, points at the version's root).

How Material's search worker reads a Chinese query (``search()`` and ``segment()`` of its
``integrations/search``; observed in Chromium, ``tests/test_browser.py``):

1. Each run of Han script (``\\p{sc=Han}``) in the query is cut with the keys of the whole
   index (every token of every field): at each position the longest key that starts there
   and ends **before the run's last character** is taken. A run none of whose proper
   prefixes is a key is searched whole; any other loses its last character (关系 → 关, when
   关 is a key), and a run with keys inside it is cut in several overlapping pieces.
2. Each piece is searched as a prefix (``piece*``), the pieces OR-ed.
3. Every piece but the last is shown as "Missing" on every result, found or not (its query
   term keeps a ``*`` no index term starts with): a query cut in two always says
   "Missing: 屋苑*".

So the index is made for that cut (nothing changes on the client):

* Titles and texts are segmented anew (Material's index keeps them as written: its own cut
  would be thrown away), Traditional through its Simplified shadow
  (:func:`edition.glossary.shadow`), the glossary's forms as words; a word of one character
  is followed by :data:`END`, an invisible character no query holds, so that it never cuts a
  query (关系 stays 关系).
* Hidden fields, indexed and never shown, hold for the title (:data:`TITLE_WORDS`, with the
  title's boost) and the text (:data:`WORDS`) keys that every string of up to
  :data:`LONGEST` Han characters of them begins (:meth:`SearchSegmenter.substring_keys`), in
  the text's script, in Simplified and in the Traditional variants, each followed by
  :data:`MARK` so that none cuts a query: a query kept whole finds exactly the sections that
  hold it, a word jieba knows or not (屋苑), a name, part of a word, a phrase.
* A third hidden field, :data:`CUTS`, holds once per index the keys that cut queries
  (:meth:`SearchSegmenter.cut_spans`): the words of the text, and without their last
  character the longer words and the phrases of up to :data:`PHRASE` words. A phrase of
  the text (屋苑群組) is then cut into one piece, itself short of its last character
  (屋苑群*), and found exactly, with nothing "missing"; words typed together that stand
  apart in the text are cut into words and OR-ed, as Material does with English words (a
  last word of two characters is dropped by step 1).

Configure it after ``search`` and ``i18n`` in ``mkdocs.yml`` (``- edition-search``).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

from edition.conversion import ZH_HANS, ZH_HANT, convert, opencc_converter
from edition.glossary import segmenter, shadow

LANGUAGES = (ZH_HANT, ZH_HANS)
#: The hidden fields: Material indexes every field of the config and shows only its own.
WORDS = "words"
TITLE_WORDS = "title_words"
CUTS = "cuts"
#: The boost of :data:`CUTS`. Its keys are stored once per index, on the first section that
#: has them, and must not rank that section above the others: lunr rounds a term's weight
#: to three decimals, so this boost weighs nothing (lunr reads a boost of 0 as 1).
CUTS_BOOST = 1e-9
#: What Material joins segmented words with (the search separator must include it).
SEPARATOR = "\u200b"
#: What follows a word of one character in titles and texts: ZERO WIDTH NON-JOINER, not in
#: the separator, invisible, outside the Han script (so never part of what the cut reads).
END = "\u200c"
#: What follows every key of :data:`WORDS` and :data:`TITLE_WORDS`: like :data:`END` any
#: character outside the Han script and the separator would do; these are never shown.
MARK = "_"
#: What joins the keys of the hidden fields (in the separator; one byte).
KEY_SEPARATOR = " "
#: The longest string of Han characters found whole, in characters; a query longer than
#: that and any key of the cut are cut in pieces of at most this length.
LONGEST = 6
#: The most words of the text (jieba's default cut) that a key of the cut spans.
PHRASE = 4
#: The Han script as the worker's ``\\p{sc=Han}`` reads it (Unicode Scripts.txt, Script=Han:
#: radicals, 々, 〇, Hangzhou numerals, the ideographs with their extensions and
#: compatibility forms), with the unassigned code points of those blocks.
HAN_SCRIPT = (
    "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\U00016fe2\U00016fe3\U00016ff0-\U00016fff\U00020000-\U0003ffff"
)
_HAN_RUN = re.compile(f"[{HAN_SCRIPT}]+")
_TAG = re.compile(r"<[^>]*>")
#: Brackets and quotation marks (Unicode Ps, Pe, Pi, Pf; not U+2019, the apostrophe) that
#: the separator lacks: what follows one is a token of its own (「bridging, “online).
_MARKS = "".join(
    c
    for c in map(chr, range(0x10000))
    if unicodedata.category(c) in ("Ps", "Pe", "Pi", "Pf") and c not in "()（）\u2019"
)
#: Such a mark with a word right after it: the separator goes after the mark.
_MARK_BEFORE_WORD = re.compile(f"[{re.escape(_MARKS)}](?=[^\\s{SEPARATOR}<])")
#: The Traditional variants a run is also indexed in, from its Simplified form (OpenCC).
_TRADITIONAL = ("s2hk", "s2tw")
_CONFIG = re.compile(r'(<script id="__config" type="application/json">\{.*?"base": ")([^"]*)(")')


@dataclass(frozen=True)
class Section:
    """What the index holds for one section (a search document): its title and text
    segmented (:meth:`SearchSegmenter.segment`), the keys of its hidden fields
    (:meth:`SearchSegmenter.substring_keys`, joined by :data:`KEY_SEPARATOR`; empty where it
    has no Han script) and its keys of the cut (:meth:`SearchSegmenter.cut_keys`)."""

    title: str
    text: str
    title_words: str
    words: str
    cuts: tuple[str, ...]


class SearchSegmenter:
    """jieba with jieba's dictionary and ``words`` (the glossary's forms) as words."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.tokenizer = segmenter()
        # Per Han run: its words and the spans of its keys of the cut (a volume repeats many).
        self._words: dict[str, list[str]] = {}
        self._spans: dict[str, list[tuple[int, int]]] = {}
        # Per section (by a digest of its title and text): what the last index and this one
        # hold, so that an index rebuilt after an edit analyses only the sections it changed.
        self._sections: dict[bytes, Section] = {}
        self._used: dict[bytes, Section] = {}
        for word in sorted(set(words), key=len):
            frequency = self.tokenizer.suggest_freq(word, tune=False)
            self.tokenizer.add_word(word, max(frequency, self.tokenizer.FREQ.get(word, 0)))

    def segment(self, text: str) -> str:
        """``text`` (HTML or plain) with its Han runs cut into words joined by U+200B (as
        Material joins them), a word of one character followed by :data:`END`, and U+200B
        after a bracket or quotation mark; Traditional is cut where its Simplified shadow
        is. A word of two characters or more is a key of the cut anyway
        (:meth:`cut_spans`). Segmenting twice gives the same text."""
        text = text.replace(SEPARATOR, "").replace(END, "")
        text = _HAN_RUN.sub(lambda run: SEPARATOR.join(self.words(run[0])), text)
        return _MARK_BEFORE_WORD.sub(f"\\g<0>{SEPARATOR}", text)

    def section(self, title: str, text: str) -> Section:
        """The :class:`Section` of a search document with ``title`` and ``text`` (HTML or
        plain), analysed once per index in which it occurs (see :meth:`forget_unused`)."""
        key = hashlib.blake2b(f"{title}\0{text}".encode(), digest_size=16).digest()
        found = self._used.get(key) or self._sections.get(key)
        if found is None:
            title_runs, text_runs = _runs(title), _runs(text)
            found = Section(
                self.segment(title),
                self.segment(text),
                KEY_SEPARATOR.join(_substring_keys(title_runs)),
                KEY_SEPARATOR.join(_substring_keys(text_runs)),
                tuple(self._cut_keys([*title_runs, *text_runs])),
            )
        self._used[key] = found
        return found

    def forget_unused(self) -> None:
        """Keep only the sections asked for since the last call: those of the index just
        made, which the next one (after an edit) mostly repeats."""
        self._sections, self._used = self._used, {}

    def substring_keys(self, text: str) -> list[str]:
        """Keys that every string of at most :data:`LONGEST` Han characters of ``text``
        (HTML or plain) begins, in each form of its run (:func:`forms`): each suffix of each
        run cut to :data:`LONGEST` characters and followed by :data:`MARK`, but those that
        another key begins with. Sorted."""
        return _substring_keys(_runs(text))

    def cut_keys(self, text: str) -> list[str]:
        """The keys of the cut (:meth:`cut_spans`) of each Han run of ``text`` (HTML or
        plain), in each form of the run (:func:`forms`); in order, without repeats."""
        return self._cut_keys(_runs(text))

    def _cut_keys(self, runs: list[str]) -> list[str]:
        found: dict[str, None] = {}
        for run in runs:
            variants = forms(run)
            for start, end in self.cut_spans(run):
                found.update(dict.fromkeys(form[start:end] for form in variants))
        return list(found)

    def cut_spans(self, run: str) -> list[tuple[int, int]]:
        """Spans (character offsets into ``run``, a Han run) of the keys that cut a query:
        the words of two characters or more as jieba cuts the Simplified shadow of ``run``
        (default and search modes, and with its HMM, which guesses the words its dictionary
        lacks: 屋苑); and, without their last character, the words of three characters or
        more and the phrases of two to :data:`PHRASE` words of the default cut: Material's
        cut keeps the longest key a query starts with short of its last character, so a
        phrase of the text becomes one piece. Two to :data:`LONGEST` characters; sorted."""
        if run in self._spans:
            return self._spans[run]
        simplified = shadow(run)
        cut = [(start, end) for _, start, end in self.tokenizer.tokenize(simplified, HMM=False)]
        words = set(cut)
        for hmm, mode in ((False, "search"), (True, "default")):
            words.update((s, e) for _, s, e in self.tokenizer.tokenize(simplified, mode, hmm))
        phrases = {
            (start, cut[last][1])
            for first, (start, _) in enumerate(cut)
            for last in range(first + 1, min(first + PHRASE, len(cut)))
        }
        short = {(start, end - 1) for start, end in words | phrases if end - start >= 3}
        spans = self._spans[run] = sorted((s, e) for s, e in words | short if 2 <= e - s <= LONGEST)
        return spans

    def words(self, run: str) -> list[str]:
        """The words of ``run`` (a Han run) as jieba cuts its Simplified shadow (default
        mode, no HMM), a word of one character followed by :data:`END`."""
        if run not in self._words:
            self._words[run] = [
                run[start:end] + (END if end - start == 1 else "")
                for _, start, end in self.tokenizer.tokenize(shadow(run), HMM=False)
            ]
        return self._words[run]


@lru_cache(maxsize=1 << 16)
def forms(run: str) -> tuple[str, ...]:
    """``run`` (Han characters) as written, in Unicode NFC (compatibility ideographs are
    typed as the unified ones), in Simplified as OpenCC writes it character for character
    (:func:`edition.glossary.shadow`) and as the site's zh-Hans version does
    (:func:`edition.conversion.convert` with the toolkit's defaults: 甚麼 is 什么), and in
    Traditional from OpenCC's Simplified: by ``s2hk`` and ``s2tw`` (裏, 裡; 發佈) and
    character by character by ``s2t`` (發布, as Traditional texts also write it). Only forms
    as long as ``run``, so that offsets into ``run`` are offsets into each; in that order,
    without repeats."""
    normal = unicodedata.normalize("NFC", run)
    simplified = shadow(normal)
    variants = [opencc_converter(config).convert(simplified) for config in _TRADITIONAL]
    variants.append("".join(map(_traditional_character, simplified)))
    site = convert(normal, ZH_HANS, punctuation=False)
    candidates = dict.fromkeys([run, normal, simplified, site, *variants])
    return tuple(form for form in candidates if len(form) == len(run))


def split_index(index: dict[str, Any], segmenter: SearchSegmenter) -> dict[str, dict[str, Any]]:
    """One index per language version from Material's combined one.

    ``index`` is the parsed ``search_index.json`` (``config`` and ``docs`` with
    ``location`` relative to the site root). Returns ``{"": English, "zh-Hant": …,
    "zh-Hans": …}``, each with locations relative to its version's root, titles and texts
    segmented anew (:meth:`SearchSegmenter.segment`), where they hold Han script the hidden
    fields :data:`TITLE_WORDS` and :data:`WORDS` (:meth:`SearchSegmenter.substring_keys`),
    and :data:`CUTS` on the first section that has a key of the cut
    (:meth:`SearchSegmenter.cut_keys`). The config of each gains the three fields.
    """
    config = dict(index["config"])
    fields = config["fields"]
    config["fields"] = {
        **fields,
        TITLE_WORDS: {"boost": fields.get("title", {}).get("boost", 1.0)},
        WORDS: {"boost": 1.0},
        CUTS: {"boost": CUTS_BOOST},
    }
    split: dict[str, list[dict[str, Any]]] = {"": [], **{lang: [] for lang in LANGUAGES}}
    cut_keys: dict[str, set[str]] = {lang: set() for lang in split}
    for doc in index["docs"]:
        lang = next((lang for lang in LANGUAGES if doc["location"].startswith(f"{lang}/")), "")
        doc = dict(doc, location=doc["location"].removeprefix(f"{lang}/"))
        section = segmenter.section(doc.get("title", ""), doc.get("text", ""))
        # The cut reads the keys of the whole index: each once per index is enough.
        known = cut_keys[lang]
        cuts = [key for key in section.cuts if key not in known]
        known.update(cuts)
        for field, shown, hidden, keys in (
            ("title", section.title, TITLE_WORDS, section.title_words),
            ("text", section.text, WORDS, section.words),
        ):
            if keys:
                doc[hidden] = keys
            if field in doc:
                doc[field] = shown
        if cuts:
            doc[CUTS] = KEY_SEPARATOR.join(cuts)
        split[lang].append(doc)
    segmenter.forget_unused()
    return {lang: {"config": config, "docs": docs} for lang, docs in split.items()}


def localise_base(html: str, lang: str) -> str:
    """A page of version ``lang`` whose Material ``__config`` points ``base`` (the site
    root, relative to the page) at the version's root, where its search index is. A page
    already pointed there is returned as it is."""

    def point(match: re.Match[str]) -> str:
        base = match[2].rstrip("/") or "."
        if base == lang or base.endswith(f"/{lang}"):
            return match[0]
        return f"{match[1]}{base}/{lang}/{match[3]}"  # a folder: URLs resolve inside it

    # Material writes its config once, near the end of the page: find it before the pattern
    # reads the page.
    start = html.find('<script id="__config"')
    if start < 0:
        return html
    return html[:start] + _CONFIG.sub(point, html[start:], count=1)


class EditionSearchPlugin(BasePlugin):
    """The MkDocs plugin ``edition-search``: one search index per language version.

    Under ``mkdocs serve`` it keeps its segmenter between rebuilds (it has ``on_startup``, so
    MkDocs keeps the instance): a rebuilt index analyses only the sections that changed.

    Under ``mkdocs serve --dirty`` a rebuild builds only the pages that changed, and the index
    must still hold every page. Material's search keeps its last index for that, assuming one
    page per rebuild; with mkdocs-static-i18n, which builds each language version in turn,
    each version's index then takes in the versions before it, and the site's index triples
    at every edit (with every result shown several times). So Material's search is made to
    index only the pages it builds, and this plugin keeps every page's search documents from
    one rebuild to the next, those of the pages rebuilt replaced. (A page removed while
    serving stays in the index until the server restarts, as its HTML stays in the site.)
    """

    def __init__(self) -> None:
        self._segmenter: SearchSegmenter | None = None
        self._words: list[str] | None = None
        self._dirty = False
        self._pages: dict[str, list[dict[str, Any]]] = {}  # page URL -> its search documents

    def on_startup(self, *, command, dirty: bool) -> None:
        # Its presence also makes MkDocs keep this instance across the rebuilds of `serve`.
        self._dirty = dirty

    # After Material's search, which makes its index object in its own on_config.
    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> None:
        search = material_search(config)
        if self._dirty and hasattr(search, "is_dirty"):
            search.is_dirty = False  # this plugin keeps the pages not rebuilt (see above)
        index = getattr(search, "search_index", None)
        if hasattr(index, "_segment_chinese"):
            # Material cuts every Han run of every section with jieba; split_index removes
            # the cut and segments every title and text anew, so Material's (about a tenth
            # of a build of Chinese pages) would be thrown away. Its index keeps the text
            # as written instead, as it does where jieba is not installed.
            index._segment_chinese = _as_written

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        """A page of a Chinese version, its search pointed at the version's own index."""
        lang = version_language(config)
        return localise_base(output, lang) if lang in LANGUAGES else output

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
        search = material_search(config)
        words = _user_words(getattr(search.config, "jieba_dict_user", None) if search else None)
        if self._segmenter is None or words != self._words:
            self._segmenter, self._words = SearchSegmenter(words), words
        index = json.loads(path.read_text(encoding="utf-8"))
        index["docs"] = self._all_pages(index["docs"])
        indexes = split_index(index, self._segmenter)
        for lang, index in indexes.items():
            target = site / lang / "search" / "search_index.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            # UTF-8 rather than \\u escapes: a Han character takes 3 bytes instead of 6.
            text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
            target.write_text(text, encoding="utf-8")

    def _all_pages(self, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The search documents of every page: ``docs`` (Material's, of the pages this build
        built) in place of those of the same pages, after a dirty rebuild; else ``docs``."""
        built: dict[str, list[dict[str, Any]]] = {}
        for doc in docs:
            built.setdefault(doc["location"].partition("#")[0], []).append(doc)
        self._pages = {**self._pages, **built} if self._dirty else built
        return [doc for page in self._pages.values() for doc in page]


def _as_written(text: str) -> str:
    """What Material's index keeps of a title or text (see ``on_config``): ``text``."""
    return text


def material_search(config: MkDocsConfig) -> Any:
    """Material's search plugin as the site configures it (``search``), or None."""
    return config.plugins.get("material/search") or config.plugins.get("search")


def version_language(config: MkDocsConfig) -> str:
    """The language version being built (mkdocs-static-i18n builds one after the other):
    ``en``, ``zh-Hant`` or ``zh-Hans``."""
    return getattr(config.plugins.get("i18n"), "current_language", None) or "en"


def _substring_keys(runs: list[str]) -> list[str]:
    """:meth:`SearchSegmenter.substring_keys` of a text with these Han runs."""
    found = sorted(
        {
            form[start : start + LONGEST]
            for run in runs
            for form in forms(run)
            for start in range(len(form))
        }
    )
    return [key + MARK for key, after in pairwise([*found, ""]) if not after.startswith(key)]


@lru_cache(maxsize=1 << 14)
def _traditional_character(character: str) -> str:
    """``character`` in Traditional script by OpenCC's character table alone (``s2t``)."""
    return opencc_converter("s2t").convert(character)


def _runs(text: str) -> list[str]:
    """The Han runs of ``text`` (HTML or plain; tags, U+200B and :data:`END` left out)."""
    if _HAN_RUN.search(text) is None:  # most sections of an English version
        return []
    return _HAN_RUN.findall(_TAG.sub(" ", text).replace(SEPARATOR, "").replace(END, ""))


def _user_words(path: str | None) -> list[str]:
    """The words of a jieba user dictionary (``word [freq] [tag]`` per line)."""
    if not path or not Path(path).is_file():
        return []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip()]
