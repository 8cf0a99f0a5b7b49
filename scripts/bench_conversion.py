"""Throughput of edition.conversion against raw OpenCC on the same text, in the same run.

Usage: python scripts/bench_conversion.py [--megabytes 10] [--repeat 3]

The text is mixed as the edition's pages are: Traditional Chinese prose with the aspect
particle 著 and glossary terms, English glosses, author-year citations, URLs, Markdown links,
inline code, fenced code blocks and HTML. Raw OpenCC converts the whole text in one call;
the edition's converter does the same with every protection and the edition's term list
(conversion-overrides.yml and the glossary's pairs, when the glossary exists). The target is
a ratio of at least 0.5.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.conversion import Converter, TermList, load_overrides, opencc_converter  # noqa: E402
from edition.glossary import load_glossary  # noqa: E402

EDITION = ROOT / "texts" / "yang-wang-2024"

CHINESE = (
    "隨著疫情在上海持續擴散，社區微信群成為居民組織團購的主要渠道。",
    "社會基礎設施指的是塑造人們互動方式的物理空間與組織。",
    "在封控期間，鄰里之間憑藉弱連結建立起基於地緣的信任，維繫著日常生活。",
    "團長作為社區公共人物，協調著物資的分配，也照顧著社區中的弱勢群體。",
    "這些實踐顯示，平台的基礎設施化與物流基礎設施的修補同時發生。",
    "著名學者的著作指出，橋接型社會資本有助於社區韌性的形成。",
    "於是，居民在「線上街道」中交換資訊，彌合了流動空間與地方空間的斷裂。",
    "關係網絡的重建並非一蹴而就，而是在日常協作中逐漸累積的社會盈餘。",
)
GLOSSES = ("(social infrastructure)", "(bridging capital)", "(aftershock economy)", "(CRIs)")
CITATIONS = (
    "(Klinenberg, 2018; Latham & Layton, 2019)",
    "Plantin et al. (2018, p. 295)",
    "(Aldrich & Meyer, 2015)",
    "（Imperiale & Vanclay, 2016, p. 210）",
)
MARKUP = (
    "見 https://example.org/wechat/groups?id=42 。",
    "[微信群研究](https://example.org/隨著/paper.html)",
    "`edition convert --to zh-Hans`",
    '<span class="gloss" title="社會基礎設施">社會基礎設施</span>',
    "## 研究方法 {#methods}",
    "聯絡：editor@example.org",
)
FENCE = "```python\nprint('隨著')\n```"


def mixed_text(megabytes: float, seed: int = 2024) -> str:
    """Paragraphs of mixed text, at least ``megabytes`` MB of UTF-8."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        parts = []
        for _ in range(rng.randint(4, 8)):
            parts.append(rng.choice(CHINESE))
            roll = rng.random()
            if roll < 0.35:
                parts.append(rng.choice(CITATIONS))
            elif roll < 0.55:
                parts.append(rng.choice(GLOSSES))
            elif roll < 0.7:
                parts.append(rng.choice(MARKUP))
        paragraph = "".join(parts)
        if rng.random() < 0.05:
            paragraph += "\n\n" + FENCE
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(paragraphs)


def edition_terms() -> TermList:
    overrides = load_overrides(EDITION / "conversion-overrides.yml")
    glossary_path = EDITION / "glossary.yml"
    if not glossary_path.is_file():
        return overrides
    converter = Converter(terms=overrides)
    return load_glossary(glossary_path, converter=converter).term_list() + overrides


def best_time(function, text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    text = mixed_text(args.megabytes)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    converter = Converter(terms=edition_terms())
    raw = opencc_converter(converter.opencc_config)
    converter.convert("預熱")  # build the OpenCC instance and the term pattern outside the timing

    raw_seconds = best_time(raw.convert, text, args.repeat)
    edition_seconds = best_time(converter.convert, text, args.repeat)
    raw_speed, edition_speed = megabytes / raw_seconds, megabytes / edition_seconds
    print(f"text: {megabytes:.1f} MB, {len(text):,} characters, config {converter.opencc_config}")
    print(f"raw OpenCC:         {raw_speed:6.1f} MB/s ({raw_seconds:.3f} s, best of {args.repeat})")
    print(f"edition.conversion: {edition_speed:6.1f} MB/s ({edition_seconds:.3f} s, protected)")
    print(f"ratio: {edition_speed / raw_speed:.2f} (target >= 0.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
