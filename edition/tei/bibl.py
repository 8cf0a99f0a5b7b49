"""Bibliographic descriptions as ``biblStruct`` (TEI P5 3.12): the works the edition's
bibliography holds, and the edited paper itself.

A work is described from its CSL item (:func:`edition.exports.csl_item`), the one mapping from
BibTeX that the APA rendering and the BibTeX, RIS and CSL-JSON exports share, so no export can
say something else of a work. The CSL types map to TEI's levels: a part of something (an
article, a chapter, a conference paper) is an ``analytic`` in a ``monogr`` (a journal,
``title/@level="j"``, or a book, ``"m"``); anything else is a ``monogr`` alone (``"u"`` for
unpublished work: theses, manuscripts). Only what the entry gives is written; a field it lacks
is no element, never an empty guess.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from typing import Any

from edition.materials import Author, Paper
from edition.tei.elements import Element, element, pointer, sub

#: CSL types that are part of a container (an ``analytic`` in its ``monogr``)
_PARTS = {
    "article-journal": "j",
    "article-magazine": "j",
    "article-newspaper": "j",
    "chapter": "m",
    "paper-conference": "m",
    "entry-encyclopedia": "m",
    "entry-dictionary": "m",
}
#: CSL types of unpublished works (``title/@level="u"``)
_UNPUBLISHED = {"thesis", "manuscript"}
#: CSL name variables and the TEI element (and ``@role``) they become
_ROLES = {
    "author": ("author", None),
    "editor": ("editor", None),
    "translator": ("editor", "translator"),
}
_PAGES = re.compile(r"\s*(\S+?)\s*[-–—]+\s*(\S+)\s*")


def work(item: Mapping[str, Any], xml_id: str, editors: str) -> Element:
    """``biblStruct`` with ``xml:id`` for one CSL item; its note (the editors' own text in
    this toolkit's bibliographies) is marked as theirs with ``@resp`` = ``editors``."""
    kind = item.get("type", "document")
    bibl = element("biblStruct", {"xml:id": xml_id, "type": kind})
    level = _PARTS.get(kind)
    if level is not None:
        analytic = sub(bibl, "analytic")
        _names(analytic, item, ("author", "translator"))
        _title(analytic, item.get("title"), "a")
        _identifiers(analytic, item)
        monogr = sub(bibl, "monogr")
        _title(monogr, item.get("container-title"), level, required=True)
        _names(monogr, item, ("editor",))
    else:
        monogr = sub(bibl, "monogr")
        _names(monogr, item, ("author", "editor", "translator"))
        _title(monogr, item.get("title"), "u" if kind in _UNPUBLISHED else "m", required=True)
        _identifiers(monogr, item)
    for key, kind_of_id in (("ISBN", "ISBN"), ("ISSN", "ISSN")):
        if item.get(key):
            sub(monogr, "idno", {"type": kind_of_id}, str(item[key]))
    if item.get("edition"):
        sub(monogr, "edition", None, str(item["edition"]))
    _imprint(monogr, item)
    if item.get("collection-title"):
        series = sub(bibl, "series")
        _title(series, item["collection-title"], "s")
    if item.get("genre"):
        sub(bibl, "note", {"type": "genre"}, str(item["genre"]))
    if item.get("note"):
        sub(bibl, "note", {"resp": editors}, str(item["note"]))
    return bibl


def _names(parent: Element, item: Mapping[str, Any], variables: Sequence[str]) -> None:
    for variable in variables:
        tag, role = _ROLES[variable]
        for name in item.get(variable) or ():
            holder = sub(parent, tag, {"role": role})
            if "literal" in name:
                sub(holder, "orgName", None, name["literal"])
                continue
            person = sub(holder, "persName")
            if name.get("given"):
                sub(person, "forename", None, name["given"])
            if name.get("non-dropping-particle"):
                sub(person, "nameLink", None, name["non-dropping-particle"])
            sub(person, "surname", None, name.get("family", ""))


def _title(parent: Element, title: object, level: str, *, required: bool = False) -> None:
    """``title`` at ``level``; an empty one where TEI requires a title the entry lacks."""
    if title or required:
        sub(parent, "title", {"level": level}, str(title or ""))


def _identifiers(parent: Element, item: Mapping[str, Any]) -> None:
    if item.get("DOI"):
        sub(parent, "idno", {"type": "DOI"}, str(item["DOI"]))
    target = pointer(str(item.get("URL") or ""))
    if target is not None:
        sub(parent, "ptr", {"target": target})


def _imprint(monogr: Element, item: Mapping[str, Any]) -> None:
    imprint = sub(monogr, "imprint")
    for variable, unit in (("volume", "volume"), ("issue", "issue"), ("chapter-number", "chapter")):
        if item.get(variable):
            sub(imprint, "biblScope", {"unit": unit}, str(item[variable]))
    if item.get("number") and item.get("type") != "article-journal":
        sub(imprint, "biblScope", {"unit": "number"}, str(item["number"]))
    if item.get("page"):
        page_scope(imprint, str(item["page"]))
    if item.get("publisher-place"):
        sub(imprint, "pubPlace", None, str(item["publisher-place"]))
    if item.get("publisher"):
        sub(imprint, "publisher", None, str(item["publisher"]))
    if "issued" in item:
        date(imprint, item["issued"])
    elif item.get("status"):
        sub(imprint, "date", None, str(item["status"]))
    if "original-date" in item:
        date(imprint, item["original-date"], "original")
    if "accessed" in item:
        date(imprint, item["accessed"], "accessed")
    if not len(imprint):
        sub(imprint, "date")  # TEI requires something in an imprint; the date is unknown


def page_scope(parent: Element, pages: str) -> None:
    """``biblScope unit="page"`` with ``@from`` and ``@to`` where the range reads as one."""
    match = _PAGES.fullmatch(pages)
    attrib = {"unit": "page"}
    if match:
        attrib |= {"from": match[1], "to": match[2]}
    elif pages.strip() and not any(c.isspace() for c in pages.strip()):
        attrib |= {"from": pages.strip(), "to": pages.strip()}
    sub(parent, "biblScope", attrib, pages)


def date(parent: Element, value: Mapping[str, Any], kind: str | None = None) -> None:
    """A CSL date as ``date``, with ``@when`` (W3C form) where its parts make a real date."""
    parts = (value.get("date-parts") or [[]])[0]
    when = _when([int(p) for p in parts if str(p).lstrip("-").isdigit()])
    text = value.get("literal") or "-".join(str(p) for p in parts)
    sub(parent, "date", {"when": when, "type": kind}, str(text))


def _when(parts: list[int]) -> str | None:
    if not parts or not 1 <= parts[0] <= 9999:
        return None
    year = f"{parts[0]:04d}"
    if len(parts) == 1:
        return year
    if not 1 <= parts[1] <= 12:
        return None
    if len(parts) == 2:
        return f"{year}-{parts[1]:02d}"
    try:
        return datetime.date(parts[0], parts[1], parts[2]).isoformat()
    except ValueError:
        return None


def author(parent: Element, author: Author) -> None:
    """An author of the paper as ``author``: ``persName`` (forename, surname) or ``orgName``."""
    holder = sub(parent, "author")
    if author.name:
        sub(holder, "orgName", None, author.name)
        return
    person = sub(holder, "persName")
    if author.given:
        sub(person, "forename", None, author.given)
    sub(person, "surname", None, author.family)


def paper(paper: Paper) -> Element:
    """The edited paper as published (the ``sourceDesc``): an article in its journal, the
    journal's names in other languages as alternative titles, its licence as published. A
    paper with no journal is described as a text of its own (``monogr`` alone); an
    unpublished one as a manuscript, its title of level ``u`` (TEI P5 3.12.2.1), with no
    imprint but its date."""
    if not paper.published:
        bibl = element("biblStruct", {"type": "manuscript"})
        monogr = sub(bibl, "monogr")
        for one in paper.authors:
            author(monogr, one)
        _titles(monogr, paper, "u")
        _paper_identifiers(monogr, paper)
        _imprint_date(sub(monogr, "imprint"), paper)
        return bibl
    bibl = element("biblStruct", {"type": "article-journal" if paper.journal else "document"})
    if paper.journal:
        analytic = sub(bibl, "analytic")
        for one in paper.authors:
            author(analytic, one)
        _titles(analytic, paper, "a")
        _paper_identifiers(analytic, paper)
        monogr = sub(bibl, "monogr")
        sub(monogr, "title", {"level": "j"}, paper.journal)
        for language, name in paper.journal_names.items():
            if name != paper.journal:
                sub(monogr, "title", {"level": "j", "type": "alt", "xml:lang": language}, name)
    else:
        monogr = sub(bibl, "monogr")
        for one in paper.authors:
            author(monogr, one)
        _titles(monogr, paper, "m")
        _paper_identifiers(monogr, paper)
    if paper.licence:
        sub(sub(monogr, "availability"), "licence", None, paper.licence)
    imprint = sub(monogr, "imprint")
    if paper.volume:
        sub(imprint, "biblScope", {"unit": "volume"}, paper.volume)
    if paper.issue:
        sub(imprint, "biblScope", {"unit": "issue"}, paper.issue)
    if paper.pages:
        page_scope(imprint, paper.pages)
    if paper.article_number:
        sub(imprint, "biblScope", {"unit": "article"}, paper.article_number)
    _imprint_date(imprint, paper)
    return bibl


def _titles(parent: Element, paper: Paper, level: str) -> None:
    """The paper's title and its parallel titles, each in its language (TEI P5 3.12.2.2)."""
    sub(parent, "title", {"level": level}, paper.title or "")
    for language, title in paper.parallel_titles.items():
        sub(parent, "title", {"level": level, "type": "parallel", "xml:lang": language}, title)


def _imprint_date(imprint: Element, paper: Paper) -> None:
    year = paper.year
    sub(imprint, "date", {"when": _when([year]) if year else None}, str(year or ""))


def _paper_identifiers(parent: Element, paper: Paper) -> None:
    if paper.doi:
        sub(parent, "idno", {"type": "DOI"}, paper.doi)
    target = pointer(paper.url or "")
    if target is not None:
        sub(parent, "ptr", {"target": target})
    sub(parent, "textLang", {"mainLang": paper.language})
