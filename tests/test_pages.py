"""The pages of one edition, built without MkDocs: what each kind of block becomes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import ROOT

from edition.annotation import annotate
from edition.site.context import site_edition
from edition.site.labels import label
from edition.site.pages import (
    about_page,
    glossary_page,
    home_page,
    references_page,
    text_page,
)
from edition.start import Options, new_edition

FIXTURE = ROOT / "tests" / "fixtures" / "en" / "elife-00007.ocr.txt"
BIB = ROOT / "tests" / "corpus" / "elife-2012-plant-ecology.bib"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("texts") / "schuman-2012"
    new_edition(
        folder,
        FIXTURE,
        BIB,
        Options(title="Herbivory-induced volatiles", authors=("Schuman, Meredith C",), year=2012),
    )
    return site_edition(annotate(folder), "")


def _soup(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(markdown, "html.parser")


def test_tables_become_tables_with_their_cells_and_links(site) -> None:
    soup = _soup(text_page(site, "en"))
    tables = soup.select("div.ed-table table")
    assert len(tables) == 3
    first = tables[0]
    rows = first.select("tbody tr")
    assert [td.get_text() for td in rows[0].select("td")] == ["Component", "Nanogram/20 μL lanolin"]
    assert rows[1].get_text(" ", strip=True) == "(Z)-hex-3-enal 3530"
    # Every row of the source is a row: none folded into prose, none lost.
    rows = sum(len(t.select("tr")) for t in tables)
    blocks = [b for b in site.annotated.document.blocks if b.kind.value == "table"]
    assert rows == sum(1 for b in blocks for row in b.cells if row)


def test_captions_and_headings_keep_their_kind_and_citations(site) -> None:
    soup = _soup(text_page(site, "en"))
    captions = soup.select("div.ed-caption > p")
    assert [c.get_text(" ", strip=True)[:8] for c in captions] == [
        "Table 1.",
        "Table 2.",
        "Table 3.",
        "Figure 7",
    ]
    assert captions[0].select_one("a.ed-cite")["data-key"] == "allmann2010"
    assert "## Manduca spp" in text_page(site, "en")


def test_the_source_is_described_by_what_was_measured(site) -> None:
    statement = _soup(home_page(site, "en")).select_one("p.ed-intro").get_text()
    assert "All of it reads as text." in statement
    assert "noise" not in statement and "bracket" not in statement
    about = _soup(about_page(site, "en")).get_text()
    assert "table 3" in about and "caption 4" in about


def test_a_page_marker_never_glues_two_words(site) -> None:
    text = _soup(text_page(site, "en")).get_text()
    assert "at a p. 8 similar size" in " ".join(text.split())


def test_a_page_break_inside_a_citation_is_marked_before_it(tmp_path: Path) -> None:
    # "Charo et al., ⏎[page] 2009": the marker sat inside the link ("Charo et al., p. 6 2009").
    source = tmp_path / "paper.txt"
    lines = ["Volatiles attract predators of the herbivores that feed on the plant, as shown"]
    lines += [f"in field line {n} of a long first page of text on this topic." for n in range(30)]
    lines += ["by earlier work (Degenhardt et al.,", "\f2009) and confirmed here.", ""]
    source.write_text("\n".join(lines), encoding="utf-8")
    bib = tmp_path / "refs.bib"
    shutil.copy(BIB, bib)
    folder = tmp_path / "texts" / "tiny"
    new_edition(folder, source, bib, Options(title="T", authors=("Doe, J",), year=2020))
    soup = _soup(text_page(site_edition(annotate(folder), ""), "en"))
    (link,) = [a for a in soup.select("a") if "Degenhardt" in a.get_text()]
    assert " ".join(link.get_text().split()) == "Degenhardt et al., 2009"
    marker = soup.select(".ed-page")[-1]
    assert marker.find_parent("a") is None
    assert "(Unnumbered page 2 Degenhardt et al., 2009)" in " ".join(soup.get_text().split())


def test_a_rule_line_makes_the_first_row_a_header(tmp_path: Path) -> None:
    source = tmp_path / "paper.txt"
    source.write_text(
        "A paragraph that ends here.\n\n| Genotype | n |\n|---|---|\n| WT | 26 |\n| irPI | 24 |\n\n"
        "Another paragraph that ends.\n",
        encoding="utf-8",
    )
    bib = tmp_path / "refs.bib"
    shutil.copy(BIB, bib)
    folder = tmp_path / "texts" / "tiny"
    new_edition(folder, source, bib, Options(title="T", authors=("Doe, J",), year=2020))
    soup = _soup(text_page(site_edition(annotate(folder), ""), "en"))
    table = soup.select_one("div.ed-table table")
    assert [th.get_text() for th in table.select("thead th")] == ["Genotype", "n"]
    assert [tr.get_text(" ", strip=True) for tr in table.select("tbody tr")] == ["WT 26", "irPI 24"]


def test_the_papers_own_reference_list_is_shown_and_never_linked_as_citations(
    tmp_path: Path,
) -> None:
    source = tmp_path / "paper.txt"
    source.write_text(
        "Predation rose (Allmann and Baldwin, 2010). A paragraph that ends.\n\nReferences\n\n"
        "Allmann, S., & Baldwin, I. T. (2010). Insects betray themselves in nature to\n"
        "predators by rapid isomerization of green leaf volatiles. Science, 329, 1075–1078.\n",
        encoding="utf-8",
    )
    bib = tmp_path / "refs.bib"
    shutil.copy(BIB, bib)
    folder = tmp_path / "texts" / "tiny"
    new_edition(folder, source, bib, Options(title="T", authors=("Doe, J",), year=2020))
    site = site_edition(annotate(folder), "")
    assert [o.line for o in site.annotated.occurrences] == [1]
    soup = _soup(text_page(site, "en"))
    (entry,) = soup.select("div.ed-reference")
    assert "Insects betray themselves" in entry.get_text()
    assert not entry.select("a.ed-cite")


def test_a_translated_title_is_for_the_readers_of_its_language(tmp_path: Path) -> None:
    source = tmp_path / "paper.txt"
    source.write_text("Predation rose (Allmann and Baldwin, 2010). A paragraph ends.\n", "utf-8")
    bib = tmp_path / "refs.bib"
    shutil.copy(BIB, bib)
    folder = tmp_path / "texts" / "tiny"
    new_edition(folder, source, bib, Options(title="Predation", authors=("Doe, J",), year=2020))
    (folder / "editorial").mkdir()
    (folder / "editorial" / "translation.yml").write_text(
        "language: zh-Hant\ntitle: 捕食\n", encoding="utf-8"
    )
    site = site_edition(annotate(folder), "")
    assert "捕食" not in home_page(site, "en")  # an English paper: its Chinese title is ours
    assert "捕食" in home_page(site, "zh-Hant")
    assert "捕食" in home_page(site, "zh-Hans")


def test_the_paper_is_cited_and_referenced_by_the_apa_renderer_whatever_its_names(
    tmp_path: Path,
) -> None:
    source = tmp_path / "paper.txt"
    source.write_text("Predation rose (Allmann and Baldwin, 2010). A paragraph ends.\n", "utf-8")
    bib = tmp_path / "refs.bib"
    shutil.copy(BIB, bib)
    folder = tmp_path / "texts" / "lin-chou-2024"
    options = Options(title="屋苑", authors=("林, 思遠", "周, 雅文"), year=2024, journal="學刊")
    new_edition(folder, source, bib, options)
    config = folder / "edition.yml"
    config.write_text(
        config.read_text("utf-8").replace("  language:", "  pages: 45–47\n  language:"),
        "utf-8",
    )
    site = site_edition(annotate(folder), "")
    assert site.paper_cited == "林思遠 and 周雅文 (2024)"  # names in Han script in full
    assert site.paper_apa.text.endswith("學刊, 45–47.")
    assert 'pages = "45--47"' in site.paper_bibtex  # BibTeX's range


def test_every_simplified_label_is_simplified_in_mainland_wording() -> None:
    import opencc

    from edition.site.labels import label, labels

    to_simplified = opencc.OpenCC("t2s.json")
    for key in labels():
        text = label("zh-Hans", key)
        assert to_simplified.convert(text) == text, key
    assert label("zh-Hans", "refs.scholar") == "Google 学术搜索"  # not Taiwan's 搜寻
    assert label("zh-Hans", "refs.link") == "链接"  # not 连结
    assert label("zh-Hans", "copy") == "复制"  # given: tw2sp would say 拷贝


def test_each_version_names_the_journal_in_its_language_first(tmp_path: Path) -> None:
    source = tmp_path / "paper.txt"
    source.write_text("Predation rose (Allmann and Baldwin, 2010). A paragraph ends.\n", "utf-8")
    bib = tmp_path / "refs.bib"
    shutil.copy(BIB, bib)
    folder = tmp_path / "texts" / "lin-2024"
    options = Options(title="屋苑群組", authors=("林, 思遠",), year=2024, journal="傳播學刊")
    new_edition(folder, source, bib, options)
    config = folder / "edition.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  language:", "  journal_names: {en: Journal of Communication}\n  language:"
        ),
        "utf-8",
    )
    site = site_edition(annotate(folder), "")
    published = {
        lang: _soup(home_page(site, lang)).find("dt", string=label(lang, "home.published"))
        for lang in ("en", "zh-Hant", "zh-Hans")
    }
    texts = {lang: dt.find_next_sibling("dd").get_text() for lang, dt in published.items()}
    assert texts["en"].startswith("Journal of Communication (傳播學刊)")
    assert texts["zh-Hant"].startswith("傳播學刊（Journal of Communication）")
    assert texts["zh-Hans"].startswith("传播学刊（Journal of Communication）")
    assert "屋苑群组" in home_page(site, "zh-Hans")  # the title in the version's script


def test_an_unpublished_paper_is_never_said_to_be_published(tmp_path: Path) -> None:
    specimen = tmp_path / "specimen-zh"
    shutil.copytree(ROOT / "texts" / "specimen-zh", specimen)
    config = specimen / "edition.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  status: unpublished", "  status: unpublished\n  journal: 學刊\n  volume: 3"
        ),
        "utf-8",
    )
    annotated = annotate(specimen)
    site = site_edition(annotated, "")
    for lang in ("en", "zh-Hant", "zh-Hans"):
        page = home_page(site, lang)
        assert label(lang, "home.unpublished") in page
        assert label(lang, "home.published") not in page
        assert "學刊" not in page.replace("本版", "")  # the journal given by mistake: not shown
    assert site.paper_apa.text.endswith("[Unpublished manuscript].")
    assert site.paper_bibtex.startswith("@unpublished{")
    assert "citation_journal_title" not in home_page(site, "en")


def test_publication_fields_of_an_unpublished_paper_are_warned_of(tmp_path: Path) -> None:
    from edition.annotation import check_edition

    specimen = tmp_path / "specimen-zh"
    shutil.copytree(ROOT / "texts" / "specimen-zh", specimen)
    config = specimen / "edition.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  status: unpublished", "  status: unpublished\n  doi: 10.1000/x"
        ),
        "utf-8",
    )
    _, problems = check_edition(specimen)
    warned = [p for p in problems if "paper.doi" in p.message]
    assert len(warned) == 1 and warned[0].severity == "warning" and warned[0].line is not None


def test_a_parallel_title_is_the_papers_own_in_every_version_and_in_its_apa_reference(
    tmp_path: Path,
) -> None:
    source = tmp_path / "paper.txt"
    source.write_text("Predation rose (Allmann and Baldwin, 2010). A paragraph ends.\n", "utf-8")
    bib = tmp_path / "refs.bib"
    shutil.copy(BIB, bib)
    folder = tmp_path / "texts" / "lin-2024"
    options = Options(title="屋苑群組", authors=("林, 思遠",), year=2024, journal="學刊")
    new_edition(folder, source, bib, options)
    config = folder / "edition.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  language: en", "  parallel_titles: {en: Estate <groups>}\n  language: zh-Hant"
        ),
        "utf-8",
    )
    site = site_edition(annotate(folder), "")
    for lang in ("en", "zh-Hant", "zh-Hans"):
        shown = _soup(home_page(site, lang)).select_one("p.ed-parallel-title")
        assert shown.select_one('span[lang="en"]').get_text() == "Estate <groups>"
        assert shown.select_one(".ed-label").get_text() == label(
            lang, "home.parallel-title"
        ).format(language=label(lang, "in-language.en"))
    assert site.paper_apa.text.startswith("林思遠. (2024). 屋苑群組 [Estate <groups>]. 學刊")
    assert "[Estate" not in site.paper_bibtex  # the bracket is APA's, not the title


def test_a_simplified_paper_is_shown_in_traditional_in_the_traditional_version(
    tmp_path: Path,
) -> None:
    source = tmp_path / "paper.txt"
    source.write_text(
        "县城青年的强关系与弱关系（Allmann and Baldwin, 2010）。这是一段正文。\n", "utf-8"
    )
    bib = tmp_path / "refs.bib"
    shutil.copy(BIB, bib)
    folder = tmp_path / "texts" / "li-2023"
    options = Options(title="强关系与弱关系", authors=("李, 明华",), year=2023, language="zh-Hans")
    new_edition(folder, source, bib, options)
    config = folder / "edition.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  language:", "  keywords: [强关系, 弱关系]\n  language:"
        ),
        "utf-8",
    )
    site = site_edition(annotate(folder), "")
    hant = home_page(site, "zh-Hant")
    assert "# 強關係與弱關係 {" in hant  # the title (its metadata stays as published)
    assert "<p>強關係、弱關係</p>" in hant  # the keywords, whole and joined as printed
    assert "<p>强关系、弱关系</p>" in home_page(site, "zh-Hans")
    text = _soup(text_page(site, "zh-Hant"))
    block = text.select_one(".ed-block[lang]")
    assert block["lang"] == "zh-Hant" and "縣城青年的強關係" in block.get_text()
    assert "Allmann and Baldwin, 2010" in block.get_text()  # the citation as printed
    assert label("zh-Hant", "nav.text") in text_page(site, "zh-Hant")  # labels unchanged


def test_one_work_has_one_entry_in_the_volume_whether_or_not_a_bibliography_gives_its_doi() -> None:
    from types import SimpleNamespace

    from edition.bibliography import Name, Reference
    from edition.site.pages import Volume, _works

    def edition(name: str, refs: dict[str, str | None]) -> SimpleNamespace:
        entries = {}
        for key, doi in refs.items():
            fields = {"title": "The strength of weak ties", "year": "1973"}
            if doi:
                fields["doi"] = doi
            names = (Name("Granovetter", "Mark S."),)
            entries[key] = Reference(
                key, "article", names, "1973", fields["title"], fields, 1, {"author": names}
            )
        return SimpleNamespace(
            id=name, bib=entries, references=[SimpleNamespace(key=k) for k in refs]
        )

    a = edition("a", {"g1": "10.1086/225469"})
    b = edition("b", {"g2": None})
    c = edition("c", {"g3": "10.9999/preprint"})
    groups = _works(Volume((a, b, c)))
    assert [[key for _, key in group] for group in groups] == [["g1", "g2"], ["g3"]]


@pytest.mark.parametrize(
    ("note", "shown"),
    [
        ("Editors' note: the source keeps only the year.", "the source keeps only the year."),
        ("editors’ note：see p. 3", "see p. 3"),
        ("編者附註：見第 3 頁。", "見第 3 頁。"),
        ("A note that names the editors' note: kept whole.", None),
    ],
)
def test_a_note_is_not_labelled_twice(note: str, shown: str | None) -> None:
    from edition.site.pages import _unlabelled

    assert _unlabelled(note) == (shown if shown is not None else note)


def test_the_glossary_and_the_references_list_each_line_once(tmp_path: Path) -> None:
    # A term or a work twice on one line was listed "line 53, line 53": two links alike.
    folder = tmp_path / "specimen-zh"
    shutil.copytree(ROOT / "texts" / "specimen-zh", folder)
    source = folder / "source.txt"
    twice = "影響弱連結（Granovetter, 1973）與弱連結（Granovetter, 1973）能否"
    source.write_text(source.read_text("utf-8").replace("影響弱連結能否", twice), "utf-8")
    line = next(n for n, t in enumerate(source.read_text("utf-8").splitlines(), 1) if twice in t)
    site = site_edition(annotate(folder), "")
    entry = next(s for s in glossary_page(site, "en").split("\n## ") if "{ #term-weak-ties " in s)
    places = [a.get_text() for a in _soup(entry).select("a[href*='text']")]
    assert places.count(f"line {line}") == 1
    assert places == sorted(set(places), key=lambda place: int(place.split()[-1]))
    cited = _soup(references_page(site, "en")).find(id="ref-granovetter1973")
    backlinks = [a.get_text() for a in cited.select("a.ed-backlink")]
    assert backlinks.count(f"line {line}") == 1 and len(backlinks) == len(set(backlinks))
    assert "×2" in cited.get_text() or "×3" in cited.get_text()  # the citations are counted
