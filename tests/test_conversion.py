"""Traditional ↔ Simplified conversion: OpenCC, the edition's forms, protected spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edition.cli import main
from edition.conversion import (
    ZH_HANS,
    ZH_HANT,
    Converter,
    TermList,
    TermPair,
    convert,
    load_overrides,
)
from edition.errors import EditionError
from edition.glossary import load_glossary
from edition.spans import protected_spans

EDITION = Path(__file__).resolve().parent.parent / "texts" / "yang-wang-2024"
OVERRIDES = load_overrides(EDITION / "conversion-overrides.yml")
GLOSSARY = load_glossary(EDITION / "glossary.yml", converter=Converter(terms=OVERRIDES))
TERMS = GLOSSARY.term_list() + OVERRIDES


def to_hans(text: str, **options) -> str:
    return convert(text, ZH_HANS, terms=TERMS, **options)


def to_hant(text: str, **options) -> str:
    return convert(text, ZH_HANT, terms=TERMS, **options)


# --- Hong Kong text and the known misconversions ---------------------------------------------


def test_hong_kong_traditional_becomes_simplified() -> None:
    assert to_hans("社會基礎設施與團購的關係") == "社会基础设施与团购的关系"


@pytest.mark.parametrize(
    ("hant", "hans"),
    [
        ("隨著疫情", "随着疫情"),
        ("看著他", "看着他"),
        ("維繫著日常生活", "维系着日常生活"),
        ("著手研究", "着手研究"),
        ("他的著作", "他的著作"),
        ("一部名著", "一部名著"),
        ("效果顯著", "效果显著"),
        ("著名學者", "著名学者"),
        ("隨著作為平台", "随着作为平台"),
        ("他的著作為人所知", "他的著作为人所知"),
        ("所著的書", "所著的书"),
        ("所著重的", "所着重的"),
    ],
)
def test_aspect_particle_zhe_becomes_zhe_while_zhu_words_keep_zhu(hant: str, hans: str) -> None:
    assert to_hans(hant) == hans


def test_opencc_alone_leaves_the_aspect_particle_unconverted() -> None:
    # Why the overrides exist: hk2s keeps 著 in 隨著.
    assert convert("隨著") == "随著"


def test_the_preposition_yu_is_simplified_and_the_surname_kept() -> None:
    assert to_hans("於是") == "于是"
    assert to_hans("關於社區") == "关于社区"
    assert to_hans("作家於梨華") == "作家於梨华"


def test_a_surname_yu_opencc_does_not_know_needs_an_override() -> None:
    assert to_hans("於明說") == "于明说"
    name = TermList((TermPair("於明", "於明"),))
    assert convert("於明說", terms=name + OVERRIDES) == "於明说"


@pytest.mark.parametrize(
    ("hant", "hans"),
    [
        ("關係", "关系"),
        ("沒有關係", "没有关系"),
        ("聯繫", "联系"),
        ("維繫", "维系"),
        ("確係", "确系"),
    ],
)
def test_xi_characters_all_become_xi(hant: str, hans: str) -> None:
    assert to_hans(hant) == hans


@pytest.mark.parametrize(
    ("hans", "hant"), [("关系", "關係"), ("联系", "聯繫"), ("系统", "系統"), ("随着", "隨著")]
)
def test_simplified_xi_and_zhe_become_the_editions_traditional(hans: str, hant: str) -> None:
    assert to_hant(hans) == hant


def test_glossary_forms_win_over_opencc_in_both_directions() -> None:
    assert convert("微信群", ZH_HANT) == "微信羣"  # OpenCC's Hong Kong variant
    assert to_hant("社区微信群") == "社區微信群"
    custom = TermList((TermPair("乾", "乾"),))
    assert convert("乾淨", terms=custom) == "乾净"
    assert convert("乾淨") == "干净"


def test_a_declared_form_wins_over_an_opencc_phrase_overlapping_it() -> None:
    # OpenCC reads 藉助於 as one phrase (借助于); a declared 助於 cuts into it and wins.
    assert convert("藉助於") == "借助于"
    declared = TermList((TermPair("助於", "助於"),))
    assert convert("藉助於", terms=declared) == "藉助於"


# --- punctuation, configs, options -----------------------------------------------------------


def test_corner_brackets_become_curly_quotes_in_simplified() -> None:
    assert to_hans("他說「我們的『群』」。") == "他说“我们的‘群’”。"
    assert to_hans("他說「是」", punctuation=False) == "他说「是」"
    assert to_hant("他们“是”") == "他們“是”"


def test_any_opencc_config_can_be_named() -> None:
    assert convert("滑鼠和軟體") == "滑鼠和软体"
    assert convert("滑鼠和軟體", config="tw2sp") == "鼠标和软件"
    assert Converter(ZH_HANT).opencc_config == "s2hk"


def test_unknown_config_and_target_are_refused() -> None:
    with pytest.raises(EditionError, match="unknown OpenCC config 'no-such'"):
        convert("字", config="no-such")
    with pytest.raises(ValueError, match="target"):
        convert("字", "zh-TW")


# --- protection ------------------------------------------------------------------------------


def test_citations_passed_in_are_kept_verbatim() -> None:
    text = "如（張德勝，2019）所說，隨著疫情"
    citation = (1, 11)
    assert text[slice(*citation)] == "（張德勝，2019）"
    assert to_hans(text, protected=[citation]) == "如（張德勝，2019）所说，随着疫情"
    assert to_hans(text).startswith("如（张德胜")


def test_markup_is_kept_and_link_text_is_converted() -> None:
    text = (
        '見[隨著](https://例.org/隨著) `隨著` <span title="隨著">隨著</span> {#隨著}\n'
        "```\n隨著\n```\n聯絡 a@b.org 或 https://x.org/隨著"
    )
    expected = (
        '见[随着](https://例.org/隨著) `隨著` <span title="隨著">随着</span> {#隨著}\n'
        "```\n隨著\n```\n联络 a@b.org 或 https://x.org/随着"
    )
    assert to_hans(text) == expected


def test_nul_and_placeholder_characters_survive() -> None:
    text = "隨著\x00關係\ufdd0社會\ufdd1\ufdd2"
    assert to_hans(text) == "随着\x00关系\ufdd0社会\ufdd1\ufdd2"


# --- term lists and overrides files ----------------------------------------------------------


def test_conflicting_pairs_are_reported_with_file_and_line() -> None:
    terms = TermList((TermPair("著", "着", "a.yml", 3), TermPair("著", "著", "b.yml", 9)))
    with pytest.raises(EditionError) as error:
        convert("著", terms=terms)
    assert (error.value.path, error.value.line) == ("b.yml", 9)
    assert "a.yml:3" in error.value.message
    # The same form twice with the same counterpart is no conflict.
    assert convert("著", terms=TermList(terms.pairs[:1] * 2)) == "着"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("overrides:\n  - {zh-Hant: 著, zh-Hans: 着}\n", 2, "'why'"),
        ("overrides:\n  - {zh-Hant: 著, zh-Hans: 着, why: x, note: y}\n", 2, "unknown field"),
        ("overrides:\n  - zh-Hant: 著\n    zh-Hans: [着\n", 4, "invalid YAML"),
        ("pairs: []\n", 1, "'overrides' list"),
    ],
)
def test_bad_overrides_files_name_file_and_line(
    tmp_path: Path, body: str, line: int, message: str
) -> None:
    path = tmp_path / "conversion-overrides.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(EditionError, match=message) as error:
        load_overrides(path)
    assert (error.value.path, error.value.line) == (path, line)


def test_every_override_says_why() -> None:
    assert len(OVERRIDES.pairs) > 20
    assert all(pair.line for pair in OVERRIDES.pairs)


# --- properties ------------------------------------------------------------------------------

# Han script: CJK radicals, ideographs (all planes), compatibility ideographs, 々〆〇 and the
# Hangzhou numerals: the only characters OpenCC's dictionaries may change.
HAN_RANGES = [
    (0x2E80, 0x2FDF), (0x3005, 0x3007), (0x3021, 0x3029), (0x3038, 0x303B),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF),
]  # fmt: skip
CORNERS = "「」『』"


def is_han(char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in HAN_RANGES)


NON_HAN = st.characters(exclude_categories=("Cs",)).filter(lambda c: not is_han(c))
PIECES = st.sampled_from(
    ["隨著", "關係", "於是", "著作", "微信群", "社會資本", "「", "」", "乾", "髮", " ", "\n",
     "`", "```\n", "\n```", "<a title=\"隨著\">", "](", ")", "https://x.org/隨著", "{#著}",
     "Klinenberg", "é", "(", "，", "\x00", "\ufdd0"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES | NON_HAN, max_size=40).map("".join), st.data())
def test_protected_spans_come_out_byte_identical(text: str, data: st.DataObject) -> None:
    bounds = st.integers(0, len(text))
    extra = data.draw(st.lists(st.tuples(bounds, bounds).map(sorted).map(tuple), max_size=3))
    for target in (ZH_HANS, ZH_HANT):
        output = convert(text, target, protected=extra, terms=TERMS)
        position = 0
        for start, end in protected_spans(text, extra, latin=True):
            found = output.find(text[start:end], position)
            assert found >= position, (text[start:end], output)
            position = found + end - start


@settings(deadline=None)
@given(st.sampled_from(GLOSSARY.terms), st.text("社會群著於係，。 ", max_size=6), st.booleans())
def test_glossary_forms_convert_to_their_declared_forms(term, context: str, hant: bool) -> None:
    if hant:
        text = f"{context}，{term.zh_hant}。{context}"
        assert f"，{term.zh_hans}。" in to_hans(text)
    else:
        text = f"{context}，{term.zh_hans}。{context}"
        assert f"，{term.zh_hant}。" in to_hant(text)


@given(st.text(NON_HAN.filter(lambda c: c not in CORNERS)), st.sampled_from([ZH_HANS, ZH_HANT]))
def test_text_without_han_characters_is_unchanged(text: str, target: str) -> None:
    assert convert(text, target, terms=TERMS) == text


@given(st.text(NON_HAN))
def test_text_without_han_is_unchanged_when_punctuation_is_off(text: str) -> None:
    assert convert(text, terms=TERMS, punctuation=False) == text


# --- the command line ------------------------------------------------------------------------


def test_convert_command_keeps_citations_and_uses_the_editions_forms(tmp_path: Path) -> None:
    source = tmp_path / "page.md"
    source.write_text(
        "# 社會基礎設施 {#si}\n\n隨著疫情，微信群（Klinenberg, 2018；張德勝，2019）與「團購」。\n",
        encoding="utf-8",
    )
    output = tmp_path / "out" / "page.md"
    args = ["convert", "--to", "zh-Hans", str(source), "-o", str(output)]
    assert main([*args, "--edition", str(EDITION)]) == 0
    assert output.read_text(encoding="utf-8") == (
        "# 社会基础设施 {#si}\n\n随着疫情，微信群（Klinenberg, 2018；張德勝，2019）与“团购”。\n"
    )
    assert main([*args, "--no-punctuation", "--config", "t2s"]) == 0
    assert output.read_text(encoding="utf-8").endswith(
        "随著疫情，微信群（Klinenberg, 2018；張德勝，2019）与「团购」。\n"
    )


def test_convert_command_reports_bad_input_without_writing(tmp_path: Path, capsys) -> None:
    output = tmp_path / "out.md"
    source = tmp_path / "bad.md"
    source.write_bytes(b"\xff\xfe")
    assert main(["convert", "--to", "zh-Hant", str(source), "-o", str(output)]) == 1
    assert "bad.md:1: not valid UTF-8" in capsys.readouterr().err
    assert not output.exists()
