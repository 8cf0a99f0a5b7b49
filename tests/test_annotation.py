"""The annotated edition: what the site shows is what the check checks."""

from __future__ import annotations

from collections import Counter

from sitebuild import ROOT

from edition.annotation import annotate, check
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
