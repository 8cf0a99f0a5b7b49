"""What the page builders share: the volume, its editions as the site shows them, and links.

A site holds a volume: one or more editions. With one edition its pages sit at the site's
root (``text/``, ``references/``); with several, each edition's pages sit under its id
(``yang-wang-2024/text/``) and the root holds the volume's home and its list of references.
Pages are named by their path without suffix (``yang-wang-2024/text``); the language
versions of a page share its path, as mkdocs-static-i18n's suffix structure expects.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache

from edition.annotation import Annotated, Occurrence
from edition.apa import RenderedReference, cite_narrative, render_references
from edition.bibliography import NO_DATE, Bibliography, Name, Reference
from edition.citations import ILLEGIBLE, UNRESOLVED
from edition.conversion import Converter, load_overrides
from edition.exports import bibtex_entries, csl_item, to_bibtex
from edition.materials import Edition
from edition.site.labels import EN, ZH_HANS, ZH_HANT, label
from edition.site.metadata import coins

#: page name -> nav label key, in nav order; an edition has the pages it has content for
EDITION_PAGES = {
    "index": "nav.home",
    "text": "nav.text",
    "guide": "nav.guide",
    "references": "nav.references",
    "unidentified": "nav.unidentified",
    "glossary": "nav.glossary",
    "about": "nav.about",
}
#: the volume's own pages, at the root of a site of several editions
VOLUME_PAGES = {"index": "nav.volume", "references": "nav.volume-references"}
DOWNLOADS = {
    "references.bib": "home.download.bibtex",
    "references.ris": "home.download.ris",
    "references.json": "home.download.csl",
    "document.json": "home.download.document",
    "edition.tei.xml": "home.download.tei",
}


@dataclass(frozen=True)
class SiteEdition:
    """One annotated edition as the site shows it: where its pages are, which it has, and
    what all of them share (the rendered references, the Simplified converter)."""

    annotated: Annotated
    references: tuple[RenderedReference, ...]
    #: the converters into each Chinese version's script, by language: into Simplified
    #: always, into Traditional for a paper in Simplified Chinese
    converters: Mapping[str, Converter]
    #: anchor ids of the term occurrences in the text, by (block id, offset): t1, t2…
    term_anchors: Mapping[tuple[str, int], str]
    #: "" for a site of one edition, else "<id>/"
    prefix: str
    #: the names of the pages this edition has, in nav order
    pages: tuple[str, ...]
    #: each reference's own BibTeX entry (its copy button), by key
    entry_bibtex: Mapping[str, str]
    #: the bibliography as BibTeX (its download)
    bibtex: str
    #: each reference as a COinS title (OpenURL ContextObject, for reference managers), by key
    entry_coins: Mapping[str, str]
    #: the edited paper's own APA reference and BibTeX entry (how to cite it)
    paper_apa: RenderedReference
    paper_bibtex: str
    #: the edited paper as a narrative citation names it: "Yang and Wang (2024)" (APA 8.17)
    paper_cited: str

    @property
    def id(self) -> str:
        return self.annotated.edition.id

    @property
    def bib(self) -> Bibliography:
        return self.annotated.bibliography

    def path(self, name: str) -> str:
        """The site path of page ``name`` of this edition: ``yang-wang-2024/text``."""
        return f"{self.prefix}{name}"

    def reference_text(self, key: str) -> str:
        """A reference's APA text (a citation's tooltip)."""
        return self.rendered[key].text

    @cached_property
    def term_titles(self) -> dict[tuple[str, str], str]:
        """Each term's tooltip, by language version and term id, as the pages make it on
        first use (:func:`edition.site.links.term_span`)."""
        return {}

    @cached_property
    def rendered(self) -> Mapping[str, RenderedReference]:
        """Each rendered reference, by key."""
        return {reference.key: reference for reference in self.references}

    @cached_property
    def cited_by(self) -> Mapping[str, tuple[Occurrence, ...]]:
        """The citations of each work in the text, in reading order, by key (none: empty)."""
        by_key: dict[str, list[Occurrence]] = {ref.key: [] for ref in self.bib.references}
        for occurrence in self.annotated.occurrences:
            for key in occurrence.citation.keys:
                by_key.setdefault(key, []).append(occurrence)
        return {key: tuple(found) for key, found in by_key.items()}


def site_edition(annotated: Annotated, prefix: str) -> SiteEdition:
    """Render the references and build the Simplified converter once for all pages."""
    terms = annotated.glossary.term_list()
    overrides = annotated.edition.conversion_overrides
    if overrides is not None:
        terms = terms + load_overrides(overrides)
    # The glossary names its sources in narrative citations (Granovetter (1973) argues…).
    sourced = any(term.sources for term in annotated.glossary.terms)
    paper = Bibliography(annotated.edition.config, (paper_reference(annotated.edition),))
    cited_as = Bibliography(paper.path, (paper_reference(annotated.edition, apa=True),))
    # A citation that names authors shows no title (APA 7, 8.10): then the reference's run
    # (which renders its narrative citation too) gives it, else the title without the
    # English one in brackets.
    cited_by = cited_as if paper.references[0].authors else paper
    entries = bibtex_entries(annotated.bibliography)
    references = tuple(
        render_references(annotated.bibliography, narrative=sourced, alongside=cited_as)
    )
    return SiteEdition(
        annotated=annotated,
        references=references,
        entry_bibtex={key: entry.strip() for key, entry in entries.items()},
        bibtex=to_bibtex(annotated.bibliography, entries),
        entry_coins={ref.key: coins(csl_item(ref)) for ref in annotated.bibliography.references},
        paper_apa=render_references(cited_as, narrative=cited_by is cited_as)[0],
        paper_bibtex=to_bibtex(paper).strip(),
        paper_cited=cite_narrative(cited_by, paper.references[0].key),
        converters={
            ZH_HANS: Converter(ZH_HANS, terms=terms),
            # The version in Traditional shows a Simplified paper in Traditional; the
            # editors' texts and the labels, written in Traditional, pass through unchanged
            # (runs already in the target script are left as they are).
            **(
                {ZH_HANT: Converter(ZH_HANT, terms=terms)}
                if annotated.edition.paper.language == ZH_HANS
                else {}
            ),
        },
        term_anchors=_term_anchors(annotated),
        prefix=prefix,
        pages=tuple(name for name in EDITION_PAGES if _has_page(annotated, name)),
    )


def paper_reference(edition: Edition, *, apa: bool = False) -> Reference:
    """The edited paper as a bibliography entry, so that its APA reference and its BibTeX
    come from the same renderer and exporter as the works it cites.

    With ``apa``, the title of a paper not in English is followed by its English parallel
    title in square brackets, where the paper prints one (APA 7, 9.38)."""
    paper = edition.paper
    title = paper.title or ""
    english = paper.parallel_titles.get(EN)
    if apa and title and english and paper.language != EN:
        title = f"{title} [{english}]"
    names = tuple(
        Name(family=a.name or a.family, given=a.given, organisation=bool(a.name))
        for a in paper.authors
    )
    published = paper.published
    fields = {
        "title": title,
        "journal": (paper.journal if published else None) or "",
        "year": str(paper.year or ""),
        "volume": (paper.volume if published else None) or "",
        "number": (paper.issue if published else None) or "",
        "pages": (paper.pages if published else None) or "",
        "eid": (paper.article_number if published else None) or "",
        "doi": (paper.doi if published else None) or "",
        "url": paper.url or "",
    }
    return Reference(
        key=edition.id.replace("-", ""),
        entry_type="article" if published else "unpublished",
        authors=names,
        year=str(paper.year) if paper.year else NO_DATE,
        title=title,
        fields={name: value for name, value in fields.items() if value},
        line=0,
        names={"author": names},
    )


def _has_page(annotated: Annotated, name: str) -> bool:
    """Whether the edition has anything to show on page ``name``: no page is shown empty."""
    if name == "guide":
        return bool(annotated.editorial.guide)
    if name == "references":
        return bool(annotated.bibliography.references)
    if name == "unidentified":
        return any(o.citation.status in (ILLEGIBLE, UNRESOLVED) for o in annotated.occurrences)
    if name == "glossary":
        return bool(annotated.glossary.terms)
    return True


def _term_anchors(annotated: Annotated) -> dict[tuple[str, int], str]:
    """Anchor ids for every term occurrence in the text: ``t1``, ``t2``… in reading order."""
    anchors: dict[tuple[str, int], str] = {}
    for block in annotated.document.blocks:
        for match in annotated.terms_by_block[block.id]:
            anchors[(block.id, match.start)] = f"t{len(anchors) + 1}"
    return anchors


def url(path: str) -> str:
    """The URL (directory URLs, relative to the language's root) of the page at ``path``."""
    if path == "index":
        return ""
    if path.endswith("/index"):
        return path.removesuffix("index")
    return f"{path}/"


def href(source: str, target: str, anchor: str = "") -> str:
    """A relative URL from the page at path ``source`` to the page at path ``target``."""
    link = _relative_url(source, target)
    return f"{link}#{anchor}" if anchor else link


@lru_cache(maxsize=1 << 14)
def _relative_url(source: str, target: str) -> str:
    """:func:`href` without an anchor (a page links to the same few pages many times)."""
    relative = posixpath.relpath(f"/{url(target)}", f"/{url(source)}")
    return "./" if relative == "." else f"{relative}/"


_VOLUME_CONVERTER = Converter(ZH_HANS)


class Context:
    """What every page builder of one page in one language needs: wording, links, script."""

    def __init__(self, site: SiteEdition | None, lang: str, path: str) -> None:
        self.site = site
        self.lang = lang
        self.path = path
        self.converter: Converter | None = None
        self._labels: dict[str, str] = {}
        if site is not None:
            self.converter = site.converters.get(lang)
        elif lang == ZH_HANS:
            # A volume's own pages belong to no edition: the converter without glossary terms.
            self.converter = _VOLUME_CONVERTER

    @property
    def chinese(self) -> bool:
        return self.lang != EN

    @property
    def colon(self) -> str:
        """The colon after a label: full-width in Chinese ("頁碼：45"), else ": "."""
        return "：" if self.chinese else ": "

    @property
    def comma(self) -> str:
        """What separates the items of a list: the enumeration comma 、 in Chinese."""
        return "、" if self.chinese else ", "

    def aside(self, text: str) -> str:
        """``text`` in parentheses after what it qualifies: "（英文）", " (in English)"."""
        return f"（{text}）" if self.chinese else f" ({text})"

    def tr(self, text: str, protected: Iterable[tuple[int, int]] = ()) -> str:
        """Chinese text in this version's script: Simplified for zh-Hans, Traditional for
        zh-Hant where the edition's paper is in Simplified; else as it is."""
        return self.converter.convert(text, protected) if self.converter else text

    def label(self, key: str, *args: object, **values: object) -> str:
        """The interface's wording of ``key`` in this version, filled in with ``values``."""
        if not args and not values:  # the same few labels, on every line of a page
            found = self._labels.get(key)
            if found is None:
                found = self._labels[key] = self.tr(label(self.lang, key))
            return found
        return self.tr(label(self.lang, key).format(*args, **values))

    def href(self, name: str, anchor: str = "") -> str:
        """A link to page ``name`` of this page's edition."""
        assert self.site is not None
        return href(self.path, self.site.path(name), anchor)

    def source_link(self, name: str, anchor: str = "") -> str:
        """A Markdown link target to page ``name`` of this page's edition: the page's source
        file, relative to this one's, which MkDocs resolves (and checks) per version."""
        assert self.site is not None
        target = posixpath.relpath(
            f"{self.site.path(name)}.md", posixpath.dirname(self.path) or "."
        )
        return f"{target}#{anchor}" if anchor else target

    def to(self, path: str, anchor: str = "") -> str:
        """A link to the page at site path ``path``."""
        return href(self.path, path, anchor)

    def download(self, prefix: str, name: str) -> str:
        """A link to a download, published once in the default version's tree: from another
        version it climbs out of that version's folder (mkdocs-static-i18n would rewrite a
        Markdown link across trees)."""
        climb = posixpath.relpath("/", f"/{url(self.path)}")
        root = "" if climb == "." else f"{climb}/"
        return f"{root}{'' if self.lang == EN else '../'}{prefix}downloads/{name}"
