"""``edition new``: start an edition from a paper's source text and bibliography."""

from __future__ import annotations

import argparse
from pathlib import Path

from edition.annotation import check_edition
from edition.start import Options, new_edition

HELP = "start an edition: a folder with the source, the bibliography and an edition.yml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="the new edition's folder; its name is its id")
    parser.add_argument("--source", type=Path, required=True, help="the paper's text (UTF-8)")
    parser.add_argument(
        "--references", type=Path, required=True, help="the paper's bibliography (BibTeX)"
    )
    parser.add_argument("--title", help="the paper's title, if the source does not print it")
    parser.add_argument(
        "--author",
        action="append",
        default=[],
        metavar="'FAMILY, GIVEN'",
        help="an author, in order (repeat for each)",
    )
    parser.add_argument("--year", type=int, help="the year of publication")
    parser.add_argument("--journal", help="the journal that published the paper")
    parser.add_argument(
        "--language",
        choices=("en", "zh-Hant", "zh-Hans"),
        help="the language the paper is written in (default: the script of its legible text)",
    )


def run(args: argparse.Namespace) -> int:
    options = Options(
        title=args.title,
        authors=tuple(args.author),
        year=args.year,
        journal=args.journal,
        language=args.language,
    )
    started = new_edition(args.folder, args.source, args.references, options)
    _, problems = check_edition(args.folder)
    errors = [p for p in problems if p.severity == "error"]
    print(f"Started the edition {args.folder}.")
    if started.gaps:
        print(f"Gaps to fill in {args.folder / 'edition.yml'}: {', '.join(started.gaps)}.")
    if started.unread is not None:
        print(
            f"Line {started.unread} of the source looks like the paper's citation line, but its "
            "form was not understood: the paper's data may be read there."
        )
    if errors:
        print(f"'edition check {args.folder}' finds {len(errors)} error(s) to fix first:")
        for problem in errors[:10]:
            print(f"  {problem}")
        if len(errors) > 10:
            print(f"  … and {len(errors) - 10} more")
    print(
        "Next:\n"
        f"  edition check {args.folder}          # everything to fix, in one list\n"
        f"  edition clean {args.folder} --report # what the cleaner made of the source\n"
        f"  edition build --edition {args.folder} -d site-{args.folder.name}   # its site alone\n"
        f"  edition build --edition {args.folder} --serve   # previewed at http://127.0.0.1:8000\n"
        "A folder under texts/ is also part of the site that 'make site' builds."
    )
    return 0
