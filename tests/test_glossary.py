"""The glossary: loading, checking, finding terms, and the jieba dictionary."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import logging
from pathlib import Path
from threading import Thread
from unittest import mock

import jieba
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from edition.bibliography import Bibliography, load_bibliography
from edition.citations import CitationIndex, find_citations
from edition.conversion import Converter, load_overrides
from edition.errors import EditionError
from edition.glossary import (
    _JIEBA_BLOCK,
    _JIEBA_HAN,
    Glossary,
    Term,
    _base_segmenter,
    _chinese_matcher,
    check_glossary,
    find_terms,
    jieba_user_dict,
    load_glossary,
)
from edition.spans import protected_spans

EDITION = Path(__file__).resolve().parent.parent / "texts" / "yang-wang-2024"


@functools.cache
def edition_bibliography() -> Bibliography:
    return load_bibliography(EDITION / "references.bib")


TINY = """\
terms:
  - id: social-infrastructure
    en: social infrastructure
    zh-Hant: 社會基礎設施
    definition: {en: Places that shape interaction., zh-Hant: 塑造互動的場所。}
    sources: [klinenberg2018]
    related: [social-capital]
  - id: social-capital
    en: social capital
    zh-Hant: 社會資本
    aliases: {en: [social resources], zh: [社會資源]}
    definition: {en: Resources in ties., zh-Hant: 關係中的資源。}
  - id: bridging-capital
    en: bridging capital
    zh-Hant: 橋接型社會資本
    definition: {en: Ties across groups., zh-Hant: 跨群體的聯繫。}
  - id: community
    en: community
    zh-Hant: 社區
    zh-Hans: 社区
    aliases: {en: [neighbourhood]}
    definition: {en: A local group., zh-Hant: 地方群體。}
  - id: weak-ties
    en: weak ties
    zh-Hant: 弱連結
    aliases: {en: [weak tie]}
    definition: {en: Ties among acquaintances., zh-Hant: 熟人之間的聯繫。}
"""


def line(text: str, needle: str) -> int:
    """The 1-based line of ``text`` where ``needle`` first occurs."""
    return text[: text.index(needle)].count("\n") + 1


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def glossary(tmp_path: Path) -> Glossary:
    return load_glossary(write(tmp_path, TINY), bib_keys={"klinenberg2018"})


@pytest.fixture(scope="module")
def tiny_glossary(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    """The same glossary, once per module, for property tests."""
    return load_glossary(write(tmp_path_factory.mktemp("glossary"), TINY))


# --- loading ---------------------------------------------------------------------------------


def test_terms_are_loaded_with_generated_simplified_forms(glossary: Glossary) -> None:
    term = glossary["social-capital"]
    assert isinstance(term, Term)
    assert (term.en, term.zh_hant, term.zh_hans) == ("social capital", "社會資本", "社会资本")
    assert term.aliases_zh == ("社會資源", "社会资源")
    assert term.definition_zh_hant == "關係中的資源。"
    assert glossary["social-infrastructure"].sources == ("klinenberg2018",)
    assert glossary["social-infrastructure"].line == 2
    assert "community" in glossary and "nothing" not in glossary


def test_given_simplified_form_is_kept_and_the_generator_is_configurable(tmp_path: Path) -> None:
    text = TINY.replace("zh-Hant: 社區\n    zh-Hans: 社区", "zh-Hant: 社區\n    zh-Hans: 小区")
    assert load_glossary(write(tmp_path, text))["community"].zh_hans == "小区"
    text = TINY.replace("zh-Hant: 弱連結", "zh-Hant: 隨著連結")
    assert load_glossary(write(tmp_path, text))["weak-ties"].zh_hans == "随着连结"
    plain = Converter(defaults=False)
    loaded = load_glossary(write(tmp_path, text), converter=plain)
    assert loaded["weak-ties"].zh_hans == "随著连结"


def test_term_pairs_feed_conversion(glossary: Glossary) -> None:
    pairs = {(p.hant, p.hans) for p in glossary.term_list().pairs}
    assert ("社區", "社区") in pairs and ("社會資本", "社会资本") in pairs
    assert all(p.line and p.path == glossary.path for p in glossary.term_list().pairs)


# --- problems, each with file and line -------------------------------------------------------


def only_problem(tmp_path: Path, text: str, bib_keys=None) -> tuple[str, int | None]:
    path = write(tmp_path, text)
    problems = check_glossary(path, bib_keys)
    assert len(problems) == 1, problems
    assert problems[0].path == path
    with pytest.raises(EditionError) as error:
        load_glossary(path, bib_keys)
    assert (error.value.message, error.value.line) == (problems[0].message, problems[0].line)
    return problems[0].message, problems[0].line


def test_bad_yaml_names_its_line(tmp_path: Path) -> None:
    text = TINY.replace("sources: [klinenberg2018]", "sources: [x")
    message, number = only_problem(tmp_path, text)
    # The list opened with [ and never closed: named where it opens.
    assert "invalid YAML: the [ opened" in message
    assert number == line(TINY, "sources: [klinenberg2018]")


def test_missing_field_names_the_term_and_its_line(tmp_path: Path) -> None:
    message, number = only_problem(tmp_path, TINY.replace("    en: social capital\n", ""))
    assert message == "term 'social-capital': missing field 'en'"
    assert number == line(TINY, "- id: social-capital")


def test_missing_chinese_definition(tmp_path: Path) -> None:
    text = TINY.replace(", zh-Hant: 地方群體。}", "}")
    message, number = only_problem(tmp_path, text)
    assert "'definition.zh-Hant'" in message and number == line(TINY, "- id: community")


def test_duplicate_id_names_both_lines(tmp_path: Path) -> None:
    message, number = only_problem(tmp_path, TINY.replace("id: community", "id: social-capital"))
    first = line(TINY, "- id: social-capital")
    assert message == f"duplicate id 'social-capital' (first at line {first})"
    assert number == line(TINY, "- id: community")


def test_unknown_bibliography_key(tmp_path: Path) -> None:
    message, number = only_problem(tmp_path, TINY, bib_keys={"latham2019"})
    assert message == "term 'social-infrastructure': unknown bibliography key 'klinenberg2018'"
    assert number == 2


def test_unknown_related_id(tmp_path: Path) -> None:
    message, number = only_problem(tmp_path, TINY.replace("[social-capital]", "[social-kapital]"))
    assert "unknown related id 'social-kapital'" in message and number == 2


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("id: weak-ties", "id: Weak_Ties", "kebab-case"),
        ("    zh-Hant: 弱連結\n", "    zh-Hant: 弱連結\n    notes: x\n", "unknown field 'notes'"),
        ("aliases: {en: [weak tie]}", "aliases: {en: weak tie}", "'aliases.en' must be a list"),
        ("aliases: {en: [weak tie]}", "aliases: {en: [Social Capital]}", "also a form of"),
        ("熟人之間的聯繫。", "熟人之間 的聯繫。", "space between Chinese characters"),
        (
            "熟人之間的聯繫。}",
            "熟人之間的聯繫。, zh-Hans: 熟人}",
            "unknown field 'definition.zh-Hans'",
        ),
    ],
)
def test_other_problems(tmp_path: Path, old: str, new: str, expected: str) -> None:
    message, number = only_problem(tmp_path, TINY.replace(old, new))
    assert expected in message and number == line(TINY, "- id: weak-ties")


def test_a_term_that_is_not_a_mapping(tmp_path: Path) -> None:
    message, number = only_problem(tmp_path, TINY + "  - just text\n")
    assert message == "term 6 must be a mapping" and number == 1


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    text = TINY.replace("    en: social capital\n", "").replace("id: community", "id: weak-ties")
    problems = check_glossary(write(tmp_path, text), {"nothing"})
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    assert len(problems) == 3


def test_a_loaded_glossary_is_checked_against_bibliography_keys(glossary: Glossary) -> None:
    assert check_glossary(glossary, {"klinenberg2018"}) == []
    [problem] = check_glossary(glossary, set())
    assert "klinenberg2018" in problem.message and problem.line == 2


# --- finding terms ---------------------------------------------------------------------------


def found(text: str, glossary: Glossary, lang: str, protected=()) -> list[tuple[str, str]]:
    return [(m.term_id, m.text) for m in find_terms(text, glossary, lang, protected)]


def test_english_plurals_case_and_aliases(glossary: Glossary) -> None:
    text = "Social Infrastructures build social capital; communities and weak-tie neighbourhoods."
    assert found(text, glossary, "en") == [
        ("social-infrastructure", "Social Infrastructures"),
        ("social-capital", "social capital"),
        ("community", "communities"),
        ("weak-ties", "weak-tie"),
        ("community", "neighbourhoods"),
    ]


def test_english_word_boundaries_and_line_breaks(glossary: Glossary) -> None:
    assert found("subcommunity, communityish, social capitalism", glossary, "en") == []
    assert found("social\ncapital", glossary, "en") == [("social-capital", "social\ncapital")]
    assert found("社區social capital的", glossary, "en") == [("social-capital", "social capital")]


def test_chinese_longest_first_in_both_scripts(glossary: Glossary) -> None:
    text = "橋接型社會資本與社会资本在社區中，社区社會資源"
    assert found(text, glossary, "zh-Hant") == [
        ("bridging-capital", "橋接型社會資本"),
        ("social-capital", "社会资本"),
        ("community", "社區"),
        ("community", "社区"),
        ("social-capital", "社會資源"),
    ]
    assert found(text, glossary, "zh-Hans") == found(text, glossary, "zh-Hant")


def test_offsets_point_at_the_match(glossary: Glossary) -> None:
    text = "在社區中"
    [match] = find_terms(text, glossary, "zh-Hant")
    assert text[match.start : match.end] == match.text == "社區"


def test_nothing_is_found_in_protected_spans(glossary: Glossary) -> None:
    text = '[社區](社區.md) `社區` <a title="社區">x</a> ## 社區 {#社區} （社區，2019）'
    citation = (text.index("（"), len(text))
    matches = find_terms(text, glossary, "zh-Hant", [citation])
    # Link text is the author's: no link inside a link.
    assert [(m.start, m.text) for m in matches] == [(text.index("## ") + 3, "社區")]


@pytest.fixture(scope="module")
def edition_glossary() -> Glossary:
    return load_glossary(EDITION / "glossary.yml")


def test_a_glossary_leaves_the_shared_dictionary_as_it_found_it(edition_glossary: Glossary) -> None:
    """A glossary's forms are jieba's words only while its terms are looked for: another
    edition's text is cut as if the glossary did not exist."""
    base = _base_segmenter()

    def state() -> tuple:
        return base.total, len(base.FREQ), base.FREQ.get("平台化"), list(base.cut("数位平台化"))

    before = state()
    assert find_terms("數位平台化與平台", edition_glossary, "zh-Hant")
    assert state() == before
    with pytest.raises(ValueError):
        find_terms("平台", edition_glossary, "fr")
    assert state() == before


def test_a_text_searched_again_is_not_cut_again(
    edition_glossary: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each language version of a page and the TEI read the same texts: a text's cut is
    remembered by its glossary, in either script (both are cut in Simplified)."""
    first = find_terms("數位平台化與平台", edition_glossary, "zh-Hant")
    tokenizer = type(_base_segmenter())
    monkeypatch.setattr(tokenizer, "tokenize", lambda *args, **kwargs: pytest.fail("cut again"))
    assert find_terms("數位平台化與平台", edition_glossary, "zh-Hant") == first
    assert find_terms("数位平台化与平台", edition_glossary, "zh-Hant") == first


#: Pieces of text for the cut: the edition's forms in both scripts, determiners (這個地方
#: is no term), Han around them, Latin and digits that join a jieba block, and what jieba
#: gives as words alone (blanks, punctuation, a Han character of extension A, a line break).
CUT_PIECES = [
    *"平台化 平台 社會資本 社会资本 數位 公共 地方空間 地方 空間".split(),
    *"這個 这个 一個 每个 此 那 的 與 和 社會 網絡 我們 台化 平".split(),
    *"WeChat 2024 a-b 5% #1 x.y".split(),
    " ",
    "  ",
    "，",
    "。",
    "、",
    "\n",
    "・",
    "㐀",
    "(",
    "[",
    "“",
    "—",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CUT_PIECES), max_size=30).map("".join))
@example("我們這個 平台化")  # a block that holds no form but ends with a determiner
def test_cutting_only_the_blocks_with_han_finds_what_cutting_all_finds(
    edition_glossary: Glossary, text: str
) -> None:
    """A glossary whose forms all lie in jieba's blocks has only the blocks with Han cut,
    each once: the terms found are those that cutting the whole text finds."""
    matcher = _chinese_matcher(edition_glossary)
    assert matcher is not None and matcher.in_blocks
    whole = dataclasses.replace(matcher, in_blocks=False, cuts={}, blocks={})
    with mock.patch("edition.glossary._chinese_matcher", lambda glossary: whole):
        expected = find_terms(text, edition_glossary, "zh-Hant")
    assert find_terms(text, edition_glossary, "zh-Hant") == expected


def test_the_blocks_are_jiebas() -> None:
    """The blocks are those of the jieba in use, character for character."""
    for code in range(0x110000):
        char = chr(code)
        assert bool(_JIEBA_BLOCK.fullmatch(char)) == bool(jieba.re_han_default.fullmatch(char))
        assert bool(_JIEBA_HAN.fullmatch(char)) == ("\u4e00" <= char <= "\u9fd5")


def test_glossaries_searched_in_threads_leave_the_dictionary_as_they_found_it(
    edition_glossary: Glossary, glossary: Glossary
) -> None:
    base = _base_segmenter()
    before = (base.total, len(base.FREQ))
    text = "數位平台化與社會資本"
    glossaries = (edition_glossary, glossary)
    expected = {g.path: find_terms(text, g, "zh-Hant") for g in glossaries}
    found: list[bool] = []

    def search(chosen: Glossary) -> None:
        wanted = expected[chosen.path]
        # Each text another (commas after it): a text's cut is remembered, not made again.
        found.extend(find_terms(text + "，" * n, chosen, "zh-Hant") == wanted for n in range(20))

    threads = [Thread(target=search, args=(g,)) for g in glossaries * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [True] * 80
    assert (base.total, len(base.FREQ)) == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Issue 14's inputs: a form inside another word, or read otherwise, is no term.
        ("這個地方空間不足", []),
        ("脆弱關係", []),
        ("技術水平台階", []),
        ("這種材料的韌性很強", []),
        ("脆弱关系与技术水平台阶", []),
        # The same forms where they are words of the text.
        (
            "卡斯特的地方空間與流動空間",
            [("space-of-places", "地方空間"), ("space-of-flows", "流動空間")],
        ),
        ("弱關係的力量", [("weak-ties", "弱關係")]),
        ("數位平台的基礎設施化", [("platform", "平台"), ("infrastructuralization", "基礎設施化")]),
        (
            "社區韌性來自居民，這種韌性",
            [("community-resilience", "社區韌性"), ("community-resilience", "韌性")],
        ),
        (
            "社区团购与团购",
            [("community-group-buying", "社区团购"), ("community-group-buying", "团购")],
        ),
        ("團購", []),  # a short form before its full form
        ("平台化與平台", [("platformization", "平台化"), ("platform", "平台")]),
        # Never inside URLs, code, link targets or link text.
        ("見 https://zh.wikipedia.org/wiki/社會資本", []),
        ("見 <https://example.org/社會資本> 與 `社會資本`", []),
        ('[社會資本](https://x.org/社會資本) 與 <a href="#">社會資本</a>', []),
        ("<code>社會資本</code>社會資本", [("social-capital", "社會資本")]),
        # Nor inside a shortcut reference link or a footnote label; a footnote's text is prose.
        ("見[社會資本]。\n\n[社會資本]: https://x.org", []),
        ("注[^社會資本]。\n\n[^社會資本]: 社會資本的定義", [("social-capital", "社會資本")]),
    ],
)
def test_chinese_terms_only_on_whole_words(
    edition_glossary: Glossary, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(text, edition_glossary, "zh-Hant") == expected


def test_english_terms_never_inside_urls_or_links(edition_glossary: Glossary) -> None:
    text = (
        "See https://example.org/social-capital and [social capital](https://x.org), "
        "<https://example.org/platform> and `platform`: social capital on platforms."
    )
    assert found(text, edition_glossary, "en") == [
        ("social-capital", "social capital"),
        ("platform", "platforms"),
    ]


def test_english_terms_stop_at_words_not_inside_identifiers_dois_or_broken_words(
    edition_glossary: Glossary,
) -> None:
    text = (
        "platform_id, doi:10.1177/social-capital, and the OCR's platform-\nization; "
        "social-\ncapital across a line, platform-\n\nnext paragraph."
    )
    assert found(text, edition_glossary, "en") == [
        ("social-capital", "social-\ncapital"),
        ("platform", "platform"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A term broken by an OCR or source line break between two Han characters.
        ("社會\n資本與平\n台", [("social-capital", "社會\n資本"), ("platform", "平\n台")]),
        ("社會資 \n 本", [("social-capital", "社會資 \n 本")]),
        ("社会基础设\n施化", [("infrastructuralization", "基础设\n施化")]),
        # A blank line ends a paragraph, a Markdown heading or table row its line.
        ("社會\n\n資本", []),
        ("## 研究社會\n資本的形成", []),
        ("| 社會 |\n資本", []),
        ("> 社會\n資本", [("social-capital", "社會\n資本")]),
        # Inside another word across the break, still no term (issue 14's 脆弱關係).
        ("脆\n弱關係", []),
    ],
)
def test_chinese_terms_across_a_line_break(
    edition_glossary: Glossary, text: str, expected: list[tuple[str, str]]
) -> None:
    matches = find_terms(text, edition_glossary, "zh-Hant")
    assert [(m.term_id, m.text) for m in matches] == expected
    assert all(text[m.start : m.end] == m.text for m in matches)


def test_a_glossary_of_thousands_of_terms_still_matches(tmp_path: Path) -> None:
    # Linear in the number of terms (scripts/bench_glossary.py measures it): one trie-shaped
    # regex and one segmenter, whatever the glossary's size.
    terms = "".join(
        f"  - id: t{i}\n    en: term number {i}\n    zh-Hant: 詞條{i:04d}號\n"
        f"    definition: {{en: d, zh-Hant: 釋義}}\n"
        for i in range(2000)
    )
    glossary = load_glossary(write(tmp_path, "terms:\n" + terms))
    text = "We cite term number 1999 and term number 7, then 詞條0042號。"
    assert found(text, glossary, "en") == [("t1999", "term number 1999"), ("t7", "term number 7")]
    assert found(text, glossary, "zh-Hant") == [("t42", "詞條0042號")]


def test_unknown_language_is_refused(glossary: Glossary) -> None:
    with pytest.raises(ValueError, match="lang"):
        find_terms("x", glossary, "fr")


FRAGMENTS = st.sampled_from(
    ["社區", "社會", "資本", "社會資本", "橋接型", "社区", "weak", " ", "ties", "social",
     "capital", "s", "`", "[", "](", ")", "{#", "}", "<b>", "，", "\n"]
)  # fmt: skip


@given(
    st.lists(FRAGMENTS, max_size=30).map("".join),
    st.sampled_from(["en", "zh-Hant", "zh-Hans"]),
    st.data(),
)
def test_matches_never_overlap_or_touch_protected_spans(
    tiny_glossary: Glossary, text: str, lang: str, data: st.DataObject
) -> None:
    bounds = st.integers(0, len(text))
    extra = data.draw(st.lists(st.tuples(bounds, bounds).map(sorted).map(tuple), max_size=2))
    matches = find_terms(text, tiny_glossary, lang, extra)
    spans = protected_spans(text, extra)
    for first, second in itertools.pairwise(matches):
        assert first.end <= second.start
    for match in matches:
        assert text[match.start : match.end] == match.text
        assert all(match.end <= start or end <= match.start for start, end in spans)


# --- jieba -----------------------------------------------------------------------------------


def test_jieba_user_dictionary_keeps_terms_whole(glossary: Glossary, tmp_path: Path) -> None:
    text = jieba_user_dict(glossary)
    lines = text.splitlines()
    assert "社會基礎設施 20000 n" in lines and "社会基础设施 20000 n" in lines
    assert "社會資源 20000 n" in lines and "社会资源 20000 n" in lines
    assert len(lines) == len(set(lines))
    path = tmp_path / "user.dict"
    path.write_text(text, encoding="utf-8")
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(path))
    assert "社會基礎設施" in tokenizer.lcut("我們研究社會基礎設施的問題")
    assert "社会资本" in tokenizer.lcut("社区的社会资本")


# --- the edition's own glossary --------------------------------------------------------------


def test_the_editions_glossary_loads_with_the_real_bibliography_keys() -> None:
    bib = edition_bibliography()
    keys = {reference.key for reference in bib.references}
    converter = Converter(terms=load_overrides(EDITION / "conversion-overrides.yml"))
    glossary = load_glossary(EDITION / "glossary.yml", keys, converter=converter)
    assert check_glossary(glossary, keys) == []
    assert check_glossary(EDITION / "glossary.yml", keys) == []
    ids = {term.id for term in glossary.terms}
    required = {
        "social-infrastructure", "infrastructuralization", "bonding-capital",
        "bridging-capital", "aftershock-economy", "community-resilience-initiatives",
        "social-surplus", "weak-ties", "geographical-trust", "space-of-flows",
        "space-of-places", "online-streets", "community-public-figures",
        "community-group-buying", "wechat-group", "platform", "platformization",
        "logistics-infrastructure", "social-capital", "community-resilience", "disaster",
    }  # fmt: skip
    assert required <= ids
    abstract = (EDITION / "source.ocr.txt").read_text(encoding="utf-8")
    in_source = {match.term_id for match in find_terms(abstract, glossary, "en")}
    assert required - in_source == {"platformization", "community-resilience"}


def test_every_definition_cites_exactly_its_sources() -> None:
    bib = edition_bibliography()
    index = CitationIndex.from_bibliography(bib)
    glossary = load_glossary(EDITION / "glossary.yml", {ref.key for ref in bib.references})
    for term in glossary.terms:
        for definition in (term.definition_en, term.definition_zh_hant):
            citations = find_citations(definition, index)
            assert all(c.status == "resolved" for c in citations), (term.id, citations)
            assert {key for c in citations for key in c.keys} == set(term.sources), term.id
