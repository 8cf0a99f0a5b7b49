"""A CSL processor: pandoc's citeproc, run on CSL-JSON items, read back as safe HTML and text.

pandoc comes with the ``pypandoc-binary`` wheel. One run takes the items (a CSL-JSON file),
a style and a pandoc document holding the citations to render, as pandoc's own JSON AST so
that no key or locator is ever parsed as Markdown; it returns the same document with every
citation rendered and the bibliography appended. Every run of a Python process goes to one
pandoc process (``pandoc lua`` running ``data/citeproc.lua``, which calls the citeproc of
``pandoc --citeproc``): a new pandoc for each run would cost five times as much, most of it
in starting pandoc and sizing its heap. We read that AST and write the HTML
ourselves: every text node is escaped, the only tags are ``i``, ``b``, ``sup``, ``sub`` and
``a``, and a link is made only to an http(s) address. So nothing from a ``.bib`` file can
reach a page as markup, whatever the processor lets through.
"""

from __future__ import annotations

import atexit
import html
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any, Literal, NoReturn
from urllib.parse import urlsplit

from edition.errors import EditionError

Mode = Literal["parenthetical", "narrative", "year"]
#: citation mode -> pandoc's citation mode
_PANDOC_MODES = {
    "parenthetical": "NormalCitation",
    "narrative": "AuthorInText",
    "year": "SuppressAuthor",
}
_STYLE_TAGS = {"Emph": "i", "Strong": "b", "Superscript": "sup", "Subscript": "sub"}
_QUOTES = {"DoubleQuote": ("“", "”"), "SingleQuote": ("‘", "’")}


@dataclass(frozen=True)
class Citation:
    """A citation to render: one work, a mode, and an optional locator ("p. 4", "295")."""

    key: str
    mode: Mode = "parenthetical"
    locator: str = ""


@dataclass(frozen=True)
class Rendering:
    """Rendered output: safe HTML (``i b sup sub a`` only) and the same words as plain text."""

    html: str
    text: str


@dataclass(frozen=True)
class Output:
    """What one run gives: each citation in order, and the bibliography as (key, entry)."""

    citations: tuple[Rendering, ...]
    bibliography: tuple[tuple[str, Rendering], ...]


def run_citeproc(
    items: Sequence[dict[str, Any]],
    style: Path,
    citations: Sequence[Citation] = (),
    *,
    bibliography: bool = True,
) -> Output:
    """Render ``citations`` and (if ``bibliography``) the list of all ``items`` with ``style``.

    Every item takes part in disambiguation (CSL's ``nocite`` of all), so year suffixes and
    added names are those of the whole list. Raises ``EditionError`` if pandoc fails.
    """
    document = {
        "pandoc-api-version": _api_version(),
        "meta": {
            "nocite": {"t": "MetaInlines", "c": [_cite("*", "NormalCitation", "")]},
            "suppress-bibliography": {"t": "MetaBool", "c": not bibliography},
            "link-citations": {"t": "MetaBool", "c": False},
        },
        "blocks": [
            {"t": "Para", "c": [_cite(c.key, _PANDOC_MODES[c.mode], c.locator)]} for c in citations
        ],
    }
    with tempfile.TemporaryDirectory(prefix="edition-csl-") as folder:
        references = Path(folder, "references.json")
        references.write_text(json.dumps(list(items), ensure_ascii=False), encoding="utf-8")
        output = _PROCESSOR.run(json.dumps(document, ensure_ascii=False), references, style)
    blocks = json.loads(output)["blocks"]
    rendered = tuple(
        _render(block["c"][0]["c"][1]) for block in blocks[: len(citations)] if block["t"] == "Para"
    )
    entries = []
    for block in blocks[len(citations) :]:
        if block["t"] == "Div" and block["c"][0][0] == "refs":
            for entry in block["c"][1]:
                identifier = entry["c"][0][0]
                inlines = [inline for para in entry["c"][1] for inline in para["c"]]
                entries.append((identifier.removeprefix("ref-"), _render(inlines)))
    return Output(rendered, tuple(entries))


def _cite(key: str, mode: str, locator: str) -> dict[str, Any]:
    suffix: list[dict[str, Any]] = []
    if locator:
        suffix.append({"t": "Str", "c": ","})
        for word in locator.split():
            suffix += [{"t": "Space"}, {"t": "Str", "c": word}]
    citation = {
        "citationId": key,
        "citationPrefix": [],
        "citationSuffix": suffix,
        "citationMode": {"t": mode},
        "citationNoteNum": 0,
        "citationHash": 0,
    }
    return {"t": "Cite", "c": [[citation], [{"t": "Str", "c": f"@{key}"}]]}


@cache
def pandoc_path() -> str:
    """The pandoc binary of the ``pypandoc-binary`` wheel (else one on the PATH)."""
    try:
        import pypandoc
    except ImportError as error:  # pragma: no cover - a dependency of the package
        raise EditionError("pandoc is missing: install the package 'pypandoc-binary'") from error
    return pypandoc.get_pandoc_path()


@cache
def _api_version() -> list[int]:
    """The pandoc AST version this pandoc reads and writes (its JSON carries it)."""
    return json.loads(_pandoc(["-f", "markdown", "-t", "json"], ""))["pandoc-api-version"]


def _pandoc(arguments: list[str], document: str) -> str:
    result = subprocess.run(
        [pandoc_path(), *arguments],
        input=document.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        _failed(result.stderr.decode("utf-8", "replace"))
    return result.stdout.decode("utf-8")


def _failed(message: str) -> NoReturn:
    raise EditionError(f"the CSL processor (pandoc citeproc) failed: {message.strip()}")


class _Processor:
    """The one ``pandoc lua data/citeproc.lua`` process of this Python process, started on
    first use and ended (its input closed) at exit; a process forked from this one starts
    its own. Runs are serialised: ``mkdocs serve`` builds in a thread of its own."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._errors: IO[bytes] | None = None  # pandoc's stderr
        self._owner = 0
        atexit.register(self.close)

    def run(self, document: str, bibliography: Path, style: Path) -> str:
        """``document`` (pandoc's JSON) with its citations rendered from the CSL-JSON file
        ``bibliography`` in the CSL ``style``, as pandoc's JSON. Raises ``EditionError``
        with pandoc's message if pandoc fails or stops."""
        request = {"document": document, "bibliography": str(bibliography), "csl": str(style)}
        line = (json.dumps(request, ensure_ascii=False) + "\n").encode("utf-8")
        with self._lock:
            process = self._started()
            assert process.stdin is not None and process.stdout is not None
            try:
                process.stdin.write(line)
                process.stdin.flush()
                answer = process.stdout.readline()
            except OSError:
                answer = b""
            if not answer:
                self._process = None
                process.kill()
                process.wait()
                assert self._errors is not None
                self._errors.seek(0)
                _failed(self._errors.read().decode("utf-8", "replace") or "pandoc stopped")
        result = json.loads(answer)
        if "error" in result:
            _failed(result["error"])
        return result["document"]

    def _started(self) -> subprocess.Popen[bytes]:
        """The process, started anew if there is none in this process or it has ended
        between two runs (killed from outside)."""
        if self._process is None or self._owner != os.getpid() or self._process.poll() is not None:
            script = resources.files("edition") / "data" / "citeproc.lua"
            # pandoc's warnings, read only if it stops: a pipe could fill up and block it
            self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as pandoc
            self._process = subprocess.Popen(
                [pandoc_path(), "lua", str(script)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._errors,
                # Not in the terminal's process group: a Ctrl-C that `mkdocs serve` takes for
                # the build under way must not end it. It ends with its input, at exit.
                start_new_session=True,
            )
            self._owner = os.getpid()
        return self._process

    def close(self) -> None:
        """End the process (it stops at the end of its input)."""
        process, self._process = self._process, None
        if process is not None and self._owner == os.getpid():
            assert process.stdin is not None
            process.stdin.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


_PROCESSOR = _Processor()


def _render(inlines: list[dict[str, Any]]) -> Rendering:
    html_parts: list[str] = []
    text_parts: list[str] = []
    _walk(inlines, html_parts, text_parts)
    return Rendering("".join(html_parts).strip(), "".join(text_parts).strip())


def _walk(inlines: list[dict[str, Any]], out: list[str], text: list[str]) -> None:
    """Append each pandoc inline as escaped HTML to ``out`` and as text to ``text``."""
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            out.append(html.escape(content, quote=True))
            text.append(content)
        elif kind in {"Space", "SoftBreak", "LineBreak"}:
            out.append(" ")
            text.append(" ")
        elif kind in _STYLE_TAGS:
            tag = _STYLE_TAGS[kind]
            out.append(f"<{tag}>")
            _walk(content, out, text)
            out.append(f"</{tag}>")
        elif kind == "Quoted":
            opening, closing = _QUOTES[content[0]["t"]]
            out.append(opening)
            text.append(opening)
            _walk(content[1], out, text)
            out.append(closing)
            text.append(closing)
        elif kind == "Link":
            target = content[2][0]
            linked = urlsplit(target).scheme.lower() in {"http", "https"}
            if linked:
                out.append(f'<a href="{html.escape(target, quote=True)}">')
            _walk(content[1], out, text)
            if linked:
                out.append("</a>")
        elif kind in {"Code", "Math"}:
            source = content[1] if kind == "Code" else f"${content[1]}$"
            out.append(html.escape(source, quote=True))
            text.append(source)
        elif kind in {"Span", "Cite"}:
            _walk(content[1], out, text)
        elif kind in {"Underline", "Strikeout", "SmallCaps"}:
            _walk(content, out, text)
