"""The forms of author–year citation that real papers use, each with the value it must give.

The first tests are the rows of the issue "Citations in any author-year text", in its setting:
a bibliography holding Smith 2019, Smith 2020 and Lin, Chen & Wang 2012, with the entries a
row needs added. The others are forms reported to the issue trackers of citation tools
(named in each test) and the kinds of false citation that are reported with a doubt.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from test_citations import make_bib, org, person

from edition.bibliography import Bibliography, Name, Reference
from edition.citations import CitationIndex, check_citations, find_citations

#: The issue's t.bib, and entries its rows need.
ISSUE_BIB = make_bib(
    ("smith2019", "2019", person("Smith", "John")),
    ("smith2020", "2020", person("Smith", "John")),
    ("lin2012", "2012", "Lin", "Chen", "Wang"),
    ("cohen2008", "2008", "Cohen"),
    ("cohen2010a", "2010a", "Cohen"),
    ("cohen2010b", "2010b", "Cohen"),
    ("who2012", "2012", org("World Health Organization")),
    ("akaike1973", "1973", "Akaike"),
    ("schuman2014", "2014", "Schuman", "Kessler", "Baldwin"),
    ("jamesclark1868", "1868", person("James-Clark", "H.")),
    ("savillekent1880", "1880", person("Saville Kent", "W.")),
    ("bates", "in review", "Bates", "Ford", "Gray"),
)
ISSUE_INDEX = CitationIndex.from_bibliography(ISSUE_BIB)


def found(text: str, index: CitationIndex = ISSUE_INDEX) -> list[tuple[str, str, str | None]]:
    """(span, key or status, locator) of every citation of ``text``."""
    return [
        (c.text, c.keys[0] if c.keys else c.status, c.locator) for c in find_citations(text, index)
    ]


# --- the rows of the issue --------------------------------------------------------------


def test_a_year_after_a_semicolon_continues_the_authors():
    assert found("(Smith, 2019; 2020) here.") == [
        ("Smith, 2019", "smith2019", None),
        ("2020", "smith2020", None),
    ]


def test_suffixed_years_after_semicolons_without_spaces():
    assert found("(Cohen, 2008; Cohen, 2010a;2010b)") == [
        ("Cohen, 2008", "cohen2008", None),
        ("Cohen, 2010a", "cohen2010a", None),
        ("2010b", "cohen2010b", None),
    ]


def test_each_year_keeps_its_own_page():
    assert found("(Smith, 2019, p. 4, 2020, p. 6)") == [
        ("Smith, 2019, p. 4", "smith2019", "p. 4"),
        ("2020, p. 6", "smith2020", "p. 6"),
    ]


def test_a_bare_number_before_the_year_it_follows_is_a_page():
    assert found("(Smith 2020, 1650)") == [("Smith 2020, 1650", "smith2020", "1650")]


def test_a_later_bare_year_is_a_year():
    assert found("(Smith 2019, 2020)") == [
        ("Smith 2019", "smith2019", None),
        ("2020", "smith2020", None),
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("[Smith, 2020]", "Smith, 2020"),
        ("as described in Lin et al., 2012.", "Lin et al., 2012"),
        ("Sample sizes used in Lin et al., 2012 and this study", "Lin et al., 2012"),
    ],
)
def test_citations_in_square_brackets_and_outside_brackets(text, span):
    ((cited, key, _),) = found(text)
    assert (cited, key) == (span, "smith2020" if "Smith" in span else "lin2012")


def test_initials_choose_among_authors_who_share_a_surname():
    bib = make_bib(
        ("jsmith2019", "2019", person("Smith", "John")),
        ("asmith2019", "2019", person("Smith", "Anne")),
    )
    index = CitationIndex.from_bibliography(bib)
    assert found("(J. Smith, 2019; A. Smith, 2019)", index) == [
        ("J. Smith, 2019", "jsmith2019", None),
        ("A. Smith, 2019", "asmith2019", None),
    ]
    assert found("J. Smith (2019) and A. Smith (2019)", index) == [
        ("J. Smith (2019)", "jsmith2019", None),
        ("A. Smith (2019)", "asmith2019", None),
    ]
    (unnamed,) = find_citations("(Smith, 2019)", index)
    assert unnamed.status == "ambiguous"
    (wrong,) = find_citations("(B. Smith, 2019)", index)
    assert wrong.status == "unresolved" and "initials" in wrong.reason


def test_an_abbreviation_defined_in_a_citation_is_reused():
    assert found("(World Health Organization [WHO], 2012) then (WHO, 2012)") == [
        ("World Health Organization [WHO], 2012", "who2012", None),
        ("WHO, 2012", "who2012", None),
    ]


def test_an_abbreviation_defined_in_prose_is_reused():
    bib = make_bib(("cdc2020", "2020", org("Centers for Disease Control and Prevention")))
    index = CitationIndex.from_bibliography(bib)
    text = "the Centers for Disease Control and Prevention (CDC) advised (CDC, 2020)."
    assert found(text, index) == [("CDC, 2020", "cdc2020", None)]
    assert find_citations("(CDC, 2020)", index)[0].status == "unresolved"


@pytest.mark.parametrize(
    ("text", "span", "key"),
    [
        ("(AIC, Akaike, 1973)", "Akaike, 1973", "akaike1973"),
        ("TPS10 and Ef1A, Schuman et al. (2014)", "Schuman et al. (2014)", "schuman2014"),
    ],
)
def test_a_term_before_the_authors_is_not_an_author(text, span, key):
    assert found(text) == [(span, key, None)]


def test_hyphenated_and_two_word_surnames():
    assert found("(James-Clark 1868; Saville Kent 1880)") == [
        ("James-Clark 1868", "jamesclark1868", None),
        ("Saville Kent 1880", "savillekent1880", None),
    ]


def test_a_work_in_review():
    assert found("(Bates et al., in review)") == [("Bates et al., in review", "bates", None)]


def king(**suffix: str) -> Name:
    """Martin Luther King, Jr., as a loader gives him: the suffix apart when ``Name`` has the
    field (family stays "King"), or braced into the family name as BibTeX users write it."""
    if "suffix" in {f.name for f in dataclasses.fields(Name)}:
        return Name(family="King", given="Martin Luther", **suffix)
    return Name(family="King", given="Martin Luther")


@pytest.mark.parametrize(
    "name",
    [king(suffix="Jr."), Name(family="King Jr.", given="Martin Luther")],
    ids=["suffix", "braced"],
)
@pytest.mark.parametrize("text", ["(King, 1963)", "(King Jr., 1963)", "(King, Jr., 1963)"])
def test_a_name_suffix_is_no_part_of_the_cited_name(name, text):
    bib = Bibliography(
        Path("t.bib"), (Reference("king1963", "book", (name,), "1963", "Why we can't wait", {}, 1),)
    )
    ((cited, key, _),) = found(text, CitationIndex.from_bibliography(bib))
    assert (cited, key) == (text[1:-1], "king1963")


def test_a_year_inherited_through_crossref():
    """The loader gives the entry the year of its ``crossref`` parent; the index uses it."""
    chapter = Reference(
        "lefebvre2023",
        "incollection",
        (person("Lefebvre"),),
        "2023",
        "A chapter",
        {"crossref": "proceedings2023", "booktitle": "Proceedings"},
        1,
    )
    bib = Bibliography(Path("t.bib"), (chapter,))
    assert found("(Lefebvre, 2023)", CitationIndex.from_bibliography(bib)) == [
        ("Lefebvre, 2023", "lefebvre2023", None)
    ]


@pytest.mark.parametrize(
    ("text", "candidate"),
    [
        ("(Smith & Nobody, 2020)", "smith2020"),
        ("(Lin & Zhou, 2012)", "lin2012"),
        ("(Lin & Chen, 2012)", "lin2012"),
        ("(Chen & Lin, 2012)", None),
        ("(Smith et al., 2020)", "smith2020"),
        ("(Lin, Chen, Wang, & Zhou, 2012)", "lin2012"),
    ],
)
def test_co_authors_that_do_not_match_are_never_resolved(text, candidate):
    (c,) = find_citations(text, ISSUE_INDEX)
    assert c.status == "unresolved" and c.keys == ()
    assert c.candidates == ((candidate,) if candidate else ())
    assert "\n" not in c.reason and c.reason


@pytest.mark.parametrize(
    "text", ["(Lin, Chen, & Wang, 2012)", "(Lin, Chen and Wang 2012)", "Lin et al. (2012)"]
)
def test_co_authors_that_match_resolve(text):
    assert [c.keys for c in find_citations(text, ISSUE_INDEX)] == [("lin2012",)]


def test_et_al_after_one_name_stands_for_three_authors_or_more():
    bib = make_bib(
        ("allmann2010", "2010", "Allmann", "Baldwin"),
        ("allmann2010b", "2010", "Allmann", "Halitschke", "Schuurink", "Baldwin"),
    )
    index = CitationIndex.from_bibliography(bib)
    assert found("(Allmann and Baldwin, 2010; Allmann et al., 2010)", index) == [
        ("Allmann and Baldwin, 2010", "allmann2010", None),
        ("Allmann et al., 2010", "allmann2010b", None),
    ]


def test_a_survey_and_its_period_is_a_probable_non_citation():
    (c,) = find_citations("(GMEP, 1955–1969)", ISSUE_INDEX)
    assert (c.text, c.status, c.year) == ("GMEP, 1955–1969", "unresolved", "1955–1969")
    assert "GMEP" in c.doubt and "period" in c.doubt
    (problem,) = [
        p
        for p in check_citations([c], ISSUE_BIB, text="(GMEP, 1955–1969)", path="a.txt")
        if p.path == "a.txt"
    ]
    assert problem.severity == "warning"
    assert "probably not a citation" in problem.message
    assert problem.message.endswith("record a decision for it in edition.yml")


def test_reasons_are_one_line():
    (c,) = find_citations("(World Health\nOrganization, 2013)", ISSUE_INDEX)
    assert (
        c.reason
        == "no entry for World Health Organization 2013; World Health Organization has 2012"
    )
    problems = check_citations([c], ISSUE_BIB, text="x", path="a.txt")
    assert all("\n" not in p.message for p in problems)


# --- forms reported to the trackers of citation tools -------------------------------------

TRACKER_BIB = make_bib(
    ("wells2020", "2020", "Wells", "Lee", "Ma"),
    ("lu2024a", "2024", "Lu", "Ito", "Ma"),
    ("lu2024b", "2024", "Lu", "Ito", "Ma"),
    ("gathercole1999", "1999", "Gathercole", "Frankish", "Pickering", "Peaker"),
    ("ipcc2015", "2015", org("Intergovernmental Panel on Climate Change")),
    ("brown1992", "1992", "Brown"),
    ("brown1998", "1998", "Brown"),
    ("doe2018", "2018", "Doe"),
    ("doe-press", "in press", "Doe"),
    ("creswell2014", "2014", "Creswell"),
    ("qian2020a", "2020", "Qian", "Zhao", "Zhou", "Sun", "Li"),
    ("qian2020b", "2020", "Qian", "Zhao", "Zhou", "Li", "Sun"),
    ("meer2010", "2010", person("Meer", "J.", "van der")),
    ("cruz2015", "2015", person("Cruz", "M.", "de la")),
    ("obrien2011", "2011", "O'Brien"),
    ("silva2019", "2019", "Silva", "Souza"),
    ("freud1953", "1953", "Freud"),
    ("smith2016a", "2016", "Smith"),
    ("smith2016b", "2016", "Smith"),
    ("smith2016c", "2016", "Smith"),
    ("walls1995", "1995", "Walls", "Reed", "Ng"),
    ("kitchin2016a", "2016", "Kitchin", "Mehta", "Xu"),
    ("kitchin2016b", "2016", "Kitchin", "Mehta", "Xu"),
    ("tows2009", "2009", "Töws", "Mendes", "Gimenez", "Druciaki"),
    ("brown1994", "1994", "Brown", "Jones", "Smith"),
)
TRACKER_INDEX = CitationIndex.from_bibliography(TRACKER_BIB)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # GROBID #1316: "et al." then a year and the sentence's full stop
        ("as shown before ... Wells et al. 2020. Then more.", [("Wells et al. 2020", "wells2020")]),
        # GROBID #1425: a narrative citation with a suffixed year
        ("Lu et al. (2024a) found", [("Lu et al. (2024a)", "lu2024a")]),
        # CERMINE #51: every author listed, with the serial comma
        (
            "(Gathercole, Frankish, Pickering, & Peaker, 1999)",
            [("Gathercole, Frankish, Pickering, & Peaker, 1999", "gathercole1999")],
        ),
        # meTypeset #108: an organisation cited by its abbreviation, in and outside brackets
        ("as the IPCC 2015 report shows", [("IPCC 2015", "ipcc2015")]),
        ("(IPCC, 2015) and IPCC (2015)", [("IPCC, 2015", "ipcc2015"), ("IPCC (2015)", "ipcc2015")]),
        # CSL schema #40: APA collapses the years of one author with commas
        ("(Brown 1992, 1998)", [("Brown 1992", "brown1992"), ("1998", "brown1998")]),
        # pandoc-citeproc #371: a dated and an undated work of one author
        ("(Doe 2018, in press)", [("Doe 2018", "doe2018"), ("in press", "doe-press")]),
        # qdapRegex #18: a citation outside brackets with a page
        ("see Creswell, 2014, p. 45 for details", [("Creswell, 2014, p. 45", "creswell2014")]),
        # APA 7 (8.18): authors named until the two works differ, then et al.
        (
            "(Qian, Zhao, Zhou, Sun, et al., 2020) and Qian, Zhao, Zhou, Li, et al. (2020)",
            [
                ("Qian, Zhao, Zhou, Sun, et al., 2020", "qian2020a"),
                ("Qian, Zhao, Zhou, Li, et al. (2020)", "qian2020b"),
            ],
        ),
        # particles at the start of a sentence and inside brackets
        (
            "(van der Meer, 2010) Van der Meer (2010) de la Cruz (2015)",
            [
                ("van der Meer, 2010", "meer2010"),
                ("Van der Meer (2010)", "meer2010"),
                ("de la Cruz (2015)", "cruz2015"),
            ],
        ),
        # a typographic apostrophe in the name
        ("(O’Brien, 2011)", [("O’Brien, 2011", "obrien2011")]),
        # ABNT (Brazil): authors in capitals, co-authors joined by semicolons
        ("(SILVA; SOUZA, 2019)", [("SILVA; SOUZA, 2019", "silva2019")]),
        # CSL editor #223: an organisation in capitals
        (
            "(INTERGOVERNMENTAL PANEL ON CLIMATE CHANGE, 2015)",
            [("INTERGOVERNMENTAL PANEL ON CLIMATE CHANGE, 2015", "ipcc2015")],
        ),
        # APA 7 (8.15): a republished work with its original date
        (
            "Freud (1900/1953) and (Freud, 1900/1953)",
            [("Freud (1900/1953)", "freud1953"), ("Freud, 1900/1953", "freud1953")],
        ),
        # a range of suffix letters
        (
            "(Smith, 2016a–c)",
            [("Smith, 2016a", "smith2016a"), ("–c", "smith2016b"), ("–c", "smith2016c")],
        ),
        # ACM: the year in square brackets after the name
        ("Wells et al. [2020] argue", [("Wells et al. [2020]", "wells2020")]),
        # "and colleagues" for et al.
        ("Wells and colleagues (2020) argue", [("Wells and colleagues (2020)", "wells2020")]),
        # org-ref #367: "and his colleagues" with suffixed years
        (
            "Kitchin and his colleagues (2016a, 2016b)",
            [("Kitchin and his colleagues (2016a", "kitchin2016a"), ("2016b)", "kitchin2016b")],
        ),
        # gbt7714-bibtex-style #33: GB/T 7714-2015 writes 等 for et al. after Latin names
        (
            "Walls 等 (1995) 和 (Walls 等., 1995)",
            [("Walls 等 (1995)", "walls1995"), ("Walls 等., 1995", "walls1995")],
        ),
        # biblatex-abnt #2: ABNT's capitals, with a diacritic
        ("(TÖWS et al., 2009)", [("TÖWS et al., 2009", "tows2009")]),
        # mn2e-bst #2: Monthly Notices, three names without a comma before the year
        ("(Brown, Jones & Smith 1994)", [("Brown, Jones & Smith 1994", "brown1994")]),
    ],
)
def test_forms_reported_to_citation_tools(text, expected):
    assert [(c.text, c.keys[0]) for c in find_citations(text, TRACKER_INDEX)] == expected


def test_a_work_without_author_is_cited_by_its_title():
    """APA 7 (8.14); Zotero's RTF Scan rework (zotero #5672) added such citations."""
    bib = Bibliography(
        Path("t.bib"),
        (Reference("study", "article", (), "2007", "Study finds free care used more", {}, 1),),
    )
    index = CitationIndex.from_bibliography(bib)
    for text in ("(“Study Finds,” 2007)", '("Study Finds," 2007)', "“Study Finds” (2007)"):
        (c,) = find_citations(text, index)
        assert (c.keys, c.text.strip("()")) == (("study",), c.text.strip("()"))
    assert find_citations("(“Other Words,” 2007)", index) == []


@pytest.mark.parametrize(
    ("cited", "entry"),
    [
        ("Muller", "Müller"),
        ("Mueller", "Müller"),
        ("Müller", "Mueller"),
        ("Oberg", "Øberg"),
        ("Lodz", "Łódź"),
        ("Strauss", "Strauß"),
        ("Nguyen", "Nguyễn"),
        ("Dang", "Đặng"),
        ("Aeroe", "Ærø"),
    ],
)
def test_names_as_readers_type_them_without_special_letters(cited, entry):
    index = CitationIndex.from_bibliography(make_bib(("k", "2001", entry)))
    assert [c.keys for c in find_citations(f"({cited}, 2001)", index)] == [("k",)]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("研究表明(张三, 2008)。", "zhang2008"),
        ("张三 (2008)指出", "zhang2008"),
        ("张三, 李四 (2008)", "zhangli2008"),
        ("（赵一 等, 2008）", "zhao2008"),
        ("张三 等 (2019)", "zhangetal2019"),
        ("赵一等（2008）認為", "zhao2008"),
        ("（全国信息与文献标准化技术委员会, 2010）", "tc2010"),
        ("（CHEN F F, 2016）", "chen2016"),
        ("（赵一 et al., 2008）", "zhao2008"),
    ],
)
def test_chinese_author_date_forms(text, key):
    """The forms of Chinese author–date styles (GB/T 7714, the styles Zotero's Chinese
    community keeps: "张三 等", "张三, 李四", organisations and names in capitals)."""
    bib = make_bib(
        ("zhang2008", "2008", person("张三", "")),
        ("zhangli2008", "2008", person("张三", ""), person("李四", "")),
        ("zhangetal2019", "2019", person("张三", ""), person("李四", ""), person("王五", "")),
        ("zhao2008", "2008", person("赵一", ""), person("钱二", ""), person("孙三", "")),
        ("tc2010", "2010", org("全国信息与文献标准化技术委员会")),
        ("chen2016", "2016", person("Chen", "F. F.")),
    )
    assert [c.keys for c in find_citations(text, CitationIndex.from_bibliography(bib))] == [(key,)]


# --- probable non-citations ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("(GMEP, 1955–1969)", "period"),
        ("Max Weber (1864–1920)", "lifespan"),
        ("(Mao Zedong, 1893–1976)", "lifespan"),
        ("(Model 2, 2019)", "numbered label"),
        ("(Study 1, 2019)", "numbered label"),
        ("(ISO 9001, 2015)", "numbered label"),
        ("(May 2020)", "date"),
        ("(Interview, March 2020)", "date"),
        ("(Spring 2019)", "date"),
        ("(NHANES, 2019)", "abbreviation"),
        ("(Shanghai, 2020)", "place"),
        ("in Beijing (2008)", "place"),
        ("(Equality Act 2010)", "law"),
        ("(Census, 2010)", "law, a survey"),
        ("(Lin, unpublished data)", "unpublished"),
        ("(Appendix, 2020)", "common word"),
        ("(Phase II, 2019)", "common word"),
        ("(Nobel Prize, 2019)", "event"),
        ("(Hurricane Katrina, 2005)", "event"),
        ("(FY 2020)", "abbreviation"),
    ],
)
def test_kinds_of_false_citation_are_reported_with_a_doubt(text, why):
    (c,) = find_citations(text, ISSUE_INDEX)
    assert c.status == "unresolved" and why in c.doubt
    assert "\n" not in c.doubt
    problems = check_citations([c], ISSUE_BIB, text=text, path="a.txt")
    (problem,) = [p for p in problems if p.path == "a.txt"]
    assert problem.severity == "warning" and "probably not a citation" in problem.message


@pytest.mark.parametrize(
    "text", ["a sample (n = 2019) of residents", "in April (2020) the city", "(COVID-19, 2020)"]
)
def test_what_is_surely_no_citation_is_not_reported(text):
    assert find_citations(text, ISSUE_INDEX) == []


def test_a_doubtful_shape_that_links_to_an_entry_is_a_citation():
    bib = make_bib(("may2020", "2020", "May"), ("gmep", "1955–1969", org("GMEP")))
    index = CitationIndex.from_bibliography(bib)
    found_ = find_citations("(May 2020) and (GMEP, 1955–1969)", index)
    assert [(c.keys, c.doubt) for c in found_] == [(("may2020",), ""), (("gmep",), "")]


def test_without_a_bibliography_doubtful_labels_and_dates_are_not_reported():
    """Detection only (the cleaner's use) reports no label or date as a citation."""
    assert find_citations("(Model 2, 2019) and (May 2020)") == []
    (gmep,) = find_citations("(GMEP, 1955–1969)")
    assert gmep.doubt and gmep.status == "unresolved"


def test_a_real_citation_beside_a_probable_non_citation_keeps_no_doubt():
    text = "(Smith, 2019; GMEP, 1955–1969)"
    assert [(c.text, bool(c.doubt)) for c in find_citations(text, ISSUE_INDEX)] == [
        ("Smith, 2019", False),
        ("GMEP, 1955–1969", True),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In Figure 2, 2019 data are shown. Between 2010 and 2019 the rate rose.",
        "The WHO, 2019 report was delayed. In May 2019 we met. From 2019 to 2021.",
        "Paris, 2019. London, 2020. As of March 2020, cases rose.",
        "Version 2.0, 2019. Table 3, 2019. Figure 1A, 2020.",
        "Copyright © 2019 The Authors. Received: 12 March 2019; Accepted: 2020.",
        "J. Cell Biol. 2019;218:1–12. Proc. Natl. Acad. Sci. USA 2019.",
        "Smith, J. (2019). Title. Journal, 1, 1–10.",
        "Lin, C., Chen, D., & Wang, E. (2012). Another title.",
        "aged 65 (SD = 2019) years",
    ],
)
def test_names_and_years_in_prose_and_reference_lists_are_no_citations(text):
    assert find_citations(text, ISSUE_INDEX) == []
    assert find_citations(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(Smith, 2Ol9; 2O20) here.", [("Smith, 2Ol9", "smith2019"), ("2O20", "smith2020")]),
        (
            "(Cohen, 2OO8; Cohen, 2Ol0a;2Ol0b)",
            [("Cohen, 2OO8", "cohen2008"), ("Cohen, 2Ol0a", "cohen2010a"), ("2Ol0b", "cohen2010b")],
        ),
        (
            "(Smith, 2019,\np. 4, 2O20, p. 6)",
            [("Smith, 2019,\np. 4", "smith2019"), ("2O20, p. 6", "smith2020")],
        ),
        ("(Smith 2O20, l650)", [("Smith 2O20, l650", "smith2020")]),
        ("[Smith, 2O20]", [("Smith, 2O20", "smith2020")]),
        ("as described in Lin ct\nal., 2Ol2.", [("Lin ct\nal., 2Ol2", "lin2012")]),
        ("Sample sizes used in Lin et a1., 2012 and this study", [("Lin et a1., 2012", "lin2012")]),
        (
            "(World Health Organization\n[WHO], 2O12) then (WHO, 2Ol2)",
            [("World Health Organization\n[WHO], 2O12", "who2012"), ("WHO, 2Ol2", "who2012")],
        ),
        ("(AIC, Akaike, l973)", [("Akaike, l973", "akaike1973")]),
        ("(James-C1ark 1868)", [("James-C1ark 1868", "jamesclark1868")]),
        ("(Bates et al., in rcview)", [("Bates et al., in rcview", "bates")]),
    ],
)
def test_the_rows_of_the_issue_in_ocr_text(text, expected):
    """The same forms as a scan prints them: line breaks, O for 0, l for 1, c for e."""
    assert [(c.text, c.keys[0]) for c in find_citations(text, ISSUE_INDEX)] == expected


def test_ocr_digits_in_a_name_and_in_a_period():
    index = CitationIndex.from_bibliography(make_bib(("muller2001", "2001", "Müller")))
    assert [c.keys for c in find_citations("(Mu11er, 2001)", index)] == [("muller2001",)]
    (gmep,) = find_citations("(GMEP, l955–l969)", index)
    assert gmep.year == "1955–1969" and "period" in gmep.doubt


# --- forms beyond the issue: typography, other languages, reprints ------------------------

MORE_BIB = make_bib(
    ("smith2019", "2019", person("Smith", "John")),
    ("jones2018", "2018", "Jones"),
    ("lin2012", "2012", "Lin", "Chen", "Wang"),
    ("marx1976", "1976", "Marx"),
    ("robins1997", "1997", "Robins"),
    ("alhassan2011", "2011", "Al-Hassan"),
    ("schmidt2008", "2008", "Schmidt", "Müller"),
    ("schmidt2009", "2009", "Schmidt", "Müller", "Weber"),
    ("dupont2005", "2005", "Dupont", "Durand"),
    ("wang2019", "2019", person("王小明", "")),
    ("smithjones2018", "2018", "Smith", "Jones"),
    ("oneil2013", "2013", "O'Neil"),
    ("lopez2006", "2006", "López-Pérez"),
    ("ward", "1999/2000", "Ward"),
    ("griffiths2010", "2010", "Griffiths"),
    ("moffitt1993", "1993", "Moffitt"),
)
MORE_INDEX = CitationIndex.from_bibliography(MORE_BIB)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # word processors and LaTeX's ~ join a citation's parts with a no-break space
        ("(Smith,\u00a02019)", [("Smith,\u00a02019", "smith2019", None)]),
        ("Smith\u00a0(2019) argues", [("Smith\u00a0(2019)", "smith2019", None)]),
        (
            "(Lin\u00a0et\u00a0al.,\u00a02012)",
            [("Lin\u00a0et\u00a0al.,\u00a02012", "lin2012", None)],
        ),
        # thin and narrow no-break spaces (French typography, "p.\u202f4")
        ("(Smith,\u20092019, p.\u202f4)", [("Smith,\u20092019, p.\u202f4", "smith2019", "p. 4")]),
        # a soft hyphen and a zero-width space left by PDF extraction
        ("(Smi\u00adth, 2019)", [("Smi\u00adth, 2019", "smith2019", None)]),
        ("(Smith,\u200b2019)", [("Smith,\u200b2019", "smith2019", None)]),
        # other marks for an apostrophe and a hyphen, as PDF text and OCR give them
        ("(O`Neil, 2013)", [("O`Neil, 2013", "oneil2013", None)]),
        ("(O´Neil, 2013)", [("O´Neil, 2013", "oneil2013", None)]),
        ("OʼNeil (2013) wrote", [("OʼNeil (2013)", "oneil2013", None)]),
        ("(López‐Pérez, 2006)", [("López‐Pérez, 2006", "lopez2006", None)]),
        # fullwidth digits, as Chinese input methods type them
        ("（王小明，２０１９）", [("王小明，２０１９", "wang2019", None)]),
        ("王小明（２０１９）指出", [("王小明（２０１９）", "wang2019", None)]),
        (
            "（Ｓｍｉｔｈ ＆ Ｊｏｎｅｓ，２０１８）",
            [("Ｓｍｉｔｈ ＆ Ｊｏｎｅｓ，２０１８", "smithjones2018", None)],
        ),
        ("（Lin et al．，2012）", [("Lin et al．，2012", "lin2012", None)]),
        # the possessive of a name in s with a typographic apostrophe
        ("Jones’ (2018) study", [("Jones’ (2018)", "jones2018", None)]),
        # "et al." as writers and OCR also print it, in brackets and before them
        ("Lin etal. (2012) found", [("Lin etal. (2012)", "lin2012", None)]),
        ("Lin et.al. (2012) found", [("Lin et.al. (2012)", "lin2012", None)]),
        ("(Lin et aL., 2012)", [("Lin et aL., 2012", "lin2012", None)]),
        ("Lin et ai. (2012) found", [("Lin et ai. (2012)", "lin2012", None)]),
        # the English words for et al.
        ("Lin and others (2012) found", [("Lin and others (2012)", "lin2012", None)]),
        ("Lin and collaborators (2012)", [("Lin and collaborators (2012)", "lin2012", None)]),
        ("(Lin and co-authors, 2012)", [("Lin and co-authors, 2012", "lin2012", None)]),
        # a comma some writers put after "et al." before the bracket
        ("Lin et al., (2012) found", [("Lin et al., (2012)", "lin2012", None)]),
        # a narrative citation pointing at a figure or table of the work cited
        (
            "Lin et al. (2012; their Figure 2A)",
            [("Lin et al. (2012; their Figure 2A)", "lin2012", None)],
        ),
        (
            "Lin et al. (2012, Table S1) show",
            [("Lin et al. (2012, Table S1)", "lin2012", "Table S1")],
        ),
        # a locator of several parts: volume and page, chapter and paragraph
        ("(Smith 2019, vol. 2, p. 3)", [("Smith 2019, vol. 2, p. 3", "smith2019", "vol. 2, p. 3")]),
        (
            "(Smith 2019, chap. 2, para. 4)",
            [("Smith 2019, chap. 2, para. 4", "smith2019", "chap. 2, para. 4")],
        ),
        # labels of other parts, and places given by numbers with points or colons: act,
        # scene and line; a time stamp (APA 7, 8.28)
        ("(Smith, 2019, line 5)", [("Smith, 2019, line 5", "smith2019", "line 5")]),
        ("(Smith, 2019, Section 2.3)", [("Smith, 2019, Section 2.3", "smith2019", "Section 2.3")]),
        ("(Smith, 2019, Appendix B)", [("Smith, 2019, Appendix B", "smith2019", "Appendix B")]),
        ("(Smith, 2019, Figure 2A)", [("Smith, 2019, Figure 2A", "smith2019", "Figure 2A")]),
        ("(Smith, 2019, 1:30:15)", [("Smith, 2019, 1:30:15", "smith2019", "1:30:15")]),
        ("(Marx, 1867/1976, 1.3.36–37)", [("Marx, 1867/1976, 1.3.36–37", "marx1976", "1.3.36–37")]),
        # ligatures kept by text taken from a PDF
        ("(Griﬃths, 2010)", [("Griﬃths, 2010", "griffiths2010", None)]),
        ("Moﬃtt (1993) argued", [("Moﬃtt (1993)", "moffitt1993", None)]),
        # "f." and "ff.": the page and the next, the following pages
        ("(Smith, 2019, p. 4f.)", [("Smith, 2019, p. 4f.", "smith2019", "p. 4f.")]),
        ("(Smith, 2019, pp. 12 ff.)", [("Smith, 2019, pp. 12 ff.", "smith2019", "pp. 12 ff.")]),
        # an original date in square brackets: Chicago author-date, and after the edition's
        # date (hayagriva #264 "Robins 1997 [1967]", CSL styles #7974)
        ("(Marx [1867] 1976)", [("Marx [1867] 1976", "marx1976", None)]),
        ("Marx ([1867] 1976, 45)", [("Marx ([1867] 1976, 45)", "marx1976", "45")]),
        (
            "(Robins 1997 [1967]; Smith 2019)",
            [("Robins 1997 [1967]", "robins1997", None), ("Smith 2019", "smith2019", None)],
        ),
        ("Robins (1997 [1967]) wrote", [("Robins (1997 [1967])", "robins1997", None)]),
        ("(Marx [l867] l976)", [("Marx [l867] l976", "marx1976", None)]),
        # an academic or fiscal year with the next year's last digits
        ("(Ward, 1999/00)", [("Ward, 1999/00", "ward", None)]),
        ("Ward (1999/2000) argued", [("Ward (1999/2000)", "ward", None)]),
        # the Arabic article in lower case inside a name
        ("(al-Hassan, 2011)", [("al-Hassan, 2011", "alhassan2011", None)]),
        ("as al-Hassan (2011) wrote", [("al-Hassan (2011)", "alhassan2011", None)]),
        # German and French "and" and German "u. a." (und andere) for et al.
        ("(Schmidt und Müller, 2008)", [("Schmidt und Müller, 2008", "schmidt2008", None)]),
        ("Schmidt u. Müller (2008) zeigen", [("Schmidt u. Müller (2008)", "schmidt2008", None)]),
        ("(Schmidt u. a., 2009)", [("Schmidt u. a., 2009", "schmidt2009", None)]),
        ("(Dupont et Durand, 2005)", [("Dupont et Durand, 2005", "dupont2005", None)]),
    ],
)
def test_forms_beyond_the_issue(text, expected):
    assert found(text, MORE_INDEX) == expected


DATELESS_INDEX = CitationIndex.from_bibliography(
    make_bib(
        ("taylor", "n.d.", "Taylor"), ("kim", "in press", "Kim"), ("lee", "forthcoming", "Lee")
    )
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # capitalised, as many journals print it
        ("(Kim, In press)", "kim"),
        ("Kim (In Press) argues", "kim"),
        ("(Lee, Forthcoming)", "lee"),
        # hyphenated, and Harvard's "nd" and "no date"
        ("(Kim, in-press)", "kim"),
        ("(Taylor, nd)", "taylor"),
        ("(Taylor, no date)", "taylor"),
    ],
)
def test_works_without_a_date_as_styles_spell_them(text, key):
    assert [c.keys for c in find_citations(text, DATELESS_INDEX)] == [(key,)]


@pytest.mark.parametrize("text", ["(Bismarck, ND)", "(Received, Accepted)"])
def test_capitals_that_are_no_missing_date(text):
    """A state's abbreviation; a manuscript's dates, whose words head them."""
    assert find_citations(text, DATELESS_INDEX) == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # a co-author named with a language's "and" is still checked
        ("(Schmidt und Weber, 2008)", "unresolved"),
        ("(Dupont et Martin, 2005)", "unresolved"),
        # an original date in brackets that does not come before the edition's is no reprint
        ("(Marx [1977] 1976)", None),
        # "et al." is no French "and": Lin et al. is not Lin & al
        ("(Lin et al., 2012)", "resolved"),
    ],
)
def test_forms_beyond_the_issue_keep_precision(text, status):
    statuses = [c.status for c in find_citations(text, MORE_INDEX)]
    if status is None:
        assert "resolved" not in statuses
    else:
        assert statuses == [status]


HAN_BIB = make_bib(
    ("wang2018", "2018", person("王小明", "")),
    ("wang2019", "2019", person("王小明", "")),
    ("wangli2019", "2019", person("王小明", ""), person("李华", "")),
    ("li2019", "2019", person("李华", "")),
)
HAN_INDEX = CitationIndex.from_bibliography(HAN_BIB)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no comma before the year, as Chinese journals that follow Chicago author-date print it
        ("（王小明 2019）", [("王小明 2019", "wang2019", None)]),
        ("（王小明2019）", [("王小明2019", "wang2019", None)]),
        ("（王小明、李华 2019: 45）", [("王小明、李华 2019: 45", "wangli2019", "45")]),
        # the year with 年
        ("（王小明，2018年）", [("王小明，2018年", "wang2018", None)]),
        ("王小明（2018年）认为", [("王小明（2018年）", "wang2018", None)]),
        ("（王小明，2018年，第5页）", [("王小明，2018年，第5页", "wang2018", "第5页")]),
        (
            "（王小明，2018年；李华，2019年）",
            [("王小明，2018年", "wang2018", None), ("李华，2019年", "li2019", None)],
        ),
    ],
)
def test_chinese_forms_beyond_the_issue(text, expected):
    assert found(text, HAN_INDEX) == expected


@pytest.mark.parametrize(
    "text",
    [
        # these forms are citations only when they link: prose has them too
        "（王小明 2017）",
        "王小明（2017年）认为",
        "疫情期间（2020年）",
        "在北京 2019 年",
        "（全国 2019）",
    ],
)
def test_chinese_forms_without_comma_or_with_nian_must_link(text):
    assert find_citations(text, HAN_INDEX) == []


ORG_INDEX = CitationIndex.from_bibliography(
    make_bib(
        ("census2020", "2020", org("U.S. Census Bureau")),
        ("fao2019", "2019", org("Food and Agriculture Organization of the United Nations")),
        ("smith2020", "2020", person("Smith", "John")),
    )
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # APA 7 (8.21) group authors: capitals with points that are part of the name
        ("(U.S. Census Bureau, 2020)", [("U.S. Census Bureau, 2020", "census2020", None)]),
        ("U.S. Census Bureau (2020) data", [("U.S. Census Bureau (2020)", "census2020", None)]),
        # two small words in a row inside the name, and its abbreviation reused
        (
            "(Food and Agriculture Organization of the United Nations [FAO], 2019); (FAO, 2019)",
            [
                (
                    "Food and Agriculture Organization of the United Nations [FAO], 2019",
                    "fao2019",
                    None,
                ),
                ("FAO, 2019", "fao2019", None),
            ],
        ),
    ],
)
def test_group_authors_beyond_the_issue(text, expected):
    assert found(text, ORG_INDEX) == expected


def test_initials_that_are_no_part_of_a_name_still_choose_the_author():
    """The organisation's points do not make initials match anyone else."""
    assert [c.status for c in find_citations("(U.S. Census Bureau, 2019)", ORG_INDEX)] == [
        "unresolved"
    ]
    assert [c.status for c in find_citations("(A. Smith, 2020)", ORG_INDEX)] == ["unresolved"]
    assert [c.keys for c in find_citations("(J. Smith, 2020)", ORG_INDEX)] == [("smith2020",)]


@pytest.mark.parametrize("text", ["(Lu 2024a and b)", "(Lu 2024a & b)", "(Lu, 2024a; b)"])
def test_more_suffix_letters_after_and_or_a_semicolon(text):
    index = CitationIndex.from_bibliography(
        make_bib(("lu2024a", "2024", "Lu"), ("lu2024b", "2024", "Lu"))
    )
    assert [c.keys for c in find_citations(text, index)] == [("lu2024a",), ("lu2024b",)]


REVIEWED_INDEX = CitationIndex.from_bibliography(
    make_bib(
        ("cohen2010a", "2010a", "Cohen"),
        ("cohen2010b", "2010b", "Cohen"),
        ("jones2018", "2018", "Jones"),
        ("ejones2018", "2018", person("Jones", "E.")),
        ("smith2019", "2019", "Smith"),
        ("smith2020", "2020", "Smith"),
        ("brown1999", "1999", "Brown"),
        ("brown2000", "2000", "Brown"),
        ("taylor", "n.d.", "Taylor"),
    )
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A word "a" after a year is no suffix letter; the citation after it is kept.
        ("(Cohen, 2010b; a review is Smith, 2020)", [("cohen2010b",), ("smith2020",)]),
        ("(Cohen, 2010a; a similar result in Smith, 2019)", [("cohen2010a",), ("smith2019",)]),
        ("(Cohen, 2010a and a replication by Smith, 2019)", [("cohen2010a",), ("smith2019",)]),
        ("(Cohen, 2010a; b)", [("cohen2010a",), ("cohen2010b",)]),
        # A locator ends before the next citation's initial.
        ("(Smith, 2019, p. 4, E. Jones, 2018)", [("smith2019",), ("ejones2018",)]),
        # An academic year is dated by its first year, an original date by the edition.
        ("(Brown, 1999/00)", [("brown1999",)]),
        ("(Brown, 1999/2000)", [("brown1999",)]),
        ("(Smith, 1900/2020)", [("smith2020",)]),
        # "nd" is "not detected" in tables unless it links; "In preparation" heads sentences.
        ("Zinc (nd) and copper (0.2) were measured.", []),
        ("(Taylor, nd)", [("taylor",)]),
        ("(Smith, 2019, In preparation for the trip)", [("smith2019",)]),
        # A quotation that ends in ’ is no possessive (its title has an apostrophe).
        ("the report ‘Children’s Health’ (2018) shows", []),
        ("the government’s ‘Women’s Health Strategy’ (2022)", []),
    ],
)
def test_inputs_a_review_found(text, expected):
    # Cases where a reading added for new forms took words of the text for parts of a
    # citation, or a citation for the wrong work.
    assert [c.keys for c in find_citations(text, REVIEWED_INDEX)] == expected
