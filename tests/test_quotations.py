"""Quotations of the source in the editors' texts: the markup, the check against the source's
lines (with the OCR's line breaks), the warnings for words given as the paper's without a
line, and the first edition's own quotations."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from sitebuild import ROOT

from edition.annotation import annotate, check, check_edition
from edition.errors import read_text
from edition.quotations import (
    SourceLines,
    check_quotations,
    edition_passages,
    find_quotations,
    plain_text,
)
from edition.site.context import site_edition
from edition.site.pages import (
    Volume,
    about_page,
    glossary_page,
    guide_page,
    references_page,
    text_page,
    volume_references_page,
)

EDITION = ROOT / "texts" / "yang-wang-2024"
EDITIONS = sorted(path.parent for path in (ROOT / "texts").glob("*/edition.yml"))


def source(*lines: str) -> SourceLines:
    return SourceLines.from_text("\n".join(lines) + "\n", "source.txt")


# --- the markup -------------------------------------------------------------------------------


def test_a_quotation_is_a_link_to_a_source_line_and_its_marks_are_not_quoted() -> None:
    text = 'It speaks of [“online streets”](source:18) and ["space of flows"](source:22).'
    first, second = find_quotations(text)
    assert (first.shown, first.words, first.line) == ("“online streets”", "online streets", 18)
    assert text[first.start : first.end] == "[“online streets”](source:18)"
    assert (second.words, second.line) == ("space of flows", 22)
    assert find_quotations("[「弱連結」](source:3)")[0].words == "弱連結"
    assert find_quotations("[online streets](source:18)")[0].words == "online streets"
    # Marks that do not enclose the whole are part of the words.
    assert find_quotations("[“a” and “b”](source:1)")[0].words == "“a” and “b”"


def test_a_quotation_may_run_over_a_line_break_of_the_text_but_not_a_blank_line() -> None:
    assert find_quotations("[“online\n    streets”](source:18)")[0].words == "online\n    streets"
    assert find_quotations("[“online\n\n    streets”](source:18)") == []


def test_a_target_that_names_no_line_is_kept_as_written() -> None:
    (quotation,) = find_quotations("[“x”](source:l18)")
    assert (quotation.target, quotation.line) == ("l18", None)
    assert find_quotations("[“x”](source:)")[0].line is None
    assert find_quotations("[x](glossary:weak-ties) [y](https://example.org)") == []


def test_plain_text_keeps_the_words_and_drops_the_markup() -> None:
    assert plain_text("see [“online streets”](source:18).") == "see “online streets”."


# --- a quotation against its line ------------------------------------------------------------


def test_words_on_their_line() -> None:
    lines = source("The results showed that community WeChat groups played", "the role.")
    assert lines.on_line("community WeChat groups", 1)
    assert not lines.on_line("community WeChat groups", 2)
    assert not lines.on_line("community WeChat groups", 3)
    assert not lines.on_line("community WeChat groups", 0)


def test_a_quotation_begins_on_its_line_and_may_run_on_two_lines() -> None:
    lines = source("one two", "three four", "five six", "seven eight")
    assert lines.on_line("two three four five", 1)
    assert lines.on_line("two three four five six seven", 1) is False
    assert lines.on_line("four five six seven", 2)
    # It must begin on the line it names, not on a later one.
    assert not lines.on_line("three four", 1)


def test_a_blank_matches_any_run_of_blanks_and_line_breaks() -> None:
    lines = source("played the role of “online", "   streets” and helped")
    assert lines.on_line("the role of “online streets”", 1)
    assert lines.on_line("the  role of\n“online streets”", 1)
    # Two words are not one across a line break.
    assert not lines.on_line("onlinestreets", 1)


def test_a_word_the_ocr_hyphenated_across_a_line_break_matches_with_or_without_its_hyphen() -> None:
    lines = source("the infra-", "structure of weak-", "tie relationships")
    assert lines.on_line("infrastructure", 1)
    assert lines.on_line("infra-structure", 1)
    assert lines.on_line("weak-tie relationships", 2)
    assert lines.on_line("the infrastructure of weak-tie", 1)
    # The soft hyphen (U+00AD) some OCR engines write at a break, and U+2010.
    assert source("infra\u00ad", "structure").on_line("infrastructure", 1)
    assert source("infra\u2010", "structure").on_line("infrastructure", 1)
    # A hyphen inside a line is the source's: it must be quoted.
    assert not source("weak-tie ties").on_line("weaktie ties", 1)
    # U+2010 and the hyphen-minus are one hyphen; tabs (around a break too) are blanks.
    assert source("weak\u2010tie ties").on_line("weak-tie ties", 1)
    assert source("infra-\t", "\tstructure\tof").on_line("infrastructure of", 1)
    assert not source("infra\t", "structure").on_line("infrastructure", 1)


def test_chinese_text_matches_across_a_line_break_without_a_blank() -> None:
    lines = source("本文以一個虛構的住宅社區為例，說明鄰里之間的弱連", "結如何透過微信群運作。")
    assert lines.on_line("鄰里之間的弱連結如何透過微信群運作", 1)
    assert lines.on_line("弱連結", 1)
    # Chinese has no word boundary: part of a word is still on the line.
    assert lines.on_line("連結如何", 1)
    assert not lines.on_line("弱聯結", 1)


def test_letters_case_and_marks_must_be_the_sources_but_quotation_marks_are_one() -> None:
    lines = source(
        "the dysfunction of “space of flows” and", "“space of places” during the community’s"
    )
    assert lines.on_line("the dysfunction of ‘space of flows’ and ‘space of places’", 1)
    assert lines.on_line('"space of places" during the community\'s', 2)
    assert not lines.on_line("The dysfunction", 1)
    assert not lines.on_line("the dysfunction of space of flows", 1)
    assert not lines.on_line("space of flow", 1)  # a word is not part of a longer one
    assert not lines.on_line("pace of flows", 1)


def test_typography_is_compared_as_nfkc() -> None:
    lines = source("（Klinenberg，2018） the ﬁrst", "Ａｂｃ")
    assert lines.on_line("(Klinenberg,2018) the first", 1)
    assert lines.on_line("Abc", 2)


def test_carriage_returns_and_form_feeds_do_not_count() -> None:
    lines = SourceLines.from_text("one two\r\n\fthree four\r\n")
    assert lines.lines == ("one two", "three four")
    assert lines.on_line("two three", 1)


def test_an_ellipsis_leaves_words_out_in_order() -> None:
    lines = source("played the role of “online streets” and", "helped community members form")
    assert lines.on_line("played the role … helped community members", 1)
    assert lines.on_line("played the role ... helped", 1)
    assert not lines.on_line("helped … played the role", 1)


_WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=8
)


@st.composite
def _broken(draw):
    """A sentence, and the same sentence as an OCR engine may break it over lines: at a
    blank, or inside a word with a hyphen, at most twice (a quotation runs on two lines)."""
    words = draw(st.lists(_WORD, min_size=2, max_size=10))
    breaks = draw(st.lists(st.integers(0, len(words) - 1), max_size=2, unique=True))
    pieces = []
    for index, word in enumerate(words):
        hyphen = index in breaks and len(word) >= 2 and draw(st.booleans())
        if hyphen:
            middle = draw(st.integers(1, len(word) - 1))
            word = f"{word[:middle]}-\n{word[middle:]}"
        after = "\n" if index in breaks and not hyphen else " "
        pieces.append(word + after)
    return " ".join(words), "".join(pieces).strip()


@given(_broken(), st.lists(_WORD, max_size=3))
def test_a_sentence_verifies_on_its_first_line_however_the_ocr_broke_it(
    sentence: tuple[str, str], before: list[str]
) -> None:
    quoted, broken = sentence
    lines = SourceLines.from_text(" ".join([*before, broken]))
    assert lines.on_line(quoted, 1)
    assert lines.find(quoted) == 1
    assert find_quotations(f"[“{quoted}”](source:1)")[0].words == quoted


def test_words_are_found_anywhere_nearly_or_not_at_all() -> None:
    lines = source("Keywords: social infrastructure, platform", "the WeChat platform")
    assert lines.find("platform") == 1
    assert lines.find("WeChat platform") == 2
    assert lines.find("Platform") is None
    assert lines.find("Platform", ignore_case=True) == 1
    assert lines.find("infrastructures") is None
    assert lines.find("infrastructure", whole_words=False) == 1
    assert lines.find("social") == 1


# --- the check over an edition ----------------------------------------------------------------

TINY = """id: tiny
paper:
  title: A paper
  authors: [{family: Doe, given: Jane}]
  year: 2021
  language: en
materials:
  source: source.txt
  references: references.bib
  glossary: glossary.yml
"""
SOURCE = (
    "The results showed that community WeChat groups played the role of “online\n"
    "streets” and helped members form weak-tie relationships based on geographical\n"
    "trust (Granovetter, 1973).\n"
)
REFERENCES = """@article{granovetter1973,
  author = {Granovetter, Mark S.}, title = {The strength of weak ties},
  journal = {American Journal of Sociology}, volume = {78}, pages = {1360--1380}, year = {1973},
  note = {Editors' note: the source cites [“Granovetter, 1973”](source:3).}
}
"""
GLOSSARY = """terms:
  - id: weak-ties
    en: weak ties
    zh-Hant: 弱連結
    definition:
      en: >-
        Ties between acquaintances. The paper speaks of [“weak-tie
        relationships”](source:2).
      zh-Hant: 指熟人之間的聯繫。
"""
GUIDE = """- start: 1
  en: |
    The only page. The groups played [“the role of ‘online
    streets’”](source:1).
"""


def tiny(tmp_path: Path, **files: str) -> Path:
    """A tiny edition whose texts quote the source correctly, some files replaced."""
    folder = tmp_path / "tiny"
    texts = {
        "edition.yml": TINY,
        "source.txt": SOURCE,
        "references.bib": REFERENCES,
        "glossary.yml": GLOSSARY,
        "editorial/guide.yml": GUIDE,
    }
    texts.update(files)
    for name, text in texts.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def quotation_problems(folder: Path) -> list[str]:
    return [str(problem) for problem in check_quotations(annotate(folder))]


def test_quotations_on_their_lines_pass(tmp_path: Path) -> None:
    assert quotation_problems(tiny(tmp_path)) == []


def test_a_misquotation_is_an_error_at_its_line_in_the_text_naming_the_source_line(
    tmp_path: Path,
) -> None:
    guide = GUIDE.replace("‘online\n    streets’", "‘online\n    street’")
    folder = tiny(tmp_path, **{"editorial/guide.yml": guide})
    (problem,) = quotation_problems(folder)
    assert problem.startswith(f"error: {folder / 'editorial' / 'guide.yml'}:3: ")
    assert "“the role of ‘online street’” is not on source line 1" in problem
    shown = "The results showed that community WeChat groups played the role of “online"
    assert f"(source.txt:1 reads {shown!r})" in problem


def test_the_line_of_a_quotation_in_folded_yaml_and_in_bibtex_is_its_own(tmp_path: Path) -> None:
    glossary = GLOSSARY.replace("(source:2)", "(source:1)")
    references = REFERENCES.replace("(source:3)", "(source:2)")
    folder = tiny(tmp_path, **{"glossary.yml": glossary, "references.bib": references})
    problems = check_quotations(annotate(folder))
    assert [(p.path.name, p.line, p.severity) for p in problems] == [
        ("glossary.yml", 7, "error"),
        ("references.bib", 4, "error"),
    ]
    assert "the source has it on line 2" in problems[0].message
    assert "the source has it on line 3" in problems[1].message


def test_a_target_that_names_no_line_of_the_source_is_an_error(tmp_path: Path) -> None:
    guide = "- start: 1\n  en: See [“online”](source:9) and [“the”](source:x) and [“”](source:1).\n"
    problems = quotation_problems(tiny(tmp_path, **{"editorial/guide.yml": guide}))
    assert len(problems) == 3
    assert "source line 9 does not exist: the source has 3 lines" in problems[0]
    assert "names no source line" in problems[1]
    assert "quotes nothing" in problems[2]


def test_the_check_stops_the_edition(tmp_path: Path) -> None:
    guide = GUIDE.replace("(source:1)", "(source:2)")
    _, problems = check_edition(tiny(tmp_path, **{"editorial/guide.yml": guide}))
    assert [p.severity for p in problems if "is not on source line 2" in p.message] == ["error"]


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        # Quoted words the source has, with no line named.
        (
            "The groups played “the role of ‘online streets’”.",
            "quotes words the source has on line 1",
        ),
        ('The groups are "online streets".', "quotes words the source has on line 1"),
        ("Its image is 「online streets」.", "quotes words the source has on line 1"),
        # Nearly the source's words: another case, or part of a longer word.
        ("The groups were an “online street”.", "close to words the source has on line 1"),
        ("“Online streets” is the image.", "close to words the source has on line 1"),
        # Words given as the paper's that no line has.
        ('The paper cites "Granovetter (1973, p. 1360)".', "no line of the source has them"),
        ("The abstract calls them “virtual streets”.", "no line of the source has them"),
        ("底本作「線上街道」。", "no line of the source has them"),
        # Saying that the paper uses words, quoting none.
        ("The abstract speaks of streets online.", "'The abstract speaks of' attributes words"),
        ("The source glosses the term in English.", "'The source glosses' attributes words"),
        ("The paper's image is a street.", "attributes words to the paper"),
        ("原文以英文標注此詞。", "'原文以英文標注' attributes words"),
    ],
)
def test_words_given_as_the_papers_without_a_line_are_warnings(
    tmp_path: Path, text: str, warned: str
) -> None:
    guide = f"- start: 1\n  en: '{text}'\n" if '"' in text else f'- start: 1\n  en: "{text}"\n'
    problems = check_quotations(annotate(tiny(tmp_path, **{"editorial/guide.yml": guide})))
    assert [p.severity for p in problems] == ["warning"]
    assert warned in problems[0].message
    assert problems[0].line == 2


@pytest.mark.parametrize(
    "text",
    [
        # Linked: nothing to warn of.
        "The abstract speaks of [“online streets”](source:1).",
        # The editors' own words, and words quoted from another work.
        "The groups worked like streets online.",
        "Jacobs writes of the “public characters” of city streets.",
        "Amin's article argues that it yields a “situated surplus”.",
        # The paper is no subject here, or not the one speaking.
        "Nothing in the source says which work they name.",
        "In the abstract of their article, they speak of aftershock economies.",
        "Imperiale 與 Vanclay 在其文章摘要中談到餘震經濟。",
        # Too short to tell.
        "Line 226 holds “I”.",
    ],
)
def test_what_is_no_attribution_to_the_paper_is_not_warned_of(tmp_path: Path, text: str) -> None:
    guide = f'- start: 1\n  en: "{text}"\n'
    assert quotation_problems(tiny(tmp_path, **{"editorial/guide.yml": guide})) == []


def test_notes_and_definitions_are_checked_for_attributions_too(tmp_path: Path) -> None:
    glossary = GLOSSARY.replace("The paper speaks of", "The abstract speaks of weak ties, and of")
    references = REFERENCES.replace(
        "the source cites [“Granovetter, 1973”](source:3)", 'the source keeps "Granovetter, 1973"'
    )
    folder = tiny(tmp_path, **{"glossary.yml": glossary, "references.bib": references})
    problems = check_quotations(annotate(folder))
    assert [(p.path.name, p.severity) for p in problems] == [("references.bib", "warning")]
    assert "quotes words the source has on line 3" in problems[0].message


def test_the_translation_is_not_checked_for_attributions_the_principles_only_for_quotes(
    tmp_path: Path,
) -> None:
    translation = "language: zh-Hant\nabstract:\n  - 社區微信群扮演了「online streets」的角色。\n"
    principles = (
        "# Principles\n\nNothing is offered as the authors' words unless the source has them.\n\n"
        "The abstract speaks of “online streets”.\n"
    )
    folder = tiny(
        tmp_path,
        **{"editorial/translation.yml": translation, "editorial/principles.en.md": principles},
    )
    problems = check_quotations(annotate(folder))
    assert [(p.path.name, p.line) for p in problems] == [("principles.en.md", 5)]
    assert "quotes words the source has on line 1" in problems[0].message


def test_the_description_of_the_source_is_checked(tmp_path: Path) -> None:
    described = TINY + "source:\n  description:\n    en: The abstract speaks of groups.\n"
    problems = check_quotations(annotate(tiny(tmp_path, **{"edition.yml": described})))
    assert [(p.path.name, p.line, p.severity) for p in problems] == [("edition.yml", 13, "warning")]


# --- every edition ----------------------------------------------------------------------------


@pytest.mark.parametrize("folder", EDITIONS, ids=[folder.name for folder in EDITIONS])
def test_every_example_edition_quotes_its_source_rightly(folder: Path) -> None:
    annotated = annotate(folder)
    assert check_quotations(annotated) == []
    assert [p for p in check(annotated) if p.severity == "error"] == []


def test_every_quotation_of_the_first_edition_is_on_its_line() -> None:
    annotated = annotate(EDITION)
    lines = SourceLines.from_text(read_text(annotated.edition.source))
    quotations = [
        (passage.path.name, quotation)
        for passage, _ in edition_passages(annotated)
        for quotation in find_quotations(passage.text)
    ]
    assert all(lines.on_line(q.words, q.line) for _, q in quotations)
    # Every kind of text quotes the source: the guide, the principles, the glossary, the notes.
    files = {name for name, _ in quotations}
    assert {"guide.yml", "principles.en.md", "glossary.yml", "references.bib"} <= files
    assert len(quotations) >= 100


def test_the_first_editions_notes_quote_the_citation_of_every_entry() -> None:
    annotated = annotate(EDITION)
    for ref in annotated.bibliography.references:
        note = ref.fields.get("note", "")
        assert note.startswith("Editors' note: "), ref.key
        assert find_quotations(note), ref.key


def test_enclosing_marks_are_a_pair_around_the_whole() -> None:
    assert find_quotations("[‘the community’s role’](source:1)")[0].words == "the community’s role"
    assert find_quotations("[“a “b” c”](source:1)")[0].words == "a “b” c"
    assert find_quotations('["a" and "b"](source:1)')[0].words == '"a" and "b"'


# --- the site ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site():
    return site_edition(annotate(EDITION), "")


def _quotes(markdown: str) -> list:
    return BeautifulSoup(markdown, "html.parser").select("a.ed-quote")


@pytest.mark.parametrize("lang", ["en", "zh-Hant", "zh-Hans"])
def test_the_site_links_every_quotation_to_the_block_holding_its_line(site, lang: str) -> None:
    text = BeautifulSoup(text_page(site, lang), "html.parser")
    blocks = {block.id: block for block in site.annotated.document.blocks}
    assert all(text.find(id=block_id) for block_id in blocks)
    for page in (guide_page, glossary_page, references_page, about_page):
        markdown = page(site, lang)
        quotes = _quotes(markdown)
        assert quotes, page.__name__
        for quote in quotes:
            anchor = quote["href"].removeprefix("../text/#")
            block = blocks[anchor]
            assert block.first_line <= int(quote["data-line"]) <= block.last_line
            assert quote["data-line"] in quote["title"]
        # No markup is left for the reader to see, in the text or in a tooltip (the BibTeX
        # offered for copying is the editors' file as it is).
        visible = BeautifulSoup(markdown, "html.parser")
        for button in visible.select("button.ed-copy"):
            button.decompose()
        assert "](source:" not in str(visible), page.__name__
    assert "](source:" not in text_page(site, lang)


def test_a_quotation_keeps_its_words_and_marks_as_the_link_text(site) -> None:
    shown = [" ".join(q.get_text().split()) for q in _quotes(guide_page(site, "en"))]
    assert "“the role of ‘online streets’”" in shown
    assert "“(Jane Jacobs) (2006 : 104)”" in shown


def test_the_volume_links_a_note_to_the_text_of_the_edition_that_wrote_it() -> None:
    volume = Volume(
        (
            site_edition(annotate(EDITION), "yang-wang-2024/"),
            site_edition(annotate(ROOT / "texts" / "specimen-zh"), "specimen-zh/"),
        ),
        "A volume",
    )
    quotes = _quotes(volume_references_page(volume, "en"))
    assert quotes and all(q["href"].startswith("../yang-wang-2024/text/#l") for q in quotes)


def test_blanks_next_to_chinese_or_punctuation_are_typography() -> None:
    lines = source("Klinenberg（2018）指出，使用WeChat的居民", "（Klinenberg，2018）")
    assert lines.on_line("Klinenberg (2018) 指出，使用 WeChat 的居民", 1)
    assert lines.on_line("(Klinenberg, 2018)", 2)
    assert lines.on_line("(Klinenberg,2018)", 2)
    # Between two Latin words a blank is a blank.
    assert not source("useWeChat").on_line("use WeChat", 1)


def test_markup_in_code_is_shown_as_written() -> None:
    text = "Write `[“online streets”](source:18)` to quote it: [“online streets”](source:18)."
    (quotation,) = find_quotations(text)
    assert quotation.start == text.index(": [") + 2
    assert (
        plain_text(text) == "Write `[“online streets”](source:18)` to quote it: “online streets”."
    )


def test_invisible_characters_do_not_count() -> None:
    lines = source("online\u200bstreets and\u00a0helped", "\ufeffthe role")
    assert lines.on_line("onlinestreets and helped", 1)
    assert lines.on_line("the role", 2)
    assert source("online streets").on_line("online\u200b streets", 1)
