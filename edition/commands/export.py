"""``edition export``: an edition in an interchange format, checked first (TEI P5 for now)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from edition.annotation import check_edition
from edition.errors import EditionError
from edition.materials import CONFIG_NAME
from edition.output import emit

HELP = "export an edition as one TEI P5 XML document (the format of digital scholarly editions)"
FORMATS = ("tei",)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("edition", type=Path, help=f"the edition folder (with {CONFIG_NAME})")
    parser.add_argument(
        "--format", choices=FORMATS, default="tei", help="tei: TEI P5 XML (the default)"
    )
    parser.add_argument(
        "-o", "--output", type=Path, help="write here (atomically) instead of stdout"
    )


def run(args: argparse.Namespace) -> int:
    """Export the edition when its check finds no error, as the site is built only then.

    Each error is printed as ``file:line: message``; nothing is written.
    """
    from edition.tei import to_tei

    annotated, problems = check_edition(args.edition)
    errors = [p for p in problems if p.severity == "error"]
    for problem in errors:
        print(problem, file=sys.stderr)
    if annotated is None or errors:
        raise EditionError(
            f"the edition check found {len(errors)} error(s): nothing exported", args.edition
        )
    emit(to_tei(annotated).decode("utf-8"), args.output)
    return 0
