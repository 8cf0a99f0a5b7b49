"""Building TEI elements with lxml: the namespace, safe text and attributes, ids, indentation.

Everything written here comes from untrusted text (a source, a bibliography, a glossary, the
editors' files). XML 1.0 cannot hold some characters at all (C0 controls but tab, newline and
carriage return; U+FFFE, U+FFFF; lone surrogates). The materials' reader refuses them where
they stand; should one reach the export all the same, it is written as U+FFFD rather than make
the file unreadable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote, urlsplit, urlunsplit

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"

Element = etree._Element

#: Characters XML 1.0 cannot hold (section 2.2, Char).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: An NCName (Namespaces in XML 1.0, XML 1.0 fifth edition name characters): what an
#: ``xml:id`` must be.
_NAME_START = (
    "A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_NCNAME = re.compile(f"[{_NAME_START}][{_NAME_START}\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040]*")

#: Elements whose content is only other elements in TEI: whitespace between their children is
#: layout, never text, so :func:`indent` may add it. Nothing with mixed content is listed.
STRUCTURAL = frozenset(
    {
        "TEI",
        "teiHeader",
        "fileDesc",
        "titleStmt",
        "respStmt",
        "author",
        "editor",
        "persName",
        "publicationStmt",
        "availability",
        "sourceDesc",
        "biblStruct",
        "analytic",
        "monogr",
        "series",
        "imprint",
        "encodingDesc",
        "appInfo",
        "application",
        "editorialDecl",
        "normalization",
        "hyphenation",
        "segmentation",
        "interpretation",
        "correction",
        "profileDesc",
        "langUsage",
        "textClass",
        "keywords",
        "text",
        "front",
        "body",
        "back",
        "div",
        "listBibl",
        "list",
        "table",
        "row",
        "figure",
    }
)


def clean(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _name(name: str) -> str:
    prefix, colon, local = name.partition(":")
    if colon and prefix == "xml":
        return f"{{{XML_NS}}}{local}"
    return name


def _attributes(attrib: Mapping[str, object] | None) -> dict[str, str]:
    return {
        _name(key): clean(str(value))
        for key, value in (attrib or {}).items()
        if value is not None and value != ""
    }


def element(tag: str, attrib: Mapping[str, object] | None = None, text: str | None = None):
    """A new TEI element ``tag`` (``xml:`` attribute names allowed; ``None`` values left out)."""
    made = etree.Element(f"{{{TEI_NS}}}{tag}", _attributes(attrib), nsmap={None: TEI_NS})
    if text:
        made.text = clean(text)
    return made


def sub(
    parent: Element, tag: str, attrib: Mapping[str, object] | None = None, text: str | None = None
) -> Element:
    """A new TEI element appended to ``parent`` (see :func:`element`)."""
    made = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}", _attributes(attrib))
    if text:
        made.text = clean(text)
    return made


def local(node: Element) -> str:
    """The local name of a TEI element: ``p`` for ``{http://www.tei-c.org/ns/1.0}p``."""
    return etree.QName(node).localname


def append_text(parent: Element, text: str) -> None:
    """Append ``text`` at the end of ``parent``'s content, as text or after its last child."""
    _append_plain(parent, clean(text))


def _append_plain(parent: Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


#: what a URI may hold as it is (RFC 3986 reserved and unreserved characters, and ``%``)
_URI_SAFE = "!#$%&'()*+,-./:;=?@_~"
#: a ``%`` that does not begin an escape
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def pointer(url: str) -> str | None:
    """An outside address as an XML Schema ``anyURI`` (what TEI's ``@target`` holds), or
    ``None`` when it is no ``http(s)`` or ``mailto`` address: characters a URI cannot hold are
    percent-encoded (RFC 3986 section 2.1), a ``%`` that begins no escape included; an address
    whose host or port cannot be read (``http://[::1``) is none."""
    url = url.strip()
    if any(char.isspace() for char in url):
        return None
    try:
        parts = urlsplit(_LONE_PERCENT.sub("%25", url))
        parts.port  # noqa: B018 -- raises ValueError for a port that is no number
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https", "mailto"):
        return None
    if parts.scheme.lower() != "mailto" and not parts.hostname:
        return None
    netloc = quote(parts.netloc, safe=_URI_SAFE + "[]")
    path, query = (quote(part, safe=_URI_SAFE) for part in parts[2:4])
    fragment = quote(parts.fragment, safe=_URI_SAFE.replace("#", ""))
    return clean(urlunsplit((parts.scheme, netloc, path, query, fragment)))


def is_ncname(text: str) -> bool:
    """Whether ``text`` may be an ``xml:id``."""
    return _NCNAME.fullmatch(text) is not None


def unique_ids(prefix: str, keys: Iterable[str]) -> dict[str, str]:
    """An ``xml:id`` for each key: ``prefix + key`` where that is a name, as the site's anchors
    are; otherwise each character a name cannot hold is written ``_xHH_``, and a clash with an
    id already given gets ``-2``, ``-3``… Keys are taken in order, so ids are stable."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for key in keys:
        if key in ids:
            continue
        candidate = prefix + key
        if not is_ncname(candidate):
            candidate = prefix + "".join(
                char if is_ncname(f"a{char}") else f"_x{ord(char):X}_" for char in key
            )
        unique, number = candidate, 1
        while unique in taken:
            number += 1
            unique = f"{candidate}-{number}"
        ids[key] = unique
        taken.add(unique)
    return ids


def indent(node: Element, level: int = 0) -> None:
    """Newlines and indentation between the children of structural elements only.

    lxml's ``pretty_print`` would also indent an element of mixed content that happens to hold
    only elements (a paragraph of one line break and one reference), adding text to it.
    """
    if local(node) not in STRUCTURAL or not len(node):
        return
    if (node.text or "").strip() or any((child.tail or "").strip() for child in node):
        return
    inner = "\n" + "  " * (level + 1)
    node.text = inner
    for child in node:
        child.tail = inner
        if isinstance(child.tag, str):
            indent(child, level + 1)
    node[-1].tail = "\n" + "  " * level


def set_attributes(node: Element, attrib: Mapping[str, object]) -> None:
    """Set ``attrib`` on ``node`` (as :func:`element` does for a new one)."""
    for key, value in _attributes(attrib).items():
        node.set(key, value)
