"""An edition's edition.yml: read against its schema, every mistake named with file and line,
all of them in one pass."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import ROOT

from edition.errors import EditionError
from edition.materials import load_edition, read_edition
from edition.yamlfile import MAX_DEPTH, read_yaml, validate

EDITION = ROOT / "texts" / "yang-wang-2024"

MINIMAL = """id: tiny
paper:
  title: A paper
  authors: [{family: Smith, given: Jane}]
  year: 2020
  language: en
materials:
  source: source.txt
  references: references.bib
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "yang-wang-2024"
    shutil.copytree(EDITION, copy)
    return copy


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "edition.yml").write_text(MINIMAL, encoding="utf-8")
    (folder / "source.txt").write_text("A text.\n", encoding="utf-8")
    (folder / "references.bib").write_text("", encoding="utf-8")
    return folder


def _rewrite(folder: Path, change) -> Path:
    path = folder / "edition.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _errors(folder: Path) -> list[str]:
    _, problems = read_edition(folder)
    return [str(p) for p in problems if p.severity == "error"]


def test_the_edition_loads_with_its_page_starts() -> None:
    edition = load_edition(EDITION)
    assert edition.paper.page_range == ("91", "120")
    assert edition.paper.journal_names == {"zh-Hant": "傳播與社會學刊"}
    assert [s.line for s in edition.clean_options.page_starts][:3] == [1, 32, 45]
    assert edition.abstract_lines == (11, 32)
    assert edition.editorial == EDITION / "editorial"


def test_a_minimal_edition_needs_only_source_references_and_the_paper(tiny: Path) -> None:
    edition = load_edition(tiny)
    assert edition.glossary is None and edition.editorial is None
    assert edition.conversion_overrides is None and edition.decisions == ()
    assert edition.paper.journal is None and edition.paper.keywords == ()


def test_broken_yaml_names_file_and_line(folder: Path) -> None:
    path = folder / "edition.yml"
    path.write_text("id: x\npaper:\n  title: [unclosed\n", encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        load_edition(folder)
    assert caught.value.path == path and caught.value.line is not None
    assert "invalid YAML" in str(caught.value)


def test_every_structural_problem_is_reported_in_one_pass(tiny: Path) -> None:
    (tiny / "edition.yml").write_text(
        "id: Tiny Paper\n"  # 1: not an id
        "paper:\n"
        "  title: A paper\n"
        "  year: twenty\n"  # 4: not a number
        "  language: fr\n"  # 5: not a language of the site
        "  journal: J\n"
        "  journal: K\n"  # 7: given twice
        "front_mater: {abstract: [1]}\n"  # 8: a typo
        "materials:\n"
        "  source: source.txt\n",  # 9: references missing
        encoding="utf-8",
    )
    errors = _errors(tiny)
    path = tiny / "edition.yml"
    expected = [
        f"{path}:1: id must be lowercase ASCII letters, digits and hyphens, like yang-wang-2024",
        f"{path}:2: paper: missing field 'authors'",
        f"{path}:4: paper.year must be a whole number, not text",
        f"{path}:5: paper.language must be one of",
        f"{path}:7: 'paper.journal' is given twice (first on line 6)",
        f"{path}:8: unknown field 'front_mater' (did you mean 'front_matter'?)",
        f"{path}:9: materials: missing field 'references'",
    ]
    assert len(errors) == len(expected), errors
    for error, start in zip(errors, expected, strict=True):
        assert error.startswith(f"error: {start}"), (error, start)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["paper"].update(volume=["67"]), "paper.volume must be a whole number or text"),
        (lambda d: d["paper"].update(pages="ninety"), "paper.pages must be a page or a page range"),
        (lambda d: d["paper"].update(doi="doi.org/10.1/x"), "paper.doi must be a bare DOI"),
        (lambda d: d["paper"].update(url="javascript:alert(1)"), "paper.url must be an http(s)"),
        (lambda d: d["paper"].update(keywords=[2024, "x"]), "paper.keywords[1] must be text"),
        (lambda d: d["paper"].update(authors=[{"given": "J"}]), "missing field 'family'"),
        (lambda d: d.update(source={"pages": [{"lin": 3}]}), "unknown field 'lin'"),
        (lambda d: d.update(source={"pages": [{"line": 0}]}), "source.pages[1].line must be 1"),
        (lambda d: d["front_matter"].update(abstract=11), "front_matter.abstract must be a list"),
        (lambda d: d.update(decisions=[{"line": 3, "text": "x"}]), "missing field 'decision'"),
        (
            lambda d: d.update(decisions=[{"line": 3, "text": "x", "decision": "link"}]),
            "missing field 'key'",
        ),
        (
            lambda d: d.update(decisions=[{"line": 3, "text": "x", "decision": "unresolved"}]),
            "missing field 'reason'",
        ),
    ],
)
def test_wrong_values_are_named_with_what_to_write(folder: Path, change, words: str) -> None:
    _rewrite(folder, change)
    errors = _errors(folder)
    assert 1 <= len(errors) <= 2 and any(words in error for error in errors), errors


def test_gaps_are_warnings_and_the_edition_still_loads(tiny: Path) -> None:
    text = MINIMAL.replace("title: A paper", "title: ~  # GAP").replace("year: 2020", "year:")
    (tiny / "edition.yml").write_text(text, encoding="utf-8")
    edition, problems = read_edition(tiny)
    assert edition is not None and edition.paper.title is None and edition.paper.year is None
    assert [(p.severity, p.line) for p in problems] == [("warning", 3), ("warning", 5)]
    assert "paper.title is a gap" in problems[0].message


def test_a_missing_material_file_is_named(folder: Path) -> None:
    (folder / "glossary.yml").unlink()
    with pytest.raises(EditionError, match=r"materials\.glossary: no file 'glossary\.yml'"):
        load_edition(folder)


def test_no_material_is_read_from_outside_the_edition(tiny: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("secret\n", encoding="utf-8")
    for named in ("../secret.txt", str(outside), "/etc/passwd", "a/../../secret.txt"):
        (tiny / "edition.yml").write_text(
            MINIMAL.replace("source: source.txt", f"source: {named!r}"), encoding="utf-8"
        )
        errors = _errors(tiny)
        assert len(errors) == 1, (named, errors)
        assert "outside the edition's folder" in errors[0] or "a path relative" in errors[0]
    (tiny / "edition.yml").write_text(MINIMAL, encoding="utf-8")
    (tiny / "source.txt").unlink()
    os.symlink(outside, tiny / "source.txt")
    (error,) = _errors(tiny)
    assert "materials.source: 'source.txt' lies outside the edition's folder" in error


def test_a_folder_without_edition_yml_says_how_to_start_one(tmp_path: Path) -> None:
    _, (problem,) = read_edition(tmp_path)
    assert "edition new" in problem.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: [" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5), "nested more than"),
        ("[" * 20000 + "]" * 20000, "nested more than"),
        ("a: 1\n? [x]\n: 2\n", "a key must be text"),
        ("a: &x {b: 1}\nc:\n  <<: *x\n", "merge keys"),
        ("a: b\x00c\n", "control character"),
        ("a: 1\n  b: 2\n", "invalid YAML"),
    ],
)
def test_the_reader_refuses_what_yaml_lets_through(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EditionError, match=words) as caught:
        read_yaml(path)
    assert caught.value.path == path


def test_aliases_cannot_blow_up(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    path = tmp_path / "laughs.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(EditionError, match="more than"):
        read_yaml(path)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["id", "paper", "materials", "x", "source"]),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=5),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=4), inner, max_size=3)
            ),
            max_leaves=8,
        ),
    )
)
def test_any_yaml_mapping_gives_problems_never_a_crash(data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    document = read_yaml(Path("edition.yml"), text)
    for problem in validate(document, "edition"):
        assert problem.path == Path("edition.yml")
        assert problem.line is None or problem.line >= 1


def test_the_id_is_the_folders_name(tiny: Path) -> None:
    (tiny / "edition.yml").write_text(MINIMAL.replace("id: tiny", "id: tiny2020"), "utf-8")
    (error,) = _errors(tiny)
    assert "edition.yml:1: id 'tiny2020' is not the folder's name 'tiny'" in error


def test_a_glossary_in_the_folder_that_edition_yml_does_not_name_is_a_warning(tiny: Path) -> None:
    (tiny / "glossary.yml").write_text("terms: []\n", encoding="utf-8")
    edition, problems = read_edition(tiny)
    assert edition is not None and edition.glossary is None
    (warning,) = problems
    assert (
        warning.severity == "warning"
        and "name it under materials (glossary: glossary.yml)" in warning.message
    )


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("id: x\npaper:\n\ttitle: y\n", 3, "indent with spaces, not tabs"),
        ("id: x\npaper:\n  title: y\n year: 2\n", 4, "indentation does not match"),
        ("id: x\nkeywords: [a, b\nmaterials:\n  source: s\n", 2, r"the \[ opened on line 2"),
        ("id: 'x\nmore: y\n", 1, "quotation mark opened on line 1 is not closed"),
        ("title: A: B\n", 1, "put such a value in quotes"),
        # A key glued to its value is text to YAML, which fails where the next key is.
        ("a:\n  en: x\n  zh-Hant:一種電子\n  b: 2\n", 3, "'zh-Hant:' has no space after"),
        ("a:\n  en: x\n  zh-Hant:一種電子\n", 3, "write 'zh-Hant: …'"),
        ("- id: x\n  title:A title\n  year: 2\n", 2, "'title:' has no space after"),
        ("key:value\nother: 1\n", 1, "'key:' has no space after"),
        # A colon without a space that is not the fault is not named.
        ("note: |\n  see:this\n  more\ntitle: A: B\n", 4, "put such a value in quotes"),
        ("paths:\n  - C:\\texts\\a.txt\ntitle: A: B\n", 3, "put such a value in quotes"),
        ("contact:\n  - mailto:a@b.org\ntitle: A: B\n", 3, "put such a value in quotes"),
        ("title: A meeting at\n  noon:12:30 sharp\nx: A: B\n", 3, "put such a value in quotes"),
        ("notes:\n  - see:p. 3\n  - other\n  key value\n  k: 1\n", 5, "expected ':'"),
        ("a:\n  zh-Hant:一種\n  # a comment\n\n  b: 1\n", 2, "'zh-Hant:' has no space after"),
    ],
)
def test_yaml_mistakes_are_named_as_an_editor_fixes_them(text: str, line: int, words: str) -> None:
    with pytest.raises(EditionError, match=words) as caught:
        read_yaml(Path("edition.yml"), text)
    assert caught.value.line == line


def test_a_folded_chinese_text_has_no_spaces_where_its_lines_were_folded() -> None:
    text = (
        "a: >-\n  一篇短文，\n  按印刷排版。\n  Folded English\n  words\n"
        "b: |\n  保留\n  換行\nc: 中 文\n"
    )
    data = read_yaml("x.yml", text).data
    assert data["a"] == "一篇短文，按印刷排版。 Folded English words"
    assert data["b"] == "保留\n換行\n"  # a literal block keeps its line breaks
    assert data["c"] == "中 文"  # a one-line value is as written
