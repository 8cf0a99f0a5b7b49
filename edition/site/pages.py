"""The site's pages, as Markdown with raw HTML, for each language version of a volume.

Every page is generated from the annotated editions: nothing here reads a file. Each page has
a Jinja2 template in ``templates/`` (autoescaped, as Material's own theme); the builders here
compute what the templates show. Text from the source, the bibliography and the glossary
reaches a template either as a plain value, which the template escapes for where it lands
(HTML, or Markdown through the ``md`` filter), or as markup made by
:func:`edition.site.markup.render`, which escaped it. Editorial Markdown is the editors' own:
it passes to Markdown with citation and term links inserted, and the plugin sanitises every
page as a whole. The Simplified version is made by converting the Traditional wording piece by
piece (citations too: the converter keeps their Latin names and numbers), so offsets found in
the source stay valid.

What a page says about a source is derived from what the stages measured for that edition, or
comes from the edition's own editorial files; a section with nothing to show is left out.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import quote_plus

import jinja2
import yaml
from markupsafe import Markup

from edition.annotation import Annotated, Occurrence
from edition.apa import cite_narrative
from edition.bibliography import Reference, normalize_doi
from edition.citations import ILLEGIBLE, RESOLVED, UNRESOLVED
from edition.document import Block, BlockKind, NumberSource, Page
from edition.editorial import in_language
from edition.exports import to_csl_json, to_ris
from edition.materials import Paper
from edition.script import text_language
from edition.site.context import (
    DOWNLOADS,
    EDITION_PAGES,
    VOLUME_PAGES,
    Context,
    SiteEdition,
    href,
)
from edition.site.labels import EN, LANGUAGES, ZH_HANS, ZH_HANT
from edition.site.links import (
    citation_span,
    linked_markdown,
    linked_text,
    quoted_text,
    term_name,
    term_span,
)
from edition.site.markup import Span, attrs, markdown_text, render, tag
from edition.site.metadata import highwire_tags
from edition.tei import to_tei

_ATX_HEADING = re.compile(r"^(?P<level>#{1,5})(?P<title>[ \t].*?)[ \t]*$", re.MULTILINE)

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("edition.site", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENV.filters["md"] = lambda value: Markup(markdown_text(str(value)))
#: libyaml's emitter where PyYAML has it (its own is several times slower)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_ENV.globals["front_matter"] = lambda title, meta=None: Markup(
    yaml.dump({"title": title, **(meta or {})}, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
)


@dataclass(frozen=True)
class SitePage:
    """One generated page: its site path (``yang-wang-2024/text``), language and Markdown."""

    path: str
    lang: str
    markdown: str

    @property
    def src_uri(self) -> str:
        """The file name MkDocs and mkdocs-static-i18n (suffix structure) expect."""
        return f"{self.path}.md" if self.lang == EN else f"{self.path}.{self.lang}.md"


@dataclass(frozen=True)
class Volume:
    """The editions of one site, in the order the volume lists them, and its name."""

    editions: tuple[SiteEdition, ...]
    name: str = ""
    #: the volume's name in a language version that names it otherwise, by language tag
    names: Mapping[str, str] = field(default_factory=dict)

    @property
    def single(self) -> bool:
        return len(self.editions) == 1


def _page(template: str, ctx: Context, **values: Any) -> str:
    return _ENV.get_template(template).render(t=ctx.label, colon=ctx.colon, **values)


# --- pages and the words about a source ----------------------------------------------------


def page_anchor(page: Page) -> str:
    """The id of a source page: ``p99`` where its number is known, else ``page-1``."""
    return f"p{page.number}" if page.number is not None else f"page-{page.index + 1}"


def _page_label(ctx: Context, page: Page) -> str:
    """``99``, ``[100]`` (inferred), or ``Unnumbered page 2`` where the source shows no number."""
    if page.number is not None:
        return page.label
    assert ctx.site is not None
    unknown = [p.index for p in ctx.site.annotated.document.pages if p.number is None]
    return f"{ctx.label('text.unnumbered')} {unknown.index(page.index) + 1}"


def _page_name(ctx: Context, page: Page) -> str:
    """The page as a reader names it: ``p. [100]``, ``第 [100] 頁``, ``Unnumbered page 2``."""
    if page.number is None:
        return _page_label(ctx, page)
    return ctx.label("text.page", page.label)


def _lines(ctx: Context, first: int, last: int) -> str:
    """``lines 11–25``, or ``line 7`` for one line."""
    if first == last:
        return f"{ctx.label('text.line')} {first}"
    return f"{ctx.label('text.lines')} {first}–{last}"


def _share(part: int, whole: int) -> str:
    """A share as a reader takes it in: ``37%``, ``<1%`` for a trace, never ``0%`` of a trace."""
    if not part:
        return "0%"
    percent = round(100 * part / whole) if whole else 0
    return f"{percent}%" if percent >= 1 else "<1%"


def source_statement(ctx: Context, annotated: Annotated) -> str:
    """What the stages measured of the edition's source, in sentences of this version.

    Each sentence is said only when its figure is not zero, so no edition is told another's
    story: a clean source has no sentence about noise, a paper without inferred page
    numbers none about brackets.
    """
    document = annotated.document
    noise = [b for b in document.blocks if b.kind is BlockKind.NOISE]
    sentences = [ctx.label("state.lines", lines=document.line_count, pages=len(document.pages))]
    if noise:
        salvaged = [s.kind for b in noise for s in b.salvaged]
        sentences.append(
            ctx.label(
                "state.noise",
                share=_share(
                    sum(len(b.text) for b in noise), sum(len(b.text) for b in document.blocks)
                ),
                citations=salvaged.count("citation"),
                glosses=salvaged.count("gloss"),
            )
        )
    else:
        sentences.append(ctx.label("state.readable"))
    sources = [page.number_source for page in document.pages]
    if sources.count(NumberSource.INFERRED):
        sentences.append(ctx.label("state.inferred", count=sources.count(NumberSource.INFERRED)))
    if sources.count(NumberSource.UNKNOWN):
        sentences.append(ctx.label("state.unnumbered", count=sources.count(NumberSource.UNKNOWN)))
    if document.removed:
        sentences.append(ctx.label("state.removed", count=len(document.removed)))
    statuses = [o.citation.status for o in annotated.occurrences]
    if statuses:
        sentences.append(
            ctx.label("state.citations", resolved=statuses.count(RESOLVED), total=len(statuses))
        )
    editorial = annotated.editorial
    if editorial.translation or editorial.guide or editorial.principles:
        sentences.append(ctx.label("state.editorial"))
    return ("" if ctx.chinese else " ").join(sentences)


def _editorial_text(ctx: Context, texts: dict[str, str] | Any, *, markdown: bool = True):
    """An editorial text for this version: its body (linked Markdown), its language, and a
    note naming the language when it is not the reader's. ``None`` when there is none."""
    found = in_language(dict(texts), ctx.lang)
    if found is None:
        return None
    text, lang = found
    own = (lang == EN) == (ctx.lang == EN)
    body = linked_markdown(ctx, text) if markdown else markdown_text(ctx.tr(text))
    script = ZH_HANS if lang == ZH_HANT and ctx.lang == ZH_HANS else lang
    return {
        "body": Markup(body),
        "lang": None if own else script,
        "note": None if own else ctx.aside(ctx.label(f"in-language.{lang}")),
    }


# --- the home page ---------------------------------------------------------------------------


def _published(ctx: Context, paper: Paper) -> Markup | None:
    """Where the paper appeared: journal (and its other names), volume, issue, pages, year;
    None for an unpublished paper, which appeared nowhere."""
    if not paper.published:
        return None
    parts: list[str] = []
    if paper.journal:
        names = list(dict.fromkeys([paper.journal, *paper.journal_names.values()]))
        own = paper.journal_names.get(ctx.lang) or paper.journal_names.get(
            ZH_HANT if ctx.lang == ZH_HANS else ""
        )
        if own and own in names:  # the name in this version's language comes first
            names.remove(own)
            names.insert(0, own)
        journal = f"<i>{escape(ctx.tr(names[0]))}</i>"
        if names[1:]:
            journal += escape(ctx.aside(" / ".join(ctx.tr(name) for name in names[1:])))
        parts.append(journal)
    for key, value in (
        ("home.volume", paper.volume),
        ("home.issue", paper.issue),
        ("home.pages", paper.pages),
        ("home.article", paper.article_number),
    ):
        if value:
            parts.append(escape(ctx.label(key, value)))
    if paper.year:
        parts.append(str(paper.year))
    separator = "，" if ctx.chinese else ", "  # the parts of a clause, not a list's items
    return Markup(separator.join(parts)) if parts else None


def _list_of(items: Sequence[str], language: str, ctx: Context) -> str:
    """Items of the paper's own (keywords) joined as its language joins them, in this
    version's script."""
    joined = ("、" if language != EN else ", ").join(items)
    return ctx.tr(joined)


def home_page(site: SiteEdition, lang: str) -> str:
    ctx = Context(site, lang, site.path("index"))
    annotated = site.annotated
    paper = annotated.edition.paper
    translation = annotated.editorial.translation
    translated_title = translated_abstract = translated_keywords = None
    translator_note = None
    if translation is not None:
        script = ZH_HANS if lang == ZH_HANS and translation.language == ZH_HANT else None
        script = script or translation.language
        # A title translated into the paper's own language stands in for the paper's title
        # in that language (one the source does not show): every version gives it. Any other
        # translation is for the readers of its language.
        into_own = (translation.language == EN) == (paper.language == EN)
        if translation.title and (into_own or translation.serves(lang)):
            translated_title = Markup(
                f'<strong lang="{script}">{escape(ctx.tr(translation.title))}</strong>'
            )
        if translation.serves(lang):
            if translation.abstract:
                translated_abstract = Markup(
                    "\n\n".join(markdown_text(ctx.tr(p)) for p in translation.abstract)
                )
            if translation.keywords:
                translated_keywords = Markup(
                    markdown_text(ctx.comma.join(ctx.tr(k) for k in translation.keywords))
                )
            if translation.note:
                translator_note = _editorial_text(ctx, translation.note, markdown=False)
    apa = {"html": Markup(site.paper_apa.html), "text": site.paper_apa.text}
    abstract = [
        {
            "lang": _block_lang(ctx, annotated, block),
            "html": Markup(_block_text(ctx, block, anchors=False)),
        }
        for block in _blocks_at(annotated, annotated.edition.abstract_lines)
    ]
    return _page(
        "home.md",
        ctx,
        highwire=[list(t) for t in highwire_tags(paper)],
        title=ctx.tr(paper.title) if paper.title else ctx.label("home.untitled"),
        parallel_titles=[
            {
                "lang": lang_of,
                "label": ctx.label(
                    "home.parallel-title",
                    language=ctx.label(f"in-language.{EN if lang_of == EN else ZH_HANT}"),
                ),
                "title": title,
            }
            for lang_of, title in paper.parallel_titles.items()
        ],
        translated_title=translated_title,
        authors=ctx.comma.join(ctx.tr(a.display) for a in paper.authors),
        published=_published(ctx, paper),
        unpublished=not paper.published,
        doi=paper.doi if paper.published else None,
        licence=paper.licence,
        statement=source_statement(ctx, annotated),
        description=_editorial_text(ctx, annotated.edition.source_description),
        text_page=ctx.source_link("text"),
        abstract=abstract,
        translated_abstract=translated_abstract,
        # as printed: the enumeration comma between Chinese keywords, in every version
        keywords=_list_of(paper.keywords, paper.language, ctx),
        translated_keywords=translated_keywords,
        translator_note=translator_note,
        apa=apa,
        bibtex=site.paper_bibtex,
        downloads=[
            {"href": ctx.download(site.prefix, name), "name": name, "label": ctx.label(key)}
            for name, key in DOWNLOADS.items()
        ],
    )


def _blocks_at(annotated: Annotated, lines: Iterable[int]) -> list[Block]:
    """The blocks that begin at the given source lines, in that order."""
    starts = {block.first_line: block for block in annotated.document.blocks}
    return [starts[line] for line in lines if line in starts]


def _block_lang(ctx: Context, annotated: Annotated, block: Block) -> str:
    """The language of a block's text as this version shows it (see
    :func:`edition.script.text_language`): Chinese converted into the version's script is
    tagged with it."""
    lang = text_language(block.text, annotated.edition.paper.language)
    return ctx.lang if lang != EN and ctx.converter is not None else lang


# --- the text --------------------------------------------------------------------------------


def _block_text(
    ctx: Context,
    block: Block,
    *,
    anchors: bool,
    page_marks: Sequence[tuple[int, str]] = (),
    window: tuple[int, int] | None = None,
    escape_text: Callable[[str], str] | None = None,
) -> str:
    """A block's text (or the ``window`` of it) as safe markup, citations and terms linked."""
    assert ctx.site is not None
    annotated = ctx.site.annotated
    start, end = window or (0, len(block.text))
    occurrences = [
        o for o in annotated.citations_by_block[block.id] if start <= o.citation.start < end
    ]
    spans = [
        citation_span(ctx, o.citation, o.id, o.line, anchor=anchors, reason=_reason(o))
        for o in occurrences
    ]
    term_ids = ctx.site.term_anchors if anchors else {}
    spans += [
        term_span(ctx, m, term_ids.get((block.id, m.start)), block.line_at(m.start))
        for m in annotated.terms_by_block[block.id]
        if start <= m.start < end
    ]
    if block.kind is BlockKind.NOISE:
        spans += [
            Span(s.start, s.end, '<span class="ed-gloss">', "</span>")
            for s in block.salvaged
            if s.kind == "gloss" and start <= s.start < end
        ]
    shifted = [Span(s.start - start, s.end - start, s.open, s.close) for s in spans]
    marks = [(_before_spans(offset - start, shifted), html) for offset, html in page_marks]
    extra = {"escape_text": escape_text} if escape_text else {}
    return render(block.text[start:end], shifted, marks, transform=ctx.tr, **extra)


def _before_spans(offset: int, spans: Sequence[Span]) -> int:
    """Where a page marker at character ``offset`` goes: there, or where the outermost of
    ``spans`` that holds it begins. A citation or a term whose words run over a page break is
    marked before it; inside, the marker would become part of the link's text ("Charo et
    al., p. 6 2009")."""
    return min((s.start for s in spans if s.start < offset < s.end), default=offset)


def _reason(occurrence: Occurrence) -> str | None:
    decision = occurrence.decision
    return decision.reason if decision is not None else None


def _page_mark(ctx: Context, page: Page, guided: set[int]) -> str:
    note = {
        NumberSource.PRINTED: None,
        NumberSource.INFERRED: ctx.label("text.inferred"),
        NumberSource.UNKNOWN: ctx.label("text.unknown"),
    }[page.number_source]
    mark = (
        "<span "
        + attrs(class_="ed-page", id=page_anchor(page), title=note, data_page=page.number)
        + f">{escape(_page_name(ctx, page))}</span>"
    )
    if page.first_line in guided:
        mark += (
            " <a "
            + attrs(class_="ed-page-guide", href=ctx.href("guide", page_anchor(page)))
            + f">{escape(ctx.label('text.guide'))}</a>"
        )
    # A marker stands between words: a space after it keeps the next word apart, in the
    # page as in its text (what search indexes, what a reader copies).
    return mark + " "


def _text_intro(ctx: Context, annotated: Annotated) -> str:
    document = annotated.document
    sentences = [ctx.label("text.intro")]
    if any(p.number_source is NumberSource.INFERRED for p in document.pages):
        sentences.append(ctx.label("text.intro.inferred"))
    if any(b.kind is BlockKind.NOISE for b in document.blocks):
        sentences.append(ctx.label("text.intro.noise"))
    if annotated.occurrences:
        sentences.append(ctx.label("text.intro.links"))
    if annotated.glossary.terms:
        sentences.append(ctx.label("text.intro.terms"))
    sentences.append(ctx.label("text.intro.lines"))
    return ("" if ctx.chinese else " ").join(sentences)


def text_page(site: SiteEdition, lang: str) -> str:
    ctx = Context(site, lang, site.path("text"))
    document = site.annotated.document
    guided = {s.start for s in site.annotated.editorial.guide if not s.heading}
    body: list[Markup] = []
    marked: set[int] = set()

    def mark(page: int) -> None:
        if page not in marked:
            marked.add(page)
            html = _page_mark(ctx, document.pages[page], guided)
            body.append(Markup(f'<p class="ed-pagebreak">{html}</p>'))

    for block in document.blocks:
        if document.pages[block.page].first_line <= block.first_line:
            mark(block.page)
        if block.kind is BlockKind.NOISE:
            # Noise is shown page by page, so that every page marker stays visible.
            start = 0
            for cut, page in _noise_cuts(site, block):
                body.append(Markup(_noise_html(ctx, block, (start, cut), first=start == 0)))
                mark(page)
                start = cut
            body.append(Markup(_noise_html(ctx, block, (start, len(block.text)), first=start == 0)))
            continue
        inline = []
        for brk in block.page_breaks:
            if brk.page not in marked:
                marked.add(brk.page)
                inline.append((brk.offset, _page_mark(ctx, document.pages[brk.page], guided)))
        body.append(Markup(_block_html(ctx, block, inline)))
    return _page(
        "text.md",
        ctx,
        intro=_text_intro(ctx, site.annotated),
        pages=[{"anchor": page_anchor(p), "label": _page_label(ctx, p)} for p in document.pages],
        body=body,
    )


def _noise_cuts(site: SiteEdition, block: Block) -> list[tuple[int, int]]:
    """Where noise is cut at its page breaks: never inside a citation or a gloss."""
    islands = [
        (o.citation.start, o.citation.end) for o in site.annotated.citations_by_block[block.id]
    ]
    islands += [(s.start, s.end) for s in block.salvaged]
    cuts = []
    for brk in block.page_breaks:
        cut = max([brk.offset, *(end for start, end in islands if start < brk.offset < end)])
        cuts.append((cut, brk.page))
    return cuts


def _noise_html(ctx: Context, block: Block, window: tuple[int, int], *, first: bool) -> str:
    start, end = window
    lines = _lines(ctx, block.line_at(start), block.line_at(max(end - 1, start)))
    kind = f"{ctx.label('text.heading-like')} · " if block.heading_like else ""
    summary = (
        f"{escape(ctx.label('text.noise'))} · {escape(kind)}{escape(lines)} · "
        f"{escape(ctx.label('text.noise.score'))} {block.score:.2f}"
    )
    body = _block_text(ctx, block, anchors=True, window=window)
    anchor = block.id if first else f"{block.id}-{block.line_at(start)}"
    html = (
        f'<details class="ed-noise" id="{anchor}"><summary>{summary}</summary>'
        f'<p class="ed-noise__text" lang="und">{body}</p></details>'
    )
    salvage = _salvage_list(ctx, block, window)
    return html + (f'\n\n<p class="ed-salvage">{salvage}</p>' if salvage else "")


def _lines_link(ctx: Context, block: Block) -> str:
    """The block's source lines, shown on demand: a margin link that appears on hover."""
    span = f"{block.first_line}–{block.last_line}" if block.last_line > block.first_line else ""
    numbers = span or str(block.first_line)
    title = ctx.label("text.source-lines", numbers)
    return (
        "<a "
        + attrs(class_="ed-lines", href=f"#{block.id}", title=title, aria_label=title)
        + f">{escape(numbers)}</a>"
    )


def _table_html(ctx: Context, block: Block, marks: list[tuple[int, str]]) -> str:
    """A table from the block's cells, citations and terms linked in each cell. A rule line
    after the first row (``|---|---|``) makes that row the header, as Markdown tables do."""
    rows = list(block.cells)
    header = len(rows) > 1 and not rows[1]
    out = []
    for number, row in enumerate(rows):
        if not row:
            continue
        cell = "th" if header and number == 0 else "td"
        cells = "".join(
            f"<{cell}>"
            + _block_text(
                ctx,
                block,
                anchors=True,
                page_marks=[(o, html) for o, html in marks if start <= o < max(end, start + 1)],
                window=(start, end),
            )
            + f"</{cell}>"
            for start, end in row
        )
        out.append(f"<tr>{cells}</tr>")
    head = f"<thead>{out.pop(0)}</thead>" if header and out else ""
    return f"<table>{head}<tbody>{''.join(out)}</tbody></table>"


def _block_html(ctx: Context, block: Block, marks: list[tuple[int, str]]) -> str:
    assert ctx.site is not None
    lang = _block_lang(ctx, ctx.site.annotated, block)
    if block.kind is BlockKind.TABLE:
        return (
            f'<div class="ed-block ed-table" id="{block.id}" lang="{lang}">'
            f"{_lines_link(ctx, block)}{_table_html(ctx, block, marks)}</div>"
        )
    if block.kind is BlockKind.HEADING:
        # A Markdown heading, so the page's table of contents lists the paper's sections.
        text = _block_text(ctx, block, anchors=True, page_marks=marks, escape_text=markdown_text)
        title = ctx.label("text.source-lines", block.first_line)
        return f'## {text} {{ #{block.id} .ed-heading lang="{lang}" title="{escape(title)}" }}'
    body = _block_text(ctx, block, anchors=True, page_marks=marks)
    css = _BLOCK_CLASSES.get(block.kind, "ed-block")
    return (
        f'<div class="{css}" id="{block.id}" lang="{lang}">{_lines_link(ctx, block)}'
        f"<p>{body}</p></div>"
    )


#: the classes of the blocks that are not plain paragraphs: an equation keeps its lines
_BLOCK_CLASSES = {
    BlockKind.FRONT_MATTER: "ed-block ed-front",
    BlockKind.EQUATION: "ed-block ed-equation",
    BlockKind.CAPTION: "ed-block ed-caption",
    BlockKind.REFERENCE: "ed-block ed-reference",
}


def _salvage_list(ctx: Context, block: Block, window: tuple[int, int]) -> str:
    assert ctx.site is not None
    annotated = ctx.site.annotated
    start, end = window
    items = []
    for occurrence in annotated.citations_by_block[block.id]:
        if not start <= occurrence.citation.start < end:
            continue
        span = citation_span(
            ctx, occurrence.citation, occurrence.id, occurrence.line, reason=_reason(occurrence)
        )
        text = block.text[span.start : span.end]
        items.append(span.open + escape(" ".join(text.split())) + span.close)
    for item in block.salvaged:
        if item.kind != "gloss" or not start <= item.start < end:
            continue
        inner = " ".join(item.text.split())
        matches = [
            m for m in annotated.terms_by_block[block.id] if item.start <= m.start < item.end
        ]
        if matches:
            span = term_span(ctx, matches[0])
            items.append(f'<span class="ed-gloss">{span.open}{escape(inner)}{span.close}</span>')
        else:
            items.append(tag("span", inner, class_="ed-gloss"))
    if not items:
        return ""
    return f"{escape(ctx.label('text.salvaged'))}{ctx.colon}" + " · ".join(items)


# --- the guide, the references, the unlinked citations, the glossary, the about page --------


def guide_page(site: SiteEdition, lang: str) -> str:
    ctx = Context(site, lang, site.path("guide"))
    pages = {page.first_line: page for page in site.annotated.document.pages}
    blocks = {block.first_line: block for block in site.annotated.document.blocks}
    sections = []
    for section in site.annotated.editorial.guide:
        text = _editorial_text(ctx, section.texts)
        assert text is not None  # a section has one language at least
        page = pages.get(section.start)
        if page is not None and not section.heading:
            heading = f"{_page_name(ctx, page)} · {_lines(ctx, page.first_line, page.last_line)}"
            anchor, level, read = page_anchor(page), "##", page_anchor(page)
        else:
            block = blocks.get(section.start)
            readable = block is not None and block.kind is not BlockKind.NOISE
            if readable and len(block.text) <= 100:  # the heading as the source gives it
                heading = f"{ctx.tr(block.text)} · {_lines(ctx, block.first_line, block.last_line)}"
            else:
                heading = ctx.label("guide.heading", section.start)
            anchor, level, read = f"l{section.start}-guide", "###", f"l{section.start}"
        link = f"[{markdown_text(ctx.label('guide.read'))}]({ctx.source_link('text', read)})"
        text["body"] = Markup(f"{text['body']}\n\n{link}")
        sections.append({"heading": heading, "anchor": anchor, "level": level, **text})
    return _page("guide.md", ctx, sections=sections)


def _lookup_links(ctx: Context, ref: Reference) -> list[dict[str, str]]:
    links = []
    doi = ref.fields.get("doi")
    if doi:
        links.append(
            {"href": f"https://doi.org/{normalize_doi(doi)}", "label": ctx.label("refs.doi")}
        )
    elif ref.fields.get("url", "").startswith(("https://", "http://")):
        links.append({"href": ref.fields["url"], "label": ctx.label("refs.link")})
    authors = " ".join(name.family for name in ref.authors[:2])
    query = quote_plus(f"{ref.title} {authors}".strip())
    links.append(
        {
            "href": f"https://scholar.google.com/scholar?q={query}",
            "label": ctx.label("refs.scholar"),
        }
    )
    links.append(
        {
            "href": f"https://search.worldcat.org/search?q={query}",
            "label": ctx.label("refs.worldcat"),
        }
    )
    return links


def _each_line_once(places: Iterable[tuple[int, Any]]) -> list[tuple[int, Any]]:
    """``(line, place)`` pairs with each line once, its first place kept, in line order: a
    list of links "line 18, line 18" tells nothing apart."""
    first: dict[int, Any] = {}
    for line, place in places:
        first.setdefault(line, place)
    return sorted(first.items(), key=lambda pair: pair[0])


def _backlinks(
    ctx: Context, site: SiteEdition, occurrences: Sequence[Occurrence], *, named: bool = False
) -> str:
    """Links to every line ``occurrences`` stand on in ``site``'s text (to the first on the
    line), grouped by page and counted: ``p. 99 ×3: line 137, line 153``; with ``named``,
    led by the paper's citation."""
    pages = site.annotated.document.pages
    grouped: dict[int, list[Occurrence]] = defaultdict(list)
    for occurrence in occurrences:
        grouped[occurrence.page].append(occurrence)
    reader = Context(site, ctx.lang, site.path("text"))
    parts = []
    for page_index, items in grouped.items():
        page = _page_name(reader, pages[page_index])
        count = f" ×{len(items)}" if len(items) > 1 else ""
        links = ctx.comma.join(
            tag(
                "a",
                f"{ctx.label('text.line')} {line}",
                href=ctx.to(site.path("text"), o.id),
                class_="ed-backlink",
            )
            for line, o in _each_line_once((o.line, o) for o in items)
        )
        parts.append(f"{escape(page)}{count}{ctx.colon}{links}")
    joined = "; ".join(parts)
    if named:
        return f"{escape(site.paper_cited)}{ctx.colon}{joined}"
    return joined


#: The label an entry's note may open with in the .bib file, where it marks the note as
#: the editors' own; the site labels every note so, and does not say it twice.
_NOTE_LABEL = re.compile(r"\s*(?:editors?['’]?\s+note|編者附註|编者附注)\s*[:：]\s*", re.I)


def _unlabelled(note: str) -> str:
    """A bibliography note without the label it opens with ("Editors' note: …")."""
    label = _NOTE_LABEL.match(note)
    return note[label.end() :] if label else note


def _entry(ctx: Context, site: SiteEdition, key: str, cited: str) -> dict[str, Any]:
    ref = site.bib[key]
    rendered = site.rendered[key]
    note = ref.fields.get("note")
    return {
        "anchor": key,
        "html": Markup(rendered.html),
        "lookups": _lookup_links(ctx, ref),
        "bibtex": site.entry_bibtex[key],
        "cited": Markup(cited) if cited else None,
        "notes": [Markup(quoted_text(ctx, _unlabelled(note)))] if note else [],
        "coins": site.entry_coins[key],
    }


def references_page(site: SiteEdition, lang: str) -> str:
    ctx = Context(site, lang, site.path("references"))
    by_key = site.cited_by
    entries = [
        _entry(ctx, site, r.key, _backlinks(ctx, site, by_key[r.key]) if by_key[r.key] else "")
        for r in site.references
    ]
    return _page("references.md", ctx, entries=entries, volume=False)


def unidentified_page(site: SiteEdition, lang: str) -> str:
    ctx = Context(site, lang, site.path("unidentified"))
    pages = site.annotated.document.pages
    rows = []
    for occurrence in site.annotated.occurrences:
        citation = occurrence.citation
        if citation.status not in (ILLEGIBLE, UNRESOLVED):
            continue
        illegible = citation.status == ILLEGIBLE
        rows.append(
            {
                "id": occurrence.id,
                "year": citation.year,
                "locator": citation.locator or "",
                "page": _page_label(ctx, pages[occurrence.page]),
                "line": occurrence.line,
                "href": ctx.href("text", occurrence.id),
                "text": " ".join(citation.text.split()),
                "why": ctx.label("unid.illegible")
                if illegible
                else ctx.tr(_reason(occurrence) or citation.reason),
            }
        )
    return _page("unidentified.md", ctx, rows=rows)


def glossary_page(site: SiteEdition, lang: str) -> str:
    ctx = Context(site, lang, site.path("glossary"))
    annotated = site.annotated
    occurs: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for block in annotated.document.blocks:
        for match in annotated.terms_by_block[block.id]:
            occurs[match.term_id].append(
                (site.term_anchors[(block.id, match.start)], block.line_at(match.start))
            )
    terms = []
    for term in sorted(annotated.glossary.terms, key=lambda t: t.en.casefold()):
        definition = term.definition_zh_hant if ctx.chinese else term.definition_en
        sources = ctx.comma.join(
            tag(
                "a",
                cite_narrative(site.bib, key),
                href=ctx.href("references", f"ref-{key}"),
                class_="ed-cite",
                title=site.reference_text(key),
            )
            for key in term.sources
        )
        related = ctx.comma.join(
            tag("a", term_name(ctx, annotated.glossary[r]), href=f"#term-{r}", class_="ed-term")
            for r in term.related
            if r in annotated.glossary
        )
        places = ctx.comma.join(
            tag("a", f"{ctx.label('text.line')} {line}", href=ctx.href("text", anchor))
            for line, anchor in _each_line_once((line, a) for a, line in occurs[term.id])
        )
        terms.append(
            {
                "id": term.id,
                "heading": f"{term.en} · {term.zh_hant} · {term.zh_hans}",
                "definition": Markup(linked_text(ctx, definition)),
                "sources": Markup(sources),
                "related": Markup(related),
                "occurs": Markup(places),
            }
        )
    return _page("glossary.md", ctx, terms=terms)


def _subsections(markdown: str, prefix: str) -> str:
    """Editorial Markdown placed under a page's own section: headings two levels down, ids set.

    The ids (``principles-1``, ``principles-2``…) come from the headings' order, so the three
    versions of a page share their anchors whatever language the headings are in.
    """
    count = 0

    def demote(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"{match['level']}##{match['title']} {{ #{prefix}-{count} }}"

    return _ATX_HEADING.sub(demote, markdown)


def about_page(site: SiteEdition, lang: str) -> str:
    ctx = Context(site, lang, site.path("about"))
    annotated = site.annotated
    document = annotated.document
    principles = None
    found = annotated.editorial.principles_for(lang)
    if found is not None:
        principles = _editorial_text(ctx, {found.lang: _subsections(found.text, "principles")})
    sources = [p.number_source for p in document.pages]
    kinds: dict[str, int] = defaultdict(int)
    for block in document.blocks:
        kinds[block.kind.value] += 1
    reasons: dict[str, int] = defaultdict(int)
    for line in document.removed:
        reasons[line.reason.value] += 1
    salvaged = [s.kind for b in document.blocks for s in b.salvaged]
    statuses = [o.citation.status for o in annotated.occurrences]
    figures = [
        ("about.lines", str(document.line_count)),
        (
            "about.pages",
            f"{len(document.pages)} ({sources.count(NumberSource.PRINTED)} / "
            f"{sources.count(NumberSource.INFERRED)} / {sources.count(NumberSource.UNKNOWN)})",
        ),
        (
            "about.blocks",
            ctx.comma.join(f"{ctx.label('block.' + k)} {v}" for k, v in sorted(kinds.items())),
        ),
        (
            "about.removed",
            ctx.comma.join(f"{ctx.label('removed.' + k)} {v}" for k, v in sorted(reasons.items()))
            or "0",
        ),
        ("about.salvaged", f"{salvaged.count('citation')} / {salvaged.count('gloss')}"),
        (
            "about.citations",
            f"{statuses.count(RESOLVED)} / {statuses.count(ILLEGIBLE)} / "
            f"{statuses.count(UNRESOLVED)}",
        ),
        (
            "about.references",
            f"{len(annotated.bibliography.references)} / {len(annotated.glossary.terms)}",
        ),
    ]
    return _page(
        "about.md",
        ctx,
        principles=principles,
        statement=source_statement(ctx, annotated),
        figures=figures,
    )


EDITION_BUILDERS: dict[str, Callable[[SiteEdition, str], str]] = {
    "index": home_page,
    "text": text_page,
    "guide": guide_page,
    "references": references_page,
    "unidentified": unidentified_page,
    "glossary": glossary_page,
    "about": about_page,
}
assert set(EDITION_BUILDERS) == set(EDITION_PAGES)


# --- the volume ------------------------------------------------------------------------------


def volume_page(volume: Volume, lang: str) -> str:
    ctx = Context(None, lang, "index")
    papers = []
    for site in volume.editions:
        paper = site.annotated.edition.paper
        reader = Context(site, lang, "index")
        papers.append(
            {
                "id": site.id,
                "href": ctx.to(site.path("index")),
                "title": reader.tr(paper.title) if paper.title else ctx.label("home.untitled"),
                "authors": ctx.comma.join(reader.tr(a.display) for a in paper.authors),
                "published": _published(reader, paper),
                "versions": [
                    {
                        "lang": other,
                        "label": _LANGUAGE_NAMES[other],
                        "href": _across(lang, other) + ctx.to(site.path("index")),
                    }
                    for other in LANGUAGES
                ],
            }
        )
    name = volume.names.get(lang) or volume.name
    return _page("volume.md", ctx, site_name=name, papers=papers)


#: each version's name in its own script, as the language selector shows it
_LANGUAGE_NAMES = {EN: "English", ZH_HANT: "繁體中文", ZH_HANS: "简体中文"}


def _across(source: str, target: str) -> str:
    """The path from the root of version ``source`` to the root of version ``target``."""
    if source == target:
        return ""
    up = "" if source == EN else "../"
    return up + ("" if target == EN else f"{target}/")


def _work(ref: Reference) -> tuple[str | None, tuple]:
    """What tells two entries of different bibliographies apart: the DOI, where given, and
    the authors' family names, the year and the title, case and punctuation folded."""
    doi = ref.fields.get("doi")
    fold = lambda text: re.sub(r"\W+", " ", text.casefold()).strip()  # noqa: E731
    work = (tuple(fold(n.family) for n in ref.authors), ref.year, fold(ref.title))
    return (normalize_doi(doi).casefold() if doi else None), work


def _works(volume: Volume) -> list[list[tuple[SiteEdition, str]]]:
    """The entries of the volume's bibliographies grouped by work: one DOI is one work; the
    same authors, year and title are one work unless the two entries give different DOIs
    (a preprint and its article)."""
    groups: list[list[tuple[SiteEdition, str]]] = []
    dois: list[set[str]] = []
    by_doi: dict[str, int] = {}
    by_work: dict[tuple, list[int]] = {}
    for site in volume.editions:
        for rendered in site.references:
            doi, work = _work(site.bib[rendered.key])
            found = by_doi.get(doi) if doi else None
            if found is None:
                found = next(
                    (
                        g
                        for g in by_work.get(work, [])
                        if not (doi and dois[g] and doi not in dois[g])
                    ),
                    None,
                )
            if found is None:
                found = len(groups)
                groups.append([])
                dois.append(set())
            groups[found].append((site, rendered.key))
            if doi:
                dois[found].add(doi)
                by_doi[doi] = found
            if found not in by_work.setdefault(work, []):
                by_work[work].append(found)
    return groups


def volume_references_page(volume: Volume, lang: str) -> str:
    ctx = Context(None, lang, "references")
    ordered = sorted(
        _works(volume),
        key=lambda found: found[0][0].rendered[found[0][1]].text.casefold(),
    )
    entries = []
    for found in ordered:
        site, key = found[0]
        cited = []
        for citing, citing_key in found:
            occurrences = citing.cited_by[citing_key]
            if occurrences:
                cited.append(_backlinks(ctx, citing, occurrences, named=True))
        entry = _entry(Context(site, lang, "references"), site, key, " · ".join(cited))
        entry["anchor"] = f"{site.id}-{key}"
        notes = []
        for citing, citing_key in found:
            note = citing.bib[citing_key].fields.get("note")
            if note:
                note_html = quoted_text(Context(citing, lang, "references"), _unlabelled(note))
                paper = escape(citing.paper_cited)
                notes.append(Markup(f"{paper}{ctx.colon}{note_html}"))
        entry["notes"] = notes
        entries.append(entry)
    return _page("references.md", ctx, entries=entries, volume=True)


def volume_pages(volume: Volume) -> list[SitePage]:
    """The volume's own pages (its home and its list of references) in every language
    version; none for a site of one edition, whose home is the edition's."""
    if volume.single:
        return []
    return [
        SitePage(path, lang, builder(volume, lang))
        for lang in LANGUAGES
        for path, builder in (("index", volume_page), ("references", volume_references_page))
    ]


def edition_pages(site: SiteEdition) -> list[SitePage]:
    """Every page of one edition in every language version. They depend on that edition
    alone, so a volume rebuilt after one edition changed can keep the others' pages."""
    return [
        SitePage(site.path(name), lang, EDITION_BUILDERS[name](site, lang))
        for lang in LANGUAGES
        for name in site.pages
    ]


def build_pages(volume: Volume) -> list[SitePage]:
    """Every page of every language version of the volume: :func:`volume_pages` and each
    edition's :func:`edition_pages`."""
    return volume_pages(volume) + [p for site in volume.editions for p in edition_pages(site)]


def nav(volume: Volume) -> list[Any]:
    """The site's navigation: the edition's pages, or the volume's with one section a paper."""
    if volume.single:
        site = volume.editions[0]
        return [f"{site.path(name)}.md" for name in site.pages]
    sections: list[Any] = ["index.md"]
    for site in volume.editions:
        title = site.paper_cited
        sections.append({title: [f"{site.path(name)}.md" for name in site.pages]})
    sections.append("references.md")
    return sections


def edition_downloads(site: SiteEdition) -> dict[str, str]:
    """The files one edition offers for download (its bibliography as BibTeX, RIS and CSL
    JSON, the cleaned document as JSON, the TEI P5 document), by their path in the default
    version's tree (``<prefix>downloads/<name>``)."""
    bib = site.annotated.bibliography
    document = site.annotated.document.to_dict()
    document["source"] = site.annotated.edition.source.name
    return {
        f"{site.prefix}downloads/{name}": content
        for name, content in {
            "references.bib": site.bibtex,
            "references.ris": to_ris(bib),
            "references.json": to_csl_json(bib),
            "document.json": json.dumps(document, ensure_ascii=False, indent=1) + "\n",
            "edition.tei.xml": to_tei(site.annotated).decode("utf-8"),
        }.items()
    }


def downloads(volume: Volume) -> dict[str, str]:
    """The files offered for download by every edition of the volume
    (:func:`edition_downloads`)."""
    return {
        name: text for site in volume.editions for name, text in edition_downloads(site).items()
    }


__all__ = [
    "VOLUME_PAGES",
    "SitePage",
    "Volume",
    "build_pages",
    "downloads",
    "edition_downloads",
    "edition_pages",
    "href",
    "nav",
    "volume_pages",
]
