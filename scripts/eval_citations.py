#!/usr/bin/env python3
"""Linking F1 of the citation engine on excerpts of published author–year articles.

The corpus (``tests/corpus``) holds short excerpts of open-access articles with their
reference lists as BibTeX and, as gold, the citation links the publishers themselves put in
the articles' XML. Each excerpt is scored three ways:

* ``clean``: the text as published;
* ``layout``: the same laid out like a page scan: hard line breaks, long words hyphenated
  across lines (Chinese broken anywhere without a hyphen, as it is set), and a page number
  and running head every few lines (deterministic);
* ``confused``: the layout text with OCR character confusions (O/0, l/1, e/c, comma/period)
  injected at random with a fixed seed.

A citation counts as linked when the engine resolves it to the gold entry and its span
overlaps the gold span; everything else the engine reports as a citation is a false
positive, every gold citation not linked a false negative. A candidate the engine reports as
probably no citation (``Citation.doubt``) is not counted as found: if it was a citation, it
is a miss. A gold citation whose text and reference list disagree (``"key": null``, with the
reason in the file's ``corrections``) must not be resolved: reporting it unresolved is
right and counts neither way, resolving it is a false positive.
Run: ``python scripts/eval_citations.py [-v]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.bibliography import load_bibliography  # noqa: E402
from edition.citations import CitationIndex, find_citations  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
WIDTH = 72
PAGE_LINES = 18
CONFUSIONS = {"O": "0", "0": "O", "l": "1", "1": "l", "e": "c", "c": "e", ",": ".", ".": ","}
CONFUSION_RATE = 0.05
SEED = 20240
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
#: Marks a Chinese line never starts with (a kinsoku rule of CJK typesetting).
NO_LINE_START = frozenset("，。、；：？！）」』》〉”’…")
UNBREAKABLE = re.compile(r"[^\W_]+(?:[.,'’\-–][^\W_]+)*|.", re.ASCII)
VARIANTS = ("clean", "layout", "confused")
TARGETS = {"clean": 0.995, "layout": 0.995, "confused": 0.99}
#: Precision wanted in every variant: a wrong link is worse than a missing one.
PRECISION_TARGET = 0.999


@dataclass(frozen=True)
class Sample:
    """One excerpt: its text, gold citations as (start, end, key), and the index of its refs."""

    name: str
    text: str
    gold: tuple[tuple[int, int, str | None], ...]
    index: CitationIndex
    head: str
    #: the keys of the excerpt's bibliography
    keys: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Score:
    true_positives: int
    found: int
    gold: int

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.found + other.found,
            self.gold + other.gold,
        )

    @property
    def precision(self) -> float:
        return self.true_positives / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_corpus() -> list[Sample]:
    samples = []
    for gold_file in sorted(CORPUS.glob("*.gold.json")):
        name = gold_file.name.removesuffix(".gold.json")
        gold = json.loads(gold_file.read_text("utf-8"))
        bib = load_bibliography(CORPUS / f"{name}.bib")
        samples.append(
            Sample(
                name=name,
                text=(CORPUS / f"{name}.txt").read_text("utf-8"),
                gold=tuple((c["start"], c["end"], c["key"]) for c in gold["citations"]),
                index=CitationIndex.from_bibliography(bib),
                head=gold["running_head"],
                keys=frozenset(ref.key for ref in bib.references),
            )
        )
    return samples


def ocr_layout(text: str, head: str) -> tuple[str, list[int]]:
    """``text`` as a scan lays it out, and where each of its characters went.

    Paragraphs are broken into lines of at most ``WIDTH`` columns (a Chinese character takes
    two); a word of eight letters or more that does not fit is hyphenated across the break,
    Chinese breaks between any two characters; after every ``PAGE_LINES``
    lines comes a page break: blank lines, the page number and the running head (its place
    above or below the number alternating from page to page).
    """
    out: list[str] = []
    where = [0] * len(text)
    length = 0
    column = 0
    lines = 0
    page = 1

    def emit(piece: str, source: int | None = None) -> None:
        nonlocal length
        if source is not None:
            where[source] = length
        out.append(piece)
        length += len(piece)

    def line_break() -> None:
        nonlocal column, lines, page
        column = 0
        lines += 1
        if lines % PAGE_LINES == 0:
            page += 1
            furniture = [str(page), head] if page % 2 else [head, str(page)]
            emit("\n" + "\n\n".join(furniture) + "\n\n")

    for match in re.finditer(r"\S+|\s+", text):
        token, start = match.group(), match.start()
        if CJK.search(token):
            # Set without spaces: a line breaks before any Chinese character but a closing
            # mark, and never inside a Latin word or a number.
            for unit in UNBREAKABLE.finditer(token):
                width = 2 * len(unit.group()) if CJK.match(unit.group()) else len(unit.group())
                if column and column + width > WIDTH and unit.group() not in NO_LINE_START:
                    emit("\n")
                    line_break()
                for offset, char in enumerate(unit.group(), start=start + unit.start()):
                    emit(char, offset)
                column += width
            continue
        if token.isspace():
            if "\n" in token:
                for offset, char in enumerate(token):
                    emit(char, start + offset)
                column = 0
            elif column:
                emit(" ", start)
                column += 1
            continue
        if column and column + len(token) > WIDTH:
            fits = WIDTH - column - 1
            letters = re.match(r"[^\W\d_]+", token)
            if letters and len(letters.group()) >= 8 and fits >= 3:
                cut = min(fits, len(letters.group()) - 3)
                for offset, char in enumerate(token[:cut]):
                    emit(char, start + offset)
                emit("-\n")
                line_break()
                token, start = token[cut:], start + cut
            else:
                out[-1] = "\n"
                line_break()
        for offset, char in enumerate(token):
            emit(char, start + offset)
        column += len(token)
    return "".join(out), where


def confuse(text: str, seed: int = SEED) -> str:
    """``text`` with OCR confusions injected, each confusable character at ``CONFUSION_RATE``."""
    rng = random.Random(seed)
    return "".join(
        CONFUSIONS[c] if c in CONFUSIONS and rng.random() < CONFUSION_RATE else c for c in text
    )


def variant(sample: Sample, name: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The text of one variant of ``sample`` and its gold citations moved along."""
    if name == "clean":
        return sample.text, list(sample.gold)
    text, where = ocr_layout(sample.text, sample.head)
    gold = [(where[start], where[end - 1] + 1, key) for start, end, key in sample.gold]
    return (confuse(text) if name == "confused" else text), gold


def score(sample: Sample, name: str) -> tuple[Score, list[str]]:
    """Linking score of one variant, and a line per error for inspection."""
    text, gold = variant(sample, name)
    found = find_citations(text, sample.index)
    unmatched = [g for g in gold if g[2] is not None]
    disputed = [g for g in gold if g[2] is None]
    errors = []
    hits = 0
    counted = 0
    for c in found:
        if c.doubt:
            continue
        if c.status != "resolved" and any(c.start < e and s < c.end for s, e, _ in disputed):
            continue
        counted += 1
        match = next(
            (g for g in unmatched if c.keys == (g[2],) and c.start < g[1] and g[0] < c.end), None
        )
        if match:
            unmatched.remove(match)
            hits += 1
        else:
            errors.append(f"  false positive {c.status} {c.text!r} {c.keys or c.candidates}")
    errors += [f"  missed {text[s:e]!r} -> {k}" for s, e, k in unmatched]
    errors += [f"  in doubt {c.text!r}: {c.doubt}" for c in found if c.doubt]
    return Score(hits, counted, len(gold) - len(disputed)), errors


def evaluate(samples: list[Sample]) -> dict[str, tuple[Score, dict[str, Score], list[str]]]:
    results = {}
    for name in VARIANTS:
        total = Score(0, 0, 0)
        per_sample = {}
        errors = []
        for sample in samples:
            result, sample_errors = score(sample, name)
            per_sample[sample.name] = result
            total += result
            errors += [f"{sample.name} [{name}]", *sample_errors] if sample_errors else []
        results[name] = (total, per_sample, errors)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every error")
    args = parser.parse_args()
    samples = load_corpus()
    citations = sum(len(s.gold) for s in samples)
    print(f"corpus: {len(samples)} excerpts, {citations} gold citations")
    results = evaluate(samples)
    for name, (total, per_sample, errors) in results.items():
        print(
            f"{name:9} F1 {total.f1:.4f}  P {total.precision:.4f}  R {total.recall:.4f}"
            f"  (targets: F1 >= {TARGETS[name]}, P >= {PRECISION_TARGET})"
        )
        for sample_name, result in per_sample.items():
            print(
                f"    {sample_name:38} F1 {result.f1:.4f}  ({result.true_positives}/{result.gold})"
            )
        if args.verbose:
            print("\n".join(errors))
    met = all(
        results[n][0].f1 >= TARGETS[n] and results[n][0].precision >= PRECISION_TARGET
        for n in VARIANTS
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
