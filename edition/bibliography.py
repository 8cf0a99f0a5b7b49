"""The edition's BibTeX file as plain, frozen data, every value in Unicode, and its APA check.

``edition.bibtex`` reads the syntax (with located errors) and applies ``crossref``/``xdata``
inheritance; ``edition.latex`` turns values into text. This module parses the name lists
into ``Name``s and builds the ``Reference``s the rest of the toolkit uses.

Names are read as BibTeX reads them (pybtex's ``Person``: ``First von Last``,
``von Last, First``, ``von Last, Jr, First``), and also in the forms reference managers
write that BibTeX leaves to the reader: biblatex's extended format
(``family=Gogh, given=Vincent, prefix=van, useprefix=true``), a suffix after the name
(``Guy L. Steele Jr.``, ``Martin Luther King, Jr.``), PubMed's run-together initials
(``Anderson, RM``), East Asian names family name first (``山田 太郎``), Vancouver lists
without "and" (``Wilshut E, Rinkenauer G``), BibTeX's "others" in braces, and a list cut
short with "et al." instead of BibTeX's "and others". What BibTeX only warns about (an
"and" without a name on one side) is read and becomes a warning of ``check_bibliography``,
never a refused file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person
from pybtex.exceptions import PybtexError

from edition.bibtex import Entry, parse_bibtex
from edition.csl import TYPE_ALIASES, csl_date, csl_item, joined_title
from edition.csl import normalize_doi as normalize_doi
from edition.errors import Problem, read_text
from edition.latex import LatexDecoder, preamble_macros, url_only

#: Fields holding lists of names, parsed into ``Name`` objects.
PERSON_FIELDS = ("author", "editor", "translator", "bookauthor")
#: Fields that BibTeX and biblatex take verbatim, and biblatex's ISO 8601/EDTF dates
#: (``1950~`` is an approximate year, not "1950" and a tie): never decoded as LaTeX.
VERBATIM_FIELDS = frozenset(
    "url doi eprint file verba verbb verbc date urldate origdate eventdate".split()
)
#: biblatex's date fields (ISO 8601 with EDTF, biblatex manual 2.3.8).
DATE_FIELDS = ("date", "urldate", "origdate", "eventdate")
#: Verbatim fields holding an address, where braces and LaTeX escapes (``S\\_Dbw``,
#: ``\\%20``, ``{1804.09720}``) are a writer's habit: no address has a brace or backslash.
ADDRESS_FIELDS = frozenset({"url", "doi", "eprint"})
#: APA's year for a work without a date.
NO_DATE = "n.d."
#: Name suffixes that may follow the family name without a comma (``Guy L. Steele Jr.``).
TRAILING_SUFFIXES = frozenset("Jr Jr. Sr Sr. Jnr Jnr. Snr Snr. II III IV".split())

#: Every type standard BibTeX and biblatex define (biblatex manual 2.1), after biber's
#: aliases; an entry of any other type is rendered as a generic document, with a warning.
STANDARD_TYPES = frozenset(
    "article book mvbook inbook bookinbook suppbook booklet collection mvcollection "
    "incollection suppcollection dataset manual misc online patent periodical suppperiodical "
    "proceedings mvproceedings inproceedings reference mvreference inreference report set "
    "software thesis unpublished artwork audio bibnote commentary image jurisdiction "
    "legislation legal letter movie music performance review standard video".split()
)

#: A requirement: CSL variables of which one must be present, and the BibTeX fields that
#: give them (for the message).
Requirement = tuple[tuple[str, ...], str]
_JOURNAL: Requirement = (("container-title",), "journal or journaltitle")
#: What APA 7 cannot print a reference without, by CSL type. What a part of a whole cannot
#: do without is the whole it is found in (APA 7, 9.23-9.28); a webpage, its URL (9.33).
APA_REQUIRED: Mapping[str, tuple[Requirement, ...]] = {
    "article-journal": (_JOURNAL,),
    "article-magazine": (_JOURNAL,),
    "article-newspaper": (_JOURNAL,),
    "chapter": ((("container-title",), "booktitle"),),
    "paper-conference": ((("container-title", "event-title"), "booktitle or eventtitle"),),
    "entry-encyclopedia": ((("container-title",), "booktitle"),),
    "webpage": ((("URL", "DOI"), "url or doi"),),
}
#: What APA 7 shows but can do without, by CSL type: a gap is a warning. Without an author
#: the title moves up (9.12), without a date APA writes "n.d." (9.17), an article in press or
#: published online first has no volume or pages (10.1, Examples 7 and 8), a chapter may
#: have no pages, and a group author that publishes its own work is not repeated (9.29).
APA_EXPECTED: Mapping[str, tuple[Requirement, ...]] = {
    "article-journal": (
        (("volume", "status"), "volume"),
        (("page", "number", "status", "DOI", "URL"), "pages"),
    ),
    "book": ((("publisher",), "publisher"),),
    "chapter": ((("publisher",), "publisher"), (("page",), "pages")),
    "thesis": ((("publisher",), "school"),),
    "report": ((("publisher",), "institution"),),
}
_EVERY_TYPE: tuple[Requirement, ...] = (
    (("author", "editor", "container-author"), "author or editor"),
    (("title",), "title"),
    (("issued", "status"), "year or date"),
)
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ET_AL = re.compile(r",?\s+(?:et\.?\s*al\.?|and others)$", re.IGNORECASE)
#: BibTeX's "others", also braced as Better BibTeX writes it (``Olive, K. A. and {others}``)
_OTHERS = re.compile(r"\{?\s*others\s*\}?,?")
#: what an empty name leaves of a list: "and" at either end of a part ("A and and B", "A and")
_STRAY_AND = re.compile(r"^(?:and\s+)+|(?:\s+and)+$", re.IGNORECASE)
_EXTENDED_NAME = re.compile(r"\s*(?:family|given|prefix|suffix|useprefix)\s*=", re.IGNORECASE)
_COMPACT_INITIALS = re.compile(r"[A-Z]{2,3}")
_ADDRESS_ESCAPE = re.compile(r"\\([%_#&$~])")
_VANCOUVER = re.compile(r"[^\s,]+ [A-Z]{1,3}")
#: Han, kana and Hangul: a name in these scripts is written family name first; and Latin letters
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\U00020000-\U0002fa1f]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


@dataclass(frozen=True)
class Name:
    """One person or organisation, split the way APA needs it (CSL's name parts)."""

    family: str
    given: str = ""
    #: the particle cited with the family name ("de Seta"; CSL non-dropping-particle)
    particle: str = ""
    organisation: bool = False
    #: "Jr.", "III" (CSL suffix); never part of ``family``
    suffix: str = ""
    #: a particle cited without the family name (CSL dropping-particle; biblatex useprefix=false)
    dropping_particle: str = ""

    @property
    def cited(self) -> str:
        """The form used in author-year citations: "de Seta", "Klinenberg", an org's full name."""
        return f"{self.particle} {self.family}" if self.particle else self.family


@dataclass(frozen=True)
class Reference:
    """One BibTeX entry with its values in Unicode and the line it starts on.

    ``fields`` and ``raw`` include what the entry inherits through ``crossref`` or ``xdata``.
    """

    key: str
    entry_type: str
    authors: tuple[Name, ...]
    year: str
    title: str
    fields: Mapping[str, str]
    line: int
    #: every name field by role ("author", "editor", "translator", "bookauthor"), as parsed
    names: Mapping[str, tuple[Name, ...]] = field(default_factory=dict)
    #: roles whose list ends in BibTeX's "and others": there are more names than listed
    truncated: frozenset[str] = frozenset()
    #: the values as written in the file (LaTeX), by field name; empty for built entries
    raw: Mapping[str, str] = field(default_factory=dict)
    #: field name -> what reading it found and worked around: an undefined LaTeX command,
    #: invalid LaTeX, names separated by commas; each a warning of ``check_bibliography``
    warnings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def et_al(self) -> bool:
        """Whether ``authors`` is only the start of the list ("Ahmad and others")."""
        return ("author" if self.names.get("author") else "editor") in self.truncated


@dataclass(frozen=True)
class Bibliography:
    """The references of one ``.bib`` file, in file order, looked up by key."""

    path: Path
    references: tuple[Reference, ...]
    #: the file's ``@preamble`` values (LaTeX), which define macros its entries may use
    preambles: tuple[str, ...] = ()
    _by_key: Mapping[str, Reference] = field(init=False, repr=False, compare=False)
    #: results of the CSL processor, computed once per bibliography (``edition.apa``)
    rendering_cache: dict[Any, Any] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {ref.key: ref for ref in self.references})

    def __getitem__(self, key: str) -> Reference:
        return self._by_key[key]

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def year_label(self, key: str) -> str:
        """The year as APA cites it here: "2018a"/"2018b", "n.d.-a", else the year.

        The letters are the CSL processor's (APA 7, 8.19), the same as in the rendered list.
        """
        from edition.apa import year_labels  # the renderer builds on this module

        return year_labels(self).get(key, self[key].year)


def load_bibliography(path: str | Path) -> Bibliography:
    """Load a ``.bib`` file; malformed BibTeX or a repeated key raises ``EditionError``."""
    path = Path(path)
    parsed = parse_bibtex(read_text(path), path)
    decoder = LatexDecoder(preamble_macros(parsed.preambles))
    references = tuple(_reference(entry, decoder) for entry in parsed.entries)
    return Bibliography(path, references, parsed.preambles)


def check_bibliography(bib: Bibliography) -> list[Problem]:
    """Every problem of the entries, by APA 7's rules (sections cited at ``APA_REQUIRED``).

    Errors: what the reference cannot be printed without, a ``crossref`` to no entry, a link
    that is not http(s), a DOI that is not one. Warnings: what APA shows but can do without
    (author, date, volume, pages, publisher), an unknown entry type (rendered as a generic
    document), a LaTeX command nothing defines, a date that is not one (biber ignores it). An
    error whose gap the entry's ``note`` accounts for is a warning: editors leave out what
    they could not confirm and say so.
    """
    problems: list[Problem] = []
    keys = {ref.key.casefold() for ref in bib.references}  # BibTeX matches keys in any case
    for ref in bib.references:

        def report(message: str, severity: str = "error", ref: Reference = ref) -> None:
            where = f"@{ref.entry_type}{{{ref.key}}}"
            problems.append(Problem(f"{where}: {message}", bib.path, ref.line, severity))

        item = csl_item(ref)
        entry_type = TYPE_ALIASES.get(ref.entry_type, ref.entry_type)
        if entry_type not in STANDARD_TYPES:
            report("not a BibTeX or biblatex entry type; rendered as a document", "warning")
        noted = "error" if not ref.fields.get("note") else "warning"
        for variables, fields in APA_REQUIRED.get(item["type"], ()):
            if not any(item.get(variable) for variable in variables):
                report(
                    f"lacks {fields}, which APA 7 needs here; add it, or say in the entry's note "
                    "why it is missing",
                    noted,
                )
        group_author = any(name.organisation for name in ref.authors)
        for variables, fields in _EVERY_TYPE + APA_EXPECTED.get(item["type"], ()):
            if variables == ("publisher",) and group_author:
                continue
            if not any(item.get(variable) for variable in variables):
                report(f"lacks {fields}, which APA 7 shows", "warning")
        parent = ref.fields.get("crossref", "")
        if parent and parent.split(",")[0].strip().casefold() not in keys:
            report(f"crossref names no entry of this file: {parent!r}")
        for name, messages in ref.warnings.items():
            for message in messages:
                report(f"{name}: {message}", "warning")
        for name in DATE_FIELDS:
            if ref.fields.get(name) and "literal" in csl_date(ref.fields[name]):
                report(
                    f"{name} {ref.fields[name]!r} is not a date biblatex reads (YYYY, YYYY-MM, "
                    "YYYY-MM-DD, a range with /); printed as written",
                    "warning",
                )
        url = ref.fields.get("url")
        if url and urlsplit(url).scheme.lower() not in {"http", "https"}:
            report(f"url is not http(s): {url!r}")
        doi = ref.fields.get("doi")
        if doi and not _DOI.fullmatch(normalize_doi(doi)):
            report(f"doi does not look like a DOI: {doi!r}")
    return problems


def apa_sort_key(ref: Reference) -> tuple:
    """Where APA 7 puts a reference: by author letter by letter, then year, then title.

    A work without author is sorted by its title. "n.d." comes before dated works and "in
    press" after them (APA 7, 9.44-9.47).
    """
    title = _sortable(_LEADING_ARTICLE.sub("", ref.title))
    authors = tuple((_sortable(n.cited), _sortable(n.given)) for n in ref.authors)
    return (authors or ((title, ""),), ref.et_al, _year_sort_key(ref.year), title)


def _year_sort_key(year: str) -> tuple[int, int, str]:
    if year == NO_DATE:
        return (0, 0, "")
    if year.isdigit():
        return (1, int(year), "")
    return (2, 0, year)


def _sortable(text: str) -> str:
    """Letters and digits only, case and accents folded, for APA's letter-by-letter order."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _reference(entry: Entry, decoder: LatexDecoder) -> Reference:
    fields: dict[str, str] = {}
    problems: dict[str, tuple[str, ...]] = {}
    for name, value in entry.fields.items():
        link = url_only(value) if name == "howpublished" else None
        if name in ADDRESS_FIELDS or link is not None:
            fields[name] = _address(link or value)
            continue
        if name in VERBATIM_FIELDS:
            fields[name] = value.strip()
            continue
        decoded = decoder.decode(value)
        fields[name] = decoded.text
        if decoded.problems:
            problems[name] = decoded.problems
    names: dict[str, tuple[Name, ...]] = {}
    truncated = set()
    for role in PERSON_FIELDS:
        if role in entry.fields:
            names[role], others, notes = _names(entry.fields[role], decoder)
            if notes:
                problems[role] = problems.get(role, ()) + notes
            if others:
                truncated.add(role)
    return Reference(
        key=entry.key,
        entry_type=entry.entry_type,
        authors=names.get("author") or names.get("editor") or (),
        year=_year(fields),
        title=joined_title(fields, "title"),
        fields=fields,
        line=entry.line,
        names=names,
        truncated=frozenset(truncated),
        raw=dict(entry.fields),
        warnings=problems,
    )


def _address(value: str) -> str:
    """A URL, DOI or eprint as written, without braces and LaTeX escapes."""
    return _ADDRESS_ESCAPE.sub(r"\1", value.replace("{", "").replace("}", "")).strip()


def _year(fields: Mapping[str, str]) -> str:
    """The year APA prints: ``year``, the year of ``date``, "in press", else "n.d."."""
    if fields.get("year"):
        return fields["year"]
    if fields.get("date", "")[:4].isdigit():
        return fields["date"][:4]
    if fields.get("pubstate", "").replace(" ", "").lower() == "inpress":
        return "in press"
    return NO_DATE


def _names(value: str, decoder: LatexDecoder) -> tuple[tuple[Name, ...], bool, tuple[str, ...]]:
    """A BibTeX name list as ``Name`` objects, whether it ends in "and others"/"et al.", and
    what had to be read in a way BibTeX would not (each a message for the editor).

    BibTeX warns about a name with more than two commas and goes on; so do we. A run of
    Vancouver-style names (``Wilshut E, Rinkenauer G, Brookhuis KA``, as EndNote and BibDesk
    export them) is read as the names it lists; anything else stays one name as written.
    """
    parts = []
    notes: list[str] = []
    for part in split_name_list(value):
        kept = _STRAY_AND.sub("", part).strip()
        if kept != part.strip():
            notes.append(f"an 'and' without a name on one side: {value!r}; read without it")
        if kept:
            parts.append(kept)
    others = False
    while parts and (_OTHERS.fullmatch(parts[-1]) or _ET_AL.fullmatch(" " + parts[-1])):
        parts, others = parts[:-1], True
    if parts and _ET_AL.search(parts[-1]):
        parts[-1], others = _ET_AL.sub("", parts[-1]), True
    names: list[Name] = []
    for part in parts:
        try:
            names.append(_name(part, decoder))
            if not names[-1].family:
                notes.append(f"a name without a family name: {part!r}")
        except PybtexError:
            pieces = [piece.strip() for piece in part.split(",")]
            if all(_VANCOUVER.fullmatch(piece) for piece in pieces):
                names += [_name(piece.replace(" ", ", ", 1), decoder) for piece in pieces]
                notes.append(f"names separated by commas, not 'and': {part!r}; read as a list")
            else:
                names.append(Name(family=decoder.decode(part).text, organisation=True))
                notes.append(f"a name with too many commas: {part!r}; kept as written")
    return tuple(names), others, tuple(notes)


def _name(raw: str, decoder: LatexDecoder) -> Name:
    if is_braced(raw):
        return Name(family=decoder.decode(raw).text, organisation=True)
    if _EXTENDED_NAME.match(raw):
        return _extended_name(raw, decoder)
    words = raw.split()
    suffix = ""
    before, comma, after = raw.partition(",")
    if (
        comma
        and "," not in after
        and after.strip() in TRAILING_SUFFIXES
        and len(before.split()) > 1
    ):
        raw, suffix = (
            before,
            after.strip(),
        )  # "Martin Luther King, Jr.": BibTeX would say given "Jr."
    elif not comma and len(words) > 2 and words[-1] in TRAILING_SUFFIXES:
        raw, suffix = (
            " ".join(words[:-1]),
            words[-1],
        )  # "Guy L. Steele Jr.": BibTeX would say family "Jr."
    if not comma and len(words) > 1 and CJK.search(raw) and not LATIN.search(raw):
        # "山田 太郎", "王 小明": East Asian order, family name first, not BibTeX's "First Last"
        family = decoder.decode(words[0]).text
        return Name(family=family, given=decoder.decode(" ".join(words[1:])).text)
    person = Person(raw)

    def text(parts: list[str]) -> str:
        return decoder.decode(" ".join(parts)).text

    family = text(person.last_names)
    return Name(
        family=family,
        given=_initials(text(person.first_names + person.middle_names), family),
        particle=text(person.prelast_names),
        suffix=suffix or text(person.lineage_names),
    )


def _extended_name(raw: str, decoder: LatexDecoder) -> Name:
    """biblatex's ``family=..., given=..., prefix=..., suffix=..., useprefix=...`` form."""
    parts: dict[str, str] = {}
    for item in _split_top_level(raw):
        key, _, value = item.partition("=")
        parts[key.strip().lower()] = decoder.decode(value.strip()).text
    prefix = parts.get("prefix", "")
    used = parts.get("useprefix", "false").lower() == "true"
    family = parts.get("family", "")
    return Name(
        family=family,
        given=_initials(parts.get("given", ""), family),
        particle=prefix if used else "",
        dropping_particle="" if used else prefix,
        suffix=parts.get("suffix", ""),
    )


def _initials(given: str, family: str) -> str:
    """PubMed's run-together initials spelled out: "RM" -> "R. M." (not in an all-caps name)."""
    if _COMPACT_INITIALS.fullmatch(given) and not family.isupper():
        return " ".join(f"{letter}." for letter in given)
    return given


def _split_top_level(text: str) -> list[str]:
    """``text`` split at commas outside braces."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part for part in parts if part.strip()]


def is_braced(raw: str) -> bool:
    """Whether ``raw`` (LaTeX) is one brace group: BibTeX's way to write an organisation's
    name, and to keep a whole value's case as written (``{{Zeitschrift für Physik}}``)."""
    if not (raw.startswith("{") and raw.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(raw):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return index == len(raw) - 1
    return False
