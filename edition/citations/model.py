"""The record the citation engine hands to every other stage.

One record per individual citation, never per parenthesis: ``(Klinenberg, 2015, 2018)`` cites
two works and the site must link each year to its own entry, so it gives two records sharing
one ``group``. Offsets are ``str`` indices into the text exactly as it was given, so the
cleaner, the converter and the site can all cut the same span out of their copy.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

RESOLVED = "resolved"
AMBIGUOUS = "ambiguous"
UNRESOLVED = "unresolved"
ILLEGIBLE = "illegible"


@dataclass(frozen=True)
class Citation:
    """One in-text author–year citation, where it is, and what it links to."""

    start: int
    end: int
    #: ``text[start:end]``; for a group member only that member's span
    text: str
    #: the author part as read, whitespace collapsed ("Latham & Layton"; "" when illegible)
    authors: str
    #: "2018", "2018a", "in press": OCR confusions (2O18) already undone
    year: str
    #: "p. 295", "pp. 12–15", "104" (from "2006: 104"), "頁 12"
    locator: str | None
    #: "e.g.", "see", "參見"
    prefix: str | None
    #: the author is part of the sentence: ``Larkin (2013)``, ``陳韜文（2000）``
    narrative: bool
    #: the linked entry (exactly one) when resolved
    keys: tuple[str, ...]
    #: the entries it could mean: when ambiguous, or when unresolved because the authors it
    #: names do not all match an entry of that first author and year (the near misses)
    candidates: tuple[str, ...]
    #: "resolved" | "ambiguous" | "unresolved" | "illegible"
    status: str
    #: index of the parenthetical (or narrative) group; members of one group share it
    group: int
    #: why it is not resolved, in words an editor can act on, on one line ("" when resolved)
    reason: str = ""
    #: why this may not be a citation at all, in words an editor can act on, on one line
    #: ("" when it reads as one): an abbreviation with a period (``GMEP, 1955–1969``), a
    #: lifespan, a date (``May 2020``), a numbered label (``Model 2, 2019``). Set only on
    #: unresolved citations: the editor confirms or rejects them.
    doubt: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data (tuples become lists)."""
        data = asdict(self)
        data["keys"] = list(self.keys)
        data["candidates"] = list(self.candidates)
        return data
