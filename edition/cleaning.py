"""Clean an OCR text into a Document: drop page furniture, rejoin paragraphs, judge readability.

The cleaner works in three passes over the source lines:

1. *furniture*: page numbers, copyright/publisher lines and running heads are found, logged with
   their reason and line, and grouped into page-break zones;
2. *pages and blocks*: the remaining lines are joined into blocks (paragraphs and headings)
   across line breaks and page breaks, undoing end-of-line hyphenation in English and joining
   CJK text without spaces; each block keeps a map from its text offsets to source lines;
3. *judgement*: each block gets a readability score and a kind; inside noise, legible Latin
   islands (citations and parenthesised English glosses) are salvaged with their positions.

Every decision depends only on the text, so cleaning the cleaned text changes nothing.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from edition.document import (
    Block,
    BlockKind,
    Document,
    LineAnchor,
    NumberSource,
    Page,
    PageBreak,
    RemovalReason,
    RemovedLine,
    Salvage,
    line_at,
)
from edition.errors import EditionError
from edition.furniture import COPYRIGHT, LOWERCASE_START, PAGE_NUMBER_LINE, head_form
from edition.readability import readability, tally
from edition.script import is_cjk

#: A block scoring below this is noise.
READABLE_THRESHOLD = 0.5

#: The copyright pattern searched case-sensitively over lowercased text: several times faster
#: than an ignore-case search, and lowercasing keeps every line break, so line numbers hold.
_COPYRIGHT_LOWER = re.compile(COPYRIGHT.pattern)
#: A whole line that is a page number with its number, over the joined lines.
_PAGE_NUMBER_LINES = re.compile(rf"^(?:{PAGE_NUMBER_LINE.pattern})$", re.MULTILINE)
#: A short line in a page-break zone that names a volume, an issue or ends in a year in
#: parentheses is the journal's running head: "Communication and Society, 67 (2024)".
_HEAD_SHAPE = re.compile(r"\(\d{4}\)\s*$|\b(?:vol|no)\.\s*\d|第\s*\d+\s*[期卷]", re.IGNORECASE)
_HEAD_MAX_CHARS = 90
_FRONT_MARKER = re.compile(
    r"^(?:abstract\b|keywords?\s*[:：]|key words\s*[:：]|citation of this article"
    r"|摘\s*要|關鍵詞|关键词)",
    re.IGNORECASE,
)
_SENTENCE_END = tuple('.?!。！？」』”"…:：')
_HEADING_STOP = tuple(".,;:!?，。；：！？、")
_NEW_PARAGRAPH = "\u3000"
_GLOSS = re.compile(
    r"[(（]\s*([A-Za-z][A-Za-z'’\-]*(?:[ \n][A-Za-z][A-Za-z'’\-]*)*(?:,[ \n][A-Za-z]+)?)\s*[)）]"
)
_HYPHENATED = re.compile(r"[^\W\d_]+-[^\W\d_]+")
_WORD = re.compile(r"[^\W\d_]+")
_LAST_WORD = re.compile(r"([^\W\d_]+)-$")


@dataclass(frozen=True)
class PageStart:
    """An editor's statement that a page begins at ``line`` (the OCR export did not mark it).

    ``number`` sets the page's number; ``numbered=False`` says it cannot be known (for example
    front matter printed elsewhere in the issue), which also stops counting across it.
    """

    line: int
    number: int | None = None
    numbered: bool = True


@dataclass(frozen=True)
class CleanOptions:
    """What an edition tells the cleaner about its source beyond what the text shows."""

    running_heads: tuple[str, ...] = ()
    page_starts: tuple[PageStart, ...] = ()


@dataclass(slots=True)
class _Line:
    number: int  # 1-based
    text: str  # stripped
    blank: bool
    reason: RemovalReason | None = None
    feed_before: bool = False
    feed_after: bool = False
    feeds: tuple[int, ...] = ()  # offsets in ``text`` of form feeds inside the line


@dataclass
class _Draft:
    """A block being assembled from lines."""

    page: int
    first_line: int
    last_line: int = 0
    text: str = ""
    anchors: list[LineAnchor] = field(default_factory=list)
    breaks: list[PageBreak] = field(default_factory=list)


def clean_file(path: str, options: CleanOptions | None = None) -> Document:
    """Clean the OCR text in ``path`` (strict UTF-8; an empty file is an error)."""
    from edition.errors import read_text

    text = read_text(path)
    if not text.strip():
        raise EditionError("the file is empty: there is no text to clean", path)
    return clean(text, source=str(path), options=options)


def clean(text: str, source: str = "<text>", options: CleanOptions | None = None) -> Document:
    """Clean an OCR text (see the module docstring for the passes)."""
    options = options or CleanOptions()
    lines = _split_lines(text)
    joined = "\n".join(line.text for line in lines)
    _mark_furniture(lines, joined, options)
    starts, printed = _page_starts(lines, options)
    pages = _number_pages(lines, starts, printed, options)
    drafts = _assemble(lines, starts, _lexicon(lines))
    blocks = _judge(drafts)
    removed = tuple(
        RemovedLine(line.number, line.text, line.reason) for line in lines if line.reason
    )
    return Document(source, len(lines), tuple(pages), tuple(blocks), removed)


# --- pass 1: furniture -------------------------------------------------------------------


def _split_lines(text: str) -> list[_Line]:
    """Source lines, stripped, with form feeds turned into page-break marks.

    A form feed at the start of a line breaks the page before it, at the end after it, and
    inside a line at that point (that is how ``Document.plain_text`` writes a page break
    inside a paragraph).
    """
    raw = text.split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    lines = []
    for number, line in enumerate(raw, start=1):
        if "\f" not in line and "\r" not in line and "\u3000" not in line:
            text_part = line.strip(" \t")
            lines.append(_Line(number, text_part, blank=not text_part.strip()))
            continue
        body = line.replace("\r", "").strip(" \t")
        # A full-width indent marks a new paragraph in CJK print: keep one as a signal.
        indent = _NEW_PARAGRAPH if body.lstrip("\f").startswith(_NEW_PARAGRAPH) else ""
        body = body.strip(" \t\u3000")
        before = body.startswith("\f")
        after = body.endswith("\f") and not before
        body = body.strip("\f \t\u3000")
        feeds, parts = [], body.split("\f")
        for part in parts[:-1]:
            feeds.append((feeds[-1] if feeds else 0) + len(part))
        text_part = indent + "".join(parts)
        lines.append(
            _Line(
                number,
                text_part,
                blank=not text_part.strip(),
                feed_before=before,
                feed_after=after,
                feeds=tuple(offset + len(indent) for offset in feeds),
            )
        )
    return lines


def _isolated(lines: Sequence[_Line], i: int) -> bool:
    before = i == 0 or lines[i - 1].blank or lines[i - 1].reason is not None
    after = i == len(lines) - 1 or lines[i + 1].blank or lines[i + 1].reason is not None
    return before or after


def _mark_furniture(lines: list[_Line], joined: str, options: CleanOptions) -> None:
    """Mark page numbers, publisher's lines and running heads, each with its reason.

    ``joined`` is the stripped lines joined by line breaks: regex passes over it find the
    few candidate lines at C speed instead of testing every line in Python.
    """
    try:
        heads = [re.compile(pattern) for pattern in options.running_heads]
    except re.error as exc:
        raise EditionError(f"invalid running-head pattern {exc.pattern!r}: {exc}") from exc
    offsets = list(itertools.accumulate((len(line.text) + 1 for line in lines), initial=0))

    def line_of(position: int) -> int:
        return bisect.bisect_right(offsets, position) - 1

    lowered = joined.lower()
    if len(lowered) == len(joined):
        found = {line_of(m.start()) for m in _COPYRIGHT_LOWER.finditer(lowered)}
    else:  # a letter whose lowercase is longer (İ): count line breaks instead
        found = {lowered.count("\n", 0, m.start()) for m in _COPYRIGHT_LOWER.finditer(lowered)}
    _mark_copyright(lines, found)
    if heads:
        for line in lines:
            if not line.blank and line.reason is None and any(h.search(line.text) for h in heads):
                line.reason = RemovalReason.RUNNING_HEAD
    last_number = -1
    for match in _PAGE_NUMBER_LINES.finditer(joined):
        i = line_of(match.start())
        line = lines[i]
        if not match["number"] or line.reason is not None or not _isolated(lines, i):
            continue
        if match["number"].isdigit():
            if int(match["number"]) <= last_number:
                continue  # page numbers only grow: a smaller one is a number in the text
            last_number = int(match["number"])
        line.reason = RemovalReason.PAGE_NUMBER
    _mark_running_heads(lines)


def _mark_copyright(lines: list[_Line], found: set[int]) -> None:
    """Publisher's lines: a run of lines between blank lines, every one of them a copyright line.

    ``found`` holds the lines where the copyright pattern matches; a paragraph that merely
    mentions copyright is kept, since its other lines do not.
    """
    for i in sorted(found):
        first = last = i
        while first > 0 and not lines[first - 1].blank:
            first -= 1
        while last + 1 < len(lines) and not lines[last + 1].blank:
            last += 1
        if all(k in found for k in range(first, last + 1)):
            lines[i].reason = RemovalReason.COPYRIGHT


def _mark_running_heads(lines: list[_Line]) -> None:
    """Running heads: short lines beside a page-break zone that look like one, or recur there.

    A running head is a title or a journal line, never a sentence. Recurrence is counted only
    among lines beside zones (digits folded, for "67 (2024)" against "68 (2025)").
    """
    candidates = [
        i
        for i in _beside_zones(lines)
        if len(lines[i].text) <= _HEAD_MAX_CHARS
        and not _ends_sentence(lines[i].text)
        and not LOWERCASE_START.match(lines[i].text)
    ]
    counts = Counter(head_form(lines[i].text) for i in candidates)
    recurring = _recurring(sum(1 for line in lines if line.reason is not None))
    for i in candidates:
        text = lines[i].text
        # Printed beside many page breaks, a line is a running head whatever it says; a line
        # seen once must look like one and must not cite ("Larkin (2013)").
        if counts[head_form(text)] >= recurring or (_HEAD_SHAPE.search(text) and not _cites(text)):
            lines[i].reason = RemovalReason.RUNNING_HEAD


def _recurring(breaks: int) -> int:
    """How often a line must recur beside page breaks to be a running head.

    Twice at least; and on a quarter of the pages, since running heads alternate at most
    between two forms, while a body line may recur in a text that repeats itself.
    """
    return max(2, breaks // 4)


def _cites(text: str) -> bool:
    """Whether a line holds a legible citation: running heads never cite (``Larkin (2013)``)."""
    from edition.citations import ILLEGIBLE, find_citations

    return any(citation.status != ILLEGIBLE for citation in find_citations(text))


def _beside_zones(lines: Sequence[_Line]) -> list[int]:
    """Text lines separated from a furniture line by one or more blank lines only."""
    found: set[int] = set()
    for i, line in enumerate(lines):
        if line.reason is None:
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and lines[j].blank:
                j += step
            if j != i + step and 0 <= j < len(lines) and lines[j].reason is None:
                found.add(j)
    return sorted(found)


# --- pass 2: pages -----------------------------------------------------------------------


Start = tuple[int, int]  # (line index, character offset in the line)


def _page_starts(lines: list[_Line], options: CleanOptions) -> tuple[list[Start], dict[int, int]]:
    """Where pages start, and printed page numbers by the line index of the number.

    In a zone of furniture, footers (page number, copyright) belong to the page before and a
    running head to the page after; the page boundary falls before the running head.
    """
    starts: set[Start] = {(0, 0)}
    furniture = [k for k, line in enumerate(lines) if line.reason is not None]
    end = -1
    for i in furniture:
        if i < end:
            continue  # inside the zone already walked
        end = i
        while end < len(lines) and (lines[end].blank or lines[end].reason is not None):
            end += 1
        boundary = next(
            (k for k in range(i, end) if lines[k].reason is RemovalReason.RUNNING_HEAD), end
        )
        if boundary < len(lines):
            starts.add((boundary, 0))
    fed = [k for k, line in enumerate(lines) if line.feed_before or line.feed_after or line.feeds]
    for k in fed:
        line = lines[k]
        if line.feed_before:
            starts.add((k, 0))
        if line.feed_after and k + 1 < len(lines):
            starts.add((k + 1, 0))
        starts.update((k, offset) for offset in line.feeds)
    for start in options.page_starts:
        if not 1 <= start.line <= len(lines):
            raise EditionError(f"page start at line {start.line} is outside the source")
        starts.add((start.line - 1, 0))
    printed = {
        k: int(number)
        for k in furniture
        if lines[k].reason is RemovalReason.PAGE_NUMBER
        and (number := PAGE_NUMBER_LINE.fullmatch(lines[k].text)["number"]).isdigit()
    }
    return sorted(starts), printed


def _number_pages(
    lines: Sequence[_Line], starts: list[Start], printed: dict[int, int], options: CleanOptions
) -> list[Page]:
    """Give each page its printed number, else one counted from a printed neighbour.

    Counting never crosses a page that an editor declared unnumbered.
    """
    declared = {(start.line - 1, 0): start for start in options.page_starts}
    ends = [*starts[1:], (len(lines), 0)]
    numbers: list[int | None] = []
    sources: list[NumberSource] = []
    for start, end in zip(starts, ends, strict=True):
        found = next((printed[k] for k in range(start[0], end[0]) if k in printed), None)
        editor = declared.get(start)
        if found is not None:
            numbers.append(found)
            sources.append(NumberSource.PRINTED)
        elif editor is not None and editor.number is not None:
            numbers.append(editor.number)
            sources.append(NumberSource.INFERRED)
        else:
            numbers.append(None)
            sources.append(NumberSource.UNKNOWN)
    barrier = [declared.get(start) is not None and not declared[start].numbered for start in starts]
    for order in (range(1, len(starts)), range(len(starts) - 2, -1, -1)):
        for p in order:
            q = p - 1 if order.step == 1 else p + 1
            if numbers[p] is None and numbers[q] is not None and not barrier[p] and not barrier[q]:
                numbers[p] = numbers[q] + (1 if order.step == 1 else -1)
                sources[p] = NumberSource.INFERRED
    return [
        Page(index, numbers[index], sources[index], start[0] + 1, end[0] + (end[1] > 0))
        for index, (start, end) in enumerate(zip(starts, ends, strict=True))
    ]


# --- pass 2: blocks ----------------------------------------------------------------------


def _lexicon(lines: Sequence[_Line]) -> set[str]:
    """Hyphenated words written within a line: evidence that a hyphen at a line end is real.

    Only lines with a hyphen are searched: a regex pass over the whole text would try every
    letter as the start of a hyphenated word, and cost several times more.
    """
    return {
        word.lower()
        for line in lines
        if "-" in line.text
        for word in _HYPHENATED.findall(line.text)
    }


def _ends_sentence(text: str) -> bool:
    return text.endswith(_SENTENCE_END)


def _looks_like_heading(text: str) -> bool:
    """A short line that does not end a clause and reads as a title, not a cut-off sentence.

    CJK: at most 30 characters. English: at most 100 characters, and either six words at most
    or title case (most longer words capitalised).
    """
    if not text or text.endswith(_HEADING_STOP) or text[0].islower() or text[0] in "(（":
        return False
    if any(is_cjk(ch) for ch in text[:10]):
        return len(text) <= 30
    words = text.split()
    if len(text) > 100 or len(words) > 14:
        return False
    long_words = [word for word in words if len(word) >= 4]
    capitalised = sum(word[0].isupper() for word in long_words)
    return len(words) <= 6 or capitalised >= 0.6 * len(long_words)


def _glue(previous: str, line: str, lexicon: set[str]) -> str:
    """``previous`` made ready for ``line`` to be appended: a space, nothing, or a hyphen undone.

    A hyphen at a line end before a lowercase letter is undone unless the document writes the
    same hyphenated word within a line elsewhere; before a capital (``Oliver-\\nSmith``) it stays.
    CJK text and dashes join without a space.
    """
    if not previous:
        return previous
    last, first = previous[-1], line[0]
    if last == "-" and len(previous) > 1 and previous[-2].isalpha():
        if not first.islower():
            return previous
        head = _LAST_WORD.search(previous)
        tail = _WORD.match(line)
        word = f"{head.group(1) if head else ''}-{tail.group(0) if tail else ''}".lower()
        return previous if word in lexicon else previous[:-1]
    if last in "–—/" or is_cjk(last) or is_cjk(first):
        return previous
    return previous + " "


def _continues(draft: _Draft, line: str, full_line: int) -> bool:
    """Whether ``line`` after a page break continues the paragraph of ``draft``.

    Not when the paragraph ends a sentence, when the line is indented as a new paragraph, or
    when the paragraph is a heading whose last line stops short of the full measure.
    """
    last_line = draft.text[draft.anchors[-1].offset :]
    return not (
        _ends_sentence(draft.text)
        or line.startswith(_NEW_PARAGRAPH)
        or (len(last_line) < full_line and _looks_like_heading(draft.text))
    )


def _full_line(lines: Sequence[_Line]) -> int:
    """Length from which a line counts as set to the full measure: 85% of the median."""
    lengths = sorted(len(line.text) for line in lines if not line.blank and line.reason is None)
    return int(0.85 * lengths[len(lengths) // 2]) if lengths else 0


def _assemble(lines: Sequence[_Line], starts: list[Start], lexicon: set[str]) -> list[_Draft]:
    drafts: list[_Draft] = []
    current: _Draft | None = None
    page = 0
    page_of = {start: index for index, start in enumerate(starts)}
    line_starts = {k: index for (k, offset), index in page_of.items() if offset == 0 and k > 0}
    full_line = _full_line(lines)
    pending_break = False
    for k, line in enumerate(lines):
        if k in line_starts:
            page = line_starts[k]
            pending_break = True
        if line.reason is not None:
            continue
        if line.blank:
            if current is not None:
                drafts.append(current)
                current = None
            continue
        text = line.text.lstrip(_NEW_PARAGRAPH)
        if pending_break:
            pending_break = False
            if current is None and drafts:
                current = drafts.pop()  # a paragraph may run on over the page break
            if current is not None and _continues(current, line.text, full_line):
                current.text = _glue(current.text, text, lexicon)
                current.breaks.append(PageBreak(len(current.text), page))
                _append(current, text, line.number)
                if line.feeds:
                    page = _inline_breaks(current, line, k, page_of, page)
                continue
            if current is not None:
                drafts.append(current)
                current = None
        if current is not None and line.text.startswith(_NEW_PARAGRAPH):
            drafts.append(current)
            current = None
        if current is None:
            current = _Draft(page=page, first_line=line.number)
        else:
            current.text = _glue(current.text, text, lexicon)
        _append(current, text, line.number)
        if line.feeds:
            page = _inline_breaks(current, line, k, page_of, page)
    if current is not None:
        drafts.append(current)
    return drafts


def _inline_breaks(draft: _Draft, line: _Line, k: int, page_of: dict[Start, int], page: int) -> int:
    """Record the page breaks inside the line just appended; return the page it ends on."""
    start = draft.anchors[-1].offset - (len(line.text) - len(line.text.lstrip(_NEW_PARAGRAPH)))
    for offset in line.feeds:
        page = page_of[(k, offset)]
        draft.breaks.append(PageBreak(start + offset, page))
    return page


def _append(draft: _Draft, text: str, number: int) -> None:
    draft.anchors.append(LineAnchor(len(draft.text), number))
    draft.text += text
    draft.last_line = number


#: A line this far on the other side of the threshold starts a new block even without a
#: blank line: readable front matter running straight into noise, or the reverse.
_CLEAR_TEXT = 0.97
_NOISE_LINE = 0.35
_CLEAN_LINE = 0.95
_CLEAN_LINE_WORDS = 6
_CLEAN_LINE_CHARS = 24


def _registers(draft: _Draft, good: int, total: int) -> list[_Draft]:
    """``draft`` cut where its lines turn from readable text to noise or back.

    Only a block whose score is not clear-cut is read line by line: prose scoring near 1 has
    no noise line worth the name, and noise changes register only at a fully readable line
    of six words and 24 readable characters or more, which a block with fewer readable
    characters cannot hold.
    """
    score = good / total if total else 0.0
    if len(draft.anchors) < 2 or score >= _CLEAR_TEXT:
        return [draft]
    if score < READABLE_THRESHOLD and good < _CLEAN_LINE_CHARS:
        return [draft]  # too few readable characters to hold a readable line
    offsets = [a.offset for a in draft.anchors] + [len(draft.text)]
    cuts, good, total = [], 0, 0
    for k in range(len(draft.anchors)):
        line = draft.text[offsets[k] : offsets[k + 1]]
        line_good, line_total = tally(line)
        if total:
            line_score = line_good / line_total if line_total else 0.0
            if good / total >= READABLE_THRESHOLD:
                change = line_score < _NOISE_LINE
            else:
                change = (
                    line_score >= _CLEAN_LINE
                    and line_good >= _CLEAN_LINE_CHARS
                    and len(line.split()) >= _CLEAN_LINE_WORDS
                )
            if change:
                cuts.append(offsets[k])
                good = total = 0
        good += line_good
        total += line_total
    return _cut(draft, cuts) if cuts else [draft]


def _cut(draft: _Draft, cuts: list[int]) -> list[_Draft]:
    """``draft`` cut at line starts ``cuts``; a page break at a cut starts the next part."""
    parts = []
    bounds = [0, *cuts, len(draft.text)]
    page = draft.page
    for start, end in itertools.pairwise(bounds):
        anchors = [a for a in draft.anchors if start <= a.offset < end]
        breaks = [b for b in draft.breaks if start <= b.offset < end]
        if breaks and breaks[0].offset == start:
            page = breaks.pop(0).page
        part = _Draft(page=page, first_line=anchors[0].line, last_line=anchors[-1].line)
        part.text = draft.text[start:end].rstrip(" ")
        part.anchors = [LineAnchor(a.offset - start, a.line) for a in anchors]
        part.breaks = [PageBreak(b.offset - start, b.page) for b in breaks]
        parts.append(part)
        if part.breaks:
            page = part.breaks[-1].page
    return parts


# --- pass 3: judgement -------------------------------------------------------------------


def _judge(drafts: Sequence[_Draft]) -> list[Block]:
    scored: list[tuple[_Draft, float]] = []
    for draft in drafts:
        good, total = tally(draft.text)
        parts = _registers(draft, good, total)
        if len(parts) == 1:
            scored.append((draft, good / total if total else 0.0))
        else:
            scored.extend((part, readability(part.text)) for part in parts)
    front_pages = {draft.page for draft, _ in scored if _FRONT_MARKER.match(draft.text)}
    blocks = []
    for draft, score in scored:
        heading_like = _looks_like_heading(draft.text)
        if score < READABLE_THRESHOLD:
            kind = BlockKind.NOISE
        elif draft.page in front_pages:
            kind = BlockKind.FRONT_MATTER
        else:
            kind = BlockKind.HEADING if heading_like else BlockKind.PARAGRAPH
        blocks.append(
            Block(
                id=f"l{draft.first_line}",
                kind=kind,
                text=draft.text,
                page=draft.page,
                first_line=draft.first_line,
                last_line=draft.last_line,
                score=round(score, 3),
                anchors=tuple(draft.anchors),
                page_breaks=tuple(draft.breaks),
                salvaged=_salvaged(draft) if kind is BlockKind.NOISE else (),
                heading_like=heading_like,
            )
        )
    return blocks


def salvage(text: str) -> list[tuple[int, int, str]]:
    """Legible islands in noisy text: (start, end, kind) for citations and English glosses.

    Citations are whatever the citation engine finds; a gloss is a parenthesised run of
    lowercase-led English words that is not part of a citation, like ``(bridging capital)``.
    """
    from edition.citations import find_citations

    found = [(c.start, c.end, "citation") for c in find_citations(text)]
    taken = [(start, end) for start, end, _ in found]
    for match in _GLOSS.finditer(text):
        words = match.group(1).split()
        if not any(len(w) >= 4 and w.islower() for w in words):
            continue
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        found.append((match.start(), match.end(), "gloss"))
    return sorted(found)


def _salvaged(draft: _Draft) -> tuple[Salvage, ...]:
    """The legible islands of a noise block, each with the source line it stands on."""
    return tuple(
        Salvage(start, end, draft.text[start:end], kind, line_at(draft.anchors, start))
        for start, end, kind in salvage(draft.text)
    )
