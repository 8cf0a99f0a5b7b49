"""Throughput of edition.conversion against raw OpenCC on the same text, in the same run.

Usage: python scripts/bench_conversion.py [--megabytes 10] [--repeat 5]

The text is the edition's own mixed prose, repeated in random order to the size asked for:
the glossary's Traditional Chinese definitions (what conversion is for: Chinese with Latin
names, English glosses and author-year citations), with the markup of the site's pages
between them (URLs, Markdown links, inline and fenced code, HTML, heading ids), each holding
Traditional Chinese that must stay unconverted. Raw
OpenCC converts the whole text in one call; the edition's converter does the same with every
protection, the toolkit's defaults and the edition's term list (conversion-overrides.yml and
the glossary's pairs), as the site converts its pages (citations are converted around their
Latin names and numbers, which the converter keeps itself). The target is a ratio of at least
0.5. Times are CPU times of this process, the runs alternating so that a busy machine slows
both alike; ``--to zh-Hant`` measures the other direction on the same text made Simplified
(segmented into words first, so far slower: no target there).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.conversion import (  # noqa: E402
    ZH_HANS,
    ZH_HANT,
    Converter,
    TermList,
    load_overrides,
    opencc_converter,
)
from edition.glossary import load_glossary  # noqa: E402

EDITION = ROOT / "texts" / "yang-wang-2024"

#: Markup of the site's pages, each with Traditional Chinese that must not be converted.
MARKUP = (
    "見 https://example.org/wechat/groups?id=42 。",
    "[微信群研究](https://example.org/隨著/paper.html)",
    "`edition convert --to zh-Hans`",
    '<span class="gloss" title="社會基礎設施">社會基礎設施</span>',
    "\n\n## 研究方法 {#methods}",
    "聯絡：editor@example.org",
    "\n\n```python\nprint('隨著')\n```",
)


def edition_material() -> tuple[TermList, list[str]]:
    """The edition's term list and the Traditional Chinese glossary definitions."""
    overrides = load_overrides(EDITION / "conversion-overrides.yml")
    glossary = load_glossary(EDITION / "glossary.yml", converter=Converter(terms=overrides))
    return glossary.term_list() + overrides, [t.definition_zh_hant for t in glossary.terms]


def mixed_text(paragraphs: list[str], megabytes: float, seed: int = 2024) -> str:
    """At least ``megabytes`` MB of UTF-8 made of the paragraphs in random order, markup
    after every other one."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        text = rng.choice(paragraphs)
        if rng.random() < 0.5:
            text += rng.choice(MARKUP)
        parts.append(text + "\n\n")
        size += len(text.encode("utf-8")) + 2
    return "".join(parts)


def best_times(functions: list[Callable[[], object]], repeat: int) -> list[float]:
    """The best of ``repeat`` CPU timings of each function, run in turns so that a busy
    machine slows both alike."""
    best = [float("inf")] * len(functions)
    for _ in range(repeat):
        for i, function in enumerate(functions):
            start = time.process_time()
            function()
            best[i] = min(best[i], time.process_time() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--to", choices=(ZH_HANS, ZH_HANT), default=ZH_HANS)
    args = parser.parse_args()

    terms, paragraphs = edition_material()
    text = mixed_text(paragraphs, args.megabytes)
    converter = Converter(args.to, terms=terms)
    if args.to == ZH_HANT:
        text = Converter(ZH_HANS, terms=terms).convert(text)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    raw = opencc_converter(converter.opencc_config)
    converter.convert("預熱")  # build OpenCC, the term pattern, the segmenter outside the timing

    raw_seconds, edition_seconds = best_times(
        [lambda: raw.convert(text), lambda: converter.convert(text)], args.repeat
    )
    raw_speed, edition_speed = megabytes / raw_seconds, megabytes / edition_seconds
    target = " (target >= 0.5)" if args.to == ZH_HANS else ""
    print(f"text: {megabytes:.1f} MB, {len(text):,} characters, to {args.to}")
    print(f"raw OpenCC ({converter.opencc_config}): {raw_speed:6.1f} MB/s ({raw_seconds:.3f} s)")
    print(f"edition.conversion: {edition_speed:6.1f} MB/s ({edition_seconds:.3f} s, protected)")
    print(f"ratio: {edition_speed / raw_speed:.2f}{target}, best of {args.repeat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
