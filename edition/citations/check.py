"""What ``edition check`` reports about citations: each finding with its file and line.

An unresolved or ambiguous citation is an error (the site would show a citation that links
nowhere, or to a guess); an unresolved candidate in doubt (``Citation.doubt``: a survey's
name and period, a date, a numbered label) is a warning, since it is probably no citation
and the editor decides; an illegible one is information (the OCR lost the name, nobody can
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
#: What an editor does about each kind of error (the decisions are edition.yml's).
_ADVICE = {
    UNRESOLVED: "add the work to the bibliography, or record a decision for the citation in "
    "edition.yml (unresolved, with the reason; or not-a-citation)",
    AMBIGUOUS: "record a decision in edition.yml that links it to one of them "
    "(decision: link, key: …)",
}


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
    finding name its line; without them a finding names no place in the text. Every message
    is one line.
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
        if citation.status == UNRESOLVED and citation.doubt:
            message = (
                f"{shown!r} is probably not a citation: {citation.doubt}; confirm or reject it: "
                "record a decision for it in edition.yml"
            )
            problems.append(Problem(message, path, line, "warning"))
            continue
        reason = " ".join(citation.reason.split())
        message = f"{citation.status} citation {shown!r}: {reason}"
        if citation.status in _ADVICE:
            message += f"; {_ADVICE[citation.status]}"
        problems.append(Problem(message, path, line, severity))
    for ref in bib.references:
        if ref.key not in cited:
            problems.append(
                Problem(
                    f"entry {ref.key!r} is never cited in the text", bib.path, ref.line, "warning"
                )
            )
    return problems
