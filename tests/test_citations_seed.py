"""The engine against the seed's gold file, made by reading the OCR source line by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edition.bibliography import load_bibliography
from edition.citations import CitationIndex, find_citations

ROOT = Path(__file__).resolve().parent.parent
GOLD = json.loads((ROOT / "tests/gold/yang-wang-2024.citations.json").read_text("utf-8"))
SOURCE = (ROOT / GOLD["source"]).read_text("utf-8")
BIB = load_bibliography(ROOT / GOLD["bibliography"])


def gold_records() -> set[tuple]:
    """The gold citations as (start, end, status, keys, year, locator, narrative)."""
    line_starts = [0] + [i + 1 for i, c in enumerate(SOURCE) if c == "\n"]
    records = set()
    for row in GOLD["citations"]:
        line_start = line_starts[row["line"] - 1]
        start = SOURCE.find(row["text"], line_start)
        assert line_start <= start < line_starts[row["line"]], row
        keys = (row["key"],) if "key" in row else ()
        end = start + len(row["text"])
        records.add(
            (start, end, row["status"], keys, row["year"], row["locator"], row["narrative"])
        )
    return records


def found_records() -> set[tuple]:
    index = CitationIndex.from_bibliography(BIB)
    return {
        (c.start, c.end, c.status, c.keys, c.year, c.locator, c.narrative)
        for c in find_citations(SOURCE, index)
    }


def test_gold_file_is_complete_and_consistent():
    records = gold_records()
    assert len(records) == len(GOLD["citations"])
    cited = {row["key"] for row in GOLD["citations"] if "key" in row}
    assert cited == {ref.key for ref in BIB.references}


def test_seed_precision_and_recall_are_one():
    gold, found = gold_records(), found_records()
    true_positives = gold & found
    precision = len(true_positives) / len(found)
    recall = len(true_positives) / len(gold)
    assert (precision, recall) == (1.0, 1.0), {
        "missed": sorted(gold - found),
        "spurious": sorted(found - gold),
    }


def test_seed_illegible_citations_keep_year_and_place():
    illegible = [c for c in find_citations(SOURCE) if c.status == "illegible"]
    assert len(illegible) == sum(1 for r in GOLD["citations"] if r["status"] == "illegible")
    assert all(
        c.authors == "" and c.year.isdigit() and c.text == SOURCE[c.start : c.end]
        for c in illegible
    )


@pytest.mark.parametrize(
    "not_a_citation",
    [
        "Yang, H., & Wang, Z. (2024)",
        "(EFRAEET) - (8) % 674 (2024)",
        "Hong Kong Baptist University (2024)",
    ],
)
def test_seed_front_matter_and_page_furniture_are_not_citations(not_a_citation):
    start = SOURCE.index(not_a_citation)
    end = start + len(not_a_citation)
    spans = [
        c
        for c in find_citations(SOURCE)
        if start <= c.start < end and not c.text.startswith("Klinenberg")
    ]
    assert spans == []
