"""Search per language version: the split index, Chinese segmented alike in both scripts."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from sitebuild import ROOT

from edition.conversion import ZH_HANS, convert
from edition.script import script_characters
from edition.search import WORDS, SearchSegmenter, localise_base, split_index
from edition.site.labels import labels

#: The separator of mkdocs.yml: what Material's search splits indexed text at.
SEPARATOR = re.compile(r"[\s\u200b\u3000\-、。，．？！；:：()（）,]+")
PARTIALS = ROOT / "docs" / "overrides" / "partials" / "languages"


@pytest.fixture(scope="module")
def segmenter() -> SearchSegmenter:
    return SearchSegmenter(["社區團購", "社区团购", "基礎設施化", "基础设施化"])


def _tokens(text: str) -> list[str]:
    return [token for token in SEPARATOR.split(text) if token]


def test_traditional_is_cut_where_its_simplified_shadow_is(segmenter: SearchSegmenter) -> None:
    # Issue 14: jieba alone cut 基礎設施 and 參考文獻 in pieces, and kept 基础设施 whole.
    hant = segmenter.segment("基礎設施與參考文獻的頁碼，以及個案研究的關係")
    hans = segmenter.segment("基础设施与参考文献的页码，以及个案研究的关系")
    assert [convert(t) for t in _tokens(hant)] == _tokens(hans)
    assert "基礎設施" in _tokens(hant) and "參考文獻" in _tokens(hant)


def test_words_hold_both_scripts_and_the_words_inside_compounds(
    segmenter: SearchSegmenter,
) -> None:
    words = segmenter.words("上海的社區團購")
    assert {"社區團購", "社区团购", "團購", "团购", "社區", "社区"} <= set(words)
    assert len(words) == len(set(words))


def test_the_index_is_split_by_language_version(segmenter: SearchSegmenter) -> None:
    index = {
        "config": {"lang": ["en"], "separator": "x", "pipeline": [], "fields": {"text": {}}},
        "docs": [
            {"location": "glossary/#a", "title": "Glossary", "text": "group buying"},
            {"location": "zh-Hant/glossary/#a", "title": "術語表", "text": "社區\u200b團購"},
            {"location": "zh-Hans/glossary/#a", "title": "术语表", "text": "社区团购"},
        ],
    }
    split = split_index(index, segmenter)
    assert [d["location"] for d in split[""]["docs"]] == ["glossary/#a"]
    assert WORDS not in split[""]["config"]["fields"]
    hant, hans = split["zh-Hant"], split["zh-Hans"]
    assert [d["location"] for d in hant["docs"]] == ["glossary/#a"]
    assert hant["docs"][0]["text"] == "社區團購"  # a glossary compound stays whole
    assert hans["docs"][0]["text"] == "社区团购"
    assert WORDS in hant["config"]["fields"]
    assert "团购" in hant["docs"][0][WORDS] and "團購" in hans["docs"][0][WORDS]


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


def _pages_by_token(site: Path, lang: str) -> dict[str, set[str]]:
    index = json.loads((site / lang / "search" / "search_index.json").read_text("utf-8"))
    pages: dict[str, set[str]] = defaultdict(set)
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        for field in ("title", "text", WORDS):
            for token in _tokens(re.sub(r"<[^>]+>", "", doc.get(field, ""))):
                pages[token].add(page)
    return pages


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
    # pages as often as their Simplified forms on the zh-Hans pages (154 such words failed).
    hant, hans = _pages_by_token(built_site, "zh-Hant"), _pages_by_token(built_site, "zh-Hans")
    pairs = sorted(
        (word, convert(word))
        for word in hant
        if len(word) > 1 and re.fullmatch(r"[\u4e00-\u9fff]+", word) and convert(word) != word
    )
    # The interface's own wording is converted with Mainland phrases (連結 → 链接), not
    # character for character: only the text's words are compared.
    interface = "".join(entry["zh-Hant"] for entry in labels().values())
    pairs = [(t, s) for t, s in pairs if s in hans and t not in interface]
    assert len(pairs) >= 50
    unequal = [(t, s) for t, s in pairs if len(hant[t]) != len(hans[s])]
    assert unequal == []
    for word in ("基礎設施", "參考文獻", "關係", "個案研究"):
        assert hant[word] and len(hant[word]) == len(hans[convert(word)])
