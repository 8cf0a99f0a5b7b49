"""The editors' own texts: the Chinese translation of the front matter, the reading guide and
the editorial principles, all in an edition's ``editorial/`` folder.

Where the source has only OCR noise, these texts are what a reader can read, and the site marks
them as the editors' words. They are held to the same standard as the rest of the edition: a
work they name must resolve to the bibliography, a glossary link must name a term that exists,
and the guide must have a section for every page of the cleaned source, so that no page is left
without a word of explanation and no section points at a page that is not there. Those checks
live here because only this module knows where each editorial text came from (file and line).

Files (formats in the edition's documentation):

* ``translation.yml``: ``title``, ``abstract`` (paragraphs), ``keywords``, and a
  ``translator_note`` in ``en`` and ``zh-Hant``;
* ``guide.yml``: a list of sections ``{start, en, zh-Hant}``, ``start`` being the first source
  line of a page, or of a section heading when ``heading: true``;
* ``principles.en.md`` and ``principles.zh-Hant.md``: Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from edition.bibliography import Bibliography
from edition.citations import RESOLVED, CitationIndex, find_citations
from edition.conversion import ZH_HANT
from edition.document import Document
from edition.errors import EditionError, Problem, read_text
from edition.glossary import Glossary
from edition.yamlfile import (
    line_of,
    load_yaml,
    reject_unknown,
    require_text,
    require_texts,
)

#: The languages the editors write in; Simplified Chinese is generated from zh-Hant.
LANGUAGES = ("en", ZH_HANT)
#: The folder of an edition that holds the editorial texts.
FOLDER_NAME = "editorial"
TRANSLATION_FILE = "translation.yml"
GUIDE_FILE = "guide.yml"

_TRANSLATION_FIELDS = {"title", "abstract", "keywords", "translator_note"}
_SECTION_FIELDS = {"start", "heading", *LANGUAGES}
# A Markdown link forced to a glossary term: [弱連結](glossary:weak-ties). The id is taken up
# to the closing parenthesis or a blank (a link title may follow), so a malformed id is
# reported as written instead of being skipped.
_GLOSSARY_LINK = re.compile(r"\]\(\s*glossary:([^\s)]*)")


def principles_file(lang: str) -> str:
    """The name of the principles file in ``lang``: ``principles.en.md``."""
    return f"principles.{lang}.md"


@dataclass(frozen=True)
class Passage:
    """One piece of editorial prose and where it stands: the unit that checks report on.

    ``verbatim`` says the text is the file's own text from ``line`` on (a Markdown file), so a
    finding at an offset can be given its exact line; text taken from YAML was unfolded by the
    parser and can only be placed at the line of the mapping that holds it.
    """

    text: str
    lang: str
    label: str
    path: Path
    line: int | None
    verbatim: bool = False

    def line_at(self, offset: int) -> int | None:
        """The file line of the character at ``offset``, as closely as the file allows."""
        if self.verbatim and self.line is not None:
            return self.line + self.text.count("\n", 0, offset)
        return self.line


@dataclass(frozen=True)
class Translation:
    """The editors' Traditional Chinese translation of the paper's English front matter."""

    path: Path
    title: str
    abstract: tuple[str, ...]
    keywords: tuple[str, ...]
    note_en: str
    note_zh_hant: str
    line: int | None = None
    note_line: int | None = None


@dataclass(frozen=True)
class GuideSection:
    """The reading guide at one page (or, with ``heading``, one section heading) of the source."""

    start: int
    heading: bool
    en: str
    zh_hant: str
    line: int | None = None

    def text(self, lang: str) -> str:
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        return self.en if lang == "en" else self.zh_hant


@dataclass(frozen=True)
class Principles:
    """The editorial principles in one language (Markdown)."""

    lang: str
    text: str
    path: Path


@dataclass(frozen=True)
class Editorial:
    """Every editorial text of one edition, checked for form, with the files they came from."""

    folder: Path
    translation: Translation
    guide_path: Path
    guide: tuple[GuideSection, ...]
    principles: tuple[Principles, ...]

    def principles_in(self, lang: str) -> Principles:
        for item in self.principles:
            if item.lang == lang:
                return item
        raise KeyError(lang)

    def passages(self) -> Iterator[Passage]:
        """Every text a reader will read, with its language and place, in file order."""
        tr = self.translation
        yield Passage(tr.title, ZH_HANT, "title", tr.path, tr.line)
        for number, paragraph in enumerate(tr.abstract, start=1):
            yield Passage(paragraph, ZH_HANT, f"abstract paragraph {number}", tr.path, tr.line)
        for keyword in tr.keywords:
            yield Passage(keyword, ZH_HANT, f"keyword '{keyword}'", tr.path, tr.line)
        yield Passage(tr.note_en, "en", "translator_note.en", tr.path, tr.note_line)
        yield Passage(tr.note_zh_hant, ZH_HANT, "translator_note.zh-Hant", tr.path, tr.note_line)
        for section in self.guide:
            for lang in LANGUAGES:
                label = f"guide section at source line {section.start} ({lang})"
                yield Passage(section.text(lang), lang, label, self.guide_path, section.line)
        for item in self.principles:
            yield Passage(item.text, item.lang, "principles", item.path, 1, verbatim=True)


def load_editorial(folder: str | Path) -> Editorial:
    """Read and check the form of an edition's editorial folder; bad input raises EditionError
    naming the file and line. Whether the texts fit the source is :func:`check_editorial`'s."""
    folder = Path(folder)
    guide_path = folder / GUIDE_FILE
    return Editorial(
        folder=folder,
        translation=_load_translation(folder / TRANSLATION_FILE),
        guide_path=guide_path,
        guide=_load_guide(guide_path),
        principles=tuple(
            _load_principles(folder / principles_file(lang), lang) for lang in LANGUAGES
        ),
    )


def _load_translation(path: Path) -> Translation:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise EditionError("expected a mapping at the top level", path, 1)
    reject_unknown(data, _TRANSLATION_FIELDS, path)
    note = data.get("translator_note")
    if not isinstance(note, dict):
        raise EditionError(
            "'translator_note' must be a mapping with 'en' and 'zh-Hant'", path, line_of(data)
        )
    reject_unknown(note, set(LANGUAGES), path)
    return Translation(
        path=path,
        title=require_text(data, "title", path),
        abstract=require_texts(data, "abstract", path),
        keywords=require_texts(data, "keywords", path),
        note_en=require_text(note, "en", path, "translator_note."),
        note_zh_hant=require_text(note, ZH_HANT, path, "translator_note."),
        line=line_of(data),
        note_line=line_of(note),
    )


def _load_guide(path: Path) -> tuple[GuideSection, ...]:
    data = load_yaml(path)
    if not isinstance(data, list) or not data:
        raise EditionError("expected a non-empty list of sections at the top level", path, 1)
    sections: list[GuideSection] = []
    for item in data:
        if not isinstance(item, dict):
            raise EditionError("each section must be a mapping with 'start'", path)
        reject_unknown(item, _SECTION_FIELDS, path)
        start, heading = item.get("start"), item.get("heading", False)
        if isinstance(start, bool) or not isinstance(start, int) or start < 1:
            raise EditionError(
                "'start' must be a source line number (1 or more)", path, line_of(item)
            )
        if not isinstance(heading, bool):
            raise EditionError("'heading' must be true or false", path, line_of(item))
        if sections and start <= sections[-1].start:
            raise EditionError(
                f"sections must follow the source: start {start} comes after "
                f"start {sections[-1].start} (line {sections[-1].line})",
                path,
                line_of(item),
            )
        sections.append(
            GuideSection(
                start=start,
                heading=heading,
                en=require_text(item, "en", path),
                zh_hant=require_text(item, ZH_HANT, path),
                line=line_of(item),
            )
        )
    return tuple(sections)


def _load_principles(path: Path, lang: str) -> Principles:
    text = read_text(path)
    if not text.strip():
        raise EditionError("the principles are empty", path, 1)
    return Principles(lang, text, path)


def check_editorial(
    editorial: Editorial, document: Document, bibliography: Bibliography, glossary: Glossary
) -> list[Problem]:
    """Every way the editorial texts fail the edition: a named work that does not resolve to
    the bibliography, a glossary link to an unknown term, a page of ``document`` without a
    guide section, a guide section that starts no page or heading. In file and line order."""
    index = CitationIndex.from_bibliography(bibliography)
    problems: list[Problem] = []
    for passage in editorial.passages():
        problems.extend(_citation_problems(passage, index))
        problems.extend(_term_link_problems(passage, glossary))
    problems.extend(_coverage_problems(editorial, document))
    return sorted(problems, key=lambda problem: (str(problem.path), problem.line or 0))


def _citation_problems(passage: Passage, index: CitationIndex) -> Iterator[Problem]:
    for citation in find_citations(passage.text, index):
        if citation.status != RESOLVED:
            why = f"{citation.status}: {citation.reason}" if citation.reason else citation.status
            yield Problem(
                f"{passage.label}: '{citation.text}' does not name one work of the "
                f"bibliography ({why})",
                passage.path,
                passage.line_at(citation.start),
            )


def _term_link_problems(passage: Passage, glossary: Glossary) -> Iterator[Problem]:
    for match in _GLOSSARY_LINK.finditer(passage.text):
        term_id = match.group(1)
        if term_id not in glossary:
            yield Problem(
                f"{passage.label}: link to unknown glossary term '{term_id}'",
                passage.path,
                passage.line_at(match.start()),
            )


def _coverage_problems(editorial: Editorial, document: Document) -> Iterator[Problem]:
    """One section per page, and every section anchored where the source shows a page or a
    heading: otherwise the site would show a page without its guide, or a guide nowhere.

    A heading is the editors' judgement, not the cleaner's: an illegible heading is noise like
    the text around it, and the cleaner may join it to the paragraph that follows. So a heading
    section only has to start where a block of the cleaned text starts, the place the site
    can show it."""
    path = editorial.guide_path
    page_starts = {page.first_line for page in document.pages}
    block_starts = {block.first_line for block in document.blocks}
    for section in editorial.guide:
        if section.heading and section.start not in block_starts:
            yield Problem(
                f"section at source line {section.start} is marked as a heading, but no block "
                "of the cleaned source begins there",
                path,
                section.line,
            )
        elif not section.heading and section.start not in page_starts:
            yield Problem(
                f"section at source line {section.start} starts no page (pages begin at lines "
                f"{', '.join(str(start) for start in sorted(page_starts))})",
                path,
                section.line,
            )
    covered = {section.start for section in editorial.guide if not section.heading}
    for page in document.pages:
        if page.first_line in covered:
            continue
        # Point the editor where the section belongs: at the section it should precede.
        following = [s for s in editorial.guide if s.start > page.first_line]
        near = following[:1] or editorial.guide[-1:]
        yield Problem(
            f"page {page.label} (source lines {page.first_line}–{page.last_line}) has no guide "
            f"section: add one with start: {page.first_line}",
            path,
            near[0].line if near else None,
        )
