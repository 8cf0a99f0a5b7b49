"""The whole bibliography in the formats reference managers import: BibTeX, RIS, CSL-JSON.

CSL-JSON items come from ``edition.csl.csl_item``, the mapping the APA rendering also uses,
and RIS is derived from the same items, so the exports and the reference list on the site
cannot disagree about a work. CSL-JSON needs no writer library: it is ``json.dumps``.

BibTeX is written as the entries were read: every value exactly as written in the file
(LaTeX, case-protecting braces, math, name forms and all), inherited fields included, so
nothing is lost on the way back into Zotero, JabRef or LaTeX. Entries built in code have no
such source; their Unicode values are encoded by pybtex's writer. RIS is written with
``rispy``.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from typing import Any

import rispy
from pybtex.bibtex.exceptions import BibTeXError
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer

from edition.bibliography import PERSON_FIELDS, VERBATIM_FIELDS, Bibliography, Name, Reference
from edition.csl import csl_item as csl_item
from edition.errors import EditionError
from edition.quotations import plain_text

#: CSL type -> RIS type (the RIS specification's reference types, as Zotero reads them).
RIS_TYPES = {
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "book": "BOOK",
    "chapter": "CHAP",
    "dataset": "DATA",
    "entry-encyclopedia": "ENCYC",
    "graphic": "ART",
    "legal_case": "CASE",
    "legislation": "STAT",
    "manuscript": "UNPB",
    "motion_picture": "MPCT",
    "pamphlet": "PAMP",
    "paper-conference": "CPAPER",
    "patent": "PAT",
    "periodical": "JFULL",
    "personal_communication": "PCOMM",
    "report": "RPRT",
    "software": "COMP",
    "song": "SOUND",
    "speech": "SLIDE",
    "standard": "STAND",
    "thesis": "THES",
    "webpage": "ELEC",
}
#: CSL name variable -> rispy key (AU authors, A2 editors, A3 the book's authors,
#: A4 translators, as Zotero writes them).
RIS_NAMES = {
    "author": "authors",
    "editor": "secondary_authors",
    "container-author": "tertiary_authors",
    "translator": "subsidiary_authors",
}
#: CSL variable -> rispy key, for variables RIS holds as one line of text.
RIS_VARIABLES = {
    "title": "title",
    "title-short": "short_title",
    "container-title": "secondary_title",
    "collection-title": "tertiary_title",
    "event-title": "secondary_title",
    "volume": "volume",
    "issue": "number",
    "number": "number",
    "edition": "edition",
    "number-of-volumes": "number_of_volumes",
    "publisher": "publisher",
    "publisher-place": "place_published",
    "event-place": "place_published",
    "DOI": "doi",
    "language": "language",
    "genre": "type_of_work",
    "abstract": "abstract",
    "archive": "name_of_database",
    "archive_location": "accession_number",
    "status": "year",
}
_KEYWORD_SEPARATOR = re.compile(r"\s*[,;]\s*")
#: characters the LaTeX codec leaves as they are but LaTeX would read as syntax
_LATEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}"}
_SPECIAL = re.compile(r"([\\{}])")


def csl_items(bib: Bibliography) -> list[dict[str, Any]]:
    """Every reference as a CSL-JSON item, in file order, as a reference manager takes it: an
    editors' note quoting the source keeps the quoted words, not the markup that links them
    (``[“online streets”](source:18)`` is written ``“online streets”``)."""
    items = [csl_item(ref) for ref in bib.references]
    for item in items:
        if "note" in item:
            item["note"] = plain_text(item["note"])
    return items


def to_csl_json(bib: Bibliography) -> str:
    """The bibliography as a CSL-JSON document (an array of items), UTF-8 text."""
    return json.dumps(csl_items(bib), ensure_ascii=False, indent=2) + "\n"


def to_ris(bib: Bibliography) -> str:
    """The bibliography as RIS, one ``TY`` ... ``ER`` record per reference."""
    return _RisWriter().formats([_ris_record(item) for item in csl_items(bib)])


def to_bibtex(bib: Bibliography, entries: Mapping[str, str] | None = None) -> str:
    """The bibliography as BibTeX: its preambles, then each entry as written, or encoded if
    built in code, a blank line between two (as pybtex writes a database). ``entries`` are
    its :func:`bibtex_entries`, where made already. Raises ``EditionError`` where a value
    cannot be written."""
    entries = bibtex_entries(bib) if entries is None else entries
    preamble = _written(bib, BibliographyData(preamble=[_AsWritten(p) for p in bib.preambles]))
    return preamble + "\n".join(entries.values())


def bibtex_entries(bib: Bibliography) -> dict[str, str]:
    """Each reference as a BibTeX entry of its own (``@type{key,`` … ``}`` and a line
    break), by key, in file order. Raises ``EditionError`` where a value cannot be written."""
    return {
        ref.key: _written(bib, BibliographyData({ref.key: _pybtex_entry(ref)}))
        for ref in bib.references
    }


def _written(bib: Bibliography, data: BibliographyData) -> str:
    stream = io.StringIO()
    try:
        _BibTeXWriter(encoding="UTF-8").write_stream(data, stream)
    except BibTeXError as error:
        raise EditionError(f"cannot write as BibTeX: {error}", bib.path) from error
    return stream.getvalue()


#: format name (as the CLI offers it) -> export function
EXPORTS = {"bibtex": to_bibtex, "ris": to_ris, "csljson": to_csl_json}


def _ris_record(item: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"type_of_reference": RIS_TYPES.get(item["type"], "GEN")}
    for variable, key in RIS_NAMES.items():
        if variable in item:
            record[key] = [_ris_name(name) for name in item[variable]]
    for variable, key in RIS_VARIABLES.items():
        if variable in item and key not in record:
            record[key] = _one_line(item[variable])
    if "volume-title" in item:
        # RIS has no tag for a volume's own title: it follows the main title it belongs to
        key = "secondary_title" if "container-title" in item else "title"
        record[key] = _one_line(f"{record[key]}: {item['volume-title']}")
    isbn_issn = [_one_line(item[name]) for name in ("ISBN", "ISSN") if name in item]
    if isbn_issn:
        record["issn"] = "; ".join(isbn_issn)
    if "issued" in item:
        record["year"] = _year(item["issued"])
        record["date"] = _ris_date(item["issued"])
    if "accessed" in item:
        record["access_date"] = _ris_date(item["accessed"])
    if "original-date" in item:
        record["original_publication"] = _ris_date(item["original-date"])
    if "page" in item:
        first, _, last = item["page"].partition("-")
        record["start_page"] = first.strip()
        if last.strip():
            record["end_page"] = last.strip()
    if "keyword" in item:
        record["keywords"] = [k for k in _KEYWORD_SEPARATOR.split(_one_line(item["keyword"])) if k]
    if "URL" in item:
        record["urls"] = [item["URL"]]
    if "note" in item:
        record["notes"] = [_one_line(item["note"])]
    record["id"] = item["id"]
    return record


def _ris_name(name: dict[str, str]) -> str:
    """ "de Seta, Gabriele", "King, Martin Luther, Jr." (the RIS name form), or a group."""
    if "literal" in name:
        return _one_line(name["literal"])
    family = " ".join(filter(None, (name.get("non-dropping-particle"), name["family"])))
    given = " ".join(filter(None, (name.get("given"), name.get("dropping-particle"))))
    return _one_line(", ".join(filter(None, (family, given, name.get("suffix")))))


def _year(date: dict[str, Any]) -> str:
    if "date-parts" in date:
        return str(date["date-parts"][0][0])
    return _one_line(date["literal"])


def _ris_date(date: dict[str, Any]) -> str:
    """A CSL date as RIS writes dates: ``2019/08/08/``, ``2019/08//``; a range by its start."""
    if "date-parts" not in date:
        return _one_line(date["literal"])
    parts = [
        f"{part:02d}" if index else str(part) for index, part in enumerate(date["date-parts"][0])
    ]
    return "/".join(parts + [""] * (3 - len(parts))) + "/"


def _one_line(text: str) -> str:
    """RIS is line-based: a value must never carry a line break into the next tag."""
    return " ".join(str(text).split())


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its "1." numbering line, which RIS itself does not have."""

    def set_header(self, count: int) -> str:
        return ""


class _AsWritten(str):
    """A value that is BibTeX already (read from the file): written without encoding."""


class _BibTeXWriter(Writer):
    """pybtex's writer, which encodes only what is not BibTeX already.

    Values read from the file and verbatim fields (URL, DOI) are written as they are. In
    encoded text a backslash becomes ``\\textbackslash{}`` and a brace ``\\{``: the LaTeX
    codec writes them as they are, starting a command or a group.
    """

    def _encode(self, text):
        if isinstance(text, _AsWritten):
            return text
        encode = super()._encode
        return "".join(_LATEX_SPECIALS.get(part) or encode(part) for part in _SPECIAL.split(text))

    def _encode_with_comments(self, text):
        return text  # only ``@preamble``s, which are read from the file

    def _write_persons(self, stream, persons, role):
        if persons:
            names = " and ".join(
                # an organisation in braces, BibTeX's form for a name taken whole
                f"{{{self._encode(' '.join(person.last_names))}}}"
                if isinstance(person, _Organisation)
                else self._encode(self._format_name(stream, person))
                for person in persons
            )
            self._write_field(stream, role, _AsWritten(names))

    def _write_field(self, stream, field_name, value):
        if field_name in VERBATIM_FIELDS and not isinstance(value, _AsWritten):
            value = _AsWritten(value)
        super()._write_field(stream, field_name, value)


def _pybtex_entry(ref: Reference) -> Entry:
    if ref.raw:
        return Entry(ref.entry_type, fields=[(k, _AsWritten(v)) for k, v in ref.raw.items()])
    persons = {role: [_person(name) for name in names] for role, names in ref.names.items()}
    for role in ref.truncated:
        persons.setdefault(role, []).append(Person("others"))
    fields = [
        # BibTeX writes a range with "--" (Patashnik, BibTeXing, 1988, on the pages field)
        (name, value.replace("–", "--") if name == "pages" else value)
        for name, value in ref.fields.items()
        if name not in PERSON_FIELDS
    ]
    return Entry(ref.entry_type, fields=fields, persons=persons)


class _Organisation(Person):
    """An organisation as an author: its name is one unit, never split into name parts."""


def _person(name: Name) -> Person:
    if name.organisation:
        return _Organisation(last=name.family)
    return Person(
        first=name.given,
        prelast=" ".join(filter(None, (name.dropping_particle, name.particle))),
        last=name.family,
        lineage=name.suffix,
    )
