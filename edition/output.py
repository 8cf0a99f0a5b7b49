"""Writing results so that a failure never leaves a half-written file behind."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from edition.errors import EditionError


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        # mkstemp makes the file private (0600): give it the mode a new file gets here.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def emit(text: str, path: str | Path | None) -> None:
    """Write ``text`` to ``path`` atomically, or to standard output when no path is given.

    Raises :class:`EditionError` naming ``path`` when it cannot be written (a folder, a
    missing or read-only place).
    """
    if path is None:
        sys.stdout.write(text)
        return
    if Path(path).is_dir():
        raise EditionError("is a folder: name a file to write", path)
    for parent in Path(path).parents:
        if parent.exists() and not parent.is_dir():
            raise EditionError(f"cannot write here: {parent} is a file, not a folder", path)
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise EditionError(f"cannot write here: {exc.strerror or exc}", path) from exc
