"""Lines of a paper that are not running prose: table rows, display equations, captions, bullets.

The cleaner joins lines into paragraphs; these lines must not be joined, and must not be judged
by how much prose they hold (a row of numbers or an equation holds none, yet is text). Each
test here looks at one line, or at a run of lines, of the stripped source; the cleaner decides
where in the flow of blocks they stand. Sources of the rules:

- tables as OCR engines and ``pdftotext -layout`` emit them: cells separated by pipes (also the
  Markdown pipe-table convention), by tabs, by two spaces or more (whitespace-aligned columns),
  or a label followed by numbers separated by single spaces (Tesseract's default output, which
  collapses the gaps between columns);
- display equations: a short line with a relation or a large operator and no prose, optionally
  numbered at the right margin (``(3)``);
- captions: the labels of the JATS ``<label>`` of ``<fig>`` and ``<table-wrap>`` as journals
  print them (``Figure 1.``, ``Fig. 2 |``, ``Table 3:``, ``Supplementary table 1``,
  ``Figure 1—figure supplement 1.``) and their Chinese forms (``圖 1``, ``表 2：``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

Cell = tuple[int, int]  # (start, end) character offsets into a row's text

#: A caption's label at the start of a line, followed by a delimiter, the end of the line or
#: a capitalised title ("Table 1 Descriptive statistics"); not a sentence that begins with a
#: reference to a figure ("Figure 1 shows").
CAPTION_START = re.compile(
    r"(?:(?:Supplementary|Supplemental|Extended\s+[Dd]ata|Appendix|Source\s+data)\s+"
    r"(?:[Ff]igures?|[Tt]ables?|[Ff]ig\.?)|Figures?|Fig\.?|Tables?|Scheme|Chart|Plate|Box|Exhibit)"
    r"\s*(?:S?\d{1,3}[A-Za-z]?(?:[.\-–]\d{1,3})?|[IVXL]{1,5})"
    r"(?=\s*[.:|—–]|\s+-\s|\s*$|\s+[A-Z“\"‘'])"
)
#: The Chinese label (圖 figure, 图 its simplified form, 表 table) with its number.
_CJK_CAPTION = re.compile(
    r"[圖图表]\s*\d{1,3}(?:[-.－．]\d{1,3})?(?P<after>\s*[：:.．、\u3000]|\s*$|\s+)"
)
#: Where a line of the joined text may start a caption (a Latin label or a Chinese one) or a
#: list item (a bullet): one pass over the text finds both.
LINE_START_HINT = re.compile(
    r"^\u3000?(?:Supplementar|Supplemental|Extended|Appendix|Source|Fig|Table|Scheme|Chart"
    r"|Plate|Box|Exhibit|[圖图表]|[•◦▪▫●○■□‣⁃∙·*\-–](?: |\u3000))",
    re.MULTILINE,
)


def is_caption_start(text: str) -> bool:
    """Whether a line opens a figure or table caption with its label.

    A Chinese label followed by a space only counts on a short line that does not end a
    sentence (``表 2 顯示…。`` is running text).
    """
    if CAPTION_START.match(text):
        return True
    match = _CJK_CAPTION.match(text)
    if match is None:
        return False
    after = match["after"]
    if not after or after.strip() or "\u3000" in after:
        return True  # a delimiter, or the label alone on its line
    return len(text) <= 40 and not text.endswith("。")


#: A list item's bullet at the start of a line, followed by a space.
BULLET = re.compile(r"[•◦▪▫●○■□‣⁃∙·*\-–](?: |\u3000)")

# --- equations -------------------------------------------------------------------------------

#: Relations, arrows and large operators: what a display equation has and a table row lacks.
MATH_CHARACTERS = re.compile(r"[=≤≥≈≠≡∝≪≫∈∉⊂⊆⇒⇔→↦∑∏∫∮√∂∇]")
#: A display equation's line holds few tokens; a longer line is prose or noise.
_MAX_EQUATION_TOKENS = 24
#: A line this short is never a full line of prose, however short a document's lines are.
_SHORT_LINE = 30
_EQUATION_NUMBER = re.compile(r"\(\s?\d{1,3}[a-z]?\s?\)$")
_LEADING_OPERATOR = re.compile(r"[+\-−×·=<>≤≥]\s")
_PROSE_TOKEN = re.compile(r"[(\[“\"']?([a-z]{3,})[,.;:)\]”\"']*")
#: Words printed in equations that are not prose (function and operator names).
_MATH_WORDS = frozenset(
    "log exp sin cos tan sinh cosh tanh max min sup inf lim det var cov mod arg argmax argmin "
    "diag logit erf sgn sign".split()
)


def _balanced(text: str) -> bool:
    return all(text.count(o) == text.count(c) for o, c in ("()", "[]", "{}"))


#: A token of three capitals or more: the commonest OCR noise (``EAMFE``), rare in an equation.
_NOISE_TOKEN = re.compile(r"(?<!\S)[A-Z]{3,}(?!\S)")


def is_equation(text: str, full_line: int, continues: bool = False) -> bool:
    """Whether a line is (part of) a display equation.

    It holds a relation or a large operator (or, with ``continues``, the line before was an
    equation and this one starts with an operator or is the equation number alone), holds at
    most one prose word in six tokens and no token of three capitals (OCR noise), balances its
    brackets, and is shorter than a full line of text unless it ends in an equation number.
    ``full_line`` is the length from which a line counts as full.
    """
    if continues and (_LEADING_OPERATOR.match(text) or _EQUATION_NUMBER.fullmatch(text)):
        return True
    if MATH_CHARACTERS.search(text) is None:
        return False
    if len(text) >= max(full_line, _SHORT_LINE) and not _EQUATION_NUMBER.search(text):
        return False
    tokens = text.split()
    if len(tokens) > _MAX_EQUATION_TOKENS or not _balanced(text) or _NOISE_TOKEN.search(text):
        return False
    prose = 0
    for token in tokens:
        match = _PROSE_TOKEN.fullmatch(token)
        if match is not None and match.group(1) not in _MATH_WORDS:
            prose += 1
    return prose * 6 <= len(tokens)


# --- tables ----------------------------------------------------------------------------------

PIPE = "pipe"
TAB = "tab"
GAP = "gap"
NUMERIC = "numeric"
HEADER = "header"  # the words heading a table of numeric rows

#: Two spaces or more, or ideographic spaces: the gap between whitespace-aligned columns.
_GAP = re.compile(r" {2,}|\u3000+")
_RULE = re.compile(r"[|+:\-=_—–\s]*[-=_—–]{3,}[|+:\-=_—–\s]*")
#: A number as tables print it: signs, thousands separators, decimals, exponents, percent,
#: brackets (standard errors), and significance marks.
_NUMBER = r"[(\[]?[-−–+±<>≤≥~]?[$€£]?\d[\d,.]*(?:[eE][-−+]?\d+)?%?[)\]]?[*†‡]*[,;]?"
#: A row of numbers with single spaces: a label of up to five words, then two numbers or more
#: (anchored on lines of the joined text, searched in one pass).
NUMERIC_ROW = re.compile(
    rf"^\u3000?(?:\S+[ ]){{0,5}}(?:{_NUMBER}|[-–—]|n\.?s\.?|NA|n/a)"
    rf"(?:[ ]+(?:{_NUMBER}|[-–—]|[*†‡]+|n\.?s\.?|NA|n/a)){{1,}}$",
    re.MULTILINE,
)
_NUMBER_TOKEN = re.compile(rf"{_NUMBER}|[-–—]|[*†‡]+|n\.?s\.?|NA|n/a")
_TOKEN = re.compile(r"\S+")
#: A gap row's cells are short: a row whose cells average more words than this is prose set
#: with wide spaces (justified text from a layout-preserving converter).
_MAX_WORDS_PER_CELL = 5


def is_rule(text: str) -> bool:
    """Whether a line is a table rule (``|---|:--:|``, ``+----+``, ``------``)."""
    return _RULE.fullmatch(text) is not None


def row_family(text: str) -> str | None:
    """How a line separates its cells, if it can be a table row: pipe, tab, gap or numeric.

    A numbered equation (a relation, and a number in brackets at the end) is no row.
    """
    if _EQUATION_NUMBER.search(text) and MATH_CHARACTERS.search(text):
        return None
    if "|" in text:
        if is_rule(text) or len(_pipe_cells(text)) >= 2:
            return PIPE
        return None
    if "\t" in text:
        return TAB if len(_split_cells(text, "\t")) >= 2 else None
    if "  " in text or "\u3000" in text.strip("\u3000"):
        cells = gap_cells(text)
        if len(cells) >= 2 and _short_cells(text, cells):
            return GAP
        return None
    return NUMERIC if NUMERIC_ROW.fullmatch(text) else None


def _short_cells(text: str, cells: Sequence[Cell]) -> bool:
    """Cells of a few words, most of them not lowercase words (prose set with wide spaces)."""
    words = sum(len(text[start:end].split()) for start, end in cells)
    prose = sum(1 for start, end in cells if _PROSE_CELL.fullmatch(text, start, end))
    return words <= _MAX_WORDS_PER_CELL * len(cells) and prose * 2 < len(cells)


_PROSE_CELL = re.compile(r"[a-z][a-z'’\-]*[,.;:]?")


def _split_cells(text: str, separator: str) -> list[Cell]:
    """Cells between separators, stripped; empty cells kept as ``(start, start)``."""
    cells, start = [], 0
    for part in text.split(separator):
        end = start + len(part)
        inner = part.strip()
        lead = start + (len(part) - len(part.lstrip())) if inner else start
        cells.append((lead, lead + len(inner)))
        start = end + len(separator)
    return cells


def _pipe_cells(text: str) -> list[Cell]:
    cells = _split_cells(text, "|")
    stripped = text.strip()
    if stripped.startswith("|") and cells and cells[0][0] == cells[0][1]:
        cells = cells[1:]
    if stripped.endswith("|") and cells and cells[-1][0] == cells[-1][1]:
        cells = cells[:-1]
    return cells


def gap_cells(text: str) -> list[Cell]:
    """The runs of a line between gaps of two spaces or more."""
    cells, start = [], 0
    for gap in _GAP.finditer(text):
        if gap.start() > start:
            cells.append((start, gap.start()))
        start = gap.end()
    if start < len(text):
        cells.append((start, len(text)))
    return [
        (s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in cells if text[s:e].strip()
    ]


def numeric_cells(text: str) -> list[Cell]:
    """A numeric row's cells: its label (the words before the first number), then each token."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    first = next(
        (i for i, (s, e) in enumerate(tokens) if _NUMBER_TOKEN.fullmatch(text, s, e)), len(tokens)
    )
    label = [(tokens[0][0], tokens[first - 1][1])] if first else []
    return label + tokens[first:]


def header_cells(text: str, columns: int) -> list[Cell]:
    """A numeric table's header, whose words are separated by single spaces like its rows.

    One cell a word when the words are as many as the columns (or one fewer: the label column
    has no heading, and its cell is left empty); otherwise the whole line is one cell.
    """
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    if len(tokens) == columns:
        return tokens
    if len(tokens) == columns - 1:
        return [(0, 0), *tokens]
    return [(0, len(text))]


def is_header(text: str) -> bool:
    """Whether a line can head a table of numeric rows: short, no sentence, not a number row."""
    tokens = text.split()
    return (
        1 < len(tokens) <= 16
        and not text.endswith((".", "。", ":", "：", ","))
        and not any(ch.isdigit() for ch in text[:1])
    )


def cells_of(text: str, family: str) -> list[Cell]:
    """The cells of one row of a table of ``family`` (rules have none)."""
    if is_rule(text):
        return []
    if family == PIPE:
        return _pipe_cells(text)
    if family == TAB:
        return _split_cells(text, "\t")
    if family == GAP:
        return gap_cells(text)
    return numeric_cells(text)


def _width(text: str) -> int:
    """Display columns of ``text``: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def aligned(rows: Sequence[str]) -> bool:
    """Whether gap rows line up in columns, as a table's do and justified prose's do not.

    Two thirds of the cells after the first of each row must start or end in the display
    column where a cell of the row before starts or ends (numbers are often right-aligned).
    """
    edges = []
    for row in rows:
        found = set()
        for start, end in gap_cells(row):
            found.add(("s", _width(row[:start])))
            found.add(("e", _width(row[:end])))
        edges.append(found)
    hits = total = 0
    for k in range(1, len(rows)):
        for start, end in gap_cells(rows[k])[1:]:
            total += 1
            left, right = _width(rows[k][:start]), _width(rows[k][:end])
            near = edges[k - 1]
            if any(("s", x) in near for x in (left - 1, left, left + 1)) or any(
                ("e", x) in near for x in (right - 1, right, right + 1)
            ):
                hits += 1
    return total > 0 and 3 * hits >= 2 * total


def grid(rows: Sequence[str]) -> list[list[Cell]]:
    """Gap rows as a grid: every row gets one cell per column, empty where it has none.

    The columns are the bands of display columns that the cells of the rows below the first
    cover (the first row is a header whose cells often span several columns); a cell goes to
    the column it overlaps most, or the nearest one, and two cells in one column become one.
    """
    spans = [gap_cells(row) for row in rows]
    extents = [
        [(_width(row[:start]), _width(row[:end])) for start, end in cells]
        for row, cells in zip(rows, spans, strict=True)
    ]
    bands: list[list[int]] = []
    for lo, hi in sorted(x for row in extents[1:] or extents for x in row):
        if bands and lo <= bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], hi)
        else:
            bands.append([lo, hi])
    out = []
    for cells, extent in zip(spans, extents, strict=True):
        slots: list[list[Cell]] = [[] for _ in bands]
        column = 0
        for cell, (left, right) in zip(cells, extent, strict=True):

            def fit(c: int, left: int = left, right: int = right) -> tuple[int, int]:
                lo, hi = bands[c]
                return min(hi, right) - max(lo, left), -abs((lo + hi) - (left + right))

            # Columns only go rightwards, so that the cells of a row stay in text order.
            column = max(range(column, len(bands)), key=fit)
            slots[column].append(cell)
        result: list[Cell] = []
        for slot in slots:
            at = result[-1][1] if result else 0
            result.append((slot[0][0], slot[-1][1]) if slot else (at, at))
        out.append(result)
    return out
