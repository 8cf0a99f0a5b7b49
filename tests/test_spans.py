"""Protected spans: what conversion and the glossary never touch."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edition.spans import find_outside, merge_spans, protected_spans
from edition.trie import trie_regex


def covered(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前文 `隨著` 後文", ["`隨著`"]),
        ("前 ``a`著`b`` 後", ["``a`著`b``"]),
        ("```py\n隨著 = 1\n```\n後文", ["```py\n隨著 = 1\n```"]),
        ("段落\n\n~~~\n著\n~~~~\n後文", ["\n~~~\n著\n~~~~"]),
        ("段落\n```\n未閉合的著", ["\n```\n未閉合的著"]),
        (
            "- 列表\n\n    ```\n    著\n\n    著\n    ```\n後",
            ["\n    ```\n    著\n\n    著\n    ```"],
        ),
        ("見<!-- 著 -->此", ["<!-- 著 -->"]),
        ('見<a href="x" title="隨著">隨著</a>', ['<a href="x" title="隨著">', "</a>"]),
        ("見[隨著](https://x.org/隨著_(a))。", ["](https://x.org/隨著_(a))"]),
        ("![圖](img/著.png)", ["](img/著.png)"]),
        ("網址https://example.org/a?b=1。後", ["https://example.org/a?b=1"]),
        ("網址www.example.org。", ["www.example.org"]),
        ("電郵editor.x+1@example.org。", ["editor.x+1@example.org"]),
        ("## 方法 {#methods}", ["{#methods}"]),
        ("## 方法 {: .lead #m }", ["{: .lead #m }"]),
    ],
)
def test_each_kind_of_span_is_protected(text: str, expected: list[str]) -> None:
    assert covered(text, protected_spans(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Issue 14: URLs with non-ASCII paths, autolinks, reference definitions, queries,
        # IDN hosts, e-mail, code and pre.
        (
            "見 https://zh.wikipedia.org/wiki/社會資本 。",
            ["https://zh.wikipedia.org/wiki/社會資本"],
        ),
        (
            "見 https://zh.wikipedia.org/wiki/社會資本，後",
            ["https://zh.wikipedia.org/wiki/社會資本"],
        ),
        ("見<https://example.org/後臺>後", ["<https://example.org/後臺>"]),
        ("見<mailto:編輯@例子.中國>後", ["<mailto:編輯@例子.中國>"]),
        ("見<editor@example.org>後", ["<editor@example.org>"]),
        (
            '[後臺][r]\n\n[r]: https://example.org/後臺/係數 "標題"\n後',
            ["][r]", '\n[r]: https://example.org/後臺/係數 "標題"'],
        ),
        ("  [r]: <https://例.org/後臺>", ["  [r]: <https://例.org/後臺>"]),
        (
            "查 https://example.org/搜尋?q=後臺&lang=中文#段落。",
            ["https://example.org/搜尋?q=後臺&lang=中文#段落"],
        ),
        ("見 https://例子.中國/路徑 後", ["https://例子.中國/路徑"]),
        ("見 http://xn--fsqu00a.xn--fiqs8s/後臺 後", ["http://xn--fsqu00a.xn--fiqs8s/後臺"]),
        ("寫信給 編輯@例子.中國，", ["@例子.中國"]),
        ("寫信給 editor@例子.中國。", ["editor@例子.中國"]),
        ("<code>後臺</code>後", ["<code>後臺</code>"]),
        ('<pre class="x">後臺\n係數</pre>後', ['<pre class="x">後臺\n係數</pre>']),
        ("<CODE>後</code>後", ["<CODE>後</code>"]),
        ("<kbd>Ctrl</kbd>與<samp>輸出</samp>", ["<kbd>Ctrl</kbd>", "<samp>輸出</samp>"]),
        # Only real tags: n<m 與 m>k is prose (CommonMark 6.6).
        ("當 n<m 與 m>k 時", []),
        ("當 a <b 與 c> 時", []),
        ("a<b>c", ["<b>"]),
        ("<img src=\"後.png\" alt='後'/>", ["<img src=\"後.png\" alt='後'/>"]),
        ("<span data-x=後>", ["<span data-x=後>"]),
        ("</span >", ["</span >"]),
        ("（見 https://a.org/x）。", ["https://a.org/x"]),
        ("見 https://a.org/x_(y)。", ["https://a.org/x_(y)"]),
        ("見 https://a.org/x.", ["https://a.org/x"]),
        # A URL ends where prose begins: general punctuation (curly quotes, a double dash,
        # ellipsis), and a closing parenthesis it did not open.
        ("見 https://a.org/後…後", ["https://a.org/後"]),
        ("見 https://a.org/後——後", ["https://a.org/後"]),
        ("见“https://a.org/x”后", ["https://a.org/x"]),
        ("见‘https://a.org/x’后", ["https://a.org/x"]),
        # A middle dot and a single dash belong to an address (zh.wikipedia: 列夫·托尔斯泰).
        (
            "見 https://zh.wikipedia.org/wiki/列夫·托尔斯泰 一文",
            ["https://zh.wikipedia.org/wiki/列夫·托尔斯泰"],
        ),
        ("見 https://a.org/x·。", ["https://a.org/x"]),
        ("見 https://a.org/x),後", ["https://a.org/x"]),
        ("(見 https://a.org/A_(B))後", ["https://a.org/A_(B)"]),
        ("見 https://a.org/A_(B)_(C)。", ["https://a.org/A_(B)_(C)"]),
        # DOIs without a URL (DOI Handbook 2.2): ASCII suffix, trailing punctuation left out.
        ("doi:10.1080/13691180802109030後", ["10.1080/13691180802109030"]),
        ("DOI 10.1016/j.socnet.2019.01.002.", ["10.1016/j.socnet.2019.01.002"]),
        ("（10.1177/0003122419855000）", ["10.1177/0003122419855000"]),
        ("10.1002/(SICI)1097-4571(199806)49:8<7>", ["10.1002/(SICI)1097-4571(199806)49:8"]),
        ("增長 10.5%，比例 10.25/3", []),
    ],
)
def test_every_url_form_code_and_only_real_tags(text: str, expected: list[str]) -> None:
    assert covered(text, protected_spans(text)) == expected


def test_links_with_their_text_only_when_asked() -> None:
    text = '見[社會資本](https://x.org)與<a href="y">社會資本</a>、![圖](i.png)和[甲][r]。'
    assert covered(text, protected_spans(text)) == [
        "](https://x.org)",
        '<a href="y">',
        "</a>",
        "](i.png)",
        "][r]",
    ]
    assert covered(text, protected_spans(text, links=True)) == [
        "[社會資本](https://x.org)",
        '<a href="y">社會資本</a>',
        "![圖](i.png)",
        "[甲][r]",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Shortcut and collapsed reference links: their text is the label that must match the
        # definition, which is kept (CommonMark 6.3: labels match case-insensitively).
        ("見[後臺]。\n\n[後臺]: https://x.org", ["[後臺]", "\n[後臺]: https://x.org"]),
        ("見[後臺][]。\n\n[後臺]: https://x.org", ["[後臺][]", "\n[後臺]: https://x.org"]),
        ("見[Site]。\n\n[site]: https://x.org", ["[Site]", "\n[site]: https://x.org"]),
        # A bracketed word that no definition names is prose.
        ("見[後臺]與[前臺]。\n\n[前臺]: https://x.org", ["[前臺]", "\n[前臺]: https://x.org"]),
        # Footnotes: the labels are kept, a footnote's text is prose.
        ("注[^後臺]。\n\n[^後臺]: 後臺的定義", ["[^後臺]", "[^後臺]"]),
    ],
)
def test_reference_labels_and_footnote_labels(text: str, expected: list[str]) -> None:
    assert covered(text, protected_spans(text)) == expected


def test_a_lone_backtick_or_bracket_protects_nothing() -> None:
    text = "一個 ` 符號，另一段\n\n又一個 ` 符號 [著] (著)"
    assert protected_spans(text) == []


def test_inline_code_does_not_cross_a_blank_line() -> None:
    text = "`開始\n\n結束`"
    assert protected_spans(text) == []


def test_extra_spans_are_merged_with_the_found_ones() -> None:
    text = "（張三，2019）見 `code`"
    citation = (0, 9)
    spans = protected_spans(text, [citation, (5, 7)])
    assert covered(text, spans) == ["（張三，2019）", "`code`"]


def test_latin_runs_only_when_asked() -> None:
    text = "如 Klinenberg, 2018; Latham & Layton 所說，社會 infrastructure。"
    assert protected_spans(text) == []
    runs = covered(text, protected_spans(text, latin=True))
    assert runs == ["Klinenberg, 2018; Latham & Layton", "infrastructure"]


def test_latin_runs_are_found_between_structural_spans() -> None:
    text = "a `x` b"
    assert covered(text, protected_spans(text, latin=True)) == ["a", "`x`", "b"]


def test_merge_joins_overlapping_and_touching_spans() -> None:
    assert merge_spans([(5, 8), (0, 2), (2, 3), (7, 10), (12, 12)]) == [(0, 3), (5, 10), (12, 12)]


def test_find_outside_skips_matches_that_cross_a_protected_span() -> None:
    pattern = re.compile("社會資本|社會")
    text = "社會資本與社會`資本`"
    found = [m.group() for m in find_outside(pattern, text, protected_spans(text))]
    assert found == ["社會資本", "社會"]


FRAGMENTS = st.sampled_from(
    ["隨著", "社會", " ", "\n", "\n\n", "`", "``", "```", "~~~", "<b>", "</b>", "<!--", "-->",
     "[", "]", "(", ")", "](", "{#", "}", "@", "a.b", "https://", "www.", "Klinenberg", "é",
     "2018", "，", "。", "\u0301"]
)  # fmt: skip


@given(st.lists(FRAGMENTS, max_size=40).map("".join), st.booleans())
def test_spans_are_sorted_disjoint_and_inside_the_text(text: str, latin: bool) -> None:
    spans = protected_spans(text, latin=latin)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))


@given(st.lists(FRAGMENTS, max_size=40).map("".join), st.data())
def test_extra_spans_are_always_covered(text: str, data: st.DataObject) -> None:
    bounds = st.integers(0, len(text))
    extra = data.draw(st.lists(st.tuples(bounds, bounds).map(sorted).map(tuple), max_size=4))
    spans = protected_spans(text, extra)
    for start, end in extra:
        assert start == end or any(s <= start and end <= e for s, e in spans)


# --- the trie-shaped regex shared by conversion and the glossary -------------------------------


@given(st.lists(st.text("著作名有一著名的", min_size=1, max_size=4), min_size=1, max_size=12))
def test_a_trie_regex_finds_the_longest_word_like_a_sorted_alternation(words: list[str]) -> None:
    text = "有著名的著作一名著作名有著"
    trie = re.compile(trie_regex(words))
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    alternation = re.compile("|".join(map(re.escape, ordered)))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in alternation.finditer(text)]


def test_a_trie_regex_writes_special_characters_as_given() -> None:
    pattern = re.compile(trie_regex(["weak\x00tie", "weak"], {"\x00": r"[\s-]+"}))
    assert [m.group() for m in pattern.finditer("weak-tie, weak  tie, weak")] == [
        "weak-tie",
        "weak  tie",
        "weak",
    ]
    with pytest.raises(ValueError):
        trie_regex([""])
