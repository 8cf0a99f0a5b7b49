"""``edition build``: build (or serve) the site with MkDocs, the edition plugin included.

The same as ``mkdocs build --strict`` / ``mkdocs serve``: the plugin does the work, so the
CLI and MkDocs can never build different sites. ``--edition`` builds the site of the named
edition folders instead of those ``mkdocs.yml`` names (through ``EDITION_FOLDERS``, which the
plugin reads, so that ``--serve`` keeps it across rebuilds). Every problem of the editions'
checks and every MkDocs warning or error is printed; a failed build exits 1 and leaves the
previous site in place.
"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from edition.errors import EditionError

HELP = "build the site (or --serve it) with MkDocs and the edition plugin"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--serve", action="store_true", help="serve with live reload instead")
    parser.add_argument("-d", "--site-dir", type=Path, help="build into this folder")
    parser.add_argument(
        "--edition",
        type=Path,
        action="append",
        default=[],
        help="build the site of this edition folder (repeat for a volume)",
    )


def run(args: argparse.Namespace) -> int:
    from mkdocs.commands import build, serve
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from edition.plugin import FOLDERS_VARIABLE

    if not args.config_file.is_file():
        raise EditionError(
            "no such file: run edition build where mkdocs.yml is, or name it with -f",
            args.config_file,
        )
    if args.edition:
        missing = [folder for folder in args.edition if not (folder / "edition.yml").is_file()]
        if missing:
            raise EditionError("not an edition folder (it has no edition.yml)", missing[0])
    chosen = os.pathsep.join(str(f.resolve()) for f in args.edition)
    previous = os.environ.get(FOLDERS_VARIABLE)
    _show_mkdocs_messages()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        if chosen:
            os.environ[FOLDERS_VARIABLE] = chosen
        if args.serve:
            serve.serve(config_file=str(args.config_file))
            return 0
        overrides = {"site_dir": str(args.site_dir.resolve())} if args.site_dir else {}
        config = load_config(config_file=str(args.config_file), strict=True, **overrides)
        build.build(config)
    except MkDocsException as exc:
        raise EditionError(f"the site was not built: {exc}", args.config_file) from exc
    except OSError as exc:
        raise EditionError(exc.strerror or str(exc), exc.filename or args.site_dir) from exc
    finally:
        if chosen and previous is None:
            os.environ.pop(FOLDERS_VARIABLE, None)
        elif chosen:
            os.environ[FOLDERS_VARIABLE] = previous
    print(f"The site is in {config.site_dir}")
    return 0


def _show_mkdocs_messages() -> None:
    """MkDocs' warnings and errors on standard error, as ``mkdocs build`` prints them."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
