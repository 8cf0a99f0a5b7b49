"""``edition new``: an edition from a source and a bibliography alone, which builds at once."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sitebuild import ROOT

from edition.annotation import check_edition
from edition.cleaning import clean
from edition.cli import main
from edition.errors import EditionError
from edition.start import Options, discover, new_edition

SEED = ROOT / "texts" / "yang-wang-2024"

BIB = """@article{granovetter1973,
  author = {Granovetter, Mark S.},
  title = {The strength of weak ties},
  journal = {American Journal of Sociology},
  volume = {78},
  number = {6},
  pages = {1360--1380},
  year = {1973},
  doi = {10.1086/225469}
}
"""


def _discover(text: str):
    return discover(text, clean(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Citation of this article: Yang, H., & Wang, Z. (2024). WeChat groups as social\n"
            "infrastructure: A case study. Communication and Society, 67, 91-120.\n",
            {
                "authors": [{"family": "Yang", "given": "H."}, {"family": "Wang", "given": "Z."}],
                "year": 2024,
                "title": "WeChat groups as social infrastructure: A case study",
                "journal": "Communication and Society",
                "volume": 67,
                "pages": "91–120",
            },
        ),
        (
            "To cite this article: Lee, J.-Y., Chan, K. M., & World Health Organization. (2021).\n"
            "A title? Journal of Things, 12(3), 5–9. https://doi.org/10.1000/xyz.123\n",
            {
                "authors": [
                    {"family": "Lee", "given": "J.-Y."},
                    {"family": "Chan", "given": "K. M."},
                    {"name": "World Health Organization"},
                ],
                "year": 2021,
                "title": "A title?",
                "journal": "Journal of Things",
                "volume": 12,
                "issue": "3",
                "pages": "5–9",
                "doi": "10.1000/xyz.123",
            },
        ),
        (
            "Citation: Smith J, Doe AB (2020) Weak ties in a pandemic. PLoS ONE 15(3): e0229542.\n"
            "https://doi.org/10.1371/journal.pone.0229542\n",
            {
                "authors": [
                    {"family": "Smith", "given": "J."},
                    {"family": "Doe", "given": "A. B."},
                ],
                "year": 2020,
                "title": "Weak ties in a pandemic",
                "journal": "PLoS ONE",
                "volume": 15,
                "issue": "3",
                "article_number": "e0229542",
                "doi": "10.1371/journal.pone.0229542",
            },
        ),
    ],
)
def test_the_papers_own_citation_line_is_read(text: str, expected: dict) -> None:
    found = _discover("A Title\n\n" + text + "\nThe text begins here and goes on.\n")
    values = {key: item.value for key, item in found.paper.items()}
    assert values == expected
    assert {item.line for item in found.paper.values()} == {3}


def test_elifes_citation_line_is_read() -> None:
    found = _discover(
        "A title\n\nCitation: Zhang Y, Xie Y, Berglund ED, Mangelsdorf DJ.\n"
        "2012. The starvation hormone, fibroblast growth factor-21, extends lifespan\n"
        "in mice. eLife 2012;1:e00065. DOI: 10.7554/eLife.00065\n\nThe text.\n"
    )
    values = {key: item.value for key, item in found.paper.items()}
    assert values == {
        "authors": [
            {"family": "Zhang", "given": "Y."},
            {"family": "Xie", "given": "Y."},
            {"family": "Berglund", "given": "E. D."},
            {"family": "Mangelsdorf", "given": "D. J."},
        ],
        "year": 2012,
        "title": "The starvation hormone, fibroblast growth factor-21, extends lifespan in mice",
        "journal": "eLife",
        "volume": 1,
        "article_number": "e00065",
        "doi": "10.7554/eLife.00065",
    }


def test_keywords_that_run_on_to_the_next_line_are_read_whole() -> None:
    found = _discover(
        "Keywords: longevity, fibroblast growth factor, growth hormone, liver,\n"
        "caloric restriction\nResearch organism: Mouse\n"
    )
    assert found.paper["keywords"].value == [
        "longevity",
        "fibroblast growth factor",
        "growth hormone",
        "liver",
        "caloric restriction",
    ]


def test_a_line_that_only_looks_like_one_gives_nothing_but_is_named() -> None:
    found = _discover("Citation: see the appendix for the data.\n\nSmith (2020) argued so.\n")
    assert found.paper == {}
    assert found.unread == 1


def test_keywords_abstract_and_a_furniture_doi_are_read_with_their_lines() -> None:
    page = "Journal of Tests 3 (2020) · doi:10.1234/jt.2020.7\n\n"
    text = (
        "Abstract\n\nWe study weak ties in a town.\nThey matter.\n\n"
        "Keywords: weak ties; towns, trust\n\n"
        "1 Introduction\n\nThe text.\n\n12\n\n"
        + page
        + "More text on the next page.\n\n13\n\n"
        + page
        + "And more text.\n"
    )
    found = _discover(text)
    assert found.paper["keywords"].value == ["weak ties", "towns", "trust"]
    assert found.paper["keywords"].line == 6
    assert found.paper["doi"].value == "10.1234/jt.2020.7"
    assert found.abstract == [3]


def test_the_abstract_ends_at_a_doi_line() -> None:
    # eLife prints the abstract's DOI under it: "DOI: http://dx.doi.org/10.7554/….001".
    found = _discover(
        "A title\n\nAbstract\nWe study weak ties.\n\nDOI: http://dx.doi.org/10.7554/eLife.5.001"
        "\n\nDOI: 10.7554/eLife.00005\n\nIntroduction\n\nThe text.\n"
    )
    assert found.abstract == [4]


def test_a_doi_in_the_body_is_never_taken_for_the_papers() -> None:
    found = _discover("A paper.\n\nAs shown (Smith, 2020, https://doi.org/10.1000/182).\n")
    assert "doi" not in found.paper


def test_new_writes_an_edition_that_checks_with_gaps_as_warnings(tmp_path: Path) -> None:
    source = tmp_path / "paper.txt"
    source.write_text("Weak ties matter (Granovetter, 1973). A paragraph.\n", encoding="utf-8")
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    folder = tmp_path / "texts" / "doe-2021"
    started = new_edition(folder, source, bib, Options(journal="Journal of Tests"))
    assert started.gaps == ("paper.title", "paper.authors", "paper.year")
    assert started.unread is None
    assert (folder / "source.txt").read_bytes() == source.read_bytes()
    data = yaml.safe_load((folder / "edition.yml").read_text(encoding="utf-8"))
    assert data["id"] == "doe-2021" and data["paper"]["title"] is None
    assert data["paper"]["journal"] == "Journal of Tests"
    annotated, problems = check_edition(folder)
    assert annotated is not None
    assert [p.severity for p in problems if "gap" in p.message] == ["warning"] * 3
    assert not [p for p in problems if p.severity == "error"]


@pytest.mark.parametrize(
    ("name", "prepare", "words"),
    [
        ("Not An Id", None, "the edition's id"),
        ("taken", lambda f: (f.mkdir(parents=True), (f / "x").write_text("x")), "not empty"),
        ("good", "bad-bib", "syntax error"),
        ("good", "empty", "empty"),
    ],
)
def test_new_refuses_and_writes_nothing(tmp_path: Path, name: str, prepare, words: str) -> None:
    source = tmp_path / "paper.txt"
    source.write_text("" if prepare == "empty" else "Text.\n", encoding="utf-8")
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{x, title = {T}" if prepare == "bad-bib" else BIB, encoding="utf-8")
    folder = tmp_path / "texts" / name
    if callable(prepare):
        prepare(folder)
    texts = tmp_path / "texts"
    before = sorted(p.name for p in texts.glob("*"))
    with pytest.raises(EditionError, match=words):
        new_edition(folder, source, bib, Options())
    assert sorted(p.name for p in texts.glob("*")) == before


def test_the_command_prints_what_to_do_next(tmp_path: Path, capsys) -> None:
    source = tmp_path / "paper.txt"
    source.write_text("Weak ties matter (Granovetter, 1973). A paragraph.\n", encoding="utf-8")
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    folder = tmp_path / "doe-2021"
    argv = ["new", str(folder), "--source", str(source), "--references", str(bib)]
    argv += ["--title", "Weak ties", "--author", "Doe, Jane", "--year", "2021"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Gaps to fill" in out and "paper.journal" in out
    assert f"edition build --edition {folder}" in out
    assert main(argv) == 1  # the folder exists now
    assert "already exists" in capsys.readouterr().err


def test_the_first_editions_own_citation_line_is_found() -> None:
    text = (SEED / "source.ocr.txt").read_text(encoding="utf-8")
    found = _discover(text)
    assert found.paper["title"].value.startswith("WeChat groups as social infrastructure")
    assert found.paper["journal"].value == "Communication and Society"
    assert found.paper["pages"].value == "91–120"
    assert found.paper["title"].line == 42


@pytest.mark.build
def test_a_new_edition_builds_its_site_strictly_with_nothing_written_by_hand(
    tmp_path: Path,
) -> None:
    """The proof of the issue "Any paper": a paper's text and bibliography alone, through
    ``edition new`` and ``edition build``, give a site; the gaps are warnings, not errors."""
    source = tmp_path / "paper.txt"
    source.write_text(
        "Weak ties in a town\n\nAbstract\n\nWe study weak ties (Granovetter, 1973).\n\n"
        "Keywords: ties, towns\n\n1 Introduction\n\nAs Granovetter (1973) argued, weak ties "
        "carry news.\n\n| Town | Ties |\n|---|---|\n| A | 12 |\n\nReferences\n\n"
        "Granovetter, M. S. (1973). The strength of weak ties. American Journal of\n"
        "Sociology, 78(6), 1360–1380.\n",
        encoding="utf-8",
    )
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    folder = tmp_path / "texts" / "doe-2021"
    assert main(["new", str(folder), "--source", str(source), "--references", str(bib)]) == 0
    site = tmp_path / "site"
    config = str(ROOT / "mkdocs.yml")
    assert main(["build", "-f", config, "--edition", str(folder), "-d", str(site)]) == 0
    text = (site / "text" / "index.html").read_text(encoding="utf-8")
    assert 'href="../references/#ref-granovetter1973"' in text and "<table>" in text
    assert (site / "zh-Hant" / "text" / "index.html").is_file()
    assert (site / "zh-Hans" / "references" / "index.html").is_file()


def test_the_byline_gives_the_authors_full_names_where_the_citation_line_has_initials() -> None:
    found = _discover(
        "Sequence specific detection of bacterial RNA\n\nXiao-Dong Li1, Zhijian J Chen1,2*\n\n"
        "1Department of Molecular Biology, Dallas\n\nAbstract\n\nWe show a thing.\n\n"
        "This article is distributed under the terms of the Creative Commons Attribution\n"
        "License, which permits unrestricted use.\n\n"
        "Citation: Li XD, Chen ZJ. 2012. Sequence specific detection of bacterial RNA.\n"
        "eLife 2012;1:e00102. DOI: 10.7554/eLife.00102\n"
    )
    assert found.paper["authors"].value == [
        {"family": "Li", "given": "Xiao-Dong"},
        {"family": "Chen", "given": "Zhijian J"},
    ]
    assert found.paper["authors"].line == 3
    assert found.paper["licence"].value == "CC BY"


def test_compact_middle_initials_in_the_byline_are_initials() -> None:
    # eLife prints "Christian SM Helker" above "Citation: Helker CSM, …": SM is two initials.
    found = _discover(
        "The hormonal peptide Elabela\n\nChristian SM Helker, Serene C Chng, Bruno Reversade\n\n"
        "Citation: Helker CSM, Chng SC, Reversade B (2015). The hormonal peptide Elabela.\n"
        "eLife 4:e06726. doi: 10.7554/eLife.06726\n"
    )
    assert found.paper["authors"].value == [
        {"family": "Helker", "given": "Christian S. M."},
        {"family": "Chng", "given": "Serene C"},
        {"family": "Reversade", "given": "Bruno"},
    ]


def test_a_byline_that_does_not_fit_the_initials_is_not_taken() -> None:
    found = _discover(
        "A title\n\nMary Li, John Chen\n\nCitation: Li XD, Chen ZJ. 2012. A title.\n"
        "eLife 2012;1:e00102.\n"
    )
    assert found.paper["authors"].value[0] == {"family": "Li", "given": "X. D."}


@pytest.mark.parametrize(
    ("text", "licence"),
    [
        ("Published under a CC BY 4.0 licence.", "CC BY 4.0"),
        ("Licensed CC-BY-NC.", "CC BY-NC"),
        (
            "Creative Commons Attribution License (http://creativecommons.org/licenses/by/3.0/).",
            "CC BY 3.0",
        ),
    ],
)
def test_the_licence_is_read_from_the_first_page(text: str, licence: str) -> None:
    assert _discover(f"A title\n\n{text}\n\nThe text.\n").paper["licence"].value == licence


@pytest.mark.parametrize(
    ("masthead", "expected"),
    [
        (
            "傳播研究學刊　第12卷第3期（2024年9月）　頁45–47",
            {"journal": "傳播研究學刊", "volume": 12, "issue": 3, "year": 2024, "pages": "45–47"},
        ),
        (
            "传播与社会学刊，第 67 期（2024）",
            {"journal": "传播与社会学刊", "volume": 67, "year": 2024},
        ),
        (
            "《城乡社会研究》2023年第31卷第2期　第58—60页",
            {"journal": "城乡社会研究", "volume": 31, "issue": 2, "year": 2023, "pages": "58–60"},
        ),
        (
            "城乡社会研究 2023年 第31卷 第2期",
            {"journal": "城乡社会研究", "volume": 31, "issue": 2, "year": 2023},
        ),
        (  # an issue of its year, in a journal without volumes
            "《城乡社会研究》2023年第2期 第58—60页",
            {"journal": "城乡社会研究", "issue": 2, "year": 2023, "pages": "58–60"},
        ),
    ],
)
def test_a_chinese_journals_masthead_is_read(masthead: str, expected: dict) -> None:
    found = _discover(f"{masthead}\n\n都市步行與街道生活\n\n王明　李華\n\n正文一段。\n")
    assert {key: f.value for key, f in found.paper.items()} == expected
    assert {f.line for f in found.paper.values()} == {1}


def test_a_masthead_form_below_the_top_of_the_source_is_body_text() -> None:
    text = "標題\n\n" + "正文一段。\n\n" * 3 + "學刊　第3期（2020年）\n"
    assert _discover(text).paper == {}
    sentence = "本文討論第3期（2020年）的問題，頁5-9\n\n正文。\n"
    assert _discover(sentence).paper == {}


def test_an_abstract_in_a_second_language_after_the_references_is_read_too() -> None:
    text = (
        "學刊　第3卷第2期（2023年6月）\n\n街道生活\n\n摘要\n\n本文討論街道生活。\n\n"
        "一、導論\n\n街道是公共空間。\n\n參考文獻\n\n"
        "Jacobs, J. (1961). The death and life of great American cities. Random House.\n\n"
        "Street Life\n\nAbstract\n\nThis article discusses street life.\n\n"
        "Keywords: streets\n"
    )
    assert _discover(text).abstract == [7, 21]
