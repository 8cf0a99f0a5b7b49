"""Building the site from a test: shared by the fixtures and the tests that build their own."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: where the tests serve the site, as GitHub Pages serves a project site: under the repository
SUBPATH = "/repo/"


def build_site(config_file: Path, site_dir: Path) -> Path:
    """Build the MkDocs site of ``config_file`` into ``site_dir`` (strict, all languages)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
    cwd = Path.cwd()
    os.chdir(config_file.parent)
    try:
        build(config)
    finally:
        os.chdir(cwd)
    return site_dir
