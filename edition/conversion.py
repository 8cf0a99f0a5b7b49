"""Traditional ↔ Simplified Chinese with OpenCC, the edition's own forms, and protected spans.

The edition's Traditional text is the source of truth; the Simplified version is generated
from it (round trips are lossy: 麵包 → 面包 → 麪包). OpenCC's Hong Kong configs are the
default (``hk2s``, ``s2hk``) because the journal is from Hong Kong; any OpenCC config can be
named instead.

Two things come before OpenCC:

* **Protected spans** (:mod:`edition.spans`: code, URLs, e-mail addresses, link targets, HTML
  tags, heading ids, Latin-script runs, and the citations the caller passes in) are never
  handed to OpenCC at all, so they come out byte-identical.
* **The edition's term list** (the glossary's zh-Hant/zh-Hans pairs and
  ``conversion-overrides.yml``) wins over OpenCC. OpenCC has no Python API for custom
  phrases; the alternative to what is done here is a JSON config with an inline dictionary
  before the built-in ones. That was rejected: it has to copy the structure of every config
  it extends (normalisation, segmentation groups, match policies, which changed in OpenCC
  1.4) and point at the package's ``.ocd2`` files by absolute path, so it breaks silently
  when OpenCC moves on and cannot extend an arbitrary config. Instead the declared forms that
  OpenCC would get wrong (著 → 着 where OpenCC keeps 著), with every form that can overlap
  them (著作), are found here (one compiled alternation, longest form first) and substituted
  directly; OpenCC converts only what lies between. That works for any config, and such a
  form wins even where one of OpenCC's phrases would have overlapped it. Forms OpenCC already
  converts as declared are left to it (see ``_term_matcher``).

Speed: the text between protected spans and terms is joined with Unicode noncharacters as
placeholders and converted in a single OpenCC call, then split apart again. A placeholder is
a character OpenCC has no dictionary entry for, so it ends any phrase exactly as converting
each piece alone would, without one call per piece. Each step is one pass of a compiled
pattern or of ``str`` methods over the whole text, with no Python code per span
(``scripts/bench_conversion.py``).

Known limits: a declared form containing Latin letters cannot match (Latin runs are set
aside first); 有著名 and the like stay ambiguous (著 is zhe in 有著, zhù in 著名).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain, pairwise
from pathlib import Path

import opencc

from edition.errors import EditionError
from edition.spans import LATIN_RUN, Span, merge_spans, protected_spans
from edition.yamlfile import fields, line_of, load_yaml

ZH_HANS = "zh-Hans"
ZH_HANT = "zh-Hant"
TARGETS = (ZH_HANS, ZH_HANT)
#: OpenCC config per target script: Hong Kong Traditional, the journal's own.
DEFAULT_CONFIGS = {ZH_HANS: "hk2s", ZH_HANT: "s2hk"}

# Unicode noncharacters are reserved for a program's internal use: the placeholders.
_PLACEHOLDERS = tuple(chr(code) for code in range(0xFDD0, 0xFDF0))
# OpenCC's C API reads NUL-terminated strings and drops everything after a NUL.
_NULS = re.compile("\x00+")
_LATIN_SPLIT = re.compile(f"({LATIN_RUN.pattern})")


@dataclass(frozen=True)
class TermPair:
    """One declared correspondence between a Traditional and a Simplified form."""

    hant: str
    hans: str
    path: str | Path | None = None
    line: int | None = None


@dataclass(frozen=True)
class TermList:
    """The edition's own forms, which win over OpenCC in both directions."""

    pairs: tuple[TermPair, ...] = ()

    def __add__(self, other: TermList) -> TermList:
        return TermList(self.pairs + other.pairs)

    def mapping(self, target: str) -> dict[str, str]:
        """Source-script form → declared target form, for converting into ``target``.

        Two pairs that give one form two different counterparts make conversion ambiguous:
        that is the editor's mistake and is reported with the second pair's file and line.
        """
        _check_target(target)
        mapping: dict[str, str] = {}
        origin: dict[str, TermPair] = {}
        for pair in self.pairs:
            source, declared = (
                (pair.hant, pair.hans) if target == ZH_HANS else (pair.hans, pair.hant)
            )
            if mapping.get(source, declared) != declared:
                first = origin[source]
                raise EditionError(
                    f"'{source}' is declared as '{mapping[source]}' "
                    f"({first.path}:{first.line}) and as '{declared}'",
                    pair.path,
                    pair.line,
                )
            mapping[source] = declared
            origin.setdefault(source, pair)
        return mapping


#: Corner brackets are the Traditional (and Hong Kong) quotation marks, curly quotes the
#: Simplified ones; OpenCC leaves punctuation alone. Declared as forms, they are replaced in
#: the same pass as the edition's terms.
_CORNER_QUOTES = TermList(
    tuple(TermPair(corner, curly) for corner, curly in zip("「」『』", "“”‘’", strict=True))
)


def load_overrides(path: str | Path) -> TermList:
    """Read ``conversion-overrides.yml``: a list of ``{zh-Hant, zh-Hans, why}`` mappings.

    ``why`` is required so that every exception to OpenCC stays explained in the file.
    """
    data = load_yaml(path)
    items = data.get("overrides") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise EditionError("expected a mapping with an 'overrides' list", path, line_of(data) or 1)
    pairs = []
    for item in items:
        if not isinstance(item, dict):
            raise EditionError("each override must be a mapping", path, line_of(data))
        values = fields(item)
        unknown = set(values) - {"zh-Hant", "zh-Hans", "why"}
        if unknown:
            raise EditionError(
                f"unknown field(s): {', '.join(sorted(unknown))}", path, line_of(item)
            )
        for key in ("zh-Hant", "zh-Hans", "why"):
            if not isinstance(values.get(key), str) or not values[key].strip():
                raise EditionError(f"override needs a non-empty '{key}'", path, line_of(item))
        pairs.append(TermPair(values["zh-Hant"], values["zh-Hans"], path, line_of(item)))
    return TermList(tuple(pairs))


@cache
def opencc_converter(config: str) -> opencc.OpenCC:
    """The OpenCC converter for ``config``, built once per process (construction is slow)."""
    try:
        return opencc.OpenCC(config)
    except RuntimeError as exc:
        raise EditionError(f"unknown OpenCC config '{config}': {exc}") from exc


@dataclass(frozen=True)
class _TermMatcher:
    pattern: re.Pattern[str] | None
    declared: dict[str, str]
    chars: frozenset[str]


@lru_cache(maxsize=64)
def _term_matcher(terms: TermList, target: str, config: str) -> _TermMatcher:
    """The declared forms conversion must substitute itself, as one alternation.

    A form that OpenCC converts to its declared counterpart anyway is left to OpenCC: it then
    wins as surely as it would in an inline OpenCC dictionary, and most glossary terms are of
    this kind, so the text is not cut at each of them. A form OpenCC converts otherwise (著 →
    着), and every form that can overlap one of those in a text (著作 contains 著), is
    substituted here, so it wins even against an OpenCC phrase overlapping it.
    """
    mapping = terms.mapping(target)
    engine = opencc_converter(config)
    needed = {form for form, declared in mapping.items() if engine.convert(form) != declared}
    grown = True
    while grown:
        more = {form for form in mapping.keys() - needed if any(_overlap(form, n) for n in needed)}
        needed |= more
        grown = bool(more)
    if not needed:
        return _TermMatcher(None, {}, frozenset())
    # Longest first: at any one position the longest declared form wins.
    alternatives = sorted(needed, key=lambda form: (-len(form), form))
    pattern = re.compile("({})".format("|".join(map(re.escape, alternatives))))
    return _TermMatcher(
        pattern, {form: mapping[form] for form in needed}, frozenset("".join(needed))
    )


def _overlap(a: str, b: str) -> bool:
    """Whether occurrences of ``a`` and ``b`` can overlap: one holds the other, or one ends
    with the beginning of the other."""
    return (
        a in b
        or b in a
        or any(a.endswith(b[:k]) or b.endswith(a[:k]) for k in range(1, min(len(a), len(b))))
    )


def _placeholders(text: str, taken: frozenset[str]) -> tuple[str, str, str]:
    free = (c for c in _PLACEHOLDERS if c not in taken and c not in text)
    try:
        return next(free), next(free), next(free)
    except StopIteration:
        raise EditionError("the text uses every noncharacter U+FDD0-U+FDEF") from None


def _check_target(target: str) -> None:
    if target not in TARGETS:
        raise ValueError(f"target must be one of {', '.join(TARGETS)}, not {target!r}")


@dataclass(frozen=True)
class Converter:
    """Conversion into one script with fixed settings; cheap to create, heavy parts cached.

    ``punctuation`` turns Traditional corner brackets into curly quotes in zh-Hans output
    (zh-Hant output keeps punctuation as written).
    """

    target: str = ZH_HANS
    config: str | None = None
    terms: TermList = TermList()
    punctuation: bool = True

    def __post_init__(self) -> None:
        _check_target(self.target)

    @property
    def opencc_config(self) -> str:
        return self.config or DEFAULT_CONFIGS[self.target]

    def convert(self, text: str, protected: Iterable[Span] = ()) -> str:
        """Convert ``text``; ``protected`` (e.g. citation spans) and the spans of
        ``protected_spans(text, protected, latin=True)`` come out byte-identical, declared
        terms come out in their declared form."""
        engine = opencc_converter(self.opencc_config)
        terms = self.terms
        if self.punctuation and self.target == ZH_HANS:
            terms += _CORNER_QUOTES
        matcher = _term_matcher(terms, self.target, self.opencc_config)
        spans = protected_spans(text, protected)
        if "\x00" in text:
            spans = merge_spans([*spans, *(m.span() for m in _NULS.finditer(text))])
        hole, latin, term = _placeholders(text, matcher.chars)

        # Slice at every span edge (gap, span, gap, ..., gap); join the gaps around holes.
        edges = [0, *chain.from_iterable(spans), len(text)]
        pieces = [text[start:end] for start, end in pairwise(edges)]
        kept, joined = pieces[1::2], hole.join(pieces[::2])
        # A capturing split gives [text, found, text, ..., found, text] in one pass.
        parts = _LATIN_SPLIT.split(joined)
        latin_runs, joined = parts[1::2], latin.join(parts[::2])
        declared: list[str] = []
        if matcher.pattern is not None:
            parts = matcher.pattern.split(joined)
            declared = list(map(matcher.declared.__getitem__, parts[1::2]))
            joined = term.join(parts[::2])

        converted = engine.convert(joined)
        for placeholder, originals in ((term, declared), (latin, latin_runs), (hole, kept)):
            converted = _fill(converted, placeholder, originals, self.opencc_config)
        return converted


def _fill(text: str, placeholder: str, originals: list[str], config: str) -> str:
    """Put ``originals`` back, in order, where ``placeholder`` stands in ``text``."""
    pieces = text.split(placeholder)
    if len(pieces) != len(originals) + 1:
        raise RuntimeError(f"OpenCC config '{config}' altered a placeholder")
    merged = [""] * (2 * len(pieces) - 1)
    merged[::2] = pieces
    merged[1::2] = originals
    return "".join(merged)


def convert(
    text: str,
    target: str = ZH_HANS,
    *,
    protected: Iterable[Span] = (),
    terms: TermList = TermList(),
    config: str | None = None,
    punctuation: bool = True,
) -> str:
    """Convert ``text`` into ``target`` ("zh-Hans" or "zh-Hant"); see :class:`Converter`."""
    return Converter(target, config, terms, punctuation).convert(text, protected)
