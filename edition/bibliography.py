"""Load the edition's BibTeX file into plain, frozen data with every value in Unicode.

pybtex does the parsing: its scanner knows BibTeX's grammar (braces, quotes, ``#``
concatenation, ``@string`` macros, month names) and its errors carry the line. We drive its
low-level parser ourselves rather than ``parse_file`` because only there can we see where each
entry starts, which every later message needs ("references.bib:12: ..."), and because pybtex
treats a repeated key as a warning-or-error with no line at all.

Values are LaTeX; the rest of the toolkit wants text. pybtex's LaTeX decoder (``latexcodec``
through ``pybtex.richtext``) resolves accents, dashes, quotes and braces; font commands, which
it does not know (``\\emph{x}``, ``{\\em x}``), are removed first and keep their argument; any
other unknown command stays visible rather than vanish. URLs and DOIs are
verbatim in BibTeX (a ``%`` in a URL is not a comment), so they are taken as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from pybtex.backends.plaintext import Backend as TextBackend
from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person
from pybtex.database.input.bibtex import LowLevelParser, month_names
from pybtex.exceptions import PybtexError
from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError
from pybtex.textutils import normalize_whitespace
from pybtex.utils import CaseInsensitiveDict

from edition.errors import EditionError, Problem, read_text

#: Fields holding lists of names, parsed into ``Name`` objects.
PERSON_FIELDS = ("author", "editor", "translator")
#: Fields that BibTeX and biblatex take verbatim: never decoded as LaTeX.
VERBATIM_FIELDS = frozenset({"url", "doi", "eprint", "file"})
#: APA's year for a work without a date.
NO_DATE = "n.d."

#: What APA 7 needs to find each type of work: a tuple of alternatives per requirement.
APA_REQUIRED: Mapping[str, tuple[tuple[str, ...], ...]] = {
    "article": (
        ("author",),
        ("title",),
        ("journal", "journaltitle"),
        ("year", "date"),
        ("volume",),
    ),
    "book": (("author", "editor"), ("title",), ("publisher",), ("year", "date")),
    "incollection": (
        ("author",),
        ("title",),
        ("booktitle",),
        ("publisher",),
        ("year", "date"),
        ("pages",),
    ),
    "inbook": (("author", "editor"), ("title",), ("publisher",), ("year", "date"), ("pages",)),
    "inproceedings": (("author",), ("title",), ("booktitle",), ("year", "date")),
    "report": (("author",), ("title",), ("institution",), ("year", "date")),
    "techreport": (("author",), ("title",), ("institution",), ("year", "date")),
    "phdthesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "mastersthesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "thesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "online": (("author",), ("title",), ("year", "date"), ("url",)),
    "misc": (("author",), ("title",), ("year", "date"), ("url",)),
    "unpublished": (("author",), ("title",), ("year", "date")),
}

_FONT_COMMAND = re.compile(
    r"(?<!\\)\\(?:emph|em|text(?:it|bf|sc|sl|tt|rm|sf|up|md|normal)|it|bf|sc|sl|tt|rm|sf"
    r"|(?:it|sl|sc|up)shape|(?:bf|md)series|(?:rm|sf|tt)family|url|mbox)(?![A-Za-z])\s*"
)
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Name:
    """One person or organisation, split the way APA needs it."""

    family: str
    given: str = ""
    particle: str = ""
    organisation: bool = False

    @property
    def cited(self) -> str:
        """The form used in author-year citations: "de Seta", "Klinenberg", an org's full name."""
        return f"{self.particle} {self.family}" if self.particle else self.family


@dataclass(frozen=True)
class Reference:
    """One BibTeX entry with its values in Unicode and the line it starts on."""

    key: str
    entry_type: str
    authors: tuple[Name, ...]
    year: str
    title: str
    fields: Mapping[str, str]
    line: int
    #: every name field by role ("author", "editor", "translator"), as parsed
    names: Mapping[str, tuple[Name, ...]] = field(default_factory=dict)
    #: roles whose list ends in BibTeX's "and others": there are more names than listed
    truncated: frozenset[str] = frozenset()

    @property
    def et_al(self) -> bool:
        """Whether ``authors`` is only the start of the list ("Ahmad and others")."""
        return ("author" if self.names.get("author") else "editor") in self.truncated


@dataclass(frozen=True)
class Bibliography:
    """The references of one ``.bib`` file, in file order, looked up by key."""

    path: Path
    references: tuple[Reference, ...]
    _by_key: Mapping[str, Reference] = field(init=False, repr=False, compare=False)
    _year_labels: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {ref.key: ref for ref in self.references})
        object.__setattr__(self, "_year_labels", _year_labels(self.references))

    def __getitem__(self, key: str) -> Reference:
        return self._by_key[key]

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def year_label(self, key: str) -> str:
        """The year as APA cites it: "2018a"/"2018b" for same authors and year, else the year."""
        return self._year_labels.get(key, self[key].year)


#: pybtex's plain-text backend, made once: ``Text.render_as("text")`` looks the backend up
#: through the package entry points on every call, which cost about 10 ms a value.
_TEXT_BACKEND = TextBackend()


def latex_to_text(value: str) -> str:
    """Resolve a BibTeX value's LaTeX markup to plain Unicode text."""
    text = Text.from_latex(_FONT_COMMAND.sub("", value))
    return normalize_whitespace(text.render(_TEXT_BACKEND))


def normalize_doi(doi: str) -> str:
    """A DOI without the resolver or ``doi:`` prefix editors often copy along with it."""
    return _DOI_PREFIX.sub("", doi.strip())


def load_bibliography(path: str | Path) -> Bibliography:
    """Load a ``.bib`` file; malformed BibTeX or a repeated key raises ``EditionError``."""
    path = Path(path)
    return Bibliography(path, tuple(_read_entries(read_text(path), path)))


def check_bibliography(bib: Bibliography) -> list[Problem]:
    """Every field APA 7 needs for its entry type and does not find, and every unusable link.

    A missing field is an error, unless the entry's ``note`` accounts for the gap: editors
    leave out what they could not confirm and say so there, and such an honest gap is a
    warning that must not fail the build. A link that is not http(s) is an error: it could
    never be offered to a reader.
    """
    problems: list[Problem] = []
    for ref in bib.references:
        where = f"@{ref.entry_type}{{{ref.key}}}"
        required = APA_REQUIRED.get(ref.entry_type)
        if required is None:
            problems.append(
                Problem(f"{where}: APA rendering has no rule for this type", bib.path, ref.line)
            )
            continue
        for alternatives in required:
            if not any(ref.fields.get(name) for name in alternatives):
                problems.append(
                    Problem(
                        f"{where} lacks {' or '.join(alternatives)}, which APA 7 needs for "
                        f"@{ref.entry_type}",
                        bib.path,
                        ref.line,
                        "warning" if ref.fields.get("note") else "error",
                    )
                )
        url = ref.fields.get("url")
        if url and urlsplit(url).scheme.lower() not in {"http", "https"}:
            problems.append(Problem(f"{where}: url is not http(s): {url!r}", bib.path, ref.line))
        doi = ref.fields.get("doi")
        if doi and not _DOI.fullmatch(normalize_doi(doi)):
            problems.append(
                Problem(f"{where}: doi does not look like a DOI: {doi!r}", bib.path, ref.line)
            )
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


def _year_labels(references: tuple[Reference, ...]) -> dict[str, str]:
    """APA's a/b suffixes: same authors in the same order and same year, ordered by title."""
    groups: dict[tuple, list[Reference]] = {}
    for ref in references:
        if ref.authors:
            groups.setdefault((ref.authors, ref.et_al, ref.year), []).append(ref)
    labels: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        for index, ref in enumerate(sorted(group, key=lambda r: (apa_sort_key(r), r.key))):
            separator = "" if ref.year.isdigit() else "-"
            labels[ref.key] = f"{ref.year}{separator}{_letters(index)}"
    return labels


def _letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa: suffixes never run out."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _read_entries(text: str, path: Path) -> Iterator[Reference]:
    def line_of(offset: int) -> int:
        return text.count("\n", 0, offset) + 1

    def no_key(line: int) -> EditionError:
        return EditionError("entry has no key: a field stands where the key should be", path, line)

    def fail(error: PybtexSyntaxError) -> NoReturn:
        key = parser.current_entry_key
        if key and ("=" in key or text.startswith("=", parser.pos)):
            raise no_key(error.lineno) from error
        start = line_of(parser.command_start)
        where = f" (in entry {key!r} from line {start})" if key else f" (entry from line {start})"
        raise EditionError(
            f"{error.error_type}: {error.args[0]}{where}", path, error.lineno
        ) from error

    parser = LowLevelParser(
        text, filename=str(path), macros=CaseInsensitiveDict(month_names), handle_error=fail
    )
    first_lines: dict[str, int] = {}
    for command, body in parser:
        if command.lower() in {"string", "preamble"}:
            continue
        line = line_of(parser.command_start)
        key, raw_fields = body
        if "=" in key:
            raise no_key(line)
        if key.casefold() in first_lines:
            first = first_lines[key.casefold()]
            raise EditionError(f"duplicate key {key!r} (first used on line {first})", path, line)
        first_lines[key.casefold()] = line
        yield _reference(command.lower(), key, raw_fields, path, line)


def _reference(
    entry_type: str, key: str, raw_fields: list[tuple[str, list[str]]], path: Path, line: int
) -> Reference:
    raw: dict[str, str] = {}
    for name, parts in raw_fields:
        name = name.lower()
        if name in raw:
            raise EditionError(f"entry {key!r} has the field {name!r} twice", path, line)
        raw[name] = normalize_whitespace("".join(parts))
    fields: dict[str, str] = {}
    for name, value in raw.items():
        try:
            fields[name] = value if name in VERBATIM_FIELDS else latex_to_text(value)
        except (PybtexError, ValueError) as error:  # latexcodec raises UnicodeDecodeError
            raise EditionError(
                f"entry {key!r}: field {name!r} is not valid LaTeX: {error}", path, line
            ) from error
    try:
        names = {role: _names(raw[role], key, path, line) for role in PERSON_FIELDS if role in raw}
    except (PybtexError, ValueError) as error:
        raise EditionError(
            f"entry {key!r}: a name is not valid LaTeX: {error}", path, line
        ) from error
    people = {role: listed for role, (listed, _) in names.items()}
    return Reference(
        key=key,
        entry_type=entry_type,
        authors=people.get("author") or people.get("editor") or (),
        year=fields.get("year") or fields.get("date", "")[:4] or NO_DATE,
        title=fields.get("title", ""),
        fields=fields,
        line=line,
        names=people,
        truncated=frozenset(role for role, (_, others) in names.items() if others),
    )


def _names(value: str, key: str, path: Path, line: int) -> tuple[tuple[Name, ...], bool]:
    """A BibTeX name list as ``Name`` objects, and whether it ends in "and others"."""
    parts = split_name_list(value)
    et_al = bool(parts) and parts[-1] == "others"
    if et_al:
        parts = parts[:-1]
    return tuple(_name(part, key, path, line) for part in parts), et_al


def _name(raw: str, key: str, path: Path, line: int) -> Name:
    if _is_braced(raw):
        return Name(family=latex_to_text(raw), organisation=True)
    person = Person(raw)
    if person.lineage_names:
        raise EditionError(
            f"entry {key!r}: name suffixes like {' '.join(person.lineage_names)!r} in {raw!r} "
            "are not supported; brace them into the family name: {King Jr.}, Martin Luther",
            path,
            line,
        )
    return Name(
        family=latex_to_text(" ".join(person.last_names)),
        given=latex_to_text(" ".join(person.first_names + person.middle_names)),
        particle=latex_to_text(" ".join(person.prelast_names)),
    )


def _is_braced(raw: str) -> bool:
    """Whether the whole name is one brace group, BibTeX's way to write an organisation."""
    if not (raw.startswith("{") and raw.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(raw):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return index == len(raw) - 1
    return False
