"""Where in a text nothing may be changed: the protected spans shared by conversion and glossary.

Script conversion and glossary linking both rewrite running prose, and both must leave alone
what is not prose: code, URLs, e-mail addresses, Markdown link targets, HTML tags with their
attributes, heading ids, and the citations found by the citation engine (passed in as
``extra`` because only that engine knows where they are). Keeping the one definition here means
a span that conversion leaves untouched is also a span the glossary never links into.
Conversion also keeps Latin-script runs; the glossary cannot, as it links English terms.

The finder only has to be safe, not a Markdown parser: protecting a little too much leaves
some Chinese unconverted, protecting too little could change a URL or a code sample, so every
pattern errs on the wide side. It is one compiled alternation whose branches all begin with a
fixed character, which lets Python's regex engine skip straight to the few places where a
branch can begin: one fast pass over the text however many kinds of span there are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

Span = tuple[int, int]

_STRUCTURE = re.compile(
    "|".join(
        (
            # Fenced code blocks, indented or not (in list items), to the closing fence or the
            # end of the text. A fence opens a line: the text is scanned with a newline in front.
            r"\n[ \t]*(?P<bt>`{3,})[^`\n]*\n[\s\S]*?(?:\n[ \t]*(?P=bt)`*[ \t]*(?=\n|\Z)|\Z)",
            r"\n[ \t]*(?P<tl>~{3,})[^\n]*\n[\s\S]*?(?:\n[ \t]*(?P=tl)~*[ \t]*(?=\n|\Z)|\Z)",
            # Inline code: a whole backtick run closed by one of the same length, within one
            # paragraph.
            r"`(?<!``)(?P<ic>`*)(?!`)(?:(?!\n[ \t]*\n)[\s\S])*?(?<!`)`(?P=ic)(?!`)",
            # HTML comments, and tags with their attributes.
            r"<!--[\s\S]*?-->",
            r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",
            # Markdown link and image targets, one level of nested parentheses allowed.
            r"\]\((?:[^()\n]|\([^()\n]*\))*\)",
            # Attribute lists of Markdown's attr_list: heading ids {#id}, {: .class #id}.
            r"\{:?[ \t]*[#.][^{}\n]*\}",
            # URLs and e-mail addresses, ASCII only (in Chinese prose one is often followed by
            # text without a space). Found from "://", "www." and "@"; the scheme of a URL and
            # the local part of an address are added by looking back from there.
            r"://[!#-;=?-~]+",
            r"www\.[!#-;=?-~]+",
            r"@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
        )
    )
)
_BEFORE = {":": re.compile(r"[A-Za-z][A-Za-z0-9+.-]*$"), "@": re.compile(r"[A-Za-z0-9._%+-]+$")}

_LATIN = (
    r"A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02AF\u1E00-\u1EFF"
    r"\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A"
)
#: A Latin-script run: it begins and ends with a Latin letter or digit (ASCII, Latin-1,
#: Latin Extended, fullwidth forms) and holds between them only such letters, combining
#: accents, blanks, ASCII punctuation and dashes, quotes and ellipses of general punctuation,
#: e.g. ``Klinenberg, 2018; Latham & Layton, 2019`` or ``Klinenberg’s “palaces”``.
LATIN_RUN = re.compile(
    rf"[{_LATIN}](?:[{_LATIN}\u0300-\u036F \t\u00A0!-/:-@\[-`{{-~\u2010-\u2027]*[{_LATIN}])?"
)


def protected_spans(text: str, extra: Iterable[Span] = (), *, latin: bool = False) -> list[Span]:
    """Return the spans of ``text`` that must stay byte-identical, sorted and merged.

    ``extra`` adds spans only the caller knows (citations). ``latin=True`` adds the
    Latin-script runs found between those spans: exactly what conversion keeps.
    """
    spans = list(extra)
    for match in _STRUCTURE.finditer("\n" + text):
        start, end = match.span()
        start, end = max(start - 1, 0), end - 1
        before = _BEFORE.get(text[start])
        if before is not None:
            found = before.search(text, max(0, start - 64), start)
            start = found.start() if found else start
        spans.append((start, end))
    spans = merge_spans(span for span in spans if span[0] < span[1])
    if latin:
        spans = merge_spans([*spans, *(m.span() for m in find_outside(LATIN_RUN, text, spans))])
    return spans


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sort spans and join those that overlap or touch."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def gaps(text: str, protected: list[Span]) -> Iterator[Span]:
    """The spans between the merged ``protected`` spans, the empty ones included."""
    start = 0
    for span_start, span_end in protected:
        yield start, span_start
        start = span_end
    yield start, len(text)


def find_outside(
    pattern: re.Pattern[str], text: str, protected: list[Span]
) -> Iterator[re.Match[str]]:
    """Yield the matches of ``pattern`` that lie wholly between the merged ``protected`` spans.

    The search runs gap by gap, so a match that would cross into a protected span is not
    found, while a shorter one that fits before it still is. Lookbehinds see the text before
    a gap; lookaheads see a gap's end as the end of the text.
    """
    for start, end in gaps(text, protected):
        if start < end:
            yield from pattern.finditer(text, start, end)
