"""``edition clean``: the OCR cleaner from the command line."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from edition.cleaning import clean_file
from edition.document import Document
from edition.materials import CONFIG_NAME, load_edition
from edition.output import emit

HELP = "clean an OCR text (a file, or an edition folder) into pages and blocks"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", type=Path, help=f"an OCR text file, or an edition folder with {CONFIG_NAME}"
    )
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="the Document as JSON")
    form.add_argument("--report", action="store_true", help="a summary for editors")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")


def run(args: argparse.Namespace) -> int:
    if args.path.is_dir():
        edition = load_edition(args.path)
        document = clean_file(str(edition.source), edition.clean_options)
    else:
        document = clean_file(str(args.path))
    if args.json:
        text = json.dumps(document.to_dict(), ensure_ascii=False, indent=1) + "\n"
    elif args.report:
        text = report(document)
    else:
        text = document.plain_text()
    emit(text, args.output)
    return 0


def _lines(numbers: list[int]) -> str:
    """``[161, 165, 166, 167]`` as ``161, 165–167``."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def report(document: Document) -> str:
    """What an editor checks after cleaning: pages, blocks by kind, removals, salvage."""
    out = [f"source: {document.source} ({document.line_count} lines)"]
    out.append(f"pages: {len(document.pages)} (printed number; [inferred]; ? unknown)")
    for page in document.pages:
        out.append(f"  p. {page.label:>5}  lines {page.first_line}–{page.last_line}")
    kinds = Counter(block.kind.value for block in document.blocks)
    out.append(
        f"blocks: {len(document.blocks)} — "
        + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    )
    for block in document.blocks:
        snippet = block.text[:60].replace("\n", " ")
        out.append(
            f"  {block.id:>5} {block.kind.value:<12} score {block.score:.2f}  "
            f"lines {block.first_line}–{block.last_line}  {snippet}"
        )
    reasons = Counter(line.reason.value for line in document.removed)
    out.append(f"removed lines: {len(document.removed)}")
    for reason in sorted(reasons):
        numbers = [line.line for line in document.removed if line.reason.value == reason]
        out.append(f"  {reason}: {reasons[reason]} (lines {_lines(numbers)})")
        out.extend(
            f"    {line.line}: {line.text}"
            for line in document.removed
            if line.reason.value == reason
        )
    salvaged = [item for block in document.blocks for item in block.salvaged]
    found = Counter(item.kind for item in salvaged)
    out.append(f"salvaged in noise: {found['citation']} citations, {found['gloss']} glosses")
    out.extend(
        f"  line {item.line:>3} {item.kind:<8} {' '.join(item.text.split())}" for item in salvaged
    )
    return "\n".join(out) + "\n"
