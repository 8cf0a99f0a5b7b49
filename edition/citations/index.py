"""The bibliography as the citation engine looks it up: by first author and year.

Built once per bibliography (a dictionary pass over the entries, so 2,000 entries cost a few
milliseconds), then each citation costs a few dictionary look-ups. Linking is strict on the
year and careful with names: the exact name first, then the name with OCR confusions folded,
then, for names of seven letters or more, one further edit; at each step a citation is linked
only when exactly one work is left after the co-authors and the number of authors are
compared, otherwise it is ambiguous and the candidates are named.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from edition.citations.model import AMBIGUOUS, RESOLVED, UNRESOLVED
from edition.citations.names import (
    exact_key,
    is_han_name,
    ocr_key,
    split_authors,
    within_one_edit,
)
from edition.citations.patterns import ET_AL_END

#: An entry whose author list ends in "and others" has at least this many authors.
MANY = 99
#: How many resolutions an index remembers before it starts afresh (bounds its memory).
RESOLVED_MEMO = 100_000
#: Names shorter than this are matched exactly or through OCR confusions only, never by a
#: further edit: "Smith" must not become "Smyth".
NEAR_MIN_LENGTH = 7


@dataclass(frozen=True)
class _Author:
    exact: frozenset[str]
    ocr: frozenset[str]


@dataclass(frozen=True)
class _Work:
    key: str
    year: str
    label: str
    authors: tuple[_Author, ...]
    count: int


@dataclass(frozen=True)
class Resolution:
    """What a citation links to, and where in its author part the cited name begins."""

    status: str
    keys: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()
    start: int = 0
    reason: str = ""


def split_year(year: str) -> tuple[str, str]:
    """``"2018a"`` -> ``("2018", "2018a")``; ``"in press-a"`` -> ``("in press", "in press-a")``."""
    if year[:4].isdigit():
        return year[:4], year
    base, _, _ = year.partition("-")
    return base, year


def _author(name) -> _Author:
    forms = {name.cited, name.family, name.family + name.given, name.given + name.family}
    forms.discard("")
    return _Author(
        frozenset(exact_key(f) for f in forms) - {""}, frozenset(ocr_key(f) for f in forms) - {""}
    )


class CitationIndex:
    """First-author-and-year look-up over a bibliography's works."""

    def __init__(self, works: Iterable[_Work]) -> None:
        self._exact: dict[tuple[str, str], list[_Work]] = defaultdict(list)
        self._ocr: dict[tuple[str, str], list[_Work]] = defaultdict(list)
        self._by_year: dict[str, list[_Work]] = defaultdict(list)
        self._labels_by_name: dict[str, set[str]] = defaultdict(set)
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
        for works_of_year in self._by_year.values():
            for work in works_of_year:
                han.update(k for a in work.authors for k in a.exact if is_han_name(k))
        #: Chinese author names the bibliography knows: where a name starts in unspaced text.
        self.han_names = frozenset(han)
        #: resolutions already made: a text cites the same works again and again
        self._resolved: dict[tuple[str, tuple[int, ...], str], Resolution] = {}

    @classmethod
    def from_bibliography(cls, bib) -> CitationIndex:
        """Index a ``Bibliography`` (``edition.bibliography``): authors, year and year label."""
        return cls(
            _Work(
                key=ref.key,
                year=split_year(ref.year.strip().lower())[0],
                label=bib.year_label(ref.key).strip().lower(),
                authors=tuple(_author(name) for name in ref.authors),
                # "and others" in the author list: the spec'd API may not say, then count them
                count=MANY if getattr(ref, "et_al", False) else len(ref.authors),
            )
            for ref in bib.references
        )

    def resolve(self, authors: str, starts: Sequence[int], year: str) -> Resolution:
        """Link the author part ``authors`` with ``year`` ("2018a", "in press").

        ``starts`` are offsets in ``authors`` where the cited name may begin, most likely
        first ("As Smith" may cite "As Smith" or "Smith"); the first that finds a work wins.
        """
        memo = (authors, tuple(starts), year)
        known = self._resolved.get(memo)
        if known is None:
            if len(self._resolved) >= RESOLVED_MEMO:
                self._resolved.clear()
            known = self._resolved[memo] = self._resolve(authors, starts, year)
        return known

    def _resolve(self, authors: str, starts: Sequence[int], year: str) -> Resolution:
        base, label = split_year(year)
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
                whole = whole[: tail.start()] if tail else whole
                found = _unique(find(names[0], base) + find(whole, base))
                if found:
                    return self._narrow(found, names, et_al, label, start)
        first = split_authors(authors[starts[0] :])[0] if starts else ()
        return Resolution(
            UNRESOLVED, start=starts[0] if starts else 0, reason=self._why(first, label)
        )

    def _exact_works(self, name: str, year: str) -> list[_Work]:
        return self._exact.get((exact_key(name), year), [])

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

    def _narrow(
        self, works: list[_Work], names: Sequence[str], et_al: bool, label: str, start: int
    ) -> Resolution:
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
        preferences: list[Callable[[_Work], bool]] = []
        if et_al:
            preferences += [lambda w: w.count >= 3, lambda w: w.count >= 2]
        elif len(names) >= 2:
            second = names[1]
            preferences += [
                lambda w: (
                    len(w.authors) > 1
                    and (
                        exact_key(second) in w.authors[1].exact
                        or ocr_key(second) in w.authors[1].ocr
                    )
                ),
                lambda w: w.count == len(names),
            ]
        else:
            preferences.append(lambda w: w.count == 1)
        for prefer in preferences:
            preferred = [w for w in works if prefer(w)]
            if preferred:
                works = preferred
        keys = tuple(sorted(w.key for w in works))
        if len(keys) == 1:
            return Resolution(RESOLVED, keys=keys, start=start)
        return Resolution(
            AMBIGUOUS,
            candidates=keys,
            start=start,
            reason=f"{len(keys)} entries fit: {', '.join(keys)}",
        )

    def _why(self, names: Sequence[str], label: str) -> str:
        if not names:
            return f"no entry for {label}"
        labels = self._labels_by_name.get(exact_key(names[0]))
        if labels:
            return f"no entry for {names[0]} {label}; {names[0]} has {', '.join(sorted(labels))}"
        return f"no entry for {names[0]} {label}"


def _unique(works: list[_Work]) -> list[_Work]:
    seen: dict[str, _Work] = {}
    for work in works:
        seen.setdefault(work.key, work)
    return list(seen.values())
