"""The engine against gold files made by reading: the seed's OCR text and Chinese prose.

Each gold file lists every citation of its text with the span as the text reads, the year,
the locator and the entry (or "illegible"); spans are located by line, so the files stay
readable and the test computes the offsets.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from edition.bibliography import load_bibliography
from edition.citations import CitationIndex, find_citations

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILES = ["yang-wang-2024.citations.json", "zh-hant.citations.json"]


@cache
def bibliography(path: Path):
    """Loading runs pybtex's LaTeX decoder (about 2 s for the seed's file): once per file."""
    return load_bibliography(path)


def index_for(gold: dict) -> CitationIndex:
    return CitationIndex.from_bibliography(bibliography(ROOT / gold["bibliography"]))


def load(name: str) -> tuple[dict, str]:
    gold = json.loads((ROOT / "tests/gold" / name).read_text("utf-8"))
    return gold, (ROOT / gold["source"]).read_text("utf-8")


def gold_records(gold: dict, text: str) -> set[tuple]:
    """The gold citations as (start, end, status, keys, year, locator, narrative)."""
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"] + [len(text) + 1]
    records = set()
    for row in gold["citations"]:
        line_start = line_starts[row["line"] - 1]
        anchor = text.find(row.get("after", ""), line_start)
        start = text.find(row["text"], anchor + len(row.get("after", "")))
        assert line_start <= start < line_starts[row["line"]], row
        keys = (row["key"],) if "key" in row else ()
        end = start + len(row["text"])
        records.add(
            (start, end, row["status"], keys, row["year"], row["locator"], row["narrative"])
        )
    return records


def found_records(gold: dict, text: str) -> set[tuple]:
    index = index_for(gold)
    return {
        (c.start, c.end, c.status, c.keys, c.year, c.locator, c.narrative)
        for c in find_citations(text, index)
    }


@pytest.mark.parametrize("name", GOLD_FILES)
def test_precision_and_recall_are_one(name):
    gold_file, text = load(name)
    gold, found = gold_records(gold_file, text), found_records(gold_file, text)
    true_positives = gold & found
    precision = len(true_positives) / len(found)
    recall = len(true_positives) / len(gold)
    assert (precision, recall) == (1.0, 1.0), {
        "missed": sorted(gold - found),
        "spurious": sorted(found - gold),
    }


@pytest.mark.parametrize("name", GOLD_FILES)
def test_gold_cites_every_entry(name):
    gold, _ = load(name)
    bib = bibliography(ROOT / gold["bibliography"])
    assert len(gold_records(*load(name))) == len(gold["citations"])
    assert {row["key"] for row in gold["citations"] if "key" in row} == {
        ref.key for ref in bib.references
    }


def test_chinese_prefixes_are_read():
    gold, text = load("zh-hant.citations.json")
    index = index_for(gold)
    prefixes = {c.text: c.prefix for c in find_citations(text, index) if c.prefix}
    expected = {row["text"]: row["prefix"] for row in gold["citations"] if row["prefix"]}
    assert prefixes == expected


def test_seed_illegible_citations_keep_year_and_place():
    gold, text = load("yang-wang-2024.citations.json")
    illegible = [c for c in find_citations(text) if c.status == "illegible"]
    assert len(illegible) == sum(1 for r in gold["citations"] if r["status"] == "illegible")
    for c in illegible:
        assert c.authors == "" and c.year.isdigit() and c.text == text[c.start : c.end]


@pytest.mark.parametrize(
    "not_a_citation",
    [
        "Yang, H., & Wang, Z. (2024)",
        "(EFRAEET) - (8) % 674 (2024)",
        "Hong Kong Baptist University (2024)",
    ],
)
def test_seed_front_matter_and_page_furniture_are_not_citations(not_a_citation):
    _, text = load("yang-wang-2024.citations.json")
    start = text.index(not_a_citation)
    inside = [c for c in find_citations(text) if start <= c.start < start + len(not_a_citation)]
    assert inside == []
