"""Unit tests of the citation engine on tiny texts: every form it must find, and what it must not.

The bibliography is built from the real ``edition.bibliography`` dataclasses without parsing
BibTeX, so each test runs in microseconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.bibliography import Bibliography, Name, Reference
from edition.citations import CitationIndex, check_citations, find_citations


def person(family: str, given: str = "X.", particle: str = "") -> Name:
    return Name(family=family, given=given, particle=particle)


def org(name: str) -> Name:
    return Name(family=name, organisation=True)


def make_bib(*works: tuple) -> Bibliography:
    """``(key, year, names...)`` tuples as a Bibliography; a final ``...`` means "and others"."""
    refs = []
    for line, (key, year, *names) in enumerate(works, start=1):
        et_al = bool(names) and names[-1] is Ellipsis
        names = [n if isinstance(n, Name) else person(n) for n in names if n is not Ellipsis]
        role = {"author": tuple(names)}
        truncated = frozenset(role) if et_al else frozenset()
        refs.append(
            Reference(key, "article", tuple(names), year, f"T {key}", {}, line, role, truncated)
        )
    return Bibliography(Path("refs.bib"), tuple(refs))


BIB = make_bib(
    ("klinenberg2015", "2015", "Klinenberg"),
    ("klinenberg2018", "2018", "Klinenberg"),
    ("latham2019", "2019", "Latham", "Layton"),
    ("layton2022", "2022", "Layton", "Latham"),
    ("larkin2013", "2013", "Larkin"),
    ("plantin2018", "2018", "Plantin", "Lagoze", "Edwards"),
    ("plantin2019", "2019", "Plantin", person("Seta", "Gabriele", "de")),
    ("dewey1946", "1946", "Dewey"),
    ("jacobs2006", "2006", "Jacobs"),
    ("unitednations1992", "1992", org("United Nations Department of Humanitarian Affairs")),
    ("rcore2017", "2017", org("R Core Team")),
    ("hmp2012", "2012", org("Human Microbiome Project Consortium")),
    ("butenandt1961", "1961", "Butenandt", "Beckmann", "Stamm"),
    ("godchaux1980", "1980", "Godchaux", "Leadbetter"),
    ("godchaux1983", "1983", "Godchaux", "Leadbetter"),
    ("godchaux1984", "1984", "Godchaux", "Leadbetter"),
    ("smith2018a", "2018", "Smith"),
    ("smith2018b", "2018", "Smith"),
    ("smith2019", "2019", "Smith"),
    ("prenafeta2010", "2010", "Prenafeta-Boldú"),
    ("kollner2004", "2004", "Köllner"),
    ("vandijk2020", "2020", person("Dijk", "Jan", "van")),
    ("jones2024", "in press", "Jones"),
    ("chen2020", "2020", person("陳美玲", ""), person("林志強", "")),
    ("chen2021", "2021", person("陳美玲", ""), person("林志強", ""), person("王小明", "")),
    ("ahmad2022", "2022", "Ahmad", ...),
    ("winter2003", "2003", "Winter", "Cameron", "Tranter"),
    ("march2020", "2020", "March"),
    ("heil2008", "2008", "Heil"),
)
INDEX = CitationIndex.from_bibliography(BIB)


def cite(text: str, index: CitationIndex | None = INDEX):
    return find_citations(text, index)


def keys(text: str) -> list[str]:
    return [key for c in cite(text) for key in c.keys]


def test_smith_2018_letters_come_from_the_bibliography():
    assert (BIB.year_label("smith2018a"), BIB.year_label("smith2018b")) == ("2018a", "2018b")


def test_group_gives_one_record_per_citation_sharing_the_group():
    text = "as (Klinenberg, 2018; Latham & Layton, 2019; Layton &\nLatham, 2022) show"
    found = cite(text)
    assert [c.keys for c in found] == [("klinenberg2018",), ("latham2019",), ("layton2022",)]
    assert {c.group for c in found} == {0}
    assert [c.text for c in found] == [
        "Klinenberg, 2018",
        "Latham & Layton, 2019",
        "Layton &\nLatham, 2022",
    ]
    assert all(text[c.start : c.end] == c.text for c in found)


def test_several_years_of_one_author():
    found = cite("(Klinenberg, 2015, 2018) and (Godchaux and Leadbetter 1980, 1983, 1984)")
    assert [c.keys[0] for c in found] == [
        "klinenberg2015",
        "klinenberg2018",
        "godchaux1980",
        "godchaux1983",
        "godchaux1984",
    ]
    assert [c.text for c in found][:2] == ["Klinenberg, 2015", "2018"]
    assert found[1].authors == "Klinenberg"
    assert [c.group for c in found] == [0, 0, 1, 1, 1]


@pytest.mark.parametrize("text", ["(Smith, 2018a, 2018b)", "(Smith 2018a, b)", "Smith (2018a, b)"])
def test_year_suffixes(text):
    found = cite(text)
    assert [(c.year, c.keys) for c in found] == [
        ("2018a", ("smith2018a",)),
        ("2018b", ("smith2018b",)),
    ]


def test_a_year_two_works_share_is_ambiguous_with_candidates():
    (c,) = cite("(Smith, 2018)")
    assert c.status == "ambiguous" and c.keys == ()
    assert c.candidates == ("smith2018a", "smith2018b")
    assert "smith2018a" in c.reason


@pytest.mark.parametrize(
    ("text", "locator"),
    [
        ("(Plantin\net al., 2018, p. 295)", "p. 295"),
        ("(Plantin et al., 2018, pp. 12–15)", "pp. 12–15"),
        ("Jacobs (2006: 104)", "104"),
        ("(Jane Jacobs) (2006 : 104)", "104"),
        ("（Jacobs，2006，頁 12）", "頁 12"),
        ("（Jacobs，2006：12）", "12"),
        ("Dewey (1946, p. 213)", "p. 213"),
    ],
)
def test_locators(text, locator):
    (c,) = cite(text)
    assert (c.locator, c.status) == (locator, "resolved")


@pytest.mark.parametrize(
    ("text", "prefix", "key"),
    [
        ("(e.g., Larkin, 2013)", "e.g.", "larkin2013"),
        ("(see Larkin, 2013)", "see", "larkin2013"),
        ("(see also Larkin, 2013)", "see also", "larkin2013"),
        ("(for a review, see Larkin, 2013)", "for a review, see", "larkin2013"),
        ("（參見陳美玲與林志強，2020）", "參見", "chen2020"),
    ],
)
def test_prefixes(text, prefix, key):
    (c,) = cite(text)
    assert (c.prefix, c.keys) == (prefix, (key,))
    assert not c.text.startswith(prefix)


@pytest.mark.parametrize(
    ("text", "span", "key"),
    [
        ("as Larkin (2013) argues", "Larkin (2013)", "larkin2013"),
        ("Plantin & de Seta (2019) call", "Plantin & de Seta (2019)", "plantin2019"),
        ("and Latham and Layton (2019) add", "Latham and Layton (2019)", "latham2019"),
        ("As Dewey (1946, p. 213) put it", "Dewey (1946, p. 213)", "dewey1946"),
        ("Following Plantin et al. (2018), we", "Plantin et al. (2018)", "plantin2018"),
        ("X Wt (Jane Jacobs) (2006 : 104) 58", "Jane Jacobs) (2006 : 104)", "jacobs2006"),
        ("珍·雅各布斯（Jacobs, 2006）指出", "珍·雅各布斯（Jacobs, 2006）", "jacobs2006"),
        ("正如陳美玲與林志強（2020）所言", "陳美玲與林志強（2020）", "chen2020"),
        ("陳美玲等（2021）", "陳美玲等（2021）", "chen2021"),
        ("Klinen-\nberg (2018) shows", "Klinen-\nberg (2018)", "klinenberg2018"),
        ("Smith's (2019) study", "Smith's (2019)", "smith2019"),
    ],
)
def test_narrative_citations(text, span, key):
    (c,) = cite(text)
    assert (c.text, c.keys, c.narrative) == (span, (key,), True)


def test_narrative_with_several_years_balances_its_brackets():
    found = cite("Klinenberg (2015, 2018) writes")
    assert [c.text for c in found] == ["Klinenberg (2015", "2018)"]
    assert all(c.narrative for c in found)


@pytest.mark.parametrize(
    ("text", "key", "detected"),
    [
        ("(Winter et al., 2003)", "winter2003", "Winter et al."),
        ("(Winter, Cameron & Tranter, 2003)", "winter2003", "Winter, Cameron & Tranter"),
        ("as March (2020) found", "march2020", None),
        ("(March, 2020)", "march2020", None),
    ],
)
def test_words_that_are_usually_no_names_can_be_authors(text, key, detected):
    """With co-authors they are names; alone, only if the bibliography has such an author."""
    assert keys(text) == [key]
    assert [c.authors for c in cite(text, None)] == ([detected] if detected else [])


def test_hyphenated_name_is_read_whole():
    (c,) = cite("Klinen-\nberg (2018)")
    assert c.authors == "Klinenberg"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("(United Nations Department of Humanitarian\nAffairs, 1992, p. 27)", "unitednations1992"),
        ("(R Core Team, 2017)", "rcore2017"),
        ("(Human Microbiome Project Consortium, 2012)", "hmp2012"),
        ("(Butenandt et al. 1961)", "butenandt1961"),
        ("(Prenafeta-Boldú, 2010)", "prenafeta2010"),
        ("(Köllner 2004)", "kollner2004"),
        ("(van Dijk, 2020)", "vandijk2020"),
        ("(Jones, in press)", "jones2024"),
        ("Jones (in press) argues", "jones2024"),
        ("(Ahmad et al., 2022)", "ahmad2022"),
        ("（陈美玲与林志强，2020）", "chen2020"),
        ("（陳美玲、林志強，2020）", "chen2020"),
        ("| Larkin (2013) | 0.45 | survey |", "larkin2013"),
        ("Figure 2. Redrawn from Larkin (2013).", "larkin2013"),
        ("Figure 3: Floor plan (adapted from Larkin, 2013)", "larkin2013"),
    ],
)
def test_any_author_year_paper(text, key):
    assert keys(text) == [key]


@pytest.mark.parametrize(
    "text",
    [
        "Since 1998 the city has grown; in 2019 it grew again.",
        "2022年3月28日，上海實施封控。",
        "During COVID-19 (1) people stayed home (2).",
        "Yang, H., & Wang, Z. (2024). WeChat groups as social infrastructure.",
        "the period (1998–2005) saw",
        "a sample (n = 2019) of residents",
        "in April (2020) the city",
        "in the summer of 2019 (a hot one)",
        "Table 2 (2019) lists",
    ],
)
def test_not_citations(text):
    assert cite(text) == [] and cite(text, None) == []


def test_running_head_and_page_number_are_cut_out():
    text = (
        "infrastructure, as Klinenberg\n\n100\n\nJOURNAL OF THINGS 12 (2019)\n\n"
        "(2018) argues, is social.\nMore text follows here."
    )
    (c,) = cite(text)
    assert c.keys == ("klinenberg2018",) and c.narrative
    assert c.text.startswith("Klinenberg") and c.text.endswith("(2018)")


def test_group_across_a_page_break():
    text = (
        "them (Latham &\n\n7\n\nCITIES AND SOCIETY (2020)\n\nLayton, 2019) and so on.\nNext line."
    )
    assert keys(text) == ["latham2019"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("(K1inenbcrg, 2O18)", "klinenberg2018"),
        ("(Klinenberg. 20l8)", "klinenberg2018"),
        ("(0liver, l999)", None),
        ("(Plantin ct al,. 2O18, p, 295)", "plantin2018"),
        ("Larkin (2Ol3)", "larkin2013"),
        ("(Klinenbreg, 2018)", "klinenberg2018"),
        ("(Dewcy, l946)", "dewey1946"),
        ("(Hei1, 2008)", "heil2008"),
    ],
)
def test_ocr_confusions_are_tolerated(text, key):
    found = cite(text)
    assert [c.keys for c in found] == ([(key,)] if key else [()])


def test_tolerance_never_links_a_different_name_or_year():
    (smyth,) = cite("(Smyth, 2019)")
    assert smyth.status == "unresolved" and smyth.keys == ()
    (year,) = cite("(Klinenberg, 2017)")
    assert year.status == "unresolved"
    assert year.reason == "no entry for Klinenberg 2017; Klinenberg has 2015, 2018"


def test_illegible_author_keeps_year_and_locator():
    found = cite("X (R\nFE > 2019) y (B~ B 3C > 2020 © 19) z")
    assert [(c.status, c.year, c.locator, c.authors) for c in found] == [
        ("illegible", "2019", None, ""),
        ("illegible", "2020", "19", ""),
    ]


def test_further_years_of_an_illegible_author_are_illegible_too():
    found = cite("X (R\nFE > 2019, 2020) y (H M6 > 2016a, b)")
    assert [(c.status, c.year) for c in found] == [
        ("illegible", "2019"),
        ("illegible", "2020"),
        ("illegible", "2016a"),
        ("illegible", "2016b"),
    ]


def test_without_an_index_citations_are_detected_only():
    found = cite("(Klinenberg, 2018; R\nFE > 2019)", None)
    assert [(c.status, c.keys, c.authors) for c in found] == [
        ("unresolved", (), "Klinenberg"),
        ("illegible", (), ""),
    ]


def test_a_name_missing_from_the_bibliography_is_unresolved_not_illegible():
    (c,) = cite("(Nobody, 2011)")
    assert (c.status, c.authors, c.reason) == ("unresolved", "Nobody", "no entry for Nobody 2011")


def test_check_reports_errors_info_and_uncited_entries():
    text = "(Nobody, 2011)\n(Smith, 2018) and (R FE > 2019)\n(Larkin, 2013)"
    problems = check_citations(cite(text), BIB, text=text, path="a.txt")
    by_severity = {(p.severity, p.line) for p in problems if p.path == "a.txt"}
    assert by_severity == {("error", 1), ("error", 2), ("info", 2)}
    uncited = {p.message.split("'")[1] for p in problems if p.severity == "warning"}
    assert uncited == {r.key for r in BIB.references} - {"larkin2013", "smith2018a", "smith2018b"}
    assert all(p.path == Path("refs.bib") for p in problems if p.severity == "warning")


@pytest.mark.parametrize(
    "text",
    [
        "# Principles\n\nFirst.\n\nAs Klinenberg (2018) says.",
        "Heading Words\n\nKlinenberg (2018) says.",
        "Social Infrastructure\n\n\nKlinenberg (2018) says.",
    ],
)
def test_an_author_part_never_runs_across_a_blank_line(text):
    (citation,) = cite(text)
    assert citation.text == "Klinenberg (2018)" and citation.keys == ("klinenberg2018",)


def test_an_author_list_may_run_across_one_line_break():
    (citation,) = cite("as Latham and\nLayton (2019) show")
    assert citation.text == "Latham and\nLayton (2019)" and citation.keys == ("latham2019",)


def test_records_are_the_dataclass_made_the_usual_way():
    """The engine fills a Citation's fields in one step (see ``finder._citation``)."""
    import dataclasses

    from edition.citations.model import Citation

    (c,) = cite("(Larkin, 2013, p. 4)")
    fields = {f.name: getattr(c, f.name) for f in dataclasses.fields(Citation)}
    assert Citation(**fields) == c
    assert vars(c) == vars(Citation(**fields))
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.start = 0
