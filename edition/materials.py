"""The materials of one edition: ``texts/<edition>/edition.yml`` and the files it names.

An edition folder is the unit an editor works on. This module reads its ``edition.yml``,
checks it, and hands each stage what it needs (the cleaner's options, the paths of the
bibliography and glossary), so the CLI and the MkDocs plugin see one and the same edition.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from edition.cleaning import CleanOptions, PageStart
from edition.errors import EditionError
from edition.yamlfile import (
    line_of,
    load_yaml,
    reject_unknown,
    require,
)

CONFIG_NAME = "edition.yml"


@dataclass(frozen=True)
class Author:
    family: str
    given: str


@dataclass(frozen=True)
class Paper:
    """The edited paper's bibliographic data, as printed in the source."""

    authors: tuple[Author, ...]
    year: int
    title: str
    journal: str
    journal_zh: str
    volume: int
    first_page: int
    last_page: int
    language: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Edition:
    """One edition folder, checked."""

    id: str
    folder: Path
    paper: Paper
    source: Path
    references: Path
    glossary: Path
    clean_options: CleanOptions
    #: the editable Traditional/Simplified pairs that win over OpenCC, if the edition has any
    conversion_overrides: Path | None = None
    #: first source lines of the blocks that hold the published abstract
    abstract_lines: tuple[int, ...] = ()


def _page_start(item: Any, path: Path) -> PageStart:
    if not isinstance(item, dict):
        raise EditionError("each page entry must be a mapping with 'line'", path)
    reject_unknown(item, {"line", "number", "numbered"}, path)
    number = item.get("number")
    if number is not None and not isinstance(number, int):
        raise EditionError("page 'number' must be an integer", path, line_of(item))
    return PageStart(
        line=require(item, "line", int, path),
        number=number,
        numbered=bool(item.get("numbered", True)),
    )


def load_edition(folder: str | Path) -> Edition:
    """Read and check ``folder/edition.yml``; every named file must exist."""
    folder = Path(folder)
    path = folder / CONFIG_NAME
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise EditionError("expected a mapping at the top level", path, 1)
    paper = require(data, "paper", dict, path)
    materials = require(data, "materials", dict, path)
    source = data.get("source") or {}
    front = data.get("front_matter") or {}
    overrides = materials.get("conversion_overrides")
    if overrides is not None and not (folder / overrides).is_file():
        raise EditionError(
            f"'conversion_overrides' names a missing file: {overrides}", path, line_of(materials)
        )
    files = {}
    for key in ("source", "references", "glossary"):
        files[key] = folder / require(materials, key, str, path)
        if not files[key].is_file():
            raise EditionError(
                f"'{key}' names a missing file: {files[key].name}", path, line_of(materials)
            )
    authors = tuple(
        Author(require(a, "family", str, path), require(a, "given", str, path))
        for a in require(paper, "authors", list, path)
    )
    return Edition(
        id=require(data, "id", str, path),
        folder=folder,
        paper=Paper(
            authors=authors,
            year=require(paper, "year", int, path),
            title=require(paper, "title", str, path),
            journal=require(paper, "journal", str, path),
            journal_zh=require(paper, "journal_zh", str, path),
            volume=require(paper, "volume", int, path),
            first_page=require(paper, "first_page", int, path),
            last_page=require(paper, "last_page", int, path),
            language=require(paper, "language", str, path),
            keywords=tuple(require(paper, "keywords", list, path)),
        ),
        source=files["source"],
        references=files["references"],
        glossary=files["glossary"],
        clean_options=CleanOptions(
            running_heads=tuple(source.get("running_heads") or ()),
            page_starts=tuple(_page_start(item, path) for item in source.get("pages") or ()),
        ),
        conversion_overrides=folder / overrides if overrides else None,
        abstract_lines=tuple(front.get("abstract") or ()),
    )
