"""The site's pages, as Markdown with raw HTML, for each language version.

Every page is generated from the annotated edition: nothing here reads a file. Text from the
source, the bibliography and the glossary goes through :mod:`edition.site.markup`, which
escapes it; editorial Markdown is the editors' own and is passed to Markdown with citation
and term links inserted. The Simplified version is made by converting the Traditional
wording piece by piece (citations too: their Latin names and numbers are kept by the
converter), so offsets found in the source stay valid.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote_plus

import yaml

from edition.annotation import Annotated, Occurrence
from edition.apa import RenderedReference, cite_narrative, render_references
from edition.bibliography import Bibliography, Reference, normalize_doi
from edition.citations import Citation
from edition.conversion import Converter, load_overrides
from edition.document import Block, BlockKind, NumberSource, Page
from edition.exports import csl_item, to_bibtex, to_csl_json, to_ris
from edition.glossary import Term, TermMatch
from edition.site.labels import EN, LANGUAGES, ZH_HANS, ZH_HANT, label
from edition.site.markup import Span, attrs, render, tag
from edition.site.metadata import coins, highwire_tags

#: page name -> nav label key, in nav order
PAGES = {
    "index": "nav.home",
    "text": "nav.text",
    "guide": "nav.guide",
    "references": "nav.references",
    "unidentified": "nav.unidentified",
    "glossary": "nav.glossary",
    "about": "nav.about",
}
DOWNLOADS = {
    "references.bib": "home.download.bibtex",
    "references.ris": "home.download.ris",
    "references.json": "home.download.csl",
    "document.json": "home.download.document",
}
_GLOSSARY_LINK = re.compile(r"\[([^\]\n]+)\]\(glossary:([A-Za-z0-9_-]+)\)")
_ATX_HEADING = re.compile(r"^(?P<level>#{1,5})(?P<title>[ \t].*?)[ \t]*$", re.MULTILINE)
_MARKDOWN_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")


@dataclass(frozen=True)
class SitePage:
    """One generated page: its name, language and Markdown."""

    name: str
    lang: str
    markdown: str

    @property
    def src_uri(self) -> str:
        """The file name MkDocs and mkdocs-static-i18n (suffix structure) expect."""
        return f"{self.name}.md" if self.lang == EN else f"{self.name}.{self.lang}.md"


def href(page: str, target: str, anchor: str = "") -> str:
    """A relative URL from generated page ``page`` to ``target`` (directory URLs)."""
    up = "" if page == "index" else "../"
    path = "" if target == "index" else f"{target}/"
    url = f"{up}{path}" or "./"
    return f"{url}#{anchor}" if anchor else url


def page_anchor(page: Page) -> str:
    """The id of a source page: ``p99`` where its number is known, else ``page-1``."""
    return f"p{page.number}" if page.number is not None else f"page-{page.index + 1}"


def _page_label(ctx: _Context, page: Page) -> str:
    """``99``, ``[100]`` (inferred), or ``unnumbered 2`` where the source shows no number."""
    if page.number is not None:
        return page.label
    unknown = [p.index for p in ctx.site.annotated.document.pages if p.number is None]
    return f"{ctx.label('text.unnumbered')} {unknown.index(page.index) + 1}"


def _lines(ctx: _Context, first: int, last: int) -> str:
    """``lines 11–25``, or ``line 7`` for one line."""
    if first == last:
        return f"{ctx.label('text.line')} {first}"
    return f"{ctx.label('text.lines')} {first}–{last}"


def _page_name(ctx: _Context, page: Page) -> str:
    """The page as a reader names it: ``p. [100]``, ``第 [100] 頁``, ``Unnumbered page 2``."""
    if page.number is None:
        return _page_label(ctx, page)
    return ctx.label("text.page").format(page.label)


class _Context:
    """What every page builder of one language needs: wording, links, conversion."""

    def __init__(self, site: SiteData, lang: str, page: str) -> None:
        self.site = site
        self.lang = lang
        self.page = page
        self.converter = site.converter if lang == ZH_HANS else None

    def tr(self, text: str, protected: Iterable[tuple[int, int]] = ()) -> str:
        """Traditional wording in this version's script (Simplified only for zh-Hans)."""
        return self.converter.convert(text, protected) if self.converter else text

    def label(self, key: str) -> str:
        return self.tr(label(self.lang, key))

    def href(self, target: str, anchor: str = "") -> str:
        return href(self.page, target, anchor)

    @property
    def chinese(self) -> bool:
        return self.lang != EN


@dataclass(frozen=True)
class SiteData:
    """The annotated edition plus what the pages share: rendered references, converter."""

    annotated: Annotated
    references: tuple[RenderedReference, ...]
    converter: Converter
    #: anchor ids of the term occurrences in the text, by (block id, offset): t1, t2…
    term_anchors: Mapping[tuple[str, int], str]

    @property
    def bib(self) -> Bibliography:
        return self.annotated.bibliography

    def reference_text(self, key: str) -> str:
        return next(r.text for r in self.references if r.key == key)


def site_data(annotated: Annotated) -> SiteData:
    """Render the references and build the Simplified converter once for all pages."""
    terms = annotated.glossary.term_list()
    overrides = annotated.edition.conversion_overrides
    if overrides is not None:
        terms = terms + load_overrides(overrides)
    return SiteData(
        annotated=annotated,
        references=tuple(render_references(annotated.bibliography)),
        converter=Converter(ZH_HANS, terms=terms),
        term_anchors=_term_anchors(annotated),
    )


# --- links for citations and terms ---------------------------------------------------------


def _citation_span(
    ctx: _Context,
    citation: Citation,
    occurrence: str | None = None,
    line: int | None = None,
    *,
    anchor: bool = False,
) -> Span:
    """The link of one citation: to its entry, or to the row of an unidentified work.

    ``occurrence`` is the citation's id in the text; with ``anchor`` the link carries it as
    its own id (the citation in the text), without it the link only points there (a copy in
    a salvage list).
    """
    where = f" — {ctx.label('cite.line')} {line}" if line is not None else ""
    own_id = occurrence if anchor else None
    if citation.status == "resolved":
        key = citation.keys[0]
        values = {
            "class_": "ed-cite",
            "href": ctx.href("references", f"ref-{key}"),
            "title": ctx.site.reference_text(key) + where,
            "data_key": key,
        }
    elif citation.status == "illegible":
        values = {
            "class_": "ed-cite ed-cite--illegible",
            "href": ctx.href("unidentified", f"u-{occurrence}" if occurrence else ""),
            "title": f"{ctx.label('cite.unidentified')} ({citation.year}){where}",
        }
    else:
        open_tag = "<span " + attrs(class_="ed-cite ed-cite--unresolved", id=own_id) + ">"
        return Span(citation.start, citation.end, open_tag, "</span>")
    open_tag = "<a " + attrs(id=own_id, data_line=line, **values) + ">"
    return Span(citation.start, citation.end, open_tag, "</a>")


def _term_span(
    ctx: _Context, match: TermMatch, anchor: str | None = None, line: int | None = None
) -> Span:
    """The link of a glossary term to its entry, its definition as the tooltip."""
    term = ctx.site.annotated.glossary[match.term_id]
    title = term.definition_en if not ctx.chinese else ctx.tr(term.definition_zh_hant)
    open_tag = (
        "<a "
        + attrs(
            class_="ed-term",
            id=anchor,
            href=ctx.href("glossary", f"term-{term.id}"),
            title=f"{_term_name(ctx, term)}: {title}",
            data_line=line,
        )
        + ">"
    )
    return Span(match.start, match.end, open_tag, "</a>")


def _term_name(ctx: _Context, term: Term) -> str:
    return (term.zh_hans if ctx.lang == ZH_HANS else term.zh_hant) if ctx.chinese else term.en


def _linked_plain(ctx: _Context, text: str) -> str:
    """Plain (untrusted) text with citations and terms linked, as safe HTML."""
    citations = ctx.site.annotated.citations(text)
    cited = [(c.start, c.end) for c in citations]
    spans = [_citation_span(ctx, c) for c in citations]
    spans += [_term_span(ctx, m) for m in ctx.site.annotated.terms(text, cited)]
    return render(text, spans, transform=ctx.tr)


def _linked_markdown(ctx: _Context, markdown: str) -> str:
    """Editorial Markdown (zh-Hant or en) in this version, with citations and terms linked.

    ``[text](glossary:id)`` becomes a term link; other citations and terms are found as in
    the source text and linked with inline HTML, never inside Markdown links or code.
    """
    markdown = ctx.tr(markdown)
    citations = ctx.site.annotated.citations(markdown)
    links = [(m.start(), m.end()) for m in _MARKDOWN_LINK.finditer(markdown)]
    cited = [(c.start, c.end) for c in citations]
    terms = ctx.site.annotated.terms(markdown, [*cited, *links])
    pieces: list[tuple[int, int, str]] = []
    for citation in citations:
        span = _citation_span(ctx, citation)
        pieces.append(
            (span.start, span.end, span.open + escape(markdown[span.start : span.end]) + span.close)
        )
    for match in terms:
        span = _term_span(ctx, match)
        pieces.append((span.start, span.end, span.open + escape(match.text) + span.close))
    for link in _GLOSSARY_LINK.finditer(markdown):
        term_id = link.group(2)
        if term_id in ctx.site.annotated.glossary:
            fake = TermMatch(link.start(), link.end(), term_id, link.group(1))
            span = _term_span(ctx, fake)
            pieces.append((span.start, span.end, span.open + escape(link.group(1)) + span.close))
    out, cursor = [], 0
    for start, end, html in sorted(pieces):
        if start < cursor:
            continue
        out.append(markdown[cursor:start])
        out.append(html)
        cursor = end
    out.append(markdown[cursor:])
    return "".join(out)


# --- pages -----------------------------------------------------------------------------


def _front(meta: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def _editorial_box(ctx: _Context, body: str, label_key: str = "editorial") -> str:
    return (
        '<div class="ed-editorial" markdown>\n'
        f'<span class="ed-label">{escape(ctx.label(label_key))}</span>\n\n'
        f"{body}\n\n</div>\n"
    )


def _copy_button(ctx: _Context, text: str, caption: str) -> str:
    return (
        "<button "
        + attrs(type="button", class_="ed-copy", data_copy=text, data_copied=ctx.label("copied"))
        + f">{escape(caption)}</button>"
    )


def _paper_bibtex(site: SiteData) -> str:
    paper = site.annotated.edition.paper
    authors = " and ".join(f"{a.family}, {a.given}" for a in paper.authors)
    title = " ".join(paper.title.split())
    return (
        f"@article{{{site.annotated.edition.id.replace('-', '')},\n"
        f"  author = {{{authors}}},\n  title = {{{title}}},\n"
        f"  journal = {{{paper.journal}}},\n  year = {{{paper.year}}},\n"
        f"  volume = {{{paper.volume}}},\n  pages = {{{paper.first_page}--{paper.last_page}}}\n}}"
    )


def _paper_apa(site: SiteData) -> tuple[str, str]:
    """The paper's APA reference as (HTML, text), as its own citation line prints it."""
    paper = site.annotated.edition.paper
    names = [f"{a.family}, {a.given[0]}." for a in paper.authors]
    authors = ", ".join(names[:-1]) + (", & " if len(names) > 1 else "") + names[-1]
    title = " ".join(paper.title.split())
    pages = f"{paper.first_page}–{paper.last_page}"
    text = f"{authors} ({paper.year}). {title}. {paper.journal}, {paper.volume}, {pages}."
    html = (
        f"{escape(authors)} ({paper.year}). {escape(title)}. "
        f"<i>{escape(paper.journal)}, {paper.volume}</i>, {pages}."
    )
    return html, text


def home_page(site: SiteData, lang: str) -> str:
    ctx = _Context(site, lang, "index")
    annotated = site.annotated
    paper = annotated.edition.paper
    translation = annotated.editorial.translation
    title = " ".join(paper.title.split())
    out = [
        _front(
            {
                "title": ctx.label("nav.home"),
                "citation_meta": [list(t) for t in highwire_tags(paper)],
            }
        )
    ]
    out.append(f'<p class="ed-label">{escape(ctx.label("home.lead"))}</p>\n')
    out.append(f"# {escape(title)} {{ #paper-title }}\n")
    # The paper's Chinese title is not legible in the source: the editors' translation stands
    # in every version, labelled as theirs.
    script = ZH_HANS if lang == ZH_HANS else ZH_HANT
    title_zh = f'<strong lang="{script}">{escape(ctx.tr(translation.title))}</strong>'
    out.append(_editorial_box(ctx, title_zh, "home.translation"))
    authors = ", ".join(f"{a.given} {a.family}" for a in paper.authors)
    journal = f"*{escape(paper.journal)}*" + (
        f"（{escape(ctx.tr(paper.journal_zh))}）"
        if ctx.chinese
        else f" ({escape(paper.journal_zh)})"
    )
    out.append(
        f"{escape(ctx.label('home.authors'))}: {escape(authors)}  \n"
        f"{escape(ctx.label('home.published'))}: {journal}, {paper.volume}, "
        f"{paper.first_page}–{paper.last_page} ({paper.year})\n"
    )
    out.append(f'<p class="ed-intro">{escape(ctx.label("home.state"))}</p>\n')
    out.append(f"[{escape(ctx.label('home.read'))}](text.md){{ .md-button .md-button--primary }}\n")
    out.append(f"## {escape(ctx.label('home.abstract'))} {{ #abstract }}\n")
    for block in _blocks_at(annotated, annotated.edition.abstract_lines):
        out.append(f'<p lang="en">{_render_block_text(ctx, block, anchors=False)}</p>\n')
    if ctx.chinese:
        body = "\n\n".join(escape(ctx.tr(p)) for p in translation.abstract)
        out.append(
            _editorial_box(
                ctx, f"{escape(ctx.tr(translation.note_zh_hant))}\n\n{body}", "home.translation"
            )
        )
    out.append(f"## {escape(ctx.label('home.keywords'))} {{ #keywords }}\n")
    out.append(", ".join(escape(k) for k in paper.keywords) + "\n")
    if ctx.chinese:
        out.append(
            _editorial_box(
                ctx, "、".join(escape(ctx.tr(k)) for k in translation.keywords), "home.translation"
            )
        )
    apa_html, apa_text = _paper_apa(site)
    bibtex = _paper_bibtex(site)
    out.append(f"## {escape(ctx.label('home.cite'))} {{ #cite }}\n")
    out.append(
        f'<p class="ed-cite-paper">{apa_html} '
        f"{_copy_button(ctx, apa_text, ctx.label('copy'))}</p>\n"
    )
    out.append(
        f'<pre class="ed-bibtex"><code>{escape(bibtex)}</code></pre>\n'
        f"<p>{_copy_button(ctx, bibtex, ctx.label('refs.copy-bibtex'))}</p>\n"
    )
    out.append(f"## {escape(ctx.label('home.downloads'))} {{ #downloads }}\n")
    # The files are published once, in the default version's tree: raw links reach them
    # from every version (mkdocs-static-i18n would rewrite a Markdown link across trees).
    root = "" if lang == EN else "../"
    items = "".join(
        f"<li>{tag('a', ctx.label(key), href=f'{root}downloads/{name}', download=name)}</li>"
        for name, key in DOWNLOADS.items()
    )
    out.append(f'<ul class="ed-downloads">{items}</ul>\n')
    return "\n".join(out)


def _blocks_at(annotated: Annotated, lines: Iterable[int]) -> list[Block]:
    """The blocks that begin at the given source lines, in that order."""
    starts = {block.first_line: block for block in annotated.document.blocks}
    return [starts[line] for line in lines if line in starts]


def _render_block_text(
    ctx: _Context,
    block: Block,
    *,
    anchors: bool,
    page_marks: Sequence[tuple[int, str]] = (),
    window: tuple[int, int] | None = None,
) -> str:
    """A block's text (or the ``window`` of it) as safe HTML, citations and terms linked."""
    annotated = ctx.site.annotated
    start, end = window or (0, len(block.text))
    occurrences = [
        o for o in annotated.citations_by_block[block.id] if start <= o.citation.start < end
    ]
    spans = [_citation_span(ctx, o.citation, o.id, o.line, anchor=anchors) for o in occurrences]
    term_ids = ctx.site.term_anchors if anchors else {}
    spans += [
        _term_span(ctx, m, term_ids.get((block.id, m.start)), block.line_at(m.start))
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
    marks = [(offset - start, html) for offset, html in page_marks]
    return render(block.text[start:end], shifted, marks, transform=ctx.tr)


def _term_anchors(annotated: Annotated) -> dict[tuple[str, int], str]:
    """Anchor ids for every term occurrence in the text: ``t1``, ``t2``… in reading order."""
    anchors: dict[tuple[str, int], str] = {}
    for block in annotated.document.blocks:
        for match in annotated.terms_by_block[block.id]:
            anchors[(block.id, match.start)] = f"t{len(anchors) + 1}"
    return anchors


def _page_mark(ctx: _Context, page: Page) -> str:
    note = {
        NumberSource.PRINTED: None,
        NumberSource.INFERRED: ctx.label("text.inferred"),
        NumberSource.UNKNOWN: ctx.label("text.unknown"),
    }[page.number_source]
    return (
        "<span "
        + attrs(class_="ed-page", id=page_anchor(page), title=note, data_page=page.number)
        + f">{escape(_page_name(ctx, page))}</span>"
        + " <a "
        + attrs(class_="ed-page-guide", href=ctx.href("guide", page_anchor(page)))
        + f">{escape(ctx.label('text.guide'))}</a>"
    )


def text_page(site: SiteData, lang: str) -> str:
    ctx = _Context(site, lang, "text")
    document = site.annotated.document
    out = [_front({"title": ctx.label("nav.text")}), f"# {escape(ctx.label('nav.text'))}\n"]
    out.append(f'<p class="ed-intro">{escape(ctx.label("text.intro"))}</p>\n')
    index = " · ".join(
        f'<a href="#{page_anchor(p)}">{escape(_page_label(ctx, p))}</a>' for p in document.pages
    )
    out.append(f'<nav class="ed-pages">{escape(ctx.label("text.pages"))}: {index}</nav>\n')
    marked: set[int] = set()

    def mark(page: int) -> None:
        if page not in marked:
            marked.add(page)
            out.append(f'<p class="ed-pagebreak">{_page_mark(ctx, document.pages[page])}</p>\n')

    for block in document.blocks:
        if document.pages[block.page].first_line <= block.first_line:
            mark(block.page)
        if block.kind is BlockKind.NOISE:
            # Noise is shown page by page, so that every page marker stays visible.
            start = 0
            for cut, page in _noise_cuts(site, block):
                out.append(_noise_html(ctx, block, (start, cut), first=start == 0))
                mark(page)
                start = cut
            out.append(_noise_html(ctx, block, (start, len(block.text)), first=start == 0))
            continue
        inline = []
        for brk in block.page_breaks:
            if brk.page not in marked:
                marked.add(brk.page)
                inline.append((brk.offset, _page_mark(ctx, document.pages[brk.page])))
        out.append(_block_html(ctx, block, inline))
    return "\n".join(out)


def _noise_cuts(site: SiteData, block: Block) -> list[tuple[int, int]]:
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


def _noise_html(ctx: _Context, block: Block, window: tuple[int, int], *, first: bool) -> str:
    start, end = window
    lines = _lines(ctx, block.line_at(start), block.line_at(max(end - 1, start)))
    kind = f"{ctx.label('text.heading-like')} · " if block.heading_like else ""
    summary = (
        f"{escape(ctx.label('text.noise'))} · {escape(kind)}{escape(lines)} · "
        f"{escape(ctx.label('text.noise.score'))} {block.score:.2f}"
    )
    body = _render_block_text(ctx, block, anchors=True, window=window)
    anchor = block.id if first else f"{block.id}-{block.line_at(start)}"
    html = (
        f'<details class="ed-noise" id="{anchor}"><summary>{summary}</summary>'
        f'<p class="ed-noise__text" lang="und">{body}</p></details>\n'
    )
    salvage = _salvage_list(ctx, block, window)
    return html + (f'<p class="ed-salvage">{salvage}</p>\n' if salvage else "")


def _block_html(ctx: _Context, block: Block, marks: list[tuple[int, str]]) -> str:
    lines = _lines(ctx, block.first_line, block.last_line)
    body = _render_block_text(ctx, block, anchors=True, page_marks=marks)
    kind = ctx.label(f"text.kind.{block.kind.value}")
    css = "ed-block ed-front" if block.kind is BlockKind.FRONT_MATTER else "ed-block"
    element = "h2" if block.kind is BlockKind.HEADING else "p"
    return (
        f'<div class="{css}" id="{block.id}" lang="{_text_lang(block)}">'
        f'<p class="ed-block__meta">{escape(kind)} · {escape(lines)}</p>'
        f"<{element}>{body}</{element}></div>\n"
    )


def _text_lang(block: Block) -> str:
    cjk = sum(1 for ch in block.text if "\u4e00" <= ch <= "\u9fff")
    return "zh-Hant" if cjk > len(block.text) / 4 else "en"


def _salvage_list(ctx: _Context, block: Block, window: tuple[int, int]) -> str:
    annotated = ctx.site.annotated
    start, end = window
    items = []
    for occurrence in annotated.citations_by_block[block.id]:
        if not start <= occurrence.citation.start < end:
            continue
        span = _citation_span(ctx, occurrence.citation, occurrence.id, occurrence.line)
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
            span = _term_span(ctx, matches[0])
            items.append(f'<span class="ed-gloss">{span.open}{escape(inner)}{span.close}</span>')
        else:
            items.append(tag("span", inner, class_="ed-gloss"))
    if not items:
        return ""
    return f"{escape(ctx.label('text.salvaged'))}: " + " · ".join(items)


def guide_page(site: SiteData, lang: str) -> str:
    ctx = _Context(site, lang, "guide")
    document = site.annotated.document
    out = [_front({"title": ctx.label("nav.guide")}), f"# {escape(ctx.label('nav.guide'))}\n"]
    out.append(f'<p class="ed-intro">{escape(ctx.label("guide.intro"))}</p>\n')
    pages = {page.first_line: page for page in document.pages}
    for section in site.annotated.editorial.guide:
        body = _linked_markdown(ctx, section.text(ZH_HANT if ctx.chinese else EN))
        page = pages.get(section.start)
        if page is not None:
            heading = f"{_page_name(ctx, page)} · {_lines(ctx, page.first_line, page.last_line)}"
            out.append(f"## {_md_escape(heading)} {{ #{page_anchor(page)} }}\n")
            link = f"[{_md_escape(ctx.label('guide.read'))}](text.md#{page_anchor(page)})"
            out.append(_editorial_box(ctx, f"{body}\n\n{link}"))
        else:
            heading = ctx.label("guide.heading").format(section.start)
            out.append(f"### {_md_escape(heading)} {{ #l{section.start}-guide }}\n")
            out.append(
                _editorial_box(
                    ctx,
                    f"{body}\n\n[{_md_escape(ctx.label('guide.read'))}](text.md#l{section.start})",
                )
            )
    return "\n".join(out)


def _subsections(markdown: str, prefix: str) -> str:
    """Editorial Markdown placed under a page's own title: headings one level down, with ids.

    The ids (``principles-1``, ``principles-2``…) come from the headings' order, so the three
    versions of a page share their anchors whatever language the headings are in.
    """
    count = 0

    def demote(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"{match['level']}#{match['title']} {{ #{prefix}-{count} }}"

    return _ATX_HEADING.sub(demote, markdown)


def _md_escape(text: str) -> str:
    """Plain text made safe inside Markdown inline context (headings, link text)."""
    return re.sub(r"([\\`*_{}\[\]<>()#+!|])", r"\\\1", escape(text, quote=False))


def _lookup_links(ctx: _Context, ref: Reference) -> list[str]:
    links = []
    doi = ref.fields.get("doi")
    if doi:
        links.append(tag("a", ctx.label("refs.doi"), href=f"https://doi.org/{normalize_doi(doi)}"))
    elif ref.fields.get("url", "").startswith(("https://", "http://")):
        links.append(tag("a", ctx.label("refs.link"), href=ref.fields["url"]))
    authors = " ".join(name.family for name in ref.authors[:2])
    query = quote_plus(f"{ref.title} {authors}".strip())
    links.append(
        tag("a", ctx.label("refs.scholar"), href=f"https://scholar.google.com/scholar?q={query}")
    )
    links.append(
        tag("a", ctx.label("refs.worldcat"), href=f"https://search.worldcat.org/search?q={query}")
    )
    return links


def _backlinks(ctx: _Context, occurrences: Sequence[Occurrence]) -> str:
    pages = ctx.site.annotated.document.pages
    grouped: dict[int, list[Occurrence]] = defaultdict(list)
    for occurrence in occurrences:
        grouped[occurrence.page].append(occurrence)
    parts = []
    for page_index, items in grouped.items():
        page = _page_name(ctx, pages[page_index])
        count = f" ×{len(items)}" if len(items) > 1 else ""
        links = ", ".join(
            tag(
                "a",
                f"{ctx.label('text.line')} {o.line}",
                href=ctx.href("text", o.id),
                class_="ed-backlink",
            )
            for o in items
        )
        parts.append(f"{escape(page)}{count}: {links}")
    return "; ".join(parts)


def references_page(site: SiteData, lang: str) -> str:
    ctx = _Context(site, lang, "references")
    annotated = site.annotated
    out = [
        _front({"title": ctx.label("nav.references")}),
        f"# {escape(ctx.label('nav.references'))}\n",
    ]
    out.append(f'<p class="ed-intro">{escape(ctx.label("refs.intro"))}</p>\n')
    by_key: dict[str, list[Occurrence]] = defaultdict(list)
    for occurrence in annotated.occurrences:
        for key in occurrence.citation.keys:
            by_key[key].append(occurrence)
    for rendered in site.references:
        ref = site.bib[rendered.key]
        single = Bibliography(site.bib.path, (ref,))
        bibtex = to_bibtex(single).strip()
        tools = " · ".join(_lookup_links(ctx, ref))
        cited = (
            _backlinks(ctx, by_key[ref.key])
            if by_key[ref.key]
            else escape(ctx.label("refs.uncited"))
        )
        note = ref.fields.get("note")
        note_html = (
            f'<p class="ed-ref__note">{escape(ctx.label("refs.note"))}: {escape(note)}</p>'
            if note
            else ""
        )
        out.append(
            f'<div class="ed-ref" id="ref-{escape(ref.key)}">'
            f'<p class="ed-ref__text">{rendered.html}</p>'
            f'<p class="ed-ref__tools">{escape(ctx.label("refs.lookup"))}: {tools} '
            f"{_copy_button(ctx, bibtex, ctx.label('refs.copy-bibtex'))}</p>"
            f'<p class="ed-ref__cited">{escape(ctx.label("refs.cited"))}: {cited}</p>'
            f"{note_html}"
            f'<span class="Z3988" {attrs(title=coins(csl_item(ref)))}></span>'
            "</div>\n"
        )
    return "\n".join(out)


def unidentified_page(site: SiteData, lang: str) -> str:
    ctx = _Context(site, lang, "unidentified")
    annotated = site.annotated
    pages = annotated.document.pages
    out = [
        _front({"title": ctx.label("nav.unidentified")}),
        f"# {escape(ctx.label('nav.unidentified'))}\n",
    ]
    out.append(f'<p class="ed-intro">{escape(ctx.label("unid.intro"))}</p>\n')
    head = "".join(
        f"<th>{escape(ctx.label(k))}</th>"
        for k in ("unid.year", "unid.locator", "unid.page", "unid.line", "unid.ocr")
    )
    rows = []
    for occurrence in annotated.occurrences:
        citation = occurrence.citation
        if citation.status != "illegible":
            continue
        page = pages[occurrence.page]
        rows.append(
            f'<tr id="u-{occurrence.id}"><td>{escape(citation.year)}</td>'
            f"<td>{escape(citation.locator or '')}</td>"
            f"<td>{escape(_page_label(ctx, page))}</td>"
            f"<td>{tag('a', str(occurrence.line), href=ctx.href('text', occurrence.id))}</td>"
            f"<td><code>{escape(' '.join(citation.text.split()))}</code></td></tr>"
        )
    out.append(
        f'<table class="ed-unidentified"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>\n"
    )
    return "\n".join(out)


def glossary_page(site: SiteData, lang: str) -> str:
    ctx = _Context(site, lang, "glossary")
    annotated = site.annotated
    term_ids = site.term_anchors
    occurs: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for block in annotated.document.blocks:
        for match in annotated.terms_by_block[block.id]:
            occurs[match.term_id].append(
                (term_ids[(block.id, match.start)], block.line_at(match.start))
            )
    out = [_front({"title": ctx.label("nav.glossary")}), f"# {escape(ctx.label('nav.glossary'))}\n"]
    out.append(f'<p class="ed-intro">{escape(ctx.label("glossary.intro"))}</p>\n')
    for term in sorted(annotated.glossary.terms, key=lambda t: t.en.casefold()):
        heading = f"{term.en} · {term.zh_hant} · {term.zh_hans}"
        out.append(f"## {_md_escape(heading)} {{ #term-{term.id} .ed-term-entry }}\n")
        definition = term.definition_zh_hant if ctx.chinese else term.definition_en
        parts = [
            f'<p><span class="ed-label">{escape(ctx.label("glossary.definition"))}</span><br>'
            f"{_linked_plain(ctx, definition)}</p>"
        ]
        if term.sources:
            sources = ", ".join(
                tag(
                    "a",
                    cite_narrative(site.bib, key),
                    href=ctx.href("references", f"ref-{key}"),
                    class_="ed-cite",
                    title=site.reference_text(key),
                )
                for key in term.sources
            )
            parts.append(f"<p>{escape(ctx.label('glossary.sources'))}: {sources}</p>")
        if term.related:
            related = ", ".join(
                tag(
                    "a", _term_name(ctx, annotated.glossary[r]), href=f"#term-{r}", class_="ed-term"
                )
                for r in term.related
                if r in annotated.glossary
            )
            parts.append(f"<p>{escape(ctx.label('glossary.related'))}: {related}</p>")
        if occurs[term.id]:
            links = ", ".join(
                tag("a", f"{ctx.label('text.line')} {line}", href=ctx.href("text", anchor))
                for anchor, line in occurs[term.id]
            )
            parts.append(f"<p>{escape(ctx.label('glossary.occurs'))}: {links}</p>")
        else:
            parts.append(f"<p>{escape(ctx.label('glossary.occurs.none'))}</p>")
        out.append('<div class="ed-term-body">' + "".join(parts) + "</div>\n")
    return "\n".join(out)


def about_page(site: SiteData, lang: str) -> str:
    ctx = _Context(site, lang, "about")
    annotated = site.annotated
    document = annotated.document
    out = [_front({"title": ctx.label("nav.about")}), f"# {escape(ctx.label('nav.about'))}\n"]
    principles = annotated.editorial.principles_in(ZH_HANT if ctx.chinese else EN).text
    out.append(_editorial_box(ctx, _linked_markdown(ctx, _subsections(principles, "principles"))))
    out.append(f"## {_md_escape(ctx.label('about.state'))} {{ #state }}\n")
    sources = [p.number_source for p in document.pages]
    kinds = defaultdict(int)
    for block in document.blocks:
        kinds[block.kind.value] += 1
    reasons = defaultdict(int)
    for line in document.removed:
        reasons[line.reason.value] += 1
    salvaged = [s.kind for b in document.blocks for s in b.salvaged]
    statuses = [o.citation.status for o in annotated.occurrences]
    rows = [
        ("about.lines", str(document.line_count)),
        (
            "about.pages",
            f"{len(document.pages)} ({sources.count(NumberSource.PRINTED)} / "
            f"{sources.count(NumberSource.INFERRED)} / {sources.count(NumberSource.UNKNOWN)})",
        ),
        ("about.blocks", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))),
        ("about.removed", ", ".join(f"{k} {v}" for k, v in sorted(reasons.items()))),
        ("about.salvaged", f"{salvaged.count('citation')} / {salvaged.count('gloss')}"),
        ("about.citations", f"{statuses.count('resolved')} / {statuses.count('illegible')}"),
        (
            "about.references",
            f"{len(annotated.bibliography.references)} / {len(annotated.glossary.terms)}",
        ),
    ]
    out.append(
        f"| {_md_escape(ctx.label('about.figure'))} "
        f"| {_md_escape(ctx.label('about.value'))} |\n|---|---|"
    )
    out.extend(f"| {_md_escape(ctx.label(key))} | {_md_escape(value)} |" for key, value in rows)
    out.append(f"\n## {_md_escape(ctx.label('about.made'))} {{ #made }}\n")
    out.append(ctx.label("about.made.text") + "\n")
    return "\n".join(out)


BUILDERS: dict[str, Callable[[SiteData, str], str]] = {
    "index": home_page,
    "text": text_page,
    "guide": guide_page,
    "references": references_page,
    "unidentified": unidentified_page,
    "glossary": glossary_page,
    "about": about_page,
}


def build_pages(site: SiteData) -> list[SitePage]:
    """Every page of every language version."""
    return [
        SitePage(name, lang, BUILDERS[name](site, lang)) for lang in LANGUAGES for name in PAGES
    ]


def downloads(site: SiteData) -> dict[str, str]:
    """The files offered for download, by name."""
    bib = site.annotated.bibliography
    return {
        "references.bib": to_bibtex(bib),
        "references.ris": to_ris(bib),
        "references.json": to_csl_json(bib),
        "document.json": json.dumps(site.annotated.document.to_dict(), ensure_ascii=False, indent=1)
        + "\n",
    }
