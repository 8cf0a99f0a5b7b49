"""Cleaning throughput on a large generated OCR text (target: at least 5 MB/s on one core).

The input mixes what the cleaner meets in real sources: English prose with hyphenated line
ends, Chinese prose, OCR noise with citations in it, page numbers, copyright footers and
running heads every 32 lines.

    python scripts/bench_cleaning.py [--mb 20]
"""

from __future__ import annotations

import argparse
import random
import time

from edition.cleaning import clean

ENGLISH = (
    "Research on social infrastructure focuses on the kinds of social relations and social "
    "capital nurtured by the characteristics and dynamics of diverse spaces (Klinenberg, 2018; "
    "Latham & Layton, 2019). Community WeChat groups played the role of online streets and "
    "helped members form weak-tie relationships based on geographical trust."
)
CHINESE = (
    "近年來，城市研究者愈來愈關注那些支撐日常交往的場所與設施（Klinenberg，2018）。圖書館、公園與"
    "街角小店不只提供服務，也讓陌生人在反覆相遇之中建立起最低限度的信任。陳韜文（2000）指出"
)
NOISE = (
    "& bR oy B (TRISE > EAMFE - IRE M) ~ SR BRI > 2022) o At Ik B AKIENE S T R YA R GUE BEA "
    "Klinenberg (2018) & ak#| 4L & EA R G B AL e B B a8 i1 (social infrastructure) o HETT A"
)


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split(" "):
        if len(line) + len(word) + 1 > width:
            cut = width - len(line) - 2
            if cut > 3 and word.isalpha():
                lines.append(f"{line} {word[:cut]}-".strip())
                word = word[cut:]
            else:
                lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def generate(size: int, seed: int = 7) -> str:
    """About ``size`` characters of paged OCR-like text."""
    rng = random.Random(seed)
    out: list[str] = []
    total, page, lines_on_page = 0, 1, 0
    while total < size:
        kind = rng.random()
        if kind < 0.5:
            lines = _wrap(ENGLISH, 78)
        elif kind < 0.8:
            lines = [CHINESE[i : i + 38] for i in range(0, len(CHINESE), 38)]
        else:
            lines = _wrap(NOISE, 70)
        for line in [*lines, ""]:
            out.append(line)
            total += len(line) + 1
            lines_on_page += 1
            if lines_on_page >= 32:
                out += [
                    "",
                    str(page),
                    "",
                    "Copyright © 2024 The Publisher. All rights reserved.",
                    "",
                ]
                out += ["Communication and Society, 67 (2024)", ""]
                page, lines_on_page = page + 1, 0
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="input size in MB (UTF-8)")
    args = parser.parse_args()
    text = generate(int(args.mb * 1_000_000 / 1.3))
    megabytes = len(text.encode("utf-8")) / 1_000_000
    start = time.perf_counter()
    document = clean(text)
    seconds = time.perf_counter() - start
    print(
        f"input: {megabytes:.1f} MB, {document.line_count:,} lines, {len(document.pages):,} pages"
    )
    print(f"blocks: {len(document.blocks):,}; removed lines: {len(document.removed):,}")
    print(f"cleaning: {seconds:.2f} s, {megabytes / seconds:.1f} MB/s (target >= 5 MB/s)")


if __name__ == "__main__":
    main()
