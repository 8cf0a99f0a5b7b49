"""``edition check``: everything an editor must fix before the site can be built."""

from __future__ import annotations

import argparse
from pathlib import Path

from edition.annotation import annotate, check

HELP = "check an edition: bibliography, citations, glossary, editorial texts"
_ORDER = {"error": 0, "warning": 1, "info": 2}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "edition",
        type=Path,
        nargs="?",
        default=Path("texts/yang-wang-2024"),
        help="the edition folder (default: texts/yang-wang-2024)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def run(args: argparse.Namespace) -> int:
    problems = sorted(check(annotate(args.edition)), key=lambda p: _ORDER.get(p.severity, 3))
    counts = {severity: 0 for severity in _ORDER}
    for problem in problems:
        counts[problem.severity] = counts.get(problem.severity, 0) + 1
        if not args.quiet or problem.severity == "error":
            print(problem)
    print(
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes "
        f"in {args.edition}"
    )
    return 1 if counts["error"] else 0
