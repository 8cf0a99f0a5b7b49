"""``edition cite``: find the citations of a text and link them to a bibliography."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from edition.bibliography import load_bibliography
from edition.citations import Citation, CitationIndex, find_citations
from edition.errors import read_text
from edition.output import emit

HELP = "find the author-year citations of a text and link them to a BibTeX file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", type=Path, help="a plain or OCR text file (UTF-8)")
    parser.add_argument(
        "--bib", type=Path, help="the BibTeX file to link to (without it: detection only)"
    )
    parser.add_argument(
        "--json", action="store_true", help="a JSON array of citations with str offsets"
    )
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")


def run(args: argparse.Namespace) -> int:
    text = read_text(args.text)
    index = CitationIndex.from_bibliography(load_bibliography(args.bib)) if args.bib else None
    citations = find_citations(text, index)
    if args.json:
        data = [c.to_dict() for c in citations]
        emit(json.dumps(data, ensure_ascii=False, indent=1) + "\n", args.output)
    else:
        emit(table(text, citations), args.output)
    return 0


def table(text: str, citations: list[Citation]) -> str:
    """One line per citation: ``line:col  status  text  keys`` (newlines in a span shown as ⏎)."""
    rows = []
    line, line_start, scanned = 1, 0, 0
    for c in citations:
        line += text.count("\n", scanned, c.start)
        line_start = text.rfind("\n", 0, c.start) + 1
        scanned = c.start
        shown = c.text.replace("\r", "").replace("\n", "⏎")
        links = " ".join(c.keys) or " | ".join(c.candidates) or c.reason
        rows.append(f"{line}:{c.start - line_start + 1}\t{c.status}\t{shown}\t{links}")
    counts = {}
    for c in citations:
        counts[c.status] = counts.get(c.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    rows.append(f"{len(citations)} citations" + (f": {summary}" if summary else ""))
    return "\n".join(rows) + "\n"
