"""The ``edition`` command line: ``edition new|clean|cite|bib|convert|check|export|build``.

Subcommand modules are imported only when chosen (or for the overview of ``edition --help``),
so ``edition clean`` does not pay for loading OpenCC, citeproc or MkDocs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from edition import __version__
from edition.errors import EditionError

#: subcommand name -> module under ``edition.commands``
COMMANDS: dict[str, str] = {
    "new": "new",
    "clean": "clean",
    "cite": "cite",
    "bib": "bib",
    "convert": "convert",
    "check": "check",
    "export": "export",
    "build": "build",
}


def _load(name: str):
    return importlib.import_module(f"edition.commands.{COMMANDS[name]}")


def build_parser(selected: str | None) -> argparse.ArgumentParser:
    """The top-level parser: all subcommands for the overview, else only the selected one's."""
    parser = argparse.ArgumentParser(
        prog="edition",
        description="Turn the OCR text of a scholarly paper into an annotated bilingual site.",
    )
    parser.add_argument("--version", action="version", version=f"edition {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        if selected is None or name == selected:
            module = _load(name)
            module.add_arguments(sub.add_parser(name, help=module.HELP, description=module.HELP))
        else:
            sub.add_parser(name, help=f"see 'edition {name} --help'", add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; bad input is reported as ``file:line: message`` with exit status 1."""
    argv = list(sys.argv[1:] if argv is None else argv)
    selected = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(selected if selected in COMMANDS else None)
    args = parser.parse_args(argv)
    try:
        return int(_load(args.command).run(args) or 0)
    except EditionError as exc:
        print(f"edition {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file named on the command line that cannot be read or written
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"edition {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
