"""Linking F1 on excerpts of published articles meets its targets in all three variants."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "eval_citations.py"
spec = importlib.util.spec_from_file_location("eval_citations", SCRIPT)
evaluation = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = evaluation  # dataclasses look their module up there
spec.loader.exec_module(evaluation)

SAMPLES = evaluation.load_corpus()
RESULTS = evaluation.evaluate(SAMPLES)


def test_corpus_has_many_articles_in_both_languages_and_enough_citations():
    assert len(SAMPLES) >= 12
    chinese = [s for s in SAMPLES if any("\u4e00" <= c <= "\u9fff" for c in s.text[:200])]
    assert len(chinese) >= 2
    assert sum(len(s.gold) for s in SAMPLES) >= 400


@pytest.mark.parametrize("variant", evaluation.VARIANTS)
def test_linking_f1_meets_target(variant):
    total, _, errors = RESULTS[variant]
    assert total.f1 >= evaluation.TARGETS[variant], "\n".join(errors)


@pytest.mark.parametrize("variant", evaluation.VARIANTS)
def test_linking_precision_meets_target(variant):
    total, _, errors = RESULTS[variant]
    assert total.precision >= evaluation.PRECISION_TARGET, "\n".join(errors)


def test_every_gold_citation_slices_its_text_and_names_an_entry():
    for sample in SAMPLES:
        keys = {ref_key for ref_key in sample.keys}
        for start, end, key in sample.gold:
            assert sample.text[start:end].strip() == sample.text[start:end] != ""
            assert key is None or key in keys, (sample.name, key)


def test_corrections_of_publisher_links_are_listed_with_a_reason():
    for gold_file in sorted(evaluation.CORPUS.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text("utf-8"))
        by_start = {row["start"]: row for row in gold["citations"]}
        for fix in gold.get("corrections", []):
            assert fix["why"] and by_start[fix["start"]]["key"] == fix["key"]


def test_layout_variant_moves_gold_with_the_text():
    for sample in SAMPLES:
        text, gold = evaluation.variant(sample, "layout")
        assert len(text) > len(sample.text)
        for (start, end, key), (s, e, k) in zip(gold, sample.gold, strict=True):
            assert key == k
            moved = "".join(text[start:end].replace("-\n", "").split())
            assert moved == "".join(sample.text[s:e].split()) or "\n\n" in text[start:end]


def test_confusions_are_deterministic_and_keep_length():
    text = SAMPLES[0].text
    assert evaluation.confuse(text) == evaluation.confuse(text)
    assert len(evaluation.confuse(text)) == len(text) and evaluation.confuse(text) != text
