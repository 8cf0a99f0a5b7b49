"""An edition's edition.yml: read and checked, every mistake named with its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from sitebuild import ROOT

from edition.errors import EditionError
from edition.materials import load_edition

EDITION = ROOT / "texts" / "yang-wang-2024"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "edition"
    shutil.copytree(EDITION, copy)
    return copy


def _rewrite(folder: Path, change) -> Path:
    path = folder / "edition.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_the_edition_loads_with_its_page_starts() -> None:
    edition = load_edition(EDITION)
    assert edition.paper.first_page == 91 and edition.paper.last_page == 120
    assert [s.line for s in edition.clean_options.page_starts][:3] == [1, 32, 45]
    assert edition.abstract_lines == (11, 32)


def test_broken_yaml_names_file_and_line(folder: Path) -> None:
    path = folder / "edition.yml"
    path.write_text("id: x\npaper:\n  title: [unclosed\n", encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        load_edition(folder)
    assert caught.value.path == path and caught.value.line is not None
    assert "invalid YAML" in str(caught.value)


def test_a_missing_field_names_the_mapping_line(folder: Path) -> None:
    path = _rewrite(folder, lambda data: data["paper"].pop("journal"))
    with pytest.raises(EditionError, match="missing field 'journal'") as caught:
        load_edition(folder)
    lines = path.read_text(encoding="utf-8").splitlines()
    # A block mapping begins at its first key: the line after "paper:".
    assert lines[caught.value.line - 2].startswith("paper:")


def test_a_wrong_type_and_an_unknown_page_field_are_named(folder: Path) -> None:
    _rewrite(folder, lambda data: data["paper"].update(volume="sixty-seven"))
    with pytest.raises(EditionError, match="'volume' must be int, not str"):
        load_edition(folder)
    _rewrite(
        folder,
        lambda data: (data["paper"].update(volume=67), data["source"]["pages"].append({"lin": 3})),
    )
    with pytest.raises(EditionError, match=r"unknown field\(s\): lin"):
        load_edition(folder)


def test_a_missing_material_file_is_named(folder: Path) -> None:
    (folder / "glossary.yml").unlink()
    with pytest.raises(EditionError, match=r"'glossary' names a missing file: glossary\.yml"):
        load_edition(folder)
