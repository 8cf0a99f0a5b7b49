"""The annotated edition: what the site shows is what the check checks."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest
from sitebuild import ROOT

from edition.annotation import annotate, check, check_edition, names_the_paper
from edition.citations import find_citations
from edition.errors import read_text

EDITION = ROOT / "texts" / "yang-wang-2024"


def test_blocks_and_the_raw_source_give_the_same_citations_on_the_same_lines() -> None:
    annotated = annotate(EDITION)
    text = read_text(annotated.edition.source)
    raw = Counter(
        (c.keys, c.status, c.year, text.count("\n", 0, c.start) + 1)
        for c in find_citations(text, annotated.index)
    )
    shown = Counter(
        (o.citation.keys, o.citation.status, o.citation.year, o.line) for o in annotated.occurrences
    )
    assert shown == raw
    assert sum(shown.values()) == 61


def test_the_edition_checks_without_errors() -> None:
    problems = check(annotate(EDITION))
    assert [p for p in problems if p.severity == "error"] == []
    assert {p.severity for p in problems} <= {"warning", "info"}


# --- the editors' decisions on citations -----------------------------------------------------

TINY = """id: tiny
paper:
  title: A paper
  authors: [{family: Doe, given: Jane}]
  year: 2021
  language: en
materials:
  source: source.txt
  references: references.bib
"""
SOURCE = (
    "The survey ran for years (Moreau, 1969). Weak ties matter\n"
    "(Granovetter, 1973). A lost work is cited (Nobody, 1999).\n"
)
REFERENCES = """@article{granovetter1973,
  author = {Granovetter, Mark S.}, title = {The strength of weak ties},
  journal = {American Journal of Sociology}, volume = {78}, pages = {1360--1380}, year = {1973}
}
@book{gmep1970,
  author = {{Gwynedd Medical Education Programme}}, title = {Survey}, publisher = {P}, year = {1970}
}
"""


def _tiny(tmp_path, decisions: str = ""):
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "edition.yml").write_text(TINY + decisions, encoding="utf-8")
    (folder / "source.txt").write_text(SOURCE, encoding="utf-8")
    (folder / "references.bib").write_text(REFERENCES, encoding="utf-8")
    return folder


def _errors(problems):
    return [str(p) for p in problems if p.severity == "error"]


def test_undecided_unresolved_citations_are_errors(tmp_path) -> None:
    _, problems = check_edition(_tiny(tmp_path))
    errors = _errors(problems)
    assert any("source.txt:1: unresolved citation 'Moreau, 1969'" in e for e in errors)
    assert any("source.txt:2: unresolved citation 'Nobody, 1999'" in e for e in errors)


def test_decisions_settle_them_and_the_site_follows(tmp_path) -> None:
    decisions = """decisions:
  - line: 1
    text: Moreau, 1969
    decision: not-a-citation
    reason: the survey's name and period
  - line: 2
    text: Nobody, 1999
    decision: unresolved
    reason: The work could not be identified.
"""
    annotated, problems = check_edition(_tiny(tmp_path, decisions))
    assert _errors(problems) == []
    texts = {o.citation.text: o for o in annotated.occurrences}
    assert "Moreau, 1969" not in texts
    kept = texts["Nobody, 1999"]
    assert kept.citation.status == "unresolved" and kept.decision.reason.startswith("The work")
    notes = [p for p in problems if p.severity == "info" and "kept by the editors" in p.message]
    assert len(notes) == 1 and notes[0].line == 2
    # The entry no citation names any more is reported as uncited, as any such entry is.
    assert any("'gmep1970' is never cited" in p.message for p in problems)


def test_a_decision_can_link_a_citation_to_an_entry(tmp_path) -> None:
    decisions = """decisions:
  - {line: 1, text: "Moreau, 1969", decision: link, key: gmep1970}
  - {line: 2, text: "Nobody, 1999", decision: not-a-citation}
"""
    annotated, problems = check_edition(_tiny(tmp_path, decisions))
    assert _errors(problems) == []
    (linked,) = [o for o in annotated.occurrences if o.citation.text.startswith("Moreau")]
    assert linked.citation.status == "resolved" and linked.citation.keys == ("gmep1970",)
    assert not any("never cited" in p.message for p in problems)


def test_a_decision_that_no_longer_matches_is_an_error_on_its_line(tmp_path) -> None:
    decisions = """decisions:
  - {line: 1, text: "Moreau, 1968", decision: not-a-citation}
  - {line: 2, text: "Nobody, 1999", decision: link, key: nobody1999}
"""
    folder = _tiny(tmp_path, decisions)
    _, problems = check_edition(folder)
    errors = _errors(problems)
    config = folder / "edition.yml"
    assert any(
        f"{config}:11: decision for 'Moreau, 1968' on source line 1 matches no citation "
        "(citations found on that line: 'Moreau, 1969')" in e
        for e in errors
    ), errors
    unknown = f"{config}:12: decision for 'Nobody, 1999': no entry 'nobody1999'"
    assert any(unknown in e for e in errors)


def test_a_probable_non_citation_is_text_and_a_warning_until_decided(tmp_path) -> None:
    folder = _tiny(tmp_path)
    source = folder / "source.txt"
    source.write_text(
        "The survey ran for years (GMEP, 1955–1969). Weak ties matter\n(Granovetter, 1973).\n",
        encoding="utf-8",
    )
    annotated, problems = check_edition(folder)
    assert _errors(problems) == []
    assert [o.citation.keys for o in annotated.occurrences] == [("granovetter1973",)]
    (warning,) = [p for p in problems if "probably not a citation" in p.message]
    assert warning.severity == "warning" and warning.line == 1
    assert "record a decision" in warning.message
    text = annotated.doubted[0].citation.text
    config = folder / "edition.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + f"decisions:\n  - {{line: 1, text: '{text}', decision: not-a-citation}}\n",
        encoding="utf-8",
    )
    annotated, problems = check_edition(folder)
    assert _errors(problems) == [] and annotated.doubted == ()
    assert not [p for p in problems if "probably not a citation" in p.message]


def test_the_editors_reading_of_a_block_wins_and_must_name_a_block(tmp_path) -> None:
    folder = _tiny(tmp_path)
    (folder / "source.txt").write_text(
        "Weak ties matter (Granovetter, 1973). A paragraph.\n\nMyd88−/− Mavs−/− Unc93b1 3d/3d"
        " Tlr7−/− Tlr9−/− Ifnar−/−\n",
        encoding="utf-8",
    )
    annotated, _ = check_edition(folder)
    assert [b.kind.value for b in annotated.document.blocks] == ["paragraph", "noise"]
    config = folder / "edition.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text + "source:\n  blocks:\n    - {line: 3, kind: paragraph, reason: gene symbols}\n",
        encoding="utf-8",
    )
    annotated, problems = check_edition(folder)
    assert _errors(problems) == []
    assert [b.kind.value for b in annotated.document.blocks] == ["paragraph", "paragraph"]
    config.write_text(text + "source:\n  blocks:\n    - {line: 2, kind: heading}\n", "utf-8")
    _, problems = check_edition(folder)
    (error,) = _errors(problems)
    assert "edition.yml:12: source.blocks: no block of the cleaned source begins at line 2" in error
    # The message says why, so the editor knows which line to name instead.
    assert "line 2 is blank" not in error and "the line is blank" in error
    assert "the next line with text begins at line 3" in error
    config.write_text(text + "source:\n  blocks:\n    - {line: 9, kind: heading}\n", "utf-8")
    _, problems = check_edition(folder)
    (error,) = _errors(problems)
    assert "begins at line 9: the source has 3 lines" in error


def test_a_continuation_must_join_two_blocks(tmp_path) -> None:
    folder = _tiny(tmp_path)
    (folder / "source.txt").write_text(
        "Weak ties matter (Granovetter, 1973). A paragraph that\n\nruns on after a blank line.\n",
        encoding="utf-8",
    )
    config = folder / "edition.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "source:\n  blocks:\n    - {line: 3, kind: continuation}\n", "utf-8")
    annotated, problems = check_edition(folder)
    assert _errors(problems) == []
    (block,) = annotated.document.blocks
    assert block.text.endswith("A paragraph that runs on after a blank line.")
    config.write_text(text + "source:\n  blocks:\n    - {line: 1, kind: continuation}\n", "utf-8")
    (error,) = _errors(check_edition(folder)[1])
    assert "line 1: the block at line 1 cannot be joined to the one before it" in error


def _document(kinds: list[str]):
    import dataclasses

    from edition.cleaning import clean
    from edition.document import BlockKind

    text = "\n\n".join(
        f"Heading {k}" if kind == "heading" else PARAGRAPH for k, kind in enumerate(kinds)
    )
    document = clean(text + "\n")
    blocks = tuple(
        dataclasses.replace(block, kind=BlockKind(kind))
        for block, kind in zip(document.blocks, kinds, strict=True)
    )
    return dataclasses.replace(document, blocks=blocks)


PARAGRAPH = "A paragraph of the paper's body that runs on for a while and ends a sentence."


def test_a_reading_mostly_of_front_matter_is_warned_of_at_its_first_block_after_a_heading() -> None:
    from pathlib import Path

    from edition.annotation import check_reading
    from edition.bibliography import Bibliography

    kinds = ["front-matter", "heading", "front-matter", "front-matter", "paragraph"]
    document = _document(kinds)
    found = check_reading(document, Bibliography(Path("x.bib"), ()), Path("source.txt"))
    assert [(p.severity, p.line) for p in found] == [("warning", document.blocks[2].first_line)]
    assert "3 of 5 blocks" in found[0].message
    plain = _document(["front-matter", "heading", "paragraph", "paragraph", "paragraph"])
    assert check_reading(plain, Bibliography(Path("x.bib"), ()), Path("source.txt")) == []


def test_a_reference_list_unlike_the_bibliography_in_length_is_noted() -> None:
    from pathlib import Path

    from edition.annotation import check_reading
    from edition.bibliography import load_bibliography

    bib = load_bibliography(ROOT / "texts" / "specimen-zh" / "references.bib")
    kinds = ["heading", "paragraph", "heading"] + ["reference"] * (len(bib.references) + 1)
    document = _document(kinds)
    found = check_reading(document, bib, Path("source.txt"))
    assert [(p.severity, p.line) for p in found] == [("info", document.blocks[3].first_line)]
    same = _document(kinds[:-1])
    assert check_reading(same, bib, Path("source.txt")) == []


def test_the_papers_own_citation_line_cites_no_work(tmp_path) -> None:
    # A journal prints how to cite the paper on its first page (eLife: "Citation: Helker
    # CSM, … (2015). …"): the line names the paper, which its bibliography does not list.
    folder = _tiny(tmp_path)
    (folder / "source.txt").write_text(
        "A paper\n\nCitation: Doe J, Roe R (2021). A paper. Journal 4:e1.\n\n"
        "Keywords: ties\n\n" + SOURCE.replace("(Moreau, 1969)", "(Doe, 2021; Doe, 2020)"),
        encoding="utf-8",
    )
    config = folder / "edition.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "source:\n  blocks:\n    - {line: 3, kind: front-matter, reason: how to cite it}\n"
        + "    - {line: 7, kind: paragraph, reason: the body}\n",
        encoding="utf-8",
    )
    annotated, problems = check_edition(folder)
    texts = [o.citation.text for o in annotated.occurrences]
    assert not any("Doe J" in text for text in texts)
    # In the body, a citation of the same author and year is a citation like any other.
    assert "Doe, 2021" in texts and "Doe, 2020" in texts
    assert any("unresolved citation 'Doe, 2021'" in e for e in _errors(problems))
    assert not any("Doe J" in e for e in _errors(problems))


@pytest.mark.parametrize(
    ("authors", "text", "names"),
    [
        ([("Helker", "C. S. M."), ("Schuermann", "A.")], "Helker CSM, Schuermann A (2015)", True),
        ([("Helker", "C. S. M."), ("Schuermann", "A.")], "Helker et al. (2015)", True),
        ([("Doe", "J.")], "Doe (2015)", True),
        # A name that begins with the author's is another name; a co-author must match.
        ([("Li", "W.")], "Lin (2015)", False),
        ([("Helker", "C."), ("Schuermann", "A.")], "Helker & Pollmann (2015)", False),
        ([("Helker", "C.")], "Helker (2014)", False),
        # In Han script the full name, not the family name many authors share.
        ([("楊", "航耕"), ("王", "卓宇")], "楊航耕、王卓宇（2015）", True),
        ([("楊", "航耕"), ("王", "卓宇")], "楊國斌（2015）", False),
    ],
)
def test_a_citation_names_the_paper_only_with_its_authors_and_year(authors, text, names) -> None:
    paper = SimpleNamespace(
        authors=[SimpleNamespace(family=f, given=g, name="") for f, g in authors], year=2015
    )
    (citation,) = find_citations(text, None)
    assert names_the_paper(citation, paper) is names


def test_the_abstract_lines_must_begin_blocks_and_not_be_a_label_alone(tmp_path) -> None:
    folder = _tiny(tmp_path)
    (folder / "source.txt").write_text(
        "A paper\n\nAbstract\nWeak ties matter in cities, we find (Granovetter, 1973).\n\n"
        "1 Introduction\n\nThe body begins here and cites nothing at all.\n",
        encoding="utf-8",
    )
    config = folder / "edition.yml"
    text = config.read_text(encoding="utf-8")
    for lines, expected in (
        ("[4]", []),
        (
            "[3]",
            [
                "warning: the block at line 3 is the label 'Abstract' alone; the abstract's "
                "text begins at line 4"
            ],
        ),
        ("[5]", ["error: no block of the cleaned source begins at line 5: the line is blank"]),
    ):
        config.write_text(text + f"front_matter:\n  abstract: {lines}\n", encoding="utf-8")
        _, problems = check_edition(folder)
        found = [
            f"{p.severity}: {p.message.removeprefix('front_matter.abstract: ')}"
            for p in problems
            if p.message.startswith("front_matter.abstract")
        ]
        assert [f[: len(e)] for f, e in zip(found, expected, strict=True)] == expected


def test_a_year_letter_the_bibliography_does_not_write_is_a_warning(tmp_path) -> None:
    # eLife letters Cao and Zhang's two 2004 papers otherwise than APA's order by title:
    # the citations linked to each other's work without a word.
    folder = _tiny(tmp_path)
    (folder / "references.bib").write_text(
        REFERENCES
        + "@article{cao2004a, author = {Cao, R. and Zhang, Y.}, title = {SUZ12 is required},"
        " journal = {Mol Cell}, volume = {15}, pages = {57--67}, year = {2004}}\n"
        "@article{cao2004b, author = {Cao, R. and Zhang, Y.}, title = {The functions of E(Z)},"
        " journal = {Curr Opin Genet Dev}, volume = {14}, pages = {155--164}, year = {2004}}\n",
        encoding="utf-8",
    )
    source = folder / "source.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "Both (Cao & Zhang, 2004a, 2004b).\n", encoding="utf-8")
    _, problems = check_edition(folder)
    warned = sorted(p.message.split("}")[0] for p in problems if "a letter its year" in p.message)
    assert warned == ["@article{cao2004a", "@article{cao2004b"]
    # Written in the bibliography (as the paper letters them), the letters are the
    # editors': nothing to warn of, and each citation links to the work so lettered.
    bib = folder / "references.bib"
    text = bib.read_text(encoding="utf-8").replace("year = {2004}}", "year = {2004?}}")
    text = text.replace("year = {2004?}", "year = {2004b}", 1).replace("{2004?}", "{2004a}")
    bib.write_text(text, encoding="utf-8")
    annotated, problems = check_edition(folder)
    assert not [p for p in problems if "a letter its year" in p.message]
    linked = {o.citation.year: o.citation.keys for o in annotated.occurrences}
    assert linked["2004a"] == ("cao2004b",) and linked["2004b"] == ("cao2004a",)


def test_two_pages_with_one_number_are_a_warning(tmp_path) -> None:
    folder = _tiny(tmp_path)
    source = folder / "source.txt"
    source.write_text(
        "Weak ties matter (Granovetter, 1973).\n\n1\n\fMore text on the second page.\n",
        encoding="utf-8",
    )
    config = folder / "edition.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "source:\n  pages:\n    - {line: 4, number: 1}\n", "utf-8")
    _, problems = check_edition(folder)
    warned = [p for p in problems if "both numbered 1" in p.message]
    assert len(warned) == 1 and warned[0].severity == "warning" and warned[0].line == 4


def test_terms_in_a_text_are_the_same_however_the_protected_spans_are_given() -> None:
    """What an edition found in a text is remembered: spans given as a generator are read
    once, for the search and for the memory alike."""
    annotated = annotate(ROOT / "texts" / "yang-wang-2024")
    text = "社會基礎設施 and social infrastructure, 社會基礎設施"
    spans = [(0, 6)]
    first = [m.start for m in annotated.terms(text, (span for span in spans))]
    assert first == [m.start for m in annotated.terms(text, spans)] == [11, 34]
