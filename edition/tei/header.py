"""The ``teiHeader`` (TEI P5 chapter 2): what the file is, whose, from what, encoded how.

* ``fileDesc``: the edition's title (the paper's, with ``An annotated digital edition``), the
  paper's authors, the editors as ``respStmt[@xml:id="editors"]`` (what every ``@resp`` of the
  file points at), the publication statement (the edition's id), and as ``sourceDesc`` the
  paper as published (``biblStruct``) with the editors' description of the source as their
  notes;
* ``encodingDesc``: the toolkit as ``application`` (``#toolkit``), the encoding's conventions in
  an ``editorialDecl`` of its parts (correction, normalization, hyphenation, segmentation,
  interpretation), and the editors' principles in an ``editorialDecl`` of their own per
  language;
* ``profileDesc``: the languages of the file (``langUsage``, filled in by :func:`languages`
  once the whole file is built) and the paper's keywords.
"""

from __future__ import annotations

import re

from edition import __version__
from edition.script import text_language
from edition.tei.bibl import author
from edition.tei.bibl import paper as paper_bibl
from edition.tei.elements import TEI_NS, XML_NS, Element, element, sub
from edition.tei.prose import Links, ensure_block, markdown
from edition.tei.text import EDITORS, TOOLKIT

#: the editors as the file names them: the edition's materials give no names
EDITORS_NAME = "The editors of this edition"
#: language tags and their names in ``langUsage``
LANGUAGE_NAMES = {
    "en": "English",
    "zh": "Chinese",
    "zh-Hant": "Chinese (Traditional script)",
    "zh-Hans": "Chinese (Simplified script)",
}

_CONVENTIONS = {
    "correction": (
        "The source is not corrected: where it is wrong, the reading text is wrong as well."
    ),
    "normalization": (
        "The reading text is the source as the cleaner left it: typographic ligatures spelled "
        "out, soft hyphens dropped, end-of-line hyphens removed where they divide a word. Each "
        "such change is a choice whose orig holds the source's characters and whose reg the "
        "reading's. Lines the cleaner left out of the reading text (page numbers, running "
        "heads, publishers' lines) are fw, typed by why."
    ),
    "hyphenation": (
        "Every end-of-line hyphen of the source is kept: in the reading where the word is "
        'hyphenated, otherwise in orig; an lb or pb inside a word has break="no".'
    ),
    "segmentation": (
        "Each block of the cleaned text is one element: a paragraph p, a heading head (which "
        "opens a div), OCR noise ab[@type='ocr-noise'], an equation ab[@type='equation'], a "
        "table table, a caption head of its table or figure, an entry of the paper's own "
        "reference list bibl. Its xml:id is l and the number of its first source line. Each "
        "source line begins with lb, whose n is its line number; each page with pb, whose n is "
        "its number, with type='inferred' and cert where the number is inferred, and "
        "type='unnumbered' where the source shows none."
    ),
    "interpretation": (
        "Citations are ref[@type='bibr'], pointing at their entry of the bibliography in the "
        "back; one that links to no entry has a subtype (illegible, unresolved, ambiguous), "
        "an illegible one its illegible names as unclear, and a note in the back says why. "
        "A ref with resp='#editors' is linked by the editors' decision. Glossary terms are "
        "term pointing at the glossary in the back. OCR noise (text the OCR engine could not "
        "read) is unclear[@reason='illegible']; what is legible in it (citations, English "
        "glosses as gloss) stands between the unclear parts, in place."
    ),
}


def header(links: Links) -> Element:
    """The ``teiHeader`` of the edition (``langUsage`` still empty: see :func:`languages`)."""
    annotated = links.annotated
    edition = annotated.edition
    paper = edition.paper
    made = element("teiHeader")
    description = sub(made, "fileDesc")
    titles = sub(description, "titleStmt")
    title = paper.title or ""
    sub(
        titles,
        "title",
        {
            "type": "main",
            "xml:lang": text_language(title, paper.language) if title else None,
        },
        title,
    )
    sub(titles, "title", {"type": "sub"}, "An annotated digital edition")
    for one in paper.authors:
        author(titles, one)
    editors = sub(titles, "respStmt", {"xml:id": EDITORS[1:]})
    sub(
        editors,
        "resp",
        None,
        "edited the text, linked its citations and terms, wrote the editorial texts",
    )
    sub(editors, "name", None, EDITORS_NAME)
    publication = sub(description, "publicationStmt")
    sub(publication, "authority", None, EDITORS_NAME)
    sub(publication, "idno", {"type": "edition"}, edition.id)
    source = paper_bibl(paper)
    for language, text in edition.source_description.items():
        note = sub(source, "note", {"type": "source", "resp": EDITORS, "xml:lang": language})
        markdown(note, text, links)
    sub(description, "sourceDesc").append(source)
    encoding = sub(made, "encodingDesc")
    application = sub(
        sub(encoding, "appInfo"),
        "application",
        {"xml:id": TOOLKIT[1:], "ident": "edition", "version": _version(__version__)},
    )
    sub(application, "label", None, "edition")
    sub(
        application,
        "desc",
        None,
        "Cleaned the source, found its citations and glossary terms, and wrote this file.",
    )
    conventions = sub(encoding, "editorialDecl")
    for part, text in _CONVENTIONS.items():
        holder = sub(conventions, part, {"eol": "all"} if part == "hyphenation" else None)
        sub(holder, "p", None, text)
    for principles in annotated.editorial.principles:
        declared = sub(encoding, "editorialDecl", {"resp": EDITORS, "xml:lang": principles.lang})
        markdown(declared, principles.text, links)
        ensure_block(declared)
    profile = sub(made, "profileDesc")
    sub(profile, "langUsage")
    if paper.keywords:
        words = " ".join(paper.keywords)
        keywords = sub(
            sub(profile, "textClass"),
            "keywords",
            {"xml:lang": text_language(words, paper.language)},
        )
        for keyword in paper.keywords:
            sub(keywords, "term", None, keyword)
    return made


def _version(version: str) -> str:
    """The leading ``N.N.N`` of a version (TEI's ``teidata.versionNumber``)."""
    match = re.match(r"\d+(?:\.\d+){0,2}", version)
    return match.group() if match else "0"


def languages(root: Element) -> None:
    """Fill ``langUsage`` with every language the file's ``xml:lang`` attributes name."""
    tags = sorted({node.get(f"{{{XML_NS}}}lang") for node in root.iter()} - {None})
    usage = next(root.iter(f"{{{TEI_NS}}}langUsage"))
    for tag in tags:
        sub(usage, "language", {"ident": tag}, LANGUAGE_NAMES.get(tag, tag))
