"""``edition build``: build (or serve) the site with MkDocs, the edition plugin included.

The same as ``mkdocs build --strict`` / ``mkdocs serve``: the plugin does the work, so the
CLI and MkDocs can never build different sites.
"""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "build the site (or --serve it) with MkDocs and the edition plugin"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--serve", action="store_true", help="serve with live reload instead")
    parser.add_argument("-d", "--site-dir", type=Path, help="build into this folder")


def run(args: argparse.Namespace) -> int:
    from mkdocs.commands import build, serve
    from mkdocs.config import load_config

    if args.serve:
        serve.serve(config_file=str(args.config_file))
        return 0
    overrides = {"site_dir": str(args.site_dir)} if args.site_dir else {}
    config = load_config(config_file=str(args.config_file), strict=True, **overrides)
    build.build(config)
    print(f"The site is in {config.site_dir}")
    return 0
