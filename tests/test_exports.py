"""Exports of the whole bibliography: BibTeX, RIS and CSL-JSON, and ``edition bib --format``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rispy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from edition.bibliography import Bibliography, Reference, latex_to_text, load_bibliography
from edition.cli import main
from edition.exports import CSL_TYPES, csl_item, to_bibtex, to_csl_json, to_ris

FIXTURES = Path(__file__).parent / "fixtures" / "bib"
TYPES = FIXTURES / "types.bib"


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    return load_bibliography(TYPES)


def content(ref: Reference) -> tuple:
    """Everything a reference says, without where it stood in its file."""
    return (
        ref.key,
        ref.entry_type,
        ref.authors,
        ref.year,
        ref.title,
        dict(ref.fields),
        dict(ref.names),
        ref.truncated,
    )


def reload(tmp_path: Path, text: str) -> Bibliography:
    path = tmp_path / "export.bib"
    path.write_text(text, encoding="utf-8")
    return load_bibliography(path)


def test_bibtex_export_reparses_to_the_same_entries(bib: Bibliography, tmp_path: Path) -> None:
    again = reload(tmp_path, to_bibtex(bib))
    assert [content(r) for r in again.references] == [content(r) for r in bib.references]


def test_bibtex_export_keeps_organisations_particles_and_others(bib: Bibliography) -> None:
    text = to_bibtex(bib)
    assert "{United Nations Department of Humanitarian Affairs}" in text
    assert "de Seta, Gabriele" in text
    assert "Ahmad and others" in text
    # Verbatim fields are written as they are, not LaTeX-escaped.
    assert 'url = "https://example.org/three_kinds?page=1&lang=en%20US"' in text


#: raw BibTeX text: LaTeX specials and escapes, dashes, quotes, font and unknown commands
RAW_LATEX = st.lists(
    st.sampled_from(
        [
            *"aZ9 .,:;!?()[]'\"/&#_<>~$^%-`é社",
            *("\\&", "\\%", "\\_", "--", "``", "\\'e", "{x}", "\\emph{y}", "{\\em z}", "\\foo "),
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(RAW_LATEX)
def test_bibtex_round_trip_of_loaded_text(
    tmp_path_factory: pytest.TempPathFactory, raw: str
) -> None:
    """Whatever loading makes of a value comes back unchanged through export and re-loading."""
    try:
        value = latex_to_text(raw)
    except ValueError:  # not valid LaTeX (a lone backslash): loading refuses it
        assume(False)
    path = tmp_path_factory.mktemp("rt") / "one.bib"
    ref = Reference("k", "book", (), "2000", value, {"title": value, "year": "2000"}, 1)
    path.write_text(to_bibtex(Bibliography(path, (ref,))), encoding="utf-8")
    assert load_bibliography(path)["k"].title == value


def test_csl_json_is_json_with_the_right_types(bib: Bibliography) -> None:
    items = json.loads(to_csl_json(bib))
    types = {item["id"]: item["type"] for item in items}
    assert types == {
        "plantin2018": "article-journal",
        "klinenberg2018": "book",
        "edwards2003": "chapter",
        "unitednations1992": "report",
        "andreessen2007": "webpage",
        "latham2019": "webpage",
        "jacobs2006": "book",
        "plantin2019": "article-journal",
        "ahmad2022": "document",
    }
    assert set(types.values()) <= {*CSL_TYPES.values(), "document"}


def test_csl_item_maps_fields_names_and_dates(bib: Bibliography) -> None:
    article = csl_item(bib["plantin2018"])
    assert article["container-title"] == "New Media & Society"
    assert article["issue"] == "1"
    assert article["page"] == "293-310"
    assert article["DOI"] == "10.1177/1461444816661553"
    assert article["issued"] == {"date-parts": [[2018]]}
    assert article["author"][0] == {"family": "Plantin", "given": "Jean-Christophe"}
    seta = csl_item(bib["plantin2019"])["author"][1]
    assert seta == {"family": "Seta", "given": "Gabriele", "non-dropping-particle": "de"}
    assert csl_item(bib["unitednations1992"])["author"] == [
        {"literal": "United Nations Department of Humanitarian Affairs"}
    ]
    assert csl_item(bib["unitednations1992"])["publisher"] == "United Nations"
    assert csl_item(bib["andreessen2007"])["issued"] == {"date-parts": [[2007, 9, 16]]}
    book = csl_item(bib["jacobs2006"])
    assert book["translator"] == [{"family": "金衡山"}]
    assert book["original-date"] == {"date-parts": [[1961]]}
    assert csl_item(bib["edwards2003"])["editor"][1] == {"family": "Brey", "given": "Philip"}


def test_csl_status_for_in_press(tmp_path: Path) -> None:
    bib = reload(tmp_path, "@article{a, author = {A, B.}, title = {T}, year = {in press}}")
    item = csl_item(bib["a"])
    assert item["status"] == "in press"
    assert "issued" not in item


def test_ris_has_one_record_per_entry(bib: Bibliography) -> None:
    text = to_ris(bib)
    lines = text.splitlines()
    assert sum(line.startswith("TY  - ") for line in lines) == len(bib.references)
    assert sum(line.startswith("ER  - ") for line in lines) == len(bib.references)
    assert not any(line.rstrip().endswith(".") and line[:1].isdigit() for line in lines)
    records = rispy.loads(text)
    by_id = {record["id"]: record for record in records}
    article = by_id["plantin2018"]
    assert article["type_of_reference"] == "JOUR"
    assert article["authors"][0] == "Plantin, Jean-Christophe"
    assert (article["start_page"], article["end_page"]) == ("293", "310")
    assert article["doi"] == "10.1177/1461444816661553"
    assert by_id["plantin2019"]["authors"][1] == "de Seta, Gabriele"
    assert by_id["edwards2003"]["type_of_reference"] == "CHAP"
    assert by_id["edwards2003"]["secondary_authors"] == ["Misa, Thomas J.", "Brey, Philip"]
    assert by_id["andreessen2007"]["urls"] == [
        "https://example.org/three_kinds?page=1&lang=en%20US"
    ]


def test_ris_values_never_break_lines(tmp_path: Path) -> None:
    ref = Reference("k", "book", (), "2000", "a\nTY  - JOUR", {"title": "a\nTY  - JOUR"}, 1)
    text = to_ris(Bibliography(tmp_path / "x.bib", (ref,)))
    assert sum(line.startswith("TY  - ") for line in text.splitlines()) == 1


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csljson"])
def test_cli_export_writes_the_file(tmp_path: Path, fmt: str, bib: Bibliography) -> None:
    out = tmp_path / "sub" / f"refs.{fmt}"
    assert main(["bib", str(TYPES), "--format", fmt, "-o", str(out)]) == 0
    expected = {"bibtex": to_bibtex, "ris": to_ris, "csljson": to_csl_json}[fmt](bib)
    assert out.read_text(encoding="utf-8") == expected
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left


def test_cli_error_leaves_existing_output_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "refs.ris"
    out.write_text("previous\n", encoding="utf-8")
    broken = FIXTURES / "duplicate.bib"
    assert main(["bib", str(broken), "--format", "ris", "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert f"{broken}:" in capsys.readouterr().err
