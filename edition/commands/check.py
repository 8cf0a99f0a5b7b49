"""``edition check``: everything an editor must fix before the site can be built, in one run."""

from __future__ import annotations

import argparse
from pathlib import Path

from edition.annotation import check_edition

HELP = "check an edition: edition.yml, source, bibliography, citations, glossary, editorial texts"
_ORDER = {"error": 0, "warning": 1, "info": 2}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("edition", type=Path, help="the edition folder (with edition.yml)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def run(args: argparse.Namespace) -> int:
    _, problems = check_edition(args.edition)
    problems = sorted(problems, key=lambda p: _ORDER.get(p.severity, 3))
    counts = dict.fromkeys(_ORDER, 0)
    for problem in problems:
        counts[problem.severity] = counts.get(problem.severity, 0) + 1
        if not args.quiet or problem.severity == "error":
            print(problem)
    print(
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes "
        f"in {args.edition}"
    )
    return 1 if counts["error"] else 0
