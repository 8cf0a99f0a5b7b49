"""``edition cite``: find the citations of a text and link them to a bibliography."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from edition.bibliography import load_bibliography
from edition.citations import Citation, CitationIndex, check_citations, find_citations
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
    parser.add_argument(
        "--allow-unresolved",
        action="store_true",
        help="exit 0 even when a citation links to no entry or to several (to explore a text)",
    )


def run(args: argparse.Namespace) -> int:
    """Print the citations; with ``--bib``, exit 1 when one is unresolved or ambiguous.

    Those citations are also reported on standard error as ``file:line: message``; a
    candidate that is probably no citation (a doubt) is a warning there and does not fail.
    """
    text = read_text(args.text)
    bib = load_bibliography(args.bib) if args.bib else None
    citations = find_citations(text, CitationIndex.from_bibliography(bib) if bib else None)
    if args.json:
        data = [c.to_dict() for c in citations]
        emit(json.dumps(data, ensure_ascii=False, indent=1) + "\n", args.output)
    else:
        emit(table(text, citations), args.output)
    if bib is None:
        return 0
    problems = [
        p
        for p in check_citations(citations, bib, text=text, path=args.text)
        if p.path == args.text and p.severity in ("error", "warning")
    ]
    for problem in problems:
        print(problem, file=sys.stderr)
    failed = any(p.severity == "error" for p in problems)
    return 1 if failed and not args.allow_unresolved else 0


def table(text: str, citations: list[Citation]) -> str:
    """One line per citation: ``line:col  status  text  keys`` (newlines in a span shown as ⏎).

    The last column holds the linked key, the candidates, or why it is not resolved; a
    candidate in doubt says why it is probably no citation.
    """
    rows = []
    line, line_start, scanned = 1, 0, 0
    for c in citations:
        line += text.count("\n", scanned, c.start)
        line_start = text.rfind("\n", 0, c.start) + 1
        scanned = c.start
        shown = c.text.replace("\r", "").replace("\n", "⏎")
        links = " ".join(c.keys) or " | ".join(c.candidates) or c.reason
        if c.doubt:
            links = f"probably not a citation: {c.doubt}"
        rows.append(f"{line}:{c.start - line_start + 1}\t{c.status}\t{shown}\t{links}")
    counts = {}
    for c in citations:
        counts[c.status] = counts.get(c.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    rows.append(f"{len(citations)} citations" + (f": {summary}" if summary else ""))
    return "\n".join(rows) + "\n"
