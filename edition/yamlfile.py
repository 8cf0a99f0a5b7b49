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
