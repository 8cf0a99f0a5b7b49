"""Safe HTML from untrusted text with marked spans: the one place text becomes markup.

Everything from the source, the bibliography and the glossary is untrusted, so text is
escaped here and nowhere else; callers give spans (citations, glossary terms, glosses) as
offsets with ready-made opening and closing tags, and points (page markers) as offsets with a
tag to insert. Spans may nest (a glossary term inside a salvaged gloss) but never cross; a
span that would cross one already placed is dropped rather than producing broken markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Span:
    """Wrap ``text[start:end]`` in ``open`` … ``close`` (both already safe HTML)."""

    start: int
    end: int
    open: str
    close: str


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
    keep: Iterable[tuple[int, int]] = (),
) -> str:
    """``text`` escaped, with ``spans`` wrapped and ``points`` inserted at their offsets.

    ``transform`` (script conversion) is applied to the text between markup, piece by piece,
    so offsets found in the original stay valid; ranges in ``keep`` (citations) are never
    transformed.
    """
    events: list[tuple[int, int, int, str]] = []
    for order, span in enumerate(_nested(spans)):
        events.append((span.start, 2, order, span.open))
        events.append((span.end, 0, -order, span.close))
    events.extend((offset, 1, 0, html) for offset, html in points)
    events.sort(key=lambda event: event[:3])
    kept = sorted(keep)

    def plain(start: int, end: int) -> str:
        if transform is None or start >= end:
            return escape(text[start:end], quote=False)
        out, cursor = [], start
        for low, high in kept:
            low, high = max(low, start), min(high, end)
            if low >= high:
                continue
            out.append(transform(text[cursor:low]) if cursor < low else "")
            out.append(text[low:high])
            cursor = high
        out.append(transform(text[cursor:end]) if cursor < end else "")
        return escape("".join(out), quote=False)

    pieces: list[str] = []
    cursor = 0
    for offset, _, _, html in events:
        pieces.append(plain(cursor, offset))
        pieces.append(html)
        cursor = max(cursor, offset)
    pieces.append(plain(cursor, len(text)))
    return "".join(pieces)
