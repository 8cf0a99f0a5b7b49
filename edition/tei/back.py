"""The ``back`` of the text: the bibliography, the glossary and the editors' texts.

* ``div[@type="bibliography"]``: one ``biblStruct`` per entry of the edition's bibliography,
  in file order, each with the id of its anchor on the site (``ref-<key>``), which every
  citation's ``ref/@target`` points at (TEI P5 3.12);
* ``div[@type="glossary"]``: a ``list[@type="gloss"]`` (TEI P5 3.8), each term a ``label``
  (id ``term-<id>``, what every ``term/@ref`` in the text points at) holding its forms as
  ``term`` in each script (``xml:lang`` en, zh-Hant, zh-Hans; aliases ``@type="alias"``), and
  an ``item`` with the editors' definitions as ``gloss`` in each language and pointers to the
  works they rest on and to related terms;
* ``div[@type="translation"]``: the editors' translation of the front matter;
* ``div[@type="guide"]``: the reading guide, a section per page (``@corresp`` its ``pb``) or
  heading (its block), each language in its own ``div``;
* ``div[@type="notes"]``: why a citation links to no entry, pointing at it (``note/@target``).

Everything the editors wrote carries ``@resp="#editors"``; the toolkit's own statements (a
citation engine's reason) ``@resp="#toolkit"``.
"""

from __future__ import annotations

from collections.abc import Mapping

from edition.annotation import Annotated
from edition.citations import AMBIGUOUS, UNRESOLVED
from edition.exports import csl_items
from edition.script import text_language
from edition.tei.bibl import work
from edition.tei.elements import Element, append_text, set_attributes, sub
from edition.tei.prose import Links, ensure_block, markdown
from edition.tei.text import EDITORS, TOOLKIT


def back(text: Element, links: Links) -> None:
    """Append ``back`` with what the edition has of the above to ``text``."""
    annotated = links.annotated
    made = sub(text, "back")
    _bibliography(made, annotated, links.reference_ids)
    _glossary(made, links)
    _translation(made, annotated)
    _guide(made, links)
    _notes(made, annotated, links.reference_ids)
    if not len(made):
        text.remove(made)


def _bibliography(parent: Element, annotated: Annotated, ids: Mapping[str, str]) -> None:
    items = csl_items(annotated.bibliography)
    if not items:
        return
    listed = sub(sub(parent, "div", {"type": "bibliography"}), "listBibl")
    for item in items:
        entry = work(item, ids[item["id"]], EDITORS)
        title = " ".join(str(item.get(k, "")) for k in ("title", "container-title"))
        set_attributes(entry, {"xml:lang": text_language(title, "zh")})
        listed.append(entry)


def _glossary(parent: Element, links: Links) -> None:
    terms = links.annotated.glossary.terms
    if not terms:
        return
    div = sub(parent, "div", {"type": "glossary", "resp": EDITORS})
    listed = sub(div, "list", {"type": "gloss"})
    for term in terms:
        label = sub(listed, "label", {"xml:id": links.term_ids[term.id]})
        forms = [("en", term.en, None), ("zh-Hant", term.zh_hant, None)]
        forms.append(("zh-Hans", term.zh_hans, None))
        forms += [("en", alias, "alias") for alias in term.aliases_en]
        forms += [("zh", alias, "alias") for alias in term.aliases_zh]
        for index, (language, form, kind) in enumerate(forms):
            if index:
                append_text(label, " · ")
            sub(label, "term", {"xml:lang": language, "type": kind}, form)
        item = sub(listed, "item")
        for language, definition in (
            ("en", term.definition_en),
            ("zh-Hant", term.definition_zh_hant),
        ):
            links.text(sub(item, "gloss", {"xml:lang": language}), definition)
        sources = [links.reference_ids[k] for k in term.sources if k in links.reference_ids]
        if sources:
            sub(item, "ptr", {"type": "source", "target": " ".join(f"#{s}" for s in sources)})
        related = [links.term_ids[r] for r in term.related if r in links.term_ids]
        if related:
            sub(item, "ptr", {"type": "related", "target": " ".join(f"#{r}" for r in related)})


def _translation(parent: Element, annotated: Annotated) -> None:
    translation = annotated.editorial.translation
    if translation is None:
        return
    div = sub(
        parent,
        "div",
        {"type": "translation", "xml:lang": translation.language, "resp": EDITORS},
    )
    if translation.title:
        sub(div, "head", None, translation.title)
    if translation.abstract:
        abstract = sub(div, "div", {"type": "abstract"})
        for paragraph in translation.abstract:
            sub(abstract, "p", None, paragraph)
    if translation.keywords:
        listed = sub(sub(div, "div", {"type": "keywords"}), "list")
        for keyword in translation.keywords:
            sub(listed, "item", None, keyword)
    for language, note in translation.note.items():
        sub(div, "note", {"type": "translator", "xml:lang": language}, note)


def _guide(parent: Element, links: Links) -> None:
    editorial = links.annotated.editorial
    if not editorial.guide:
        return
    document = links.annotated.document
    pages = {page.first_line: page.index for page in document.pages}
    blocks = {block.first_line: block.id for block in document.blocks}
    div = sub(parent, "div", {"type": "guide", "resp": EDITORS})
    for section in editorial.guide:
        if not section.heading and section.start in pages:
            target = f"#page-{pages[section.start] + 1}"
        else:
            target = f"#{blocks[section.start]}" if section.start in blocks else None
        part = sub(div, "div", {"type": "section", "n": section.start, "corresp": target})
        for language, text in section.texts.items():
            own = sub(part, "div", {"xml:lang": language})
            markdown(own, text, links)
            ensure_block(own)


def _notes(parent: Element, annotated: Annotated, ids: Mapping[str, str]) -> None:
    """Why each citation that is neither linked nor illegible links to no entry: the editors'
    reason where they decided it, else the citation engine's (in English)."""
    unlinked = [o for o in annotated.occurrences if o.citation.status in (UNRESOLVED, AMBIGUOUS)]
    if not unlinked:
        return
    div = sub(parent, "div", {"type": "notes"})
    for occurrence in unlinked:
        decided = occurrence.decision is not None and occurrence.decision.reason
        reason = occurrence.decision.reason if decided else occurrence.citation.reason
        note = sub(
            div,
            "note",
            {
                "type": "citation",
                "target": f"#{occurrence.id}",
                "resp": EDITORS if decided else TOOLKIT,
                "xml:lang": text_language(reason or "", "zh-Hant") if decided else "en",
            },
            reason or occurrence.citation.status,
        )
        candidates = [ids[k] for k in occurrence.citation.candidates if k in ids]
        if candidates:
            sub(note, "ptr", {"type": "candidate", "target": " ".join(f"#{c}" for c in candidates)})
