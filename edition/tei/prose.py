"""The editors' prose in TEI: plain text and Markdown, with citations and terms linked.

The editorial principles, the reading guide and the editors' description of the source are
Markdown. Python-Markdown (which MkDocs renders them with on the site) parses them; the HTML it
makes is mapped element by element onto TEI (TEI P5 3.3 highlighting, 3.8 lists, 3.7 simple
links): ``p`` to ``p``, headings to ``ab[@type="heading"]`` with their level in ``@n`` (they
stand in places such as ``editorialDecl`` that hold only paragraph-like blocks), lists to
``list``/``item`` inside a ``p``, emphasis to ``hi[@rend]``, code to ``code``, ``http(s)`` and
``mailto`` links to ``ref[@target]``, a link to a glossary term (``[弱連結](glossary:id)``) to
``term[@ref]``. Raw HTML in the Markdown is read the same way; scripts, styles and anything
unknown give at most their text. Citations and glossary terms in the text are linked as in the
source text (resolved citations only: the check reports the others).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass

import lxml.html
import markdown as python_markdown

from edition.annotation import Annotated
from edition.citations import RESOLVED
from edition.tei.elements import Element, append_text, local, pointer, sub
from edition.tei.inline import Span, fill

_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_EMPHASIS = {
    "em": "italic",
    "i": "italic",
    "strong": "bold",
    "b": "bold",
    "sup": "superscript",
    "sub": "subscript",
    "del": "strikethrough",
    "s": "strikethrough",
}
_SKIPPED = frozenset({"script", "style", "img", "hr", "iframe", "object", "template"})
_BLOCKS = frozenset({"p", "ul", "ol", "blockquote", "pre", "div", "table", *_HEADINGS})


@dataclass(frozen=True)
class Links:
    """What linking the editors' text needs: the edition, and the ``xml:id`` of each entry of
    its bibliography and glossary."""

    annotated: Annotated
    reference_ids: Mapping[str, str]
    term_ids: Mapping[str, str]

    def text(self, parent: Element, text: str) -> None:
        """Append plain ``text`` to ``parent``, its citations and glossary terms linked."""
        citations = [
            c
            for c in self.annotated.citations(text)
            if c.status == RESOLVED and c.keys[0] in self.reference_ids
        ]
        cited = [(c.start, c.end) for c in citations]
        spans = [
            Span(c.start, c.end, "ref", {"type": "bibr", "target": self._refs(c.keys)})
            for c in citations
        ]
        spans += [
            Span(m.start, m.end, "term", {"ref": f"#{self.term_ids[m.term_id]}"})
            for m in self.annotated.terms(text, cited)
            if m.term_id in self.term_ids
        ]
        fill(parent, text, 0, len(text), spans)

    def _refs(self, keys: tuple[str, ...]) -> str:
        return " ".join(f"#{self.reference_ids[key]}" for key in keys)


_LOCAL = threading.local()


def _converter() -> python_markdown.Markdown:
    """This thread's Markdown converter (building one costs more than a short text's
    conversion; :meth:`~markdown.Markdown.reset` readies it for the next)."""
    if not hasattr(_LOCAL, "markdown"):
        _LOCAL.markdown = python_markdown.Markdown()
    return _LOCAL.markdown


def markdown(parent: Element, text: str, links: Links) -> int:
    """Append the Markdown ``text`` to ``parent`` as TEI blocks; the number of blocks made."""
    html = _converter().reset().convert(text)
    before = len(parent)
    if html.strip():
        for node in lxml.html.fragments_fromstring(html):
            if isinstance(node, str):
                if node.strip():
                    links.text(sub(parent, "p"), node)
            else:
                _block(parent, node, links)
    return len(parent) - before


def _block(parent: Element, node, links: Links, rend: str | None = None) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in _SKIPPED or not tag:
        return
    if tag in _HEADINGS:
        _inline(sub(parent, "ab", {"type": "heading", "n": _HEADINGS[tag]}), node, links)
    elif tag in ("ul", "ol"):
        _list(sub(parent, "p", {"rend": rend}), node, links)
    elif tag == "pre":
        sub(parent, "ab", {"type": "code"}, node.text_content())
    elif tag in ("blockquote", "div") or any(_is_block(child) for child in node):
        inner = "blockquote" if tag == "blockquote" else rend
        if (node.text or "").strip():
            links.text(sub(parent, "p", {"rend": inner}), node.text)
        for child in node:
            _block(parent, child, links, inner)
            if (child.tail or "").strip():
                links.text(sub(parent, "p", {"rend": inner}), child.tail)
    else:
        _inline(sub(parent, "p", {"rend": rend}), node, links)


def _is_block(node) -> bool:
    return isinstance(node.tag, str) and node.tag in _BLOCKS


def _list(parent: Element, node, links: Links) -> None:
    rend = "numbered" if node.tag == "ol" else "bulleted"
    made = sub(parent, "list", {"rend": rend})
    for child in node:
        if not isinstance(child.tag, str) or child.tag != "li":
            continue
        item = sub(made, "item")
        if (child.text or "").strip():
            links.text(item, child.text)
        for part in child:
            if isinstance(part.tag, str) and part.tag in ("ul", "ol"):
                _list(item, part, links)
            elif isinstance(part.tag, str) and part.tag == "p":
                _inline(sub(item, "p"), part, links)
            else:
                _phrase(item, part, links)
            if part.tail:
                links.text(item, part.tail)
    if not len(made):
        sub(sub(made, "item"), "p")  # a list needs an item


def _inline(parent: Element, node, links: Links) -> None:
    """The content of an HTML element, inline, appended to ``parent``."""
    if node.text:
        links.text(parent, node.text)
    for child in node:
        _phrase(parent, child, links)
        if child.tail:
            links.text(parent, child.tail)


def _phrase(parent: Element, node, links: Links) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in _SKIPPED or not tag:
        return
    if tag in _EMPHASIS:
        _inline(sub(parent, "hi", {"rend": _EMPHASIS[tag]}), node, links)
    elif tag == "code":
        sub(parent, "code", None, node.text_content())
    elif tag == "br":
        sub(parent, "lb")
    elif tag == "a":
        _link(parent, node, links)
    elif tag in ("ul", "ol"):
        _list(parent, node, links)
    else:
        _inline(parent, node, links)


def _link(parent: Element, node, links: Links) -> None:
    """A Markdown link: a glossary term, an outside address, or (any other target) its text."""
    href = (node.get("href") or "").strip()
    label = node.text_content()
    if href.startswith("glossary:") and href[9:] in links.term_ids:
        append_text(sub(parent, "term", {"ref": f"#{links.term_ids[href[9:]]}"}), label)
    elif pointer(href) is not None:
        append_text(sub(parent, "ref", {"target": pointer(href)}), label)
    else:
        append_text(parent, label)


def ensure_block(parent: Element) -> None:
    """An empty ``p`` in ``parent`` where TEI requires one block and the text made none."""
    if not any(local(child) in ("p", "ab") for child in parent):
        sub(parent, "p")
