"""The editors' documentation keeps up with the content model it documents."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from sitebuild import ROOT

from edition.yamlfile import schema

PREPARING = (ROOT / "PREPARING.md").read_text(encoding="utf-8")


def _fields(spec: Any) -> Iterator[str]:
    """Every field name a schema defines, at any depth."""
    if isinstance(spec, dict):
        yield from spec.get("properties", {})
        for value in spec.values():
            yield from _fields(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _fields(value)


@pytest.mark.parametrize("name", ["edition", "translation", "guide"])
def test_preparing_an_edition_documents_every_field_of_every_schema(name: str) -> None:
    fields = set(_fields(schema(name)))
    assert fields
    missing = sorted(f for f in fields if not re.search(rf"\b{re.escape(f)}:", PREPARING))
    assert missing == []


def test_the_readme_leads_to_it() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "PREPARING.md" in readme and "edition new" in readme
