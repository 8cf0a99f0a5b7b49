"""Run every stage once over an edition and keep the results together.

The site, ``edition check`` and the tests all need the same things: the cleaned document, the
bibliography, the citations found in each block and linked to it, the glossary terms found in
each block, the editorial texts. Computing them here, once, means that what the check passes
is exactly what the site shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from edition.bibliography import Bibliography, check_bibliography, load_bibliography
from edition.citations import Citation, CitationIndex, check_citations, find_citations
from edition.cleaning import clean_file
from edition.document import Block, BlockKind, Document
from edition.editorial import Editorial, check_editorial, load_editorial
from edition.errors import Problem, read_text
from edition.glossary import Glossary, TermMatch, check_glossary, find_terms, load_glossary
from edition.materials import Edition, load_edition

ENGLISH, CHINESE = "en", "zh-Hant"


@dataclass(frozen=True)
class Occurrence:
    """A citation as placed in the reading text: its anchor id, block, page and source line."""

    id: str
    block: str
    citation: Citation
    page: int
    line: int


@dataclass(frozen=True)
class Annotated:
    """An edition with every stage run: what the site shows and the check checks."""

    edition: Edition
    document: Document
    bibliography: Bibliography
    index: CitationIndex
    glossary: Glossary
    editorial: Editorial
    occurrences: tuple[Occurrence, ...]
    citations_by_block: Mapping[str, tuple[Occurrence, ...]]
    terms_by_block: Mapping[str, tuple[TermMatch, ...]]

    def citations(self, text: str) -> list[Citation]:
        """Citations in any other text (editorial texts, definitions), linked the same way."""
        return find_citations(text, self.index)

    def terms(self, text: str, protected: list[tuple[int, int]] | None = None) -> list[TermMatch]:
        """Glossary terms in any text, English and Chinese, never inside ``protected``."""
        return terms_in(text, self.glossary, protected or [])


def terms_in(text: str, glossary: Glossary, protected: list[tuple[int, int]]) -> list[TermMatch]:
    """English and Chinese glossary terms in ``text`` outside ``protected``, in order."""
    english = find_terms(text, glossary, ENGLISH, protected)
    taken = [*protected, *((m.start, m.end) for m in english)]
    return sorted([*english, *find_terms(text, glossary, CHINESE, taken)], key=lambda m: m.start)


def _block_terms(block: Block, glossary: Glossary, cited: list[tuple[int, int]]) -> list[TermMatch]:
    """Terms of a block; in noise only inside the English glosses salvaged from it."""
    if block.kind is not BlockKind.NOISE:
        return terms_in(block.text, glossary, cited)
    found = []
    for item in block.salvaged:
        if item.kind == "gloss":
            for match in find_terms(item.text, glossary, ENGLISH):
                found.append(
                    TermMatch(
                        item.start + match.start, item.start + match.end, match.term_id, match.text
                    )
                )
    return found


def annotate(folder: str | Path) -> Annotated:
    """Load the edition in ``folder`` and run every stage over it."""
    edition = load_edition(folder)
    document = clean_file(str(edition.source), edition.clean_options)
    bibliography = load_bibliography(edition.references)
    glossary = load_glossary(edition.glossary, [ref.key for ref in bibliography.references])
    index = CitationIndex.from_bibliography(bibliography)
    occurrences: list[Occurrence] = []
    by_block: dict[str, tuple[Occurrence, ...]] = {}
    terms: dict[str, tuple[TermMatch, ...]] = {}
    for block in document.blocks:
        found = []
        for citation in find_citations(block.text, index):
            occurrence = Occurrence(
                id=f"c{len(occurrences) + 1}",
                block=block.id,
                citation=citation,
                page=block.page_at(citation.start),
                line=block.line_at(citation.start),
            )
            occurrences.append(occurrence)
            found.append(occurrence)
        by_block[block.id] = tuple(found)
        cited = [(o.citation.start, o.citation.end) for o in found]
        terms[block.id] = tuple(_block_terms(block, glossary, cited))
    return Annotated(
        edition=edition,
        document=document,
        bibliography=bibliography,
        index=index,
        glossary=glossary,
        editorial=load_editorial(edition.folder / "editorial"),
        occurrences=tuple(occurrences),
        citations_by_block=by_block,
        terms_by_block=terms,
    )


def check(annotated: Annotated) -> list[Problem]:
    """Every problem of the edition: bibliography, citations, glossary, editorial texts.

    Citations are checked in the source as it reads, so that each finding names its line of
    the OCR file; the tests hold that the source and the cleaned blocks give the same ones.
    """
    bib = annotated.bibliography
    source = annotated.edition.source
    text = read_text(source)
    problems = list(check_bibliography(bib))
    problems += check_citations(find_citations(text, annotated.index), bib, text=text, path=source)
    problems += check_glossary(annotated.glossary, [ref.key for ref in bib.references])
    problems += check_editorial(annotated.editorial, annotated.document, bib, annotated.glossary)
    return problems
