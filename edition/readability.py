"""How much of a block is readable text rather than OCR noise, as a score from 0 to 1.

The seed's Chinese body was read by a Latin-only OCR engine, which turned each character into
one to three Latin letters or symbols (``& bR oy B (TRISE > EAMFE``). Such noise is made of
short capitalised fragments, stray symbols and few real words; English prose is made of words
with vowels and many function words; Chinese prose of Han characters. The score is the share of
non-space characters outside parentheses that belong to CJK text or to plausible Latin tokens.
"""

from __future__ import annotations

import re

from edition.script import CJK_CLASS

#: An aside in parentheses (to its close, or to the end), a run of CJK, or a Latin token.
_TOKEN = re.compile(rf"[(（][^()（）]{{0,300}}(?:[)）]|$)|[{CJK_CLASS}]+|[^\s(（{CJK_CLASS}]+")
_CJK_RUN = re.compile(rf"[{CJK_CLASS}]+")
#: The core of a plausible Latin token once surrounding punctuation is stripped: a word of
#: three or more letters, lowercase or capitalised (hyphens and apostrophes inside), an
#: acronym in plural or with a number, or an abbreviation (``e.g.``, ``p.``, ``et al.``).
_WORD = re.compile(
    r"(?:[A-Z][a-z]+[A-Z][a-z]+"  # WeChat, YouTube
    r"|[A-Z]?[a-zà-ÿ]{2,}(?:[-'’][A-Za-zà-ÿ]+)*"
    r"|[A-Z]{2,}(?:s|-\d+)"  # plural or numbered acronyms: CRIs, COVID-19
    r"|[A-Z][a-zà-ÿ]+(?:[-'’][A-Za-zà-ÿ]+)*\d{1,2}[*†‡]?"  # a name with its affiliation: Zhang1
    r"|(?:e\.g|i\.e|et al|pp?|vol|no|ed|eds|cf)\.?)"
)
_LINK = re.compile(r"(?:https?://|www\.|doi:|10\.\d{4,}/)\S+|[\w.+-]+@[\w-]+\.[\w.]+")
_NUMBER = re.compile(r"[\W\d_]*\d[\W\d_]*")
_EDGES = "()[]{}“”‘’\"'.,;:!?«»"
#: Two-letter and one-letter words that are real in English prose.
_SHORT = frozenset(
    "a i an as at be by do go he if in is it me my no of on or so to up us we am".split()
)


def _plausible(token: str) -> bool:
    """Whether a Latin token looks like part of real prose rather than a noise fragment.

    All-capital fragments are the commonest noise (``AKIENE``, ``BRI``), so a capitalised
    token counts only as a plural or numbered acronym (``CRIs``, ``COVID-19``); short words
    count only in lowercase, since noise is full of ``A``, ``At``, ``Ik``.
    """
    if _LINK.match(token):
        return True
    core = token.strip(_EDGES)
    if not core:
        return token in {"(", ")", "&", "—", "–", "-"}
    if core in _SHORT:
        return True
    if _WORD.fullmatch(core) is None:
        return False
    return any(ch in "aeiouyàáâäèéêëìíîïòóôöùúûüAEIOUY" for ch in core)


def _weigh(token: str) -> tuple[int, int]:
    """(readable, counted) characters of one token; bare numbers count for nothing."""
    if _NUMBER.fullmatch(token):
        return 0, 0  # bare numbers are as common in noise as in prose: they tell nothing
    size = len(token)
    return (size if _CJK_RUN.fullmatch(token) or _plausible(token) else 0), size


#: Weights of tokens seen before: prose and noise alike repeat their tokens. Bounded. A weight
#: is packed in one int, ``readable << 32 | counted``, so that a block's weights add up in C.
_WEIGHTS: dict[str, int] = {}
_WEIGHTS_MAX = 1 << 16
_SHIFT = 32
_LOW = (1 << _SHIFT) - 1


def _weight(token: str) -> int:
    """The packed weight of a token not in the cache, cached while there is room."""
    if token[0] in "(（":
        return 0  # asides are left out, and rarely repeat: not cached
    readable, counted = _weigh(token)
    weight = readable << _SHIFT | counted
    if len(_WEIGHTS) < _WEIGHTS_MAX:
        _WEIGHTS[token] = weight
    return weight


def tally(text: str) -> tuple[int, int]:
    """(readable, total) non-space characters of ``text``: the counts behind the score.

    Parenthesised text is left out of both counts: it is where noise keeps its legible
    islands (citations, English glosses), which say nothing about the prose around them.
    """
    get = _WEIGHTS.get
    total = sum(
        [_weight(token) if (w := get(token)) is None else w for token in _TOKEN.findall(text)]
    )
    return total >> _SHIFT, total & _LOW


def readability(text: str) -> float:
    """Share of non-space characters that are CJK text or plausible Latin tokens (0 to 1)."""
    good, total = tally(text)
    return good / total if total else 0.0
