"""Start an edition from a paper's source text and bibliography: ``edition new``.

What a new edition needs beyond its two files is the paper's data (title, authors, year,
journal…). Papers print it themselves in a "how to cite" line (``Citation of this article:
Yang, H., & Wang, Z. (2024). Title. Journal, 67, 91-120.``, ``Citation: Smith J, Doe A (2020)
Title. PLoS ONE 15(3): e0229542. https://doi.org/…``), their keywords after ``Keywords:``, their
abstract after an ``Abstract`` heading, their DOI in a running head or footer. This module reads
those where the source shows them, records the source line each value came from, and leaves
every other value as a gap (an empty value that ``edition check`` reports as a warning). It
never guesses: a DOI is taken only from the paper's own citation line, from page furniture
printed on every page, or from a ``DOI`` line of the first page.

The parsers here read the paper's own citation line, a citation in OCR text: that is what this
project exists for, so they are ours rather than a reference-parsing library's.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from edition.bibliography import load_bibliography
from edition.cleaning import clean
from edition.conversion import ZH_HANS, Converter
from edition.document import BlockKind, Document, RemovalReason
from edition.errors import EditionError, read_text
from edition.materials import CONFIG_NAME
from edition.script import CJK

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CITE_MARKER = re.compile(
    r"^\s*(?:please\s+cite\s+this\s+article\s+as|how\s+to\s+cite(?:\s+this\s+article)?"
    r"|to\s+cite\s+this\s+article|cite\s+this\s+article(?:\s+as)?|citation\s+of\s+this\s+article"
    r"|citation|引用本文|引用格式)\s*[:：]\s*",
    re.IGNORECASE,
)
_KEYWORDS = re.compile(r"^\s*(?:key\s*words?|關鍵詞|关键词|關鍵字)\s*[:：]\s*(?P<list>.+)", re.I)
_ABSTRACT = re.compile(r"^\s*(?:abstract|summary|摘\s*要)\s*(?:[:：.]\s*)?", re.IGNORECASE)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;)\]])")
_DOI_LINE = re.compile(r"^\s*(?:doi|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
_PAGES = r"[A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?"
#: APA 7 (10.1): Family, I., & Family, I. (2024). Title. Journal, 67(2), 91–120. https://doi.org/…
_APA = re.compile(
    rf"^(?P<authors>.+?)\s*\((?P<year>\d{{4}})[a-z]?\)\.\s+(?P<title>.+?[.?!])\s+"
    rf"(?P<journal>[^,]+?),\s*(?P<volume>\d+)(?:\s*\((?P<issue>[^)]+)\))?"
    rf"(?:,\s*(?P<pages>{_PAGES}))?\.?(?:\s+(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(?P<doi>\S+?))?"
    r"\.?\s*$"
)
#: Vancouver-like, as PLOS prints it:
#: Family I, Family I (2020) Title. Journal 15(3): e0229542.
_NAME_YEAR = re.compile(
    rf"^(?P<authors>.+?)\s*\(?(?P<year>\d{{4}})\)?\.?\s+(?P<title>.+?[.?!])\s+"
    rf"(?P<journal>[^.\d][^\d]*?)\s+(?P<volume>\d+)(?:\s*\((?P<issue>[^)]+)\))?\s*[:;,]\s*"
    rf"(?P<pages>{_PAGES})\.?(?:\s+(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(?P<doi>\S+?))?\.?\s*$"
)
#: As eLife prints it: Family I, Family I. 2012. Title. eLife 2012;1:e00065. DOI: 10.7554/…
_NAME_DOT_YEAR = re.compile(
    rf"^(?P<authors>.+?)\.\s+(?P<year>\d{{4}})\.\s+(?P<title>.+?[.?!])\s+"
    rf"(?P<journal>[A-Za-z][^;:\d]*?)\s+(?:\d{{4}};)?(?P<volume>\d+)(?:\s*\((?P<issue>[^)]+)\))?"
    rf"\s*:\s*(?P<pages>{_PAGES})\.?"
    r"(?:\s+(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(?P<doi>\S+?))?\.?\s*$",
    re.IGNORECASE,
)
#: The masthead a Chinese journal prints atop an article's first page: the journal's name
#: (in 《》 or not), then, in any order, the year, volume, issue and pages:
#: 傳播與社會學刊　第67期（2024年1月）　頁91–120; 《城乡社会研究》2023年第31卷第2期　第58—60页;
#: 城乡社会研究 2023年 第31卷 第2期.
_MASTHEAD_JOURNAL = re.compile(
    r"\s*(?:《(?P<quoted>[^》\n]{2,40})》|(?P<bare>[^\s\d，,（(《·第]{2,40}))"
)
_MASTHEAD_PART = re.compile(
    r"(?P<year>\d{4})\s*年(?:\s*\d{1,2}\s*月)?"
    r"|第\s*(?P<volume>\d+)\s*卷"
    r"|第\s*(?P<issue>\d+)\s*期"
    r"|(?:第|頁|页|pp?\.)\s*(?P<first>\d+)\s*[-–—~～]+\s*(?P<last>\d+)\s*[頁页]?"
    r"|[（(]\s*(?P<inner>\d{4})\s*(?:年(?:\s*\d{1,2}\s*月)?)?\s*[）)]"
    r"|[\s\u3000，,．.·:：（）()]+"
)
#: How many lines from the top of the source a masthead may stand on.
_MASTHEAD_LINES = 5
_INITIALS = re.compile(r"(?:[A-Z][a-z]?\.(?:\s*-\s*[A-Z]\.)?\s*)+")
_SHORT_AUTHOR = re.compile(r"^(?P<family>.+?)\s+(?P<given>[A-Z]{1,4})$")


@dataclass(frozen=True)
class Found:
    """A value read from the source, and the source line (1-based) it was read on."""

    value: object
    line: int


@dataclass
class Discovery:
    """Everything ``edition new`` could read about the paper, by field of ``edition.yml``."""

    paper: dict[str, Found] = field(default_factory=dict)
    abstract: list[int] = field(default_factory=list)
    #: the line of a citation line whose form was not understood, for the editor to read
    unread: int | None = None


def discover(text: str, document: Document) -> Discovery:
    """Read the paper's data where the source prints it (see the module docstring)."""
    found = Discovery()
    lines = text.split("\n")
    cited = _citation_line(lines)
    if cited is not None:
        line, values = cited
        if not values:
            found.unread = line
        for key, value in values.items():
            found.paper[key] = Found(value, line)
    masthead = _masthead(lines)
    for key, value in (masthead or {}).items():
        if key not in found.paper:
            found.paper[key] = value
    for number, line in enumerate(lines, start=1):
        match = _KEYWORDS.match(line)
        if match and "keywords" not in found.paper:
            listed = match["list"].strip()
            for following in lines[number:]:
                # A list that ends in a separator runs on to the next line.
                if not listed.endswith((",", ";", "，", "；", "、")) or not following.strip():
                    break
                listed += " " + following.strip()
            words = [w.strip(" .;") for w in re.split(r"[,;，；、]", listed)]
            found.paper["keywords"] = Found([w for w in words if w], number)
    if "doi" not in found.paper:
        doi = _furniture_doi(document, lines)
        if doi is not None:
            found.paper["doi"] = doi
    if "authors" in found.paper:
        _full_names(found, lines, document)
    licence = _licence(lines, document)
    if licence is not None:
        found.paper["licence"] = licence
    found.abstract = _abstract(document)
    return found


#: An author in a byline: given names and family name, an affiliation mark after them
#: ("Yuan Zhang1", "Steven A Kliewer7*", "Hangeng YANG").
_BYLINE_MARKS = re.compile(r"(?<=[^\W\d_])(?:\d+(?:,\d+)*[*†‡§¶#]*|[*†‡§¶#]+)")
#: A Creative Commons licence named in the front matter, and the version its address gives.
_CC = re.compile(
    r"creative\s+commons\s+attribution(?P<rest>[\w\s-]*?)licen[cs]e|\bCC[\s-]?BY(?P<short>[-\w]*)"
    r"(?:\s+(?P<version>\d\.\d))?",
    re.IGNORECASE,
)
_CC_ADDRESS = re.compile(r"creativecommons\.org/licenses/(?P<kind>[a-z-]+)/(?P<version>\d\.\d)")


def _full_names(found: Discovery, lines: Sequence[str], document: Document) -> None:
    """The authors' full given names where the first page's byline prints them, in place of
    the initials of the citation line; only when every name of the byline agrees with the
    citation line's (same family names in the same order, initials that fit)."""
    authors = found.paper["authors"].value
    families = [a.get("family", "") for a in authors]
    if not families or not all(families) or not document.pages:
        return
    last = min(document.pages[0].last_line, len(lines))
    for start in range(last):
        joined, end = "", start
        while end < last and lines[end].strip() and len(joined) < 600:
            joined = f"{joined} {lines[end].strip()}".strip()
            end += 1
            names = _byline(joined, families)
            if names is not None and all(
                _initials_fit(author.get("given", ""), given)
                for author, given in zip(authors, names, strict=True)
            ):
                found.paper["authors"] = Found(
                    [{**a, "given": g} for a, g in zip(authors, names, strict=True)], start + 1
                )
                return


def _byline(text: str, families: list[str]) -> list[str] | None:
    """The given names of ``families`` as the byline ``text`` writes them, in order."""
    text = _BYLINE_MARKS.sub("", text)  # "Chen1,2*": the marks go before the names are split
    parts = [p.strip() for p in re.split(r",|\band\b|&", text) if p.strip()]
    if len(parts) != len(families):
        return None
    given = []
    for part, family in zip(parts, families, strict=True):
        words = part.split()
        if len(words) < 2 or words[-1].casefold() != family.casefold():
            return None
        given.append(" ".join(_spaced_initials(word) for word in words[:-1]))
    return given


def _spaced_initials(word: str) -> str:
    """A word of two or three capitals as eLife and PubMed write middle initials (``SM`` in
    "Christian SM Helker") as initials each with its period (``S. M.``), so that none is
    taken for a name; any other word as it is."""
    if 2 <= len(word) <= 3 and word.isalpha() and word.isupper():
        return " ".join(f"{letter}." for letter in word)
    return word


def _initials_fit(initials: str, given: str) -> bool:
    """Whether ``given`` (``Hangeng``, ``Eric D``) fits the initials ``H.``, ``E. D.``."""
    letters = [c for c in initials if c.isalpha()]
    firsts = [w[0] for w in re.split(r"[\s-]+", given) if w]
    return bool(firsts) and [c.upper() for c in letters] == [c.upper() for c in firsts]


def _licence(lines: Sequence[str], document: Document) -> Found | None:
    """The paper's Creative Commons licence as the front matter names it ("CC BY 3.0"),
    the version from the licence's address when the text gives none."""
    if not document.pages:
        return None
    last = min(document.pages[0].last_line, len(lines))
    text = "\n".join(lines[:last])
    match = _CC.search(text)
    if match is None:
        return None
    address = _CC_ADDRESS.search(text)
    kind = "CC BY"
    suffix = (match["short"] or "").strip("-").upper()
    if address is not None and address["kind"] != "by":
        kind = "CC " + address["kind"].upper()
    elif suffix:
        kind = f"CC BY-{suffix}"
    version = match["version"] or (address["version"] if address else None)
    line = text.count("\n", 0, match.start()) + 1
    return Found(f"{kind} {version}" if version else kind, line)


def _citation_line(lines: Sequence[str]) -> tuple[int, dict[str, object]] | None:
    """The paper's own citation line, joined across line breaks, parsed into fields; with no
    fields when a line is marked as one but its form is not understood."""
    for index, line in enumerate(lines):
        marker = _CITE_MARKER.match(line)
        if marker is None:
            continue
        # The reference may run on over a few lines, and text may follow it without a blank
        # line: the shortest run of lines that parses is the reference.
        parts = [line[marker.end() :].strip()]
        for following in [*lines[index + 1 : index + 6], ""]:
            values = _parse_reference(_joined(parts))
            if values:
                # A DOI may stand on the line after the reference.
                longer = _parse_reference(_joined([*parts, following.strip()]))
                return index + 1, longer if len(longer) > len(values) else values
            if not following.strip():
                break
            parts.append(following.strip())
        return index + 1, {}
    return None


def _masthead(lines: Sequence[str]) -> dict[str, Found] | None:
    """The journal, volume, issue, year and pages that a Chinese journal's masthead prints
    at the top of the source, each found on its line; None where no line is one.

    A line is a masthead when, after the journal's name, it holds nothing but those parts
    (:data:`_MASTHEAD_PART`), a year and a volume or an issue among them. An issue number
    alone is the volume in APA's sense when the journal numbers its issues through
    (第67期（2024年1月）), and an issue of its year when it follows the year (2023年第2期).
    """
    for number, line in enumerate(lines[:_MASTHEAD_LINES], start=1):
        named = _MASTHEAD_JOURNAL.match(line)
        if named is None:
            continue
        parts: dict[str, str] = {}
        position, rest = named.end(), line.rstrip()
        while position < len(rest):
            part = _MASTHEAD_PART.match(rest, position)
            if part is None:
                break
            for key, value in part.groupdict().items():
                if value is not None:
                    parts.setdefault(key, value)
            if part["issue"] is not None and "year" in parts and "after_year" not in parts:
                before = rest[: part.start()].rstrip()
                parts["after_year"] = "yes" if before.endswith("年") else "no"
            position = part.end()
        year = parts.get("year") or parts.get("inner")
        if position < len(rest) or year is None or not ({"volume", "issue"} & parts.keys()):
            continue
        values: dict[str, object] = {
            "journal": named["quoted"] or named["bare"],
            "year": int(year),
        }
        if "volume" in parts:
            values["volume"] = int(parts["volume"])
            if "issue" in parts:
                values["issue"] = int(parts["issue"])
        elif parts.get("after_year") == "yes":
            values["issue"] = int(parts["issue"])
        else:
            values["volume"] = int(parts["issue"])
        if "first" in parts:
            values["pages"] = f"{parts['first']}–{parts['last']}"
        return {key: Found(value, number) for key, value in values.items()}
    return None


def _joined(lines: Sequence[str]) -> str:
    """Lines of a reference as one, a hyphen at a line's end kept as a hyphen (``91-\n120``)."""
    return re.sub(r"(\w)-\s(\w)", r"\1-\2", " ".join(line for line in lines if line))


def _parse_reference(text: str) -> dict[str, object]:
    for pattern, authors in (
        (_APA, _apa_authors),
        (_NAME_YEAR, _short_authors),
        (_NAME_DOT_YEAR, _short_authors),
    ):
        match = pattern.match(text)
        if match is None:
            continue
        names = authors(match["authors"])
        if not names:
            continue
        values: dict[str, object] = {
            "authors": names,
            "year": int(match["year"]),
            "title": match["title"].rstrip("."),
            "journal": match["journal"].strip(),
            "volume": int(match["volume"]),
        }
        if match["issue"]:
            values["issue"] = match["issue"]
        pages = match["pages"]
        if pages:
            if pages[0].isalpha() and "-" not in pages and "–" not in pages:
                values["article_number"] = pages
            else:
                values["pages"] = re.sub(r"\s*[-–—]+\s*", "–", pages)
        if match["doi"] and _DOI.fullmatch(match["doi"]):
            values["doi"] = match["doi"]
        return values
    return {}


def _apa_authors(text: str) -> list[dict[str, str]]:
    """``Yang, H., & Wang, Z.-Y.`` as names; a part not followed by initials is an
    organisation (``World Health Organization``)."""
    parts = [p.strip() for p in re.split(r",|&|\band\b", text) if p.strip()]
    names: list[dict[str, str]] = []
    index = 0
    while index < len(parts):
        family = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else ""
        if _INITIALS.fullmatch(following):
            names.append({"family": family, "given": " ".join(following.split())})
            index += 2
        else:
            names.append({"name": family.rstrip(".")})
            index += 1
    return names


def _short_authors(text: str) -> list[dict[str, str]]:
    names = []
    for part in re.split(r",\s*|\s+and\s+", text.strip(" .")):
        match = _SHORT_AUTHOR.match(part.strip())
        if match is None:
            return []
        names.append(
            {"family": match["family"], "given": " ".join(f"{c}." for c in match["given"])}
        )
    return names


def _furniture_doi(document: Document, lines: Sequence[str]) -> Found | None:
    """A DOI printed in the page furniture (running heads, footers) or on a DOI line of the
    first page: the paper's own, not a cited work's."""
    furniture = [
        r
        for r in document.removed
        if r.reason in (RemovalReason.RUNNING_HEAD, RemovalReason.COPYRIGHT)
    ]
    for removed in furniture:
        match = _DOI.search(removed.text)
        if match:
            return Found(match.group(1), removed.line)
    if document.pages:
        first = document.pages[0]
        for number in range(first.first_line, first.last_line + 1):
            line = lines[number - 1]
            match = _DOI.search(line)
            if match and _DOI_LINE.match(line):
                return Found(match.group(1), number)
    return None


def _abstract(document: Document) -> list[int]:
    """The first source lines of the blocks of the abstracts: after each ``Abstract``
    heading (or a block that opens with the word) up to the next heading, keywords, DOI or
    citation line.
    A paper may print two, in two languages (a Chinese journal's English abstract, after the
    references); the site shows each in its language."""
    blocks = [b for b in document.blocks if b.kind is not BlockKind.NOISE]
    found: list[int] = []
    for index, block in enumerate(blocks):
        marker = _ABSTRACT.match(block.text)
        if marker is None:
            continue
        if marker.end() < len(block.text.strip()):
            found.append(block.first_line)  # "Abstract: The text…" in one block
            continue
        for following in blocks[index + 1 :]:
            if following.kind is BlockKind.HEADING or _KEYWORDS.match(following.text):
                break
            if _CITE_MARKER.match(following.text) or _ABSTRACT.match(following.text):
                break
            if _DOI_LINE.match(following.text):
                break  # "DOI: 10.7554/…" under the abstract
            found.append(following.first_line)
    return found


def _language(document: Document) -> str:
    """``zh-Hant``, ``zh-Hans`` or ``en``: the script of most of the legible text."""
    text = "".join(b.text for b in document.blocks if b.kind is not BlockKind.NOISE)
    cjk = CJK.findall(text)
    if len(cjk) < len(text) / 4:
        return "en"
    simplified = Converter(ZH_HANS).convert("".join(cjk))
    changed = sum(1 for a, b in zip(cjk, simplified, strict=False) if a != b)
    return "zh-Hant" if changed > len(cjk) / 50 else "zh-Hans"


@dataclass(frozen=True)
class Options:
    """What the editor gives on the command line; it wins over what the source shows."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    journal: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Started:
    """What ``edition new`` left to the editor: the gaps (field names such as
    ``paper.title``) and the line of a citation line it saw but could not read, if any."""

    gaps: tuple[str, ...]
    unread: int | None = None


def new_edition(folder: Path, source: Path, references: Path, options: Options) -> Started:
    """Create the edition folder ``folder`` from ``source`` and ``references``; say what is
    left to the editor.

    The folder is written whole or not at all (built beside it and renamed into place).
    Raises :class:`EditionError` when ``folder`` exists and is not empty, its name is not an
    edition id, or a file cannot be read (the bibliography must load).
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise EditionError("already exists and is not empty: choose a new folder", folder)
    if not _ID.fullmatch(folder.name):
        raise EditionError(
            "the folder's name is the edition's id: use lowercase ASCII letters, digits and "
            "hyphens, like smith-2020",
            folder,
        )
    text = read_text(source)
    if not text.strip():
        raise EditionError("the file is empty: there is no text to edit", source)
    load_bibliography(references)  # refuse a bibliography the edition could not use
    document = clean(text, source=source.name)
    found = discover(text, document)
    config, gaps = _edition_yml(folder.name, source, found, options, _language(document))
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-"))
    try:
        shutil.copyfile(source, staging / "source.txt")
        shutil.copyfile(references, staging / "references.bib")
        (staging / CONFIG_NAME).write_text(config, encoding="utf-8")
        if folder.exists():
            folder.rmdir()
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Started(tuple(gaps), found.unread)


def _scalar(value: object) -> str:
    """``value`` as one line of YAML (quoted where YAML needs it)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    return dumped.removesuffix("\n...\n").strip()


def _edition_yml(
    edition_id: str, source: Path, found: Discovery, options: Options, language: str
) -> tuple[str, list[str]]:
    """The text of a new ``edition.yml``: every value with where it came from, every gap
    marked, and what to write in it."""
    given: dict[str, object] = {}
    if options.title:
        given["title"] = options.title
    if options.authors:
        given["authors"] = [_author(a) for a in options.authors]
    if options.year:
        given["year"] = options.year
    if options.journal:
        given["journal"] = options.journal
    out = [
        f"# The edition of {source.name}, started by 'edition new'. Values read from the",
        "# source name their line; a gap (~) is a value the source does not show: fill it in,",
        "# and 'edition check' stops reporting it. The format of every field: PREPARING.md.",
    ]
    if found.unread is not None:
        out += [
            f"# Source line {found.unread} looks like the paper's citation line, but its form",
            "# was not understood: the paper's data may be read there.",
        ]
    out += [
        "",
        f"id: {edition_id}",
        "",
        "paper:",
    ]
    gaps = []
    for key, what in (
        ("title", "the paper's title as published"),
        ("authors", "the authors as a list of {family: …, given: …}"),
        ("year", "the year of publication"),
        ("journal", "the journal that published the paper"),
    ):
        if key in given:
            out.append(f"  {key}: {_scalar(given[key])}  # given to 'edition new'")
        elif key in found.paper:
            item = found.paper[key]
            out.append(f"  {key}: {_scalar(item.value)}  # source line {item.line}")
        else:
            out.append(f"  {key}: ~  # GAP: {what}")
            gaps.append(f"paper.{key}")
    if options.language:
        out.append(f"  language: {options.language}  # given to 'edition new'")
    else:
        out.append(f"  language: {language}  # the script of the source's legible text: check it")
    for key in ("volume", "issue", "pages", "article_number", "doi", "licence", "keywords"):
        if key in found.paper:
            item = found.paper[key]
            out.append(f"  {key}: {_scalar(item.value)}  # source line {item.line}")
    out += ["", "materials:", "  source: source.txt", "  references: references.bib"]
    if found.abstract:
        out += [
            "",
            "front_matter:",
            "  # The blocks after the source's Abstract heading: check them with",
            "  # 'edition clean --report'.",
            f"  abstract: {_scalar(found.abstract)}",
        ]
    return "\n".join(out) + "\n", gaps


def _author(text: str) -> dict[str, str]:
    """``"Yang, Hangeng"`` or ``"Hangeng Yang"`` as {family, given}; one word is a family."""
    if "," in text:
        family, _, given = text.partition(",")
    else:
        given, _, family = text.strip().rpartition(" ")
    name = {"family": family.strip()}
    if given.strip():
        name["given"] = given.strip()
    return name
