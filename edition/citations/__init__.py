"""In-text author–year citations: find them in plain or OCR text and link them to BibTeX.

The public API, used by the cleaner (to salvage citations in noise), the script converter (to
protect them) and the site (to link them)::

    index = CitationIndex.from_bibliography(load_bibliography("references.bib"))
    for citation in find_citations(text, index):
        print(citation.start, citation.end, citation.status, citation.keys)

A citation that links to no entry and has the shape of something else (a survey's name and
period, a date, a numbered label) carries a ``doubt``: it is probably no citation, and
``check_citations`` reports it as a warning for the editor to decide on, not as an error.

Modules: ``patterns`` (the compiled regexes), ``layout`` (seeing through page breaks),
``names`` (comparing names), ``index`` (looking works up), ``finder`` (the search),
``doubts`` (why a candidate may be no citation) and ``check`` (findings for
``edition check``).
"""

from edition.citations.check import check_citations
from edition.citations.finder import find_citations
from edition.citations.index import CitationIndex
from edition.citations.model import AMBIGUOUS, ILLEGIBLE, RESOLVED, UNRESOLVED, Citation

__all__ = [
    "AMBIGUOUS",
    "ILLEGIBLE",
    "RESOLVED",
    "UNRESOLVED",
    "Citation",
    "CitationIndex",
    "check_citations",
    "find_citations",
]
