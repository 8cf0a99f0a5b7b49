"""BibTeX field values from LaTeX to Unicode text, with pylatexenc.

pylatexenc's ``LatexNodes2Text`` resolves accents, dashes, quotes, special characters, font
commands and groups. Around it we settle what BibTeX values need and LaTeX documents do not:

* A backtick is TeX's opening single quote, "‘" (two are "“"); pylatexenc leaves it as is.
* ``%`` is a percent sign and ``&`` an ampersand. BibTeX copies a value verbatim, and
  people write ``50%`` in abstracts and ``Science & Society``; reading them as a LaTeX
  comment or table column would cut or blank the value there.
* ``\\url{...}`` is verbatim, as in the ``url`` package: ``~``, ``_`` and ``%20`` stay as
  written.
* Math stays math: ``$E=mc^2$`` keeps its TeX source, which the reader can still interpret.
* ``\\noopsort{...}`` (BibTeX's own documentation defines it to steer sorting) prints
  nothing, and so do the simple macros an ``@preamble`` defines (``\\newcommand``,
  ``\\providecommand``, ``\\def``), which expand to their body.
* The journal macros of the AAS (``aas_macros.sty``), which NASA ADS exports use, expand to
  the abbreviation LaTeX would print (``\\mnras`` -> "MNRAS").
* Stacked accents without braces (``{\\~\\^e}``, as Better BibTeX writes Vietnamese) are
  read as LaTeX reads ``\\~{\\^e}``: "ễ", not an accent on the letter before.
* A command nobody defined stays visible as written (``\\foo``) and is reported, so an
  editor can fix the entry instead of finding a silently shortened title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pylatexenc import latex2text, latexwalker, macrospec

#: Commands pylatexenc does not know that print their one argument (fonts, boxes, scripts).
ARGUMENT_MACROS = (
    "textsuperscript",
    "textsubscript",
    "texttt",
    "textsf",
    "textup",
    "textmd",
    "textnormal",
    "mbox",
    "hbox",
    "NoCaseChange",
)
#: Declarations and no-ops that print nothing (``{\\em z}`` is "z").
SILENT_MACROS = (
    "em",
    "it",
    "bf",
    "sc",
    "sl",
    "tt",
    "rm",
    "sf",
    "itshape",
    "bfseries",
    "scshape",
    "upshape",
    "mdseries",
    "slshape",
    "rmfamily",
    "sffamily",
    "ttfamily",
    "normalfont",
    "relax",
    "protect",
    "/",
)
#: Commands with a fixed text that pylatexenc does not know.
SYMBOL_MACROS = {
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2e",
    "TeX": "TeX",
    "BibTeX": "BibTeX",
    "S": "§",
    "P": "¶",
    "textsection": "§",
    "textparagraph": "¶",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textunderscore": "_",
    "copyright": "©",
    "pounds": "£",
    "euro": "€",
    "nobreakspace": " ",
    "guillemetleft": "«",
    "guillemetright": "»",
    # aas_macros.sty (American Astronomical Society), as exported by NASA ADS
    "aj": "AJ",
    "araa": "ARA&A",
    "apj": "ApJ",
    "apjl": "ApJL",
    "apjs": "ApJS",
    "apss": "Ap&SS",
    "aap": "A&A",
    "aapr": "A&A Rv",
    "aaps": "A&AS",
    "baas": "BAAS",
    "icarus": "Icarus",
    "jcap": "JCAP",
    "mnras": "MNRAS",
    "nat": "Nature",
    "pasa": "PASA",
    "pasj": "PASJ",
    "pasp": "PASP",
    "pra": "Phys. Rev. A",
    "prb": "Phys. Rev. B",
    "prc": "Phys. Rev. C",
    "prd": "Phys. Rev. D",
    "pre": "Phys. Rev. E",
    "prl": "Phys. Rev. Lett.",
    "physrep": "Phys. Rep.",
    "solphys": "Sol. Phys.",
    "ssr": "Space Sci. Rev.",
}
#: Macros whose one argument only steers sorting and prints nothing (btxdoc's ``\\noopsort``).
SORT_ONLY_MACROS = ("noopsort", "SortNoop", "sortnoop", "NOOP")

#: What only pylatexenc can read; anything else needs at most the substitutions of ``_PLAIN``.
_LATEX = re.compile(r"[\\$]|[!?]`")
#: TeX's single opening quote (```hidden' curriculum``), which pylatexenc leaves as a backtick
_OPENING_QUOTE = ("`", "‘")
#: TeX's ligatures and ties, which are all a value without commands or math can hold
_PLAIN = (
    *(("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), _OPENING_QUOTE),
    *(("~", " "), ("{", ""), ("}", "")),
)
#: ``%`` and ``&`` not escaped: text in a BibTeX value (a comment and a table column in LaTeX)
_UNESCAPED = re.compile(r"(?<!\\)((?:\\\\)*)([%&])")
#: an accent command right before another one: the second is the first's argument
_ACCENT = r"\\(?:[`'^\"~=.]|[uvHcdbrk](?![A-Za-z]))"
_STACKED_ACCENTS = re.compile(rf"({_ACCENT})\s*({_ACCENT}\s*(?:\{{[^{{}}]*\}}|\\?[A-Za-z]))")
_URL = re.compile(r"\\(?:url|path)\s*\{([^{}]*)\}")
_ONLY_URL = re.compile(r"\s*\\url\s*\{([^{}]*)\}\s*")
_URL_SPECIALS = re.compile(r"[%#_&$~^\\]")
_DEFINITION = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand)\*?\s*"
    r"\{?\\(?P<name>[A-Za-z@]+)\}?\s*(?:\[(?P<count>\d)\])?\s*(?P<body>\{)"
    r"|\\def\s*\\(?P<defname>[A-Za-z@]+)(?P<params>(?:#\d)*)\s*(?P<defbody>\{)"
)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Decoded:
    """A value as text, and what an editor should know about how it was read."""

    text: str
    #: "LaTeX command \\foo is not defined; kept as written", "not valid LaTeX: ..."
    problems: tuple[str, ...] = ()


def url_only(value: str) -> str | None:
    """The URL of a value that is nothing but ``\\url{...}`` (``howpublished`` in @misc)."""
    match = _ONLY_URL.fullmatch(value)
    return match[1].strip() if match else None


def preamble_macros(preambles: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Macro definitions in ``@preamble`` values: name -> (argument count, LaTeX body).

    Only definitions whose body is a balanced group are taken; anything cleverer stays
    unknown and is reported where it is used.
    """
    macros: dict[str, tuple[int, str]] = {}
    for text in preambles:
        for match in _DEFINITION.finditer(text):
            start = match.end() - 1
            body = _group(text, start)
            if body is None:
                continue
            if match["name"]:
                macros[match["name"]] = (int(match["count"] or 0), body)
            else:
                macros[match["defname"]] = (len(match["params"]) // 2, body)
    return macros


def _group(text: str, start: int) -> str | None:
    """The content of the brace group opening at ``text[start]``, or None if unbalanced."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "\\":
            continue
        if char == "{" and text[index - 1 : index] != "\\":
            depth += 1
        elif char == "}" and text[index - 1 : index] != "\\":
            depth -= 1
            if depth == 0:
                return text[start + 1 : index]
    return None


class LatexDecoder:
    """Turns BibTeX values into Unicode text; one decoder per file (its ``@preamble`` macros).

    BibTeX itself never reads the LaTeX in a value, so LaTeX that pylatexenc cannot parse
    (an unclosed ``$``) does not make the entry invalid: it is read leniently and reported.
    """

    def __init__(self, macros: dict[str, tuple[int, str]] | None = None) -> None:
        self._macros = dict(macros or {})
        self._unknown: list[str] = []
        walker_macros = [macrospec.MacroSpec(name, "{") for name in SORT_ONLY_MACROS]
        walker_macros += [macrospec.MacroSpec(name, "{") for name in ARGUMENT_MACROS]
        walker_macros += [macrospec.MacroSpec("href", "{{"), macrospec.MacroSpec("path", "{")]
        text_macros = [latex2text.MacroTextSpec(name, discard=True) for name in SORT_ONLY_MACROS]
        text_macros += [latex2text.MacroTextSpec(name, discard=True) for name in SILENT_MACROS]
        text_macros += [latex2text.MacroTextSpec(name, "%s") for name in ARGUMENT_MACROS]
        text_macros += [latex2text.MacroTextSpec("href", "%(2)s")]
        for name, replacement in SYMBOL_MACROS.items():
            text_macros.append(latex2text.MacroTextSpec(name, simplify_repl=replacement))
        for name, (count, _) in self._macros.items():
            walker_macros.append(macrospec.MacroSpec(name, "{" * count))
            text_macros.append(latex2text.MacroTextSpec(name, simplify_repl=self._expand))
        self._walker_context = latexwalker.get_default_latex_context_db()
        self._walker_context.add_context_category("bibtex", macros=walker_macros, prepend=True)
        text_context = latex2text.get_default_latex_context_db()
        text_context.add_context_category("bibtex", macros=text_macros, prepend=True)
        text_context.set_unknown_macro_spec(latex2text.MacroTextSpec("", self._keep_unknown))
        self._to_text = latex2text.LatexNodes2Text(
            latex_context=text_context, math_mode="verbatim", strict_latex_spaces=True
        )
        self._depth = 0

    def decode(self, value: str) -> Decoded:
        """``value`` (a BibTeX field, LaTeX) as one line of Unicode text."""
        if not _LATEX.search(value):
            for latex, text in _PLAIN:
                value = value.replace(latex, text)
            return Decoded(_WHITESPACE.sub(" ", value).strip())
        self._unknown = []
        prepared = _UNESCAPED.sub(r"\1\\\2", _URL.sub(_verbatim_url, value))
        prepared = _STACKED_ACCENTS.sub(r"\1{\2}", prepared)
        problems = []
        try:
            text = self._latex_to_text(prepared)
        except latexwalker.LatexWalkerError as error:
            problems.append(f"not valid LaTeX ({str(error).splitlines()[0]}); read leniently")
            text = self._latex_to_text(prepared, tolerant=True)
        text = _WHITESPACE.sub(" ", text.replace("\xa0", " ").replace(*_OPENING_QUOTE)).strip()
        problems += [
            f"LaTeX command \\{name} is not defined; kept as written"
            for name in dict.fromkeys(self._unknown)
        ]
        return Decoded(text, tuple(problems))

    def _latex_to_text(self, latex: str, *, tolerant: bool = False) -> str:
        nodes, _, _ = latexwalker.LatexWalker(
            latex, latex_context=self._walker_context, tolerant_parsing=tolerant
        ).get_latex_nodes()
        return self._to_text.nodelist_to_text(nodes)

    def _keep_unknown(self, node: latexwalker.LatexMacroNode) -> str:
        self._unknown.append(node.macroname)
        return f"\\{node.macroname}{node.macro_post_space}"

    def _expand(self, node: latexwalker.LatexMacroNode) -> str:
        count, body = self._macros[node.macroname]
        arguments = node.nodeargd.argnlist if node.nodeargd else []
        for number, argument in enumerate(arguments[:count], 1):
            inner = argument.nodelist if isinstance(argument, latexwalker.LatexGroupNode) else []
            raw = "".join(n.latex_verbatim() for n in inner) if inner else ""
            body = body.replace(f"#{number}", raw)
        if self._depth > 8:  # a macro that expands to itself
            self._unknown.append(node.macroname)
            return ""
        self._depth += 1
        try:
            return self._latex_to_text(body)
        finally:
            self._depth -= 1


def _verbatim_url(match: re.Match[str]) -> str:
    """``\\url{a_b%20}`` as a group whose characters all come out as written."""
    return "{" + _URL_SPECIALS.sub(_escape_url_char, match[1]) + "}"


def _escape_url_char(match: re.Match[str]) -> str:
    char = match[0]
    return {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}.get(
        char, "\\" + char
    )
