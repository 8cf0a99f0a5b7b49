"""Bad input of every kind: ``file[:line]: message``, a non-zero exit, no traceback, nothing
half-written. The matrix of the issue "Trust" and more, each case with its expected message,
and a fuzz test that mutates the materials of an edition and checks it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.annotation import check_edition
from edition.cli import main

EDITION_YML = """id: tiny
paper:
  title: A paper
  authors: [{family: Doe, given: Jane}]
  year: 2021
  language: en
  keywords: [ties]
materials:
  source: source.txt
  references: references.bib
  glossary: glossary.yml
front_matter:
  abstract: [1]
"""
SOURCE = "Weak ties matter (Granovetter, 1973). A paragraph that ends.\n\nAnother one here.\n"
REFERENCES = """@article{granovetter1973,
  author = {Granovetter, Mark S.},
  title = {The strength of weak ties},
  journal = {American Journal of Sociology},
  volume = {78},
  pages = {1360--1380},
  year = {1973}
}
"""
GLOSSARY = """terms:
  - id: weak-ties
    en: weak ties
    zh-Hant: 弱連結
    definition: {en: Ties between acquaintances., zh-Hant: 熟人之間的聯繫。}
    sources: [granovetter1973]
"""
TRANSLATION = "language: zh-Hant\ntitle: 一篇論文\n"
GUIDE = "- start: 1\n  en: The only page.\n"
PRINCIPLES = "# Principles\n\nThe editors' own words.\n"


def _write(folder: Path, name: str, content: str | bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A valid edition with every optional material."""
    folder = tmp_path / "tiny"
    for name, content in {
        "edition.yml": EDITION_YML,
        "source.txt": SOURCE,
        "references.bib": REFERENCES,
        "glossary.yml": GLOSSARY,
        "editorial/translation.yml": TRANSLATION,
        "editorial/guide.yml": GUIDE,
        "editorial/principles.en.md": PRINCIPLES,
    }.items():
        _write(folder, name, content)
    return folder


def test_the_valid_edition_checks_clean(tiny: Path, capsys) -> None:
    assert main(["check", str(tiny)]) == 0
    assert "0 errors" in capsys.readouterr().out


def _replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def _put(name: str, content: str | bytes) -> Callable[[Path], None]:
    return lambda folder: _write(folder, name, content)


def _symlink_source(folder: Path) -> None:
    outside = folder.parent / "outside.txt"
    outside.write_text("A secret.\n", encoding="utf-8")
    (folder / "source.txt").unlink()
    os.symlink(outside, folder / "source.txt")


def _nested(folder: Path) -> None:
    _write(folder, "edition.yml", EDITION_YML + "x: " + "[" * 20000 + "]" * 20000 + "\n")


def _laughs(folder: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    _write(folder, "edition.yml", EDITION_YML + "\n".join(lines) + "\n")


#: (case, how to break the edition, where the message points, words it says)
#: 920 bytes that double a macro forty times: 2**40 characters, had the reader no bound.
MACRO_BOMB = (
    '@string{a0 = "xx"}\n'
    + "".join(f"@string{{a{i} = a{i - 1} # a{i - 1}}}\n" for i in range(1, 40))
    + REFERENCES
)

CHECK_CASES: list[tuple[str, Callable[[Path], None], str, str]] = [
    ("no edition.yml", lambda f: (f / "edition.yml").unlink(), "tiny", "has no edition.yml"),
    (
        "YAML syntax",
        _replace("edition.yml", "title: A paper", "title: [A paper"),
        "edition.yml:",
        "invalid YAML",
    ),
    (
        "duplicate key",
        _replace("edition.yml", "year: 2021", "year: 2021\n  year: 1999"),
        "edition.yml:6",
        "given twice",
    ),
    (
        "unknown key",
        _replace("edition.yml", "front_matter:", "front_mater:"),
        "edition.yml:12",
        "did you mean 'front_matter'",
    ),
    (
        "abstract not a list",
        _replace("edition.yml", "abstract: [1]", "abstract: 11"),
        "edition.yml:13",
        "front_matter.abstract must be a list",
    ),
    (
        "pages a number",
        _replace("edition.yml", "keywords: [ties]", "pages: 5"),
        "edition.yml:7",
        "paper.pages must be text",
    ),
    (
        "source a word",
        _put("edition.yml", EDITION_YML + "source: hello\n"),
        "edition.yml:14",
        "source must be a mapping",
    ),
    (
        "keyword a number",
        _replace("edition.yml", "keywords: [ties]", "keywords: [2024, platform]"),
        "edition.yml:7",
        "paper.keywords[1] must be text",
    ),
    (
        "id with spaces",
        _replace("edition.yml", "id: tiny", "id: Tiny Paper"),
        "edition.yml:1",
        "lowercase ASCII",
    ),
    (
        "unknown language",
        _replace("edition.yml", "language: en", "language: fr"),
        "edition.yml:6",
        "one of",
    ),
    (
        "year as text",
        _replace("edition.yml", "year: 2021", "year: twenty"),
        "edition.yml:5",
        "whole number",
    ),
    (
        "no authors",
        _replace("edition.yml", "authors: [{family: Doe, given: Jane}]", "authors: []"),
        "edition.yml:4",
        "must not be empty",
    ),
    (
        "author without a name",
        _replace("edition.yml", "{family: Doe, given: Jane}", "{given: Jane}"),
        "edition.yml:4",
        "missing field 'family'",
    ),
    (
        "malformed DOI",
        _replace("edition.yml", "keywords: [ties]", "doi: doi.org/10.1/x"),
        "edition.yml:7",
        "bare DOI",
    ),
    (
        "script URL",
        _replace("edition.yml", "keywords: [ties]", "url: 'javascript:alert(1)'"),
        "edition.yml:7",
        "http(s)",
    ),
    (
        "material outside",
        _replace("edition.yml", "source: source.txt", "source: ../../../../etc/passwd"),
        "edition.yml:9",
        "outside the edition's folder",
    ),
    (
        "absolute material",
        _replace("edition.yml", "source: source.txt", "source: /etc/passwd"),
        "edition.yml:9",
        "relative to the edition's folder",
    ),
    ("symlink outside", _symlink_source, "edition.yml:9", "lies outside the edition's folder"),
    (
        "missing glossary",
        lambda f: (f / "glossary.yml").unlink(),
        "edition.yml:11",
        "no file 'glossary.yml'",
    ),
    (
        "page start past the end",
        _put("edition.yml", EDITION_YML + "source:\n  pages:\n    - line: 99\n"),
        "edition.yml:16",
        "past the last line",
    ),
    (
        "bad running-head pattern",
        _put("edition.yml", EDITION_YML + "source:\n  running_heads: ['(unclosed']\n"),
        "edition.yml:15",
        "not a regular expression",
    ),
    (
        "decision without its kind",
        _put("edition.yml", EDITION_YML + "decisions:\n  - {line: 1, text: x}\n"),
        "edition.yml:15",
        "missing field 'decision'",
    ),
    (
        "link without a key",
        _put("edition.yml", EDITION_YML + "decisions:\n  - {line: 1, text: x, decision: link}\n"),
        "edition.yml:15",
        "missing field 'key'",
    ),
    (
        "unresolved without a reason",
        _put(
            "edition.yml",
            EDITION_YML + "decisions:\n  - {line: 1, text: x, decision: unresolved}\n",
        ),
        "edition.yml:15",
        "missing field 'reason'",
    ),
    (
        "decision matching nothing",
        _put(
            "edition.yml",
            EDITION_YML
            + "decisions:\n  - {line: 1, text: 'Nobody, 1999', decision: not-a-citation}\n",
        ),
        "edition.yml:15",
        "matches no citation",
    ),
    (
        "decision to an unknown entry",
        _put(
            "edition.yml",
            EDITION_YML
            + "decisions:\n  - {line: 1, text: 'Granovetter, 1973', decision: link, key: nobody}\n",
        ),
        "edition.yml:15",
        "no entry 'nobody'",
    ),
    ("20,000 nested brackets", _nested, "edition.yml", "nested more than"),
    ("billion laughs", _laughs, "edition.yml", "more than"),
    (
        "NUL in edition.yml",
        _put("edition.yml", EDITION_YML.replace("A paper", "A\x00paper")),
        "edition.yml:3",
        "control character U+0000",
    ),
    (
        "edition.yml not UTF-8",
        _put("edition.yml", EDITION_YML.encode("utf-16")),
        "edition.yml:1",
        "not valid UTF-8",
    ),
    ("empty edition.yml", _put("edition.yml", ""), "edition.yml:1", "must be a mapping"),
    (
        "edition.yml a list",
        _put("edition.yml", "- id: tiny\n"),
        "edition.yml:1",
        "must be a mapping, not a list",
    ),
    ("empty source", _put("source.txt", "  \n"), "source.txt", "the file is empty"),
    (
        "source not UTF-8",
        _put("source.txt", b"Line one.\nCaf\xe9 line two.\n"),
        "source.txt:2",
        "not valid UTF-8",
    ),
    (
        "NUL in the source",
        _put("source.txt", "One line.\nA NUL\x00 here.\n"),
        "source.txt:2",
        "control character U+0000 at column 6",
    ),
    (
        "escape in the source",
        _put("source.txt", "A line with \x1b[31m colour.\n"),
        "source.txt:1",
        "control character U+001B",
    ),
    (
        "C1 control in the source",
        _put("source.txt", "Mojibake \x85 here.\n"),
        "source.txt:1",
        "control character U+0085",
    ),
    (
        "bib syntax",
        _put("references.bib", "@book{x,\n  title = {T\n"),
        "references.bib:",
        "syntax error",
    ),
    (
        "bib duplicate key",
        _put("references.bib", REFERENCES + REFERENCES),
        "references.bib:9",
        "duplicate key",
    ),
    (
        "bib entry without key",
        _put("references.bib", "@book{title = {T}, year = {2000}}\n"),
        "references.bib:1",
        "no key",
    ),
    (
        "NUL in the bib",
        _put("references.bib", REFERENCES.replace("weak ties", "weak\x00ties")),
        "references.bib:3",
        "control character U+0000",
    ),
    (
        "doubling macros",
        _put("references.bib", MACRO_BOMB),
        "references.bib:20",
        "grows past 1,000,000 characters",
    ),
    (
        "bib not UTF-8",
        _put("references.bib", REFERENCES.encode("latin-1") + b"% caf\xe9\n"),
        "references.bib:9",
        "not valid UTF-8",
    ),
    (
        "unresolved citation",
        _replace("source.txt", "(Granovetter, 1973)", "(Nobody, 1999)"),
        "source.txt:1",
        "unresolved citation 'Nobody, 1999'",
    ),
    ("glossary YAML", _put("glossary.yml", "terms: [\n"), "glossary.yml:", "invalid YAML"),
    (
        "a date YAML reads that does not exist",
        _put("edition.yml", EDITION_YML.replace("year: 2021", "year: 2021-02-30")),
        "edition.yml:5",
        "is read as a date and is not one",
    ),
    (
        "a tagged number that is none",
        _put("glossary.yml", GLOSSARY.replace("en: weak ties", "en: !!int weak ties")),
        "glossary.yml:3",
        "is read as a whole number",
    ),
    (
        "glossary missing definition",
        _replace(
            "glossary.yml",
            "    definition: {en: Ties between acquaintances., zh-Hant: 熟人之間的聯繫。}\n",
            "",
        ),
        "glossary.yml:2",
        "missing field 'definition'",
    ),
    (
        "glossary duplicate id",
        _put("glossary.yml", GLOSSARY + GLOSSARY.removeprefix("terms:\n")),
        "glossary.yml:7",
        "duplicate id 'weak-ties'",
    ),
    (
        "glossary unknown source",
        _replace("glossary.yml", "[granovetter1973]", "[nobody2000]"),
        "glossary.yml:2",
        "nobody2000",
    ),
    (
        "translation language",
        _put("editorial/translation.yml", "language: fr\ntitle: x\n"),
        "translation.yml:1",
        "one of",
    ),
    (
        "translation unknown key",
        _put("editorial/translation.yml", TRANSLATION + "summary: x\n"),
        "translation.yml:3",
        "unknown field 'summary'",
    ),
    (
        "guide start 0",
        _put("editorial/guide.yml", "- start: 0\n  en: x\n"),
        "guide.yml:1",
        "must be 1 or more",
    ),
    (
        "guide out of order",
        _put("editorial/guide.yml", "- {start: 3, en: x}\n- {start: 1, en: y}\n"),
        "guide.yml:2",
        "follow the source",
    ),
    (
        "guide starts no page",
        _put("editorial/guide.yml", "- {start: 3, en: x}\n"),
        "guide.yml:1",
        "starts no page",
    ),
    (
        "guide links an unknown term",
        _put("editorial/guide.yml", "- {start: 1, en: 'See [x](glossary:nothing).'}\n"),
        "guide.yml:1",
        "unknown glossary term 'nothing'",
    ),
    ("empty principles", _put("editorial/principles.en.md", "\n"), "principles.en.md:1", "empty"),
    (
        "relative link in principles",
        _put("editorial/principles.en.md", PRINCIPLES + "\nSee [this](../secret.txt).\n"),
        "principles.en.md:5",
        "leads nowhere",
    ),
    (
        "script link in principles",
        _put("editorial/principles.en.md", PRINCIPLES + "\n[click](javascript:alert)\n"),
        "principles.en.md:5",
        "leads nowhere",
    ),
    (
        "unresolved citation in principles",
        _put("editorial/principles.en.md", PRINCIPLES + "\nAs Nobody (1999) said.\n"),
        "principles.en.md:5",
        "does not name one work",
    ),
    (
        "overrides YAML",
        lambda f: (
            _replace(
                "edition.yml",
                "  glossary: glossary.yml",
                "  glossary: glossary.yml\n  conversion_overrides: overrides.yml",
            )(f),
            _write(f, "overrides.yml", "overrides: [\n"),
        ),
        "overrides.yml:",
        "invalid YAML",
    ),
]


@pytest.mark.parametrize(
    ("case", "change", "where", "words"), CHECK_CASES, ids=[c[0] for c in CHECK_CASES]
)
def test_check_names_every_kind_of_bad_input(
    tiny: Path, capsys, case: str, change, where: str, words: str
) -> None:
    change(tiny)
    assert main(["check", str(tiny)]) == 1, case
    output = capsys.readouterr()
    text = output.out + output.err
    assert "Traceback" not in text
    errors = [
        line for line in text.splitlines() if line.startswith(("error:", "edition check: error:"))
    ]
    assert any(where in line and words in line for line in errors), text


def test_a_classic_mac_source_keeps_its_line_numbers(tiny: Path, capsys) -> None:
    _put("source.txt", SOURCE.replace("(Granovetter, 1973)", "(Nobody, 1999)").replace("\n", "\r"))(
        tiny
    )
    assert main(["check", str(tiny)]) == 1
    assert "source.txt:1: unresolved citation 'Nobody, 1999'" in capsys.readouterr().out


def test_a_zero_width_character_inside_a_name_does_not_lose_the_link(tiny: Path) -> None:
    _replace("source.txt", "Granovetter", "Grano\u200bvetter")(tiny)
    annotated, problems = check_edition(tiny)
    assert [p for p in problems if p.severity == "error"] == []
    assert [o.citation.keys for o in annotated.occurrences] == [("granovetter1973",)]


#: (command, what is wrong, words of the message)
CLI_CASES = [
    (["clean", "{source}", "-o", "{tmp}"], "a folder as the output", "is a folder"),
    (
        ["clean", "{source}", "-o", "README.md/x.txt"],
        "a file as a folder",
        "is a file, not a folder",
    ),
    (["bib", "{bib}", "-o", "/proc/x"], "an unwritable place", "cannot write here"),
    (["cite", "{tmp}/missing.txt", "--bib", "{bib}"], "a missing text", "cannot read file"),
    (
        ["convert", "--to", "zh-Hans", "{source}", "-o", "{tmp}"],
        "a folder as the output",
        "is a folder",
    ),
    (["check", "{source}"], "a file for an edition folder", "is not a folder"),
    (["clean", "{tmp}/nothing.txt"], "a missing text", "cannot read file"),
    (
        ["new", "{edition}", "--source", "{source}", "--references", "{bib}"],
        "a folder that exists",
        "already exists",
    ),
]


@pytest.mark.parametrize(
    ("argv", "case", "words"), CLI_CASES, ids=[c[1] + " " + c[0][0] for c in CLI_CASES]
)
def test_commands_report_bad_places_without_a_traceback(
    tiny: Path, tmp_path: Path, capsys, argv: list[str], case: str, words: str
) -> None:
    values = {
        "source": str(tiny / "source.txt"),
        "bib": str(tiny / "references.bib"),
        "tmp": str(tmp_path),
        "edition": str(tiny),
    }
    before = sorted(p.name for p in tmp_path.iterdir())
    status = main([part.format(**values) for part in argv])
    output = capsys.readouterr()
    assert status == 1, case
    assert "Traceback" not in output.err
    assert words in output.err + output.out
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing half-written


# --- fuzz: any mutation of a material gives problems, never an exception -----------------

_MATERIALS = {
    "edition.yml": EDITION_YML,
    "source.txt": SOURCE,
    "references.bib": REFERENCES,
    "glossary.yml": GLOSSARY,
    "editorial/guide.yml": GUIDE,
}
_ALPHABET = st.sampled_from(list("{}[]():,'\"-#&*!|>% \n\t\\@=0123456789abcxyz弱連結\x00\u200b"))


@st.composite
def _mutation(draw) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(_MATERIALS)))
    text = _MATERIALS[name]
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 6))
        text = text[:at] + "".join(draw(st.lists(_ALPHABET, max_size=6))) + text[at + cut :]
    return name, text


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_mutation())
def test_any_mutated_material_gives_problems_with_places_never_an_exception(
    tiny: Path, mutation: tuple[str, str]
) -> None:
    name, text = mutation
    _write(tiny, name, text)
    try:
        _, problems = check_edition(tiny)
    finally:
        _write(tiny, name, _MATERIALS[name])
    for problem in problems:
        assert problem.path is not None, problem
        assert problem.severity in ("error", "warning", "info")
        assert "\n" not in problem.message.strip() or "citation" in problem.message


def test_written_files_get_the_usual_mode(tmp_path: Path) -> None:
    from edition.output import write_atomic

    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "out.txt", "text\n")
    finally:
        os.umask(umask)
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == 0o644


def test_term_links_do_not_depend_on_what_else_the_process_did(tiny: Path) -> None:
    """Material's search loads the glossary into jieba's own tokenizer; the edition's term
    matching must cut the same text the same way before and after."""
    import jieba

    from edition.annotation import annotate

    _write(tiny, "source.txt", "服務平台微信的弱連結很重要。這是一段話。\n")
    before = [m.text for ms in annotate(tiny).terms_by_block.values() for m in ms]
    jieba.add_word("平台微信", 10**6)
    jieba.add_word("服務平台", 10**6)
    try:
        after = [m.text for ms in annotate(tiny).terms_by_block.values() for m in ms]
    finally:
        jieba.del_word("平台微信")
        jieba.del_word("服務平台")
    assert after == before == ["弱連結"]


def test_a_broken_edition_yml_does_not_hide_the_other_materials_problems(tiny: Path) -> None:
    _replace("edition.yml", "paper:", "paper:\n  licnce: x")(tiny)
    _replace("glossary.yml", "sources:", "source:")(tiny)
    _, problems = check_edition(tiny)
    messages = [str(p) for p in problems if p.severity == "error"]
    assert any("edition.yml:3: unknown field 'licnce'" in m for m in messages)
    assert any("glossary.yml:2" in m and "did you mean 'sources'" in m for m in messages)
