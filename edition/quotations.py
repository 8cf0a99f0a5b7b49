"""Quotations of the source in the editors' texts, and the check that each stands on its line.

The editors' texts (the guide, the principles, the glossary's definitions, the bibliography's
notes, the description of the source) quote the source with a Markdown link whose target
names the source line on which the quotation begins::

    The abstract speaks of [“online streets”](source:18).

The link text is the quotation as the reader sees it. One pair of quotation marks around the
whole (“…”, "…", ‘…’, 「…」, 『…』, «…») is not part of the quoted words; an ellipsis (… or
...) marks words left out. The site links the quoted words to the block of the reading text
that holds the line; :func:`plain_text` gives the text without the markup (tooltips, exports).

A quotation verifies when its words stand in the source from line N on, as an OCR engine
breaks lines: the quotation begins on line N and may run on to the next two lines; a blank
in the quotation matches any run of blanks and line breaks; a word the OCR hyphenated across
a line break (``infra-`` / ``structure``) matches with or without its hyphen; Chinese text
broken across lines matches without a blank, and blanks next to Chinese or to punctuation
are typography, which may be there or not. Typography is compared as Unicode NFKC (so a
ligature ``ﬁ`` is ``fi`` and a full-width ``（`` is ``(``) with every quotation mark and
apostrophe taken as one (a quotation may turn the source's “…” into ‘…’ inside its own), and
so every hyphen (-, U+2010, a soft hyphen at a line's end); the letters themselves, their
case and every other mark must be as the source has them, and a
quotation that begins or ends with a Latin letter or digit begins or ends a word of the source
(“online street” is not on a line that has “online streets”).

Statements that attribute words to the paper without such a link are warnings (never in the
translation, which renders the paper and says so): words in quotation marks that the source
has, or nearly has, on some line, a quotation the source does not have introduced as the
paper's (``the paper cites "…"``, ``本文稱「…」``), and a sentence that says the paper uses
words (``the abstract speaks of …``, ``the source glosses …``, ``原文以英文標注…``) with no
quotation linked to its line. The words of the paper are those the source shows; anything
else the editors say about it is theirs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from edition.editorial import Passage
from edition.errors import EditionError, Problem, read_text
from edition.script import is_cjk
from edition.spans import merge_spans, protected_spans

if TYPE_CHECKING:
    from edition.annotation import Annotated

#: A quotation of the source: ``[quoted words](source:18)``. The link text may run over a
#: line break (guide texts keep theirs) but not over a blank line; the target is taken up to
#: the closing parenthesis, so a malformed one is reported as written.
SOURCE_LINK = re.compile(
    r"\[(?P<text>(?:[^\[\]\n]|\n(?![ \t]*\n))+)\]\(\s*source:(?P<target>[^)\s]*)\s*\)"
)
#: How many lines after its first a quotation may run on to.
RUN_ON = 2

#: Quotation marks, opening -> closing, that may enclose the whole of a quotation.
_ENCLOSING = {"“": "”", '"': '"', "‘": "’", "「": "」", "『": "』", "«": "»", "„": "“"}
#: Every quotation mark and apostrophe, compared as one.
_QUOTE_MARKS = str.maketrans(dict.fromkeys("“”„‟\"″〝〞‘’‚‛'′「」『』«»", '"'))
#: Hyphens an OCR text ends a line with when it breaks a word (NFKC leaves U+2010 as is),
#: compared as one, as a tab is compared as a space: one character for another, so that
#: offsets stay, and patterns without a character class at every letter, which cost
#: milliseconds each to compile (a quotation's pattern is compiled once, for its text).
_HYPHENS = "-\u2010\u00ad"
_AS_ONE = str.maketrans({"\t": " ", "\u2010": "-", "\u00ad": "-"})
_ELLIPSIS = re.compile(r"\.\.\.+")
#: What an OCR text or an editor's may hold without showing it: carriage returns, form feeds,
#: zero-width spaces and joiners, word joiners, byte-order marks.
_INVISIBLE = re.compile("[\r\f\u200b-\u200d\u2060\ufeff]")
#: Letters and digits of the Latin script, which make a word with their neighbours.
_LATIN_WORD = "A-Za-z0-9\u00c0-\u024f"
_LINE_BREAK = " *\n *"
#: A hyphen at a line break, which the quotation may leave out (a word the OCR broke).
_SOFT_BREAK = f"(?:-{_LINE_BREAK})?"
#: A line break after a hyphen, where the quotation has no blank.
_BARE_BREAK = f"(?:{_LINE_BREAK})?"
#: Most characters an elision may stand for, when a quotation is looked for anywhere.
_LONGEST_ELISION = 400


@dataclass(frozen=True)
class Quotation:
    """One quotation in an editorial text: ``text[start:end]`` is the whole markup.

    ``shown`` is the link text as the reader sees it, ``words`` the quoted words (without
    the enclosing quotation marks), ``target`` the link target after ``source:`` as written
    and ``line`` the source line it names, ``None`` when it names none.
    """

    start: int
    end: int
    shown: str
    words: str
    target: str

    @property
    def line(self) -> int | None:
        return int(self.target) if self.target.isdigit() else None


def find_quotations(text: str) -> list[Quotation]:
    """Every ``[…](source:N)`` in ``text``, in order (offsets are character offsets); not in
    code, where it is shown as written."""
    code = protected_spans(text)
    return [
        Quotation(m.start(), m.end(), m["text"], _unquoted(m["text"]), m["target"])
        for m in SOURCE_LINK.finditer(text)
        if not _inside(m.start(), code)
    ]


def plain_text(text: str) -> str:
    """``text`` with each quotation's markup replaced by its link text: where no link can
    be shown (a tooltip, an exported note)."""
    for quotation in reversed(find_quotations(text)):
        text = text[: quotation.start] + quotation.shown + text[quotation.end :]
    return text


def _unquoted(shown: str) -> str:
    """The quoted words of a link text: without one pair of quotation marks around it all
    (not in “a” and “b”, whose first and last marks belong to two quotations)."""
    words = shown.strip()
    opening, closing = words[:1], _ENCLOSING.get(words[:1])
    if closing is None or len(words) < 2 or not words.endswith(closing):
        return words
    inner = words[1:-1]
    if opening == closing:
        return inner.strip() if opening not in inner else words
    depth = 0
    for index, char in enumerate(inner):
        if char == opening:
            depth += 1
        elif char == closing and not _apostrophe(inner, index):
            depth -= 1
            if depth < 0:
                return words
    return inner.strip() if depth == 0 else words


def _apostrophe(text: str, index: int) -> bool:
    """Whether the ’ at ``index`` is an apostrophe (a letter on either side): community’s."""
    return (
        text[index] == "’"
        and 0 < index < len(text) - 1
        and text[index - 1].isalpha()
        and text[index + 1].isalpha()
    )


def _normal(text: str) -> str:
    """Text as quotations are compared: NFKC, quotation marks as one, hyphens as one, tabs as
    spaces, no carriage returns, form feeds, zero-width characters or soft hyphens inside a
    line."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS)
    text = _INVISIBLE.sub("", text)
    return re.sub("\u00ad(?![ \t]*(?:\n|$))", "", text).translate(_AS_ONE)


def _letter(char: str) -> bool:
    return char.isalnum() and not is_cjk(char)


def _punctuation(char: str) -> bool:
    """Punctuation other than hyphens (NFKC has made full-width punctuation ASCII)."""
    return unicodedata.category(char).startswith("P") and char not in _HYPHENS


def _pattern(words: str, elision: str, *, whole_words: bool = True) -> str:
    """A regular expression for ``words`` (normalised) in a source whose lines the OCR
    broke: see the module docstring. ``elision`` is what an ellipsis may stand for. With
    ``whole_words``, words that begin or end with a Latin letter or digit begin or end a word
    of the source too (“online street” is not in “online streets”); Chinese has no such
    boundary."""
    pieces = [piece.strip() for piece in _ELLIPSIS.split(words)]
    pattern = elision.join(_piece(piece) for piece in pieces if piece)
    if not pattern or not whole_words:
        return pattern
    words = words.strip()
    before = f"(?<![{_LATIN_WORD}])" if _letter(words[0]) else ""
    after = f"(?![{_LATIN_WORD}])" if _letter(words[-1]) else ""
    return f"{before}{pattern}{after}"


def _piece(words: str) -> str:
    """The pattern of words without an ellipsis (see :func:`_pattern`). Blanks between two
    Latin words are one or more blanks or line breaks; next to Chinese or to punctuation they
    are typography, which the source may have or not (``使用 WeChat 的``, ``Klinenberg，2018``
    quoted as ``Klinenberg, 2018``), and so is a line break there."""
    out: list[str] = []
    words = words.strip()
    for index, char in enumerate(words):
        if char.isspace():
            if words[index - 1].isspace():
                continue
            following = words[index + 1 :].lstrip()[:1]
            between_words = _letter(words[index - 1]) and _letter(following)
            out.append(r"\s+" if between_words else r"\s*")
            continue
        out.append(re.escape(char))
        following = words[index + 1] if index + 1 < len(words) else ""
        if not following or following.isspace():
            continue
        if char in _HYPHENS:
            out.append(_BARE_BREAK)
        elif _letter(char) and _letter(following):
            out.append(_SOFT_BREAK)
        elif any(is_cjk(c) or _punctuation(c) for c in (char, following)):
            out.append(r"\s*")
    return "".join(out)


@dataclass(frozen=True)
class SourceLines:
    """The source as quotations are compared with it: its lines (1-based) as the cleaner
    numbers them (one line a ``\\n``), each normalised (see :func:`_normal`), and the name
    messages give it (its file name)."""

    lines: tuple[str, ...]
    name: str = "source"
    #: the lines as the source has them, for messages
    raw: tuple[str, ...] = ()

    @classmethod
    def from_text(cls, text: str, name: str = "source") -> SourceLines:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return cls(tuple(_normal(line) for line in lines), name, tuple(lines))

    @cached_property
    def _joined(self) -> str:
        return "\n".join(self.lines)

    def on_line(self, words: str, line: int) -> bool:
        """Whether ``words`` begin on ``line`` and end by ``RUN_ON`` lines after it."""
        if not 1 <= line <= len(self.lines):
            return False
        window = "\n".join(self.lines[line - 1 : line + RUN_ON])
        pattern = _pattern(_normal(words), r"[\s\S]*?")
        if not pattern:
            return False
        match = re.search(pattern, window)
        return match is not None and match.start() < len(self.lines[line - 1])

    def find(
        self, words: str, *, ignore_case: bool = False, whole_words: bool = True
    ) -> int | None:
        """The first line on which ``words`` begin, anywhere in the source, or ``None``;
        ``ignore_case`` and ``whole_words=False`` find words that are nearly the source's."""
        elision = rf"[\s\S]{{0,{_LONGEST_ELISION}}}?"
        pattern = _pattern(_normal(words), elision, whole_words=whole_words)
        if not pattern:
            return None
        match = re.search(pattern, self._joined, re.IGNORECASE if ignore_case else 0)
        return None if match is None else self._joined.count("\n", 0, match.start()) + 1


# --- which statements attribute words to the paper -------------------------------------------

#: Words in quotation marks, one pair (never over a blank line).
_QUOTED = re.compile(
    r"“(?P<a>(?:[^“”\n]|\n(?!\s*\n))+)”|\"(?P<b>[^\"\n]+)\"|‘(?P<c>[^‘’\n]+)’"
    r"|「(?P<d>[^「」\n]+)」|『(?P<e>[^『』\n]+)』|«(?P<f>[^«»\n]+)»"
)
#: The paper named as the one that speaks ("its", "their" could be any work's, so are not).
_PAPER_EN = r"\bthe\s+(?:paper|abstract|authors?|source|OCR\s+source|English\s+abstract)"
#: The same in Chinese: this paper (本文), the original (原文), the source (底本); not 摘要 or
#: 作者 alone, which may be any work's abstract or author.
_PAPER_ZH = r"(?:本文|原文|論文|论文|底本)"
#: Saying that the paper uses words: "the abstract speaks of …", "本文稱…".
_SAYS = re.compile(
    rf"{_PAPER_EN}(?:\s+(?:itself|also|only|then|here|further|explicitly|first))?\s+"
    r"(?:says|said|writes|wrote|calls|called|speaks\s+of|spoke\s+of|terms|termed|dubs|names"
    r"|glosses|puts\s+it|words\s+it|uses\s+the\s+(?:term|terms|word|words|phrase|expression"
    r"|image|name))\b"
    r"|\b(?:the\s+paper's|the\s+paper’s|the\s+authors'|the\s+authors’|the\s+abstract's"
    r"|the\s+abstract’s)\s+(?:own\s+)?(?:words?|term|phrase|expression|image|wording)\b"
    rf"|{_PAPER_ZH}[^，。；、：,;:「」“”]{{0,8}}?"
    r"(?:稱之為|称之为|稱為|称为|稱作|称作|寫道|写道|說道|说道|談到|谈到|談及|谈及|形容|用語|用语"
    r"|以英文標注|以英文标注|所說|所说|所謂|所谓)",
    re.IGNORECASE,
)
#: Introducing the paper's words just before a quotation: "the paper cites “…”", "底本作「…」".
_INTRODUCES = re.compile(
    rf"(?:{_PAPER_EN}(?:\s+\w+)?\s+(?:cites|keeps|has|prints|gives|shows|reads|names|glosses"
    r"|says|writes|calls|speaks\s+of|terms|uses)\b[^,;:.“”\"「」‘’『』]{0,40}"
    rf"|{_PAPER_ZH}[^，。；、：,;:「」“”]{{0,8}}?(?:稱之為|称之为|稱為|称为|稱|称|寫道|写道|作"
    r"|以英文標注|以英文标注|標注|标注|所說的|所说的|所謂|所谓|用語|用语)[^，。；：「」“”]{0,6})$",
    re.IGNORECASE,
)
#: Where a sentence ends: a full stop and a blank (not after an abbreviation), Chinese
#: sentence punctuation, a semicolon, a blank line.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|(?<=[。！？；])|\n\s*\n")
#: What a full stop may end without ending the sentence.
_ABBREVIATIONS = frozenset({"al.", "p.", "pp.", "e.g.", "i.e.", "cf.", "vs.", "ed.", "eds."})


def _sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` offsets, roughly: a full stop after an
    abbreviation or an initial (``et al.``, ``p.``, ``J.``) ends none."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        words = text[start : match.start()].split()
        last = words[-1] if words else ""
        if last in _ABBREVIATIONS or re.fullmatch(r"\(?[A-Z]\.", last):
            continue
        if match.start() > start:
            found.append((start, match.start()))
        start = match.end()
    if start < len(text):
        found.append((start, len(text)))
    return found


def _inside(offset: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


@dataclass(frozen=True)
class _Finding:
    offset: int
    message: str
    severity: str


def _passage_findings(passage: Passage, source: SourceLines, attributions: str):
    """What is wrong with the quotations of one passage, and where it attributes words to
    the paper without one: ``attributions`` is :data:`ALL`, :data:`QUOTED` (words in
    quotation marks only) or :data:`NONE`."""
    text = passage.text
    quotations = find_quotations(text)
    for quotation in quotations:
        message = _quotation_problem(quotation, source)
        if message is not None:
            yield _Finding(quotation.start, f"{passage.label}: {message}", "error")
    if attributions == NONE:
        return
    sayings = attributions == ALL
    linked = [(q.start, q.end) for q in quotations]
    masked = merge_spans([*protected_spans(text, links=True), *linked])
    sentences = _sentences(text)
    flagged: set[tuple[int, int]] = set()
    for match in _QUOTED.finditer(text):
        if _inside(match.start(), masked):
            continue
        words = next(group for group in match.groups() if group is not None).strip()
        sentence = next((s for s in sentences if s[0] <= match.start() < s[1]), (0, 0))
        found = _found(words, source)
        shown = " ".join(match.group(0).split())
        if found is not None:
            flagged.add(sentence)
            line, nearly = found
            message = (
                f"{shown} is close to words the source has on line {line} (in another case, "
                f"or within longer words) and names no line: quote the source's own words, as "
                f"[“…”](source:{line})"
                if nearly
                else f"{shown} quotes words the source has on line {line} without naming the "
                f"line: write [{shown}](source:{line}), or name the line you mean"
            )
            yield _Finding(match.start(), f"{passage.label}: {message}", "warning")
        elif _INTRODUCES.search(text[sentence[0] : match.start()]):
            flagged.add(sentence)
            yield _Finding(
                match.start(),
                f"{passage.label}: {shown} is given as the paper's words, but no "
                "line of the source has them: quote only what a source line shows, as "
                "[“…”](source:N)",
                "warning",
            )
    for start, end in sentences if sayings else ():
        if (start, end) in flagged or any(start <= q.start < end for q in quotations):
            continue
        said = _SAYS.search(text, start, end)
        if said is not None and not _inside(said.start(), masked) and _subject(text, said):
            yield _Finding(
                said.start(),
                f"{passage.label}: {said.group(0)!r} attributes words to the paper, but the "
                "sentence quotes no source line: quote the words as [“…”](source:N), or say "
                "it in the editors' own words",
                "warning",
            )


def _found(words: str, source: SourceLines) -> tuple[int, bool] | None:
    """The first line on which the source has quoted words, and whether only nearly (in
    another case, or within longer words); ``None`` for words too short to tell (fewer than
    two letters or digits) or not in the source."""
    if sum(char.isalnum() for char in words) < 2:
        return None
    line = source.find(words)
    if line is not None:
        return line, False
    line = source.find(words, ignore_case=True, whole_words=False)
    return None if line is None else (line, True)


#: Words before "the paper" that make it no subject: "nothing in the source says".
_PREPOSITIONS = frozenset("in of from to on at by with within for".split())


def _subject(text: str, said: re.Match[str]) -> bool:
    """Whether the paper is the subject of what ``said`` found, not a preposition's object."""
    words = text[: said.start()].split()
    return not words or words[-1].casefold() not in _PREPOSITIONS


def _quotation_problem(quotation: Quotation, source: SourceLines) -> str | None:
    line = quotation.line
    if line is None:
        return (
            f"[{quotation.shown}](source:{quotation.target}) names no source line: write "
            "source:N, N the line on which the quotation begins"
        )
    if not quotation.words or not _pattern(_normal(quotation.words), ""):
        return f"[{quotation.shown}](source:{line}) quotes nothing"
    if not 1 <= line <= len(source.lines):
        return f"source line {line} does not exist: the source has {len(source.lines)} lines"
    if source.on_line(quotation.words, line):
        return None
    shown = " ".join((source.raw or source.lines)[line - 1].split())
    words = " ".join(quotation.words.split())
    message = f"“{words}” is not on source line {line} ({source.name}:{line} reads {shown!r})"
    elsewhere = source.find(quotation.words)
    if elsewhere is not None:
        return f"{message}; the source has it on line {elsewhere}"
    elsewhere = source.find(quotation.words, ignore_case=True, whole_words=False)
    if elsewhere is not None:
        return (
            f"{message}; the source has nearly these words (in another case, or in longer "
            f"words) on line {elsewhere}"
        )
    return f"{message}, nor on any other line"


# --- the edition's texts ---------------------------------------------------------------------


#: Which attributions of words to the paper are looked for in a text: every kind (the
#: guide, the glossary, the notes, the description of the source), only words in quotation
#: marks (the principles, which speak of the paper's words in general), none (the
#: translation, which renders the paper and says so).
ALL, QUOTED, NONE = "all", "quoted", "none"


def edition_passages(annotated: Annotated) -> Iterator[tuple[Passage, str]]:
    """Every text the editors wrote, with which attributions are checked in it (:data:`ALL`,
    :data:`QUOTED`, :data:`NONE`): the editorial texts, the glossary's definitions, the
    bibliography's notes and the description of the source in edition.yml."""
    edition = annotated.edition
    editorial = annotated.editorial
    translation = editorial.translation.path if editorial.translation else None
    principles = {item.path for item in editorial.principles}
    for passage in editorial.passages():
        level = NONE if passage.path == translation else ALL
        yield passage, QUOTED if passage.path in principles else level
    glossary = annotated.glossary
    for term in glossary.terms if glossary.path is not None else ():
        assert glossary.path is not None
        for lang, text in (("en", term.definition_en), ("zh-Hant", term.definition_zh_hant)):
            label = f"glossary term '{term.id}', definition ({lang})"
            yield Passage(text, lang, label, glossary.path, term.line), ALL
    for ref in annotated.bibliography.references:
        note = ref.fields.get("note")
        if note:
            yield Passage(note, "en", f"note of {ref.key}", edition.references, ref.line), ALL
    for lang, text in edition.source_description.items():
        label = f"source description ({lang})"
        yield Passage(text, lang, label, edition.config, 1), ALL


def check_quotations(annotated: Annotated) -> list[Problem]:
    """Every quotation of the source in the editors' texts that is not on the line it names
    (an error), and every statement that gives words as the paper's without such a quotation
    (a warning), each at its file and line, in file and line order."""
    try:
        path = annotated.edition.source
        source = SourceLines.from_text(read_text(path), path.name)
    except EditionError as exc:
        return [Problem(exc.message, exc.path, exc.line)]
    files = _Files()
    problems = []
    for passage, attributions in edition_passages(annotated):
        for finding in _passage_findings(passage, source, attributions):
            line = files.line(passage, finding.offset)
            problems.append(Problem(finding.message, passage.path, line, finding.severity))
    return sorted(problems, key=lambda p: (str(p.path), p.line or 0))


class _Files:
    """Where in its file a finding stands. A passage read from YAML or BibTeX was unfolded by
    the parser (line breaks and indents became blanks), so its text is found again in the
    file, blanks matching blanks, from the line of its value on; where it cannot be found
    (an escape in a quoted YAML scalar, LaTeX in BibTeX) the value's line is given."""

    def __init__(self) -> None:
        self._texts: dict[Path, str | None] = {}

    def _text(self, path: Path) -> str | None:
        if path not in self._texts:
            try:
                self._texts[path] = read_text(path)
            except EditionError:
                self._texts[path] = None
        return self._texts[path]

    def line(self, passage: Passage, offset: int) -> int | None:
        if passage.verbatim or passage.line is None:
            return passage.line_at(offset)
        text = self._text(Path(passage.path))
        if text is None:
            return passage.line
        words = passage.text[offset:].split()[:8]
        if not words:
            return passage.line
        pattern = re.compile(r"\s+".join(map(re.escape, words)))
        before = sum(1 for match in pattern.finditer(passage.text) if match.start() < offset)
        begin = _line_offset(text, passage.line)
        for count, match in enumerate(pattern.finditer(text, begin)):
            if count == before:
                return text.count("\n", 0, match.start()) + 1
        return passage.line


def _line_offset(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return len(text)
    return offset
