"""Exports of the whole bibliography: BibTeX, RIS and CSL-JSON, and ``edition bib --format``.

What goes in must come out: a property test writes generated BibTeX entries, loads them,
exports them in the three formats the site offers, reads each export back with an
independent reader (our loader, ``json``, ``rispy``) and finds every field again where the
target format holds it.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import rispy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database import BibliographyData

from edition.bibliography import Bibliography, Name, Reference, load_bibliography
from edition.cli import main
from edition.csl import csl_date
from edition.exports import (
    _AsWritten,
    _BibTeXWriter,
    _pybtex_entry,
    bibtex_entries,
    csl_item,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from edition.site.metadata import coins

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
        dict(ref.raw),
    )


def reload(tmp_path: Path, text: str) -> Bibliography:
    path = tmp_path / "export.bib"
    path.write_text(text, encoding="utf-8")
    return load_bibliography(path)


@pytest.mark.parametrize(
    "fixture",
    ["types.bib", "reported.bib", "apa7-manual.bib", "others.bib", "volumes.bib", "arxiv.bib"],
)
def test_bibtex_export_reparses_to_the_same_entries(tmp_path: Path, fixture: str) -> None:
    bib = load_bibliography(FIXTURES / fixture)
    again = reload(tmp_path, to_bibtex(bib))
    assert [content(r) for r in again.references] == [content(r) for r in bib.references]
    assert again.preambles == bib.preambles


def test_bibtex_export_writes_values_as_written(tmp_path: Path) -> None:
    """Case-protecting braces, math, macros and name forms are kept, not re-encoded."""
    bib = reload(
        tmp_path,
        "@article{k,\n  author = {family=Gogh, given=Vincent, prefix=van, useprefix=true},\n"
        "  title = {{WeChat} and \\mnras: $\\alpha$ and \\log},\n"
        "  abstract = {Rates rose by 50% in 2020.},\n  journal = {J}, year = 2000\n}\n",
    )
    text = to_bibtex(bib)
    assert "author = {family=Gogh, given=Vincent, prefix=van, useprefix=true}" in text or (
        'author = "family=Gogh, given=Vincent, prefix=van, useprefix=true"' in text
    )
    assert "{WeChat} and \\mnras: $\\alpha$ and \\log" in text
    assert "\\textbackslash" not in text
    assert "Rates rose by 50% in 2020." in text


def test_bibtex_export_of_a_crossref_child_is_complete(tmp_path: Path) -> None:
    bib = load_bibliography(FIXTURES / "reported.bib")
    alone = reload(tmp_path, to_bibtex(Bibliography(bib.path, (bib["child"],))))
    assert alone["child"].fields["booktitle"] == "The whole book"
    assert alone["child"].year == "2023"


def test_entries_built_in_code_are_encoded(tmp_path: Path) -> None:
    """Without a source, Unicode values are encoded as LaTeX by pybtex's writer."""
    names = (Name("Seta", "Gabriele", "de"), Name("King", "Martin Luther", suffix="Jr."))
    fields = {"title": "50% of {all} A & B \\ C", "year": "2000"}
    ref = Reference("k", "book", names, "2000", fields["title"], fields, 1, {"author": names})
    again = reload(tmp_path, to_bibtex(Bibliography(tmp_path / "x.bib", (ref,))))
    assert again["k"].title == "50% of {all} A & B \\ C"
    assert again["k"].authors == names


@pytest.mark.parametrize("name", ["World Health Organization", "本版編者", "A {braced} & Co"])
def test_an_organisation_built_in_code_is_exported_as_one_name(tmp_path: Path, name: str) -> None:
    names = (Name(name, organisation=True), Name("Smith", "Jane"))
    fields = {"title": "T", "year": "2000"}
    ref = Reference("k", "misc", names, "2000", "T", fields, 1, {"author": names})
    again = reload(tmp_path, to_bibtex(Bibliography(tmp_path / "x.bib", (ref,))))
    assert again["k"].authors == names


def test_csl_json_is_json_with_the_right_types(bib: Bibliography) -> None:
    items = json.loads(to_csl_json(bib))
    types = {item["id"]: item["type"] for item in items}
    assert types == {
        "plantin2018": "article-journal",
        "klinenberg2018": "book",
        "edwards2003": "chapter",
        "unitednations1992": "report",
        "andreessen2007": "webpage",
        "latham2019": "document",
        "jacobs2006": "book",
        "plantin2019": "article-journal",
        "ahmad2022": "document",
    }


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


def test_csl_item_of_reported_inputs() -> None:
    reported = load_bibliography(FIXTURES / "reported.bib")
    costa = csl_item(reported["costa"])["author"][0]
    assert costa == {"family": "Costa", "given": "Paul T.", "suffix": "Jr."}
    beethoven = csl_item(reported["gogh"])["author"][1]
    assert beethoven == {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}
    assert csl_item(reported["wang"])["author"][0] == {"family": "王", "given": "小明"}
    latex = csl_item(reported["latex"])
    assert latex["abstract"] == "Rates rose by 50% in 2020, not 50%."
    assert csl_item(reported["links"])["URL"] == "http://www.example.edu/a%20b.html"
    chapter = csl_item(reported["child"])
    assert chapter["container-title"] == "The whole book: Its subtitle"
    assert chapter["issued"] == {"date-parts": [[2023]]}
    assert csl_item(reported["inpress"])["status"] == "in press"


def test_a_volume_title_is_exported_with_its_main_title() -> None:
    """CSL 1.0.2's ``volume-title``; RIS has no tag for it, so it follows the main title."""
    volumes = load_bibliography(FIXTURES / "volumes.bib")
    volume = csl_item(volumes["handbook-volume"])
    assert volume["title"] == "APA educational psychology handbook"
    assert volume["volume-title"] == "Individual differences and cultural and contextual factors"
    assert "container-title" not in volume
    chapter = csl_item(volumes["handbook-chapter"])
    assert (chapter["container-title"], chapter["volume-title"]) == (
        "APA educational psychology handbook",
        "Individual differences",
    )
    records = {record["id"]: record for record in rispy.loads(to_ris(volumes))}
    assert records["handbook-volume"]["title"] == (
        "APA educational psychology handbook: Individual differences and cultural and "
        "contextual factors"
    )
    assert records["handbook-chapter"]["secondary_title"] == (
        "APA educational psychology handbook: Individual differences"
    )


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("@unpublished{k, title = {T}, eventtitle = {E}}", "speech"),
        ("@article{k, title = {T}, entrysubtype = {newspaper}}", "article-newspaper"),
        ("@conference{k, title = {T}}", "paper-conference"),
        ("@phdthesis{k, title = {T}}", "thesis"),
        ("@misc{k, title = {T}, howpublished = {\\url{https://a.org}}}", "webpage"),
        ("@misc{k, title = {T}, howpublished = {Blog post}, url = {https://a.org}}", "document"),
        ("@inreference{k, title = {T}}", "entry-encyclopedia"),
        ("@whatever{k, title = {T}}", "document"),
    ],
)
def test_csl_types_after_biber_aliases(tmp_path: Path, entry: str, expected: str) -> None:
    assert csl_item(reload(tmp_path, entry)["k"])["type"] == expected


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
    assert by_id["andreessen2007"]["date"] == "2007/09/16/"


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


# --- The round trip over generated entries -------------------------------------------

#: raw BibTeX text: LaTeX specials and escapes, dashes, quotes, font and unknown commands,
#: a percent sign that is text, math
RAW_TEXT = st.lists(
    st.sampled_from(
        [
            *"aZ9 .,:;!?()[]'\"/&#_<>~^-`é社",
            *("\\&", "\\%", "%", "\\_", "--", "``", "\\'e", "{x}", "{\\em z}", "\\emph{y}"),
            *("\\foo ", "$x^2$", "\\textsuperscript{th}", "\\LaTeX{}", '{\\"u}'),
        ]
    ),
    min_size=1,
    max_size=25,
).map("".join)
NAME_PART = st.sampled_from(["Müller", "O'Brien", "Jean-Christophe", '{\\"O}zt{\\"u}rk', "Li"])
PERSON = st.tuples(
    NAME_PART, NAME_PART, st.sampled_from(["", "de", "van der"]), st.sampled_from(["", "Jr."])
).map(lambda p: f"{p[2]} {p[0]}, {p[3]}, {p[1]}".replace(", , ", ", ").strip())
ORGANISATION = st.sampled_from(["{Pew Research Center}", "{Smith \\& Sons}", "{世界卫生组织}"])
NAMES = st.lists(st.one_of(PERSON, ORGANISATION), min_size=1, max_size=4).map(" and ".join)
URL = st.text("abc_~%20&=?/.-", min_size=1, max_size=15).map(lambda p: f"https://example.org/{p}")
DATE = st.dates().map(lambda d: d.isoformat()).filter(lambda d: d[:1] in "12")

#: field -> the strategy for its raw BibTeX value
GENERATED_FIELDS = {
    "title": RAW_TEXT,
    "subtitle": RAW_TEXT,
    "author": NAMES,
    "editor": NAMES,
    "translator": NAMES,
    "publisher": RAW_TEXT,
    "location": RAW_TEXT,
    "edition": st.sampled_from(["2", "3rd", "Summer 2019 ed."]),
    "volume": st.integers(1, 999).map(str),
    "pages": st.tuples(st.integers(1, 99), st.integers(100, 999)).map(lambda p: f"{p[0]}--{p[1]}"),
    "series": RAW_TEXT,
    "date": DATE,
    "urldate": DATE,
    "origdate": st.integers(1500, 2020).map(str),
    "doi": st.text("0123456789abc./()<>;-", min_size=1, max_size=12).map(lambda s: f"10.1234/{s}"),
    "url": URL,
    "isbn": st.sampled_from(["978-3-16-148410-0", "0-306-40615-2"]),
    "issn": st.sampled_from(["1939-1471", "0028-0836"]),
    "abstract": RAW_TEXT,
    "keywords": st.lists(st.sampled_from(["infrastructure", "WeChat", "社区"]), min_size=1).map(
        ", ".join
    ),
    "note": RAW_TEXT,
    "language": st.sampled_from(["english", "chinese"]),
    "eprint": st.sampled_from(["2101.00001", "hep-th/9901001"]),
    "eprinttype": st.sampled_from(["arxiv", "pubmed"]),
}
#: entry type -> the field holding its container, and the one holding its number
CONTAINERS = {"article": "journaltitle", "incollection": "booktitle", "report": None}

#: BibTeX field -> where CSL-JSON holds it (names and dates are checked on their own)
CSL_HOLDS = {
    "publisher": "publisher",
    "location": "publisher-place",
    "edition": "edition",
    "volume": "volume",
    "series": "collection-title",
    "isbn": "ISBN",
    "issn": "ISSN",
    "abstract": "abstract",
    "keywords": "keyword",
    "note": "note",
    "language": "language",
    "eprint": "archive_location",
    "eprinttype": "archive",
    "url": "URL",
    "journaltitle": "container-title",
    "booktitle": "container-title",
}
#: BibTeX field -> where RIS holds it (rispy's names for the RIS tags)
RIS_HOLDS = {
    "publisher": "publisher",
    "location": "place_published",
    "edition": "edition",
    "volume": "volume",
    "series": "tertiary_title",
    "abstract": "abstract",
    "language": "language",
    "eprint": "accession_number",
    "eprinttype": "name_of_database",
    "journaltitle": "secondary_title",
    "booktitle": "secondary_title",
}
#: CSL date variable <- BibTeX field, and the RIS key that holds the same date
DATES = {"date": ("issued", "date"), "urldate": ("accessed", "access_date")}


@st.composite
def generated_entries(draw: st.DrawFn) -> str:
    """One generated BibTeX entry of a type that holds a container or a number."""
    entry_type = draw(st.sampled_from(sorted(CONTAINERS)))
    names = draw(st.sets(st.sampled_from(sorted(GENERATED_FIELDS)), min_size=6))
    fields = {name: draw(GENERATED_FIELDS[name]) for name in sorted(names)}
    if CONTAINERS[entry_type]:
        fields[CONTAINERS[entry_type]] = draw(RAW_TEXT)
    body = "".join(f",\n  {name} = {{{value}}}" for name, value in fields.items())
    return f"@{entry_type}{{k{body}\n}}\n"


def _found(value: str, held: object) -> bool:
    """Whether an exported value holds the loaded one (a title may be joined with more)."""
    if isinstance(held, list):
        return any(_found(value, item) for item in held)
    return value in " ".join(str(held).split())


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(source=generated_entries())
def test_exports_lose_no_field_their_format_can_hold(tmp_path: Path, source: str) -> None:
    (ref,) = reload(tmp_path, source).references
    fields = ref.fields
    bib = Bibliography(tmp_path / "export.bib", (ref,))

    (again,) = reload(tmp_path, to_bibtex(bib)).references
    assert content(again) == content(ref)

    (item,) = json.loads(to_csl_json(bib))
    (record,) = rispy.loads(to_ris(bib))
    if item["type"] == "article":  # an arXiv preprint: its number and publisher say it
        assert item["number"] == f"arXiv:{fields['eprint']}" and item["publisher"]
        fields = {k: v for k, v in fields.items() if k not in {"eprint", "eprinttype"}}
    for field, variable in CSL_HOLDS.items():
        if fields.get(field):
            assert _found(fields[field], item[variable]), (field, item)
    for field, key in RIS_HOLDS.items():
        if fields.get(field):
            assert _found(fields[field], record[key]), (field, record)
    if fields.get("title"):
        assert _found(fields["title"], item["title"]) and _found(fields["title"], record["title"])
    if fields.get("doi"):
        assert item["DOI"] == record["doi"] == fields["doi"]
    if fields.get("url"):
        assert record["urls"] == [fields["url"]]
    if fields.get("keywords"):
        assert record["keywords"] == fields["keywords"].split(", ")
    for field in ("isbn", "issn"):
        if fields.get(field):
            assert fields[field] in record["issn"]
    if fields.get("pages"):
        first, last = fields["pages"].split("–")
        assert item["page"] == f"{first}-{last}"
        assert (record["start_page"], record["end_page"]) == (first, last)
    for field, (variable, key) in DATES.items():
        if fields.get(field):
            assert item[variable] == csl_date(fields[field])
            assert record[key] == fields[field].replace("-", "/") + "/"
    if fields.get("origdate"):
        assert record["original_publication"].startswith(fields["origdate"])
    for role, variable, key in (
        ("author", "author", "authors"),
        ("editor", "editor", "secondary_authors"),
        ("translator", "translator", "subsidiary_authors"),
    ):
        names = ref.names.get(role, ())
        assert len(item.get(variable, [])) == len(names)
        assert len(record.get(key, [])) == len(names)
        for name, exported in zip(names, record.get(key, []), strict=True):
            assert exported.startswith(f"{name.particle} {name.family}".strip())
            assert name.given in exported and name.suffix in exported


def test_coins_name_each_kind_of_work_as_zotero_reads_it() -> None:
    """OpenURL 1.0 KEV: journal articles, book chapters and theses in their own formats."""
    manual = load_bibliography(FIXTURES / "apa7-manual.bib")
    article = parse_qs(coins(csl_item(manual["ex01"])))
    assert article["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:journal"]
    assert article["rft.jtitle"] == ["Psychological Review"]
    assert article["rft.au"] == ["McCauley, Stewart M.", "Christiansen, Morten H."]
    assert article["rft_id"] == ["info:doi/10.1037/rev0000126"]
    assert (article["rft.spage"], article["rft.epage"]) == (["1"], ["51"])
    chapter = parse_qs(coins(csl_item(manual["ex38"])))  # booktitle from the crossref
    assert chapter["rft.genre"] == ["bookitem"]
    assert chapter["rft.btitle"] == [
        "Culturally responsive cognitive behavior therapy: Practice and supervision"
    ]
    thesis = parse_qs(coins(csl_item(manual["ex65"])))
    assert thesis["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:dissertation"]
    assert thesis["rft.inst"] == ["University of Virginia"]
    suffix = parse_qs(coins(csl_item(manual["ex60"])))
    assert suffix["rft.creator"][0] == "Evans, A. C., Jr."


def test_arxiv_written_as_the_journal_is_exported_as_a_preprint() -> None:
    """CSL's "article" with the arXiv number; the BibTeX export keeps the entry as written."""
    bib = load_bibliography(FIXTURES / "arxiv.bib")
    dblp = csl_item(bib["dblp"])
    assert dblp["type"] == "article"
    assert (dblp["number"], dblp["publisher"]) == ("arXiv:1706.03762", "arXiv")
    assert "container-title" not in dblp and "volume" not in dblp
    ads = csl_item(bib["ads"])
    assert (ads["type"], ads["number"]) == ("article", "arXiv:2101.00001")
    assert "page" not in ads
    assert csl_item(bib["published"])["container-title"] == "Physical Review D"
    assert to_bibtex(bib).count('journal = "CoRR"') == 2


def test_a_title_addition_is_the_description_unless_a_type_gives_one(tmp_path: Path) -> None:
    """biblatex's titleaddon ("Editorial") is what APA writes in brackets (CSL genre); with a
    ``type`` it stays after the title. Either way the exports hold it."""
    bib = reload(
        tmp_path,
        "@article{e, title = {T}, titleaddon = {Editorial}, journal = {J}}\n"
        "@misc{m, title = {T}, titleaddon = {Letter to the editor}, type = {Comment}}\n",
    )
    editorial, letter = (csl_item(bib[key]) for key in ("e", "m"))
    assert (editorial["title"], editorial["genre"]) == ("T", "Editorial")
    assert (letter["title"], letter["genre"]) == ("T. Letter to the editor", "Comment")
    assert {r["type_of_work"] for r in rispy.loads(to_ris(bib))} == {"Editorial", "Comment"}


def test_bibtex_is_written_as_pybtex_writes_the_whole_database(tmp_path: Path) -> None:
    """The file is assembled from each entry written alone (the site's copy buttons): it
    must be what pybtex's writer makes of the whole database, preamble and all."""
    (tmp_path / "refs.bib").write_text(
        '@preamble{"\\newcommand{\\noop}[1]{}"}\n'
        "@book{a, author = {Ann Author and others}, title = {One {DNA} book}, year = 2001,\n"
        "  publisher = {P}, url = {https://example.org/a_b%20c}}\n"
        "@article{b, author = {{World Health Organization}}, title = {Two}, year = {2002},\n"
        "  journal = {J}, note = {50\\% of {\\'e}t{\\'e}}}\n",
        encoding="utf-8",
    )
    bib = load_bibliography(tmp_path / "refs.bib")
    data = BibliographyData(
        {ref.key: _pybtex_entry(ref) for ref in bib.references},
        preamble=[_AsWritten(preamble) for preamble in bib.preambles],
    )
    whole = io.StringIO()
    _BibTeXWriter(encoding="UTF-8").write_stream(data, whole)
    assert to_bibtex(bib) == whole.getvalue()
    assert to_bibtex(bib, bibtex_entries(bib)) == whole.getvalue()
    assert whole.getvalue().startswith("@preamble") and whole.getvalue().count("\n@") == 2
