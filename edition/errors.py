"""One error type for bad input, so every stage reports it the same way.

Editors fix their materials from these messages, so each names the file and, where known, the
line: ``references.bib:12: duplicate key 'klinenberg2018'``. The CLI prints the message and exits
non-zero; the MkDocs plugin turns it into a build failure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass
class EditionError(Exception):
    """Bad input found in an editor's material (source, bibliography, glossary, config)."""

    message: str
    path: str | Path | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"


#: Characters no material may hold: C0 controls but tab, line feed, carriage return and form
#: feed (a page break in OCR exports), DEL, C1 controls (the trace of a wrong decoding) and
#: the noncharacters U+FFFE/U+FFFF. They are invisible and would reach the pages.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def read_text(path: str | Path) -> str:
    """Read an editor's text file as strict UTF-8, or fail naming the file and line.

    Sources come from OCR engines and editors' machines; a wrong encoding must stop the
    pipeline instead of producing mojibake on the site, and a control character (NUL, an
    escape, a C1 control) is refused where it stands. A leading byte-order mark is dropped; a
    file whose lines end in carriage returns alone (classic Mac OS) is read with line feeds,
    so that line numbers mean what an editor's editor shows.

    Raises :class:`EditionError` (file, line) for an unreadable file, bytes that are not UTF-8
    and control characters.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EditionError(f"cannot read file: {exc.strerror}", path) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EditionError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", path, line
        ) from exc
    text = text.removeprefix("\ufeff")
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        raise EditionError(
            f"control character U+{ord(control.group()):04X} at column {column}: it is "
            "invisible and cannot be published; delete it",
            path,
            line,
        )
    return text


@dataclass(frozen=True)
class Problem:
    """One finding of ``edition check``: where it is, what is wrong, and how bad it is.

    Checks collect problems instead of raising at the first one, so an editor sees every
    mistake in a file in one run. ``error`` fails the check; ``warning`` and ``info`` do not.
    """

    message: str
    path: str | Path | None = None
    line: int | None = None
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.severity}: {EditionError(self.message, self.path, self.line)}"
