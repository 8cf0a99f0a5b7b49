"""BibTeX/biblatex entries as CSL-JSON items: the one place where fields become CSL variables.

The CSL-JSON export, the RIS export (derived from the items), the COinS spans and the APA
rendering all start from ``csl_item``, so they cannot disagree about a work.

The mapping is data: entry types after biber's aliases (``@conference`` is
``@inproceedings``), then biblatex fields to CSL 1.0.2 variables, as biblatex's data model
and the CSL specification name them, in the correspondence that pandoc's and Better BibTeX's
converters also use. It is written here rather than taken from ``pandoc -f biblatex``
because pandoc's reader rewrites titles to sentence case by BibTeX's rule (lowercasing every
unbraced capital: "disaster in chicago") and splits ``institution`` at every "and"; our values
are taken as the editors wrote them.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from edition.bibliography import Name, Reference

#: biber's type aliases (biblatex manual, 2.1.2 "Type Aliases").
TYPE_ALIASES = {
    "conference": "inproceedings",
    "electronic": "online",
    "www": "online",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "techreport": "report",
}
#: biblatex entry type -> CSL type. Anything else is a CSL "document".
CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "bookinbook": "chapter",
    "inbook": "chapter",
    "suppbook": "chapter",
    "booklet": "pamphlet",
    "collection": "book",
    "mvcollection": "book",
    "incollection": "chapter",
    "suppcollection": "chapter",
    "dataset": "dataset",
    "manual": "book",
    "misc": "document",
    "online": "webpage",
    "patent": "patent",
    "periodical": "periodical",
    "suppperiodical": "article-journal",
    "proceedings": "book",
    "mvproceedings": "book",
    "inproceedings": "paper-conference",
    "reference": "book",
    "mvreference": "book",
    "inreference": "entry-encyclopedia",
    "report": "report",
    "software": "software",
    "thesis": "thesis",
    "unpublished": "manuscript",
    "artwork": "graphic",
    "audio": "song",
    "image": "graphic",
    "jurisdiction": "legal_case",
    "legislation": "legislation",
    "legal": "treaty",
    "letter": "personal_communication",
    "movie": "motion_picture",
    "music": "song",
    "performance": "performance",
    "review": "review",
    "standard": "standard",
    "video": "motion_picture",
}
#: ``entrysubtype`` of an @article -> CSL type (biblatex: "magazine", "newspaper").
ARTICLE_SUBTYPES = {"magazine": "article-magazine", "newspaper": "article-newspaper"}
#: biblatex fields copied as they are into a CSL variable of another name.
CSL_VARIABLES = {
    "shorttitle": "title-short",
    "edition": "edition",
    "volume": "volume",
    "volumes": "number-of-volumes",
    "version": "version",
    "chapter": "chapter-number",
    "pagetotal": "number-of-pages",
    "eventtitle": "event-title",
    "venue": "event-place",
    "location": "publisher-place",
    "address": "publisher-place",
    "isbn": "ISBN",
    "issn": "ISSN",
    "pmid": "PMID",
    "pmcid": "PMCID",
    "abstract": "abstract",
    "keywords": "keyword",
    "langid": "language",
    "language": "language",
    "note": "note",
    "annotation": "annote",
    "annote": "annote",
    "eprinttype": "archive",
    "archiveprefix": "archive",
    "eprint": "archive_location",
}
#: Title fields with their subtitle and title addition (biblatex 2.2.2), by CSL variable.
TITLE_PARTS = {
    "title": ("title", "subtitle", "titleaddon"),
    "booktitle": ("booktitle", "booksubtitle", "booktitleaddon"),
    "journaltitle": ("journaltitle", "journalsubtitle", None),
    "journal": ("journal", "journalsubtitle", None),
    "maintitle": ("maintitle", "mainsubtitle", "maintitleaddon"),
    "issuetitle": ("issuetitle", "issuesubtitle", None),
}
#: biblatex's localisation keys in ``type`` and ``pubstate`` -> the English words APA prints
#: (a patent office's patent capitalised, "(U.S. Patent No. 5,194,299)": APA 7, 11.8).
LOCALISED = {
    "phdthesis": "Doctoral dissertation",
    "mathesis": "Master's thesis",
    "mastersthesis": "Master's thesis",
    "candthesis": "Candidate thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
    "software": "Computer software",
    "datacd": "CD-ROM",
    "audiocd": "Audio CD",
    "patent": "patent",
    "patentde": "German Patent",
    "patenteu": "European Patent",
    "patentfr": "French Patent",
    "patentuk": "British Patent",
    "patentus": "U.S. Patent",
    "inpress": "in press",
    "forthcoming": "forthcoming",
    "submitted": "manuscript submitted for publication",
    "inpreparation": "manuscript in preparation",
    "online": "advance online publication",
    "prepublished": "prepublished",
}
#: The thesis description when ``type`` does not give one (APA 7, 10.6).
THESIS_GENRES = {"phdthesis": "Doctoral dissertation", "mastersthesis": "Master's thesis"}
#: Name fields -> CSL name variables (biblatex ``bookauthor`` is the container's author).
NAME_VARIABLES = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "bookauthor": "container-author",
}
#: BibTeX's month macros and English month names -> month number.
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
MONTHS = {
    key: number for number, name in enumerate(_MONTH_NAMES.split(), 1) for key in (name, name[:3])
}

_DATE = re.compile(
    r"(?P<year>-?\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?(?P<qualifier>[~?%]*)"
)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ARXIV = "arxiv"
#: an arXiv identifier, new (2101.00001v2) or old (hep-th/9901001, math.GT/0309136)
_ARXIV_ID = r"\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?"
_ARXIV_JOURNAL = re.compile(
    rf"\s*(?:corr|arxiv(?:\s+e-?prints?|\s+preprint)*(?:\s*:?\s*(?:arxiv:)?(?P<id>{_ARXIV_ID}))?)\s*",
    re.IGNORECASE,
)
_ABS_VOLUME = re.compile(rf"abs/({_ARXIV_ID})")
#: types of works that are a whole, never in a book
_WHOLE_TYPES = frozenset({"book", "report", "thesis", "pamphlet", "dataset", "software"})
#: types an eprint without a journal makes a preprint
_PREPRINT_TYPES = frozenset({"article-journal", "document", "webpage", "manuscript", "report"})
_ELOCATOR = re.compile(r"e\d+")
#: types of a part of a book: its book may be a volume of a multivolume work
_PART_TYPES = frozenset({"chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary"})
#: types whose description APA gives itself ("[Data set]", "[Computer software]", "[Film]",
#: 10.9, 10.10, 10.12): a ``titleaddon`` does not take its place
_DESCRIBED_TYPES = frozenset(
    {"dataset", "software", "motion_picture", "song", "broadcast", "graphic", "map"}
)
#: a URL that ends ``howpublished``, with the words that introduce it
_HOWPUBLISHED_URL = re.compile(
    r"(?:(?:\bretrieved|\bavailable|\baccessible)\s+(?:online\s+)?(?:from|at)|\bonline\s+at"
    r"|\burl)?:?\s*(?P<url>https?://[^\s<>\"()]+?)[.,;]?\s*$",
    re.IGNORECASE,
)


def csl_type(ref: Reference) -> str:
    """The CSL type of an entry: its biblatex type through biber's aliases and the table.

    An @unpublished work with an ``eventtitle`` was presented, so it is a CSL "speech" (APA
    7, 10.5); an @misc that is only a URL is a "webpage".
    """
    entry_type = TYPE_ALIASES.get(ref.entry_type, ref.entry_type)
    fields = ref.fields
    if entry_type == "article":
        return ARTICLE_SUBTYPES.get(fields.get("entrysubtype", "").lower(), "article-journal")
    if entry_type == "unpublished" and fields.get("eventtitle"):
        return "speech"
    if entry_type == "misc" and _url(ref) and not (fields.get("publisher") or _genre(ref)):
        return "webpage"
    return CSL_TYPES.get(entry_type, "document")


def csl_item(ref: Reference) -> dict[str, Any]:
    """One reference as a CSL-JSON item; every field the mapping knows, and no other."""
    fields = ref.fields
    kind = csl_type(ref)
    item: dict[str, Any] = {"id": ref.key, "type": kind}
    people = ref.names or {"author": ref.authors}
    for role, variable in NAME_VARIABLES.items():
        if people.get(role):
            item[variable] = [csl_name(name) for name in people[role]]
    title, container = joined_title(fields, "title") or ref.title, _container(fields, kind)
    addon = fields.get("titleaddon", "")
    if addon and fields.get("title") and not _genre(ref) and _describes(addon, kind):
        # "Editorial", "Letter to the editor", "Audiobook": the description APA writes in
        # brackets after the title (APA 7, 9.21; biblatex-apa prints titleaddon so)
        title = joined_title({**fields, "titleaddon": ""}, "title")
        item["genre"] = fields["titleaddon"]
    if kind == "periodical" and fields.get("issuetitle"):
        # a special issue: its own title, in the periodical (biblatex @periodical)
        title, container = joined_title(fields, "issuetitle"), title
    if main := joined_title(fields, "maintitle"):
        # a volume of a multivolume work: "Main title: Vol. 2. Volume title" (APA 7, 10.2,
        # Example 30), whole or as the book a chapter is in (10.3)
        if kind in _WHOLE_TYPES:
            if title:
                item["volume-title"] = title
            title, container = main, ""
        elif container and container != main and kind in _PART_TYPES:
            container, item["volume-title"] = main, container
    if title:
        item["title"] = title
    if container:
        item["container-title"] = container
    for field, variable in CSL_VARIABLES.items():
        value = fields.get(field)
        if value and variable not in item:
            item[variable] = value
    _numbers(ref, kind, item)
    if genre := _genre(ref):
        item["genre"] = genre
    if publisher := _publisher(fields):
        item["publisher"] = publisher
    if url := _url(ref):
        item["URL"] = url
    if fields.get("doi"):
        item["DOI"] = normalize_doi(fields["doi"])
    _dates(ref, item)
    if fields.get("pubstate") and "status" not in item:
        item["status"] = LOCALISED.get(fields["pubstate"].lower(), fields["pubstate"])
    _arxiv_as_journal(item)
    if item.get("archive", "").lower() == _ARXIV and item.get("archive_location"):
        _arxiv(item)
    return item


def _arxiv_as_journal(item: dict[str, Any]) -> None:
    """arXiv written as the journal: DBLP's "CoRR" (volume ``abs/ID``), NASA ADS's "arXiv
    e-prints" (pages ``arXiv:ID``), Google Scholar's "arXiv preprint arXiv:ID". The work is
    in no journal: the identifier becomes the eprint, and ``_arxiv`` makes it a preprint."""
    match = _ARXIV_JOURNAL.fullmatch(item.get("container-title", ""))
    if not match or item["type"] != "article-journal":
        return
    if item.get("archive", _ARXIV).lower() != _ARXIV:
        return  # another eprint (a PubMed number): CORR is then Clinical Orthopaedics
    volume = _ABS_VOLUME.fullmatch(item.get("volume", ""))
    identifier = item.get("archive_location") or match["id"] or (volume and volume[1])
    if not identifier:
        return
    del item["container-title"]
    if volume:
        del item["volume"]
    if item.get("page", "").removeprefix("arXiv:") == identifier:
        del item["page"]
    item["archive"], item["archive_location"] = "arXiv", identifier


def _arxiv(item: dict[str, Any]) -> None:
    """An arXiv eprint: a preprint numbered ``arXiv:ID`` in the arXiv, as Zotero's CSL has it.

    Unless it is published in a journal already, the work is a preprint (CSL "article"),
    which APA cites by its arXiv number, with arXiv as its publisher (APA 7, 10.8).
    """
    identifier = item["archive_location"]
    if "URL" not in item and "DOI" not in item:
        item["URL"] = f"https://arxiv.org/abs/{identifier}"
    if "container-title" not in item and item["type"] in _PREPRINT_TYPES:
        del item["archive"], item["archive_location"]  # said by number and publisher
        item["type"] = "article"
        item.setdefault("number", f"arXiv:{identifier}")
        item.setdefault("publisher", "arXiv")


def csl_name(name: Name) -> dict[str, str]:
    """A ``Name`` as a CSL name: an organisation as a literal, a person by name parts."""
    if name.organisation:
        return {"literal": name.family}
    parts = {
        "family": name.family,
        "given": name.given,
        "non-dropping-particle": name.particle,
        "dropping-particle": name.dropping_particle,
        "suffix": name.suffix,
    }
    return {part: value for part, value in parts.items() if value}


def joined_title(fields: Mapping[str, str], field: str) -> str:
    """A title with its subtitle after a colon and its addition after a full stop."""
    main, sub, addition = TITLE_PARTS[field]
    title = fields.get(main, "")
    if title and sub and fields.get(sub):
        title = f"{title}: {fields[sub]}"
    if title and addition and fields.get(addition):
        title = f"{title}. {fields[addition]}"
    return title


def normalize_doi(doi: str) -> str:
    """A DOI without the resolver or ``doi:`` prefix editors often copy along with it."""
    return _DOI_PREFIX.sub("", doi.strip())


def csl_date(text: str) -> dict[str, Any]:
    """A biblatex date as a CSL date: ``2019``, ``2019-08``, ``2019-08-08/2019-08-11``.

    biblatex dates are ISO 8601 with EDTF level 1 (biblatex manual, 2.3.8): a time is
    dropped, ``~``, ``?`` or ``%`` make the date approximate (CSL "circa"), months 21-24 are
    seasons, an open end (``2004/..``) leaves the start, and a year before 1 is one year
    earlier in CSL, which has no year 0. Anything else, a month 13 or
    a 30 February included, is kept as written, a CSL literal date.
    """
    parts, circa, season = [], False, 0
    for piece in text.strip().split("/"):
        piece = piece.split("T")[0].strip()
        if piece in {"", ".."} and parts:
            continue
        match = _DATE.fullmatch(piece)
        if not match:
            return {"literal": text.strip()}
        circa = circa or bool(match["qualifier"])
        numbers = [int(number) for number in match.group("year", "month", "day") if number]
        if not _real_date(numbers):
            return {"literal": text.strip()}
        if numbers[0] <= 0:
            # ISO 8601 counts a year 0, 1 BCE, where CSL's -1 is 1 BC: "-0476" is 477 BCE
            # (biblatex #427)
            numbers[0] -= 1
        if len(numbers) > 1 and 21 <= numbers[1] <= 24:
            season, numbers = numbers[1] - 20, numbers[:1]
        parts.append(numbers)
    date: dict[str, Any] = {"date-parts": parts}
    if circa:
        date["circa"] = True
    if season:
        date["season"] = season
    return date


def _real_date(numbers: list[int]) -> bool:
    """Whether year, month and day name a day of the calendar (a month 21-24 is a season)."""
    if len(numbers) == 2:
        return 1 <= numbers[1] <= 12 or 21 <= numbers[1] <= 24
    if len(numbers) == 3:
        year, month, day = numbers
        return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
    return True


def _container(fields: Mapping[str, str], kind: str) -> str:
    """The whole a work is part of: its journal, or the book a part is in.

    A whole book is in no book: classic BibTeX gives crossref'd books a ``booktitle`` of
    their own title for their chapters to inherit, which must not print "In ...".
    """
    containers = ("journaltitle", "journal", "booktitle", "maintitle")
    if kind in _WHOLE_TYPES:
        containers = ("journaltitle", "journal", "maintitle")
    for field in containers:
        if title := joined_title(fields, field):
            return title
    return ""


def _numbers(ref: Reference, kind: str, item: dict[str, Any]) -> None:
    """``number``, ``issue``, ``eid``, ``series`` and ``pages`` as CSL has them per type."""
    fields = ref.fields
    number, pages = fields.get("number"), fields.get("pages", "")
    if kind.startswith("article") or kind == "periodical":
        if fields.get("issue") or number:
            item["issue"] = fields.get("issue") or number
        if fields.get("eid"):
            item["number"] = fields["eid"]
        elif _ELOCATOR.fullmatch(pages):
            # Crossref and most exports put the article number in pages (APA 7, 9.27)
            item["number"], pages = pages, ""
    elif number and fields.get("series") and kind in {"book", "chapter", "paper-conference"}:
        item["collection-number"] = number
    elif number:
        item["number"] = number
    if fields.get("series"):
        item["collection-title"] = fields["series"]
    if pages:
        item["page"] = pages.replace("–", "-").replace("—", "-")


def _describes(addon: str, kind: str) -> bool:
    """Whether a ``titleaddon`` is the description APA writes in brackets after the title:
    not for a type APA describes itself, nor for an addon already in brackets or
    parentheses ("(Original work published 1900)"), which stays part of the title."""
    return kind not in _DESCRIBED_TYPES and addon.strip()[:1] not in "(["


def _genre(ref: Reference) -> str:
    """The description APA prints in brackets: ``type``, a thesis kind, ``howpublished``."""
    fields = ref.fields
    written = fields.get("type", "")
    if written:
        return LOCALISED.get(written.lower(), written)
    if ref.entry_type in THESIS_GENRES:
        return THESIS_GENRES[ref.entry_type]
    return _howpublished(fields)[0]


def _publisher(fields: Mapping[str, str]) -> str:
    """Who published: biblatex's publisher, or the institution, school or organization."""
    for field in ("publisher", "institution", "school", "organization"):
        if fields.get(field):
            return fields[field]
    return ""


def _url(ref: Reference) -> str:
    fields = ref.fields
    if fields.get("url"):
        return fields["url"]
    return _howpublished(fields)[1]


def _howpublished(fields: Mapping[str, str]) -> tuple[str, str]:
    """``howpublished`` as a description and a URL. The words that only introduce the URL
    ("Retrieved from", "Available at": APA 6's, which APA 7 drops, 9.35) are left out."""
    text = fields.get("howpublished", "").strip()
    match = _HOWPUBLISHED_URL.search(text)
    if not match:
        return text, ""
    return (text[: match.start()] + text[match.end() :]).strip(" .,;:[]()"), match["url"]


def _dates(ref: Reference, item: dict[str, Any]) -> None:
    fields = ref.fields
    if fields.get("date"):
        item["issued"] = csl_date(fields["date"])
    elif fields.get("year", "").isdigit():
        parts = [int(fields["year"])]
        month = MONTHS.get(fields.get("month", "").lower()) or fields.get("month", "")
        if str(month).isdigit():
            parts.append(int(month))
            if fields.get("day", "").isdigit():
                parts.append(int(fields["day"]))
        item["issued"] = {"date-parts": [parts]}
    elif fields.get("year"):
        item["status"] = LOCALISED.get(fields["year"].replace(" ", "").lower(), fields["year"])
    elif ref.year.isdigit():  # a reference built in code, without fields
        item["issued"] = {"date-parts": [[int(ref.year)]]}
    elif ref.year and ref.year != "n.d.":
        item["status"] = ref.year
    for field, variable in (("urldate", "accessed"), ("origdate", "original-date")):
        if fields.get(field):
            item[variable] = csl_date(fields[field])
    if fields.get("eventdate"):
        item["event-date"] = csl_date(fields["eventdate"])
