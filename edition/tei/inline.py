"""Text with markup at character offsets, nested into elements.

The stages describe a text by offsets: a citation is ``text[start:end]``, a term another span,
a source line begins at an offset, a page breaks at one. XML needs properly nested elements.
:func:`fill` turns three kinds of markup over one text into them:

* :class:`Span` — an element around ``text[start:end]`` (``ref``, ``term``, ``unclear``…);
* :class:`Point` — an empty element, or one with content of its own, at an offset (``lb``,
  ``pb``, ``fw``);
* :class:`Swap` — where the reading text has ``text[start:end]`` and the source had
  ``orig``: written ``<choice><orig>…</orig><reg>…</reg></choice>`` (TEI P5 3.5.2,
  regularization), so that both the source and the cleaned text can be read back.

Spans that cross are made to nest: a span boundary inside a swap moves to the swap's edge, and
a span that overlaps the end of an enclosing one is cut there (spans of equal extent nest by
``rank``, lower outside). At one offset, spans end first, then the points come in their
``order``, then spans begin: a line break stands outside a citation that begins its line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from edition.tei.elements import Element, append_text, sub


@dataclass(frozen=True)
class Span:
    """Element ``tag`` with ``attrib`` around ``text[start:end]``."""

    start: int
    end: int
    tag: str
    attrib: Mapping[str, object] = field(default_factory=dict)
    #: among spans of one extent, lower ranks enclose higher ones
    rank: int = 0


@dataclass(frozen=True)
class Point:
    """``make(parent)`` appends an element at ``offset``; ``order`` sorts points at one offset
    (the source line they belong to, then a rank)."""

    offset: int
    order: tuple[int, int]
    make: Callable[[Element], object]


@dataclass(frozen=True)
class Swap:
    """The reading text has ``text[start:end]`` where the source line ``line`` has ``orig``."""

    start: int
    end: int
    orig: str
    line: int


#: the rank of a swap among spans: always the innermost
_LEAF = 1 << 30


def choice(parent: Element, orig: str, reg: str) -> Element:
    """``<choice><orig>orig</orig><reg>reg</reg></choice>`` appended to ``parent``."""
    made = sub(parent, "choice")
    append_text(sub(made, "orig"), orig)
    append_text(sub(made, "reg"), reg)
    return made


def fill(
    parent: Element,
    text: str,
    start: int,
    end: int,
    spans: Iterable[Span] = (),
    points: Iterable[Point] = (),
    swaps: Iterable[Swap] = (),
) -> None:
    """Append ``text[start:end]`` to ``parent`` with the given markup nested in it.

    Spans are cut to ``[start, end]``; points and swaps outside it are left out.
    """
    swaps = [s for s in swaps if start <= s.start and s.end <= end]
    extents = [s for s in swaps if s.end > s.start]
    marks = [*points, *(_swap_point(s) for s in swaps if s.end == s.start)]
    marks = [_outside_swaps(p, extents) for p in marks if start <= p.offset <= end]
    nested = _nest([*(_fit(s, extents, start, end) for s in spans), *map(_swap_span, extents)])
    nested = [s for s in nested if s.end > s.start]
    originals = {(s.start, s.end): s.orig for s in extents}
    opening = sorted(nested, key=lambda s: (s.start, -s.end, s.rank))
    marks.sort(key=lambda p: (p.offset, p.order))
    stack: list[tuple[Element, int, bool]] = [(parent, end, False)]
    position, i, j = start, 0, 0
    while True:
        top, top_end, leaf = stack[-1]
        boundary = min(
            opening[i].start if i < len(opening) else end,
            marks[j].offset if j < len(marks) else end,
            top_end,
        )
        if not leaf:
            append_text(top, text[position:boundary])
        position = boundary
        while len(stack) > 1 and stack[-1][1] == position:
            stack.pop()
        while j < len(marks) and marks[j].offset == position:
            marks[j].make(stack[-1][0])
            j += 1
        while i < len(opening) and opening[i].start == position:
            span = opening[i]
            i += 1
            if span.rank == _LEAF:
                choice(stack[-1][0], originals[(span.start, span.end)], text[span.start : span.end])
                stack.append((stack[-1][0], span.end, True))
            else:
                stack.append((sub(stack[-1][0], span.tag, span.attrib), span.end, False))
        if position >= end and i >= len(opening) and j >= len(marks):
            break


def _swap_point(swap: Swap) -> Point:
    """A swap with nothing in the reading text (a hyphen removed at a line's end): a point after
    everything else of its line at that offset."""
    return Point(swap.start, (swap.line, 3), lambda parent: choice(parent, swap.orig, ""))


def _swap_span(swap: Swap) -> Span:
    return Span(swap.start, swap.end, "choice", rank=_LEAF)


def _outside_swaps(point: Point, swaps: Sequence[Swap]) -> Point:
    for swap in swaps:
        if swap.start < point.offset < swap.end:
            return replace(point, offset=swap.end)
    return point


def _fit(span: Span, swaps: Sequence[Swap], start: int, end: int) -> Span:
    """``span`` cut to ``[start, end]``, its edges moved out of any swap they fall inside."""
    left, right = max(span.start, start), min(span.end, end)
    for swap in swaps:
        if swap.start < left < swap.end:
            left = swap.start
        if swap.start < right < swap.end:
            right = swap.end
    return replace(span, start=left, end=max(left, right))


def _nest(spans: list[Span]) -> list[Span]:
    """The spans cut so that each lies inside every span it begins in."""
    out: list[Span] = []
    open_ends: list[int] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.rank)):
        while open_ends and open_ends[-1] <= span.start:
            open_ends.pop()
        if open_ends and span.end > open_ends[-1]:
            span = replace(span, end=open_ends[-1])
        out.append(span)
        open_ends.append(span.end)
    return out
