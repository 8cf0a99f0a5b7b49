"""The allowlist every page's HTML is cleaned to, with ``nh3`` (the Ammonia sanitiser).

The pages are made from untrusted materials: the source, the bibliography, the glossary and
the editors' Markdown, which may hold raw HTML. Escaping at each place text is written is the
first line of defence (:mod:`edition.site.markup`); this is the second, applied to the
rendered HTML of every page whatever made it: only the elements and attributes the site
itself uses survive, no script, no event handler, no style, and a link or an image source
is an http(s) URL, a relative path or an anchor.
"""

from __future__ import annotations

import nh3

#: Elements the pages use: Markdown's output, the edition's apparatus and Material's
#: heading permalinks.
TAGS = {
    *"a abbr b blockquote br button caption code dd del details div dl dt em figcaption".split(),
    *"figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark nav ol p pre q s samp small span".split(),
    *"strong sub summary sup table tbody td tfoot th thead tr u ul".split(),
}
#: Attributes allowed on every element (``data-*`` attributes are allowed too).
GENERIC_ATTRIBUTES = {"class", "id", "lang", "title", "dir", "hidden", "aria-label", "role"}
ATTRIBUTES = {
    "a": {"href", "hreflang", "download", "rel"},
    "button": {"type"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "details": {"open"},
}
#: URL schemes a link may use; relative URLs and anchors are always allowed.
URL_SCHEMES = {"http", "https", "mailto"}


#: The allowlist as one ammonia builder, made once: made anew at every call, it cost a tenth
#: of the cleaning of a page.
_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style"},
    attributes={"*": GENERIC_ATTRIBUTES, **ATTRIBUTES},
    generic_attribute_prefixes={"data-"},
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
)


def sanitise(html: str) -> str:
    """``html`` (a page's content) reduced to the allowlist above; text is kept, escaped."""
    return _CLEANER.clean(html)
