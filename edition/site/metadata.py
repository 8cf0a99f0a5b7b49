"""Machine-readable citation data for reference managers: Highwire tags and COinS.

Zotero and Google Scholar recognise a paper's landing page by Highwire Press ``citation_*``
meta tags, and a list of cited works by one COinS span (an OpenURL ContextObject in a
``span.Z3988`` title) per work. Both are small, stable formats with no maintained Python
writer, so they are written here from the same CSL items as the exports.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from edition.materials import Author, Paper


def highwire_tags(paper: Paper) -> list[tuple[str, str]]:
    """``(name, content)`` pairs of the Highwire Press tags for the edited paper.

    Only what the edition knows: a gap in the paper's data is a missing tag, never a guess;
    an unpublished paper has no publication tags.
    """
    tags: list[tuple[str, str | None]] = [("citation_title", paper.title)]
    tags += [("citation_author", _highwire_name(a)) for a in paper.authors]
    first, last = paper.page_range or (paper.article_number, None)
    if not paper.published:  # no publication to describe: who wrote what, in which language
        tags.append(("citation_language", paper.language))
        return [(name, value) for name, value in tags if value]
    tags += [
        ("citation_publication_date", str(paper.year) if paper.year else None),
        ("citation_journal_title", paper.journal),
        ("citation_volume", paper.volume),
        ("citation_issue", paper.issue),
        ("citation_firstpage", first),
        ("citation_lastpage", last),
        ("citation_doi", paper.doi),
        ("citation_language", paper.language),
    ]
    tags += [("citation_keywords", keyword) for keyword in paper.keywords]
    return [(name, value) for name, value in tags if value]


def _highwire_name(author: Author) -> str:
    if author.name:
        return author.name
    return f"{author.family}, {author.given}" if author.given else author.family


#: CSL type -> (OpenURL KEV format, genre) for the types a reference manager tells apart
_FORMATS = {
    "article-journal": ("journal", "article"),
    "article-magazine": ("journal", "article"),
    "article-newspaper": ("journal", "article"),
    "paper-conference": ("book", "proceeding"),
    "book": ("book", "book"),
    "chapter": ("book", "bookitem"),
    "report": ("book", "report"),
    "thesis": ("dissertation", ""),
}


def _names(item: dict[str, Any]) -> list[str]:
    names = []
    for name in item.get("author") or item.get("editor") or []:
        if "literal" in name:
            names.append(name["literal"])
        else:
            family = " ".join(filter(None, [name.get("non-dropping-particle"), name["family"]]))
            given = ", ".join(filter(None, [name.get("given"), name.get("suffix")]))
            names.append(f"{family}, {given}" if given else family)
    return names


def coins(item: dict[str, Any]) -> str:
    """The OpenURL ContextObject (the ``title`` of a ``span.Z3988``) for one CSL item.

    Journal articles, book-like works, theses and everything else ("dc") each in the
    OpenURL 1.0 KEV format Zotero reads for them.
    """
    kind = item.get("type", "document")
    issued = (item.get("issued") or {}).get("date-parts") or [[""]]
    pairs: list[tuple[str, str]] = [("url_ver", "Z39.88-2004"), ("ctx_ver", "Z39.88-2004")]
    form, genre = _FORMATS.get(kind, ("dc", ""))
    pairs.append(("rft_val_fmt", f"info:ofi/fmt:kev:mtx:{form}"))
    if genre:
        pairs.append(("rft.genre", genre))
    title, container = item.get("title", ""), item.get("container-title", "")
    if form == "journal":
        pairs += [("rft.atitle", title), ("rft.jtitle", container)]
    elif form == "book" and genre in {"bookitem", "proceeding"}:
        pairs += [("rft.atitle", title), ("rft.btitle", container)]
    elif form == "book":
        pairs.append(("rft.btitle", title))
    else:
        pairs += [("rft.title", title)] + ([("rft.type", kind)] if form == "dc" else [])
    publisher = "rft.inst" if form == "dissertation" else "rft.pub"
    if form != "journal":
        pairs.append((publisher, item.get("publisher", "")))
    for key, variable in (("rft.volume", "volume"), ("rft.issue", "issue")):
        pairs.append((key, str(item.get(variable, ""))))
    pages = str(item.get("page", ""))
    if pages:
        first, _, last = pages.replace("–", "-").partition("-")
        pairs += [("rft.spage", first), ("rft.epage", last), ("rft.pages", pages)]
    pairs.append(("rft.date", str(issued[0][0]) if issued[0] else ""))
    creator = "rft.creator" if form == "dc" else "rft.au"
    pairs += [(creator, name) for name in _names(item)]
    if item.get("DOI"):
        pairs.append(("rft_id", f"info:doi/{item['DOI']}"))
    if item.get("URL"):
        pairs.append(("rft_id", item["URL"]))
    return urlencode([(key, value) for key, value in pairs if value])
