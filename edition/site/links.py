"""Citation, term and quotation links, and text with them in place: source text, definitions,
bibliography notes, editorial Markdown.

Every link is a :class:`~edition.site.markup.Span` with ready-made tags; the text between is
escaped by :func:`~edition.site.markup.render` for where it lands. A citation's tooltip is its
reference in APA 7 (or why it links nowhere), a term's its definition; both say which source
line they stand on where they come from the source. A quotation of the source in the editors'
words (``[“online streets”](source:18)``, :mod:`edition.quotations`) links the quoted words to
the block of the reading text that holds its line.
"""

from __future__ import annotations

import bisect
import re

from edition.citations import ILLEGIBLE, RESOLVED, Citation
from edition.glossary import Term, TermMatch
from edition.quotations import Quotation, find_quotations, plain_text
from edition.site.context import Context
from edition.site.labels import ZH_HANS
from edition.site.markup import Span, attrs, raw, render

# A Markdown link to a glossary term in editorial text: [弱連結](glossary:weak-ties).
_GLOSSARY_LINK = re.compile(r"\[([^\]\n]+)\]\(glossary:([A-Za-z0-9_-]+)\)")
# Markdown links and images, and inline code: no citation or term is linked inside them.
_MARKDOWN_PROTECTED = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|`[^`\n]+`|<[^>\n]+>")


def citation_span(
    ctx: Context,
    citation: Citation,
    occurrence: str | None = None,
    line: int | None = None,
    *,
    anchor: bool = False,
    reason: str | None = None,
) -> Span:
    """The link of one citation: to its entry, or to its row among the unlinked citations.

    ``occurrence`` is the citation's id in the text; with ``anchor`` the link carries it as
    its own id (the citation in the text), without it the link only points there (a copy in
    a list). ``reason`` is the editors' reason for leaving it unresolved.
    """
    assert ctx.site is not None
    where = f" — {ctx.label('cite.line')} {line}" if line is not None else ""
    own_id = occurrence if anchor else None
    if citation.status == RESOLVED:
        key = citation.keys[0]
        values = {
            "class_": "ed-cite",
            "href": ctx.href("references", f"ref-{key}"),
            "title": ctx.site.reference_text(key) + where,
            "data_key": key,
        }
    elif occurrence is not None and "unidentified" in ctx.site.pages:
        illegible = citation.status == ILLEGIBLE
        what = ctx.label("cite.unidentified" if illegible else "cite.unresolved")
        detail = f"({citation.year})" if illegible else f"— {ctx.tr(reason or citation.reason)}"
        values = {
            "class_": f"ed-cite ed-cite--{'illegible' if illegible else 'unresolved'}",
            "href": ctx.href("unidentified", f"u-{occurrence}"),
            "title": f"{what} {detail}{where}",
        }
    else:
        open_tag = "<span " + attrs(class_="ed-cite ed-cite--unresolved", id=own_id) + ">"
        return Span(citation.start, citation.end, open_tag, "</span>")
    open_tag = "<a " + attrs(id=own_id, data_line=line, **values) + ">"
    return Span(citation.start, citation.end, open_tag, "</a>")


def term_span(
    ctx: Context, match: TermMatch, anchor: str | None = None, line: int | None = None
) -> Span:
    """The link of a glossary term to its entry, its definition as the tooltip."""
    assert ctx.site is not None
    term = ctx.site.annotated.glossary[match.term_id]
    open_tag = (
        "<a "
        + attrs(
            class_="ed-term",
            id=anchor,
            href=ctx.href("glossary", f"term-{term.id}"),
            title=_term_title(ctx, term),
            data_line=line,
        )
        + ">"
    )
    return Span(match.start, match.end, open_tag, "</a>")


def _term_title(ctx: Context, term: Term) -> str:
    """A term's tooltip in this version: its name and definition, made once per version (a
    term occurs many times, and its definition is converted and made plain for each)."""
    assert ctx.site is not None
    made, key = ctx.site.term_titles, (ctx.lang, term.id)
    if key not in made:
        definition = term.definition_en if not ctx.chinese else ctx.tr(term.definition_zh_hant)
        made[key] = f"{term_name(ctx, term)}{ctx.colon}{plain_text(definition)}"
    return made[key]


def term_name(ctx: Context, term: Term) -> str:
    """The term's form in this version's language and script."""
    if not ctx.chinese:
        return term.en
    return term.zh_hans if ctx.lang == ZH_HANS else term.zh_hant


def quotation_span(ctx: Context, quotation: Quotation) -> Span:
    """The link of a quotation of the source to the block of the reading text holding its
    line; the quoted words (the link text) stay, the markup goes."""
    assert ctx.site is not None
    line = quotation.line
    open_tag = (
        "<a "
        + attrs(
            class_="ed-quote",
            href=ctx.href("text", source_anchor(ctx, line)) if line is not None else None,
            title=ctx.label("quote.line", line) if line is not None else None,
            data_line=line,
        )
        + ">"
    )
    return Span(quotation.start, quotation.end, open_tag, "</a>", quotation.shown)


def source_anchor(ctx: Context, line: int) -> str:
    """The id of the block of the reading text that holds source ``line`` (``l<first line>``):
    the last block beginning on or before it, the first block for a line before any."""
    assert ctx.site is not None
    blocks = ctx.site.annotated.document.blocks
    if not blocks:
        return ""
    index = bisect.bisect_right([block.first_line for block in blocks], line) - 1
    return blocks[max(index, 0)].id


def quoted_text(ctx: Context, text: str) -> str:
    """Plain (untrusted) text with only its quotations of the source linked, as safe HTML:
    a bibliography note."""
    return render(text, [quotation_span(ctx, q) for q in find_quotations(text)], transform=ctx.tr)


def linked_text(ctx: Context, text: str) -> str:
    """Plain (untrusted) text with citations, terms and quotations linked, as safe HTML."""
    assert ctx.site is not None
    annotated = ctx.site.annotated
    quotations = find_quotations(text)
    quoted = [(q.start, q.end) for q in quotations]
    citations = [c for c in annotated.citations(text) if not _inside(c.start, quoted)]
    cited = [(c.start, c.end) for c in citations]
    spans = [citation_span(ctx, c) for c in citations]
    spans += [term_span(ctx, m) for m in annotated.terms(text, [*cited, *quoted])]
    spans += [quotation_span(ctx, q) for q in quotations]
    return render(text, spans, transform=ctx.tr)


def linked_markdown(ctx: Context, markdown: str) -> str:
    """Editorial Markdown (zh-Hant or en) in this version, with citations and terms linked.

    ``[text](glossary:id)`` becomes a term link and ``[“words”](source:N)`` a link to the
    block holding source line N; other citations and terms are found as in the source text
    and linked with inline HTML, never inside Markdown links, inline code or HTML tags. The
    Markdown itself passes through: the page is sanitised as a whole.
    """
    assert ctx.site is not None
    annotated = ctx.site.annotated
    quotations = find_quotations(markdown)
    citations = annotated.citations(markdown)
    cited = [(c.start, c.end) for c in citations]
    protected = [(m.start(), m.end()) for m in _MARKDOWN_PROTECTED.finditer(markdown)]
    protected += [(q.start, q.end) for q in quotations]
    spans = [citation_span(ctx, c) for c in citations if not _inside(c.start, protected)]
    spans += [term_span(ctx, m) for m in annotated.terms(markdown, [*cited, *protected])]
    for link in _GLOSSARY_LINK.finditer(markdown):
        if link.group(2) in annotated.glossary:
            match = TermMatch(link.start(), link.end(), link.group(2), link.group(1))
            span = term_span(ctx, match)
            spans.append(Span(span.start, span.end, span.open, span.close, link.group(1)))
    spans += [quotation_span(ctx, q) for q in quotations]
    return render(markdown, spans, transform=ctx.tr, escape_text=raw)


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)
