"""BibTeX and biblatex files as raw entries: the syntax, its errors, and data inheritance.

pybtex's low-level parser reads the grammar (braces, quotes, ``#`` concatenation,
``@string`` macros, month names) and its errors carry the line. We drive it ourselves rather
than use ``parse_file`` because only there can we see where each entry starts, and because
pybtex treats a repeated key as a warning without a line.

Two things that biber and reference managers accept and pybtex does not are settled first:

* ``%`` comments outside field values (JabRef's ``% Encoding: UTF-8``, a commented-out field
  or entry), and ``@comment`` followed by text instead of a brace group. They are blanked
  before parsing, so every line number stays the same; inside a value ``%`` is text.
* Data inheritance: ``crossref`` and ``xdata`` fill in what an entry lacks from another
  entry, with biblatex's default mapping (biblatex manual, Appendix B: a book's ``title`` is
  its chapters' ``booktitle``, a periodical's ``title`` its articles' ``journaltitle``), so an
  entry carries everything it inherits.

Values stay LaTeX here; ``edition.latex`` turns them into text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from pybtex.database.input.bibtex import LowLevelParser, month_names
from pybtex.scanner import PybtexSyntaxError
from pybtex.textutils import normalize_whitespace
from pybtex.utils import CaseInsensitiveDict

from edition.errors import EditionError

#: The longest value a macro or a field may reach, in characters: far above any real entry.
MAX_VALUE = 1_000_000
#: Entry types that hold data for other entries and are not works of their own (biblatex).
DATA_ONLY_TYPES = frozenset({"xdata"})
#: ``@comment`` without a brace or parenthesis, which BibTeX skips like any text between
#: entries (``@Comment KAPANDJI``: helm-bibtex #85, JabRef #1632); pybtex wants a brace.
_BARE_COMMENT = re.compile(r"@\s*comment(?![A-Za-z0-9_-])", re.IGNORECASE)
#: Fields an entry never inherits (biblatex manual, Appendix B).
NOT_INHERITED = frozenset(
    "ids crossref xref xdata entryset entrysubtype execute label options presort related "
    "relatedoptions relatedstring relatedtype shorthand shorthandintro sortkey".split()
)
#: Parent fields that a child inherits under another name, by (parent types, child types).
#: The book-like parents also serve BibTeX's classic @incollection/@inproceedings children.
_PART_OF = frozenset(
    "inbook bookinbook suppbook incollection inreference suppcollection inproceedings "
    "conference".split()
)
INHERITANCE: tuple[tuple[frozenset[str], frozenset[str], Mapping[str, str]], ...] = (
    (
        frozenset({"mvbook", "book"}),
        frozenset({"inbook", "bookinbook", "suppbook"}),
        {"author": "bookauthor"},
    ),
    (
        frozenset({"mvbook", "mvcollection", "mvreference", "mvproceedings"}),
        frozenset({"book", "collection", "reference", "proceedings"}) | _PART_OF,
        {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"},
    ),
    (
        frozenset({"book", "collection", "reference", "proceedings"}),
        _PART_OF,
        {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"},
    ),
    (
        frozenset({"periodical"}),
        frozenset({"article", "suppperiodical"}),
        {"title": "journaltitle", "subtitle": "journalsubtitle"},
    ),
)
#: Title fields that are inherited only under the names above, never as themselves.
_TITLES = frozenset(
    "title subtitle titleaddon shorttitle sorttitle indextitle indexsorttitle".split()
)


@dataclass(frozen=True)
class Entry:
    """One entry as written: lowercase type and field names, LaTeX values, first line."""

    entry_type: str
    key: str
    fields: Mapping[str, str]
    line: int


@dataclass(frozen=True)
class BibFile:
    """The entries of a file in file order (inheritance applied) and its ``@preamble``s."""

    entries: tuple[Entry, ...]
    preambles: tuple[str, ...]
    #: entry key -> the crossref or xdata keys it names that no entry has
    missing_parents: Mapping[str, tuple[str, ...]]


def parse_bibtex(text: str, path: Path) -> BibFile:
    """Parse a whole file; malformed BibTeX, a repeated key or field raises ``EditionError``."""
    entries: list[Entry] = []
    preambles: list[str] = []
    for entry in _read(strip_comments(text), path):
        if isinstance(entry, str):
            preambles.append(entry)
        else:
            entries.append(entry)
    inherited, missing = _inherit(entries)
    return BibFile(tuple(inherited), tuple(preambles), missing)


def strip_comments(text: str) -> str:
    """``text`` with every ``%`` comment outside field values blanked, lines kept in place.

    Inside an entry, a value is a brace group or a quoted string; a ``%`` anywhere else runs
    to the end of its line, as in biber. Between entries the same holds, so that a
    commented-out ``% @article{...`` is not read.
    """
    out = list(text)
    depth = 0  # 0: between entries; 1: inside an entry, between fields; >1: inside a value
    quoted = False
    closer = ""
    index = 0
    # Only these characters change the state: the scan goes from one to the next.
    while (found := _STATE_CHARACTERS.search(text, index)) is not None:
        index = found.start()
        char = text[index]
        if char == "%" and (depth == 0 or (depth == 1 and not quoted)):
            end = text.find("\n", index)
            end = len(text) if end < 0 else end
            out[index:end] = " " * (end - index)
            index = end
            continue
        if depth == 0 and char == "@":
            if opening := _entry_opening(text, index):
                index, closer = opening
                depth = 1
            elif _BARE_COMMENT.match(text, index):
                end = _BARE_COMMENT.match(text, index).end()
                out[index:end] = " " * (end - index)
                index = end
                continue
        elif char == "{":
            depth += 1
        elif char == "}" and depth > 1:
            depth -= 1
        elif depth == 1 and not quoted and char == closer:
            depth = 0
        elif depth == 1 and char == '"':
            quoted = not quoted
        index += 1
    return "".join(out)


_STATE_CHARACTERS = re.compile(r'[%@{}()"]')


def _entry_opening(text: str, at: int) -> tuple[int, str] | None:
    """After ``@type``: the index of the opening ``{`` or ``(`` and the matching closer."""
    index = at + 1
    while index < len(text) and (text[index].isalnum() or text[index] in "_-"):
        index += 1
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    if index < len(text) and text[index] in "{(":
        return index, "}" if text[index] == "{" else ")"
    return None


def _read(text: str, path: Path) -> Iterator[Entry | str]:
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect_right(line_starts, offset)

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
        text, filename=str(path), macros=_BoundedMacros(month_names), handle_error=fail
    )
    first_lines: dict[str, int] = {}
    try:
        yield from _entries(parser, first_lines, line_of, no_key, path)
    except _MacroTooLong as exc:
        raise EditionError(
            f"@string {exc.args[0]!r} grows past {MAX_VALUE:,} characters (macros that "
            "concatenate themselves): shorten it",
            path,
            line_of(parser.command_start),
        ) from exc


class _MacroTooLong(Exception):
    """A macro whose value grew past :data:`MAX_VALUE` (its name is the argument)."""


class _BoundedMacros(CaseInsensitiveDict):
    """pybtex's macro table, refusing a value past :data:`MAX_VALUE` characters: twenty
    macros that each concatenate the previous one twice would otherwise fill the memory."""

    def __setitem__(self, key: str, value: str) -> None:
        if len(value) > MAX_VALUE:
            raise _MacroTooLong(key)
        super().__setitem__(key, value)


def _entries(
    parser: LowLevelParser,
    first_lines: dict[str, int],
    line_of: Callable[[int], int],
    no_key: Callable[[int], EditionError],
    path: Path,
) -> Iterator[Entry | str]:
    """The entries and preambles the parser reads, each entry with the line it starts on."""
    for command, body in parser:
        command = command.lower()
        if command == "string":
            continue
        if command == "preamble":
            yield normalize_whitespace("".join(body[0]))
            continue
        line = line_of(parser.command_start)
        key, raw_fields = body
        if "=" in key:
            raise no_key(line)
        if key.casefold() in first_lines:
            first = first_lines[key.casefold()]
            raise EditionError(f"duplicate key {key!r} (first used on line {first})", path, line)
        first_lines[key.casefold()] = line
        fields: dict[str, str] = {}
        for name, parts in raw_fields:
            name = name.lower()
            if name in fields:
                raise EditionError(f"entry {key!r} has the field {name!r} twice", path, line)
            fields[name] = normalize_whitespace("".join(parts))
        yield Entry(command, key, fields, line)


def _inherit(entries: list[Entry]) -> tuple[list[Entry], dict[str, tuple[str, ...]]]:
    """Every entry with what its ``crossref`` and ``xdata`` parents give it; data-only ones out."""
    by_key = {entry.key.casefold(): entry for entry in entries}
    done: dict[str, Entry] = {}
    missing: dict[str, tuple[str, ...]] = {}

    def resolve(entry: Entry, seen: frozenset[str]) -> Entry:
        folded = entry.key.casefold()
        if folded in done:
            return done[folded]
        fields = dict(entry.fields)
        absent = []
        parents = [key for name in ("xdata",) for key in _keys(entry.fields.get(name, ""))]
        parents += _keys(entry.fields.get("crossref", ""))[:1]
        for parent_key in parents:
            parent = by_key.get(parent_key.casefold())
            if parent is None:
                absent.append(parent_key)
                continue
            if parent.key.casefold() in seen:
                continue  # a cycle: the parent is already being resolved further up
            parent = resolve(parent, seen | {folded})
            for name, value in _inherited_fields(parent, entry.entry_type).items():
                fields.setdefault(name, value)
        if absent:
            missing[entry.key] = tuple(absent)
        done[folded] = Entry(entry.entry_type, entry.key, fields, entry.line)
        return done[folded]

    resolved = [resolve(entry, frozenset()) for entry in entries]
    return [entry for entry in resolved if entry.entry_type not in DATA_ONLY_TYPES], missing


def _keys(value: str) -> list[str]:
    return [key.strip() for key in value.split(",") if key.strip()]


def _inherited_fields(parent: Entry, child_type: str) -> dict[str, str]:
    """What ``parent`` passes to a child of ``child_type``, under the child's field names."""
    given: dict[str, str] = {}
    for parents, children, renamed in INHERITANCE:
        if parent.entry_type in parents and child_type in children:
            for source, target in renamed.items():
                if source in parent.fields:
                    given.setdefault(target, parent.fields[source])
    titles = frozenset() if parent.entry_type in DATA_ONLY_TYPES else _TITLES
    for name, value in parent.fields.items():
        if name not in NOT_INHERITED and name not in titles:
            given.setdefault(name, value)
    return given
