"""The OCR cleaner: furniture, paragraphs, pages, readability, idempotence, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.cleaning import CleanOptions, PageStart, clean, clean_file
from edition.document import BlockKind, NumberSource, RemovalReason
from edition.errors import EditionError
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


# --- properties ---------------------------------------------------------------------------

WORDS = st.sampled_from(
    "social infrastructure capital community the of and resilience WeChat group "
    "disaster 社會 基礎設施 社區 團購 (Klinenberg, 2018) bR AKIENE > ~ 2022)".split()
)
LINE = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)
PAGE = st.lists(st.one_of(LINE, st.just("")), min_size=1, max_size=12)


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


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
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


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(paged_sources())
def test_cleaning_is_idempotent(source: tuple[str, int]) -> None:
    once = clean(source[0])
    twice = clean(once.plain_text())
    assert twice.plain_text() == once.plain_text()
    assert [b.kind for b in twice.blocks] == [b.kind for b in once.blocks]


@settings(max_examples=300)
@given(st.text(max_size=400))
def test_cleaning_never_crashes_and_keeps_every_non_blank_line(text: str) -> None:
    doc = clean(text)
    covered = {r.line for r in doc.removed} | {a.line for b in doc.blocks for a in b.anchors}
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
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
