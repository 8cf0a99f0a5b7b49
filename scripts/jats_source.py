#!/usr/bin/env python3
"""An eLife article's JATS XML as the text an OCR engine gives of its PDF, and as BibTeX.

We have no scan of the example editions' articles, so this maintainer's helper makes their
source from the publisher's XML instead. It writes two files:

* the source (UTF-8 text): the article laid out as an OCR text of its printed pages. Every
  page opens with the journal's running head (the article type and its subject heading) and
  ends with eLife's footer, ``Zhang et al. eLife 2012;1:e00065. DOI: 10.7554/eLife.00065``
  (the family names alone for one or two authors) and the page number as ``3 of 12``. The
  first page holds the title, the authors, the affiliations, the abstract, the keywords and
  the article's citation line; then come the eLife digest, the body with its section
  headings, the acknowledgements, the additional information (funding as a table), and the
  article's own reference list under a ``References`` heading. Text is broken into lines of
  at most ``--width`` characters (default 75); some long lowercase words are hyphenated
  across line ends (pyphen's en_US patterns, when at least six characters of the line would
  otherwise stay empty), and compounds break after their own hyphen. Tables are laid out as
  OCR engines write them: one row a line, columns aligned with spaces, a cell spanning
  columns written once at the left of its span; a table keeps its width, which may exceed
  the line's. Display equations (the text of their MathML or TeX) stand on lines of their
  own with their label at the right. Figures are images and leave only their captions;
  figures and tables follow the paragraph that cites them, and a table or an equation moves
  to the next page rather than being split. Formatting (italics, bold, superscripts,
  subscripts) is lost, as in OCR.
* the bibliography (BibTeX): one entry per ``<ref>``, with only what the XML states:
  authors (``and others`` where the list ends in ``<etal/>``), year, title, journal or book
  title, volume, issue, pages (``fpage``–``lpage``) or elocation, edition, publisher,
  address, and the DOI as the XML gives it (a ``pub-id`` of type ``doi``, or the text of a
  link to ``dx.doi.org``/``doi.org``). Given names written as eLife writes initials
  (``JE``, up to three capitals) become ``J. E.``. Keys are the first author's family name
  in ASCII lowercase and the year, with ``a``, ``b``… where two entries share them.

The layout is made, not measured on the PDF: it imitates the features of eLife's printed
pages that an OCR text shows, not their exact line breaks. The XML is the publisher's,
parsed with the standard library without fetching its DTD.

Run (pyphen is in the ``scripts`` extra: ``pip install -e '.[scripts]'``)::

    python scripts/jats_source.py tests/fixtures/jats/elife-00065-v1.xml \\
        --source source.txt --bib references.bib
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyphen

MML = "{http://www.w3.org/1998/Math/MathML}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
MONTHS = (
    "January February March April May June July August September October November December"
).split()
PAGE_LINES = 56  # body lines a page, between the running head and the footer
HYPHEN_ROOM = 6  # hyphenate only when at least this many characters would stay empty
HYPHENATOR = pyphen.Pyphen(lang="en_US")


class JatsError(Exception):
    """The XML lacks what the layout needs (an article title, a DOI, …)."""


@dataclass
class Block:
    """Lines that follow one another in the source; ``whole`` ones are never split."""

    lines: list[str]
    whole: bool = False
    keep_with_next: bool = False


@dataclass
class Article:
    """What the front matter and the running heads say of the article."""

    title: str
    authors: list[tuple[str, str]]  # (family, given) in published order
    year: str
    volume: str
    elocation: str
    doi: str
    article_type: str
    subject: str
    blocks: list[Block] = field(default_factory=list)


# --- text of elements -------------------------------------------------------------------


def text_of(element: ET.Element | None, skip: tuple[str, ...] = ()) -> str:
    """The element's text with its descendants', whitespace collapsed; tags in ``skip`` and
    their content are left out (their tails are kept)."""
    if element is None:
        return ""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag not in skip:
            parts.append(text_of(child, skip) if child.tag != f"{MML}math" else math_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def math_text(math: ET.Element) -> str:
    """A MathML formula as the reading order of its tokens (mi, mn, mo, mtext), spaced."""
    tokens = [
        (token.text or "").strip()
        for token in math.iter()
        if token.tag in {f"{MML}mi", f"{MML}mn", f"{MML}mo", f"{MML}mtext"}
    ]
    return " ".join(token for token in tokens if token)


def display_formula(formula: ET.Element) -> str:
    """A ``<disp-formula>``'s text: its TeX if it has one, else its MathML's tokens."""
    tex = formula.find(".//tex-math")
    if tex is not None:
        return " ".join((tex.text or "").split())
    math = formula.find(f".//{MML}math")
    return math_text(math) if math is not None else text_of(formula, skip=("label",))


# --- line breaking ----------------------------------------------------------------------


def split_word(word: str, room: int) -> tuple[str, str] | None:
    """Where a word that does not fit may break so that its head fills ``room`` characters:
    after a hyphen of its own, or (long lowercase words only) at a pyphen point, the head
    then ending in an added hyphen. None when no break fits."""
    if "-" in word.strip("-"):
        cut = word.rfind("-", 0, room)
        if cut > 0:
            return word[: cut + 1], word[cut + 1 :]
    core = word.rstrip(".,;:)")
    if room < HYPHEN_ROOM or len(core) < 7 or not core.isalpha() or not core.islower():
        return None
    for head, tail in HYPHENATOR.iterate(core):
        if len(head) + 1 <= room and len(head) >= 3 and len(tail) >= 3:
            return head + "-", tail + word[len(core) :]
    return None


def wrap(text: str, width: int) -> list[str]:
    """Hard line breaks at ``width`` characters, some words hyphenated across them."""
    lines: list[str] = []
    line = ""
    words = text.split()
    while words:
        word = words.pop(0)
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
            continue
        room = width - len(line) - (1 if line else 0)
        parts = split_word(word, room)
        if parts:
            head, tail = parts
            lines.append(f"{line} {head}" if line else head)
            line = ""
            words.insert(0, tail)
        elif line:
            lines.append(line)
            line = ""
            words.insert(0, word)
        else:  # a word longer than the line stands alone
            lines.append(word)
    if line:
        lines.append(line)
    return lines


# --- tables -----------------------------------------------------------------------------


def table_rows(table: ET.Element) -> list[list[tuple[int, str]]]:
    """The rows of a ``<table>`` as (first column, text) of their cells, spans resolved:
    a cell with ``colspan`` occupies its columns, one with ``rowspan`` those of the rows
    below it."""
    rows: list[list[tuple[int, str]]] = []
    covered: Counter[tuple[int, int]] = Counter()  # (row, column) taken by a rowspan above
    for r, tr in enumerate(table.iter("tr")):
        row: list[tuple[int, str]] = []
        column = 0
        for cell in tr:
            while covered[(r, column)]:
                column += 1
            span = int(cell.get("colspan", "1"))
            for below in range(1, int(cell.get("rowspan", "1"))):
                for c in range(column, column + span):
                    covered[(r + below, c)] += 1
            row.append((column, text_of(cell)))
            column += span
        rows.append(row)
    return rows


def table_lines(table: ET.Element) -> list[str]:
    """A table as an OCR engine lays it out: one row a line, columns aligned with spaces.
    A cell spanning several columns starts at its first column and does not widen it."""
    rows = table_rows(table)
    columns = 1 + max((c for row in rows for c, _ in row), default=0)
    width = [0] * columns
    for row in rows:
        starts = [c for c, _ in row] + [columns]
        for (c, text), following in zip(row, starts[1:], strict=True):
            if following == c + 1:
                width[c] = max(width[c], len(text))
    lines = []
    for row in rows:
        line = ""
        for c, text in row:
            start = sum(width[:c]) + 2 * c
            line = line.ljust(start if not line else max(start, len(line) + 2)) + text
        lines.append(line.rstrip())
    return lines


# --- the article's parts ----------------------------------------------------------------


def caption_lines(wrapper: ET.Element, width: int) -> list[str]:
    """The label, title and paragraphs of a figure's or table's caption, then the DOI line
    that eLife prints under it."""
    caption = wrapper.find("caption")
    first = (
        " ".join(
            part
            for part in (text_of(wrapper.find("label")), text_of(caption.find("title")))
            if part
        )
        if caption is not None
        else text_of(wrapper.find("label"))
    )
    paragraphs = [text_of(p) for p in caption.findall("p")] if caption is not None else []
    doi_lines = [p for p in paragraphs if p.startswith("DOI:")]
    prose = [p for p in paragraphs if not p.startswith("DOI:")]
    lines = wrap(" ".join([first, *prose]), width)
    object_id = wrapper.find("object-id[@pub-id-type='doi']")
    if object_id is not None:
        lines.append(f"DOI: {text_of(object_id)}")
    elif doi_lines:
        lines.append(doi_lines[0])
    return lines


def float_blocks(element: ET.Element, width: int) -> list[Block]:
    """Blocks for a ``<fig>``, ``<table-wrap>`` or ``<disp-formula>`` found in a paragraph."""
    if element.tag == "fig":
        return [Block(caption_lines(element, width))]
    if element.tag == "disp-formula":
        formula = display_formula(element)
        label = text_of(element.find("label"))
        line = formula.center(width - len(label)) + label if label else formula.center(width)
        return [Block([line.rstrip()], whole=True)]
    table = element.find("table")
    caption = caption_lines(element, width)
    doi = [caption.pop()] if caption and caption[-1].startswith("DOI:") else []
    foot = []
    for fn in element.findall("table-wrap-foot/fn"):
        foot += wrap(f"{text_of(fn.find('label'))}{text_of(fn, skip=('label',))}", width)
    body = table_lines(table) if table is not None else []
    return [Block([*caption, *body, *foot, *doi], whole=True)]


FLOATS = ("fig", "table-wrap", "disp-formula")


def paragraph_blocks(p: ET.Element, width: int) -> list[Block]:
    """A paragraph's text, broken into lines; display equations split it where they stand,
    figures and tables follow it."""
    blocks: list[Block] = []
    floats: list[Block] = []
    parts: list[str] = [p.text or ""]
    for child in p:
        if child.tag == "disp-formula":
            blocks.append(Block(wrap(" ".join(parts), width)))
            blocks += float_blocks(child, width)
            parts = []
        elif child.tag in FLOATS:
            floats += float_blocks(child, width)
        else:
            parts.append(text_of(child) if child.tag != f"{MML}math" else math_text(child))
        parts.append(child.tail or "")
    text = " ".join("".join(parts).split())
    if text:
        blocks.append(Block(wrap(text, width)))
    return [block for block in blocks if block.lines] + floats


def section_blocks(sec: ET.Element, width: int) -> list[Block]:
    """A section: its heading kept with what follows, then its paragraphs and subsections."""
    blocks = [Block([text_of(sec.find("title"))], keep_with_next=True)]
    for child in sec:
        if child.tag == "p":
            blocks += paragraph_blocks(child, width)
        elif child.tag == "sec":
            blocks += section_blocks(child, width)
        elif child.tag in FLOATS:
            blocks += float_blocks(child, width)
    return blocks


def initials(given: str) -> str:
    """eLife's run-together initials (``JE``) as ``J. E.``; other given names as they are."""
    if re.fullmatch(r"[A-Z]{1,3}", given):
        return " ".join(f"{letter}." for letter in given)
    return given


def vancouver(family: str, given: str) -> str:
    """A name as eLife's citations write it: family name and run-together initials."""
    if re.fullmatch(r"[A-Z]{1,3}", given):
        return f"{family} {given}"
    letters = "".join(part[0] for part in re.split(r"[\s-]+", given) if part)
    return f"{family} {letters}"


def person_names(group: ET.Element | None) -> list[tuple[str, str]]:
    if group is None:
        return []
    return [
        (text_of(name.find("surname")), text_of(name.find("given-names")))
        for name in group.findall("name")
    ]


def reference_line(ref: ET.Element) -> str:
    """One entry of the reference list as eLife prints it (author initials, year, title,
    source volume:pages, DOI)."""
    citation = ref.find("element-citation")
    if citation is None:
        citation = ref.find("mixed-citation")
    if citation is None:
        return text_of(ref)
    group = citation.find("person-group")
    names = ", ".join(vancouver(f, g) for f, g in person_names(group))
    if group is not None and group.find("etal") is not None:
        names += ", et al"
    parts = [f"{names}.", f"{text_of(citation.find('year'))}."]
    title = text_of(citation.find("article-title"))
    source = text_of(citation.find("source"))
    if title:
        parts.append(title if title.endswith((".", "?", "!")) else f"{title}.")
    where = source
    volume = text_of(citation.find("volume"))
    if volume:
        where += f" {volume}"
    pages = page_range(citation)
    if pages:
        where += f":{pages}"
    if citation.get("publication-type") == "book":
        edition = text_of(citation.find("edition"))
        place = text_of(citation.find("publisher-loc"))
        publisher = text_of(citation.find("publisher-name"))
        where = " ".join(p for p in (where + ".", edition) if p)
        where += f" {place}: {publisher}" if place else f" {publisher}"
    parts.append(where.rstrip(".") + ".")
    doi = reference_doi(citation)
    if doi:
        parts.append(f"doi: {doi}.")
    return " ".join(parts)


def page_range(citation: ET.Element) -> str:
    first = text_of(citation.find("fpage"))
    last = text_of(citation.find("lpage"))
    if first and last:
        return f"{first}–{last}"
    return first or text_of(citation.find("elocation-id"))


def reference_doi(citation: ET.Element) -> str:
    """The DOI as the XML gives it, or ''."""
    pub_id = citation.find("pub-id[@pub-id-type='doi']")
    if pub_id is not None:
        return text_of(pub_id)
    for link in citation.findall("ext-link"):
        href = link.get(XLINK_HREF, "")
        if re.match(r"https?://(dx\.)?doi\.org/10\.", href):
            return text_of(link)
    return ""


def read_article(root: ET.Element, width: int) -> Article:
    """The article's data and its blocks in reading order (front page first)."""
    meta = root.find("front/article-meta")
    if meta is None:
        raise JatsError("no <article-meta> in <front>")
    title = text_of(meta.find("title-group/article-title"))
    doi = text_of(meta.find("article-id[@pub-id-type='doi']"))
    if not title or not doi:
        raise JatsError("the article's title or DOI is missing")
    contribs = meta.findall("contrib-group/contrib[@contrib-type='author']")
    authors = [
        (text_of(c.find("name/surname")), text_of(c.find("name/given-names"))) for c in contribs
    ]
    year = text_of(meta.find("pub-date[@pub-type='collection']/year")) or text_of(
        meta.find("pub-date/year")
    )
    article = Article(
        title=title,
        authors=authors,
        year=year,
        volume=text_of(meta.find("volume")),
        elocation=text_of(meta.find("elocation-id")),
        doi=doi,
        article_type=text_of(
            meta.find("article-categories/subj-group[@subj-group-type='display-channel']/subject")
        ),
        subject=text_of(
            meta.find("article-categories/subj-group[@subj-group-type='heading']/subject")
        ),
    )
    blocks = article.blocks
    blocks.append(Block(wrap(title, width)))
    affiliations = {aff.get("id"): aff for aff in meta.findall("contrib-group/aff")}
    numbers = {aff_id: str(n) for n, aff_id in enumerate(affiliations, start=1)}
    bylines = []
    for contrib, (family, given) in zip(contribs, authors, strict=True):
        marks = ",".join(
            numbers[x.get("rid")]
            for x in contrib.findall("xref[@ref-type='aff']")
            if x.get("rid") in numbers
        )
        star = "*" if contrib.get("corresp") == "yes" else ""
        bylines.append(f"{given} {family}{marks}{star}")
    blocks.append(Block(wrap(", ".join(bylines), width)))
    blocks.append(
        Block(
            [
                line
                for aff_id, aff in affiliations.items()
                for line in wrap(f"{numbers[aff_id]}{text_of(aff)}", width)
            ]
        )
    )
    abstract = next((a for a in meta.findall("abstract") if not a.get("abstract-type")), None)
    blocks.append(Block(["Abstract"], keep_with_next=True))
    blocks += abstract_blocks(abstract, width)
    keywords = [
        text_of(k) for k in meta.findall("kwd-group[@kwd-group-type='author-keywords']/kwd")
    ]
    organisms = [
        text_of(k) for k in meta.findall("kwd-group[@kwd-group-type='research-organism']/kwd")
    ]
    front = []
    if keywords:
        front += wrap(f"Keywords: {', '.join(keywords)}", width)
    if organisms:
        front += wrap(f"Research organism: {', '.join(organisms)}", width)
    front += wrap(" ".join(text_of(c) for c in meta.findall("author-notes/corresp")), width)
    front += history_lines(meta, width)
    editor = meta.find("contrib-group/contrib[@contrib-type='editor']")
    if editor is not None:
        front += wrap(
            f"Reviewing editor: {text_of(editor.find('name/given-names'))} "
            f"{text_of(editor.find('name/surname'))}, {text_of(editor.find('aff'))}",
            width,
        )
    permissions = meta.find("permissions")
    if permissions is not None:
        holder = text_of(permissions.find("copyright-holder"))
        licence = text_of(permissions.find("license/license-p"))
        front += wrap(f"Copyright {holder}. {licence}", width)
    front += wrap(f"Citation: {citation_line(article)}", width)
    blocks.append(Block(front))
    digest = meta.find("abstract[@abstract-type='executive-summary']")
    if digest is not None:
        blocks.append(Block([text_of(digest.find("title"))], keep_with_next=True))
        blocks += abstract_blocks(digest, width)
    for sec in root.findall("body/sec"):
        blocks += section_blocks(sec, width)
    blocks += back_blocks(root, width)
    return article


def abstract_blocks(abstract: ET.Element | None, width: int) -> list[Block]:
    """An abstract's paragraphs, then the line ``DOI: <its object DOI>`` eLife prints under
    it (in place of the XML's paragraph linking that DOI)."""
    if abstract is None:
        return []
    paragraphs = [text_of(p) for p in abstract.findall("p")]
    blocks = [Block(wrap(p, width)) for p in paragraphs if not p.startswith("DOI:")]
    object_id = abstract.find("object-id[@pub-id-type='doi']")
    if object_id is not None:
        blocks[-1].lines.append(f"DOI: {text_of(object_id)}")
    return blocks


def history_lines(meta: ET.Element, width: int) -> list[str]:
    dates = []
    for label, path in (
        ("Received", "history/date[@date-type='received']"),
        ("Accepted", "history/date[@date-type='accepted']"),
        ("Published", "pub-date[@date-type='pub']"),
    ):
        date = meta.find(path)
        if date is not None:
            day, month = text_of(date.find("day")), text_of(date.find("month"))
            dates.append(f"{label}: {day} {MONTHS[int(month) - 1]} {text_of(date.find('year'))}")
    return wrap("; ".join(dates), width) if dates else []


def citation_line(article: Article) -> str:
    """The article's citation as eLife writes it: authors as family name and initials, year,
    title, ``eLife year;volume:elocation``, DOI."""
    names = ", ".join(vancouver(family, given) for family, given in article.authors)
    return (
        f"{names}. {article.year}. {article.title}. eLife {article.year};{article.volume}:"
        f"{article.elocation}. DOI: {article.doi}"
    )


def back_blocks(root: ET.Element, width: int) -> list[Block]:
    """Acknowledgements, competing interests, funding (a table), author contributions,
    ethics, then the reference list."""
    blocks: list[Block] = []
    ack = root.find("back/ack")
    if ack is not None:
        blocks.append(Block([text_of(ack.find("title"))], keep_with_next=True))
        blocks += [Block(wrap(text_of(p), width)) for p in ack.findall("p")]
    info = root.find("back/sec[@sec-type='additional-information']")
    if info is not None:
        blocks.append(Block([text_of(info.find("title"))], keep_with_next=True))
        for group in info.findall("fn-group"):
            blocks.append(Block([text_of(group.find("title"))], keep_with_next=True))
            for fn in group.findall("fn"):
                blocks.append(Block(wrap(text_of(fn), width)))
            if group.get("content-type") == "competing-interest":
                blocks += funding_blocks(root, width)
    refs = root.findall("back/ref-list/ref")
    if refs:
        lines = [line for ref in refs for line in wrap(reference_line(ref), width)]
        blocks.append(Block(["References"], keep_with_next=True))
        blocks.append(Block(lines))
    return blocks


def funding_blocks(root: ET.Element, width: int) -> list[Block]:
    """The funding table eLife prints: funder, grant reference number, author."""
    groups = root.findall("front/article-meta/funding-group/award-group")
    if not groups:
        return []
    table = ET.Element("table")
    rows = [("Funder", "Grant reference number", "Author")]
    for group in groups:
        recipients = ", ".join(
            f"{text_of(n.find('given-names'))} {text_of(n.find('surname'))}"
            for n in group.findall("principal-award-recipient/name")
        )
        rows.append(
            (
                text_of(group.find("funding-source")),
                text_of(group.find("award-id")),
                recipients,
            )
        )
    for row in rows:
        tr = ET.SubElement(table, "tr")
        for text in row:
            ET.SubElement(tr, "td").text = text
    statement = text_of(root.find("front/article-meta/funding-group/funding-statement"))
    return [
        Block(["Funding"], keep_with_next=True),
        Block(table_lines(table) + wrap(statement, width), whole=True),
    ]


# --- pages ------------------------------------------------------------------------------


def paginate(article: Article, width: int) -> list[str]:
    """The source's lines: blocks poured into pages, each with the running head above and
    the footer below. Blocks are separated by an empty line; ``whole`` blocks, and a heading
    with the first two lines of what follows (all of it when that is whole), move to the next
    page rather than split."""
    pages: list[list[str]] = [[]]

    def room() -> int:
        return PAGE_LINES - len(pages[-1])

    blocks = article.blocks
    for i, block in enumerate(blocks):
        gap = 1 if pages[-1] else 0
        need = len(block.lines) + gap
        if block.keep_with_next and i + 1 < len(blocks):
            following = blocks[i + 1]
            need += 1 + (len(following.lines) if following.whole else min(2, len(following.lines)))
        if (block.whole or block.keep_with_next) and need > room() and pages[-1]:
            pages.append([])
            gap = 0
        if gap:
            pages[-1].append("")
        for line in block.lines:
            if room() == 0:
                pages.append([])
            pages[-1].append(line)
    head = f"{article.article_type}".ljust(width - len(article.subject)) + article.subject
    families = [family for family, _ in article.authors]
    names = " and ".join(families) if len(families) < 3 else f"{families[0]} et al."
    foot = f"{names} eLife {article.year};{article.volume}:"
    foot += f"{article.elocation}. DOI: {article.doi}"
    lines: list[str] = []
    for number, page in enumerate(pages, start=1):
        folio = f"{number} of {len(pages)}"
        lines += [head, "", *page, "", foot.ljust(width - len(folio)) + folio]
    return lines


# --- BibTeX -----------------------------------------------------------------------------


def ascii_key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", folded.lower())


def bibtex_value(text: str) -> str:
    """A field value in braces, with BibTeX's special characters escaped."""
    return "{" + re.sub(r"([&%$#_])", r"\\\1", text) + "}"


def bibtex_entries(root: ET.Element) -> str:
    """One BibTeX entry per ``<ref>``, in the reference list's order."""
    entries: list[tuple[str, list[tuple[str, str]], str]] = []
    for ref in root.findall("back/ref-list/ref"):
        citation = ref.find("element-citation")
        if citation is None:
            citation = ref.find("mixed-citation")
        if citation is None:
            continue
        kind = citation.get("publication-type", "")
        entry_type = {"journal": "article", "book": "book"}.get(kind, "misc")
        group = citation.find("person-group")
        names = [f"{family}, {initials(given)}" for family, given in person_names(group)]
        if group is not None and group.find("etal") is not None:
            names.append("others")
        fields = [("author", " and ".join(names)), ("year", text_of(citation.find("year")))]
        title = text_of(citation.find("article-title")) or text_of(citation.find("source"))
        fields.append(("title", title))
        if entry_type == "article":
            fields.append(("journal", text_of(citation.find("source"))))
        elif citation.find("article-title") is not None:
            fields.append(("booktitle", text_of(citation.find("source"))))
        fields.append(("volume", text_of(citation.find("volume"))))
        fields.append(("number", text_of(citation.find("issue"))))
        first, last = text_of(citation.find("fpage")), text_of(citation.find("lpage"))
        fields.append(("pages", f"{first}--{last}" if first and last else first))
        if not first:
            fields.append(("eid", text_of(citation.find("elocation-id"))))
        edition = text_of(citation.find("edition"))
        fields.append(("edition", re.sub(r"^\(?(.*?)\s*ed\.?\)?$", r"\1", edition)))
        fields.append(("publisher", text_of(citation.find("publisher-name"))))
        fields.append(("address", text_of(citation.find("publisher-loc"))))
        fields.append(("doi", reference_doi(citation)))
        family = person_names(group)[0][0] if person_names(group) else title.split()[0]
        entries.append((ascii_key(family) + fields[1][1], fields, entry_type))
    counts = Counter(key for key, _, _ in entries)
    seen: Counter[str] = Counter()
    out = []
    for base, fields, entry_type in entries:
        key = base
        if counts[base] > 1:
            key += "abcdefghijklmnopqrstuvwxyz"[seen[base]]
            seen[base] += 1
        body = ",\n".join(f"  {name} = {bibtex_value(value)}" for name, value in fields if value)
        out.append(f"@{entry_type}{{{key},\n{body}\n}}\n")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("xml", type=Path, help="the article's JATS XML")
    parser.add_argument("--source", type=Path, required=True, help="the OCR-like text to write")
    parser.add_argument("--bib", type=Path, required=True, help="the BibTeX file to write")
    parser.add_argument("--width", type=int, default=75, help="characters a line (default 75)")
    args = parser.parse_args(argv)
    try:
        root = ET.parse(args.xml).getroot()
        article = read_article(root, args.width)
    except (ET.ParseError, JatsError) as error:
        print(f"{args.xml}: {error}", file=sys.stderr)
        return 1
    args.source.write_text("\n".join(paginate(article, args.width)) + "\n", encoding="utf-8")
    args.bib.write_text(bibtex_entries(root), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
