"""Where in a text nothing may be changed: the protected spans shared by conversion and glossary.

Script conversion and glossary linking both rewrite running prose, and both must leave alone
what is not prose: code (fenced, inline, ``<code>``, ``<pre>``), URLs in every form (bare,
with non-ASCII paths and queries, IDN hosts, autolinks, reference definitions), DOIs, e-mail
addresses, Markdown link targets and reference labels (with the text of shortcut references,
which is their label), footnote labels, real HTML tags with their attributes
(CommonMark's definition of raw HTML, so ``n<m 與 m>k`` is prose), heading ids, and whatever
the caller passes in (the glossary passes the citations found by the citation engine).
Keeping the one definition here means a span that conversion leaves untouched is also a span
the glossary never links into.
Conversion also keeps Latin-script runs; the glossary cannot, as it links English terms.

The finder only has to be safe, not a Markdown parser: protecting a little too much leaves
some Chinese unconverted, protecting too little could change a URL or a code sample, so every
pattern errs on the wide side. It is one compiled alternation whose branches all begin with a
fixed character, which lets Python's regex engine skip straight to the few places where a
branch can begin: one fast pass over the text however many kinds of span there are (a branch
that begins with a group or a class makes it try every branch at every position, five times
slower).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

Span = tuple[int, int]

#: What may follow a URL in running text without being part of it: blanks, quotes and angle
#: brackets (RFC 3986, appendix C), the curly quotes, ellipsis and bullets of general
#: punctuation (“”‘’…, which Simplified prose puts around and after an address), a double
#: dash (——, the Chinese dash), CJK punctuation (、。「」《》・) and the full-width forms of
#: ASCII punctuation (，：；（）…), which Chinese prose puts right after an address. A
#: middle dot and a single dash are part of an address: Wikipedia names its pages so
#: (列夫·托尔斯泰, Michelson–Morley_experiment).
_URL_BODY = (
    "(?:[^\\s<>\"'`\u2014\u2016-\u2027\u3000-\u303f\u30fb\ufe30-\ufe4f\uff01-\uff0f"
    "\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]|\u2014(?!\u2014))"
)
#: A real HTML tag as CommonMark defines raw HTML (spec 6.6): a name, then attributes that
#: are names with optional values. ``當 n<m 與 m>k 時`` is no tag: 與 cannot begin an
#: attribute name.
_ATTRIBUTE = r"""\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
_RAW_ELEMENTS = "code|pre|kbd|samp|var|script|style|textarea|math|svg"

_STRUCTURE = re.compile(
    "|".join(
        (
            # Fenced code blocks, indented or not (in list items), to the closing fence or the
            # end of the text. A fence opens a line: the text is scanned with a newline in front.
            r"\n[ \t]*(?P<bt>`{3,})[^`\n]*\n[\s\S]*?(?:\n[ \t]*(?P=bt)`*[ \t]*(?=\n|\Z)|\Z)",
            r"\n[ \t]*(?P<tl>~{3,})[^\n]*\n[\s\S]*?(?:\n[ \t]*(?P=tl)~*[ \t]*(?=\n|\Z)|\Z)",
            # Link reference definitions (CommonMark 4.7), the whole line: their label must stay
            # equal to the references' labels, their destination is a URL.
            r"\n[ ]{0,3}\[(?!\^)(?P<label>[^\]\n]+)\]:[^\n]*",
            # Footnote labels ([^note], and [^note]: before a footnote's text, which is prose):
            # a reference and its footnote must keep the same label.
            r"\[\^[^\]\s\[]+\]",
            # Inline code: a whole backtick run closed by one of the same length, within one
            # paragraph.
            r"`(?<!``)(?P<ic>`*)(?!`)(?:(?!\n[ \t]*\n)[\s\S])*?(?<!`)`(?P=ic)(?!`)",
            # HTML comments, CDATA, declarations and processing instructions.
            r"<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![A-Za-z][^>]*>|<\?[\s\S]*?\?>",
            # Elements whose content is code or not prose, with that content.
            rf"<(?i:(?P<raw>{_RAW_ELEMENTS}))\b(?:{_ATTRIBUTE})*\s*>[\s\S]*?</(?i:(?P=raw))\s*>",
            # Autolinks: <scheme:...> and <address@host> (CommonMark 6.5).
            r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>",
            r"<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[^\s<>@]+>",
            # Tags with their attributes (and only real tags).
            rf"</?[A-Za-z][A-Za-z0-9-]*(?:{_ATTRIBUTE})*\s*/?>",
            # Markdown link and image targets, one level of nested parentheses allowed, and
            # the labels of reference links ([text][label]).
            r"\]\((?:[^()\n]|\([^()\n]*\))*\)",
            r"\]\[[^\]\n]*\]",
            # Attribute lists of Markdown's attr_list: heading ids {#id}, {: .class #id}.
            r"\{:?[ \t]*[#.][^{}\n]*\}",
            # URLs, with non-ASCII paths, queries and IDN hosts, and e-mail addresses (ASCII
            # local part; ASCII or IDN domain). Found from "://", "www." and "@"; the scheme of
            # a URL and the local part of an address are added by looking back from there.
            rf"://{_URL_BODY}+",
            rf"www\.{_URL_BODY}+",
            # DOIs without a URL (doi:10.1177/…, "DOI 10.1080/…"): the directory indicator
            # "10.", a registrant code of digits and dots, "/", and a suffix (DOI Handbook 2.2)
            # of printable ASCII but quotes and angle brackets: registered suffixes are ASCII,
            # and Chinese prose goes on right after one (見 doi:10.1080/x後).
            r"1(?<![0-9.]1)0\.[0-9]{4,9}(?:\.[0-9]+)*+/[!#-&(-;=?-_a-~]+",
            r"@(?:[\w-]+\.)+(?:[A-Za-z]{2,}(?![A-Za-z0-9])|[^\W\d_]{2,})",
        )
    )
)
#: What may stand before "://" (a URL's scheme, RFC 3986 3.1) and before "@" (an address's
#: local part, ASCII).
_SCHEME = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-"
_LOCAL_PART = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-"
#: The first characters of the matches of :data:`_STRUCTURE` that are more than their place:
#: a fence or a definition (its label), a URL or a DOI (its scheme and its end), an address
#: (its local part).
_FURTHER = frozenset("\n:w1@")
#: Punctuation that ends a sentence after a bare URL rather than the URL (as GFM's autolink
#: extension reads it); a closing parenthesis only when the URL opened none.
_PARENS = re.compile(r"[()]")
_URL_TRAILING = ".,;:!?*_~'\"\u2013\u2014\u00b7"
_BLANKS = re.compile(r"[ \t\n]+")
#: Whole links, text included: where the glossary links nothing (a link inside a link is
#: invalid HTML, and the link text is the author's).
_LINKS = re.compile(
    r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\](?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\])"
    r"|<a\b[^>]*>[\s\S]*?</a\s*>",
    re.IGNORECASE,
)

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


def protected_spans(
    text: str, extra: Iterable[Span] = (), *, latin: bool = False, links: bool = False
) -> list[Span]:
    """Return the spans of ``text`` that must stay byte-identical, sorted and merged.

    Offsets are character offsets into ``text``. ``extra`` adds spans only the caller knows
    (citations). ``latin=True`` adds the Latin-script runs found between those spans:
    exactly what conversion keeps. ``links=True`` adds whole Markdown and HTML links with
    their text: where the glossary links nothing.
    """
    spans = merge_spans(s for s in (*extra, *_structure_spans(text, links)) if s[0] < s[1])
    if latin:
        spans = merge_spans([*spans, *(m.span() for m in find_outside(LATIN_RUN, text, spans))])
    return spans


@lru_cache(maxsize=1 << 10)
def _structure_spans(text: str, links: bool) -> tuple[Span, ...]:
    """The spans of :func:`protected_spans` that ``text`` itself holds, unmerged;
    remembered, as the term search, the citation search and conversion read the same
    texts."""
    spans = []
    labels = set()
    scanned = "\n" + text
    for match in _STRUCTURE.finditer(scanned):
        start, end = match.span()
        first = scanned[start]
        start, end = max(start - 1, 0), end - 1
        # Most matches (link targets, code, tags) are spans as they stand; the others are
        # told by their first character.
        if first in _FURTHER:
            if first == "\n":  # a fence, or a definition with its label
                if match["label"] is not None:
                    labels.add(match["label"])
            elif first == "@":
                start = _look_back(text, start, _LOCAL_PART, 64)
            else:  # a URL (://, www.) or a DOI (10.): its scheme, where it has one; its end
                if first == ":":
                    start = _look_back(text, start, _SCHEME, 32)
                end = _url_end(text, start, end)
        spans.append((start, end))
    if labels:
        spans.extend(match.span() for match in _shortcut_references(labels).finditer(text))
    if links:
        spans.extend(match.span() for match in _LINKS.finditer(text))
    return tuple(spans)


def _shortcut_references(labels: Iterable[str]) -> re.Pattern[str]:
    """Shortcut and collapsed reference links to one of ``labels`` ([後臺], [後臺][]), whose
    text is the label that must match its definition (CommonMark 6.3: case-insensitive, any
    run of blanks alike)."""
    forms = sorted({_BLANKS.sub(" ", label.strip()).casefold() for label in labels}, key=len)
    body = "|".join(_BLANKS.sub(r"[ \\t\\n]+", re.escape(form)) for form in reversed(forms))
    return re.compile(rf"!?\[[ \t]*(?:{body})[ \t]*\](?:\[\])?(?![(\[:])", re.IGNORECASE)


def _look_back(text: str, start: int, allowed: str, longest: int) -> int:
    """Where a URL's scheme or an address's local part that ends at ``start`` begins (a
    scheme begins with a letter), or ``start`` itself where there is none."""
    window = text[max(0, start - longest) : start]
    begin = start - (len(window) - len(window.rstrip(allowed)))
    if allowed is _SCHEME:
        while begin < start and not (text[begin].isascii() and text[begin].isalpha()):
            begin += 1
    return begin


def _url_end(text: str, start: int, end: int) -> int:
    """Where a bare URL found as ``text[start:end]`` ends: a closing parenthesis that closes
    nothing opened in the URL ends it (``（見 https://a.org/x)後`` and Wikipedia's
    ``…/A_(B))後``), and trailing sentence punctuation is left to the sentence. Linear in
    the URL's length, however many parentheses it holds."""
    depth = 0
    for paren in _PARENS.finditer(text, start, end):
        if paren[0] == "(":
            depth += 1
        elif depth:
            depth -= 1
        else:
            end = paren.end()  # this parenthesis closes one the URL did not open
            break
    opened, closed = text.count("(", start, end), text.count(")", start, end)
    while end > start:
        last = text[end - 1]
        if last == ")" and opened < closed:
            closed -= 1
        elif last not in _URL_TRAILING:
            break
        end -= 1
    return end


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
