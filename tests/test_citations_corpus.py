"""Linking F1 on excerpts of published articles meets its targets in all three variants."""

from __future__ import annotations

import importlib.util
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


def test_corpus_has_several_articles_and_enough_citations():
    assert len(SAMPLES) >= 3
    assert sum(len(s.gold) for s in SAMPLES) >= 40


@pytest.mark.parametrize("variant", evaluation.VARIANTS)
def test_linking_f1_meets_target(variant):
    total, _, errors = RESULTS[variant]
    assert total.f1 >= evaluation.TARGETS[variant], "\n".join(errors)


def test_layout_variant_moves_gold_with_the_text():
    for sample in SAMPLES:
        text, gold = evaluation.variant(sample, "layout")
        assert len(text) > len(sample.text)
        for (start, end, key), (s, e, k) in zip(gold, sample.gold, strict=True):
            assert key == k
            assert text[start:end].replace("-\n", "").split() == sample.text[s:e].split() or (
                "\n\n" in text[start:end]
            )


def test_confusions_are_deterministic_and_keep_length():
    text = SAMPLES[0].text
    assert evaluation.confuse(text) == evaluation.confuse(text)
    assert len(evaluation.confuse(text)) == len(text) and evaluation.confuse(text) != text
