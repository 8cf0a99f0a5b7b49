"""What ``edition check`` reports about citations: each finding with its file and line.

An unresolved or ambiguous citation is an error (the site would show a citation that links
nowhere, or to a guess); an illegible one is information (the OCR lost the name, nobody can
fix that from the text); a work in the bibliography that the text never cites is a warning
(a reference list of the edition should hold only cited works, but an editor may keep one on
purpose).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from edition.citations.model import AMBIGUOUS, ILLEGIBLE, UNRESOLVED, Citation
from edition.errors import Problem

_SEVERITY = {UNRESOLVED: "error", AMBIGUOUS: "error", ILLEGIBLE: "info"}


def check_citations(
    citations: Iterable[Citation],
    bib,
    *,
    text: str | None = None,
    path: str | Path | None = None,
    lines: Sequence[int] | None = None,
) -> list[Problem]:
    """Problems of the citations of one text against its bibliography ``bib``.

    ``path`` and either ``text`` (the text the citations were found in) or ``lines`` (the
    source line of each citation, in order, for citations found in several texts) let each
    finding name its line; without them a finding names no place in the text.
    """
    problems: list[Problem] = []
    cited: set[str] = set()
    for number, citation in enumerate(citations):
        cited.update(citation.keys)
        cited.update(citation.candidates)
        severity = _SEVERITY.get(citation.status)
        if severity is None:
            continue
        if lines is not None:
            line = lines[number]
        else:
            line = text.count("\n", 0, citation.start) + 1 if text is not None else None
        shown = " ".join(citation.text.split())
        problems.append(
            Problem(
                f"{citation.status} citation {shown!r}: {citation.reason}", path, line, severity
            )
        )
    for ref in bib.references:
        if ref.key not in cited:
            problems.append(
                Problem(
                    f"entry {ref.key!r} is never cited in the text", bib.path, ref.line, "warning"
                )
            )
    return problems
