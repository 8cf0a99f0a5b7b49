"""``edition bib``: the APA 7 reference list of a ``.bib`` file, or the file in another format."""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

from edition.apa import render_references
from edition.bibliography import load_bibliography
from edition.exports import EXPORTS
from edition.output import emit

HELP = "print the APA 7 reference list of a .bib file, or export it as BibTeX, RIS or CSL-JSON"

FORMATS = ("text", "html", *EXPORTS)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bib", type=Path, help="a BibTeX file")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text, html: the APA reference list; bibtex, ris, csljson: an export (default: text)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, help="write here (atomically) instead of stdout"
    )


def run(args: argparse.Namespace) -> int:
    bib = load_bibliography(args.bib)
    if args.format in EXPORTS:
        emit(EXPORTS[args.format](bib), args.output)
        return 0
    references = render_references(bib)
    if args.format == "html":
        lines = [
            f'<p class="reference" id="{html.escape(ref.key, quote=True)}">{ref.html}</p>'
            for ref in references
        ]
    else:
        lines = [ref.text for ref in references]
    emit("".join(f"{line}\n" for line in lines), args.output)
    count = len(references)
    print(f"{count} reference{'' if count == 1 else 's'}", file=sys.stderr)
    return 0
