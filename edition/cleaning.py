"""Clean an OCR text into a Document: drop page furniture, rejoin paragraphs, judge readability.

The cleaner works in three passes over the source lines:

1. *furniture*: page numbers, copyright/publisher lines and running heads are found, logged with
   their reason and line, and grouped into page-break zones;
2. *pages and blocks*: lines that are not running prose (table rows, display equations,
   caption labels, list bullets; see ``edition.structure``) are recognised, and the remaining
   lines are joined into blocks (paragraphs and headings) across line breaks and page breaks,
   undoing end-of-line hyphenation in English and joining CJK text without spaces; tables and
   equations keep one source line a line; each block keeps a map from its text offsets to
   source lines;
3. *judgement*: each block gets a readability score and a kind; inside noise, legible Latin
   islands (citations and parenthesised English glosses) are salvaged with their positions.

Before the passes, typographic ligatures (``ﬁ``) are spelled out, soft hyphens dropped (a
soft hyphen at a line end joins the word across the line break) and zero-width characters
removed.

Every decision depends only on the text, so cleaning the cleaned text changes nothing.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from edition import structure
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
from edition.furniture import (
    COPYRIGHT,
    FOLIO,
    FOLIO_EDGES,
    LOWERCASE_START,
    PAGE_NUMBER_LINE,
    head_folio,
    head_form,
)
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
    r"|摘\s*要|關鍵詞|关键词|中圖分類號|中图分类号|文獻標識碼|文献标识码|文章編號|文章编号)",
    re.IGNORECASE,
)
_SENTENCE_END = tuple('.?!。！？」』”"…:：')
_HEADING_STOP = tuple(".,;:!?，。；：！？、")
_NEW_PARAGRAPH = "\u3000"
#: A sentence ending inside a text: a word (not an abbreviation like "spp.") and a capital.
_SENTENCE_INSIDE = re.compile(r"[a-z]{3,}[.!?]\s+[A-Z]")
#: A full stop that ends an abbreviation, not a sentence.
_ABBREVIATION_END = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|et al|e\.g|i\.e|cf|vs|Figs?|Eqs?|Refs?|No|Nos|Vol|pp?|ca|approx"
    r"|spp?|Dr|Mr|Mrs|Ms|St|Prof)\.$"
)
#: A word set with a lowercase start and a capital inside: a name (eLife, iPhone), which
#: may open a heading.
_BRAND = re.compile(r"[a-z]{1,3}[A-Z]")
#: An item led by a short label in capitals: "YX:", "SAK:" (author contributions).
_LABELLED = re.compile(r"(?:[A-Z]{1,4}(?:,\s|\sand\s))*[A-Z]{1,4}:\s")
#: A line that opens a block of its own even without a blank line before it: the labelled
#: lines of the front matter ("关键词：", "Key words:", "中图分类号：", an "Abstract" heading).
_OPENS_BLOCK = re.compile(
    r"(?:(?:abstract|summary|keywords?|key\s+words)\s*[:：]|(?:abstract|summary|摘\s*要)\s*$"
    r"|(?:摘\s*要|關鍵詞|关键词|關鍵字|关键字|中圖分類號|中图分类号|文獻標識碼|文献标识码"
    r"|文章編號|文章编号)\s*[:：])",
    re.IGNORECASE,
)
#: A line that is a front-matter label alone ("Abstract", "摘要："), capitalised as a label
#: is (not the "summary." that ends a line of prose): a heading, and a block of its own even
#: when the text it heads follows without a blank line.
FRONT_LABEL = re.compile(
    r"(?:Abstract|ABSTRACT|Summary|SUMMARY|摘\s*要|內容提要|内容提要)\s*[:：]?"
)
#: The number of a Chinese subsection, in parentheses: （一）, （二）, (3).
_CJK_SUBSECTION = re.compile(r"[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]\s*")
#: The longest line that may be a reference list's heading.
_HEADING_CHARS = 40
#: The heading of a paper's reference list, numbered or not.
_REFERENCES_HEADING = re.compile(
    r"(?:(?:\d+(?:\.\d+)*|[IVX]+)\.?\s+)?(?:references?(?: cited)?|bibliography|works cited"
    r"|literature(?: cited)?|reference list|參考文獻|参考文献|參考書目|参考书目|引用文獻)\s*[:：]?",
    re.IGNORECASE,
)
#: How an entry of a reference list opens: "Smith, J.", "van Dijk, T. A.", "World Health
#: Organization.", "[12]", "12.", "陳韜文（2000）", "王小明 (2019)".
_ENTRY_START = re.compile(
    r"\s*(?:\[\d+\]|\d{1,3}\.\s|(?:[a-z]+\s)*[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)*,\s+[A-Z]"
    r"|[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)+\.\s|[\u4e00-\u9fff]{2,5}\s*[（(]?\d{4}"
    # Vancouver, as PubMed, PLOS and eLife print it: "Ayala JE, Bracy DP", "Kenyon CJ. 2010"
    r"|(?:[a-z]+\s)*[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)*\s[A-Z]{1,4}(?:,\s|\.\s))"
)
_LINK_END = re.compile(r"(?:https?://\S+|doi:\s*\S+|10\.\d{4,9}/\S+)$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d{2}\b")
_GLOSS = re.compile(
    r"[(（]\s*([A-Za-z][A-Za-z'’\-]*(?:[ \n][A-Za-z][A-Za-z'’\-]*)*(?:,[ \n][A-Za-z]+)?)\s*[)）]"
)
_HYPHENATED = re.compile(r"[^\W\d_]+-[^\W\d_]+")
_WORD = re.compile(r"[^\W\d_]+")
_LAST_WORD = re.compile(r"([^\W\d_]+)-$")
#: Prefixes that keep their hyphen before a line break ("self-|reported", "well-|known").
_HYPHEN_PREFIXES = frozenset({"self", "well", "non", "cross", "quasi", "pseudo"})
#: Typographic ligatures, spelled out (Unicode compatibility decompositions of U+FB00–FB06).
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_TYPOGRAPHY = re.compile(r"[\ufb00-\ufb06\xad\u200b-\u200d\u2060\ufeff]")
#: Zero-width characters (space, joiners, word joiner, a stray byte-order mark): invisible,
#: they only split words (``Sm\u200bith``) for every later search.
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
#: A soft hyphen inside a line, where it only marks a possible break.
_INNER_SOFT_HYPHEN = re.compile(r"\xad(?![ \t\r]*(?:\n|$))")
#: Parenthesised words that are not an English gloss of a term: Greek letter names, symbols
#: and units spelled out, function names, the scholarly Latin and the remarks of citations.
_NOT_GLOSS = frozenset(
    (
        "alpha beta gamma delta epsilon zeta theta iota kappa lambda omicron sigma upsilon "
        "omega sqrt sinh cosh tanh argmax argmin logit mmol nmol pmol kcal ibid idem passim "
        "infra supra circa sic viz etc press forthcoming unpublished submitted emphasis added "
        "original translated trans italics mine"
    ).split()
)
#: A line that names a journal in lowercase ("eLife", "mBio") may still be a running head
#: when it carries a DOI, a web address or a folio ("3 of 24").
_HEAD_EVIDENCE = re.compile(r"\b10\.\d{4,}/|\bdoi\b|https?://|\d\s*(?:of|/)\s*\d+\s*$", re.I)


@dataclass(frozen=True)
class PageStart:
    """An editor's statement that a page begins at ``line`` (the OCR export did not mark it).

    ``number`` sets the page's number, which ``printed`` says the source prints (the editors
    read it there, where the cleaner did not find it) rather than the editors inferred;
    ``numbered=False`` says it cannot be known (for example front matter printed elsewhere in
    the issue), which also stops counting across it.
    """

    line: int
    number: int | None = None
    numbered: bool = True
    printed: bool = False


@dataclass(frozen=True)
class CleanOptions:
    """What an edition tells the cleaner about its source beyond what the text shows."""

    running_heads: tuple[str, ...] = ()
    page_starts: tuple[PageStart, ...] = ()
    #: the editors' reading of blocks: (first source line of a block, its kind)
    kinds: tuple[tuple[int, str], ...] = ()


@dataclass(slots=True)
class _Line:
    number: int  # 1-based
    text: str  # stripped
    blank: bool
    reason: RemovalReason | None = None
    feed_before: bool = False
    feed_after: bool = False
    feeds: tuple[int, ...] = ()  # offsets in ``text`` of form feeds inside the line
    indent: int = 0  # for a table row: its leading spaces (a tab counts as one)
    role: BlockKind | None = None  # TABLE, EQUATION, CAPTION (its first line) or PARAGRAPH (item)
    family: str = ""  # for a table row: how it separates its cells (``structure.PIPE``…)
    group: int = 0  # for a table row or an equation line: which one it belongs to


@dataclass
class _Draft:
    """A block being assembled from lines."""

    page: int
    first_line: int
    last_line: int = 0
    text: str = ""
    anchors: list[LineAnchor] = field(default_factory=list)
    breaks: list[PageBreak] = field(default_factory=list)
    kind: BlockKind | None = None  # set by the layout (table, equation, caption, list item)
    rows: list[_Line] = field(default_factory=list)  # a table's or an equation's lines
    cells: tuple[tuple[tuple[int, int], ...], ...] = ()
    indented: bool = False  # its first line opens with an ideographic-space indent
    hanging: set[int] = field(default_factory=set)  # lines that continue a hanging indent


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
    if _TYPOGRAPHY.search(text):
        text = _ZERO_WIDTH.sub("", _INNER_SOFT_HYPHEN.sub("", text.translate(_LIGATURES)))
    lines = _split_lines(text)
    joined = "\n".join(line.text for line in lines)
    offsets = list(itertools.accumulate((len(line.text) + 1 for line in lines), initial=0))
    try:
        _mark_furniture(lines, joined, offsets, options)
        starts, printed = _page_starts(lines, options)
    except EditionError as exc:  # an option that does not fit this source: name the source
        exc.path = exc.path or source
        raise
    pages = _number_pages(lines, starts, printed, options)
    full_line = _full_line(lines)
    _mark_layout(lines, joined, offsets, full_line, text)
    lexicon = _Lexicon(lines)
    drafts = _assemble(lines, starts, lexicon, full_line)
    blocks, joined = _judge(drafts, dict(options.kinds), lexicon)
    removed = tuple(
        RemovedLine(line.number, line.text, line.reason) for line in lines if line.reason
    )
    return Document(source, len(lines), tuple(pages), tuple(blocks), removed, tuple(sorted(joined)))


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


def _line_of(offsets: Sequence[int], position: int) -> int:
    """The index of the line holding ``position`` of the joined text (``offsets``: line starts)."""
    return bisect.bisect_right(offsets, position) - 1


def _mark_furniture(
    lines: list[_Line], joined: str, offsets: Sequence[int], options: CleanOptions
) -> None:
    """Mark page numbers, publisher's lines and running heads, each with its reason.

    ``joined`` is the stripped lines joined by line breaks, ``offsets`` where each line starts
    in it: regex passes over it find the few candidate lines at C speed instead of testing
    every line in Python.
    """
    try:
        heads = [re.compile(pattern) for pattern in options.running_heads]
    except re.error as exc:
        raise EditionError(f"invalid running-head pattern {exc.pattern!r}: {exc}") from exc

    def line_of(position: int) -> int:
        return _line_of(offsets, position)

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
    _mark_numbered_heads(lines)
    _mark_folio_lines(
        lines,
        [i for i, line in enumerate(lines) if line.text[-1:].isdigit() and FOLIO.search(line.text)],
    )
    _mark_running_heads(lines)


def _mark_numbered_heads(lines: list[_Line]) -> None:
    """Running heads that print the page number at one end, set apart by a wide gap
    ("46　　傳播研究", "Weak ties in groups    93"), each alone between blank lines: known by
    their numbers, which continue the page numbers printed next before or after them (a page
    number line or another such head), however few pages the source has."""
    numbered: list[tuple[int, int, bool]] = []  # (line index, number, is a candidate head)
    for i, line in enumerate(lines):
        if line.reason is RemovalReason.PAGE_NUMBER:
            number = PAGE_NUMBER_LINE.fullmatch(line.text)["number"]
            if number.isdigit():
                numbered.append((i, int(number), False))
        elif (
            line.reason is None
            and (line.text[:1] in FOLIO_EDGES or line.text[-1:] in FOLIO_EDGES)
            and (found := head_folio(line.text)) is not None
            and _alone(lines, i)
            and _may_be_head(found[1])
            and not _cites(found[1])
        ):
            numbered.append((i, found[0], True))
    for k, (i, number, candidate) in enumerate(numbered):
        before = numbered[k - 1][1] if k > 0 else None
        after = numbered[k + 1][1] if k + 1 < len(numbered) else None
        if candidate and (before == number - 1 or after == number + 1):
            lines[i].reason = RemovalReason.RUNNING_HEAD


def _alone(lines: Sequence[_Line], i: int) -> bool:
    """Whether line ``i`` has no text line next to it on either side (a blank line, a line of
    furniture or the end of the source)."""
    return all(
        not 0 <= j < len(lines) or lines[j].blank or lines[j].reason is not None
        for j in (i - 1, i + 1)
    )


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


def _mark_folio_lines(lines: list[_Line], found: list[int]) -> None:
    """Running heads or footers that print the page number at their end ("… 3 of 24"): a
    line of that shape that recurs with only its numbers changed, wherever it stands."""
    heads = [i for i in found if lines[i].reason is None and _may_be_head(lines[i].text)]
    counts = Counter(head_form(lines[i].text) for i in heads)
    for i in heads:
        if counts[head_form(lines[i].text)] >= 2:
            lines[i].reason = RemovalReason.RUNNING_HEAD


def _mark_running_heads(lines: list[_Line]) -> None:
    """Running heads: short lines at a page's edge that look like one, or recur there.

    A page's edge is the first or last line of text beside a page-break zone (page number,
    publisher's line, form feed); the ends of the source are edges too, but only for a head
    already known. A running head is a title or a journal line, never a sentence. Recurrence
    is counted only among such lines (digits folded, for "67 (2024)" against "68 (2025)").
    Once a line is known as a running head, the same line is removed at every page edge
    where it stands, the first page included; the same words inside a page are body text.
    """
    # A form feed alone on its line is how ``Document.plain_text`` writes a page break between
    # blocks: only a form feed on a line of text (as ``pdftotext`` writes it) marks an edge.
    markers = [
        i
        for i, line in enumerate(lines)
        if line.reason is not None or (not line.blank and (line.feed_before or line.feed_after))
    ]
    tops, bottoms = _page_edges(lines, markers, spaced=True)
    # A line set right against the furniture (no blank line between) may be the last line of
    # a paragraph, so alone it is no head; but one that recurs there page after page is.
    near_tops, near_bottoms = _page_edges(lines, markers, spaced=False)
    # Heads recur at the tops of pages, footers at their feet: counted apart, so that a
    # page's first and last line (the rows of a table alone on its page) are no pair.
    counts = [
        Counter(head_form(lines[i].text) for i in side if _may_be_head(lines[i].text))
        for side in (near_tops, near_bottoms)
    ]
    recurring = _recurring(sum(1 for i in markers if lines[i].reason is not None))
    heads = [i for i in markers if lines[i].reason is RemovalReason.RUNNING_HEAD]
    spaced = tops | bottoms
    for i in sorted(near_tops | near_bottoms):
        text = lines[i].text
        if not _may_be_head(text):
            continue
        form = head_form(text)
        # Printed beside many page breaks, a line is a running head whatever it says; a line
        # seen once must stand apart, look like one and must not cite ("Larkin (2013)").
        if max(counts[0][form], counts[1][form]) >= recurring or (
            i in spaced and _HEAD_SHAPE.search(text) and not _cites(text)
        ):
            lines[i].reason = RemovalReason.RUNNING_HEAD
            heads.append(i)
    known = {head_form(lines[i].text) for i in heads}
    if known:
        tops, bottoms = _page_edges(lines, markers + heads, spaced=False)
        for i in tops | bottoms:
            if head_form(lines[i].text) in known:
                lines[i].reason = RemovalReason.RUNNING_HEAD


def _may_be_head(text: str) -> bool:
    """Whether a line is short and shaped like a running head rather than a sentence."""
    return (
        len(text) <= _HEAD_MAX_CHARS
        and not (_ends_sentence(text) and not text.endswith("et al."))
        and (not LOWERCASE_START.match(text) or _HEAD_EVIDENCE.search(text) is not None)
    )


def _recurring(breaks: int) -> int:
    """How often a line must recur beside page breaks to be a running head.

    Twice at least; and on a quarter of the pages, since running heads alternate at most
    between two forms, while a body line may recur in a text that repeats itself.
    """
    return max(2, breaks // 4)


def _cites(text: str) -> bool:
    """Whether a line holds a legible citation: running heads never cite (``Larkin (2013)``)."""
    from edition.citations import ILLEGIBLE, find_citations

    return any(
        citation.status != ILLEGIBLE and not citation.doubt for citation in find_citations(text)
    )


def _page_edges(
    lines: Sequence[_Line], markers: Sequence[int], *, spaced: bool
) -> tuple[set[int], set[int]]:
    """Text lines at a page's edge, given the ``markers`` of page breaks (furniture lines and
    lines with a form feed): the lines that open a page (after a break) and those that close
    one (before a break). A line that holds a form feed or stands beside one is at an edge; so
    is a line beside furniture, with ``spaced`` only across one blank line or more (a line run
    on to a page number may end a paragraph); without ``spaced``, so are the first and the
    last line of text of the source."""
    tops: set[int] = set()
    bottoms: set[int] = set()
    for i in markers:
        line = lines[i]
        fed = line.feed_before or line.feed_after
        if fed and not line.blank:
            (tops if line.feed_before else bottoms).add(i)
        for step, side in ((-1, bottoms), (1, tops)):
            j = i + step
            while 0 <= j < len(lines) and lines[j].blank:
                j += step
            if 0 <= j < len(lines) and (fed or not spaced or abs(j - i) > 1):
                side.add(j)
    if not spaced:
        first = next((i for i, line in enumerate(lines) if not line.blank), None)
        last = next((i for i in range(len(lines) - 1, -1, -1) if not lines[i].blank), None)
        tops.update(i for i in (first,) if i is not None)
        bottoms.update(i for i in (last,) if i is not None)
    free = {i for i in tops | bottoms if lines[i].reason is None}
    return tops & free, bottoms & free


# --- pass 2: pages -----------------------------------------------------------------------


Start = tuple[int, int]  # (line index, character offset in the line)


def _page_starts(lines: list[_Line], options: CleanOptions) -> tuple[list[Start], dict[int, int]]:
    """Where pages start, and printed page numbers by the line index of the number.

    In a zone of furniture, footers (page number, copyright, a running footer that prints the
    page number, "… 3 of 24") belong to the page before and a running head to the page after;
    the page boundary falls before the running head after the last footer. Failing one, it
    falls before the first head (a head may print its page's number below it), unless that
    head is a running footer: one that stands before the footers of a zone where another
    head follows them, or any head in the zone that ends the source. Failing that, the
    boundary falls where the zone ends.
    """
    starts: set[Start] = {(0, 0)}
    furniture = [k for k, line in enumerate(lines) if line.reason is not None]
    folios = {
        k: int(match["number"])
        for k in furniture
        if lines[k].reason is RemovalReason.RUNNING_HEAD
        and (match := FOLIO.search(lines[k].text)) is not None
    }
    numbered = _head_numbers(lines, [k for k in furniture if k not in folios])
    # A numbered line just before a form feed closes its page: a running footer.
    folios.update((k, n) for k, n in numbered.items() if lines[k].feed_after)
    if _at_feet(lines, numbered):
        folios.update(numbered)
    zones = []  # per zone: its end, its heads before the last footer and those after it
    end = -1
    for i in furniture:
        if i < end:
            continue  # inside the zone already walked
        end = i
        while end < len(lines) and (lines[end].blank or lines[end].reason is not None):
            end += 1
        last_footer = max(
            (
                k
                for k in range(i, end)
                if k in folios
                or lines[k].reason in (RemovalReason.PAGE_NUMBER, RemovalReason.COPYRIGHT)
            ),
            default=-1,
        )
        heads = [
            k
            for k in range(i, end)
            if lines[k].reason is RemovalReason.RUNNING_HEAD and k not in folios
        ]
        zones.append(
            (end, [k for k in heads if k < last_footer], [k for k in heads if k > last_footer])
        )
    feet = {head_form(lines[k].text) for _, before, after in zones if after for k in before}
    for end, before, after in zones:
        # at the end of the source, heads before a footer are the last page's feet
        heads = (
            [] if end == len(lines) else [k for k in before if head_form(lines[k].text) not in feet]
        )
        boundary = after[0] if after else heads[0] if heads else end
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
            raise EditionError(
                f"a page start at line {start.line} is past the source's last line ({len(lines)})"
            )
        starts.add((start.line - 1, 0))
    printed = {
        k: int(number)
        for k in furniture
        if lines[k].reason is RemovalReason.PAGE_NUMBER
        and (number := PAGE_NUMBER_LINE.fullmatch(lines[k].text)["number"]).isdigit()
    }
    return sorted(starts), {**numbered, **folios, **printed}


def _at_feet(lines: Sequence[_Line], numbered: dict[int, int]) -> bool:
    """Whether the running lines that print their page's number (by line index) stand at the
    feet of their pages: no text follows the last of them (a head has its page's text after
    it), or the first prints 1 with text before it (read as a head, it would leave a page 0)."""
    if not numbered:
        return False
    first, last = min(numbered), max(numbered)
    if not any(not line.blank and line.reason is None for line in lines[last + 1 :]):
        return True
    return numbered[first] == 1 and any(
        not line.blank and line.reason is None for line in lines[:first]
    )


def _head_numbers(lines: Sequence[_Line], furniture: Sequence[int]) -> dict[int, int]:
    """The page numbers that running heads print at one end (:func:`head_folio`), by line
    index; a head whose number never changes prints a volume or a year, not its page."""
    found = {
        k: folio
        for k in furniture
        if lines[k].reason is RemovalReason.RUNNING_HEAD
        and (folio := head_folio(lines[k].text)) is not None
    }
    numbers: dict[str, set[int]] = {}
    forms = Counter(head_form(lines[k].text) for k in found)
    for k, (number, _) in found.items():
        numbers.setdefault(head_form(lines[k].text), set()).add(number)
    return {
        k: number
        for k, (number, _) in found.items()
        if forms[head_form(lines[k].text)] == 1 or len(numbers[head_form(lines[k].text)]) > 1
    }


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
            sources.append(NumberSource.PRINTED if editor.printed else NumberSource.INFERRED)
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


# --- pass 2: layout ----------------------------------------------------------------------

#: Lines that may be table rows or equations: a pipe, a tab, an ideographic space, a gap of
#: two spaces, a rule, a relation or a large operator (one pass over the text finds them all).
_ROW_HINT = re.compile(rf"[|\t\u3000]|  |---|===|___|——|{structure.MATH_CHARACTERS.pattern}")
#: Lines that may be rows of numbers: a digit, a space and a number.
_NUMBER_HINT = re.compile(r"[0-9] [-−–+±<>(\[$€£.]?[0-9]")


def _free(line: _Line) -> bool:
    """A text line not yet given a role."""
    return not line.blank and line.reason is None and line.role is None


def _row_free(line: _Line) -> bool:
    """A text line that may be a table row or an equation line: form feeds inside a line
    (page breaks inside a paragraph) keep it prose."""
    return _free(line) and not line.feeds


def _mark_layout(
    lines: list[_Line], joined: str, offsets: Sequence[int], full_line: int, text: str
) -> None:
    """Give table rows, equation lines, caption labels and list items their role.

    Candidates are found by regex passes over ``joined`` (see ``_mark_furniture``); only they
    are tested line by line. ``text`` is the source, for the indentation of table rows.
    """
    found = {
        _line_of(offsets, m.start()) for p in (_ROW_HINT, _NUMBER_HINT) for m in p.finditer(joined)
    }
    rows = sorted(k for k in found if _row_free(lines[k]))
    if rows:
        _mark_tables(lines, rows, text.split("\n"))
    _mark_equations(lines, rows, full_line)
    for m in structure.LINE_START_HINT.finditer(joined):
        line = lines[_line_of(offsets, m.start())]
        if not _free(line):
            continue
        body = line.text.lstrip(_NEW_PARAGRAPH)
        if structure.is_caption_start(body):
            line.role = BlockKind.CAPTION
        elif structure.BULLET.match(body) and readability(body) >= READABLE_THRESHOLD:
            line.role = BlockKind.PARAGRAPH  # a list item: never a heading


def _mark_tables(lines: list[_Line], found: list[int], raw: Sequence[str]) -> None:
    """Runs of two table rows or more that separate their cells alike become tables.

    Rules (``|---|``, ``-----``) join any run. Whitespace-aligned rows must line up in
    columns (``raw``, the source lines, gives their indentation). A line of words just above
    a run of numeric rows is its header.
    """
    families = {}
    for k in found:
        text = lines[k].text.lstrip(_NEW_PARAGRAPH)
        family = "rule" if structure.is_rule(text) else structure.row_family(text)
        if family is not None:
            families[k] = family
    runs: list[list[int]] = []
    kind = ""  # the family of the rows of the last run ("" while it holds only rules)
    for k in sorted(families):
        last = runs[-1][-1] if runs else -2
        family = families[k]
        if last == k - 2 and kind == structure.GAP == family and _cell_alone(lines[k - 1]):
            families[k - 1] = structure.GAP  # a row with one cell, between two aligned rows
            runs[-1].append(k - 1)
            last = k - 1
        if last == k - 1 and family in ("rule", kind or family):
            runs[-1].append(k)
        else:
            runs.append([k])
            kind = ""
        if family != "rule":
            kind = family
    group = 0
    for run in runs:
        data = [k for k in run if families[k] != "rule"]
        if len(data) < 2:
            continue
        family = families[data[0]]
        if family == structure.GAP:
            for k in data:
                lead = raw[k].lstrip("\f\u3000")
                lines[k].indent = len(lead) - len(lead.lstrip(" \t"))
            base = min(lines[k].indent for k in data)
            texts = [
                " " * (lines[k].indent - base) + lines[k].text.lstrip(_NEW_PARAGRAPH) for k in data
            ]
            if not structure.aligned(texts):
                continue
        group += 1
        above = run[0] - 1
        if (
            family == structure.NUMERIC
            and above >= 0
            and _row_free(lines[above])
            and structure.is_header(lines[above].text.lstrip(_NEW_PARAGRAPH))
            and not structure.is_caption_start(lines[above].text.lstrip(_NEW_PARAGRAPH))
        ):
            lines[above].role, lines[above].family, lines[above].group = (
                BlockKind.TABLE,
                structure.HEADER,
                group,
            )
        for k in run:
            lines[k].role, lines[k].family, lines[k].group = BlockKind.TABLE, families[k], group


def _cell_alone(line: _Line) -> bool:
    """A line that may be a table row holding one short cell."""
    return _row_free(line) and len(line.text) <= 30 and len(line.text.split()) <= 3


def _mark_equations(lines: list[_Line], found: list[int], full_line: int) -> None:
    """Display equations: equation lines, with the lines that continue them (see
    ``structure.is_equation``, which also keeps OCR noise, full of ``=`` and ``>``, out)."""
    groups: list[list[int]] = []
    for k in found:
        if lines[k].role is not None or not structure.is_equation(
            lines[k].text.lstrip(_NEW_PARAGRAPH), full_line
        ):
            continue
        if not groups or groups[-1][-1] != k - 1:
            groups.append([])
        groups[-1].append(k)
        while (
            groups[-1][-1] + 1 < len(lines)
            and _row_free(lines[groups[-1][-1] + 1])
            and structure.is_equation(
                lines[groups[-1][-1] + 1].text.lstrip(_NEW_PARAGRAPH), full_line, continues=True
            )
        ):
            groups[-1].append(groups[-1][-1] + 1)
        for j in groups[-1]:
            lines[j].role, lines[j].group = BlockKind.EQUATION, len(groups)


# --- pass 2: blocks ----------------------------------------------------------------------


class _Lexicon:
    """What decides a hyphen at a line end: the hyphenated words the document writes within a
    line, the words it writes, and (for the rest) an English word list.

    The word list is pyspellchecker's English dictionary, loaded once and only when a line
    ends in a hyphen before a lowercase letter that the document itself does not decide.
    """

    def __init__(self, lines: Sequence[_Line]) -> None:
        self.lines = lines
        # Only lines with a hyphen are searched: a regex pass over the whole text would try
        # every letter as the start of a hyphenated word, and cost several times more.
        self.hyphenated = {
            word.lower()
            for line in lines
            if "-" in line.text
            for word in _HYPHENATED.findall(line.text)
        }
        self._words: set[str] | None = None

    def written(self, word: str) -> bool:
        """Whether the document writes ``word`` (lower case) as a word of its own."""
        if self._words is None:
            words: set[str] = set()
            broken = False  # the line before ended in a hyphen: this one's first word is half
            for line in self.lines:
                found = _WORD.findall(line.text)
                ends = line.text.endswith("-")
                words.update(w.lower() for w in found[int(broken) : len(found) - int(ends)])
                broken = ends
            self._words = words
        return word in self._words

    def known(self, word: str) -> bool:
        """Whether ``word`` (lower case) is a word: written in the document or in English."""
        return self.written(word) or word in _english_words()

    def keeps_hyphen(self, stem: str, tail: str) -> bool:
        """Whether ``stem-`` at a line end and ``tail`` on the next are a hyphenated compound
        (``leucine-|rich``, ``gel-|purified``) rather than one word broken by the typesetter
        (``infra-|structure``): kept when the document writes the compound, or when the two
        parts are words and the word they would make is none."""
        if f"{stem}-{tail}" in self.hyphenated:
            return True
        if len(stem) < 2 or len(tail) < 2 or self.known(stem + tail):
            return False
        return self.known(stem) and self.known(tail)


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(language="en", distance=1).word_frequency.dictionary)


def _ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence; an abbreviation's full stop does not ("et al.",
    "e.g.", "Fig.", the initial of "E. coli")."""
    return text.endswith(_SENTENCE_END) and _ABBREVIATION_END.search(text) is None


def _looks_like_heading(text: str) -> bool:
    """A short line that does not end a clause and reads as a title, not a cut-off sentence.

    CJK: at most 30 characters; a Chinese subsection's number in parentheses may open it
    (（一）方法). English: at most 100 characters, and either six words at most or title case
    (most longer words capitalised).
    """
    if not text or text.endswith(_HEADING_STOP):
        return False
    if text[0] in "(（":
        # only a Chinese subsection's number opens a heading with a parenthesis: （一）方法
        numbered = _CJK_SUBSECTION.match(text)
        return numbered is not None and len(text) <= 30 and is_cjk(text[numbered.end() :][:1])
    if text[0].islower() and not _BRAND.match(text):
        return False
    if _LABELLED.match(text):
        return False  # "YX: Analysis and interpretation of data", an item, not a title
    if any(is_cjk(ch) for ch in text[:10]):
        return len(text) <= 30
    words = text.split()
    if len(text) > 100 or len(words) > 14:
        return False
    long_words = [word for word in words if len(word) >= 4]
    capitalised = sum(word[0].isupper() for word in long_words)
    return len(words) <= 6 or capitalised >= 0.6 * len(long_words)


def _glue(previous: str, line: str, lexicon: _Lexicon) -> str:
    """``previous`` made ready for ``line`` to be appended: a space, nothing, or a hyphen undone.

    A hyphen at a line end before a lowercase letter is undone unless it makes a compound
    (:meth:`_Lexicon.keeps_hyphen`), or the word before it is an acronym or a prefix that keeps
    its hyphen (``GLV-|emitting``, ``self-|reported``); before a capital
    (``Oliver-\\nSmith``) or after a digit (``COVID-19-|related``) it stays, without a space.
    A soft hyphen at a line end joins the word. CJK text and dashes join without a space.
    """
    if not previous:
        return previous
    last, first = previous[-1], line[0]
    if last == "\xad":
        return previous[:-1]
    if last == "-" and len(previous) > 1 and not previous[-2].isspace():
        if not (previous[-2].isalpha() and first.islower()):
            return previous
        head = _LAST_WORD.search(previous)
        stem = head.group(1) if head else ""
        tail = _WORD.match(line)
        keep = (
            stem.lower() in _HYPHEN_PREFIXES
            or (len(stem) > 1 and stem.isupper())
            or lexicon.keeps_hyphen(stem.lower(), tail.group(0).lower() if tail else "")
        )
        return previous if keep else previous[:-1]
    if last in "–—/" or is_cjk(last) or is_cjk(first):
        return previous
    return previous + " "


def _word_start(text: str) -> int:
    """Where the word ending ``text`` begins: a page break there falls between words.

    The end of ``text`` itself when it ends in a space or in CJK text (which has no spaces).
    """
    if not text or text[-1].isspace() or is_cjk(text[-1]):
        return len(text)
    space = text.rfind(" ")
    return space + 1 if space >= 0 else len(text)


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


def _assemble(
    lines: Sequence[_Line], starts: list[Start], lexicon: _Lexicon, full_line: int
) -> list[_Draft]:
    """Join lines into drafts of blocks; table rows and equation lines stay lines."""
    drafts: list[_Draft] = []
    current: _Draft | None = None
    page = 0
    page_of = {start: index for index, start in enumerate(starts)}
    line_starts = {k: index for (k, offset), index in page_of.items() if offset == 0 and k > 0}
    pending_break = False
    # In a reference list, an entry's later lines may be set in a hanging indent of
    # ideographic spaces: there the indent continues the entry instead of opening a block.
    references = False

    def close() -> None:
        nonlocal current
        if current is not None:
            drafts.append(_finish(current))
            current = None

    for k, line in enumerate(lines):
        if k in line_starts:
            page = line_starts[k]
            pending_break = True
        if line.reason is not None:
            continue
        if line.blank:
            close()
            continue
        role = line.role
        if role is BlockKind.TABLE or role is BlockKind.EQUATION:
            if (
                pending_break
                or current is None
                or current.kind is not role
                or current.rows[-1].group != line.group
            ):
                close()
                current = _Draft(page=page, first_line=line.number, kind=role)
            current.rows.append(line)
            current.last_line = line.number
            pending_break = False
            continue
        if current is not None and current.kind in _LINEWISE:
            close()
        text = line.text.lstrip(_NEW_PARAGRAPH)
        if role is BlockKind.PARAGRAPH or (
            role is BlockKind.CAPTION and (current is None or _ends_sentence(current.text))
        ):
            close()  # a caption or a list item starts a block of its own
            pending_break = False
            current = _Draft(page=page, first_line=line.number, kind=role)
            _append(current, text, line.number)
            if line.feeds:
                page = _inline_breaks(current, line, k, page_of, page)
            continue
        if pending_break:
            pending_break = False
            if current is None and drafts and drafts[-1].kind not in _LINEWISE:
                current = drafts.pop()  # a paragraph may run on over the page break
            # A line alone between blank lines that reads as a heading opens the new page
            # with a section: nothing runs on into it ("…exist" | "Funding").
            alone = k + 1 >= len(lines) or lines[k + 1].blank
            heading = alone and _looks_like_heading(text)
            if current is not None and not heading and _continues(current, line.text, full_line):
                current.text = _glue(current.text, text, lexicon)
                at = max([_word_start(current.text), *(b.offset for b in current.breaks[-1:])])
                current.breaks.append(PageBreak(at, page))
                _append(current, text, line.number)
                if line.feeds:
                    page = _inline_breaks(current, line, k, page_of, page)
                continue
            close()
        heading = len(text) <= _HEADING_CHARS and _REFERENCES_HEADING.fullmatch(text) is not None
        if heading:
            references = True
        elif references and _alone(lines, k) and _looks_like_heading(text):
            references = False
        indented = line.text.startswith(_NEW_PARAGRAPH)
        if heading or _OPENS_BLOCK.match(text):
            close()  # a heading of the reference list, a labelled line of the front matter
        if current is not None and indented:
            if references and not current.indented:
                current.hanging.add(line.number)
            else:
                close()
        if current is None:
            current = _Draft(page=page, first_line=line.number, indented=indented)
        else:
            current.text = _glue(current.text, text, lexicon)
        _append(current, text, line.number)
        if line.feeds:
            page = _inline_breaks(current, line, k, page_of, page)
        if heading or FRONT_LABEL.fullmatch(text):
            close()  # the list's first entry, or the abstract, may follow without a blank line
    close()
    return drafts


#: Kinds of blocks that keep one source line a line of text.
_LINEWISE = (BlockKind.TABLE, BlockKind.EQUATION)
#: The editors' reading (``source.blocks``) of a block as the rest of the one before it.
CONTINUATION = "continuation"


def _finish(draft: _Draft) -> _Draft:
    """A draft made whole: a table's or an equation's lines become its text (and cells)."""
    if draft.kind not in _LINEWISE:
        return draft
    rows = draft.rows
    gap = draft.kind is BlockKind.TABLE and any(r.family == structure.GAP for r in rows)
    base = min(row.indent for row in rows) if gap else 0
    texts = [
        " " * (row.indent - base if gap else 0) + row.text.lstrip(_NEW_PARAGRAPH) for row in rows
    ]
    offset = 0
    for row, text in zip(rows, texts, strict=True):
        lead = len(text) - len(text.lstrip(" "))
        draft.anchors.append(LineAnchor(offset + lead, row.number))
        offset += len(text) + 1
    draft.text = "\n".join(texts)
    if draft.kind is BlockKind.TABLE:
        draft.cells = _table_cells(rows, texts, gap)
    return draft


def _table_cells(
    rows: Sequence[_Line], texts: Sequence[str], gap: bool
) -> tuple[tuple[tuple[int, int], ...], ...]:
    """The cells of a table's rows as offsets into its text (rows joined by line breaks)."""
    data = [k for k, text in enumerate(texts) if not structure.is_rule(text)]
    per_row: list[list[tuple[int, int]]] = [[] for _ in texts]
    if gap:
        for k, cells in zip(data, structure.grid([texts[k] for k in data]), strict=True):
            per_row[k] = cells
    else:
        numeric = [
            len(structure.numeric_cells(texts[k]))
            for k in data
            if rows[k].family == structure.NUMERIC
        ]
        columns = Counter(numeric).most_common(1)[0][0] if numeric else 0
        for k in data:
            family = rows[k].family
            if family == structure.HEADER:
                per_row[k] = structure.header_cells(texts[k], columns)
            else:
                per_row[k] = structure.cells_of(texts[k], family)
    out, offset = [], 0
    for text, cells in zip(texts, per_row, strict=True):
        out.append(tuple((offset + start, offset + end) for start, end in cells))
        offset += len(text) + 1
    return tuple(out)


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
#: A line with fewer counted characters than this ("(Figure 5).", "MyD88 (Li et al., 2011).")
#: is too short to judge.
_JUDGED_CHARS = 12


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
        if total and line_total >= _JUDGED_CHARS:  # numbers and asides alone tell nothing
            line_score = line_good / line_total
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
    cuts = _separating(draft.text, cuts)
    return _cut(draft, cuts) if cuts else [draft]


def _separating(text: str, cuts: list[int]) -> list[int]:
    """The ``cuts`` (offsets into ``text``) that set text apart from noise. A cut between two
    pieces that both read as text separates nothing (a line of gene symbols and units taken
    for noise, "2 ng aplnra MO", in the middle of the sentence it belongs to): it is undone."""
    bounds = [0, *cuts, len(text)]
    readable = [
        readability(text[start:end]) >= READABLE_THRESHOLD
        for start, end in itertools.pairwise(bounds)
    ]
    return [cut for k, cut in enumerate(cuts) if not (readable[k] and readable[k + 1])]


def _split_where_decided(drafts: Sequence[_Draft], decided: dict[int, str]) -> list[_Draft]:
    """The drafts, each cut where the editors say a block begins inside it (a reference list
    the cleaner left whole, its entries' first lines declared one by one); a table or an
    equation is cut only by its own rows."""
    out: list[_Draft] = []
    for draft in drafts:
        cuts = [
            anchor.offset
            for anchor in draft.anchors[1:]
            if anchor.line in decided and draft.kind not in _LINEWISE
        ]
        out.extend(_cut(draft, cuts) if cuts else [draft])
    return out


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


def _judge(
    drafts: Sequence[_Draft], decided: dict[int, str], lexicon: _Lexicon
) -> tuple[list[Block], set[int]]:
    """The blocks, judged, and the lines at which the editors' ``continuation`` joined a
    block to the one before it."""
    continued = {line for line, kind in decided.items() if kind == CONTINUATION}
    decided = {line: kind for line, kind in decided.items() if kind != CONTINUATION}
    scored: list[tuple[_Draft, float]] = []
    for draft in _split_where_decided(drafts, decided):
        good, total = tally(draft.text)
        parts = [draft] if draft.kind is not None else _registers(draft, good, total)
        if len(parts) == 1:
            scored.append((draft, good / total if total else 0.0))
        else:
            scored.extend((part, readability(part.text)) for part in parts)
    scored, joined = _join_continued(scored, continued, lexicon)
    judged = _front_matter(_kinds(scored))
    judged = _reference_list(judged)
    if decided:  # the editors' reading wins over the cleaner's
        judged = [
            (d, score, BlockKind(decided.get(d.first_line, kind))) for d, score, kind in judged
        ]
    blocks = [
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
            heading_like=draft.kind is None and _looks_like_heading(draft.text),
            cells=draft.cells,
        )
        for draft, score, kind in judged
    ]
    return blocks, joined


def _join_continued(
    scored: list[tuple[_Draft, float]], continued: set[int], lexicon: _Lexicon
) -> tuple[list[tuple[_Draft, float]], set[int]]:
    """Each draft that begins at a line of ``continued`` appended to the draft before it, as
    the editors read the source (a paragraph the cleaner cut in two: at a line it took for
    noise, a blank line, a page break); a table or an equation is never joined. The parts
    are glued as lines of one paragraph are (:func:`_glue`: a hyphen at the break undone, no
    space beside CJK), and the whole reads as text if either part does: the editors said
    they are one. Returns the drafts and the lines at which one was joined."""
    out: list[tuple[_Draft, float]] = []
    joined: set[int] = set()
    for draft, score in scored:
        if not (out and draft.first_line in continued):
            out.append((draft, score))
            continue
        before, before_score = out[-1]
        if before.kind in _LINEWISE or draft.kind in _LINEWISE:
            out.append((draft, score))
            continue
        out[-1] = (_appended(before, draft, lexicon), max(before_score, score))
        joined.add(draft.first_line)
    return out, joined


def _appended(first: _Draft, second: _Draft, lexicon: _Lexicon) -> _Draft:
    """``second`` appended to ``first`` as the next line of its paragraph, with a page break
    where ``second`` begins on a later page than ``first`` ends."""
    text = _glue(first.text, second.text, lexicon)
    start = len(text)
    page = first.breaks[-1].page if first.breaks else first.page
    breaks = list(first.breaks)
    if second.page != page:
        breaks.append(PageBreak(start, second.page))
    breaks += [PageBreak(b.offset + start, b.page) for b in second.breaks]
    together = _Draft(page=first.page, first_line=first.first_line, last_line=second.last_line)
    together.text = text + second.text
    together.anchors = [
        *first.anchors,
        *(LineAnchor(a.offset + start, a.line) for a in second.anchors),
    ]
    together.breaks = breaks
    together.kind = first.kind
    together.indented = first.indented
    together.hanging = first.hanging | second.hanging
    return together


_Judged = list[tuple[_Draft, float, BlockKind]]


def _kinds(scored: Sequence[tuple[_Draft, float]]) -> _Judged:
    """Each draft's kind by itself: kept kinds, noise, heading or paragraph."""
    judged = []
    for draft, score in scored:
        if draft.kind in _KEPT:
            kind = draft.kind  # tables, equations and captions are text whatever they score
        elif score < READABLE_THRESHOLD:
            kind = BlockKind.NOISE
        elif draft.kind is None and (
            _looks_like_heading(draft.text) or _sentence_case_heading(draft)
        ):
            kind = BlockKind.HEADING
        else:
            kind = BlockKind.PARAGRAPH
        judged.append((draft, score, kind))
    return judged


def _front_matter(judged: _Judged) -> _Judged:
    """The front matter: the readable blocks of a page that holds an abstract, keywords or a
    citation line, up to the first heading after such a marker (the body's first section,
    which may begin on the same page).

    Once the body has begun, a marker opens front matter printed later in the paper (an
    abstract in a second language after the references, as many Chinese journals print it):
    the marker, the blocks after it up to the next heading, and the title and byline before
    it (the short blocks just before it that end no sentence)."""
    front_pages = {draft.page for draft, _, _ in judged if _FRONT_MARKER.match(draft.text)}
    seen_marker: set[int] = set()
    ended: set[int] = set()
    out = list(judged)
    late = False
    for index, (draft, score, kind) in enumerate(judged):
        page = draft.page
        marker = kind is not BlockKind.NOISE and _FRONT_MARKER.match(draft.text) is not None
        if marker and ended and page not in seen_marker:
            late = True
            _title_before(out, index)
        if late:
            if kind is BlockKind.HEADING and not marker:
                late = False
            elif kind not in (BlockKind.NOISE, *_KEPT):
                out[index] = (draft, score, BlockKind.FRONT_MATTER)
            continue
        opening = not ended or page == max(ended)  # the front matter that opens the paper
        if opening and page in front_pages and page not in ended and kind is not BlockKind.NOISE:
            if kind is BlockKind.HEADING and page in seen_marker and not marker:
                ended.add(page)
            elif kind not in _KEPT:
                out[index] = (draft, score, BlockKind.FRONT_MATTER)
            if marker:
                seen_marker.add(page)
    return out


#: How many blocks before a late abstract may be its title and byline.
_TITLE_BLOCKS = 3


def _title_before(judged: _Judged, index: int) -> None:
    """Mark as front matter the title and byline before the marker at ``index``: up to
    :data:`_TITLE_BLOCKS` readable blocks of three lines at most that end no sentence."""
    for k in range(index - 1, max(-1, index - 1 - _TITLE_BLOCKS), -1):
        draft, score, kind = judged[k]
        lines = draft.last_line - draft.first_line + 1
        if kind in (BlockKind.NOISE, *_KEPT) or lines > 3 or _ends_sentence(draft.text):
            return
        judged[k] = (draft, score, BlockKind.FRONT_MATTER)


def _reference_list(judged: _Judged) -> _Judged:
    """The paper's own reference list: the readable blocks after a ``References`` heading,
    up to the next heading that is not an entry, each cut into its entries (a line that opens
    like an entry after one that closes one)."""
    out: _Judged = []
    inside = False
    for draft, score, kind in judged:
        # The heading may be set in capitals, which the readability score takes for noise.
        if kind not in _KEPT and _REFERENCES_HEADING.fullmatch(draft.text.strip()):
            inside = True
            out.append((draft, score, BlockKind.HEADING))
            continue
        if inside and (
            kind is BlockKind.FRONT_MATTER
            or (kind is BlockKind.HEADING and not _YEAR.search(draft.text))
        ):
            inside = False
        if not inside or kind in (BlockKind.NOISE, *_KEPT):
            out.append((draft, score, kind))
            continue
        out.extend((part, score, BlockKind.REFERENCE) for part in _entries(draft))
    return out


def _entries(draft: _Draft) -> list[_Draft]:
    """A reference-list block cut where a line opens a new entry after one that ends one."""
    offsets = [a.offset for a in draft.anchors] + [len(draft.text)]
    cuts = []
    for k in range(1, len(draft.anchors)):
        previous = draft.text[offsets[k - 1] : offsets[k]].rstrip()
        line = draft.text[offsets[k] : offsets[k + 1]]
        closed = previous.endswith((".", "。")) or _LINK_END.search(previous)
        if closed and draft.anchors[k].line not in draft.hanging and _ENTRY_START.match(line):
            cuts.append(offsets[k])
    return _cut(draft, cuts) if cuts else [draft]


def _sentence_case_heading(draft: _Draft) -> bool:
    """A Latin heading set in sentence case, as many journals print them: at most 14 words and
    100 characters, a capital first, no stop at its end and no sentence inside."""
    text = draft.text
    return (
        _LABELLED.match(text) is None
        and len(text) <= 100
        and not any(is_cjk(ch) for ch in text)
        and len(text.split()) <= 14
        and text[:1].isupper()
        and not text.endswith(_HEADING_STOP)
        and _SENTENCE_INSIDE.search(text) is None
    )


#: Kinds the layout gives for good: never noise, never a heading, never front matter.
_KEPT = (BlockKind.TABLE, BlockKind.EQUATION, BlockKind.CAPTION)


def salvage(text: str) -> list[tuple[int, int, str]]:
    """Legible islands in noisy text: (start, end, kind) for citations and English glosses.

    Citations are whatever the citation engine finds; a gloss is a parenthesised run of
    lowercase-led English words that is not part of a citation, like ``(bridging capital)``,
    with at least one lowercase word of four letters or more that is not a symbol's name
    (``(theta)``), a unit, a function or a scholarly remark (``(ibid)``, ``(in press)``).
    """
    from edition.citations import find_citations

    found = [(c.start, c.end, "citation") for c in find_citations(text)]
    taken = [(start, end) for start, end, _ in found]
    for match in _GLOSS.finditer(text):
        words = match.group(1).replace(",", " ").split()
        if not any(len(w) >= 4 and w.islower() and w not in _NOT_GLOSS for w in words):
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
