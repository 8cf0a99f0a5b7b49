"""Search per language version: the split index, Chinese segmented alike in both scripts."""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import ROOT

import edition.search
from edition.conversion import ZH_HANS, convert
from edition.script import script_characters
from edition.search import (
    CUTS,
    END,
    HAN_SCRIPT,
    LONGEST,
    MARK,
    TITLE_WORDS,
    WORDS,
    SearchSegmenter,
    forms,
    localise_base,
    split_index,
)

#: The separator of mkdocs.yml: what Material's search splits indexed text at.
SEPARATOR = re.compile(r"[\s\u200b\u3000\-、。，．？！；:：()（）,]+")
PARTIALS = ROOT / "docs" / "overrides" / "partials" / "languages"
HAN = re.compile(f"[{HAN_SCRIPT}]+")


@pytest.fixture(scope="module")
def segmenter() -> SearchSegmenter:
    return SearchSegmenter(["社區團購", "社区团购", "基礎設施化", "基础设施化"])


def _tokens(text: str) -> list[str]:
    return [token.replace(END, "") for token in SEPARATOR.split(text) if token]


def _begun(keys: list[str], text: str) -> bool:
    """Whether some key begins with ``text``: what lunr's ``text*`` finds."""
    return any(key.startswith(text) for key in keys)


# --- segmenting the shown text -----------------------------------------------------------


def test_traditional_is_cut_where_its_simplified_shadow_is(segmenter: SearchSegmenter) -> None:
    # Issue 14: jieba alone cut 基礎設施 and 參考文獻 in pieces, and kept 基础设施 whole.
    hant = segmenter.segment("基礎設施與參考文獻的頁碼，以及個案研究的關係")
    hans = segmenter.segment("基础设施与参考文献的页码，以及个案研究的关系")
    assert [convert(t) for t in _tokens(hant)] == _tokens(hans)
    assert "基礎設施" in _tokens(hant) and "參考文獻" in _tokens(hant)


def test_a_word_of_one_character_never_cuts_a_query(segmenter: SearchSegmenter) -> None:
    # Material cuts a query at the index's keys, never taking its last character: with 關
    # a key, 關係 was searched as 關*. A shown word of one character ends with END (outside
    # the Han script the cut reads); the longer words are keys of the cut anyway.
    text = segmenter.segment("<p>屋苑的住戶在2009年即時分享</p>")
    assert text == (
        f"<p>屋{END}\u200b苑{END}\u200b的{END}\u200b住戶\u200b在{END}2009年{END}"
        "\u200b即時\u200b分享</p>"
    )
    assert segmenter.segment(text) == text
    assert segmenter.segment("WeChat group") == "WeChat group"


def test_a_word_after_a_quotation_mark_is_a_token_of_its_own(segmenter: SearchSegmenter) -> None:
    # “online streets” was indexed as “online, which online* does not find; likewise
    # （「bridging capital」） in a Chinese text. The apostrophe of group’s stays.
    text = segmenter.segment("the role of “online streets”; （「bridging capital」）; group’s")
    assert {"online", "streets”", "bridging", "group’s"} <= set(_tokens(text))
    assert segmenter.segment(text) == text


def test_the_english_index_is_segmented_as_the_chinese_ones(segmenter: SearchSegmenter) -> None:
    # Issue: the English version held Material's own cut of Traditional text (鄰里關|係,
    # 住|戶), so 關係 found nothing there.
    material = {"location": "paper/", "title": "Text", "text": "<p>鄰里關\u200b係與住\u200b戶</p>"}
    index = {"config": {"fields": {"title": {"boost": 1000.0}, "text": {}}}, "docs": [material]}
    english = split_index(index, segmenter)[""]["docs"][0]
    assert english["text"] == "<p>鄰里關係\u200b與" + END + "\u200b住戶</p>"
    assert _begun(english[WORDS].split(), "關係") and _begun(english[WORDS].split(), "关系")


# --- the hidden fields ---------------------------------------------------------------------


def test_forms_are_the_scripts_and_variants_a_reader_may_type() -> None:
    assert forms("在社區裡") == ("在社區裡", "在社区里", "在社區裏")
    # A Simplified text read back into Traditional as Hong Kong, Taiwan and character by
    # character write it: 發佈 and 發布 are both found on the page that says 发布.
    assert forms("发布标注") == ("发布标注", "發佈標註", "發布標注")
    assert forms("著作") == ("著作",)
    # A compatibility ideograph (U+F900) is typed as the unified one (U+8C48).
    assert forms("\uf900") == ("\uf900", "\u8c48", "岂")


def test_every_string_of_the_text_begins_a_key_in_both_scripts(
    segmenter: SearchSegmenter,
) -> None:
    text = "大型屋苑的住戶在屋苑群組裡即時分享消息，鄰里關係"
    keys = segmenter.substring_keys(text)
    for run in HAN.findall(text):
        for form in (run, convert(run)):
            for start in range(len(form)):
                for end in range(start + 1, min(start + LONGEST, len(form)) + 1):
                    assert _begun(keys, form[start:end]), form[start:end]
    assert _begun(keys, "屋苑群組") and _begun(keys, "屋苑群组") and _begun(keys, "关系")
    assert not _begun(keys, "苑屋") and not _begun(keys, "消息鄰")  # nothing across a comma


_SEGMENTER = SearchSegmenter()


@given(st.text(alphabet="屋苑群組组羣裡里裏关關係係系的在 ，A1", max_size=30))
def test_substring_keys_hold_every_string_and_never_cut_a_query(text: str) -> None:
    keys = _SEGMENTER.substring_keys(text)
    assert all(key.endswith(MARK) and not HAN.fullmatch(key) for key in keys)
    stems = [key.removesuffix(MARK) for key in keys]
    assert not any(a != b and b.startswith(a) for a in stems for b in stems)
    for run in HAN.findall(text):
        for form in forms(run):
            for start in range(len(form)):
                assert _begun(keys, form[start : start + LONGEST])


def test_keys_of_the_cut_are_words_and_phrases_short_of_their_last_character(
    segmenter: SearchSegmenter,
) -> None:
    keys = segmenter.cut_keys("大型屋苑的住戶在屋苑群組裡即時分享")
    # Words jieba knows and one it guesses (屋苑), in both scripts.
    assert {"大型", "住戶", "住户", "群組", "群组", "即時", "即时", "屋苑"} <= set(keys)
    # Phrases of the text without their last character: the whole phrase becomes one piece.
    assert {"大型屋", "屋苑群", "大型屋苑", "在屋苑群"} <= set(keys)
    assert all(2 <= len(key) <= LONGEST and HAN.fullmatch(key) for key in keys)
    assert len(keys) == len(set(keys))
    # Words inside words (jieba's search mode), and a word without its last character.
    keys = segmenter.cut_keys("鄰里關係與社區團購")
    assert {"鄰里", "關係", "关系", "鄰里關", "社區", "團購", "团购", "社區團"} <= set(keys)


def test_the_index_is_split_by_language_version(segmenter: SearchSegmenter) -> None:
    index = {
        "config": {
            "lang": ["en"],
            "separator": "x",
            "pipeline": [],
            "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
        },
        "docs": [
            {"location": "glossary/#a", "title": "Glossary", "text": "group buying"},
            {"location": "zh-Hant/glossary/", "title": "術語表", "text": "社區\u200b團購"},
            {"location": "zh-Hant/glossary/#a", "title": "團購", "text": "社區團購的團購"},
            {"location": "zh-Hans/glossary/#a", "title": "术语表", "text": "社区团购"},
        ],
    }
    split = split_index(index, segmenter)
    assert [d["location"] for d in split[""]["docs"]] == ["glossary/#a"]
    assert not {WORDS, TITLE_WORDS, CUTS} & split[""]["docs"][0].keys()
    hant, hans = split["zh-Hant"], split["zh-Hans"]
    assert [d["location"] for d in hant["docs"]] == ["glossary/", "glossary/#a"]
    assert hant["docs"][0]["text"] == "社區團購"  # a glossary compound stays whole
    assert hans["docs"][0]["text"] == "社区团购"
    for version in split.values():
        fields = version["config"]["fields"]
        assert fields[TITLE_WORDS] == fields["title"] == {"boost": 1000.0}
        assert fields[WORDS] == {"boost": 1.0} and fields[CUTS]["boost"] < 0.0005
    assert _begun(hant["docs"][0][WORDS].split(), "团购")
    assert _begun(hant["docs"][1][TITLE_WORDS].split(), "团购")
    # The keys of the cut are read from the whole index: each is stored once per version.
    first, second = (doc.get(CUTS, "").split() for doc in hant["docs"])
    assert "團購" in first and "社區團" in first and not set(first) & set(second)
    assert "社区团" in hans["docs"][0][CUTS].split()


_MATERIAL_TEXT = st.text(
    st.sampled_from([*"鄰里關係屋苑群組社區團購的在了住戶", *"ab 1<>/p", "\u200b", END, "「"]),
    max_size=40,
)


@functools.cache
def _two_segmenters() -> tuple[SearchSegmenter, SearchSegmenter]:
    """One segmenter for Material's cut texts, one for the same texts uncut."""
    return SearchSegmenter(["社區團購"]), SearchSegmenter(["社區團購"])


@settings(deadline=None)
@given(title=_MATERIAL_TEXT, text=_MATERIAL_TEXT)
def test_the_index_is_the_same_whether_material_cut_its_text_or_not(title: str, text: str) -> None:
    # Material's cut is left out of the index (EditionSearchPlugin.on_config): each title and
    # text is segmented anew, so the versions are the same as with Material's cut.
    from material.plugins.search.plugin import SearchIndex

    cut = SearchIndex()._segment_chinese
    assert cut("鄰里關係") != "鄰里關係"  # Material does cut

    def index(title: str, text: str) -> dict:
        docs = [
            {"location": f"{lang}p/", "title": title, "text": text} for lang in ("", "zh-Hant/")
        ]
        return {"config": {"fields": {"title": {"boost": 1000.0}, "text": {}}}, "docs": docs}

    after_cut, uncut = _two_segmenters()
    assert split_index(index(cut(title), cut(text)), after_cut) == split_index(
        index(title, text), uncut
    )


@pytest.mark.parametrize("order", [["search", "edition-search"], ["edition-search", "search"]])
def test_material_does_not_cut_the_text_this_plugin_cuts_anew(
    tmp_path: Path, order: list[str]
) -> None:
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"

    def search_index(plugins: list[str]):
        config_file.write_text(
            f"site_name: t\ntheme: {{name: material}}\nplugins: {json.dumps(plugins)}\n", "utf-8"
        )
        config = load_config(str(config_file))
        config.plugins.on_config(config)
        return config.plugins["material/search"].search_index

    assert search_index(["search"])._segment_chinese("鄰里關係") != "鄰里關係"
    assert search_index(order)._segment_chinese("鄰里關係") == "鄰里關係"


@pytest.mark.parametrize(
    ("lang", "before", "after"),
    [
        ("zh-Hant", '"base": "../.."', '"base": "../../zh-Hant/"'),
        ("zh-Hans", '"base": ".."', '"base": "../zh-Hans/"'),
        ("zh-Hant", '"base": "."', '"base": "./zh-Hant/"'),
    ],
)
def test_pages_of_a_version_load_its_own_index(lang: str, before: str, after: str) -> None:
    html = f'<script id="__config" type="application/json">{{"annotate": null, {before}, "x": 1}}'
    once = localise_base(html, lang)
    assert after in once
    assert localise_base(once, lang) == once


# --- UI strings ------------------------------------------------------------------------------


def _strings(name: str) -> dict[str, str]:
    text = (PARTIALS / name).read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"([^"]+)": "((?:[^"\\]|\\.)*)",?$', text, re.MULTILINE))


def test_traditional_and_simplified_ui_strings_say_the_same_thing() -> None:
    # Issue 14: Material's zh-Hant had "找到 1 个符合條件的結果" (个 is Simplified).
    hant, hans = _strings("zh-Hant.html"), _strings("zh-Hans.html")
    assert hant.keys() == hans.keys() and len(hant) > 40
    simplified_only = script_characters().simplified
    for key, value in hant.items():
        assert not set(value) & simplified_only, (key, value)
        if key != "language":
            assert convert(value, ZH_HANS, punctuation=False) == hans[key], key
    assert hant["search.result.one"] == "找到 1 個符合條件的結果"


# --- the built site --------------------------------------------------------------------------


class _Index:
    """A built version's index read as lunr reads a query ``q*``: the pages that hold a
    token (of any field) beginning with ``q``."""

    def __init__(self, site: Path, lang: str) -> None:
        index = json.loads((site / lang / "search" / "search_index.json").read_text("utf-8"))
        pairs = set()
        #: the Han words shown (title and text) and the pages that show them
        self.shown: dict[str, set[str]] = defaultdict(set)
        #: the Han runs of each page's title and text
        self.runs: dict[str, list[str]] = defaultdict(list)
        for doc in index["docs"]:
            page = doc["location"].split("#")[0]
            for field, value in doc.items():
                if not isinstance(value, str) or field == "location":
                    continue
                text = re.sub(r"<[^>]+>", " ", value)
                pairs.update((token.lower(), page) for token in SEPARATOR.split(text))
                if field in ("title", "text"):
                    for token in SEPARATOR.split(text.replace(END, "")):
                        if HAN.fullmatch(token):
                            self.shown[token].add(page)
                    self.runs[page] += HAN.findall(text.replace("\u200b", "").replace(END, ""))
        self.tokens = sorted(pairs)

    def pages(self, query: str) -> set[str]:
        """The pages lunr finds for ``query*``."""
        found = set()
        for token, page in self.tokens[bisect.bisect_left(self.tokens, (query, "")) :]:
            if not token.startswith(query):
                break
            found.add(page)
        return found

    def holding(self, word: str) -> set[str]:
        """The pages whose title or text holds ``word`` in a Han run."""
        return {page for page, runs in self.runs.items() if any(word in run for run in runs)}


@pytest.mark.build
def test_each_version_has_its_own_index(built_site: Path) -> None:
    for lang in ("", "zh-Hant", "zh-Hans"):
        index = json.loads((built_site / lang / "search" / "search_index.json").read_text())
        locations = [doc["location"] for doc in index["docs"]]
        assert locations and not any(loc.startswith(("zh-Hant/", "zh-Hans/")) for loc in locations)
    page = built_site / "zh-Hant" / "yang-wang-2024" / "glossary" / "index.html"
    assert '"base": "../../../zh-Hant/"' in page.read_text(encoding="utf-8")


@pytest.mark.build
def test_traditional_finds_each_word_on_as_many_pages_as_simplified(built_site: Path) -> None:
    # Issue 14's figure: words written differently in the two scripts, found on the zh-Hant
    # pages as often as their Simplified forms on the zh-Hans pages (154 such words failed),
    # and on the zh-Hant pages whichever script the query is typed in. Compared where both
    # versions write the word on the same pages (the zh-Hans wording differs at places:
    # 連結 is 链接 there), for words a query finds whole (at most LONGEST characters).
    hant, hans = _Index(built_site, "zh-Hant"), _Index(built_site, "zh-Hans")
    pairs = sorted(
        (word, convert(word))
        for word in hant.shown
        if 1 < len(word) <= LONGEST and convert(word) != word
    )
    pairs = [(t, s) for t, s in pairs if hant.holding(t) == hans.holding(s)]
    assert len(pairs) >= 50
    unequal = [
        (t, s)
        for t, s in pairs
        if not hant.holding(t) <= hant.pages(t) == hant.pages(s) == hans.pages(s)
    ]
    assert unequal == []
    for word in ("基礎設施", "參考文獻", "關係", "個案研究"):
        assert hant.pages(word) and hant.pages(word) == hans.pages(convert(word))


@pytest.mark.build
def test_every_chinese_word_shown_is_found_on_its_page_in_every_version(built_site: Path) -> None:
    # Issue: the English version, which shows a Chinese paper as written, held jieba's cut of
    # Traditional text with a Simplified dictionary (鄰里關|係), and found nothing for 關係.
    for lang in ("", "zh-Hant", "zh-Hans"):
        index = _Index(built_site, lang)
        assert index.shown
        words = [word for word in index.shown if 1 < len(word) <= LONGEST]
        assert len(words) > 100
        missed = {
            (word, form)
            for word in words
            for form in {word, convert(word)}
            if not index.holding(word) <= index.pages(form)
        }
        assert missed == set(), lang
        # Nor is a word glued to the quotation mark before it (“online was not found).
        glued = {t for t in index.tokens if re.match(r"[“「『《〈‘]\w", t[0])}
        assert glued == set(), lang


def test_an_index_made_again_analyses_only_the_sections_that_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Under serve the plugin keeps its segmenter: an edit must not re-analyse the volume.
    def index(*texts: str) -> dict:
        docs = [
            {"location": f"zh-Hant/p{n}/", "title": "標題", "text": t} for n, t in enumerate(texts)
        ]
        return {"config": {"fields": {"title": {"boost": 1000.0}, "text": {}}}, "docs": docs}

    kept = SearchSegmenter()
    first = split_index(index("鄰里關係", "屋苑群組"), kept)
    analysed: list[str] = []
    runs = edition.search._runs

    def counted(text: str) -> list[str]:
        analysed.append(text)
        return runs(text)

    monkeypatch.setattr(edition.search, "_runs", counted)
    again = split_index(index("鄰里關係", "屋苑的群組"), kept)
    assert analysed == ["標題", "屋苑的群組"]  # the changed section's title and text only
    assert again == split_index(index("鄰里關係", "屋苑的群組"), SearchSegmenter())
    assert again["zh-Hant"]["docs"][0] == first["zh-Hant"]["docs"][0]
