"""Loading BibTeX into the bibliography model: values, names, lines, errors and APA checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.bibliography import (
    Bibliography,
    Name,
    apa_sort_key,
    check_bibliography,
    load_bibliography,
)
from edition.errors import EditionError

FIXTURES = Path(__file__).parent / "fixtures" / "bib"
TYPES = FIXTURES / "types.bib"


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line containing ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    return load_bibliography(TYPES)


def test_references_keep_file_order_types_and_start_lines(bib: Bibliography) -> None:
    text = TYPES.read_text(encoding="utf-8")
    starts = [line for line in text.splitlines() if line.startswith("@")]
    assert [f"@{r.entry_type}{{{r.key}," for r in bib.references] == starts
    for ref in bib.references:
        assert ref.line == line_of(TYPES, f"{{{ref.key},")


def test_lookup_by_key(bib: Bibliography) -> None:
    assert "klinenberg2018" in bib
    assert "nobody1900" not in bib
    assert bib["klinenberg2018"].title == "Palaces for the people"
    with pytest.raises(KeyError):
        bib["nobody1900"]


def test_latex_is_resolved_to_unicode(bib: Bibliography) -> None:
    assert bib["plantin2018"].fields["journal"] == "New Media & Society"
    assert bib["plantin2018"].fields["pages"] == "293–310"
    assert bib["plantin2019"].title == "WeChat as infrastructure: Müller's case"


def test_verbatim_fields_are_not_decoded(bib: Bibliography) -> None:
    # '%' would start a LaTeX comment, '_' and '&' are specials: a URL must survive as written.
    url = bib["andreessen2007"].fields["url"]
    assert url == "https://example.org/three_kinds?page=1&lang=en%20US"


def test_names_split_with_particle_and_cited_form(bib: Bibliography) -> None:
    plantin, seta = bib["plantin2019"].authors
    assert plantin == Name(family="Plantin", given="Jean-Christophe")
    assert seta == Name(family="Seta", given="Gabriele", particle="de")
    assert seta.cited == "de Seta"
    assert plantin.cited == "Plantin"


def test_braced_name_is_an_organisation(bib: Bibliography) -> None:
    (org,) = bib["unitednations1992"].authors
    assert org.organisation
    assert org.cited == "United Nations Department of Humanitarian Affairs"
    assert org.given == ""


def test_every_name_field_is_parsed_by_role(bib: Bibliography) -> None:
    chapter = bib["edwards2003"]
    assert [n.family for n in chapter.names["editor"]] == ["Misa", "Brey"]
    assert [n.family for n in chapter.authors] == ["Edwards"]
    assert bib["jacobs2006"].names["translator"] == (Name(family="金衡山"),)


def test_editors_stand_in_for_missing_authors(tmp_path: Path) -> None:
    path = write(tmp_path, "@book{ed, editor = {Misa, Thomas J.}, title = {T}}")
    assert load_bibliography(path)["ed"].authors == (Name("Misa", "Thomas J."),)


def test_and_others_is_et_al_not_a_person(bib: Bibliography) -> None:
    ahmad = bib["ahmad2022"]
    assert ahmad.authors == (Name(family="Ahmad"),)
    assert ahmad.et_al
    assert not bib["plantin2018"].et_al


def test_year_from_year_or_date_else_no_date(bib: Bibliography, tmp_path: Path) -> None:
    assert bib["andreessen2007"].year == "2007"
    assert bib["klinenberg2018"].year == "2018"
    path = write(tmp_path, "@book{a, title = {T}}\n@book{b, title = {T}, year = {in press}}")
    undated = load_bibliography(path)
    assert undated["a"].year == "n.d."
    assert undated["b"].year == "in press"


def test_malformed_entry_names_file_and_line() -> None:
    path = FIXTURES / "malformed.bib"
    with pytest.raises(EditionError) as caught:
        load_bibliography(path)
    error = caught.value
    assert error.path == path
    # pybtex notices the unclosed brace at the end of the file; the message names the entry.
    assert error.line == len(path.read_text(encoding="utf-8").splitlines())
    assert f"from line {line_of(path, '@article{broken')}" in str(error)
    assert str(error).startswith(f"{path}:{error.line}: ")


def test_undefined_macro_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "@book{a,\n  title = {T},\n  year = unknownmacro\n}\n")
    with pytest.raises(EditionError, match="unknownmacro") as caught:
        load_bibliography(path)
    assert caught.value.line == 3


def test_duplicate_key_names_the_second_occurrence() -> None:
    path = FIXTURES / "duplicate.bib"
    with pytest.raises(EditionError, match="duplicate key 'First'") as caught:
        load_bibliography(path)
    assert caught.value.line == line_of(path, "@article{First")
    assert f"first used on line {line_of(path, '@book{first')}" in str(caught.value)


def test_duplicate_field_names_the_entry(tmp_path: Path) -> None:
    path = write(tmp_path, "\n@book{a,\n title = {x},\n title = {y}\n}\n")
    with pytest.raises(EditionError, match="'title' twice") as caught:
        load_bibliography(path)
    assert caught.value.line == 2


def test_entry_without_key_names_its_line() -> None:
    path = FIXTURES / "nokey.bib"
    with pytest.raises(EditionError, match="no key") as caught:
        load_bibliography(path)
    assert caught.value.line == line_of(path, "No key")


def test_field_glued_to_the_brace_is_not_taken_for_a_key(tmp_path: Path) -> None:
    # pybtex would read "title={x" as the key and accept the entry.
    path = write(tmp_path, "@book{ok, title = {T}}\n@book{title={x}, year = {2000}}\n")
    with pytest.raises(EditionError, match="no key") as caught:
        load_bibliography(path)
    assert caught.value.line == 2


def test_non_utf8_file_is_refused_with_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.bib"
    path.write_bytes(
        "@book{a,\n  title = {x}\n}\n@book{b,\n  title = {café}\n}\n".encode("latin-1")
    )
    with pytest.raises(EditionError, match="UTF-8") as caught:
        load_bibliography(path)
    assert caught.value.line == 5


def test_name_suffix_is_refused_not_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, "@book{king, author = {King, Jr, Martin Luther}, title = {T}}")
    with pytest.raises(EditionError, match="Jr"):
        load_bibliography(path)


def test_complete_entries_have_no_problems(bib: Bibliography) -> None:
    problems = check_bibliography(bib)
    keyed = {p.message.split("}")[0].split("{")[1] for p in problems}
    assert keyed == {"ahmad2022"}


def test_missing_apa_fields_are_errors_with_line_unless_a_note_accounts_for_them(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "@article{a,\n  author = {A, B.},\n  title = {T},\n  year = {2000}\n}\n\n"
        "@incollection{c,\n  title = {T},\n  booktitle = {B},\n  year = {2000},\n"
        "  note = {Editors' note: author, publisher and pages could not be confirmed.}\n}\n",
    )
    problems = check_bibliography(load_bibliography(path))
    article = [p for p in problems if "{a}" in p.message]
    assert sorted(p.message.split(" lacks ")[1].split(",")[0] for p in article) == [
        "journal or journaltitle",
        "volume",
    ]
    assert all(p.line == 1 and p.path == path and p.severity == "error" for p in article)
    chapter = [p for p in problems if "{c}" in p.message]
    assert {p.message.split(" lacks ")[1].split(",")[0] for p in chapter} == {
        "author",
        "publisher",
        "pages",
    }
    assert {p.line for p in chapter} == {line_of(path, "@incollection")}
    assert {p.severity for p in chapter} == {"warning"}


def test_book_needs_author_or_editor(tmp_path: Path) -> None:
    text = "@book{b, {who} title = {T}, publisher = {P}, year = {2000}}"
    edited = load_bibliography(write(tmp_path, text.replace("{who}", "editor = {E, F.},")))
    assert check_bibliography(edited) == []
    anonymous = load_bibliography(write(tmp_path, text.replace("{who}", "")))
    assert ["author or editor" in p.message for p in check_bibliography(anonymous)] == [True]


def test_non_http_url_and_bad_doi_are_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "@online{x, author = {A, B.}, title = {T}, year = {2000}, url = {javascript:alert(1)}}\n"
        "@online{y, author = {A, B.}, title = {T}, year = {2000}, url = {https://a.org},"
        " doi = {not a doi}}\n",
    )
    problems = check_bibliography(load_bibliography(path))
    assert [(p.line, p.severity) for p in problems] == [(1, "error"), (2, "error")]
    assert "javascript" in problems[0].message
    assert "doi" in problems[1].message


def test_unknown_entry_type_is_reported(tmp_path: Path) -> None:
    problems = check_bibliography(load_bibliography(write(tmp_path, "@patent{p, title={T}}")))
    assert len(problems) == 1
    assert "no rule" in problems[0].message


def test_year_labels_same_authors_same_year_by_title() -> None:
    bib = load_bibliography(FIXTURES / "suffixes.bib")
    # "An apple book" sorts before "The zebra book" (leading articles ignored): a, then b.
    assert bib.year_label("smith2020y") == "2020a"
    assert bib.year_label("smith2020x") == "2020b"
    # Different author list, or different year: no suffix.
    assert bib.year_label("smith2020z") == "2020"
    assert bib.year_label("smith2019") == "2019"
    # APA writes suffixes of undated works as n.d.-a.
    assert bib.year_label("smithnd2") == "n.d.-a"
    assert bib.year_label("smithnd1") == "n.d.-b"


def test_year_labels_run_past_z(tmp_path: Path) -> None:
    entries = "".join(
        f"@book{{w{i}, author = {{Smith, A.}}, title = {{T{i:02d}}}, year = {{2000}}}}\n"
        for i in range(28)
    )
    bib = load_bibliography(write(tmp_path, entries))
    labels = [bib.year_label(f"w{i}") for i in range(28)]
    assert labels[0] == "2000a"
    assert labels[25] == "2000z"
    assert labels[26:] == ["2000aa", "2000ab"]


def test_apa_sort_key_orders_author_then_year(bib: Bibliography) -> None:
    suffixes = load_bibliography(FIXTURES / "suffixes.bib")
    ordered = [r.key for r in sorted(suffixes.references, key=apa_sort_key)]
    # Undated first, then by year; one author before the same author with a co-author.
    assert ordered == [
        "smithnd2",
        "smithnd1",
        "smith2019",
        "smith2020y",
        "smith2020x",
        "smith2020z",
    ]
    families = [r.authors[0].cited.casefold() for r in sorted(bib.references, key=apa_sort_key)]
    assert families == sorted(families)
