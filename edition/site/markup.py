"""Safe markup from untrusted text with marked spans: the one place text becomes markup.

Everything from the source, the bibliography and the glossary is untrusted, so text is
escaped here and nowhere else (for HTML, or for HTML inside a Markdown inline context such
as a heading); callers give spans (citations, glossary terms, glosses) as offsets with
ready-made opening and closing tags, and points (page markers) as offsets with a tag to
insert. Spans may nest (a glossary term inside a salvaged gloss) but never cross; a span
that would cross one already placed is dropped rather than producing broken markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape

#: What Python-Markdown lets a backslash escape, with the tables extension's ``|`` (MkDocs
#: always enables it): escaping any other character would leave the backslash visible.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def html_text(text: str) -> str:
    """``text`` escaped for HTML element content."""
    return escape(text, quote=False)


def markdown_text(text: str) -> str:
    """``text`` escaped for an inline Markdown context (a heading, link text): HTML-escaped,
    and every character Markdown or its extensions could read as syntax backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape(text, quote=False))


def raw(text: str) -> str:
    """``text`` as it is: for editorial Markdown, which the page sanitises as a whole."""
    return text


@dataclass(frozen=True)
class Span:
    """Wrap ``text[start:end]`` in ``open`` … ``close`` (both already safe markup).

    With ``inner``, the wrapped text is replaced by ``inner`` (escaped like all text), as a
    Markdown link ``[弱連結](glossary:weak-ties)`` becomes a term link around ``弱連結``.
    """

    start: int
    end: int
    open: str
    close: str
    inner: str | None = None


def attrs(**values: object) -> str:
    """HTML attributes, escaped; ``None`` values are left out, ``class_`` means ``class``."""
    parts = []
    for name, value in values.items():
        if value is None:
            continue
        key = name.rstrip("_").replace("_", "-")
        parts.append(f'{key}="{escape(str(value), quote=True)}"')
    return " ".join(parts)


def tag(name: str, text: str, **values: object) -> str:
    """``<name attrs>escaped text</name>``."""
    attributes = attrs(**values)
    return f"<{name}{' ' + attributes if attributes else ''}>{escape(text)}</{name}>"


def _nested(spans: Iterable[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.end <= span.start:
            continue
        if any(k.start < span.start < k.end < span.end for k in kept):
            continue
        kept.append(span)
    return kept


def render(
    text: str,
    spans: Iterable[Span] = (),
    points: Sequence[tuple[int, str]] = (),
    *,
    transform: Callable[[str], str] | None = None,
    escape_text: Callable[[str], str] = html_text,
) -> str:
    """``text`` escaped, with ``spans`` wrapped and ``points`` inserted at their offsets.

    ``transform`` (script conversion) is applied to the text between markup, piece by piece,
    so offsets found in the original stay valid. ``escape_text`` escapes the text for where it
    lands (:func:`html_text`, :func:`markdown_text`, or :func:`raw` for trusted Markdown).
    """
    events: list[tuple[int, int, int, str]] = []
    skips: list[tuple[int, int]] = []
    for order, span in enumerate(_nested(spans)):
        opening = span.open
        if span.inner is not None:
            inner = transform(span.inner) if transform else span.inner
            opening += escape_text(inner)
            skips.append((span.start, span.end))
        events.append((span.start, 2, order, opening))
        events.append((span.end, 0, -order, span.close))
    events.extend((offset, 1, 0, html) for offset, html in points)
    events.sort(key=lambda event: event[:3])

    def plain(start: int, end: int) -> str:
        if any(low <= start and end <= high for low, high in skips):
            return ""  # replaced by the span's inner text
        piece = text[start:end]
        return escape_text(transform(piece) if transform is not None and piece else piece)

    pieces: list[str] = []
    cursor = 0
    for offset, _, _, html in events:
        pieces.append(plain(cursor, offset))
        pieces.append(html)
        cursor = max(cursor, offset)
    pieces.append(plain(cursor, len(text)))
    return "".join(pieces)
