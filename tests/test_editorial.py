"""The editorial texts: the edition's own pass the check, and each kind of mistake is caught."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edition.bibliography import Bibliography, load_bibliography
from edition.cleaning import clean_file
from edition.document import Block, BlockKind, Document, LineAnchor, NumberSource, Page
from edition.editorial import (
    GUIDE_FILE,
    LANGUAGES,
    TRANSLATION_FILE,
    Editorial,
    GuideSection,
    Passage,
    Translation,
    check_editorial,
    load_editorial,
    principles_file,
    read_editorial,
)
from edition.errors import EditionError
from edition.glossary import Glossary, load_glossary
from edition.materials import EDITORIAL_FOLDER as FOLDER_NAME
from edition.materials import load_edition

EDITION = Path(__file__).parent.parent / "texts" / "yang-wang-2024"

BIB = """@book{klinenberg2018,
  author = {Klinenberg, Eric},
  title = {Palaces for the people},
  publisher = {Crown},
  year = {2018}
}
"""
GLOSSARY = """terms:
  - id: weak-ties
    en: weak ties
    zh-Hant: 弱連結
    definition: {en: Ties between acquaintances., zh-Hant: 指熟人之間的聯繫。}
"""
TRANSLATION = """language: zh-Hant
title: 微信群作為社會基礎設施
abstract:
  - 第一段。
keywords: [社會基礎設施]
translator_note:
  en: The editors' translation.
  zh-Hant: 編者的翻譯。
"""
# Two pages (lines 1-3 and 4-6), a block at the start of each and one at line 5.
GUIDE = """- start: 1
  en: Klinenberg (2018) is cited here.
  zh-Hant: 此頁引用（Klinenberg，2018）。
- start: 4
  en: Nothing legible.
  zh-Hant: 沒有可辨讀的文字。
"""


def write_editorial(folder: Path, **files: str) -> Path:
    """An editorial folder with valid files, some replaced by ``files`` (by file name)."""
    texts = {
        TRANSLATION_FILE: TRANSLATION,
        GUIDE_FILE: GUIDE,
        principles_file("en"): "# Principles\n\nAs Klinenberg (2018) says.\n",
        principles_file("zh-Hant"): "# 編輯說明\n\n見（Klinenberg，2018）。\n",
    }
    texts.update(files)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def block(first: int, last: int, page: int) -> Block:
    return Block(
        id=f"l{first}",
        kind=BlockKind.NOISE,
        text="x" * (last - first + 1),
        page=page,
        first_line=first,
        last_line=last,
        score=0.0,
        anchors=tuple(LineAnchor(i, first + i) for i in range(last - first + 1)),
    )


def document(starts: list[int], line_count: int, block_starts: list[int] = ()) -> Document:
    """Pages beginning at ``starts``; a block at each page start and at ``block_starts``."""
    ends = [*(s - 1 for s in starts[1:]), line_count]
    pages = tuple(
        Page(i, 90 + i, NumberSource.INFERRED, start, end)
        for i, (start, end) in enumerate(zip(starts, ends, strict=True))
    )
    firsts = sorted({*starts, *block_starts})
    lasts = [*(f - 1 for f in firsts[1:]), line_count]
    blocks = tuple(
        block(first, last, max(p.index for p in pages if p.first_line <= first))
        for first, last in zip(firsts, lasts, strict=True)
    )
    return Document("<test>", line_count, pages, blocks)


@pytest.fixture
def bib(tmp_path: Path) -> Bibliography:
    path = tmp_path / "references.bib"
    path.write_text(BIB, encoding="utf-8")
    return load_bibliography(path)


@pytest.fixture
def glossary(tmp_path: Path, bib: Bibliography) -> Glossary:
    path = tmp_path / "glossary.yml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return load_glossary(path, [ref.key for ref in bib.references])


TWO_PAGES = document([1, 4], 6, block_starts=[5])


def problems_for(tmp_path: Path, bib: Bibliography, glossary: Glossary, **files: str) -> list:
    """The errors and warnings of the editorial texts (notes left out)."""
    editorial = load_editorial(write_editorial(tmp_path / FOLDER_NAME, **files))
    found = check_editorial(editorial, TWO_PAGES, bib, glossary)
    return [p for p in found if p.severity != "info"]


def notes_for(tmp_path: Path, bib: Bibliography, glossary: Glossary, **files: str) -> list:
    editorial = load_editorial(write_editorial(tmp_path / FOLDER_NAME, **files))
    found = check_editorial(editorial, TWO_PAGES, bib, glossary)
    return [p for p in found if p.severity == "info"]


# --- the edition's own texts -------------------------------------------------------------


def test_the_editions_editorial_texts_pass_the_check() -> None:
    edition = load_edition(EDITION)
    document = clean_file(str(edition.source), edition.clean_options)
    bib = load_bibliography(edition.references)
    glossary = load_glossary(edition.glossary, [ref.key for ref in bib.references])
    editorial = load_editorial(edition.editorial)
    assert [str(p) for p in check_editorial(editorial, document, bib, glossary)] == []
    # Complete and faithful in shape: as many abstract paragraphs and keywords as published.
    assert len(editorial.translation.abstract) == len(edition.abstract_lines)
    assert len(editorial.translation.keywords) == len(edition.paper.keywords)
    pages = {page.first_line for page in document.pages}
    assert pages <= {section.start for section in editorial.guide if not section.heading}
    assert [p.lang for p in editorial.principles] == list(LANGUAGES)


def test_the_editions_texts_use_chinese_quotation_marks() -> None:
    editorial = load_editorial(EDITION / FOLDER_NAME)
    chinese = [p.text for p in editorial.passages() if p.lang == "zh-Hant"]
    assert chinese
    assert not any(mark in text for text in chinese for mark in "“”")


# --- the fixture editorial passes ---------------------------------------------------------


def test_a_valid_fixture_has_no_problems(
    tmp_path: Path, bib: Bibliography, glossary: Glossary
) -> None:
    assert problems_for(tmp_path, bib, glossary) == []


def test_loaded_data_keeps_files_lines_and_order(tmp_path: Path) -> None:
    editorial = load_editorial(write_editorial(tmp_path / FOLDER_NAME))
    assert isinstance(editorial, Editorial)
    assert isinstance(editorial.translation, Translation)
    assert editorial.translation.abstract == ("第一段。",)
    assert editorial.guide == (
        GuideSection(
            1,
            False,
            {"en": "Klinenberg (2018) is cited here.", "zh-Hant": "此頁引用（Klinenberg，2018）。"},
            1,
        ),
        GuideSection(4, False, {"en": "Nothing legible.", "zh-Hant": "沒有可辨讀的文字。"}, 4),
    )
    assert editorial.principles_for("zh-Hans").text.startswith("# 編輯說明")
    labels = [p.label for p in editorial.passages()]
    assert labels[:2] == ["title", "abstract paragraph 1"]
    assert labels.count("principles") == 2


# --- each failure is caught ----------------------------------------------------------------


def test_unknown_work_in_the_guide_names_file_and_section_line(
    tmp_path: Path, bib: Bibliography, glossary: Glossary
) -> None:
    guide = GUIDE.replace("Nothing legible.", "As Smith (2001) shows.")
    (problem,) = problems_for(tmp_path, bib, glossary, **{GUIDE_FILE: guide})
    assert Path(problem.path).name == GUIDE_FILE
    assert problem.line == 4
    assert "Smith (2001)" in problem.message


def test_unknown_work_in_chinese_translation_is_caught(
    tmp_path: Path, bib: Bibliography, glossary: Glossary
) -> None:
    translation = TRANSLATION.replace("第一段。", "第一段（Smith，2001）。")
    (problem,) = problems_for(tmp_path, bib, glossary, **{TRANSLATION_FILE: translation})
    assert Path(problem.path).name == TRANSLATION_FILE
    assert "abstract paragraph 1" in problem.message


def test_unknown_work_in_principles_gets_its_exact_line(
    tmp_path: Path, bib: Bibliography, glossary: Glossary
) -> None:
    text = "# Principles\n\nThe first paragraph.\n\nIt cites Klinenberg (2019) here.\n"
    (problem,) = problems_for(tmp_path, bib, glossary, **{principles_file("en"): text})
    assert (Path(problem.path).name, problem.line) == (principles_file("en"), 5)
    assert "Klinenberg (2019)" in problem.message


def test_link_to_unknown_glossary_term_is_caught_and_known_one_passes(
    tmp_path: Path, bib: Bibliography, glossary: Glossary
) -> None:
    guide = GUIDE.replace(
        "沒有可辨讀的文字。", "'[弱連結](glossary:weak-ties)與[強連結](glossary:strong-ties)。'"
    )
    (problem,) = problems_for(tmp_path, bib, glossary, **{GUIDE_FILE: guide})
    assert "'strong-ties'" in problem.message
    assert problem.line == 4


def test_page_without_a_section_is_a_note_not_an_error(
    tmp_path: Path, bib: Bibliography, glossary: Glossary
) -> None:
    guide = "\n".join(GUIDE.splitlines()[:3]) + "\n"
    assert problems_for(tmp_path, bib, glossary, **{GUIDE_FILE: guide}) == []
    (note,) = notes_for(tmp_path, bib, glossary, **{GUIDE_FILE: guide})
    assert "page has no guide section: [91] (start: 4)" in note.message


def test_section_that_starts_no_page_and_heading_that_starts_no_block_are_caught(
    tmp_path: Path, bib: Bibliography, glossary: Glossary
) -> None:
    guide = GUIDE + (
        "- {start: 5, heading: true, en: A heading., zh-Hant: 標題。}\n"
        "- {start: 6, heading: true, en: Not a block., zh-Hant: 不是區塊。}\n"
    )
    (problem,) = problems_for(tmp_path, bib, glossary, **{GUIDE_FILE: guide})
    assert problem.line == 8
    assert "source line 6" in problem.message
    guide = GUIDE.replace("start: 4", "start: 5")
    (problem,) = problems_for(tmp_path, bib, glossary, **{GUIDE_FILE: guide})
    assert "starts no page" in problem.message
    (note,) = notes_for(tmp_path, bib, glossary, **{GUIDE_FILE: guide})
    assert "[91] (start: 4)" in note.message


@pytest.mark.parametrize(
    ("name", "text", "line", "words"),
    [
        (GUIDE_FILE, "- start: 1\n  en: [unclosed\n  zh-Hant: x\n", 2, "the [ opened on line 2"),
        (TRANSLATION_FILE, "title: x\nabstract: [a\nkeywords: [b]\n", 2, "is not closed with ]"),
        (GUIDE_FILE, GUIDE + "- start: 2\n  en: x\n  zh-Hant: y\n", 7, "follow the source"),
        (GUIDE_FILE, "- start: 1\n", 1, "missing field 'en'"),
        (GUIDE_FILE, "- start: 0\n  en: x\n  zh-Hant: y\n", 1, "[1].start must be 1 or more"),
        (GUIDE_FILE, "- start: 1\n  en: x\n  zh-Hant: y\n  zh-Hans: z\n", 4, "'zh-Hans'"),
        (GUIDE_FILE, "- start: 1\n  en: x\n  en: y\n", 3, "given twice"),
        (TRANSLATION_FILE, TRANSLATION.replace("abstract:", "summary:"), 3, "'summary'"),
        (TRANSLATION_FILE, TRANSLATION.replace("language: zh-Hant", "language: fr"), 1, "one of"),
        (
            TRANSLATION_FILE,
            TRANSLATION.replace("keywords: [社會基礎設施]", "keywords: 5"),
            5,
            "a list",
        ),
        (TRANSLATION_FILE, "language: en\n", 1, "missing field 'title'"),
    ],
)
def test_malformed_files_raise_with_file_and_line(
    tmp_path: Path, name: str, text: str, line: int, words: str
) -> None:
    folder = write_editorial(tmp_path / FOLDER_NAME, **{name: text})
    with pytest.raises(EditionError) as raised:
        load_editorial(folder)
    assert Path(raised.value.path).name == name
    assert raised.value.line == line
    assert words in raised.value.message


def test_every_file_is_checked_in_one_pass(tmp_path: Path) -> None:
    folder = write_editorial(
        tmp_path / FOLDER_NAME,
        **{GUIDE_FILE: "- start: 0\n  en: x\n", TRANSLATION_FILE: "language: fr\ntitle: x\n"},
    )
    _, problems = read_editorial(folder)
    assert {Path(p.path).name for p in problems} == {GUIDE_FILE, TRANSLATION_FILE}


def test_every_editorial_text_is_optional(tmp_path: Path) -> None:
    folder = tmp_path / FOLDER_NAME
    folder.mkdir()
    editorial = load_editorial(folder)
    assert (editorial.translation, editorial.guide, editorial.principles) == (None, (), ())
    assert editorial.principles_for("en") is None
    assert list(editorial.passages()) == []
    assert load_editorial(None) == Editorial()


def test_empty_principles_are_an_error(tmp_path: Path) -> None:
    folder = write_editorial(tmp_path / FOLDER_NAME, **{principles_file("zh-Hant"): " \n"})
    with pytest.raises(EditionError, match="empty"):
        load_editorial(folder)


def test_a_text_in_one_language_serves_every_version(tmp_path: Path) -> None:
    guide = "- start: 1\n  en: Only English.\n"
    translation = "language: en\ntitle: WeChat groups\nabstract: [One paragraph.]\n"
    folder = write_editorial(
        tmp_path / FOLDER_NAME, **{GUIDE_FILE: guide, TRANSLATION_FILE: translation}
    )
    (folder / principles_file("en")).unlink()
    editorial = load_editorial(folder)
    assert editorial.guide[0].text("zh-Hans") == ("Only English.", "en")
    assert editorial.principles_for("en").lang == "zh-Hant"
    assert editorial.translation.serves("en")
    assert not editorial.translation.serves("zh-Hant")
    assert not editorial.translation.serves("zh-Hans")


# --- properties ----------------------------------------------------------------------------


@given(
    st.lists(st.integers(1, 200), min_size=1, max_size=12, unique=True).map(sorted),
    st.data(),
)
def test_coverage_reports_exactly_the_pages_without_a_section(
    starts: list[int], data: st.DataObject
) -> None:
    doc = document(starts, starts[-1] + 5)
    covered = data.draw(st.lists(st.sampled_from(starts), unique=True).map(sorted))
    guide = tuple(
        GuideSection(s, False, {"en": "en", "zh-Hant": "zh"}, line=i + 1)
        for i, s in enumerate(covered)
    )
    editorial = Editorial(
        folder=Path("editorial"),
        translation=Translation(Path("t.yml"), "zh-Hant", "題", ("段",), ("詞",)),
        guide_path=Path("guide.yml"),
        guide=guide,
        principles=(),
    )
    empty = Bibliography(Path("r.bib"), ())
    problems = check_editorial(editorial, doc, empty, Glossary(None, ()))
    assert {p.severity for p in problems} <= {"info"}
    if not covered:  # no guide at all: nothing to say about its coverage
        assert problems == []
        return
    missing = [p for p in doc.pages if p.first_line not in covered]
    assert len(problems) == (1 if missing else 0)  # one note names them all
    for page in missing:
        assert any(f"(start: {page.first_line})" in p.message for p in problems)
    for page in doc.pages:
        if page.first_line in covered:
            assert not any(f"(start: {page.first_line})" in p.message for p in problems)


@given(st.text(alphabet="ab\n", max_size=40), st.integers(1, 50), st.data())
def test_verbatim_passages_map_offsets_to_file_lines(
    text: str, first: int, data: st.DataObject
) -> None:
    offset = data.draw(st.integers(0, len(text)))
    verbatim = Passage(text, "en", "p", Path("p.md"), first, verbatim=True)
    assert verbatim.line_at(offset) == first + text[:offset].count("\n")
    assert Passage(text, "en", "p", Path("g.yml"), first).line_at(offset) == first
