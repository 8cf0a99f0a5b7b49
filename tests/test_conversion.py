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
    _overlapping,
    convert,
    default_terms,
    keeps_latin,
    load_overrides,
    opencc_converter,
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
    # Why the defaults exist: hk2s keeps 著 in 隨著.
    assert convert("隨著", defaults=False) == "随著"
    assert convert("隨著") == "随着"


def test_the_preposition_yu_is_simplified_and_the_surname_kept() -> None:
    assert to_hans("於是") == "于是"
    assert to_hans("關於社區") == "关于社区"
    assert to_hans("作家於梨華") == "作家於梨华"


def test_a_surname_yu_opencc_does_not_know_needs_an_override() -> None:
    assert to_hans("於明說") == "于明说"
    name = TermList((TermPair("於明", "於明"),))
    assert convert("於明說", terms=name + OVERRIDES) == "於明说"


def test_declared_surnames_keep_their_character_in_both_directions() -> None:
    # Issue 14: 於明先生 became 于明先生 and 于先生 became 於先生.
    assert convert("於明先生") == "于明先生"  # OpenCC cannot know 於 is a surname here
    assert convert("于先生", ZH_HANT) == "於先生"
    surnames = TermList(surnames=("於", "于", "范"))
    assert convert("於明先生", terms=surnames) == "於明先生"
    assert convert("于先生", ZH_HANT, terms=surnames) == "于先生"
    assert convert("于明教授说，于是", ZH_HANT, terms=surnames) == "于明教授説，於是"
    assert convert("姓范的人", ZH_HANT, terms=surnames) == "姓范的人"
    assert convert("姓范的人", ZH_HANT, defaults=False) == "姓範的人"
    # The preposition is still the preposition.
    assert convert("於是他說", terms=surnames) == "于是他说"


def test_surnames_are_read_from_the_overrides_file(tmp_path: Path) -> None:
    path = tmp_path / "conversion-overrides.yml"
    path.write_text(
        "overrides: []\nsurnames:\n  - {surname: 於, why: 於明 in the acknowledgements}\n",
        encoding="utf-8",
    )
    assert load_overrides(path).surnames == ("於",)
    path.write_text("overrides: []\nsurnames:\n  - {surname: Yu, why: x}\n", encoding="utf-8")
    with pytest.raises(EditionError, match="one or two Han characters") as error:
        load_overrides(path)
    assert error.value.line == 3


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
    # Quotation marks in code or a link target are not punctuation of the prose; a bare URL
    # ends at the first CJK punctuation mark.
    kept = "`print(「是」)` [「是」](https://example.org/「b」) https://example.org/「a」"
    assert (
        to_hans(kept) == "`print(「是」)` [“是”](https://example.org/「b」) https://example.org/“a”"
    )
    assert to_hant("他们“是”") == "他們“是”"
    # A declared form's own quotes are as declared, whatever OpenCC makes of its characters.
    declared = TermList((TermPair("「書」", "「书」"),))
    assert convert("他讀「書」與「書本」", terms=declared) == "他读「书」与“书本”"


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


def test_spans_passed_in_are_kept_verbatim() -> None:
    text = "如（張德勝，2019）所說，隨著疫情"
    span = (1, 11)
    assert text[slice(*span)] == "（張德勝，2019）"
    assert to_hans(text, protected=[span]) == "如（張德勝，2019）所说，随着疫情"
    assert to_hans(text).startswith("如（张德胜")


def test_citations_keep_latin_names_and_numbers_and_convert_the_chinese_around_them() -> None:
    # Issue 14: the whole citation was kept, so 與 stayed Traditional on Simplified pages.
    assert to_hans("見 Latham 與 Layton（2019）") == "见 Latham 与 Layton（2019）"
    assert to_hans("（Klinenberg, 2018；楊與王，2024）") == "（Klinenberg, 2018；杨与王，2024）"
    assert to_hans("楊（2024）指出；楊與王（2024）") == "杨（2024）指出；杨与王（2024）"


def test_markup_is_kept_and_link_text_is_converted() -> None:
    text = (
        '見[隨著](https://例.org/隨著) `隨著` <span title="隨著">隨著</span> {#隨著}\n'
        "```\n隨著\n```\n聯絡 a@b.org 或 https://x.org/隨著"
    )
    expected = (
        '见[随着](https://例.org/隨著) `隨著` <span title="隨著">随着</span> {#隨著}\n'
        "```\n隨著\n```\n联络 a@b.org 或 https://x.org/隨著"
    )
    assert to_hans(text) == expected


@pytest.mark.parametrize(
    ("hant", "hans"),
    [
        # Issue 14's inputs: each URL form, code, and what is no tag.
        ("見 https://zh.wikipedia.org/wiki/社會資本", "见 https://zh.wikipedia.org/wiki/社會資本"),
        (
            "見 https://zh.wikipedia.org/wiki/社會資本。後臺",
            "见 https://zh.wikipedia.org/wiki/社會資本。后台",
        ),
        ("見 <https://example.org/後臺> 後臺", "见 <https://example.org/後臺> 后台"),
        (
            "[後臺][r]\n\n[r]: https://example.org/後臺/係數",
            "[后台][r]\n\n[r]: https://example.org/後臺/係數",
        ),
        (
            "見 https://example.org/查詢?q=後臺&頁=2，後臺",
            "见 https://example.org/查詢?q=後臺&頁=2，后台",
        ),
        ("見 https://例子.中國/後臺 後臺", "见 https://例子.中國/後臺 后台"),
        ("見 www.例子.中國/後臺，後臺", "见 www.例子.中國/後臺，后台"),
        (
            "聯絡 editor@example.org，或 編輯@例子.中國。",
            "联络 editor@example.org，或 编辑@例子.中國。",
        ),
        (
            "<code>後臺</code>與<pre>後臺\n係數</pre>後臺",
            "<code>後臺</code>与<pre>後臺\n係數</pre>后台",
        ),
        ("當 n<m 與 m>k 時", "当 n<m 与 m>k 时"),
        (
            '<a href="https://例.org/後臺" title="後臺">後臺</a>',
            '<a href="https://example.org/後臺" title="後臺">后台</a>'.replace("example", "例"),
        ),
        ("（見 https://a.org/後臺）後臺", "（见 https://a.org/後臺）后台"),
        ("見 https://a.org/後臺).", "见 https://a.org/後臺)."),
    ],
)
def test_every_url_form_code_and_only_real_tags_are_kept(hant: str, hans: str) -> None:
    assert to_hans(hant) == hans


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
        ("overrides:\n  - zh-Hant: 著\n    zh-Hans: [着\n", 3, r"the \[ opened on line 3"),
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


def test_every_default_says_why_and_the_edition_keeps_only_its_own() -> None:
    defaults = default_terms()
    assert len(defaults.pairs) > 40
    assert all(pair.line and pair.default for pair in defaults.pairs)
    # The first edition's file holds nothing the defaults already hold.
    default_forms = {(p.hant, p.hans) for p in defaults.pairs}
    assert not {(p.hant, p.hans) for p in OVERRIDES.pairs} & default_forms


def test_an_editions_pair_wins_over_a_default() -> None:
    mine = TermList((TermPair("著", "著", "conversion-overrides.yml", 3),))
    assert convert("看著他", terms=mine) == "看着他"  # the longer default 看著 still holds
    assert convert("著他", terms=mine) == "著他"
    assert convert("著他") == "着他"


def test_a_pair_for_one_direction_holds_only_there() -> None:
    assert convert("甚麼") == "什么"
    assert convert("什么", ZH_HANT) == "什麼"  # not 甚麼: Hong Kong writes both


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


def test_convert_command_keeps_latin_names_and_uses_the_defaults_and_the_editions_forms(
    tmp_path: Path,
) -> None:
    source = tmp_path / "page.md"
    source.write_text(
        "# 社會基礎設施 {#si}\n\n隨著疫情，微信群（Klinenberg, 2018；張德勝，2019）與「團購」。\n",
        encoding="utf-8",
    )
    output = tmp_path / "out" / "page.md"
    args = ["convert", "--to", "zh-Hans", str(source), "-o", str(output)]
    assert main([*args, "--edition", str(EDITION)]) == 0
    assert output.read_text(encoding="utf-8") == (
        "# 社会基础设施 {#si}\n\n随着疫情，微信群（Klinenberg, 2018；张德胜，2019）与“团购”。\n"
    )
    # Without --edition the toolkit's defaults still hold (issue 14: 隨著 became 随著).
    assert main([*args, "--no-punctuation", "--config", "t2s"]) == 0
    assert output.read_text(encoding="utf-8").endswith(
        "随着疫情，微信群（Klinenberg, 2018；张德胜，2019）与「团购」。\n"
    )


def test_convert_command_without_edition_gives_issue_14s_expected_forms(
    tmp_path: Path, capsys
) -> None:
    source = tmp_path / "a.txt"
    source.write_text("隨著疫情擴散，居民看著群聊，這意味著改變。甚麼是著作？\n", encoding="utf-8")
    assert main(["convert", "--to", "zh-Hans", str(source)]) == 0
    assert capsys.readouterr().out == "随着疫情扩散，居民看着群聊，这意味着改变。什么是著作？\n"
    source.write_text("被发明的技术，学习了如何，参与制造\n這裡的鄰里\n", encoding="utf-8")
    assert main(["convert", "--to", "zh-Hant", str(source)]) == 0
    assert capsys.readouterr().out == "被發明的技術，學習了如何，參與製造\n這裡的鄰里\n"


def test_convert_command_reports_bad_input_without_writing(tmp_path: Path, capsys) -> None:
    output = tmp_path / "out.md"
    source = tmp_path / "bad.md"
    source.write_bytes(b"\xff\xfe")
    assert main(["convert", "--to", "zh-Hant", str(source), "-o", str(output)]) == 1
    assert "bad.md:1: not valid UTF-8" in capsys.readouterr().err
    assert not output.exists()


# --- the conversion test set -----------------------------------------------------------------
# Sentences of our own, by the error class they test, each in both directions where the class
# has two. Every class comes from OpenCC's tracker (BYVoid/OpenCC issues, cited as #N) or
# issue 14 of this project:
# - the particle 著 and the zhù words that keep 著 in Simplified: #555, #776, #963, #859;
# - 甚麼, which hk2s leaves as 甚么: #1469, #1473;
# - word-boundary errors to Traditional, OpenCC's longest phrase spanning two words
#   (被发明, 学习了如何, 参与制造, 心理发展, 前头发生, 一个中年, 粉丝发布, 干 before a word):
#   #1497, #224, #586, #201, #580, #280, #1277, #58;
# - text already in the target script rewritten (鄰里 → 鄰裏): issue 14;
# - ambiguous one-to-many characters that OpenCC resolves by phrase (后/後, 面/麪, 干/乾/幹,
#   发/發/髮, 只/隻, 里/裏, 台/颱, 系/係, 冲/衝/沖, 钟/鐘/鍾): controls that the segmentation
#   keeps OpenCC's right answers (#201, #1277);
# - surnames (於, 于, 范): issue 14.
# Frames are sentence contexts; each word is put into each frame.

FRAMES_TO_HANS = [
    ("研究{}。", "研究{}。"),
    ("在疫情期間，居民{}。", "在疫情期间，居民{}。"),
    ("這篇論文指出，{}。", "这篇论文指出，{}。"),
    ("社區群組{}，", "社区群组{}，"),
    ("我們發現{}！", "我们发现{}！"),
    ("「{}」", "“{}”"),
    ("他說{}？", "他说{}？"),
    ("從訪談看，{}；", "从访谈看，{}；"),
]
#: Traditional (as Hong Kong prose writes it) -> Simplified.
ZHE_AND_ZHU = [
    ("隨著疫情擴散", "随着疫情扩散"),
    ("看著手機", "看着手机"),
    ("意味著改變", "意味着改变"),
    ("存在著差異", "存在着差异"),
    ("發揮著作用", "发挥着作用"),
    ("扮演著重要角色", "扮演着重要角色"),
    ("面臨著挑戰", "面临着挑战"),
    ("沿著街道", "沿着街道"),
    ("朝著目標前進", "朝着目标前进"),
    ("本著互助原則", "本着互助原则"),
    ("憑著經驗", "凭着经验"),
    ("藉著平台", "借着平台"),
    ("有著密切關係", "有着密切关系"),
    ("睡著了", "睡着了"),
    ("著急地等待", "着急地等待"),
    ("伴隨著封控", "伴随着封控"),
    ("承載著記憶", "承载着记忆"),
    ("隨著作為平台", "随着作为平台"),
    ("他的著作", "他的著作"),
    ("著名學者", "著名学者"),
    ("效果顯著", "效果显著"),
    ("原著小說", "原著小说"),
    ("專著出版", "专著出版"),
    ("編著的教材", "编著的教材"),
    ("土著居民", "土著居民"),
    ("著書立說", "著书立说"),
    ("名著選讀", "名著选读"),
    ("所著的書", "所著的书"),
    ("臭名昭著", "臭名昭著"),
    ("卓著的貢獻", "卓著的贡献"),
    ("遺著整理", "遗著整理"),
    ("譯著兩部", "译著两部"),
    ("合著論文", "合著论文"),
    ("論著目錄", "论著目录"),
    ("著錄規則", "著录规则"),
    ("著稱於世", "著称于世"),
    ("著有專書", "著有专书"),
    ("所著重的", "所着重的"),
    ("有著作", "有著作"),
    ("甚麼", "什么"),
    ("為甚麼", "为什么"),
    ("做甚麼", "做什么"),
    ("甚麼樣的", "什么样的"),
    ("沒甚麼", "没什么"),
]
#: Simplified -> Hong Kong Traditional (s2hk's variants: 羣, 説, 裏, 麪).
FRAMES_TO_HANT = [
    ("研究{}。", "研究{}。"),
    ("在疫情期间，{}。", "在疫情期間，{}。"),
    ("这篇论文指出，{}。", "這篇論文指出，{}。"),
    ("我们发现{}！", "我們發現{}！"),
    ("从访谈看，{}；", "從訪談看，{}；"),
    ("有学者认为{}", "有學者認為{}"),
]
BOUNDARIES = [
    ("被发明的技术", "被發明的技術"),
    ("被发掘出来", "被發掘出來"),
    ("展示了如何", "展示了如何"),
    ("学习了如何", "學習了如何"),
    ("参与制造", "參與製造"),
    ("心理发展", "心理發展"),
    ("前头发生", "前頭發生"),
    ("一只只小鸟", "一隻隻小鳥"),
    ("松脆饼干", "鬆脆餅乾"),
    ("不干燥", "不乾燥"),
    ("粉丝发布", "粉絲發佈"),
    ("现金发放", "現金發放"),
    ("去干扰", "去干擾"),
    ("一个中年人", "一個中年人"),
    ("数个中间商", "數個中間商"),
    ("这只是开始", "這只是開始"),
    ("向代理发送消息", "向代理發送消息"),
    ("随着疫情", "隨著疫情"),
    # Controls: OpenCC's phrases that the segmentation must keep.
    ("干锅鸡", "乾鍋雞"),
    ("理发店", "理髮店"),
    ("头发白了", "頭髮白了"),
    ("后来", "後來"),
    ("皇后", "皇后"),
    ("一碗面条", "一碗麪條"),
    ("面对面", "面對面"),
    ("台风天", "颱風天"),
    ("系统关系", "系統關係"),
    ("冲突", "衝突"),
    ("冲洗", "沖洗"),
    ("钟表", "鐘錶"),
    ("钟情", "鍾情"),
    ("干部", "幹部"),
    ("干净", "乾淨"),
    ("若干", "若干"),
    ("答复", "答覆"),
    ("一只", "一隻"),
    ("只有", "只有"),
    ("里面", "裏面"),
    ("公里", "公里"),
    ("收获", "收穫"),
    ("手表", "手錶"),
    ("胡须", "鬍鬚"),
]
TO_HANS_SET = [
    (frame.format(hant), target.format(hans))
    for frame, target in FRAMES_TO_HANS
    for hant, hans in ZHE_AND_ZHU
]
TO_HANT_SET = [
    (frame.format(hans), target.format(hant))
    for frame, target in FRAMES_TO_HANT
    for hans, hant in BOUNDARIES
]


def test_the_set_has_at_least_300_sentences_in_each_direction_together() -> None:
    assert len(TO_HANS_SET) + len(TO_HANT_SET) >= 300
    assert len(set(TO_HANS_SET)) == len(TO_HANS_SET)


@pytest.mark.parametrize(("hant", "hans"), TO_HANS_SET)
def test_set_to_simplified(hant: str, hans: str) -> None:
    assert convert(hant) == hans


@pytest.mark.parametrize(("hans", "hant"), TO_HANT_SET)
def test_set_to_traditional(hans: str, hant: str) -> None:
    assert convert(hans, ZH_HANT) == hant


@pytest.mark.parametrize(("hant", "hans"), TO_HANS_SET)
def test_set_text_already_in_the_target_script_is_left_as_it_is(hant: str, hans: str) -> None:
    # Issue 14: Traditional input sent to zh-Hant was rewritten (這裡的鄰里 → 這裏的鄰裏).
    assert convert(hant, ZH_HANT) == hant
    assert convert(hans, ZH_HANS) == hans


def _same_but_variants(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ only by variant glyphs of one character (說/説, 群/羣):
    at each position the same character, or two that OpenCC simplifies alike."""
    simplify = opencc_converter("t2s").convert
    return len(a) == len(b) and all(
        x == y or simplify(x) == simplify(y) for x, y in zip(a, b, strict=True)
    )


@pytest.mark.parametrize(("hant", "hans"), [p for p in TO_HANS_SET if "甚麼" not in p[0]])
def test_set_round_trip_from_traditional(hant: str, hans: str) -> None:
    # Traditional is the source of truth; s2hk writes Hong Kong's glyphs (説, 羣), so the
    # round trip gives the same words, up to those variants.
    back = convert(convert(hant, punctuation=False), ZH_HANT)
    assert _same_but_variants(back, hant), back


@pytest.mark.parametrize(("hans", "hant"), TO_HANT_SET)
def test_set_round_trip_from_simplified(hans: str, hant: str) -> None:
    assert convert(convert(hans, ZH_HANT)) == hans


def test_a_known_lossy_round_trip() -> None:
    # 甚麼 and 什麼 are both Traditional; Simplified writes only 什么.
    assert convert(convert("甚麼"), ZH_HANT) == "什麼"


@pytest.mark.parametrize(
    "hant",
    ["這裡的鄰里", "裡面的人", "臺灣與台灣", "他說「著」", "麵包與麪包", "群組與羣組", "於是"],
)
def test_traditional_variants_survive_conversion_to_traditional(hant: str) -> None:
    assert convert(hant, ZH_HANT) == hant


def test_mixed_text_converts_only_what_is_not_yet_in_the_target_script() -> None:
    text = "这里说：「這裡的鄰里」，随着疫情。"
    assert convert(text, ZH_HANT) == "這裏説：「這裡的鄰里」，隨著疫情。"


def test_default_configs_keep_latin_and_regional_phrase_configs_do_not() -> None:
    assert keeps_latin("hk2s") and keeps_latin("s2hk") and keeps_latin("t2s")
    assert not keeps_latin("tw2sp")  # A型肝炎 -> 甲型肝炎
    assert not keeps_latin("no-such-config")
    assert convert("A型肝炎與 Hepatitis A", config="tw2sp") == "A型肝炎与 Hepatitis A"


# --- cases beyond issue 14's inputs, of the same kinds -----------------------------------------


@pytest.mark.parametrize(
    ("hant", "hans"),
    [
        # 著 before a book title is zhù, "written by" (the authorship words of OpenCC #963).
        ("費孝通著《鄉土中國》（1948）", "费孝通著《乡土中国》（1948）"),
        # The particle before a title, after a verb that begins first (OpenCC #555).
        ("讀著《紅樓夢》", "读着《红楼梦》"),
        ("看著《人民日報》", "看着《人民日报》"),
        ("他唱著《月亮代表我的心》走了", "他唱着《月亮代表我的心》走了"),
        ("她哼著《茉莉花》", "她哼着《茉莉花》"),
        ("他握著《論語》", "他握着《论语》"),
        ("唱著名曲", "唱著名曲"),
        ("讀著作", "读著作"),
        ("讀著名作家的書", "读著名作家的书"),
        # zhù words hk2s turns into 着 (OpenCC #963): Hong Kong's 鉅著, 佳著.
        ("一部鉅著", "一部巨著"),
        ("佳著", "佳著"),
        # zhù words left out because the particle's verb begins first (OpenCC #555).
        ("大著膽子", "大着胆子"),
        ("努力著", "努力着"),
        ("靠近著海", "靠近着海"),
        ("依舊著迷", "依旧着迷"),
    ],
)
def test_zhu_before_a_title_and_more_zhu_words(hant: str, hans: str) -> None:
    assert convert(hant) == hans
    assert convert(hant, ZH_HANT) == hant


@pytest.mark.parametrize(
    ("hans", "hant"),
    [
        ("挽发", "挽髮"),  # OpenCC #587 (hk2s gives 挽發)
        ("妆发", "妝髮"),  # OpenCC #585: a control
        ("须发皆白", "鬚髮皆白"),  # OpenCC #280: a control
        ("了解了如何", "瞭解了如何"),  # OpenCC #1497
        ("奖金发放", "獎金發放"),  # OpenCC #1277 (金发 → 金髮)
        ("请求将被发送到", "請求將被發送到"),  # Vonng/ddia #145 (被髮送)
        ("这些影响包括发送", "這些影響包括發送"),  # Vonng/ddia #145 (包括髮送)
    ],
)
def test_more_reported_boundary_errors_to_traditional(hans: str, hant: str) -> None:
    assert convert(hans, ZH_HANT) == hant
    assert convert(hant) == hans


@pytest.mark.parametrize(
    ("hans", "hant"),
    [
        # Surnames whose Traditional counterpart of the same Simplified form is no surname:
        # s2hk wrote 範先生, 餘教授, 塗, 嶽, 樸, 鬱 (issue 14's surname class).
        ("范先生", "范先生"),
        ("余教授说", "余教授説"),
        ("涂先生", "涂先生"),
        ("岳先生", "岳先生"),
        ("朴女士", "朴女士"),
        ("郁老师", "郁老師"),
        ("与范老师", "與范老師"),
        ("他姓范", "他姓范"),
        ("姓岳名飞", "姓岳名飛"),
        # No surname where the character makes a word with its neighbour.
        ("其余老师", "其餘老師"),
        ("模范教授", "模範教授"),
        ("余额总计", "餘額總計"),
        ("范围总体", "範圍總體"),
        ("余下的总数", "餘下的總數"),
        ("余光中先生", "余光中先生"),
    ],
)
def test_default_surnames_to_traditional(hans: str, hant: str) -> None:
    assert convert(hans, ZH_HANT) == hant


def test_a_declared_surname_is_no_surname_inside_a_word() -> None:
    # 於 declared as a surname: 關於王老師 is "about teacher Wang", 於明先生 a name.
    surnames = TermList(surnames=("於", "于"))
    assert convert("關於王老師，於明先生", terms=surnames) == "关于王老师，於明先生"
    assert convert("关于王老师，于明先生", ZH_HANT, terms=surnames) == "關於王老師，于明先生"


@pytest.mark.parametrize(
    ("text", "hant"),
    [
        # Issue 14 (這裡的鄰里 → 這裏的鄰裏): a run of characters both scripts write, in
        # Traditional text, kept as its neighbours are.
        ("里、鄰", "里、鄰"),
        ("后、妃與嬪", "后、妃與嬪"),
        ("干、支與曆法", "干、支與曆法"),
        # ... and converted next to Simplified text.
        ("后来、里", "後來、裏"),
        ("干、支与历法", "幹、支與曆法"),
    ],
)
def test_runs_both_scripts_write_follow_their_neighbours_to_traditional(
    text: str, hant: str
) -> None:
    assert convert(text, ZH_HANT) == hant


@pytest.mark.parametrize(
    ("hant", "hans"),
    [
        ("見 https://example.org/後臺…後臺", "见 https://example.org/後臺…后台"),
        ("見 https://example.org/後臺——後臺", "见 https://example.org/後臺——后台"),
        ("見「https://example.org/後臺」後臺", "见“https://example.org/後臺”后台"),
        ("見 https://example.org/後臺),後臺", "见 https://example.org/後臺),后台"),
        ("(見 https://example.org/wiki/A_(B))後臺", "(见 https://example.org/wiki/A_(B))后台"),
    ],
)
def test_a_url_ends_where_prose_begins(hant: str, hans: str) -> None:
    assert convert(hant) == hans


@pytest.mark.parametrize(
    ("hans", "hant"),
    [
        # A Simplified text that quotes a Traditional title stays Simplified around it.
        ("他在《臺灣》里，写了很多。", "他在《臺灣》裏，寫了很多。"),
        ("他读《臺灣》后，写了", "他讀《臺灣》後，寫了"),
        ("《臺灣文學》、干部、后来", "《臺灣文學》、幹部、後來"),
    ],
)
def test_a_traditional_title_in_simplified_text_decides_nothing(hans: str, hant: str) -> None:
    assert convert(hans, ZH_HANT) == hant


@pytest.mark.parametrize(
    ("hans", "hant"),
    [
        # Simplified prose quotes with curly quotes: the text after the closing one is prose.
        ("见“https://x.org/a”后来", "見“https://x.org/a”後來"),
        ("见‘https://x.org/a’后来", "見‘https://x.org/a’後來"),
        # A middle dot and a single dash belong to the address: Wikipedia names pages so.
        (
            "见 https://zh.wikipedia.org/wiki/列夫·托尔斯泰 一文",
            "見 https://zh.wikipedia.org/wiki/列夫·托尔斯泰 一文",
        ),
        ("见 https://example.org/发展—历史 一文", "見 https://example.org/发展—历史 一文"),
        ("见 https://example.org/a——后来", "見 https://example.org/a——後來"),
    ],
)
def test_a_url_ends_at_curly_quotes_not_at_name_dots(hans: str, hant: str) -> None:
    assert convert(hans, ZH_HANT) == hant


@pytest.mark.parametrize(
    ("hant", "hans"),
    [
        # The footnote's text was kept whole as if it were a reference definition.
        ("注[^後臺]。\n\n[^後臺]: 後臺的定義", "注[^後臺]。\n\n[^後臺]: 后台的定义"),
        # A shortcut reference's text is its label: converted, it no longer matched the kept
        # definition and the link was lost.
        ("見[後臺]。\n\n[後臺]: https://x.org", "见[後臺]。\n\n[後臺]: https://x.org"),
        ("見[後臺][]。\n\n[後臺]: https://x.org", "见[後臺][]。\n\n[後臺]: https://x.org"),
        ("[後臺]沒有定義", "[后台]没有定义"),
    ],
)
def test_footnote_text_converts_and_reference_labels_stay_matched(hant: str, hans: str) -> None:
    assert convert(hant) == hans


def _can_overlap(a: str, b: str) -> bool:
    """Occurrences of ``a`` and ``b`` can overlap: one holds the other, or one ends with the
    beginning of the other (the definition, form by form)."""
    return (
        a in b
        or b in a
        or any(a.endswith(b[:k]) or b.endswith(a[:k]) for k in range(1, min(len(a), len(b))))
    )


@given(
    st.sets(st.text(alphabet="著作者名平台化ab", min_size=1, max_size=5), max_size=20),
    st.data(),
)
def test_forms_substituted_are_all_that_can_overlap_one_substituted(forms, data) -> None:
    """A declared form substituted by the converter takes every form that can overlap it
    along (and theirs, and so on): the closure under :func:`_can_overlap`."""
    chosen = data.draw(st.sets(st.sampled_from(sorted(forms)))) if forms else set()
    expected = set(chosen)
    while more := {f for f in forms - expected if any(_can_overlap(f, n) for n in expected)}:
        expected |= more
    assert _overlapping(chosen, forms) == expected
