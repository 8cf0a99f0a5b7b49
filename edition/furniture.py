"""What page furniture looks like: the patterns the cleaner and the citation engine share.

Both stages must agree on what is a page number, a publisher's line or a running head: the
cleaner removes and logs such lines, and the citation engine, which reads raw OCR text, looks
through them so that a citation broken by a page break is still one citation. The two walk
the text differently (the cleaner classifies every line; the engine needs one fast regex pass),
but they judge a line by these definitions only.
"""

from __future__ import annotations

import re

#: A line that is only a page number ("99", "– 12 –", "xiv") or a form feed. The arabic or
#: roman number is the group ``number``.
PAGE_NUMBER_LINE = re.compile(
    r"[ \t]*(?:[-–—][ \t]*)?(?P<number>\d{1,4}|[ivxlc]{1,6})(?:[ \t]*[-–—])?[ \t\f\r]*"
    r"|[ \t\r]*\f[ \t\f\r]*"
)
#: The publisher's lines printed on every page: copyright, licence, provenance.
COPYRIGHT = re.compile(
    r"copyright|all rights reserved|[©Ⓒ]\s*(?:\d{4}|the\b)|\(c\)\s*\d{4}"
    r"|published by\b|downloaded from\b|licen[cs]ed under|creative commons|版權所有|版权所有",
    re.IGNORECASE,
)
#: A line that starts in lowercase continues a sentence: it is no running head.
LOWERCASE_START = re.compile(r"[\s(\[{\"'“‘]*[a-z]")
_DIGITS = re.compile(r"\d+")


def head_form(line: str) -> str:
    """A running head with its numbers masked, so the heads of all pages compare equal."""
    return _DIGITS.sub("#", " ".join(line.split()))
