"""The editors' own texts, all optional, in an edition's ``editorial/`` folder.

* ``translation.yml``: the editors' translation of the front matter (title, abstract,
  keywords) into one language, English or Traditional Chinese, with an optional translator's
  note (schema ``edition/schemas/translation.schema.yml``);
* ``guide.yml``: the reading guide, sections ``{start, heading, en, zh-Hant}`` in source
  order, ``start`` being the first source line of a page, or of a section heading when
  ``heading: true`` (schema ``guide.schema.yml``);
* ``principles.en.md``, ``principles.zh-Hant.md``: the editorial principles (Markdown).

The site marks all of them as the editors' words. They are held to the same standard as the
rest of the edition: a work they name must resolve to the bibliography, a glossary link must
name a term that exists, and a guide section must start where the source shows a page or a
heading. Those checks live here because only this module knows where each editorial text
came from (file and line). Their quotations of the source (``[“words”](source:N)``) are
checked by :mod:`edition.quotations`, over :meth:`Editorial.passages` and the glossary's and
the bibliography's texts alike. A text written in one language only is shown in every
version, marked with its language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from edition.bibliography import Bibliography
from edition.citations import RESOLVED, CitationIndex, find_citations
from edition.document import Document
from edition.errors import EditionError, Problem, read_text
from edition.glossary import Glossary
from edition.yamlfile import read_yaml, validate

#: The languages the editors write in; Simplified Chinese is generated from zh-Hant.
LANGUAGES = ("en", "zh-Hant")
TRANSLATION_FILE = "translation.yml"
GUIDE_FILE = "guide.yml"

# A Markdown link forced to a glossary term: [弱連結](glossary:weak-ties). The id is taken up
# to the closing parenthesis or a blank (a link title may follow), so a malformed id is
# reported as written instead of being skipped.
_GLOSSARY_LINK = re.compile(r"\]\(\s*glossary:([^\s)]*)")
# Every Markdown link target (inline links and images, autolinks, reference definitions).
_LINK_TARGET = re.compile(
    r"\]\(\s*<?(?P<inline>[^\s)>]*)|<(?P<auto>[A-Za-z][A-Za-z0-9+.-]*:[^\s>]*)>"
    r"|^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?(?P<definition>\S+?)>?(?:\s|$)",
    re.MULTILINE,
)
#: Where an editorial link may lead: the web, mail, a glossary term, a line of the source.
LINK_SCHEMES = ("http", "https", "mailto", "glossary", "source")


def principles_file(lang: str) -> str:
    """The name of the principles file in ``lang``: ``principles.en.md``."""
    return f"principles.{lang}.md"


def in_language(texts: Mapping[str, str], lang: str) -> tuple[str, str] | None:
    """``(text, its language)`` for a reader of ``lang`` from texts by language.

    The text in ``lang`` if there is one (Simplified readers get the Traditional, converted
    later), else the one in the other language; ``None`` when there is none.
    """
    wanted = "en" if lang == "en" else "zh-Hant"
    for candidate in (wanted, *LANGUAGES):
        if texts.get(candidate):
            return texts[candidate], candidate
    return None


@dataclass(frozen=True)
class Passage:
    """One piece of editorial prose and where it stands: the unit that checks report on.

    ``verbatim`` says the text is the file's own text from ``line`` on (a Markdown file), so a
    finding at an offset can be given its exact line; text taken from YAML was unfolded by the
    parser and can only be placed at the line of the value that holds it.
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
    """The editors' translation of the paper's front matter into ``language``."""

    path: Path
    language: str
    title: str | None = None
    abstract: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    #: the translator's note by language (en, zh-Hant)
    note: Mapping[str, str] = field(default_factory=dict)
    #: file lines of the values, by field name
    lines: Mapping[str, int | None] = field(default_factory=dict)

    def serves(self, lang: str) -> bool:
        """Whether readers of site version ``lang`` read this translation (zh-Hans: zh-Hant)."""
        return (lang == "en") == (self.language == "en")


@dataclass(frozen=True)
class GuideSection:
    """The reading guide at one page (or, with ``heading``, one section heading) of the source."""

    start: int
    heading: bool
    texts: Mapping[str, str]
    line: int | None = None

    def text(self, lang: str) -> tuple[str, str]:
        """``(text, its language)`` for a reader of ``lang`` (see :func:`in_language`)."""
        found = in_language(self.texts, lang)
        assert found is not None  # the schema requires one language at least
        return found


@dataclass(frozen=True)
class Principles:
    """The editorial principles in one language (Markdown)."""

    lang: str
    text: str
    path: Path


@dataclass(frozen=True)
class Editorial:
    """Every editorial text of one edition that exists, with the files they came from."""

    folder: Path | None = None
    translation: Translation | None = None
    guide_path: Path | None = None
    guide: tuple[GuideSection, ...] = ()
    principles: tuple[Principles, ...] = ()

    def principles_for(self, lang: str) -> Principles | None:
        """The principles for a reader of ``lang``: in that language if written, else the other."""
        found = in_language({p.lang: p.text for p in self.principles}, lang)
        return next(p for p in self.principles if p.lang == found[1]) if found else None

    def passages(self) -> Iterator[Passage]:
        """Every text a reader will read, with its language and place, in file order."""
        tr = self.translation
        if tr is not None:
            if tr.title:
                yield Passage(tr.title, tr.language, "title", tr.path, tr.lines.get("title"))
            for number, paragraph in enumerate(tr.abstract, start=1):
                label = f"abstract paragraph {number}"
                yield Passage(paragraph, tr.language, label, tr.path, tr.lines.get("abstract"))
            for keyword in tr.keywords:
                label = f"keyword '{keyword}'"
                yield Passage(keyword, tr.language, label, tr.path, tr.lines.get("keywords"))
            for lang, note in tr.note.items():
                label = f"translator_note.{lang}"
                yield Passage(note, lang, label, tr.path, tr.lines.get("translator_note"))
        for section in self.guide:
            for lang, text in section.texts.items():
                label = f"guide section at source line {section.start} ({lang})"
                assert self.guide_path is not None
                yield Passage(text, lang, label, self.guide_path, section.line)
        for item in self.principles:
            yield Passage(item.text, item.lang, "principles", item.path, 1, verbatim=True)


def load_editorial(folder: str | Path | None) -> Editorial:
    """Read the editorial texts in ``folder`` that exist; the first problem raises
    :class:`EditionError` naming the file and line (see :func:`read_editorial`)."""
    editorial, problems = read_editorial(folder)
    if problems:
        raise EditionError(problems[0].message, problems[0].path, problems[0].line)
    return editorial


def read_editorial(folder: str | Path | None) -> tuple[Editorial, list[Problem]]:
    """Read and check the form of every editorial text in ``folder`` (``None``: no folder).

    Each file is read on its own, so one broken file does not hide the problems of another;
    a file with problems is left out of the result. Whether the texts fit the source is
    :func:`check_editorial`'s.
    """
    if folder is None:
        return Editorial(), []
    folder = Path(folder)
    problems: list[Problem] = []
    translation = _read(folder / TRANSLATION_FILE, _translation, problems)
    guide_path = folder / GUIDE_FILE
    guide = _read(guide_path, _guide, problems) or ()
    principles = tuple(
        Principles(lang, text, path)
        for lang in LANGUAGES
        if (path := folder / principles_file(lang)).is_file()
        and (text := _principles(path, problems)) is not None
    )
    return (
        Editorial(
            folder=folder,
            translation=translation,
            guide_path=guide_path if guide else None,
            guide=guide,
            principles=principles,
        ),
        problems,
    )


def _read(path: Path, build, problems: list[Problem]):
    """``build(document)`` for the YAML file at ``path`` if it exists and has no problem."""
    if not path.is_file():
        return None
    try:
        document = read_yaml(path)
    except EditionError as exc:
        problems.append(Problem(exc.message, exc.path, exc.line))
        return None
    found = validate(document, path.stem)
    problems.extend(found)
    if found:
        return None
    try:
        return build(document)
    except EditionError as exc:
        problems.append(Problem(exc.message, exc.path, exc.line))
        return None


def _translation(document) -> Translation:
    data = document.data
    return Translation(
        path=document.path,
        language=data["language"],
        title=" ".join(data["title"].split()) if data.get("title") else None,
        abstract=tuple(p.strip() for p in data.get("abstract") or ()),
        keywords=tuple(k.strip() for k in data.get("keywords") or ()),
        note={lang: text.strip() for lang, text in (data.get("translator_note") or {}).items()},
        lines={key: document.line(key) for key in data},
    )


def _guide(document) -> tuple[GuideSection, ...]:
    sections: list[GuideSection] = []
    for index, item in enumerate(document.data):
        line = document.line(index)
        if sections and item["start"] <= sections[-1].start:
            before = sections[-1]
            raise EditionError(
                f"sections must follow the source: start {item['start']} comes after "
                f"start {before.start} (line {before.line})",
                document.path,
                line,
            )
        sections.append(
            GuideSection(
                start=item["start"],
                heading=item.get("heading", False),
                texts={lang: item[lang].strip() for lang in LANGUAGES if lang in item},
                line=line,
            )
        )
    return tuple(sections)


def _principles(path: Path, problems: list[Problem]) -> str | None:
    try:
        text = read_text(path)
    except EditionError as exc:
        problems.append(Problem(exc.message, exc.path, exc.line))
        return None
    if not text.strip():
        problems.append(Problem("the principles are empty: write them or delete the file", path, 1))
        return None
    return text


def check_editorial(
    editorial: Editorial, document: Document, bibliography: Bibliography, glossary: Glossary
) -> list[Problem]:
    """Every way the editorial texts fail the edition, in file and line order.

    Errors: a named work that does not resolve to the bibliography, a glossary link to an
    unknown term, a guide section that starts no page or heading of ``document``. A note: a
    page the guide has no section for (a guide need not cover every page).
    """
    index = CitationIndex.from_bibliography(bibliography)
    problems: list[Problem] = []
    for passage in editorial.passages():
        problems.extend(_citation_problems(passage, index))
        problems.extend(_term_link_problems(passage, glossary))
        problems.extend(_link_problems(passage))
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


def _link_problems(passage: Passage) -> Iterator[Problem]:
    """A link that leads nowhere a reader can follow from the site: a relative path (the
    pages are generated, so no path of the edition's folder exists on the site), a page
    anchor, a script. Links lead to web addresses, glossary terms or source lines."""
    for match in _LINK_TARGET.finditer(passage.text):
        target = match["inline"] or match["auto"] or match["definition"] or ""
        scheme, colon, _ = target.partition(":")
        if colon and scheme.lower() in LINK_SCHEMES:
            continue
        yield Problem(
            f"{passage.label}: the link {target!r} leads nowhere on the site; link to a web "
            "address (https://…), a glossary term (glossary:id) or a source line (source:N)",
            passage.path,
            passage.line_at(match.start()),
        )


def _coverage_problems(editorial: Editorial, document: Document) -> Iterator[Problem]:
    """Every section anchored where the source shows a page or a heading, else the site would
    show a guide nowhere; and a note for each page without a section.

    A heading is the editors' judgement, not the cleaner's: an illegible heading is noise like
    the text around it, and the cleaner may join it to the paragraph that follows. So a heading
    section only has to start where a block of the cleaned text starts, the place the site
    can show it."""
    path = editorial.guide_path
    if not editorial.guide:
        return
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
    bare = [page for page in document.pages if page.first_line not in covered]
    if bare:
        # One note for them all: a guide need not cover every page, and a note per page would
        # bury what must be fixed.
        starts = ", ".join(f"{page.label} (start: {page.first_line})" for page in bare)
        noun = "page has" if len(bare) == 1 else f"{len(bare)} pages have"
        yield Problem(
            f"{noun} no guide section: {starts}; add a section where a page needs one",
            path,
            editorial.guide[0].line,
            "info",
        )
