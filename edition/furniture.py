"""What page furniture looks like: the patterns the cleaner and the citation engine share.

Both stages must agree on what is a page number, a publisher's line or a running head: the
cleaner removes and logs such lines, and the citation engine, which reads raw OCR text, looks
through them so that a citation broken by a page break is still one citation. The two walk
the text differently (the cleaner classifies every line; the engine needs one fast regex pass),
but they judge a line by these definitions only.
"""

from __future__ import annotations

import re

#: The dots some journals set around a page number ("·58·", as many Mainland journals do).
_DOTS = "·•‧・"
#: What a line that prints a page number at one end begins or ends with.
FOLIO_EDGES = frozenset("0123456789" + _DOTS)
#: A line that is only a page number ("99", "– 12 –", "·58·", "xiv", "Page 3 of 12", "3 / 12",
#: "第 3 頁") or a form feed. The arabic or roman number is the group ``number``.
PAGE_NUMBER_LINE = re.compile(
    rf"[ \t]*(?:(?:[Pp]age|PAGE|第)[ \t]*)?(?:[-–—{_DOTS}][ \t]*)?"
    r"(?P<number>\d{1,4}|[ivxlc]{1,6})"
    rf"(?:[ \t]*(?:of|/|／)[ \t]*\d{{1,4}})?(?:[ \t]*(?:[-–—{_DOTS}]|[頁页]))?[ \t\f\r]*"
    r"|[ \t\r]*\f[ \t\f\r]*"
)
#: The page number that a running head or footer prints at its end ("… 3 of 24", "… 3 / 15").
FOLIO = re.compile(r"(?<!\S)(?P<number>\d{1,4})[ \t]*(?:of|/|／)[ \t]*\d{1,4}[ \t]*$")
#: The publisher's lines printed on every page: copyright, licence, provenance.
COPYRIGHT = re.compile(
    r"copyright|all rights reserved|[©Ⓒ]\s*(?:\d{4}|the\b)|\(c\)\s*\d{4}"
    r"|published by\b|downloaded from\b|licen[cs]ed under|creative commons|版權所有|版权所有",
    re.IGNORECASE,
)
#: A line that starts in lowercase continues a sentence: it is no running head.
LOWERCASE_START = re.compile(r"[\s(\[{\"'“‘]*[a-z]")
_DIGITS = re.compile(r"\d+")
#: The wide gap that sets a running head's page number apart from its words: two spaces or
#: more, a tab, or an ideographic space ("46　　傳播研究", "Weak ties in groups    93").
_GAP = r"(?:[ \t\u3000]*[\t\u3000][ \t\u3000]*|[ ]{2,})"
_NUMBER_FIRST = re.compile(rf"[{_DOTS}]?(?P<number>\d{{1,4}})[{_DOTS}]?{_GAP}(?P<words>\S.*)")
_NUMBER_LAST = re.compile(rf"(?P<words>.*\S){_GAP}[{_DOTS}]?(?P<number>\d{{1,4}})[{_DOTS}]?")


def head_form(line: str) -> str:
    """A running head with its numbers masked, so the heads of all pages compare equal."""
    return _DIGITS.sub("#", " ".join(line.split()))


def head_folio(line: str) -> tuple[int, str] | None:
    """The page number a running head prints at one end, set apart by a wide gap, and the
    head's words: ``"46　　傳播研究"`` → ``(46, "傳播研究")``; None for a line of another shape."""
    match = _NUMBER_FIRST.fullmatch(line) or _NUMBER_LAST.fullmatch(line)
    if match is None or not any(ch.isalpha() for ch in match["words"]):
        return None
    return int(match["number"]), match["words"]
