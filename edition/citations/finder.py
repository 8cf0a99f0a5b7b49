"""Finding author–year citations in plain or OCR text, and linking them.

The search is driven by years, the one part of a citation that even a Latin OCR of a Chinese
page keeps: one compiled regex finds every year-like token (a C-speed pass), and only around
those tokens does Python look further. A year counts inside a bracket (round, fullwidth or
square; or before a parenthesis whose opener the OCR lost), or after a name in running text
(``as described in Lin et al., 2012``), so years in prose (``since 1998``,
``2022年3月28日``) cost a failed ``find`` and a look at the word before. Around a year the
bracket is read member by member:

* the author part before each year is read *backwards* from the year with an anchored regex
  (``Latham & Layton``, ``Plantin et al.``, ``United Nations … Affairs``, ``陳韜文與李金銓``),
  so a prefix (``e.g.``, ``see``, ``參見``) or a sentence before it is never taken for a name;
  initials (``J. Smith``), suffixes (``King, Jr.``) and an abbreviation defined for an
  organisation (``World Health Organization [WHO]``) belong to the names;
* ``, 2018`` or ``; 2018`` continues the same authors, ``2016a, b`` and ``2016a–c`` add
  suffixes, ``, p. 295``, ``: 104`` or a bare page (``2020, 1650``: a number before the
  year before it is a page) is a locator, ``;`` starts a new member;
* a bracket holding only years is a narrative citation, and the name is read backwards from
  the bracket (``Dewey (1946, p. 213)``, ``Jane Jacobs) (2006 : 104)``, ``陳韜文等（2015）``,
  ``Smith et al. [2019]``);
* an author part that is OCR noise with a legible year (``(R FE > 2019)``) is *illegible*.

A candidate that links to no entry and has the shape of something else (a survey's name and
period, a date, a numbered label) carries a *doubt* (``doubts``); it is reported, never
dropped unseen.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from edition.citations.doubts import doubt
from edition.citations.index import CitationIndex, Resolution
from edition.citations.layout import page_view
from edition.citations.model import ILLEGIBLE, RESOLVED, UNRESOLVED, Citation
from edition.citations.names import han_name_before, is_han, is_han_name, split_authors
from edition.citations.patterns import (
    BRACKETED_ORIGINAL,
    CAPITALS_BEFORE,
    CLOSERS,
    COMMA_LEAD,
    DATELESS_HINT,
    DATELESS_YEAR,
    DEFINED_ABBREVIATION,
    DIGIT_YEAR,
    EDITION_AFTER,
    EDITION_BEFORE,
    ET_AL_END,
    ET_AL_TAIL,
    FIRST_YEAR,
    FULL_NAMES,
    HAN_AND,
    HAN_COMMA,
    HAN_PREFIXES,
    HAN_RUN,
    HAN_SPACE,
    HAN_YEAR,
    INITIALS,
    LABEL_NUMBER,
    LAST_YEAR,
    LATIN_PREFIX,
    LOCATOR,
    MATH_END,
    MIXED_TOKEN,
    NAME_DOTS,
    NAME_RUN,
    NAME_RUN_REVERSED,
    NOISE_CHARS,
    NOISE_SEPARATORS,
    NOT_NAMES,
    OCR_SEMICOLON,
    OPENERS,
    PREFIX_FORM,
    PROSE_END,
    QUOTED_TITLE,
    SAME_AUTHORS,
    SEPARATOR_CHARS,
    SQUARE_CLOSER,
    SQUARE_OPENER,
    SUFFIX_MORE,
    TRAILING_NAMES,
    UPPER,
    WORD_START,
    YEAR_DIGITS,
)

#: How far from a year its bracket may open or close.
GROUP_WINDOW = 600
#: How far back from a year or bracket an author part may start.
NAME_WINDOW = 160
#: How far back the noise test of an illegible narrative citation looks.
NOISE_WINDOW = 60
_PLAUSIBLE_WORD = re.compile(
    r"[(\"'“‘]*(?:[A-Za-z][a-z]{2,}|[a-z]{1,2}|[A-Z][a-z]?\.)[)\"'”’.,;:]*"
)
_LETTER = re.compile(r"[A-Za-z]")
_HYPHEN_BREAK = re.compile(r"-[ \t]*\r?\n\s*(?=[a-z])")
_LINE_BREAK_HYPHEN = re.compile(r"-[ \t]*\r?\n\s*")
#: What may follow the years of a narrative citation in its bracket: punctuation, or a
#: pointer to a figure or table of the work ("Lin et al. (2012; their Figure 2)").
_LEFTOVER = re.compile(
    r"[\s.,;:，；：。]*(?:(?:see\s+(?:also\s+)?|their\s+|its\s+)?(?:[Ss]upplementary\s+)?"
    r"(?:[Ff]igs?\.|[Ff]igures?|[Tt]ables?)\s*S?[0-9]+[A-Za-z]?"
    r"(?:\s*[,–-]\s*S?[0-9]*[A-Za-z]?)*[\s.,;:]*)?"
)
#: Given names before a family name ("Jane Jacobs"): kept in the cited span, unlike noise.
_GIVEN_NAMES = re.compile(r"(?:[A-Z][a-z]+\.?\s+)*")
#: A name that is an abbreviation ("WHO"): an organisation cited by a short name.
_ABBREVIATION = re.compile(r"[A-Z][A-Z&]{1,11}")
#: A first author that is a term before the real names ("AIC, Akaike", "Ef1A, Schuman"):
#: an abbreviation or a word with digits, when the names after it are not in capitals.
_TERM = re.compile(rf"[{UPPER}0-9][{UPPER}0-9&/-]+|\w*[0-9]\w*")
_BLANKS = " \t\r\n"
_FIRST_YEAR, _LAST_YEAR = str(FIRST_YEAR), str(LAST_YEAR)
#: The last word of "et al." as OCR may print it ("al.", "a1.").
_ET_AL_WORD = re.compile(r"a[l1IiL][.,]?")
#: What a locator after a year starts with (see ``LOCATOR``).
_LOCATOR_LEADS = frozenset(",，:：© \t\r\n")


def _collapse(text: str) -> str:
    """An author part as read: line-break hyphens joined, whitespace collapsed."""
    if "\n" not in text and "  " not in text:
        return text
    return _collapsed(text)


@lru_cache(maxsize=1 << 14)
def _collapsed(text: str) -> str:
    text = _LINE_BREAK_HYPHEN.sub("-", _HYPHEN_BREAK.sub("", text))
    return " ".join(text.split())


def find_citations(text: str, index: CitationIndex | None = None) -> list[Citation]:
    """Every in-text author–year citation of ``text``, linked through ``index`` when given.

    Offsets are ``str`` indices into ``text`` as given. Without an index, legible citations
    are found with status "unresolved" and no keys (detection only). Candidates that may be
    no citation at all keep their place in the list with a ``doubt``.
    """
    with _cycle_collection_paused():
        view = page_view(text, _cites_work)
        span = view.spans() if view.text is not text else None
        return [
            _citation(text, span, group, member)
            for group, members in enumerate(_Finder(view.text, index).groups())
            for member in members
        ]


def _citation(
    text: str, span: Callable[[int, int], tuple[int, int]] | None, group: int, m: _Member
) -> Citation:
    """The public record of a member, with offsets back in the text as given (``span``
    maps view offsets to the text's, when the view is not the text itself)."""
    start, end = (m.start, m.end) if span is None else span(m.start, m.end)
    resolution = m.resolution
    reason = resolution.reason
    # A frozen dataclass sets each field through ``object.__setattr__``, which at one citation
    # per hundred bytes of text was a tenth of the engine's time; filling the new instance's
    # dict gives the same object (``Citation`` has no slots and no ``__post_init__``; a test
    # holds the two ways equal).
    citation = object.__new__(Citation)
    citation.__dict__.update(
        {
            "start": start,
            "end": end,
            "text": text[start:end],
            "authors": m.authors,
            "year": m.year,
            "locator": m.locator,
            "prefix": m.prefix,
            "narrative": m.narrative,
            "keys": resolution.keys,
            "candidates": resolution.candidates,
            "status": resolution.status,
            "group": group,
            "reason": " ".join(reason.split()) if "\n" in reason else reason,
            "doubt": m.doubt,
        }
    )
    return citation


#: What a member is linked to until the index has been asked (a shared immutable value).
_UNLINKED = Resolution(UNRESOLVED)
_NO_BIBLIOGRAPHY = Resolution(UNRESOLVED, reason="no bibliography given")


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Pause CPython's cycle collector while the engine runs, then restore it as it was.

    The engine makes no reference cycles (reference counting frees all it drops), but its full
    collections walk every object alive, including the growing list of results: measured on
    12 MB of text they cost 20-30 % and made the cost grow faster than the text.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class _Names:
    """A legible author part, and where a name may begin in it (the ``_Part`` of a
    parenthetical citation serves as its own; where it starts is the member's
    ``names_start``)."""

    text: str
    starts: tuple[int, ...]
    #: made only of words that are usually no names ("Winter", "March"): a citation only if
    #: the bibliography has such an author
    weak: bool = False
    #: an abbreviation the text defines for these names ("WHO" in "… Organization [WHO]")
    abbreviation: str = ""
    #: ``text`` as a citation shows its authors (line breaks and hyphens joined)
    shown: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "shown", _collapse(self.text))


@dataclass(frozen=True, slots=True)
class _Part:
    """How the text before a year reads (offsets relative to its start); cached per text."""

    kind: str  # "names" | "bare" | "illegible" | "label"
    start: int
    text: str = ""
    starts: tuple[int, ...] = (0,)
    weak: bool = False
    prefix: str | None = None
    needs_link: bool = False
    abbreviation: str = ""
    #: ``text`` as a citation shows its authors (line breaks and hyphens joined)
    shown: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "shown", _collapse(self.text))


_BARE_PART = _Part("bare", 0)


class _Member:
    """One citation while its bracket is being read (view offsets).

    A plain class whose rarely set attributes are class-level defaults: a member is made for
    every citation, and setting a dozen attributes on each was a noticeable part of the cost.
    """

    #: the author part as read, set when the member is linked
    authors = ""
    #: "e.g.", "see", "參見"
    prefix: str | None = None
    locator: str | None = None
    narrative = False
    #: a free prefix ("data from") makes a citation only if the name is found in the index
    needs_link = False
    #: a word with a number ("Model 2"): reported only as a doubtful candidate
    label = False
    resolution: Resolution = _UNLINKED
    doubt = ""

    def __init__(
        self,
        start: int,
        end: int,
        year: str,
        names: _Names | _Part | None = None,
        names_start: int = -1,
    ) -> None:
        self.start = start
        self.end = end
        self.year = year
        self.names = names
        #: where the author part starts in the view
        self.names_start = names_start

    def sibling(self, start: int, end: int, year: str) -> _Member:
        """Another year of the same authors (``2015, 2018``, ``2016a, b``)."""
        other = _Member(start, end, year, self.names, self.names_start)
        other.authors = self.authors
        other.narrative = self.narrative
        other.needs_link = self.needs_link
        other.label = self.label
        if self.names is None:
            other.resolution = _illegible(year)
        return other


class _Finder:
    """One search over one text (the view without page furniture)."""

    def __init__(self, text: str, index: CitationIndex | None) -> None:
        self.v = text
        self.index = index
        #: abbreviations this text defines or was found to define, by abbreviation
        self.defined: dict[str, str | None] = {}
        self.tokens: list[tuple[int, int, str | None]] = []
        self.starts: list[int] = []
        #: whether fullwidth brackets and semicolons occur: most texts need no search for them
        self.fullwidth = "（" in text or "）" in text
        self.wide_semicolon = "；" in text
        #: whether Chinese occurs at all
        self.han = not text.isascii()

    def groups(self) -> Iterator[list[_Member]]:
        """The citations of the text, one list per bracket (or narrative group), in order.

        A generator: the caller turns each group into records while the next is read, so
        the engine's working objects never pile up (on a text of 12 MB they did, and the
        cost per megabyte grew with the text).
        """
        consumed = 0
        #: each year token: where it starts and ends and the year it stands for (None: no
        #: year); and where the tokens start
        self.tokens = _year_tokens(self.v, self.han)
        self.starts = [token[0] for token in self.tokens]
        for start, end, year in self.tokens:
            if year is None or start < consumed:
                continue
            enclosing = self._enclosing(start, end)
            if enclosing is None:
                member = self._unbracketed(start, end, year)
                if member is not None:
                    yield [member]
                    consumed = member.end
                continue
            opener, close, square = enclosing
            consumed = close + 1
            members = self._group(opener, close, square)
            if members:
                yield members

    def _enclosing(self, start: int, end: int) -> tuple[int, int, bool] | None:
        """The bracket around a year: (opener or -1 when the OCR lost it, closer, square)."""
        v = self.v
        high = end + GROUP_WINDOW
        close = v.find(")", end, high)
        if self.fullwidth and (wide := v.find("）", end, close if close >= 0 else high)) >= 0:
            close = wide
        low = start - GROUP_WINDOW if start > GROUP_WINDOW else 0
        square = v.find(SQUARE_CLOSER, end, close if close >= 0 else high)
        if square >= 0:
            opener = v.rfind(SQUARE_OPENER, low, start)
            if (
                opener < 0
                or v.find(SQUARE_OPENER, end, square) >= 0
                or v.find(SQUARE_CLOSER, opener, start) >= 0
            ):
                return None
            return opener, square, True
        if close < 0 or v.find("(", end, close) >= 0:
            return None
        opener = v.rfind("(", low, start)
        closed = v.rfind(")", low, start)
        if self.fullwidth:
            if v.find("（", end, close) >= 0:
                return None
            opener = max(opener, v.rfind("（", low, start))
            closed = max(closed, v.rfind("）", low, start))
        return (opener if opener > closed else -1), close, False

    def _group(self, opener: int, close: int, square: bool) -> list[_Member]:
        """The citations of one bracket, in order."""
        v = self.v
        lost = opener < 0
        if lost:
            low = max(0, close - GROUP_WINDOW)
            content = max(max(v.rfind(c, low, close) for c in CLOSERS) + 1, low)
            content = max(content, v.rfind("\n\n", low, close) + 1)
        else:
            content = opener + 1
        members: list[_Member] = []
        pos = content
        previous: _Member | None = None
        first = bisect_left(self.starts, content)
        last = bisect_left(self.starts, close, first)
        for ystart, yend, year in self.tokens[first:last]:
            if year is None or ystart < pos:
                continue
            if (
                previous is not None
                and year < members[-1].year[:4]
                and self._page_after(members[-1], pos, ystart, year)
            ):
                members[-1].locator = year
                members[-1].end = pos = yend
                continue
            member = self._member(pos, ystart, yend, year, previous, pos == content, lost)
            pos = yend
            if member is None:
                previous = None
                continue
            members.append(member)
            if year[-1].isalpha() if year[0].isdigit() else "-" in year:  # "2016a, b"
                members += self._more_suffixes(member, yend, close)
                pos = members[-1].end
            if v[pos] in _LOCATOR_LEADS:  # a locator may follow (", p. 295", ": 104")
                locator = LOCATOR.match(v, pos, close)
                if locator:
                    shown = locator["labelled"] or locator["page"] or locator["bare"]
                    members[-1].locator = " ".join(shown.split())
                    members[-1].end = pos = locator.end()
            previous = member
        if members and members[0].names is _BARE_NAMES:
            members = self._narrative(opener, close, members, pos)
        elif self.han and opener > 0 and is_han(v[opener - 1]):
            self._transliterated(opener, close, members)
        kept = []
        for m in members:
            if square and m.names is None:
                continue  # noise in square brackets is noise, not an illegible citation
            if self._link(m):
                if m.resolution.status == UNRESOLVED and m.names is not None:
                    after = v[m.end : close] if m.end < close else ""
                    weak = m.names.weak
                    m.doubt = doubt(m.authors, m.year, label=m.label, weak=weak, after=after)
                kept.append(m)
        return kept

    def _page_after(self, last: _Member, pos: int, start: int, year: str) -> bool:
        """Whether ``, 1650`` after ``Smith 2020`` is a page: a plain number that comes before
        the year it follows (years of one author run in order, APA 7, 8.12), unless the
        bibliography has such a work."""
        if not (year.isdigit() and last.year[:4].isdigit()) or last.locator:
            return False
        if "," not in self.v[pos:start] or not SAME_AUTHORS.fullmatch(self.v, pos, start):
            return False
        names = last.names
        if self.index is None or names is None or names is _BARE_NAMES:
            return True
        return self.index.resolve(names.text, names.starts, year).status == UNRESOLVED

    def _member(
        self,
        pos: int,
        end: int,
        year_end: int,
        year: str,
        previous: _Member | None,
        first: bool,
        lost: bool,
    ) -> _Member | None:
        """The member whose year spans ``end``..``year_end``, read from the text between
        ``pos`` and the year."""
        v = self.v
        if not first:
            if previous is not None and end - pos < 8 and SAME_AUTHORS.fullmatch(v, pos, end):
                return previous.sibling(end, year_end, year)
            semicolon = v.rfind(";", pos, end)
            if self.wide_semicolon:
                semicolon = max(semicolon, v.rfind("；", pos, end))
            if semicolon >= 0:
                pos = semicolon + 1
            else:
                lead = OCR_SEMICOLON.match(v, pos, end) or COMMA_LEAD.match(v, pos, end)
                if lead is None:
                    return None
                pos = lead.end()
        lost = lost and first
        start = pos
        part = _read_part(v[start:end], lost)  # the text before the year, as its authors
        if part is None:
            return None
        # "2019年" and "nd" ("not detected" in tables): a citation only if it links
        links_only = v[year_end - 1] == "年" or v[end:year_end] == "nd"
        if part.kind == "bare":
            member = _Member(end, year_end, year, _BARE_NAMES)
            member.needs_link = links_only
            return member
        if part.kind == "illegible":
            member = _Member(end if lost else start + part.start, year_end, year)
            member.resolution = _illegible(year)
            return member
        start += part.start
        member = _Member(start, year_end, year, part, start)
        if part.prefix:
            member.prefix = part.prefix
        if part.needs_link or links_only:
            member.needs_link = True
        if part.kind == "label":
            member.label = True
        return member

    def _narrative(
        self, opener: int, close: int, members: list[_Member], end: int
    ) -> list[_Member]:
        """A bracket of years only: the author is named before it, or it is no citation."""
        v = self.v
        if _LEFTOVER.fullmatch(v, end, close) is None:
            return []
        inherit = [m for m in members if m.names is _BARE_NAMES]
        found = self._name_before(opener)
        if found is None:
            if not self._noisy_before(opener):
                return [m for m in members if m.names is not _BARE_NAMES]
            for m in inherit:
                m.names = None
                m.resolution = _illegible(m.year)
            inherit[0].start = opener
        else:
            names_start, names = found
            for m in inherit:
                m.names = names
                m.names_start = names_start
            inherit[0].start = names_start
        for m in inherit:
            m.narrative = True
        if members[-1] is inherit[-1]:
            members[-1].end = close + 1
        return members

    def _name_before(self, opener: int) -> tuple[int, _Names] | None:
        """The author named just before a bracket of years, and where the name starts."""
        v = self.v
        j = opener
        while j > 0 and v[j - 1] in _BLANKS:
            j -= 1
        if j > 1 and v[j - 1] == "," and ET_AL_END.search(v, max(0, j - 30), j - 1):
            j -= 1  # "Smith et al., (2019)": a comma some writers put after "et al."
        if j == 0:
            return None
        if v[j - 1] in CLOSERS:
            inner = max(v.rfind(c, max(0, j - NAME_WINDOW), j - 1) for c in OPENERS)
            match = FULL_NAMES.fullmatch(v, inner + 1, j - 1) if inner >= 0 else None
            if match is None:
                return None
            return _names_at(v, match.start("names"), match.end("names"))
        if v[j - 1] in '"”’':  # “Study Finds” (2007): a work without author, by its title
            title = QUOTED_TITLE.search(v, max(0, j - 90), j)
            if title is not None:
                return title.start(), _Names(title.group(), (0,), weak=True)
            # Else the possessive of a name in s, Jones’ (2018), unless a quotation opened
            # before it ends there (‘Children’s Health’ (2018), a title with an apostrophe).
            if v[j - 1] != "’" or v[j - 2 : j - 1] not in ("s", "S") or "‘" in v[j - 90 : j]:
                return None
        names = _names_ending(v, j)
        if names is not None:
            return names
        return self._han_name_before(j)

    def _han_name_before(self, end: int) -> tuple[int, _Names] | None:
        """Chinese author names ending at ``end``: ``陳韜文``, ``陳韜文與李金銓``, ``李金銓等``,
        ``张三, 李四``, ``张三 等``."""
        v = self.v
        low = max(0, end - 40)
        names_end = end
        if _han_et_al(v, end):  # "陳美玲 et al. (2021)"
            names_end = ET_AL_END.search(v, max(0, end - 16), end).start()
        run = HAN_RUN.search(v, low, names_end)
        if run is None:
            return None
        text = run.group()
        if text in ("等", "等人"):  # "张三 等": the names end before the space
            space = HAN_SPACE.search(v, low, run.start())
            inner = HAN_RUN.search(v, low, space.start()) if space else None
            if inner is None:
                return None
            start = self._han_names(inner.group(), inner.start(), len(inner.group()))
        else:
            stop = len(text) - (2 if text.endswith("等人") else 1 if text.endswith("等") else 0)
            start = self._han_names(text, run.start(), stop)
        return None if start is None else (start, _Names(v[start:end], (0,)))

    def _han_names(self, text: str, offset: int, stop: int) -> int | None:
        """Where the Chinese names start that end ``text[:stop]`` (a run starting at
        ``offset``), joined by 、/和/與, with any names before the run joined to it by commas
        (``张三, 李四``)."""
        v = self.v
        known = self.index.han_names if self.index else frozenset()
        names_start = stop
        while True:
            length = han_name_before(text[:names_start], known)
            if not length:
                break
            names_start -= length
            if (
                names_start > 1
                and text[names_start - 1] in HAN_AND
                and han_name_before(text[: names_start - 1], known)
            ):
                names_start -= 1
                continue
            break
        if names_start == stop:
            return None
        start = offset + names_start
        while names_start == 0 and (comma := HAN_COMMA.search(v, max(0, start - 4), start)):
            before = HAN_RUN.search(v, max(0, comma.start() - 8), comma.start())
            length = han_name_before(before.group(), known) if before else 0
            if not length:
                break
            start = comma.start() - length
            names_start = len(before.group()) - length
        return start

    def _noisy_before(self, opener: int) -> bool:
        """Whether a bracket of years stands in OCR noise (an illegible narrative name)."""
        before = self.v[max(0, opener - NOISE_WINDOW) : opener]
        tokens = before.split()[1:][-8:]
        if len(tokens) < 3 or PROSE_END.search(before):
            return False
        plausible = sum(1 for t in tokens if _PLAUSIBLE_WORD.fullmatch(t))
        return 2 * plausible < len(tokens)

    def _transliterated(self, opener: int, close: int, members: list[_Member]) -> None:
        """``珍·雅各布斯（Jacobs, 2006）``: a foreign author named in Chinese, cited in brackets
        (called when a Chinese character stands before the bracket)."""
        if len(members) != 1 or members[0].names is None or members[0].prefix:
            return
        run = HAN_RUN.search(self.v, max(0, opener - 24), opener)
        length = han_name_before(run.group(), frozenset()) if run else 0
        name = self.v[opener - length : opener]
        if length and any(dot in name for dot in NAME_DOTS):
            members[0].start = opener - length
            members[0].end = close + 1
            members[0].narrative = True

    def _unbracketed(self, year_start: int, year_end: int, year: str) -> _Member | None:
        """A citation outside brackets: ``as described in Lin et al., 2012.``

        Only "et al." forms are citations by their shape alone; any other name before a
        year in running text (``In Paris, 2019``) counts only when it links to an entry.
        """
        v = self.v
        j = year_start
        while j > 0 and v[j - 1] in " \t\n":
            j -= 1
        if j == year_start or j == 0 or "\n\n" in v[j:year_start]:
            return None
        if v[j - 1] == ",":
            j -= 1
        if not (v[j - 1].isalpha() or v[j - 1] == "."):
            return None
        token = v[max(v.rfind(" ", 0, j), v.rfind("\n", 0, j)) + 1 : j]
        if not token or not (token[0].isupper() or _ET_AL_WORD.fullmatch(token)):
            return None
        found = _names_ending(v, j)
        if found is None or found[1].weak:
            return None
        names_start, names = found
        _, et_al = split_authors(names.text)
        member = _Member(names_start, year_end, year, names, names_start)
        member.needs_link = not (et_al and not names.text.isupper()) or not year[0].isdigit()
        locator = LOCATOR.match(v, year_end, min(len(v), year_end + 40))
        if locator and locator["labelled"]:
            member.locator = " ".join(locator["labelled"].split())
            member.end = locator.end()
        if not self._link(member):
            return None
        status = member.resolution.status
        if member.needs_link and status != RESOLVED:
            return None  # a name and a year in prose count only when they name one work
        if status == UNRESOLVED:
            member.doubt = doubt(member.authors, year)
        return member

    def _link(self, member: _Member) -> bool:
        """Resolve a member through the index; False when it turns out not to be a citation."""
        names = member.names
        if names is None or names is _BARE_NAMES:
            return names is None
        needs_link = member.needs_link or names.weak or member.label
        if self.index is None:
            if needs_link:
                return False
            start = names.starts[0]
            member.resolution = _NO_BIBLIOGRAPHY
        else:
            resolution = self.index.resolve(names.text, names.starts, member.year)
            if resolution.status == UNRESOLVED:
                resolution = self._through_abbreviation(names, member.year) or resolution
            elif names.abbreviation:
                self.defined[names.abbreviation] = names.text
            member.resolution = resolution
            start = resolution.start
            # A date or a label in brackets is reported with its doubt; a free prefix or a
            # word in prose that links nowhere is no citation.
            if (
                resolution.status == UNRESOLVED
                and needs_link
                and (member.narrative or member.needs_link)
            ):
                return False
        if start and _GIVEN_NAMES.fullmatch(names.text, 0, start):
            start = 0
        member.authors = _collapse(names.text[start:]) if start else names.shown
        if member.start == member.names_start:
            member.start += start
        return True

    def _through_abbreviation(self, names: _Names | _Part, year: str) -> Resolution | None:
        """``(WHO, 2012)``: an abbreviation the text defined for an organisation's name, in a
        citation (``World Health Organization [WHO]``) or in prose (``… Organization (WHO)``)."""
        abbreviation = names.text.strip()
        if self.index is None or not _ABBREVIATION.fullmatch(abbreviation):
            return None
        if abbreviation not in self.defined:
            self.defined[abbreviation] = self._definition(abbreviation)
        full = self.defined[abbreviation]
        if full is None:
            return None
        starts = tuple(w.start() for w in WORD_START.finditer(full))
        resolution = self.index.resolve(full, starts or (0,), year)
        if resolution.status == UNRESOLVED:
            return None
        return Resolution(resolution.status, resolution.keys, resolution.candidates, 0)

    def _definition(self, abbreviation: str) -> str | None:
        """The capitalised words before ``(ABBR)`` or ``[ABBR]`` in the text, if any."""
        v = self.v
        for written in (f"({abbreviation})", f"[{abbreviation}]"):
            at = v.find(written)
            while at > 0:
                end = at
                while end > 0 and v[end - 1] in _BLANKS:
                    end -= 1
                words = v[_run_start(v, end) : end].split()
                if len(words) >= 2:
                    return " ".join(words)
                at = v.find(written, at + 1)
        return None

    def _more_suffixes(self, member: _Member, year_end: int, close: int) -> list[_Member]:
        """``2016a, b``, ``2016a–c``: members for the further suffix letters of the same year
        (``member.year`` ends in a suffix letter, at ``year_end``)."""
        base = member.year[:-1].rstrip("-")
        joint = "" if member.year[0].isdigit() else "-"
        more: list[_Member] = []
        pos = year_end
        last = member.year[-1]
        while match := SUFFIX_MORE.match(self.v, pos, close):
            letter = match["suffix"]
            if match["through"]:  # "2016a–c": every letter through c, sharing the span "–c"
                letters = [chr(c) for c in range(ord(last) + 1, ord(letter) + 1)]
                start = match.start("through")
            else:
                letters, start = [letter], match.start("suffix")
            for each in letters:
                more.append(member.sibling(start, match.end(), f"{base}{joint}{each}"))
            last = letter
            pos = match.end()
        return more


_BARE_NAMES = _Names("", ())


@lru_cache(maxsize=1 << 16)
def _read_part(part: str, lost: bool) -> _Part | None:
    """How ``part``, the text between a separator (or opener) and a year, reads as authors.

    It is a legible Latin or Chinese author list (with any prefix before it), nothing (a
    bare year: the authors may be named before the bracket), a label with a number, OCR
    noise closed by a separator (an illegible citation), or prose (then the year is no
    citation: None). ``lost``: the opening bracket is lost, only the year is read. Cached:
    the same author parts recur throughout a text.
    """
    core_end = len(part.rstrip(SEPARATOR_CHARS))
    if core_end < len(part) and part[core_end] == "." and ET_AL_TAIL.search(part, 0, core_end):
        core_end += 1
    sep = part[core_end:]
    noisy_sep = not NOISE_SEPARATORS.isdisjoint(sep)
    start = 0
    while start < core_end and part[start].isspace():
        start += 1
    if start == core_end:
        return None if lost else _BARE_PART
    if lost:
        return _noise(part, start, core_end, noisy_sep, lost)
    names_end = core_end
    abbreviation = ""
    if part[core_end - 1] in "])":
        defined = DEFINED_ABBREVIATION.search(part, start, core_end)
        if defined:
            abbreviation, names_end = defined["abbr"], defined.start()
    title = QUOTED_TITLE.search(part, start, core_end + 1) if part[core_end - 1] in '"”’' else None
    if title:
        return _Part("names", title.start(), title.group().rstrip(" \t,"), needs_link=True)
    names = _latin_names(part, start, names_end)
    if names is not None and not noisy_sep:
        first, text, starts, weak = names
        if text.isupper() and (capitals := CAPITALS_BEFORE.search(part, start, first)):
            first, text, starts = capitals.start(), part[capitals.start() : names_end], (0,)
        prefix = part[start:first].strip().rstrip(",;:，；： ")
        needs_link = bool(prefix) and not LATIN_PREFIX.fullmatch(
            prefix.lower().translate(PREFIX_FORM)
        )
        return _Part(
            "names",
            first,
            text,
            starts,
            weak,
            " ".join(prefix.split()) or None,
            needs_link,
            abbreviation,
        )
    if is_han(part[core_end - 1]) or part[core_end - 1] == "等" or _han_et_al(part, core_end):
        return _han_part(part, start, core_end, sep)
    if not noisy_sep and (label := LABEL_NUMBER.search(part, start, core_end)):
        return _Part("label", label.start(), label.group(), weak=True)
    return _noise(part, start, core_end, noisy_sep, lost)


def _han_et_al(text: str, end: int) -> bool:
    """Whether ``text[:end]`` is Chinese names with a Latin "et al." (``陳美玲 et al.``)."""
    et_al = ET_AL_END.search(text, max(0, end - 16), end)
    return et_al is not None and et_al.start() > 0 and is_han(text[et_al.start() - 1])


def _noise(part: str, start: int, core_end: int, noisy_sep: bool, lost: bool) -> _Part | None:
    """An author part that is OCR noise closed by a separator: an illegible citation."""
    tail = part[max(start, core_end - 40) : core_end]
    noisy = noisy_sep or (
        not lost and (NOISE_CHARS.search(tail) is not None or MIXED_TOKEN.search(tail))
    )
    if noisy and _LETTER.search(tail) and not MATH_END.search(tail) and not PROSE_END.search(tail):
        return _Part("illegible", start)
    return None


def _han_part(part: str, start: int, end: int, sep: str) -> _Part | None:
    """A Chinese author part: ``陳韜文``, ``參見陳韜文與李金銓``, ``李金銓等``, ``赵一 等``; a
    longer run of Han characters (an organisation, a title) only if it links to an entry.
    Without a comma before the year (``王小明 2019``, as Chinese journals that follow Chicago
    author-date print it, or ``王小明2019``) the names are a citation only if they link."""
    comma = any(c in ",，" for c in sep)
    if not comma and sep.strip(" \t"):
        return None
    text = part[start:end]
    prefix = next((p for p in HAN_PREFIXES if text.startswith(p) and len(text) > len(p) + 1), "")
    names, _ = split_authors(text[len(prefix) :])
    if not names or len(names) > 4:
        return None
    if not all(is_han_name(n) for n in names):
        if len(names) == 1 and 4 < len(names[0]) <= 30 and all(map(is_han, names[0])):
            return _Part("names", start + len(prefix), text[len(prefix) :], needs_link=True)
        return None
    return _Part(
        "names",
        start + len(prefix),
        text[len(prefix) :],
        prefix=prefix or None,
        needs_link=not comma,
    )


def _latin_names(text: str, start: int, end: int) -> tuple[int, str, tuple[int, ...], bool] | None:
    """The legible Latin author names that end at ``end`` (not before ``start``): where they
    start, their text, where a cited name may start in them, and whether they are weak."""
    run = NAME_RUN.search(text, max(start, end - NAME_WINDOW), end)
    match = TRAILING_NAMES.search(text, run.start(), end) if run else None
    if match is None:
        return None
    read = _read_names(match["names"])
    if read is None:
        return None
    first, starts, weak = read
    return match.start("names") + first, match["names"][first:], starts, weak


def _names_ending(v: str, end: int) -> tuple[int, _Names] | None:
    """The legible Latin names that end at ``end`` in running text (``Larkin (2013)``).

    The run of name-like words before ``end`` is found reading backwards, then the names are
    read in that run alone; the reading is cached by the run's text.
    """
    start = _run_start(v, end)
    if start == end:
        return None
    read = _run_names(v[start:end])
    if read is None:
        return None
    first, text, starts, weak = read
    return start + first, _Names(text, starts, weak)


def _run_start(v: str, end: int) -> int:
    """Where the run of name-like words that ends at ``end`` starts (``end`` if none)."""
    low = max(0, end - NAME_WINDOW)
    backwards = v[end - 1 : low - 1 : -1] if low > 0 else v[end - 1 :: -1]
    return end - NAME_RUN_REVERSED.match(backwards).end()


@lru_cache(maxsize=1 << 16)
def _run_names(run: str) -> tuple[int, str, tuple[int, ...], bool] | None:
    return _latin_names(run, 0, len(run))


def _names_at(v: str, start: int, end: int) -> tuple[int, _Names] | None:
    read = _latin_names(v, start, end)
    if read is None:
        return None
    first, text, starts, weak = read
    return first, _Names(text, starts, weak)


@lru_cache(maxsize=1 << 16)
def _read_names(text: str) -> tuple[int, tuple[int, ...], bool] | None:
    """Where a run of names really starts, where else a cited name may start, and if it is weak.

    Leading words that are no names ("As", "See") are skipped; later word starts of the first
    author are offered to the index ("Jane Jacobs" cites Jacobs), and so is the second author
    when the first is a term ("AIC, Akaike", "Ef1A, Schuman et al."). A first author made
    only of words that are usually no names is kept when "et al." or co-authors follow
    ("Winter et al.") and is otherwise weak ("March"): a citation only if the bibliography
    has that author. None when what is left is no author list. Cached: the same names recur
    throughout a text.
    """
    authors, et_al = split_authors(text)
    chunk_end = max(len(authors[0]) if authors else 0, 1)
    words = [w.start() for w in WORD_START.finditer(text, 0, chunk_end)]
    if text[:1].islower():  # a particle starts the name: "van der Meer", "de la Cruz"
        words.insert(0, 0)
    starts = [
        s
        for s in words
        if text[s:].split(maxsplit=1)[0].strip(".,").lower() not in NOT_NAMES
        or INITIALS.match(text, s)
    ]
    weak = not starts
    if weak:
        starts = words[-1:] if et_al or len(authors) > 1 else words[:1]
    if not starts:
        return None
    first = starts[0]
    names, _ = split_authors(text[first:])
    if not names or any(len(n.strip(".")) < 2 for n in names):
        return None
    at = first
    for term, following in pairwise(names):
        if not _TERM.fullmatch(term) or following.isupper():
            break
        at = text.find(following, at + len(term))
        if at <= first:
            break
        starts.append(at)
    return first, tuple(s - first for s in starts), weak and not (et_al or len(authors) > 1)


@lru_cache(maxsize=1024)
def _cites_work(line: str) -> bool:
    """Whether ``line`` holds a legible citation: then it is text, never a running head.

    Names in capitals do not count: "CITIES AND SOCIETY (2020)" reads like a narrative
    citation, and is the very shape of a running head; nor do candidates in doubt.
    Cached: running heads repeat.
    """
    groups = _Finder(line, None).groups()
    return any(
        m.names and not m.names.text.isupper() and not m.doubt
        for members in groups
        for m in members
    )


def _year_tokens(v: str, han: bool = False) -> list[tuple[int, int, str | None]]:
    """Every year token of ``v`` in order: where it starts and ends, and the year it stands
    for (None when out of range). ``han``: whether ``v`` may hold Chinese years with 年
    (``HAN_YEAR``; the token ends after 年)."""
    tokens = [(m.start(), m.end(), _digit_year(m)) for m in DIGIT_YEAR.finditer(v)]
    if han and "年" in v:
        years = [(m.start(), m.end() + 1, m.group()) for m in HAN_YEAR.finditer(v)]
        if years:
            tokens = sorted([*tokens, *years])
    dateless = []
    for hint in DATELESS_HINT.finditer(v):
        match = DATELESS_YEAR.search(v, hint.start() + 1, hint.end() + 3)
        if match:
            dateless.append((match.start(), match.end(), _dateless_year(match)))
    if dateless:
        tokens = sorted([*tokens, *dateless])
    if "[" in v:
        tokens = _bracketed_originals(v, tokens)
    return tokens


def _bracketed_originals(
    v: str, tokens: list[tuple[int, int, str | None]]
) -> list[tuple[int, int, str | None]]:
    """``tokens`` with each original date in square brackets and the date of the edition
    beside it made one token (``BRACKETED_ORIGINAL``): "[1867] 1976" is one year, 1867/1976."""
    merged = []
    for m in BRACKETED_ORIGINAL.finditer(v):
        original = m["original"].translate(YEAR_DIGITS)
        if (after := EDITION_AFTER.match(v, m.end())) is not None:
            start, end, edition = m.start(), after.end(), after["edition"]
        elif (before := EDITION_BEFORE.search(v, max(0, m.start() - 12), m.start())) is not None:
            start, end, edition = before.start(), m.end(), before["edition"]
        else:
            continue
        edition = edition[:4].translate(YEAR_DIGITS) + edition[4:]
        if _FIRST_YEAR <= original < edition[:4] <= _LAST_YEAR:
            merged.append((start, end, f"{original}/{edition}"))
    if not merged:
        return tokens
    starts = [start for start, _, _ in merged]
    kept = []
    for token in tokens:
        at = bisect_right(starts, token[0]) - 1
        if at < 0 or token[0] >= merged[at][1]:
            kept.append(token)
    return sorted([*kept, *merged])


def _digit_year(m: re.Match[str]) -> str | None:
    """The year a DIGIT_YEAR match stands for, OCR confusions undone; None if out of range."""
    token = m.group()
    if token.isdigit():  # the common case, "2019", without the look-ups below
        return token if _FIRST_YEAR <= token <= _LAST_YEAR else None
    digits = m["digits"].translate(YEAR_DIGITS)
    if not FIRST_YEAR <= int(digits) <= LAST_YEAR:
        return None
    year = digits + (m["suffix"] or "")
    if m["until"]:
        until = m["until"].translate(YEAR_DIGITS)
        until = until if len(until) == 4 else digits[:2] + until
        if until <= digits or int(until) > LAST_YEAR:
            return None
        return f"{year}–{until}"
    if m["edition"]:
        return f"{year}/{m['edition']}{m['esuffix'] or ''}"
    if m["next"] and not m["suffix"] and int(m["next"]) == (int(digits) + 1) % 100:
        return f"{year}/{int(digits) + 1}"
    return year


def _dateless_year(m: re.Match[str]) -> str:
    """The year a DATELESS_YEAR match stands for, in one spelling ("in press", "n.d.-a"),
    OCR's c for e undone ("in rcview")."""
    word = " ".join(m["press"].lower().replace("-", " ").split())
    if word.startswith("n"):
        base = "n.d."
    elif word in ("印刷中", "待刊") or (word.startswith("in pr") and word.endswith("ss")):
        base = "in press"
    elif word.startswith("in pr"):
        base = "in preparation"
    elif word.endswith(("view", "vicw", "vlew")) or "vi" in word:
        base = "under review" if word.startswith("u") else "in review"
    elif word.startswith("submit"):
        base = "submitted"
    elif word.startswith("unpublish"):
        base = "unpublished"
    else:
        base = word
    return f"{base}-{m['psuffix']}" if m["psuffix"] else base


def _illegible(year: str) -> Resolution:
    return Resolution(
        ILLEGIBLE, reason=f"the author's name is OCR noise; only the year {year} is legible"
    )
