"""The whole bibliography in the formats reference managers import: BibTeX, RIS, CSL-JSON.

CSL-JSON is also what the APA renderer feeds citeproc, so ``csl_item`` is the one place where
BibTeX's fields become CSL variables; RIS is derived from the same items, so the three exports
and the reference list on the site cannot disagree about a work.

BibTeX is written with pybtex's writer from the Unicode values (it re-encodes LaTeX specials),
except that verbatim fields (URL, DOI) are written as they are. RIS is written with ``rispy``.
CSL-JSON has no writer library because it needs none: it is the mapping plus ``json.dumps``.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import rispy
from pybtex.bibtex.exceptions import BibTeXError
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import month_names
from pybtex.database.output.bibtex import Writer

from edition.bibliography import (
    NO_DATE,
    PERSON_FIELDS,
    VERBATIM_FIELDS,
    Bibliography,
    Name,
    Reference,
    normalize_doi,
)
from edition.errors import EditionError

#: BibTeX/biblatex entry type -> CSL type; anything else is a generic "document".
CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "collection": "book",
    "proceedings": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "report": "report",
    "techreport": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "online": "webpage",
    "unpublished": "manuscript",
}

#: BibTeX fields copied to a CSL variable of another name or as they are.
CSL_VARIABLES = {
    "title": "title",
    "journal": "container-title",
    "journaltitle": "container-title",
    "booktitle": "container-title",
    "volume": "volume",
    "edition": "edition",
    "publisher": "publisher",
    "institution": "publisher",
    "school": "publisher",
    "address": "publisher-place",
    "location": "publisher-place",
    "series": "collection-title",
    "chapter": "chapter-number",
    "howpublished": "genre",
    "type": "genre",
    "isbn": "ISBN",
    "issn": "ISSN",
    "url": "URL",
    "language": "language",
    "note": "note",
}

#: CSL type -> RIS type
RIS_TYPES = {
    "article-journal": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "paper-conference": "CPAPER",
    "report": "RPRT",
    "thesis": "THES",
    "webpage": "ELEC",
    "manuscript": "UNPB",
    "document": "GEN",
}

#: CSL name variable -> rispy key (AU, A2 editors, A4 translators as Zotero writes them)
RIS_NAMES = {"author": "authors", "editor": "secondary_authors", "translator": "subsidiary_authors"}

#: CSL variable -> rispy key
RIS_VARIABLES = {
    "title": "title",
    "container-title": "secondary_title",
    "volume": "volume",
    "issue": "number",
    "number": "number",
    "edition": "edition",
    "publisher": "publisher",
    "publisher-place": "place_published",
    "DOI": "doi",
    "ISBN": "issn",
    "ISSN": "issn",
    "language": "language",
    "genre": "type_of_work",
}

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_MONTHS = {name.casefold(): number for number, name in enumerate(month_names.values(), 1)}


def csl_item(ref: Reference) -> dict[str, Any]:
    """One reference as a CSL-JSON item (the mapping both the exports and APA rendering use)."""
    fields = ref.fields
    csl_type = _csl_type(ref)
    item: dict[str, Any] = {"id": ref.key, "type": csl_type}
    for role, names in ref.names.items():
        if names:
            item[role] = [_csl_name(name) for name in names]
    for field, value in fields.items():
        variable = CSL_VARIABLES.get(field)
        if variable and value and variable not in item:
            item[variable] = value
    if "number" in fields:
        item["issue" if csl_type == "article-journal" else "number"] = fields["number"]
    if "pages" in fields:
        item["page"] = fields["pages"].replace("–", "-")
    if "doi" in fields:
        item["DOI"] = normalize_doi(fields["doi"])
    if "urldate" in fields:
        item["accessed"] = _csl_date(fields["urldate"])
    if "origdate" in fields:
        item["original-date"] = _csl_date(fields["origdate"])
    if "date" in fields:
        item["issued"] = _csl_date(fields["date"])
    elif ref.year.isdigit():
        parts = [int(ref.year)]
        month = _MONTHS.get(fields.get("month", "").casefold()) or fields.get("month", "")
        if str(month).isdigit():
            parts.append(int(month))
        item["issued"] = {"date-parts": [parts]}
    elif ref.year != NO_DATE:
        item["status"] = ref.year
    return item


def csl_items(bib: Bibliography) -> list[dict[str, Any]]:
    """Every reference as a CSL-JSON item, in file order."""
    return [csl_item(ref) for ref in bib.references]


def to_csl_json(bib: Bibliography) -> str:
    """The bibliography as a CSL-JSON document (an array of items), UTF-8 text."""
    return json.dumps(csl_items(bib), ensure_ascii=False, indent=2) + "\n"


def to_ris(bib: Bibliography) -> str:
    """The bibliography as RIS, one ``TY`` ... ``ER`` record per reference."""
    return _RisWriter().formats([_ris_record(item) for item in csl_items(bib)])


def to_bibtex(bib: Bibliography) -> str:
    """The bibliography as BibTeX, re-encoded from the Unicode values by pybtex's writer."""
    data = BibliographyData(
        {ref.key: _pybtex_entry(ref) for ref in bib.references}, wanted_entries=None
    )
    stream = io.StringIO()
    try:
        _BibTeXWriter(encoding="UTF-8").write_stream(data, stream)
    except BibTeXError as error:
        raise EditionError(f"cannot write as BibTeX: {error}", bib.path) from error
    return stream.getvalue()


#: format name (as the CLI offers it) -> export function
EXPORTS = {"bibtex": to_bibtex, "ris": to_ris, "csljson": to_csl_json}


def _csl_type(ref: Reference) -> str:
    if ref.entry_type == "misc":
        return "webpage" if ref.fields.get("url") else "document"
    return CSL_TYPES.get(ref.entry_type, "document")


def _csl_name(name: Name) -> dict[str, str]:
    if name.organisation:
        return {"literal": name.family}
    parts = {"family": name.family, "given": name.given, "non-dropping-particle": name.particle}
    return {part: value for part, value in parts.items() if value}


def _csl_date(text: str) -> dict[str, Any]:
    match = _DATE.fullmatch(text.strip())
    if not match:
        return {"literal": text}
    return {"date-parts": [[int(part) for part in match.groups() if part]]}


def _ris_record(item: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"type_of_reference": RIS_TYPES.get(item["type"], "GEN")}
    for variable, key in RIS_NAMES.items():
        if variable in item:
            record[key] = [_ris_name(name) for name in item[variable]]
    for variable, key in RIS_VARIABLES.items():
        if variable in item and key not in record:
            record[key] = _one_line(item[variable])
    if "issued" in item:
        record["year"] = _date_text(item["issued"])
    if "original-date" in item:
        record["original_publication"] = _date_text(item["original-date"])
    if "page" in item:
        first, _, last = item["page"].partition("-")
        record["start_page"] = first.strip()
        if last.strip():
            record["end_page"] = last.strip()
    if "URL" in item:
        record["urls"] = [item["URL"]]
    if "note" in item:
        record["notes"] = [_one_line(item["note"])]
    record["id"] = item["id"]
    return record


def _ris_name(name: dict[str, str]) -> str:
    if "literal" in name:
        return _one_line(name["literal"])
    family = " ".join(filter(None, (name.get("non-dropping-particle"), name["family"])))
    return _one_line(", ".join(filter(None, (family, name.get("given")))))


def _date_text(date: dict[str, Any]) -> str:
    if "date-parts" in date:
        return str(date["date-parts"][0][0])
    return _one_line(date["literal"])


def _one_line(text: str) -> str:
    """RIS is line-based: a value must never carry a line break into the next tag."""
    return " ".join(str(text).split())


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its "1." numbering line, which RIS itself does not have."""

    def set_header(self, count: int) -> str:
        return ""


class _BibTeXWriter(Writer):
    """pybtex's writer, with two fixes for text that must come back as it went out.

    Verbatim fields are left alone (``\\%`` in a URL would break the link), and a backslash
    becomes ``\\textbackslash{}``: the LaTeX codec would write it as is, starting a command.
    """

    def _encode(self, text):
        encode = super()._encode
        return r"\textbackslash{}".join(encode(part) for part in text.split("\\"))

    def _write_field(self, stream, field_name, value):
        if field_name in VERBATIM_FIELDS:
            stream.write(f",\n    {field_name} = {self.quote(value)}")
        else:
            super()._write_field(stream, field_name, value)


def _pybtex_entry(ref: Reference) -> Entry:
    persons = {role: [_person(name) for name in names] for role, names in ref.names.items()}
    for role in ref.truncated:
        persons.setdefault(role, []).append(Person("others"))
    fields = [(name, value) for name, value in ref.fields.items() if name not in PERSON_FIELDS]
    return Entry(ref.entry_type, fields=fields, persons=persons)


def _person(name: Name) -> Person:
    if name.organisation:
        return Person(last=f"{{{name.family}}}")
    return Person(first=name.given, prelast=name.particle, last=name.family)
