"""The materials of one edition: ``<edition>/edition.yml`` and the files it names.

An edition folder is the unit an editor works on. This module reads its ``edition.yml``
against the schema ``edition/schemas/edition.schema.yml``, checks that every file it names
exists inside the folder, and hands each stage what it needs (the cleaner's options, the
paths of the bibliography, glossary and editorial texts, the editors' decisions on
citations), so the CLI and the MkDocs plugin see one and the same edition.

Only the source, the references and the paper's title, authors, year and language are
required; every other material is optional and checked when present.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edition.cleaning import CleanOptions, PageStart
from edition.errors import EditionError, Problem, read_text
from edition.script import CJK
from edition.yamlfile import YamlFile, read_yaml, validate

CONFIG_NAME = "edition.yml"
#: The editorial folder's name when edition.yml does not name one.
EDITORIAL_FOLDER = "editorial"
#: The languages an edition's own texts are written in (Simplified Chinese is generated).
TEXT_LANGUAGES = ("en", "zh-Hant")

_PAGES = re.compile(r"(?P<first>[A-Za-z]*\d+)(?:\s*[-–]\s*(?P<last>[A-Za-z]*\d+))?")


@dataclass(frozen=True)
class Author:
    """One author of the paper: a person (``family``, ``given``) or an organisation (``name``)."""

    family: str = ""
    given: str = ""
    name: str = ""

    @property
    def display(self) -> str:
        """The name as a reader writes it: "Hangeng Yang", "World Health Organization".

        Chinese, Japanese and Korean names keep their order, family name first (楊航耕)."""
        if self.name:
            return self.name
        if not self.given:
            return self.family
        if _cjk(self.family):
            return f"{self.family}{self.given}"
        return f"{self.given} {self.family}"


@dataclass(frozen=True)
class Paper:
    """The edited paper's bibliographic data, as published. ``None`` marks a gap."""

    title: str | None
    authors: tuple[Author, ...]
    year: int | None
    language: str
    journal: str | None = None
    journal_names: Mapping[str, str] = field(default_factory=dict)
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    article_number: str | None = None
    doi: str | None = None
    url: str | None = None
    licence: str | None = None
    keywords: tuple[str, ...] = ()
    #: the paper's own title in other languages, as it prints them, by language tag
    parallel_titles: Mapping[str, str] = field(default_factory=dict)
    #: ``published``, or ``unpublished`` for a text that never appeared (CSL's ``status``)
    status: str = "published"

    @property
    def published(self) -> bool:
        return self.status == "published"

    @property
    def page_range(self) -> tuple[str, str] | None:
        """``("91", "120")`` from ``pages: 91–120``; a single page gives it twice."""
        if not self.pages:
            return None
        match = _PAGES.fullmatch(self.pages.strip())
        if match is None:
            return None
        return match["first"], match["last"] or match["first"]


@dataclass(frozen=True)
class Decision:
    """An editor's decision about a citation the engine finds on source line ``line``.

    ``decision`` is ``not-a-citation`` (the text is no citation: leave it as text),
    ``unresolved`` (a citation of a work the editors cannot link; ``reason`` is shown to
    readers) or ``link`` (link it to entry ``key``). ``config_line`` is where the decision
    stands in edition.yml.
    """

    line: int
    text: str
    decision: str
    key: str | None
    reason: str | None
    config_line: int | None


@dataclass(frozen=True)
class Edition:
    """One edition folder, checked: its paper, its files, and the editors' statements."""

    id: str
    folder: Path
    config: Path
    paper: Paper
    source: Path
    references: Path
    clean_options: CleanOptions
    glossary: Path | None = None
    #: the editable Traditional/Simplified pairs that win over OpenCC, if the edition has any
    conversion_overrides: Path | None = None
    #: the folder of the editorial texts, if the edition has one
    editorial: Path | None = None
    #: first source lines of the blocks that hold the published abstract
    abstract_lines: tuple[int, ...] = ()
    #: the line in edition.yml of each of ``abstract_lines`` (None where unknown)
    abstract_config_lines: tuple[int | None, ...] = ()
    #: the editors' description of the source, by language (en, zh-Hant)
    source_description: Mapping[str, str] = field(default_factory=dict)
    decisions: tuple[Decision, ...] = ()
    #: the editors' block readings (``source.blocks``): (source line, line in edition.yml)
    block_lines: tuple[tuple[int, int | None], ...] = ()


def load_edition(folder: str | Path) -> Edition:
    """Read ``folder/edition.yml``; the first error found raises :class:`EditionError`."""
    edition, problems = read_edition(folder)
    errors = [p for p in problems if p.severity == "error"]
    if errors or edition is None:
        first = errors[0]
        raise EditionError(first.message, first.path, first.line)
    return edition


def read_edition(folder: str | Path) -> tuple[Edition | None, list[Problem]]:
    """Read and check ``folder/edition.yml``: the edition, and every problem found in one pass.

    Errors: the file is missing or not YAML, breaks the schema (each violation at its line),
    or names a file that is missing or lies outside the folder. Warnings: gaps (a required
    paper field left empty, as ``edition new`` writes what it could not find). The edition is
    ``None`` when there is any error.
    """
    folder = Path(folder)
    path = folder / CONFIG_NAME
    if not path.is_file():
        what = "is not a folder" if not folder.is_dir() else f"has no {CONFIG_NAME}"
        return None, [
            Problem(
                f"{what}: start an edition with 'edition new {folder} --source FILE "
                "--references FILE'",
                folder,
            )
        ]
    try:
        document = read_yaml(path)
    except EditionError as exc:
        return None, [Problem(exc.message, exc.path, exc.line)]
    problems = validate(document, "edition")
    if problems:
        return None, problems
    data = document.data
    materials = data["materials"]
    files: dict[str, Path | None] = {}
    for key in ("source", "references", "glossary", "conversion_overrides", "editorial"):
        named = materials.get(key)
        if named is None and key == "editorial" and (folder / EDITORIAL_FOLDER).is_dir():
            named = EDITORIAL_FOLDER
        files[key] = None if named is None else _inside(folder, named, key, document, problems)
    problems.extend(_gaps(document))
    problems.extend(_source_problems(document, files["source"]))
    problems.extend(_folder_problems(document, folder))
    if any(p.severity == "error" for p in problems):
        return None, problems
    source = data.get("source") or {}
    front = data.get("front_matter") or {}
    assert files["source"] is not None and files["references"] is not None  # required
    return (
        Edition(
            id=data["id"],
            folder=folder,
            config=path,
            paper=_paper(data["paper"]),
            source=files["source"],
            references=files["references"],
            glossary=files["glossary"],
            conversion_overrides=files["conversion_overrides"],
            editorial=files["editorial"],
            clean_options=CleanOptions(
                running_heads=tuple(source.get("running_heads") or ()),
                page_starts=tuple(
                    PageStart(
                        p["line"], p.get("number"), p.get("numbered", True), p.get("printed", False)
                    )
                    for p in source.get("pages") or ()
                ),
                kinds=tuple((b["line"], b["kind"]) for b in source.get("blocks") or ()),
            ),
            block_lines=tuple(
                (b["line"], document.line("source", "blocks", i))
                for i, b in enumerate(source.get("blocks") or ())
            ),
            abstract_lines=tuple(front.get("abstract") or ()),
            abstract_config_lines=tuple(
                document.line("front_matter", "abstract", i)
                for i, _ in enumerate(front.get("abstract") or ())
            ),
            source_description=dict(source.get("description") or {}),
            decisions=tuple(
                Decision(
                    line=d["line"],
                    text=d["text"],
                    decision=d["decision"],
                    key=d.get("key"),
                    reason=d.get("reason"),
                    config_line=document.line("decisions", i),
                )
                for i, d in enumerate(data.get("decisions") or ())
            ),
        ),
        problems,
    )


def _inside(
    folder: Path, named: str, key: str, document: YamlFile, problems: list[Problem]
) -> Path | None:
    """``folder/named`` if it exists inside ``folder`` (symbolic links resolved), else None
    after recording why: an edition publishes nothing from outside its own folder."""
    line = document.line("materials", key)
    path = folder / named
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of symbolic links
        inside = False
    if not inside:
        problems.append(
            Problem(
                f"materials.{key}: {named!r} lies outside the edition's folder", document.path, line
            )
        )
        return None
    wanted = "folder" if key == "editorial" else "file"
    if not (path.is_dir() if wanted == "folder" else path.is_file()):
        problems.append(
            Problem(f"materials.{key}: no {wanted} {named!r} in {folder}", document.path, line)
        )
        return None
    return path


def _source_problems(document: YamlFile, source: Path | None) -> list[Problem]:
    """What the schema cannot see in ``source:``: running-head patterns that are not regular
    expressions, page starts past the source's last line."""
    problems = []
    statement = document.data.get("source") or {}
    for index, pattern in enumerate(statement.get("running_heads") or ()):
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(
                Problem(
                    f"source.running_heads[{index + 1}]: {pattern!r} is not a regular "
                    f"expression: {exc}",
                    document.path,
                    document.line("source", "running_heads", index),
                )
            )
    if source is None:
        return problems
    try:
        text = read_text(source)
    except EditionError as exc:
        return [*problems, Problem(exc.message, exc.path, exc.line)]
    last = text.count("\n") + (0 if text.endswith("\n") else 1)
    for index, page in enumerate(statement.get("pages") or ()):
        if page["line"] > last:
            problems.append(
                Problem(
                    f"source.pages[{index + 1}].line: line {page['line']} is past the last "
                    f"line of {source.name} ({last})",
                    document.path,
                    document.line("source", "pages", index),
                )
            )
    return problems


#: Files an edition may hold under their usual names, by the materials field that names them.
USUAL_NAMES = {"glossary": "glossary.yml", "conversion_overrides": "conversion-overrides.yml"}


def _folder_problems(document: YamlFile, folder: Path) -> list[Problem]:
    """The id must be the folder's name (it is the edition's URL, and ``edition new`` and the
    volume name editions by their folders); a material lying in the folder under its usual
    name that edition.yml does not name would silently not be read."""
    problems = []
    data = document.data
    if folder.resolve().name != data["id"]:
        problems.append(
            Problem(
                f"id {data['id']!r} is not the folder's name {folder.resolve().name!r}: an "
                "edition's id is its folder's name",
                document.path,
                document.line("id"),
            )
        )
    for key, name in USUAL_NAMES.items():
        if (folder / name).is_file() and key not in data["materials"]:
            problems.append(
                Problem(
                    f"{name} is in the folder but not read: name it under materials "
                    f"({key}: {name})",
                    document.path,
                    document.line("materials"),
                    "warning",
                )
            )
    return problems


#: What only a published paper has: where it appeared.
_PUBLICATION_FIELDS = ("journal", "volume", "issue", "pages", "article_number", "doi")


def _gaps(document: YamlFile) -> list[Problem]:
    """A warning for each required paper field left empty (the site shows it as a gap), and
    for each field of a publication given for an unpublished paper (the site leaves it out)."""
    paper = document.data["paper"]
    if paper.get("status") == "unpublished":
        return [
            Problem(
                f"paper.{key} is given, but paper.status is unpublished: an unpublished paper "
                "appeared nowhere, so the site does not show it (remove it, or the status)",
                document.path,
                document.line("paper", key),
                "warning",
            )
            for key in _PUBLICATION_FIELDS
            if paper.get(key) is not None
        ]
    return [
        Problem(
            f"paper.{key} is a gap: give the paper's {key} (the site shows it as not given)",
            document.path,
            document.line("paper", key),
            "warning",
        )
        for key in ("title", "authors", "year", "journal")
        if key in paper and paper[key] is None
    ]


def _paper(data: dict[str, Any]) -> Paper:
    def text(key: str) -> str | None:
        value = data.get(key)
        return None if value is None else str(value)

    return Paper(
        title=" ".join(data["title"].split()) if data.get("title") else None,
        authors=tuple(
            Author(a.get("family", ""), a.get("given", ""), a.get("name", ""))
            for a in data.get("authors") or ()
        ),
        year=data.get("year"),
        language=data["language"],
        journal=text("journal"),
        journal_names=dict(data.get("journal_names") or {}),
        volume=text("volume"),
        issue=text("issue"),
        pages=text("pages"),
        article_number=text("article_number"),
        doi=text("doi"),
        url=text("url"),
        licence=text("licence"),
        keywords=tuple(data.get("keywords") or ()),
        status=data.get("status") or "published",
        parallel_titles={
            lang: " ".join(title.split())
            for lang, title in (data.get("parallel_titles") or {}).items()
        },
    )


def _cjk(text: str) -> bool:
    return CJK.search(text) is not None
