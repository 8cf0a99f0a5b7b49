"""``edition convert``: a text or Markdown file in Simplified or Traditional Chinese."""

from __future__ import annotations

import argparse
from pathlib import Path

from edition.conversion import TARGETS, Converter, TermList, load_overrides
from edition.errors import read_text
from edition.glossary import load_glossary
from edition.materials import load_edition
from edition.output import emit

HELP = (
    "convert a text or Markdown file between Traditional and Simplified Chinese, "
    "keeping code, links, URLs and Latin text (names and years in citations) as they are"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a UTF-8 text or Markdown file")
    parser.add_argument("--to", required=True, choices=TARGETS, help="the script to convert to")
    parser.add_argument(
        "-o", "--output", type=Path, help="write here (atomically) instead of stdout"
    )
    parser.add_argument(
        "--edition",
        type=Path,
        metavar="DIR",
        help="an edition folder: its glossary and conversion overrides (forms and surnames) "
        "win over the toolkit's defaults and OpenCC",
    )
    parser.add_argument(
        "--config", help="OpenCC config (default: hk2s to zh-Hans, s2hk to zh-Hant)"
    )
    parser.add_argument(
        "--no-punctuation",
        dest="punctuation",
        action="store_false",
        help="keep 「」『』 in zh-Hans output instead of turning them into “” ‘’",
    )


def run(args: argparse.Namespace) -> int:
    text = read_text(args.file)
    terms = TermList()
    if args.edition is not None:
        edition = load_edition(args.edition)
        overrides = TermList()
        if edition.conversion_overrides is not None:
            overrides = load_overrides(edition.conversion_overrides)
        glossary = load_glossary(edition.glossary, converter=Converter(terms=overrides))
        terms = glossary.term_list() + overrides
    converter = Converter(args.to, args.config, terms, args.punctuation)
    emit(converter.convert(text), args.output)
    return 0
