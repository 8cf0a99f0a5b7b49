"""Run every stage once over an edition and keep the results together.

The site, ``edition check`` and the tests all need the same things: the cleaned document, the
bibliography, the citations found in each block and linked to it (with the editors'
decisions applied), the glossary terms found in each block, the editorial texts. Computing
them here, once, means that what the check passes is exactly what the site shows.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from edition.bibliography import Bibliography, check_bibliography, load_bibliography
from edition.citations import (
    RESOLVED,
    UNRESOLVED,
    Citation,
    CitationIndex,
    check_citations,
    find_citations,
)
from edition.citations.index import split_year
from edition.citations.names import fold, is_han
from edition.cleaning import CONTINUATION, FRONT_LABEL, clean_file
from edition.conversion import load_overrides
from edition.document import Block, BlockKind, Document, Page
from edition.editorial import Editorial, check_editorial, read_editorial
from edition.errors import EditionError, Problem, read_text
from edition.glossary import Glossary, TermMatch, check_glossary, find_terms, read_glossary
from edition.materials import (
    EDITORIAL_FOLDER,
    USUAL_NAMES,
    Decision,
    Edition,
    Paper,
    read_edition,
)
from edition.quotations import check_quotations

ENGLISH, CHINESE = "en", "zh-Hant"


@dataclass(frozen=True)
class Occurrence:
    """A citation as placed in the reading text: its anchor id, block, page and source line.

    ``decision`` is the editors' decision that applies to it, if any (it has already changed
    the citation: ``link`` resolved it, ``unresolved`` keeps it unresolved with a reason the
    site shows; ``not-a-citation`` leaves no occurrence at all).
    """

    id: str
    block: str
    citation: Citation
    page: int
    line: int
    decision: Decision | None = None


@dataclass(frozen=True)
class Annotated:
    """An edition with every stage run: what the site shows and the check checks."""

    edition: Edition
    document: Document
    bibliography: Bibliography
    index: CitationIndex
    glossary: Glossary
    editorial: Editorial
    occurrences: tuple[Occurrence, ...]
    citations_by_block: Mapping[str, tuple[Occurrence, ...]]
    terms_by_block: Mapping[str, tuple[TermMatch, ...]]
    #: what applying the editors' decisions found wrong with them
    decision_problems: tuple[Problem, ...] = ()
    #: probable non-citations no decision settles: shown as text, reported as warnings
    doubted: tuple[Occurrence, ...] = ()
    #: what :meth:`citations` and :meth:`terms` found in each text asked about: every
    #: language version of a page and the TEI ask about the same editorial texts
    _found: dict[tuple, list] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def citations(self, text: str) -> list[Citation]:
        """Citations in any other text (editorial texts, definitions), linked the same way."""
        key = ("citations", text)
        if key not in self._found:
            self._found[key] = find_citations(text, self.index)
        return list(self._found[key])

    def terms(
        self, text: str, protected: Iterable[tuple[int, int]] | None = None
    ) -> list[TermMatch]:
        """Glossary terms in any text, English and Chinese, never inside ``protected``."""
        spans = list(protected or ())
        key = ("terms", text, tuple(spans))
        if key not in self._found:
            self._found[key] = terms_in(text, self.glossary, spans)
        return list(self._found[key])


def terms_in(text: str, glossary: Glossary, protected: list[tuple[int, int]]) -> list[TermMatch]:
    """English and Chinese glossary terms in ``text`` outside ``protected``, in order."""
    english = find_terms(text, glossary, ENGLISH, protected)
    taken = [*protected, *((m.start, m.end) for m in english)]
    return sorted([*english, *find_terms(text, glossary, CHINESE, taken)], key=lambda m: m.start)


def _block_terms(block: Block, glossary: Glossary, cited: list[tuple[int, int]]) -> list[TermMatch]:
    """Terms of a block; in noise only inside the English glosses salvaged from it."""
    if block.kind is not BlockKind.NOISE:
        return terms_in(block.text, glossary, cited)
    found = []
    for item in block.salvaged:
        if item.kind == "gloss":
            for match in find_terms(item.text, glossary, ENGLISH):
                found.append(
                    TermMatch(
                        item.start + match.start, item.start + match.end, match.term_id, match.text
                    )
                )
    return found


def annotate(folder: str | Path) -> Annotated:
    """Load the edition in ``folder`` and run every stage over it.

    Raises :class:`EditionError` for the first material that cannot be read; use
    :func:`check_edition` to collect every problem instead.
    """
    annotated, problems = check_edition(folder)
    if annotated is None:
        first = next(p for p in problems if p.severity == "error")
        raise EditionError(first.message, first.path, first.line)
    return annotated


def check_edition(folder: str | Path) -> tuple[Annotated | None, list[Problem]]:
    """Every problem of the edition in ``folder``, found in one pass, and the annotated
    edition when every material could be read.

    Each material is read on its own, so a broken glossary does not hide a broken
    bibliography; the checks that need several materials (citations against the
    bibliography, the guide against the source's pages) run once all of them were read.
    Problems come in file and line order within each material.
    """
    edition, problems = read_edition(folder)
    if edition is None:
        return None, problems + _usual_materials(Path(folder))
    document = bibliography = glossary = None
    try:
        document = clean_file(str(edition.source), edition.clean_options)
    except EditionError as exc:
        problems.append(Problem(exc.message, exc.path, exc.line))
    else:
        starts = {block.first_line for block in document.blocks}
        continued = {line for line, kind in edition.clean_options.kinds if kind == CONTINUATION}
        problems += [
            _no_block("source.blocks", document, edition, line, config_line)
            for line, config_line in edition.block_lines
            if line not in (document.joined if line in continued else starts)
        ]
        problems += _abstract_problems(edition, document)
    try:
        bibliography = load_bibliography(edition.references)
    except EditionError as exc:
        problems.append(Problem(exc.message, exc.path, exc.line))
    keys = [ref.key for ref in bibliography.references] if bibliography else None
    if edition.glossary is not None:
        glossary, found = read_glossary(edition.glossary, keys)
        problems.extend(found)
    else:
        glossary = Glossary(None, ())
    editorial, found = read_editorial(edition.editorial)
    problems.extend(found)
    if edition.conversion_overrides is not None:
        try:
            load_overrides(edition.conversion_overrides)
        except EditionError as exc:
            problems.append(Problem(exc.message, exc.path, exc.line))
    if document is None or bibliography is None or glossary is None:
        return None, problems
    annotated = _annotate(edition, document, bibliography, glossary, editorial)
    problems += check(annotated)
    return annotated, problems


def _abstract_problems(edition: Edition, document: Document) -> list[Problem]:
    """``front_matter.abstract`` lines where no block begins (an error: the abstract would be
    shown without them), and blocks that are an "Abstract" label alone (a warning: the text
    begins at the next block; the cleaner sets a label on its own line apart)."""
    blocks = {block.first_line: block for block in document.blocks}
    problems = []
    for k, line in enumerate(edition.abstract_lines):
        where = edition.abstract_config_lines[k] if k < len(edition.abstract_config_lines) else None
        block = blocks.get(line)
        if block is None:
            problems.append(_no_block("front_matter.abstract", document, edition, line, where))
        elif FRONT_LABEL.fullmatch(block.text):
            following = _next_block(document, line)
            message = (
                f"front_matter.abstract: the block at line {line} is the label "
                f"{block.text!r} alone"
                + (f"; the abstract's text begins at line {following}" if following else "")
            )
            problems.append(Problem(message, edition.config, where, "warning"))
    return problems


def _no_block(
    field: str, document: Document, edition: Edition, line: int, config_line: int | None
) -> Problem:
    """The error for ``field`` of edition.yml (at ``config_line``) naming source line
    ``line``, where no block of ``document`` begins, with the reason
    (:func:`_no_block_at`; the source is read again only then)."""
    lines = read_text(edition.source).removesuffix("\n").split("\n")
    return Problem(
        f"{field}: no block of the cleaned source begins at line {line}: "
        f"{_no_block_at(document, lines, line)} (edition clean --report lists where blocks "
        "begin)",
        edition.config,
        config_line,
    )


def _next_block(document: Document, line: int) -> int | None:
    """The first line of the first block after source line ``line``, if any."""
    return next((b.first_line for b in document.blocks if b.first_line > line), None)


def _no_block_at(document: Document, lines: list[str], line: int) -> str:
    """Why no block can begin at source line ``line`` (1-based; ``lines`` are the source's),
    in words an editor acts on: past the end, removed as page furniture, blank (a block
    begins at the first line of its text), a row of a table or a line of an equation, which
    only its own rows cut, or (for a ``continuation``) a line the cleaner did not cut at."""
    if not 1 <= line <= len(lines):
        return f"the source has {len(lines)} lines"
    removed = next((r for r in document.removed if r.line == line), None)
    if removed is not None:
        return f"the line was removed from the reading text ({removed.reason.value})"
    if not lines[line - 1].strip():
        following = _next_block(document, line)
        after = f"; the next line with text begins at line {following}" if following else ""
        return f"the line is blank: a block begins at the first line of its text{after}"
    inside = next((b for b in document.blocks if b.first_line <= line <= b.last_line), None)
    if inside is None:
        return "the line is not part of the reading text"
    where = f"the line is inside the {inside.kind.value} of lines {inside.first_line}–"
    if inside.kind in (BlockKind.TABLE, BlockKind.EQUATION):
        return f"{where}{inside.last_line}, which only its own rows cut"
    if inside.first_line == line:  # a continuation that could not be joined
        return (
            f"the block at line {line} cannot be joined to the one before it (a table, an "
            "equation and the first block never are)"
        )
    return f"{where}{inside.last_line}, which the cleaner did not cut there: nothing to join"


def names_the_paper(citation: Citation, paper: Paper) -> bool:
    """Whether ``citation`` names the edited paper itself, as the line a journal prints on
    the paper's first page to say how to cite it ("Citation: Helker CSM, Schuermann A, …
    (2015). …", "引用格式：楊航耕、王卓宇（2024）……"): its year is the paper's, and its author
    part begins with the paper's authors, each name whole (folded as the citation engine
    compares names: case, accents, script), initials aside: the first two, or the first
    and "et al." (等), or the only one. A name in Han script is the full name (楊航耕), not
    the family name alone, which many authors share.

    The caller asks only of citations that link to no entry, in front matter: a work of the
    same author and year cited in the body is a citation like any other."""
    if not paper.authors or not paper.year or split_year(citation.year)[0] != str(paper.year):
        return False
    names = [fold(_full_name(a)) for a in paper.authors[:2]]
    said = citation.authors
    if is_han(said[:1]):
        told = fold(said)
        return told.startswith(names[0]) and (
            len(names) == 1 or names[1] in told[len(names[0]) :] or "等" in said
        )
    words = [fold(w) for w in _NAME_WORDS.findall(said) if not _INITIALS.fullmatch(w)]
    if words[:1] != names[:1]:
        return False
    return len(names) == 1 or words[1:2] == names[1:2] or bool(_ET_AL.search(said))


def _full_name(author) -> str:
    """An author of the paper as a citation names them: an organisation by its name, a
    person in Han script by the full name, any other by the family name."""
    if author.name:
        return author.name
    return author.family + author.given if is_han(author.family[:1]) else author.family


#: The words of a Latin author part, and those that are initials (CSM, A, J.-P).
_NAME_WORDS = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_INITIALS = re.compile(r"[A-Z]{1,3}")
_ET_AL = re.compile(r"\bet\.?\s*al\b|等")


def _usual_materials(folder: Path) -> list[Problem]:
    """The problems of the materials that lie under their usual names, for when edition.yml
    cannot be read: an editor still learns of every other mistake in the same run."""
    problems: list[Problem] = []
    keys = None
    if (folder / "references.bib").is_file():
        try:
            keys = [ref.key for ref in load_bibliography(folder / "references.bib").references]
        except EditionError as exc:
            problems.append(Problem(exc.message, exc.path, exc.line))
    if (folder / USUAL_NAMES["glossary"]).is_file():
        problems += check_glossary(folder / USUAL_NAMES["glossary"], keys)
    if (folder / EDITORIAL_FOLDER).is_dir():
        problems += read_editorial(folder / EDITORIAL_FOLDER)[1]
    return problems


def _annotate(
    edition: Edition,
    document: Document,
    bibliography: Bibliography,
    glossary: Glossary,
    editorial: Editorial,
) -> Annotated:
    index = CitationIndex.from_bibliography(bibliography)
    decisions = _Decisions(edition, bibliography)
    occurrences: list[Occurrence] = []
    doubted: list[Occurrence] = []
    by_block: dict[str, tuple[Occurrence, ...]] = {}
    terms: dict[str, tuple[TermMatch, ...]] = {}
    for block in document.blocks:
        found = []
        if block.kind is BlockKind.REFERENCE:
            # An entry of the paper's own reference list names a work; it does not cite one.
            by_block[block.id] = terms[block.id] = ()
            continue
        for citation in find_citations(block.text, index):
            line = block.line_at(citation.start)
            decision = decisions.find(line, citation)
            if decision is not None and decision.decision == "not-a-citation":
                continue
            if (
                decision is None
                and block.kind is BlockKind.FRONT_MATTER
                and citation.status == UNRESOLVED
                and names_the_paper(citation, edition.paper)
            ):
                continue  # the paper's own "how to cite" line: it cites no work
            if decision is None and citation.status == UNRESOLVED and citation.doubt:
                # Probably no citation (a survey's name and period): text until an editor
                # decides otherwise.
                doubted.append(
                    Occurrence("", block.id, citation, block.page_at(citation.start), line)
                )
                continue
            occurrence = Occurrence(
                id=f"c{len(occurrences) + 1}",
                block=block.id,
                citation=_decided(citation, decision),
                page=block.page_at(citation.start),
                line=line,
                decision=decision,
            )
            occurrences.append(occurrence)
            found.append(occurrence)
        by_block[block.id] = tuple(found)
        cited = [(o.citation.start, o.citation.end) for o in found]
        terms[block.id] = tuple(_block_terms(block, glossary, cited))
    return Annotated(
        edition=edition,
        document=document,
        bibliography=bibliography,
        index=index,
        glossary=glossary,
        editorial=editorial,
        occurrences=tuple(occurrences),
        citations_by_block=by_block,
        terms_by_block=terms,
        decision_problems=tuple(decisions.problems()),
        doubted=tuple(doubted),
    )


class _Decisions:
    """The editors' decisions of one edition, matched to citations by line and text."""

    def __init__(self, edition: Edition, bibliography: Bibliography) -> None:
        self.edition = edition
        self.bibliography = bibliography
        self.by_line: dict[int, list[Decision]] = {}
        for decision in edition.decisions:
            self.by_line.setdefault(decision.line, []).append(decision)
        self.used: set[int] = set()
        self.seen: dict[int, list[str]] = {}

    def find(self, line: int, citation: Citation) -> Decision | None:
        text = " ".join(citation.text.split())
        self.seen.setdefault(line, []).append(text)
        for decision in self.by_line.get(line, ()):
            if " ".join(decision.text.split()) == text:
                self.used.add(id(decision))
                return decision
        return None

    def problems(self) -> list[Problem]:
        """A decision that matches no citation any more (the source is never edited, so the
        engine changed or the decision was mistyped), and a link to an unknown entry."""
        found = []
        path = self.edition.config
        for decision in self.edition.decisions:
            if decision.key is not None and decision.key not in self.bibliography:
                found.append(
                    Problem(
                        f"decision for {decision.text!r}: no entry {decision.key!r} in "
                        f"{self.bibliography.path.name}",
                        path,
                        decision.config_line,
                    )
                )
            if id(decision) in self.used:
                continue
            there = self.seen.get(decision.line)
            hint = (
                f"citations found on that line: {', '.join(repr(t) for t in there)}"
                if there
                else "no citation is found on that line"
            )
            found.append(
                Problem(
                    f"decision for {decision.text!r} on source line {decision.line} matches no "
                    f"citation ({hint}): correct or delete it",
                    path,
                    decision.config_line,
                )
            )
        return found


def _decided(citation: Citation, decision: Decision | None) -> Citation:
    """The citation as the editors decided it: linked to their entry, or kept unresolved."""
    if decision is None:
        return citation
    if decision.decision == "link" and decision.key is not None:
        return dataclasses.replace(
            citation, status=RESOLVED, keys=(decision.key,), candidates=(), reason=""
        )
    return dataclasses.replace(
        citation, status=UNRESOLVED, keys=(), reason=decision.reason or citation.reason
    )


def check(annotated: Annotated) -> list[Problem]:
    """Every problem of an annotated edition: bibliography, citations, glossary references,
    editorial texts, quotations of the source in the editors' texts, the editors' decisions.

    Citations are checked as the reading text shows them, with the editors' decisions
    applied: each finding names its line of the source file. A citation the editors decided
    to keep unresolved is reported as a note, not an error.
    """
    bib = annotated.bibliography
    source = annotated.edition.source
    undecided = [o for o in annotated.occurrences if o.decision is None]
    undecided += annotated.doubted
    decided = [o for o in annotated.occurrences if o.decision is not None]
    problems = list(check_bibliography(bib))
    problems += check_citations(
        [o.citation for o in undecided],
        _cited_only(bib, {key for o in decided for key in o.citation.keys}),
        path=source,
        lines=[o.line for o in undecided],
    )
    problems += [
        Problem(
            f"unresolved citation {o.citation.text!r} kept by the editors' decision: "
            f"{o.decision.reason}",
            source,
            o.line,
            "info",
        )
        for o in decided
        if o.decision is not None and o.decision.decision == "unresolved"
    ]
    problems += check_glossary(annotated.glossary, [ref.key for ref in bib.references])
    problems += check_editorial(annotated.editorial, annotated.document, bib, annotated.glossary)
    problems += check_quotations(annotated)
    problems += annotated.decision_problems
    problems += check_reading(annotated.document, bib, source)
    problems += _lettered_years(annotated)
    return problems


#: A year with APA's letter: "2004a", "n.d.-b".
_YEAR_LETTER = re.compile(r"(?:(?<=\d)|-)[a-z]\Z")


def _lettered_years(annotated: Annotated) -> list[Problem]:
    """A warning for each entry cited with a year letter ("Cao & Zhang, 2004a") that its
    bibliography does not write: the letter is then the one APA's order gives (APA 7, 9.47:
    same authors and year ordered by title), and a paper that letters its works otherwise
    links each citation to the other work, silently. The editor checks the letters against
    the paper's reference list, or writes them in the entries' years (``year = {2004a}``)."""
    bib = annotated.bibliography
    cited = {
        key: o.citation.year
        for o in annotated.occurrences
        if o.citation.status == RESOLVED and _YEAR_LETTER.search(o.citation.year)
        for key in o.citation.keys
    }
    problems = []
    for key, year in sorted(cited.items()):
        ref = bib[key]
        if _YEAR_LETTER.search(ref.fields.get("year", ref.year)):
            continue
        problems.append(
            Problem(
                f"@{ref.entry_type}{{{key}}} is cited as {year!r}, a letter its year does not "
                f"write: APA's order of same-author works by title gives it (APA 7, 9.47); if "
                f"the paper letters them otherwise, write the letter in the year "
                f"(year = {{{bib.year_label(key)}}})",
                bib.path,
                ref.line,
                "warning",
            )
        )
    return problems


#: More of the text than this (in characters) read as front matter is not a paper's front
#: matter.
_FRONT_MATTER_SHARE = 0.5


def check_reading(document: Document, bib: Bibliography, source: Path) -> list[Problem]:
    """Signs that the cleaner read the source wrongly, for the editors to look at with
    ``edition clean --report``: most of the text taken for front matter (a warning
    at its first block after a heading), and a reference list whose entries are not as many
    as the bibliography's works (a note: the list may be cut wrongly, or a work is missing),
    two pages with one number (a warning: a page declared where the source has one)."""
    problems = []
    blocks = document.blocks
    front = [b for b in blocks if b.kind is BlockKind.FRONT_MATTER]
    share = sum(len(b.text) for b in front) / max(1, sum(len(b.text) for b in blocks))
    if share > _FRONT_MATTER_SHARE:
        headed = [b.first_line for b in blocks if b.kind is BlockKind.HEADING]
        after = [b for b in front if headed and b.first_line > headed[0]] or front
        problems.append(
            Problem(
                f"{len(front)} of {len(blocks)} blocks ({share:.0%} of the text) "
                "were read as front matter: check 'edition clean --report' and give the "
                "blocks that are the paper's body under source.blocks (kind: paragraph or "
                "heading)",
                source,
                after[0].first_line,
                "warning",
            )
        )
    seen: dict[int, Page] = {}
    for page in document.pages:
        if page.number is None:
            continue
        if page.number in seen:
            first = seen[page.number]
            problems.append(
                Problem(
                    f"the pages at lines {first.first_line} and {page.first_line} are both "
                    f"numbered {page.number}: check source.pages in edition.yml against the "
                    "page numbers the source prints (edition clean --report lists the pages)",
                    source,
                    page.first_line,
                    "warning",
                )
            )
        seen.setdefault(page.number, page)
    entries = [b for b in document.blocks if b.kind is BlockKind.REFERENCE]
    if entries and len(entries) != len(bib.references):
        problems.append(
            Problem(
                f"the source's reference list has {len(entries)} entries and the bibliography "
                f"{len(bib.references)}: a work missing from the bibliography, or the list "
                "cut wrongly (edition clean --report shows its entries)",
                source,
                entries[0].first_line,
                "info",
            )
        )
    return problems


def _cited_only(bib: Bibliography, linked: set[str]) -> Bibliography:
    """``bib`` without the entries the editors' decisions link to: those are cited."""
    if not linked:
        return bib
    return Bibliography(bib.path, tuple(r for r in bib.references if r.key not in linked))
