"""The cleaned document: pages, blocks and the log of removed lines.

This is the data every later stage reads. It keeps provenance end to end: each block knows
the source lines it came from and where in its text each of them begins, so a citation found
at an offset in a block can always say which line of the OCR file it stands on. Nothing of the
source is dropped without a trace: a line is in a block, in ``removed`` with its reason, or
blank.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from enum import StrEnum
from typing import Any


class BlockKind(StrEnum):
    """What a block is, as far as the source shows it.

    The names follow TEI P5 where it has one: ``head``, ``p``, ``front``, ``table``,
    ``formula`` (here *equation*), ``figDesc``/``head`` of a figure or table (*caption*).
    """

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    FRONT_MATTER = "front-matter"
    NOISE = "noise"
    #: Rows of cells (``Block.cells``), one source line a row: never prose, never noise.
    TABLE = "table"
    #: A display equation, its text verbatim (one source line a line of the block).
    EQUATION = "equation"
    #: A figure or table caption, from its label (``Figure 1.``, ``Table 3:``, ``表 2``) on.
    CAPTION = "caption"
    #: One entry of the paper's own reference list (TEI ``bibl`` in ``listBibl``): text, but
    #: never a place that cites.
    REFERENCE = "reference"


class RemovalReason(StrEnum):
    """Why a source line is not part of the reading text."""

    PAGE_NUMBER = "page-number"
    RUNNING_HEAD = "running-head"
    COPYRIGHT = "copyright"


class NumberSource(StrEnum):
    """How a page got its number: printed in the source, counted from one that is, or neither."""

    PRINTED = "printed"
    INFERRED = "inferred"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class LineAnchor:
    """Source line ``line`` (1-based) begins at ``offset`` in the block's text."""

    offset: int
    line: int


def line_at(anchors: Sequence[LineAnchor], offset: int) -> int:
    """The source line on which the character at ``offset`` stands, given a text's anchors."""
    starts = [anchor.offset for anchor in anchors]
    return anchors[max(bisect.bisect_right(starts, offset) - 1, 0)].line


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Page ``page`` (an index into ``Document.pages``) begins at ``offset`` in a block."""

    offset: int
    page: int


@dataclass(frozen=True, slots=True)
class Salvage:
    """A legible Latin island inside a noise block: a citation or an English gloss."""

    start: int
    end: int
    text: str
    kind: str  # "citation" | "gloss"
    line: int


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit of the source, with its provenance and its readability."""

    id: str
    kind: BlockKind
    text: str
    page: int
    first_line: int
    last_line: int
    score: float
    anchors: tuple[LineAnchor, ...]
    page_breaks: tuple[PageBreak, ...] = ()
    salvaged: tuple[Salvage, ...] = ()
    heading_like: bool = False
    #: For a TABLE: one row per line of ``text`` (in the order of ``anchors``), each row a
    #: tuple of cells, each cell ``(start, end)`` character offsets into ``text``; an empty
    #: cell is ``(start, start)``; a rule line (``|---|---|``) is a row without cells.
    cells: tuple[tuple[tuple[int, int], ...], ...] = ()

    @property
    def readable(self) -> bool:
        return self.kind is not BlockKind.NOISE

    def line_at(self, offset: int) -> int:
        """The source line on which the character at ``offset`` of the text stands."""
        return line_at(self.anchors, offset)

    def page_at(self, offset: int) -> int:
        """The page index on which the character at ``offset`` of the text stands."""
        page = self.page
        for brk in self.page_breaks:
            if brk.offset <= offset:
                page = brk.page
        return page


@dataclass(frozen=True, slots=True)
class Page:
    """A page of the source: its number and the source lines it spans."""

    index: int
    number: int | None
    number_source: NumberSource
    first_line: int
    last_line: int

    @property
    def label(self) -> str:
        """The page as a reader names it: ``99``, ``[100]`` when inferred, ``?`` when unknown."""
        if self.number is None:
            return "?"
        return (
            str(self.number) if self.number_source is NumberSource.PRINTED else f"[{self.number}]"
        )


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A source line left out of the reading text, and why."""

    line: int
    text: str
    reason: RemovalReason


@dataclass(frozen=True)
class Document:
    """The result of cleaning one OCR text."""

    source: str
    line_count: int
    pages: tuple[Page, ...]
    blocks: tuple[Block, ...]
    removed: tuple[RemovedLine, ...] = field(default=())
    #: source lines (1-based) at which the editors' reading joined a block to the one before
    joined: tuple[int, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output: dicts of the fields, lists for tuples; each block also
        says whether it is ``readable``. Enums stay (they are strings, JSON writes them so)."""
        data = _plain(self)
        for plain, block in zip(data["blocks"], self.blocks, strict=True):
            plain["readable"] = block.readable
        return data

    def plain_text(self) -> str:
        """The reading text: blocks separated by blank lines, page breaks as form feeds.

        A page break between blocks is a line holding a form feed, and the block after it is
        indented with an ideographic space (a new paragraph, not a run-on); a page break inside
        a block is a form feed at its place in the line. A table or an equation is written a
        source line a line (a table's rows keep their pipes, tabs or aligned spaces), so that
        it is recognised again. Cleaning this text again gives the same text back (cleaning
        is idempotent), which makes it a safe interchange form.
        """
        parts: list[str] = []
        previous_page = 0
        for block in self.blocks:
            text = block.text
            for brk in reversed(block.page_breaks):
                text = f"{text[: brk.offset]}\f{text[brk.offset :]}"
            if parts and block.page != previous_page:
                parts.append("\f")
                text = "\u3000" + text
            parts.append(text)
            previous_page = block.page_at(len(block.text))
        return "\n\n".join(parts) + "\n"


def _plain(value: Any) -> Any:
    """``value`` as JSON takes it: a dataclass as a dict of its fields, a tuple or list as a
    list, recursively (:func:`dataclasses.asdict` also deep-copies every value, which the
    document's thousands of lines make slow)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
