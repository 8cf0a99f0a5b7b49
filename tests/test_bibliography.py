"""Loading BibTeX into the bibliography model: values, names, lines, errors and APA checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pylatexenc.latex2text import LatexNodes2Text

from edition.bibliography import (
    Bibliography,
    Name,
    apa_sort_key,
    check_bibliography,
    load_bibliography,
)
from edition.csl import csl_item
from edition.errors import EditionError
from edition.latex import LatexDecoder

FIXTURES = Path(__file__).parent / "fixtures" / "bib"
TYPES = FIXTURES / "types.bib"
REPORTED = FIXTURES / "reported.bib"


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


@pytest.fixture(scope="module")
def reported() -> Bibliography:
    return load_bibliography(REPORTED)


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


def test_latex_commands_bibtex_files_use(reported: Bibliography) -> None:
    latex = reported["latex"]
    # \LaTeX, \textsuperscript, math kept as TeX, \noopsort-style macros of the @preamble
    assert latex.title == "The LaTeX of the 19th century: $E=mc^2$ and $\\alpha$-helices"
    assert latex.year == "1981"
    assert latex.fields["number"] == "x"  # \ttname{#1} from the @preamble expands to #1
    assert latex.fields["journal"] == "MNRAS"  # NASA ADS's journal macros (aas_macros.sty)
    assert latex.warnings == {}


def test_percent_is_text_in_a_value(reported: Bibliography) -> None:
    abstract = reported["latex"].fields["abstract"]
    assert abstract == "Rates rose by 50% in 2020, not 50%."


def test_undefined_command_is_kept_visible_and_reported(reported: Bibliography) -> None:
    ref = reported["undefined"]
    assert ref.title == "An \\undefinedmacro in a title"
    message = "LaTeX command \\undefinedmacro is not defined; kept as written"
    assert ref.warnings == {"title": (message,)}
    problems = [p for p in check_bibliography(reported) if "{undefined}" in p.message]
    assert [(p.severity, p.line) for p in problems if "undefinedmacro" in p.message] == [
        ("warning", line_of(REPORTED, "@article{undefined"))
    ]


def test_urls_are_verbatim(bib: Bibliography, reported: Bibliography) -> None:
    # '%' would start a LaTeX comment, '_' and '&' are specials: a URL must survive as written.
    url = bib["andreessen2007"].fields["url"]
    assert url == "https://example.org/three_kinds?page=1&lang=en%20US"
    links = reported["links"]
    assert links.fields["howpublished"] == "http://www.example.edu/a%20b.html"
    assert links.fields["note"] == "See http://www.example.edu/~hal/a_b.html."


def test_comments_between_fields_and_entries_are_ignored(reported: Bibliography) -> None:
    assert "commented-out" not in reported
    assert reported["links"].fields["author"] == "Hal, A."
    assert reported["links"].line == line_of(REPORTED, "@misc{links")


@pytest.fixture(scope="module")
def peers() -> Bibliography:
    return load_bibliography(FIXTURES / "peers.bib")


@pytest.mark.parametrize(
    ("key", "names"),
    [
        ("annotations", [("Benneyworth", "Laura"), ("Gilligan", "Jonathan")]),
        ("trailing", [("Abadi", "Martín"), ("Agarwal", "Ashish")]),
        ("accents", [("Bodík", "Rastislav"), ("Nguyễn", "Xuân Thắng"), ("Gürkan", "G.")]),
        ("vancouver", [("Wilshut", "E"), ("Rinkenauer", "G"), ("Brookhuis", "K. A.")]),
        ("spaces", [("McKinney", "Wes")]),
    ],
)
def test_names_reported_on_other_tools_trackers(
    peers: Bibliography, key: str, names: list[tuple[str, str]]
) -> None:
    read = [(n.family, n.given) for n in peers[key].authors]
    assert read[: len(names)] == names
    assert peers["trailing"].et_al


def test_inputs_reported_on_other_tools_trackers_load_with_warnings(peers: Bibliography) -> None:
    assert "Jarse.2023" in peers and "marj:1961" in peers  # keys with . and :
    assert peers["bibdesk"].fields["month"] == "Dec"
    assert peers["bibdesk"].fields["class"] == "Welfare States & Health Wellbeing 2010"
    assert peers["annotations"].fields["author+an"] == "1=student;2=self;"
    assert peers["edtfcirca"].fields["date"] == "1950~"  # a date is not LaTeX: ~ is not a tie
    warnings = {p.message.split(": ", 1)[1] for p in check_bibliography(peers) if ": " in p.message}
    assert any(w.startswith("annote: not valid LaTeX") for w in warnings)
    assert any(w.startswith("author: names separated by commas, not 'and'") for w in warnings)
    assert "author: a name without a family name: ', M.F.'" in warnings
    assert not [p for p in check_bibliography(peers) if p.severity == "error"]


def test_addresses_lose_the_escapes_and_braces_writers_add(peers: Bibliography) -> None:
    """No URL, DOI or arXiv number holds a backslash or a brace: those are LaTeX habits."""
    escaped = peers["escaped"].fields
    assert escaped["url"] == "http://example.com/abc%20def%20ghi"
    assert escaped["doi"] == "10.1007/123-456_5"
    assert escaped["title"] == "Regex:[01]{20} and S_Dbw"  # in text, \{ is a brace
    assert peers["braced"].fields["eprint"] == "1804.09720"


def test_names_split_with_particle_and_cited_form(bib: Bibliography) -> None:
    plantin, seta = bib["plantin2019"].authors
    assert plantin == Name(family="Plantin", given="Jean-Christophe")
    assert seta == Name(family="Seta", given="Gabriele", particle="de")
    assert seta.cited == "de Seta"
    assert plantin.cited == "Plantin"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "costa",
            [
                ("Costa", "Paul T.", "Jr."),
                ("Swisher", "C. C.", "III"),
                ("Stoeckert", "C. J.", "Jnr"),
                ("Minor", "D.L.", "Jr"),
            ],
        ),
        ("dumas", [("Dumas", "Alexandre", "père")]),
        ("steele", [("Steele", "Guy L.", "Jr."), ("King", "Martin Luther", "Jr.")]),
    ],
)
def test_name_suffixes_in_every_form(reported: Bibliography, key: str, expected: list) -> None:
    """``Last, Jr, First`` (BibTeX), ``First Last Jr.`` and ``First Last, Jr.``."""
    names = reported[key].authors
    assert [(n.family, n.given, n.suffix) for n in names] == expected
    assert all(n.cited == n.family for n in names)  # what the citation engine matches


def test_biblatex_extended_name_format(reported: Bibliography) -> None:
    gogh, beethoven, sanchez = reported["gogh"].authors
    assert gogh == Name(family="Gogh", given="Vincent", particle="van")
    assert gogh.cited == "van Gogh"
    assert beethoven == Name(family="Beethoven", given="Ludwig", dropping_particle="van")
    assert beethoven.cited == "Beethoven"  # useprefix=false: the particle is not cited
    assert sanchez == Name(family="Sánchez Vicario", given="Arantxa", suffix="Jr.")


def test_cjk_names_in_zotero_form(reported: Bibliography) -> None:
    assert reported["wang"].authors == (Name("王", "小明"), Name("李", "华"))


def test_run_together_initials_are_spelled_out(reported: Bibliography) -> None:
    names = reported["pubmed"].authors
    assert [n.given for n in names] == ["R. M.", "R. M.", "K. C.", "JOHN"]  # not an all-caps name


@pytest.mark.parametrize("key", ["etal", "etal-separate"])
def test_et_al_in_a_name_list_is_and_others(reported: Bibliography, key: str) -> None:
    ref = reported[key]
    assert ref.authors == (Name("Smith", "J."),)
    assert ref.et_al


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


def test_braced_others_is_et_al_for_every_role() -> None:
    """Zotero exports "and {others}" (biblatex-apa #20); biber reads it as "and others"."""
    others = load_bibliography(FIXTURES / "others.bib")
    assert others["olive"].authors == (Name("Olive", "K. A."),)
    assert others["olive"].et_al
    chapter = others["chapter"]
    assert chapter.truncated == {"editor", "translator"}
    assert not chapter.et_al  # its author list is complete
    assert [n.family for n in chapter.names["editor"]] == ["Roe", "Zoe"]


def test_an_and_without_a_name_is_left_out_with_a_warning() -> None:
    """BibTeX reads "A and and B" and a list ending in "and" with an empty name."""
    others = load_bibliography(FIXTURES / "others.bib")
    assert [n.family for n in others["doubleand"].authors] == ["Doe", "Roe"]
    assert others["trailingand"].authors == (Name("Doe", "John"),)
    warnings = [p for p in check_bibliography(others) if "without a name" in p.message]
    lines = [
        line_of(FIXTURES / "others.bib", f"@book{{{key},") for key in ("doubleand", "trailingand")
    ]
    assert [(p.line, p.severity) for p in warnings] == [(line, "warning") for line in lines]


def test_crossref_child_carries_what_it_inherits(reported: Bibliography) -> None:
    """biblatex's inheritance: the book's title is the chapter's booktitle (Appendix B)."""
    child = reported["child"]
    assert child.year == "2023"
    assert child.fields["booktitle"] == "The whole book"
    assert child.fields["booksubtitle"] == "Its subtitle"
    assert child.fields["publisher"] == "Blackwell"
    assert child.names["editor"] == (Name("Lefebvre", "Henri"),)
    assert child.title == "A chapter"  # a parent's title is never the child's
    assert child.raw["booktitle"] == "The whole book"


def test_xdata_fields_are_shared_and_the_xdata_entry_is_no_work(reported: Bibliography) -> None:
    assert reported["shared"].fields["publisher"] == "Shared Press"
    assert "press" not in reported


def test_crossref_to_no_entry_is_an_error(reported: Bibliography) -> None:
    problems = [p for p in check_bibliography(reported) if "crossref" in p.message]
    assert [(p.line, p.severity) for p in problems] == [
        (line_of(REPORTED, "@inproceedings{orphan"), "error")
    ]


def test_crossref_matches_keys_in_any_case_as_it_inherits(tmp_path: Path) -> None:
    """BibTeX matches a crossref to its key in any case; so do inheritance and the check."""
    bib = load_bibliography(
        write(
            tmp_path,
            "@incollection{ch, author = {Doe, J.}, title = {C}, crossref = {BOOK}}\n"
            "@book{book, editor = {Roe, R.}, title = {B}, publisher = {P}, year = 2010}\n",
        )
    )
    assert bib["ch"].fields["booktitle"] == "B"
    assert not [p for p in check_bibliography(bib) if p.severity == "error"]


def test_year_from_year_date_or_pubstate_else_no_date(bib: Bibliography, tmp_path: Path) -> None:
    assert bib["andreessen2007"].year == "2007"
    assert bib["klinenberg2018"].year == "2018"
    path = write(
        tmp_path,
        "@book{a, title = {T}}\n@book{b, title = {T}, year = {in press}}\n"
        "@article{c, title = {T}, pubstate = {inpress}}\n"
        "@book{d, title = {T}, date = {2019-08-08/2019-08-11}}\n",
    )
    undated = load_bibliography(path)
    assert [undated[key].year for key in "abcd"] == ["n.d.", "in press", "in press", "2019"]


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


def test_invalid_latex_is_read_leniently_and_reported(tmp_path: Path) -> None:
    """BibTeX never reads the LaTeX in a value: an unclosed ``$`` is no reason to refuse it."""
    path = write(tmp_path, "@book{a,\n  title = {It costs $5},\n  year = 2000\n}\n")
    bib = load_bibliography(path)
    assert bib["a"].title == "It costs $5"
    (problem,) = [p for p in check_bibliography(bib) if "LaTeX" in p.message]
    assert problem.severity == "warning"
    assert problem.line == 1
    assert "title: not valid LaTeX" in problem.message


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


def test_complete_entries_have_no_errors(bib: Bibliography) -> None:
    problems = check_bibliography(bib)
    assert [p for p in problems if p.severity == "error"] == []
    assert {p.message.split("}")[0].split("{")[1] for p in problems} == {"ahmad2022"}


def test_what_apa_cannot_print_without_is_an_error_unless_a_note_accounts_for_it(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "@article{a,\n  author = {A, B.},\n  title = {T},\n  year = {2000}\n}\n\n"
        "@incollection{c,\n  title = {T},\n  year = {2000},\n"
        "  note = {Editors' note: the book could not be confirmed.}\n}\n",
    )
    problems = check_bibliography(load_bibliography(path))
    article = [
        (p.message.split(": ", 1)[1], p.severity, p.line) for p in problems if "{a}" in p.message
    ]
    assert article == [
        (
            "lacks journal or journaltitle, which APA 7 needs here; add it, or say in the "
            "entry's note why it is missing",
            "error",
            1,
        ),
        ("lacks volume, which APA 7 shows", "warning", 1),
        ("lacks pages, which APA 7 shows", "warning", 1),
    ]
    chapter = [p for p in problems if "{c}" in p.message]
    assert {p.message.split(" lacks ")[1].split(",")[0] for p in chapter} == {
        "booktitle",
        "author or editor",
        "publisher",
        "pages",
    }
    assert {p.severity for p in chapter} == {"warning"}
    assert {p.line for p in chapter} == {line_of(path, "@incollection")}


def test_what_apa_shows_without_volume_pages_or_date_is_at_most_a_warning(
    reported: Bibliography,
) -> None:
    problems = check_bibliography(reported)
    for key in ("inpress", "nopages", "etal"):
        severities = {p.severity for p in problems if f"{{{key}}}" in p.message}
        assert severities <= {"warning"}, key
    assert not [p for p in problems if "{inpress}" in p.message]  # in press: nothing missing


def test_every_standard_type_has_apa_rules(tmp_path: Path) -> None:
    types = (
        "article book mvbook inbook bookinbook suppbook booklet collection mvcollection "
        "incollection suppcollection dataset manual misc online patent periodical "
        "suppperiodical proceedings mvproceedings inproceedings reference mvreference "
        "inreference report software thesis unpublished conference electronic "
        "mastersthesis phdthesis techreport www artwork audio image jurisdiction legislation "
        "legal letter movie music performance review standard video"
    ).split()
    entries = "".join(
        f"@{kind}{{k{i}, author = {{A, B.}}, title = {{T}}, journal = {{J}}, volume = 1, "
        f"pages = {{1--2}}, booktitle = {{B}}, publisher = {{P}}, school = {{S}}, "
        f"institution = {{I}}, url = {{https://a.org}}, year = 2000}}\n"
        for i, kind in enumerate(types)
    )
    bib = load_bibliography(write(tmp_path, entries))
    assert check_bibliography(bib) == []


def test_unknown_entry_type_is_a_warning(reported: Bibliography) -> None:
    problems = [p for p in check_bibliography(reported) if "{unknown}" in p.message]
    assert [p.severity for p in problems] == ["warning"]
    assert "not a BibTeX or biblatex entry type" in problems[0].message


def test_book_needs_author_or_editor_at_most_as_a_warning(tmp_path: Path) -> None:
    text = "@book{b, {who} title = {T}, publisher = {P}, year = {2000}}"
    edited = load_bibliography(write(tmp_path, text.replace("{who}", "editor = {E, F.},")))
    assert check_bibliography(edited) == []
    anonymous = load_bibliography(write(tmp_path, text.replace("{who}", "")))
    assert [
        (p.severity, "author or editor" in p.message) for p in check_bibliography(anonymous)
    ] == [("warning", True)]


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


def test_the_first_edition_loads_without_errors() -> None:
    path = Path(__file__).parents[1] / "texts" / "yang-wang-2024" / "references.bib"
    bib = load_bibliography(path)
    assert len(bib.references) == 31
    assert [p for p in check_bibliography(bib) if p.severity == "error"] == []


#: text without commands or math, braces balanced as BibTeX requires
PLAIN_VALUES = st.recursive(
    st.text(alphabet="aZ é~`'-?!\"&%#", max_size=8),
    lambda inner: st.lists(st.one_of(inner, inner.map("{{{}}}".format)), max_size=4).map("".join),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(PLAIN_VALUES)
def test_values_without_commands_read_as_pylatexenc_reads_them(value: str) -> None:
    """The shortcut for values without commands or math agrees with the library."""
    escaped = value.replace("%", "\\%").replace("&", "\\&")
    expected = LatexNodes2Text(math_mode="verbatim").latex_to_text(escaped).replace("`", "‘")
    assert LatexDecoder().decode(value).text == " ".join(expected.replace("\xa0", " ").split())


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("The `hidden' curriculum", "The ‘hidden' curriculum"),
        ("``Quoted'' and `single' in \\emph{a} title", "“Quoted” and ‘single' in a title"),
        ("\\`a and `b'", "à and ‘b'"),
    ],
)
def test_a_backtick_is_an_opening_quote(value: str, text: str) -> None:
    """TeX reads ` as "‘" (the processor makes the apostrophe "’")."""
    assert LatexDecoder().decode(value).text == text


def test_comment_command_without_braces_is_skipped(tmp_path: Path) -> None:
    """``@Comment KAPANDJI`` (helm-bibtex #85, JabRef #1632): BibTeX skips the command and
    the text after it; an error further on keeps its line."""
    path = write(
        tmp_path,
        "@book{a, author = {Zhang, Ada}, title = {A}, year = 2011}\n\n"
        "@Comment KAPANDJI\n@comment{ braced { nested } }\n"
        "@book{kapandji, author = {Kapandji, Ibranim A.}, title = {B}, year = {2007}}\n"
        "@book{b, title = {C}\n",
    )
    with pytest.raises(EditionError) as error:
        load_bibliography(path)
    assert "(in entry 'b' from line 6)" in error.value.message
    path.write_text(path.read_text(encoding="utf-8").replace("{C}\n", "{C}}\n"), encoding="utf-8")
    assert [ref.key for ref in load_bibliography(path).references] == ["a", "kapandji", "b"]


@pytest.mark.parametrize("date", ["2000-13-45", "2019-02-29", "2000-00", "not a date"])
def test_a_date_that_is_not_one_is_printed_as_written_with_a_warning(
    tmp_path: Path, date: str
) -> None:
    """biber warns about and drops an invalid date; CSL would read a month 13 as a season."""
    bib = load_bibliography(
        write(
            tmp_path,
            f"@book{{k, author = {{Doe, J.}}, title = {{T}}, publisher = {{P}},\n"
            f"  urldate = {{{date}}}, date = {{{date}}}}}",
        )
    )
    item = csl_item(bib["k"])
    assert item["issued"] == item["accessed"] == {"literal": date}
    warnings = [p for p in check_bibliography(bib) if "is not a date biblatex reads" in p.message]
    fields = [p.message.split(": ")[1].split()[0] for p in warnings]
    assert fields == ["date", "urldate"]
    assert {(p.line, p.severity) for p in warnings} == {(1, "warning")}


def test_east_asian_names_without_comma_are_family_name_first(tmp_path: Path) -> None:
    """ "山田 太郎" is Yamada Tarō, not BibTeX's First Last: read as written, family first."""
    bib = load_bibliography(
        write(
            tmp_path,
            "@book{k, author = {山田 太郎 and 王 小明 and 김 철수 and 李华 and Li Hua},"
            " title = {T}}",
        )
    )
    assert [(n.family, n.given) for n in bib["k"].authors] == [
        ("山田", "太郎"),
        ("王", "小明"),
        ("김", "철수"),
        ("李华", ""),
        ("Hua", "Li"),  # Latin letters: BibTeX's order
    ]
