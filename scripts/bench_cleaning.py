"""Cleaning throughput on a large generated OCR text (target: at least 5 MB/s on one core).

The input mixes what the cleaner meets in real sources: English prose with hyphenated line
ends, Chinese prose, OCR noise with citations in it, tables, display equations and captions,
page numbers, copyright footers and running heads every 32 lines.

With ``--against REV`` the same input is cleaned by the cleaner of git revision ``REV`` too,
each run in a child process, the two alternating, and the ratio of their CPU times (each
child's own, input generation excluded) is printed: a machine's speed cancels out.

    python scripts/bench_cleaning.py [--mb 20] [--against HEAD~1 --rounds 3]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

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
TABLE = [
    "Table 2. Regression of orders per day on group size.",
    "",
    "Term        | Estimate | SE",
    "Intercept   | 7.686407 | 1642.7199",
    "Group size  | 0.52     | 0.11",
]
EQUATION = [
    "The share of members who ordered is modelled as",
    "        p(t) = 1 / (1 + exp(-r (t - t0)))        (3)",
    "where r is the rate at which the group grew.",
]
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
        if kind < 0.46:
            lines = _wrap(ENGLISH, 78)
        elif kind < 0.48:
            lines = TABLE
        elif kind < 0.5:
            lines = EQUATION
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


def measure(size: int) -> dict[str, float | int]:
    """Clean a generated text of ``size`` characters here; CPU seconds of the cleaning alone."""
    from edition.cleaning import clean

    text = generate(size)
    start = time.process_time()
    document = clean(text)
    seconds = time.process_time() - start
    return {
        "megabytes": len(text.encode("utf-8")) / 1_000_000,
        "seconds": seconds,
        "lines": document.line_count,
        "pages": len(document.pages),
        "blocks": len(document.blocks),
        "removed": len(document.removed),
    }


def _child(source: Path, size: int) -> dict[str, float | int]:
    """``measure`` run in a child process with the ``edition`` package of ``source``."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(1, sys.argv[2]);"
        "from bench_cleaning import measure; print(json.dumps(measure(int(sys.argv[3]))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(source), str(ROOT / "scripts"), str(size)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def _export(revision: str, folder: Path) -> None:
    """The ``edition`` package as it is at git ``revision``, written into ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "edition"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="input size in MB (UTF-8)")
    parser.add_argument("--against", metavar="REV", help="also time the cleaner of this revision")
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs with --against")
    args = parser.parse_args()
    size = int(args.mb * 1_000_000 / 1.3)
    if not args.against:
        result = measure(size)
        print(
            f"input: {result['megabytes']:.1f} MB, {result['lines']:,} lines, "
            f"{result['pages']:,} pages"
        )
        print(f"blocks: {result['blocks']:,}; removed lines: {result['removed']:,}")
        rate = result["megabytes"] / result["seconds"]
        print(f"cleaning: {result['seconds']:.2f} s CPU, {rate:.1f} MB/s (target >= 5 MB/s)")
        return
    with tempfile.TemporaryDirectory() as folder:
        _export(args.against, Path(folder))
        times: dict[str, list[float]] = {"this tree": [], args.against: []}
        for _ in range(args.rounds):
            for name, source in (("this tree", ROOT), (args.against, Path(folder))):
                result = _child(source, size)
                times[name].append(result["seconds"])
                rate = result["megabytes"] / result["seconds"]
                print(f"{name:>12}: {result['seconds']:.2f} s CPU, {rate:.1f} MB/s", flush=True)
    best = {name: min(values) for name, values in times.items()}
    print(
        f"best of {args.rounds}: this tree {best['this tree']:.2f} s, {args.against} "
        f"{best[args.against]:.2f} s; ratio {best['this tree'] / best[args.against]:.2f} "
        "(below 1: this tree is faster)"
    )


if __name__ == "__main__":
    main()
