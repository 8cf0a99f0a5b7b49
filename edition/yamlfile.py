"""Load an editor's YAML file keeping the line of every mapping, for messages that name it.

Editors write ``edition.yml`` and ``glossary.yml`` by hand; a missing field is only useful to
report as ``glossary.yml:41: term 'weak-ties' has no English definition``. PyYAML's safe loader
is kept, with one addition: each mapping gets a ``__line__`` key (1-based), which callers read
with :func:`line_of` and never see otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from edition.errors import EditionError, read_text

LINE_KEY = "__line__"


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


def load_yaml(path: str | Path) -> Any:
    """Parse ``path`` (strict UTF-8); a syntax error becomes an EditionError with its line."""
    text = read_text(path)
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise EditionError(f"invalid YAML: {exc.problem or exc.context}", path, line) from exc
    except yaml.YAMLError as exc:
        raise EditionError(f"invalid YAML: {exc}", path) from exc


def line_of(mapping: Any) -> int | None:
    """The line where a mapping loaded by :func:`load_yaml` begins, if it is one."""
    return mapping.get(LINE_KEY) if isinstance(mapping, dict) else None


def fields(mapping: dict[str, Any]) -> dict[str, Any]:
    """The mapping without its line marker."""
    return {key: value for key, value in mapping.items() if key != LINE_KEY}


def require(
    mapping: dict[str, Any], key: str, kind: type, path: str | Path, where: str = ""
) -> Any:
    """``mapping[key]``, which must be there and of ``kind``, or an error at the mapping's line."""
    if not isinstance(mapping, dict):
        raise EditionError(f"expected a mapping with '{where}{key}'", path)
    if key not in mapping:
        raise EditionError(f"missing field '{where}{key}'", path, line_of(mapping))
    value = mapping[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise EditionError(
            f"field '{where}{key}' must be {kind.__name__}, not {type(value).__name__}",
            path,
            line_of(mapping),
        )
    return value


def require_text(mapping: dict[str, Any], key: str, path: str | Path, where: str = "") -> str:
    """``mapping[key]`` as non-empty text, stripped."""
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        raise EditionError(f"'{where}{key}' must be non-empty text", path, line_of(mapping))
    return value.strip()


def require_texts(mapping: dict[str, Any], key: str, path: str | Path) -> tuple[str, ...]:
    """``mapping[key]`` as a non-empty list of non-empty texts, stripped."""
    value = mapping.get(key)
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(item, str) and item.strip() for item in value)
    ):
        raise EditionError(f"'{key}' must be a non-empty list of texts", path, line_of(mapping))
    return tuple(item.strip() for item in value)


def reject_unknown(mapping: dict[str, Any], known: set[str], path: str | Path) -> None:
    """An error naming the fields of ``mapping`` that are not ``known`` (typos, stale keys)."""
    unknown = sorted(str(key) for key in set(fields(mapping)) - known)
    if unknown:
        raise EditionError(f"unknown field(s): {', '.join(unknown)}", path, line_of(mapping))
