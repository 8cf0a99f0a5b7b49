"""Seeing through page breaks: the text as the reader reads it, with offsets back to the source.

A raw OCR text keeps the printed page: ``Klinenberg`` ends one page, then come the page
number, the publisher's lines and the running head, and ``(2018)`` starts the next page. The
citation is ``Klinenberg (2018)``, and the running head ``(EFRAEET) - (8) % 674 (2024)`` with
its year is no citation at all. So before searching, each page break (a line holding only a
page number or a form feed, with the blank lines, publisher's lines and isolated running heads
around it) is cut out of a *view* of the text; matches in the view are mapped back to offsets
in the text as given, and a citation that crosses a page break spans the furniture between.

The cleaner does more (it logs every removed line); this is only what citation finding needs,
and it costs one regex pass when a text has no page numbers.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from edition.citations.patterns import (
    BOILERPLATE,
    FULLWIDTH_FORM,
    HAN_LINE_BREAK,
    HAN_OR_CJK_MARK,
    INVISIBLE,
    INVISIBLE_CHARACTERS,
    LOWERCASE_START,
    LOWERCASE_WORD,
    PAGE_NUMBER_AFTER_BREAK,
    PAGE_NUMBER_LINE,
    SAME_WIDTH,
    SAME_WIDTH_CHARACTER,
    SENTENCE_END,
    TYPESET_MARKS,
    TYPESET_SPACES,
)
from edition.furniture import head_form

_HEAD_CONFUSIONS = str.maketrans({"O": "0", "l": "1", "I": "1", "c": "e", ",": "."})
#: Running heads are short; a longer isolated line is a paragraph.
MAX_HEAD_LENGTH = 100


@dataclass(frozen=True)
class View:
    """``text`` with page furniture cut out, and the way back to offsets in the source."""

    text: str
    #: offsets where kept pieces begin, in the view and in the source (same length, sorted)
    view_starts: tuple[int, ...] = (0,)
    source_starts: tuple[int, ...] = (0,)

    def source_offset(self, pos: int) -> int:
        """The source offset of view offset ``pos`` (a character start)."""
        piece = bisect.bisect_right(self.view_starts, pos) - 1
        return self.source_starts[piece] + pos - self.view_starts[piece]

    def source_end(self, end: int) -> int:
        """The source offset of view offset ``end`` as the end of a span."""
        return self.source_offset(end - 1) + 1 if end > 0 else 0

    def spans(self) -> Callable[[int, int], tuple[int, int]]:
        """A function mapping a view span ``(start, end)`` to ``(source_offset(start),
        source_end(end))``, fastest for spans that come in text order and do not cross a cut
        (nearly all): it keeps the piece of the last span and moves on from it."""
        starts, sources = self.view_starts, self.source_starts
        last = len(starts) - 1
        piece = 0

        def span(start: int, end: int) -> tuple[int, int]:
            nonlocal piece
            if start < starts[piece] or (piece < last and start >= starts[piece + 1]):
                if piece < last - 1 and starts[piece + 1] <= start < starts[piece + 2]:
                    piece += 1
                else:
                    piece = bisect.bisect_right(starts, start) - 1
            shift = sources[piece] - starts[piece]
            if piece == last or end <= starts[piece + 1]:
                return start + shift, end + shift
            return start + shift, self.source_end(end)

        return span


def page_view(text: str, cites: Callable[[str], bool]) -> View:
    """The view of ``text`` without its page furniture (the text itself when it has none).

    ``cites(line)`` tells whether a line holds a legible citation: such a line is text even
    when it stands alone beside a page number, since running heads never cite. A line break
    between two Chinese characters is cut too: Chinese is set without spaces and broken
    anywhere, so "陳美⏎玲（2020）" reads "陳美玲（2020）". Typeset spaces, other marks for an
    apostrophe or a hyphen, and fullwidth letters and digits are read as a space, the
    apostrophe or hyphen, and ASCII (``SAME_WIDTH``); invisible characters (a soft hyphen,
    a zero-width space) are cut. So "Smith," and "2019" joined by a no-break space read
    "Smith, 2019".
    """
    ascii_text = text.isascii()
    if ("`" in text) if ascii_text else _same_width_characters(text):  # "`": OCR's apostrophe
        text = SAME_WIDTH_CHARACTER.sub(lambda m: SAME_WIDTH[m.group()], text)
    zones = furniture_zones(text, cites)
    if not text.isascii():
        zones = _merge([*zones, *_han_line_breaks(text), *_invisible(text)])
    if not zones:
        return View(text)
    pieces: list[str] = []
    view_starts: list[int] = []
    source_starts: list[int] = []
    kept = 0
    length = 0
    for start, end in (*zones, (len(text), len(text))):
        if start > kept:
            view_starts.append(length)
            source_starts.append(kept)
            pieces.append(text[kept:start])
            length += start - kept
        kept = end
    if not view_starts:
        return View("", (0,), (len(text),))
    return View("".join(pieces), tuple(view_starts), tuple(source_starts))


def furniture_zones(text: str, cites: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Source ranges (whole lines with their newlines) that are page furniture, sorted."""
    lines = _Lines(text)
    first = PAGE_NUMBER_LINE.fullmatch(text, 0, lines.end(0))
    starts = ([0] if first else []) + [
        m.start("line") for m in PAGE_NUMBER_AFTER_BREAK.finditer(text)
    ]
    anchors = [s for s in starts if "\f" in lines.content(s) or lines.has_blank_neighbour(s)]
    if not anchors:
        return []
    walks = [(a, lines.walk(a, lines.previous), lines.walk(a, lines.following)) for a in anchors]
    # A head printed beside several page numbers is a running head whatever its words.
    heads = Counter(
        form
        for _, *sides in walks
        for form in {
            _head_key(lines.content(line)) for side in sides for line, head in side if head
        }
    )

    # On a quarter of the pages at least: a body line may recur in a text that repeats itself.
    recurring = max(2, len(anchors) // 4)

    def kept(line: int, is_head: bool) -> bool:
        if not is_head:
            return True
        content = lines.content(line)
        if LOWERCASE_START.match(content):
            return False
        if heads[_head_key(content)] >= recurring:
            return True  # printed beside many page numbers: a running head, whatever it says
        return not cites(content) and not LOWERCASE_WORD.search(content)

    zones: list[tuple[int, int]] = []
    for anchor, above, below in walks:
        first = last = anchor
        for line, is_head in above:
            if not kept(line, is_head):
                break
            first = line
        for line, is_head in below:
            if not kept(line, is_head):
                break
            last = line
        zones.append((first, lines.end_with_newline(last)))
    return _merge(zones)


def _same_width_characters(text: str) -> bool:
    """Whether ``text`` (not ASCII) has a character of ``SAME_WIDTH``. ``str`` scans for the
    few spaces and marks are quicker than a regex; fullwidth forms are looked for only in
    text typed with fullwidth punctuation, as Chinese and Japanese is."""
    if any(c in text for c in TYPESET_SPACES) or any(c in text for c in TYPESET_MARKS):
        return True
    return ("，" in text or "（" in text) and FULLWIDTH_FORM.search(text) is not None


def _invisible(text: str) -> list[tuple[int, int]]:
    """The runs of characters that print nothing (``INVISIBLE``)."""
    if not any(c in text for c in INVISIBLE_CHARACTERS):  # a quicker scan than the regex's
        return []
    return [match.span() for match in INVISIBLE.finditer(text)]


def _han_line_breaks(text: str) -> list[tuple[int, int]]:
    """The line breaks between two Chinese characters, with the blanks around them."""
    breaks = []
    for match in HAN_LINE_BREAK.finditer(text):
        before = HAN_OR_CJK_MARK.search(text, max(0, match.start() - 8), match.start())
        if before is not None:
            breaks.append((before.start() + 1, match.end()))
    return breaks


@lru_cache(maxsize=1 << 16)
def _furniture_line(line: str) -> bool:
    """A blank line, a page number or a publisher's line (cached: they repeat page after page)."""
    return (
        not line.strip()
        or PAGE_NUMBER_LINE.fullmatch(line) is not None
        or BOILERPLATE.search(line) is not None
    )


@lru_cache(maxsize=1 << 16)
def _head_line(line: str) -> bool:
    """A short line that ends no sentence: what a running head looks like."""
    line = line.strip()
    return len(line) <= MAX_HEAD_LENGTH and SENTENCE_END.search(line) is None


@lru_cache(maxsize=1 << 16)
def _head_key(line: str) -> str:
    """A running head as the pages print it, numbers masked and OCR confusions folded: the
    same head read "eLife" on one page and "eLifc" on the next is one head."""
    return head_form(line).translate(_HEAD_CONFUSIONS)


def _merge(zones: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(zones):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class _Lines:
    """Line arithmetic on a text by offsets, without splitting the whole text into lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        #: the lines already cut out, by start (each is looked at several times)
        self._contents: dict[int, str] = {}

    def start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def end(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return len(self.text) if end < 0 else end

    def end_with_newline(self, pos: int) -> int:
        return min(self.end(pos) + 1, len(self.text))

    def content(self, start: int) -> str:
        line = self._contents.get(start)
        if line is None:
            line = self._contents[start] = self.text[start : self.end(start)]
        return line

    def previous(self, start: int) -> int | None:
        return None if start == 0 else self.start(start - 1)

    def following(self, start: int) -> int | None:
        end = self.end(start)
        return None if end >= len(self.text) else end + 1

    def blank(self, start: int | None) -> bool:
        """Whether the line at ``start`` is blank; a missing line (text edge) counts as blank."""
        return start is None or not self.content(start).strip()

    def has_blank_neighbour(self, start: int) -> bool:
        return self.blank(self.previous(start)) or self.blank(self.following(start))

    def furniture(self, start: int) -> bool:
        return _furniture_line(self.content(start))

    def head_candidate(self, start: int, outer: int | None) -> bool:
        """A short line standing alone (blank on its far side) that ends no sentence."""
        return _head_line(self.content(start)) and self.blank(outer)

    def walk(self, anchor: int, step: Callable[[int], int | None]) -> list[tuple[int, bool]]:
        """The lines beside a page-number line, going one way, that may be page furniture.

        Each is ``(line start, is a running-head candidate)``; the walk stops at the first
        line that is neither furniture nor a candidate. Candidates are kept by the caller only
        when they prove to be running heads: a text line is never cut for being short.
        """
        found: list[tuple[int, bool]] = []
        line = step(anchor)
        while line is not None:
            if self.furniture(line):
                found.append((line, False))
            elif self.head_candidate(line, step(line)):
                found.append((line, True))
            else:
                break
            line = step(line)
        return found
