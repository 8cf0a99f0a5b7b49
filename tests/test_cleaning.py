"""The OCR cleaner: furniture, paragraphs, pages, readability, idempotence, bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.cleaning import CleanOptions, PageStart, clean, clean_file
from edition.document import BlockKind, NumberSource, RemovalReason
from edition.errors import EditionError
from edition.readability import readability
from edition.script import is_cjk

FIXTURES = Path(__file__).parent / "fixtures"

PROSE = (
    "Research on social infrastructure focuses on the kinds of social relations and social "
    "capital nurtured by the characteristics and dynamics of diverse spaces."
)


def test_paragraph_is_rejoined_and_english_hyphenation_undone() -> None:
    doc = clean("Research on social infra-\nstructure focuses on the\nkinds of relations.\n")
    assert [b.text for b in doc.blocks] == [
        "Research on social infrastructure focuses on the kinds of relations."
    ]
    text = doc.blocks[0].text
    expected = [(0, 1), (text.index("structure"), 2), (text.index("kinds"), 3)]
    assert [(a.offset, a.line) for a in doc.blocks[0].anchors] == expected


def test_hyphen_kept_before_capital_and_when_the_document_writes_it_so() -> None:
    doc = clean(
        "A well-known case of disaster studies (Oliver-\nSmith, 1999) is well-\nknown here.\n"
    )
    assert doc.blocks[0].text == (
        "A well-known case of disaster studies (Oliver-Smith, 1999) is well-known here."
    )


def test_cjk_lines_join_without_spaces_and_latin_lines_with_one() -> None:
    doc = clean(
        "社會基礎設施的概念近年來\n受到重視，Klinenberg\n（2018）指出\nsocial\ninfrastructure。\n"
    )
    assert (
        doc.blocks[0].text
        == "社會基礎設施的概念近年來受到重視，Klinenberg（2018）指出social infrastructure。"
    )


def test_page_furniture_is_removed_logged_and_the_paragraph_runs_on() -> None:
    text = (
        "The first page ends in the middle of a sentence about\n\n"
        "99\n\n"
        "Copyright 2024 by the publisher. All rights reserved.\n\n"
        "Communication and Society, 67 (2024)\n\n"
        "social infrastructure, which the next page continues.\n"
    )
    doc = clean(text)
    assert [b.text for b in doc.blocks] == [
        "The first page ends in the middle of a sentence about social infrastructure, "
        "which the next page continues."
    ]
    assert [(r.line, r.reason) for r in doc.removed] == [
        (3, RemovalReason.PAGE_NUMBER),
        (5, RemovalReason.COPYRIGHT),
        (7, RemovalReason.RUNNING_HEAD),
    ]
    assert [(p.number, p.number_source) for p in doc.pages] == [
        (99, NumberSource.PRINTED),
        (100, NumberSource.INFERRED),
    ]
    block = doc.blocks[0]
    (brk,) = block.page_breaks
    assert block.text[brk.offset :].startswith("social infrastructure")
    assert block.page_at(brk.offset) == 1 and block.page_at(brk.offset - 1) == 0
    assert block.line_at(brk.offset) == 9


def test_a_finished_sentence_does_not_run_on_over_the_page_break() -> None:
    doc = clean("A paragraph that ends here.\n\n12\n\nA new paragraph begins on page 13.\n")
    assert len(doc.blocks) == 2
    assert doc.blocks[1].page == 1 and doc.pages[1].number == 13


def test_recurring_running_head_is_removed() -> None:
    page = "Body text of a page that ends in a full stop.\n\n{n}\n\nWeChat as Infrastructure\n\n"
    doc = clean("".join(page.format(n=n) for n in (91, 92, 93)))
    heads = [r for r in doc.removed if r.reason is RemovalReason.RUNNING_HEAD]
    assert len(heads) == 3
    assert all(b.text.startswith("Body text") for b in doc.blocks)


def test_a_heading_beside_a_page_number_is_kept() -> None:
    doc = clean(
        "The end of a section.\n\n12\n\nSocial Capital and Disaster\n\nText follows here.\n"
    )
    assert [b.kind for b in doc.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
    ]


def test_editor_page_starts_number_and_stop_counting() -> None:
    text = "\n".join(f"Line {n} of the text goes on and on" for n in range(1, 10)) + "\n\n7\n"
    options = CleanOptions(page_starts=(PageStart(1, numbered=False), PageStart(4), PageStart(7)))
    doc = clean(text, options=options)
    assert [(p.first_line, p.number, p.number_source.value) for p in doc.pages] == [
        (1, None, "unknown"),
        (4, 6, "inferred"),
        (7, 7, "printed"),
    ]
    (block,) = doc.blocks
    assert [b.page for b in block.page_breaks] == [1, 2]
    assert block.line_at(block.page_breaks[0].offset) == 4


def test_form_feed_breaks_pages() -> None:
    doc = clean("First page text ends.\n\fSecond page text.\n")
    assert len(doc.pages) == 2 and doc.blocks[1].page == 1


def test_noise_and_readable_blocks_are_told_apart() -> None:
    noise = "& bR oy B (TRISE > EAMFE - IRE M) ~ SR BRI > 2022) o At Ik B AKIENE S T R YA"
    doc = clean(f"{PROSE}\n\n{noise}\n")
    prose, junk = doc.blocks
    assert prose.kind is BlockKind.PARAGRAPH and prose.score > 0.9
    assert junk.kind is BlockKind.NOISE and junk.score < 0.2


def test_readable_text_running_into_noise_without_a_blank_line_is_split() -> None:
    noise = "& bR oy B (TRISE > EAMFE - IRE M) ~ SR BRI > 2022) o At Ik B AKIENE S T R YA"
    doc = clean(f"{PROSE}\n{noise}\n")
    assert [b.kind for b in doc.blocks] == [BlockKind.PARAGRAPH, BlockKind.NOISE]


def test_front_matter_pages() -> None:
    doc = clean("A Title of the Paper\n\nAbstract\n\n" + PROSE + "\n\n\f\n" + PROSE + "\n")
    assert [b.kind for b in doc.blocks] == [BlockKind.FRONT_MATTER] * 3 + [BlockKind.PARAGRAPH]


def _typeset(paragraph: str, width: int) -> list[str]:
    """Break a CJK paragraph into lines as a typesetter would: never inside or beside Latin."""
    lines, start = [], 0
    while start < len(paragraph):
        cut = min(start + width, len(paragraph))
        while 0 < cut < len(paragraph) and not (
            is_cjk(paragraph[cut - 1]) and is_cjk(paragraph[cut])
        ):
            cut += 1
        lines.append(paragraph[start:cut])
        start = cut
    return lines


def test_clean_chinese_text_with_page_furniture_is_restored_exactly() -> None:
    paragraphs = (FIXTURES / "zh" / "paragraphs.txt").read_text(encoding="utf-8").splitlines()
    lines: list[str] = []
    for paragraph in paragraphs:
        lines.extend(_typeset(paragraph, 23))
        lines.append("")
    # Lay the text out on pages of 7 lines with a page number and a running head between.
    laid: list[str] = []
    for page, start in enumerate(range(0, len(lines), 7), start=41):
        laid.extend(lines[start : start + 7])
        laid.extend(["", str(page), "", "《傳播與社會學刊》，(總)第67期(2024)", ""])
    doc = clean("\n".join(laid) + "\n")
    assert [b.text for b in doc.blocks] == paragraphs
    assert all(b.kind is not BlockKind.NOISE for b in doc.blocks)
    assert doc.blocks[0].kind is BlockKind.HEADING
    heads = [r for r in doc.removed if r.reason is RemovalReason.RUNNING_HEAD]
    numbers = [int(r.text) for r in doc.removed if r.reason is RemovalReason.PAGE_NUMBER]
    assert len(heads) == len(numbers) == len(range(0, len(lines), 7))
    assert [p.number for p in doc.pages] == [*numbers, numbers[-1] + 1]


def test_empty_and_non_utf8_files_are_rejected_with_the_file_named(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(EditionError, match="empty"):
        clean_file(str(empty))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("first line\nCafé\n".encode("latin-1"))
    with pytest.raises(EditionError) as info:
        clean_file(str(latin1))
    assert str(info.value).startswith(f"{latin1}:2: not valid UTF-8")


# --- the layout of a real paper: tables, equations, captions -------------------------------


def _cells(block) -> list[list[str]]:
    return [[block.text[start:end] for start, end in row] for row in block.cells]


def test_a_pipe_table_keeps_its_rows_and_cells() -> None:
    doc = clean(
        "The model fits well.\n\nTerm | Estimate | SE\nIntercept | 7.686407 | 1642.7199\n"
        "Slope | -0.52 | 0.11\n\nThe next paragraph.\n"
    )
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.PARAGRAPH]
    table = doc.blocks[1]
    assert _cells(table) == [
        ["Term", "Estimate", "SE"],
        ["Intercept", "7.686407", "1642.7199"],
        ["Slope", "-0.52", "0.11"],
    ]
    assert [(a.line, table.text[a.offset]) for a in table.anchors] == [(3, "T"), (4, "I"), (5, "S")]
    assert table.text.split("\n")[1] == "Intercept | 7.686407 | 1642.7199"


def test_a_table_with_rules_and_a_single_row_is_no_table() -> None:
    doc = clean("| Term | Estimate |\n|------|---------:|\n| Intercept | 7.69 |\n")
    (table,) = doc.blocks
    assert table.kind is BlockKind.TABLE
    assert _cells(table) == [["Term", "Estimate"], [], ["Intercept", "7.69"]]
    one = clean("A sentence with a pipe | inside it, once.\n")
    assert one.blocks[0].kind is BlockKind.PARAGRAPH


def test_whitespace_aligned_columns_keep_empty_cells() -> None:
    doc = clean(
        "Group        Mean    SD\n"
        "Control      3.2     0.4\n"
        "             3.9\n"
        "Treated      4.1     0.6\n"
    )
    (table,) = doc.blocks
    assert table.kind is BlockKind.TABLE
    assert _cells(table) == [
        ["Group", "Mean", "SD"],
        ["Control", "3.2", "0.4"],
        ["", "3.9", ""],
        ["Treated", "4.1", "0.6"],
    ]


def test_justified_prose_with_wide_spaces_is_no_table() -> None:
    doc = clean(
        "The  results  of  the  survey  show  that  most  residents  joined\n"
        "a group  buying  chat  within  the  first  week  of  the  lockdown  and\n"
        "stayed  in  it  until  the  end.\n"
    )
    assert [b.kind for b in doc.blocks] == [BlockKind.PARAGRAPH]


def test_numeric_rows_with_single_spaces_and_their_header_are_a_table() -> None:
    doc = clean(
        "Table 2. Regression of the outcome.\n\nVariable Estimate SE p\n"
        "Intercept 7.686407 1642.7199 <0.001\nAge (years) -0.52 0.11 0.03*\n"
    )
    caption, table = doc.blocks
    assert caption.kind is BlockKind.CAPTION and table.kind is BlockKind.TABLE
    assert _cells(table) == [
        ["Variable", "Estimate", "SE", "p"],
        ["Intercept", "7.686407", "1642.7199", "<0.001"],
        ["Age (years)", "-0.52", "0.11", "0.03*"],
    ]


def test_a_display_equation_is_kept_verbatim_between_prose() -> None:
    doc = clean(
        "The growth of the population is modelled as a logistic func-\n"
        "tion of time, which gives\n"
        "        N(t) = K / (1 + exp(-r (t - t0)))        (3)\n"
        "where K is the carrying capacity of the environment.\n"
    )
    before, equation, after = doc.blocks
    assert equation.kind is BlockKind.EQUATION
    assert equation.text == "N(t) = K / (1 + exp(-r (t - t0)))        (3)"
    assert equation.first_line == equation.last_line == 3
    assert before.text.endswith("logistic function of time, which gives")
    assert after.kind is BlockKind.PARAGRAPH and after.text.startswith("where K")


def test_a_multiline_equation_is_one_block_with_a_line_per_line() -> None:
    doc = clean(
        "The estimator is defined as follows for every observation in the sample:\n\n"
        "θ̂ = Σ w_i x_i\n    + λ ‖β‖²\n(4)\n\n"
        "The weights sum to one over the whole sample of observed households.\n"
    )
    equation = doc.blocks[1]
    assert equation.kind is BlockKind.EQUATION
    assert equation.text == "θ̂ = Σ w_i x_i\n+ λ ‖β‖²\n(4)"
    assert [a.line for a in equation.anchors] == [3, 4, 5]


def test_equation_like_noise_stays_noise() -> None:
    noise = "& bR oy B (TRISE > EAMFE - IRE M) ~ SR BRI > 2022) o At Ik B AKIENE S T R YA"
    doc = clean(f"{noise}\nZ=ff > 2021)\n{noise}\n")
    assert [b.kind for b in doc.blocks] == [BlockKind.NOISE]
    prose = clean(f"{PROSE}\nN=59–60 larvae, p=0.066; 17–21% vs 12% May 13–15, as before.\n")
    assert [b.kind for b in prose.blocks] == [BlockKind.PARAGRAPH]


@pytest.mark.parametrize(
    "caption",
    [
        "Figure 1. Community WeChat groups in Shanghai.",
        "Fig. 2 | Orders per day",
        "Table 3: Descriptive statistics",
        "Supplementary table 1. Interview schedule",
        "Figure 1—figure supplement 1. Sequence alignment.",
        "TABLE",
        "圖 1　社區團購的流程",
        "表 2：受訪者基本資料",
    ],
)
def test_captions_are_kept_as_captions(caption: str) -> None:
    doc = clean(f"{PROSE}\n\n{caption}\n\n{PROSE}\n")
    kinds = [b.kind for b in doc.blocks]
    if caption == "TABLE":  # a word alone is no caption label
        assert BlockKind.CAPTION not in kinds
    else:
        assert kinds == [BlockKind.PARAGRAPH, BlockKind.CAPTION, BlockKind.PARAGRAPH]
        assert doc.blocks[1].text == caption


def test_a_caption_runs_over_its_lines_and_a_sentence_about_a_figure_is_prose() -> None:
    doc = clean(
        "Figure 4. Timeline of the field season,\nwith the infestations M1–M4.\n\n"
        "Figure 4 shows the timeline.\n\nAs shown in\nTable 3. The next sentence.\n"
    )
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.CAPTION, "Figure 4. Timeline of the field season, with the infestations M1–M4."),
        (BlockKind.PARAGRAPH, "Figure 4 shows the timeline."),
        (BlockKind.PARAGRAPH, "As shown in Table 3. The next sentence."),
    ]
    chinese = clean("表 2 顯示受訪者的年齡與職業分布，其中多數為退休居民。\n")
    assert chinese.blocks[0].kind is BlockKind.PARAGRAPH


def test_a_running_head_is_removed_on_the_first_page_too() -> None:
    head = "Smith et al. Journal of Urban Studies 12 (2024)"
    page = "Body text of a page that ends in a full stop.\n\n{n}\n\n"
    text = f"{head}\n\nA Title of the Paper\n\n" + "".join(
        page.format(n=n) + f"{head}\n\n" for n in (1, 2, 3)
    )
    doc = clean(text + "The last page.\n")
    heads = [r.line for r in doc.removed if r.reason is RemovalReason.RUNNING_HEAD]
    assert heads == [1, 9, 15, 21]
    assert head not in [b.text for b in doc.blocks]
    quoted = f"The last page quotes\n{head}\nin its body text, which stays.\n"
    body = clean(text + quoted)
    assert body.blocks[-1].text == f"The last page quotes {head} in its body text, which stays."


def test_a_lowercase_journal_line_with_a_doi_recurs_as_a_running_head() -> None:
    head = "eLife 2012;1:e00007. DOI: 10.7554/eLife.00007"
    text = "".join(f"{head}\n\nText of page {n} ends here.\n\n{n}\n\n" for n in (5, 6, 7))
    doc = clean(text)
    assert sum(r.reason is RemovalReason.RUNNING_HEAD for r in doc.removed) == 3


def test_page_numbers_written_out_and_folios_in_running_footers() -> None:
    doc = clean("First page ends.\n\nPage 3 of 12\n\nSecond page.\n\nPage 4 of 12\n")
    assert [r.reason for r in doc.removed] == [RemovalReason.PAGE_NUMBER] * 2
    assert [p.number for p in doc.pages] == [3, 4]
    footer = "Schuman et al. eLife 2012;1:e00007. DOI: 10.7554/eLife.00007 {n} of 29"
    text = "".join(f"Text of page {n} ends here.\n\n{footer.format(n=n)}\n\n" for n in (5, 6, 7))
    doc = clean(text)
    assert [(p.number, p.number_source) for p in doc.pages] == [
        (5, NumberSource.PRINTED),
        (6, NumberSource.PRINTED),
        (7, NumberSource.PRINTED),
    ]


def test_a_page_break_falls_between_words_with_the_space_kept() -> None:
    text = "The page ends in the middle of a word, infra-\n\n12\n\nstructure, and goes on.\n"
    (block,) = clean(text).blocks
    assert block.text == "The page ends in the middle of a word, infrastructure, and goes on."
    (brk,) = block.page_breaks
    assert block.text[brk.offset :].startswith("infrastructure,")
    assert block.text[brk.offset - 1] == " "
    (plain,) = clean("The page ends here with\n\n12\n\nthe next words.\n").blocks
    (brk,) = plain.page_breaks
    assert plain.text[brk.offset - 1 : brk.offset + 3] == " the"


def test_hyphens_that_belong_to_the_word_stay_at_a_line_end() -> None:
    doc = clean(
        "Plants emitting GLV-\nemitting volatiles were self-\nreported in COVID-19-\n"
        "related studies of pro-\ntection.\n"
    )
    assert doc.blocks[0].text == (
        "Plants emitting GLV-emitting volatiles were self-reported in COVID-19-related "
        "studies of protection."
    )


def test_ligatures_and_soft_hyphens_are_normalised() -> None:
    doc = clean("The signiﬁcant eﬀect of the ﬂow was infra\xad\nstruc\xadtural.\n")
    assert doc.blocks[0].text == "The significant effect of the flow was infrastructural."
    assert doc.blocks[0].kind is BlockKind.PARAGRAPH


def test_symbols_and_remarks_in_parentheses_are_not_glosses() -> None:
    from edition.cleaning import salvage

    noise = "& bR oy B (theta) > EAMFE (in press) ~ SR (ibid) BRI (bridging capital) o At"
    found = [noise[start:end] for start, end, kind in salvage(noise) if kind == "gloss"]
    assert found == ["(bridging capital)"]


def test_a_list_item_is_no_heading() -> None:
    doc = clean("The study asked three questions:\n• Data collection\n• How groups formed\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, "The study asked three questions:"),
        (BlockKind.PARAGRAPH, "• Data collection"),
        (BlockKind.PARAGRAPH, "• How groups formed"),
    ]


def test_headings_in_sentence_case_and_numbered() -> None:
    doc = clean(
        f"{PROSE}\n\nManduca spp. damage reduces plant growth and reproduction\n\n"
        f"{PROSE}\n\n2.1 Methods\n\n{PROSE}\n"
    )
    assert [b.kind for b in doc.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
    ]


def test_to_dict_is_json_ready_with_cells() -> None:
    import json

    doc = clean("a | 1\nb | 2\n")
    data = json.loads(json.dumps(doc.to_dict()))
    assert data["blocks"][0]["kind"] == "table"
    assert data["blocks"][0]["cells"] == [[[0, 1], [4, 5]], [[6, 7], [10, 11]]]


ELIFE = FIXTURES / "en" / "elife-00007.ocr.txt"


def test_an_elife_article_laid_out_like_ocr_cleans_as_read() -> None:
    import json

    gold = json.loads(ELIFE.with_name("elife-00007.gold.json").read_text(encoding="utf-8"))
    doc = clean_file(str(ELIFE))
    assert [[b.first_line, b.last_line, b.kind.value] for b in doc.blocks] == gold["blocks"]
    tables = {str(b.first_line): _cells(b) for b in doc.blocks if b.kind is BlockKind.TABLE}
    assert tables == gold["tables"]
    assert [[r.line, r.reason.value] for r in doc.removed] == gold["removed"]
    assert [p.number for p in doc.pages] == gold["pages"]
    breaks = [
        [b.first_line, b.text[brk.offset : brk.offset + len(after)]]
        for b in doc.blocks
        for brk in b.page_breaks
        for first, after in gold["page_breaks"]
        if first == b.first_line
    ]
    assert breaks == gold["page_breaks"]
    reading = " ".join(b.text for b in doc.blocks)
    assert all(words in reading for words in gold["words"])
    again = clean(doc.plain_text())
    assert [(b.kind, b.text, b.cells) for b in again.blocks] == [
        (b.kind, b.text, b.cells) for b in doc.blocks
    ]


# --- properties ---------------------------------------------------------------------------

WORDS = st.sampled_from(
    "social infrastructure capital community the of and resilience WeChat group "
    "disaster 社會 基礎設施 社區 團購 (Klinenberg, 2018) bR AKIENE > ~ 2022)".split()
)
LINE = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)
CELL = st.sampled_from(["Intercept", "7.686407", "1642.7199", "", "-0.52", "Age (years)", "社區"])
STRUCTURED = st.one_of(
    st.lists(CELL, min_size=2, max_size=5).map(" | ".join),  # a pipe row
    st.lists(CELL, min_size=2, max_size=5).map("     ".join),  # an aligned row
    st.sampled_from(
        [
            "Intercept 7.686407 1642.7199",
            "Variable Estimate SE",
            "N(t) = K / (1 + exp(-r t))     (3)",
            "+ λ x²",
            "(4)",
            "Figure 1. Community groups",
            "表 2：受訪者",
            "• Data collection",
            "|---|---|",
        ]
    ),
)
PAGE = st.lists(st.one_of(LINE, LINE, STRUCTURED, st.just("")), min_size=1, max_size=12)


@st.composite
def paged_sources(draw: st.DrawFn) -> tuple[str, int]:
    """Pages of generated lines with page numbers, footers and running heads between."""
    pages = draw(st.lists(PAGE, min_size=1, max_size=6))
    start = draw(st.integers(1, 500))
    lines: list[str] = []
    for number, page in enumerate(pages, start=start):
        lines.extend(page)
        lines.extend(["", str(number), "", "Copyright © 2024 The Publisher", ""])
        lines.extend(["Communication and Society, 67 (2024)", ""])
    return "\n".join(lines) + "\n", len(pages)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paged_sources())
def test_every_source_line_is_in_a_block_or_logged(source: tuple[str, int]) -> None:
    text, page_count = source
    doc = clean(text)
    lines = text.split("\n")[:-1]
    covered = {r.line for r in doc.removed}
    for block in doc.blocks:
        covered.update(a.line for a in block.anchors)
    assert {n for n, line in enumerate(lines, 1) if line.strip()} == covered
    for block in doc.blocks:
        for anchor in block.anchors:
            words = lines[anchor.line - 1].split()
            assert block.text.startswith(words[0][:1], anchor.offset)
    assert sum(r.reason is RemovalReason.PAGE_NUMBER for r in doc.removed) == page_count


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paged_sources())
def test_cleaning_is_idempotent(source: tuple[str, int]) -> None:
    once = clean(source[0])
    twice = clean(once.plain_text())
    assert twice.plain_text() == once.plain_text()
    assert [(b.kind, b.text, b.cells) for b in twice.blocks] == [
        (b.kind, b.text, b.cells) for b in once.blocks
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_cleaning_never_crashes_and_keeps_every_non_blank_line(text: str) -> None:
    doc = clean(text)
    covered = {r.line for r in doc.removed} | {a.line for b in doc.blocks for a in b.anchors}
    for number, line in enumerate(text.split("\n"), 1):
        # A line of invisible characters only (zero-width, a stray BOM) is blank once cleaned.
        if re.sub("[\u200b-\u200d\u2060\ufeff\xad]", "", line).strip():
            assert number in covered


def test_a_paragraph_that_mentions_copyright_is_kept() -> None:
    doc = clean("Copyright law shapes how\nplatforms share content.\n\n© 2024 The Publisher\n")
    assert doc.blocks[0].text == "Copyright law shapes how platforms share content."
    assert [(r.line, r.reason) for r in doc.removed] == [(4, RemovalReason.COPYRIGHT)]


def test_a_citation_beside_a_page_number_is_no_running_head() -> None:
    doc = clean("A page ends here.\n\n12\n\nLarkin (2013)\n\nA new page.\n")
    assert "Larkin (2013)" in [b.text for b in doc.blocks]
    assert [r.reason for r in doc.removed] == [RemovalReason.PAGE_NUMBER]


def test_roman_page_numbers_break_pages_without_a_printed_number() -> None:
    doc = clean("Preface text ends.\n\nxii\n\nChapter one begins.\n")
    assert [r.reason for r in doc.removed] == [RemovalReason.PAGE_NUMBER]
    assert len(doc.pages) == 2 and doc.pages[0].number is None


# --- the seed -----------------------------------------------------------------------------

SEED = Path(__file__).parent.parent / "texts" / "yang-wang-2024"


def test_the_seed_cleans_as_the_editors_read_it() -> None:
    from edition.materials import load_edition

    edition = load_edition(SEED)
    doc = clean_file(str(edition.source), edition.clean_options)
    assert [p.label for p in doc.pages] == [
        "?",
        "?",
        "[96]",
        "[97]",
        "[98]",
        "99",
        "[100]",
        "[101]",
        "[102]",
        "[103]",
    ]
    assert [(r.line, r.reason.value) for r in doc.removed] == [
        (161, "page-number"),
        (165, "copyright"),
        (166, "copyright"),
        (167, "copyright"),
        (169, "running-head"),
    ]
    front = [b for b in doc.blocks if b.kind is BlockKind.FRONT_MATTER]
    assert front[0].text == "Special Research Article"
    assert all(b.first_line < 45 for b in front)
    assert all(b.kind is BlockKind.NOISE for b in doc.blocks if b.first_line >= 45)
    glosses = [s.text for b in doc.blocks for s in b.salvaged if s.kind == "gloss"]
    assert "(infrastructuralization)" in glosses and "(bridging capital)" in glosses
    assert len(glosses) == 7


def test_klinenberg_and_2018_stand_together_across_the_page_break() -> None:
    from edition.materials import load_edition

    edition = load_edition(SEED)
    doc = clean_file(str(edition.source), edition.clean_options)
    (block,) = [b for b in doc.blocks if b.first_line <= 159 <= b.last_line]
    at = block.text.index("Klinenberg (2018) HAHE")
    assert block.line_at(at) == 159 and block.line_at(at + len("Klinenberg (")) == 171
    (brk,) = [b for b in block.page_breaks if b.offset <= at + 11 < b.offset + 20]
    assert doc.pages[brk.page].number == 100
    cited = [s.text for s in block.salvaged if s.kind == "citation"]
    assert "Klinenberg (2018)" in cited


def test_the_cli_rejects_an_empty_file_naming_it(tmp_path: Path, capsys) -> None:
    from edition.cli import main

    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    assert main(["clean", str(empty)]) == 1
    assert f"{empty}: the file is empty" in capsys.readouterr().err
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9\n".encode("latin-1"))
    out = tmp_path / "out.json"
    assert main(["clean", str(latin1), "--json", "-o", str(out)]) == 1
    assert f"{latin1}:1: not valid UTF-8" in capsys.readouterr().err
    assert not out.exists()


def test_the_cli_report_names_pages_removals_and_salvage(capsys) -> None:
    from edition.cli import main

    assert main(["clean", str(SEED), "--report"]) == 0
    report = capsys.readouterr().out
    assert "pages: 10" in report
    assert "copyright: 3 (lines 165–167)" in report
    assert "salvaged in noise: 61 citations, 7 glosses" in report


# --- front matter and the paper's own reference list ---------------------------------------


def test_front_matter_ends_at_the_first_section_on_its_page() -> None:
    text = (
        "A title of a paper\n\nJane Doe\n\nAbstract\n\nWe study things and find them.\n\n"
        "Keywords: things, findings\n\n1 Introduction\n\nThe body begins on the first page.\n"
    )
    kinds = [(b.text[:12], b.kind.value) for b in clean(text).blocks]
    assert kinds == [
        ("A title of a", "front-matter"),
        ("Jane Doe", "front-matter"),
        ("Abstract", "front-matter"),
        ("We study thi", "front-matter"),
        ("Keywords: th", "front-matter"),
        ("1 Introducti", "heading"),
        ("The body beg", "paragraph"),
    ]


@pytest.mark.parametrize(
    "label", ["Abstract", "ABSTRACT:", "Summary", "摘要", "摘　要：", "内容提要"]
)
def test_a_label_alone_on_its_line_is_a_block_of_its_own(label: str) -> None:
    # eLife's layout sets the abstract's text right under "Abstract", with no blank line: the
    # label was read as the abstract's first word, and the site showed "Abstract A key step…".
    text = (
        f"A title of a paper\n\nJane Doe\n\n{label}\nA key step in the formation of\nthe vessels.\n"
    )
    blocks = clean(text).blocks
    assert [b.text for b in blocks][2:] == [label, "A key step in the formation of the vessels."]


def test_a_word_of_prose_alone_on_its_line_is_no_label() -> None:
    text = (
        "The method is explained in the appendix, which gives a short and very informal\n"
        "summary.\nThe results are then discussed at some length in the sections below.\n"
    )
    assert len(clean(text).blocks) == 1


#: Helker et al. (2015), eLife 4:e06726 (CC BY 4.0), Materials and methods: strain names in a
#: sentence's second line leave too few words outside parentheses to read as text.
STRAINS = (
    "Zebrafish strains used were Tg(fli1a:EGFP)y1 (Lawson and Weinstein, 2002), kdrlhu5088\n"
    "(Bussmann et al., 2010), tab160 (Halpern et al., 1993), nototk241 (Odenthal et al.,\n"
    "1996) and elabr13 (Chng et al., 2013).\n"
)


def test_a_cut_between_two_pieces_of_text_is_undone() -> None:
    # The same paper: a line of amounts and morpholinos in the middle of a sentence was cut
    # off as a new block, although both pieces read as text.
    text = (
        "mRNA was transcribed using SP6 polymerase (Sp6 mMessage mMachine kit [Ambion]). 100 pg\n"
        "H2B-cherry mRNA (Santoro et al., 2007), 2 ng aplnra MO (Scott et al., 2007), 0.5 ng\n"
        "aplnrb MO (Zeng et al., 2007), 2 ng apln MO (Scott et al., 2007) or 2 ng vegfaa/ 2.3\n"
        "ng vegfab MO (Ober et al., 2004) were injected. Simultaneous knockdown of aplnra and\n"
        "aplnrb was done by coinjection of 2 ng aplnra MO and 0.5 ng aplnrb MO (referred to as\n"
        "aplnra/b MO). 4 ng of standard control MO (Gene tools, Philomath, Oregon) were\n"
        "injected as control.\n"
    )
    (block,) = clean(text).blocks
    assert block.kind is BlockKind.PARAGRAPH and "100 pg H2B-cherry mRNA" in block.text


def test_the_editors_continuation_joins_a_block_to_the_one_before() -> None:
    # Where the cleaner cuts a sentence in two (at a line it reads as noise, at a page break
    # after a full stop), the editors say that a block only continues the one before.
    text = (
        STRAINS + "\nThe second paragraph of the page begins here and ends with a full stop.\n\f\n"
        "But it runs on into the next page, where it ends.\n"
    )
    before = clean(text)
    assert [b.first_line for b in before.blocks] == [1, 2, 5, 7]
    assert before.blocks[1].kind is BlockKind.NOISE
    after = clean(text, options=CleanOptions(kinds=((2, "continuation"), (7, "continuation"))))
    assert after.joined == (2, 7)
    first, second = after.blocks
    assert [(b.first_line, b.last_line) for b in after.blocks] == [(1, 3), (5, 7)]
    assert first.kind is BlockKind.PARAGRAPH and "kdrlhu5088 (Bussmann et al., 2010)" in first.text
    assert [a.line for a in first.anchors] == [1, 2, 3]
    assert first.text[first.anchors[1].offset :].startswith("(Bussmann")
    assert second.text.endswith("a full stop. But it runs on into the next page, where it ends.")
    (page_break,) = second.page_breaks
    assert second.text[page_break.offset :].startswith("But")
    assert page_break.page == before.blocks[3].page == second.page + 1
    # Each block keeps its editors' reading when the reading text is cleaned again.
    assert next(b.text for b in clean(after.plain_text()).blocks) == first.text


def test_a_continuation_is_glued_as_a_line_of_its_paragraph_and_reads_as_text() -> None:
    # A word hyphenated at the break is whole again, as within a paragraph; a continuation
    # after a line the cleaner took for noise makes a block that reads as text.
    prose = "This is a first paragraph of ordinary English prose that reads well enough."
    text = (
        f"{prose}\n\nThe researchers measured every colony and recorded the devel-\n\n"
        "opment of the larvae over the following three weeks in the incubators.\n"
    )
    joined = clean(text, options=CleanOptions(kinds=((5, "continuation"),))).blocks[1]
    assert "recorded the development of the larvae" in joined.text
    noise = "Xk7 #@ qz| 3%% ~~ jw8 &&^ pq; 9zz xx! kk@ ^^^ ||| zq# 44& %%%"
    text = (
        "The embryos were injected at the one cell stage with the following reagents in water,\n"
        f"{noise}\n"
        "the larvae were scored under the microscope for every phenotype that we could see.\n"
    )
    kinds = [b.kind for b in clean(text).blocks]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.NOISE, BlockKind.PARAGRAPH]
    blocks = clean(text, options=CleanOptions(kinds=((3, "continuation"),))).blocks
    assert [(b.first_line, b.last_line, b.kind) for b in blocks] == [
        (1, 1, BlockKind.PARAGRAPH),
        (2, 3, BlockKind.PARAGRAPH),
    ]


REFERENCE_LIST = """The body cites Smith (2020) and ends here.

References

Smith, J. (2020). A book about
things. Press.
van Dijk, T. A. (1998). Ideology. Sage.
World Health Organization. (2012). A report.
https://example.org/report
陳韜文（2000）。媒介研究。出版社。

Appendix A

The appendix is prose again.
"""


def test_a_reference_list_is_cut_into_its_entries_and_never_cites() -> None:
    document = clean(REFERENCE_LIST)
    entries = [b for b in document.blocks if b.kind is BlockKind.REFERENCE]
    assert [b.first_line for b in entries] == [5, 7, 8, 10]
    assert entries[0].text == "Smith, J. (2020). A book about things. Press."
    heading = next(b for b in document.blocks if b.text == "References")
    assert heading.kind is BlockKind.HEADING
    assert document.blocks[-1].kind is BlockKind.PARAGRAPH  # after the next heading: prose
    # Cleaning the cleaned text gives the same entries (idempotence).
    again = clean(document.plain_text())
    assert [b.text for b in again.blocks if b.kind is BlockKind.REFERENCE] == [
        b.text for b in entries
    ]


@pytest.mark.parametrize(
    "heading",
    ["References", "REFERENCES", "7 References", "Bibliography", "參考文獻", "Works Cited"],
)
def test_reference_headings_in_their_forms(heading: str) -> None:
    document = clean(f"Text that ends.\n\n{heading}\n\nSmith, J. (2020). A book. Press.\n")
    assert document.blocks[-1].kind is BlockKind.REFERENCE


# --- what trying an eLife article as a new editor found --------------------------------------


def _page(body: str, number: int) -> str:
    """A page laid out as the eLife example: the head on top, the footer right below it."""
    return (
        f"Research Article                  Chromosomes and Gene Expression\n\n{body}\n\n"
        f"Zhang et al. eLife 2012;1:e00065. DOI: 10.7554/eLife.00065      {number} of 4\n"
    )


def test_a_head_set_right_against_the_footer_is_found_when_it_recurs() -> None:
    pages = [
        _page(f"Paragraph {n} of the body goes on for a while and ends here.", n)
        for n in range(1, 5)
    ]
    document = clean("".join(pages))
    heads = [r for r in document.removed if r.text.startswith("Research Article")]
    assert len(heads) == 4 and {r.reason for r in heads} == {RemovalReason.RUNNING_HEAD}
    assert all("Research Article" not in b.text for b in document.blocks)


def test_a_heading_that_opens_a_page_is_never_joined_to_the_last_line_before_it() -> None:
    text = (
        "Competing interests\n\nThe authors have declared that no competing interests exist\n\n"
        "11\n\nFunding\n\nThe funders had no role.\n"
    )
    blocks = [(b.text, b.kind.value) for b in clean(text).blocks]
    assert ("Funding", "heading") in blocks


def test_vancouver_reference_lists_are_cut_into_their_entries() -> None:
    text = (
        "The body ends here.\n\nReferences\n\n"
        "Ayala JE, Bracy DP, Wasserman DH. 2006. Considerations in\nthe design of clamps."
        " Diabetes 55:390–397.\n"
        "Barclay JL, Nelson CN, McPhee TR, et al.\n\n12\n\n"
        "2011. GH-dependent STAT5 signaling. Endocrinology 152:181–192.\n"
        "Kenyon CJ. 2010. The genetics of ageing. Nature 464:504–512.\n"
    )
    entries = [b.text[:12] for b in clean(text).blocks if b.kind is BlockKind.REFERENCE]
    assert entries == ["Ayala JE, Br", "Barclay JL, ", "Kenyon CJ. 2"]


def test_names_with_affiliation_marks_read_as_text() -> None:
    byline = "Yuan Zhang1, Yang Xie2, Eric D Berglund3, Tian Teng He5, Steven A Kliewer7*"
    assert readability(byline) > 0.9
    assert readability("& bR oy B (TRISE > EAMFE - IRE M) ~ SR") < 0.3


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("eLife digest", True),
        ("iPhone use among students", True),
        ("YX: Analysis and interpretation of data", False),
        ("TTH, TK and WW: Acquisition of data", False),
    ],
)
def test_what_opens_a_heading(line: str, heading: bool) -> None:
    kinds = [
        b.kind.value for b in clean(f"A paragraph that ends.\n\n{line}\n\nMore text.\n").blocks
    ]
    assert (kinds[1] == "heading") is heading


@pytest.mark.parametrize(
    ("broken", "joined"),
    [
        ("leucine-\nrich repeats", "leucine-rich repeats"),
        ("the gel-\npurified RNA", "the gel-purified RNA"),
        ("loss-of-\nfunction", "loss-of-function"),
        ("social infra-\nstructure", "social infrastructure"),
        ("antidia-\nbetic drugs", "antidiabetic drugs"),
        ("phospho-\nrylation", "phosphorylation"),
    ],
)
def test_a_hyphen_at_a_line_end_keeps_compounds_and_joins_words(broken: str, joined: str) -> None:
    assert (
        clean(f"A sentence about {broken} here.\n").blocks[0].text
        == f"A sentence about {joined} here."
    )


def test_an_abbreviation_before_a_page_break_does_not_end_the_paragraph() -> None:
    text = (
        "We isolated 23S rRNA from the E.\n\n5\n\ncoli strain DH5α and purified it.\n\n"
        "Another paragraph that ends.\n"
    )
    blocks = clean(text).blocks
    assert blocks[0].text == "We isolated 23S rRNA from the E. coli strain DH5α and purified it."


# A Chinese journal article of three printed pages: the page number is printed only in the
# running heads after page 1 (journal name on even pages, short title on odd ones, set
# apart by ideographic spaces); the reference list hangs its entries' later lines; an
# English title and abstract follow the references.
_ZH_ARTICLE = """\
學刊樣本　第3卷第2期（2023年6月）　頁11–13

都市步行與街道生活

王明　李華

摘要

本文討論都市步行與街道生活的關係，指出街道是城市公共生活的舞台。

關鍵詞：步行、街道、公共生活

一、導論

　　街道是城市中最常見的公共空間。Jacobs（1961）認為，街道上的眼睛維持了
城市的安全與活力，而行人的來往使陌生人彼此看見。

11
12　　　　學刊樣本

二、文獻

　　Gehl（2010）以大量觀察說明，步行者的速度與視野決定了街道設計的尺度。
這些研究共同指出，街道的品質取決於人們是否願意停留。

都市步行與街道生活　　　　13

　　當然，街道也可能變得冷清。商店關門、車流增加，都會使行人減少。

三、結語

　　本文認為街道生活值得進一步研究。

參考文獻

Gehl, J. (2010). Cities for people. Washington, DC: Island
　　Press.
Jacobs, J. (1961). The death and life of great American cities. New York,
　　NY: Random House.

Walking and Street Life in the City

Ming WANG, Hua LI

Abstract

This article discusses the relation of urban walking and street life.

Keywords: walking, streets, public life
"""


def _kinds_by_line(doc) -> dict[int, BlockKind]:
    return {block.first_line: block.kind for block in doc.blocks}


def test_page_numbers_printed_in_running_heads_are_read_and_the_heads_removed() -> None:
    doc = clean(_ZH_ARTICLE)
    assert [(p.number, p.number_source, p.first_line) for p in doc.pages] == [
        (11, NumberSource.PRINTED, 1),
        (12, NumberSource.PRINTED, 19),
        (13, NumberSource.PRINTED, 26),
    ]
    heads = [r.line for r in doc.removed if r.reason is RemovalReason.RUNNING_HEAD]
    assert heads == [19, 26]
    assert not any("學刊樣本" in b.text and b.first_line > 1 for b in doc.blocks)


@pytest.mark.parametrize(
    "head",
    ["Walking and street life    2", "2\tWalking and street life", "2　　步行與街道"],
)
def test_a_numbered_head_needs_its_number_to_continue_the_pages(head: str) -> None:
    body = f"{PROSE}\n\n1\n\n{PROSE}\n\n{head}\n\n{PROSE}\n"
    assert head in [r.text for r in clean(body).removed]
    wrong = head.replace("2", "7")
    assert wrong not in [r.text for r in clean(body.replace(head, wrong)).removed]


def test_a_table_row_with_a_gap_is_no_numbered_head() -> None:
    table = "Cases  1\nControls  2\nTotal  3"
    doc = clean(f"{PROSE}\n\n{table}\n\n{PROSE}\n")
    assert not doc.removed


def test_a_late_abstract_is_front_matter_and_the_body_before_it_on_its_page_is_not() -> None:
    kinds = _kinds_by_line(clean(_ZH_ARTICLE))
    assert kinds[28] is BlockKind.PARAGRAPH  # the body on the abstract's page
    assert kinds[30] is BlockKind.HEADING
    assert [kinds[n] for n in (41, 43, 45, 47, 49)] == [BlockKind.FRONT_MATTER] * 5
    assert kinds[7] is BlockKind.FRONT_MATTER and kinds[13] is BlockKind.HEADING


def test_a_hanging_indent_continues_a_reference_entry() -> None:
    doc = clean(_ZH_ARTICLE)
    entries = [b for b in doc.blocks if b.kind is BlockKind.REFERENCE]
    assert [(b.first_line, b.last_line) for b in entries] == [(36, 37), (38, 39)]
    assert entries[0].text == "Gehl, J. (2010). Cities for people. Washington, DC: Island Press."


def test_an_indented_paragraph_after_an_unindented_one_is_a_new_block_in_the_body() -> None:
    doc = clean("甲乙丙丁戊己庚辛壬癸，甲乙丙丁戊己庚辛。\n　　子丑寅卯辰巳午未申酉，戌亥。\n")
    assert len(doc.blocks) == 2


def test_a_head_the_editors_name_gives_its_printed_page_number() -> None:
    text = f"{PROSE}\n\nSpecimen Journal    8\n{PROSE}\n"
    doc = clean(text, options=CleanOptions(running_heads=("^Specimen Journal",)))
    assert [(p.number, p.number_source) for p in doc.pages] == [
        (7, NumberSource.INFERRED),
        (8, NumberSource.PRINTED),
    ]


# A Mainland journal article: dotted page numbers (·31·), running heads that carry them,
# labelled front-matter lines without blank lines between them, （一） subsections and a
# GB/T 7714 reference list right under its heading.
_MAINLAND_ARTICLE = """\
《乡村研究》2021年第5期 第31—32页

乡村集市的社会功能

张华

摘要：本文讨论乡村集市如何维系邻里之间的往来。
关键词：集市；邻里；乡村
中图分类号：C912　　文献标识码：A

一、引言

集市是乡村社会的重要场所（费孝通，1998）。

·31·
·32·　　　　乡村研究　2021年第5期

（一）集市与信息

村民在集市上交换消息。

参考文献：
[1] 费孝通. 乡土中国 生育制度[M]. 北京: 北京大学出版社, 1998.
[2] Granovetter M S. The strength of weak ties[J]. American Journal of Sociology,
　　1973, 78(6): 1360-1380.
"""


def test_a_mainland_article_reads_as_printed() -> None:
    doc = clean(_MAINLAND_ARTICLE)
    assert [(p.number, p.number_source) for p in doc.pages] == [
        (31, NumberSource.PRINTED),
        (32, NumberSource.PRINTED),
    ]
    kinds = {b.text[:6]: b.kind for b in doc.blocks}
    assert kinds["摘要：本文讨"] is BlockKind.FRONT_MATTER
    assert kinds["关键词：集市"] is BlockKind.FRONT_MATTER  # a block of its own
    assert kinds["中图分类号："] is BlockKind.FRONT_MATTER
    assert kinds["（一）集市与"] is BlockKind.HEADING
    assert kinds["参考文献："] is BlockKind.HEADING
    entries = [b for b in doc.blocks if b.kind is BlockKind.REFERENCE]
    assert [(b.first_line, b.last_line) for b in entries] == [(23, 23), (24, 25)]
    assert not any("乡村研究　2021" in b.text for b in doc.blocks)


def test_the_editors_may_begin_a_block_inside_one_the_cleaner_left_whole() -> None:
    # entries that end without a full stop: nothing tells the cleaner where one ends
    text = "References\n\n[1] Fei X. From the soil, 1992\n[2] Lin N. Social capital, 2001\n"
    whole = clean(text)
    assert [b.first_line for b in whole.blocks] == [1, 3]  # one block for both entries
    options = CleanOptions(kinds=((3, "reference"), (4, "reference")))
    split = clean(text, options=options)
    assert [(b.first_line, b.kind) for b in split.blocks] == [
        (1, BlockKind.HEADING),
        (3, BlockKind.REFERENCE),
        (4, BlockKind.REFERENCE),
    ]
    assert split.blocks[2].text == "[2] Lin N. Social capital, 2001"


def test_a_page_number_the_editors_read_in_the_source_is_printed() -> None:
    text = f"{PROSE}\n{PROSE}\n{PROSE}\n"
    starts = (PageStart(2, 12, printed=True), PageStart(3, 13))
    doc = clean(text, options=CleanOptions(page_starts=starts))
    assert [(p.number, p.number_source) for p in doc.pages] == [
        (11, NumberSource.INFERRED),
        (12, NumberSource.PRINTED),
        (13, NumberSource.INFERRED),
    ]


def test_a_running_footer_that_prints_the_page_number_closes_its_page() -> None:
    # "Ciferri et al. eLife 2012;1:e00005. DOI: …    1" at the foot of each page: read as
    # heads, they opened each page a page late and left a page [0] before the first.
    body = "A line of the body of the paper that runs on for a while, page {page}."
    foot = "Ciferri et al. eLife 2012;1:e00005. DOI: 10.7554/eLife.00005    {page}"
    pages = [
        "\n".join([body.format(page=p)] * 6) + f"\n\n{foot.format(page=p)}\n" for p in (1, 2, 3)
    ]
    document = clean("\n".join(pages))
    assert [(p.number, p.number_source) for p in document.pages] == [
        (n, NumberSource.PRINTED) for n in (1, 2, 3)
    ]
    assert [p.first_line for p in document.pages] == [1, 10, 19]


def _ciferri_pages(heads: tuple[bool, ...] = (True, True, True)) -> list[str]:
    """Pages with a running head, and at each foot a running footer over the page number."""
    head = "Research Article                     Biophysics and Structural Biology"
    body = "A line of the body of the paper that runs on for a while, page {page}."
    foot = "Ciferri et al. eLife 2012;1:e00005. DOI: 10.7554/eLife.00005"
    return [
        (f"{head}\n\n" if with_head else "")
        + "\n".join([body.format(page=p)] * 6)
        + f"\n\n{foot}\n{p}\n"
        for p, with_head in zip((1, 2, 3), heads, strict=True)
    ]


def test_the_feet_of_the_last_page_open_no_page_after_it() -> None:
    # The last page's running footer was taken for the head of a page after it, numbered 3
    # like the page before.
    document = clean("\n".join(_ciferri_pages()).rstrip("\n"))
    assert [(p.number, p.number_source) for p in document.pages] == [
        (n, NumberSource.PRINTED) for n in (1, 2, 3)
    ]
    assert document.pages[-1].last_line == document.line_count


def test_a_running_footer_stays_on_its_page_where_no_head_follows_it() -> None:
    # A running footer stands before the page number wherever a head follows: it is the
    # page's own also where the next head is lost, or where a last line follows the feet.
    text = "\n".join(_ciferri_pages((True, False, True))) + "\nReceived 3 May 2012\n"
    document = clean(text)
    lines = text.split("\n")
    numbers = [n for n, line in enumerate(lines, 1) if line in ("1", "2", "3")]
    assert [(p.number, p.number_source) for p in document.pages] == [
        (1, NumberSource.PRINTED),
        (2, NumberSource.PRINTED),
        (3, NumberSource.PRINTED),
        (4, NumberSource.INFERRED),
    ]
    assert [p.last_line for p in document.pages[:3]] == [n + 1 for n in numbers]
