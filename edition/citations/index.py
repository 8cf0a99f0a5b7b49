"""The bibliography as the citation engine looks it up: by first author and year, then all authors.

Built once per bibliography (a dictionary pass over the entries, so 2,000 entries cost a few
milliseconds), then each citation costs a few dictionary look-ups. Linking is strict on the
year and careful with names: the first author is found by the exact name, then by the name
with OCR confusions folded, then, for names of seven letters or more, by one further edit.
Every author the citation names is then compared with the entry's authors in order, and
"et al." (等) must stand for authors the entry has: a citation that names a co-author the
entry does not list, or fewer or more authors than it has, is never resolved (CERMINE's
issue 51 shows what linking by a shared author does). APA 7's initials before a name
(``J. Smith``, 8.20) choose among authors who share a surname; an organisation is found by
its abbreviation (``WHO``) when the abbreviation is its initials or its ``shortauthor``; a
work without author by the start of its title (APA 7, 8.14).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from edition.citations.model import AMBIGUOUS, RESOLVED, UNRESOLVED
from edition.citations.names import (
    exact_key,
    fold,
    initials_and_family,
    is_han_name,
    ocr_key,
    split_authors,
    umlaut_key,
    within_one_edit,
)
from edition.citations.patterns import ET_AL_END, NAME_SUFFIX

#: An entry whose author list ends in "and others" has at least this many authors.
MANY = 99
#: How many resolutions an index remembers before it starts afresh (bounds its memory).
RESOLVED_MEMO = 100_000
#: Names shorter than this are matched exactly or through OCR confusions only, never by a
#: further edit: "Smith" must not become "Smyth".
NEAR_MIN_LENGTH = 7
#: The years of works without a date, one spelling each; a citation with one of them may
#: link to an entry with another ("in review" cited, "submitted" in the entry).
DATELESS = ("in press", "in review", "under review", "in preparation", "submitted",
            "unpublished", "accepted", "forthcoming", "n.d.")  # fmt: skip
#: Small words an organisation's abbreviation leaves out (World Health Organization: WHO).
_MINOR_WORDS = frozenset("of for and the on in to at by & de du des la le el".split())
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,11}")
_DASHES = re.compile(r"\s*[–—-]+\s*")
_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class _Author:
    exact: frozenset[str]
    ocr: frozenset[str]
    #: the initials of the given names, lowercase ("Jean-Paul" -> "jp")
    initials: str
    #: as a citation names this author ("de Seta"), for messages
    shown: str


@dataclass(frozen=True)
class _Work:
    key: str
    year: str
    label: str
    authors: tuple[_Author, ...]
    count: int
    #: the title folded, for works without authors (APA 7, 8.14 cites them by title)
    title: str = ""


@dataclass(frozen=True)
class Resolution:
    """What a citation links to, and where in its author part the cited name begins."""

    status: str
    keys: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()
    start: int = 0
    reason: str = ""


def year_form(year: str) -> str:
    """A year as the index compares it: lowercase, one dash in spans, both ends in full.

    "1955--69" -> "1955–1969", "In Press" -> "in press", "in prep." -> "in preparation".
    """
    year = " ".join(year.strip().lower().split())
    if year[:4].isdigit() and len(year) > 4 and year[4] in "–—-":
        end = _DASHES.sub("", year[4:])
        if end.isdigit() and len(end) == 2:
            end = year[:2] + end
        return f"{year[:4]}–{end}"
    if year.startswith("in prep"):
        return "in preparation"
    return year


def split_year(year: str) -> tuple[str, str]:
    """``"2018a"`` -> ``("2018", "2018a")``; ``"in press-a"`` -> ``("in press", "in press-a")``.

    A span keeps its first year as the year looked up ("1953–1974" -> "1953"); an original
    date cites the edition after the slash ("1900/1953" -> "1953", APA 7, 8.15).
    """
    year = year_form(year)
    if "/" in year and year[:4].isdigit():
        year = year.partition("/")[2]
    if year[:4].isdigit():
        return year[:4], year
    base, _, _ = year.partition("-")
    return base, year


def _initials(given: str) -> str:
    return "".join(word[0] for word in _WORDS.findall(given)).lower()


def _author(name) -> _Author:
    family = name.family
    bare_family = NAME_SUFFIX.sub("", family).strip() or family
    forms = {name.cited, family, bare_family, family + name.given, name.given + family}
    if name.particle:
        forms.add(f"{name.particle} {bare_family}")
    forms.discard("")
    exact = {exact_key(f) for f in forms} | {umlaut_key(f) for f in forms}
    return _Author(
        frozenset(exact) - {""},
        frozenset(ocr_key(f) for f in forms) - {""},
        _initials(name.given),
        name.cited,
    )


def _abbreviations(name, short: str) -> set[str]:
    """The abbreviations an organisation may be cited by: its ``shortauthor``, its initials."""
    found = {short} if short else set()
    if getattr(name, "organisation", False):
        words = [w for w in name.family.replace("-", " ").split() if w.lower() not in _MINOR_WORDS]
        initials = "".join(w[0] for w in words if w[:1].isupper())
        if len(initials) >= 2 and len(initials) == len(words):
            found.add(initials)
    return {exact_key(a) for a in found} - {""}


def _shown(authors: Sequence[_Author], count: int) -> str:
    """An entry's authors as a citation would name them: "Lin, Chen & Wang", "Smith et al."."""
    names = [a.shown for a in authors]
    if not names:
        return "no author"
    if count > 3 or len(names) > 3:
        return f"{names[0]} et al."
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} & {names[-1]}"


class CitationIndex:
    """First-author-and-year look-up over a bibliography's works, then every author."""

    def __init__(self, works: Iterable[_Work], abbreviations: Iterable[tuple[str, _Work]] = ()):
        self._exact: dict[tuple[str, str], list[_Work]] = defaultdict(list)
        self._ocr: dict[tuple[str, str], list[_Work]] = defaultdict(list)
        self._by_year: dict[str, list[_Work]] = defaultdict(list)
        self._labels_by_name: dict[str, set[str]] = defaultdict(set)
        self._abbreviated: dict[tuple[str, str], list[_Work]] = defaultdict(list)
        han: set[str] = set()
        for work in works:
            self._by_year[work.year].append(work)
            if not work.authors:
                continue
            first = work.authors[0]
            for key in first.exact:
                self._exact[key, work.year].append(work)
                self._labels_by_name[key].add(work.label)
            for key in first.ocr:
                self._ocr[key, work.year].append(work)
            han.update(k for a in work.authors for k in a.exact if is_han_name(k))
        for key, work in abbreviations:
            self._abbreviated[key, work.year].append(work)
        #: Chinese author names the bibliography knows: where a name starts in unspaced text.
        self.han_names = frozenset(han)
        #: resolutions already made: a text cites the same works again and again
        self._resolved: dict[tuple[str, tuple[int, ...], str], Resolution] = {}

    @classmethod
    def from_bibliography(cls, bib) -> CitationIndex:
        """Index a ``Bibliography`` (``edition.bibliography``): authors, year and year label.

        A ``shortauthor`` field (biblatex) gives the abbreviation an organisation is cited by.
        """
        works = []
        abbreviations = []
        for ref in bib.references:
            authors = tuple(_author(name) for name in ref.authors)
            work = _Work(
                key=ref.key,
                year=split_year(ref.year)[0],
                label=year_form(bib.year_label(ref.key)),
                authors=authors,
                # "and others" in the author list: the spec'd API may not say, then count them
                count=MANY if getattr(ref, "et_al", False) else len(ref.authors),
                title="" if ref.authors else fold(ref.title),
            )
            works.append(work)
            if ref.authors:
                short = ref.fields.get("shortauthor", "")
                abbreviations += [(a, work) for a in _abbreviations(ref.authors[0], short)]
        return cls(works, abbreviations)

    def resolve(self, authors: str, starts: Sequence[int], year: str) -> Resolution:
        """Link the author part ``authors`` with ``year`` ("2018a", "in press", "1955–1969").

        ``starts`` are offsets in ``authors`` where the cited name may begin, most likely
        first ("As Smith" may cite "As Smith" or "Smith"); the first that finds a work wins.
        """
        memo = (authors, starts if type(starts) is tuple else tuple(starts), year)
        known = self._resolved.get(memo)
        if known is None:
            if len(self._resolved) >= RESOLVED_MEMO:
                self._resolved.clear()
            known = self._resolved[memo] = self._resolve(authors, starts, year)
        return known

    def _resolve(self, authors: str, starts: Sequence[int], year: str) -> Resolution:
        base, label = split_year(year)
        years = [base]
        if "/" in year and year[:4].isdigit():
            # An original date is cited by the edition after the slash (1900/1953, APA 7,
            # 8.15); an academic or fiscal year (1999/2000) by its first year.
            consecutive = base.isdigit() and int(base) == int(year[:4]) + 1
            years = [year[:4], base] if consecutive else [base, year[:4]]
        if base in DATELESS:
            years += [y for y in DATELESS if y != base]
        steps: tuple[Callable[[str, str], list[_Work]], ...] = (
            self._exact_works,
            self._ocr_works,
            self._near_works,
        )
        for find in steps:
            for start in starts:
                names, et_al = split_authors(authors[start:])
                if not names:
                    continue
                whole = authors[start:]
                tail = ET_AL_END.search(whole)
                whole = " ".join(whole[: tail.start()] if tail else whole.split())
                for looked_up in years:
                    if len(names) > 1 and (found := find(whole, looked_up)):
                        return self._narrow(found, (whole,), et_al, label, start)
                    family = initials_and_family(names[0])[1]
                    found = find(family, looked_up)
                    if found:
                        return self._narrow(found, names, et_al, label, start)
                    if family != names[0] and (found := find(names[0], looked_up)):
                        # "U.S. Census Bureau": the initials belong to the name
                        return self._narrow(found, names, et_al, label, start, initials=False)
        first = split_authors(authors[starts[0] :])[0] if starts else ()
        titled = self._titled(authors[starts[0] :] if starts else authors, base)
        if titled:
            return self._narrow(titled, ("",), False, label, starts[0] if starts else 0)
        return Resolution(
            UNRESOLVED, start=starts[0] if starts else 0, reason=self._why(first, label)
        )

    def _exact_works(self, name: str, year: str) -> list[_Work]:
        key = exact_key(name)
        found = self._exact.get((key, year), [])
        if not found and (umlauts := umlaut_key(name)):
            found = self._exact.get((umlauts, year), [])
        if not found and _ACRONYM.fullmatch(name):
            found = self._abbreviated.get((key, year), [])
        return found

    def _ocr_works(self, name: str, year: str) -> list[_Work]:
        return self._ocr.get((ocr_key(name), year), [])

    def _near_works(self, name: str, year: str) -> list[_Work]:
        key = ocr_key(name)
        if len(key) < NEAR_MIN_LENGTH:
            return []
        return [
            work
            for work in self._by_year.get(year, ())
            if work.authors and any(within_one_edit(key, k) for k in work.authors[0].ocr)
        ]

    def _titled(self, cited: str, year: str) -> list[_Work]:
        """Works without author whose title starts with the cited words (APA 7, 8.14)."""
        key = fold(cited.strip(" \"'“”‘’,"))
        if len(key) < 4:
            return []
        return [w for w in self._by_year.get(year, ()) if w.title and w.title.startswith(key)]

    def _narrow(
        self,
        works: list[_Work],
        names: Sequence[str],
        et_al: bool,
        label: str,
        start: int,
        initials: bool = True,
    ) -> Resolution:
        """The works among ``works`` that the cited ``names`` fit (``initials``: whether the
        capitals before the first name are its initials, APA 7 8.20, or part of it)."""
        cited = " & ".join(n for n in names if n) + (" et al." if et_al else "")
        if label != split_year(label)[0]:
            labelled = [w for w in works if w.label == label]
            if not labelled:
                have = ", ".join(sorted({w.label for w in works}))
                return Resolution(
                    UNRESOLVED,
                    start=start,
                    reason=f"no entry labelled {label}; {names[0]} has {have}",
                )
            works = labelled
        given = initials_and_family(names[0])[0] if initials else ""
        if given:
            chosen = [w for w in works if w.authors and w.authors[0].initials.startswith(given)]
            if not chosen:
                keys = ", ".join(sorted(w.key for w in works))
                return Resolution(
                    UNRESOLVED,
                    candidates=tuple(sorted(w.key for w in works)),
                    start=start,
                    reason=f"no entry for {cited} {label} has these initials ({keys} do not)",
                )
            works = chosen
        fits = [w for w in works if _authors_fit(w, names, et_al)]
        keys = tuple(sorted(w.key for w in fits))
        if len(keys) == 1:
            return Resolution(RESOLVED, keys=keys, start=start)
        if keys:
            return Resolution(
                AMBIGUOUS,
                candidates=keys,
                start=start,
                reason=f"{len(keys)} entries fit: {', '.join(keys)}",
            )
        near = tuple(sorted(w.key for w in works))
        listed = "; ".join(f"{w.key} lists {_shown(w.authors, w.count)}" for w in works)
        return Resolution(
            UNRESOLVED,
            candidates=near,
            start=start,
            reason=f"the authors do not match: the text cites {cited} {label}, {listed}",
        )

    def _why(self, names: Sequence[str], label: str) -> str:
        if not names:
            return f"no entry for {label}"
        name = " ".join(names[0].split())
        labels = self._labels_by_name.get(exact_key(name))
        if labels:
            return f"no entry for {name} {label}; {name} has {', '.join(sorted(labels))}"
        return f"no entry for {name} {label}"


def _authors_fit(work: _Work, names: Sequence[str], et_al: bool) -> bool:
    """Whether every author the citation names is the entry's author in that place, and
    "et al." stands for authors the entry has (or a plain list names them all).

    A work of two authors is cited with both names in APA 7 (8.17), Chicago (15.29) and
    every journal style: "Allmann et al." is not "Allmann and Baldwin".
    """
    if not names[0]:  # a work cited by its title
        return not work.authors
    listed = len(work.authors)
    for place, name in enumerate(names[1:], start=1):
        if place >= listed:
            return work.count == MANY
        if not _same_author(initials_and_family(name)[1], work.authors[place]):
            return False
    if et_al:  # one name and "et al." stands for three authors or more, in every style
        return work.count >= (3 if len(names) == 1 else len(names) + 1)
    return work.count == len(names) or (work.count == MANY and len(names) >= listed)


def _same_author(name: str, author: _Author) -> bool:
    if exact_key(name) in author.exact or umlaut_key(name) in author.exact:
        return True
    key = ocr_key(name)
    if key in author.ocr:
        return True
    return len(key) >= NEAR_MIN_LENGTH and any(within_one_edit(key, k) for k in author.ocr)
