"""The transcription: ``front`` and ``body`` from the cleaned document, line by line.

Each block of the cleaned :class:`~edition.document.Document` becomes one element (see the
table in :mod:`edition.tei`), filled with its reading text and, in place, with what the stages
found in it: citations (``ref``), glossary terms (``term``), the English glosses salvaged in
OCR noise (``gloss``), the noise itself (``unclear``). Every source line is marked where it
begins (``lb/@n``, its line number), and where the cleaner changed a line (a ligature spelled
out, an end-of-line hyphen removed, a soft hyphen dropped) the source's characters stay beside
the reading as ``choice/orig``; so both the reading text and every source line can be read
back from the file. Lines the cleaner left out (page numbers, running heads, publishers'
lines) are ``fw`` at their place, and pages begin with ``pb``, at the line where the source
begins them.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from edition.annotation import Annotated, Occurrence
from edition.citations import AMBIGUOUS, ILLEGIBLE, RESOLVED, UNRESOLVED, Citation
from edition.document import Block, BlockKind, NumberSource, Page, RemovalReason
from edition.errors import read_text
from edition.script import text_language
from edition.tei.elements import Element, append_text, local, set_attributes, sub
from edition.tei.inline import Point, Span, Swap, fill

#: ``fw/@type`` of each kind of line the cleaner leaves out (TEI P5 11.6: ``pageNum`` and
#: ``header`` are the Guidelines' own values; a publisher's line has none).
FORME_WORK = {
    RemovalReason.PAGE_NUMBER: "pageNum",
    RemovalReason.RUNNING_HEAD: "header",
    RemovalReason.COPYRIGHT: "copyright",
}
#: ``ref/@subtype`` of a citation that links to no entry, by its status
UNLINKED = {ILLEGIBLE: "illegible", UNRESOLVED: "unresolved", AMBIGUOUS: "ambiguous"}
#: the editors' ``respStmt``, and the toolkit's ``application`` (what ``@resp`` points at)
EDITORS = "#editors"
TOOLKIT = "#toolkit"

# The order of points at one offset within one source line: a page begins before the line's
# break, a line left out follows its own break, an end-of-line swap comes last.
_PAGE, _LINE, _FORME = 0, 1, 2
#: around the illegible names of a citation: brackets and what the OCR made of separators
_NAME_EDGES = " \t\n(（[【"
_NAME_TAIL = " \t\n,，、;；:：>·~-"
_SPACE_RUN = re.compile(r"\S+")


def source_lines(annotated: Annotated) -> list[str]:
    """The edition's source lines as transcribed (index 0 is line 1), as the cleaner numbers
    them: without carriage returns and the form feeds that break pages, and without the blanks
    (spaces, tabs, ideographic spaces) around them."""
    text = read_text(annotated.edition.source)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.replace("\r", "").replace("\f", "").strip(" \t\u3000") for line in lines]


@dataclass
class _Layout:
    """A block's source lines: where each begins and ends in its text, how it joins the next,
    and where the cleaner's text differs from the source."""

    block: Block
    offsets: list[int]
    lines: list[int]
    ends: list[int]
    #: joined[k]: line k+1 continues line k without a blank (a word or CJK text runs on)
    joined: list[bool]
    swaps: list[Swap]
    points: list[Point] = field(default_factory=list)

    def index_at(self, offset: int) -> int:
        """The index of the line holding ``offset``."""
        return max(bisect.bisect_right(self.offsets, offset) - 1, 0)

    def line_start(self, line: int) -> int:
        """The index of the first line at or after source line ``line``."""
        return bisect.bisect_left(self.lines, line)


def _layout(block: Block, source: Sequence[str]) -> _Layout:
    offsets = [anchor.offset for anchor in block.anchors]
    lines = [anchor.line for anchor in block.anchors]
    ends, joined, swaps = [], [], []
    for k, start in enumerate(offsets):
        stop = offsets[k + 1] if k + 1 < len(offsets) else len(block.text)
        core = block.text[start:stop].rstrip(" \n")
        ends.append(start + len(core))
        joined.append(start + len(core) == stop)
        original = source[lines[k] - 1] if lines[k] <= len(source) else ""
        if original != core:
            matcher = difflib.SequenceMatcher(None, original, core, autojunk=False)
            swaps += [
                Swap(start + j1, start + j2, original[i1:i2], lines[k])
                for tag, i1, i2, j1, j2 in matcher.get_opcodes()
                if tag != "equal"
            ]
    return _Layout(block, offsets, lines, ends, joined, swaps)


class Transcription:
    """The ``front`` and ``body`` of one annotated edition (see the module docstring)."""

    def __init__(
        self, annotated: Annotated, reference_ids: Mapping[str, str], term_ids: Mapping[str, str]
    ) -> None:
        self.annotated = annotated
        self.document = annotated.document
        self.reference_ids = reference_ids
        self.term_ids = term_ids
        self.source = source_lines(annotated)
        self.layouts = {b.id: _layout(b, self.source) for b in self.document.blocks}
        self.first_lines = [b.first_line for b in self.document.blocks]
        #: what stands between blocks, by (source line, order): pages and lines left out
        self.between: list[tuple[tuple[int, int], Callable[[Element], object]]] = []
        self._place_pages()
        self._place_removed()
        self._place_line_breaks()

    # --- where pages, left-out lines and line breaks go ---------------------------------

    def _block_around(self, line: int) -> _Layout | None:
        """The block whose lines run on past ``line``: it begins before and ends at or after."""
        blocks = self.document.blocks
        index = bisect.bisect_left(self.first_lines, line) - 1
        if index >= 0 and blocks[index].last_line >= line:
            return self.layouts[blocks[index].id]
        return None

    def _place_pages(self) -> None:
        breaks = {
            brk.page: (block.id, brk.offset)
            for block in self.document.blocks
            for brk in block.page_breaks
        }
        for page in self.document.pages:
            line = page.first_line
            make = _page_break(page)
            found = breaks.get(page.index)
            if found is not None:
                layout = self.layouts[found[0]]
                k = layout.index_at(found[1])
                if layout.lines[k] == line and found[1] > layout.offsets[k]:
                    # The page begins inside the line (the source breaks it there).
                    text = layout.block.text
                    inside = 0 < found[1] < len(text) and not (
                        text[found[1] - 1].isspace() or text[found[1]].isspace()
                    )
                    point = Point(found[1], (line, _PAGE), make(inside))
                    layout.points.append(point)
                    continue
            layout = self._block_around(line)
            if layout is None:
                self.between.append(((line, _PAGE), make(False)))
                continue
            k = layout.line_start(line)
            point = Point(layout.offsets[k], (line, _PAGE), make(layout.joined[k - 1]))
            layout.points.append(point)

    def _place_removed(self) -> None:
        for removed in self.document.removed:
            line = removed.line
            text = self.source[line - 1] if line <= len(self.source) else removed.text
            make = _forme_work(line, text, FORME_WORK[removed.reason])
            layout = self._block_around(line)
            if layout is None:
                self.between.append(((line, _FORME), make))
            else:
                offset = layout.offsets[layout.line_start(line)]
                layout.points.append(Point(offset, (line, _FORME), make))

    def _place_line_breaks(self) -> None:
        for layout in self.layouts.values():
            for k, (offset, line) in enumerate(zip(layout.offsets, layout.lines, strict=True)):
                attrib = {"n": line, "break": "no" if k and layout.joined[k - 1] else None}
                layout.points.append(Point(offset, (line, _LINE), _empty("lb", attrib)))

    # --- the text ---------------------------------------------------------------------------

    def build(self, text: Element) -> None:
        """Append ``front`` (when the source opens with front matter) and ``body`` to ``text``.

        Pages and lines left out that stand between two blocks go with the block after them,
        into its division (a ``pb`` opens the division whose first page it begins).
        """
        blocks = self.document.blocks
        abstract = set(self.annotated.edition.abstract_lines)
        opening = 0
        while opening < len(blocks) and (
            blocks[opening].kind is BlockKind.FRONT_MATTER or blocks[opening].first_line in abstract
        ):
            opening += 1
        in_front = {block.id for block in blocks[:opening]}
        stream: list[tuple[tuple[int, int], Block | Callable[[Element], object]]] = [
            ((block.first_line, _LINE), block) for block in blocks
        ]
        stream += self.between
        stream.sort(key=lambda item: item[0])
        front = _Front(text, abstract) if opening else None
        body = _Body(text, blocks)
        current: _Front | _Body = front or body
        pending: list[Callable[[Element], object]] = []
        for _, item in stream:
            if isinstance(item, Block):
                current = front if front is not None and item.id in in_front else body
                current.add(self, item, pending)
                pending = []
            else:
                pending.append(item)
        for make in pending:
            make(current.last())
        body.close()

    def fill_block(self, element: Element, block: Block, extra: Sequence[Span] = ()) -> None:
        """``element`` filled with the block's text, everything found in it and ``extra``."""
        layout = self.layouts[block.id]
        found = [*self.spans(block), *extra]
        fill(element, block.text, 0, len(block.text), found, layout.points, layout.swaps)

    def spans(self, block: Block) -> list[Span]:
        """Citations and terms of a block, and in noise its salvaged glosses and the noise."""
        annotated = self.annotated
        found: list[Span] = []
        for occurrence in annotated.citations_by_block[block.id]:
            found += self.citation(occurrence)
        for match in annotated.terms_by_block[block.id]:
            target = self.term_ids.get(match.term_id)
            if target is not None:
                found.append(Span(match.start, match.end, "term", {"ref": f"#{target}"}, rank=1))
        if block.kind is BlockKind.NOISE:
            found += [
                Span(s.start, s.end, "gloss", {"xml:lang": "en"})
                for s in block.salvaged
                if s.kind == "gloss"
            ]
            found += self._noise(block)
        return found

    def citation(self, occurrence: Occurrence) -> list[Span]:
        """A citation as ``ref`` to its entry (TEI P5 3.7: ``@type="bibr"`` as GROBID writes
        it), and the illegible names of an illegible one as ``unclear``."""
        citation = occurrence.citation
        start, end = citation.start, citation.end
        resolved = citation.status == RESOLVED
        attrib = {
            "xml:id": occurrence.id,
            "type": "bibr",
            "subtype": None if resolved else UNLINKED.get(citation.status, citation.status),
            "target": " ".join(f"#{self.reference_ids[k]}" for k in citation.keys)
            if resolved
            else None,
            "resp": EDITORS if occurrence.decision is not None else None,
        }
        found = [Span(start, end, "ref", attrib)]
        if citation.status == ILLEGIBLE:
            names = illegible_names(citation)
            if names is not None:
                found.append(Span(names[0], names[1], "unclear", _ILLEGIBLE, rank=2))
        return found

    def _noise(self, block: Block) -> list[Span]:
        """The noise of a block as ``unclear`` runs: everything but the legible islands (its
        citations and salvaged glosses), cut where a page begins or a line left out stands."""
        occurrences = self.annotated.citations_by_block[block.id]
        islands = [(o.citation.start, o.citation.end) for o in occurrences]
        islands += [(s.start, s.end) for s in block.salvaged]
        cuts = {p.offset for p in self.layouts[block.id].points if p.order[1] != _LINE}
        bounds = sorted({0, len(block.text), *cuts, *(edge for pair in islands for edge in pair)})
        runs = []
        for start, end in itertools.pairwise(bounds):
            if any(a <= start and end <= b for a, b in islands):
                continue
            words = [m.span() for m in _SPACE_RUN.finditer(block.text, start, end)]
            if words:
                runs.append(Span(words[0][0], words[-1][1], "unclear", _ILLEGIBLE))
        return runs

    def table(self, element: Element, block: Block) -> None:
        """A table's rows (TEI P5 14.1.1): each source line a ``row`` of its cells, a rule line
        (``|---|``) a ``metamark`` between rows; the characters between cells (pipes) are kept
        inside the cells as ``metamark`` so that each row's line stays whole. A rule line after
        the first row makes that row the header (``@role="label"``), as Markdown tables do."""
        layout = self.layouts[block.id]
        text = block.text
        spans = self.spans(block)
        rows = block.cells
        header = len(rows) > 1 and not rows[1]
        count = min(len(rows), len(layout.offsets))
        for k in range(count):
            start, end, line = layout.offsets[k], layout.ends[k], layout.lines[k]
            stop = layout.offsets[k + 1] if k + 1 < count else len(text) + 1
            here = [p for p in layout.points if start <= p.offset < stop]
            before = sorted(
                (p for p in here if p.offset == start and p.order <= (line, _LINE)),
                key=lambda p: p.order,
            )
            for point in before:
                point.make(element)
            inside = [p for p in here if p not in before]
            swaps = [s for s in layout.swaps if start <= s.start < stop]
            cells = rows[k]
            if not cells:
                rule = sub(element, "metamark", {"function": "rule"})
                fill(rule, text, start, end, (), inside, swaps)
                continue
            label = "label" if header and k == 0 else None
            row = sub(element, "row", {"role": label})
            edges = [_outside(e, swaps) for e in [start, *(c[0] for c in cells[1:]), end]]
            separators = _separators(text, start, end, cells)
            for index in range(len(cells)):
                lo, hi = edges[index], max(edges[index], edges[index + 1])
                last = index == len(cells) - 1
                fill(
                    sub(row, "cell", {"role": label}),
                    text,
                    lo,
                    hi,
                    [s for s in [*spans, *separators] if lo <= s.start < hi],
                    [p for p in inside if lo <= p.offset < hi or (last and p.offset == hi)],
                    [s for s in swaps if lo <= s.start < hi or (last and s.start == hi)],
                )
            for point in sorted((p for p in inside if p.offset > end), key=lambda p: p.order):
                point.make(element)

    def equation(self, element: Element, block: Block) -> None:
        """A display equation (TEI P5 14.2): each source line that holds nothing else a
        ``formula`` (whose content model admits no line break, reference or choice), after its
        ``lb``."""
        layout = self.layouts[block.id]
        spans = self.spans(block)
        formulas = []
        for k, start in enumerate(layout.offsets):
            end = layout.ends[k]
            plain = not any(s.start < end and start < s.end for s in spans) and not any(
                start <= s.start <= end for s in layout.swaps
            )
            if plain and end > start:
                formulas.append(Span(start, end, "formula"))
        self.fill_block(element, block, formulas)


_ILLEGIBLE = {"reason": "illegible"}


def _outside(offset: int, swaps: Sequence[Swap]) -> int:
    for swap in swaps:
        if swap.start < offset < swap.end:
            return swap.end
    return offset


def _separators(text: str, start: int, end: int, cells: Sequence[tuple[int, int]]) -> list[Span]:
    """The characters between the cells of a row (pipes), each run a ``metamark``."""
    gaps = [(start, cells[0][0])]
    gaps += [(cells[i][1], cells[i + 1][0]) for i in range(len(cells) - 1)]
    gaps.append((cells[-1][1], end))
    return [
        Span(match.start(), match.end(), "metamark", {"function": "separator"})
        for lo, hi in gaps
        for match in _SPACE_RUN.finditer(text, lo, max(lo, hi))
    ]


def illegible_names(citation: Citation) -> tuple[int, int] | None:
    """Where the illegible names of an illegible citation stand in the text it was found in:
    what comes before its year, without brackets and separators. ``None`` when nothing does
    (``(2021)``) or the year as read is not in the text (an OCR confusion undone)."""
    text = citation.text
    at = text.rfind(citation.year) if citation.year else -1
    if at <= 0:
        return None
    head = text[:at]
    left = len(head) - len(head.lstrip(_NAME_EDGES))
    right = len(head.rstrip(_NAME_TAIL))
    if right <= left:
        return None
    return citation.start + left, citation.start + right


def _empty(tag: str, attrib: Mapping[str, object]) -> Callable[[Element], object]:
    return lambda parent: sub(parent, tag, attrib)


def _page_break(page: Page) -> Callable[[bool], Callable[[Element], object]]:
    """``pb`` (TEI P5 3.11.3) for ``page``: ``@n`` its number; an inferred number with
    ``@type="inferred"``, ``@cert`` and the editors as ``@resp``; a page whose number the
    source does not show with ``@type="unnumbered"`` and no ``@n``. ``@break="no"`` when the
    page breaks inside a word."""
    attrib: dict[str, object] = {"xml:id": f"page-{page.index + 1}", "n": page.number}
    if page.number_source is NumberSource.INFERRED:
        attrib |= {"type": "inferred", "cert": "medium", "resp": EDITORS}
    elif page.number_source is NumberSource.UNKNOWN:
        attrib["type"] = "unnumbered"

    def make(inside_word: bool) -> Callable[[Element], object]:
        return _empty("pb", {**attrib, "break": "no" if inside_word else None})

    return make


def _forme_work(line: int, text: str, kind: str) -> Callable[[Element], object]:
    """A line the cleaner left out: its ``lb``, then the line as ``fw`` (TEI P5 11.6)."""

    def make(parent: Element) -> None:
        sub(parent, "lb", {"n": line})
        append_text(sub(parent, "fw", {"type": kind}), text)

    return make


def _block_attrib(transcription: Transcription, block: Block) -> dict[str, object]:
    """A block's ``xml:id`` (the site's anchor) and, where it differs from the text's, its
    ``xml:lang``. Noise keeps the text's language: it is that text, illegible."""
    language = transcription.annotated.edition.paper.language
    attrib: dict[str, object] = {"xml:id": block.id}
    if block.kind is not BlockKind.NOISE:
        own = text_language(block.text, language)
        if own != language:
            attrib["xml:lang"] = own
    return attrib


class _Front:
    """The front matter as ``div``s (TEI P5 4.5): the blocks of the published abstract a
    ``div[@type="abstract"]`` (``@part`` when other front matter interrupts it), the other
    blocks in runs of plain ``div``s, each block a ``p``."""

    def __init__(self, text: Element, abstract: set[int]) -> None:
        self.element = sub(text, "front")
        self.abstract = abstract
        self.div: Element | None = None
        self.div_is_abstract = False
        self.abstract_divs: list[Element] = []

    def add(self, transcription: Transcription, block: Block, pending: list) -> None:
        is_abstract = block.first_line in self.abstract
        if self.div is None or is_abstract != self.div_is_abstract:
            self.div = sub(self.element, "div", {"type": "abstract" if is_abstract else None})
            self.div_is_abstract = is_abstract
            if is_abstract:
                self.abstract_divs.append(self.div)
                last = len(self.abstract_divs) - 1
                for index, div in enumerate(self.abstract_divs if last else ()):
                    div.set("part", "I" if index == 0 else "F" if index == last else "M")
        for make in pending:
            make(self.div)
        transcription.fill_block(sub(self.div, "p", _block_attrib(transcription, block)), block)

    def last(self) -> Element:
        return self.div if self.div is not None else self.element


class _Body:
    """The body: a ``div`` from each heading on (TEI P5 4.1; the source shows no levels, so
    the divisions are not nested), each block by its kind (see :mod:`edition.tei`)."""

    def __init__(self, text: Element, blocks: Sequence[Block]) -> None:
        self.element = sub(text, "body")
        self.current = self.element
        self.references: Element | None = None
        #: tables opened by their caption, by the table block's id
        self.tables: dict[str, Element] = {}
        #: a caption directly followed by a table is that table's ``head``
        self.captions = {
            blocks[i].id: blocks[i + 1].id
            for i in range(len(blocks) - 1)
            if blocks[i].kind is BlockKind.CAPTION and blocks[i + 1].kind is BlockKind.TABLE
        }

    def add(self, transcription: Transcription, block: Block, pending: list) -> None:
        kind = block.kind
        attrib = _block_attrib(transcription, block)
        if kind is BlockKind.HEADING:
            self.current = sub(self.element, "div")
        if kind is not BlockKind.REFERENCE:
            self.references = None
        holder = self.current if self.references is None else self.references
        target = self.tables.get(block.id, holder)
        for make in pending:
            make(target)
        if kind is BlockKind.REFERENCE:
            if self.references is None:
                self.references = sub(self.current, "listBibl")
            transcription.fill_block(sub(self.references, "bibl", attrib), block)
        elif kind is BlockKind.HEADING:
            transcription.fill_block(sub(self.current, "head", attrib), block)
        elif kind is BlockKind.TABLE:
            table = self.tables.pop(block.id, None)
            if table is None:
                table = sub(self.current, "table")
            set_attributes(table, attrib)
            transcription.table(table, block)
        elif kind is BlockKind.CAPTION:
            if block.id in self.captions:
                holder = sub(self.current, "table")
                self.tables[self.captions[block.id]] = holder
            else:
                holder = sub(self.current, "figure")
            transcription.fill_block(sub(holder, "head", attrib), block)
        elif kind is BlockKind.EQUATION:
            transcription.equation(sub(self.current, "ab", {**attrib, "type": "equation"}), block)
        elif kind is BlockKind.NOISE:
            shape = "heading-like" if block.heading_like else None
            noise = sub(self.current, "ab", {**attrib, "type": "ocr-noise", "subtype": shape})
            transcription.fill_block(noise, block)
        else:
            transcription.fill_block(sub(self.current, "p", attrib), block)

    def last(self) -> Element:
        return self.current

    def close(self) -> None:
        """A body must hold a division or a block, not only milestones and figures: a text
        that is all front matter (or captions) gets an empty ``div``."""
        if all(local(child) in _GLOBAL for child in self.element):
            sub(self.element, "div")


#: what the body holds that TEI counts as ``model.global``, not as a block
_GLOBAL = frozenset({"lb", "pb", "fw", "figure"})
