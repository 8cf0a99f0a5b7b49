"""Finding author–year citations in plain or OCR text, and linking them.

The search is driven by years, the one part of a citation that even a Latin OCR of a Chinese
page keeps: one compiled regex finds every year-like token (a C-speed pass), and only around
those tokens does Python look further. A year counts only inside a parenthesis (or before a
parenthesis whose opener the OCR lost), so years in prose (``since 1998``, ``2022年3月28日``)
cost one failed ``find``. Around a year the parenthesis is read member by member:

* the author part before each year is read *backwards* from the year with an anchored regex
  (``Latham & Layton``, ``Plantin et al.``, ``United Nations … Affairs``, ``陳韜文與李金銓``),
  so a prefix (``e.g.``, ``see``, ``參見``) or a sentence before it is never taken for a name;
* ``, 2018`` continues the same authors, ``2016a, b`` adds suffixes, ``, p. 295`` or ``: 104``
  is a locator, ``;`` starts a new member;
* a parenthesis holding only years is a narrative citation, and the name is read backwards
  from the parenthesis (``Dewey (1946, p. 213)``, ``Jane Jacobs) (2006 : 104)``,
  ``陳韜文等（2015）``);
* an author part that is OCR noise with a legible year (``(R FE > 2019)``) is *illegible*.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from edition.citations.index import CitationIndex, Resolution
from edition.citations.layout import View, page_view
from edition.citations.model import ILLEGIBLE, UNRESOLVED, Citation
from edition.citations.names import han_name_before, is_han, is_han_name, split_authors
from edition.citations.patterns import (
    CLOSERS,
    COMMA_LEAD,
    ET_AL_TAIL,
    FIRST_YEAR,
    FULL_NAMES,
    HAN_AND,
    HAN_PREFIXES,
    HAN_RUN,
    LAST_YEAR,
    LATIN_PREFIX,
    LOCATOR,
    MATH_END,
    MIXED_TOKEN,
    NAME_DOTS,
    NAME_RUN,
    NOISE_CHARS,
    NOISE_SEPARATORS,
    NOT_NAMES,
    OCR_SEMICOLON,
    OPENERS,
    PREFIX_FORM,
    PROSE_END,
    SAME_AUTHORS,
    SEPARATOR_CHARS,
    SUFFIX_MORE,
    TRAILING_NAMES,
    WORD_START,
    YEAR,
    YEAR_DIGITS,
)

#: How far from a year its parenthesis may open or close.
GROUP_WINDOW = 600
#: How far back from a year or parenthesis an author part may start.
NAME_WINDOW = 160
#: How far back the noise test of an illegible narrative citation looks.
NOISE_WINDOW = 60
_PLAUSIBLE_WORD = re.compile(
    r"[(\"'“‘]*(?:[A-Za-z][a-z]{2,}|[a-z]{1,2}|[A-Z][a-z]?\.)[)\"'”’.,;:]*"
)
_LETTER = re.compile(r"[A-Za-z]")
_HYPHEN_BREAK = re.compile(r"-[ \t]*\r?\n\s*(?=[a-z])")
_LINE_BREAK_HYPHEN = re.compile(r"-[ \t]*\r?\n\s*")
_LEFTOVER = re.compile(r"[\s.,;:，；：。]*")
#: Given names before a family name ("Jane Jacobs"): kept in the cited span, unlike noise.
_GIVEN_NAMES = re.compile(r"(?:[A-Z][a-z]+\.?\s+)*")


def find_citations(text: str, index: CitationIndex | None = None) -> list[Citation]:
    """Every in-text author–year citation of ``text``, linked through ``index`` when given.

    Offsets are ``str`` indices into ``text`` as given. Without an index, legible citations
    are found with status "unresolved" and no keys (detection only).
    """
    with _cycle_collection_paused():
        view = page_view(text, _cites_work)
        return [
            _citation(text, view, group, member)
            for group, members in enumerate(_Finder(view.text, index).groups())
            for member in members
        ]


def _citation(text: str, view: View, group: int, m: _Member) -> Citation:
    """The public record of a member, with offsets back in the text as given."""
    start, end = m.start, m.end
    if view.text is not text:
        start, end = view.source_offset(start), view.source_end(end)
    return Citation(
        start=start,
        end=end,
        text=text[start:end],
        authors=m.authors,
        year=m.year,
        locator=m.locator,
        prefix=m.prefix,
        narrative=m.narrative,
        keys=m.resolution.keys,
        candidates=m.resolution.candidates,
        status=m.resolution.status,
        group=group,
        reason=m.resolution.reason,
    )


#: What a member is linked to until the index has been asked (a shared immutable value).
_UNLINKED = Resolution(UNRESOLVED)


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


@dataclass
class _Names:
    """A legible author part: where it starts in the text, and where a name may begin in it."""

    start: int
    text: str
    starts: list[int]
    #: made only of words that are usually no names ("Winter", "March"): a citation only if
    #: the bibliography has such an author
    weak: bool = False


@dataclass
class _Member:
    """One citation while its parenthesis is being read (view offsets)."""

    start: int
    end: int
    year: str
    names: _Names | None = None
    authors: str = ""
    prefix: str | None = None
    locator: str | None = None
    narrative: bool = False
    #: a free prefix ("data from") makes a citation only if the name is found in the index
    needs_link: bool = False
    resolution: Resolution = _UNLINKED

    def sibling(self, start: int, end: int, year: str) -> _Member:
        """Another year of the same authors (``2015, 2018``, ``2016a, b``)."""
        resolution = _illegible(year) if self.names is None else _UNLINKED
        return _Member(
            start,
            end,
            year,
            self.names,
            self.authors,
            narrative=self.narrative,
            needs_link=self.needs_link,
            resolution=resolution,
        )


class _Finder:
    """One search over one text (the view without page furniture)."""

    def __init__(self, text: str, index: CitationIndex | None) -> None:
        self.v = text
        self.index = index

    def groups(self) -> list[list[_Member]]:
        """The citations of the text, one list per parenthesis (or narrative group)."""
        v = self.v
        found: list[list[_Member]] = []
        consumed = 0
        for m in YEAR.finditer(v):
            if m.start() < consumed or _year(m) is None:
                continue
            enclosing = self._enclosing(m.start(), m.end())
            if enclosing is None:
                continue
            opener, close = enclosing
            consumed = close + 1
            members = self._group(opener, close)
            if members:
                found.append(members)
        return found

    def _enclosing(self, start: int, end: int) -> tuple[int, int] | None:
        """The parenthesis around a year: (opener or -1 when the OCR lost it, closer)."""
        v = self.v
        low = max(0, start - GROUP_WINDOW)
        close = _find_either(v, ")", "）", end, min(len(v), end + GROUP_WINDOW))
        if close < 0 or _find_either(v, "(", "（", end, close) >= 0:
            return None
        opener = max(v.rfind("(", low, start), v.rfind("（", low, start))
        closed = max(v.rfind(")", low, start), v.rfind("）", low, start))
        return (opener if opener > closed else -1), close

    def _group(self, opener: int, close: int) -> list[_Member]:
        """The citations of one parenthesis, in order."""
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
        for ym in YEAR.finditer(v, content, close):
            year = _year(ym)
            if ym.start() < pos or year is None:
                continue
            member = self._member(pos, ym, year, previous, first=pos == content, lost=lost)
            pos = ym.end()
            if member is None:
                previous = None
                continue
            batch = [member, *self._more_suffixes(member, ym, close)]
            pos = batch[-1].end
            locator = LOCATOR.match(v, pos, close)
            if locator:
                batch[-1].locator = " ".join((locator["labelled"] or locator["bare"]).split())
                batch[-1].end = pos = locator.end()
            members.extend(batch)
            previous = member
        if members and members[0].names is _BARE_NAMES:
            members = self._narrative(opener, close, members, pos)
        else:
            self._transliterated(opener, close, members)
        return [m for m in members if self._link(m)]

    def _member(
        self,
        pos: int,
        ym: re.Match[str],
        year: str,
        previous: _Member | None,
        first: bool,
        lost: bool,
    ) -> _Member | None:
        """The member whose year is ``ym``, read from the text between ``pos`` and the year."""
        v = self.v
        end = ym.start()
        if not first:
            if previous is not None and SAME_AUTHORS.fullmatch(v, pos, end):
                return previous.sibling(ym.start(), ym.end(), year)
            semicolon = max(v.rfind(";", pos, end), v.rfind("；", pos, end))
            if semicolon >= 0:
                pos = semicolon + 1
            else:
                lead = OCR_SEMICOLON.match(v, pos, end) or COMMA_LEAD.match(v, pos, end)
                if lead is None:
                    return None
                pos = lead.end()
        return self._author_part(pos, end, ym, year, lost and first)

    def _author_part(
        self, start: int, end: int, ym: re.Match[str], year: str, lost: bool
    ) -> _Member | None:
        """Read ``v[start:end]``, the text before a year, as its authors.

        It is a legible Latin or Chinese author list (with any prefix before it), nothing (a
        bare year: the authors may be named before the parenthesis), OCR noise closed by a
        separator (an illegible citation), or prose (then the year is no citation: None).
        """
        v = self.v
        core_end = start + len(v[start:end].rstrip(SEPARATOR_CHARS))
        if core_end < end and v[core_end] == "." and ET_AL_TAIL.search(v, start, core_end):
            core_end += 1
        sep = v[core_end:end]
        noisy_sep = not NOISE_SEPARATORS.isdisjoint(sep)
        while start < core_end and v[start].isspace():
            start += 1
        if start == core_end:
            return None if lost else _Member(ym.start(), ym.end(), year, _BARE_NAMES)
        names = None if lost else self._latin_names(start, core_end)
        if names is not None and not noisy_sep:
            prefix = v[start : names.start].strip().rstrip(",;:，；： ")
            member = _Member(names.start, ym.end(), year, names)
            if prefix:
                member.prefix = " ".join(prefix.split())
                member.needs_link = not LATIN_PREFIX.fullmatch(
                    prefix.lower().translate(PREFIX_FORM)
                )
            return member
        if not lost and (is_han(v[core_end - 1]) or v[core_end - 1] == "等"):
            return self._han_part(start, core_end, ym, year, sep)
        tail = v[max(start, core_end - 40) : core_end]
        noisy = noisy_sep or (
            not lost and (NOISE_CHARS.search(tail) is not None or MIXED_TOKEN.search(tail))
        )
        if (
            noisy
            and _LETTER.search(tail)
            and not MATH_END.search(tail)
            and not PROSE_END.search(tail)
        ):
            member = _Member(ym.start() if lost else start, ym.end(), year)
            member.resolution = _illegible(year)
            return member
        return None

    def _han_part(
        self, start: int, end: int, ym: re.Match[str], year: str, sep: str
    ) -> _Member | None:
        """A Chinese author part: ``陳韜文``, ``參見陳韜文與李金銓``, ``李金銓等``."""
        if not any(c in ",，" for c in sep):
            return None
        text = self.v[start:end]
        prefix = next(
            (p for p in HAN_PREFIXES if text.startswith(p) and len(text) > len(p) + 1), ""
        )
        names, _ = split_authors(text[len(prefix) :])
        if not names or len(names) > 4 or not all(is_han_name(n) for n in names):
            return None
        part = _Names(start + len(prefix), text[len(prefix) :], [0])
        return _Member(part.start, ym.end(), year, part, prefix=prefix or None)

    def _latin_names(self, start: int, end: int) -> _Names | None:
        """The legible Latin author names that end at ``end`` (not before ``start``)."""
        run = NAME_RUN.search(self.v, max(start, end - NAME_WINDOW), end)
        match = TRAILING_NAMES.search(self.v, run.start(), end) if run else None
        if match is None:
            return None
        read = _read_names(match["names"])
        if read is None:
            return None
        first, starts, weak = read
        return _Names(match.start("names") + first, match["names"][first:], list(starts), weak)

    def _narrative(
        self, opener: int, close: int, members: list[_Member], end: int
    ) -> list[_Member]:
        """A parenthesis of years only: the author is named before it, or it is no citation."""
        v = self.v
        if _LEFTOVER.fullmatch(v, end, close) is None:
            return []
        inherit = [m for m in members if m.names is _BARE_NAMES]
        names = self._name_before(opener)
        if names is None:
            if not self._noisy_before(opener):
                return [m for m in members if m.names is not _BARE_NAMES]
            for m in inherit:
                m.names = None
                m.resolution = _illegible(m.year)
            inherit[0].start = opener
        else:
            for m in inherit:
                m.names = names
            inherit[0].start = names.start
        for m in inherit:
            m.narrative = True
        if members[-1] is inherit[-1]:
            members[-1].end = close + 1
        return members

    def _name_before(self, opener: int) -> _Names | None:
        """The author named just before a parenthesis of years."""
        v = self.v
        j = opener
        while j > 0 and v[j - 1] in " \t\r\n":
            j -= 1
        if j == 0:
            return None
        if v[j - 1] in CLOSERS:
            inner = max(v.rfind(c, max(0, j - NAME_WINDOW), j - 1) for c in OPENERS)
            match = FULL_NAMES.fullmatch(v, inner + 1, j - 1) if inner >= 0 else None
            if match is None:
                return None
            return self._latin_names(match.start("names"), match.end("names"))
        names = self._latin_names(max(0, j - NAME_WINDOW), j)
        if names is not None:
            return names
        return self._han_name_before(j)

    def _han_name_before(self, end: int) -> _Names | None:
        """Chinese author names ending at ``end``: ``陳韜文``, ``陳韜文與李金銓``, ``李金銓等``."""
        run = HAN_RUN.search(self.v, max(0, end - 24), end)
        if run is None:
            return None
        text = run.group()
        known = self.index.han_names if self.index else frozenset()
        stop = len(text) - (2 if text.endswith("等人") else 1 if text.endswith("等") else 0)
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
        return _Names(run.start() + names_start, text[names_start:], [0])

    def _noisy_before(self, opener: int) -> bool:
        """Whether a parenthesis of years stands in OCR noise (an illegible narrative name)."""
        before = self.v[max(0, opener - NOISE_WINDOW) : opener]
        tokens = before.split()[1:][-8:]
        if len(tokens) < 3 or PROSE_END.search(before):
            return False
        plausible = sum(1 for t in tokens if _PLAUSIBLE_WORD.fullmatch(t))
        return 2 * plausible < len(tokens)

    def _transliterated(self, opener: int, close: int, members: list[_Member]) -> None:
        """``珍·雅各布斯（Jacobs, 2006）``: a foreign author named in Chinese, cited in brackets."""
        if (
            len(members) != 1
            or opener < 1
            or members[0].names is None
            or members[0].prefix
            or not is_han(self.v[opener - 1])
        ):
            return
        run = HAN_RUN.search(self.v, max(0, opener - 24), opener)
        length = han_name_before(run.group(), frozenset()) if run else 0
        name = self.v[opener - length : opener]
        if length and any(dot in name for dot in NAME_DOTS):
            members[0].start = opener - length
            members[0].end = close + 1
            members[0].narrative = True

    def _link(self, member: _Member) -> bool:
        """Resolve a member through the index; False when it turns out not to be a citation."""
        names = member.names
        if names is None or names is _BARE_NAMES:
            return names is None
        needs_link = member.needs_link or names.weak
        if self.index is None:
            if needs_link:
                return False
            start = names.starts[0]
            member.resolution = Resolution(UNRESOLVED, reason="no bibliography given")
        else:
            member.resolution = self.index.resolve(names.text, names.starts, member.year)
            start = member.resolution.start
            if needs_link and member.resolution.status == UNRESOLVED:
                return False
        if _GIVEN_NAMES.fullmatch(names.text, 0, start):
            start = 0
        member.authors = _collapse(names.text[start:])
        if member.start == names.start:
            member.start = names.start + start
        return True

    def _more_suffixes(self, member: _Member, ym: re.Match[str], close: int) -> list[_Member]:
        """``2016a, b``: members for the further suffix letters of the same year."""
        if not ym["suffix"] and not ym["psuffix"]:
            return []
        base = member.year[:-1].rstrip("-")
        joint = "-" if ym["psuffix"] else ""
        more: list[_Member] = []
        pos = ym.end()
        while match := SUFFIX_MORE.match(self.v, pos, close):
            year = f"{base}{joint}{match['suffix']}"
            more.append(member.sibling(match.start("suffix"), match.end(), year))
            pos = match.end()
        return more


_BARE_NAMES = _Names(-1, "", [])


@lru_cache(maxsize=1 << 16)
def _read_names(text: str) -> tuple[int, tuple[int, ...], bool] | None:
    """Where a run of names really starts, where else a cited name may start, and if it is weak.

    Leading words that are no names ("As", "See") are skipped; later word starts of the first
    author are offered to the index ("Jane Jacobs" cites Jacobs). A first author made only of
    such words is kept when "et al." or co-authors follow ("Winter et al.") and is otherwise
    weak ("March"): a citation only if the bibliography has that author. None when what is
    left is no author list. Cached: the same names recur throughout a text.
    """
    authors, et_al = split_authors(text)
    chunk_end = max(len(authors[0]) if authors else 0, 1)
    words = [w.start() for w in WORD_START.finditer(text, 0, chunk_end)]
    starts = [
        s for s in words if text[s:].split(maxsplit=1)[0].strip(".,").lower() not in NOT_NAMES
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
    return first, tuple(s - first for s in starts), weak and not (et_al or len(authors) > 1)


@lru_cache(maxsize=1024)
def _cites_work(line: str) -> bool:
    """Whether ``line`` holds a legible citation: then it is text, never a running head.

    Names in capitals do not count: "CITIES AND SOCIETY (2020)" reads like a narrative
    citation, and is the very shape of a running head. Cached: running heads repeat.
    """
    groups = _Finder(line, None).groups()
    return any(m.names and not m.names.text.isupper() for members in groups for m in members)


def _year(m: re.Match[str]) -> str | None:
    """The year a YEAR match stands for, OCR confusions undone; None if out of range."""
    if m["press"]:
        word = m["press"].lower()
        base = "n.d." if word.startswith("n") else word if word == "forthcoming" else "in press"
        return f"{base}-{m['psuffix']}" if m["psuffix"] else base
    digits = m["digits"].translate(YEAR_DIGITS)
    if not FIRST_YEAR <= int(digits) <= LAST_YEAR:
        return None
    return digits + (m["suffix"] or "")


def _illegible(year: str) -> Resolution:
    return Resolution(
        ILLEGIBLE, reason=f"the author's name is OCR noise; only the year {year} is legible"
    )


def _find_either(text: str, a: str, b: str, start: int, end: int) -> int:
    """The first position of ``a`` or ``b`` in ``text[start:end]``, or -1 (two C scans)."""
    i, j = text.find(a, start, end), text.find(b, start, end)
    return j if i < 0 else i if j < 0 else min(i, j)


def _collapse(text: str) -> str:
    """An author part as read: line-break hyphens joined, whitespace collapsed."""
    if "\n" not in text and "  " not in text:
        return text
    text = _LINE_BREAK_HYPHEN.sub("-", _HYPHEN_BREAK.sub("", text))
    return " ".join(text.split())
