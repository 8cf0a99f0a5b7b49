"""The one strict reader for every YAML file an editor writes, and its schema check.

Editors write ``edition.yml``, ``glossary.yml`` and the editorial texts by hand, so a mistake
is only useful when it is reported as ``edition.yml:12: unknown field 'front_mater' (did you
mean 'front_matter'?)``, and all of a file's mistakes should be reported in one run.

Reading (:func:`read_yaml`) is PyYAML's safe composer, walked by hand so that every node keeps
its line and so that what PyYAML lets through silently is refused: a key given twice (PyYAML
keeps the last value), a key that is not text, nesting deeper than :data:`MAX_DEPTH`, more
than :data:`MAX_NODES` nodes once aliases are expanded (the "billion laughs").

Checking (:func:`validate`) is JSON Schema (draft 2020-12, the ``jsonschema`` library)
against one declarative schema per material in ``edition/schemas/``: a reader sees each
material's content model at a glance, and the same schema documents it. Every violation is a
:class:`~edition.errors.Problem` placed at the line of the value at fault, worded for an
editor rather than for a validator.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from edition.errors import EditionError, Problem, read_text
from edition.script import CJK_CLASS

#: Deepest nesting accepted: no material needs more than a handful of levels.
MAX_DEPTH = 64
#: Most nodes accepted, aliases expanded: far above any real material.
MAX_NODES = 200_000

Where = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlFile:
    """A parsed YAML file: its data, and the line (1-based) where each value stands.

    ``problems`` are the faults found while reading that do not stop it (a key given twice:
    the first value is kept, the repetition is reported).
    """

    path: Path
    data: Any
    lines: dict[Where, int] = field(repr=False)
    problems: tuple[Problem, ...] = ()

    def line(self, *where: str | int) -> int | None:
        """The line of the value at ``where`` (keys and indexes), else of its nearest parent."""
        path = tuple(where)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


def read_yaml(path: str | Path, text: str | None = None) -> YamlFile:
    """Parse ``path`` (strict UTF-8) into a :class:`YamlFile`.

    Raises :class:`EditionError` with the file and line for a syntax error, a character YAML
    does not allow (NUL and other control characters), a key that is not text, nesting or
    size past the limits. ``text``, when given, is parsed instead of reading the file.
    """
    path = Path(path)
    text = read_text(path) if text is None else text
    try:
        node = _parsed(yaml.compose, text, _FAST_LOADER, yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        message, line = _advice(exc)
        raise EditionError(f"invalid YAML: {message}", path, line) from exc
    except yaml.YAMLError as exc:
        raise EditionError(f"invalid YAML: {exc}", path) from exc
    except RecursionError as exc:
        raise EditionError(f"invalid YAML: nested more than {MAX_DEPTH} levels deep", path) from exc
    if node is None:
        return YamlFile(path, None, {(): 1})
    reader = _Reader(path)
    data = reader.value(node, (), 0)
    return YamlFile(path, data, reader.lines, tuple(reader.problems))


#: libyaml's parser where PyYAML has it: the same YAML about twenty times as fast
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parsed(parse: Any, text: str, fast: type, loader: type) -> Any:
    """``parse(text, Loader=fast)``; on a fault, the fault as PyYAML's own parser
    (``loader``) words it, which the advice below reads."""
    try:
        return parse(text, Loader=fast)
    except (yaml.YAMLError, UnicodeError):  # libyaml encodes the text first: a lone surrogate
        if fast is loader:
            raise
    return parse(text, Loader=loader)


def _advice(exc: yaml.MarkedYAMLError) -> tuple[str, int | None]:
    """PyYAML's complaint as an editor can act on it, at the line to look at."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    opened = exc.context_mark.line + 1 if exc.context_mark is not None else None
    if "'\\t'" in problem:  # PyYAML names the character by its repr
        return "a tab: indent with spaces, not tabs", line
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        return (
            f"the {bracket} opened on line {opened} is not closed with {closing} (or a comma is "
            f"missing between its items)",
            opened,
        )
    if "quoted scalar" in context:
        return f"the quotation mark opened on line {opened} is not closed", opened
    glued = _glued_key(mark.buffer if mark is not None else None, line)
    if glued is not None:
        key, at = glued
        return (
            f"'{key}:' has no space after its colon, so YAML reads it as text, not a key: "
            f"write '{key}: …' (or put a value that holds it in quotes)",
            at,
        )
    if "block mapping" in context or "mapping values are not allowed" in problem:
        return (
            "this line's indentation does not match the lines above it, or a value holds ': ' "
            "(put such a value in quotes)",
            line,
        )
    return problem or context, line


#: A line that holds more than blanks and a comment.
_WRITTEN = re.compile(r"[ \t]*[^\s#]")
#: A key written without the space YAML needs after its colon ("zh-Hant:一種", "title:A").
_GLUED_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)?([A-Za-z][\w-]*):(?=[^\s:/])")


def _glued_key(text: str | None, line: int | None) -> tuple[str, int] | None:
    """The key written without a space after its colon on ``line`` (1-based) of ``text`` or
    on one of the two written lines above it (blank lines and comments aside), and its line:
    a line such as ``zh-Hant:一種`` is text to YAML, which then fails where the next key is.
    A line is named only if the space mends the text: it parses then."""
    if text is None or line is None:
        return None
    lines = text.removesuffix("\0").split("\n")  # PyYAML's reader ends its buffer with NUL
    written = [n for n in range(min(line, len(lines)), 0, -1) if _WRITTEN.match(lines[n - 1])]
    for number in written[:3]:
        match = _GLUED_KEY.match(lines[number - 1])
        if match is None:
            continue
        spaced = [*lines]
        spaced[number - 1] = (
            f"{lines[number - 1][: match.end()]} {lines[number - 1][match.end() :]}"
        )
        try:
            yaml.compose("\n".join(spaced), Loader=_FAST_LOADER)
        except yaml.YAMLError:
            continue
        return match[1], number
    return None


#: A space between two CJK characters, where a folded line break left it.
_FOLD_IN_CJK = re.compile(f"(?<=[{CJK_CLASS}]) (?=[{CJK_CLASS}])")


def _unfold_cjk(text: str) -> str:
    """A multi-line scalar without spaces between CJK characters: YAML folds a line break
    into a space (YAML 1.2, 6.5 "Line folding"), which Chinese text, written without spaces
    between words, does not have ("短文，\n按印刷" is "短文，按印刷"). Which spaces were folds
    cannot be told, so every space between two CJK characters of such a scalar goes."""
    return _FOLD_IN_CJK.sub("", text)


#: What an editor calls the types YAML resolves a plain value to, by the tag's last part.
_TAG_NAMES = {"timestamp": "date", "int": "whole number", "float": "number", "bool": "yes or no"}


class _Checked:
    """A constructor that reports a value its type cannot hold (``2020-02-30`` read as a date,
    ``!!int x``) as a YAML fault at the value's line, not as Python's ``ValueError``."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)  # type: ignore[misc]
        except (ValueError, IndexError, TypeError, OverflowError) as exc:
            kind = node.tag.rpartition(":")[2]
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"{node.value!r} is read as a {_TAG_NAMES.get(kind, kind)} and is not one "
                f"({exc}): correct it, or put it in quotes to keep it as text",
                node.start_mark,
            ) from exc


class _CheckedLoader(_Checked, yaml.SafeLoader):
    pass


class _Reader:
    """Turns a composed node tree into plain data, recording lines and refusing what is unsafe."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: dict[Where, int] = {}
        self.problems: list[Problem] = []
        self.nodes = 0
        self.constructor = _CheckedLoader("")

    def value(self, node: yaml.Node, where: Where, depth: int) -> Any:
        line = node.start_mark.line + 1
        self.nodes += 1
        if depth > MAX_DEPTH:
            raise EditionError(
                f"invalid YAML: nested more than {MAX_DEPTH} levels deep", self.path, line
            )
        if self.nodes > MAX_NODES:
            raise EditionError(
                f"invalid YAML: more than {MAX_NODES} values (aliases expanded)", self.path, line
            )
        self.lines.setdefault(where, line)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, where, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*where, i), depth + 1) for i, item in enumerate(node.value)]
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise EditionError(f"invalid YAML: {exc.problem}", self.path, line) from exc
        if isinstance(value, str) and node.style != "|" and node.end_mark.line > line - 1:
            value = _unfold_cjk(value)
        return value

    def mapping(self, node: yaml.MappingNode, where: Where, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise EditionError(
                    "invalid YAML: merge keys ('<<') are not supported", self.path, line
                )
            key = self.value(key_node, (*where, "<key>"), depth + 1)
            if not isinstance(key, str):
                raise EditionError(
                    f"invalid YAML: a key must be text, not {_kind(key)} ({key!r})", self.path, line
                )
            if key in result:
                first = self.lines[(*where, key)]
                self.problems.append(
                    Problem(
                        f"'{_dotted((*where, key))}' is given twice (first on line {first}); "
                        "the first is kept: delete one",
                        self.path,
                        line,
                    )
                )
                continue
            self.lines[(*where, key)] = line
            result[key] = self.value(value_node, (*where, key), depth + 1)
            # A block value's own line is where its key stands: messages point at the key.
            self.lines[(*where, key)] = line
        self.lines.pop((*where, "<key>"), None)
        return result


# --- schemas -----------------------------------------------------------------------------


@cache
def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of material ``name`` (``edition``, ``guide``…) from ``edition/schemas``."""
    text = resources.files("edition.schemas").joinpath(f"{name}.schema.yml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    spec = schema(name)
    cls = jsonschema.validators.validator_for(spec)
    cls.check_schema(spec)
    return cls(spec, format_checker=cls.FORMAT_CHECKER)


def validate(document: YamlFile, name: str) -> list[Problem]:
    """Every way ``document`` breaks schema ``name``, each at its line, in line order.

    The reading problems of the document (keys given twice) come first in the same list.
    """
    problems = list(document.problems)
    for error in _leaves(_validator(name).iter_errors(document.data)):
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            # One problem per unknown key, at the key's own line.
            known = list((error.schema.get("properties") or {}).keys())
            for key in sorted(set(error.instance) - set(known)):
                problems.append(
                    Problem(_unknown(key, known, where), document.path, document.line(*where, key))
                )
            continue
        problems.append(Problem(_message(error, where), document.path, document.line(*where)))
    return sorted(problems, key=lambda p: p.line or 0)


def _unknown(key: str, known: list[str], where: Where) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(known)})"
    return f"unknown field '{key}'{' in ' + _dotted(where) if where else ''}{hint}"


def _leaves(errors: Iterator[jsonschema.ValidationError]) -> Iterator[jsonschema.ValidationError]:
    """The most specific errors: for ``oneOf``/``anyOf``, those of the best-matching branch."""
    for error in errors:
        if error.context:
            best = jsonschema.exceptions.best_match(error.context)
            yield from _leaves(iter([best])) if best.context else iter([best])
        else:
            yield error


def _message(error: jsonschema.ValidationError, where: Where) -> str:
    """An editor's wording of one schema violation."""
    name = _dotted(where) or "the file"
    kind, expected = error.validator, error.validator_value
    if kind == "required":
        missing = [key for key in expected if key not in (error.instance or {})]
        within = f"{name}: " if where else ""
        return f"{within}missing field '{missing[0]}'" + _describe(error.schema, missing[0])
    if kind == "type":
        wanted = expected if isinstance(expected, list) else [expected]
        names = " or ".join(_TYPE_NAMES.get(t, t) for t in wanted if t != "null")
        return f"{name} must be {names}, not {_kind(error.instance)}"
    if kind == "enum":
        return f"{name} must be one of {', '.join(map(repr, expected))}, not {error.instance!r}"
    if kind == "pattern":
        hint = error.schema.get("x-hint", f"the form {expected}")
        return f"{name} must be {hint}, not {error.instance!r}"
    if kind in ("minItems", "minLength"):
        return f"{name} must not be empty"
    if kind == "minimum":
        return f"{name} must be {expected} or more, not {error.instance!r}"
    if kind == "uniqueItems":
        return f"{name} lists the same value twice"
    return f"{name}: {error.message}"


def _describe(spec: dict[str, Any], key: str) -> str:
    description = ((spec.get("properties") or {}).get(key) or {}).get("description")
    return f" ({description.strip().rstrip('.')})" if description else ""


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
}


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)


def _dotted(where: Where) -> str:
    """``paper.authors[2].family``: a value's place as an editor reads it in the file."""
    out = ""
    for part in where:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# --- the line-keyed reader (glossary and conversion overrides) -------------------------------

LINE_KEY = "__line__"


class _Lines:
    """A loader's constructor that keeps each mapping's line under :data:`LINE_KEY`."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)  # type: ignore[misc]
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


class _LineLoader(_Lines, _Checked, yaml.SafeLoader):
    pass


class _FastLineLoader(_Lines, _Checked, _FAST_LOADER):  # type: ignore[misc, valid-type]
    pass


def load_yaml(path: str | Path) -> Any:
    """Parse ``path`` (strict UTF-8) keeping each mapping's line under ``__line__``."""
    text = read_text(path)
    try:
        return _parsed(yaml.load, text, _FastLineLoader, _LineLoader)
    except yaml.MarkedYAMLError as exc:
        message, line = _advice(exc)
        raise EditionError(f"invalid YAML: {message}", path, line) from exc
    except yaml.YAMLError as exc:
        raise EditionError(f"invalid YAML: {exc}", path) from exc


def line_of(mapping: Any) -> int | None:
    """The line where a mapping loaded by :func:`load_yaml` begins, if it is one."""
    return mapping.get(LINE_KEY) if isinstance(mapping, dict) else None


def fields(mapping: dict[str, Any]) -> dict[str, Any]:
    """The mapping without its line marker."""
    return {key: value for key, value in mapping.items() if key != LINE_KEY}
