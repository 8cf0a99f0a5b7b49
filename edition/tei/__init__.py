"""An edition as one TEI P5 document: the interchange format of digital scholarly editions.

:func:`to_tei` writes what the site shows, from the same annotated edition, so that the
edition can be deposited in a repository or opened in the field's tools (TEI Publisher, EVT,
oXygen). The file is valid against the TEI P5 ``tei_all`` schema, its RELAX NG grammar and the
Schematron rules embedded in it (the tests check every example edition and any cleaned text).
Where TEI has an element for a thing, the thing is that element (sections of the TEI P5
Guidelines, version 4.3.0):

========================================  =================================================
the edition                               TEI
========================================  =================================================
title, authors, editors, edition id       ``teiHeader/fileDesc`` (2.2): ``titleStmt``,
                                          ``respStmt[@xml:id="editors"]``, ``publicationStmt``
the paper as published                    ``sourceDesc/biblStruct`` (2.2.7, 3.12)
the editors' description of the source    ``note[@resp="#editors"]`` in that ``biblStruct``
encoding conventions; the toolkit         ``editorialDecl`` parts (2.3.3); ``application``
                                          (2.3.11)
the editors' principles                   ``editorialDecl[@resp="#editors"]`` per language
languages; the paper's keywords           ``profileDesc/langUsage``, ``textClass`` (2.4)
front matter; the published abstract      ``front/div`` (4.5); ``div[@type="abstract"]``
heading; paragraph                        ``div/head``; ``p`` (4.1, 3.1)
source line, its number                   ``lb/@n`` (3.11.3)
page, printed / inferred / not shown      ``pb/@n``; ``@type="inferred"`` with ``@cert`` and
                                          ``@resp``; ``@type="unnumbered"`` (3.11.3)
page number, running head, publisher's    ``fw[@type="pageNum"|"header"|"copyright"]``
line left out of the reading text         (11.6)
ligature spelled out, hyphen removed      ``choice/orig`` + ``reg`` (3.5.2); a word run on
over a line or page                       ``lb``/``pb`` with ``@break="no"`` (3.2.2)
OCR noise; what is legible in it          ``ab[@type="ocr-noise"]`` of
                                          ``unclear[@reason="illegible"]`` (3.5.3) and,
                                          between, the ``ref`` and ``gloss`` salvaged
citation                                  ``ref[@type="bibr"]`` (3.7) → ``biblStruct`` in
                                          ``back``; ``@subtype`` when it links nowhere
illegible names of a citation             ``unclear[@reason="illegible"]`` in its ``ref``
glossary term; the glossary               ``term/@ref`` (3.4.1) → ``label`` of a
                                          ``list[@type="gloss"]`` in ``back`` (3.8)
table, its rows and cells, rule lines     ``table/row/cell`` (14.1.1), ``metamark``
equation                                  ``ab[@type="equation"]``, ``formula`` (14.2)
caption                                   ``head`` of its ``table``, or of a ``figure`` (14.4)
the paper's own reference list            ``listBibl/bibl`` (3.12.1)
translation, reading guide, notes         ``back/div[@resp="#editors"]`` (4.7)
========================================  =================================================

The ids are the site's anchors: blocks ``l<line>``, citations ``c<n>``, entries
``ref-<key>``, terms ``term-<id>`` (see :mod:`edition.site.context`); pages, which the site
names by number, are ``page-<n>`` in source order. The editors' texts carry
``@resp="#editors"`` and stand in the header or the back, never among the authors' words.
Both the reading text and every source line can be read back from the file: see
:mod:`edition.tei.text`.
"""

from __future__ import annotations

from lxml import etree

from edition.annotation import Annotated
from edition.tei.back import back
from edition.tei.elements import TEI_NS, XML_NS, element, indent, sub, unique_ids
from edition.tei.header import header, languages
from edition.tei.prose import Links
from edition.tei.text import Transcription

#: where TEI publishes the schema the file is valid against (the ``xml-model`` instructions
#: tell an XML editor to check it against the grammar and its Schematron rules)
SCHEMA = "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"

__all__ = ["SCHEMA", "TEI_NS", "to_tei"]


def to_tei(annotated: Annotated) -> bytes:
    """The annotated edition as a TEI P5 XML document, UTF-8 with an XML declaration.

    Reads the edition's source file again (``annotated.edition.source``) for the source lines
    as transcribed; raises :class:`~edition.errors.EditionError` when it cannot be read.
    """
    links = Links(
        annotated,
        unique_ids("ref-", [r.key for r in annotated.bibliography.references]),
        unique_ids("term-", [t.id for t in annotated.glossary.terms]),
    )
    root = element("TEI", {"xml:lang": "en"})
    root.append(header(links))
    text = sub(root, "text")
    Transcription(annotated, links.reference_ids, links.term_ids).build(text)
    language = annotated.edition.paper.language
    for part in text:  # front and body are the paper's; the back is the edition's own
        part.set(f"{{{XML_NS}}}lang", language)
    back(text, links)
    languages(root)
    etree.cleanup_namespaces(root)
    indent(root)
    models = [  # the grammar, then the rules embedded in it, each instruction on its line
        etree.ProcessingInstruction(
            "xml-model", f'href="{SCHEMA}" type="application/xml" schematypens="{language}"'
        )
        for language in _SCHEMA_LANGUAGES
    ]
    parts = [b"<?xml version='1.0' encoding='UTF-8'?>", *map(etree.tostring, models)]
    parts.append(etree.tostring(root, encoding="UTF-8", xml_declaration=False))
    return b"\n".join(parts) + b"\n"


_SCHEMA_LANGUAGES = ("http://relaxng.org/ns/structure/1.0", "http://purl.oclc.org/dsdl/schematron")
